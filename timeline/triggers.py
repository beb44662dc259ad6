"""Event triggers: the word that names a happening (TimeML's EVENT) and how it is told.

A trigger is the head of the verb group that a date modifies ("was sentenced on Friday":
"sentenced"), or an event noun the date is attached to ("the vote on Sunday", "Tuesday's
call"). The verb group also tells what TimeML records of an event instance: its tense and
aspect, its polarity ("did not meet": NEG) and its modality ("will", "may", "plans to"), so
that a headline never states a plan as done nor drops a "not".

The words are read from rules/en/triggers.toml and the verb lemmas of rules/en/verbs.txt
(built by scripts/build_verb_lexicon.py from UD English EWT and raw news text). Everything
here is a single pass over a sentence's words.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
import types
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from timeline.model import Trigger
from timeline.sentences import Words, tense_rules, words_of

_RULES = Path(__file__).resolve().parent / "rules" / "en"


@attrs.frozen
class TriggerRules:
    future_modals: frozenset[str]
    other_modals: frozenset[str]
    #: Modal phrases by their first word, longest first.
    phrases: types.MappingProxyType[str, tuple[tuple[str, ...], ...]]
    negation: frozenset[str]
    negated_forms: frozenset[str]
    be: frozenset[str]
    have: frozenset[str]
    do: frozenset[str]
    classes: types.MappingProxyType[str, str]
    irregular: types.MappingProxyType[str, str]
    event_nouns: frozenset[str]
    #: Words after which a word is a noun or an adjective, not a verb ("the talks").
    determiners: frozenset[str]
    #: Words that may stand inside a verb group ("has also said"); -ly words count too.
    adverbs: frozenset[str]
    #: Every inflected form of the lemmas: form -> (lemma, "past" | "pres" | "ing" | "base").
    forms: types.MappingProxyType[str, tuple[str, str]]
    #: The simple past forms of the reporting verbs ("said", "told", "announced").
    reporting_past: frozenset[str]
    #: The words that open a verb group before any lexical verb: modals, the first words of
    #: the modal phrases, auxiliaries and negated auxiliaries.
    openers: frozenset[str]
    #: The openers and the forms: the words at which a verb group may start (with the -ed
    #: words), looked up once for each word of a sentence.
    starters: frozenset[str]
    #: Which form each known word is (`_form` without its -ed guess): the forms, and the
    #: past words and participles of the tense rules that are no forms.
    form_of: dict[str, str]
    #: The length of the longest event noun of one word.
    longest_event_noun: int = attrs.field(init=False)

    @longest_event_noun.default
    def _longest_event_noun(self) -> int:
        return max((len(noun) for noun in self.event_nouns if " " not in noun), default=0)


@functools.cache
def trigger_rules() -> TriggerRules:
    with (_RULES / "triggers.toml").open("rb") as handle:
        data = tomllib.load(handle)
    lemmas = frozenset(
        line.strip() for line in (_RULES / "verbs.txt").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    )
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in data["modals"]["phrases"]:
        words = tuple(phrase.split())
        phrases.setdefault(words[0], []).append(words)
    classes = {
        lemma: name.upper()
        for name in ("reporting", "i_action", "i_state", "aspectual", "perception", "state")
        for lemma in data["classes"][name]
    }
    tense = tense_rules()
    irregular = data["irregular"]["forms"]
    all_lemmas = lemmas | frozenset(irregular.values())
    aux = data["auxiliaries"]
    openers = (
        frozenset(data["modals"]["future"])
        | frozenset(data["modals"]["other"])
        | frozenset(phrases)
        | frozenset(aux["be"] + aux["have"] + aux["do"])
        | frozenset(data["negation"]["forms"])
    )
    return TriggerRules(
        future_modals=frozenset(data["modals"]["future"]),
        other_modals=frozenset(data["modals"]["other"]),
        phrases=types.MappingProxyType({k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()}),
        negation=frozenset(data["negation"]["words"]),
        negated_forms=frozenset(data["negation"]["forms"]),
        be=frozenset(aux["be"]),
        have=frozenset(aux["have"]),
        do=frozenset(aux["do"]),
        classes=types.MappingProxyType(classes),
        irregular=types.MappingProxyType(irregular),
        event_nouns=frozenset(data["nouns"]["events"]),
        determiners=tense.adjective_after,
        adverbs=tense.adverbs - {"since", "long", "first", "once", "last", "later", "all", "both", "each"},
        forms=types.MappingProxyType(forms := _inflections(all_lemmas, irregular, tense.past_words | tense.participles)),
        reporting_past=frozenset(form for form, (lemma, kind) in forms.items() if kind == "past" and classes.get(lemma) == "REPORTING"),
        openers=openers,
        starters=openers | frozenset(forms),
        form_of={**dict.fromkeys(sorted(tense.past_words | tense.participles), "past"), **{form: kind for form, (_, kind) in forms.items()}},
    )


def _inflections(lemmas: frozenset[str], irregular: dict[str, str], past_forms: frozenset[str]) -> dict[str, tuple[str, str]]:
    """Each regular form of each lemma (-s, -ed, -ing, with the spelling changes English
    makes), the irregular ones, and the lemma itself, with what form it is."""
    forms: dict[str, tuple[str, str]] = {}
    # In a fixed order: where two lemmas give one form ("lies": lie, li…), the first
    # alphabetically keeps it, whatever the process's hash seed.
    for lemma in sorted(lemmas):
        stem_y = lemma[:-1] if lemma.endswith("y") and lemma[-2:-1] not in "aeiou" else None
        stem_e = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
        doubled = lemma + lemma[-1] if len(lemma) >= 3 and lemma[-1] in "bdgklmnprt" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou" else None
        candidates = [
            (lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"), "pres"),
            (stem_y + "ies" if stem_y else lemma + "s", "pres"),
            (stem_y + "ied" if stem_y else (lemma + "d" if lemma.endswith("e") else lemma + "ed"), "past"),
            (stem_e + "ing", "ing"),
        ]
        if doubled:
            candidates += [(doubled + "ed", "past"), (doubled + "ing", "ing")]
        for form, kind in candidates:
            forms.setdefault(form, (lemma, kind))
    for form, lemma in irregular.items():
        kind = "past" if form in past_forms else "ing" if form.endswith("ing") else "pres" if form.endswith("s") else "past"
        forms[form] = (lemma, kind)
    for lemma in sorted(lemmas):
        forms.setdefault(lemma, (lemma, "base"))
    # "re-emerged", "re-elected": the verb again, with its hyphen
    forms.update({"re-" + form: entry for form, entry in list(forms.items()) if not form.startswith("re")})
    return forms


@attrs.frozen
class VerbGroup:
    """A verb group of a text: its span, its head (the trigger) and how it is told.
    Offsets are into the text the group was read from."""

    start: int
    end: int
    head_start: int
    head_end: int
    lemma: str
    tense: str
    aspect: str
    polarity: str
    modality: str | None

    @property
    def event_class(self) -> str:
        return trigger_rules().classes.get(self.lemma, "OCCURRENCE")

    def trigger(self, text: str, offset: int = 0) -> Trigger:
        return Trigger(
            text=text[self.head_start : self.head_end],
            start=offset + self.head_start,
            end=offset + self.head_end,
            event_class=self.event_class,
            tense=self.tense,
            aspect=self.aspect,
            polarity=self.polarity,
            modality=self.modality,
        )


def lemma_of(word: str, rules: TriggerRules | None = None) -> str | None:
    """The verb lemma of a lower-case word form, or None where it is no verb form we know."""
    entry = (rules or trigger_rules()).forms.get(word)
    return entry[0] if entry else None


def verb_form(word: str) -> str | None:
    """What a lower-case word is as a verb form: "past", "pres" (-s), "ing", "base", or None."""
    return _form(word, trigger_rules())


def _form(word: str, rules: TriggerRules) -> str | None:
    """What a lexical verb form is: "past", "pres" (-s), "ing", "base", or None."""
    form = rules.form_of.get(word)
    if form is not None:
        return form
    if word.endswith("ed") and len(word) >= 4 and word.isalpha() and word not in tense_rules().not_ed_verbs and not word.startswith("un"):
        return "past"  # an -ed verb the lexicon lacks; an un- word is an adjective ("unchanged")
    return None


@functools.lru_cache(maxsize=512)
def verb_groups(text: str) -> tuple[VerbGroup, ...]:
    """The verb groups of a sentence, in text order, never overlapping."""
    return tuple(iter_verb_groups(text))


def iter_verb_groups(text: str) -> Iterator[VerbGroup]:
    """verb_groups(text), one at a time: for a caller that needs only the first few."""
    words = words_of(text)
    rules = trigger_rules()
    starters, openers = rules.starters, rules.openers
    # Most words open no verb group: a look in a table, and the -ed guess, turns them away
    # (in one pass over the words, before any is read closely).
    candidates = [index for index, word in enumerate(words.lower) if word in starters or word.endswith("ed")]
    if not candidates:
        return
    lowers = words.lower
    next_index = 0  # a word inside the group just read opens none
    for index in candidates:
        if index < next_index:
            continue
        word = lowers[index]
        if word in openers:
            group, next_index = _group_at(words, index, rules)
            if group is not None:
                yield group
            continue
        # A lexical verb with no auxiliary before it is a group of one word.
        form = _form(word, rules)
        if form is not None and _bare_verb(words, index, form, rules):
            yield _bare_group(words, index, form, rules)


def _bare_group(words: Words, index: int, form: str, rules: TriggerRules) -> VerbGroup:
    lowers = words.lower
    word = lowers[index]
    previous = lowers[index - 1] if index else ""
    tense = _form_tense(form, previous)
    start, end = words.bounds[2 * index], words.bounds[2 * index + 1]
    entry = rules.forms.get(word)
    polarity = "NEG" if previous in rules.negation else "POS"  # "never met"
    # In the fields' order (start, end, head_start, head_end, lemma, tense, aspect, polarity, modality).
    return VerbGroup(start, end, start, end, entry[0] if entry else word, tense, "NONE", polarity, None)


_FORM_TENSES = {"past": "PAST", "pres": "PRESENT", "ing": "PRESPART"}


def _form_tense(form: str, previous: str) -> str:
    """The TimeML tense a lexical verb form tells by itself; a base form is an infinitive
    after "to" ("to resume"), else a present ("they adopt")."""
    if form == "base":
        return "INFINITIVE" if previous == "to" else "PRESENT"
    return _FORM_TENSES.get(form, "NONE")


def _skip(words: Words, index: int, rules: TriggerRules) -> tuple[int, bool]:
    """Past the adverbs inside a verb group; and whether one of them negates it."""
    negated = False
    lowers = words.lower
    count = len(lowers)
    negation, adverbs = rules.negation, rules.adverbs
    for _ in range(3):
        if index >= count:
            break
        word = lowers[index]
        if word in negation:
            negated = True
        elif word == "no" and index + 1 < count and lowers[index + 1] == "longer":
            negated = True
            index += 1
        elif not (word in adverbs or (word.endswith("ly") and len(word) > 3)):
            break
        index += 1
    return index, negated


def _group_at(words: Words, index: int, rules: TriggerRules) -> tuple[VerbGroup | None, int]:
    lowers = words.lower
    first = lowers[index]
    if words.is_named_may(index):
        return None, index + 1
    modality: str | None = None
    tense: str | None = None
    negated = first in rules.negated_forms or (index > 0 and lowers[index - 1] in rules.negation)  # "never met"
    position = index
    after_determiner = index > 0 and lowers[index - 1] in rules.determiners

    for phrase in () if after_determiner else rules.phrases.get(first, ()):
        if lowers[index : index + len(phrase)] == phrase:
            modality = " ".join(phrase)
            tense = {"is": "PRESENT", "are": "PRESENT", "am": "PRESENT", "was": "PAST", "were": "PAST"}.get(first)
            position = index + len(phrase)
            break
    else:
        if first in rules.future_modals and not after_determiner:
            tense, position = "FUTURE", index + 1
        elif first in rules.other_modals and not after_determiner:
            modality, tense, position = first, "NONE", index + 1

    perfect = False
    last_auxiliary: int | None = None
    auxiliary_tense: str | None = None
    while position < len(lowers):
        position, negation = _skip(words, position, rules)
        negated = negated or negation
        if position >= len(lowers):
            break
        word = lowers[position]
        if word in rules.have:
            if last_auxiliary is None and modality is None and tense is None and not _takes_participle(words, position, rules):
                break  # "has 300 staff": "has" is the verb itself
            perfect = True
        elif not (word in rules.be or word in rules.do):
            break
        auxiliary_tense = auxiliary_tense or _AUXILIARY_TENSES.get(word)
        last_auxiliary = position
        position += 1

    head: int | None = None
    form: str | None = None
    if position < len(lowers) and not (position == index and after_determiner):
        form = _form(lowers[position], rules)
        bare = last_auxiliary is None and modality is None and tense is None
        if form is not None and bare and not _bare_verb(words, position, form, rules):
            form = None
        if form is not None:
            head = position
    if head is None:
        if last_auxiliary is None:
            return None, index + 1
        head = last_auxiliary  # a copula: "prices were higher"
        form = "aux"
    progressive = form == "ing" and last_auxiliary is not None and lowers[last_auxiliary] in rules.be

    lemma = lemma_of(lowers[head], rules) or lowers[head]
    if tense is None:
        tense = auxiliary_tense or _form_tense(form, lowers[index - 1] if index else "")
    aspect = (
        "PERFECTIVE_PROGRESSIVE" if perfect and progressive else "PERFECTIVE" if perfect else "PROGRESSIVE" if progressive else "NONE"
    )
    bounds = words.bounds
    head_start, head_end = bounds[2 * head], bounds[2 * head + 1]
    # In the fields' order (start, end, head_start, head_end, lemma, tense, aspect,
    # polarity, modality): by keyword, building a group cost a third more.
    group = VerbGroup(bounds[2 * index], head_end, head_start, head_end, lemma, tense, aspect, "NEG" if negated else "POS", modality)
    return group, head + 1


_AUXILIARY_TENSES = {
    "is": "PRESENT", "are": "PRESENT", "am": "PRESENT", "'s": "PRESENT", "'re": "PRESENT", "'m": "PRESENT",
    "was": "PAST", "were": "PAST", "has": "PRESENT", "have": "PRESENT", "'ve": "PRESENT", "had": "PAST",
    "'d": "PAST", "do": "PRESENT", "does": "PRESENT", "did": "PAST",
}


def _takes_participle(words: Words, position: int, rules: TriggerRules) -> bool:
    after, _ = _skip(words, position + 1, rules)
    return after < len(words) and (_form(words.lower[after], rules) == "past" or words.lower[after] == "been")


def _bare_verb(words: Words, position: int, form: str, rules: TriggerRules) -> bool:
    """Whether a lexical verb form with no auxiliary before it is a verb here: not after a
    determiner ("the talks", "a planned visit"), not a capitalised name inside a sentence,
    and a bare -s or base form only after a word that can be its subject."""
    lowers = words.lower
    previous = lowers[position - 1] if position > 0 else ""
    if previous in rules.determiners or (position > 0 and words.capitalized(position) and form != "pres"):
        return False
    if form == "past":
        # "the topics covered by Mr. Biden ranged": a participle after its noun, not the verb
        following = lowers[position + 1] if position + 1 < len(lowers) else ""
        return not (following == "by" and previous and previous not in _PRONOUNS and lowers[position] not in tense_rules().past_words)
    if form == "ing":
        return previous in ("", ",") or previous.endswith("ly")
    if form == "pres":
        # "Estonia adopts the euro", not "the talks", "peace talks resumed", "raising rates".
        following = lowers[position + 1] if position + 1 < len(lowers) else ""
        if position == 0:
            return False  # a sentence opening on an -s word opens on its subject: "Talks resume"
        if previous in _NOT_SUBJECTS or previous[:1].isdigit() or previous.endswith("'s") or following in _NOT_SUBJECTS or following in rules.be or following in rules.have:
            return False
        if following in rules.future_modals or following in rules.other_modals or (following and _form(following, rules) == "past"):
            return False
        return not (previous and _form(previous, rules) in ("past", "ing", "pres"))
    return previous in ("to", "they", "we", "i", "you", "who", "which", "that")


_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they", "who", "which", "that"})
_NOT_SUBJECTS = frozenset(
    {"of", "in", "on", "at", "for", "with", "by", "from", "to", "and", "or", "as", "than", "about", "into", "over", "after", "before", "'s"}
)


def tells_in_the_past(text: str) -> bool:
    """Whether text has a word that is the simple past of a reporting verb ("said", "told"):
    read without cutting text into words where no such form is in it at all (a word in
    lower case is a piece of the text lowered, "’" read as "'")."""
    rules = trigger_rules()
    lowered = text.lower().replace("’", "'")
    if not any(form in lowered for form in rules.reporting_past):
        return False
    return not rules.reporting_past.isdisjoint(words_of(text).lower)


#: A run of word characters: an event noun read from a text's words is one, lowered (its
#: letters, between characters that are no word's).
_WORD_RUN = re.compile(r"\w+")


def event_noun_before(sentence_text: str, expr_start: int, expr_end: int) -> tuple[int, int] | None:
    """The event noun a date is attached to, as offsets into the sentence: "the vote on
    Sunday" (before it, across one preposition), "Tuesday's call" (after its "'s")."""
    rules = trigger_rules()
    after = sentence_text[expr_end : expr_end + 40]
    if after[:2] in ("'s", "’s"):
        words = words_of(after[2:])
        if len(words) and words.lower[0] in rules.event_nouns:
            return expr_end + 2 + words.start(0), expr_end + 2 + words.end(0)
    before = sentence_text[max(0, expr_start - 40) : expr_start]
    # An event noun there ends within the last 12 characters: it starts no further back than
    # 12 and its length.
    if rules.event_nouns.isdisjoint(_WORD_RUN.findall(before.lower(), max(0, len(before) - 12 - rules.longest_event_noun))):
        return None  # no event noun ends close enough: the window is not cut into words
    words = words_of(before)
    base = expr_start - len(before)
    index = len(words) - 1
    if index >= 0 and words.lower[index] in ("on", "in", "at", "of", "during", "from", "since", "last", "this", "next"):
        index -= 1
    if index >= 0 and words.lower[index] in rules.event_nouns and words.end(index) >= len(before) - 12:
        return base + words.start(index), base + words.end(index)
    return None


