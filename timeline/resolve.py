"""Resolution: fill each underspecified value from the publication date, the
sentence's tense, or the narrative's last date (the second phase of two).

The templates it reads are documented at the top of rules/en/rules.toml.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Callable, Sequence

import attrs

from timeline import timevalue as tv
from timeline.model import GRAIN_RANK, Document, Expression, Interval
from timeline.recognize import Mention

#: Given an expression's span, the tense of the clause it stands in.
TenseAt = Callable[[int, int], str]

_UNIT_GRAIN = {"D": "day", "W": "week", "WE": "weekend", "M": "month", "Q": "quarter", "H": "half",
               "Y": "year", "DE": "decade", "CE": "century", "TH": "hour", "TM": "minute", "TS": "second"}
#: "since Monday" looks back; "until Friday", "by Jan. 14" name a deadline ahead.
_RELATION_TENSE = {"since": "past", "until": "future"}
_TIME_SUFFIX = re.compile(r"T(MO|AF|EV|NI|DT|\d\d:\d\d(?:Z|[+-]\d\d(?::\d\d)?|[ECMP]T)?)$")


@attrs.frozen
class Resolution:
    value: str
    anchor: str | None  # "published", an expression id, or None


@attrs.frozen
class Context:
    """What a relative expression is resolved against."""

    published: dt.datetime
    #: The tense of the expression's clause, read only where a value depends on it:
    #: reading a sentence's verbs was most of what resolving cost.
    tense_of: Callable[[], str]
    #: The narrative's last date: (value, expression id), or None before any.
    last_date: tuple[str, str] | None
    #: The last quarter the text named: financial news says "the quarter" for it.
    last_quarter: tuple[str, str] | None
    #: Whether the text has named a day near publication ("Sunday", "today"): then it is
    #: news, told in the publication's time, whatever history it recalls.
    news_time: bool = True
    #: The mention's relation to its time ("until" for "by Saturday", "until Friday").
    relation: str | None = None

    @property
    def tense(self) -> str:
        return self.tense_of()


def resolve(mentions: Sequence[Mention], document: Document, tense_at: TenseAt) -> tuple[Expression, ...]:
    """Resolve every mention, in text order, keeping the narrative's last date as it goes."""
    expressions = []
    last_date: tuple[str, str] | None = None
    last_quarter: tuple[str, str] | None = None
    news_time = False
    for mention in mentions:
        if mention.value.startswith("UNDEF"):
            context = Context(document.published, _tense_reader(mention, tense_at), last_date, last_quarter, news_time, mention.relation)
            resolution = resolve_relative(mention.value, context)
        else:
            resolution = resolve_fixed(mention.value)
        if resolution is None:
            continue
        # Ids run t1..tN over what is kept, so an anchor names its expression's final id.
        ident = f"t{len(expressions) + 1}"
        value = resolution.value
        interval, grain = tv.interval_of(value) if mention.type in {"DATE", "TIME"} else (None, None)
        if value == "PRESENT_REF":
            interval, grain = tv.interval_of(tv.day_value(document.published.date()))
        if not news_time and interval is not None and GRAIN_RANK[grain] <= GRAIN_RANK["week"]:
            news_time = _near_publication(interval, document.published)
        kind = mention.type
        if kind == "DATE" and _is_duration(value):
            kind = "DURATION"
        if kind == "TIME" and grain not in {None, "part_of_day", "hour", "minute", "second"}:
            kind = "DATE"
        expressions.append(
            Expression(
                id=ident,
                text=mention.text,
                start=mention.start,
                end=mention.end,
                type=kind,
                value=value,
                mod=mention.mod,
                grain=grain,
                interval=interval,
                anchor=resolution.anchor,
                relation=mention.relation,
                quant=mention.quant,
                freq=mention.freq,
            )
        )
        # A comparison ("a year earlier") looks back from the date in focus
        # without moving the focus.
        comparison = ("-REF-" in mention.value and "-minus-" in mention.value) or mention.value.startswith("UNDEF-quarterin")
        if grain is not None and not comparison and GRAIN_RANK[grain] <= GRAIN_RANK["year"]:
            last_date = (value, ident)
            if grain == "quarter":
                last_quarter = (value, ident)
    return tuple(expressions)


