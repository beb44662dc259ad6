"""Batch: JSON Lines in, JSON Lines out, in order, whatever the engine and the workers;
bad records reported on their line; an interrupted run resumed to the same output."""

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import timeline.batch as batch
from timeline import build_timeline
from timeline.cli import app
from timeline.export import schema

ARTICLES = [
    ("a1", "Talks on Tuesday morning", "The ministers met on Tuesday morning. They will meet again next month.", "2024-04-04"),
    ("a2", None, "Since last summer, prices have risen. Sales fell in the third quarter of 2023.", "2024-04-02"),
    ("a3", None, "Nothing dated here at all.", "2024-01-01"),
    ("a4", None, "The bridge opened in March 1994 and closed on 3 May 2001.", "2024-03-14T09:30"),
    ("a5", None, "", "2024-02-29"),
]
BAD_LINES = [
    b"this is not json",
    b'{"id": "no-date", "text": "On Monday."}',
    b'{"id": "bad-date", "text": "On Monday.", "published": "the day after"}',
    b'{"id": "no-text", "published": "2024-01-01"}',
    b'{"id": 7, "text": ["a list"], "published": "2024-01-01"}',
    b'{"id": "latin1", "text": "caf\xe9 on Monday", "published": "2024-01-01"}',
    b'{"id": "surrogate", "text": "\\ud800 on Monday", "published": "2024-01-01"}',
    b"[1, 2]",
]


def record(article_id, title, text, published):
    return json.dumps({"id": article_id, "title": title, "text": text, "published": published}, ensure_ascii=False)


