"""Exports: EDTF on every expression and event, TimelineJS3 JSON, TimeML 1.2.1 (round trip)."""

import json
import xml.etree.ElementTree as ET

import edtf
import jsonschema
import pytest
from typer.testing import CliRunner

from timeline import SCHEMA_VERSION, build_timeline
from timeline.cli import app
from timeline.edtfvalue import expression_edtf
from timeline.export import schema
from timeline.formats import describe, to_timelinejs, to_timeml
from timeline.timeml import read_timeml

# Dates of many grains and relations: seasons, quarters, halves, weeks, decades,
# times, parts of day, "since", sets and durations.
ARTICLE = (
    "Officials met on Tuesday morning. They spoke again at 3 p.m. on Friday. "
    "Since last summer, prices have risen. Sales fell in the third quarter of 2023. "
    "Costs rose in the first half of 2022. They met last week. Costs soared in the 1990s. "
    "In early 2023 the plan stalled. Since March 2021 she has led it. "
    "The board meets every Monday. The talks lasted three weeks. The deal is done now.\n"
)
PUBLISHED = "2024-04-04"


@pytest.fixture(scope="module")
def built():
    return build_timeline(ARTICLE, PUBLISHED, title="Prices & <talks>")


# --- EDTF --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, mod, expected",
    [
        ("2024-04-02", None, "2024-04-02"),
        ("2022-11", None, "2022-11"),
        ("2023", None, "2023"),
        ("2023-SP", None, "2023-21"),
        ("2023-SU", None, "2023-22"),
        ("2023-FA", None, "2023-23"),
        ("2023-WI", None, "2023-24"),
        ("2023-Q1", None, "2023-33"),
        ("2023-Q4", None, "2023-36"),
        ("2023-H1", None, "2023-40"),
        ("2023-H2", None, "2023-41"),
        ("2024-W14", None, "2024-04-01/2024-04-07"),
        ("2024-W14-WE", None, "2024-04-06/2024-04-07"),
        ("199", None, "199X"),
        ("19", None, "19XX"),
        ("2024-04-02T14:30", None, "2024-04-02T14:30:00"),
        ("2024-04-02T14", None, "2024-04-02T14:00:00"),
        ("2024-04-02TMO", None, "2024-04-02"),
        ("2024", "APPROX", "2024~"),
        ("2024-04-02", "APPROX", "2024-04-02~"),
        ("2024-04-02T14:30", "APPROX", "2024-04-02~"),
        ("2023", "START", "2023"),
        ("2023-11", "END", "2023-11"),
        ("2023-SU", "APPROX", None),
        ("2023", "BEFORE", None),
        ("P3Y", None, None),
        ("XXXX-WXX-1", None, None),
        ("PRESENT_REF", None, None),
        ("2023-02-30", None, None),
    ],
)
def test_edtf_of_values(value, mod, expected):
    assert expression_edtf(value, mod) == expected
    if expected is not None:
        edtf.parse_edtf(expected)  # the Library of Congress format, as the edtf package reads it


def test_every_edtf_written_is_valid_edtf(built):
    data = built.to_dict()
    written = [item["edtf"] for item in data["expressions"] + data["events"]]
    assert any(w and "/" in w for w in written)  # the "since" events are intervals
    for value in written:
        if value is not None:
            edtf.parse_edtf(value)


def test_edtf_of_expressions_and_events(built):
    by_text = {e.text: e for e in built.expressions}
    assert by_text["last summer"].edtf == "2023-22"
    assert by_text["the third quarter of 2023"].edtf == "2023-35"
    assert by_text["last week"].edtf == "2024-03-25/2024-03-31"
    assert by_text["the 1990s"].edtf == "199X"
    assert by_text["every Monday"].edtf is None  # a SET
    assert by_text["three weeks"].edtf is None  # a DURATION
    since = {e.value: e.edtf for e in built.events if e.relation == "since"}
    # A "since" event runs from its date up to the publication day.
    assert since == {"2023-SU": "2023-22/2024-04-04", "2021-03": "2021-03/2024-04-04"}
    publication = next(e for e in built.events if e.kind == "publication")
    assert publication.edtf == "2024-04-04"


def test_edtf_in_json_and_schema(built):
    data = built.to_dict()
    assert data["schema_version"] == SCHEMA_VERSION == "1.3.0"
    jsonschema.validate(data, schema())
    keys = list(data["expressions"][0])
    assert keys[keys.index("mod") + 1] == "edtf"
    keys = list(data["events"][0])
    assert keys[keys.index("mod") + 1] == "edtf"
    # A 1.0 document (without edtf) still validates: the field is optional for readers.
    old = json.loads(json.dumps(data))
    old["schema_version"] = "1.0.0"
    for item in old["expressions"] + old["events"]:
        del item["edtf"]
    jsonschema.validate(old, schema())
    assert schema()["properties"]["schema_version"]["pattern"].startswith("^1\\.")


