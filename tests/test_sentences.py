"""Sentence splitting and tense cues."""

from __future__ import annotations

import re
from pathlib import Path
from re import _constants as sre_constants  # Python 3.11+
from re import _parser as sre_parser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import events, sentences
from timeline.sentences import Span, split_sentences, tense_near, tense_of, verb_cues

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


def texts(text: str) -> list[str]:
    return [span.of(text) for span in split_sentences(text)]


# ---------------------------------------------------------------------------
# Splitting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor spoke. The council voted.", ["The mayor spoke.", "The council voted."]),
        ("Did it pass? Nobody knows! It is late.", ["Did it pass?", "Nobody knows!", "It is late."]),
        # Titles and initials never end a sentence.
        ("Mr. Okafor met Dr. Lee and Gen. Ruiz. They talked.", ["Mr. Okafor met Dr. Lee and Gen. Ruiz.", "They talked."]),
        ("Treasury Secretary Maria T. Alvarez spoke. Then she left.", ["Treasury Secretary Maria T. Alvarez spoke.", "Then she left."]),
        ("Analysts at J.P. Morgan agreed. Shares fell.", ["Analysts at J.P. Morgan agreed.", "Shares fell."]),
        ("It opened on Jan. 5 and closed Sept. 30. Few came.", ["It opened on Jan. 5 and closed Sept. 30.", "Few came."]),
        ("She lives at No. 10 on Elm St. near the park.", ["She lives at No. 10 on Elm St. near the park."]),
        # An abbreviation that may end a sentence ends it before a typical sentence opener.
        ("The deal is with the U.S. The talks went on.", ["The deal is with the U.S.", "The talks went on."]),
        ("U.S. officials agreed with U.N. envoys.", ["U.S. officials agreed with U.N. envoys."]),
        ("He joined Acme Inc. The firm grew.", ["He joined Acme Inc.", "The firm grew."]),
        ("It was built by Acme Corp. Engineers in 1990.", ["It was built by Acme Corp. Engineers in 1990."]),
        ('He works for Acme Corp. "It is fine," he said.', ["He works for Acme Corp.", '"It is fine," he said.']),
        ("said Ms. Ruiz. ``It is fine,'' she said.", ["said Ms. Ruiz.", "``It is fine,'' she said."]),
        ("Prices rose 3.5 percent in 2022. Wages did not.", ["Prices rose 3.5 percent in 2022.", "Wages did not."]),
        ("The vote ended at 9 p.m. Tuesday in the capital.", ["The vote ended at 9 p.m. Tuesday in the capital."]),
        # Quotes, curly and straight, after the final mark.
        ("She said, “We will win.” Then she left.", ["She said, “We will win.”", "Then she left."]),
        ('He said, "We will win." Then he left.', ['He said, "We will win."', "Then he left."]),
        ("“Why now?” he asked. “Because.”", ["“Why now?” he asked.", "“Because.”"]),
        ("The vote passed. “It is a start,” she said.", ["The vote passed.", "“It is a start,” she said."]),
        ("(The vote passed.) Next came the budget.", ["(The vote passed.)", "Next came the budget."]),
        # Ellipses.
        ("He paused... then went on.", ["He paused... then went on."]),
        ("He paused... Then he went on.", ["He paused...", "Then he went on."]),
        ("He paused… Then he went on.", ["He paused…", "Then he went on."]),
        # Datelines stay with their sentence.
        ("WASHINGTON (AP) — The Senate met. It adjourned.", ["WASHINGTON (AP) — The Senate met.", "It adjourned."]),
        # Numbers and addresses.
        ("Visit example.com today. It is free.", ["Visit example.com today.", "It is free."]),
        ("The number was 12. 40 people came.", ["The number was 12.", "40 people came."]),
        # A page's caption or factbox that lost its end mark, glued to the text after it.
        (
            "Cafes offer takeaway food The restaurants are to reopen on Wednesday.",
            ["Cafes offer takeaway food", "The restaurants are to reopen on Wednesday."],
        ),
        ("Cases rose to 140 Of nine new cases, seven were local.", ["Cases rose to 140", "Of nine new cases, seven were local."]),
        (
            "20 April : Rig explodes, killing 11 people 28 April : Coastguard fears a big spill 8 May - Dome fails.",
            ["20 April : Rig explodes, killing 11 people", "28 April : Coastguard fears a big spill", "8 May - Dome fails."],
        ),
        # A caption's quotation closed without its end mark.
        (
            "Barack Obama: “Domestic oil production must be done responsibly” An emergency shrimping season was opened.",
            ["Barack Obama: “Domestic oil production must be done responsibly”", "An emergency shrimping season was opened."],
        ),
        ("Obama : `` We will act '' The season was opened .", ["Obama : `` We will act ''", "The season was opened ."]),
        # Not glued: a title, a name after a title, a capitalised word before a name.
        ("Obama Says He Will Veto the Bill.", ["Obama Says He Will Veto the Bill."]),
        ("He told The Associated Press that Vice Premier He Lifeng met the minister He Lifeng.", ["He told The Associated Press that Vice Premier He Lifeng met the minister He Lifeng."]),
        ("The vote on May 8 - a Tuesday - passed.", ["The vote on May 8 - a Tuesday - passed."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Storm hits coast\nThe storm hit the coast on Monday.", ["Storm hits coast", "The storm hit the coast on Monday."]),
        ("First paragraph ends\n\nSecond one", ["First paragraph ends", "Second one"]),
        ("A line wrapped in the\nmiddle of a sentence.", ["A line wrapped in the\nmiddle of a sentence."]),
        ("LONDON —\nThe bank raised rates.", ["LONDON —\nThe bank raised rates."]),
        ("Line one.\r\nLine two.\r\n", ["Line one.", "Line two."]),
        ("  \n\n  Padded sentence.  \n\n", ["Padded sentence."]),
    ],
)
def test_line_breaks(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_empty_and_blank() -> None:
    assert split_sentences("") == ()
    assert split_sentences(" \n\t \n") == ()


def test_spans_point_into_the_text() -> None:
    text = "  One here.   Two there!\n\nThree.  "
    assert split_sentences(text) == (Span(2, 11), Span(14, 24), Span(26, 32))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ .!?…\"“”’'()\n\t3Mr")), max_size=80))
