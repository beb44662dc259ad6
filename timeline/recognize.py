"""Recognition: find temporal expressions in text and give each an underspecified value.

The rules live in ``rules/en/rules.toml`` and the word tables in
``rules/en/lexicon.toml``; this module compiles them, runs them over the text,
keeps the longest non-overlapping matches, and widens each over the modifiers
that TimeML puts inside the expression ("early", "the end of", "about").
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Callable

import attrs


@attrs.frozen
class Mention:
    """A temporal expression as recognised: its span and an underspecified value."""

    start: int
    end: int
    text: str
    type: str
    value: str  # may start with UNDEF-, DUR-, SETDUR-: see rules.toml
    rule: str
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    relation: str | None = None
    #: The tense the words before it fix, where they do ("after their loss on Sunday": past).
    tense: str | None = None


@attrs.frozen
class Rule:
    name: str
    #: The rule's pattern with its macros written out; compiled on first use
    #: (see `regex`), so a short text pays only for the rules its words can fire.
    source: str
    type: str
    value: str
    mod: str | None
    quant: str | None
    freq: str | None
    context: str | None
    #: The text just before the match must end with this (English needs
    #: lookbehinds of many lengths, which Python's re does not allow).
    preceded_by: re.Pattern[str] | None = None
    #: Words (lower case; "#" for any number) one of which starts a part of
    #: every match: the rule runs only near them. None: it scans the whole text.
    triggers: frozenset[str] | None = None
    #: What the triggers stand for in the pattern: a macro's name, or words written
    #: in it. It tells how far a match reaches from a trigger.
    key: str | frozenset[str] | None = None


#: A run of whitespace, read as one space.
_SPACES = re.compile(r"\s+")
_DIGITS_WITH_COMMAS = re.compile(r"\d[\d,]*(\.\d+)?")


# --- Word tables --------------------------------------------------------------


@functools.cache
def lexicon() -> dict[str, dict[str, str]]:
    text = resources.files("timeline").joinpath("rules/en/lexicon.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


#: Tables whose words are proper nouns: matched case-sensitively, as written in
#: news ("Friday", "FRIDAY"), so that "may" (the verb) is not May.
_CAPITALISED = {"month", "weekday", "weekday_plural"}

#: Abbreviations that are also common words need their full stop ("Sun." not "Sun").
_ABBREVIATION_MIN_LENGTH = 5


def _trie_pattern(words: list[str]) -> str:
    """One regex for a list of words, with shared prefixes factored out
    ("a|an|a few" -> "a(?:n|\\s+few)?"): Python's re tries every branch of a
    flat alternation at every position, which made scanning slow."""
    trie: dict = {}
    for word in words:
        node = trie
        for token in re.findall(r" |[^ ]", word):
            node = node.setdefault(token, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends_here = "" in node
        branches = [(r"\s+" if token == " " else re.escape(token)) + emit(child) for token, child in sorted(node.items()) if token]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends_here else body

    return emit(trie)


@functools.cache
def _words_alternation(table: str) -> str:
    words = sorted(lexicon()[table], key=len, reverse=True)
    if table not in _CAPITALISED:
        return f"(?:{_trie_pattern(words)})"
    parts = []
    for word in words:
        forms = {word.capitalize(), word.upper()}
        if word in {"mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "weekends"}:
            forms = {word.capitalize()} if word != "weekends" else {"weekends"}
        for form in sorted(forms):
            if len(word) < _ABBREVIATION_MIN_LENGTH and word not in {"may", "june", "july"} and table == "month":
                parts.append(re.escape(form) + r"(?:\.|(?=\s+\d))")
            elif len(word) <= 4 and table == "weekday":
                parts.append(re.escape(form) + r"\.")
            else:
                parts.append(re.escape(form))
    return "(?-i:" + "|".join(parts) + ")"


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"

#: Macros defined by a pattern of their own rather than by a word table.
_PATTERN_MACROS: dict[str, str] = {
    "day": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
    # A four-digit number before a zone or "local time" is a clock ("1130 GMT"), not a year.
    "year": r"(?:(?:1[0-9]|20)\d\d(?!\d)(?! ?(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|local time|hours|hrs)\b)|[’']\d\d(?!\d))",
    "year2": r"(?:\d\d|(?:1[0-9]|20)\d\d)(?!\d)",
    "year_any": r"(?:(?:1[0-9]|20)\d\d|\d\d)(?!\d)",
    "iso_year": r"(?:1[0-9]|20)\d\d",
    "iso_month": r"(?:0[1-9]|1[0-2])",
    "iso_day": r"(?:0[1-9]|[12]\d|3[01])(?!\d)",
    "us_month": r"(?:0?[1-9]|1[0-2])",
    "us_day": r"(?:0?[1-9]|[12]\d|3[01])",
    "hour24": r"(?:[01]\d|2[0-3])",
    "minute": r"[0-5]\d",
    "decade": r"(?:(?:1[0-9]|20)\d0|[’']\d0)[’']?s",
    "decade_digits": r"[2-9]0s(?!\w)",  # "the 90s": read only after "the" (ages: "in his 90s")
    "digits": r"\d{1,3}(?:\.\d+)?(?!\d)",
    "quarter_digit": r"[1-4]",
    "clock": (
        r"(?:(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*(?:a\.m\.|p\.m\.|a\.m|p\.m|am\b|pm\b)"
        r"|(?:[01]?\d|2[0-3]):[0-5]\d"
        r"|noon|midnight|midday)"
        # a time zone, written in capitals ("EST", "GMT+2", "(UTC)"): see _ZONE_OFFSETS
        r"(?-i:\s*\((?:GMT|UTC)(?:\s?[+-]\d{1,2}(?::?\d\d)?)?\)"
        r"|\s*(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d\d)?)?(?!\w)"
        r"|\s+\(?(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|ET|CT|MT|PT)\)?(?!\w))?"
    ),
}


@functools.cache
def _number_pattern() -> str:
    words = _words_alternation("number")
    compound = rf"(?:{_TENS})(?:[- ](?:{_UNITS}))?"
    half = r"(?:\s+and\s+a\s+half)?"
    return rf"(?:(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2)?(?!\d)|{compound}(?!\w)|{words}){half})"


@functools.cache
def _macro_pattern(name: str) -> str:
    if name in _PATTERN_MACROS:
        return _PATTERN_MACROS[name]
    if name == "num":
        return _number_pattern()
    return _words_alternation(name)


_MACRO = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


#: What stands before a match: anything but an ASCII letter, digit or "_" (the lookbehind
#: after it then checks that it is no word character at all, "é" being one). A pattern
#: that opens with a lookbehind is tried at every position, about 300 instructions each;
#: one that opens with a case-sensitive character set lets sre skip in C to where the set
#: matches, and only spaces and punctuation do.
_BEFORE_MATCH = r"(?-i:[^0-9A-Z_a-z])"


@attrs.frozen
class _Compiled:
    """A pattern that starts at a word's start, compiled twice over: to match after the
    character before it, and at the text's first character. Both put what the pattern
    matched in the group "_body"; `_rule_matches` reads them."""

    after: re.Pattern[str]
    #: Compiled only when a text is searched from its start (compiling was most of what
    #: a first build cost).
    at_start_source: str
    flags: int

    @classmethod
    def of(cls, body: str, flags: int, ahead: str = "") -> "_Compiled":
        """`body` (its match in the group "_body"), after a lookahead `ahead` for its first
        characters, if any."""
        body = f"(?P<_body>{body})"
        # Read with ASCII classes, the character before is no word character once it is
        # none of _BEFORE_MATCH's: no lookbehind to check it again.
        behind = "" if flags & re.ASCII else r"(?<![\w])"
        return cls(re.compile(rf"{_BEFORE_MATCH}{ahead}{behind}{body}", flags), ahead + body, flags)

    @property
    def at_start(self) -> re.Pattern[str]:
        return _compiled_at_start(self.at_start_source, self.flags)


@functools.cache
def _compiled_at_start(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


@functools.cache
def _compile(pattern: str) -> _Compiled:
    seen: set[str] = set()

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in seen:  # a second use only matches; the value reads the first
            return f"(?:{_macro_pattern(name)})"
        seen.add(name)
        return f"(?P<{name}>{_macro_pattern(name)})"

    body = _MACRO.sub(expand, pattern).replace(" ", r"\s+")
    # Word edges: an expression never starts or ends inside a word. The characters a
    # match can start with, checked first, spare most places the whole pattern.
    first = _first_characters(pattern)
    ahead = f"(?=[{first}])" if first else ""
    return _Compiled.of(rf"(?:{body})(?![\w])", re.IGNORECASE, ahead)


def _rule_matches(rule: _Compiled, text: str, low: int, high: int) -> Iterator[re.Match[str]]:
    """The matches finditer(text, low, high) would give of the rule written with a
    lookbehind for a word edge; each match's "_body" group is what the rule matched."""
    return _matches_in_windows(rule, text, ((low, high),))


