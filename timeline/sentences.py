"""Sentences of English news text, and a cue-based guess at the tense of a clause.

Everything here runs in time linear in the input: the regular expressions repeat single
character classes, with no nested quantifiers and none next to another over the same
characters (the sentence-end pattern's repeats are possessive and may start only where a
run of marks does), and every scan by hand moves forward over characters that no later
scan reads again.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import tomllib
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import attrs

from timeline.datewords import MONTH_NAMES

Tense = Literal["past", "present", "future"]

_TENSE_RULES_PATH = Path(__file__).resolve().parent / "rules" / "en" / "tense.toml"


@attrs.frozen
class Span:
    """Offsets [start, end) of a piece of a text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


# ---------------------------------------------------------------------------
# Sentence splitting

#: A run of sentence-final marks (".", "?!", "...", "…"), the marks that close a quotation
#: or a parenthesis after it ('.”', '?"', '.)'; group 1), and the whitespace after them
#: (group 2). Linear: a match starts only where a run does (a mark after a mark is no
#: start), and neither repeat gives back what it took.
_SENTENCE_END = re.compile(r"[.!?…](?<![.!?…]{2})[.!?…]*+([\"'”’)\]»]*+)(\s+)")
#: Marks that may open the next sentence ('“We', '(Reuters', "``We" in Penn Treebank text).
_OPENING_MARKS = "\"'“‘([«`"
_OPENERS = frozenset(_OPENING_MARKS)
#: Opening quotes: after an abbreviation that may end a sentence, one starts the next.
_OPENING_QUOTES = frozenset("\"“‘`«")
#: A newline with the blank space after it, blank lines included: one match per line break.
_LINE_BREAK = re.compile(r"\n[ \t\r\n]*")
#: Characters that end a line so that the next line continues it (a dateline "WASHINGTON —").
_LINE_CONTINUES_AFTER = frozenset(",;—–-")

#: Abbreviations a name or a number always follows: a period after them never ends a sentence.
_NEVER_FINAL = frozenset(
    {
        "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Rev", "Hon", "Gov", "Sen", "Sens", "Rep",
        "Reps", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cmdr", "Adm", "Pres", "Supt",
        "Fr", "Mt", "Ft", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
        "Nov", "Dec", "vs", "v", "e.g", "i.e", "cf", "approx", "Vol", "Fig", "pp", "Nos", "Gens",
        "Rt",
    }
)
#: Abbreviations that also end sentences ("talks with the U.S. The meeting"): a period
#: after them ends a sentence only when a word that typically opens one follows.
_MAYBE_FINAL = frozenset(
    {"Inc", "Corp", "Co", "Ltd", "Bros", "Dept", "St", "Ave", "Blvd", "Rd", "etc", "Jr", "Sr", "Univ"}
)
#: Words that open sentences and rarely follow an abbreviation inside one.
_SENTENCE_STARTERS = frozenset(
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These",
        "Those", "There", "His", "Her", "Their", "Its", "Our", "In", "On", "At", "But", "And",
        "However", "Meanwhile", "After", "Before", "When", "While", "If", "As", "Since", "Both",
        "Mr", "Mrs", "Ms", "Dr", "Some", "Many", "Most", "Officials", "Still", "Yet", "Despite",
        "During", "For", "Last", "Next", "Earlier", "Later", "Now", "Then", "Such",
    }
)
#: Longest token looked at when deciding whether a period follows an abbreviation.
_MAX_ABBREVIATION = 12


def split_sentences(text: str) -> tuple[Span, ...]:
    """Split English news text into sentences, each span trimmed of surrounding whitespace.

    A sentence ends at ".", "!", "?" or an ellipsis (with any closing quotes or brackets)
    followed by whitespace and a capital letter, a digit or an opening quote, except after
    an abbreviation or an initial ("Mr. Biden", "Janet L. Yellen", "J.P. Morgan", "Jan. 5").
    A line break ends a sentence too, unless the next line starts in lower case or the line
    ends with a comma, semicolon or dash (a wrapped line, a dateline "WASHINGTON —").
    """
    spans: list[Span] = []
    block_start = 0  # blocks: the stretches between line breaks that end sentences
    for line_break in _LINE_BREAK.finditer(text):
        newline, next_line = line_break.span()
        if _line_break_ends_sentence(text, newline, next_line):
            _split_block(text, block_start, newline, spans)
            block_start = next_line
    _split_block(text, block_start, len(text), spans)
    return tuple(spans)