def test_spans_are_ordered_trimmed_and_cover_every_visible_character(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    covered = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        chunk = span.of(text)
        assert chunk == chunk.strip()
        assert text[previous_end : span.start].strip() == ""
        covered += len(chunk.replace(" ", "").replace("\n", "").replace("\t", ""))
        previous_end = span.end
    assert text[previous_end:].strip() == ""
    assert covered == len("".join(text.split()))


# ---------------------------------------------------------------------------
# Linear time: no pattern may repeat a repetition (the source of catastrophic
# backtracking), and adversarial inputs go through.


def _nested_repeats(pattern: str) -> list[str]:
    repeats = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}
    found: list[str] = []

    def walk(items: object, inside_unbounded: bool) -> None:
        for op, arg in items:  # type: ignore[attr-defined]
            if op in repeats:
                low, high, sub = arg
                if inside_unbounded and high > 1:
                    found.append(pattern)
                walk(sub, inside_unbounded or high == sre_constants.MAXREPEAT)
            elif op is sre_constants.SUBPATTERN:
                walk(arg[-1], inside_unbounded)
            elif op is sre_constants.BRANCH:
                for branch in arg[1]:
                    walk(branch, inside_unbounded)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(arg[1], inside_unbounded)

    walk(sre_parser.parse(pattern), False)
    return found


def _patterns_of(module: object) -> list[re.Pattern[str]]:
    return [value for value in vars(module).values() if isinstance(value, re.Pattern)]


def test_the_nested_repeat_check_catches_one() -> None:
    assert _nested_repeats(r"(a+)+b") and _nested_repeats(r"(?:\w+\s?)*x")
    assert not _nested_repeats(r"[.!?…]+") and not _nested_repeats(r"(?:ab{1,3})?c")