# --- TimelineJS3 -------------------------------------------------------------------

# Written from Knight Lab's "TimelineJS JSON data format" page: the properties of the
# top object, of slide, date and text objects, and their documented ranges. Only
# documented names may appear (additionalProperties false).
_DATE = {
    "type": "object",
    "required": ["year"],
    "additionalProperties": False,
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
        "second": {"type": "integer", "minimum": 0, "maximum": 59},
        "millisecond": {"type": "integer"},
        "display_date": {"type": "string"},
    },
}
_TEXT = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
}
_SLIDE_PROPERTIES = {
    "start_date": _DATE,
    "end_date": _DATE,
    "text": _TEXT,
    "media": {"type": "object"},
    "group": {"type": "string"},
    "display_date": {"type": "string"},
    "background": {"type": "object"},
    "autolink": {"type": "boolean"},
    "unique_id": {"type": "string"},
}
TIMELINEJS_SCHEMA = {
    "type": "object",
    "required": ["events"],
    "additionalProperties": False,
    "properties": {
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date"],
                "additionalProperties": False,
                "properties": _SLIDE_PROPERTIES,
            },
        },
        "title": {"type": "object", "additionalProperties": False, "properties": _SLIDE_PROPERTIES},
        "eras": {"type": "array"},
        "scale": {"enum": ["human", "cosmological"]},
    },
}


def test_timelinejs_shape(built):
    data = to_timelinejs(built, ARTICLE)
    jsonschema.validate(data, TIMELINEJS_SCHEMA)
    assert len(data["events"]) == len(built.events)
    assert len({slide["unique_id"] for slide in data["events"]}) == len(built.events)
    # Text fields take HTML: the title's "&" and "<" are escaped.
    assert data["title"]["text"]["headline"] == "Prices &amp; &lt;talks&gt;"


def test_timelinejs_dates_and_display_dates(built):
    slides = {slide["unique_id"]: slide for slide in to_timelinejs(built, ARTICLE)["events"]}
    events = {e.id: e for e in built.events}

    def slide_of(value, relation=None):
        return next(slides[i] for i, e in events.items() if e.value == value and e.relation == relation)

    since = slide_of("2023-SU", "since")
    assert since["start_date"] == {"year": 2023, "month": 6}
    assert since["end_date"] == {"year": 2024, "month": 4, "day": 4}
    assert since["display_date"] == "Since summer 2023"
    quarter = slide_of("2023-Q3")
    assert quarter["start_date"] == {"year": 2023, "month": 7}
    assert quarter["end_date"] == {"year": 2023, "month": 9}
    assert quarter["display_date"] == "Q3 2023"
    assert slide_of("2024-W13")["end_date"] == {"year": 2024, "month": 3, "day": 31}
    assert slide_of("199")["display_date"] == "The 1990s"
    assert slide_of("2023")["display_date"] == "Early 2023"  # mod START
    time = slide_of("2024-03-29T15:00")
    assert time["start_date"] == {"year": 2024, "month": 3, "day": 29, "hour": 15, "minute": 0}
    assert "display_date" not in time and "end_date" not in time  # TimelineJS shows a time itself
    assert slide_of("2024-04-02TMO")["display_date"] == "2 April 2024, morning"


def test_timelinejs_title_falls_back_to_the_first_line():
    text = "\n  Harbour bridge reopens  \nIt reopened on Monday.\n"
    data = to_timelinejs(build_timeline(text, PUBLISHED), text)
    assert data["title"]["text"]["headline"] == "Harbour bridge reopens"
    jsonschema.validate(data, TIMELINEJS_SCHEMA)


@pytest.mark.parametrize(
    "value, words",
    [("2023-WI", "Winter 2023–24"), ("2022-11", "November 2022"), ("2023-H2", "Second half of 2023"), ("P3Y", None)],
)
def test_describe(value, words):
    assert describe(value) == words


# --- TimeML ------------------------------------------------------------------------


def _same_expressions(document, timeline):
    gold = [(g.start, g.end, g.text, g.type, g.value, g.mod) for g in document.timexes]
    ours = [(e.start, e.end, e.text, e.type, e.value, e.mod) for e in timeline.expressions]
    assert gold == ours


