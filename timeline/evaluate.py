"""Score the recognizer: TempEval-3 Task A on TimeML files, and the project's case corpus.

TimeML scoring (``evaluate_timeml``)
====================================
Per document, gold TIMEX3s (from ``<TEXT>``; the DCT is not scored) are paired
one-to-one with the system's expressions:

1. pairs with exactly the same span are made first;
2. then, in document order, each unpaired gold timex takes the first unpaired
   system expression that shares at least one character with it.

*strict* matches are pairs with the same start and end, *relaxed* matches are
all pairs. P = matches / system count, R = matches / gold count, F1 their
harmonic mean. Type and value are compared (exact strings) on relaxed pairs.

Attribute F1 follows the official TempEval-3 scorer: accuracy over relaxed
matches times relaxed F1, ``attr_F1 = correct / relaxed * relaxed_F1``. With
one-to-one pairing this is the same number as the F1 of ``attr_P = correct /
system`` and ``attr_R = correct / gold``: both equal ``2 * correct / (gold +
system)``. As in the TE3 scorer, counts are summed over all documents before
any ratio is taken (micro average), and a run with no gold and no system
timexes scores 1.0. The mod attribute is not a TE3 score; its accuracy over
relaxed pairs is reported alongside, for information.

``DEFAULT_EXCLUDED`` lists files skipped when a folder is scored; a file named
explicitly is always scored.

Case files (``evaluate_cases``)
===============================
UTF-8 TSV files; lines starting with ``#`` and blank lines are ignored. Files
whose name starts with ``negative`` hold negative cases; all others positive.

Positive: ``text<TAB>published<TAB>type<TAB>value[<TAB>mod]``
    ``text`` is a phrase or sentence in which the expected expression is marked
    with one pair of ``[`` ``]`` (no brackets: the whole text is the expected
    expression). The brackets are removed before building. ``published`` is
    YYYY-MM-DD. The case passes when the build yields an expression with exactly
    that span, type and value, and, when the mod column is present, that mod
    (``-`` means the mod must be None; no mod column means mod is not checked).

Negative: ``text<TAB>published``
    With a bracketed part, no expression may overlap it; without brackets, the
    build must yield no expression at all.

The text may not otherwise contain ``[``, ``]`` or tabs.

Predictors
==========
A predictor is any callable ``(text, published) -> sequence of objects with
start, end, type, value`` (and optionally ``mod``), where ``published`` is
``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``. The default runs
``timeline.build_timeline``. A predictor that raises on a document is recorded
as a "crash" error and treated as having found nothing there.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from timeline.timeml import GoldTimex, TimeMLDocument, TimeMLError, read_timeml

__all__ = [
    "DEFAULT_EXCLUDED",
    "FLOOR_NAMES",
    "Case",
    "CaseFileError",
    "CaseReport",
    "CaseResult",
    "Counts",
    "DocumentScore",
    "EvalInputError",
    "Predictor",
    "Report",
    "SystemTimex",
    "TimeMLError",
    "TimexError",
    "check_case",
    "check_floors",
    "collect_files",
    "default_predictor",
    "evaluate_cases",
    "evaluate_documents",
    "evaluate_timeml",
    "format_floors",
    "format_report",
    "judge_floors",
    "pair_timexes",
    "parse_case_line",
    "read_cases",
    "report_to_dict",
    "run_eval",
    "score_document",
    "scores",
]

#: File names skipped when a folder is scored (a file named explicitly is kept).
DEFAULT_EXCLUDED: tuple[str, ...] = (
    # TBAQ: the DCT says 2000-01-15 but the story is from 2000-01-07 (see its
    # EXTRAINFO); every relative expression in it would be scored against the
    # wrong date.
    "APW20000115.0209.tml",
)

Predictor = Callable[[str, str], Sequence[Any]]

TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
MODS = frozenset(
    {
        "BEFORE",
        "AFTER",
        "ON_OR_BEFORE",
        "ON_OR_AFTER",
        "LESS_THAN",
        "MORE_THAN",
        "EQUAL_OR_LESS",
        "EQUAL_OR_MORE",
        "START",
        "MID",
        "END",
        "APPROX",
    }
)

#: Error kinds, in the order reports list them.
ERROR_KINDS = ("crash", "missed", "spurious", "span", "type", "value", "mod")

CONTEXT_WIDTH = 40


class EvalInputError(ValueError):
    """A path given to the evaluator that cannot be scored (missing, wrong kind, empty folder)."""


class CaseFileError(ValueError):
    """A malformed line in a case file; the message starts with ``file:line:``."""


# --------------------------------------------------------------------------
# Records


@attrs.frozen
class SystemTimex:
    """A system expression as the scorer sees it."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@attrs.frozen
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    mod_correct: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other), strict=True)))


