"""The command line when things go wrong: one line on stderr, a documented exit code
(README "Exit codes"), no traceback, and never a half-written or stray output file.

Permission tests skip as root (root reads and writes anything); the same failures are
also simulated with monkeypatch so they run everywhere. The Ctrl-C test runs the real
command in a subprocess and sends it SIGINT in the middle of a build.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app

runner = CliRunner()
ARTICLE = "The ministers met on Tuesday morning. They will meet again next month.\n"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
EXIT_USAGE, EXIT_BAD_INPUT, EXIT_CANNOT_WRITE, EXIT_INTERRUPTED = 2, 3, 4, 130


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def assert_one_line_error(result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("timeline: error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert "Traceback" not in result.output


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- Reading the article --------------------------------------------------------------


@pytest.mark.skipif(AS_ROOT, reason="root can read a file with mode 000")
def test_unreadable_file(tmp_path: Path) -> None:
    article = tmp_path / "secret.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    article.chmod(0)
    try:
        assert_one_line_error(run("build", str(article), "-p", "2024-04-02"), EXIT_BAD_INPUT, "permission denied")
    finally:
        article.chmod(0o600)


@pytest.mark.parametrize(
    "name, error, expected",
    [
        ("secret.txt", PermissionError(errno.EACCES, "Permission denied"), ("secret.txt", "permission denied")),
        ("a.txt", OSError(errno.EIO, "Input/output error"), ("cannot read", "Input/output error")),
    ],
    ids=["unreadable", "read error"],
)
def test_read_failures_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, error: OSError, expected: tuple[str, ...]
) -> None:
    article = tmp_path / name
    article.write_text(ARTICLE, encoding="utf-8")

    def failing(self: Path) -> bytes:
        raise type(error)(error.errno, error.strerror, str(self))

    monkeypatch.setattr(Path, "read_bytes", failing)
    assert_one_line_error(run("build", str(article), "-p", "2024-04-02"), EXIT_BAD_INPUT, *expected)


def test_missing_file() -> None:
    assert_one_line_error(run("build", "/nonexistent/a.txt", "-p", "2024-04-02"), EXIT_BAD_INPUT, "no such file")


def test_directory(tmp_path: Path) -> None:
    assert_one_line_error(run("build", str(tmp_path), "-p", "2024-04-02"), EXIT_BAD_INPUT, "is a directory")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"Talks on Monday.\x00\x00\x00\x00",
        bytes(range(256)) * 40,
    ],
    ids=["png", "text-with-nul", "all-bytes"],
)
def test_binary_data(tmp_path: Path, data: bytes) -> None:
    article = tmp_path / "blob.bin"
    article.write_bytes(data)
    assert_one_line_error(run("build", str(article), "-p", "2024-04-02"), EXIT_BAD_INPUT, "blob.bin", "binary data")


@pytest.mark.parametrize(
    "data, byte, offset",
    [
        (b"Talks on Monday \xff here.", "0xff", 16),
        (b"\xc3", "0xc3", 0),  # a truncated sequence at the very end
        (b"caf\xe9 on Monday", "0xe9", 3),  # latin-1 read as UTF-8
        (b"x" * 20000 + b"\xed\xa0\x80", "0xed", 20000),  # an encoded surrogate, far in
        ("Talks on Monday. ".encode() * 500 + b"\x80", "0x80", 8500),  # past the 8 KB sniffed for NULs
    ],
)
def test_invalid_utf8_names_the_byte_and_offset(tmp_path: Path, data: bytes, byte: str, offset: int) -> None:
    article = tmp_path / "bad.txt"
    article.write_bytes(data)
    result = run("build", str(article), "-p", "2024-04-02")
    assert_one_line_error(result, EXIT_BAD_INPUT, "bad.txt", f"byte {byte} at offset {offset}", "--encoding", "--errors replace")
    lenient = run("build", str(article), "-p", "2024-04-02", "--errors", "replace")
    assert lenient.exit_code == 0, lenient.output
    assert "\ufffd" in json.dumps(json.loads(lenient.stdout), ensure_ascii=False) or not json.loads(lenient.stdout)["expressions"]


def test_invalid_utf8_on_stdin() -> None:
    result = run("build", "-", "-p", "2024-04-02", input=b"On Monday \xfe.")
    assert_one_line_error(result, EXIT_BAD_INPUT, "stdin", "byte 0xfe at offset 10")


def test_other_encodings(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 talks on Tuesday.".encode("latin-1"))
    result = run("build", str(latin), "-p", "2024-04-04", "--encoding", "latin-1")
    assert result.exit_code == 0, result.output
    assert [e["text"] for e in json.loads(result.stdout)["expressions"]] == ["Tuesday"]
    wide = tmp_path / "utf16.txt"
    wide.write_bytes("Talks on Tuesday.".encode("utf-16"))  # NUL bytes, with a BOM
    result = run("build", str(wide), "-p", "2024-04-04", "--encoding", "utf-16")
    assert result.exit_code == 0, result.output
    assert [(e["text"], e["start"]) for e in json.loads(result.stdout)["expressions"]] == [("Tuesday", 9)]


def test_unknown_encoding_and_errors_mode(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert_one_line_error(run("build", str(article), "-p", "2024-04-02", "--encoding", "klingon"), EXIT_USAGE, "klingon")
    assert_one_line_error(run("build", str(article), "-p", "2024-04-02", "--errors", "ignore"), EXIT_USAGE, "--errors")


# --- Writing the outputs -----------------------------------------------------------------


def test_missing_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "t.json"
    assert_one_line_error(run("build", "-", "-p", "2024-04-02", "--json", str(out), input=ARTICLE),
                          EXIT_CANNOT_WRITE, "does not exist")
    assert not (tmp_path / "no").exists()


def test_output_is_a_directory(tmp_path: Path) -> None:
    assert_one_line_error(run("build", "-", "-p", "2024-04-02", "--json", str(tmp_path), input=ARTICLE),
                          EXIT_CANNOT_WRITE, "is a directory")


def test_output_folder_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("build", "-", "-p", "2024-04-02", "--json", str(tmp_path / "file" / "t.json"), input=ARTICLE)
    assert_one_line_error(result, EXIT_CANNOT_WRITE)
    assert files_in(tmp_path) == ["file"]


@pytest.mark.skipif(AS_ROOT, reason="root can write in a read-only folder")
def test_read_only_folder_keeps_the_old_file(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    out = folder / "t.json"
    out.write_text("old", encoding="utf-8")
    folder.chmod(0o500)
    try:
        result = run("build", "-", "-p", "2024-04-02", "--json", str(out), input=ARTICLE)
        assert_one_line_error(result, EXIT_CANNOT_WRITE, "cannot write")
        assert out.read_text(encoding="utf-8") == "old"
        assert files_in(folder) == ["t.json"]
    finally:
        folder.chmod(0o700)


def test_no_permission_simulated_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "t.json"
    out.write_text("old", encoding="utf-8")
    import timeline.export as export

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(export.tempfile, "mkstemp", denied)
    result = run("build", "-", "-p", "2024-04-02", "--json", str(out), input=ARTICLE)
    assert_one_line_error(result, EXIT_CANNOT_WRITE, "t.json", "Permission denied")
    assert out.read_text(encoding="utf-8") == "old"
    assert files_in(tmp_path) == ["t.json"]


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
                         ids=["disk-full", "ctrl-c"])
def test_failure_while_writing_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure) -> None:
    """Half the bytes are written to the temporary file, then the disk fills up (or Ctrl-C)."""
    out = tmp_path / "t.json"
    out.write_text("old", encoding="utf-8")
    import timeline.export as export

    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise failure

    monkeypatch.setattr(export.os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode)))
    result = run("build", "-", "-p", "2024-04-02", "--json", str(out), input=ARTICLE)
    if isinstance(failure, KeyboardInterrupt):
        assert result.exit_code == EXIT_INTERRUPTED, result.output
    else:
        assert_one_line_error(result, EXIT_CANNOT_WRITE, "No space left on device")
    assert out.read_text(encoding="utf-8") == "old"
    assert files_in(tmp_path) == ["t.json"]


def test_figure_that_cannot_be_written_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "t.png"
    out.write_bytes(b"old png")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = run("build", "-", "-p", "2024-04-02", "--png", str(out), input=ARTICLE)
    assert_one_line_error(result, EXIT_CANNOT_WRITE, "t.png")
    assert out.read_bytes() == b"old png"
    assert files_in(tmp_path) == ["t.png"]


# --- The real command: one line on stderr, and Ctrl-C -----------------------------------------

COMMAND = [sys.executable, "-c", "from timeline.cli import main; main()"]


def test_real_command_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"On Monday \xff.")
    cases = [
        (["build", str(tmp_path / "bad.txt"), "-p", "2024-04-02"], EXIT_BAD_INPUT),
        (["build", "-", "-p", "2024-04-02", "--json", str(tmp_path / "x" / "t.json")], EXIT_CANNOT_WRITE),
        (["build", "-", "-p", "0000-01-01"], EXIT_USAGE),
    ]
    for args, code in cases:
        done = subprocess.run(COMMAND + args, input=b"On Monday.", capture_output=True, timeout=120)
        assert done.returncode == code, (args, done.returncode, done.stderr)
        assert done.stderr.decode().count("\n") == 1 and done.stderr.startswith(b"timeline: error: "), done.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or sys.platform == "win32", reason="POSIX signals")
def test_sigint_during_a_build_leaves_no_output(tmp_path: Path) -> None:
    article = tmp_path / "big.txt"
    sentence = "The ministers met on Tuesday morning and will meet again next month, officials said. "
    article.write_text(sentence * 40_000, encoding="utf-8")  # 3.4 MB: a build of many seconds
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.json").write_text("old", encoding="utf-8")
    process = subprocess.Popen(
        COMMAND + ["build", str(article), "-p", "2024-04-02", "--json", str(out / "old.json"), "--png", str(out / "t.png")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    time.sleep(2.5)  # past start-up, into the build
    assert process.poll() is None, "the build finished before the signal: make the input larger"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == EXIT_INTERRUPTED, (process.returncode, stderr)
    assert stderr.decode().splitlines() == ["timeline: interrupted"], stderr
    assert stdout == b""
    assert files_in(out) == ["old.json"]  # no output, no temporary file
    assert (out / "old.json").read_text(encoding="utf-8") == "old"


# --- Outputs that would destroy an input, figures of the wrong kind ----------------------


def _article(tmp_path: Path) -> Path:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return article


@pytest.mark.parametrize("option", ["--json", "--png", "--svg", "--pdf", "--timelinejs", "--timeml"])
def test_build_refuses_to_write_over_its_article(tmp_path: Path, option: str) -> None:
    article = _article(tmp_path)
    for same in (str(article), str(tmp_path / "." / ".." / tmp_path.name / "article.txt")):
        result = run("build", str(article), "-p", "2024-04-02", option, same)
        assert_one_line_error(result, EXIT_USAGE, option, "is the input file")
        assert article.read_text(encoding="utf-8") == ARTICLE


def test_build_refuses_a_hard_link_or_symlink_to_its_article(tmp_path: Path) -> None:
    article = _article(tmp_path)
    os.link(article, tmp_path / "hard.json")
    os.symlink(article, tmp_path / "soft.json")
    for name in ("hard.json", "soft.json"):
        assert_one_line_error(run("build", str(article), "-p", "2024-04-02", "--json", str(tmp_path / name)),
                              EXIT_USAGE, "is the input file")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_build_refuses_two_outputs_in_one_file(tmp_path: Path) -> None:
    article = _article(tmp_path)
    out = tmp_path / "out.json"
    result = run("build", str(article), "-p", "2024-04-02", "--json", str(out), "--timelinejs", str(out))
    assert_one_line_error(result, EXIT_USAGE, "--json and --timelinejs name the same file")
    assert not out.exists()


def test_render_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    data = tmp_path / "t.json"
    data.write_text(run("build", "-", "-p", "2024-04-02", input=ARTICLE).stdout, encoding="utf-8")
    before = data.read_bytes()
    assert_one_line_error(run("render", str(data), "-o", str(data)), EXIT_USAGE, "--output", "is the input file")
    assert data.read_bytes() == before


@pytest.mark.parametrize("option, name", [("--svg", "x.png"), ("--png", "x.svg"), ("--pdf", "x.png"), ("--png", "x")])
def test_a_figure_option_writes_only_its_own_kind(tmp_path: Path, option: str, name: str) -> None:
    result = run("build", "-", "-p", "2024-04-02", option, str(tmp_path / name), input=ARTICLE)
    assert_one_line_error(result, EXIT_USAGE, option, name, f"must end in .{option[2:]}")
    assert files_in(tmp_path) == []


def test_a_figure_extension_in_capitals_is_its_kind(tmp_path: Path) -> None:
    result = run("build", "-", "-p", "2024-04-02", "--svg", str(tmp_path / "x.SVG"), input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.SVG").read_bytes().lstrip().startswith(b"<?xml")


# --- render: options are usage errors, and a file of the wrong kind says what it is --------


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("render") / "sample.json"
    text = (Path(__file__).resolve().parents[1] / "data" / "sample-harbour-bridge.txt").read_text(encoding="utf-8")
    result = run("build", "-", "-p", "2025-09-18", input=text)
    path.write_text(result.stdout, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "option, value, fragment",
    [("--width", "0", "--width must be"), ("--dpi", "0", "--dpi must be"), ("--height", "3", "--height 3 in is too small"),
     ("--max-label-chars", "5", "--max-label-chars must be"), ("--theme", "neon", "--theme must be")],
)
def test_render_options_out_of_range_are_usage_errors(sample_json: Path, tmp_path: Path, option: str, value: str,
                                                       fragment: str) -> None:
    out = tmp_path / "t.png"
    result = run("render", str(sample_json), "-o", str(out), option, value)
    assert_one_line_error(result, EXIT_USAGE, fragment)
    assert str(out) not in result.stderr  # the output is not what is wrong
    assert files_in(tmp_path) == []


def test_render_a_timelinejs_file_says_what_it_is(tmp_path: Path) -> None:
    tjs = tmp_path / "t.timeline.json"
    assert run("build", "-", "-p", "2024-04-02", "--timelinejs", str(tjs), input=ARTICLE).exit_code == 0
    result = run("render", str(tjs), "-o", str(tmp_path / "t.png"))
    assert_one_line_error(result, EXIT_BAD_INPUT, "t.timeline.json", "looks like a TimelineJS file", "timeline build --json")


@pytest.mark.parametrize(
    "content, fragment",
    [
        ('{"line": 1, "id": "a", "timeline": {}}\n{"line": 2, "id": "b", "error": "x"}\n', "output of `timeline batch`"),
        ('<?xml version="1.0"?><TimeML></TimeML>', "XML (TimeML"),
        ('{"schema_version": "1.2.0"}', "timeline.document: missing"),
        ("[1, 2", "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
        ("", "not valid JSON"),
    ],
    ids=["batch-output", "timeml", "no-document", "truncated", "deep", "empty"],
)
def test_render_other_files_are_unreadable_input(tmp_path: Path, content: str, fragment: str) -> None:
    source = tmp_path / "in.json"
    source.write_text(content, encoding="utf-8")
    result = run("render", str(source), "-o", str(tmp_path / "t.png"))
    assert_one_line_error(result, EXIT_BAD_INPUT, "in.json", fragment)


# --- click's own errors: one line too, and -h --------------------------------------------


@pytest.mark.parametrize("command", [[], ["build"], ["batch"], ["render"], ["resolve"], ["eval"], ["schema"]])
def test_dash_h_is_help(command: list[str]) -> None:
    result = run(*command, "-h")
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout and "--help" in result.stdout


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["build"], "Missing argument"),
        (["build", "-", "-p", "2024-04-02", "--frob"], "No such option: --frob"),
        (["frobnicate"], "No such command"),
        (["batch", "in.jsonl", "-o", "out.jsonl", "-j", "0"], "--workers"),
        (["render", "t.json"], "give --output FIGURE and/or --html PAGE"),
        (["render", "t.json", "-o", "t.png", "--dpi", "many"], "--dpi"),
        (["build", "-", "--json"], "requires an argument"),
    ],
)
def test_click_usage_errors_are_one_line(args: list[str], fragment: str) -> None:
    assert_one_line_error(run(*args, input=ARTICLE), EXIT_USAGE, fragment)


# --- Publication dates: no guessing the order of day and month, the UTC offset kept -----------


@pytest.mark.parametrize("published", ["01/02/2010", "1.2.2010", "01-02-2010", "12/11/2010 14:30", "01/02/10", "28/01/10"])
def test_a_day_and_month_that_could_be_read_either_way_are_refused(published: str) -> None:
    result = run("build", "-", "-p", published, input=ARTICLE)
    assert_one_line_error(result, EXIT_USAGE, repr(published), "YYYY-MM-DD")


@pytest.mark.parametrize("published, day", [("28/01/2010", "2010-01-28"), ("01/28/2010", "2010-01-28"),
                                             ("05/05/2010", "2010-05-05"), ("2010/02/01", "2010-02-01")])
def test_a_day_and_month_that_can_be_read_one_way_only(published: str, day: str) -> None:
    result = run("build", "-", "-p", published, input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["published"] == day


@pytest.mark.parametrize("published, written", [("2024-04-02T14:30+02:00", "2024-04-02T14:30:00+02:00"),
                                                 ("2024-04-02T14:30:00-0530", "2024-04-02T14:30:00-05:30"),
                                                 ("2024-04-02T14:30Z", "2024-04-02T14:30:00+00:00"),
                                                 ("April 2, 2024 14:30 +0200", "2024-04-02T14:30:00+02:00")])
def test_a_utc_offset_is_kept_in_the_document(tmp_path: Path, published: str, written: str) -> None:
    import jsonschema

    from timeline.export import schema

    out = tmp_path / "t.json"
    result = run("build", "-", "-p", published, "--json", str(out), "--png", str(tmp_path / "t.png"), input=ARTICLE)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema())
    assert data["document"]["published"] == written
    # The times stay the article's local time: the same values as without the offset.
    local = json.loads(run("build", "-", "-p", "2024-04-02T14:30", input=ARTICLE).stdout)
    assert data["expressions"] == local["expressions"] and data["events"] == local["events"]
    assert run("render", str(out), "-o", str(tmp_path / "again.png")).exit_code == 0


def test_the_api_keeps_an_aware_datetime_and_refuses_a_number() -> None:
    import datetime as dt

    from timeline import InputError, build_timeline

    aware = dt.datetime(2024, 4, 2, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    timeline = build_timeline(ARTICLE, aware)
    assert timeline.to_dict()["document"]["published"] == "2024-04-02T14:30:00-04:00"
    assert [e.value for e in timeline.expressions] == ["2024-04-02TMO", "2024-05"]
    with pytest.raises(InputError, match=r"must be a str .*not int \(20100128\)"):
        build_timeline(ARTICLE, 20100128)  # type: ignore[arg-type]


def test_saving_into_a_missing_folder_names_the_file_asked_for(tmp_path: Path) -> None:
    from timeline import build_timeline

    timeline = build_timeline(ARTICLE, "2024-04-02")
    target = tmp_path / "no" / "such" / "t.png"
    with pytest.raises(FileNotFoundError) as caught:
        timeline.save_png(str(target))
    assert caught.value.filename == str(target) and ".tmp" not in str(caught.value)
    assert "the folder" in str(caught.value) and str(target.parent) in str(caught.value)
    assert not (tmp_path / "no").exists()


# --- Outputs that are not files: written to, never replaced -----------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_an_output_that_is_a_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        result = run("build", "-", "-p", "2024-04-02", "--json", str(fifo), input=ARTICLE)
        got, _ = reader.communicate(timeout=30)
    finally:
        reader.kill()
    assert result.exit_code == 0, result.output
    assert json.loads(got)["document"]["published"] == "2024-04-02"
    assert fifo.is_fifo() and files_in(tmp_path) == ["pipe"]


def test_dev_null_stays_a_device() -> None:
    import stat

    if not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip("the null device is not a character device here")
    result = run("build", "-", "-p", "2024-04-02", "--json", os.devnull, input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.parametrize(
    "args",
    [["build", "-", "-p", "2024-04-02", "--json", ""], ["build", "-", "-p", "2024-04-02", "--png", ""],
     ["build", "", "-p", "2024-04-02"], ["render", "", "-o", "t.png"], ["render", "t.json", "-o", ""],
     ["batch", "", "-o", "out.jsonl"], ["batch", "-", "-o", ""], ["batch", "-", "-o", "out.jsonl", "--png-dir", ""]],
    ids=["json", "png", "article", "render-input", "render-output", "batch-input", "batch-output", "png-dir"],
)
def test_an_empty_file_name_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    """An unset shell variable ("--json $OUT") must not mean stdout, the current folder or no output."""
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run(*args, input=ARTICLE), EXIT_USAGE, "file name is empty")
    assert files_in(tmp_path) == []