def choose_group(
    groups: Sequence[VerbGroup],
    expr_start: int,
    expr_end: int,
    sentence_text: str = "",
    clause_start: int = 0,
    bounds: tuple[Sequence[int], Sequence[int]] | None = None,
) -> VerbGroup | None:
    """The verb group a date modifies, among the groups of its clause:

    * the group it stands inside ("is currently being examined");
    * a group right after it, the date between "to" and its verb ("ready for the city to on
      Sunday become") or between a subject and its verb ("Poland today became");
    * the nearest one before it: English puts a time adverbial after its verb ("was sentenced
      on Friday");
    * for a date in the phrase that opens its clause ("On Friday, the board met", "In trading
      yesterday, shares fell"), the first group after it.

    None where no group is so placed ("Even now, on the brink of the greatest disaster since
    1929, he blasts": the date belongs to a phrase inside the clause)."""
    # The groups are in text order and never overlap: their ends are in order too, so the
    # groups before and after the date are found by bisection; a caller asking about many
    # dates passes the groups' (starts, ends) once (a sentence of a thousand dates and verbs
    # stays linear).
    starts, ends = bounds if bounds is not None else group_bounds(groups)
    first_after_start = bisect.bisect_right(ends, expr_start)  # groups[:i] end by the date's start
    if first_after_start < len(groups) and groups[first_after_start].start < expr_start and expr_end <= groups[first_after_start].end:
        return groups[first_after_start]
    before = groups[max(0, first_after_start - 1) : first_after_start]
    after = groups[bisect.bisect_left(starts, expr_end) :][:1]
    if after:
        between = sentence_text[expr_end : after[0].start]
        right_before_it = "," not in between and len(between.split()) <= 1
        if right_before_it and (not before or sentence_text[:expr_start].rstrip().lower().endswith(" to") or _noun_before(sentence_text, before[-1], expr_start, after[0])):
            return after[0]
    if before:
        # "pledging that by 2020 America will have ...": a date that opens a clause inside the
        # clause modifies that inner clause's verb, after it.
        between = sentence_text[before[-1].end : expr_start].lower().split()
        if after and any(word.strip(",") in _INNER_OPENERS for word in between):
            return after[0]
        return before[-1]
    if after and _opens_the_clause(sentence_text, clause_start, expr_start):
        # "In October, largely hidden from public view, the board changed the rules": the verb
        # of an aside between commas is not the one a fronted date modifies
        index = bisect.bisect_left(starts, expr_end)
        while index + 1 < len(groups) and in_an_aside(sentence_text, groups[index], groups[index + 1]):
            index += 1
        return groups[index]
    return None


