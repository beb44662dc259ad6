"""Resolution's fast paths against the plain way they stand for (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import timevalue as tv
from timeline.model import Interval
from timeline.resolve import Context, _weekday_by_tense, _year_by_tense, _year_options, resolve_fixed

TENSES = ("past", "present", "future")
#: Year-less dates as the rules write them: day, month, season, quarter, half, holiday, Easter.
YEARLESS = ("01-01", "02-29", "04-02", "06-30", "12-31", "01", "04", "12", "SP", "SU", "FA", "WI",
            "Q1", "Q4", "H1", "H2", "HOL11,4,4", "HOL05,1,-1", "EASTER0", "EASTER-2")
PUBLISHED = st.one_of(
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59)),
    st.datetimes(min_value=dt.datetime(1995, 1, 1), max_value=dt.datetime(2030, 12, 31)),
)


def _noting(tense: str, asked: list[bool]) -> Callable[[], str]:
    """A tense reader that notes each time it is asked."""

    def tense_of() -> str:
        asked.append(True)
        return tense

    return tense_of


def _plain_tense_distance(interval: Interval, published: dt.datetime, tense: str) -> float:
    if interval.start <= published < interval.end:
        return 0.0
    against = 4.0 if interval.end - interval.start <= dt.timedelta(days=1) else 8.0
    if interval.end <= published:  # a future clause seldom tells of a day gone by: no deadline's leeway
        return ((published - interval.end).days + 1) * (8.0 if tense == "future" else 1.0)
    return ((interval.start - published).days + 1) * (against if tense == "past" else 1.0)


def _plain_year_choice(rest: str, published: dt.datetime, tense: str) -> str | None:
    """The candidate nearest publication, weighed by the tense: each tense scored on its own."""
    options = _year_options(rest, published)
    if not options:
        return None
    return min(options, key=lambda option: _plain_tense_distance(option[1], published, tense))[0]


@settings(max_examples=400, deadline=None)
@given(rest=st.sampled_from(YEARLESS), published=PUBLISHED, tense=st.sampled_from(TENSES))
def test_year_by_tense_reads_the_tense_only_where_it_changes_the_choice(rest, published, tense) -> None:
    asked: list[bool] = []
    resolution = _year_by_tense(rest, Context(published, _noting(tense, asked), None, None))
    assert (resolution.value if resolution else None) == _plain_year_choice(rest, published, tense)
    if not asked:
        assert len({_plain_year_choice(rest, published, other) for other in TENSES}) == 1


def _plain_weekday_choice(weekday: int, published: dt.datetime, tense: str) -> str | None:
    """The last such day on or before publication (past), the next on or after (future), else the nearest."""
    today = published.date()
    back, ahead = (today.isoweekday() - weekday) % 7, (weekday - today.isoweekday()) % 7
    try:
        if tense == "past" or (tense == "present" and back <= ahead):
            return tv.day_value(today - dt.timedelta(days=back))
        return tv.day_value(today + dt.timedelta(days=ahead))
    except OverflowError:
        return None


@settings(max_examples=300, deadline=None)
@given(weekday=st.integers(1, 7), published=PUBLISHED, tense=st.sampled_from(TENSES))
def test_weekday_by_tense_reads_the_tense_only_where_it_changes_the_day(weekday, published, tense) -> None:
    asked: list[bool] = []
    resolution = _weekday_by_tense(weekday, Context(published, _noting(tense, asked), None, None))
    assert (resolution.value if resolution else None) == _plain_weekday_choice(weekday, published, tense)
    if not asked:
        assert len({_plain_weekday_choice(weekday, published, other) for other in TENSES}) == 1


FIXED_TEMPLATES = st.one_of(
    st.builds("{}-{}-{}".format, st.sampled_from(["DUR", "SETDUR"]),
              st.sampled_from(["X", "0", "1", "2.5", "0.25", "12", "1000001"]),
              st.sampled_from(["D", "W", "WE", "M", "Q", "Y", "DE", "CE", "ML", "TH", "TM", "TS", "2W", "NIGHT",
                               "SEASON"])),
    st.sampled_from(["PRESENT_REF", "PAST_REF", "FUTURE_REF", "1998", "199", "1998-02-30", "1998-W05-WE", "P2Y",
                     "XXXX-WXX-2", "1998-Q5", "nonsense"]),
)


@given(template=FIXED_TEMPLATES)
def test_resolve_fixed_remembers_what_it_would_compute(template: str) -> None:
    computed = resolve_fixed.__wrapped__(template)
    assert resolve_fixed(template) == computed
    assert resolve_fixed(template) == computed  # asked again: from the cache
    assert computed is None or (computed.anchor is None and tv.VALUE_GRAMMAR.match(computed.value))