def test_no_pattern_nests_repeats() -> None:
    patterns = _patterns_of(sentences) + _patterns_of(events) + [events.headline_rules().clause_markers]
    assert len(patterns) >= 5
    for pattern in patterns:
        assert _nested_repeats(pattern.pattern) == [], pattern.pattern


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("." * 200_000, 1),
        (". " * 100_000, 1),
        (". A" * 60_000, 60_001),
        ("Mr. " * 50_000, 1),
        ("\n" * 200_000, 0),
        ("x" * 200_000, 1),
        ('."' * 100_000, 1),
        ((" " * 999 + "\n") * 200, 0),
    ],
)
def test_adversarial_inputs_go_through(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count


# ---------------------------------------------------------------------------
# Tense


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("The council will vote on the plan.", "future"),
        ("They'll vote next month.", "future"),
        ("The council is going to vote on it.", "future"),
        ("The minister is to visit Paris.", "future"),
        ("The company plans to open a plant.", "future"),
        ("The firm expects to hire 200 people.", "future"),
        ("The launch is scheduled to take place in May.", "future"),
        ("The council voted on the plan.", "past"),
        ("The two leaders met in Geneva.", "past"),
        ("She spoke with reporters.", "past"),
        ("The agency has hired 300 inspectors.", "past"),
        ("They have already met twice.", "past"),
        ("The mayor is focused on the budget.", "present"),
        ("The bridge remains closed.", "present"),
        ("Prices are high in the United States.", "present"),
        ("Inflation is a concern.", "present"),
        ("A heated debate.", "present"),
        ("The meeting will have ended by noon.", "future"),
        ("The talks are to be held in Oslo.", "future"),
    ],
)
def test_tense_of(sentence: str, tense: str) -> None:
    assert tense_of(sentence) == tense


def test_tense_of_takes_the_first_verb() -> None:
    assert tense_of("Officials said the talks will resume.") == "past"
    assert tense_of("The talks will resume, officials said.") == "future"


def test_verb_cues_group_auxiliaries_with_their_verb() -> None:
    text = "The report has been criticized, and the panel will not have met by then."
    assert [(cue.tense, text[cue.start : cue.end]) for cue in verb_cues(text)] == [
        ("past", "has been criticized"),
        ("future", "will not have met"),
    ]


def _near(text: str, phrase: str, occurrence: int = 0) -> str:
    sentence = split_sentences(text)[0]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return tense_near(text, sentence, start, start + len(phrase))


@pytest.mark.parametrize(
    ("text", "phrase", "tense"),
    [
        ("The ministry said on Monday it will hold talks on Friday.", "Monday", "past"),
        ("The ministry said on Monday it will hold talks on Friday.", "Friday", "future"),
        ("On Friday, the leaders will meet in Oslo.", "Friday", "future"),
        ("On Friday, the leaders met in Oslo.", "Friday", "past"),
        ("Officials who met on Monday will sign the accord on Friday.", "Monday", "past"),
        ("Officials who met on Monday will sign the accord on Friday.", "Friday", "future"),
        ("The mayor announced that the vote will take place on Sunday.", "Sunday", "future"),
        ("The firm, which hired 40 people in March, is expanding.", "March", "past"),
        ("The team is in Lisbon this week.", "this week", "present"),
        ("Nothing here on Monday.", "Monday", "present"),
    ],
)
def test_tense_near(text: str, phrase: str, tense: str) -> None:
    assert _near(text, phrase) == tense


def test_tense_near_reads_offsets_into_the_whole_text() -> None:
    text = "Markets closed early. The minister said on Tuesday she will resign on Friday."
    second = split_sentences(text)[1]
    monday = text.index("Tuesday")
    friday = text.index("Friday")
    assert tense_near(text, second, monday, monday + 7) == "past"
    assert tense_near(text, second, friday, friday + 6) == "future"


# ---------------------------------------------------------------------------
# The shared sample article


def test_sample_article_sentences() -> None:
    path = SAMPLES / "biden-xi-call.txt"
    if not path.exists():
        pytest.skip("shared sample not available")
    text = path.read_text(encoding="utf-8")
    found = texts(text)
    lines = [line for line in text.splitlines() if line.strip()]
    # Every sentence ends a line or is followed on its line by another; none starts mid-name.
    assert len(found) >= len(lines)
    for sentence in found:
        assert sentence[0].isupper(), sentence
        assert sentence.endswith("."), sentence
    assert not any(sentence.endswith((" Mr.", " L.", " J.")) for sentence in found)
    assert "".join(found).replace(" ", "") == "".join(text.split())