def _line_break_ends_sentence(text: str, newline: int, next_line: int) -> bool:
    """Whether the line break text[newline:next_line] (a newline and blank space) ends a sentence."""
    if text.find("\n", newline + 1, next_line) != -1:
        return True  # a blank line: a paragraph break
    before = newline - 1
    while before >= 0 and text[before] in " \t\r":
        before -= 1
    if before < 0 or next_line >= len(text):
        return True
    if _TICKER_TAIL.match(text, next_line):
        return False  # "Transocean (RIG.\nN) said": a stock ticker's period split the line
    return not (text[next_line].islower() or text[before] in _LINE_CONTINUES_AFTER)


#: The tail of a stock ticker after its period, "(RIG.N)", "-LRB- BP.L -RRB-": no sentence
#: ends at that period.
_TICKER_TAIL = re.compile(r"[A-Z]{1,2}\s?(?:\)|-RRB-)")


def _split_block(text: str, block_start: int, block_end: int, spans: list[Span]) -> None:
    """Add the sentences of text[block_start:block_end] to spans."""
    sentence_start = block_start
    # Runs of marks with no whitespace after them ("3.5", "example.com") are not looked at.
    for end in _SENTENCE_END.finditer(text, block_start, block_end):
        next_start = end.end()
        if next_start >= block_end:
            continue  # the block's end ends this sentence
        following = text[next_start]
        if not (following.isupper() or following.isdigit() or following in _OPENERS):
            continue
        run_start, (run_end, sentence_end) = end.start(), end.span(1)
        if run_end - run_start == 1 and sentence_end == run_end and text[run_start] == ".":
            if _TICKER_TAIL.match(text, next_start) or not _period_ends_sentence(text, run_start, next_start):
                continue
        _add_trimmed(text, sentence_start, sentence_end, spans)
        sentence_start = next_start
    _add_trimmed(text, sentence_start, block_end, spans)


def _period_ends_sentence(text: str, period: int, next_start: int) -> bool:
    token = _token_before(text, period)
    if token in _NEVER_FINAL:
        return False
    if token == "No" and text[next_start].isdigit():  # "No. 5"
        return False
    if token in _MAYBE_FINAL or _is_initials(token):
        return text[next_start] in _OPENING_QUOTES or _word_at(text, next_start) in _SENTENCE_STARTERS
    return True


def _token_before(text: str, end: int) -> str:
    """The word that ends at `end`, without opening quotes; "" if longer than any abbreviation."""
    # Split in C rather than walked back character by character: the window holds one
    # character more than the longest abbreviation, to tell a longer word.
    window = text[max(end - _MAX_ABBREVIATION - 1, 0) : end]
    if not window or window[-1].isspace():
        return ""
    token = window.rsplit(None, 1)[-1]
    return "" if len(token) > _MAX_ABBREVIATION else token.lstrip(_OPENING_MARKS)


def _is_initials(token: str) -> bool:
    """"L", "J.P", "U.S", "a.m": letters standing alone, joined by periods."""
    parts = token.split(".")
    return all(len(part) == 1 and part.isalpha() for part in parts) and (len(parts) > 1 or token.isupper())


def _word_at(text: str, start: int) -> str:
    end = start
    while end < len(text) and end - start < 20 and text[end].isalpha():
        end += 1
    return text[start:end]