def _matches_in_windows(
    rule: _Compiled, text: str, windows: Iterable[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """_rule_matches in each window in turn."""
    search = rule.after.search
    for low, high in windows:
        position = low - 1  # where the character before the first match may stand
        if low == 0:
            first = rule.at_start.match(text, 0, high)
            if first is not None:
                yield first
            position = first.end() - 1 if first is not None else 0
        while (match := search(text, position, high)) is not None:
            yield match
            # The next match may start where this one ends: its character before is our last.
            position = match.end() - 1


#: What a parsed pattern can start with: characters, and the classes \d and \s.
_Firsts = frozenset[str]


def _first_characters(pattern: str) -> str:
    """A character class (without its brackets) of all the characters a match of the
    rule can start with, or "" where that cannot be told."""
    items, macro_of = _shape(pattern)
    firsts, nullable = _firsts(items, macro_of)
    if firsts is None or nullable:
        return ""
    both_cases = {form for atom in firsts for form in ((atom,) if len(atom) > 1 else (atom.lower(), atom.upper()))}
    return "".join(atom if len(atom) > 1 else re.escape(atom) for atom in sorted(both_cases))


@functools.cache
def _shape(pattern: str) -> tuple[list, dict[int, str]]:
    """A rule's pattern parsed with every use of a macro standing as a one-character named
    group (parsing the expanded regexes was most of the start-up time), and which macro
    each such group stands for."""
    from re import _parser

    uses: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        uses.append(match.group(1))
        return f"(?P<_macro{len(uses) - 1}>[\\0])"

    parsed = _parser.parse(_MACRO.sub(placeholder, pattern).replace(" ", r"\s+"), re.IGNORECASE)
    macro_of = {
        index: uses[int(name.removeprefix("_macro"))]
        for name, index in parsed.state.groupdict.items()
        if name.startswith("_macro")
    }
    return list(parsed), macro_of


@functools.cache
def _macro_parsed(name: str) -> list:
    from re import _parser

    return list(_parser.parse(_macro_pattern(name), re.IGNORECASE))


@functools.cache
def _macro_firsts(name: str) -> tuple[_Firsts | None, bool]:
    return _firsts(_macro_parsed(name), {})


def _firsts(items, macro_of: dict[int, str]) -> tuple[_Firsts | None, bool]:
    """(what the sequence can start with, whether it can match nothing); None: anything."""
    found: set[str] = set()
    for item in items:
        firsts, nullable = _item_firsts(item, macro_of)
        if firsts is None:
            return None, False
        found |= firsts
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def _item_firsts(item, macro_of: dict[int, str]) -> tuple[_Firsts | None, bool]:
    from re import _constants as c

    op, arg = item
    if op is c.LITERAL:
        return frozenset({chr(arg)}), False
    if op is c.IN:
        atoms: set[str] = set()
        for kind, value in arg:
            if kind is c.LITERAL:
                atoms.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < 64:
                atoms.update(chr(code) for code in range(value[0], value[1] + 1))
            elif kind is c.CATEGORY and value in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE):
                atoms.add(r"\d" if value is c.CATEGORY_DIGIT else r"\s")
            else:
                return None, False
        return frozenset(atoms), False
    if op is c.SUBPATTERN:
        if arg[0] in macro_of:
            return _macro_firsts(macro_of[arg[0]])
        return _firsts(arg[3], macro_of)
    if op is c.BRANCH:
        found: set[str] = set()
        nullable = False
        for alternative in arg[1]:
            firsts, empty = _firsts(alternative, macro_of)
            if firsts is None:
                return None, False
            found |= firsts
            nullable = nullable or empty
        return frozenset(found), nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _, sub = arg
        firsts, empty = _firsts(sub, macro_of)
        return firsts, firsts is not None and (low == 0 or empty)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset(), True  # reads no character of its own
    return None, False


#: Where a word written out in a rule ("ago", "earlier or previously") ranks among the macros.
_LITERAL_WORDS = "(literal words)"
#: Words written in rules that are too common in news to key one.
_COMMON_WORDS = frozenset(
    "a an the of from that this these those in on at to and or s per each every other second "
    "last next past some long right while day days week weeks month months year years decades end "
    "more further extra additional".split()
)
#: Macros that can key a rule, rarest in news text first. A rule is run only in
#: windows around the matches of its rarest required macro: scanning ~100 rules
#: over every character was most of the time a build took.
_KEY_MACROS = (
    "iso_year", "us_month", "holiday_fixed", "holiday_nth_weekday", "holiday_easter", "century_ordinal", "decade",
    "deictic_day", "day_around", "set_adverb", "times", "weekday_plural", "season", "part_of_day",
    _LITERAL_WORDS, "clock", "weekday", "month", "day_ordinal", "quarter_digit", "ref_unit", "calendar_unit",
    "plural_unit", "unit_sing", "unit", "year", "year_any", "decade_digits", "digits", "day",
)
#: How far a match may reach before and after its key.
_WINDOW_BEFORE = 40
_WINDOW_AFTER = 48


def _spaces_repeated(sub) -> bool:
    """Whether what a parsed repeat repeats is \\s (a space written in a rule reads "\\s+")."""
    from re import _constants as c

    return list(sub) == [(c.IN, [(c.CATEGORY, c.CATEGORY_SPACE)])]


def _required_parts(pattern: str) -> tuple[set[str], list[frozenset[str]]]:
    """What every match of a rule's pattern must contain: macros, and sets of whole
    words written out in it (one word of each set)."""
    from re import _constants as c

    parsed, macro_of = _shape(pattern)

    def walk_groups(items, required: bool) -> set[str]:
        found: set[str] = set()
        for op, arg in items:
            if op is c.SUBPATTERN:
                group, _, _, sub = arg
                if required and group in macro_of:
                    found.add(macro_of[group])
                found |= walk_groups(sub, required)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                low, _, sub = arg
                found |= walk_groups(sub, required and low > 0)
            elif op is c.BRANCH:
                branches = [walk_groups(alt, required) for alt in arg[1]]
                found |= set.intersection(*branches) if branches else set()
        return found

    def word_char(op) -> bool:
        return op[0] is c.LITERAL and (chr(op[1]).isalnum() or op[1] == ord("_"))

    def edge(op) -> bool:  # what ends a word: a written space or hyphen, or \s+
        if op[0] is c.MAX_REPEAT:
            return _spaces_repeated(op[1][2])
        return op[0] is c.LITERAL and not word_char(op)

    def walk_words(items, left_edge: bool, right_edge: bool) -> list[frozenset[str]]:
        """Whole words in a sequence of required items; the edges say whether the
        sequence starts and ends at a word edge."""
        items = list(items)
        found: list[frozenset[str]] = []
        index = 0
        while index < len(items):
            op, arg = items[index]
            left = left_edge if index == 0 else edge(items[index - 1])
            last = index
            if word_char(items[index]):
                while last + 1 < len(items) and word_char(items[last + 1]):
                    last += 1
            right = right_edge if last == len(items) - 1 else edge(items[last + 1])
            if word_char(items[index]):
                if left and right:
                    found.append(frozenset({"".join(chr(items[k][1]) for k in range(index, last + 1)).lower()}))
            elif op is c.SUBPATTERN and arg[0] not in macro_of:
                found += walk_words(arg[3], left, right)
            elif op is c.BRANCH:
                # One usable word from each alternative: any of them keys the branch.
                choices = [[words for words in walk_words(alt, left, right) if _usable_key(words)] for alt in arg[1]]
                if choices and all(choices):
                    found.append(frozenset().union(*(min(words, key=len) for words in choices)))
            index = last + 1
        return found

    return walk_groups(parsed, True), [words for words in walk_words(parsed, True, True) if _usable_key(words)]


def _usable_key(words: frozenset[str]) -> bool:
    return not words & _COMMON_WORDS


#: Numbers index as one of three classes, so that the many numbers of financial news
#: ("$22 million", "15%") do not wake the rules that need a year.
_DIGIT = "#"  # one to three digits first: "5", "30th", "1" of "1,000"
_YEAR_DIGITS = "#4"  # four digits first, as years are written: "1998", "1990s"
_ELIDED_YEAR = "#'"  # digits after an apostrophe: "'98", "'90s"
#: Numbers of these shapes index under a second key as well.
_CLOCK_DIGITS = "#:"  # "10:30", "9 a.m.", "10pm": what the clock macro needs
_SLASHED_DIGITS = "#/"  # "4/2/2024"
_DECADE_DIGITS = "#0s"  # "90s"
_SHAPES = (
    (_CLOCK_DIGITS, re.compile(r"\d{1,2}(?::\d|(?:[:.]\d\d)?\s*[ap]\.?m)", re.IGNORECASE)),
    (_SLASHED_DIGITS, re.compile(r"\d{1,2}/\d")),
    (_DECADE_DIGITS, re.compile(r"\d0s(?!\w)")),
)
#: What each of _SHAPES starts with: one or two digits, then a mark, a space, "a", "p" or
#: "s" (a number that matches none of them is most numbers).
_ANY_SHAPE = re.compile(r"\d{1,2}[:./\sAaPps]")
_WORD = re.compile(r"\w+")
#: Words that can start a match of the macros defined by a pattern.
_PATTERN_TRIGGERS = {
    "clock": frozenset({_CLOCK_DIGITS, "noon", "midnight", "midday"}),
    "us_month": frozenset({_SLASHED_DIGITS}),
    "decade_digits": frozenset({_DECADE_DIGITS}),
    "quarter_digit": frozenset({"q1", "q2", "q3", "q4"}),
    "year": frozenset({_YEAR_DIGITS, _ELIDED_YEAR}),
    "decade": frozenset({_YEAR_DIGITS, _ELIDED_YEAR}),
    "iso_year": frozenset({_YEAR_DIGITS}),
    "year_any": frozenset({_YEAR_DIGITS, _DIGIT}),
    "year2": frozenset({_YEAR_DIGITS, _DIGIT}),
}


def _number_class(text: str, start: int, word: str) -> str:
    if len(word) - len(word.lstrip("0123456789")) == 4:
        return _YEAR_DIGITS
    if start > 0 and text[start - 1] in "'’":
        return _ELIDED_YEAR
    return _DIGIT


@functools.cache
def _macro_triggers(macro: str) -> frozenset[str]:
    if macro in _PATTERN_TRIGGERS:
        return _PATTERN_TRIGGERS[macro]
    if macro in _PATTERN_MACROS:
        return frozenset({_DIGIT})
    # Any word of an entry will do, as every match of the entry holds it: take the
    # longest, which is the rarest in running text ("the fourth of july" -> "fourth").
    words = set()
    for entry in lexicon()[macro]:
        tokens = _WORD.findall(entry)
        if tokens:
            words.add(max(tokens, key=len).lower())
    # rules may add a plural "s" after a macro ("Tuesday nights")
    return frozenset(_DIGIT if w[0].isdigit() else form for w in words for form in (w, w + "s"))


def _key_of(pattern: str) -> str | frozenset[str] | None:
    """The rarest part every match of a rule written with macros holds: a macro's
    name or a set of words."""
    required, words = _required_parts(pattern)
    for macro in _KEY_MACROS:
        if macro == _LITERAL_WORDS and words:
            return min(words, key=len)
        if macro in required:
            return macro
    return None


def _triggers_of(key: str | frozenset[str] | None) -> frozenset[str] | None:
    if key is None or isinstance(key, frozenset):
        return key
    return _macro_triggers(key)


#: Whitespace that a rule writes as one space may be a few characters in a text.
_SPACE_SLACK = 2
_UNBOUNDED = 10_000


@functools.cache
def _macro_width(name: str) -> int:
    return _max_width(_macro_parsed(name))


def _max_width(items, macro_of: dict[int, str] | None = None) -> int:
    """The most characters a parsed pattern can read from where it starts, counting what
    its lookaheads read (a window must hold that too, or they would see its end).
    `macro_of`: the groups that stand for macros (see _shape), each as wide as its macro."""
    from re import _constants as c

    macro_of = macro_of or {}
    total = 0
    for op, arg in items:
        if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN):
            total += 1
        elif op is c.SUBPATTERN and arg[0] in macro_of:
            total += _macro_width(macro_of[arg[0]])
        elif op is c.SUBPATTERN:
            total += _max_width(arg[3], macro_of)
        elif op is c.BRANCH:
            total += max(_max_width(alternative, macro_of) for alternative in arg[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            _, high, sub = arg
            if high is not c.MAXREPEAT:
                total += high * _max_width(sub, macro_of)
            elif _spaces_repeated(sub):
                total += 1 + _SPACE_SLACK  # \s+
            else:
                total += _UNBOUNDED
        elif op in (c.ASSERT, c.ASSERT_NOT):
            direction, sub = arg
            if direction == 1:  # a lookahead reads on; a lookbehind reads what is there anyway
                total += _max_width(sub, macro_of)
        elif op is not c.AT:
            total += _UNBOUNDED
    return total


@functools.cache
def _reach(pattern: str, key: str | frozenset[str]) -> tuple[int, int]:
    """How far a match can start before its key word starts, and end after it ends."""
    from re import _constants as c

    items, macro_of = _shape(pattern)

    def width(items) -> int:
        return _max_width(items, macro_of)

    def holds_key(item) -> bool:
        op, arg = item
        if op is c.SUBPATTERN:
            return macro_of.get(arg[0]) == key or any(holds_key(sub) for sub in arg[3])
        if op is c.BRANCH:
            return any(holds_key(sub) for alternative in arg[1] for sub in alternative)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            return any(holds_key(sub) for sub in arg[2])
        return False

    before = after = -1
    if isinstance(key, frozenset):
        # Written words: where their letters stand at the top, the reach is exact.
        letters = "".join(chr(arg) if op is c.LITERAL else "\0" for op, arg in items)
        for word in key:
            for found in re.finditer(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", letters, re.IGNORECASE):
                before = max(before, width(items[: found.start()]))
                after = max(after, width(items[found.end() :]))
    for index, item in enumerate(items):
        if holds_key(item) or (isinstance(key, frozenset) and item[0] is not c.LITERAL and _holds_words(item, key)):
            own = width([item])
            before = max(before, width(items[:index]) + own)
            after = max(after, own + width(items[index + 1 :]))
    if before < 0:  # the key is nowhere to be seen: the widest windows
        return _WINDOW_BEFORE, _WINDOW_AFTER
    return min(before, _WINDOW_BEFORE), min(after, _WINDOW_AFTER)


def _holds_words(item, words: frozenset[str]) -> bool:
    """Whether a parsed item nested in a pattern writes any of the words (roughly: its
    letters, read in order, hold one)."""
    from re import _constants as c

    letters: list[str] = []

    def walk(items) -> None:
        for op, arg in items:
            if op is c.LITERAL:
                letters.append(chr(arg).lower())
            else:
                letters.append(" ")
                if op is c.SUBPATTERN:
                    walk(arg[3])
                elif op is c.BRANCH:
                    for alternative in arg[1]:
                        walk(alternative)
                        letters.append(" ")
                elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                    walk(arg[2])

    walk([item])
    text = "".join(letters)
    return any(word in text for word in words)


# --- Gates: what must stand next to a rule's key ------------------------------------

#: The word next to a place, read forwards over the text or backwards over the reversed
#: text; the spaces, hyphens and stops between are passed over.
_NEXT_WORD = re.compile(r"\W*(\w+)")
#: Words read next to a key are compared by their first letters only: a written word
#: of a rule may be cut there.
_GATE_WORD_LENGTH = 12


@attrs.frozen
class _Side:
    """The words that can stand on one side of a rule's key, each read away from the
    key (backwards before it), perhaps cut short; `digits`: or a number."""

    words: tuple[str, ...]
    digits: bool

    def admits(self, word: str | None) -> bool:
        """Whether the word (lower case if ASCII; see _words_beside) may stand there."""
        if word is None:
            return False
        if not word.isascii():  # IGNORECASE reads "ſ" as "s": let such words through
            return True
        return (self.digits and word[0].isdigit()) or word.startswith(self.words)


@attrs.frozen(eq=False)  # one per set of words (_gate_of): compared as itself
class _Gate:
    """What must stand just before and just after a rule's key for the rule to match
    there. A hit of the key that fails it opens no window for the rule: most hits of
    "year" or "March" have none of "two", "in" or "5" beside them that the rules around
    them need. The words are read from the rule's parts next to its key, loosely (any
    spaces or marks between, case ignored, lookarounds left out), so a gate admits
    every place its rule can match, and then some."""

    #: For each trigger word of the key: what must stand before it and after it.
    sides: dict[str, tuple[_Side | None, _Side | None]]

    def admits(self, word: str, before: str | None, after: str | None) -> bool:
        """Whether the rule can match at a hit of a trigger word with these words before
        and after it (as _words_beside gives them)."""
        sides = self.sides.get(word)
        if sides is None:
            return True
        before_side, after_side = sides
        return (before_side is None or before_side.admits(before)) and (after_side is None or after_side.admits(after))

    def admitted(
        self, hits: list[tuple[int, int]], besides: list[tuple[str, str | None, str | None]]
    ) -> list[tuple[int, int]]:
        """The hits it admits, each with its words beside it (`besides`, in the same
        order): `admits` for each, written out in one loop (it ran for every hit of every
        gated rule)."""
        sides_of = self.sides.get
        kept = []
        for hit, (word, before, after) in zip(hits, besides):
            sides = sides_of(word)
            if sides is not None:
                before_side, after_side = sides
                if before_side is not None and not (
                    before is not None
                    and (not before.isascii() or (before_side.digits and before[0].isdigit()) or before.startswith(before_side.words))
                ):
                    continue
                if after_side is not None and not (
                    after is not None
                    and (not after.isascii() or (after_side.digits and after[0].isdigit()) or after.startswith(after_side.words))
                ):
                    continue
            kept.append(hit)
        return kept


def _words_beside(text: str, reversed_text: str, hit: tuple[int, int]) -> tuple[str, str | None, str | None]:
    """A hit's word, the word before it (backwards) and the word after it, in lower case
    (but for words of other scripts than ASCII, which gates let through as they are)."""
    before = _NEXT_WORD.match(reversed_text, len(text) - hit[0])
    after = _NEXT_WORD.match(text, hit[1])
    return (
        text[hit[0] : hit[1]].lower(),
        _lower_ascii(before.group(1)) if before else None,
        _lower_ascii(after.group(1)) if after else None,
    )


def _lower_ascii(word: str) -> str:
    return word.lower() if word.isascii() else word


@functools.cache
def _gate(pattern: str, key: str | frozenset[str]) -> _Gate | None:
    """The gate of a rule keyed on a word-table macro that it uses once, outside any
    group, or None. A hit of such a key is a word of one of the macro's entries; the
    words beside it are the entry's own, or where the hit opens or closes its entry,
    what the rule writes beside the macro."""
    from re import _constants as c

    neighbours = _entry_neighbours(key) if isinstance(key, str) else None
    if neighbours is None:
        return None
    items, macro_of = _shape(pattern)
    if list(macro_of.values()).count(key) != 1:
        return None
    at = [index for index, (op, arg) in enumerate(items) if op is c.SUBPATTERN and macro_of.get(arg[0]) == key]
    if not at:
        return None
    rule_before = _side(_next_to_key(items[: at[0]][::-1], ahead=False)[::-1], macro_of, backwards=True)
    rule_after = _side(_next_to_key(items[at[0] + 1 :], ahead=True), macro_of, backwards=False)
    sides = {
        word: (_joined(beside.before, beside.opens and rule_before), _joined(beside.after, beside.closes and rule_after))
        for word, beside in neighbours.items()
    }
    if all(side == (None, None) for side in sides.values()):
        return None
    return _gate_of(tuple(sorted(sides.items())))


@attrs.frozen
class _Neighbours:
    """The words beside a trigger word within the entries of a word-table macro it
    triggers: `before` (each written backwards) and `after`. `opens`, `closes`: whether
    an entry starts or ends with it, so that what a rule writes beside the macro
    stands there."""

    before: frozenset[str]
    after: frozenset[str]
    opens: bool
    closes: bool

    def __or__(self, other: "_Neighbours") -> "_Neighbours":
        return _Neighbours(
            self.before | other.before, self.after | other.after, self.opens or other.opens, self.closes or other.closes
        )


@functools.cache
def _entry_neighbours(macro: str) -> dict[str, _Neighbours] | None:
    """Each trigger word of a word-table macro (see _macro_triggers), and its
    neighbours; None for the macros defined by patterns, whose hits are numbers."""
    if macro in _PATTERN_MACROS or macro == "num":
        return None
    found: dict[str, _Neighbours] = {}
    for entry in lexicon()[macro]:
        tokens = [token.lower() for token in _WORD.findall(entry)]
        at = tokens.index(max(tokens, key=len))  # the entry's trigger: its first longest word
        if tokens[at][0].isdigit():
            return None
        beside = _Neighbours(
            frozenset({tokens[at - 1][::-1]} if at > 0 else ()),
            frozenset({tokens[at + 1]} if at < len(tokens) - 1 else ()),
            opens=at == 0,
            closes=at == len(tokens) - 1,
        )
        for word in (tokens[at], tokens[at] + "s"):  # rules may add a plural "s"
            found[word] = found[word] | beside if word in found else beside
    return found


def _joined(words: frozenset[str], rule_side: _Side | None | bool) -> _Side | None:
    """A gate's side: the words of entries, and those the rule writes beside its macro
    where an entry opens or closes with its trigger (False: none does; None: the rule's
    words cannot be told, so there is no check)."""
    if rule_side is None:
        return None
    if rule_side is False:
        return _Side(tuple(sorted(words)), False) if words else None
    return _Side(tuple(sorted(words.union(rule_side.words))), rule_side.digits)


@functools.cache
def _gate_of(sides: tuple[tuple[str, tuple[_Side | None, _Side | None]], ...]) -> _Gate:
    """One gate for all rules that need the same words beside their key."""
    return _Gate(dict(sides))


def _next_to_key(items: list, *, ahead: bool) -> list:
    """The items next to a rule's key, read away from it (`ahead`: after it): the
    separators and optional parts, up to and including the first part that every match
    must hold (all of it, if a word), or none if there is no such part."""
    from re import _constants as c

    def letter(item) -> bool:
        return item[0] is c.LITERAL and chr(item[1]).isalnum()

    for index, (op, arg) in enumerate(items):
        optional = op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] == 0
        separator = (
            (op is c.LITERAL and not chr(arg).isalnum())
            or (op is c.MAX_REPEAT and _spaces_repeated(arg[2]))
            or (op is c.IN and all(_spacing(kind, value) for kind, value in arg))
        )
        if op is c.ASSERT and arg[0] == 1 and ahead:
            # A lookahead after the key reads on as if it were written there: taken as
            # the last part, nothing read after it can be read twice.
            return [*items[:index], *arg[1]]
        if not (optional or separator or op in (c.ASSERT, c.ASSERT_NOT, c.AT)):
            end = index + 1
            while end < len(items) and letter(items[end]):  # the rest of a written word
                end += 1
            return list(items[:end])
    return []  # nothing required: no check


def _spacing(kind, value) -> bool:
    """Whether an item of a character set is a space or a mark, not a letter or digit."""
    from re import _constants as c

    return (kind is c.LITERAL and not chr(value).isalnum()) or (kind is c.CATEGORY and value is c.CATEGORY_SPACE)


#: What a gate reads of a sequence of parsed items: (whether spaces or marks come
#: before any letter, the word read so far, whether that word has ended).
_Opening = tuple[bool, str, bool]
_MAX_OPENINGS = 4000


def _side(items, macro_of: dict[int, str], *, backwards: bool, glued: bool = False) -> _Side | None:
    """The words the items open with, read forwards or backwards, as a gate's side;
    None where they may open with anything, with no word, or unless `glued`, with a
    letter that would be glued to the key."""
    if not items:
        return None
    openings = _openings(tuple(items), macro_of, backwards)
    if openings is None or any(not word or not (spaced or glued) for spaced, word, _ in openings):
        return None
    words = {word.split("#")[0] for _, word, _ in openings}
    return _Side(tuple(sorted(words - {""})), "" in words)


def _openings(items: tuple, macro_of: dict[int, str], backwards: bool) -> frozenset[_Opening] | None:
    from re import _constants as c

    states: frozenset[_Opening] | None = frozenset({(False, "", False)})
    letters = ""  # a run of written letters, read as one item
    for item in reversed(items) if backwards else items:
        if item[0] is c.LITERAL and chr(item[1]).isalpha():
            letters += chr(item[1]).lower()
            continue
        if letters:
            states, letters = _then(states, frozenset({(False, letters, False)})), ""
        states = _then(states, _item_openings(item, macro_of, backwards))
        if states is None:
            return None
    return _then(states, frozenset({(False, letters, False)})) if letters else states


def _then(states: frozenset[_Opening] | None, item: frozenset[_Opening] | None) -> frozenset[_Opening] | None:
    """The openings of a sequence read so far (`states`), then an item."""
    if states is None or item is None:
        return None
    found = set()
    for spaced, word, ended in states:
        if ended:
            found.add((spaced, word, True))
            continue
        for item_spaced, more, item_ended in item:
            if not word:
                found.add((spaced or item_spaced, more, item_ended))
            elif item_spaced:
                found.add((spaced, word, True))
            else:
                joined = word + more
                found.add((spaced, joined[:_GATE_WORD_LENGTH], item_ended or len(joined) >= _GATE_WORD_LENGTH))
        if len(found) > _MAX_OPENINGS:
            return None
    return frozenset(found)


@functools.cache
def _macro_openings(name: str, backwards: bool) -> frozenset[_Opening] | None:
    return _openings(tuple(_macro_parsed(name)), {}, backwards)


def _item_openings(item, macro_of: dict[int, str], backwards: bool) -> frozenset[_Opening] | None:
    from re import _constants as c

    op, arg = item
    if op is c.LITERAL:
        return frozenset({_char_opening(chr(arg))})
    if op is c.IN:
        found = set()
        for kind, value in arg:
            if kind is c.LITERAL:
                found.add(_char_opening(chr(value)))
            elif kind is c.RANGE and value[1] - value[0] < 64:
                found |= {_char_opening(chr(code)) for code in range(value[0], value[1] + 1)}
            elif kind is c.CATEGORY and value in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE):
                found.add((False, "#", False) if value is c.CATEGORY_DIGIT else (True, "", False))
            else:
                return None
        return frozenset(found)
    if op is c.SUBPATTERN and arg[0] in macro_of:
        return _macro_openings(macro_of[arg[0]], backwards)
    if op is c.SUBPATTERN:
        return _openings(tuple(arg[3]), macro_of, backwards)
    if op is c.BRANCH:
        found = set()
        for alternative in arg[1]:
            openings = _openings(tuple(alternative), macro_of, backwards)
            if openings is None:
                return None
            found |= openings
        return frozenset(found)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = arg
        once = _openings(tuple(sub), macro_of, backwards)
        states: frozenset[_Opening] | None = frozenset({(False, "", False)})
        for _ in range(low):
            states = _then(states, once)
        # Optional repeats, until they add nothing (words are cut, so they soon don't).
        optional = _GATE_WORD_LENGTH + 2 if high is c.MAXREPEAT else high - low
        for _ in range(optional):
            if states is None:
                return None
            more = _then(states, once)
            if more is None or more <= states:
                return None if more is None else states
            states = states | more
        return states
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset({(False, "", False)})
    return None


def _char_opening(char: str) -> _Opening:
    """A character as a gate reads it: a space or mark, a digit ("#"), or a letter."""
    if not (char.isalnum() or char == "_"):
        return (True, "", False)
    return (False, "#" if char.isdigit() else char.lower(), False)


@functools.cache
def rules() -> tuple[Rule, ...]:
    text = resources.files("timeline").joinpath("rules/en/rules.toml").read_text(encoding="utf-8")
    compiled = []
    for raw in tomllib.loads(text)["rule"]:
        key = frozenset(k.lower() for k in raw["keys"]) if "keys" in raw else _key_of(raw["pattern"])
        compiled.append(
            Rule(
                name=raw["name"],
                source=raw["pattern"],
                type=raw["type"],
                value=raw["value"],
                mod=raw.get("mod"),
                quant=raw.get("quant"),
                freq=raw.get("freq"),
                context=raw.get("context"),
                preceded_by=re.compile(raw["preceded_by"]) if "preceded_by" in raw else None,
                triggers=_triggers_of(key),
                key=key,
            )
        )
    return tuple(compiled)


# --- Normalising what a macro matched ----------------------------------------------


def _lookup(table: str, text: str) -> str:
    key = _SPACES.sub(" ", text.lower()).rstrip(".")
    return lexicon()[table][key]


def number_value(text: str) -> str:
    """'twenty-four' -> '24', '1,000' -> '1000', 'several' -> 'X', '5 1/2' -> '5.5'."""
    t = _SPACES.sub(" ", text.lower().strip())
    if t.endswith(" and a half"):
        whole = number_value(t.removesuffix(" and a half"))
        return "X" if whole == "X" else f"{float(whole) + 0.5:g}"
    if _DIGITS_WITH_COMMAS.fullmatch(t):
        n = t.replace(",", "")
        return n.rstrip("0").rstrip(".") if "." in n else str(int(n))
    if t.endswith(" 1/2"):
        return str(int(t[:-4].replace(",", ""))) + ".5"
    m = re.fullmatch(rf"({_TENS})(?:[- ]({_UNITS}))?", t)
    if m:
        tens = int(lexicon()["tens_word"][m.group(1)])
        return str(tens + (int(lexicon()["units_word"][m.group(2)]) if m.group(2) else 0))
    return lexicon()["number"][t]


def _year_value(text: str) -> str:
    digits = text.lstrip("’'")
    if len(digits) == 2:
        # Two-digit years in news: '98 is 1998, '05 is 2005.
        return ("20" if int(digits) < 30 else "19") + digits
    return digits


def _year_words_value(text: str) -> str:
    t = re.sub(r"\s+", " ", text.lower()).replace("the year ", "")
    if t.startswith("two thousand"):
        rest = t.removeprefix("two thousand").removeprefix(" and").strip()
        return f"20{int(lexicon()['units_word'][rest]) if rest else 0:02d}"
    m = re.fullmatch(rf"nineteen ({_TENS})(?:[- ]({_UNITS}))?", t)
    if not m:
        raise KeyError(t)
    tens = int(lexicon()["tens_word"][m.group(1)])
    units = int(lexicon()["units_word"][m.group(2)]) if m.group(2) else 0
    return f"19{tens + units:02d}"


#: What a time zone adds to a TimeML time ("T14:20Z", "T09:00-05"). ET, CT, MT and PT
#: name no offset until the date says whether daylight time holds: the resolver settles
#: them (timevalue.settle_zone).
_ZONE_OFFSETS = {
    "GMT": "Z", "UTC": "Z", "EST": "-05", "EDT": "-04", "CST": "-06", "CDT": "-05", "MST": "-07",
    "MDT": "-06", "PST": "-08", "PDT": "-07", "BST": "+01", "CET": "+01", "CEST": "+02",
    "ET": "ET", "CT": "CT", "MT": "MT", "PT": "PT",
}
_ZONE = re.compile(r"(GMT|UTC|CES?T|BST|[ECMP][SD]?T)(?:\s?([+-])(\d{1,2})(?::?(\d\d))?)?\W*$")


def _zone_suffix(text: str) -> str:
    m = _ZONE.search(text)
    if m is None:
        return ""
    if m[2] is None:
        return _ZONE_OFFSETS[m[1]]
    hours, minutes = int(m[3]), int(m[4] or 0)
    if hours == 0 and minutes == 0:
        return "Z"
    return f"{m[2]}{hours:02d}" + (f":{minutes:02d}" if minutes else "")


def _clock_value(text: str) -> str:
    return _clock_time(text) + _zone_suffix(text)


def _clock_time(text: str) -> str:
    t = text.lower().replace(" ", "")
    if t.startswith("noon") or t.startswith("midday"):
        return "12:00"
    if t.startswith("midnight"):
        return "24:00"
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?(a\.?m\.?|p\.?m\.?)?", t)
    assert m is not None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    meridian = (m.group(3) or "").replace(".", "")
    if meridian == "pm" and hour < 12:
        hour += 12
    elif meridian == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _decade_value(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    if len(digits) == 2:  # the '90s
        return "19" + digits[0]
    return digits[:3]


_NORMALISERS: dict[str, Callable[[str], str]] = {
    "day": lambda t: f"{int(t.rstrip('stndrh')):02d}",
    "us_day": lambda t: f"{int(t):02d}",
    "us_month": lambda t: f"{int(t):02d}",
    "year": _year_value,
    "year2": _year_value,
    "year_any": _year_value,
    "num": number_value,
    "digits": number_value,
    "clock": _clock_value,
    "decade": _decade_value,
    "decade_digits": _decade_value,
}


def _normalise(name: str, text: str) -> str:
    if name in _NORMALISERS:
        return _NORMALISERS[name](text)
    if name in _PATTERN_MACROS:
        return text
    return _lookup(name, text)


def _hour_of_part(hour: int, part: str) -> str:
    """ "4 in the morning" is 04:00, "9 in the evening" 21:00, "12 in the morning" midnight."""
    if part == "morning":
        return f"{hour % 12:02d}:00"
    return f"{hour % 12 + 12:02d}:00"


def _fill(template: str, match: re.Match[str]) -> str:
    """The template with each {macro} replaced by the value of what the macro matched."""
    pieces = _template_pieces(template)
    if len(pieces) == 1:
        return template
    filled = []
    for index, piece in enumerate(pieces):
        if not index % 2:
            filled.append(piece)
        elif piece == "year_words":
            filled.append(_year_words_value(match.group("_body")))
        elif piece == "hour_of_part":
            filled.append(_hour_of_part(int(match.group("hour")), match.group("part").lower()))
        else:
            filled.append(_normalise(piece, match.group(piece)))
    return "".join(filled)


@functools.cache
def _template_pieces(template: str) -> tuple[str, ...]:
    """A rule's value template split at its macros: text, a macro's name, text, and so on."""
    return tuple(_MACRO.split(template))


# --- Context checks --------------------------------------------------------------

_MONTH_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|to|through|during|of|early|late|mid|last|next|this|before|after|between|and|or|that|each|every|until|throughout|around|about|in early|in late)\s+|mid-)$",
    re.IGNORECASE,
)
_MONTHS_THAT_ARE_WORDS = {"may", "march"}
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_QUANTITY_AFTER_YEAR = re.compile(
    r"\s+(?![sS]\b)(?:[a-z]{3,}s\b|(?:percent|per|feet|foot|miles?|meters?|metres?|kilometers?|people|troops|workers|soldiers|units|tons|yards|men|women|children|pounds|dollars|euros|yen|hp|mph|km|kg|m|ft|cc|points|lb|lbs|mm|acres|hectares|barrels)\b)"
)
_NOT_YEAR_BEFORE = re.compile(
    r"(?:[$£€#¥]|\b(?:No|no|number|Number|Boeing|Airbus|Flight|flight|Route|route|Room|room|page|Page|Article|article|Section|section|Resolution|resolution|Chapter|chapter|Highway|highway|Interstate|model|Model|at|At|Dow|index|level|to|from|of about|about|nearly|some|over|than|up|down|by)\s*)$"
)
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|In|since|Since|by|of|year|until|from|through|during|before|after|early|late|mid|-)|\b(?:1[0-9]|20)\d\d\s*(?:to|and|or|through|until))\s*$"
)
_PRESENT_REF_NOT = re.compile(r"^\s*(?:that\b|on\b)", re.IGNORECASE)


