"""The command line: outputs, stdin/stdout, and one-line errors with documented exit codes."""

import json
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.export import schema

runner = CliRunner()
ARTICLE = "The ministers met on Tuesday morning. They will meet again next month.\n"


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("timeline ")


def test_build_json_to_stdout_from_stdin_is_valid_and_stable():
    first = run("build", "-", "--published", "2024-04-04", "--json", "-", input=ARTICLE)
    second = run("build", "-", "--published", "2024-04-04", "--json", "-", input=ARTICLE)
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    jsonschema.validate(data, schema())
    values = [e["value"] for e in data["expressions"]]
    assert values == ["2024-04-02TMO", "2024-05"]


def test_build_writes_json_and_png(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out_json, out_png = tmp_path / "t.json", tmp_path / "t.png"
    result = run("build", str(article), "-p", "2024-04-04", "--json", str(out_json), "--png", str(out_png))
    assert result.exit_code == 0, result.output
    jsonschema.validate(json.loads(out_json.read_text(encoding="utf-8")), schema())
    assert out_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_resolve_phrase():
    result = run("resolve", "last summer", "--published", "2024-04-02")
    assert result.exit_code == 0
    assert result.stdout.split("\t")[:3] == ["last summer", "DATE", "2023-SU"]


def test_schema_command_prints_the_schema():
    result = run("schema")
    assert json.loads(result.stdout) == schema()


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["build", "-"], 2, "--published is required"),
        (["build", "-", "--published", "yesterday-ish"], 2, "cannot read the publication date"),
        (["build", "-", "--published", "2024-02-30"], 2, "invalid publication date"),
        (["build", "/nonexistent/article.txt", "--published", "2024-04-02"], 3, "no such file"),
        (["build", "-", "--published", "2024-04-02", "--json", "/nonexistent/dir/out.json"], 4, "does not exist"),
        (["build", "-", "--published", "2024-04-02", "--png", "out.gif"], 2, "must end in .png"),
    ],
)
def test_errors_are_one_line_with_exit_codes(args, code, message):
    result = run(*args, input="Text on Monday.")
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_invalid_utf8_names_the_byte(tmp_path):
    article = tmp_path / "bad.txt"
    article.write_bytes(b"Talks on Monday \xff here.")
    result = run("build", str(article), "--published", "2024-04-02")
    assert result.exit_code == 3
    assert "0xff at offset 16" in result.stderr
    lenient = run("build", str(article), "--published", "2024-04-02", "--errors", "replace")
    assert lenient.exit_code == 0


def test_directory_is_not_an_article(tmp_path):
    result = run("build", str(tmp_path), "--published", "2024-04-02")
    assert result.exit_code == 3
    assert "is a directory" in result.stderr


def test_empty_article_gives_an_empty_timeline():
    result = run("build", "-", "--published", "2024-04-02", input="")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["expressions"] == []
    assert [e["kind"] for e in data["events"]] == ["publication"]


def test_existing_output_survives_a_failed_write(tmp_path, monkeypatch):
    out = tmp_path / "t.json"
    out.write_text("old", encoding="utf-8")
    import timeline.export as export

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "replace", broken_replace)
    result = run("build", "-", "--published", "2024-04-02", "--json", str(out), input=ARTICLE)
    assert result.exit_code == 4
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]


def test_eval_on_a_case_file_with_floor(tmp_path):
    cases = tmp_path / "mine.tsv"
    cases.write_text("They met on [Tuesday].\t2024-04-04\tDATE\t2024-04-02\n", encoding="utf-8")
    ok = run("eval", str(cases))
    assert ok.exit_code == 0, ok.output
    bad = tmp_path / "bad.tsv"
    bad.write_text("They met on [Tuesday].\t2024-04-04\tDATE\t1999-01-01\n", encoding="utf-8")
    assert run("eval", str(bad), "--min-pass-rate", "100").exit_code == 1


# --- The two commands of the README: `make demo` leaves the git tree as it was ---------------

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not (shutil.which("make") and shutil.which("git") and (ROOT / ".git").exists()),
                    reason="needs make and a git checkout")
def test_make_demo_writes_only_ignored_files():
    plan = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    builds = [shlex.split(line) for line in plan.splitlines() if "timeline build" in line]
    assert builds, plan
    outputs = [words[i + 1] for words in builds for i, word in enumerate(words) if word in {"--json", "--png", "--svg", "--pdf"}]
    assert outputs, builds
    for output in outputs:
        ignored = subprocess.run(["git", "check-ignore", "-q", output], cwd=ROOT)
        assert ignored.returncode == 0, f"make demo writes {output}, which git tracks"


def test_the_license_is_an_spdx_string_for_a_setuptools_that_reads_it():
    # A license table makes setuptools >= 77 print a deprecation warning on every build.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    setuptools = [r for r in project["build-system"]["requires"] if r.startswith("setuptools")]
    assert setuptools and tuple(int(n) for n in setuptools[0].split(">=")[1].split(".")) >= (77,)
