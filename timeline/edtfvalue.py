"""TimeML values as EDTF strings (Library of Congress Extended Date/Time Format, 2019).

The rule: an expression's EDTF names the smallest span EDTF can write that holds
the whole expression, so a reader that knows EDTF but not TimeML still places it
right.

- Dates, months and years as they are: ``2024-04-02``, ``2022-11``, ``2023``.
- Times with seconds: ``2024-04-02T14:30:00``; a part of day ("Tuesday morning")
  gives its day, ``2024-04-02``, since EDTF has no mornings.
- Seasons in EDTF's level-1 codes: ``2023-21`` spring, ``-22`` summer, ``-23``
  autumn, ``-24`` winter.
- Quarters and halves in EDTF's level-2 sub-year groupings, since level 1 has
  none: ``2023-33`` .. ``2023-36`` for Q1..Q4, ``2023-40``/``2023-41`` for H1/H2.
- Weeks (EDTF has none) as the interval of their days: ``2024-04-01/2024-04-07``.
- Decades and centuries with unspecified digits: ``199X``, ``19XX``.
- mod APPROX adds ``~``; START, MID and END ("early 2023") keep the plain value,
  which holds them. Anything EDTF cannot hold is ``None``: durations, sets,
  ``*_REF``, values with unknown parts, BEFORE/AFTER and other open mods, and an
  approximate season, quarter or half (EDTF cannot qualify those).

An event's EDTF is its expression's, except a ``since`` event, which runs from the
start of its date to the last day of its interval (the publication day):
``2023-22/2024-04-02``.
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.model import Interval
from timeline.timevalue import DAY_VALUE, HALF_VALUE, MONTH_VALUE, QUARTER_VALUE, SEASON_VALUE

_SEASON_CODES = {"SP": "21", "SU": "22", "FA": "23", "WI": "24"}
#: Mods under which the plain value still holds the expression.
_CONTAINED_MODS = frozenset({None, "START", "MID", "END"})

_YEAR = re.compile(r"(\d{4})")
_DIGITS = re.compile(r"(\d{1,3})")  # decade, century, millennium
_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2})(?::(\d{2})(?::(\d{2}))?)?(Z|[+-]\d\d(?::\d\d)?)?")
_PART_OF_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(?:MO|AF|EV|NI|DT)")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-(WE|[1-7]))?")


def _edtf_zone(zone: str | None) -> str:
    """A TimeML zone as EDTF writes it: Z, or an offset in hours and minutes (-05:00)."""
    if zone is None or zone == "Z":
        return zone or ""
    return zone if ":" in zone else f"{zone}:00"


def _day(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _iso_day(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _week_days(year: str, week: str, suffix: str | None) -> tuple[dt.date, dt.date] | None:
    try:
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
        if suffix == "WE":
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        if suffix:
            day = monday + dt.timedelta(days=int(suffix) - 1)
            return day, day
        return monday, monday + dt.timedelta(days=6)
    except (ValueError, OverflowError):  # the last week of 9999 runs past the calendar
        return None


def expression_edtf(value: str, mod: str | None = None) -> str | None:
    """The EDTF string of a TimeML DATE/TIME value and mod, or None where EDTF cannot say it."""
    if mod not in _CONTAINED_MODS and mod != "APPROX":
        return None
    approx = "~" if mod == "APPROX" else ""
    if m := _YEAR.fullmatch(value):
        return value + approx if int(value) >= 1 else None
    if m := _DIGITS.fullmatch(value):
        return value + "X" * (4 - len(value)) + approx
    if m := MONTH_VALUE.fullmatch(value):
        return value + approx if 1 <= int(m[2]) <= 12 else None
    if m := DAY_VALUE.fullmatch(value):
        return value + approx if _day(*m.groups()) else None
    if m := _PART_OF_DAY.fullmatch(value):
        return f"{m[1]}-{m[2]}-{m[3]}{approx}" if _day(m[1], m[2], m[3]) else None
    if m := _TIME.fullmatch(value):
        if _day(m[1], m[2], m[3]) is None or int(m[4]) > 23 or int(m[5] or 0) > 59 or int(m[6] or 0) > 59:
            return None
        if approx:
            # EDTF qualifies dates, not times: "about 2:30 p.m." is about that day.
            return f"{m[1]}-{m[2]}-{m[3]}~"
        return f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5] or '00'}:{m[6] or '00'}{_edtf_zone(m[7])}"
    if m := _WEEK.fullmatch(value):
        days = _week_days(m[1], m[2], m[3])
        if days is None:
            return None
        first, last = days
        if first == last:
            return _iso_day(first) + approx
        return f"{_iso_day(first)}{approx}/{_iso_day(last)}{approx}"
    if approx:
        return None  # EDTF cannot qualify a season, quarter or half
    if m := SEASON_VALUE.fullmatch(value):
        return f"{m[1]}-{_SEASON_CODES[m[2]]}"
    if m := QUARTER_VALUE.fullmatch(value):
        return f"{m[1]}-{32 + int(m[2])}"
    if m := HALF_VALUE.fullmatch(value):
        return f"{m[1]}-{39 + int(m[2])}"
    return None


def interval_start_edtf(value: str, mod: str | None = None) -> str | None:
    """The start of a value as an EDTF interval end point: the value itself where an
    interval may hold it (dates, months, years, seasons), else its first day, month
    or year (weeks, times, quarters, halves, decades)."""
    approx = "~" if mod == "APPROX" else ""
    if any(shape.fullmatch(value) for shape in (_YEAR, MONTH_VALUE, DAY_VALUE, SEASON_VALUE)):
        plain = expression_edtf(value)
        return plain + approx if plain else None
    if m := _DIGITS.fullmatch(value):
        return f"{max(int(value) * 10 ** (4 - len(value)), 1):04d}{approx}"
    if m := (_PART_OF_DAY.fullmatch(value) or _TIME.fullmatch(value)):
        return f"{m[1]}-{m[2]}-{m[3]}{approx}" if _day(m[1], m[2], m[3]) else None
    if m := _WEEK.fullmatch(value):
        days = _week_days(m[1], m[2], m[3])
        return _iso_day(days[0]) + approx if days else None
    if m := QUARTER_VALUE.fullmatch(value):
        return f"{m[1]}-{3 * int(m[2]) - 2:02d}{approx}"
    if m := HALF_VALUE.fullmatch(value):
        return f"{m[1]}-{6 * int(m[2]) - 5:02d}{approx}"
    return None


def last_day(interval: Interval) -> dt.date:
    """The last calendar day an interval [start, end) touches."""
    end = interval.end
    if end.time() == dt.time() and end > interval.start:
        return (end - dt.timedelta(days=1)).date()
    return end.date()


def event_edtf(value: str, mod: str | None, relation: str | None, interval: Interval) -> str | None:
    """An event's EDTF: its expression's, or for a ``since`` event stretched up to the
    publication, the interval from its date to the last day it covers; for a length the
    calendar anchors ("the past year", P1Y), the days it covers."""
    if value.startswith("P"):
        return f"{_iso_day(interval.start.date())}/{_iso_day(last_day(interval))}"
    if relation == "since" and mod in _CONTAINED_MODS | {"APPROX"}:
        from timeline.timevalue import interval_of

        own, _ = interval_of(value)
        if own is not None and interval.end > own.end:
            start = interval_start_edtf(value, mod)
            if start is not None:
                return f"{start}/{_iso_day(last_day(interval))}"
    return expression_edtf(value, mod)
