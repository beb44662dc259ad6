"""Events: the sentences, or clauses of them, that a date or time of the article pins down.

Which expressions make events:

* DATE and TIME expressions with an interval. DURATION and SET expressions do not date
  anything on their own.
* PRESENT_REF ("now", "currently") never: it restates the publication date, which is an
  event of its own already.
* PAST_REF and FUTURE_REF ("recently", "soon") only when they have an interval and no
  other expression dates the same sentence: they are vague, and a precise date nearby
  says more.

A sentence is cut into clauses where a clause can carry its own date (", while",
"; ", "after tensions reached ..."; see rules/en/headlines.toml). Each clause dated by an
expression gives one event; where two expressions date one clause, the finer grain wins,
then the first in the text. An expression in an attribution tail (", said an official who
briefed reporters on Monday night") dates the telling: the event reads "An official briefed
reporters", or, where the telling cannot stand alone, the sentence without its attribution.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import tomllib
import types
from collections.abc import Sequence
from pathlib import Path

import attrs

from timeline.model import GRAIN_RANK, GRAINS, Document, Event, Expression, Interval
from timeline.sentences import Span, split_sentences, verb_cues

_HEADLINE_RULES_PATH = Path(__file__).resolve().parent / "rules" / "en" / "headlines.toml"

_DATING_TYPES = frozenset({"DATE", "TIME"})
_NEVER_EVENTS = frozenset({"PRESENT_REF"})
_VAGUE_VALUES = frozenset({"PAST_REF", "FUTURE_REF"})

PUBLICATION_HEADLINE = "Article published"

#: Headlines are made from at most this much of a clause: enough for any headline, and it
#: keeps the work per event bounded on a pathological one-sentence input.
_MAX_CLAUSE_CHARS = 2000


@attrs.frozen
class HeadlineRules:
    """The word lists of rules/en/headlines.toml, ready for use."""

    max_length: int
    min_cut_length: int
    leading_discourse: tuple[str, ...]
    leading_discourse_with_comma: tuple[str, ...]
    attribution_openers: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    pronouns: frozenset[str]
    clause_starts: frozenset[str]
    max_subject_words: int
    time_words_before: tuple[str, ...]
    cut_before_words: tuple[str, ...]
    parenthetical_openers: tuple[str, ...]
    clause_markers: re.Pattern[str]
    clause_marker_kinds: types.MappingProxyType[str, str]


def _longest_first(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@functools.cache
def headline_rules() -> HeadlineRules:
    with _HEADLINE_RULES_PATH.open("rb") as handle:
        data = tomllib.load(handle)
    kinds = {marker: kind for kind in ("always", "with_verbs", "attribution") for marker in data["clauses"][kind]}
    # One alternation of literal markers, longest first so ", but " wins over " but ".
    markers = re.compile("|".join(re.escape(marker) for marker in _longest_first(list(kinds))), re.IGNORECASE)
    return HeadlineRules(
        max_length=data["max_length"],
        min_cut_length=data["min_cut_length"],
        leading_discourse=_longest_first(data["discourse"]["leading"]),
        leading_discourse_with_comma=_longest_first(data["discourse"]["leading_with_comma"]),
        attribution_openers=_longest_first(data["attribution"]["openers"]),
        speech_verbs=_longest_first(data["attribution"]["speech_verbs"]),
        pronouns=frozenset(data["attribution"]["pronouns"]),
        clause_starts=frozenset(data["attribution"]["clause_starts"]),
        max_subject_words=data["attribution"]["max_subject_words"],
        time_words_before=_longest_first(data["time"]["prepositions"] + data["time"]["modifiers"]),
        cut_before_words=tuple(data["cut"]["before_words"]),
        parenthetical_openers=tuple(data["cut"]["parenthetical_openers"]),
        clause_markers=markers,
        clause_marker_kinds=types.MappingProxyType(kinds),
    )


# ---------------------------------------------------------------------------
# Events


@attrs.frozen
class Clause:
    """A clause of a sentence, offsets into the text; `attribution` for a "..., said X" tail."""

    start: int
    end: int
    attribution: bool = False


def build_events(text: str, document: Document, expressions: Sequence[Expression]) -> tuple[Event, ...]:
    """The publication, then one event per dated clause in text order, numbered e1..eN."""
    sentences = split_sentences(text)
    sentence_starts = [sentence.start for sentence in sentences]
    by_sentence: dict[int, list[Expression]] = {}
    for expression in sorted(expressions, key=lambda e: e.start):
        if not _may_date_an_event(expression):
            continue
        index = bisect.bisect_right(sentence_starts, expression.start) - 1
        if index >= 0 and expression.start < sentences[index].end:
            by_sentence.setdefault(index, []).append(expression)

    events = [publication_event(document)]
    for index in sorted(by_sentence):
        sentence = sentences[index]
        for headline, expression in _dated_clauses(text, sentence, by_sentence[index]):
            events.append(
                Event(
                    id="",
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
                )
            )
    return tuple(attrs.evolve(event, id=f"e{number}") for number, event in enumerate(events, start=1))


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
        interval=Interval(day, day + dt.timedelta(days=1)),
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
        else _day_start(document.published) + dt.timedelta(days=1)
    )
    if published_end <= expression.interval.start:
        return expression.interval  # a "since" after publication: nothing to stretch
    return Interval(expression.interval.start, published_end)


def _day_start(moment: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(moment.date(), dt.time(), tzinfo=moment.tzinfo)


def _specificity(expression: Expression) -> tuple[int, int]:
    """Smaller is more specific: finer grain first, then earlier in the text."""
    return GRAIN_RANK.get(expression.grain or "", len(GRAINS)), expression.start


def _dated_clauses(
    text: str, sentence: Span, expressions: Sequence[Expression]
) -> list[tuple[str, Expression]]:
    """(headline, expression) for each clause of the sentence that an expression dates."""
    precise = [e for e in expressions if e.value not in _VAGUE_VALUES]
    clauses = clauses_of(text, sentence)
    clause_starts = [clause.start for clause in clauses]
    chosen: dict[int, Expression] = {}
    for expression in precise or expressions:
        index = max(bisect.bisect_right(clause_starts, expression.start) - 1, 0)
        if index not in chosen or _specificity(expression) < _specificity(chosen[index]):
            chosen[index] = expression

    dated = []
    for index, expression in sorted(chosen.items()):
        clause = clauses[index]
        headline = _clause_headline(text, clause, expression)
        if headline is None:
            if len(chosen) > 1:
                continue  # the main clause has its own date; the telling adds nothing
            headline = _headline(sentence.of(text), _relative(expression, sentence.start))
        dated.append((headline, expression))
    return dated


def _relative(expression: Expression, offset: int) -> tuple[int, int]:
    return expression.start - offset, expression.end - offset


def _clause_headline(text: str, clause: Clause, expression: Expression) -> str | None:
    clause_text = text[clause.start : clause.end]
    span = _relative(expression, clause.start)
    if clause.attribution:
        return _attribution_headline(clause_text, span)
    return _headline(clause_text, span)


def clauses_of(text: str, sentence: Span) -> tuple[Clause, ...]:
    """The clauses of a sentence that may carry dates of their own (see headlines.toml)."""
    rules = headline_rules()
    sentence_text = sentence.of(text)
    cues = verb_cues(sentence_text)
    cue_starts = [cue.start for cue in cues]

    def has_verb(start: int, end: int) -> bool:
        index = bisect.bisect_left(cue_starts, start)
        return index < len(cues) and cues[index].end <= end

    markers = list(rules.clause_markers.finditer(sentence_text))
    clauses = []
    clause_start = 0
    for number, marker in enumerate(markers):
        kind = rules.clause_marker_kinds[marker.group().lower()]
        if kind == "with_verbs":
            right_end = markers[number + 1].start() if number + 1 < len(markers) else len(sentence_text)
            if not (has_verb(clause_start, marker.start()) and has_verb(marker.end(), right_end)):
                continue
        if marker.start() > clause_start:
            clauses.append(Clause(sentence.start + clause_start, sentence.start + marker.start()))
        clause_start = marker.end()
        if kind == "attribution":
            clauses.append(Clause(sentence.start + clause_start, sentence.end, attribution=True))
            return tuple(clauses)
    if clause_start < len(sentence_text) or not clauses:
        clauses.append(Clause(sentence.start + clause_start, sentence.end))
    return tuple(clauses)


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


def _headline(clause: str, expression: tuple[int, int] | None) -> str:
    rules = headline_rules()
    if len(clause) > _MAX_CLAUSE_CHARS:
        last_space = clause.rfind(" ", 0, _MAX_CLAUSE_CHARS)
        clause = clause[: last_space if last_space > 0 else _MAX_CLAUSE_CHARS]
        if expression is not None and expression[1] > len(clause):
            expression = None
    clause, expression = _without_dateline(clause, expression)
    stripped = _without_expression(clause, expression, rules) if expression else clause
    for _ in range(2):  # "But, according to officials, ..." needs both passes
        stripped = _without_leading_discourse(stripped, rules)
        stripped = _without_attribution(stripped, rules)
    headline = _finished(_shortened(_tidy(stripped), rules))
    if not headline:  # nothing but a date and an attribution: say what the clause says
        headline = _finished(_shortened(_tidy(_without_leading_discourse(clause, rules)), rules))
    return headline


#: "WASHINGTON (AP) — ", "LOS ANGELES, April 2 (Reuters) - ". Bounded repeats only.
_DATELINE = re.compile(
    r"[A-Z]{3}[A-Z.'’ ]{0,40}(?:, [A-Z][a-z.]{1,12}(?: \d{1,2})?)?\s{0,3}(?:\([^()\n]{1,30}\)\s{0,3})?[—–-]{1,2}\s{1,3}"
)


def _without_dateline(clause: str, expression: tuple[int, int] | None) -> tuple[str, tuple[int, int] | None]:
    match = _DATELINE.match(clause)
    if match is None:
        return clause, expression
    cut = match.end()
    if expression is not None:
        expression = None if expression[0] < cut else (expression[0] - cut, expression[1] - cut)
    return clause[cut:], expression


def _starts_with_phrase(text: str, phrase: str) -> bool:
    return text[: len(phrase)].lower() == phrase and (len(text) == len(phrase) or not text[len(phrase)].isalnum())


def _ends_with_phrase(text: str, phrase: str) -> bool:
    return text[-len(phrase) :].lower() == phrase and (len(text) == len(phrase) or not text[-len(phrase) - 1].isalnum())


def _without_expression(clause: str, expression: tuple[int, int], rules: HeadlineRules) -> str:
    """The clause without the expression and up to two words that go with it ("late on")."""
    start, end = expression
    before = clause[:start]
    for _ in range(2):
        trimmed = before.rstrip()
        for word in rules.time_words_before:
            if _ends_with_phrase(trimmed, word):
                before = trimmed[: -len(word)]
                break
        else:
            break
    after = clause[end:]
    if after[:2] in ("'s", "’s"):  # "Tuesday’s call" -> "the call"
        return before + ("the" if before.strip() else "The") + after[2:]
    if not before.strip():  # a fronted date: "Since last summer, both ..."
        return after.lstrip(" ,")
    if before.rstrip().endswith(",") and after.lstrip().startswith(","):  # ", on Tuesday, "
        return before.rstrip()[:-1] + " " + after.lstrip()[1:].lstrip()
    return before.rstrip() + " " + after.lstrip()


def _without_leading_discourse(text: str, rules: HeadlineRules) -> str:
    for _ in range(3):  # "But meanwhile, ..."
        text = text.lstrip(" ,")
        for phrase in rules.leading_discourse:
            if _starts_with_phrase(text, phrase) and text[len(phrase) : len(phrase) + 1] in (" ", ","):
                text = text[len(phrase) :].lstrip(" ,")
                break
        else:
            for phrase in rules.leading_discourse_with_comma:
                if _starts_with_phrase(text, phrase) and text[len(phrase) : len(phrase) + 1] == ",":
                    text = text[len(phrase) + 1 :].lstrip()
                    break
            else:
                return text
    return text


def _without_attribution(text: str, rules: HeadlineRules) -> str:
    text = _without_leading_attribution(text, rules)
    text = _without_attribution_segments(text, rules)
    return _without_reporting_subject(text, rules)


def _without_leading_attribution(text: str, rules: HeadlineRules) -> str:
    """"According to officials, the talks ..." -> "the talks ..." """
    for opener in rules.attribution_openers:
        if opener not in ("said", "says") and _starts_with_phrase(text, opener):
            comma = text.find(", ")
            return text[comma + 2 :] if comma != -1 else text
    return text


def _without_attribution_segments(text: str, rules: HeadlineRules) -> str:
    """Drop ", according to X", ", said X who ...", ", officials said" (to the next comma or the end)."""
    search_from = 0
    while (comma := text.find(", ", search_from)) != -1:
        segment_start = comma + 2
        next_comma = text.find(", ", segment_start)
        segment_end = next_comma if next_comma != -1 else len(text)
        segment = text[segment_start:segment_end].rstrip(" .")
        opens = any(_starts_with_phrase(segment, opener) for opener in rules.attribution_openers)
        closes = len(segment.split()) <= rules.max_subject_words + 1 and any(
            _ends_with_phrase(segment, verb) for verb in rules.speech_verbs
        )
        if opens or closes:
            if next_comma == -1 or (opens and not verb_cues(text[segment_end:])):
                return text[:comma]
            text = text[:comma] + " " + text[next_comma + 2 :]  # "Biden, aides said, will travel"
            search_from = comma
        else:
            search_from = segment_start
    return text


def _without_reporting_subject(text: str, rules: HeadlineRules) -> str:
    """"The official mentioned that the call was ..." -> "the call was ..." """
    lowered = text.lower()
    for verb in rules.speech_verbs:
        position = lowered.find(" " + verb + " ")
        if position == -1:
            continue
        subject = text[:position]
        if "," in subject or len(subject.split()) > rules.max_subject_words or verb_cues(subject):
            continue
        rest = text[position + len(verb) + 2 :]
        if _starts_with_phrase(rest, "that"):
            return rest[len("that") :].lstrip()
        first_word = rest.split(" ", 1)[0]
        if first_word.lower() in rules.pronouns or not verb_cues(rest):
            continue
        if first_word.lower() in rules.clause_starts or first_word[:1].isupper():
            return rest
    return text


def _attribution_headline(clause: str, expression: tuple[int, int] | None) -> str | None:
    """"a senior official who briefed reporters on Monday" -> "A senior official briefed reporters"."""
    who = clause.lower().find(" who ")
    if who == -1:
        return None
    told = clause[who + len(" who ") :]
    cues = verb_cues(told)
    if not cues or cues[0].start != 0:
        return None
    shift = len(" who ") - 1
    rewritten = clause[:who] + " " + told
    if expression is not None:
        expression = (expression[0] - shift, expression[1] - shift) if expression[0] >= who + len(" who ") else None
    return _headline(rewritten, expression)


#: Runs of whitespace, and a space before closing punctuation.
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[,.;:!?)\]”’])")


def _tidy(text: str) -> str:
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCTUATION.sub("", text)
    return text.replace("( ", "(").replace("()", "").replace(",,", ",").strip(" ,;:—–-")


#: Places to cut a long headline: after a comma, semicolon or colon, before a dash or a bracket.
_CUT_POINTS = re.compile(r"[,;:] | [—–-] | \(")


def _shortened(text: str, rules: HeadlineRules) -> str:
    if len(text) <= rules.max_length:
        return text
    text = _without_parentheticals(text, rules)
    if len(text) <= rules.max_length:
        return text
    limit = rules.max_length - 1  # room for "…"
    cuts = [match.start() for match in _CUT_POINTS.finditer(text, 0, limit + 2)]
    lowered = text[: limit + 1].lower()
    for word in rules.cut_before_words:
        position = lowered.find(" " + word + " ")
        while position != -1:
            cuts.append(position)
            position = lowered.find(" " + word + " ", position + 1)
    # A headline needs its verb: "Joseph Wu, Taiwan’s foreign minister…" says nothing.
    cues = verb_cues(text[: limit + 1])
    shortest = max(rules.min_cut_length, cues[0].end if cues else 0)
    good = [cut for cut in cuts if shortest <= cut <= limit]
    cut = max(good) if good else text.rfind(" ", 0, limit + 1)
    if cut <= 0:
        cut = limit
    return text[:cut].rstrip(" ,;:—–-") + "…"


def _without_parentheticals(text: str, rules: HeadlineRules) -> str:
    """Drop relative clauses closed by a comma: "Ms. Rivera, who joined in 2019, warned" -> "Ms. Rivera warned"."""
    for opener in rules.parenthetical_openers:
        marker = ", " + opener + " "
        start = text.find(marker)
        while start != -1:
            end = text.find(", ", start + len(marker))
            if end == -1:
                break
            text = text[:start] + text[end:]
            start = text.find(marker, start)
    return text


def _finished(text: str) -> str:
    text = text.strip(" ,;:—–-")
    if text.endswith(".") and not text.endswith("..."):
        last_word = text.rsplit(" ", 1)[-1]
        if "." not in last_word[:-1]:  # keep the period of "U.S."
            text = text[:-1].rstrip(" ,;:")
    return text[:1].upper() + text[1:]
