"""Events: the happenings of an article that a date or time pins down.

An event is a happening, not a sentence: the verb group (or the event noun) that a date
modifies, told by the part of its clause that holds it, with its trigger (timeline/triggers.py:
the word that names it, its TimeML class, tense, aspect, polarity and modality).

Which expressions date events:

* DATE and TIME expressions with an interval, and a DURATION that ends or starts at
  publication ("in the past five years", "over the next two months"). Other DURATION and
  SET expressions do not date anything on their own.
* PRESENT_REF ("now", "currently") never: it restates the publication date, which is an
  event of its own already (and read as a date it mostly gives comment: "Now you might
  think ...").
* PAST_REF and FUTURE_REF ("recently", "soon") only where they have an interval and no
  other date modifies the same verb: they are vague, and a precise date nearby says more.
* Never a date in a dateline ("LISBON, March 3 (Reuters) -"): that is the publication.

A sentence is cut into clauses where a clause can carry its own date (", while", "; ",
"after tensions reached ...", "built in 1932 and last renovated in 1985"; see
rules/en/headlines.toml), and a clause into parts where two of its verb groups each have a
date of their own ("The U.S. said on Monday it will hold talks on Friday"). Where two
expressions date one verb, the finer grain wins, then the first in the text. A part that
borrows its subject gets it back ("The bridge was last renovated"; "The U.S. will hold
talks"); a relative clause is a clause of its own ("Mayor Ortiz, who toured the site on
Monday, said ..." -> "Mayor Ortiz toured the site"; "Orbit, which Nimbus released this
week" -> "Nimbus released Orbit"). A date by a reporting verb ("said Friday") dates the
telling, which keeps what was told; an expression in an attribution tail (", said an
official who briefed reporters on Monday night") dates the telling too.

An undated sentence takes the date the narrative last set (a day of the news, near
publication) where it tells, in the simple past, a telling ("Howard said ..."), or a deed
right after the sentence that set the date ("On Friday the board met. It voted to ..."):
such an event is marked `inferred`. A quotation with no date of its own makes none.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import itertools
import re
import tomllib
import types
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from timeline.model import GRAIN_RANK, GRAINS, Document, Event, Expression, Interval, Trigger
from timeline.sentences import Span, VerbCue, first_verb_cue, split_sentences, tense_rules, verb_cues, words_of
from timeline.timevalue import add_days
from timeline.triggers import (
    VerbGroup,
    choose_group,
    event_noun_before,
    group_bounds,
    in_an_aside,
    iter_verb_groups,
    tells_in_the_past,
    trigger_rules,
    verb_form,
    verb_groups,
)

_HEADLINE_RULES_PATH = Path(__file__).resolve().parent / "rules" / "en" / "headlines.toml"

_DATING_TYPES = frozenset({"DATE", "TIME", "DURATION"})  # a DURATION only with a span (_as_span)
#: "recently", "soon": a date only for a happening no other date of its clause dates.
_VAGUE_VALUES = frozenset({"PAST_REF", "FUTURE_REF"})
#: "now", "currently": it restates the publication date, which is an event of its own
#: already; read as a date, it mostly gives comment ("Now you might think ...").
_NEVER_EVENTS = frozenset({"PRESENT_REF"})

PUBLICATION_HEADLINE = "Article published"

#: Headlines are made from at most this much of a clause: enough for any headline, and it
#: keeps the work per event bounded on a pathological one-sentence input.
_MAX_CLAUSE_CHARS = 2000


@attrs.frozen
class HeadlineRules:
    """The word lists of rules/en/headlines.toml, ready for use."""

    max_length: int
    min_cut_length: int
    leading_discourse: "_Phrases"
    leading_discourse_with_comma: "_Phrases"
    attribution_openers: "_Phrases"
    #: The openers but "said" and "says", which open a clause only after a comma.
    leading_attribution_openers: "_Phrases"
    speech_verbs: "_Phrases"
    needs_speaker: frozenset[str]
    max_subject_words: int
    time_words_before: "_Phrases"
    dangling_before: "_Phrases"
    cut_before_words: "_Phrases"
    parenthetical_openers: tuple[str, ...]
    relative_openers: tuple[str, ...]
    measured_connectives: frozenset[str]
    measure_units: frozenset[str]
    measure_quantities: frozenset[str]
    #: Any case, for any text.
    clause_markers: re.Pattern[str]
    #: In lower case, for ASCII text lowered: the same matches, found several times faster,
    #: as sre compares case-blind character by character.
    lower_clause_markers: re.Pattern[str]
    clause_marker_kinds: types.MappingProxyType[str, str]


def _longest_first(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _alternation(phrases: Sequence[str]) -> str:
    """A pattern for the literal phrases that matches as their alternation longest first
    does, as a tree of their letters: sre tries one branch per character where it would
    try every phrase. The phrases that match at one place all lie along one path of the
    tree, and a path tries its longer phrases first (a phrase ending at a branch point is
    its last alternative), so backtracking reaches them in the same order."""
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        if phrase:
            by_first.setdefault(phrase[0], []).append(phrase[1:])
    branches = []
    for first, rests in by_first.items():
        rests = list(dict.fromkeys(rests))
        if len(rests) == 1:
            branches.append(re.escape(first) + re.escape(rests[0]))
        else:
            branches.append(f"{re.escape(first)}(?:{_alternation(rests)})")
    if "" in phrases:
        branches.append("")
    return "|".join(branches) if branches else "(?!)"


@attrs.frozen
class _Phrases:
    """Lower-case phrases found whole at the start or the end of a text, longest first.

    One alternation each way instead of a loop over the list: headlines try every
    phrase on every clause."""

    phrases: tuple[str, ...] = attrs.field(converter=_longest_first)
    #: What must follow a phrase at the start: a word edge, or one of these characters.
    followed_by: str = ""
    _start: re.Pattern[str] = attrs.field(init=False)
    _end: re.Pattern[str] = attrs.field(init=False)
    _between_spaces: re.Pattern[str] = attrs.field(init=False)
    #: The phrases that stand between spaces where a phrase does: itself, and those it
    #: opens with ("said" in "said in a statement").
    _opening: types.MappingProxyType[str, tuple[str, ...]] = attrs.field(init=False)
    _reach: int = attrs.field(init=False)

    @_start.default
    def _start_pattern(self) -> re.Pattern[str]:
        after = f"(?=[{re.escape(self.followed_by)}])" if self.followed_by else r"(?![^\W_])"  # [^\W_]: isalnum()
        return re.compile(f"(?:{self._alternation()}){after}")

    @_end.default
    def _end_pattern(self) -> re.Pattern[str]:
        # Matched on the text reversed: at its first character, rather than searched for
        # at every place of the text (the longest phrase still comes first).
        reversed_phrases = _alternation([phrase[::-1] for phrase in self.phrases])
        return re.compile(rf"(?:{reversed_phrases})(?![^\W_])")

    @_between_spaces.default
    def _between_spaces_pattern(self) -> re.Pattern[str]:
        return re.compile(f" (?=({self._alternation()}) )")

    @_opening.default
    def _phrases_opening(self) -> types.MappingProxyType[str, tuple[str, ...]]:
        return types.MappingProxyType(
            {
                phrase: tuple(shorter for shorter in self.phrases if phrase == shorter or phrase.startswith(shorter + " "))
                for phrase in self.phrases
            }
        )

    @_reach.default
    def _longest(self) -> int:
        return max((len(phrase) for phrase in self.phrases), default=0) + 1

    def _alternation(self) -> str:
        return _alternation(self.phrases)

    def at_start(self, text: str) -> str | None:
        """The longest phrase that starts `text` (in any case) and is followed as required."""
        match = self._start.match(text[: self._reach].lower())
        return match.group() if match else None

    def between_spaces(self, lowered: str) -> list[int]:
        """Where a phrase stands between spaces in lower-case text: the offsets of the
        spaces before them (all of them, in one pass rather than a find per phrase)."""
        return [match.start() for match in self._between_spaces.finditer(lowered)]

    def first_between_spaces(self, lowered: str) -> dict[str, int]:
        """Each phrase that stands between spaces in lower-case text, with the offset of the
        space before its first occurrence: lowered.find(" " + phrase + " ") for all of them,
        in one pass (the alternation finds the longest phrase at each space; the shorter ones
        there are those it opens with)."""
        first: dict[str, int] = {}
        for match in self._between_spaces.finditer(lowered):
            for phrase in self._opening[match.group(1)]:
                first.setdefault(phrase, match.start())
        return first

    def at_end(self, text: str) -> str | None:
        """The longest phrase that ends `text` (in any case) after a word edge."""
        match = self._end.match(text[-self._reach :].lower()[::-1])
        return match.group()[::-1] if match else None


@functools.cache
def headline_rules() -> HeadlineRules:
    with _HEADLINE_RULES_PATH.open("rb") as handle:
        data = tomllib.load(handle)
    openers = data["attribution"]["openers"]
    kinds = {marker: kind for kind in ("always", "with_verbs", "with_dates", "attribution") for marker in data["clauses"][kind]}
    # Longest first, so that ", even as " wins over ", as ".
    markers = _alternation(_longest_first(list(kinds)))
    return HeadlineRules(
        max_length=data["max_length"],
        min_cut_length=data["min_cut_length"],
        leading_discourse=_Phrases(tuple(data["discourse"]["leading"]), followed_by=" ,"),
        leading_discourse_with_comma=_Phrases(tuple(data["discourse"]["leading_with_comma"]), followed_by=","),
        attribution_openers=_Phrases(tuple(openers)),
        leading_attribution_openers=_Phrases(tuple(o for o in openers if o not in ("said", "says"))),
        speech_verbs=_Phrases(tuple(data["attribution"]["speech_verbs"])),
        needs_speaker=frozenset(data["attribution"]["needs_speaker"]),
        max_subject_words=data["attribution"]["max_subject_words"],
        time_words_before=_Phrases(tuple(data["time"]["prepositions"] + data["time"]["modifiers"])),
        dangling_before=_Phrases(tuple(data["time"]["dangling_before"])),
        cut_before_words=_Phrases(tuple(data["cut"]["before_words"])),
        parenthetical_openers=tuple(data["cut"]["parenthetical_openers"]),
        relative_openers=tuple(data["clauses"]["relative"]),
        measured_connectives=frozenset(data["clauses"]["measured_connectives"]),
        measure_units=frozenset(data["clauses"]["measure_units"]),
        measure_quantities=frozenset(data["clauses"]["measure_quantities"]),
        clause_markers=re.compile(markers, re.IGNORECASE),
        lower_clause_markers=re.compile(markers),
        clause_marker_kinds=types.MappingProxyType(kinds),
    )


# ---------------------------------------------------------------------------
# Events


@attrs.frozen
class Clause:
    """A clause of a sentence: text[start:end] less text[gap[0]:gap[1]] (a relative clause
    that is a clause of its own), after `lead`, words it shares with the clause before it
    ("The bridge was" for "last renovated in 1985")."""

    start: int
    end: int
    #: "main"; "attribution" for the tail of "..., said X"; "relative" for ", who ...".
    kind: str = "main"
    lead: str = ""
    gap: tuple[int, int] | None = None
    #: Words that go back in at an offset of the text: the noun an object relative clause is
    #: about, after its verb ("which Nimbus released" -> "Nimbus released Orbit").
    insert: tuple[int, str] | None = None

    def holds(self, position: int) -> bool:
        in_gap = self.gap is not None and self.gap[0] <= position < self.gap[1]
        return self.start <= position < self.end and not in_gap

    def own_words(self, text: str, start: int, end: int) -> tuple[str, tuple[int, int] | None]:
        """The clause's words, and where text[start:end] falls in them (None: not in them)."""
        gap_start, gap_end = self.gap or (self.end, self.end)
        words = text[self.start : gap_start] + text[gap_end : self.end]
        span: tuple[int, int] | None
        if start < self.start or end > self.end:
            span = None  # a date outside the part ("In October, largely hidden ..."): nothing to take out
        elif end <= gap_start:
            span = (start - self.start, end - self.start)
        elif start >= gap_end:
            shift = self.start + gap_end - gap_start
            span = (start - shift, end - shift)
        else:
            span = None
        if self.insert is not None:
            at, inserted = self.insert
            at -= self.start
            words = words[:at].rstrip() + " " + inserted + " " + words[at:].lstrip()
            if span is not None and span[0] >= at:
                shift = len(inserted) + 1
                span = (span[0] + shift, span[1] + shift)
        if not self.lead:
            return words, span
        prefix = self.lead + " "
        return prefix + words, None if span is None else (span[0] + len(prefix), span[1] + len(prefix))


def build_events(
    text: str,
    document: Document,
    expressions: Sequence[Expression],
    sentences: Sequence[Span] | None = None,
) -> tuple[Event, ...]:
    """The publication, then one event per dated clause in text order, numbered e1..eN.

    `sentences` are split_sentences(text), for a caller that has them already."""
    if sentences is None:
        sentences = split_sentences(text)
    sentence_starts = [sentence.start for sentence in sentences]
    by_sentence: dict[int, list[Expression]] = {}
    lengths: dict[int, list[Expression]] = {}  # how long something lasted ("for three weeks")
    timed: set[int] = set()  # the sentences with a time of their own, dating or not
    for expression in sorted(expressions, key=lambda e: e.start):
        index = bisect.bisect_right(sentence_starts, expression.start) - 1
        if index < 0 or expression.start >= sentences[index].end:
            continue
        timed.add(index)
        expression = _as_span(expression, document)
        if _may_date_an_event(expression):
            by_sentence.setdefault(index, []).append(expression)
        elif _measures_a_happening(expression):
            lengths.setdefault(index, []).append(expression)

    events = [publication_event(document)]
    #: The date the narrative last set, which an undated sentence after it may take.
    narrative: Expression | None = None
    narrative_set = -1  # the index of the sentence that set it
    news_day = False  # whether the narrative's date is a day of the news
    publication_day = False  # whether it is the publication's day
    for index in range(len(sentences)) if by_sentence else ():
        sentence = sentences[index]
        dated = by_sentence.get(index, [])
        if dated and _at_line_start(text, sentence.start):
            # A dateline's date is the publication's ("LISBON, March 3 (Reuters) -"), never an event.
            opening = sentence.start + dateline_end(sentence.of(text))
            dated = [expression for expression in dated if expression.start >= opening]
            if dated and _only_dates(sentence.of(text), sentence.start, dated):
                continue
        else:
            opening = sentence.start
        named: list[Expression] = []
        records: list[Expression] = []
        conditional = False
        if dated:
            sentence_text = sentence.of(text)
            if _is_question(sentence_text):
                continue  # a question states no happening
            conditional = _CONDITIONAL.match(sentence_text) is not None
            if _CAPTION.match(sentence_text) or _PRINT_NOTE.match(sentence_text):
                continue  # "Photo credits: REUTERS/... (Twin cubs play in the zoo, March 25, 2010)"
            stamps = [match.end() for match in _STAMP.finditer(sentence_text)] if any(word in sentence_text for word in _STAMP_WORDS) else []
            quoted = _quoted_spans(sentence_text)
            named = [e for e in dated if _names_a_thing(sentence_text, e.start - sentence.start, e.end - sentence.start, e.grain)]
            dated = [
                e
                for e in dated
                if e not in named
                and not _describes_a_noun(sentence_text, e.start - sentence.start, e.end - sentence.start)
                and not any(q_start <= e.start - sentence.start < q_end for q_start, q_end in quoted)
                # "Added: Tuesday, 19 January, 2010, 18:32 GMT": when a comment was posted
                and not any(stamp <= e.start - sentence.start < stamp + _STAMP_REACH for stamp in stamps)
                # "rose to 135 million, up from 78 million in 2007": the baseline's date
                and not _COMPARED.search(sentence_text, max(0, e.start - sentence.start - _COMPARED_REACH), e.start - sentence.start)
            ]
            # "the first of its kind since the 1980s": a record's baseline, whose "when" clause
            # still tells what happened then ("since early December, when Castro promised ...")
            records = [
                e
                for e in dated
                if e.relation == "since" and _RECORD_SINCE.search(sentence_text, max(0, e.start - sentence.start - _COMPARED_REACH), e.start - sentence.start)
            ]
            dated = [e for e in dated if e not in records]
        if not dated and not named and not records:
            adjacent = index == narrative_set + 1
            # Only the day of the news (near publication) goes on: "exploded on April 20" in a
            # backgrounder is no day of what the sentences after it tell.
            if news_day and index not in timed:
                inferred = _inferred_happening(text, sentence, adjacent=adjacent, telling=publication_day)
                if inferred is not None:
                    headline, clause, trigger = inferred
                    events.append(_event(len(events) + 1, document, text, sentence, narrative, headline, clause, trigger, inferred=True))
            continue
        sentence_events = _dated_clauses(text, sentence, dated, opening) if dated else []
        # The date of a noun ("Tuesday's declaration by Ford") sets no day for what follows.
        last = max((expression for _, expression, _, _ in sentence_events), key=lambda e: e.start, default=None)
        nouns = _noun_happenings(text, sentence, named) if named else []
        nouns += _when_happenings(text, sentence, dated + records, sentence_events)
        if nouns:
            sentence_events = sorted(sentence_events + nouns, key=lambda told: told[2].start)
        first_of_sentence = len(events)
        for headline, expression, clause, trigger in sentence_events:
            if conditional and clause.kind != "noun" and _CONDITIONAL.match(headline) is None and ";" not in text[sentence.start : clause.start]:
                continue  # "If that estimate is on target, the reservoir has gushed ...": the condition lost
            if _tense_denies_the_date(text, clause, trigger, expression, document):
                continue
            if (
                trigger is not None
                and expression.text == "Today"
                and trigger.text.lower() in ("is", "are")
                and trigger.tense == "PRESENT"
                and not any(cue.tense == "past" for cue in verb_cues(text[clause.start : clause.end]))
            ):
                continue  # "Today is Haiti, tomorrow might be another country": of these days, no happening
            if _told_through_an_infinitive(trigger) and _later_than_publication(expression, document):
                headline = _as_a_plan(text, clause, trigger, headline, expression)
                if headline is None:
                    continue
            events.append(_event(len(events) + 1, document, text, sentence, expression, headline, clause, trigger))
        if index in lengths and len(events) > first_of_sentence:
            events[first_of_sentence:] = _with_durations(events[first_of_sentence:], lengths[index])
        if last is not None and last.grain in _NARRATIVE_GRAINS and not last.value.endswith("_REF"):
            # A coarser date ("in 1996", "last year") is background: the story's day goes on.
            narrative, narrative_set = last, index
            news_day = _news_day(narrative, document)
            publication_day = _on_publication_day(narrative, document)
    return _without_repeats(events)


