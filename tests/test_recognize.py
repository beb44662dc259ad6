"""The recognizer's matching machinery: its fast paths find what the plain patterns find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import recognize as rec
from timeline import sentences

#: Pieces of news text around dates, with the characters the fast paths treat apart:
#: non-ASCII letters (word characters), curly quotes and dashes (not), a Kelvin sign
#: (which IGNORECASE reads as "k").
_PIECES = [
    "Friday", "friday", "FRIDAY", "May", "may", "5", "12", "2024", "1990s", "'90s", "’98", "three", "years",
    "a", "week", "weeks", "ago", "later", "the", "last", "next", "Monday", "morning", "in", "on", "since",
    "10:30", "a.m.", "4/2/2024", "é", "É", "ß", "İ", "\u212a", "“", "”", "’", "—", "-", ".", ",", "(", ")",
    " ", " ", " ", "\n", "\u00a0", "x", "2x", "_",
]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _plain(compiled: rec._Compiled) -> re.Pattern[str]:
    """The rule as it would be written with a lookbehind for its word edge."""
    return re.compile(r"(?<![\w])" + compiled.at_start.pattern, compiled.at_start.flags)


@pytest.mark.parametrize("rule", rec.rules(), ids=lambda rule: rule.name)
def test_every_rule_matches_where_its_plain_pattern_does(rule: rec.Rule) -> None:
    compiled = rec._compile(rule.source)
    plain = _plain(compiled)

    @settings(max_examples=25, deadline=None)
    @given(text=_TEXTS, cut=st.tuples(st.integers(0, 60), st.integers(0, 60)))
    def check(text: str, cut: tuple[int, int]) -> None:
        for low, high in ((0, len(text)), (min(cut), max(cut))):
            expected = [match.span() for match in plain.finditer(text, low, high)]
            found = [match.span("_body") for match in rec._rule_matches(compiled, text, low, high)]
            assert found == expected

    check()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Friday", ["Friday"]),  # at the very start: no character before it
        ("éFriday Friday", ["Friday"]),  # after a non-ASCII letter: inside a word
        ("“Friday” and (Friday)", ["Friday", "Friday"]),
        ("Friday,Friday", ["Friday", "Friday"]),  # one right after another
    ],
)
def test_weekdays_at_word_edges(text: str, expected: list[str]) -> None:
    assert [mention.text for mention in rec.recognize(text)] == expected


@settings(max_examples=200, deadline=None)
@given(text=_TEXTS)
def test_trigger_scanner_finds_what_the_plain_scanner_finds(text: str) -> None:
    lowered = text.lower()
    same_offsets = len(lowered) == len(text)
    scanner = rec._trigger_scanner(ignore_case=not same_offsets)
    scanned = lowered if same_offsets else text
    plain = re.compile(r"(?<!\w)" + scanner.at_start.pattern, scanner.at_start.flags)
    first = scanner.at_start.match(scanned)
    found = ([first.span("_body")] if first else []) + [m.span("_body") for m in scanner.after.finditer(scanned)]
    assert found == [match.span() for match in plain.finditer(scanned)]


def _words_by_the_plain_scanner(text: str) -> dict[str, list[tuple[int, int]]]:
    """_Words.of(text).where as _rule_matches and the Unicode scanner find it."""
    where: dict[str, list[tuple[int, int]]] = {}
    lowered = text.lower()
    same_offsets = len(lowered) == len(text)
    scanned = lowered if same_offsets else text
    for match in rec._rule_matches(rec._trigger_scanner(ignore_case=not same_offsets), scanned, 0, len(scanned)):
        word, span = match.group("_body"), match.span("_body")
        if not word[0].isdigit():
            where.setdefault(word.lower(), []).append(span)
            continue
        where.setdefault(rec._number_class(text, span[0], word), []).append(span)
        for key, shape in rec._SHAPES:
            if shape.match(text, span[0]):
                where.setdefault(key, []).append(span)
    return where


_NUMBER_PIECES = ["10:30", "9 a.m.", "10pm", "4/2/2024", "1990s", "90s", "12.5", "7 PM", "3.", "20/"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_PIECES + _NUMBER_PIECES), max_size=40).map("".join))
def test_words_of_a_text_are_what_the_plain_scanner_finds(text: str) -> None:
    # The ASCII scanner, finditer and the shape prefilter find what the first reading found.
    assert rec._Words.of(text).where == _words_by_the_plain_scanner(text)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_words_read_through_ascii_are_the_words(text: str) -> None:
    words = sentences.words_of.__wrapped__(text)
    parts = sentences._WORD.split(text)
    assert list(words.lower) == [part.lower().replace("’", "'") for part in parts[1::2]]
    assert [(words.start(i), words.end(i)) for i in range(len(words))] == [
        match.span() for match in re.finditer(sentences._WORD.pattern, text)
    ]


@pytest.mark.parametrize("text", ["(1)(2)", "x (1)(2)(3) (4)", "(1)"])
def test_a_match_may_start_where_the_last_one_ended(text: str) -> None:
    # No rule of ours ends and starts with punctuation today; a pattern that does shows that
    # each match after the first is looked for from the last character of the one before.
    compiled = rec._compile(r"\(\d\)")
    expected = [match.span() for match in _plain(compiled).finditer(text)]
    assert [match.span("_body") for match in rec._rule_matches(compiled, text, 0, len(text))] == expected


_BEFORE_PIECES = _PIECES + [
    "about", "around", "early", "the end of", "mid-", "mid", "since", "ever since", "by", "the", "Good", "Black",
    "more than", "up to", "late", "start of", "prior to", "Easter", "end of", "later", "earlier", "Since", "EARLY",
    "About", "Until",
]


@pytest.mark.parametrize("name", ["_MOD_BEFORE", "_APPROX_BEFORE", "_RELATION_BEFORE", "_FEAST_BEFORE"])
@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_BEFORE_PIECES), max_size=12).map("".join))
def test_modifiers_before_an_expression_are_found_as_by_search(name: str, text: str) -> None:
    pattern = getattr(rec, name)
    plain = pattern.compiled.at_start.search(text)
    found = rec._ending(pattern, text)
    assert (found and found.span("_body")) == (plain and plain.span())


# --- Gates: a hit of a rule's key opens a window only where the rule can match -----

_GATED = [rule for rule in rec.rules() if rec._gate(rule.source, rule.key) is not None]
#: Pieces that put the gated rules' neighbours beside their keys, and near misses.
_GATE_PIECES = [
    *_PIECES, "of", "every", "each", "per", "past", "preceding", "other", "second", "that", "this", "half",
    "and", "an", "one", "two", "twenty", "1/2", "3.5", "1,000", "2nd", "21st", "Sept.", "Dec", "Dec.", "March",
    "summer", "fall", "day", "month", "year-long", "long", "earlier", "afternoon", "today", "EST", "next",
    "fiscal", "quarter", "before", "yesterday", "early", "late", "evening", "Christmas", "Eve", "New", "Year's",
    "times", "twice", "fourth", "July",
]


def _case_texts() -> list[str]:
    from pathlib import Path

    from timeline.evaluate import read_cases

    folder = Path(__file__).resolve().parents[1] / "data"
    texts = [case.text for path in sorted((folder / "cases").glob("*.tsv")) for case in read_cases(path)]
    return texts + [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]


def _admits_every_match(rule: rec.Rule, text: str) -> None:
    """Wherever the rule matches, its gate admits a hit of its key there: a trigger
    word in what the key macro matched, as the scanner finds them."""
    gate = rec._gate(rule.source, rule.key)
    plain = _plain(rec._compile(rule.source))
    found = rec._Words.of(text).where
    for match in plain.finditer(text):
        start, end = match.span(rule.key)
        hits = [hit for key in rule.triggers for hit in found.get(key, ()) if start <= hit[0] < end]
        assert any(gate.admits(*rec._words_beside(text, text[::-1], hit)) for hit in hits), (rule.name, match.group())


def test_gates_cover_the_rules_they_were_made_for() -> None:
    names = {rule.name for rule in _GATED}
    assert {"in_n_units", "the_n_units", "month_day", "day_month", "every_unit", "direction_weekday"} <= names


@pytest.mark.parametrize("rule", _GATED, ids=lambda rule: rule.name)
def test_a_gate_admits_every_place_its_rule_matches(rule: rec.Rule) -> None:
    for text in _case_texts():
        _admits_every_match(rule, text)

    @settings(max_examples=40, deadline=None)
    @given(text=st.lists(st.sampled_from(_GATE_PIECES + [" "] * 8), max_size=30).map("".join))
    def check(text: str) -> None:
        _admits_every_match(rule, text)

    check()


def test_gates_turn_hits_away() -> None:
    """A gate is no gate if it admits everything: "year" after no number, "March" with
    no day beside it."""
    the_n_units = next(rule for rule in _GATED if rule.name == "the_n_units")
    gate = rec._gate(the_n_units.source, the_n_units.key)
    for text, admitted in [("two years", True), ("5 years", True), ("the years", False), ("many more years", False)]:
        hit = (text.index("years"), len(text))
        assert gate.admits(*rec._words_beside(text, text[::-1], hit)) is admitted, text
    # Each trigger word has its own neighbours: "Friday" wakes the Easter feasts only
    # after "Good", while "Easter" may stand alone.
    holiday_easter = next(rule for rule in _GATED if rule.name == "holiday_easter")
    gate = rec._gate(holiday_easter.source, holiday_easter.key)
    for text, word, admitted in [("on Good Friday", "Friday", True), ("on Friday", "Friday", False), ("at Easter", "Easter", True)]:
        hit = (text.index(word), text.index(word) + len(word))
        assert gate.admits(*rec._words_beside(text, text[::-1], hit)) is admitted, text


def test_gated_windows_find_what_ungated_windows_find(monkeypatch: pytest.MonkeyPatch, shared) -> None:
    from timeline.timeml import read_timeml

    texts = _case_texts() + [read_timeml(path).text for path in sorted((shared / "corpora" / "tbaq").glob("*/*.tml"))]

    def found() -> list[list[tuple[str, tuple[int, int]]]]:
        rec._group_runs.cache_clear()
        return [
            sorted((rule.name, match.span("_body")) for rule, match in rec._matches(text, rec._Words.of(text)))
            for text in texts
        ]

    gated = found()
    monkeypatch.setattr(rec, "_gate", lambda pattern, key: None)
    ungated = found()
    monkeypatch.undo()
    rec._group_runs.cache_clear()
    assert gated == ungated


@pytest.mark.parametrize(
    "name, text",
    [
        ("_RELATION_BEFORE", "Since "), ("_RELATION_BEFORE", "EVER SINCE "), ("_MOD_BEFORE", "In EARLY "),
        ("_MOD_BEFORE", "by the End Of "), ("_APPROX_BEFORE", "Around "), ("_APPROX_BEFORE", "More Than "),
        ("_FEAST_BEFORE", "on Good "),
    ],
)
def test_modifiers_are_found_whatever_their_case(name: str, text: str) -> None:
    pattern = getattr(rec, name)
    plain = pattern.compiled.at_start.search(text)
    found = rec._ending(pattern, text)
    assert found is not None and found.span("_body") == plain.span()


def test_a_clock_that_stamps_a_live_entry_is_on_the_day_of_publication() -> None:
    from timeline import build_timeline

    text = "The rig exploded on April 20.\n12.20 pm: The senators are starting to get unhappy.\nThe rig sank at 10 pm on April 22."
    values = [e.value for e in build_timeline(text, "2010-05-11").expressions]
    assert values[:2] == ["2010-04-20", "2010-05-11T12:20"]
    # Inside a sentence, a clock is on the day the narrative named.
    inline = build_timeline("The rig exploded on April 20. It sank at 10 pm.", "2010-05-11").expressions
    assert [e.value for e in inline] == ["2010-04-20", "2010-04-20T22:00"]