def _tense_reader(mention: Mention, tense_at: TenseAt) -> Callable[[], str]:
    """The mention's tense, read on first asking and then remembered."""
    if mention.tense is not None and mention.tense != "not past":
        fixed_tense = mention.tense
        return lambda: fixed_tense
    fixed = _RELATION_TENSE.get(mention.relation or "")
    if fixed is not None and mention.relation != "until":
        return lambda: fixed
    known: list[str] = []

    def tense() -> str:
        if not known:
            told = tense_at(mention.start, mention.end)
            if mention.tense == "not past":  # "beginning on Friday" after "told": the nearest
                known.append("present" if told == "past" else told)
            else:
                # "until Friday", "by Jan. 14" name a deadline ahead, but not in a clause told
                # in the past ("the strike lasted until March 3", "by early May it had revised")
                known.append(told if fixed is None or told == "past" else fixed)
        return known[0]

    return tense


def _is_duration(value: str) -> bool:
    return value.startswith("P") and not value.endswith("_REF")


@functools.lru_cache(maxsize=1024)
def resolve_fixed(template: str) -> Resolution | None:
    """A template that needs no context: a duration (DUR-2-W) or a value given in full.

    Remembered, as the same few ("PRESENT_REF", the year) recur through a text.
    """
    if template.startswith("DUR-") or template.startswith("SETDUR-"):
        _, count, unit = template.split("-", 2)
        value = duration_value(count, unit)
        return Resolution(value, None) if value else None
    value = tv.settle_zone(template)
    return Resolution(value, None) if tv.VALUE_GRAMMAR.match(value) else None


def resolve_relative(template: str, context: Context) -> Resolution | None:
    """An UNDEF template, resolved against the context; None where it cannot be."""
    suffix = ""
    m = _TIME_SUFFIX.search(template)
    if m:
        suffix, template = m.group(1), template[: m.start()]
    resolved = _resolve_undef(template, context)
    if resolved is None:
        return None
    if suffix:
        _, grain = tv.interval_of(resolved.value)
        if grain != "day":
            return resolved
        resolved = attrs.evolve(resolved, value=tv.settle_zone(f"{resolved.value}T{suffix}"))
    return resolved


def duration_value(count: str, unit: str) -> str | None:
    """DUR-2-W -> P2W; DUR-3-TH -> PT3H; DUR-X-Y -> PXY."""
    multiplier = 1
    if unit[0].isdigit():  # a fortnight is 2W
        multiplier, unit = int(unit[0]), unit[1:]
    if unit == "NIGHT":
        unit = "D"
    if unit == "SEASON":
        multiplier, unit = multiplier * 3, "M"
    # TimeBank writes decades, centuries and quarters in years and months.
    if unit in _DURATION_IN_SMALLER_UNITS:
        factor, unit = _DURATION_IN_SMALLER_UNITS[unit]
        multiplier *= factor
    if count != "X":
        number = float(count) * multiplier
        if number <= 0 or number > 1_000_000:
            return None
        if number != int(number) and unit in _FRACTION_UNITS:
            return _mixed_duration(number, unit)
        count = str(int(number)) if number == int(number) else f"{number:g}"
    elif multiplier != 1:
        count = "X"
    if unit.startswith("T"):
        return f"PT{count}{unit[1:]}"
    if unit == "WE":
        return f"P{count}WE"
    return f"P{count}{unit}"


_DURATION_IN_SMALLER_UNITS = {"DE": (10, "Y"), "CE": (100, "Y"), "ML": (1000, "Y"), "Q": (3, "M")}
#: A fractional count is written as whole units and the next smaller unit (P2Y6M).
_FRACTION_UNITS = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}


def _mixed_duration(number: float, unit: str) -> str:
    smaller, per = _FRACTION_UNITS[unit]
    whole = int(number)
    rest = round((number - whole) * per)
    big = f"{whole}{unit[-1]}" if whole else ""
    small = f"{rest}{smaller[-1]}" if rest else ""
    if unit.startswith("T"):
        return f"PT{big}{small}"
    if smaller.startswith("T"):
        return f"P{big}T{small}" if small else f"P{big}"
    return f"P{big}{small}"


# --- UNDEF templates ---------------------------------------------------------------

_PUBLISHED = "published"