def _without_repeats(events: Sequence[Event]) -> tuple[Event, ...]:
    """The events less any that says again what one before it says of the same date (an
    article that repeats a sentence), renumbered."""
    seen: set[tuple[str, str]] = set()
    kept: list[Event] = []
    for event in events:
        key = (event.value, event.headline.lower())
        if event.kind == "event" and key in seen:
            continue
        seen.add(key)
        kept.append(event if event.id == f"e{len(kept) + 1}" else attrs.evolve(event, id=f"e{len(kept) + 1}"))
    return tuple(kept)


_STRAIGHT_QUOTE = re.compile('"')
#: Quotation marks, each closing mark with its opening one.
_QUOTE_PAIRS = (("“", "”"), ("``", "''"), ("‘‘", "’’"))


def _quoted_spans(sentence_text: str) -> list[tuple[int, int]]:
    """The spans of a sentence inside quotation marks. A closing mark with no opening one
    closes a quotation begun in a sentence before ("... that, ” Wine said"); an opening one
    with no close runs to the end. A date in a quotation is the speaker's: the happening
    it dates is a claim, not a fact the article tells, so it makes no event."""
    spans = []
    for opening, closing in _QUOTE_PAIRS:
        spans += _paired(sentence_text, opening, closing)
    straight = [match.start() for match in _STRAIGHT_QUOTE.finditer(sentence_text)] if '"' in sentence_text else []
    if len(straight) % 2 and straight:
        first = straight[0]
        before_is_word = first > 0 and not sentence_text[first - 1].isspace()
        if before_is_word or sentence_text[first + 1 : first + 2] in (" ", ""):
            spans.append((0, first))  # it closes a quotation opened before this sentence
            straight = straight[1:]
        else:
            spans.append((straight[-1], len(sentence_text)))
            straight = straight[:-1]
    spans += [(straight[i], straight[i + 1]) for i in range(0, len(straight) - 1, 2)]
    return spans


def _paired(text: str, opening: str, closing: str) -> list[tuple[int, int]]:
    spans = []
    position, depth_start = 0, None
    while True:
        next_open = text.find(opening, position)
        next_close = text.find(closing, position)
        if next_open == -1 and next_close == -1:
            break
        if next_close != -1 and (next_open == -1 or next_close < next_open):
            spans.append((depth_start if depth_start is not None else 0, next_close))
            depth_start, position = None, next_close + len(closing)
        else:
            if depth_start is None:
                depth_start = next_open
            position = next_open + len(opening)
    if depth_start is not None:
        spans.append((depth_start, len(text)))
    return spans


#: Vague time words that, before a noun or a clause, describe it rather than date a
#: happening: "its current managing director", "the former minister", "now that ...".
_DESCRIBING = frozenset({"current", "currently", "present", "former", "recent", "previous", "latest", "then", "now"})


def _describes_a_noun(sentence_text: str, start: int, end: int) -> bool:
    word = sentence_text[start:end].lower()
    if word not in _DESCRIBING:
        return False
    following = sentence_text[end : end + 20].split()
    next_word = following[0].lower() if following else ""
    if word == "now":
        return next_word == "that"
    return word != "currently" and next_word[:1].isalpha() and next_word not in _NOT_NOUNS


_NOT_NOUNS = frozenset({"and", "or", "but", "is", "are", "was", "were", "to", "in", "on", "at", "for", "that", "as", "than", "with"})


#: What makes a date a comparison's baseline when it stands just before it: "up from 78
#: million in 2007", "compared with $2.9bn a year earlier", "than in 2008".
_COMPARED = re.compile(
    r"(?:\b(?:up|down|rising|falling|rose|fell)(?: [\w.%$]+){0,3}? from [^,;]{0,30}|\bcompared (?:with|to) [^,;]{0,30}|\bthan|\bversus [^,;]{0,30}"
    r"|\bfrom [$£€#]?\d[\d.,]*(?:\s?(?:million|billion|bn|m|percent|per cent|%|cents?|a share|points?))*)"
    r"(?:\s(?:in|on|at|during|for))?\s*$"
)
_COMPARED_REACH = 60
_RECORD_SINCE = re.compile(
    r"\b(?:first|biggest|largest|worst|best|highest|lowest|strongest|weakest|deadliest|sharpest|steepest|fastest|slowest|most|least|fewest)\b[^,;:]*\bsince\s*(?:the\s+)?$",
    re.IGNORECASE,
)
#: A page's stamp of when something was posted: what follows it is a post, a comment.
_STAMP = re.compile(
    r"(?:^\s*|\b)(?:Added|Posted|Published|Updated|Last updated|Modified|Page last updated)\s?:\s|^\s*(?:Posted|Updated|Last updated)\s"
    r"|\b(?:Page last updated|Last updated) (?:at|on) "
)
#: A word that every match of _STAMP holds: a sentence with none of them has no stamp, and
#: is not searched (a pattern that opens on a word edge is tried at every position).
_STAMP_WORDS = ("Added", "Posted", "Published", "Updated", "updated", "Modified")
#: How far after the stamp's word its date and time may run.
_STAMP_REACH = 60
#: A sentence that opens on a condition: what its main clause tells is not told as done.
_CONDITIONAL = re.compile(r"\s*(?:(?:But|And|Yet|So),?\s+)?(?:If|Unless|Even if|Only if)\b")
#: A caption or a credit run into the text.
_CAPTION = re.compile(r"\s*(?:Photo|Photograph|Picture|Image|Video)s?(?: credits?)?\s?:", re.IGNORECASE)
#: A paper's note on its print edition ("A version appeared on p35 of the Main section").
_PRINT_NOTE = re.compile(
    r"\s*(?:(?:A version(?: of this (?:article|story))?|This (?:article|story)) appeared (?:on (?:p|page )\d|in the (?:Guardian|Observer)\b)"
    r"|This (?:article|story) was (?:updated|amended|corrected|edited) (?:at|on)\b)"
)


def _is_question(sentence_text: str) -> bool:
    """A sentence that asks. One that ends on a quoted question tells that it was asked ("…
    had knocked on the door to ask, “Did you plug the hole yet, Daddy?”")."""
    return sentence_text.rstrip(" \n)").endswith("?")


#: Grains of a date that, inside a noun phrase, name a thing rather than date a happening.
_NAMING_GRAINS = frozenset({"year", "decade", "century", "month", "season", "quarter", "half"})


def _names_a_thing(sentence_text: str, start: int, end: int, grain: str | None) -> bool:
    """Whether a date is part of a name or a noun phrase ("the 1933 Glass-Steagall Act",
    "Bush's 1988 pledge", "the 2008 recession", "ahead of Thursday's meeting") or a verb's
    object ("a depression that will rival 1932"): it dates no happening of the clause. A
    day's noun at the head of its clause is the clause's subject ("Tuesday's call lasted an
    hour"), which the trigger names."""
    before = sentence_text[max(0, start - 30) : start].split()
    if len(before) >= 2 and before[-1].lower() in ("ended", "ending") and before[-2].lower().strip(",") in _PERIOD_NOUNS:
        return True  # "for the quarter ended Sept. 30": the date names the period
    if len(before) >= 2 and [word.lower() for word in before[-2:]] == ["of", "record"]:
        return True  # "payable to stock of record Nov. 17": the date names the holders
    if _noun_before_date(sentence_text, start) is not None:
        return True  # "died following the 7.0 magnitude earthquake on Tuesday": the quake's day
    window = sentence_text[max(0, start - 40) : start]
    payable = _PAYABLE.search(sentence_text, max(0, start - 40), start) if "due" in window or "payable" in window else None
    if payable is not None:
        word_before = sentence_text[max(0, payable.start() - 30) : payable.start()].split()[-1:]
        if word_before and word_before[0].lower() not in tense_rules().be_forms:
            return True  # "the dividend due for payment on June 21": the dividend's day; not "is payable Jan. 2"
    if before and before[-1].lower() in ("from", "after", "before") and _OFFSET_FROM.search(sentence_text, max(0, start - 40), start):
        return True  # "six months from Monday": the day is where a length is counted from
    if len(before) >= 2 and before[-2].lower() in _PERIOD_PLURALS and before[-1].lower() in ("in", "of"):
        # "focused on a few frantic weeks in December": the weeks' date, not the focusing's; but
        # "in the early hours of Thursday morning" dates what happened in them
        ahead = [word.lower() for word in before[-7:-2]]
        timed = any(word in _TIME_PREPOSITIONS for word in ahead)
        spent = any((trigger_rules().forms.get(word) or ("", ""))[0] in _TIME_OBJECT_VERBS | {"take", "last"} for word in ahead)
        if not (timed or spent):
            return True
    if before and before[-1].lower() == "the" and (comma_noun := _COMMA_NOUN.match(sentence_text, end)):
        if comma_noun.group(1).lower() in trigger_rules().event_nouns:
            return True  # "the Sept 11, 2001, attacks": the noun's date
    if sentence_text[end : end + 2] in ("'s", "’s"):
        return any(word.lower() not in _DAY_OPENERS for word in before[-3:])
    following_words = sentence_text[end : end + 20].split()
    if following_words and following_words[0].lower().strip(".,") in _TITLED_THINGS:
        return True  # "the Today programme", "the Sunday Times": a name
    previous = before[-1].lower() if before else ""
    phrase_start = start - len(previous) - 1
    after_the = sentence_text[start + 4 : start + 5]
    if sentence_text[start : start + 4].lower() == "the " and (after_the.isupper() or after_the.isdigit()):
        # "the 20 April explosion", "the April 20 blast": the date between "the" and its noun
        previous, phrase_start = "the", start
    form = trigger_rules().forms.get(before[-1].lower()) if before else None
    if form is not None and form[0] in _ABOUT_A_TIME_VERBS:
        return True  # "claims covering the last six months": the time is what they are about
    following = sentence_text[end : end + 30].split()
    next_word = following[0] if following else ""
    if (previous in _NOUN_OPENERS or previous.endswith(("'s", "’s"))) and next_word[:1].isalpha() and next_word.lower() not in _NOT_NOUNS:
        # "the 1933 Glass-Steagall Act", "Bush's 1988 pledge", "excluding the 2008 recession,",
        # "the response to the 20 April explosion": the date is the noun's, not a happening's of
        # the clause; but a happening named by the noun that opens its clause, and told by what
        # follows it, is dated so ("The 1996 Olympic bombing killed one person", "the
        # third-quarter loss was")
        if grain not in _NAMING_GRAINS and not previous == "the":
            return False
        nouns = trigger_rules().event_nouns
        told = (
            any(word.lower().strip(",.") in nouns for word in following[:3])
            and ", " not in sentence_text[end : end + 40]
            and _opens_its_clause(sentence_text, phrase_start)
        )
        return not told
    if grain not in _NAMING_GRAINS:
        return False
    if not sentence_text[start:end].isdigit():
        return False  # "said last year", "discovered last month": adverbs after their verb
    form = trigger_rules().forms.get(previous)
    return form is not None and form[0] not in ("be", "have", "do")


#: Prepositions that make a period the time of a happening ("in the early hours of Thursday").
_TIME_PREPOSITIONS = frozenset({"in", "during", "over", "within", "throughout", "for", "at", "by", "until", "till", "since", "after", "before"})
#: Plural periods a date may place ("weeks in December", "the final months of 2008").
_PERIOD_PLURALS = frozenset({"days", "weeks", "months", "years", "hours"})
#: A payment's day after what is paid ("the dividend due for payment on June 21", "payable Dec. 15").
_PAYABLE = re.compile(r"\b(?:due|payable)(?: for payment)?(?: on| by| in)?\s+$")
#: A length counted from a date that follows ("six months from Monday", "two weeks after 4 May").
_OFFSET_FROM = re.compile(r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|few)\s+(?:days?|weeks?|months?|years?)\s+(?:from|after|before)\s+$", re.IGNORECASE)


def _noun_before_date(sentence_text: str, start: int) -> tuple[int, int, int] | None:
    """(phrase start, noun start, noun end) of a noun naming a happening that a date right
    after it belongs to, in a phrase a preposition opens ("following the 7.0 magnitude
    earthquake on Tuesday", "leading up the catastrophic fire on April 20"), or None."""
    found = _NOUN_THEN_DATE.search(sentence_text, max(0, start - 80), start)
    if found is None or found.group("noun").lower() not in trigger_rules().event_nouns:
        return None
    before = sentence_text[max(0, found.start("det") - 30) : found.start("det")].split()
    if not before or before[-1].lower() not in _NOUN_DATE_PREPOSITIONS:
        return None
    return found.start("det"), found.start("noun"), found.end("noun")


#: A determiner, up to three words, a noun and "on"/"in"/"at" right before a date.
_NOUN_THEN_DATE = re.compile(r"\b(?P<det>the|a|an|its|their|his|her)\s+(?:[\w.'’-]+\s+){0,3}?(?P<noun>[a-z]+)\s+(?:on\s+|in\s+|at\s+)?$", re.IGNORECASE)
#: Prepositions before such a phrase: the noun is an object, its date not the clause's.
_NOUN_DATE_PREPOSITIONS = frozenset({"following", "since", "up", "of", "to", "from", "amid", "over", "about", "despite", "by"})


def _opens_its_clause(sentence_text: str, position: int) -> bool:
    """Whether the words from `position` open their clause: at the sentence's start, or after
    a comma, a semicolon or a word that opens a clause."""
    before = sentence_text[max(0, position - 30) : position].rstrip()
    if not before:
        return not sentence_text[:position].strip()
    return before[-1] in ",;:" or before.rsplit(None, 1)[-1].lower() in _CLAUSE_OPENING_WORDS


_CLAUSE_OPENING_WORDS = frozenset({"and", "but", "when", "because", "while", "though", "although", "that", "where", "which", "who"})

#: Periods a date names as their end ("the quarter ended Sept. 30").
_PERIOD_NOUNS = frozenset({"quarter", "period", "year", "months", "weeks", "half", "term", "season"})
#: What a date may be the name of ("BBC Radio 4's Today programme", "the Sunday Times").
_TITLED_THINGS = frozenset({"programme", "program", "show", "times", "telegraph", "edition", "broadcast", "bulletin", "magazine", "newspaper", "paper", "club"})
#: Words that may open a clause whose subject is a day's noun ("Last Tuesday's call lasted ...").
_DAY_OPENERS = frozenset({"the", "this", "last", "next", "but", "and", "on"})
#: Words before a date in a noun phrase ("the 1933 Act", "its 2010 budget").
_NOUN_OPENERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "whose"})


def _noun_happenings(text: str, sentence: Span, named: Sequence[Expression]) -> list[tuple[str, Expression, Clause, Trigger]]:
    """(headline, expression, clause, trigger) for each date that a noun naming a happening
    holds ("the January 1998 bombing of a clinic that killed ...", "Tuesday's declaration by
    Ford", "last year's Madrid summit"): the noun phrase is the headline, the date kept in it."""
    sentence_text = sentence.of(text)
    found = []
    for expression in named:
        start, end = expression.start - sentence.start, expression.end - sentence.start
        noun = _happening_noun_after(sentence_text, end)
        if noun is None and (after_noun := _noun_before_date(sentence_text, start)) is not None:
            # "the catastrophic fire on April 20 that sent the rig under water": the phrase runs
            # from its determiner past the date
            phrase_start, noun_start, noun_end = after_noun
            phrase_end = _noun_phrase_end(sentence_text, end)
            phrase = sentence_text[phrase_start:phrase_end]
            headline = _told(phrase, headline_rules())
            if len(headline.split()) >= 2 and not any(mark in phrase for mark in _QUOTES):
                clause = Clause(sentence.start + phrase_start, sentence.start + phrase_end, kind="noun")
                trigger = Trigger(sentence_text[noun_start:noun_end], sentence.start + noun_start, sentence.start + noun_end)
                found.append((headline, expression, clause, trigger))
            continue
        if noun is None or expression.text.lower() == "today":
            continue  # "today's crisis", "today's world": of the present, not of the day
        before = sentence_text[:start].rstrip()
        opener = before.rsplit(None, 1)[-1] if before else ""
        if opener.lower() in _NOUN_OPENERS:
            start = len(before) - len(opener)  # "the January 1998 bombing"
        elif opener.lower() in _NOUN_PREDICATES:
            continue  # "was the 2008 crisis": the clause tells what it was, not that it happened
        phrase_end = _noun_phrase_end(sentence_text, noun[1])
        predicate = _past_predicate(sentence_text, phrase_end) if _opens_its_clause(sentence_text, start) else None
        if predicate is not None:
            phrase_end = predicate  # "The Aug. 7, 1998, bombings killed more than 200 people": what it did then
        phrase = sentence_text[start:phrase_end]
        if any(mark in phrase for mark in _QUOTES):
            continue
        headline = _told(phrase, headline_rules())
        if len(headline.split()) < 2:
            continue
        clause = Clause(sentence.start + start, sentence.start + phrase_end, kind="noun")
        trigger = Trigger(sentence_text[noun[0] : noun[1]], sentence.start + noun[0], sentence.start + noun[1])
        found.append((headline, expression, clause, trigger))
    return found