@attrs.frozen
class TimexError:
    """One disagreement with the gold annotation.

    kind: "missed" (gold not matched), "spurious" (system not matched), "span"
    (relaxed but not strict match), "type", "value", "mod" (attribute differs on
    a relaxed match), "crash" (the predictor raised). Offsets and text are the
    gold timex's, except for spurious ones (the system's).
    """

    kind: str
    docid: str
    start: int
    end: int
    text: str
    expected: str | None
    got: str | None
    context: str


@attrs.frozen
class DocumentScore:
    docid: str
    path: str
    counts: Counts


@attrs.frozen
class Report:
    """The result of scoring TimeML documents."""

    documents: tuple[DocumentScore, ...]
    counts: Counts
    errors: tuple[TimexError, ...]

    @property
    def scores(self) -> dict[str, float]:
        """Micro-averaged figures as fractions in [0, 1]."""
        return scores(self.counts)

    @property
    def crashes(self) -> int:
        return sum(1 for e in self.errors if e.kind == "crash")


@attrs.frozen
class Case:
    """One line of a case file."""

    source: str
    line: int
    #: The text as written, brackets included.
    raw: str
    #: The text that is built: brackets removed.
    text: str
    published: str
    #: The bracketed span in ``text``; for a positive case without brackets the
    #: whole text; for a negative case without brackets None (nothing may be found).
    span: tuple[int, int] | None
    #: None for negative cases.
    type: str | None = None
    value: str | None = None
    mod: str | None = None
    check_mod: bool = False

    @property
    def negative(self) -> bool:
        return self.type is None

    @property
    def id(self) -> str:
        return f"{Path(self.source).name}:{self.line}"

    @property
    def expected(self) -> str:
        if self.negative:
            return "no expression" + (f" overlapping {self.bracketed!r}" if self.span else "")
        mod = f" mod={self.mod or '-'}" if self.check_mod else ""
        return f"{self.bracketed!r} {self.type} {self.value}{mod}"

    @property
    def bracketed(self) -> str:
        return self.text[self.span[0] : self.span[1]] if self.span else ""


@attrs.frozen
class CaseResult:
    case: Case
    passed: bool
    #: Why it failed ("" when it passed).
    reason: str = ""


@attrs.frozen
class CaseReport:
    results: tuple[CaseResult, ...]

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def passed(self) -> int:
        return sum(1 for r in self.results if r.passed)

    @property
    def failed(self) -> int:
        return self.total - self.passed

    @property
    def pass_rate(self) -> float:
        """Fraction of cases passed; 1.0 when there are none."""
        return self.passed / self.total if self.total else 1.0

    @property
    def scores(self) -> dict[str, float]:
        return {"case_pass_rate": self.pass_rate}

    def by_file(self) -> dict[str, tuple[int, int]]:
        """File name -> (passed, total), in the order the files were read."""
        table: dict[str, tuple[int, int]] = {}
        for result in self.results:
            name = Path(result.case.source).name
            passed, total = table.get(name, (0, 0))
            table[name] = (passed + result.passed, total + 1)
        return table


# --------------------------------------------------------------------------
# Figures


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def scores(counts: Counts) -> dict[str, float]:
    """P/R/F1 (strict, relaxed), attribute accuracy and TE3 attribute F1, as fractions."""
    if counts.gold == 0 and counts.system == 0:
        # The TE3 scorer's convention: nothing to find and nothing found is perfect.
        return dict.fromkeys(SCORE_NAMES, 1.0)
    strict_p = _ratio(counts.strict, counts.system)
    strict_r = _ratio(counts.strict, counts.gold)
    relaxed_p = _ratio(counts.relaxed, counts.system)
    relaxed_r = _ratio(counts.relaxed, counts.gold)
    relaxed_f1 = _f1(relaxed_p, relaxed_r)
    type_accuracy = _ratio(counts.type_correct, counts.relaxed)
    value_accuracy = _ratio(counts.value_correct, counts.relaxed)
    return {
        "strict_precision": strict_p,
        "strict_recall": strict_r,
        "strict_f1": _f1(strict_p, strict_r),
        "relaxed_precision": relaxed_p,
        "relaxed_recall": relaxed_r,
        "relaxed_f1": relaxed_f1,
        "type_accuracy": type_accuracy,
        "value_accuracy": value_accuracy,
        "mod_accuracy": _ratio(counts.mod_correct, counts.relaxed),
        "type_f1": type_accuracy * relaxed_f1,
        "value_f1": value_accuracy * relaxed_f1,
    }


