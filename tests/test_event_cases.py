"""The event case corpus (data/events/*.tsv): each text gives exactly the events it lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import build_timeline

CASES = Path(__file__).resolve().parents[1] / "data" / "events"


def _cases() -> list[tuple[str, str, str, frozenset[tuple[str, str, str]]]]:
    grouped: dict[tuple[str, str], tuple[str, set[tuple[str, str, str]]]] = {}
    for path in sorted(CASES.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            published, text, value, *rest = line.split("\t")
            where, expected = grouped.setdefault((published, text), (f"{path.name}:{number}", set()))
            if value != "-":
                headline, trigger = rest
                expected.add((value, headline, trigger))
    return [(where, published, text, frozenset(expected)) for (published, text), (where, expected) in grouped.items()]


@pytest.mark.parametrize(("where", "published", "text", "expected"), _cases(), ids=lambda value: value if isinstance(value, str) and ".tsv:" in value else "")
def test_event_case(where: str, published: str, text: str, expected: frozenset[tuple[str, str, str]]) -> None:
    events = [event for event in build_timeline(text, published).events if event.kind == "event"]
    unchecked = {(value, headline) for value, headline, trigger in expected if trigger == "*"}
    got = {
        (
            ("~" if event.inferred else "") + event.value,
            event.headline,
            "*" if (("~" if event.inferred else "") + event.value, event.headline) in unchecked else event.trigger.text if event.trigger else "",
        )
        for event in events
    }
    assert got == expected, where


def test_the_corpus_has_cases() -> None:
    assert len(_cases()) >= 25