def _when_happenings(
    text: str, sentence: Span, dated: Sequence[Expression], told: Sequence[tuple[str, Expression, Clause, Trigger | None]]
) -> list[tuple[str, Expression, Clause, Trigger | None]]:
    """(headline, expression, clause, trigger) for each clause that a date's "when" opens
    ("since November, when he was found clinging to an inner tube", "in 1979 when the Soviet
    Union invaded Afghanistan"): it tells what happened at that date, not since or until it."""
    sentence_text = sentence.of(text)
    found = []
    for expression in dated:
        opener = _WHEN_AFTER.match(sentence_text, expression.end - sentence.start)
        if opener is None:
            continue
        start = sentence.start + opener.end()
        if any(clause.start <= start < clause.end and clause.start > expression.start for _, _, clause, _ in told):
            continue  # the clause is an event already
        sentence_end = len(sentence_text.rstrip(" .!?"))
        end = opener.end()
        for _ in range(3):  # "when House Republicans, by 2 to 1, declined": past an aside with no verb
            end_mark = _PHRASE_END.search(sentence_text, end + 1)
            end = end_mark.start() if end_mark is not None else sentence_end
            clause_text = sentence_text[opener.end() : end]
            group = next(iter_verb_groups(clause_text), None)
            if group is not None or end_mark is None or not end_mark.group().startswith(","):
                break
        if group is None or group.tense != "PAST" or group.modality is not None or any(mark in clause_text for mark in _QUOTES):
            continue  # only what the clause tells as done
        headline = _told(clause_text, headline_rules())
        if len(headline.split()) < 3:
            continue
        at_the_date = attrs.evolve(expression, relation=None, mod=None)
        found.append((headline, at_the_date, Clause(start, sentence.start + end, kind="when"), group.trigger(clause_text, start)))
    return found


#: ", when" right after a date: what follows happened at it.
_WHEN_AFTER = re.compile(r",?\s+when\s+")


#: Words before "the 2008 crisis" that make the phrase say what a thing is.
_NOUN_PREDICATES = frozenset({"is", "was", "are", "were", "be", "been", "being", "like", "than", "as"})


def _past_predicate(sentence_text: str, phrase_end: int) -> int | None:
    """Where the predicate that a noun phrase ending at `phrase_end` is the subject of
    ends, if it is told as done in the simple past ("... bombings killed more than 200
    people"): at a semicolon, a dash or an attribution, else the sentence's end."""
    group = next(iter_verb_groups(sentence_text[phrase_end:]), None)
    if group is None or sentence_text[phrase_end : phrase_end + group.start].strip():
        return None
    if group.tense != "PAST" or group.aspect != "NONE" or group.modality is not None or group.event_class == "REPORTING":
        return None
    end = len(sentence_text.rstrip(" .!?"))
    stop = _PREDICATE_END.search(sentence_text, phrase_end + group.end, end)
    return stop.start() if stop is not None else end


#: Where a predicate told after its subject stops: a semicolon, a dash, an attribution.
_PREDICATE_END = re.compile(r"\s*(?:;|\s-\s|--|—|–)|,\s+(?:said|says|according to)\b|\s+(?:said|according to)\s")


def _happening_noun_after(sentence_text: str, end: int) -> tuple[int, int] | None:
    """The noun naming a happening that a date at sentence_text[..end] modifies, as offsets:
    right after it or its "'s", across up to two words that describe it ("the 1956 uprising",
    "Tuesday's declaration", "a fourth-quarter net loss", "last year's Madrid summit")."""
    position = end + 2 if sentence_text[end : end + 2] in ("'s", "’s") else end
    comma_noun = _COMMA_NOUN.match(sentence_text, position)
    if comma_noun is not None:
        position = comma_noun.start(1) - 1  # "the Sept 11, 2001, attacks"
    rules = trigger_rules()
    for match in itertools.islice(_NOUN_WORD.finditer(sentence_text, position), 3):
        if match.start() != position + 1 and match.start() != position:
            return None  # punctuation between: no noun phrase runs on
        word = match.group().lower()
        if word in rules.event_nouns:
            return match.span()
        if word in _NOT_NOUNS or word in _NOUN_OPENERS or word in rules.forms:
            return None
        position = match.end()
    return None


#: ", attacks" after a date that ends on its year, the noun it modifies.
_COMMA_NOUN = re.compile(r",\s+(?:[a-z]+\s+)?([a-z]+)\b")
_NOUN_WORD = re.compile(r"[\w$%](?:[\w.'’$%-]*[\w$%])?")
#: Where a noun phrase ends: a mark that ends a phrase, or a verb group not in a relative.
_PHRASE_END = re.compile(r"\s*(?:[;:()\[\]]|\s-\s|--|—|–|,(?!\d))|\s+(?:as|and (?=(?P<verb>[a-z]+)\b))\s|\s+and\s(?=\d)")
#: ", Ala.,", ", Ontario,": a place's region between two commas, inside the phrase.
_REGION = re.compile(r", (?:[A-Z][\w.]*)(?: [A-Z][\w.]*)?,")
_RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "whose", "where", "when"})


def _noun_phrase_end(sentence_text: str, noun_end: int) -> int:
    """Where the noun phrase of a happening's noun ends: at a mark that ends a phrase, or at
    the first verb group outside a relative clause of the noun ("the 1998 bombing of a
    clinic that killed an officer and maimed a nurse" runs on through both; "last month's
    discovery of a rifle represented a breakthrough" ends before "represented")."""
    end = len(sentence_text.rstrip(" .!?"))
    position = noun_end
    while (mark := _PHRASE_END.search(sentence_text, position, end)) is not None:
        region = _REGION.match(sentence_text, mark.start())
        verb = mark.group("verb")
        form = trigger_rules().forms.get(verb) if verb is not None else None
        if region is not None or (verb is not None and (form is None or form[1] == "ing")):
            # ", Ala.,": a region inside the phrase; "and" before a noun ("offerings and
            # pricings") or an -ing noun ("the bombing and killing of") joins it
            position = region.end() if region is not None else mark.end()
            continue
        end = mark.start()
        break
    glued = _GLUED_CAPITAL.match(sentence_text, noun_end)
    if glued is not None:
        end = min(end, noun_end)  # "Tuesday's earthquake Efforts to ...": a caption's end
    for group in iter_verb_groups(sentence_text[:end]):
        if group.start < noun_end:
            continue
        if _RELATIVE_WORDS.isdisjoint(words_of(sentence_text[noun_end : group.start]).lower):
            return _without_dangling_end(sentence_text, group.start)
        # "that killed an officer and maimed a nurse", "where 15 workers died": its own; but
        # "the explosion that destroyed the rig saying ...": a telling's participle after it is
        # the main clause's
        rules = trigger_rules()
        for word in _NOUN_WORD.finditer(sentence_text, group.end, end):
            form = rules.forms.get(word.group().lower())
            if form is not None and form[1] == "ing" and rules.classes.get(form[0]) == "REPORTING":
                return _without_dangling_end(sentence_text, word.start())
        break
    return end


#: A capitalised word right after the noun, not a name's ("the 2010 earthquake Efforts").
_GLUED_CAPITAL = re.compile(r" (?:[A-Z][a-z]+s|The|A|An|It|In|On)\b")


def _without_dangling_end(sentence_text: str, end: int) -> int:
    """Where sentence_text[:end] ends less the words it may not end on ("summit to")."""
    words = sentence_text[:end].rstrip()
    while words and (last := words.rsplit(None, 1)[-1]).lower() in _DANGLING_WORDS:
        words = words[: -len(last)].rstrip()
    return len(words)


#: Words a noun phrase cut before a verb may not end on ("summit to [invite]").
_DANGLING_WORDS = frozenset({"to", "and", "or", "but", "not", "would", "will", "could", "should", "may", "might", "can", "must"})


#: The grains of a date that a following undated sentence may take: a day or finer.
#: ("On Friday the board met. It voted to ..."; "In 1998 ..." sets no such date.)
_NARRATIVE_GRAINS = frozenset({"day", "part_of_day", "hour", "minute", "second"})
#: Verb groups whose happening an undated sentence may be dated by the narrative: deeds and
#: tellings in the past, not states, beliefs, plans or what may be.
_INFERRED_TENSES = frozenset({"PAST"})
_INFERRED_CLASSES = frozenset({"OCCURRENCE", "REPORTING", "I_ACTION", "ASPECTUAL", "PERCEPTION"})
_QUOTES = ('"', "“", "”", "``", "''")
#: Words that open a sentence going on from the one before it, about the same happening.
_GOING_ON = frozenset({"it", "they", "he", "she", "we", "then", "later", "afterwards", "subsequently", "soon", "there"})


#: How far before publication the day a story tells of may be (a weekly's "last Sunday").
_NEWS_DAYS = 7


def _start_and_publication_day(expression: Expression, document: Document) -> tuple[dt.datetime, dt.datetime] | None:
    """Where a date starts and where the publication's day starts, both without a zone."""
    if expression.interval is None:
        return None
    return expression.interval.start.replace(tzinfo=None), _day_start(document.published).replace(tzinfo=None)


def _on_publication_day(expression: Expression, document: Document) -> bool:
    """Whether a date falls on the publication's day."""
    days = _start_and_publication_day(expression, document)
    return days is not None and days[1] <= days[0] < add_days(days[1], 1)


def _news_day(expression: Expression, document: Document) -> bool:
    """Whether a date is a day of the news: within a week before publication, or the day after."""
    days = _start_and_publication_day(expression, document)
    return days is not None and add_days(days[1], -_NEWS_DAYS) <= days[0] <= add_days(days[1], 1)


#: Verbs whose simple past is their present ("the company forecast sales of $10.3 billion").
_SAME_IN_THE_PAST = frozenset(
    {"put", "set", "hit", "cut", "read", "let", "quit", "spread", "cost", "beat", "shut", "forecast", "broadcast", "bid", "hurt", "upset", "cast", "split", "burst", "thrust", "shed", "bet", "outbid", "reset", "recast", "offset"}
)
#: How long before publication a date must end for a clause in the simple present not to be
#: of it ("providing this support has nothing to do with the policies of the 1990s"), where a
#: week's news may be told in the present ("Obama visits the Gulf on Friday").
_PRESENT_REACH_DAYS = 7


def _tense_denies_the_date(text: str, clause: Clause, trigger: Trigger | None, expression: Expression, document: Document) -> bool:
    """Whether the verb's tense says the date cannot be when its happening happened, so the
    date belongs to some other word of the clause: a deed told as done on a date after
    publication ("airline bosses committed to a global cap on emissions by 2020"), one told
    in the future on a date gone by ("will gain the upper hand ... since the blowout April
    20"), or a clause all in the simple present about a date long gone ("BP requests tax returns for
    2007 through 2009"). A chronology's item ("April 22 - The rig sinks") tells its date in
    the present: it keeps it."""
    if trigger is None or trigger.modality is not None or expression.interval is None or clause.kind == "noun":
        return False
    days = _start_and_publication_day(expression, document)
    assert days is not None
    start, publication_day = days
    if trigger.tense == "PAST" and trigger.aspect in ("NONE", "PERFECTIVE") or trigger.aspect == "PERFECTIVE" and trigger.tense == "PRESENT":
        if start < add_days(publication_day, 1) or trigger.text.lower() in _SCHEDULING:
            return False  # "The accession was planned for early March": a plan
        if "be" in text[max(clause.start, trigger.start - 12) : trigger.start].lower().split():
            return False  # "expect the transaction to be completed by Dec. 15": ahead
        return not any(cue.tense == "future" for cue in verb_cues(text[clause.start : clause.end]))
    if trigger.tense == "FUTURE" and expression.relation is None:
        # "they will gain the upper hand on the well, spewing oil since the blowout April 20"
        return expression.interval.end.replace(tzinfo=None) <= publication_day
    if trigger.tense == "PRESENT" and trigger.aspect == "NONE" and expression.relation is None and trigger.text.lower() not in _SAME_IN_THE_PAST:
        end = expression.interval.end.replace(tzinfo=None)
        if end >= add_days(publication_day, -_PRESENT_REACH_DAYS) or not text[clause.start : expression.start].strip(" *-•"):
            return False
        return not any(cue.tense == "past" for cue in verb_cues(text[clause.start : clause.end]))
    return False


def _measures_a_happening(expression: Expression) -> bool:
    """Whether an expression is a length with no place in the calendar ("for three weeks",
    "a four-day visit"), which says how long a happening lasted."""
    return expression.type == "DURATION" and expression.interval is None and not expression.value.endswith("_REF")


def _with_durations(events: Sequence[Event], lengths: Sequence[Expression]) -> list[Event]:
    """The events of a sentence, each with the length that stands in its clause, if one
    does: the narrowest clause that holds the length takes it ("The strike, which began on
    Monday, lasted three weeks": the clause of "lasted", if it is an event)."""
    measured = list(events)
    for length in lengths:
        holding = [
            number
            for number, event in enumerate(measured)
            if event.clause_start is not None
            and event.clause_end is not None
            and event.clause_start <= length.start < event.clause_end
            and event.duration is None
            and not event.inferred
        ]
        if holding:
            narrowest = min(holding, key=lambda number: measured[number].clause_end - measured[number].clause_start)  # type: ignore[operator]
            measured[narrowest] = attrs.evolve(measured[narrowest], duration=length.id)
    return measured


def _later_than_publication(expression: Expression, document: Document) -> bool:
    days = _start_and_publication_day(expression, document)
    return days is not None and days[0] >= add_days(days[1], 1)


#: Verbs of a plan whose subject is the subject of their infinitive ("agreed to sell the unit
#: by March": the company is to sell it). Hopes and tries are not plans ("hoped to finish").
_PLANNING_VERBS = frozenset(
    {"agree", "decide", "plan", "promise", "pledge", "vow", "commit", "offer", "vote", "resolve", "undertake", "intend", "aim", "expect", "threaten", "propose", "prepare", "choose", "elect", "arrange", "move", "schedule", "set"}
)
_PLAN_FOR = re.compile(r"\bfor\s+((?:the|a|an|its|their|his|her|our)\s+[^,;:()]{1,40}?|[A-Z][^,;:()]{0,40}?)\s+(not\s+)?to\s*$")
_PLAN_TO = re.compile(r"^\s*(not\s+)?to\s*$")
#: Verbs of an order, whose object is the subject of their infinitive ("ordered schools to close").
_ORDERING_VERBS = frozenset({"order", "tell", "instruct", "direct", "require", "force", "compel"})
_ORDERED_TO = re.compile(r"^\s*([^,;:()\"“”]{1,80}?)\s+(not\s+)?to\s*$")


def _infinitive_keeps_its_date(sentence_text: str, base: int, group: VerbGroup, expression: Expression) -> bool:
    """Whether a date is of an infinitive that tells what a plan is for ("a plan to withdraw
    all troops by August") or what a verb in the past planned, asked or meant ("were told to
    attend the school over the weekend", "outlined plans for the industry to become carbon
    neutral by 2020"): the date is the infinitive's own, not that verb's, and stays in the
    headline to say so."""
    if group.tense != "INFINITIVE" or expression.start - base < group.start:
        return False
    before = sentence_text[max(0, group.start - 30) : group.start].lower().split()
    if len(before) >= 2 and before[-1] == "to" and before[-2] in _PLAN_NOUNS:
        return True  # "a plan to withdraw all combat troops as soon as August 2010"
    cues = verb_cues(sentence_text)
    index = bisect.bisect_right(cues, group.start, key=lambda cue: cue.end) - 1
    if index < 0 or cues[index].tense != "past":
        return False
    between = sentence_text[cues[index].end : group.start]
    return "," not in between and len(between.split()) <= _FRAME_REACH_WORDS


#: How many words may stand between a verb and the infinitive it frames ("outlined plans for
#: the industry to become").
_FRAME_REACH_WORDS = 6


def _told_through_an_infinitive(trigger: Trigger | None) -> bool:
    """Whether a trigger is an infinitive ("plans for the industry to become"), or the verb of
    one that its group reads as a modality ("agreed to sell")."""
    return trigger is not None and (trigger.tense == "INFINITIVE" or (trigger.modality or "").endswith(" to"))


def _as_a_plan(text: str, clause: Clause, trigger: Trigger, headline: str, expression: Expression) -> str | None:
    """The headline of a happening planned for after publication that an infinitive tells,
    as a plan: "Iata outlined plans for the industry to become carbon neutral by 2020" ->
    "The industry to become carbon neutral by 2020"; "The company agreed to sell the unit by
    March" -> "The company to sell the unit by March"; told in the past, the frame would
    read as done on the plan's date. None where the frame is no plan of its subject's
    ("urged regulators to drop the rule by May") or the clause does not read as one."""
    before = text[clause.start : trigger.start]
    cues = verb_cues(before)
    if not cues or cues[-1].tense != "past":
        return headline  # "plans to sell the unit by March": told as a plan already
    frame = cues[-1]
    between = before[frame.end :]
    frame_words = words_of(before[frame.start : frame.end]).lower
    lemma = trigger_rules().forms.get(frame_words[-1], (frame_words[-1], ""))[0] if frame_words else ""
    planned_for = _PLAN_FOR.search(between)
    if planned_for is not None:
        subject, negation = planned_for.group(1), planned_for.group(2) or ""
    elif lemma in _ORDERING_VERBS and (ordered := _ORDERED_TO.match(between)) is not None:
        subject, negation = ordered.group(1), ordered.group(2) or ""  # "told offices to stop work beginning on Friday"
    elif (bare := _PLAN_TO.match(between)) is not None and lemma in _PLANNING_VERBS:
        subject, negation = clause.lead or before[: frame.start].strip(" ,"), bare.group(1) or ""
        subject = _without_leading_discourse(subject, headline_rules())
        subject = " ".join(word for word in subject.split() if word.lower() not in _FRAME_ADVERBS)
        if not subject or len(subject.split()) > headline_rules().max_subject_words or any(mark in subject for mark in ",;:\"“”"):
            return None
    else:
        return None
    words = f"{subject} {negation}to {text[trigger.start : clause.end]}"
    return _headline(words, None, keeping=expression.text)