def test_timeml_round_trip(built):
    xml = to_timeml(built, ARTICLE, docid="sample-1")
    document = read_timeml(xml)
    assert document.docid == "sample-1"
    assert document.text == ARTICLE
    assert document.published == PUBLISHED
    _same_expressions(document, built)


def test_timeml_attributes(built):
    root = ET.fromstring(to_timeml(built, ARTICLE))
    dct = root.find("DCT/TIMEX3")
    assert dct.get("functionInDocument") == "CREATION_TIME" and dct.get("value") == PUBLISHED
    assert root.find("TITLE").text == "Prices & <talks>"
    timexes = {t.get("tid"): t for t in root.iter("TIMEX3")}
    for tid, timex in timexes.items():
        anchor = timex.get("anchorTimeID")
        if anchor is not None:
            assert anchor in timexes and anchor != tid
            assert timex.get("temporalFunction") == "true"
    by_text = {t.text: t for t in root.find("TEXT").iter("TIMEX3")}
    assert by_text["last summer"].get("anchorTimeID") == dct.get("tid")
    assert by_text["every Monday"].get("quant") == "EVERY"
    assert by_text["early 2023"].get("mod") == "START"
    assert by_text["March 2021"].get("temporalFunction") == "false"


def test_timeml_round_trip_escapes_and_line_ends():
    text = 'A & B <said> "yes"\r\nThey met on Monday.\r\nR&D rose > 5% in May 2023.\x0c\tEnd on Friday.'
    timeline = build_timeline(text, "2024-04-04T09:15")
    document = read_timeml(to_timeml(timeline, text))
    assert document.published == "2024-04-04T09:15:00"
    # \r survives as a character reference; the form feed (not XML) becomes U+FFFD, one for one.
    assert document.text == text.replace("\x0c", "\ufffd")
    _same_expressions(document, timeline)


def test_timeml_round_trip_on_the_shared_sample(shared):
    text = (shared / "samples" / "biden-xi-call.txt").read_text(encoding="utf-8")
    timeline = build_timeline(text, "2024-04-02")
    document = read_timeml(to_timeml(timeline, text))
    assert document.text == text
    _same_expressions(document, timeline)


# --- The command line --------------------------------------------------------------


def test_build_writes_timelinejs_and_timeml(tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    tjs, tml = tmp_path / "t.timeline.json", tmp_path / "t.tml"
    result = CliRunner().invoke(app, ["build", str(article), "-p", PUBLISHED, "--timelinejs", str(tjs), "--timeml", str(tml)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # an output was named: no JSON on stdout
    jsonschema.validate(json.loads(tjs.read_text(encoding="utf-8")), TIMELINEJS_SCHEMA)
    document = read_timeml(tml)
    assert document.docid == "talks" and document.text == ARTICLE


def test_build_timeml_to_stdout_and_two_stdouts_refused():
    runner = CliRunner()
    ok = runner.invoke(app, ["build", "-", "-p", PUBLISHED, "--timeml", "-"], input="They met on Monday.")
    assert ok.exit_code == 0
    assert read_timeml(ok.stdout).timexes[0].value == "2024-04-01"
    both = runner.invoke(app, ["build", "-", "-p", PUBLISHED, "--json", "-", "--timeml", "-"], input="Monday.")
    assert both.exit_code == 2
    assert "only one of" in both.stderr


def test_edtf_of_every_value_in_the_case_corpus_is_valid():
    from pathlib import Path

    written = set()  # distinct strings: the edtf parser takes ~10 ms each
    for path in sorted((Path(__file__).parents[1] / "data" / "cases").glob("*.tsv")):
        if path.name.startswith("negative"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if line.startswith("#") or len(fields) < 4:
                continue
            mod = fields[4] if len(fields) > 4 and fields[4] not in {"", "-"} else None
            written.add(expression_edtf(fields[3], mod))
    written.discard(None)
    assert len(written) > 50
    for value in sorted(written):
        edtf.parse_edtf(value)


def test_resolve_json_items_validate_as_expressions():
    result = CliRunner().invoke(app, ["resolve", "since last summer, every Monday", "-p", PUBLISHED, "--json"])
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    expression_schema = {"$ref": "#/$defs/expression", "$defs": schema()["$defs"]}
    assert items and all(jsonschema.validate(item, expression_schema) is None for item in items)


def test_centuries_and_millennia_are_named_as_such() -> None:
    from timeline.formats import describe

    assert describe("19") == "The 20th century"
    assert describe("2") == "The 3rd millennium"
    assert describe("199") == "The 1990s"