def _resolve_undef(template: str, context: Context) -> Resolution | None:
    parts = template.split("-")
    head = parts[1]
    if head == "year":
        return _year_by_tense("-".join(parts[2:]), context)
    if head == "weekof":  # "the week of March 6"
        day = _year_by_tense("-".join(parts[2:]), context)
        interval = tv.interval_of(day.value)[0] if day else None
        return Resolution(tv.week_value(interval.start.date()), day.anchor) if day and interval else None
    if head == "inyear":  # "June last year"
        year = context.published.year + {"last": -1, "this": 0, "next": 1}[parts[2]]
        value = _candidates_for_year("-".join(parts[3:]), year)
        return Resolution(value, _PUBLISHED) if value else None
    if head == "after":  # the second end of a range: "March 4-5", "December 28-January 2"
        return _year_after_last("-".join(parts[2:]), context)
    if head in {"this", "last", "next"}:
        return _deictic(head, parts[2], context)
    if head == "recent":  # "this past summer": the latest such season over by publication
        return _latest_season(parts[2], context)
    if head in {"DCT", "REF"}:
        unit, op, count = parts[2], parts[3], parts[4]
        return _offset(head, unit, op, count, context)
    if head == "weekday":
        return _weekday_by_tense(int(parts[2][1:]), context)
    if head == "INFUTURE":
        unit, count = parts[2], parts[3]
        if context.tense == "future" and unit in {"D", "W", "M", "Y", "DE"} and count != "X":
            return _offset("DCT", unit, "plus", count, context)
        value = duration_value(count, unit)
        return Resolution(value, None) if value else None
    if head == "REFDAY":  # "the following Monday": the next Monday after the date in focus
        return _weekday_from_reference(parts[2], int(parts[4][1:]), context)
    if head == "quarterin":
        # "the 1988 period" in an earnings report: the quarter in focus, in 1988
        year = parts[2]
        if context.last_quarter is not None:
            return Resolution(f"{year}-{context.last_quarter[0][-2:]}", context.last_quarter[1])
        return Resolution(year, None)
    return None


def _published_day(context: Context) -> dt.date:
    return context.published.date()


def _candidates_for_year(rest: str, year: int) -> str | None:
    """The value for 'rest' (MM-DD, MM, SU, Q3, H1, HOLmm,wd,n) in a given year."""
    if rest.startswith("EASTER"):
        if not 1583 <= year <= 9999:
            return None  # the Gregorian computus
        try:
            return tv.day_value(_easter(year) + dt.timedelta(days=int(rest[6:])))
        except (OverflowError, ValueError):
            return None
    if rest.startswith("HOL"):
        month, weekday, nth = (int(x) for x in rest[3:].split(","))
        day = _nth_weekday(year, month, weekday, nth)
        return tv.day_value(day) if day else None
    if not 1 <= year <= 9999:
        return None
    return f"{year:04d}-{rest}"


