"""The triggers' tables are the same in every process (the JSON must be byte-identical run to run)."""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.sentences import words_of
from timeline.triggers import tells_in_the_past, trigger_rules

_DIGEST = (
    "import hashlib; from timeline.triggers import trigger_rules; "
    "print(hashlib.sha256(repr(sorted(trigger_rules().forms.items())).encode()).hexdigest())"
)


def test_the_verb_forms_do_not_depend_on_the_hash_seed() -> None:
    digests = {
        subprocess.run(
            [sys.executable, "-c", _DIGEST], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


_TELLING_PIECES = ["said", "Said", "SAID", "told", "aid", "re", "'s", "’", "'", " ", ",", "-", "İ", "Σ", "x", "warned", "reporters", "“"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TELLING_PIECES), max_size=12).map("".join))
def test_a_telling_in_the_past_is_found_where_the_words_hold_one(text: str) -> None:
    # The look for the forms in the lowered text only spares cutting it into words.
    assert tells_in_the_past(text) == (not trigger_rules().reporting_past.isdisjoint(words_of.__wrapped__(text).lower))


class _EveryNoun:
    """A stand-in for the run pattern that finds every event noun: the look before the
    words then never turns a window away."""

    def findall(self, text: str, pos: int = 0) -> list[str]:
        return sorted(trigger_rules().event_nouns)


_NOUN_PIECES = [
    "the", "assassination", "Assassination", "vote", "VOTE", "votes", "re-vote", "vote's", "call", "phone call",
    " on ", " in ", " during ", " of ", " ", "  ", ",", "-", "'", "’", "“", "İ", "\u212a", "é", "x", "12", "ban",
    "a very long word indeed", "of the",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_NOUN_PIECES), max_size=14).map("".join), st.sampled_from(["Sunday", "May 5"]))
def test_the_look_before_an_event_noun_changes_nothing(before: str, date: str) -> None:
    # Whether a window may hold an event noun is read from its runs of word characters before
    # it is cut into words; the answer is the words' answer.
    import timeline.triggers as triggers

    sentence = before + date + " was quiet."
    found = triggers.event_noun_before(sentence, len(before), len(before) + len(date))
    saved, triggers._WORD_RUN = triggers._WORD_RUN, _EveryNoun()
    try:
        expected = triggers.event_noun_before(sentence, len(before), len(before) + len(date))
    finally:
        triggers._WORD_RUN = saved
    assert found == expected
