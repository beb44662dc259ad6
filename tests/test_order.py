"""Ordering events in time."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

from timeline.model import Event, Interval
from timeline.order import midpoint, order_events


def event(
    name: str,
    start: dt.datetime,
    end: dt.datetime,
    grain: str | None,
    *,
    offset: int = 0,
    kind: str = "event",
) -> Event:
    return Event(
        id=name,
        kind=kind,
        headline=name,
        sentence="" if kind == "publication" else name,
        start=offset,
        end=offset if kind == "publication" else offset + 1,
        expression=None if kind == "publication" else "t1",
        value="x",
        grain=grain,
        interval=Interval(start, end),
    )


D = dt.datetime


def headlines(events: tuple[Event, ...]) -> list[str]:
    return [e.headline for e in events]


def test_orders_by_start_and_renumbers() -> None:
    later = event("later", D(2024, 5, 1), D(2024, 5, 2), "day", offset=0)
    earlier = event("earlier", D(2023, 1, 1), D(2023, 1, 2), "day", offset=50)
    ordered = order_events([later, earlier])
    assert headlines(ordered) == ["earlier", "later"]
    assert [e.id for e in ordered] == ["e1", "e2"]


def test_a_period_sits_at_its_middle() -> None:
    # "this year" (2024) after a March day in it; before a day in its second half.
    year = event("year", D(2024, 1, 1), D(2025, 1, 1), "year")
    march = event("march day", D(2024, 3, 5), D(2024, 3, 6), "day")
    october = event("october day", D(2024, 10, 5), D(2024, 10, 6), "day")
    assert headlines(order_events([october, year, march])) == ["march day", "year", "october day"]


def test_same_middle_finer_grain_first() -> None:
    year = event("year", D(2024, 1, 1), D(2025, 1, 1), "year", offset=0)
    # every interval below is centred on 2024-07-02T00:00, the middle of 2024
    month = event("month", D(2024, 6, 1), D(2024, 8, 2), "month", offset=10)
    day = event("day", D(2024, 7, 1, 12), D(2024, 7, 2, 12), "day", offset=20)
    no_grain = event("no grain", D(2024, 6, 1), D(2024, 8, 2), None, offset=30)
    assert headlines(order_events([no_grain, year, month, day])) == ["day", "month", "year", "no grain"]


def test_since_sits_between_its_start_and_publication() -> None:
    summer = event("last summer", D(2023, 6, 1), D(2023, 9, 1), "season")
    since = event("since last summer", D(2023, 6, 1), D(2024, 4, 3), "season")
    winter = event("last winter", D(2023, 12, 1), D(2024, 3, 1), "season")
    assert headlines(order_events([winter, since, summer])) == ["last summer", "since last summer", "last winter"]


def test_ties_keep_text_order_then_given_order() -> None:
    a = event("a", D(2024, 1, 1), D(2024, 1, 2), "day", offset=40)
    b = event("b", D(2024, 1, 1), D(2024, 1, 2), "day", offset=10)
    c = event("c", D(2024, 1, 1), D(2024, 1, 2), "day", offset=10)
    assert headlines(order_events([a, c, b])) == ["c", "b", "a"]


def test_the_publication_sits_at_its_date_after_that_day_s_events() -> None:
    published = event("published", D(2024, 4, 2), D(2024, 4, 3), "day", kind="publication")
    same_day = event("same day", D(2024, 4, 2), D(2024, 4, 3), "day", offset=100)
    before = event("before", D(2024, 4, 1), D(2024, 4, 2), "day", offset=5)
    after = event("after", D(2024, 6, 1), D(2024, 7, 1), "month", offset=1)
    ordered = order_events([published, after, same_day, before])
    assert headlines(ordered) == ["before", "same day", "published", "after"]
    assert ordered[2].kind == "publication" and ordered[2].id == "e3"


def test_input_is_left_alone() -> None:
    events = (event("b", D(2024, 2, 1), D(2024, 2, 2), "day"), event("a", D(2024, 1, 1), D(2024, 1, 2), "day"))
    order_events(events)
    assert [e.id for e in events] == ["b", "a"]


def test_empty() -> None:
    assert order_events([]) == ()


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=40),
            st.sampled_from(["hour", "day", "month", "year", None]),
            st.integers(min_value=0, max_value=5),
        ),
        max_size=12,
    )
)
def test_ordered_by_middle_always(specs: list[tuple[int, str | None, int]]) -> None:
    events = [
        event(f"x{i}", D(2024, 1, 1) + dt.timedelta(days=days), D(2024, 3, 1), grain, offset=offset)
        for i, (days, grain, offset) in enumerate(specs)
    ]
    ordered = order_events(events)
    assert sorted(headlines(ordered)) == sorted(headlines(tuple(events)))
    middles = [midpoint(e.interval) for e in ordered]
    assert middles == sorted(middles)
    assert [e.id for e in ordered] == [f"e{i}" for i in range(1, len(events) + 1)]
    assert order_events(ordered) == ordered


TEXT = st.text(max_size=5)
ANY_EVENT = st.builds(
    Event,
    id=st.from_regex(r"\Ae[1-9]\Z"),
    kind=st.sampled_from(["event", "publication"]),
    headline=TEXT,
    sentence=TEXT,
    start=st.integers(0, 99),
    end=st.integers(0, 99),
    expression=st.none() | TEXT,
    value=TEXT,
    grain=st.sampled_from(["day", "month", "year", None]),
    interval=st.builds(Interval, st.just(D(2024, 1, 1)), st.datetimes(D(2024, 1, 2), D(2030, 1, 1))),
    mod=st.none() | TEXT,
    relation=st.none() | TEXT,
)


@given(st.lists(ANY_EVENT, max_size=8))
def test_renumbering_changes_the_id_alone(events: list[Event]) -> None:
    given_by_content = {attrs.evolve(e, id=""): e for e in events}
    for rank, e in enumerate(order_events(events), start=1):
        assert e == attrs.evolve(given_by_content[attrs.evolve(e, id="")], id=f"e{rank}")