#: Adverbs between a subject and its verb that a plan's headline leaves out ("Iata also outlined").
_FRAME_ADVERBS = frozenset({"also", "later", "then", "earlier", "previously", "recently", "now", "finally", "formally", "officially"})


def _inferred_happening(text: str, sentence: Span, *, adjacent: bool, telling: bool) -> tuple[str, Clause, Trigger] | None:
    """The happening of an undated sentence that the narrative's date dates, or None: its
    main verb group tells, in the simple past, a telling ("Howard said ...", as news reports
    what was said on the day it tells of) where `telling` (the narrative's day is the
    publication's), or a deed right after the sentence that set the date ("On Friday the
    board met. It voted to ..."); and it is not a quotation."""
    sentence_text = sentence.of(text)
    if any(mark in sentence_text for mark in _QUOTES):
        # A quotation says what someone said, not what happened; told with no date of its own
        # ("Purwanta said: “Also, the payout, they said, is too small”") it was, in review, a
        # bare quote more often than not: no event.
        return None
    if not adjacent and not tells_in_the_past(sentence_text):
        return None  # far from the date's sentence only a telling takes it, and none is here
    group = next(
        (g for g in iter_verb_groups(sentence_text) if not _after_relative_word(sentence_text, g.start) and not _in_aside(sentence_text, g)),
        None,
    )
    if group is None or group.tense not in _INFERRED_TENSES or group.aspect != "NONE" or group.modality is not None:
        return None  # "had argued" is before the narrative's date, "would strike" after it
    if group.event_class == "REPORTING" and not telling:
        # An undated telling is of the day the news is told: "The company said it had
        # accepted the report" after "recovered on Saturday" in Wednesday's story was said on
        # Wednesday (on TBAQ such tellings took another day's date right 3 times in 14).
        return None
    if group.event_class != "REPORTING" and not (
        adjacent and group.event_class in _INFERRED_CLASSES and sentence_text.split(" ", 1)[0].lower() in _GOING_ON
    ):
        return None  # a deed takes the day only where it goes on from it ("It voted to ..."), not background
    clause = Clause(sentence.start, sentence.end)
    headline = _headline(sentence_text, None, keep_attribution=group.event_class == "REPORTING")
    if not headline or _says_nothing(headline):
        return None
    return headline, clause, group.trigger(sentence_text, sentence.start)


_OPEN = r"(?:``|“|\")"
_CLOSE = r"(?:''|”|\")"
_TELLER = r"(?P<teller>(?:[A-Z]|(?:the|a|an) )[^,;:\"“”`']{0,80}?)"
_SPEECH = r"(?P<verb>said|told(?: [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}| reporters| the [a-z]+)?|added|asked|explained|wrote|declared|insisted|warned|stated|replied|recalled)"
#: "“Q,” the minister said.", "“Q,” said the minister, ...", "The minister said: “Q.”"
_QUOTED_TELLINGS = (
    # The opening mark may be in the sentence before, where the quotation runs over two.
    re.compile(rf"\s*{_OPEN}?\s?(?P<quote>[^\"“”`]{{3,}}?)[,.!?]?\s*{_CLOSE},?\s+{_TELLER}\s+{_SPEECH}(?=[\s,.]|$)"),
    # "said Dr. Andrew Kuper.": the teller runs to a comma or the sentence's end, past an
    # abbreviation's period
    re.compile(rf"\s*{_OPEN}?\s?(?P<quote>[^\"“”`]{{3,}}?)[,.!?]?\s*{_CLOSE},?\s+{_SPEECH}\s+{_TELLER}(?=,|\.?\s*$)"),
    re.compile(rf"\s*(?:[A-Z][^,\"“”`]{{0,40}}, )?{_TELLER}\s+{_SPEECH}[,:]?\s+{_OPEN}\s?(?P<quote>[^\"“”`]{{3,}}?)[,.!?]?\s*(?:{_CLOSE}|$)"),
)
#: Where who said it ends and when or where begins: "Tony Hayward [on Monday]".
_TELLER_END = re.compile(r"\s+(?:on|in|at|during|after|before|yesterday|today|tonight|late|early|earlier|last|this)\b")
#: The most words of who said it ("Australians for a Constitutional Monarchy executive
#: director Kerry Jones"): a longer one is cut to the name at its end.
_MAX_TELLER_WORDS = 12
#: The longest quotation a telling's headline holds before it is cut with "…".
_QUOTE_CHARS = 110


def _in_aside(sentence_text: str, group: VerbGroup) -> bool:
    """Whether a verb group stands in an aside between commas after its subject ("Egypt,
    already hit hard by bird flu, fears ..."): it is not the sentence's main verb."""
    comma = sentence_text.rfind(", ", 0, group.start)
    if comma == -1 or len(sentence_text[comma + 2 : group.start].split()) > 1:
        return False
    return sentence_text.find(", ", group.end) != -1 and sentence_text.find(", ", group.end) < len(sentence_text) - 2


def _after_relative_word(sentence_text: str, start: int) -> bool:
    """Whether a verb group opens a relative clause ("Mayor Ortiz, who toured the site, said")."""
    word = sentence_text[:start].rstrip().rsplit(" ", 1)[-1]
    return word.lower() in _RELATIVE_WORDS and not word.isupper()  # "WHO raised" is the agency


def _quoted_telling(sentence_text: str, base: int) -> tuple[str, Clause, Trigger] | None:
    """A quotation and who said it, as a telling: "“Q,” Howard said." -> "Howard said: “Q”"."""
    for pattern in _QUOTED_TELLINGS:
        match = pattern.match(sentence_text)
        if match is None:
            continue
        teller = _TELLER_END.split(match.group("teller"), 1)[0].strip()  # "Tony Hayward on Monday": "Tony Hayward"
        if not teller or len(teller.split()) > _MAX_TELLER_WORDS or first_verb_cue(teller) is not None:
            return None
        words = teller.split()
        if len(words) > 4:  # "Australians for a Constitutional Monarchy executive director Kerry Jones"
            name = list(itertools.takewhile(lambda word: word[:1].isupper(), reversed(words)))
            teller = " ".join(reversed(name)) if len(name) >= 2 else teller
        quote = " ".join(match.group("quote").split()).rstrip(" ,")
        if len(quote) > _QUOTE_CHARS:
            quote = quote[: quote.rfind(" ", 0, _QUOTE_CHARS)].rstrip(" ,;:") + "…"
        verb_start, verb_end = match.span("verb")
        verb = sentence_text[verb_start:verb_end].split()[0]
        headline = _finished(f"{teller} {match.group('verb')}: “{quote}”")
        group = next((g for g in verb_groups(sentence_text) if g.head_start == verb_start), None)
        trigger = group.trigger(sentence_text, base) if group else Trigger(verb, base + verb_start, base + verb_start + len(verb), "REPORTING", "PAST")
        return headline, Clause(base, base + len(sentence_text)), trigger
    return None


def _event(
    number: int,
    document: Document,
    text: str,
    sentence: Span,
    expression: Expression,
    headline: str,
    clause: Clause,
    trigger: Trigger | None,
    *,
    inferred: bool = False,
) -> Event:
    return Event(
        id=f"e{number}",
        kind="event",
        headline=headline,
        sentence=sentence.of(text),
        start=sentence.start,
        end=sentence.end,
        expression=expression.id,
        value=expression.value,
        grain=expression.grain,
        interval=event_interval(expression, document),
        mod=expression.mod,
        relation=expression.relation,
        trigger=trigger,
        clause_start=clause.start,
        clause_end=clause.end,
        inferred=inferred,
    )


#: "in the past five years", "over the next two months": a length that ends, or starts, at
#: publication is a span of the calendar.
_ANCHORED_LENGTH = re.compile(r"(?:the\s+)?(?:(?P<back>past|last|previous|recent)|(?P<ahead>next|coming|following))\s", re.IGNORECASE)
_LENGTH_VALUE = re.compile(r"P(?P<count>\d{1,3})(?P<unit>[YMWD])")
_LENGTH_GRAINS = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def _as_span(expression: Expression, document: Document) -> Expression:
    """A duration that ends or starts at publication ("the past five years") with the span of
    the calendar it covers; any other expression as it is."""
    if expression.type != "DURATION" or expression.interval is not None:
        return expression
    anchored = _ANCHORED_LENGTH.match(expression.text)
    length = _LENGTH_VALUE.fullmatch(expression.value)
    if anchored is None or length is None:
        return expression
    count, unit = int(length.group("count")), length.group("unit")
    day = _day_start(document.published)
    if anchored.group("back"):
        start, end = _moved(day, unit, -count), add_days(day, 1)
    else:
        start, end = day, _moved(day, unit, count)
    if not start < end:
        return expression
    return attrs.evolve(expression, interval=Interval(start, end), grain=_LENGTH_GRAINS[unit])


def _moved(day: dt.datetime, unit: str, count: int) -> dt.datetime:
    """The day `count` units of `unit` (Y, M, W, D) after `day`, held inside the calendar."""
    if unit in "WD":
        return add_days(day, count * (7 if unit == "W" else 1))
    months = day.year * 12 + day.month - 1 + count * (12 if unit == "Y" else 1)
    year, month = divmod(months, 12)
    if not 1 <= year <= 9999:
        return day
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def _may_date_an_event(expression: Expression) -> bool:
    return (
        expression.type in _DATING_TYPES
        and expression.interval is not None
        and expression.value not in _NEVER_EVENTS
    )


def publication_event(document: Document, event_id: str = "e1") -> Event:
    day = _day_start(document.published)
    return Event(
        id=event_id,
        kind="publication",
        headline=PUBLICATION_HEADLINE,
        sentence="",
        start=0,
        end=0,
        expression=None,
        value=document.published.date().isoformat(),
        grain="day",
        interval=Interval(day, add_days(day, 1)),
    )


def event_interval(expression: Expression, document: Document) -> Interval:
    """The expression's interval; for "since X", from the start of X up to publication."""
    if expression.interval is None:
        raise ValueError(f"expression {expression.id} has no interval to date an event")
    if expression.relation != "since":
        return expression.interval
    published_end = (
        document.published
        if document.published_has_time
        else add_days(_day_start(document.published), 1)
    )
    if published_end <= expression.interval.start:
        return expression.interval  # a "since" after publication: nothing to stretch
    return Interval(expression.interval.start, published_end)


