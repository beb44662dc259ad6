"""timeline story: many articles to one timeline (reading, merging, outputs, the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.tokenized import detokenize
from timeline.story import build_story, content_words, schema_text, to_text
from timeline.story_score import read_timeline_text

#: Penn-Treebank tokenized, as Timeline17's articles are: spaces before punctuation,
#: `` '' for quotes, -LRB- -RRB- for brackets, one sentence a line.
TOKENIZED = {
    "2010-04-21/1.htm.txt": (
        "The Deepwater Horizon drilling rig exploded in the Gulf of Mexico on 20 April , killing 11 workers .\n"
        "BP said it had `` activated an extensive oil spill response '' -LRB- a flotilla of 32 vessels -RRB- .\n"
    ),
    "2010-04-22/2.htm.txt": (
        "Rescue crews searched on Wednesday for the 11 workers missing since the rig blast .\n"
        "The Deepwater Horizon rig exploded in the Gulf of Mexico on 20 April , killing 11 workers on board .\n"
    ),
    "2010-04-23/3.htm.txt": (
        "The Deepwater Horizon oil rig exploded in the Gulf of Mexico on 20 April , killing 11 of its workers .\n"
        "The rig sank into the Gulf of Mexico on 22 April after burning for two days .\n"
    ),
    "2010-04-26/4.htm.txt": (
        "The burning rig sank into the waters of the Gulf of Mexico on 22 April , two days after the blast .\n"
        "Robot submarines failed on Sunday to close the valves of the leaking well .\n"
    ),
}


def write_folder(root: Path, files: dict[str, str] = TOKENIZED) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def as_jsonl(path: Path, files: dict[str, str] = TOKENIZED) -> Path:
    lines = [
        json.dumps({"id": name, "text": text, "published": name[:10]}) for name, text in files.items()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def story_cli(*args: str, input: str | None = None):
    return CliRunner().invoke(app, ["story", *args], input=input)


def test_tokenized_folder_gives_the_dates_most_articles_name(tmp_path):
    folder = write_folder(tmp_path / "docs")
    story = build_story([str(folder)], dates=2)
    assert [d.date.day for d in story.dates] == ["2010-04-20", "2010-04-22"]
    first = story.dates[0]
    assert first.date.articles == 3 and first.date.publication_days == 3
    entry = first.entries[0]
    assert "exploded" in entry.sentence
    # The same statement in three articles is one entry with its three sources.
    assert entry_support(entry) == 3
    for source in entry.sources:
        text = (folder / source.article).read_text(encoding="utf-8")
        assert "exploded in the Gulf of Mexico on 20 April" in text[source.start : source.end]
        assert source.published == source.article[:10]


def entry_support(entry) -> int:
    return len({s.article for s in entry.sources})


def test_offsets_point_into_the_given_text(tmp_path):
    folder = write_folder(tmp_path / "docs")
    story = build_story([str(folder)], dates=2)
    for date in story.dates:
        for entry in date.entries:
            first = entry.sources[0]
            text = (folder / first.article).read_text(encoding="utf-8")
            # The entry reads as prose; its source's offsets point into the given, tokenized text.
            assert " ".join(detokenize(text[first.start : first.end]).prose.split()) == entry.sentence


def test_no_two_entries_say_the_same_thing(tmp_path):
    folder = write_folder(tmp_path / "docs")
    story = build_story([str(folder)], dates=3, per_date=3)
    sentences = [e.sentence for d in story.dates for e in d.entries]
    words = [set(content_words(s)) for s in sentences]
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            overlap = len(words[i] & words[j]) / min(len(words[i]), len(words[j]))
            assert overlap < 0.8, (sentences[i], sentences[j])


def test_jsonl_and_folder_and_stdin_give_the_same_story(tmp_path):
    folder = write_folder(tmp_path / "docs")
    jsonl = as_jsonl(tmp_path / "docs.jsonl")
    from_folder = build_story([str(folder)], dates=2)
    from_jsonl = build_story([str(jsonl)], dates=2)
    assert to_text(from_folder) == to_text(from_jsonl)
    piped = story_cli("-", "--dates", "2", "--txt", "-", "-q", input=jsonl.read_text())
    assert piped.exit_code == 0, piped.output
    assert piped.stdout == to_text(from_jsonl)


def test_publication_date_beside_the_file(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for index, (name, text) in enumerate(TOKENIZED.items()):
        (folder / f"a{index}.txt").write_text(text, encoding="utf-8")
        (folder / f"a{index}.published").write_text(name[:10] + "\n", encoding="utf-8")
    story = build_story([str(folder)], dates=2)
    assert story.articles == 4 and story.failed == 0
    assert [d.date.day for d in story.dates] == ["2010-04-20", "2010-04-22"]


def test_bad_records_each_get_an_error_line_and_exit_1(tmp_path):
    jsonl = as_jsonl(tmp_path / "docs.jsonl")
    with jsonl.open("a", encoding="utf-8") as handle:
        handle.write("not json\n")
        handle.write('{"id": "x", "text": "On Monday.", "published": "soon"}\n')
        handle.write('{"id": "y", "published": "2010-04-22"}\n')
    folder = write_folder(tmp_path / "docs", {"undated/5.txt": "The rig sank on 22 April ."})
    (folder / "2010-04-30").mkdir()
    (folder / "2010-04-30" / "6.txt").write_bytes(b"caf\xe9 on Monday")
    result = story_cli(str(jsonl), str(folder), "--txt", str(tmp_path / "story.txt"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("timeline: error:")]
    assert len(errors) == 5, result.stderr
    assert f"{jsonl}:5: not valid JSON" in errors[0]
    assert "'soon'" in errors[1] and "missing text" in errors[2]
    assert any("no publication date" in e for e in errors) and any("6.txt: not valid utf-8: byte 0xe9" in e for e in errors)
    # Nothing lost: the good records still make the story.
    assert read_timeline_text((tmp_path / "story.txt").read_text())


def test_empty_topic_is_an_empty_story_not_a_crash(tmp_path):
    folder = write_folder(tmp_path / "docs")
    off_topic = build_story([str(folder)], query="swine flu vaccine")
    assert off_topic.dates == () and off_topic.relevant == 0
    empty = story_cli("-", "--json", str(tmp_path / "s.json"), "--png", str(tmp_path / "s.png"), "--txt", "-", input="")
    assert empty.exit_code == 0, empty.output
    assert empty.stdout == ""
    data = json.loads((tmp_path / "s.json").read_text())
    assert data["dates"] == [] and data["story"]["articles"] == 0
    assert (tmp_path / "s.png").stat().st_size > 0


def test_query_keeps_what_is_about_the_topic(tmp_path):
    files = dict(TOKENIZED)
    files["2010-04-24/9.htm.txt"] = "The football club sacked its manager on 20 April after a run of losses .\n"
    folder = write_folder(tmp_path / "docs", files)
    story = build_story([str(folder)], query="Gulf oil rig", dates=2, per_date=3)
    assert story.relevant == 4
    assert all("football" not in e.sentence for d in story.dates for e in d.entries)


def test_from_and_to_bound_publication_and_event_days(tmp_path):
    folder = write_folder(tmp_path / "docs")
    story = build_story([str(folder)], since="2010-04-21", until="2010-04-23")
    assert all("2010-04-21" <= d.date.day <= "2010-04-23" for d in story.dates)
    assert story.relevant == 3


def test_json_validates_and_outputs_are_written(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    folder = write_folder(tmp_path / "docs")
    out = {name: tmp_path / f"story.{name}" for name in ("json", "png", "tl.json", "txt")}
    result = story_cli(
        str(folder), "--dates", "2", "--json", str(out["json"]), "--png", str(out["png"]),
        "--timelinejs", str(out["tl.json"]), "--txt", str(out["txt"]),
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out["json"].read_text())
    jsonschema.validate(data, json.loads(schema_text()))
    assert [d["date"] for d in data["dates"]] == ["2010-04-20", "2010-04-22"]
    timelinejs = json.loads(out["tl.json"].read_text())
    assert len(timelinejs["events"]) == 2 and timelinejs["events"][0]["start_date"] == {"year": 2010, "month": 4, "day": 20}
    assert out["png"].read_bytes()[:4] == b"\x89PNG"
    days = read_timeline_text(out["txt"].read_text())
    assert [d.isoformat() for d in days] == ["2010-04-20", "2010-04-22"]
    schema_cli = CliRunner().invoke(app, ["schema", "--story"])
    assert json.loads(schema_cli.stdout)["title"] == "timeline story"


def test_usage_errors(tmp_path):
    folder = write_folder(tmp_path / "docs")
    assert story_cli(str(tmp_path / "missing.jsonl")).exit_code == 3
    assert story_cli(str(folder), "--from", "April").exit_code == 2
    assert story_cli(str(folder), "--json", "-", "--txt", "-").exit_code == 2
    jsonl = as_jsonl(tmp_path / "docs.jsonl")
    assert story_cli(str(jsonl), "--json", str(jsonl)).exit_code == 2
    assert story_cli(str(folder), "--json", str(tmp_path / "no" / "s.json")).exit_code == 4


def test_two_workers_give_the_same_story(tmp_path):
    jsonl = as_jsonl(tmp_path / "docs.jsonl")
    assert build_story([str(jsonl)], workers=2).to_json() == build_story([str(jsonl)], workers=1).to_json()


def test_timeline17_topic_reads_as_a_story(shared, tmp_path):
    folder = shared / "corpora" / "timeline17" / "bpoil_bbc" / "InputDocs"
    if not folder.is_dir():
        pytest.skip("Timeline17 is not present")
    story = build_story([str(folder)])
    assert story.failed == 0 and story.articles > 250
    days = [d.date.day for d in story.dates]
    assert "2010-04-20" in days and len(days) == 25 and days == sorted(days)
    explosion = story.dates[days.index("2010-04-20")].entries[0].sentence.lower()
    assert "explo" in explosion or "rig" in explosion


def test_an_entry_stands_on_its_own(tmp_path):
    """Sentences that lean on the one before, questions and a web page's furniture are no
    entries, however many articles repeat them."""
    leaning = "It sank into the Gulf of Mexico on 22 April after burning for two days .\n"
    furniture = "Rig sinks | BBC News | 22 April 2010 the rig sank into the Gulf of Mexico .\n"
    files = {f"2010-04-2{i}/{i}.txt": leaning + furniture for i in range(3, 7)}
    files["2010-04-27/9.txt"] = "The Deepwater Horizon rig sank into the Gulf of Mexico on 22 April .\n"
    story = build_story([str(write_folder(tmp_path / "docs", files))], dates=1)
    assert [e.sentence for d in story.dates for e in d.entries] == [detokenize(files["2010-04-27/9.txt"].strip()).prose]


def test_dask_engine_gives_the_same_story(tmp_path):
    pytest.importorskip("distributed")
    jsonl = as_jsonl(tmp_path / "docs.jsonl")
    assert build_story([str(jsonl)], engine="dask", workers=1).to_json() == build_story([str(jsonl)]).to_json()