def write_input(path: Path, repeat: int = 1, bad: bool = True) -> Path:
    lines = [record(*a).encode("utf-8") for a in ARTICLES] * repeat
    if bad:
        lines = lines[:2] + BAD_LINES + [b"", b"   "] + lines[2:]  # blank lines are not records
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def read_output(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run(*args, input=None):
    return CliRunner().invoke(app, ["batch", *args], input=input)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """One run on one worker: the output every other run must equal, byte for byte."""
    folder = tmp_path_factory.mktemp("reference")
    source = write_input(folder / "in.jsonl")
    out = folder / "out.jsonl"
    summary = batch.run_batch(str(source), str(out), workers=1, quiet=True)
    return source, out.read_bytes(), summary


def test_records_and_errors_in_input_order(reference, tmp_path):
    source, data, summary = reference
    out = tmp_path / "out.jsonl"
    out.write_bytes(data)
    records = read_output(out)
    good, bad = [r for r in records if "timeline" in r], [r for r in records if "error" in r]
    assert [r["line"] for r in records] == sorted(r["line"] for r in records)
    assert [r["id"] for r in good] == [a[0] for a in ARTICLES]
    assert len(bad) == len(BAD_LINES) and summary.failed == len(BAD_LINES) and summary.records == len(records)
    for r in good:
        assert list(r) == ["line", "id", "timeline"]
        jsonschema.validate(r["timeline"], schema())
    for r in bad:
        assert list(r) == ["line", "id", "error"] and "\n" not in r["error"]
    errors = {r["line"]: (r["id"], r["error"]) for r in bad}
    assert errors[3] == (None, errors[3][1]) and errors[3][1].startswith("not valid JSON")
    assert errors[4] == ("no-date", "missing published")
    assert errors[5][0] == "bad-date" and "cannot read the publication date" in errors[5][1]
    assert errors[6] == ("no-text", "missing text")
    assert errors[7] == (7, "text must be a string, not list")
    assert errors[8][1] == "not valid UTF-8: byte 0xe9 at offset 29"  # offset in the line
    assert errors[9] == ("surrogate", "text is not valid Unicode: lone surrogate at character 0")
    assert errors[10][1] == "a record must be a JSON object, not list"
    # Blank lines 11 and 12 are skipped; line numbers stay those of the input.
    assert [r["line"] for r in good] == [1, 2, 13, 14, 15]


def test_a_record_gives_what_build_gives(reference, tmp_path):
    _, data, _ = reference
    first = json.loads(data.splitlines()[0])
    article_id, title, text, published = ARTICLES[0]
    assert first["timeline"] == build_timeline(text, published, title=title).to_dict()


def test_two_workers_give_the_same_bytes(reference, tmp_path):
    source, data, _ = reference
    out = tmp_path / "out.jsonl"
    result = run(str(source), "--out", str(out), "--workers", "2", "--quiet")
    assert result.exit_code == 1, result.output  # some records failed
    assert out.read_bytes() == data
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_small_chunks_keep_the_order(reference, tmp_path, monkeypatch):
    # One record a chunk and two chunks in flight: order still follows the input.
    source, data, _ = reference
    monkeypatch.setattr(batch, "CHUNK_RECORDS", 1)
    monkeypatch.setattr(batch, "IN_FLIGHT_PER_WORKER", 1)
    out = tmp_path / "out.jsonl"
    batch.run_batch(str(source), str(out), workers=2, quiet=True)
    assert out.read_bytes() == data


def test_exit_zero_when_every_record_is_good(tmp_path):
    source = write_input(tmp_path / "in.jsonl", bad=False)
    result = run(str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "1")
    assert result.exit_code == 0, result.output
    assert "5 records, 0 failed" in result.stderr


def test_stdin_to_stdout(reference):
    source, data, _ = reference
    result = run("-", "--out", "-", "-j", "1", "-q", input=source.read_bytes())
    assert result.exit_code == 1
    assert result.stdout_bytes == data


def test_resume_after_an_interruption(reference, tmp_path, monkeypatch):
    source, data, _ = reference
    out = tmp_path / "out.jsonl"
    real = batch.process_record

    def interrupted_at_line_13(line, raw, png_dir=None):
        if line == 13:
            raise KeyboardInterrupt  # as Ctrl-C would, half way through
        return real(line, raw, png_dir)

    monkeypatch.setattr(batch, "process_record", interrupted_at_line_13)
    monkeypatch.setattr(batch, "CHUNK_RECORDS", 1)  # each record written as it is done
    result = run(str(source), "-o", str(out), "-j", "1")
    assert result.exit_code == 130
    assert "--resume" in result.stderr
    partial = tmp_path / "out.jsonl.partial"
    assert not out.exists()
    done = read_output(partial)  # whole records only: the first ones of the full output
    assert 0 < len(done) and data.startswith(partial.read_bytes())
    assert done[-1]["line"] < 13
    # A kill can cut a line short: resume drops it.
    with partial.open("ab") as handle:
        handle.write(b'{"line": 13, "id": "a3", "timel')
    monkeypatch.setattr(batch, "process_record", real)
    resumed = run(str(source), "-o", str(out), "-j", "2", "--resume")
    assert resumed.exit_code == 1  # the failed records before the interruption still count
    assert f"({len(done)} done before)" in resumed.stderr
    assert out.read_bytes() == data
    assert not partial.exists()


def test_resume_a_finished_output_after_the_input_grew(reference, tmp_path):
    source, data, _ = reference
    out = tmp_path / "out.jsonl"
    out.write_bytes(data)
    grown = tmp_path / "in.jsonl"
    grown.write_bytes(source.read_bytes() + record("a6", None, "It rained on Monday.", "2024-04-04").encode() + b"\n")
    assert run(str(grown), "-o", str(out), "-j", "1", "--resume", "-q").exit_code == 1
    records = read_output(out)
    assert out.read_bytes().startswith(data)
    assert records[-1]["id"] == "a6" and records[-1]["line"] == 16


def test_png_dir(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(record("talks/1", None, "They met on Tuesday.", "2024-04-04") + "\n", encoding="utf-8")
    result = run(str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--png-dir", str(tmp_path / "figs"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "figs" / "talks_1.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["/nonexistent/in.jsonl", "-o", "out.jsonl"], 3, "no such file"),
        (["IN", "-o", "/nonexistent/dir/out.jsonl"], 4, "does not exist"),
        (["IN", "-o", "-", "--resume"], 2, "--resume needs an output file"),
        (["IN", "-o", "out.jsonl", "--scheduler", "tcp://127.0.0.1:1"], 2, "--scheduler needs --engine dask"),
        (["IN", "-o", "out.jsonl", "--engine", "spark"], 2, "--engine must be local or dask"),
        (["IN", "-o", "out.jsonl", "--png-dir", "IN"], 4, "is a file, not a folder"),
    ],
)
def test_usage_and_file_errors(reference, args, code, message):
    source, _, _ = reference
    result = run(*[str(source) if a == "IN" else a for a in args])
    assert result.exit_code == code, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_ordered_map_reads_ahead_only_a_few_chunks():
    # Memory stays flat: the input is consumed at most `in_flight` chunks ahead of the output.
    read = []

    def chunks():
        for number in range(100):
            read.append(number)
            yield [(number, b"")], number

    ahead = []
    for _, consumed in batch.ordered_map(lambda chunk: batch._InProcess().submit(len, chunk), chunks(), in_flight=4):
        ahead.append(len(read) - 1 - consumed)
    assert max(ahead) <= 3


