"""Events in the order they happened, numbered e1..eN in that order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from timeline.model import GRAIN_RANK, GRAINS, Event, Interval


def order_events(events: Iterable[Event]) -> tuple[Event, ...]:
    """Events sorted by the middle of their intervals, renumbered e1..eN in the new order.

    An event dated only coarsely ("this year") happened somewhere in its interval; the
    middle is the best single guess, so "visits this year" come after "a call on Tuesday
    in April", and "since last summer" sits between last summer and now. Ties: the finer
    grain first (the more precise date leads), then an event before the publication of the
    same day (the article reports what happened before it was published), then text order;
    the rest keep their given order.
    """
    numbered = list(enumerate(events))
    numbered.sort(key=lambda item: _order_key(item[1], item[0]))
    return tuple(_numbered(event, f"e{rank}") for rank, (_, event) in enumerate(numbered, start=1))


def _numbered(event: Event, ident: str) -> Event:
    return event if event.id == ident else attrs.evolve(event, id=ident)


def midpoint(interval: Interval) -> dt.datetime:
    return interval.start + (interval.end - interval.start) / 2


def _order_key(event: Event, given: int) -> tuple[object, ...]:
    return (
        midpoint(event.interval),
        GRAIN_RANK.get(event.grain or "", len(GRAINS)),
        event.kind == "publication",
        event.start,
        given,
    )