def _day_start(moment: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(moment.date(), dt.time(), tzinfo=moment.tzinfo)


def _specificity(expression: Expression) -> tuple[bool, int, int]:
    """Smaller is more specific: a date before a vague one ("recently"), then the finer
    grain, then the earlier in the text."""
    return expression.value in _VAGUE_VALUES, GRAIN_RANK.get(expression.grain or "", len(GRAINS)), expression.start


def _dated_clauses(
    text: str, sentence: Span, expressions: Sequence[Expression], opening: int
) -> list[tuple[str, Expression, Clause, Trigger | None]]:
    """(headline, expression, clause, trigger) for each happening of the sentence that an
    expression dates: one per clause, and within a clause one per verb group that a date
    of its own modifies ("The economy created jobs in January, the government reported on
    Friday": two)."""
    candidates = list(expressions)
    clauses = clauses_of(text, sentence, [e.start for e in candidates if e.value not in _VAGUE_VALUES])
    holding = _clause_finder(clauses) if len(clauses) > 1 else None
    by_clause: dict[int, list[Expression]] = {}
    for expression in candidates:
        by_clause.setdefault(holding(expression.start) if holding else 0, []).append(expression)

    sentence_text = sentence.of(text)
    base = sentence.start
    has_quotes = any(mark in sentence_text for mark in _QUOTES)
    quoted_telling = functools.cache(lambda: _quoted_telling(sentence_text, base)) if has_quotes else None  # read once, if asked
    span_starts = sorted(e.start - base for e in expressions)
    span_end_at = {e.start - base: e.end - base for e in expressions}

    def in_a_date(position: int) -> bool:  # "07:35 am": no verb
        index = bisect.bisect_right(span_starts, position) - 1
        return index >= 0 and position < span_end_at[span_starts[index]]

    groups = [
        group
        for group in verb_groups(sentence_text)
        if base + group.head_start >= opening and not in_a_date(group.head_start)  # none in a dateline either
    ]
    heads = [base + group.head_start for group in groups]
    dated = []
    for index in sorted(by_clause, key=lambda i: clauses[i].start):
        clause = clauses[index]
        inside = groups[bisect.bisect_left(heads, clause.start) : bisect.bisect_left(heads, clause.end)]
        own = [group for group in inside if clause.holds(base + group.head_start)]
        for piece, group, expression in _happenings(sentence_text, base, clause, own, by_clause[index]):
            if group is not None and _of_a_baseline_or_a_noun(sentence_text, piece.start - base, group):
                continue
            if group is not None and group.end <= expression.start - base and _PARTICIPLE_BEFORE_DATE.search(sentence_text, group.end, expression.start - base):
                continue  # "exceeding the cap on damages established by federal law two decades ago": the cap's date
            trigger = _trigger(sentence_text, base, expression, group)
            telling = group is not None and group.event_class == "REPORTING" and _dates_the_telling(sentence_text, base, group, expression)
            if group is not None and not telling and piece.kind == "main":
                piece = _own_clause(sentence_text, base, piece, group, expression)
            # What may be, or was only hoped, planned or promised, keeps its date in its headline
            # ("hopes it can keep 90 percent of the flow from the ocean by late June"): without it,
            # the headline would read as if the hoping happened on that date.
            prospect = group is not None and not telling and (group.modality is not None or _infinitive_keeps_its_date(sentence_text, base, group, expression))
            # "asked for it by May 18", "after February": without its preposition's date the
            # headline would read as if it happened then
            bounded = (
                expression.relation in ("before", "after", "until")
                or sentence_text[: expression.start - base].rstrip().lower().endswith(_BOUNDING)
                # "since 20 April" on a verb that is no state up to now ("have worked since"):
                # without it the headline would tell the happening on that day
                or (expression.relation == "since" and group is not None and group.aspect == "NONE")
            )
            reporting = group is not None and group.event_class == "REPORTING"
            quoted = quoted_telling() if reporting and quoted_telling is not None else None
            if quoted is not None:
                headline = quoted[0]  # "“...,” Shelby told Fox News on Saturday" -> "Shelby told Fox News: “...”"
            elif _INVERTED.match(sentence_text):
                headline = _headline(sentence_text, None)  # "Not until May 27 did the group raise the estimate": told whole
            elif (focus := _focus_of_a_cleft(sentence_text, expression.start - base, expression.end - base)) is not None:
                headline = _headline(sentence_text[focus:], None)  # "It is only this morning that many of us have woken up"
            else:
                # "has received 450,000 claims in the last three months": a length keeps its words,
                # or the headline would read as if it all happened at once
                length = expression.type == "DURATION"
                headline = _clause_headline(text, piece, expression, keep_attribution=telling, keep_date=prospect or bounded or length)
            if headline is None:
                if len(by_clause) > 1:
                    continue  # the main clause has its own date; the telling adds nothing
                headline = _headline(sentence_text, (expression.start - base, expression.end - base))
            if _dangles(headline):
                # "The agency released a study concluding that": a part cut where its words go
                # on; the sentence, told whole, is the headline, or there is none
                headline = _headline(sentence_text, (expression.start - base, expression.end - base))
                if _dangles(headline):
                    continue
            if (telling and dated and _says_nothing(headline)) or _STANDS_FOR_ANOTHER.match(headline):
                continue  # "..., the government reported on Friday": what was told has its own event
            if reporting and quoted is None and _opens_on_debris(sentence_text) and not _tells_something(headline):
                continue  # '" Farris told the summit on Tuesday': what he told is in the sentence before
            if group is None and not piece.lead and _only_dates(text[piece.start : piece.end], piece.start, expressions):
                continue  # "Tuesday, September 16, 2008; 4:30 PM ...": a date line run into the sentence
            if group is None and headline.split(" ", 1)[0].lower() in _PLACE_OPENERS and not verb_groups(headline) and first_verb_cue(headline) is None:
                continue  # "In Venice, Louisiana": a caption's place, no happening told
            dated.append((headline, expression, piece, trigger))
    return dated


def _of_a_baseline_or_a_noun(sentence_text: str, piece_start: int, group: VerbGroup) -> bool:
    """Whether a verb group dates no happening of its clause: a comparison's ("more than
    some of the same scientists thought just a couple of weeks ago") or a schedule's
    participle after its noun ("the emergency session in Washington scheduled for this
    week")."""
    before = sentence_text[max(piece_start, group.start - 120) : group.start]
    if _THAN_BEFORE.search(before):
        return True
    if group.start == group.head_start and sentence_text[group.head_start : group.head_end].lower() in _SCHEDULING:
        previous = before.rstrip().rsplit(None, 1)[-1].lower() if before.strip() else ""
        following = sentence_text[group.head_end : group.head_end + 4].lower()
        return (
            bool(previous)
            and previous[-1:].isalpha()
            and previous not in tense_rules().be_forms
            and previous not in ("has", "have", "had", "been")
            and following.startswith((" for", " on ", " in ", " at ", " to "))
        )
    return False


def _focus_of_a_cleft(sentence_text: str, start: int, end: int) -> int | None:
    """Where the clause that a cleft puts a date in focus for starts ("It is only this morning
    that [many of us have woken up]"), or None."""
    if start <= _FOCUS_REACH and sentence_text.startswith(" that ", end) and _FOCUS_CLEFT.fullmatch(sentence_text, 0, start):
        return end + len(" that ")
    return None


_FOCUS_REACH = 60
_FOCUS_CLEFT = re.compile(r"\s*(?:But |And )?It (?:is|was|wasn't|isn't) (?:only |just |not until |until )?(?:on |in |at |during )?")
#: Prepositions that open a headline with no verb that tells only where ("In Venice, Louisiana").
_PLACE_OPENERS = frozenset({"in", "at", "on", "near", "from", "outside", "inside", "off", "across", "around"})
#: A noun, a bare past participle and its agent right before a date ("damages established by
#: federal law [two decades ago]"): the date is the participle's.
_PARTICIPLE_BEFORE_DATE = re.compile(
    r"\b(?!(?:was|were|is|are|be|been|being|has|have|had|he|she|it|they|we|who|which|that|and|or|first|also|then|later|initially|recently|widely|previously|originally)\s)"
    r"[a-z]+\s+(?:[a-z]+ed|[a-z]+en)\s+by\s+[^,;:]{1,40}?\s+$"
)
#: A date that opens an inversion ("Not until May 27 did the group ..."): the sentence is told whole.
_INVERTED = re.compile(r"\s*(?:Not (?:until|till|before)|Only (?:after|in|on|when|then))\b")
#: "than" and a few words before a verb: a comparison's clause ("more than some of the same
#: scientists thought").
_THAN_BEFORE = re.compile(
    r"\bthan\s+(?![$£€#]?\d|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|half|twice|double|dozens|hundreds|thousands|millions|billions)\s)"
    r"(?!(?:\S+\s+){0,6}?(?:since|when|after|before|because|as|while|until)\s)(?:[^\s,;:()]+\s+){0,6}$"
)


def _happenings(
    sentence_text: str, base: int, clause: Clause, groups: Sequence[VerbGroup], expressions: Sequence[Expression]
) -> list[tuple[Clause, VerbGroup | None, Expression]]:
    """The clause's dated happenings: (the part of the clause that tells it, its verb group,
    its most specific date), one per verb group that a date modifies."""
    by_group: dict[VerbGroup | None, list[Expression]] = {}
    bounds = group_bounds(groups)
    for expression in expressions:
        group = choose_group(groups, expression.start - base, expression.end - base, sentence_text, clause.start - base, bounds)
        if group is None and groups:
            continue  # the clause has verbs, but the date modifies none of them: a phrase's own date
        by_group.setdefault(group, []).append(expression)
    if not by_group:
        return []
    if len(by_group) == 1:
        ((group, dates),) = by_group.items()
        expression = min(dates, key=_specificity)
        # "published in November found": a verb of its own right after the date; not "voted in
        # March to expand", not "responded this weekend by saying it will"
        after = max(group.end, expression.end - base) if group is not None else 0
        main_after = group is not None and any(
            g.start > after and g.tense in _FINITE and len(sentence_text[after : g.start].split()) <= 1 and "," not in sentence_text[after : g.start]
            for g in groups
        )
        # "The boat, made 10 years ago by a boatbuilder, lists for $700,000": a participle
        # between commas, the clause's verb after the second
        main_after = main_after or (
            group is not None
            and expression.start - base > group.start
            and sentence_text[: group.start].rstrip().endswith(",")
            and any(g.start > after and g.tense in _FINITE and sentence_text[after : g.start].rstrip().endswith(",") for g in groups)
        )
        subject = _participle_subject(sentence_text, clause.start - base, group) if main_after and group is not None else None
        if subject is not None:  # "An independent review published in November found ...": it was published then
            main = min(g.start for g in groups if g.start > max(group.end, expression.end - base) and g.tense in _FINITE)
            return [(_part_of(clause, base + group.start, base + main, f"{subject} {_be_for(subject)}"), group, expression)]
        return [(clause, group, expression)]
    ordered = sorted(by_group.items(), key=lambda item: item[0].start if item[0] else -1)
    # "The meeting voted in March to expand to 20 clubs from 2027": what a verb is for is part
    # of its happening, not one of its own with no subject.
    ordered = [
        item
        for number, item in enumerate(ordered)
        if not (
            number
            and item[0] is not None
            and item[0].tense == "INFINITIVE"
            and ordered[number - 1][0] is not None
            and not any(p in sentence_text[ordered[number - 1][0].end : item[0].start] for p in (", ", "; "))
        )
    ]
    if len(ordered) == 1:
        group, dates = ordered[0]
        return [(clause, group, min(dates, key=_specificity))]
    pieces = []
    piece_start = clause.start - base
    lead = clause.lead
    for number, (group, dates) in enumerate(ordered):
        expression = min(dates, key=_specificity)
        if number + 1 == len(ordered) or group is None:
            piece_end = clause.end - base
            next_start, next_lead = piece_end, ""
        else:
            following = ordered[number + 1][0]
            assert following is not None
            region_start = max([group.end] + [e.end - base for e in dates if e.end - base <= following.start])
            piece_end, next_start = _split_between(sentence_text, min(region_start, following.start), following.start)
            next_lead, next_start = _lead_of(sentence_text, piece_start, group, following, next_start)
        telling = group is not None and group.event_class == "REPORTING" and _dates_the_telling(sentence_text, base, group, expression)
        # The telling keeps what was told ("Officials said on Monday that talks will resume on Friday"),
        # as far as a headline may read.
        end = min(clause.end - base, piece_start + _MAX_CLAUSE_CHARS) if telling else piece_end
        subject = _participle_subject(sentence_text, piece_start, group) if group is not None and number + 1 < len(ordered) else None
        if subject is not None:
            # "The fixture list, published on Wednesday, puts ...": "The fixture list was published",
            # and the verb after it has the same subject.
            pieces.append((_part_of(clause, base + group.start, base + end, f"{subject} {_be_for(subject)}"), group, expression))
            piece_start, lead = next_start, subject
            continue
        opening = sentence_text[piece_start:end].lstrip(" ,").split(" ", 1)[0].lower()
        # "..., who said so in 2021" about a noun the clause does not name: no subject to give it
        if lead or opening not in _RELATIVE_WORDS:
            pieces.append((_part_of(clause, base + piece_start, base + end, lead), group, expression))
        piece_start, lead = next_start, next_lead
    return pieces


#: Where a clause parts between two verb groups that each have a date, last one first.
_PARTINGS = (", and ", "; ", ", ", " and ", " but ", " that ", " — ")


def _participle_subject(sentence_text: str, piece_start: int, group: VerbGroup) -> str | None:
    """The noun phrase a bare past participle right after it describes ("The fixture list,
    published on Wednesday, puts ..."; "An independent review published in November found
    ..."), or None."""
    if group.start != group.head_start or group.tense != "PAST" or group.event_class in ("REPORTING", "STATE"):
        return None
    after = sentence_text[group.end : group.end + 30].split()
    weekday_then_verb = (
        len(after) >= 2 and after[0].lower() in _WEEKDAYS and any(g.start == group.end + 1 + len(after[0]) + 1 for g in verb_groups(sentence_text) if g.tense in _FINITE)
    )
    if not (sentence_text[:group.start].rstrip().endswith(",") or (after and after[0].lower().strip(",") in _AFTER_PARTICIPLE) or weekday_then_verb):
        return None  # "The economy created jobs": a verb and its object, not a participle
    word = sentence_text[group.start : group.end].lower()
    if word in tense_rules().past_words and word not in tense_rules().participles:
        return None  # "went", "saw": a past tense, never a participle
    subject = sentence_text[piece_start : group.start].strip().rstrip(",").strip()
    if not sentence_text[: group.start].rstrip().endswith(","):
        # "The descriptions in the chapter released Wednesday": a bare participle is the nearest noun's
        last_preposition = max((subject.rfind(f" {word} ") for word in ("in", "on", "at", "from", "for", "with")), default=-1)
        if last_preposition != -1:
            subject = subject[last_preposition:].split(" ", 2)[-1]
    words = subject.split()
    if not 1 <= len(words) <= headline_rules().max_subject_words or verb_groups(subject) or words[-1].lower() in _RELATIVE_WORDS:
        return None
    if words[-1].lower() in _SUBJECT_PRONOUNS or not _RELATIVE_WORDS.isdisjoint(word.lower() for word in words):
        return None  # "The company that he founded in 1990 was sold": "he founded" is a verb's past
    first = words[0]
    if not (first[:1].isupper() or first.lower() in _NOUN_START) or first.lower() in _OPENING_WORDS_OF_PHRASES:
        return None  # "In October, largely hidden from view, ...": a phrase, not a noun
    if words[-1].lower().endswith("ly") or words[-1].lower() in tense_rules().adverbs:
        return None
    return subject


_FINITE = frozenset({"PAST", "PRESENT", "FUTURE", "NONE"})
#: Words that follow a participle describing a noun ("published in November", "built by").
_AFTER_PARTICIPLE = frozenset(
    {"in", "on", "at", "by", "last", "this", "during", "since", "from", "earlier", "late", "early", "for", "over", "yesterday", "today", "into", "onto", "off", "across", "through", "near"}
)
#: Days that may follow a participle where its clause's verb comes right after them ("An AP
#: poll released Tuesday showed"), not a verb's object ("ruled Wednesday that").
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


#: Words that open a phrase of time, place or manner, never a noun a participle describes.
_OPENING_WORDS_OF_PHRASES = frozenset(
    {"in", "on", "at", "during", "by", "since", "until", "after", "before", "from", "through", "with", "without", "for", "over", "under", "despite", "as", "while", "when", "if", "although", "though"}
)


def _be_for(subject: str) -> str:
    last = subject.split()[-1].lower()
    return "were" if last.endswith("s") and not last.endswith(("ss", "'s", "’s")) else "was"


def _split_between(sentence_text: str, start: int, end: int) -> tuple[int, int]:
    """Where the part before a verb group ends and the part that holds it starts: at the last
    comma, "and", "but" or "that" between them, else right after the date of the part before."""
    region = sentence_text[start:end]
    best = None
    for parting in _PARTINGS:
        found = region.rfind(parting)
        if found != -1 and (best is None or found > best[0]):
            best = (found, found + len(parting))
    if best is None:
        return start, start
    return start + best[0], start + best[1]


def _lead_of(sentence_text: str, piece_start: int, group: VerbGroup, following: VerbGroup, next_start: int) -> tuple[str, int]:
    """What the part holding `following` borrows, and where its own words start: the subject
    of the part before, where it opens with its verb ("... and last renovated it in 1985"),
    or the teller, for a pronoun after a reporting verb ("The U.S. said on Monday it will
    hold talks" -> "The U.S. will hold talks")."""
    between = sentence_text[next_start : following.start].split()
    if not between:
        before = sentence_text[piece_start:next_start].rstrip()
        relative = before.rsplit(" ", 1)[-1].lower()
        if relative in _RELATIVES:
            # "the company that leased the rig that exploded April 20": the rig exploded
            return _noun_before(before[: -len(relative)]), next_start
        return _shared_subject(sentence_text, piece_start, group, following, next_start), next_start
    if len(between) == 1 and between[0].lower() in _TELLER_PRONOUNS and group.event_class == "REPORTING":
        teller = sentence_text[piece_start : group.start]
        teller = teller[teller.rfind(", ") + 1 :].strip()
        if teller and len(teller.split()) <= headline_rules().max_subject_words and first_verb_cue(teller) is None:
            return teller, following.start
    return "", next_start


#: Pronouns that, after a reporting verb, name the teller ("The U.S. said it will").
_TELLER_PRONOUNS = frozenset({"it", "he", "she", "they"})


def _dangles(headline: str) -> bool:
    """Whether a headline (not cut with "…") ends on a word that needs more ("... concluding that")."""
    if headline.endswith("…"):
        return False
    last = headline.rsplit(" ", 1)[-1].lower()
    return last in _DANGLING_AT_CUT


def _tells_something(headline: str) -> bool:
    """Whether a telling's headline holds what was told: a verb after the reporting verb."""
    groups = verb_groups(headline)
    return len(groups) > 1 or (len(groups) == 1 and groups[0].event_class != "REPORTING")


#: A headline whose verb stands for one said before ("Tony Hayward did it at BP", "Did so").
_STANDS_FOR_ANOTHER = re.compile(r"(?:\S+ ){0,5}?(?:did|does|do|done|doing) (?:it|so|that|this)\b", re.IGNORECASE)


def _says_nothing(headline: str) -> bool:
    """A headline that is only a teller and a reporting verb ("The government reported"), or
    whose verb stands for another it does not name ("Tony Hayward did it at BP")."""
    rules = headline_rules()
    if _STANDS_FOR_ANOTHER.match(headline):
        return True
    return len(headline.split()) <= rules.max_subject_words + 1 and rules.speech_verbs.at_end(headline) is not None


def _part_of(clause: Clause, start: int, end: int, lead: str) -> Clause:
    gap = clause.gap if clause.gap is not None and start <= clause.gap[0] and clause.gap[1] <= end else None
    insert = clause.insert if clause.insert is not None and start <= clause.insert[0] <= end else None
    return Clause(start, end, clause.kind, lead, gap, insert)


def _trigger(sentence_text: str, base: int, expression: Expression, group: VerbGroup | None) -> Trigger | None:
    """The word that names what the expression dates: an event noun the date is attached to
    ("the vote on Sunday"), else the head of its verb group."""
    noun = event_noun_before(sentence_text, expression.start - base, expression.end - base)
    if noun is not None and group is not None and group.end <= noun[0]:
        noun = None  # "regained independence in 1991", "reached the site of the leak on Thursday": the verb names it
    if noun is not None:
        start, end = noun
        return Trigger(
            text=sentence_text[start:end],
            start=base + start,
            end=base + end,
            polarity=group.polarity if group else "POS",
            modality=group.modality if group else None,
        )
    return group.trigger(sentence_text, base) if group else None


def _dates_the_telling(sentence_text: str, base: int, group: VerbGroup, expression: Expression) -> bool:
    """Whether a date stands right by a reporting verb ("said Friday", "told reporters on
    Monday", "On Monday, officials said"): then it dates the telling, not what was told."""
    start, end = expression.start - base, expression.end - base
    if start >= group.end:
        between = sentence_text[group.end : start]
    elif end <= group.start:
        between = sentence_text[end : group.start]
    else:
        return False
    return len(between.split()) <= 3 and "," not in between.strip(" ,")


def _clause_finder(clauses: Sequence[Clause]) -> Callable[[int], int]:
    """A function from a position to the index of the clause holding it: a relative clause
    before the clause around it; between clauses (in a marker), the clause before."""
    relatives = [i for i, clause in enumerate(clauses) if clause.kind == "relative"]
    others = [i for i, clause in enumerate(clauses) if clause.kind != "relative"]
    relative_starts = [clauses[i].start for i in relatives]
    other_starts = [clauses[i].start for i in others]

    def holding(position: int) -> int:
        for indexes, starts in ((relatives, relative_starts), (others, other_starts)):
            found = bisect.bisect_right(starts, position) - 1
            if found >= 0 and clauses[indexes[found]].holds(position):
                return indexes[found]
        return others[max(bisect.bisect_right(other_starts, position) - 1, 0)]

    return holding


#: Words that open a clause inside a clause: the happening of a verb after one is told by
#: that inner clause alone ("... since the rig exploded April 20" -> "The rig exploded").
_SUBORDINATORS = frozenset(
    {"since", "after", "before", "when", "because", "until", "while", "although", "though", "whereas", "once", "as"}
)
#: Openers of what is only supposed ("if they cut back this summer"): their clause is never
#: told alone, which would tell a condition as done.
_CONDITIONS = frozenset({"if", "unless", "whether"})
_RELATIVES = frozenset({"that", "which", "who", "whom", "whose", "where"})
#: The words that open a relative clause, "when" among them ("the day when ...").
_RELATIVE_WORDS = _RELATIVES | {"when"}
#: What ends an inner clause after its verb: a comma, a semicolon, a dash, or the next opener.
_INNER_END = re.compile(r", | ?; | [—–-]+ | (?:and|but|while|when|because|after|before|since|until|although|though|which|who)\s")


def _own_clause(sentence_text: str, base: int, piece: Clause, group: VerbGroup, expression: Expression) -> Clause:
    """The part of a clause that tells the happening of `group`: where the verb stands in a
    clause inside it ("Wine said it was the first break since the rig exploded April 20,
    killing 11": "the rig exploded April 20"; "the spill, which won't be stopped until
    August": its own clause), that inner clause, with its subject brought in where it
    is the noun before a relative pronoun; else the clause as it is."""
    start, end = piece.start - base, piece.end - base
    words = words_of(sentence_text[start : group.head_start])
    gap_start, gap_end = (piece.gap[0] - base - start, piece.gap[1] - base - start) if piece.gap else (0, 0)
    opener = None
    for index in range(len(words) - 1, -1, -1):
        word = words.lower[index]
        if index == 0 and start == 0 and word == "that":
            continue  # "That is an apparent response to ...": a pronoun, not a relative
        if (
            (word in _SUBORDINATORS or word in _RELATIVES or word in _CONDITIONS)
            and not gap_start <= words.start(index) < gap_end
            and not (len(word) > 1 and sentence_text[start + words.start(index) : start + words.end(index)].isupper())  # WHO, US
        ):
            opener = index
            break
    if opener is not None and words.lower[opener] in _CONDITIONS:
        return piece
    if opener is None:
        # "[before] it was cut and capped last week has concluded ...": a verb in a tense right
        # after the date is the clause's around it
        after_date = expression.end - base
        following = _next_group(sentence_text, max(group.end, after_date), end)
        if (
            following is not None
            and start > 0  # a part after a subordinator ("before it was cut and capped last week")
            and group.end <= expression.start - base
            and "," not in sentence_text[group.end : expression.start - base]
            and group.tense == "PAST"
            and following.tense in _FINITE
            and not sentence_text[after_date : following.start].strip()
        ):
            if not piece.lead and (told := _told_by_its_participle(sentence_text, base, start, following.start, group)) is not None:
                return told
            return Clause(piece.start, base + following.start, piece.kind, piece.lead, piece.gap, piece.insert)
        if _CLEFT.match(sentence_text) and (that := sentence_text.find(" that ", after_date, end)) != -1:
            # "It was when Mr Aristide was elected in 2001 that the situation began to slip"
            return Clause(piece.start, base + that, piece.kind, piece.lead, piece.gap, piece.insert)
        return piece
    inner_start = start + words.end(opener)
    comma = sentence_text.rfind(", ", inner_start, group.start)
    if comma != -1:
        inner_start = comma + 2  # "If they choose it, work would start in 2026": the clause after the comma
        if not sentence_text[inner_start : group.start].strip():
            return piece
        opener = None
    lead = ""
    if opener is not None and words.lower[opener] in _RELATIVES and _only_adverbs(sentence_text[inner_start : group.start]):
        plural = sentence_text[group.start : group.end].split()[0].lower() in _PLURAL_VERBS
        before_opener = sentence_text[start : start + words.start(opener)]
        share = _SHARE_OF.search(before_opener)
        if words.lower[opener] == "which" and _CONSEQUENCE.match(sentence_text, inner_start) and before_opener.rstrip().endswith(",") and verb_groups(before_opener):
            lead = "This"  # "provided loans to people with other limitations, which led to losses": the providing
        elif share is not None:  # "airline chiefs, more than 200 of whom gathered": a share of the noun
            noun = _noun_before(before_opener[: share.start()])
            lead = f"{share.group(1)} of {noun}" if noun else ""
        else:
            lead = _noun_before(before_opener, plural=plural) or _bare_plural_before(before_opener)
            ahead = before_opener.rstrip(" ,")[: len(before_opener.rstrip(" ,")) - len(lead)].split()
            if lead and words.lower[opener] == "that" and ahead and ahead[-1].lower() in _PLACE_OPENERS:
                # "The number of stocks on the New York Stock Exchange that fell": after a place, the
                # noun is more likely one before it; tell the whole clause
                lead = ""
        if not lead:
            return piece  # a relative clause whose noun cannot be found: tell the whole clause
    elif not sentence_text[inner_start : group.start].strip():
        return piece  # "after talking ...": no subject of its own
    if opener is not None and words.lower[opener] == "that" and opener > 0 and not lead:
        before_that = words.lower[opener - 1]
        if verb_form(before_that) is None:
            return piece  # "so that", "now that": not a clause of its own
        if opener == 1 and start == 0 and before_that in _SAYING_NOUNS:
            return piece  # "Reports that Apache was seeking $7 billion helped": the sentence's subject, a noun
        if _claims(before_that):
            return piece  # "Some envision that the dollar will fall": a belief, told with its holder
    found = _INNER_END.search(sentence_text, max(group.end, expression.end - base), end)
    inner_end = found.start() if found else end
    if _CLEFT.match(sentence_text) and (that := sentence_text.find(" that ", expression.end - base, inner_end)) != -1:
        inner_end = that  # "It was when Mr Aristide was elected in 2001 that the situation began to slip"
    following = _next_group(sentence_text, group.end, inner_end)
    if following is not None:
        between = (sentence_text[group.end : expression.start - base] + sentence_text[expression.end - base : following.start]).split()
        right_after_the_date = (
            expression.end - base <= following.start
            and not sentence_text[expression.end - base : following.start].strip()
            and "," not in sentence_text[group.end : expression.start - base]
        )
        if len(between) <= 1 or (right_after_the_date and following.tense in _FINITE):
            # "the plant that closed in 2019 [was sold]", "before it was cut and capped last week
            # [has concluded]": the next verb is the clause's around it
            inner_end = following.start
            if not lead and (told := _told_by_its_participle(sentence_text, base, inner_start, inner_end, group)) is not None:
                return told
    if not (inner_start <= expression.start - base and expression.end - base <= inner_end):
        return piece  # the date is outside the inner clause: the verb may not be its
    gap = piece.gap if piece.gap is not None and base + inner_start <= piece.gap[0] and piece.gap[1] <= base + inner_end else None
    return Clause(base + inner_start, base + inner_end, "main", lead, gap)


def _only_adverbs(text: str) -> bool:
    """Whether text holds nothing but adverbs ("", " already "): what may stand between a
    relative pronoun and its verb ("an economy that already shrank")."""
    adverbs = tense_rules().adverbs
    return all(word in adverbs or word.endswith("ly") or word in _ADJUNCT_OPENERS for word in text.lower().split())


def _next_group(sentence_text: str, start: int, end: int) -> VerbGroup | None:
    """The first verb group of the sentence that starts in [start, end)."""
    groups = verb_groups(sentence_text)
    index = bisect.bisect_left(groups, start, key=lambda group: group.start)
    return groups[index] if index < len(groups) and groups[index].start < end else None


def _told_by_its_participle(sentence_text: str, base: int, start: int, end: int, group: VerbGroup) -> Clause | None:
    """A clause sentence_text[start:end] made of a noun phrase and a bare past participle that
    a date follows, told with "was" ("the mile-long tube inserted into a leaking pipe over
    the weekend [was capturing ...]" -> "The mile-long tube was inserted into a leaking
    pipe"), or None where it is no such clause."""
    subject = sentence_text[start : group.start].strip()
    word = sentence_text[group.head_start : group.head_end].lower()
    if (
        group.start == group.head_start
        and group.tense == "PAST"
        and (word in tense_rules().participles or word.endswith("ed"))
        and 1 <= len(subject.split()) <= headline_rules().max_subject_words
        and subject.split()[0].lower() in _NOUN_START
        and not verb_groups(subject)
    ):
        return Clause(base + group.start, base + end, "main", f"{subject} {_be_for(subject)}")
    return None


#: A cleft sentence, whose "that" ends the clause it puts first.
_CLEFT = re.compile(r"\s*(?:But |And )?It (?:was|is|wasn't|isn't) (?:only |not )?(?:when|after|before|until)\b")
#: Verbs whose "that" clause is a belief or a claim, never a fact to tell without its holder.
_CLAIMING = frozenset({"allege", "claim", "predict", "estimate", "envision", "envisage", "speculate", "suggest", "warn", "forecast", "argue", "contend", "insist", "deny"})


def _claims(word: str) -> bool:
    entry = trigger_rules().forms.get(word)
    if entry is None:
        return False
    return entry[0] in _CLAIMING or trigger_rules().classes.get(entry[0]) in ("I_STATE", "I_ACTION")


#: The determiners that open the noun a relative clause is about ("the rig that exploded").
_NOUN_START = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those", "that"})


def _noun_before(text: str, *, plural: bool = False) -> str:
    """The noun phrase that ends `text` ("... since the Deepwater Horizon rig"): back to its
    determiner or the start of a run of capitalised words, at most six words; for a plural
    verb, two names joined by "and" ("Fannie Mae and Freddie Mac, which were taken over")."""
    words = text.rstrip(" ,").split()
    if words and words[-1].lower() in _PREPOSITIONS:
        return ""  # "regardless of who is responsible": no noun before "who"
    for size in range(1, min(6, len(words)) + 1):
        if words[-size].lower() in _NOUN_START:
            return " ".join(words[-size:])
    name = list(itertools.takewhile(lambda word: word[:1].isupper(), reversed(words)))
    if plural and name and len(words) > len(name) + 1 and words[-len(name) - 1] == "and":
        first = list(itertools.takewhile(lambda word: word[:1].isupper(), reversed(words[: -len(name) - 1])))
        if first:
            name += ["and"] + first
    return " ".join(reversed(name)) if name else ""


#: A share of the noun before it that a relative pronoun stands for ("..., more than 200 of whom").
_SHARE_OF = re.compile(
    r",\s+((?:more than |fewer than |at least |about |nearly |almost )?(?:some|all|most|many|half|none|both|each|one|two|three|several|\d[\d,]*))\s+of\s*$", re.IGNORECASE
)
_PREPOSITIONS = frozenset({"of", "to", "in", "on", "at", "for", "with", "by", "from", "about", "regardless", "than", "as", "into", "over", "under"})
def _bare_plural_before(text: str) -> str:
    """A plural noun with up to two words before it and no determiner that ends `text`
    after a comma or a preposition ("following asset sales"), or ""."""
    words = text.rstrip(" ,").split()
    found: list[str] = []
    for word in reversed(words[-3:]):
        lower = word.lower()
        if lower in _PREPOSITIONS or lower in ("following", "after", "before", "despite", "amid") or word.endswith(","):
            break
        if not word.isalpha() or not word.islower() or verb_form(lower) is not None and not found:
            return ""
        found.append(word)
    return " ".join(reversed(found)) if found and found[0].endswith("s") and len(found) < len(words) else ""


#: Verbs that open a plural's verb group ("which were taken over").
_PLURAL_VERBS = frozenset({"were", "are", "have"})


#: Nouns of plans whose infinitive tells what is planned ("a plan to withdraw all troops").
_PLAN_NOUNS = frozenset(
    {"plan", "plans", "proposal", "bid", "effort", "efforts", "attempt", "decision", "order", "deadline", "pledge", "promise", "offer", "agreement", "deal", "intention", "goal", "target", "aim", "push", "vote", "motion", "call"}
)
#: Participles that tell a schedule ("was planned for early March").
_SCHEDULING = frozenset({"set", "scheduled", "slated", "planned", "due", "expected"})
#: What before a date makes it a deadline or a schedule ("by May 18", "is set for January 17").
_BOUNDING = (" by",) + tuple(
    f" {word}{preposition}"
    for word in sorted(_SCHEDULING)
    for preposition in ("", " for", " on", " in", " at", " by")
    if (word, preposition) != ("set", "")
)

def _clause_headline(
    text: str, clause: Clause, expression: Expression, *, keep_attribution: bool = False, keep_date: bool = False
) -> str | None:
    words, span = clause.own_words(text, expression.start, expression.end)
    if clause.kind == "attribution":
        return _attribution_headline(words, span)
    if keep_date and span is not None:
        return _headline(words, None, keep_attribution=keep_attribution, keeping=words[span[0] : span[1]])
    return _headline(words, span, keep_attribution=keep_attribution)


@attrs.frozen
class _RelativeClause:
    """", who toured the site on Monday," after a noun: offsets into the sentence."""

    comma: int
    body_start: int
    #: The closing comma, or the end of the sentence.
    body_end: int
    antecedent: str
    #: For an object relative ("which Nimbus released"), where the antecedent goes back in:
    #: after the verb. None where the antecedent is the subject ("who toured the site").
    object_at: int | None = None

    def gap_end(self, sentence_text: str, clause_start: int) -> int:
        """Where the gap it leaves in its clause ends: with the closing comma when it
        follows the clause's first noun ("Mayor Ortiz, who ..., said" -> "Mayor Ortiz said"),
        before it after an apposition ("Ms. Rivera, the director, who ..., warned")."""
        closed = self.body_end < len(sentence_text) and sentence_text[self.body_end] == ","
        first_noun = ", " not in sentence_text[clause_start : self.comma]
        return self.body_end + 1 if closed and first_noun else self.body_end


def _relative_clauses(sentence_text: str) -> list[_RelativeClause]:
    """Relative clauses about a noun (", who toured ...,"): the verb right after "who", and a
    short noun phrase before the comma."""
    rules = headline_rules()
    found = []
    for opener in rules.relative_openers:
        marker = ", " + opener + " "
        comma = sentence_text.find(marker)
        if comma != -1:  # the verbs are read only in a sentence that has a marker
            cue_starts = [cue.start for cue in verb_cues(sentence_text)]
            verb_starts = frozenset(cue_starts)
        while comma != -1:
            body_start = comma + len(marker)
            # Each search stops at the nearest comma, so that all of them read the sentence once.
            body_end = _find_before(sentence_text, "; ", body_start, _find_or_end(sentence_text, ", ", body_start))
            previous_comma = sentence_text.rfind(", ", 0, comma)
            previous = max(previous_comma, sentence_text.rfind("; ", max(previous_comma, 0), comma))
            antecedent_start = previous + 2 if previous != -1 else 0
            opening_word = re.match(r"\s*(\w+) ", sentence_text[antecedent_start:comma])
            if opening_word is not None and opening_word.group(1).lower() in _ANTECEDENT_PREPOSITIONS:
                antecedent_start += opening_word.end()  # "Under Rene Preval, who was elected": Rene Preval
            if previous_comma != -1 and previous == previous_comma:
                # "a new, simple opening, which ...": the comma between adjectives is the noun's
                words_before = sentence_text[max(0, previous - 30) : previous].split()
                if len(words_before) >= 2 and words_before[-2].lower() in ("a", "an", "the") and words_before[-1].isalpha():
                    antecedent_start = sentence_text.rfind(words_before[-2] + " ", 0, previous)
            antecedent = sentence_text[antecedent_start:comma].strip()
            verb_in_antecedent = bisect.bisect_left(cue_starts, antecedent_start) < bisect.bisect_left(cue_starts, comma)
            if antecedent and not verb_in_antecedent and len(antecedent.split()) <= rules.max_subject_words:
                if body_start in verb_starts or _verb_after_adjunct(sentence_text, cue_starts, body_start, body_end):
                    if opener == "which" and _CONSEQUENCE.match(sentence_text, body_start) and bisect.bisect_left(cue_starts, antecedent_start) > 0:
                        antecedent = "This"  # "provided loans to people with other limitations, which led to huge losses": the providing
                    found.append(_RelativeClause(comma, body_start, body_end, antecedent))
                elif (object_at := _object_relative_verb_end(sentence_text, cue_starts, body_start, body_end)) is not None:
                    found.append(_RelativeClause(comma, body_start, body_end, _object_of(antecedent), object_at))
            comma = sentence_text.find(marker, body_start)
    return sorted(found, key=lambda relative: relative.comma)


#: A subject that a restrictive relative clause follows at the head of a sentence ("The first
#: text message that started doing the rounds on Sunday said ...").
_RESTRICTIVE_HEAD = re.compile(r"(?:The|A|An|[A-Z][\w.'’-]*)(?: \w[\w.'’-]*){0,5}?(?= (?:that|who|which) )")


def _restrictive_relative(sentence_text: str, dates: Sequence[int]) -> _RelativeClause | None:
    """A relative clause with no comma about the subject at the head of a dated sentence:
    "The first text message that started doing the rounds on Sunday said ..." -> "The first
    text message started doing the rounds" and "The first text message said ..."; "The
    company that he founded in 1990 was sold" -> "He founded the company" and "The company
    was sold". It ends before the next verb in a tense that no pronoun opens (not "said he
    killed"), with no mark or "and" before it."""
    head = _RESTRICTIVE_HEAD.match(sentence_text)
    if head is None:
        return None
    head_words = head.group().lower().split()
    if head_words[0] in _NOT_A_HEAD_OPENER or not _HEAD_WORDS_STOP.isdisjoint(head_words) or "'s" in head_words[0] or "’s" in head_words[0]:
        return None  # "And for the illiterates who ...", "It's the same studio that ...": no noun phrase
    body_start = head.end() + 1 + sentence_text[head.end() + 1 :].index(" ") + 1
    cues = verb_cues(sentence_text)
    starts = [cue.start for cue in cues]
    first = bisect.bisect_left(starts, body_start)
    if first >= len(cues) or cues[first].modal or (first and cues[first - 1].start < head.end()) or verb_groups(head.group()):
        return None  # "It became clear that ...", "The supplement contains information that ...": a clause
    if any(word.lower() in _SAYING_NOUNS for word in head.group().split()[-1:]):
        return None  # "Reports that Apache was seeking ...": what the reports say
    object_at = None
    if cues[first].start != body_start:
        object_at = _object_relative_verb_end(sentence_text, starts, body_start, len(sentence_text))
        if object_at is None or object_at != cues[first].end:
            return None  # "that the board ..." with no verb of its own
    last = cues[first]
    for cue in cues[first + 1 :]:
        between = sentence_text[last.end : cue.start]
        if any(mark in between for mark in ",;:()\"“”") or between.rstrip().endswith((" and", " or")):
            return None
        words = between.lower().split()
        if not _RELATIVE_WORDS.isdisjoint(words):
            return None  # "The company that leased the rig that exploded": a relative in the relative
        if words and (words[-1] in _SUBJECT_PRONOUNS or not _SUBORDINATORS.isdisjoint(words)):
            last = cue
            continue  # "who said he killed Smith", "who hurled a grenade before the bomb exploded": the relative's own
        antecedent = head.group()
        head_words = antecedent.split()
        if object_at is not None and (head_words[0] in ("The", "A", "An") or (len(head_words) > 1 and head_words[1][:1].islower())):
            # "He founded the company", "The issue aroused little of the vitriol"; not "Congress"
            antecedent = antecedent[0].lower() + antecedent[1:]
        return _RelativeClause(head.end(), body_start, len(sentence_text[: cue.start].rstrip()), antecedent, object_at)
    return None


_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
#: Words that open no noun phrase at a sentence's head, and words no short subject holds.
_NOT_A_HEAD_OPENER = frozenset({"and", "but", "or", "so", "for", "in", "on", "at", "to", "with", "by", "from", "if", "as", "when", "while", "after", "before", "since", "it", "there", "here", "what", "this", "that", "those", "these"})
_HEAD_WORDS_STOP = frozenset({"for", "to", "in", "on", "at", "with", "by", "from", "and", "or", "but", "if", "as", "is", "was", "are", "were"})
#: Nouns whose "that" opens what they tell, not a relative clause ("reports that ...").
_SAYING_NOUNS = frozenset(
    {"reports", "report", "news", "announcement", "fact", "claim", "claims", "fears", "fear", "hopes", "hope", "signs", "sign", "evidence", "belief", "view", "suggestion", "suggestions", "word", "rumours", "rumors", "speculation", "concern", "concerns", "idea", "notion", "assurances", "assurance", "warning", "warnings",
     "decision", "ruling", "statement", "assumption", "expectation", "expectations", "likelihood", "possibility", "chance", "risk", "threat", "promise", "pledge", "requirement", "demand", "order", "finding", "conclusion", "argument", "allegation", "allegations", "proof", "indication", "indications", "confirmation", "news"}
)


#: Prepositions that may open the phrase a relative clause's noun stands in.
_ANTECEDENT_PREPOSITIONS = frozenset({"under", "for", "with", "from", "by", "to", "against", "like", "unlike", "about", "without"})
#: Verbs of a consequence that ", which" may tell of the whole clause before it.
_CONSEQUENCE = re.compile(r"\s*(?:led|leads|caused|causes|prompted|sparked|triggered|resulted|meant|forced)\b")
#: Words that may stand between a relative pronoun and its verb ("who later unleashed",
#: "who in 2001 founded").
_ADJUNCT_OPENERS = frozenset(
    {"later", "also", "then", "once", "first", "last", "earlier", "recently", "previously", "in", "on", "at", "during", "this", "since", "still", "now"}
    # "which Monday spurted a plume of oil": a day is no subject
    | {"yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)


def _verb_after_adjunct(sentence_text: str, cue_starts: Sequence[int], body_start: int, body_end: int) -> bool:
    """Whether a relative clause's verb comes after a short adjunct: "who later unleashed",
    "who in 2001 founded"."""
    index = bisect.bisect_left(cue_starts, body_start)
    if index >= len(cue_starts) or cue_starts[index] >= body_end:
        return False
    between = sentence_text[body_start : cue_starts[index]].split()
    return 1 <= len(between) <= 3 and between[0].lower() in _ADJUNCT_OPENERS


def _object_relative_verb_end(sentence_text: str, cue_starts: Sequence[int], body_start: int, body_end: int) -> int | None:
    """Where the verb of an object relative clause ends ("which [Nimbus] released ..."): its
    subject is a name, a pronoun or a short noun phrase with no verb, then comes the verb."""
    index = bisect.bisect_left(cue_starts, body_start)
    if index >= len(cue_starts) or cue_starts[index] >= body_end:
        return None
    subject = sentence_text[body_start : cue_starts[index]].split()
    if not 1 <= len(subject) <= 4:
        return None
    first = subject[0]
    if not (first[0].isupper() or first.lower() in _SUBJECT_OPENERS):
        return None
    cue = first_verb_cue(sentence_text[cue_starts[index] : body_end])
    return cue_starts[index] + cue.end if cue is not None else None


#: Words that may open the subject of an object relative clause ("which the board approved").
_SUBJECT_OPENERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "he", "she", "it", "they", "we", "i", "you", "officials", "police"})


def _object_of(antecedent: str) -> str:
    """The noun an object relative clause is about: "the launch of Orbit" -> "Orbit"."""
    of = antecedent.rfind(" of ")
    return antecedent[of + 4 :] if of != -1 else antecedent


def _find_or_end(text: str, part: str, start: int) -> int:
    found = text.find(part, start)
    return found if found != -1 else len(text)


def _find_before(text: str, part: str, start: int, end: int) -> int:
    """The first `part` in text[start:end], or `end`."""
    found = text.find(part, start, end)
    return found if found != -1 else end


def clauses_of(text: str, sentence: Span, dates: Sequence[int] = ()) -> tuple[Clause, ...]:
    """The clauses of a sentence that may carry dates of their own (see headlines.toml).

    `dates` are the offsets of the expressions that date the sentence: a bare "and" splits
    only between two of them.
    """
    rules = headline_rules()
    sentence_text = sentence.of(text)
    base = sentence.start
    relatives = _relative_clauses(sentence_text)
    if not relatives and dates:
        restrictive = _restrictive_relative(sentence_text, [date - base for date in dates])
        relatives = [restrictive] if restrictive is not None else []
    relative_starts = [relative.comma for relative in relatives]

    def in_relative(position: int) -> bool:
        index = bisect.bisect_right(relative_starts, position) - 1
        return index >= 0 and position < relatives[index].body_end

    if sentence_text.isascii():  # where lowering keeps every offset and case-blind matching means lower case
        found = rules.lower_clause_markers.finditer(sentence_text.lower())
    else:
        found = rules.clause_markers.finditer(sentence_text)
    markers = [m for m in found if not (relatives and in_relative(m.start()))]
    if not markers and not relatives:
        return (Clause(base, base + len(sentence_text)),)  # most sentences: one clause, whatever its verbs
    all_cues = verb_cues(sentence_text)
    # The verb of a relative clause is not the verb of the clause around it.
    cues = [cue for cue in all_cues if not in_relative(cue.start)] if relatives else all_cues
    cue_starts = [cue.start for cue in cues]
    date_starts = sorted(date - base for date in dates)

    def first_verb(start: int, end: int) -> VerbCue | None:
        index = bisect.bisect_left(cue_starts, start)
        return cues[index] if index < len(cues) and cues[index].end <= end else None

    def has_date(start: int, end: int) -> bool:
        index = bisect.bisect_left(date_starts, start)
        return index < len(date_starts) and date_starts[index] < end

    spans: list[tuple[int, int, str, str]] = []  # (start, end, kind, lead) in the sentence
    clause_start, lead = 0, ""
    for number, marker in enumerate(markers):
        kind = rules.clause_marker_kinds[marker.group().lower()]
        right_end = markers[number + 1].start() if number + 1 < len(markers) else len(sentence_text)
        left_verb = first_verb(clause_start, marker.start())
        right_verb = first_verb(marker.end(), right_end)
        if kind in ("with_verbs", "with_dates") and not (left_verb and right_verb):
            continue
        if kind == "with_verbs" and has_date(marker.end(), marker.end() + 1):
            continue  # "won't be done until August is ...": the connective opens a date, not a clause
        if kind == "with_dates" and not (has_date(clause_start, marker.start()) and has_date(marker.end(), right_end)):
            continue
        if kind == "attribution" and left_verb is None:
            continue  # "Mayor Ortiz, who toured the site, said ...": "said" is the verb
        if kind == "attribution" and _TELLING_TIME.match(sentence_text, marker.end()):
            # "..., Prince Bandar, the ambassador, said over the weekend": the speaker is before
            # "said", which the date dates; no tail of its own
            continue
        left_start, clause_start = clause_start, marker.end()
        left_end = marker.start()
        if marker.group().strip(" ,;").lower() in rules.measured_connectives:
            left_end = _before_measure(sentence_text, left_start, left_end)
        if left_end > left_start:
            spans.append((left_start, left_end, "main", lead))
        if kind == "attribution":
            spans.append((clause_start, len(sentence_text), "attribution", ""))
            clause_start = len(sentence_text)
            break
        # A clause that opens with its verb shares the subject of the one before it.
        lead = ""
        if left_verb and right_verb:
            # The verb it shares a subject with is the last one before it ("spewing since the rig
            # exploded ... and sank": the rig's), not the first.
            last = cues[bisect.bisect_left(cue_starts, left_end) - 1]
            lead = _shared_subject(sentence_text, left_start, last if last.start >= left_start else left_verb, right_verb, clause_start)
    if clause_start < len(sentence_text) or not spans:
        spans.append((clause_start, len(sentence_text), "main", lead))

    clauses = []
    for start, end, kind, lead in spans:
        first_inside = bisect.bisect_left(relative_starts, start)
        inside = [r for r in relatives[first_inside : bisect.bisect_left(relative_starts, end)] if r.body_end <= end]
        gap = None
        if kind == "main" and inside:
            first = inside[0]
            gap = (base + first.comma, base + first.gap_end(sentence_text, start))
        clauses.append(Clause(base + start, base + end, kind, lead, gap))
        clauses.extend(
            Clause(base + relative.body_start, base + relative.body_end, "relative", relative.antecedent)
            if relative.object_at is None
            else Clause(base + relative.body_start, base + relative.body_end, "relative", insert=(base + relative.object_at, relative.antecedent))
            for relative in inside
        )
    return tuple(clauses)


def _before_measure(sentence_text: str, start: int, end: int) -> int:
    """The end of a clause without the measure that goes with the "after" that follows it:
    "shut in June 2023, days" -> "shut in June 2023"; "the year" stays."""
    rules = headline_rules()
    position = end
    unit_found = False
    for _ in range(6):
        word_start = sentence_text.rfind(" ", start, position) + 1 or start
        word = sentence_text[word_start:position].lower()
        if not unit_found and word in rules.measure_units:
            unit_found = True
        elif not (unit_found and (word in rules.measure_quantities or word.isdigit())):
            break
        position = max(word_start - 1, start)
    if not unit_found:
        return end
    before = sentence_text[start:position].rstrip()
    if before.endswith(","):
        return start + len(before) - 1
    previous_word = before.rsplit(" ", 1)[-1].lower()
    if previous_word in tense_rules().adjective_after or previous_word in _DATE_OPENERS:
        return end  # "the year after", "last week after concluding": a noun or a date, not a measure
    return start + len(before)


#: Words that make a unit a date ("last week", "that day"), not a measure.
_DATE_OPENERS = frozenset({"last", "this", "next", "that", "same", "past", "previous", "following", "coming"})


def _shared_subject(
    sentence_text: str, left_start: int, left_verb: VerbCue, right_verb: VerbCue, right_start: int
) -> str:
    """The subject (and auxiliary) that a clause opening with its verb shares with the clause
    before it: "The bridge was built in 1932 and last renovated in 1985" -> "The bridge was"."""
    rules, tense = headline_rules(), tense_rules()
    between = sentence_text[right_start : right_verb.start].split()
    if any(word.lower() not in tense.adverbs and not word.lower().endswith("ly") for word in between):
        return ""  # the clause has its own subject
    comma = sentence_text.rfind(", ", left_start, left_verb.start)
    subject_start = comma + 2 if comma != -1 else left_start
    # "Oil has been spewing since the rig exploded on 20 April and sank": the subject the
    # two verbs share is the inner clause's, the rig.
    words = words_of(sentence_text[subject_start : left_verb.start])
    for index in range(len(words) - 1, -1, -1):
        if words.lower[index] in _SUBORDINATORS:
            subject_start += words.end(index)
            break
    subject = sentence_text[subject_start : left_verb.start].strip()
    last = subject.rsplit(" ", 1)
    if len(last) == 2 and last[1].lower() in _RELATIVE_WORDS:
        subject = last[0]  # "Rivers that [burst their banks on Monday] could flood": "Rivers"
    if not subject or len(subject.split()) > rules.max_subject_words:
        return ""
    auxiliaries = tense.be_forms | tense.perfect_auxiliaries | tense.future_words
    left_words = sentence_text[left_verb.start : left_verb.end].split()
    right_first = sentence_text[right_verb.start : right_verb.end].split()[0].lower()
    participle = right_first in tense.participles or (right_first.endswith("ed") and right_first not in tense.past_words)
    if len(left_words) > 1 and left_words[0].lower() in auxiliaries and right_first not in auxiliaries and participle:
        return f"{subject} {left_words[0]}"  # "The bridge was built in 1932 and renovated": "was renovated"
    return subject


# ---------------------------------------------------------------------------
# Headlines


def make_headline(clause: str, expr_text: str | None = None) -> str:
    """A short headline for a clause, readable out of context, without its date.

    Drops a dateline, the temporal expression `expr_text` with its preposition ("on
    Tuesday morning", "Since last summer,"), leading discourse words ("But", "Despite
    this,"), attributions ("according to officials", ", said an official who ...",
    "X said that"); keeps who did what; cuts a long one at a clause boundary with "…".
    """
    span = _find_phrase(clause, expr_text) if expr_text else None
    return _headline(clause, span)


def _find_phrase(text: str, phrase: str) -> tuple[int, int] | None:
    """The first whole-word occurrence of phrase in text."""
    start = text.find(phrase)
    while start != -1:
        end = start + len(phrase)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return start, end
        start = text.find(phrase, start + 1)
    return None


def _headline(
    clause: str, expression: tuple[int, int] | None, *, keep_attribution: bool = False, keeping: str = ""
) -> str:
    """The headline of a clause without the expression at `expression`; with
    keep_attribution, the telling is the happening ("Officials said talks would resume");
    a headline that is cut keeps its words up to `keeping` (a date it keeps)."""
    rules = headline_rules()
    if len(clause) > _MAX_CLAUSE_CHARS:
        last_space = clause.rfind(" ", 0, _MAX_CLAUSE_CHARS)
        clause = clause[: last_space if last_space > 0 else _MAX_CLAUSE_CHARS]
        if expression is not None and expression[1] > len(clause):
            expression = None
    clause, expression = _without_dateline(clause, expression)
    stripped = _without_expression(clause, expression, rules) if expression else clause
    for _ in range(2):  # "But, according to officials, ..." needs both passes
        before = stripped
        stripped = _without_leading_discourse(stripped, rules)
        if not keep_attribution:
            stripped = _without_attribution(stripped, rules)
        if stripped == before:
            break  # a second pass would read the same text again
    headline = _told(stripped, rules, keeping)
    if not headline:  # nothing but a date and an attribution: say what the clause says
        headline = _told(_without_leading_discourse(clause, rules), rules)
    return headline


def _told(text: str, rules: HeadlineRules, keeping: str = "") -> str:
    """Text as a headline: its spaces tidied, cut to length past `keeping`, finished."""
    return _finished(_shortened(_tidy(text), rules, keeping))


#: A wire credit left at the head of a sentence ("(AP) President Obama's chief of staff ...").
_CREDIT = re.compile(r"\((?:AP|Reuters|AFP|UPI|Xinhua|Bloomberg|dpa|CNN|BBC)\)\s*(?:--?|[—–_])?\s*")


def _without_dateline(clause: str, expression: tuple[int, int] | None) -> tuple[str, tuple[int, int] | None]:
    credit = _CREDIT.match(clause)
    cut = credit.end() if credit else dateline_end(clause)
    if not cut:
        return clause, expression
    if expression is not None:
        expression = None if expression[0] < cut else (expression[0] - cut, expression[1] - cut)
    return clause[cut:], expression


#: What may end a dateline: a dash or an underscore between spaces, or "--".
_DATELINE_END = re.compile(r"\s(?:--?|[—–_])\s+|(?<=\S)--\s*|(?<=\))\s?[-—–]\s")
#: The words of a dateline: a place in capitals, a date, a time and its zone, an agency in brackets.
_DATELINE_WORD = re.compile(r"[A-Z][\w.'’&-]*|\d[\d:.,]*|[ap]\.?m\.?|of|de|la|\([^()]{1,40}\)|[,.]", re.IGNORECASE)
_SHOUTED = re.compile(r"\b[A-Z]{3,}\b|\([^()]{1,40}\)")
_DATELINE_REACH = 100
#: A character that every match of _DATELINE_END holds.
_DATELINE_MARKS = ("-", "—", "–", "_")
_AGENCY_REACH = 400


#: A wire dateline after a summary or a headline run into the first sentence:
#: "... pigs ROME, April 29 (Reuters) - Egypt's order ...".
_AGENCY_DATELINE = re.compile(
    r"\b[A-Z][A-Z.'’ -]{2,30}(?:, [A-Z][\w.]{1,12}(?: \d{1,2})?)? \((?:[A-Z][\w&-]*)(?: [A-Z][\w&-]*){0,2}\)\s{0,2}(?:--?|[—–_])\s+"
)


def dateline_end(sentence_text: str) -> int:
    """Where a dateline that opens the text ends ("LISBON, March 3 (Reuters) - ", "CAIRO,
    Oct. 2 (Xinhua) -- ", "Thu May 6, 2010 1:40 pm EDT (Reuters) - "), or 0: a prefix of
    capitalised words, numbers and a bracketed agency, with a place in capitals or the
    agency, before a dash."""
    if "(" in sentence_text[:_AGENCY_REACH]:  # most sentences have no bracket this early: no agency
        agency = _AGENCY_DATELINE.search(sentence_text, 0, _AGENCY_REACH)
        if agency is not None:
            return agency.end()
    window = sentence_text[:_DATELINE_REACH]
    if not any(mark in window for mark in _DATELINE_MARKS):
        return 0  # most sentences: no dash so early, no dateline (the search tries every position)
    match = _DATELINE_END.search(sentence_text, 0, _DATELINE_REACH)
    if match is None:
        return 0
    prefix = sentence_text[: match.start()].strip()
    if not prefix or not prefix[0].isupper() or not _SHOUTED.search(prefix):
        return 0
    position = 0
    while position < len(prefix):
        if prefix[position].isspace():
            position += 1
            continue
        word = _DATELINE_WORD.match(prefix, position)
        if word is None or (word.group()[0].isalpha() and word.group()[0].islower() and word.group().lower() not in _DATELINE_LOWER):
            return 0
        position = word.end()
    return match.end()


_DATELINE_LOWER = frozenset({"of", "de", "la", "am", "pm", "a.m.", "p.m.", "a.m", "p.m"})


def _at_line_start(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _only_dates(sentence_text: str, base: int, expressions: Sequence[Expression]) -> bool:
    """A line that holds nothing but dates ("March 3, 2010", "Updated 10:30 GMT"): no event."""
    rest = sentence_text
    for expression in sorted(expressions, key=lambda e: e.start, reverse=True):
        start, end = expression.start - base, expression.end - base
        if 0 <= start and end <= len(rest):
            rest = rest[:start] + " " + rest[end:]
    # Lazily: most sentences fail on their first words, and are not cut into all of them.
    return all(word.group().lower() in _DATE_LINE_WORDS for word in _ALNUM_RUN.finditer(rest))


_ALNUM_RUN = re.compile(r"\w+")


_DATE_LINE_WORDS = frozenset(
    {"updated", "posted", "published", "modified", "last", "at", "on", "gmt", "utc", "et", "est", "edt", "bst", "cet", "am", "pm", "a", "m", "p"}
)


def _without_expression(clause: str, expression: tuple[int, int], rules: HeadlineRules) -> str:
    """The clause without the expression and up to two words that go with it ("late on")."""
    start, end = expression
    before = clause[:start]
    for number in range(2):
        trimmed = before.rstrip()
        word = rules.time_words_before.at_end(trimmed)
        if word is None or (number and word.lower() in _PARTICLES):
            break  # "took over [on Monday]": a particle of the verb stays
        before = trimmed[: -len(word)]
    after = clause[end:]
    at_day = _AT_DAY.match(after) or _PERIOD_END.match(after)
    if at_day is not None:
        after = after[at_day.end() :]  # "[07:35 am] on 12 Jun 2009": the day of the time goes with it
    if after[:2] in ("'s", "’s"):  # "Tuesday’s call" -> "the call"
        return before + ("the" if before.strip() else "The") + after[2:]
    if not before.strip():  # a fronted date: "Since last summer, both ..."
        if _opens_with_a_verb(after):
            return clause  # "Tuesday began with Mika arriving": the date is the subject
        return after.lstrip(" ,")
    if (
        rules.dangling_before.at_end(before.rstrip()) is not None
        or after.lstrip().startswith("of ")
        # "came on the same day that several firms repaid": the date's own clause, not "said Sunday that"
        or (after.lstrip().startswith(("that ", "when ")) and clause[start:end].lower().startswith(("the ", "that ")))
        or _RANGE_GOES_ON.match(after)
        or _is_complement(before, clause[start:end])
    ):
        # "During the last [week]", "[the last week] of the campaign", "from [1999] to 2004":
        # without its date the phrase would break
        return clause
    before, after = before.rstrip(), after.lstrip()
    for mark in (",", "-", "—", "–"):
        if before.endswith(mark) and after.startswith(mark):  # ", on Tuesday, ", " - on Monday - "
            return before[: -len(mark)].rstrip() + " " + after[len(mark) :].lstrip()
    return before + " " + after


#: What follows "said" when the speaker stood before it: the telling's time.
_TELLING_TIME = re.compile(r"(?:on|in|over|at|during|late|early|earlier|last|this|yesterday|today|tonight|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b", re.IGNORECASE)
def _opens_with_a_verb(text: str) -> bool:
    """Whether text opens with a finite verb, no comma before it ("[Tuesday] began with")."""
    words = text.split(None, 1)
    if not words or text[:1] == ",":
        return False
    form = trigger_rules().forms.get(words[0].lower())
    return form is not None and form[1] in ("past", "pres")


#: The day a period ends, right after it: "[the quarter] ended Sept. 30", "ending June 30, 2010".
_PERIOD_END = re.compile(r"\s+(?:ended|ending)\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)")
#: The day a time is on, right after it: "on 12 Jun 2009", "on March 3, 2010", "on Tuesday".
_AT_DAY = re.compile(
    r"\s*,?\s*on\s+(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
)


#: Verbs whose object is a time that something is about, not when it happens ("claims
#: covering the last six months", "a report spanning 2009").
_ABOUT_A_TIME_VERBS = frozenset({"cover", "span"})
#: Verbs whose object is a time ("spent Monday night", "marked the anniversary").
_TIME_OBJECT_VERBS = frozenset({"spend", "pass", "mark", "celebrate", "enjoy", "devote", "waste", "survive", "endure"})


def _is_complement(before: str, expression_text: str) -> bool:
    """Whether the date is what its verb needs ("The last storm of this strength was [in
    October 1987]" after the preposition goes, "spent [the night] in school halls")."""
    words = before.split()
    if not words:
        return False
    last = words[-1].lower()
    if last in tense_rules().be_forms:
        return True
    entry = trigger_rules().forms.get(last)
    return entry is not None and entry[0] in _TIME_OBJECT_VERBS  # "spent Monday night in school halls"


#: Prepositions of time that are also particles of a verb ("took over", "ran through").
_PARTICLES = frozenset({"over", "through", "in", "on", "by", "within"})

#: The rest of a range after its first end: "[from 1999] to 2004", "[March 3]-5", "[2011] and 2012".
_RANGE_GOES_ON = re.compile(r"\s*(?:to|through|until|till|and|or|-|–|—)\s*(?:the\s+|early\s+|late\s+|mid-?)?[\d'’]|\s*(?:to|through|until|till|and|-|–)\s+[A-Z][a-z]+\.?\s+\d")


def _without_leading_discourse(text: str, rules: HeadlineRules) -> str:
    for _ in range(3):  # "But meanwhile, ..."
        text = text.lstrip(" ,")
        phrase = rules.leading_discourse.at_start(text)
        if phrase is not None:
            text = text[len(phrase) :].lstrip(" ,")
            continue
        phrase = rules.leading_discourse_with_comma.at_start(text)
        if phrase is None:
            return _without_leading_participle(text)
        text = text[len(phrase) + 1 :].lstrip()
    return text


def _without_leading_participle(text: str) -> str:
    """"Taking the stand in her own defense, a friend of the assassin said ..." -> "a friend
    of the assassin said ...": a phrase opening on a participle ("Taking", "Largely hidden",
    "Rescued"), up to its comma, where a subject and its verb follow."""
    words = text.split(" ", 2)
    first = words[0].lower()
    if first.endswith("ly") and len(words) > 1:
        first = words[1].lower()  # "Largely hidden from public view, ..."
    forms = trigger_rules().forms
    if not (forms.get(first, ("", ""))[1] in ("ing", "past") and (first.endswith(("ing", "ed")) or first in tense_rules().participles)):
        return text
    comma = text.find(", ", 0, 120)
    if comma == -1:
        return text
    rest = text[comma + 2 :]
    cue = first_verb_cue(rest)
    return rest if cue is not None and cue.start > 0 else text


def _without_attribution(text: str, rules: HeadlineRules) -> str:
    text = _without_leading_attribution(text, rules)
    text = _without_attribution_segments(text, rules)
    return _without_reporting_subject(text, rules)


def _without_leading_attribution(text: str, rules: HeadlineRules) -> str:
    """"According to officials, the talks ..." -> "the talks ..." """
    if rules.leading_attribution_openers.at_start(text) is None:
        return text
    comma = text.find(", ")
    return text[comma + 2 :] if comma != -1 else text


def _without_attribution_segments(text: str, rules: HeadlineRules) -> str:
    """Drop ", according to X", ", said X who ...", ", officials said" (to the next comma or the end)."""
    search_from = 0
    while (comma := text.find(", ", search_from)) != -1:
        segment_start = comma + 2
        next_comma = text.find(", ", segment_start)
        segment_end = next_comma if next_comma != -1 else len(text)
        segment = text[segment_start:segment_end].rstrip(" .")
        opener = rules.attribution_openers.at_start(segment)
        if opener in ("said", "says") and first_verb_cue(_without_relative_clauses(text[:comma], rules, closed_only=False)) is None:
            opener = None  # "Mayor Ortiz, who toured the site, said ...": "said" is the verb
        opens = opener is not None
        closes = len(segment.split()) <= rules.max_subject_words + 1 and rules.speech_verbs.at_end(segment) is not None
        if opens or closes:
            if next_comma == -1 or (opens and first_verb_cue(text[segment_end:]) is None):
                return text[:comma]
            text = text[:comma] + " " + text[next_comma + 2 :]  # "Biden, aides said, will travel"
            search_from = comma
        else:
            search_from = segment_start
    return text


_THAT = _Phrases(("that",))


def _without_reporting_subject(text: str, rules: HeadlineRules) -> str:
    """"The official mentioned that the call was ..." -> "the call was ..." """
    first_positions = rules.speech_verbs.first_between_spaces(text.lower())
    if not first_positions:
        return text  # no speech verb: nothing to look at verb by verb
    for verb in rules.speech_verbs.phrases:
        position = first_positions.get(verb)
        if position is None:
            continue
        subject = text[:position]
        if not subject.strip() or "," in subject or len(subject.split()) > rules.max_subject_words or first_verb_cue(subject):
            continue  # "Reports that Apache was seeking ... helped": with no subject, a noun
        rest = text[position + len(verb) + 2 :]
        if _THAT.at_start(rest) is not None:
            return rest[len("that") :].lstrip()
        cue = first_verb_cue(rest)
        if cue and cue.start > 0 and rest.split(" ", 1)[0].lower() not in rules.needs_speaker:
            return rest
    return text


def _attribution_headline(clause: str, expression: tuple[int, int] | None) -> str | None:
    """"a senior official who briefed reporters on Monday" -> "A senior official briefed reporters"."""
    who = clause.lower().find(" who ")
    if who == -1:
        return None
    told = clause[who + len(" who ") :]
    cue = first_verb_cue(told)
    if cue is None or cue.start != 0:
        return None
    shift = len(" who ") - 1
    rewritten = clause[:who] + " " + told
    if expression is not None:
        expression = (expression[0] - shift, expression[1] - shift) if expression[0] >= who + len(" who ") else None
    return _headline(rewritten, expression)


#: A space before closing punctuation.
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[,.;:!?)\]”’])")


