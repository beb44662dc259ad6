"""Penn-Treebank tokenized text read as prose, with a map of offsets back to the given text.

Many corpora hand text over tokenized: spaces before punctuation (``May 4 , 2009``,
``Boeing 's``, ``10 : 30``, ``p.m .``), ```` `` ```` and ``''`` for double quotes, a
backtick and ``'`` for single ones, ``-LRB-`` and ``-RRB-`` for brackets. The rules read
prose, so such a text is turned into prose first (:func:`detokenize`), the timeline is
built on the prose, and every offset and text in it
is mapped back into the given text (:func:`timeline_in_given`). A text without the marks
(:func:`looks_tokenized` is False: a few ``str.count`` calls) is left alone.
"""

from __future__ import annotations

import bisect
import re

import attrs

from timeline.model import Event, Expression, Timeline, Trigger

#: The bracket and quote tokens, and what they stand for in prose.
_TOKENS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": '"',
    "''": '"',
    "`": "'",
}

# A space is dropped before a closing mark or clitic, after an opening one, and inside a
# clock time split at its colon ("10 : 30"). Each alternative is a single space or a
# single token, so that a prose character always stands for one piece of the given text.
_EDIT = re.compile(
    r"-[LR][RSC]B-|``|''|`"
    r"| (?=[,.;:?!%)\]}]|-[RSC]RB-|''|'(?:[sSdDmM]|re|RE|ve|VE|ll|LL)\b|n't\b|N'T\b|'(?:\s|$))"
    r"|(?<=-L[RSC]B-) |(?<=`) |(?<=[(\[{$]) "
    r"|(?<=\d :) (?=\d\d\b)"
)


def looks_tokenized(text: str) -> bool:
    """Whether the text is Penn-Treebank tokenized: most of its commas (those before a
    space: "100,000" is none), or of its "'s" and "n't", stand apart from the word before;
    or, with neither, most of its full stops; or it writes brackets as ``-LRB-``."""
    if "-LRB-" in text or "-RRB-" in text:
        return True
    spaced_commas = text.count(" , ")
    if spaced_commas:
        return spaced_commas * 2 >= text.count(", ")
    spaced_clitics = text.count(" 's ") + text.count(" n't ")
    if spaced_clitics:
        return spaced_clitics * 2 >= text.count("'s ") + text.count("n't ")
    spaced_stops = text.count(" . ") + text.count(" .\n") + text.endswith(" .")
    return spaced_stops > 0 and spaced_stops * 2 >= text.count(". ") + text.count(".\n") - spaced_stops


@attrs.frozen
class Detokenized:
    """Prose made from a tokenized text, and where each piece of it came from.

    The prose is cut into pieces: runs copied unchanged and single characters that stand
    for a token (``(`` for ``-LRB-``). ``prose_starts[i]`` and ``given_starts[i]`` are where
    piece i begins in each text, ``given_lengths[i]`` its length in the given text."""

    given: str
    prose: str
    prose_starts: tuple[int, ...]
    given_starts: tuple[int, ...]
    given_lengths: tuple[int, ...]
    copied: tuple[bool, ...]

    def start_in_given(self, offset: int) -> int:
        """Where a span that begins at this prose offset begins in the given text."""
        if offset >= len(self.prose):
            return len(self.given)
        index = bisect.bisect_right(self.prose_starts, offset) - 1
        if self.copied[index]:
            return self.given_starts[index] + offset - self.prose_starts[index]
        return self.given_starts[index]

    def end_in_given(self, offset: int) -> int:
        """Where a span that ends at this prose offset (exclusive) ends in the given text."""
        if offset <= 0:
            return 0
        index = bisect.bisect_right(self.prose_starts, offset - 1) - 1
        if self.copied[index]:
            return self.given_starts[index] + offset - self.prose_starts[index]
        return self.given_starts[index] + self.given_lengths[index]

    def span_in_given(self, start: int, end: int) -> tuple[int, int]:
        """A prose span [start, end) as a span of the given text."""
        given_start = self.start_in_given(start)
        if end <= start:
            return given_start, given_start
        return given_start, max(given_start, self.end_in_given(end))


def detokenize(text: str) -> Detokenized:
    """The prose a Penn-Treebank tokenized text stands for, with its map of offsets."""
    parts: list[str] = []
    prose_starts: list[int] = []
    given_starts: list[int] = []
    given_lengths: list[int] = []
    copied: list[bool] = []
    prose_length = 0
    position = 0

    def piece(prose_piece: str, given_start: int, given_length: int, is_copy: bool) -> None:
        nonlocal prose_length
        parts.append(prose_piece)
        prose_starts.append(prose_length)
        given_starts.append(given_start)
        given_lengths.append(given_length)
        copied.append(is_copy)
        prose_length += len(prose_piece)

    for match in _EDIT.finditer(text):
        start, end = match.span()
        if start > position:
            piece(text[position:start], position, start - position, True)
        token = match.group()
        if token != " ":
            piece(_TOKENS[token], start, end - start, False)
        position = end
    if position < len(text) or not parts:
        piece(text[position:], position, len(text) - position, True)
    return Detokenized(
        given=text,
        prose="".join(parts),
        prose_starts=tuple(prose_starts),
        given_starts=tuple(given_starts),
        given_lengths=tuple(given_lengths),
        copied=tuple(copied),
    )


def timeline_in_given(timeline: Timeline, text: Detokenized) -> Timeline:
    """A timeline built on the prose, with every offset and text moved into the given text.

    Headlines stay prose: they are written for reading, not located in the text."""
    return attrs.evolve(
        timeline,
        expressions=tuple(_expression_in_given(e, text) for e in timeline.expressions),
        events=tuple(_event_in_given(e, text) for e in timeline.events),
    )


def _expression_in_given(expression: Expression, text: Detokenized) -> Expression:
    start, end = text.span_in_given(expression.start, expression.end)
    return attrs.evolve(expression, start=start, end=end, text=text.given[start:end])


def _event_in_given(event: Event, text: Detokenized) -> Event:
    if event.kind == "publication":
        return event
    start, end = text.span_in_given(event.start, event.end)
    changes: dict[str, object] = {"start": start, "end": end, "sentence": text.given[start:end]}
    if event.clause_start is not None and event.clause_end is not None:
        changes["clause_start"], changes["clause_end"] = text.span_in_given(event.clause_start, event.clause_end)
    if event.trigger is not None:
        changes["trigger"] = _trigger_in_given(event.trigger, text)
    return attrs.evolve(event, **changes)


def _trigger_in_given(trigger: Trigger, text: Detokenized) -> Trigger:
    start, end = text.span_in_given(trigger.start, trigger.end)
    return attrs.evolve(trigger, start=start, end=end, text=text.given[start:end])
