"""Events in the order they happened, numbered e1..eN in that order."""

from __future__ import annotations

import datetime as dt
import operator
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
    ordered = sorted(events, key=_order_key)  # stable: full ties keep their given order
    return tuple(_numbered(event, f"e{rank}") for rank, event in enumerate(ordered, start=1))


#: An event's fields after its id (the first), read in one call: renumbering builds
#: most events anew, and attrs.evolve, which looks the fields up each time, cost twice as much.
_AFTER_ID = operator.attrgetter(*(field.name for field in attrs.fields(Event)[1:]))


def _numbered(event: Event, ident: str) -> Event:
    return event if event.id == ident else Event(ident, *_AFTER_ID(event))


def midpoint(interval: Interval) -> dt.datetime:
    return interval.start + (interval.end - interval.start) / 2


def _order_key(event: Event) -> tuple[object, ...]:
    return (
        midpoint(event.interval),
        GRAIN_RANK.get(event.grain or "", len(GRAINS)),
        event.kind == "publication",
        event.start,
    )
