"""TimeML values as calendar facts: their grain, their interval, and arithmetic on them.

A value such as "2023-SU" names a span of time; here it becomes the grain
"season" and the interval [2023-06-01, 2023-09-01). Shifting a value by a number
of units keeps its grain ("2023-Q3" minus a year is "2022-Q3").
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from timeline.model import Interval

#: TimeML 1.2.1 TIMEX3 value grammar (dates, times, weeks, seasons, quarters,
#: durations, the *_REF tokens), with X for unknown digits.
VALUE_GRAMMAR = re.compile(
    r"""^(?:
        PRESENT_REF|PAST_REF|FUTURE_REF
      | P(?:(?:[0-9X]+(?:\.[0-9]+)?[YMWDQ]|[0-9X]+(?:\.[0-9]+)?(?:DE|CE|ML|WE|Q|H))+
           (?:T(?:[0-9X]+(?:\.[0-9]+)?[HMS])+)?
         | T(?:[0-9X]+(?:\.[0-9]+)?[HMS])+)
      | [0-9X]{1,4}
      | [0-9X]{4}-(?:[0-9X]{2}(?:-[0-9X]{2})?|W[0-9X]{2}(?:-(?:[1-7X]|WE))?|SP|SU|FA|WI|Q[1-4X]|H[12X])
        (?:T(?:MO|AF|EV|NI|DT|[0-9X]{2}(?::[0-9X]{2}(?::[0-9X]{2}(?:\.[0-9]+)?)?)?(?:Z|[+-][0-9]{2}(?::[0-9]{2})?)?))?
      | XXXX-WXX-[1-7](?:T(?:MO|AF|EV|NI|DT|[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}(?::[0-9]{2})?)?))?
      | XXXX-XX-XXT(?:MO|AF|EV|NI|DT|[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}(?::[0-9]{2})?)?)
    )$""",
    re.VERBOSE,
)

SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PART_OF_DAY_HOURS = {"MO": (6, 12), "AF": (12, 18), "EV": (18, 22), "NI": (20, 24), "DT": (6, 18)}

_MAX = dt.datetime.max.replace(microsecond=0)


def _month_start(year: int, month: int) -> dt.datetime:
    """The first moment of a month, months counted past December (month 13 is next January)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if year > 9999:
        return _MAX
    return dt.datetime(year, month, 1)


def add_days(moment: dt.datetime, days: int) -> dt.datetime:
    """moment + days, held inside the calendar (9999-12-31T23:59:59 at the far end)."""
    try:
        return moment + dt.timedelta(days=days)
    except OverflowError:
        return _MAX if days > 0 else dt.datetime.min


#: The shapes of the values that name an interval (edtfvalue reads the same shapes).
DAY_VALUE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
MONTH_VALUE = re.compile(r"(\d{4})-(\d{2})")
_WEEK_VALUE = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
SEASON_VALUE = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
HALF_VALUE = re.compile(r"(\d{4})-H([12])")
_YEARS_VALUE = re.compile(r"\d{1,4}")
#: The time zone that may end a time value: Z, an offset, or a US zone that the date
#: has still to settle (ET: EST or EDT).
ZONE_SUFFIX = re.compile(r"(?:Z|[+-]\d\d(?::\d\d)?|[ECMP]T)$")
_US_STANDARD_OFFSETS = {"ET": -5, "CT": -6, "MT": -7, "PT": -8}


def settle_zone(value: str) -> str:
    """A time in ET, CT, MT or PT given the offset its date has (daylight time from the
    second Sunday of March to the first Sunday of November, the rule since 2007)."""
    head, zone = value[:-2], value[-2:]
    if zone not in _US_STANDARD_OFFSETS or "T" not in head:
        return value
    m = DAY_VALUE.match(head)
    offset = _US_STANDARD_OFFSETS[zone]
    if m is not None:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        march_first, november_first = dt.date(day.year, 3, 1), dt.date(day.year, 11, 1)
        dst_start = march_first + dt.timedelta(days=(6 - march_first.weekday()) % 7 + 7)
        dst_end = november_first + dt.timedelta(days=(6 - november_first.weekday()) % 7)
        offset += dst_start <= day < dst_end
    return f"{head}-{-offset:02d}"


@functools.lru_cache(maxsize=4096)
def interval_of(value: str) -> tuple[Interval | None, str | None]:
    """The concrete interval [start, end) and grain that a DATE or TIME value names.

    Values with unknown parts (X), durations, sets and *_REF give (None, None).
    Remembered: resolving asks about the same few dates again and again (a
    text's candidates, its last date, its publication day), and the answer is frozen.
    """
    if "X" in value or value.startswith("P") or value.endswith("_REF"):
        return None, None
    try:
        return _interval_of(value)
    except (ValueError, OverflowError):
        return None, None