#: Words that, capitalised after a word in lower case and before another, open a sentence
#: whose end mark a web page lost: a caption or a factbox glued to the text after it
#: ("... offering takeaway food The restaurants are to reopen", "rose to 140 Of nine new
#: cases ..."). Not "A" ("vitamin A is") nor "I".
_GLUED_OPENERS = (
    "The", "Of", "If", "About", "In", "On", "At", "For", "From", "With", "After", "Before",
    "When", "While", "Although", "Despite", "But", "However", "Meanwhile", "This", "These",
    "Those", "There", "It", "He", "She", "They", "We", "His", "Her", "Their", "Its", "Our",
    "Some", "Many", "Most", "Such", "Officials",
)
_MONTH_WORDS = "|".join(MONTH_NAMES)
_GLUED = re.compile(
    # A discourse opener after any word ("you may need Adobe Reader Meanwhile in Mexico").
    # A lower-case word or a number, then the opener and a word in lower case or a number.
    # (The space comes first, the look behind it after: the search then skips from space to
    # space instead of trying the look-behind at every character. Every branch goes on with
    # a capital or a digit: a space before anything else is passed over at one look.)
    rf" (?=[A-Z0-9])(?:(?<=[A-Za-z] )(?P<discourse>)(?=(?:Meanwhile|However|Moreover|Nevertheless),? [a-z])"
    rf"|(?<=[a-z0-9%] )(?=(?:{'|'.join(_GLUED_OPENERS)}) [a-z0-9])"
    # A chronology's next item: a day and its month, then a colon or a dash and a capital
    # ("... killing 11 people 28 April : Coastguard fears ...", "... 2 June - Gas leaks").
    rf"|(?<=[A-Za-z0-9] )(?P<item>)(?=(?:\d{{1,2}} (?:{_MONTH_WORDS})|(?:{_MONTH_WORDS}) \d{{1,2}}) ?[:\u2013-] [A-Z`'\"\u2018\u201c])"
    # A quotation closed without its end mark, then a capitalised opener: a caption's quote
    # glued to the text ("Barack Obama: “Domestic oil production must be done responsibly”
    # An emergency shrimping season was opened ...").
    rf"|(?:(?<=[a-z] '' )|(?<=[a-z]'' )|(?<=[a-z]\u201d )|(?<=[a-z]\" ))(?P<quote>)(?=(?:{'|'.join(_GLUED_OPENERS)}|An|A) [a-z0-9])"
    # A caption that ends on "ago", then "A" and a word in lower case ("declared a pandemic
    # 41 years ago A sharp increase in cases ...").
    rf"|(?<= ago )(?P<ago>)(?=A [a-z]))"
)


