"""Properties of build_timeline over arbitrary text and publication dates (hypothesis).

Whatever the input: no exception; every expression's offsets slice the input to its
text; every value is TimeML 1.2.1; every interval is non-empty; the JSON validates
against the schema; the same input gives byte-identical JSON. The checks live in
tests/regressions/invariants.py (shared with the fuzzer and the regression inputs).

Arbitrary Unicode rarely wakes a rule, so most properties use news-like text
composed from month names, weekdays, numbers, "last"/"next"/"ago" and years near
1 and 9999, published on any day from 0001-01-01 to 9999-12-31.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "regressions"))
from invariants import check_timeline  # noqa: E402

#: TIMELINE_EXAMPLES=5000 runs a deeper search (the suite keeps to ~150 an property, a few seconds).
_SCALE = int(os.environ.get("TIMELINE_EXAMPLES", "150"))
BOUNDED = settings(max_examples=_SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=max(1, _SCALE * 2 // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- Publication dates --------------------------------------------------------------

FIRST_DAY, LAST_DAY = dt.date(1, 1, 1), dt.date(9999, 12, 31)
EDGE_DAYS = [
    dt.date(1, 1, 1), dt.date(1, 1, 7), dt.date(1, 3, 1), dt.date(1, 12, 31), dt.date(4, 2, 29),
    dt.date(2020, 12, 31), dt.date(2024, 2, 29), dt.date(2026, 12, 31), dt.date(2027, 1, 1),
    dt.date(9996, 2, 29), dt.date(9999, 1, 1), dt.date(9999, 6, 1), dt.date(9999, 12, 27),
    dt.date(9999, 12, 31),
]

days = st.one_of(st.sampled_from(EDGE_DAYS), st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
moments = st.one_of(
    st.sampled_from([dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59), dt.datetime(9999, 12, 31, 20, 0)]),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59)),
)
#: As the API takes them: a date, a datetime, or the text 'YYYY-MM-DD[THH:MM[:SS]]'.
published = st.one_of(
    days,
    moments,
    days.map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
    moments.map(lambda m: f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}"),
)

# --- News-like text ----------------------------------------------------------------

MONTHS = ["January", "Feb.", "February", "March", "Apr.", "May", "June", "July", "Aug.", "Sept.", "October",
          "Nov.", "December", "DECEMBER", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wed.", "Thursday", "Friday", "Saturday", "Sunday", "FRIDAY", "Sundays"]
UNITS = ["day", "days", "week", "weeks", "weekend", "fortnight", "month", "months", "quarter", "quarters",
         "season", "year", "years", "decade", "decades", "century", "centuries", "millennium", "millennia",
         "hour", "hours", "minutes", "night", "nights"]
NUMBER_WORDS = ["a", "an", "one", "two", "three", "several", "a few", "twenty-four", "ninety-nine", "a dozen",
                "two and a half", "hundreds of"]
SEASONS = ["spring", "summer", "fall", "autumn", "winter"]
WORDS = ["last", "next", "this", "that", "the", "ago", "from now", "later", "earlier", "before", "after",
         "since", "until", "by", "in", "on", "of", "early", "late", "mid-", "the end of", "the start of",
         "about", "nearly", "more than", "at least", "every", "each", "past", "previous", "following", "same",
         "today", "yesterday", "tomorrow", "tonight", "now", "currently", "recently", "morning", "afternoon",
         "evening", "night", "noon", "midnight", "the day before yesterday", "the day after tomorrow",
         "the next day", "a year earlier", "year-earlier", "fiscal", "the first half", "the second half",
         "Q1", "Q4", "third quarter", "Christmas", "Thanksgiving", "New Year's Eve", "Memorial Day",
         "the 1990s", "the '90s", "the 21st century", "the first century", "twice", "weekly", "daily",
         "annually", "a.m.", "p.m.", "GMT"]
FILLER = ["The talks", "officials said", "will", "met", "was", "had", "is expected to", "Mr. Okafor", "prices",
          "may", "march", "rose", "fell", "the council", "Boeing", "No.", "$", "percent", "people", "old"]
PUNCTUATION = [".", ",", ";", ":", "-", "–", "/", "'", "’", '"', "(", ")", "\n", "\n\n", ". ", ", "]
YEARS_NEAR_EDGES = st.one_of(
    st.integers(0, 120), st.integers(9900, 10_100), st.integers(1690, 2110),
    st.sampled_from([1, 99, 100, 999, 1000, 9999, 10000, 12000, 99999]),
)


def _year_text(year: int) -> str:
    return str(year)


years = st.one_of(
    YEARS_NEAR_EDGES.map(_year_text),
    YEARS_NEAR_EDGES.map(lambda y: f"{y:04d}"),
    st.integers(0, 99).map(lambda y: f"'{y:02d}"),
    st.integers(0, 99).map(lambda y: f"’{y:02d}"),
)
numbers = st.one_of(
    st.integers(0, 40).map(str),
    st.sampled_from(["10,000", "1,000,000", "999,999", "9999", "1.5", "0.5", "3 1/2", "100000000000000000000"]),
    st.sampled_from(NUMBER_WORDS),
)
day_numbers = st.one_of(st.integers(0, 33).map(str), st.sampled_from(["1st", "2nd", "3rd", "29th", "31st", "32nd"]))
clock = st.builds(lambda h, m, s: f"{h}:{m:02d}{s}", st.integers(0, 25), st.integers(0, 61),
                  st.sampled_from(["", " a.m.", " p.m.", "pm", " GMT"]))
iso = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1, 9999), st.integers(0, 13), st.integers(0, 32))
slash = st.builds(lambda m, d, y: f"{m}/{d}/{y}", st.integers(0, 13), st.integers(0, 32), st.integers(0, 2100))

#: Phrases built the way rules read them, so that they fire (and overflow, and fail) often.
phrases = st.one_of(
    st.builds(lambda m, d, y: f"{m} {d}, {y}", st.sampled_from(MONTHS), day_numbers, years),
    st.builds(lambda w, m, d: f"{w}, {m} {d}", st.sampled_from(WEEKDAYS), st.sampled_from(MONTHS), day_numbers),
    st.builds(lambda d, m: f"the {d} of {m}", day_numbers, st.sampled_from(MONTHS)),
    st.builds(lambda m, y: f"{m} {y}", st.sampled_from(MONTHS + SEASONS), years),
    st.builds(lambda w, u: f"{w} {u}", st.sampled_from(["last", "next", "this", "the past", "the next", "the coming",
                                                       "the previous", "the following", "every", "every other"]),
              st.sampled_from(UNITS + MONTHS + WEEKDAYS + SEASONS)),
    st.builds(lambda n, u, w: f"{n} {u} {w}", numbers, st.sampled_from(UNITS),
              st.sampled_from(["ago", "from now", "later", "earlier", "before", "after", "long", "old"])),
    st.builds(lambda p, n, u: f"{p} {n} {u}", st.sampled_from(["in", "for", "within", "over the past", "the last",
                                                              "about", "more than", "nearly"]),
              numbers, st.sampled_from(UNITS)),
    st.builds(lambda w, c: f"{w} at {c}", st.sampled_from(WEEKDAYS + ["today", "tomorrow", "yesterday"]), clock),
    st.builds(lambda q, y: f"the {q} quarter of {y}", st.sampled_from(["first", "second", "third", "fourth"]), years),
    st.builds(lambda y: f"the year {y}", years),
    st.builds(lambda y: f"fiscal {y}", years),
    st.builds(lambda y1, y2: f"{y1}-{y2}", years, years),
    iso,
    slash,
    clock,
    years,
)
tokens = st.one_of(
    phrases,
    st.sampled_from(MONTHS + WEEKDAYS + UNITS + SEASONS + WORDS + FILLER + PUNCTUATION),
    numbers,
)
news_text = st.lists(tokens, max_size=25).flatmap(
    lambda parts: st.lists(st.sampled_from([" ", " ", " ", ". ", ", ", "\n", ""]), min_size=len(parts), max_size=len(parts))
    .map(lambda seps: "".join(part + sep for part, sep in zip(parts, seps)))
)

# --- Properties --------------------------------------------------------------------


@BOUNDED
@given(text=st.text(max_size=300), when=published)
def test_arbitrary_unicode_text(text: str, when) -> None:
    check_timeline(text, when)


@FEW
@given(
    text=st.text(st.characters(codec=None, categories=None), max_size=200),  # lone surrogates, controls, all planes
    when=published,
)
def test_any_code_point_even_surrogates(text: str, when) -> None:
    check_timeline(text, when)


@BOUNDED
@given(text=news_text, when=published)
@example(text="They met last Monday. Talks resume next week.", when=dt.date(1, 1, 1))
@example(text="Next week and next year, 10,000 years from now.", when=dt.date(9999, 12, 31))
@example(text="Until midnight on Dec. 31, 9999.", when="9999-12-31T23:00")
def test_news_like_text(text: str, when) -> None:
    check_timeline(text, when)


@BOUNDED
@given(phrase=phrases, when=published, frame=st.sampled_from([
    "{}", "The talks ended {}.", "They will meet {}.", "Since {}, prices rose.",
    "It happened on March 3. {} the talks resumed.", "In the third quarter, sales rose. {}, they fell.",
]))
def test_phrases_in_sentences(phrase: str, when, frame: str) -> None:
    check_timeline(frame.format(phrase), when)


@FEW
@given(
    text=st.lists(st.one_of(tokens, st.text(max_size=5)), max_size=30).map("".join),
    when=published,
)
def test_news_words_glued_to_noise(text: str, when) -> None:
    check_timeline(text, when)


def test_byte_identical_across_processes_and_hash_seeds() -> None:
    """Set and dict order change with PYTHONHASHSEED: the JSON must not."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    script = (
        "import sys; from timeline import build_timeline\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "extra = 'They met last Monday. Since last summer, every Monday at 9 a.m., the 1990s; next week.'\n"
        "sys.stdout.write(build_timeline(text, '2025-09-18').to_json() + build_timeline(extra, '9999-12-31').to_json())\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(root / "data" / "sample-harbour-bridge.txt")],
            capture_output=True, check=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
