"""Dates in words, in two styles: short for the figure ("Mon 1 Apr", "Nov 2022",
"Since summer 2023"), long for TimelineJS and the HTML page ("1 April 2024",
"Summer 2023", "Week of 1 April 2024", "Since summer 2023").

Both read the same things about an event: its TIMEX3 value, mod, relation, grain and
the start of its span; one module, so that a date is said the same way everywhere.
It imports nothing of timeline: the renderer reads dicts and stays below the model.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["MONTHS", "MONTH_NAMES", "day_text", "long_date", "long_words", "ordinal", "short_date", "short_day", "span_text", "year_text"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = tuple("January February March April May June July August September October November December".split())
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
REF_LABELS = {"PAST_REF": "In the past", "PRESENT_REF": "Now", "FUTURE_REF": "In the future"}
POINT_GRAINS = frozenset({"second", "minute", "hour", "part_of_day", "day"})
#: Grains where "Late Mon 1 Apr" would read oddly: "Late on Mon 1 Apr".
DAYLIKE_GRAINS = POINT_GRAINS | {"week", "weekend"}
#: Grains TimelineJS's own date formatting cannot show (it knows years to minutes).
SPECIAL_GRAINS = frozenset({"part_of_day", "week", "weekend", "season", "quarter", "half", "decade", "century", "millennium"})

_SHORT_MOD = {
    "APPROX": "Around",
    "START": "Early",
    "MID": "Mid-",
    "END": "Late",
    "BEFORE": "Before",
    "AFTER": "After",
    "ON_OR_BEFORE": "By",
    "ON_OR_AFTER": "From",
}
#: Prefixes that qualify the date itself ("Late 1980s") rather than govern it ("Since the 1980s").
_ADJECTIVES = frozenset({"Early", "Late"})
_RELATION = {"since": "Since", "until": "Until", "before": "Before", "after": "After"}
_LONG_MOD = {
    "START": "early",
    "MID": "mid",
    "END": "late",
    "APPROX": "about",
    "BEFORE": "before",
    "AFTER": "after",
    "ON_OR_BEFORE": "on or before",
    "ON_OR_AFTER": "on or after",
}


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def year_text(year: int) -> str:
    """A year as written in a short date: "AD 476" below 1000, where "Jan 476" could
    read as a day of January."""
    return f"AD {year}" if year < 1000 else str(year)


def short_day(moment: dt.datetime, *, weekday: bool, year: bool = True) -> str:
    """"Mon 1 Apr 2024", "1 Apr", as the figure writes days."""
    text = f"{moment.day} {MONTHS[moment.month - 1]}"
    if weekday:
        text = f"{WEEKDAYS[moment.weekday()]} {text}"
    return f"{text} {year_text(moment.year)}" if year else text


def span_text(start: dt.datetime, end: dt.datetime, grain: str) -> str:
    """A length the calendar anchors, as the days it covers: "2025–2030", "Aug–Nov 2010",
    "Nov 2009–Feb 2010", "8–22 Sep 2025" (`end` exclusive, as intervals are)."""
    last = end - dt.timedelta(days=1) if end - start >= dt.timedelta(days=1) else start
    if grain in ("year", "decade", "century"):
        return f"{year_text(start.year)}–{year_text(last.year)}" if last.year != start.year else year_text(start.year)
    if grain == "month":
        first_month, last_month = MONTHS[start.month - 1], MONTHS[last.month - 1]
        if start.year == last.year:
            return f"{first_month}–{last_month} {year_text(last.year)}" if start.month != last.month else f"{first_month} {year_text(last.year)}"
        return f"{first_month} {year_text(start.year)}–{last_month} {year_text(last.year)}"
    if (start.year, start.month) == (last.year, last.month):
        return f"{start.day}–{last.day} {MONTHS[last.month - 1]} {year_text(last.year)}"
    return f"{short_day(start, weekday=False, year=start.year != last.year)}–{short_day(last, weekday=False)}"


def day_text(day: dt.date) -> str:
    """"1 April 2024", as the long style writes days."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


# --- short: the figure ---------------------------------------------------------------


def short_date(
    value: str, mod: str | None, relation: str | None, grain: str, start: dt.datetime, published_year: int
) -> str:
    """A short newspaper date: "Mon 1 Apr", "Nov 2022", "Since summer 2023", "Until Oct 2025".

    `start` is the start of the expression's own span (not of a bar drawn from it:
    "until October" is said of October, whatever the bar runs from)."""
    if value in REF_LABELS:
        return REF_LABELS[value]
    bare, after_preposition = _grain_words(value, grain, start, published_year)
    prefix = _RELATION.get(relation or "") or _SHORT_MOD.get(mod or "")
    if not prefix:
        return bare[0].upper() + bare[1:]
    if mod in ("START", "MID", "END") and grain in DAYLIKE_GRAINS and not relation:
        word = "on" if grain in POINT_GRAINS else "in"
        return {"START": f"Early {word}", "MID": "Middle of", "END": f"Late {word}"}[mod] + f" {after_preposition}"
    if prefix.endswith("-"):
        return prefix + bare  # "Mid-2023"
    if prefix in _ADJECTIVES:
        return f"{prefix} {bare}"  # "Late 1980s", "Early summer 2023"
    return f"{prefix} {after_preposition}"  # "Since the 1980s", "Around the week of Mon 1 Apr"