def _tidy(text: str) -> str:
    # Every run of whitespace as one space (the ends go: they are stripped below anyway).
    # Whitespace but " " is unprintable: text that is printable and has no two spaces in
    # a row has nothing to collapse, and is not cut into words and joined again.
    if "  " in text or not text.isprintable():
        text = " ".join(text.split())
    else:
        text = text.strip(" ")
    text = _SPACE_BEFORE_PUNCTUATION.sub("", text)
    return text.replace("( ", "(").replace("()", "").replace(",,", ",").strip(" ,;:—–-")


#: Places to cut a long headline: after a comma, semicolon or colon, before a dash or a bracket.
_CUT_POINTS = re.compile(r", |; |: | (?:[—–-] |\()")  # literals first: sre skips ahead in C to [,;: ]


def _shortened(text: str, rules: HeadlineRules, keeping: str = "") -> str:
    """A headline cut to rules.max_length at a boundary, past its verb and past `keeping`;
    one that cannot be cut so stays whole up to the longest clause a headline may be."""
    if len(text) <= rules.max_length:
        return text
    text = _without_relative_clauses(text, rules, closed_only=True)
    if len(text) <= rules.max_length:
        return text
    text = _without_apposition(text)
    if len(text) <= rules.max_length:
        return text
    text = _without_leading_phrase(text)
    if len(text) <= rules.max_length:
        return text
    limit = rules.max_length - 1  # room for "…"
    keep = _told_until(text[: limit + 1])
    if keeping and (found := text.find(keeping)) != -1:
        keep = max(keep, found + len(keeping))
        if keep > limit:
            limit = min(len(text), _LONGEST_KEPT) - 1  # "... as soon as August 2010": the date is the point
            if len(text) <= _LONGEST_KEPT:
                return text
    cuts = [match.start() for match in _CUT_POINTS.finditer(text, 0, limit + 2)]
    cuts += rules.cut_before_words.between_spaces(text[: limit + 1].lower())
    good = [cut for cut in cuts if max(rules.min_cut_length, keep) <= cut <= limit]
    if good:
        cut = max(good)
    else:
        cut = text.rfind(" ", keep, limit + 1)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit + 1)
    if cut <= 0:
        cut = limit
    kept = text[:cut].rstrip(" ,;:—–-")
    while (last := kept.rsplit(" ", 1)) and len(last) == 2 and last[1].lower() in _DANGLING_AT_CUT:
        kept = last[0].rstrip(" ,;:—–-")  # "... from the broken pipe from…": never end on a word that needs more
    return kept + "…"


