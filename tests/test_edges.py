"""Dates at the edges of the calendar: a value or nothing, never a crash.

Publication on 0001-01-01 and 9999-12-31, 29 February, the last day of a year and
ISO week 53; expressions that would leave the calendar ("10,000 years from now",
"next year" published 9999-06-01, "last year" published 0001-03-01) are skipped.
Every build here also passes the invariants of tests/test_properties.py.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import time
from pathlib import Path

import pytest

from timeline import InputError, build_timeline, resolve_phrase

sys.path.insert(0, str(Path(__file__).parent / "regressions"))
from invariants import check_timeline  # noqa: E402

SKIPPED = None  # the expression leaves the calendar: not in the output

# (phrase, published, expected value of the first expression, or SKIPPED)
EDGES = [
    # ISO weeks across the year boundary; years with a week 53 (2015, 2020, 2026)
    ("next week", "2020-12-31", "2021-W01"),
    ("last week", "2021-01-04", "2020-W53"),
    ("this week", "2015-12-31", "2015-W53"),
    ("this week", "2026-12-31", "2026-W53"),
    ("next week", "2026-12-28", "2027-W01"),
    ("this week", "2021-01-01", "2020-W53"),
    # 29 February
    ("yesterday", "2024-03-01", "2024-02-29"),
    ("tomorrow", "2024-02-28", "2024-02-29"),
    ("tomorrow", "2024-02-29", "2024-03-01"),
    ("today", "0004-02-29", "0004-02-29"),
    ("today", "9996-02-29", "9996-02-29"),
    ("next year", "2024-02-29", "2025"),
    # The last day of a year
    ("tomorrow", "2024-12-31", "2025-01-01"),
    ("next month", "2024-12-31", "2025-01"),
    ("next quarter", "2024-12-31", "2025-Q1"),
    # The first day of the calendar
    ("today", "0001-01-01", "0001-01-01"),
    ("this year", "0001-01-01", "0001"),
    ("this week", "0001-01-01", "0001-W01"),
    ("yesterday", "0001-01-01", SKIPPED),
    ("last week", "0001-01-01", SKIPPED),
    ("last month", "0001-01-01", SKIPPED),
    ("last quarter", "0001-01-01", SKIPPED),
    ("last Monday", "0001-01-01", SKIPPED),
    ("last year", "0001-03-01", SKIPPED),
    ("last winter", "0001-02-01", SKIPPED),
    # The last day of the calendar
    ("today", "9999-12-31", "9999-12-31"),
    ("this year", "9999-12-31", "9999"),
    ("tomorrow", "9999-12-31", SKIPPED),
    ("next week", "9999-12-31", SKIPPED),
    ("next month", "9999-12-31", SKIPPED),
    ("next quarter", "9999-12-31", SKIPPED),
    ("next Friday", "9999-12-31", SKIPPED),
    ("next year", "9999-06-01", SKIPPED),
    ("next winter", "9999-06-01", SKIPPED),
    ("next decade", "9999-01-01", SKIPPED),
    # Far beyond the calendar
    ("10,000 years from now", "2024-04-02", SKIPPED),
    ("10,000 years ago", "2024-04-02", SKIPPED),
    ("100,000,000 days ago", "2024-04-02", SKIPPED),
]


@pytest.mark.parametrize("phrase, published, expected", EDGES)
def test_edge_gives_a_value_or_is_skipped(phrase: str, published: str, expected: str | None) -> None:
    timeline = check_timeline(phrase, published)
    values = [e.value for e in timeline.expressions if e.type in {"DATE", "TIME"}]
    if expected is SKIPPED:
        assert values == [], values
    else:
        assert values[:1] == [expected]


PHRASES_AT_EDGES = [
    "next week", "last week", "this week", "the weekend", "this weekend", "next weekend", "last weekend",
    "next year", "last year", "next month", "last month", "next decade", "last century", "this winter",
    "next winter", "last winter", "next summer", "Christmas", "Thanksgiving", "New Year's Eve", "Dec. 31",
    "Jan. 1", "February 29", "Monday", "Friday night", "next Friday", "last Monday", "tonight", "midnight",
    "at noon", "at 11:59 p.m.", "yesterday", "tomorrow", "the day after tomorrow", "a year ago", "in a year",
    "10,000 years from now", "in 10,000 years", "the next day", "the day before", "the following week",
    "the previous year", "a year earlier", "the quarter", "the second half of next year", "year-end",
    "the coming weeks", "since Monday", "since last year", "until next week", "the 1990s", "the 21st century",
    "every Monday", "Jan. 1, 9999", "Dec. 31, 0001", "December 9999", "the year 10000",
]
PUBLISHED_AT_EDGES = [
    "0001-01-01", "0001-01-01T00:00", "0001-01-07", "0001-03-01", "0001-12-31", "0004-02-29",
    "2020-12-31", "2024-02-29", "2026-12-31", "9996-02-29", "9999-06-01", "9999-12-26",
    "9999-12-31", "9999-12-31T23:59:59", "9999-12-31T20:30",
]


@pytest.mark.parametrize("published", PUBLISHED_AT_EDGES)
def test_every_phrase_at_every_edge(published: str) -> None:
    for phrase in PHRASES_AT_EDGES:
        for text in (phrase, f"They met {phrase}. The next day, talks resumed. They will meet again {phrase}, a week later."):
            check_timeline(text, published, twice=False)


@pytest.mark.parametrize(
    "published",
    [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
     dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc), dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))],
)
def test_date_and_datetime_objects_at_the_edges(published) -> None:
    check_timeline("They met last Monday. Talks resume next week, by midnight on New Year's Eve.", published)


def test_since_runs_to_the_end_of_the_calendar() -> None:
    timeline = check_timeline("Prices have risen since Monday.", "9999-12-31")
    (event,) = [e for e in timeline.events if e.kind == "event"]
    assert event.relation == "since"
    assert event.interval.end == dt.datetime(9999, 12, 31, 23, 59, 59)


def test_publication_on_the_last_day_is_an_event() -> None:
    timeline = check_timeline("", "9999-12-31")
    (publication,) = timeline.events
    assert publication.value == "9999-12-31"
    assert publication.interval.start == dt.datetime(9999, 12, 31)


def test_midnight_at_the_end_of_the_calendar_has_no_interval() -> None:
    (midnight,) = resolve_phrase("midnight", "9999-12-31")
    assert midnight.value == "9999-12-31T24:00"
    assert midnight.interval is None


@pytest.mark.parametrize(
    "published",
    ["0000-01-01", "0000-12-31", "10000-01-01", "2023-02-29", "2024-13-01", "2024-04-31", "9999-12-32",
     "2024-04-02T24:00", "2024-04-02T23:60", "-0001-01-01", "\x00", "9" * 400, "2024-04-02\n2024-04-03"],
)
def test_publication_dates_off_the_calendar_are_input_errors(published: str) -> None:
    with pytest.raises(InputError) as raised:
        build_timeline("Talks resume next week.", published)
    assert "\n" not in str(raised.value)


# --- Adversarial inputs run in linear time -------------------------------------------------
#
# Small versions of benchmarks/bench_adversarial.py (which runs 1 MB and 5 MB): the CPU
# time per character at 25 KB must stay within 3x of that at 5 KB (quadratic is 5x).

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_adversarial import INPUTS  # noqa: E402

SMALL, LARGE, MAX_RATIO = 5_000, 25_000, 3.0


def _cpu_seconds(text: str, budget: float | None = None) -> float:
    """CPU time of one build (immune to the machine's other work); inf past budget CPU seconds."""
    import signal

    class TooSlow(Exception):
        pass

    def too_slow(signum, frame):
        raise TooSlow

    if budget is not None:
        previous = signal.signal(signal.SIGPROF, too_slow)
        signal.setitimer(signal.ITIMER_PROF, budget)
    # The collector's pauses depend on what the rest of the test run keeps alive (a whole
    # suite's worth): they would measure the suite, not the build.
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        build_timeline(text, "2024-04-02")
        return time.process_time() - started
    except TooSlow:
        return float("inf")
    finally:
        gc.enable()
        if budget is not None:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_adversarial_input_is_linear(name: str) -> None:
    build_timeline("Warm up on Monday.", "2024-04-02")
    # Fast inputs get longer (up to 40x), so that the small build takes some 30 ms to measure.
    size = min(40 * SMALL, max(SMALL, int(SMALL * 0.03 / max(_cpu_seconds(INPUTS[name](SMALL)), 1e-4))))
    small, large = INPUTS[name](size), INPUTS[name](size * LARGE // SMALL)
    ratios = []
    for _ in range(2):  # a second chance against a noisy machine
        per_small = min(_cpu_seconds(small) for _ in range(3)) / len(small)
        # Stop a build that is already 1.2x over the bound rather than wait for it.
        per_large = _cpu_seconds(large, budget=1.2 * MAX_RATIO * per_small * len(large) + 0.2) / len(large)
        ratios.append(per_large / max(per_small, 1e-9))
        if ratios[-1] < MAX_RATIO:
            return
        if per_large == float("inf"):
            break  # 1.2x over the bound in CPU time is no accident of a busy machine
    pytest.fail(f"{name}: time per character grows {min(ratios):.1f}x from {len(small)} to {len(large)} characters")