def test_dask_local_cluster_gives_the_same_bytes(reference, tmp_path):
    distributed = pytest.importorskip("distributed")
    source, data, _ = reference
    out = tmp_path / "out.jsonl"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        result = run(str(source), "-o", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address, "-q")
    assert result.exit_code == 1, result.output
    assert out.read_bytes() == data


# --- Safety: the input is never an output, figures never overwrite one another ---------------


def test_an_output_that_is_the_input_is_refused(tmp_path):
    source = write_input(tmp_path / "in.jsonl", bad=False)
    before = source.read_bytes()
    (tmp_path / "link.jsonl").symlink_to(source)
    for out in (source, tmp_path / "." / "in.jsonl", tmp_path / "link.jsonl"):
        result = run(str(source), "-o", str(out), "-j", "1", "-q")
        assert result.exit_code == 2, result.output
        assert "is the input file" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    # OUT.partial is written first: an input named like it is refused as well.
    partial_named = tmp_path / "x.jsonl.partial"
    partial_named.write_bytes(before)
    assert run(str(partial_named), "-o", str(tmp_path / "x.jsonl"), "-j", "1", "-q").exit_code == 2
    with pytest.raises(batch.BatchError, match="is the input file"):
        batch.run_batch(str(source), str(source), workers=1, quiet=True)
    assert source.read_bytes() == before == partial_named.read_bytes()


def test_records_with_one_id_get_figures_of_their_own(tmp_path):
    source = tmp_path / "in.jsonl"
    texts = ["They met on Tuesday.", "They left on Monday.", "Talks resume in May.", "Nothing dated."]
    source.write_text("".join(record(i, None, t, "2024-04-04") + "\n" for i, t in zip(["dup", "dup", "DUP", "dup-2"], texts)),
                      encoding="utf-8")
    figures = tmp_path / "figs"
    result = run(str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "-q", "--png-dir", str(figures))
    assert result.exit_code == 0, result.output
    # In input order, whatever the case of the id (a case-insensitive file system would merge them).
    assert sorted(p.name for p in figures.iterdir()) == ["DUP-3.png", "dup-2-2.png", "dup-2.png", "dup.png"]
    assert len({p.read_bytes() for p in figures.iterdir()}) == 4  # four figures, none overwritten
    notices = result.stderr.strip().splitlines()
    assert notices == [
        "timeline: line 2: dup.png is an earlier record's figure; this one's is dup-2.png",
        "timeline: line 3: DUP.png is an earlier record's figure; this one's is DUP-3.png",
        "timeline: line 4: dup-2.png is an earlier record's figure; this one's is dup-2-2.png",
    ]


def test_a_resumed_run_names_figures_as_a_whole_run_does(tmp_path, monkeypatch):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(record("same", None, f"Day {n}: they met on Tuesday.", "2024-04-04") + "\n" for n in range(4)),
                      encoding="utf-8")
    real = batch.process_record

    def interrupted_at_line_3(line, raw, png=None):
        if line == 3:
            raise KeyboardInterrupt
        return real(line, raw, png)

    monkeypatch.setattr(batch, "process_record", interrupted_at_line_3)
    monkeypatch.setattr(batch, "CHUNK_RECORDS", 1)
    figures = tmp_path / "figs"
    assert run(str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--png-dir", str(figures)).exit_code == 130
    assert sorted(p.name for p in figures.iterdir()) == ["same-2.png", "same.png"]
    monkeypatch.setattr(batch, "process_record", real)
    resumed = run(str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--png-dir", str(figures), "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert sorted(p.name for p in figures.iterdir()) == ["same-2.png", "same-3.png", "same-4.png", "same.png"]


def test_ids_that_are_not_file_names_stay_in_the_folder(tmp_path):
    ids = ["../escape", "/tmp/absolute", "..", ".", "", "a/../../b", ".hidden", "x" * 300, "\u6642" * 300, "nul\u0000byte",
           "dir\\..\\win", None, 12, True]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": "On Monday.", "published": "2024-04-04"}) + "\n" for i in ids),
                      encoding="utf-8")
    figures = tmp_path / "deep" / "figs"
    result = run(str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "-q", "--png-dir", str(figures))
    assert result.exit_code == 0, result.output
    names = [p.name for p in figures.iterdir()]
    assert len(names) == len(ids)  # one figure each, all in the folder itself
    assert all(p.is_file() for p in figures.iterdir())
    assert all(not n.startswith(".") and "/" not in n and "\\" not in n and len(n.encode()) <= 120 for n in names), names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "in.jsonl", "out.jsonl"]
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["figs"]


