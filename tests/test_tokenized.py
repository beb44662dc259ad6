"""Penn-Treebank tokenized text (timeline/tokenized.py): read as prose, located in the given text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import build_timeline
from timeline.tokenized import detokenize, looks_tokenized

sys.path.insert(0, str(Path(__file__).parent / "regressions"))
from invariants import check_timeline  # noqa: E402

TOKENIZED = (
    "Boeing 's 787 flew on May 4 , 2009 at 10 : 30 p.m . -LRB- GMT -RRB- , he said . \n"
    "He said `` It was Monday . '' \n"
    "They do n't know , '' said Smith on Tuesday . \n"
)


def test_single_quotes_and_number_commas():
    text = "BP chief : ` I 'd like my life back , ' he said of 100,000 barrels . "
    assert looks_tokenized(text)
    assert detokenize(text).prose == "BP chief: 'I'd like my life back,' he said of 100,000 barrels. "


def test_prose_is_not_tokenized():
    assert not looks_tokenized("On May 4, 2009, the plane (a 787) flew. \"It's late,\" he said.")
    # AQUAINT writes `` for opening quotes in prose: that alone is not tokenized text
    assert not looks_tokenized("He said ``it is late,'' and left. They met on Monday, in Rome.")


def test_tokenized_is_read_as_prose():
    assert looks_tokenized(TOKENIZED)
    prose = detokenize(TOKENIZED).prose
    assert prose.startswith("Boeing's 787 flew on May 4, 2009 at 10:30 p.m. (GMT), he said.")
    assert "He said \"It was Monday.\"" in prose
    assert "They don't know,\" said Smith on Tuesday." in prose


def test_every_offset_points_into_the_given_text():
    timeline = build_timeline(TOKENIZED, "2009-05-08")
    assert [e.text for e in timeline.expressions][:2] == ["May 4 , 2009", "10 : 30 p.m . -LRB- GMT -RRB-"]
    assert [e.value for e in timeline.expressions][:2] == ["2009-05-04", "2009-05-04T22:30Z"]
    for expression in timeline.expressions:
        assert TOKENIZED[expression.start : expression.end] == expression.text
    for event in timeline.events:
        if event.kind == "publication":
            continue
        assert TOKENIZED[event.start : event.end] == event.sentence
        assert event.start <= (event.clause_start or event.start) <= (event.clause_end or event.end) <= event.end
        if event.trigger is not None:
            assert TOKENIZED[event.trigger.start : event.trigger.end] == event.trigger.text


def test_the_same_values_as_prose():
    prose = detokenize(TOKENIZED).prose
    assert [(e.type, e.value) for e in build_timeline(TOKENIZED, "2009-05-08").expressions] == [
        (e.type, e.value) for e in build_timeline(prose, "2009-05-08").expressions
    ]


def test_reference_article_is_left_alone(shared):
    article = shared / "samples" / "biden-xi-call.txt"
    if not article.is_file():
        pytest.skip("reference article absent")
    assert not looks_tokenized(article.read_text(encoding="utf-8"))


WORDS = st.sampled_from(
    ["May", "4", ",", "2009", "Monday", "10", ":", "30", "p.m", ".", "'s", "n't", "``", "''",
     "-LRB-", "-RRB-", "GMT", "last", "week", "the", "$", "5", "%", "said", "\n", "'", "`", "ago", "years"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=40), st.sampled_from([" ", "  ", " \n"]))
def test_offsets_map_into_the_given_text(words, space):
    text = space.join(words) + " , . "
    prose = detokenize(text)
    for start in range(len(prose.prose) + 1):
        for end in range(start, min(len(prose.prose), start + 6) + 1):
            given_start, given_end = prose.span_in_given(start, end)
            assert 0 <= given_start <= given_end <= len(text)
            # what the prose span says is the given span with its tokens spelt out
            assert detokenize(text[given_start:given_end]).prose.replace(" ", "") == prose.prose[start:end].replace(" ", "")
    check_timeline(text, "2009-05-08", twice=False)