def _grain_words(value: str, grain: str, start: dt.datetime, published_year: int) -> tuple[str, str]:
    """The words for a grain on their own ("1980s"), and after a preposition ("the 1980s")."""
    year = year_text(start.year)
    if grain == "season":
        season = SEASONS.get(value[5:7]) or ("winter", "spring", "summer", "autumn")[start.month % 12 // 3]
        return f"{season} {year}", f"{season} {year}"
    if grain == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {year}", f"Q{(start.month - 1) // 3 + 1} {year}"
    if grain == "half":
        return f"H{(start.month - 1) // 6 + 1} {year}", f"H{(start.month - 1) // 6 + 1} {year}"
    if grain == "year":
        return str(year), str(year)
    if grain == "decade":
        return f"{start.year // 10 * 10}s", f"the {start.year // 10 * 10}s"
    if grain == "century":
        century = start.year // 100 + 1
        return f"{ordinal(century)} century", f"the {ordinal(century)} century"
    if grain == "millennium":
        return f"{ordinal(start.year // 1000 + 1)} millennium", f"the {ordinal(start.year // 1000 + 1)} millennium"
    if grain == "month":
        return f"{MONTHS[start.month - 1]} {year}", f"{MONTHS[start.month - 1]} {year}"
    day = short_day(start, weekday=True, year=start.year != published_year)
    if grain == "week":
        return f"week of {day}", f"the week of {day}"
    if grain == "weekend":
        return f"weekend of {day}", f"the weekend of {day}"
    part = PARTS_OF_DAY.get(value[-2:]) if "T" in value else None
    if grain == "part_of_day" and part:
        return f"{day}, {part}", f"{day}, {part}"
    if grain in ("hour", "minute", "second"):
        return f"{day}, {start:%H:%M}", f"{day}, {start:%H:%M}"
    return day, day


# --- long: TimelineJS and the HTML page ------------------------------------------------


def long_words(value: str, grain: str, start: dt.datetime) -> str | None:
    """A DATE/TIME value of this grain, whose span starts at `start`, in words
    ("Summer 2023", "Q1 2024", "The 1990s"); None for a grain it cannot name."""
    year = f"{start.year}"
    if grain == "year":
        return year
    if grain == "month":
        return f"{MONTH_NAMES[start.month - 1]} {year}"
    if grain == "day":
        return day_text(start.date())
    if grain == "part_of_day":
        part = PARTS_OF_DAY.get(value.rpartition("T")[2])
        return f"{day_text(start.date())}, {part}" if part else day_text(start.date())
    if grain in {"hour", "minute", "second"}:
        return f"{day_text(start.date())}, {start:%H:%M}"
    if grain == "week":
        return f"Week of {day_text(start.date())}"
    if grain == "weekend":
        return f"Weekend of {day_text(start.date())}"
    if grain == "season":
        season = (SEASONS.get(value[-2:]) or ("winter", "spring", "summer", "autumn")[start.month % 12 // 3]).capitalize()
        # A TimeML winter starts in December: "Winter 2023" runs into 2024.
        return f"{season} {year}–{(start.year + 1) % 100:02d}" if season == "Winter" else f"{season} {year}"
    if grain == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {year}"
    if grain == "half":
        return f"{'First' if start.month <= 6 else 'Second'} half of {year}"
    if grain == "decade":
        return f"The {start.year // 10 * 10 if start.year > 1 else 0}s"
    if grain == "century":
        return f"The {ordinal(start.year // 100 + 1)} century"
    if grain == "millennium":
        return f"The {ordinal(start.year // 1000 + 1)} millennium"
    return None


def _joined(prefix: str, phrase: str) -> str:
    """"Since summer 2023", "Early November 2022", "Late 1980s", "Early Q3 2023": the
    first word lowered unless it is a name or a code, "the" dropped after an adjective."""
    first = phrase.split(" ", 1)[0]
    if prefix in ("early", "late") and first == "The":
        phrase = phrase[4:]
    elif first not in MONTH_NAMES and first[1:].islower():
        phrase = phrase[:1].lower() + phrase[1:]
    return f"{prefix[:1].upper()}{prefix[1:]} {phrase}"


def long_date(value: str, mod: str | None, relation: str | None, grain: str | None, start: dt.datetime) -> tuple[str, bool] | None:
    """The event's date in full words, and whether a calendar's own formatting of its
    start would mislead (a season, a week, "early", "since"); None where the grain
    names no calendar span."""
    phrase = long_words(value, grain, start) if grain else None
    if phrase is None:
        return None
    special = grain in SPECIAL_GRAINS
    if mod in _LONG_MOD:
        word = _LONG_MOD[mod]
        phrase = f"Mid-{phrase}" if word == "mid" else _joined(word, phrase)
        special = True
    if relation in _RELATION:
        phrase = _joined(relation, phrase)
        special = True
    return phrase, special
