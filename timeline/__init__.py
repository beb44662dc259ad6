"""timeline: turn a news article and its publication date into an ordered timeline of events.

    >>> from timeline import build_timeline
    >>> tl = build_timeline("They met on Tuesday.", published="2024-04-04")
    >>> [(e.text, e.value) for e in tl.expressions]
    [('Tuesday', '2024-04-02')]
"""

from __future__ import annotations

import bisect
import datetime as dt

from timeline.model import SCHEMA_VERSION, Document, Event, Expression, Interval, Timeline
from timeline.read import InputError, parse_published

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "Event",
    "Expression",
    "InputError",
    "Interval",
    "Timeline",
    "__version__",
    "build_timeline",
    "resolve_phrase",
]


def build_timeline(
    text: str,
    published: str | dt.date | dt.datetime,
    title: str | None = None,
) -> Timeline:
    """Find, resolve and order the temporal expressions of an article.

    ``published`` is the publication date ('YYYY-MM-DD', optionally with a time,
    or a date/datetime). Raises InputError for a date that cannot be read.

    A Penn-Treebank tokenized text (``May 4 , 2009``, ``-LRB-``) is read as the prose it
    stands for; every offset and text in the result still points into ``text``.
    """
    from timeline.tokenized import detokenize, looks_tokenized, timeline_in_given

    if not isinstance(text, str):
        raise InputError("the article must be text (str)")
    if looks_tokenized(text):
        given = detokenize(text)
        return timeline_in_given(_build_prose(given.prose, published, title), given)
    return _build_prose(text, published, title)


def _build_prose(text: str, published: str | dt.date | dt.datetime, title: str | None) -> Timeline:
    from timeline.events import build_events
    from timeline.order import order_events
    from timeline.recognize import recognize
    from timeline.resolve import resolve
    from timeline.sentences import SentenceTenses, split_sentences

    when = parse_published(published)
    document = Document(published=when.moment, published_has_time=when.has_time, title=title, utc_offset=when.utc_offset)
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]

    read: dict[int, SentenceTenses] = {}  # each sentence read once, whatever its dates

    def tense_at(start: int, end: int) -> str:
        index = bisect.bisect_right(starts, start) - 1
        if index < 0:
            return "present"
        if index not in read:
            read[index] = SentenceTenses(sentences[index].of(text))
        offset = sentences[index].start
        return read[index].tense(start - offset, end - offset)

    expressions = resolve(recognize(text), document, tense_at)
    events = order_events(build_events(text, document, expressions, sentences))
    return Timeline(document=document, expressions=expressions, events=events)


def resolve_phrase(phrase: str, published: str | dt.date | dt.datetime) -> tuple[Expression, ...]:
    """The expressions in a short phrase ("last summer"), resolved against a date."""
    return build_timeline(phrase, published).expressions
