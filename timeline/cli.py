"""The `timeline` command: a thin typer layer over the Python API.

Exit codes (also in README): 0 ok; 1 a check failed (eval floors) or a batch
record failed; 2 usage (bad option, bad publication date); 3 unreadable input;
4 an output could not be written; 130 interrupted.
"""

from __future__ import annotations

import importlib
import json
import re
import signal
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
import typer.core

from timeline.read import (
    EXIT_BAD_INPUT,
    EXIT_CANNOT_WRITE,
    EXIT_FAILED_CHECK,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    InputError,
)


#: click's exceptions, from where typer takes its own (typer 0.28 carries its own copy of click).
_click_errors = importlib.import_module(typer.BadParameter.__module__)


class _OneLineErrors(typer.core.TyperGroup):
    """The command group, with click's usage errors (a missing argument, an unknown or
    out-of-range option) printed as every other error is: one line, `timeline: error: …`,
    exit 2 (click would print a usage line, a hint and a framed message)."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except getattr(_click_errors, "NoArgsIsHelpError", ()) as error:  # `timeline` alone: the help
            typer.echo(error.ctx.get_help())
            code = error.exit_code
        except _click_errors.ClickException as error:
            where = f" (see: {error.ctx.command_path} --help)" if getattr(error, "ctx", None) else ""
            typer.echo(f"timeline: error: {error.format_message()}{where}", err=True)
            code = error.exit_code
        except typer.Abort:
            typer.echo("timeline: interrupted", err=True)
            code = EXIT_INTERRUPTED
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            typer.echo("timeline: interrupted", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None


app = typer.Typer(
    cls=_OneLineErrors,
    add_completion=False,
    no_args_is_help=True,
    help="Turn a news article and its publication date into an ordered timeline of events.",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: The extensions a figure option's file may have (the figure's format is read from it).
_FIGURE_OPTIONS = {"--png": (".png",), "--svg": (".svg",), "--pdf": (".pdf",), "--output": (".png", ".svg", ".pdf")}


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"timeline: error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from timeline import __version__

        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """timeline: article + publication date -> resolved, ordered events (JSON, figures)."""


def _check_output_folder(path: Optional[str]) -> None:
    if path and path != "-":
        folder = Path(path).parent
        if str(folder) and not folder.is_dir():
            raise _fail(f"{path}: the folder {folder} does not exist", EXIT_CANNOT_WRITE)
        if Path(path).is_dir():
            raise _fail(f"{path}: is a directory", EXIT_CANNOT_WRITE)


def _check_outputs(source: str, outputs: dict[str, Optional[str]]) -> None:
    """Refuse (usage) an empty name, an output that is the input, two outputs that are
    one file, and a figure whose extension is not its option's (the format is read from
    the extension: --svg x.png would write a PNG)."""
    from timeline.export import same_file

    given = [(option, path) for option, path in outputs.items() if path is not None]
    for index, (option, path) in enumerate(given):
        if not path:  # an unset shell variable, most likely: not "no output", not stdout
            raise _fail(f"{option}: the file name is empty", EXIT_USAGE)
        if same_file(path, source):
            raise _fail(f"{option} {path} is the input file: it would be overwritten; choose another name", EXIT_USAGE)
        if option in _FIGURE_OPTIONS and Path(path).suffix.lower() not in _FIGURE_OPTIONS[option]:
            raise _fail(f"{option} {path}: a figure must end in {' or '.join(_FIGURE_OPTIONS[option])}", EXIT_USAGE)
        for other, other_path in given[:index]:
            if same_file(path, other_path):
                raise _fail(f"{other} and {option} name the same file {path}", EXIT_USAGE)


def _skip_matplotlib_setter_docs() -> None:
    """Importing matplotlib writes a docstring for the set() of each of its ~100 artist
    classes, a fifth of a second that a command drawing one figure does not need.

    Done only here, in the command's own process: a program that imports timeline as a
    library keeps matplotlib as it is. Where matplotlib is already imported, or works
    otherwise, this changes nothing."""
    import sys

    if "matplotlib.figure" in sys.modules:
        return
    import matplotlib.artist

    if hasattr(matplotlib.artist, "kwdoc"):
        matplotlib.artist.kwdoc = lambda artist: ""


def _write(path: str, text: str) -> None:
    from timeline.export import write_text

    try:
        write_text(path, text)
    except OSError as error:
        raise _fail(f"{path}: cannot write ({error.strerror or error})", EXIT_CANNOT_WRITE) from None


#: The renderer's parameters, which its messages about them begin with ("width must be …"):
#: the command line names the option instead ("--width must be …").
_RENDER_PARAMETER = re.compile(r"^(width|height|dpi|theme|max_label_chars|max_events)\b")


def _draw(timeline_dict: dict, path: str, source: Optional[str], **options: object) -> None:
    """Draw a timeline that check_timeline accepts to a path _check_outputs accepts: a
    ValueError left is an option the figure cannot take (a width out of range, a height
    too small for its lanes)."""
    _skip_matplotlib_setter_docs()
    from timeline.render import save_figure

    try:
        save_figure(timeline_dict, path, source=source, **options)  # type: ignore[arg-type]
    except ValueError as error:
        message = _RENDER_PARAMETER.sub(lambda m: "--" + m[1].replace("_", "-"), str(error))
        raise _fail(message, EXIT_USAGE) from None
    except OSError as error:
        raise _fail(f"{path}: cannot write ({error.strerror or error})", EXIT_CANNOT_WRITE) from None


def _write_html(timeline_dict: dict, path: str, source: Optional[str], inferred: bool) -> None:
    from timeline.page import to_html

    try:
        page = to_html(timeline_dict, inferred=inferred, source=source)
    except ValueError as error:
        raise _fail(f"{path}: {error}", EXIT_BAD_INPUT) from None
    _write(path, page)


_RENDER_WANTS = "render draws the timeline JSON that `timeline build --json` writes"


def _read_timeline_json(path: str) -> dict:
    """The timeline JSON that `render` draws; unreadable input (exit 3) for anything else,
    saying what the file looks like where it is another of our outputs."""
    from timeline.read import read_article
    from timeline.render import check_timeline

    name = "stdin" if path == "-" else path
    try:
        text = read_article(path)
    except InputError as error:
        raise _fail(str(error), error.exit_code) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        looks = _text_looks_like(text)
        if looks:
            raise _fail(f"{name}: this looks like {looks}; {_RENDER_WANTS}", EXIT_BAD_INPUT) from None
        raise _fail(f"{name}: not valid JSON ({error.msg}, line {error.lineno}); {_RENDER_WANTS}", EXIT_BAD_INPUT) from None
    except RecursionError:
        raise _fail(f"{name}: not valid JSON (nested too deeply)", EXIT_BAD_INPUT) from None
    looks = _json_looks_like(data)
    if looks:
        raise _fail(f"{name}: this looks like {looks}; {_RENDER_WANTS}", EXIT_BAD_INPUT)
    try:
        check_timeline(data)
    except ValueError as error:
        raise _fail(f"{name}: {error} ({_RENDER_WANTS})", EXIT_BAD_INPUT) from None
    return data


def _text_looks_like(text: str) -> Optional[str]:
    """What a file that is not JSON seems to be, if it is another of our outputs."""
    if text.lstrip().startswith("<"):
        return "XML (TimeML, as `timeline build --timeml` writes?), not JSON"
    try:
        first = json.loads(text.lstrip().partition("\n")[0])
    except (ValueError, RecursionError):
        return None
    return _json_looks_like(first)


def _json_looks_like(data: Any) -> Optional[str]:
    """What JSON that is not a timeline seems to be, if it is another of our outputs."""
    if not isinstance(data, dict) or "document" in data:
        return None
    if "line" in data and ("timeline" in data or "error" in data):
        return "the output of `timeline batch` (JSON Lines: each line's \"timeline\" is one timeline JSON)"
    slides = data.get("events")
    if isinstance(data.get("title"), dict) or (isinstance(slides, list) and any(isinstance(e, dict) and "start_date" in e for e in slides)):
        return "a TimelineJS file (as `timeline build --timelinejs` writes)"
    return None


@app.command()
def build(
    article: Annotated[str, typer.Argument(help="The article as a text file, or - for standard input.")],
    published: Annotated[
        Optional[str], typer.Option("--published", "-p", help="Publication date: YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
    ] = None,
    json_out: Annotated[Optional[str], typer.Option("--json", help="Write the timeline JSON here (- for stdout).")] = None,
    png: Annotated[Optional[str], typer.Option("--png", help="Draw the timeline as PNG here.")] = None,
    svg: Annotated[Optional[str], typer.Option("--svg", help="Draw the timeline as SVG here.")] = None,
    pdf: Annotated[Optional[str], typer.Option("--pdf", help="Draw the timeline as PDF here.")] = None,
    timelinejs: Annotated[
        Optional[str], typer.Option("--timelinejs", help="Write Knight Lab TimelineJS3 JSON here (- for stdout).")
    ] = None,
    timeml: Annotated[
        Optional[str], typer.Option("--timeml", help="Write TimeML 1.2.1 (.tml, inline TIMEX3) here (- for stdout).")
    ] = None,
    html_out: Annotated[Optional[str], typer.Option("--html", help="Write the timeline as one self-contained HTML page here.")] = None,
    max_events: Annotated[
        Optional[int], typer.Option("--max-events", min=1, max=200, help="Events a figure draws at most, the most salient first (default: from the width).")
    ] = None,
    inferred: Annotated[bool, typer.Option("--inferred", help="Also draw events whose date is inferred.")] = False,
    title: Annotated[Optional[str], typer.Option("--title", help="The article's title (default: its first line, when that reads as a headline).")] = None,
    encoding: Annotated[str, typer.Option("--encoding", help="Text encoding of the article.")] = "utf-8",
    errors: Annotated[
        str, typer.Option("--errors", help="strict: stop at bytes that do not decode; replace: read them as U+FFFD.")
    ] = "strict",
) -> None:
    """Build the timeline of an article: JSON (default: to stdout) and figures."""
    from timeline import build_timeline
    from timeline.read import article_title, read_article

    if published is None:
        raise _fail("--published is required (the article's publication date, YYYY-MM-DD)", EXIT_USAGE)
    if errors not in {"strict", "replace"}:
        raise _fail("--errors must be strict or replace", EXIT_USAGE)
    if [json_out, timelinejs, timeml].count("-") > 1:
        raise _fail("only one of --json, --timelinejs and --timeml can be - (stdout)", EXIT_USAGE)
    for path in (json_out, timelinejs, timeml, png, svg, pdf, html_out):
        _check_output_folder(path)
    outputs = {"--json": json_out, "--timelinejs": timelinejs, "--timeml": timeml, "--png": png, "--svg": svg, "--pdf": pdf, "--html": html_out}
    _check_outputs(article, outputs)
    try:
        text = read_article(article, encoding=encoding, errors=errors)
        timeline = build_timeline(text, published, title=article_title(text, title))
    except InputError as error:
        raise _fail(str(error), error.exit_code) from None
    as_dict = timeline.to_dict()
    if json_out or not (png or svg or pdf or timelinejs or timeml or html_out):
        _write(json_out or "-", timeline.to_json())
    if timelinejs or timeml:
        from timeline.formats import to_timelinejs_json, to_timeml

        if timelinejs:
            _write(timelinejs, to_timelinejs_json(timeline, text))
        if timeml:
            _write(timeml, to_timeml(timeline, text, docid="" if article == "-" else Path(article).stem))
    source = None if article == "-" else Path(article).name
    if html_out:
        _write_html(as_dict, html_out, source, inferred)
    for path in (png, svg, pdf):
        if path:
            _draw(as_dict, path, source, max_events=max_events, inferred=inferred)


@app.command()
def resolve(
    phrase: Annotated[str, typer.Argument(help='A phrase or sentence, e.g. "last summer".')],
    published: Annotated[Optional[str], typer.Option("--published", "-p", help="Reference date, YYYY-MM-DD.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the expressions as JSON.")] = False,
) -> None:
    """Resolve the temporal expressions of a phrase against a date."""
    from timeline import resolve_phrase

    if published is None:
        raise _fail("--published is required (the reference date, YYYY-MM-DD)", EXIT_USAGE)
    try:
        expressions = resolve_phrase(phrase, published)
    except InputError as error:
        raise _fail(str(error), error.exit_code) from None
    if as_json:
        typer.echo(json.dumps([e.to_dict() for e in expressions], indent=2, ensure_ascii=False))
        return
    if not expressions:
        typer.echo("no temporal expression found", err=True)
        return
    for e in expressions:
        span = f"[{e.interval.start.isoformat()} .. {e.interval.end.isoformat()})" if e.interval else ""
        mod = f" mod={e.mod}" if e.mod else ""
        typer.echo(f"{e.text}\t{e.type}\t{e.value}{mod}\t{e.grain or '-'}\t{span}".rstrip())


@app.command()
def render(
    timeline_json: Annotated[str, typer.Argument(help="A timeline JSON file (our schema), or - for stdin.")],
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="The figure to write: .png, .svg or .pdf.")] = None,
    html_out: Annotated[Optional[str], typer.Option("--html", help="Write the timeline as one self-contained HTML page here.")] = None,
    width: Annotated[Optional[float], typer.Option("--width", help="Width in inches.")] = None,
    height: Annotated[Optional[float], typer.Option("--height", help="Height in inches (default: from the lanes).")] = None,
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of PNG output.")] = 150,
    theme: Annotated[str, typer.Option("--theme", help="light or dark.")] = "light",
    max_label_chars: Annotated[int, typer.Option("--max-label-chars", help="Longest label before an ellipsis.")] = 90,
    max_events: Annotated[
        Optional[int], typer.Option("--max-events", min=1, max=200, help="Events drawn at most, the most salient first (default: from the width).")
    ] = None,
    inferred: Annotated[bool, typer.Option("--inferred", help="Also draw events whose date is inferred.")] = False,
) -> None:
    """Draw a timeline JSON file as a figure (-o) and/or an HTML page (--html)."""
    if theme not in {"light", "dark"}:
        raise _fail("--theme must be light or dark", EXIT_USAGE)
    _check_outputs(timeline_json, {"--output": output, "--html": html_out})
    if not (output or html_out):
        raise _fail("give --output FIGURE and/or --html PAGE", EXIT_USAGE)
    _check_output_folder(output)
    _check_output_folder(html_out)
    data = _read_timeline_json(timeline_json)
    source = None if timeline_json == "-" else Path(timeline_json).name
    if html_out:
        _write_html(data, html_out, source, inferred)
    if output:
        _draw(
            data, output, source, width=width, height=height, dpi=dpi, theme=theme, max_label_chars=max_label_chars,
            max_events=max_events, inferred=inferred,
        )


@app.command()
def batch(
    articles: Annotated[str, typer.Argument(help='JSON Lines, one {"id", "title", "text", "published"} a line; - for stdin.')],
    out: Annotated[str, typer.Option("--out", "-o", help="The timelines, one JSON line per record, in input order (- for stdout).")],
    png_dir: Annotated[Optional[str], typer.Option("--png-dir", help="Also draw each timeline as DIR/<id>.png.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-j", min=1, help="Worker processes (default: all cores).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run from OUT.partial.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local (processes on this machine) or dask.")] = "local",
    scheduler: Annotated[
        Optional[str], typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster).")
    ] = None,
) -> None:
    """Build the timelines of many articles. Exit 1 if any record failed (its line says why)."""
    from timeline.batch import BatchError, BatchInterrupted, run_batch

    if engine not in {"local", "dask"}:
        raise _fail("--engine must be local or dask", EXIT_USAGE)
    if scheduler and engine != "dask":
        raise _fail("--scheduler needs --engine dask", EXIT_USAGE)
    _check_output_folder(out)
    try:
        summary = run_batch(
            articles, out, workers=workers, quiet=quiet, resume=resume, engine=engine, scheduler=scheduler, png_dir=png_dir
        )
    except BatchError as error:
        raise _fail(str(error), error.exit_code) from None
    except BatchInterrupted as stop:
        where = f"; {stop.partial} holds them: run again with --resume to continue" if stop.partial else ""
        typer.echo(f"timeline: interrupted after {stop.written} records{where}", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not quiet:
        resumed = f" ({summary.skipped} done before)" if summary.skipped else ""
        typer.echo(
            f"timeline: {summary.records} records{resumed}, {summary.failed} failed, {summary.seconds:.1f} s", err=True
        )
    raise typer.Exit(EXIT_FAILED_CHECK if summary.failed else 0)


@app.command()
def story(
    articles: Annotated[
        list[str], typer.Argument(help="JSON Lines files of articles (as for batch), folders of text files dated by their path, or - for stdin.")
    ],
    query: Annotated[Optional[str], typer.Option("--query", help="Keep what is about this topic (its words in the sentence or the article).")] = None,
    dates: Annotated[Optional[int], typer.Option("--dates", min=1, help="How many dates (default: those two articles from different days refer to, at most 25).")] = None,
    per_date: Annotated[Optional[int], typer.Option("--per-date", min=1, help="Entries per date (default 1).")] = None,
    since: Annotated[Optional[str], typer.Option("--from", help="First day (YYYY-MM-DD) of publication and of the events kept.")] = None,
    until: Annotated[Optional[str], typer.Option("--to", help="Last day (YYYY-MM-DD) of publication and of the events kept.")] = None,
    json_out: Annotated[Optional[str], typer.Option("--json", help="Write the story JSON here (- for stdout).")] = None,
    png: Annotated[Optional[str], typer.Option("--png", help="Draw the story as a figure here (.png, .svg or .pdf).")] = None,
    timelinejs: Annotated[Optional[str], typer.Option("--timelinejs", help="Write Knight Lab TimelineJS3 JSON here (- for stdout).")] = None,
    txt: Annotated[Optional[str], typer.Option("--txt", help="Write the story in Timeline17's plain-text format here (- for stdout).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", "-j", min=1, help="Worker processes (default: all cores).")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local (processes on this machine) or dask.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines or summary.")] = False,
) -> None:
    """One timeline from many articles. Exit 1 if any record failed (each says why on stderr)."""
    from timeline.batch import BatchError
    from timeline.story import StoryError, as_timeline, build_story, progress_printer, title_of, to_text

    if engine not in {"local", "dask"}:
        raise _fail("--engine must be local or dask", EXIT_USAGE)
    if scheduler and engine != "dask":
        raise _fail("--scheduler needs --engine dask", EXIT_USAGE)
    if [json_out, timelinejs, txt].count("-") > 1:
        raise _fail("only one of --json, --timelinejs and --txt can be - (stdout)", EXIT_USAGE)
    if articles.count("-") > 1:
        raise _fail("- (stdin) can be given once", EXIT_USAGE)
    for path in (json_out, png, timelinejs, txt):
        _check_output_folder(path)
        if path and path != "-" and any(path == a or Path(path).resolve() == Path(a).resolve() for a in articles if a != "-"):
            raise _fail(f"{path}: is an input; the story is never written over its articles", EXIT_USAGE)

    def failure(bad: object) -> None:
        typer.echo(f"timeline: error: {bad.where}: {bad.message}", err=True)  # type: ignore[attr-defined]

    try:
        result = build_story(
            articles,
            query=query,
            dates=dates,
            per_date=per_date,
            since=since,
            until=until,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            on_failure=failure,
            on_progress=None if quiet else progress_printer(sys.stderr),
        )
    except (StoryError, BatchError) as error:
        raise _fail(str(error), error.exit_code) from None
    if json_out or not (png or timelinejs or txt):
        _write(json_out or "-", result.to_json())
    if txt:
        _write(txt, to_text(result))
    if timelinejs or png:
        timeline = as_timeline(result)
        if timelinejs:
            from timeline.formats import to_timelinejs_json

            _write(timelinejs, to_timelinejs_json(timeline, title_of(result)))
        if png:
            _draw(timeline.to_dict(), png, None)
    if not quiet:
        entries = sum(len(d.entries) for d in result.dates)
        typer.echo(
            f"timeline: story: {result.articles + result.failed} articles, {result.failed} failed; "
            f"{len(result.dates)} dates, {entries} entries",
            err=True,
        )
    raise typer.Exit(EXIT_FAILED_CHECK if result.failed else 0)


@app.command()
def schema(
    story_schema: Annotated[bool, typer.Option("--story", help="The schema of `timeline story`'s JSON instead.")] = False,
) -> None:
    """Print the JSON Schema of the timeline format (--story: of the story format)."""
    if story_schema:
        from timeline.story import schema_text as story_schema_text

        typer.echo(story_schema_text(), nl=False)
        return
    from timeline.export import schema_text

    typer.echo(schema_text(), nl=False)


@app.command("eval")
def evaluate(
    gold: Annotated[list[str], typer.Argument(help="TimeML .tml files or folders, or case files (.tsv).")],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss, spurious expression and wrong value.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    min_value_f1: Annotated[Optional[float], typer.Option("--min-value-f1", help="Fail (exit 1) below this value F1.")] = None,
    min_relaxed_f1: Annotated[Optional[float], typer.Option("--min-relaxed-f1", help="Fail below this relaxed F1.")] = None,
    min_strict_f1: Annotated[Optional[float], typer.Option("--min-strict-f1", help="Fail below this strict F1.")] = None,
    min_type_f1: Annotated[Optional[float], typer.Option("--min-type-f1", help="Fail below this type F1.")] = None,
    min_pass_rate: Annotated[
        Optional[float], typer.Option("--min-pass-rate", help="Case files: fail below this percentage of passing cases.")
    ] = None,
    events: Annotated[
        bool, typer.Option("--events", help="Score the events instead: extraction (TE3 Task B) and anchoring to times.")
    ] = False,
    min_event_f1: Annotated[
        Optional[float], typer.Option("--min-event-f1", help="--events: fail below this relaxed extraction F1.")
    ] = None,
    min_anchor_recall: Annotated[
        Optional[float], typer.Option("--min-anchor-recall", help="--events: fail below this anchoring recall.")
    ] = None,
    min_anchor_precision: Annotated[
        Optional[float], typer.Option("--min-anchor-precision", help="--events: fail below this anchoring precision.")
    ] = None,
    story_gold: Annotated[
        bool, typer.Option("--story", help="GOLD are journalists' timelines (Timeline17 format); score --system stories against them.")
    ] = False,
    system: Annotated[
        Optional[list[str]], typer.Option("--system", help="With --story: a story (--txt or --json output) per gold timeline, in order.")
    ] = None,
) -> None:
    """Score timeline against gold TimeML (TempEval-3 Task A; with --events, its events) or case
    files; --story: stories against gold timelines."""
    if story_gold or system:
        _eval_story(gold, system or [], as_json)
        return
    from timeline.evaluate import EvalInputError, run_eval
    from timeline.evaluate_events import run_event_eval

    # (option, score, value): the floors of each kind of scoring.
    timex_floors = [
        ("--min-value-f1", "value_f1", min_value_f1),
        ("--min-relaxed-f1", "relaxed_f1", min_relaxed_f1),
        ("--min-strict-f1", "strict_f1", min_strict_f1),
        ("--min-type-f1", "type_f1", min_type_f1),
        ("--min-pass-rate", "case_pass_rate", min_pass_rate),
    ]
    event_floors = [
        ("--min-event-f1", "event_relaxed_f1", min_event_f1),
        ("--min-anchor-recall", "anchor_recall", min_anchor_recall),
        ("--min-anchor-precision", "anchor_precision", min_anchor_precision),
    ]
    misplaced = [option for option, _, value in (timex_floors if events else event_floors) if value is not None]
    if misplaced:
        raise _fail(f"{misplaced[0]} {'does not apply to' if events else 'needs'} --events", EXIT_USAGE)
    floors = {name: value for _, name, value in (event_floors if events else timex_floors) if value is not None}
    try:
        if events:
            output, code = run_event_eval(list(gold), errors=errors, as_json=as_json, floors=floors)
        else:
            output, code = run_eval(list(gold), errors=errors, as_json=as_json, floors=floors)
    except (EvalInputError, InputError, ValueError) as error:
        raise _fail(str(error), EXIT_BAD_INPUT) from None
    typer.echo(output, nl=not output.endswith("\n"))
    raise typer.Exit(code)


def _eval_story(gold: list[str], system: list[str], as_json: bool) -> None:
    from timeline.story_score import ScoreError, report

    if len(system) != len(gold):
        raise _fail(f"--story needs one --system story per gold timeline ({len(gold)} gold, {len(system)} --system)", EXIT_USAGE)
    try:
        typer.echo(report(list(zip(gold, system)), as_json=as_json), nl=False)
    except ScoreError as error:
        raise _fail(str(error), EXIT_BAD_INPUT) from None


def main() -> None:
    """Entry point: user errors end in one line on stderr, never a traceback."""
    # Leave SIGPIPE to the shell (`timeline build a.txt | head` stays quiet).
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except KeyboardInterrupt:  # before a command runs (while its modules are imported)
        typer.echo("timeline: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
