"""What every build must satisfy, whatever the text and the publication date.

Shared by tests/test_properties.py, tests/test_edges.py, tests/regressions/ and
benchmarks/fuzz_build.py (each puts this folder on sys.path and imports it).
"""

from __future__ import annotations

import datetime as dt
import functools
import json

import jsonschema

from timeline import build_timeline
from timeline.export import schema
from timeline.model import Timeline
from timeline.timevalue import VALUE_GRAMMAR


@functools.cache
def validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema())
    cls.check_schema(schema())
    return cls(schema())


def check_timeline(text: str, published: str | dt.date | dt.datetime, twice: bool = True) -> Timeline:
    """Build (twice: the JSON must be byte-identical) and check every invariant."""
    timeline = build_timeline(text, published)
    check_invariants(timeline, text)
    if twice:
        again = build_timeline(text, published).to_json()
        assert again == timeline.to_json(), "the same input gave different JSON"
    return timeline


def check_invariants(timeline: Timeline, text: str) -> None:
    ids = set()
    previous_end = 0
    for number, e in enumerate(timeline.expressions, start=1):
        assert e.id == f"t{number}", (e.id, number)
        assert 0 <= e.start < e.end <= len(text), (e.start, e.end, len(text))
        assert text[e.start : e.end] == e.text, (e.text, text[e.start : e.end])
        assert e.start >= previous_end, f"{e.id} {e.text!r} overlaps the expression before it"
        previous_end = e.end
        assert VALUE_GRAMMAR.match(e.value), f"{e.text!r}: value {e.value!r} is not TimeML"
        if e.interval is not None:
            assert e.interval.start < e.interval.end, f"{e.text!r} {e.value}: empty interval {e.interval}"
            assert e.grain is not None
        if e.anchor is not None:
            assert e.anchor == "published" or e.anchor in ids, f"{e.id} anchored to unknown {e.anchor!r}"
        ids.add(e.id)
    expression_ids = {e.id for e in timeline.expressions}
    publications = 0
    for number, event in enumerate(timeline.events, start=1):
        assert event.id == f"e{number}"
        assert event.interval.start < event.interval.end, f"{event.id} {event.value}: empty interval {event.interval}"
        assert VALUE_GRAMMAR.match(event.value), event.value
        if event.kind == "publication":
            publications += 1
            continue
        assert event.expression in expression_ids, event.expression
        assert 0 <= event.start <= event.end <= len(text)
        assert text[event.start : event.end] == event.sentence
    assert publications == 1
    starts = [(ev.interval.start + (ev.interval.end - ev.interval.start) / 2) for ev in timeline.events]
    assert starts == sorted(starts), "events are not in time order"
    data = json.loads(timeline.to_json())
    errors = sorted(validator().iter_errors(data), key=lambda error: list(error.absolute_path))
    assert not errors, f"{len(errors)} schema errors, first: {errors[0].message} at {list(errors[0].absolute_path)}"