_AGE_AFTER = re.compile(r"[- ]old\b|[’']?\s+Wars?\b")  # ages; "the Six-Day War" is a name
_MODAL_BEFORE = re.compile(r"\b(?:will|would|to|could|may|might|can|should|must|did|does|do|not|won't|cannot)\s+$", re.IGNORECASE)
_MONTH_WORD = re.compile(r"\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_NOUN_AFTER_ORDINAL = re.compile(
    r"\s+(?!(?:later|earlier|ago|before|after|or|and|to|of|in|for|the|then|longer|more|less|at|on|when|while)\b)[a-z]{2,}\b"
)
_RATE_BEFORE = re.compile(r"(?:\d|%|\b(?:[a-z]+s|million|billion|thousand|hundred|dozen|one|two|three|four|five|six|seven|eight|nine|ten))\s+$")


def _context_ok(rule: Rule, text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if rule.type == "DURATION":
        if _AGE_AFTER.match(after):  # "a 6-year-old", "52 years old": ages are not times
            return False
        if rule.name == "past_n_units" and _MODAL_BEFORE.search(before) and text[start:end].lower().startswith("last"):
            return False  # "the ban will last six months": here "last" is the verb
        if rule.name == "the_n_units":
            phrase = text[start:end].lower()
            if phrase.startswith(("a ", "an ")) and _RATE_BEFORE.search(before):
                return False  # "700 seats a week" is a rate
            if phrase.split()[-1] == "second" and _NOUN_AFTER_ORDINAL.match(after):
                return False  # "a second term", "a second group": an ordinal
    if rule.context == "month_name":
        word = text[start:end].lower().rstrip(".")
        if word in _MONTHS_THAT_ARE_WORDS:
            return bool(_MONTH_CONTEXT_BEFORE.search(before))
        return not _NAME_AFTER.match(after)
    if rule.context == "bare_year":
        if _NOT_YEAR_BEFORE.search(before) and not _YEAR_CONTEXT_BEFORE.search(before):
            return False
        if _QUANTITY_AFTER_YEAR.match(after):
            return False
        year = int(_year_value(text[start:end]))
        if text[start] in "’'":
            return bool(_YEAR_CONTEXT_BEFORE.search(before))
        return 1700 <= year <= 2099 or bool(_YEAR_CONTEXT_BEFORE.search(before))
    if rule.context == "weekday_name":
        # "Tuesday Weld", "the Good Friday Agreement": names, not days
        if re.match(r"\s+[A-Z][a-z]", after) and not _MONTH_WORD.match(after):
            return False
        return _ending(_FEAST_BEFORE, before) is None
    return True


# --- Modifiers and scope ---------------------------------------------------------


@attrs.frozen
class _Ending:
    """A pattern that ends with "$" and starts at a word's start, and the words a text
    it matches can end with (None: any)."""

    compiled: _Compiled
    last_words: _Side | None


def _ending_a_text(pattern: str, flags: int) -> _Ending:
    from re import _parser

    last_words = _side(list(_parser.parse(pattern, flags)), {}, backwards=True, glued=True)
    return _Ending(_Compiled.of(pattern, flags), last_words)


def _ending(pattern: _Ending, text: str) -> re.Match[str] | None:
    """pattern.search(text), its match in the group "_body", without trying every place
    (nor any, where the text's last word is none the pattern can end with)."""
    if pattern.last_words is not None:
        last = _NEXT_WORD.match(text[::-1])
        if not pattern.last_words.admits(_lower_ascii(last.group(1)) if last else None):
            return None
    return next(_rule_matches(pattern.compiled, text, 0, len(text)), None)


#: Names of days that are not weekdays ("Good Friday", "Black Monday").
_FEAST_BEFORE = _ending_a_text(r"\b(?:Good|Black|Holy|Ash|Palm|Easter|Bloody|Super|Cyber)\s+$", 0)
_MOD_BEFORE = _ending_a_text(
    r"(?:\b(?P<words>(?:the\s+)?(?:very\s+)?(?:early|late|earlier|later|mid|the\s+beginning\s+of|the\s+start\s+of|beginning\s+of|start\s+of|the\s+middle\s+of|middle\s+of|the\s+end\s+of|end\s+of|the\s+close\s+of|the\s+dawn\s+of|the\s+height\s+of))(?:\s*-\s*|\s+)|(?<![\w-])(?P<mid>mid-))$",
    re.IGNORECASE,
)
_APPROX_BEFORE = _ending_a_text(
    r"\b(?P<words>around|approximately|roughly|some|nearly|almost|more\s+than|at\s+least|less\s+than|no\s+more\s+than|up\s+to|at\s+most|just\s+over|just\s+under|well\s+over|fewer\s+than|over|under)\s+$",
    re.IGNORECASE,
)
_TAKES_EARLIER = re.compile(
    r"(?:(?:this|last|next|that) (?:month|year|quarter|decade|century|spring|summer|fall|autumn|winter)|yesterday|today|tonight|that day)\b",
    re.IGNORECASE,
)
_MOD_OF_WORD = {
    "early": "START",
    "beginning of": "START",
    "start of": "START",
    "dawn of": "START",
    "mid": "MID",
    "middle of": "MID",
    "height of": "MID",
    "late": "END",
    "earlier": "START",
    "later": "END",
    "end of": "END",
    "close of": "END",
}
_APPROX_OF_WORD = {
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "more than": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "less than": "LESS_THAN",
    "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
    "just over": "MORE_THAN",
    "just under": "LESS_THAN",
    "well over": "MORE_THAN",
    "fewer than": "LESS_THAN",
    "over": "MORE_THAN",
    "under": "LESS_THAN",
}
_RELATION_BEFORE = _ending_a_text(
    r"\b(?P<word>since|until|till|through|before|after|prior\s+to|ever\s+since|by)\s+(?:(?:the\s+)?(?:early|late|mid-?|end\s+of|start\s+of)\s*)?$",
    re.IGNORECASE,
)
_OR_SO_AFTER = re.compile(r"\s+or\s+so\b")
_RELATION_OF_WORD = {
    "since": "since",
    "ever since": "since",
    "until": "until",
    "till": "until",
    "through": "until",
    "by": "until",
    "before": "before",
    "prior to": "before",
    "after": "after",
}


def _widen(mention: Mention, text: str) -> Mention:
    """Take in the modifier words that TimeML counts as part of the expression."""
    before = text[max(0, mention.start - 40) : mention.start]
    start, mod = mention.start, mention.mod
    if mention.type in {"DATE", "TIME"} and not mention.value.endswith("_REF"):
        m = _ending(_MOD_BEFORE, before)
        if m and m.group("words") and m.group("words").lower() in {"earlier", "later"} and not _TAKES_EARLIER.match(mention.text):
            m = None  # "earlier Friday", "later this week": news keeps these outside the expression
        if m:
            words = _SPACES.sub(" ", (m.group("words") or "mid").lower())
            words = re.sub(r"^(?:(?:the|very) )+", "", words)
            start = mention.start - len(m.group("_body"))
            mod = _MOD_OF_WORD[words]
    if mention.type == "DURATION" or (mention.type == "DATE" and mention.rule in {"ago", "num_unit_earlier", "num_unit_later"}):
        m = _ending(_APPROX_BEFORE, before)
        if m and not mention.text.lower().startswith(("the ", "past ", "last ", "next ")):
            words = _SPACES.sub(" ", m.group("words").lower())
            start = mention.start - len(m.group("_body"))
            mod = _APPROX_OF_WORD[words]
    m = _ending(_APPROX_BEFORE, before) if mention.type == "TIME" else None
    if m and m.group("words").lower() in {"about", "around", "approximately", "roughly"}:
        start, mod = mention.start - len(m.group("_body")), "APPROX"
    if mention.rule == "ago" and mod is None:
        lead = re.match(r"(about|nearly|almost|some|more than|less than|roughly|around|just over)\s", mention.text, re.IGNORECASE)
        if lead:
            mod = _APPROX_OF_WORD.get(lead.group(1).lower())
    end = mention.end
    or_so = _OR_SO_AFTER.match(text, end)
    if or_so and mention.type in {"DATE", "DURATION"}:
        end, mod = or_so.end(), "APPROX"
    relation = mention.relation
    if mention.type in {"DATE", "TIME"}:
        r = _ending(_RELATION_BEFORE, text[max(0, start - 30) : start])
        if r:
            relation = _RELATION_OF_WORD[_SPACES.sub(" ", r.group("word").lower())]
    if (start, end, mod, relation) == (mention.start, mention.end, mention.mod, mention.relation):
        return mention
    return attrs.evolve(mention, start=start, end=end, text=text[start:end], mod=mod, relation=relation)


# --- Running the rules -------------------------------------------------------------


@attrs.frozen
class _Words:
    """The words of a text with their offsets, looked up by their lower-case form."""

    where: dict[str, list[tuple[int, int]]]

    @classmethod
    def of(cls, text: str) -> "_Words":
        where: dict[str, list[tuple[int, int]]] = {}
        lowered = text.lower()
        # The scanner reads the lower-cased text (matching without IGNORECASE is twice as
        # fast) unless lowering moved the offsets ("İ" lowers to two characters).
        same_offsets = len(lowered) == len(text)
        scanned = lowered if same_offsets else text
        scanner = _trigger_scanner(ignore_case=not same_offsets, ascii=scanned.isascii())
        # What _rule_matches gives, read with finditer: every match ends on a word
        # character, so none can start where the one before it ended.
        first = scanner.at_start.match(scanned)
        matches = scanner.after.finditer(scanned, first.end() if first is not None else 0)
        any_shape = _ANY_SHAPE.match
        for match in itertools.chain((first,), matches) if first is not None else matches:
            start, end = span = match.span(1)  # the group "_body"
            word = scanned[start:end]
            if not word[0].isdigit():
                where.setdefault(word if same_offsets else word.lower(), []).append(span)
                continue
            where.setdefault(_number_class(text, start, word), []).append(span)
            if any_shape(text, start):
                for key, shape in _SHAPES:
                    if shape.match(text, start):
                        where.setdefault(key, []).append(span)
        return cls(where)


@functools.cache
def _all_triggers() -> frozenset[str]:
    return frozenset().union(*(rule.triggers for rule in rules() if rule.triggers))


@functools.cache
def _trigger_scanner(ignore_case: bool, ascii: bool = False) -> _Compiled:
    """The words of a text that are triggers, and its numbers: one pass in C rather than a
    Python loop over every word. `ascii`: for an ASCII text only, which sre reads faster
    with ASCII classes (the same words, where the text is ASCII)."""
    words = sorted(word for word in _all_triggers() if not word.startswith(_DIGIT))
    flags = (re.IGNORECASE if ignore_case else 0) | (re.ASCII if ascii else 0)
    ahead = "(?=[\\d" + "".join(sorted({re.escape(word[0]) for word in words})) + "])"
    return _Compiled.of(rf"\d\w*|(?:{_trie_pattern(words)})(?!\w)", flags, ahead)


_WORD_REST = re.compile(r"\w*")


def _windows(text: str, hits: list[tuple[int, int]], reach: tuple[int, int]) -> list[tuple[int, int]]:
    """Merged stretches of text around each trigger word, as far as a match can reach
    from it, cut at word edges."""
    before, after = reach
    merged: list[tuple[int, int]] = []
    word_rest = _WORD_REST.match
    for start, end in hits:
        low = max(0, start - before)
        # Never end a window inside a word: lookaheads there would lie.
        high = word_rest(text, end + after).end()
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


@attrs.frozen
class _Group:
    """Rules that share their triggers: their windows are cut around the same words."""

    triggers: frozenset[str]
    rules: tuple[Rule, ...]


@functools.cache
def _plan() -> tuple[tuple[_Group, ...], tuple[Rule, ...]]:
    """The rules grouped by triggers, and the rules that scan the whole text."""
    grouped: dict[frozenset[str], list[Rule]] = {}
    everywhere = []
    for rule in rules():
        if rule.triggers is None:
            everywhere.append(rule)
        else:
            grouped.setdefault(rule.triggers, []).append(rule)
    return tuple(_Group(triggers, tuple(members)) for triggers, members in grouped.items()), tuple(everywhere)


@functools.cache
def _groups_by_trigger() -> dict[str, tuple[int, ...]]:
    """Each trigger word, and the groups of _plan() it wakes."""
    found: dict[str, list[int]] = {}
    for index, group in enumerate(_plan()[0]):
        for word in group.triggers:
            found.setdefault(word, []).append(index)
    return {word: tuple(indexes) for word, indexes in found.items()}


@functools.cache
def _group_runs(index: int) -> tuple[tuple[Rule, _Gate | None], ...]:
    """The rules of group `index` with their gates: read once a text has the group's
    triggers. A rule's reach and compiled pattern are read once its gate admits a hit
    (compiling was most of what a first build cost)."""
    return tuple((rule, _gate(rule.source, rule.key)) for rule in _plan()[0][index].rules)


#: Reaches are rounded up to a multiple of this, so that rules of about the same reach
#: share their windows.
_REACH_STEP = 8


@functools.cache
def _rounded_reach(pattern: str, key: str | frozenset[str]) -> tuple[int, int]:
    before, after = _reach(pattern, key)
    return -(-before // _REACH_STEP) * _REACH_STEP, -(-after // _REACH_STEP) * _REACH_STEP


def _matches(text: str, words: _Words) -> Iterator[tuple[Rule, re.Match[str]]]:
    """Every rule's matches, each rule run only in the windows around its triggers
    that its gate admits. A rule's reach is read from its pattern only once its
    triggers turn up in a text: a short article pays only for the rules its words can fire."""
    groups, everywhere = _plan()
    groups_of = _groups_by_trigger()
    reversed_text = text[::-1]
    words_beside: dict[tuple[int, int], tuple[str, str | None, str | None]] = {}
    #: The words beside each hit of a set of keys, in the order of its hits.
    besides_of: dict[frozenset[str], list[tuple[str, str | None, str | None]]] = {}

    def besides(keys: frozenset[str], hits: list[tuple[int, int]]) -> list[tuple[str, str | None, str | None]]:
        found = besides_of.get(keys)
        if found is None:
            found = besides_of[keys] = []
            for hit in hits:
                pair = words_beside.get(hit)
                if pair is None:
                    pair = words_beside[hit] = _words_beside(text, reversed_text, hit)
                found.append(pair)
        return found

    # Only the groups with a trigger word in the text: the others are not even compiled.
    # Rules whose triggers found the same words, with the same gate, share their windows.
    windows_of: dict[tuple[frozenset[str], tuple[int, int], _Gate | None], list[tuple[int, int]]] = {}
    admitted_by: dict[tuple[frozenset[str], _Gate | None], list[tuple[int, int]]] = {}
    for index in sorted({index for word in words.where for index in groups_of.get(word, ())}):
        keys = groups[index].triggers.intersection(words.where)
        for rule, gate in _group_runs(index):
            # The hits of the keys that the gate admits: all of them first, once.
            hits = admitted_by.get((keys, gate))
            if hits is None:
                hits = admitted_by.get((keys, None))
                if hits is None:
                    hits = admitted_by[keys, None] = sorted(span for key in keys for span in words.where[key])
                if gate is not None:
                    hits = admitted_by[keys, gate] = gate.admitted(hits, besides(keys, hits))
            if not hits:  # a gate often turns every hit away
                continue
            reach = _rounded_reach(rule.source, rule.key)
            windows = windows_of.get((keys, reach, gate))
            if windows is None:
                windows = windows_of[keys, reach, gate] = _windows(text, hits, reach)
            for match in _matches_in_windows(_compile(rule.source), text, windows):
                yield rule, match
    for rule in everywhere:
        for match in _rule_matches(_compile(rule.source), text, 0, len(text)):
            yield rule, match


def _candidates(text: str) -> list[tuple[int, Rule, re.Match[str], int, int]]:
    """Every rule's matches, each with the length of all it matched (which may
    be more than the expression: the context a rule reads counts for its rank) and
    the span of its expression. Read no further: only a match that _longest_first
    reaches untaken is checked and valued."""
    found = []
    for rule, match in _matches(text, _Words.of(text)):
        if "extent" in match.re.groupindex and match.group("extent") is not None:
            start, end = match.span("extent")
        else:
            start, end = match.span("_body")
        found.append((match.end() - match.start("_body"), rule, match, start, end))
    return found


def _mention(text: str, rule: Rule, match: re.Match[str], start: int, end: int) -> Mention | None:
    """The mention a rule's match makes of text[start:end], or None where its context or
    its value turns it away."""
    if start == end or not _context_ok(rule, text, start, end):
        return None
    if rule.preceded_by and not rule.preceded_by.search(text[max(0, start - 40) : start]):
        return None
    try:
        value = _fill(rule.value, match)
        freq = _fill(rule.freq, match) if rule.freq else None
    except (KeyError, ValueError):
        return None
    return Mention(start, end, text[start:end], rule.type, value, rule.name, rule.mod, rule.quant, freq)


@functools.cache
def _rule_rank() -> dict[str, int]:
    return {rule.name: i for i, rule in enumerate(rules())}


def _longest_first(text: str, candidates: list[tuple[int, Rule, re.Match[str], int, int]]) -> list[Mention]:
    """Keep the longest non-overlapping matches that make mentions; ties go to the earlier
    rule. A match that makes none takes no place, so each is made a mention only once it
    is reached with its place free (on TBAQ, 1299 of the 3380 matches never are)."""
    order = _rule_rank()
    ranked = sorted(candidates, key=lambda c: (-c[0], order[c[1].name], c[3]))
    taken: list[Mention] = []
    occupied = bytearray(0)
    for _, rule, match, start, end in ranked:
        if len(occupied) < end:
            occupied.extend(b"\0" * (end - len(occupied)))
        if any(occupied[start:end]):
            continue
        mention = _mention(text, rule, match, start, end)
        if mention is None:
            continue
        occupied[start:end] = b"\1" * (end - start)
        taken.append(mention)
    return sorted(taken, key=lambda m: m.start)


# --- Ranges and lists: each end its own expression, as TimeML marks them ----------------

#: "1948-49", "1998-2001", "1998/99": a year's second end after a dash or slash.
_YEAR_TAIL = re.compile(r"[-–/](\d{4}|\d\d)(?![\w])")
#: "March 4-5", "March 3 and 4", "March 4-5, 2019": a day's second end.
_DAY_TAIL = re.compile(
    r"(?:\s?[-–]\s?|\s+(?P<word>to|through|and|or)\s+)(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\w])"
    r"(?:,?\s+(?P<year>(?:1[0-9]|20)\d\d)(?![\w]))?"
)
#: "the 80s and 90s": a decade's second end.
_DECADE_TAIL = re.compile(r"\s+(?:and|or|to|through)\s+(?P<digit>[1-9])0s(?![\w])")
#: After "March 3 and 4", a counted noun makes the 4 a count: "4 soldiers", "12 people".
_COUNTED = re.compile(
    r"\s+(?:[a-z]+[a-rt-z]s|people|men|women|children|police|staff|of|per|percent|million|billion|thousand|hundred)\b",
    re.IGNORECASE,
)
#: Between a range's ends: its second end is the first such date on or after the first.
_RANGE_GAP = re.compile(r"\s*(?:[-–]|to|through|until|till|and)\s*")
_UNDEF_DAY = re.compile(r"UNDEF-year-(\d\d)-(\d\d)")
_FULL_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_CALENDAR_VALUE = re.compile(r"UNDEF-(?:year|after)-|\d{4}-\d\d")
_BETWEEN_BEFORE = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)


def _range_ends(mentions: list[Mention], text: str) -> list[Mention]:
    """The second ends that the rules leave inside a range ("1948-[49]", "March 4-[5]",
    "the 80s and [90s]"), and a year-less second end made to follow the first
    ("December 28-January 2", "between April and June")."""
    ends: list[Mention] = []
    for index, mention in enumerate(mentions):
        previous = ends[-1] if ends else None
        if previous is not None and mention.start < previous.end:
            continue  # the year of "March 4-5, 2019", taken into the second end
        if previous is not None and mention.value.startswith("UNDEF-year-") and _follows_in_range(previous, mention, text):
            mention = attrs.evolve(mention, value="UNDEF-after-" + mention.value.removeprefix("UNDEF-year-"))
        first, second = _second_end(mention, text)
        ends.append(first)
        if second is None:
            continue
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if following is None or second.end <= following.start or (second.end >= following.end and following.rule == "year"):
            ends.append(second)
    return ends


def _follows_in_range(first: Mention, second: Mention, text: str) -> bool:
    """Whether two mentions are the ends of one range of calendar dates: a dash between
    them, or "from/between ... to/and" ("revision Friday to December's figures" is none)."""
    gap = text[first.end : second.start]
    if not _RANGE_GAP.fullmatch(gap) or not _CALENDAR_VALUE.match(first.value):
        return False
    if gap.strip() in {"-", "–"}:
        return True
    return _BETWEEN_BEFORE.search(text[max(0, first.start - 12) : first.start]) is not None


def _second_end(mention: Mention, text: str) -> tuple[Mention, Mention | None]:
    """The mention, and the range's second end written right after it, if any."""
    if mention.type != "DATE" or not text[mention.end - 1 : mention.end].isalnum():
        return mention, None
    value = mention.value
    if len(value) == 4 and value.isdigit() and mention.text[-4:].isdigit() and mention.rule != "year_range_fiscal":
        m = _YEAR_TAIL.match(text, mention.end)
        if m is None:
            return mention, None
        year = int(m[1]) if len(m[1]) == 4 else int(value[:2] + m[1])
        if len(m[1]) == 2 and year <= int(value):
            year += 100
        if not int(value) < year <= 9999:
            return mention, None
        return mention, _end(text, m.start(1), m.end(1), f"{year:04d}")
    if len(value) == 3 and value.isdigit() and mention.text.endswith("0s"):
        m = _DECADE_TAIL.match(text, mention.end)
        if m is None or int(m["digit"]) <= int(value[2]) and value[:2] == "19":
            return mention, None
        return mention, _end(text, m.start("digit"), m.end(), value[:2] + m["digit"])
    day = _UNDEF_DAY.fullmatch(value) or _FULL_DAY.fullmatch(value)
    m = _DAY_TAIL.match(text, mention.end) if day is not None else None
    if day is None or m is None:
        return mention, None
    month, first_day, last_day = int(day[day.lastindex - 1]), int(day[day.lastindex]), int(m["day"])
    if not first_day < last_day <= _days_in(month) or (m["word"] in {"and", "or"} and not m["year"] and _COUNTED.match(text, m.end())):
        return mention, None
    year = m["year"] or (day[1] if day.re is _FULL_DAY else None)
    if year is None:
        return mention, _end(text, m.start("day"), m.end(), f"UNDEF-after-{month:02d}-{last_day:02d}")
    if day.re is _UNDEF_DAY:
        mention = attrs.evolve(mention, value=f"{year}-{month:02d}-{first_day:02d}")
    return mention, _end(text, m.start("day"), m.end(), f"{year}-{month:02d}-{last_day:02d}")


def _days_in(month: int) -> int:
    return 29 if month == 2 else 30 if month in {4, 6, 9, 11} else 31


def _end(text: str, start: int, end: int, value: str) -> Mention:
    return Mention(start, end, text[start:end], "DATE", value, "range_end")


@functools.cache
def _outcome_before() -> re.Pattern[str]:
    """ "after their loss on", "since the crash": an outcome noun just before a weekday."""
    nouns = "|".join(sorted(lexicon()["outcome_noun"], key=len, reverse=True))
    return re.compile(
        rf"\b(?:after|since|following|despite|before)\s+(?:the|their|his|her|its|our|my|your|a|an)\s+"
        rf"(?:[a-z]+\s+)?(?:{nouns})\s+(?:on\s+)?$",
        re.IGNORECASE,
    )


@functools.cache
def _outcome_after() -> re.Pattern[str]:
    """ "'s ruling", "'s closing price": a weekday's outcome noun just after it."""
    nouns = "|".join(sorted(lexicon()["outcome_noun"], key=len, reverse=True))
    return re.compile(rf"['’]s\s+(?:[a-z]+\s+)?(?:{nouns})\b", re.IGNORECASE)


def _with_fixed_tense(mention: Mention, text: str) -> Mention:
    if mention.relation == "until" and _INFINITIVE_BEFORE_BOUND.search(text, max(0, mention.start - 80), mention.start):
        # "agreed to sell the unit by March": the infinitive's deadline is ahead, whatever the
        # tense of the verb before it
        return attrs.evolve(mention, tense="future")
    if not mention.value.startswith(("UNDEF-weekday-", "UNDEF-year-")):
        return mention
    if _outcome_before().search(text, max(0, mention.start - 60), mention.start):
        return attrs.evolve(mention, tense="past")  # "since the fatal blowout April 20"
    if mention.value.startswith("UNDEF-weekday-") and _outcome_after().match(text, mention.end):
        return attrs.evolve(mention, tense="past")
    if mention.value.startswith("UNDEF-weekday-") and _STARTING.search(text, max(0, mention.start - 20), mention.start):
        # "told offices to stop work beginning on Friday": a start is told from where the
        # clause stands, the nearest such day in a clause told in the past
        return attrs.evolve(mention, tense="not past")
    return mention


_STARTING = re.compile(r"\b(?:beginning|starting|effective)\s+(?:on\s+|from\s+)?$", re.IGNORECASE)


#: An infinitive and its words right before "by" or "until", in one clause ("to sell the unit by").
_INFINITIVE_BEFORE_BOUND = re.compile(r"\bto\s+(?:be\s+)?[a-z]+\b[^,;:.!?()\"“”]{0,60}\s(?:by|until|till)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?$", re.IGNORECASE)


def recognize(text: str) -> tuple[Mention, ...]:
    """Every temporal expression in ``text``, in text order, with underspecified values."""
    mentions = _range_ends(_longest_first(text, _candidates(text)), text)
    widened = []
    last_end = 0
    for mention in mentions:
        wide = _widen(mention, text)
        if wide.start < last_end:  # a modifier never swallows the expression before it
            wide = attrs.evolve(mention, relation=wide.relation)
        widened.append(_as_entry_stamp(_with_fixed_tense(wide, text), text))
        last_end = wide.end
    return tuple(widened)


#: What follows a clock that stamps an entry of a live page ("12.20 pm: The senators ...").
_STAMP_AFTER = re.compile(r"\s*(?::|[—–-]\s)")
_ON_THE_NARRATIVE_DAY = "UNDEF-REF-D-plus-0T"


def _as_entry_stamp(mention: Mention, text: str) -> Mention:
    """A clock that opens a line and is followed by a colon or a dash stamps a live page's
    entry: it is on the day of publication, not on the day the narrative last named."""
    if not mention.value.startswith(_ON_THE_NARRATIVE_DAY):
        return mention
    line_start = text.rfind("\n", 0, mention.start) + 1
    if text[line_start : mention.start].strip() or not _STAMP_AFTER.match(text, mention.end):
        return mention
    return attrs.evolve(mention, value="UNDEF-DCT-D-plus-0T" + mention.value[len(_ON_THE_NARRATIVE_DAY) :])