def _easter(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    if not 1 <= year <= 9999:
        return None
    if nth > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (nth - 1))
    last = (dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def _year_by_tense(rest: str, context: Context) -> Resolution | None:
    """A date without its year ("April 2", "November", "summer", "the third quarter")."""
    published = context.published
    options = _year_options(rest, published)
    if not options:
        return None
    # The tense is read only where it would change the choice.
    scored = [(value, _tense_distances(interval, published)) for value, interval in options]
    past, present, future = (min(scored, key=lambda option: option[1][index])[0] for index in range(3))
    if past == present == future:
        return Resolution(present, _PUBLISHED)
    tense = context.tense
    return Resolution(past if tense == "past" else future if tense == "future" else present, _PUBLISHED)


def _year_after_last(rest: str, context: Context) -> Resolution | None:
    """The first such date on or after the narrative's last date (the range's first end)."""
    if context.last_date is None:
        return _year_by_tense(rest, context)
    first = tv.interval_of(context.last_date[0])[0]
    if first is None:
        return _year_by_tense(rest, context)
    start = first.start
    for year in (start.year, start.year + 1):
        value = _candidates_for_year(rest, year)
        interval = tv.interval_of(value)[0] if value else None
        if interval is not None and interval.start >= start:
            return Resolution(value, context.last_date[1])
    return _year_by_tense(rest, context)


def _year_options(rest: str, published: dt.datetime) -> list[tuple[str, Interval]]:
    """The date in the year before publication, its year and the year after, where each is one."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        value = _candidates_for_year(rest, year)
        interval = tv.interval_of(value)[0] if value else None
        if interval is not None:
            options.append((value, interval))
    return options


#: How much further a date on the wrong side of publication seems, given the
#: tense: news reports past events in the past tense, but deadlines and
#: schedules turn up in past-tense clauses too ("set a Jan. 14 deadline").
_AGAINST_TENSE = 4.0
_AGAINST_TENSE_PERIOD = 8.0
_DAY = dt.timedelta(days=1)


def _tense_distances(interval: Interval, published: dt.datetime) -> tuple[float, float, float]:
    """How far the interval seems from publication in a past, present and future clause."""
    if interval.start <= published < interval.end:
        return 0.0, 0.0, 0.0
    # A whole month or season named in a tense is on that side of publication;
    # a single day may be a deadline ("had until Jan. 14"), so its tense only weighs.
    against = _AGAINST_TENSE if interval.end - interval.start <= _DAY else _AGAINST_TENSE_PERIOD
    if interval.end <= published:
        days = (published - interval.end).days + 1
        # A future clause seldom tells of a day gone by ("will be played on May 16", in July):
        # the deadline a past clause may name has no such twin.
        return days * 1.0, days * 1.0, days * _AGAINST_TENSE_PERIOD
    days = (interval.start - published).days + 1
    return days * against, days * 1.0, days * 1.0


def _deictic(direction: str, unit: str, context: Context) -> Resolution | None:
    """this/last/next + a calendar unit, a season, a month (M04) or a weekday (D2)."""
    today = _published_day(context)
    step = {"this": 0, "last": -1, "next": 1}[direction]
    if unit == "WE" and direction == "this":
        return _weekend_by_tense(context)
    if unit in _UNIT_GRAIN:
        grain = _UNIT_GRAIN[unit]
        if grain in {"hour", "minute", "second"}:
            return None
        base = tv.value_at(dt.datetime.combine(today, dt.time()), grain)
        if base is None:
            return None
        if step == 0:
            return Resolution(base, _PUBLISHED)
        letter = {"weekend": "W", "half": "M"}.get(grain, unit)
        count = 6 * step if grain == "half" else step
        moved = tv.shift(base, letter, count)
        return Resolution(moved, _PUBLISHED) if moved else None
    if unit in tv.SEASON_MONTHS:
        return _deictic_season(direction, unit, context)
    if unit.startswith("Y") and unit[1:].isdigit():  # "June last year"
        year = today.year + step
        return Resolution(f"{year:04d}-{unit[1:]}", _PUBLISHED) if 1 <= year <= 9999 else None
    if unit.startswith("M") and unit[1:].isdigit():
        month = int(unit[1:])
        if direction == "this":
            return Resolution(f"{today.year:04d}-{month:02d}", _PUBLISHED)
        # "last April" is the latest April before this month, "next April" the first after it.
        if direction == "last":
            year = today.year if month < today.month else today.year - 1
        else:
            year = today.year if month > today.month else today.year + 1
        return Resolution(f"{year:04d}-{month:02d}", _PUBLISHED) if 1 <= year <= 9999 else None
    if unit.startswith("D") and unit[1:].isdigit():
        weekday = int(unit[1:])
        if direction == "this":
            return _weekday_by_tense(weekday, context)
        delta = (today.isoweekday() - weekday) % 7 or 7
        ahead = (weekday - today.isoweekday()) % 7 or 7
        try:  # "last Monday" on 0001-01-01 leaves the calendar
            day = today - dt.timedelta(days=delta) if direction == "last" else today + dt.timedelta(days=ahead)
        except OverflowError:
            return None
        return _day_resolution(day)
    return None


def _weekend_by_tense(context: Context) -> Resolution | None:
    """'The weekend': just past in a past-tense clause, the coming one otherwise."""
    saturday = _weekday_by_tense(6, context)
    if saturday is None:
        return None
    day = dt.date.fromisoformat(saturday.value)
    if context.tense == "past" and day > _published_day(context) - dt.timedelta(days=1):
        day -= dt.timedelta(days=7)
    return Resolution(tv.week_value(day) + "-WE", _PUBLISHED)


def _weekday_from_reference(step: str, weekday: int, context: Context) -> Resolution | None:
    anchor = _PUBLISHED
    base = _published_day(context)
    if context.last_date is not None:
        interval, grain = tv.interval_of(context.last_date[0])
        if interval is not None and grain in {"day", "part_of_day", "hour", "minute"}:
            base, anchor = interval.start.date(), context.last_date[1]
    try:
        if step == "minus":
            day = base - dt.timedelta(days=(base.isoweekday() - weekday) % 7 or 7)
        else:
            day = base + dt.timedelta(days=(weekday - base.isoweekday()) % 7 or 7)
    except OverflowError:
        return None
    return Resolution(tv.day_value(day), anchor)


def _day_resolution(day: dt.date) -> Resolution | None:
    return Resolution(tv.day_value(day), _PUBLISHED)


def _latest_season(season: str, context: Context) -> Resolution | None:
    published = context.published.replace(tzinfo=None)
    for year in range(published.year, published.year - 3, -1):
        value = f"{year:04d}-{season}" if 1 <= year <= 9999 else None
        interval = tv.interval_of(value)[0] if value else None
        if interval is not None and interval.end.replace(tzinfo=None) <= published:
            return Resolution(value, _PUBLISHED)
    return None


def _deictic_season(direction: str, season: str, context: Context) -> Resolution | None:
    published = context.published
    occurrences = []
    for year in range(published.year - 2, published.year + 2):
        value = f"{year:04d}-{season}" if 1 <= year <= 9999 else None
        interval = tv.interval_of(value)[0] if value else None
        if interval is not None:
            occurrences.append((value, interval))
    if direction == "this":
        # The season of this year; in January and February, this winter began last December.
        containing = [o for o in occurrences if o[1].start <= published < o[1].end]
        if containing:
            return Resolution(containing[0][0], _PUBLISHED)
        year = published.year - 1 if season == "WI" and published.month <= 2 else published.year
        return Resolution(f"{year:04d}-{season}", _PUBLISHED)
    # "last summer" is last year's, "next spring" next year's; a winter is
    # named by the year it starts in, so in January "last winter" began two Decembers ago.
    year = published.year + (1 if direction == "next" else -1)
    if season == "WI" and published.month <= 2:
        year -= 1
    return Resolution(f"{year:04d}-{season}", _PUBLISHED) if 1 <= year <= 9999 else None


def _weekday_by_tense(weekday: int, context: Context) -> Resolution | None:
    """A weekday name: the last such day on or before publication in a past-tense
    clause, the next on or after it in a future one, the nearest otherwise."""
    today, anchor = _published_day(context), _PUBLISHED
    story = _story_time(context)
    if story is not None:
        (value, ident), grain = story
        if grain == "month":  # some such weekday of a month the story is in: its day unknown
            return Resolution(f"{value}-XX", ident)
        today, anchor = dt.date.fromisoformat(value[:10]), ident
    back = (today.isoweekday() - weekday) % 7
    ahead = (weekday - today.isoweekday()) % 7
    if back == 0:  # the publication's own weekday: the day itself in any tense ("said Thursday")
        return Resolution(tv.day_value(today), anchor)
    # In the story's own time "By Saturday, the town was empty" is after the story's day.
    tense = "future" if story is not None and context.relation == "until" else context.tense
    try:
        if tense == "past":
            day = today - dt.timedelta(days=back)
        elif tense == "future":
            day = today + dt.timedelta(days=ahead)
        else:
            day = today - dt.timedelta(days=back) if back <= ahead else today + dt.timedelta(days=ahead)
    except OverflowError:
        return None
    return Resolution(tv.day_value(day), anchor)


#: How far from publication the narrative's date must be for the story to be told in
#: its own time: news that says "Sunday" means the Sunday near publication.
_STORY_DAYS = 45


def _near_publication(interval: Interval, published: dt.datetime) -> bool:
    """Whether publication falls within the interval widened by _STORY_DAYS."""
    return interval.start <= tv.add_days(published, _STORY_DAYS) and tv.add_days(published, -_STORY_DAYS) < interval.end


def _story_time(context: Context) -> tuple[tuple[str, str], str] | None:
    """The narrative's last date where the story has moved to its own time ("In March
    2012, ... On Sunday"): a day or a month of another year than publication's, far from
    it, before the text has named any day near publication; None otherwise."""
    if context.news_time or context.last_date is None:
        return None
    interval, grain = tv.interval_of(context.last_date[0])
    if interval is None or grain not in {"day", "part_of_day", "hour", "minute", "month"}:
        return None
    if _near_publication(interval, context.published) or interval.start.year == context.published.year:
        return None
    return (context.last_date[0][:10] if grain != "month" else context.last_date[0], context.last_date[1]), grain


def _offset(origin: str, unit: str, op: str, count: str, context: Context) -> Resolution | None:
    """n units before or after publication (DCT) or the narrative's last date (REF)."""
    sign = -1 if op == "minus" else 1
    if count == "X":
        return Resolution("PAST_REF" if sign < 0 else "FUTURE_REF", _PUBLISHED)
    try:
        number = float(count)
    except ValueError:
        return None
    if number != int(number):
        return None
    steps = sign * int(number)
    if unit.startswith("T"):
        unit = "D"  # hours ago on a day-grain publication date: the day itself
        steps = 0
    grain = _UNIT_GRAIN.get(unit)
    if grain is None or unit not in {"D", "W", "WE", "M", "Q", "Y", "DE", "CE"}:
        return None
    letter = "W" if unit == "WE" else unit
    if origin == "REF" and unit == "Q" and steps == 0 and context.last_quarter is None:
        # "the quarter" with none named yet: the last one completed.
        origin, steps = "DCT", -1
    if origin == "REF" and steps == 0 and context.last_date is not None and unit in {"W", "WE", "M"}:
        # "that week" after "an interview a month ago": a week of that month, which one the
        # text does not say; not the publication's
        value, anchor = context.last_date
        last_grain = tv.interval_of(value)[1]
        if last_grain is not None and GRAIN_RANK[grain] < GRAIN_RANK[last_grain] <= GRAIN_RANK["year"]:
            return Resolution(value, anchor)
    if origin == "REF":
        base_value, anchor = _reference(unit, context)
        if base_value is not None:
            moved = tv.shift(base_value, letter, steps)
            moved = _coarsen(moved, grain, keep_period=steps != 0) if moved else None
            return Resolution(moved, anchor) if moved else None
    elif unit == "Y" and steps == -1 and context.last_quarter is not None:
        # "a year ago" in an earnings report compares with the quarter in focus.
        moved = tv.shift(context.last_quarter[0], "Y", -1)
        if moved:
            return Resolution(moved, context.last_quarter[1])
    published = dt.datetime.combine(_published_day(context), dt.time())
    base = tv.value_at(published, grain)
    if base is None:
        return None
    moved = tv.shift(base, letter, steps)
    return Resolution(moved, _PUBLISHED) if moved else None


def _coarsen(value: str, unit_grain: str, keep_period: bool) -> str | None:
    """A step of a year from a quarter stays a quarter ("the year-earlier quarter");
    otherwise the result is no finer than the unit ("the following year" is a year)."""
    interval, grain = tv.interval_of(value)
    if interval is None or grain is None:
        return value
    if keep_period and unit_grain == "year" and grain in {"quarter", "half", "month", "season"}:
        return value
    if GRAIN_RANK[grain] >= GRAIN_RANK[unit_grain]:
        return value
    return tv.value_at(interval.start, unit_grain)


def _reference(unit: str, context: Context) -> tuple[str | None, str | None]:
    """The narrative's last date, if it is as fine as the unit asks; else publication."""
    if unit == "Q" and context.last_quarter is not None:
        return context.last_quarter
    if context.last_date is not None:
        value, anchor = context.last_date
        grain = tv.interval_of(value)[1]
        wanted = _UNIT_GRAIN[unit]
        if grain is not None and GRAIN_RANK[grain] <= max(GRAIN_RANK[wanted], GRAIN_RANK["day"]):
            return value, anchor
        if grain is not None and wanted in {"year", "decade", "century"} and grain in {"quarter", "month", "season", "half"}:
            return value, anchor
    published = dt.datetime.combine(_published_day(context), dt.time())
    return tv.value_at(published, _UNIT_GRAIN[unit] if unit != "WE" else "week"), _PUBLISHED