_VERB_PIECES = [
    "the", "talks", "will", "not", "be", "held", "has", "been", "was", "is", "said", "says", "met", "announced",
    "plans", "to", "build", "a", "bridge", "officials", "expected", "red", "Ted", "they'll", "going", "quickly",
    "never", "the", "will", "of", "people", "have", "had", ",", ".", " ", " ", " ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_VERB_PIECES), max_size=16).map(" ".join))
def test_the_first_verb_cue_is_the_first_of_the_cues(text: str) -> None:
    cues = verb_cues(text)
    assert sentences.first_verb_cue(text) == (cues[0] if cues else None)


def _plain_split(text: str) -> list[tuple[int, int]]:
    """split_sentences the plain way, as it was written before it was tuned: each run of
    marks found on its own, and what follows it read character by character."""
    spans: list[tuple[int, int]] = []

    def trimmed(start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))

    def token_before(end: int) -> str:
        start = end
        while start > 0 and end - start <= 12 and not text[start - 1].isspace():
            start -= 1
        if end - start > 12:
            return ""
        while start < end and text[start] in sentences._OPENERS:
            start += 1
        return text[start:end]

    def period_ends_sentence(period: int, next_start: int) -> bool:
        token = token_before(period)
        if token in sentences._NEVER_FINAL:
            return False
        if token == "No" and text[next_start].isdigit():
            return False
        if token in sentences._MAYBE_FINAL or sentences._is_initials(token):
            return text[next_start] in sentences._OPENING_QUOTES or sentences._word_at(text, next_start) in sentences._SENTENCE_STARTERS
        return True

    def split_block(block_start: int, block_end: int) -> None:
        sentence_start = block_start
        for run in re.finditer(r"[.!?…]+", text[:block_end]):
            if run.start() < block_start:
                continue
            pos = run.end()
            while pos < block_end and text[pos] in "\"'”’)]»":
                pos += 1
            sentence_end = pos
            if pos >= block_end or not text[pos].isspace():
                continue
            while pos < block_end and text[pos].isspace():
                pos += 1
            if pos >= block_end:
                continue
            following = text[pos]
            if not (following.isupper() or following.isdigit() or following in sentences._OPENERS):
                continue
            if run.group() == "." and sentence_end == run.end():
                if sentences._TICKER_TAIL.match(text, pos) or not period_ends_sentence(run.start(), pos):
                    continue
            trimmed(sentence_start, sentence_end)
            sentence_start = pos
        trimmed(sentence_start, block_end)

    block_start = 0
    for line_break in re.finditer(r"\n[ \t\r\n]*", text):
        if sentences._line_break_ends_sentence(text, line_break.start(), line_break.end()):
            split_block(block_start, line_break.start())
            block_start = line_break.end()
    split_block(block_start, len(text))
    return spans


_SPLIT_PIECES = st.sampled_from(
    ["The", "talks", "Mr", "U.S", "J", "Inc", "No", "5", "a", "(", "``", "“", "”", "\"", "'", ")", ".", "..",
     "…", "?!", " ", "  ", "\n", "\n\n", "\t", "\u00a0", ",", "—", "Jan", "abbreviations", "e.g", ".)", ".”", "?\" ", ". ", "N)", "L -RRB-"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SPLIT_PIECES, max_size=30).map("".join))
def test_sentences_split_as_the_plain_character_by_character_reading(text: str) -> None:
    assert [(span.start, span.end) for span in split_sentences(text)] == _plain_split(text)


def test_sentences_of_the_sample_split_as_the_plain_reading() -> None:
    paths = [SAMPLES / "biden-xi-call.txt", Path(__file__).resolve().parents[1] / "data" / "sample-harbour-bridge.txt"]
    for path in paths:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            assert [(span.start, span.end) for span in split_sentences(text)] == _plain_split(text)