SCORE_NAMES = (
    "strict_precision",
    "strict_recall",
    "strict_f1",
    "relaxed_precision",
    "relaxed_recall",
    "relaxed_f1",
    "type_accuracy",
    "value_accuracy",
    "mod_accuracy",
    "type_f1",
    "value_f1",
)

#: Names ``check_floors`` accepts: every TimeML score, and the case pass rate.
FLOOR_NAMES = (*SCORE_NAMES, "case_pass_rate")


def _percent(fraction: float) -> float:
    return round(fraction * 100, 2)


# --------------------------------------------------------------------------
# TimeML scoring


def pair_timexes(
    gold: Sequence[tuple[int, int]], system: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of spans that share a character.

    Exact-span pairs are made first, so a strict match is never lost to an
    earlier overlapping one; the rest pair greedily in document order.
    """
    gold_order = sorted(range(len(gold)), key=lambda i: gold[i])
    system_order = sorted(range(len(system)), key=lambda j: system[j])
    free_system: dict[tuple[int, int], list[int]] = {}
    for j in system_order:
        free_system.setdefault(system[j], []).append(j)

    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for i in gold_order:
        same_span = free_system.get(gold[i])
        if same_span:
            j = same_span.pop(0)
            pairs[i] = j
            taken.add(j)
    for i in gold_order:
        if i in pairs:
            continue
        g_start, g_end = gold[i]
        for j in system_order:
            s_start, s_end = system[j]
            if s_start >= g_end:
                break  # sorted by start: no later system span can overlap
            if j not in taken and s_end > g_start and s_start < s_end:
                pairs[i] = j
                taken.add(j)
                break
    return sorted(pairs.items(), key=lambda pair: gold[pair[0]])


def _context(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> str:
    snippet = f"{text[max(0, start - width):start]}[{text[start:end]}]{text[end:end + width]}"
    return re.sub(r"\s*[\r\n]+\s*", " ", snippet)


def _describe(type_: str, value: str, mod: str | None) -> str:
    return f"{type_} {value}" + (f" mod={mod}" if mod else "")


def score_document(
    docid: str, text: str, gold: Sequence[GoldTimex], system: Sequence[SystemTimex]
) -> tuple[Counts, list[TimexError]]:
    """Counts and errors for one document."""
    pairs = pair_timexes([(g.start, g.end) for g in gold], [(s.start, s.end) for s in system])
    errors: list[TimexError] = []
    strict = type_correct = value_correct = mod_correct = 0
    paired_gold = {i for i, _ in pairs}
    paired_system = {j for _, j in pairs}

    for i, j in pairs:
        g, s = gold[i], system[j]

        def error(kind: str, expected: str, got: str, g: GoldTimex = g) -> TimexError:
            return TimexError(kind, docid, g.start, g.end, g.text, expected, got, _context(text, g.start, g.end))

        if (g.start, g.end) == (s.start, s.end):
            strict += 1
        else:
            errors.append(error("span", repr(g.text), f"{s.text!r} at {s.start}-{s.end}"))
        if g.type == s.type:
            type_correct += 1
        else:
            errors.append(error("type", g.type, s.type))
        if g.value == s.value:
            value_correct += 1
        else:
            errors.append(error("value", g.value, s.value))
        if (g.mod or None) == (s.mod or None):
            mod_correct += 1
        else:
            errors.append(error("mod", g.mod or "-", s.mod or "-"))

    for i, g in enumerate(gold):
        if i not in paired_gold:
            context = _context(text, g.start, g.end)
            errors.append(
                TimexError("missed", docid, g.start, g.end, g.text, _describe(g.type, g.value, g.mod), None, context)
            )
    for j, s in enumerate(system):
        if j not in paired_system:
            context = _context(text, s.start, s.end)
            errors.append(
                TimexError("spurious", docid, s.start, s.end, s.text, None, _describe(s.type, s.value, s.mod), context)
            )
    errors.sort(key=lambda e: (e.start, ERROR_KINDS.index(e.kind)))
    counts = Counts(
        gold=len(gold),
        system=len(system),
        strict=strict,
        relaxed=len(pairs),
        type_correct=type_correct,
        value_correct=value_correct,
        mod_correct=mod_correct,
    )
    return counts, errors


def default_predictor(text: str, published: str) -> Sequence[Any]:
    """The project's own recognizer: ``timeline.build_timeline(...).expressions``."""
    from timeline import build_timeline  # imported late: the scorer must load without the builder

    return build_timeline(text, published=published).expressions


def _resolve(predictor: Predictor | None) -> Predictor:
    if predictor is not None:
        return predictor
    # Import now, so a missing builder fails once, loudly, instead of as a crash per document.
    from timeline import build_timeline  # noqa: F401

    return default_predictor


def _system_timexes(text: str, found: Iterable[Any]) -> list[SystemTimex]:
    return [
        SystemTimex(
            start=e.start,
            end=e.end,
            text=text[e.start : e.end],
            type=str(e.type),
            value=str(e.value),
            mod=getattr(e, "mod", None) or None,
        )
        for e in found
    ]


def _predict(predictor: Predictor, text: str, published: str) -> tuple[list[SystemTimex], str | None]:
    """The predictor's expressions, or none and a one-line reason when it raised."""
    try:
        return _system_timexes(text, predictor(text, published)), None
    except Exception as exc:  # a crash on one document must not stop the whole run
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return [], f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})"


