"""Events in the order they happened, numbered e1..eN in that order."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from timeline.model import GRAIN_RANK, GRAINS, Event


def order_events(events: Iterable[Event]) -> tuple[Event, ...]:
    """Events sorted by when they start, renumbered e1..eN in the new order.

    Earlier start first, so a year that starts before a day in it comes before it. At the
    same start the finer grain first ("Tuesday morning" before "Tuesday" before "April"),
    an event before the publication of the same day (the article reports what happened
    before it was published), then text order; equal events keep their given order.
    """
    numbered = list(enumerate(events))
    numbered.sort(key=lambda item: _order_key(item[1], item[0]))
    return tuple(attrs.evolve(event, id=f"e{rank}") for rank, (_, event) in enumerate(numbered, start=1))


def _order_key(event: Event, given: int) -> tuple[object, ...]:
    return (
        event.interval.start,
        GRAIN_RANK.get(event.grain or "", len(GRAINS)),
        event.kind == "publication",
        event.start,
        given,
    )