def _add_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Add text[start:end] trimmed, split where an end mark was lost (_GLUED)."""
    for glue in _GLUED.finditer(text, start, end):
        if any(glue.group(name) is not None for name in ("item", "quote", "ago", "discourse")) or _word_before_is_lower(text, glue.start()):
            _add_one_trimmed(text, start, glue.start(), spans)
            start = glue.end()
    _add_one_trimmed(text, start, end, spans)


def _word_before_is_lower(text: str, end: int) -> bool:
    """Whether the token ending at `end` is a word in lower case or a number, not a
    capitalised word ("Says He Will", a title) nor an abbreviation ("Gen. He")."""
    token = text[max(0, end - 30) : end].rsplit(None, 1)[-1]
    return token[:1].islower() or token[:1].isdigit()


def _add_one_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))


# ---------------------------------------------------------------------------
# Tense


@attrs.frozen
class TenseRules:
    """The cue words of rules/en/tense.toml, ready for lookup."""

    future_words: frozenset[str]
    future_suffixes: tuple[str, ...]
    would_or_had_suffixes: tuple[str, ...]
    #: Modals that look ahead unless the word after them looks back ("could flood", not "could have").
    prospect_modals: frozenset[str]
    not_after_prospect: frozenset[str]
    #: Phrases by their first word, longest first.
    future_phrases: types.MappingProxyType[str, tuple[tuple[str, ...], ...]]
    past_words: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    participles: frozenset[str]
    present_words: frozenset[str]
    be_forms: frozenset[str]
    adverbs: frozenset[str]
    not_ed_verbs: frozenset[str]
    adjective_after: frozenset[str]
    clause_openers: frozenset[str]
    clause_punctuation: frozenset[str]
    #: The clause punctuation as one character class.
    clause_punctuation_pattern: re.Pattern[str] = attrs.field(init=False)
    #: Every word that can open a verb group, and the endings that can (all the
    #: others are skipped without a look).
    cue_starters: frozenset[str] = attrs.field(init=False)
    cue_suffixes: tuple[str, ...] = attrs.field(init=False)

    @clause_punctuation_pattern.default
    def _punctuation(self) -> re.Pattern[str]:
        return re.compile("[" + "".join(re.escape(char) for char in sorted(self.clause_punctuation)) + "]")

    @cue_starters.default
    def _starters(self) -> frozenset[str]:
        return (
            self.future_words
            | self.prospect_modals
            | frozenset(self.future_phrases)
            | self.perfect_auxiliaries
            | self.past_words
            | self.present_words
        )

    @cue_suffixes.default
    def _suffixes(self) -> tuple[str, ...]:
        return (*self.future_suffixes, *self.would_or_had_suffixes, "ed")


@functools.cache
def tense_rules() -> TenseRules:
    with _TENSE_RULES_PATH.open("rb") as handle:
        data = tomllib.load(handle)
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in data["future"]["phrases"]:
        words = tuple(phrase.split())
        phrases.setdefault(words[0], []).append(words)
    return TenseRules(
        future_words=frozenset(data["future"]["words"]),
        future_suffixes=tuple(data["future"]["suffixes"]),
        would_or_had_suffixes=tuple(data["future"]["would_or_had_suffixes"]),
        prospect_modals=frozenset(data["future"]["prospect_modals"]),
        not_after_prospect=frozenset(data["future"]["not_after_prospect"]),
        future_phrases=types.MappingProxyType(
            {first: tuple(sorted(group, key=len, reverse=True)) for first, group in phrases.items()}
        ),
        past_words=frozenset(data["past"]["irregular"]) | frozenset(data["past"]["negated"]),
        perfect_auxiliaries=frozenset(data["perfect"]["auxiliaries"]),
        participles=frozenset(data["perfect"]["participles"]),
        present_words=frozenset(data["present"]["words"]),
        be_forms=frozenset(data["verb_group"]["be"]),
        adverbs=frozenset(data["verb_group"]["adverbs"]),
        not_ed_verbs=frozenset(data["ed"]["not_verbs"]),
        adjective_after=frozenset(data["ed"]["adjective_after"]),
        clause_openers=frozenset(data["clauses"]["openers"]),
        clause_punctuation=frozenset(data["clauses"]["punctuation"]),
    )


@attrs.frozen
class Words:
    """The words of a text: their lower-case forms (straight apostrophes) and offsets.
    Columns, not one object per word: tense reads every word of every dated sentence."""

    text: str
    lower: tuple[str, ...]
    #: Where each word starts and ends: word i is text[bounds[2i]:bounds[2i + 1]].
    bounds: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.lower)

    def start(self, index: int) -> int:
        return self.bounds[2 * index]

    def end(self, index: int) -> int:
        return self.bounds[2 * index + 1]

    def capitalized(self, index: int) -> bool:
        return self.text[self.bounds[2 * index]].isupper()

    def is_named_may(self, index: int) -> bool:
        """Whether word `index` is "May" capitalised inside the text: a month or a name
        ("on 8 May", "Theresa May"), no modal."""
        return index > 0 and self.lower[index] == "may" and self.capitalized(index)


@attrs.frozen
class VerbCue:
    """A verb group whose form tells its tense; offsets into the text it was found in."""

    tense: Tense
    start: int
    end: int
    #: A modal's "may", "could": future for a date after it ("could flood over the weekend"),
    #: no guide for a date before it in its clause ("that burst their banks on Monday could").
    modal: bool = False


#: A word: letters and digits, with apostrophes and hyphens inside it but not at its
#: ends ("don't", "so-called"). Linear: what the inner repeat gives back, only the
#: last \w can take. Captured, so that splitting a text by it keeps the words.
_WORD = re.compile(r"(\w(?:[\w'’-]*\w)?)")
#: The same for ASCII text: sre tells an ASCII word character from a table, several
#: times faster than from Unicode's (the same words, where the text is ASCII). Its run
#: ends on a word character by a look back, not by giving back a character to match one
#: again: the same words, split a fifth faster.
_ASCII_WORD = re.compile(r"(\w[\w'-]*(?<=\w))", re.ASCII)
#: News punctuation outside ASCII, none of it inside words: "’" reads as "'", the rest
#: as spaces, so that most news splits with _ASCII_WORD (the offsets stay the same).
#: Found by a character set and replaced in C: str.translate looks every character up in
#: a dict, ten times slower.
_TO_SPACE = re.compile("[“”‘«»—–…•·\u00a0\u2009\u200a\u202f]")


# Each sentence is read several times (once per expression in it, and again for
# its events); the results are immutable, so a small cache keyed by the text saves
# the repeated work without any state a caller could see.
@functools.lru_cache(maxsize=512)
def words_of(text: str) -> Words:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters grow when lowered ("İ"): word by word
        parts = _WORD.split(text)
        lower = tuple(part.lower().replace("’", "'") for part in parts[1::2])
    else:
        if not lowered.isascii():
            lowered = _TO_SPACE.sub(" ", lowered).replace("’", "'")
        parts = (_ASCII_WORD if lowered.isascii() else _WORD).split(lowered)
        lower = tuple(parts[1::2])
    # The pieces alternate between gaps and words: their running lengths are the
    # words' offsets, summed in C rather than read word by word.
    return Words(text, lower, tuple(itertools.accumulate(map(len, parts[:-1]))))


@functools.lru_cache(maxsize=512)
def verb_cues(text: str) -> tuple[VerbCue, ...]:
    """The verb groups of `text` whose tense their form shows, in text order."""
    return tuple(_cues(words_of(text), tense_rules()))


@functools.lru_cache(maxsize=512)
def first_verb_cue(text: str) -> VerbCue | None:
    """verb_cues(text)[0], or None: read without the verb groups after it."""
    return next(_cues(words_of(text), tense_rules()), None)


def _cues(words: Words, rules: TenseRules) -> Iterator[VerbCue]:
    starters, suffixes = rules.cue_starters, rules.cue_suffixes
    next_index = 0
    for index, word in enumerate(words.lower):
        # Most words open no verb group; a word inside the group just read opens none.
        if index < next_index or not (word in starters or word.endswith(suffixes)):
            continue
        cue, next_index = _cue_at(words, index, rules)
        if cue is not None:
            yield cue


def _cue_at(words: Words, index: int, rules: TenseRules) -> tuple[VerbCue | None, int]:
    """The cue that starts at words[index], if any, and the index of the next word to read."""
    lowers = words.lower
    lower = lowers[index]
    if words.is_named_may(index):
        return None, index + 1
    after_article = index > 0 and lowers[index - 1] in rules.adjective_after

    if not after_article:  # "the will of the people", "the plans to build"
        for phrase in rules.future_phrases.get(lower, ()):
            if lowers[index : index + len(phrase)] == phrase:
                return _cue("future", words, index, _main_verb_end(words, index + len(phrase), rules))
        if lower in rules.future_words or lower.endswith(rules.future_suffixes):
            return _cue("future", words, index, _main_verb_end(words, index + 1, rules))
        if lower.endswith(rules.would_or_had_suffixes):
            after = _skip_adverbs(words, index + 1, rules)
            if after < len(words) and _is_participle(lowers[after], rules):
                return _cue("past", words, index, after + 1)  # "they'd gone": had
            return _cue("future", words, index, _main_verb_end(words, index + 1, rules))  # "I'd like": would
        if lower in rules.prospect_modals and index + 1 < len(words):
            following = words.lower[index + 1]
            after_have = words.lower[index + 2] if index + 2 < len(words) else ""
            perfect = following == "have" and (after_have == "been" or _is_participle(after_have, rules))
            if perfect or (lower == "could" and following in rules.not_after_prospect and following != "have"):
                # "may have been", "could not be reached on Friday": of the past
                return _cue("past", words, index, _main_verb_end(words, index + 1, rules), modal=True)
            if following not in rules.not_after_prospect or following == "have":
                # "could flood again over the weekend", "should have the vaccine ready": ahead
                return _cue("future", words, index, _main_verb_end(words, index + 1, rules), modal=True)

    if lower in rules.perfect_auxiliaries:
        after = _skip_adverbs(words, index + 1, rules)
        if after < len(words) and _is_participle(lowers[after], rules):
            # "has been criticized": the participle of the passive belongs to the same group.
            end = after + 1
            if lowers[after] == "been":
                passive = _skip_adverbs(words, end, rules)
                if passive < len(words) and _is_participle(lowers[passive], rules):
                    end = passive + 1
            return _cue("past", words, index, end)

    follows_be_or_article = after_article or (index > 0 and lowers[index - 1] in rules.be_forms)
    if lower in rules.past_words and not (follows_be_or_article and lower not in rules.be_forms):
        return _cue("past", words, index, _passive_end(words, index, rules))
    if lower in rules.present_words:
        return _cue("present", words, index, _passive_end(words, index, rules))
    if _looks_like_ed_verb(lower, rules) and not follows_be_or_article and not (index > 0 and words.capitalized(index)):
        return _cue("past", words, index, index + 1)
    return None, index + 1


def _cue(tense: Tense, words: Words, first: int, end: int, *, modal: bool = False) -> tuple[VerbCue, int]:
    return VerbCue(tense, words.start(first), words.end(end - 1), modal), end


def _skip_adverbs(words: Words, index: int, rules: TenseRules, limit: int = 2) -> int:
    stop = min(len(words), index + limit)
    lowers = words.lower
    while index < stop and (lowers[index] in rules.adverbs or lowers[index].endswith("ly")):
        index += 1
    return index


def _main_verb_end(words: Words, index: int, rules: TenseRules) -> int:
    """End of a verb group after a future marker: "will (not) (have) (been) hold"."""
    index = _skip_adverbs(words, index, rules)
    lowers = words.lower
    while index < len(words) and (lowers[index] in rules.be_forms or lowers[index] == "have"):
        index = _skip_adverbs(words, index + 1, rules)
    return min(index + 1, len(words))


def _passive_end(words: Words, index: int, rules: TenseRules) -> int:
    """After a form of "be", take in its participle ("is focused", "was intended")."""
    if words.lower[index] not in rules.be_forms:
        return index + 1
    after = _skip_adverbs(words, index + 1, rules)
    if after < len(words) and _is_participle(words.lower[after], rules):
        return after + 1
    return index + 1


def _is_participle(lower: str, rules: TenseRules) -> bool:
    return lower in rules.participles or _looks_like_ed_verb(lower, rules)


def _looks_like_ed_verb(lower: str, rules: TenseRules) -> bool:
    return (
        len(lower) >= 4
        and lower.endswith("ed")
        and lower.isalpha()  # not "multi-decade", "so-called", "'ed"
        and lower not in rules.not_ed_verbs
    )


def tense_of(sentence_text: str) -> Tense:
    """The tense of the first verb group that shows one; "present" when none does.

    The first such group is usually the main verb of a news sentence ("Officials said on
    Monday that ...", "The leaders will meet ..."). To date one expression of a sentence
    that mixes tenses, use tense_near.
    """
    cues = verb_cues(sentence_text)
    return cues[0].tense if cues else "present"


def tense_near(text: str, sentence: Span, expr_start: int, expr_end: int) -> Tense:
    """The tense of the verb that the expression text[expr_start:expr_end] most likely modifies.

    A time adverbial in English usually follows its verb ("said on Monday", "will hold talks
    on Friday"), so the nearest verb group before the expression in the same clause decides;
    a fronted one ("On Friday, the leaders will meet") takes the first verb group after it
    in its clause; otherwise the nearest verb group in the sentence; "present" without any.
    "The U.S. said on Monday it will hold talks on Friday": Monday is past, Friday future.

    To ask about many expressions of one sentence, read it once with SentenceTenses and
    ask it for each: a long sentence with many dates then stays linear in time.
    """
    return SentenceTenses(sentence.of(text)).tense(expr_start - sentence.start, expr_end - sentence.start)


class SentenceTenses:
    """A sentence's verb cues (in text order, never overlapping) and clause boundaries."""

    def __init__(self, sentence_text: str) -> None:
        self.length = len(sentence_text)
        self.cues = verb_cues(sentence_text)
        self.cue_starts = [cue.start for cue in self.cues]
        self.cue_ends = [cue.end for cue in self.cues]
        self.boundaries = _clause_boundaries(sentence_text, tense_rules()) if self.cues else []

    def tense(self, start: int, end: int) -> Tense:
        cues = self.cues
        if not cues:
            return "present"
        start = min(max(start, 0), self.length)
        end = min(max(end, start), self.length)
        boundaries = self.boundaries
        left_limit = boundaries[bisect.bisect_right(boundaries, start) - 1] if boundaries and boundaries[0] <= start else 0
        right_index = bisect.bisect_left(boundaries, end)
        right_limit = boundaries[right_index] if right_index < len(boundaries) else self.length
        # The last cue that ends before the expression, if its clause is the expression's.
        last_before = bisect.bisect_right(self.cue_ends, start) - 1
        if last_before >= 0 and cues[last_before].start >= left_limit:
            return cues[last_before].tense
        # The first cue that starts after it, if it ends in the same clause.
        first_after = bisect.bisect_left(self.cue_starts, end)
        if first_after < len(cues) and cues[first_after].end <= right_limit and not cues[first_after].modal:
            return cues[first_after].tense
        # The nearest cue: one of those around or over the expression.
        low, high = max(last_before, 0), min(first_after + 1, len(cues))
        # A cue inside the expression is a word of the date ("8 May"), no verb of it.
        near = [cue for cue in cues[low:high] if not (cue.modal and cue.start >= end) and not (start <= cue.start and cue.end <= end)]
        if not near:  # only a modal after it: the next verb that tells a tense ("..., it said")
            near = [cue for cue in cues[high:] if not cue.modal][:1] or cues[low:high]
        return min(near, key=lambda cue: max(cue.start - end, start - cue.end)).tense


def _clause_boundaries(sentence_text: str, rules: TenseRules) -> list[int]:
    """Offsets where a clause starts: opening words and clause-ending punctuation, sorted."""
    words = words_of(sentence_text)
    openers = rules.clause_openers
    positions = [words.start(index) for index, lower in enumerate(words.lower) if lower in openers]
    positions.extend(match.start() for match in rules.clause_punctuation_pattern.finditer(sentence_text))
    return sorted(positions)