def evaluate_documents(
    documents: Iterable[tuple[str, TimeMLDocument]], predictor: Predictor | None = None
) -> Report:
    """Score (path, document) pairs; the path is only reported."""
    predictor = _resolve(predictor)
    scored: list[DocumentScore] = []
    errors: list[TimexError] = []
    total = Counts()
    for path, doc in documents:
        system, crash = _predict(predictor, doc.text, doc.published)
        counts, doc_errors = score_document(doc.docid, doc.text, doc.timexes, system)
        if crash:
            errors.append(TimexError("crash", doc.docid, 0, 0, "", None, crash, ""))
        errors.extend(doc_errors)
        scored.append(DocumentScore(doc.docid, path, counts))
        total = total + counts
    return Report(documents=tuple(scored), counts=total, errors=tuple(errors))


def collect_files(
    paths: Iterable[str | Path], suffix: str, excluded: Sequence[str] = DEFAULT_EXCLUDED
) -> list[Path]:
    """Files named explicitly, plus every ``*suffix`` file under the folders given.

    Folder contents are sorted and recursive, minus ``excluded`` file names;
    duplicates are dropped. Raises EvalInputError for a path that does not exist.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob(f"*{suffix}")) if p.is_file() and p.name not in excluded)
        elif path.is_file():
            files.append(path)
        else:
            raise EvalInputError(f"{path}: no such file or folder")
    unique: dict[Path, None] = dict.fromkeys(files)
    return list(unique)


def evaluate_timeml(paths: Iterable[str | Path], predictor: Predictor | None = None) -> Report:
    """Score the predictor against the TimeML files and folders given.

    Raises TimeMLError for an unreadable file, EvalInputError when no file is found.
    """
    files = collect_files(paths, ".tml")
    if not files:
        raise EvalInputError("no .tml files found")
    return evaluate_documents(((str(p), read_timeml(p)) for p in files), predictor)


# --------------------------------------------------------------------------
# Case files

_PUBLISHED = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_case_line(line: str, *, negative: bool, source: str = "<case>", line_no: int = 0) -> Case | None:
    """A Case from one line of a case file, or None for a comment or blank line."""
    line = line.rstrip("\r\n")
    if not line.strip() or line.lstrip().startswith("#"):
        return None

    def fail(message: str) -> CaseFileError:
        return CaseFileError(f"{source}:{line_no}: {message}")

    columns = line.split("\t")
    expected_columns = "2 (text, published)" if negative else "4 or 5 (text, published, type, value[, mod])"
    if (negative and len(columns) != 2) or (not negative and len(columns) not in (4, 5)):
        raise fail(f"{len(columns)} tab-separated columns, expected {expected_columns}")
    raw, published = columns[0], columns[1].strip()

    if not _PUBLISHED.fullmatch(published):
        raise fail(f"published {published!r} is not YYYY-MM-DD")
    try:
        dt.date.fromisoformat(published)
    except ValueError:
        raise fail(f"published {published!r} is not a valid date") from None

    opens, closes = raw.count("["), raw.count("]")
    if (opens, closes) not in ((0, 0), (1, 1)) or (opens and raw.index("[") > raw.index("]")):
        raise fail("the text must contain one [ ] pair, or none")
    text = raw.replace("[", "").replace("]", "")
    if not text.strip():
        raise fail("empty text")
    if opens:
        start = raw.index("[")
        end = raw.index("]") - 1
        if end == start:
            raise fail("empty [ ]")
        span: tuple[int, int] | None = (start, end)
    else:
        span = None if negative else (0, len(text))

    if negative:
        return Case(source=source, line=line_no, raw=raw, text=text, published=published, span=span)

    type_, value = columns[2].strip(), columns[3].strip()
    if type_ not in TIMEX_TYPES:
        raise fail(f"type {type_!r} is not one of {', '.join(sorted(TIMEX_TYPES))}")
    if not value:
        raise fail("empty value")
    check_mod = len(columns) == 5
    mod = columns[4].strip() if check_mod else None
    if mod == "-":
        mod = None
    if mod is not None and mod not in MODS:
        raise fail(f"mod {mod!r} is not a TimeML mod (or -)")
    return Case(
        source=source,
        line=line_no,
        raw=raw,
        text=text,
        published=published,
        span=span,
        type=type_,
        value=value,
        mod=mod,
        check_mod=check_mod,
    )


def read_cases(path: str | Path) -> tuple[Case, ...]:
    """Every case in one file; negative when the file name starts with ``negative``."""
    path = Path(path)
    negative = path.name.startswith("negative")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CaseFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    cases = (
        parse_case_line(line, negative=negative, source=str(path), line_no=number)
        for number, line in enumerate(lines, start=1)
    )
    return tuple(case for case in cases if case is not None)


def _brief(e: SystemTimex) -> str:
    return f"{e.text!r} {e.start}-{e.end} {_describe(e.type, e.value, e.mod)}"


def check_case(case: Case, found: Sequence[Any]) -> CaseResult:
    """Whether the expressions built from ``case.text`` satisfy the case."""
    expressions = _system_timexes(case.text, found)
    if case.negative:
        if case.span is None:
            offending = expressions
        else:
            start, end = case.span
            offending = [e for e in expressions if e.start < end and start < e.end]
        if offending:
            return CaseResult(case, False, "unexpected: " + "; ".join(_brief(e) for e in offending))
        return CaseResult(case, True)

    assert case.span is not None  # positive cases always have one
    start, end = case.span
    exact = [e for e in expressions if (e.start, e.end) == (start, end)]
    if not exact:
        overlapping = [e for e in expressions if e.start < end and start < e.end]
        if overlapping:
            return CaseResult(case, False, "span differs: got " + "; ".join(_brief(e) for e in overlapping))
        others = "; ".join(_brief(e) for e in expressions) or "nothing"
        return CaseResult(case, False, f"not found (found {others})")
    problems: list[str] = []
    e = exact[0]
    if e.type != case.type:
        problems.append(f"type {e.type}, expected {case.type}")
    if e.value != case.value:
        problems.append(f"value {e.value}, expected {case.value}")
    if case.check_mod and e.mod != case.mod:
        problems.append(f"mod {e.mod or '-'}, expected {case.mod or '-'}")
    return CaseResult(case, not problems, "; ".join(problems))


def evaluate_cases(paths: Iterable[str | Path], predictor: Predictor | None = None) -> CaseReport:
    """Run every case in the files and folders given (folders: ``*.tsv``, sorted, recursive)."""
    files = collect_files(paths, ".tsv", excluded=())
    if not files:
        raise EvalInputError("no .tsv case files found")
    predictor = _resolve(predictor)
    results: list[CaseResult] = []
    for path in files:
        for case in read_cases(path):
            try:
                found = predictor(case.text, case.published)
            except Exception as exc:
                results.append(CaseResult(case, False, f"crashed: {type(exc).__name__}: {exc}"))
                continue
            results.append(check_case(case, found))
    return CaseReport(tuple(results))


# --------------------------------------------------------------------------
# Reports


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _format_timeml(report: Report, errors: bool) -> str:
    c = report.counts
    s = {name: _percent(value) for name, value in report.scores.items()}
    lines = [
        f"TempEval-3 Task A: {_plural(len(report.documents), 'document')}, {c.gold} gold, {c.system} system timexes",
        "",
        f"{'':14}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'strict':14}{s['strict_precision']:8.2f}{s['strict_recall']:8.2f}{s['strict_f1']:8.2f}",
        f"{'relaxed':14}{s['relaxed_precision']:8.2f}{s['relaxed_recall']:8.2f}{s['relaxed_f1']:8.2f}",
        "",
        f"{'attribute':14}{'accuracy':>10}{'F1':>8}",
        f"{'type':14}{s['type_accuracy']:10.2f}{s['type_f1']:8.2f}",
        f"{'value':14}{s['value_accuracy']:10.2f}{s['value_f1']:8.2f}",
        f"{'mod':14}{s['mod_accuracy']:10.2f}{'':>8}  (not a TE3 score)",
        "",
        f"matches: {c.strict} strict, {c.relaxed} relaxed; correct: {c.type_correct} type, "
        f"{c.value_correct} value, {c.mod_correct} mod",
    ]
    tally = {kind: 0 for kind in ERROR_KINDS}
    for e in report.errors:
        tally[e.kind] += 1
    lines.append("errors: " + ", ".join(f"{n} {kind}" for kind, n in tally.items() if n) if report.errors else "errors: none")
    if errors and report.errors:
        for kind in ERROR_KINDS:
            group = [e for e in report.errors if e.kind == kind]
            if not group:
                continue
            lines += ["", f"== {kind} ({len(group)}) =="]
            for e in group:
                if kind == "crash":
                    lines.append(f"{e.docid}  {e.got}")
                    continue
                what = f"expected {e.expected}" if e.expected is not None else ""
                if e.got is not None:
                    what += (", " if what else "") + f"got {e.got}"
                lines.append(f"{e.docid} {e.start}-{e.end} {e.text!r}: {what}")
                lines.append(f"    {e.context}")
    return "\n".join(lines)


def _format_cases(report: CaseReport, errors: bool) -> str:
    lines = [f"cases: {report.passed}/{report.total} passed ({_percent(report.pass_rate):.2f}%)", ""]
    width = max((len(name) for name in report.by_file()), default=4)
    for name, (passed, total) in report.by_file().items():
        lines.append(f"  {name:{width}}  {passed:4}/{total:<4}")
    if errors and report.failed:
        lines += ["", f"== failed cases ({report.failed}) =="]
        for result in report.results:
            if not result.passed:
                case = result.case
                lines.append(f"{case.id} [{case.published}] {case.raw}")
                lines.append(f"    expected {case.expected}: {result.reason}")
    return "\n".join(lines)


def format_report(report: Report | CaseReport, errors: bool = False) -> str:
    """A human-readable table; with ``errors``, every error (or failed case) too."""
    if isinstance(report, CaseReport):
        return _format_cases(report, errors)
    return _format_timeml(report, errors)


def report_to_dict(report: Report | CaseReport, *, errors: bool = True) -> dict[str, Any]:
    """A JSON-ready dict with stable keys; scores are percentages rounded to 2 decimals."""
    if isinstance(report, CaseReport):
        data: dict[str, Any] = {
            "kind": "cases",
            "total": report.total,
            "passed": report.passed,
            "failed": report.failed,
            "scores": {"case_pass_rate": _percent(report.pass_rate)},
            "files": {name: {"passed": p, "total": t} for name, (p, t) in report.by_file().items()},
        }
        if errors:
            data["failures"] = [
                {
                    "id": r.case.id,
                    "text": r.case.raw,
                    "published": r.case.published,
                    "expected": r.case.expected,
                    "reason": r.reason,
                }
                for r in report.results
                if not r.passed
            ]
        return data
    data = {
        "kind": "timeml",
        "documents": len(report.documents),
        "counts": attrs.asdict(report.counts),
        "scores": {name: _percent(value) for name, value in report.scores.items()},
        "per_document": [
            {"docid": d.docid, "path": d.path, "counts": attrs.asdict(d.counts)} for d in report.documents
        ],
    }
    if errors:
        data["errors"] = [attrs.asdict(e) for e in report.errors]
    return data


def _check_floor_names(floors: dict[str, float | None]) -> None:
    unknown = sorted(set(floors) - set(FLOOR_NAMES))
    if unknown:
        raise ValueError(f"unknown floor {', '.join(unknown)}; known: {', '.join(FLOOR_NAMES)}")


def check_floors(report: Report | CaseReport, floors: dict[str, float | None]) -> list[str]:
    """Names of the floors the report falls below; floors are percentages (80 = 80.00%).

    The comparison uses the figure as printed (rounded to 2 decimals). Floors
    that do not apply to this kind of report, and floors set to None, are
    ignored. Raises ValueError for an unknown floor name.
    """
    _check_floor_names(floors)
    figures = report.scores
    return [
        name
        for name, floor in floors.items()
        if floor is not None and name in figures and _percent(figures[name]) < floor
    ]


def _classify(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split the paths given into TimeML inputs and case-file inputs."""
    timeml: list[str] = []
    cases: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            if path.suffix == ".tml":
                timeml.append(raw)
            elif path.suffix == ".tsv":
                cases.append(raw)
            else:
                raise EvalInputError(f"{raw}: not a .tml TimeML file or a .tsv case file")
        elif path.is_dir():
            has_tml = any(p.is_file() for p in path.rglob("*.tml"))
            has_tsv = any(p.is_file() for p in path.rglob("*.tsv"))
            if not (has_tml or has_tsv):
                raise EvalInputError(f"{raw}: no .tml or .tsv files in this folder")
            if has_tml:
                timeml.append(raw)
            if has_tsv:
                cases.append(raw)
        else:
            raise EvalInputError(f"{raw}: no such file or folder")
    return timeml, cases