#: The longest headline that keeps a date it must keep.
_LONGEST_KEPT = 200
#: Words a cut headline must not end on.
_DANGLING_AT_CUT = frozenset(
    {"the", "a", "an", "of", "to", "from", "and", "or", "in", "on", "at", "for", "with", "by", "that", "which", "who", "its", "their", "his", "her", "as", "than", "into", "about", "is", "are", "was", "were", "be", "will", "would", "has", "have", "had"}
)


def _told_until(text: str) -> int:
    """Where a cut may start: past the headline's verb and the word after it, and past the verb
    of what a reporting verb tells ("Hayward told lawmakers ... he was out of the loop"); a
    verb in an aside ("largely hidden from public view, the board changed") is not its verb."""
    groups = iter_verb_groups(text)  # read only as far as the first groups that are no aside
    first, second = next(groups, None), next(groups, None)
    while second is not None and in_an_aside(text, first, second):
        first, second = second, next(groups, None)
    if first is None:
        return 0
    told = second if first.event_class == "REPORTING" and second is not None else first
    after = text.find(" ", told.end + 1)
    return after if after != -1 else told.end


def _without_leading_phrase(text: str) -> str:
    """A long headline without the phrase that opens it before its subject ("Just a few
    minutes into his comments about the damage to the committee, Louisiana congressman
    Charlie Melancon was overcome" -> "Louisiana congressman Charlie Melancon was overcome"),
    where a subject and its verb follow the comma."""
    comma = text.find(", ", 0, _LEADING_PHRASE_REACH)
    if comma == -1:
        return text  # no comma soon
    if next(iter_verb_groups(text[:comma]), None) is None:
        rest = text[comma + 2 :]
        cue = first_verb_cue(rest)
        return rest if cue is not None and cue.start > 0 else text
    # "After three days of pumping mud and blasting tyres, golf balls and debris at it, BP
    # admitted defeat": a phrase whose verbs are all participles or infinitives, up to the
    # comma after which a subject and its verb come, with no comma between them
    if text.split(" ", 1)[0].lower() not in _PHRASE_OPENERS:
        return text
    while comma != -1 and comma < _LONG_PHRASE_REACH:
        opening, rest = text[:comma], text[comma + 2 :]
        if any(group.tense in _FINITE and not opening[group.start :].lower().startswith("having ") for group in verb_groups(opening)):
            return text  # a verb in a tense: the opening is a clause
        cue = first_verb_cue(rest)
        if cue is not None and cue.start > 0 and "," not in rest[: cue.start] and not cue.modal:
            return rest
        comma = text.find(", ", comma + 2, _LONG_PHRASE_REACH)
    return text


