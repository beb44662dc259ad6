"""The project's reference article (../shared/samples/biden-xi-call): every listed
resolution, nothing spurious, and the events in the right order."""

import json
from collections import Counter

import pytest

from timeline import build_timeline


@pytest.fixture(scope="module")
def sample(shared):
    spec = json.loads((shared / "samples" / "biden-xi-call.json").read_text(encoding="utf-8"))
    text = (shared / "samples" / spec["text_file"]).read_text(encoding="utf-8")
    return spec, text, build_timeline(text, spec["published"])


def test_every_expected_resolution(sample):
    spec, text, timeline = sample
    found = Counter((e.text, e.type, e.value) for e in timeline.expressions)
    for item in spec["expected"]:
        key = (item["text"], item["type"], item["value"])
        assert found[key] == item.get("occurrences", 1), key


def test_nothing_spurious(sample):
    spec, text, timeline = sample
    expected = {item["text"] for item in spec["expected"]}
    assert {e.text for e in timeline.expressions} <= expected
    for phrase in spec["not_dates"]:
        start = text.index(phrase)
        end = start + len(phrase)
        assert not [e for e in timeline.expressions if e.start < end and start < e.end], phrase


def test_offsets_slice_the_text(sample):
    _, text, timeline = sample
    for e in timeline.expressions:
        assert text[e.start : e.end] == e.text


def test_since_last_summer_runs_to_publication(sample):
    _, _, timeline = sample
    since = [e for e in timeline.events if e.relation == "since"]
    assert len(since) == 1
    assert since[0].interval.to_dict() == {"start": "2023-06-01T00:00:00", "end": "2024-04-03T00:00:00"}


def test_events_in_order(sample):
    _, _, timeline = sample
    values = [e.value for e in timeline.events if e.kind == "event"]
    wanted = ["2022-07", "2022-11", "2023", "2023-SU", "2024-04-01TNI", "2024-04-02TMO", "2024"]
    positions = [values.index(v) for v in wanted]
    assert positions == sorted(positions), values
    assert any(e.kind == "publication" for e in timeline.events)


def test_same_input_same_bytes(sample):
    spec, text, timeline = sample
    assert build_timeline(text, spec["published"]).to_json() == timeline.to_json()