def run_eval(
    paths: list[str],
    *,
    errors: bool = False,
    as_json: bool = False,
    floors: dict[str, float | None] | None = None,
    predictor: Predictor | None = None,
) -> tuple[str, int]:
    """Score every path (TimeML files/folders and case files), check floors.

    Returns the text for stdout and the exit code: 0, or 1 when a floor is not
    met (a floor on a score that no input produced counts as not met). Raises
    EvalInputError, TimeMLError or CaseFileError (all ValueError, one-line
    messages) for unusable input; the CLI should print those and exit 2.
    """
    if not paths:
        raise EvalInputError("nothing to evaluate: give TimeML files/folders or case files")
    floors = {name: value for name, value in (floors or {}).items() if value is not None}
    _check_floor_names(floors)  # before any work is done
    timeml_paths, case_paths = _classify(paths)
    timeml_report = evaluate_timeml(timeml_paths, predictor) if timeml_paths else None
    case_report = evaluate_cases(case_paths, predictor) if case_paths else None

    figures: dict[str, float] = {}
    failed: list[str] = []
    for report in (timeml_report, case_report):
        if report is not None:
            figures.update(report.scores)
            failed += check_floors(report, floors)
    floor_table = judge_floors(figures, floors, failed)
    failed = [name for name, row in floor_table.items() if not row["passed"]]
    code = 1 if failed else 0

    if as_json:
        data = {
            "timeml": report_to_dict(timeml_report, errors=errors) if timeml_report else None,
            "cases": report_to_dict(case_report, errors=errors) if case_report else None,
            "floors": floor_table,
            "failed_floors": failed,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n", code

    sections = [format_report(r, errors) for r in (timeml_report, case_report) if r is not None]
    if floors:
        sections.append(format_floors(floor_table))
    return "\n\n".join(sections) + "\n", code


def judge_floors(
    figures: dict[str, float], floors: dict[str, float], failed: Sequence[str] = ()
) -> dict[str, dict[str, Any]]:
    """Each floor's row: its minimum, the figure as printed (None where no input gave
    it) and whether it passed. A floor fails when its figure is missing, or is named in
    ``failed`` (already judged by check_floors), or falls below the minimum."""
    table = {}
    for name, floor in floors.items():
        actual = _percent(figures[name]) if name in figures else None
        table[name] = {
            "min": floor,
            "actual": actual,
            "passed": actual is not None and name not in failed and actual >= floor,
        }
    return table


def format_floors(table: dict[str, dict[str, Any]]) -> str:
    """One line per floor: ``floor NAME >= MIN: ACTUAL ok|FAILED``."""
    lines = []
    for name, row in table.items():
        actual = "not computed" if row["actual"] is None else f"{row['actual']:.2f}"
        verdict = "ok" if row["passed"] else "FAILED"
        lines.append(f"floor {name} >= {row['min']:.2f}: {actual} {verdict}")
    return "\n".join(lines)