def _noun_before(sentence_text: str, before: VerbGroup, expr_start: int, after: VerbGroup) -> bool:
    """Whether the one-word "verb" right before a date is the subject's plural noun and the
    verb after the date the clause's ("U.S. forces Thursday launched strikes")."""
    return (
        before.start == before.head_start
        and before.end == before.head_end
        and not sentence_text[before.end : expr_start].strip()
        and before.tense == "PRESENT"
        and sentence_text[before.end - 1] == "s"
        and after.tense == "PAST"
        and after.start == after.head_start
    )


def in_an_aside(sentence_text: str, group: VerbGroup, following: VerbGroup) -> bool:
    """Whether a verb group stands between commas, with the next group after the closing one."""
    comma = sentence_text.rfind(", ", 0, group.start)
    if comma == -1 or len(sentence_text[comma + 2 : group.start].split()) > 1:
        return False
    closing = sentence_text.find(", ", group.end)
    return closing != -1 and closing < following.start


_INNER_OPENERS = frozenset({"that", "which", "who", "when", "if", "because", "while", "although", "though", "whether"})


def group_bounds(groups: Sequence[VerbGroup]) -> tuple[list[int], list[int]]:
    """The starts and the ends of verb groups in text order, for choose_group."""
    return [group.start for group in groups], [group.end for group in groups]


#: The most words before a date that still opens its clause ("Late on Friday", "Early in 2010").
_FRONTED_WORDS = 4
#: Words that open a phrase of time or place at the head of a clause ("In trading yesterday, ...").
_OPENING_WORDS = frozenset(
    {"in", "on", "at", "during", "by", "since", "until", "after", "before", "from", "through", "throughout", "late", "early", "earlier", "later", "last", "this", "next", "around", "about", "as", "for", "over", "within", "ahead", "even", "already", "just"}
)


def _opens_the_clause(sentence_text: str, clause_start: int, expr_start: int) -> bool:
    before = sentence_text[clause_start:expr_start]
    words = before.split()
    if len(words) <= _FRONTED_WORDS:
        return True
    return "," not in before and words[0].lower().strip("\"“'`(") in _OPENING_WORDS