#: How far into a long headline the comma ending an opening phrase with participles may be.
_LONG_PHRASE_REACH = 220


#: Words that open a phrase before a clause's subject ("After having received ...,").
_PHRASE_OPENERS = frozenset({"after", "before", "despite", "following", "having", "with", "without", "by", "amid", "while", "since", "on", "in", "upon"})


#: How far into a long headline the comma ending its opening phrase may be.
_LEADING_PHRASE_REACH = 130


#: "Joseph Domenech, the chief veterinary officer at the FAO, told ...": a name, then a
#: description of it between commas, then the verb.
_APPOSITION = re.compile(r"((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*), (?:the|a|an|its|his|her|their|[A-Z][\w.'’-]*'s) [^,;]{3,90}?, (?=[a-z])")


def _without_apposition(text: str) -> str:
    """A long headline without the description of its subject: "Joseph Domenech, the chief
    veterinary officer at the FAO, told Reuters ..." -> "Joseph Domenech told Reuters ..."."""
    match = _APPOSITION.match(text)
    if match is None or first_verb_cue(text[match.end() :]) is None:
        return text
    return match.group(1) + " " + text[match.end() :]


def _without_relative_clauses(text: str, rules: HeadlineRules, *, closed_only: bool) -> str:
    """Drop relative clauses: "Ms. Rivera, who joined in 2019, warned" -> "Ms. Rivera warned";
    with closed_only=False also one running to the end ("Ms. Rivera, who joined in 2019")."""
    for opener in rules.parenthetical_openers:
        marker = ", " + opener + " "
        start = text.find(marker)
        while start != -1:
            end = text.find(", ", start + len(marker))
            if end == -1:
                text = text if closed_only else text[:start]
                break
            after_first_noun = ", " not in text[:start]  # keep the comma closing an apposition
            text = text[:start] + text[end + 1 if after_first_noun else end :]
            start = text.find(marker, start)
    return text


#: A bracket or a closing quotation mark at the head of a headline: an identifier, a credit,
#: or the end of a quotation begun in the sentence before ("(ID: nN29104665) The suit ...").
_LEADING_DEBRIS = re.compile(r"(?:[)\]*\\?,]{1,4}\s{1,3})?(?:\([^()]{0,40}\)\s{0,3})?(?:[\"”'’]{1,2}\s{1,3})?(?=\S)")


def _opens_on_debris(text: str) -> bool:
    debris = _LEADING_DEBRIS.match(text.lstrip())
    return debris is not None and debris.end() > 0


def _finished(text: str) -> str:
    text = text.strip(" ,;:—–-")
    debris = _LEADING_DEBRIS.match(text)
    if debris is not None and 0 < debris.end() < len(text):
        text = text[debris.end() :]
    if text.endswith(".") and not text.endswith("..."):
        last_word = text.rsplit(" ", 1)[-1]
        if "." not in last_word[:-1]:  # keep the period of "U.S."
            text = text[:-1].rstrip(" ,;:")
    return text[:1].upper() + text[1:]
