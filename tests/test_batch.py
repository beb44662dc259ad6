"""Batch: JSON Lines in, JSON Lines out, in order, whatever the engine and the workers;
bad records reported on their line; an interrupted run resumed to the same output."""

import json
import logging
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