# --- Bad input as a whole, and records read as build reads articles ----------------------------


@pytest.mark.parametrize(
    "data, fragment",
    [(bytes(range(256)) * 40, "binary data"), (b"\x7fELF\x02\x01\x01\x00" + bytes(500), "binary data"),
     ('{"text": "On Monday.", "published": "2024-04-04"}\n'.encode("utf-16"), "UTF-16")],
    ids=["bytes", "elf", "utf-16"],
)
def test_binary_input_is_one_error(tmp_path, data, fragment):
    source = tmp_path / "blob"
    source.write_bytes(data)
    for args, kwargs in (([str(source)], {}), (["-"], {"input": data})):
        result = run(*args, "-o", str(tmp_path / "out.jsonl"), "-j", "1", **kwargs)
        assert result.exit_code == 3, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("timeline: error: ") and fragment in lines[0], lines
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blob"]


def test_a_record_without_a_title_takes_its_first_line_as_build_does(tmp_path):
    text = "Harbour talks collapse\n\nThe ministers met on Tuesday morning."
    source = tmp_path / "in.jsonl"
    source.write_text(record("a", None, text, "2024-04-04") + "\n" + record("b", "Given", text, "2024-04-04") + "\n",
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run(str(source), "-o", str(out), "-j", "1", "-q").exit_code == 0
    titles = [r["timeline"]["document"]["title"] for r in read_output(out)]
    assert titles == ["Harbour talks collapse", "Given"]
    built = CliRunner().invoke(app, ["build", "-", "-p", "2024-04-04"], input=text)
    assert json.loads(built.stdout)["document"]["title"] == titles[0]


def test_a_json_error_names_its_column_once(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "abc\n{"text": 1,}\n')
    out = tmp_path / "out.jsonl"
    assert run(str(source), "-o", str(out), "-j", "1", "-q").exit_code == 1
    errors = [r["error"] for r in read_output(out)]
    assert errors == ["not valid JSON: Unterminated string starting at column 10",
                      "not valid JSON: Expecting property name enclosed in double quotes at column 12"]


# --- Stopping: a signal to the whole process group; the API from a plain script ---------------

COMMAND = [sys.executable, "-c", "from timeline.cli import main; main()"]


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
@pytest.mark.parametrize("engine", ["local", "dask"])
def test_sigterm_to_the_process_group_stops_cleanly(tmp_path, engine):
    """`timeout` and `kill -- -PGID` signal the workers too: the run must still end as
    an interruption (130, one line), with a partial output that --resume completes."""
    if engine == "dask":
        pytest.importorskip("distributed")
    sentence = "The ministers met on Tuesday morning and will meet again next month, officials said. "
    source = tmp_path / "in.jsonl"
    source.write_text("".join(record(f"r{n}", None, sentence * 25, "2024-04-02") + "\n" for n in range(400)), encoding="utf-8")
    out, partial = tmp_path / "out.jsonl", tmp_path / "out.jsonl.partial"
    process = subprocess.Popen(COMMAND + ["batch", str(source), "-o", str(out), "-j", "2", "--engine", engine],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline and not (partial.exists() and partial.stat().st_size):
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before the signal: make the input larger"
    os.killpg(process.pid, signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the run hung after SIGTERM")
    lines = stderr.decode().splitlines()
    assert process.returncode == 130, (process.returncode, lines)
    assert len(lines) == 1 and lines[0].startswith("timeline: interrupted after "), lines
    done = partial.read_bytes()
    assert done.endswith(b"\n") and [json.loads(line)["line"] for line in done.splitlines()] == list(
        range(1, done.count(b"\n") + 1))
    resumed = subprocess.run(COMMAND + ["batch", str(source), "-o", str(out), "-j", "2", "--resume", "-q"],
                             capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes().startswith(done)
    assert [json.loads(line)["line"] for line in out.read_bytes().splitlines()] == list(range(1, 401))


@pytest.mark.parametrize("guarded", [False, True], ids=["unguarded", "guarded"])
def test_run_batch_from_a_plain_script(tmp_path, guarded):
    source = write_input(tmp_path / "in.jsonl", bad=False)
    call = f"run_batch({str(source)!r}, {str(tmp_path / 'out.jsonl')!r}, workers=2, quiet=True)"
    body = f'if __name__ == "__main__":\n    print({call})\n' if guarded else f"print({call})\n"
    script = tmp_path / "script.py"
    script.write_text("from timeline.batch import run_batch\n" + body, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=120, cwd=tmp_path)
    stderr = done.stderr.decode()
    if guarded:
        assert done.returncode == 0, stderr
        assert "Summary(records=5" in done.stdout.decode()
        return
    assert done.returncode == 1
    assert "BrokenProcessPool" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("timeline.batch.BatchError: a worker process stopped")
    assert 'if __name__ == "__main__":' in stderr.strip().splitlines()[-1]


def test_the_readme_batch_example_runs_as_a_script(tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("\n", 1)[1] for b in readme.split("```python")[1:]]
    example = next(b.split("```")[0] for b in blocks if "run_batch(" in b.split("```")[0])
    write_input(tmp_path / "articles.jsonl", bad=False)
    (tmp_path / "example.py").write_text(example, encoding="utf-8")
    done = subprocess.run([sys.executable, "example.py"], capture_output=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert len(read_output(tmp_path / "timelines.jsonl")) == len(ARTICLES)


@pytest.mark.parametrize("raw", [b'{"id": 1e400, "text": "On Monday.", "published": "2024-04-04"}',
                                 b'{"id": NaN, "text": "On Monday.", "published": "2024-04-04"}',
                                 b'{"text": "On Monday.", "published": "2024-04-04", "score": -Infinity}'])
def test_numbers_json_cannot_hold_are_bad_records(tmp_path, raw):
    source = tmp_path / "in.jsonl"
    source.write_bytes(raw + b"\n")
    out = tmp_path / "out.jsonl"
    assert run(str(source), "-o", str(out), "-j", "1", "-q").exit_code == 1

    def strict(constant):
        raise ValueError(constant)

    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line, parse_constant=strict)["id"] is None and "error" in json.loads(line)


def _is_char_device(path: str) -> bool:
    import stat

    return os.path.exists(path) and stat.S_ISCHR(os.stat(path).st_mode)


@pytest.mark.skipif(not _is_char_device(os.devnull), reason="no null device")
def test_an_output_that_is_a_device_is_written_to_not_replaced(tmp_path):
    source = write_input(tmp_path / "in.jsonl", bad=False)
    result = run(str(source), "-o", os.devnull, "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    assert _is_char_device(os.devnull) and not os.path.exists(os.devnull + ".partial")
    resumed = run(str(source), "-o", os.devnull, "-j", "1", "-q", "--resume")
    assert resumed.exit_code == 2 and "--resume needs an output file" in resumed.stderr
    if _is_char_device("/dev/full"):
        full = run(str(source), "-o", "/dev/full", "-j", "1", "-q")
        assert full.exit_code == 4 and full.stderr.strip().splitlines() == [
            "timeline: error: /dev/full: cannot write (No space left on device)"], full.output
        assert _is_char_device("/dev/full")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_an_output_that_is_a_pipe_gets_the_records(tmp_path):
    source = write_input(tmp_path / "in.jsonl", bad=False)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        result = run(str(source), "-o", str(fifo), "-j", "1", "-q")
        got, _ = reader.communicate(timeout=30)
    finally:
        reader.kill()
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in got.splitlines()] == [a[0] for a in ARTICLES]
    assert fifo.is_fifo() and sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "pipe"]