def _interval_of(value: str) -> tuple[Interval | None, str | None]:
    date_part, _, time_part = value.partition("T")
    if time_part:
        day, grain = _interval_of(date_part)
        if day is None or grain != "day":
            return None, None
        if time_part in PART_OF_DAY_HOURS:
            first, last = PART_OF_DAY_HOURS[time_part]
            return Interval(day.start.replace(hour=first), _add_hours(day.start, last)), "part_of_day"
        # A zone ("14:20Z", "09:00-05") keeps the clock's own reading: the interval is
        # the time as the article gives it, not converted to the publication's zone.
        time_part = ZONE_SUFFIX.sub("", time_part)
        hour, _, rest = time_part.partition(":")
        minute = int(rest[:2]) if rest else 0
        start = _add_hours(day.start, int(hour)) + dt.timedelta(minutes=minute)
        grain = "minute" if rest else "hour"
        step = dt.timedelta(minutes=1) if rest else dt.timedelta(hours=1)
        if start >= _MAX:  # T24:00 of 9999-12-31 is past the calendar's end
            return None, None
        return Interval(start, min(start + step, _MAX) if start < _MAX - step else _MAX), grain
    m = DAY_VALUE.fullmatch(value)
    if m:
        start = dt.datetime(int(m[1]), int(m[2]), int(m[3]))
        return Interval(start, add_days(start, 1)), "day"
    m = MONTH_VALUE.fullmatch(value)
    if m:
        year, month = int(m[1]), int(m[2])
        return Interval(dt.datetime(year, month, 1), _month_start(year, month + 1)), "month"
    m = _WEEK_VALUE.fullmatch(value)
    if m:
        monday = dt.datetime.combine(dt.date.fromisocalendar(int(m[1]), int(m[2]), 1), dt.time())
        if m[3]:
            return Interval(add_days(monday, 5), add_days(monday, 7)), "weekend"
        return Interval(monday, add_days(monday, 7)), "week"
    m = SEASON_VALUE.fullmatch(value)
    if m:
        year, first = int(m[1]), SEASON_MONTHS[m[2]]
        return Interval(_month_start(year, first), _month_start(year, first + 3)), "season"
    m = QUARTER_VALUE.fullmatch(value)
    if m:
        year, first = int(m[1]), 3 * int(m[2]) - 2
        return Interval(_month_start(year, first), _month_start(year, first + 3)), "quarter"
    m = HALF_VALUE.fullmatch(value)
    if m:
        year, first = int(m[1]), 6 * int(m[2]) - 5
        return Interval(_month_start(year, first), _month_start(year, first + 6)), "half"
    m = _YEARS_VALUE.fullmatch(value)
    if m:
        digits = len(value)
        size = 10 ** (4 - digits)
        first = int(value) * size
        if first < 1 and digits < 4:
            first = 1
        if first < 1:
            return None, None
        grain = {4: "year", 3: "decade", 2: "century", 1: "millennium"}[digits]
        end_year = int(value) * size + size
        end = dt.datetime(end_year, 1, 1) if end_year <= 9999 else _MAX
        return Interval(dt.datetime(first, 1, 1), end), grain
    return None, None


def _add_hours(day: dt.datetime, hours: int) -> dt.datetime:
    try:
        return day + dt.timedelta(hours=hours)
    except OverflowError:
        return _MAX


# --- Building values --------------------------------------------------------------


def day_value(day: dt.date) -> str:
    return dt.date.isoformat(day)  # YYYY-MM-DD, and only that for a datetime too


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def shift(value: str, unit: str, count: int) -> str | None:
    """Move a value by count units (negative: back), keeping the value's own grain.

    unit is a TimeML duration letter: D, W, M, Q, Y, DE, CE. Returns None where
    the result would leave the calendar or the value has no grain to keep.
    """
    interval, grain = interval_of(value)
    if interval is None or grain is None:
        return None
    days = {"D": 1, "W": 7}.get(unit)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    start = interval.start
    try:
        if days is not None:
            moved = start + dt.timedelta(days=days * count)
        elif months is not None:
            total = start.year * 12 + start.month - 1 + months * count
            year, month = divmod(total, 12)
            if not 1 <= year <= 9999:
                return None
            moved = start.replace(year=year, month=month + 1, day=1)
            if grain in {"day", "part_of_day", "hour", "minute"}:
                last = (_month_start(year, month + 2) - dt.timedelta(days=1)).day
                moved = moved.replace(day=min(start.day, last))
        else:
            return None
    except (OverflowError, ValueError):
        return None
    return value_at(moved, grain, suffix=value.partition("T")[2])


def value_at(moment: dt.datetime, grain: str, suffix: str = "") -> str | None:
    """The value of the given grain that contains moment."""
    if not 1 <= moment.year <= 9999:
        return None
    y = moment.year
    if grain in {"day", "part_of_day", "hour", "minute"}:
        base = day_value(moment.date())
        return f"{base}T{suffix}" if suffix and grain != "day" else base
    if grain == "week":
        return week_value(moment.date())
    if grain == "weekend":
        return week_value(moment.date()) + "-WE"
    if grain == "month":
        return f"{y:04d}-{moment.month:02d}"
    if grain == "quarter":
        return f"{y:04d}-Q{quarter_of(moment.month)}"
    if grain == "half":
        return f"{y:04d}-H{1 if moment.month <= 6 else 2}"
    if grain == "season":
        for season, first in (("WI", 12), ("FA", 9), ("SU", 6), ("SP", 3)):
            if moment.month >= first:
                return f"{y:04d}-{season}"
        return f"{y - 1:04d}-WI"
    if grain == "year":
        return f"{y:04d}"
    if grain == "decade":
        return f"{y:04d}"[:3]
    if grain == "century":
        return f"{y:04d}"[:2]
    return None
