"""Draw a timeline dict as a newspaper-style figure (PNG, SVG or PDF).

The figure is laid out by hand in inches on a bare ``Figure`` (no Axes): time
runs left to right through a piecewise-linear map that can compress long empty
stretches (a broken axis), marks sit on a central axis, and labels (callouts
flying from a pole, like flags) are packed greedily above and below it, sized
by the renderer's own text extents, so that no label overlaps another label, a
marker or a bar, and no leader line crosses a label.

Time is handled as float days since 0001-01-01T00:00:00 (proleptic Gregorian),
not with ``matplotlib.dates``, so every year from 1 to 9999 (and the half-open
end 10000-01-01) works the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import math
import os
import re
import statistics
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from timeline.datewords import MONTHS, POINT_GRAINS, short_date, short_day, span_text, year_text

__all__ = ["FORMATS", "THEMES", "check_timeline", "default_max_events", "draw", "label_boxes", "mark_boxes", "save_figure"]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

FONT = "DejaVu Sans"

# gid prefixes: they let label_boxes/mark_boxes find the artists again, and
# become element ids in SVG output.
LABEL_GID = "tl-label-"
MARK_GID = "tl-mark-"


@dataclasses.dataclass(frozen=True)
class Theme:
    """Colours of one theme; marks use the Okabe-Ito colour-blind-safe palette."""

    background: str
    text: str
    muted: str
    axis: str
    leader: str
    point: str
    bar: str
    publication: str
    publication_text: str
    zoom: str  # the shading behind the enlarged days around publication


THEMES = {
    "light": Theme(
        background="#ffffff",
        text="#1b1b1b",
        muted="#5c5c5c",
        axis="#3a3a3a",
        leader="#a0a0a0",
        point="#0072B2",  # Okabe-Ito blue
        bar="#E69F00",  # Okabe-Ito orange
        publication="#D55E00",  # Okabe-Ito vermillion
        publication_text="#B34F00",  # darker vermillion: small bold text needs the contrast
        zoom="#eef1f5",
    ),
    "dark": Theme(
        background="#17191e",
        text="#ececec",
        muted="#a9a9a9",
        axis="#c9c9c9",
        leader="#666a72",
        point="#56B4E9",  # Okabe-Ito sky blue
        bar="#E69F00",
        publication="#D55E00",
        publication_text="#F0884A",
        zoom="#262a33",
    ),
}


@dataclasses.dataclass(frozen=True)
class Style:
    """Sizes in points (fonts) and inches (everything else)."""

    title_size: float = 16.0
    label_size: float = 8.6
    date_size: float = 8.2
    tick_size: float = 8.0
    caption_size: float = 7.6
    legend_size: float = 7.8
    margin: float = 0.35
    marker_radius: float = 0.048
    bar_height: float = 0.085
    track_gap: float = 0.035
    label_offset: float = 0.05  # text starts this far right of its leader
    label_gap: float = 0.12  # between two labels side by side
    leader_clearance: float = 0.03  # a leader passes at least this far from another label; < label_offset
    pole_snap: float = 0.035  # leaders this close share one pole
    lane_gap: float = 0.09  # between two labels one above the other
    break_width: float = 0.32
    cluster_pad: float = 0.14
    min_cluster_width: float = 0.3


STYLE = Style()
DEFAULT_WIDTH = 12.0
EMPTY_HEIGHT = 3.2

SECONDS_PER_DAY = 86400.0
#: Days from 0001-01-01 to 10000-01-01, the half-open end of year 9999.
END_OF_TIME = float(dt.date(9999, 12, 31).toordinal())

APPROX_MODS = frozenset({"APPROX", "START", "MID", "END"})

MOMENT_RE = re.compile(r"^(\d{4,5})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:[+-]\d{2}:\d{2})?)?$")  # local time; an offset is read past


class _Invalid(ValueError):
    """A timeline dict that cannot be drawn; the message is one line."""


# ---------------------------------------------------------------- time


def _parse_moment(text: Any, where: str) -> float:
    """ISO date(-time) -> days since 0001-01-01; also accepts the end of time 10000-01-01."""
    match = MOMENT_RE.match(text) if isinstance(text, str) else None
    if not match:
        raise _Invalid(f"{where}: expected YYYY-MM-DDTHH:MM:SS, got {text!r}")
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    if (year, month, day, hour, minute, second) == (10000, 1, 1, 0, 0, 0):
        return END_OF_TIME
    try:
        moment = dt.datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise _Invalid(f"{where}: {text!r} is not a valid date ({exc})") from None
    return _days(moment)


def _days(moment: dt.datetime) -> float:
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return moment.toordinal() - 1 + seconds / SECONDS_PER_DAY


def _moment(days: float) -> dt.datetime:
    """Days since 0001-01-01 -> datetime, clamped to what datetime can hold."""
    days = min(max(days, 0.0), END_OF_TIME - 1.0 / SECONDS_PER_DAY)
    whole = math.floor(days)
    seconds = round((days - whole) * SECONDS_PER_DAY)
    return dt.datetime.fromordinal(whole + 1) + dt.timedelta(seconds=seconds)


def _year_start(year: int) -> float:
    return END_OF_TIME if year >= 10000 else float(dt.date(year, 1, 1).toordinal() - 1)


def _month_start(year: int, month: int) -> float:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return END_OF_TIME if year >= 10000 else float(dt.date(year, month, 1).toordinal() - 1)


# ---------------------------------------------------------------- reading the dict


@dataclasses.dataclass(frozen=True)
class Mark:
    """What is drawn at one date: a point (start == end) or a bar [start, end), with
    the headlines of every event on that date and grain (the same bar is drawn once)."""

    id: str
    start: float
    end: float
    is_bar: bool
    approximate: bool
    fade_start: bool
    fade_end: bool
    date_label: str
    headlines: tuple[str, ...]
    #: Lower is drawn first when not every mark fits (see _salience).
    salience: tuple[float, int]

    @property
    def anchor(self) -> float:
        """Where the label's leader meets the mark: a point, or a bar's start."""
        return self.start

    @property
    def events(self) -> int:
        return len(self.headlines)


@dataclasses.dataclass(frozen=True)
class Doc:
    title: str
    published: float
    published_label: str
    marks: tuple[Mark, ...]
    #: Events not drawn: the least salient past the limit, and the inferred ones.
    left_out: int = 0
    inferred_left_out: int = 0


#: How far down the salience order a grain puts an event: a named day before a month,
#: a month before a year.
GRAIN_SALIENCE = {
    "second": 0, "minute": 0, "hour": 0, "part_of_day": 0, "day": 0,
    "weekend": 1, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 3,
    "year": 4, "decade": 5, "century": 6, "millennium": 6,
}  # fmt: skip
#: TimeML classes that name a state or a saying rather than a happening.
STATE_CLASSES = frozenset({"STATE", "I_STATE", "REPORTING", "PERCEPTION", "ASPECTUAL"})


def _read(timeline: Any, *, max_events: int | None = None, inferred: bool = False) -> Doc:
    """Validate just what drawing needs and turn the dict into marks: events on the
    same date and grain share one; past `max_events` (counted in events) the least
    salient are left out; inferred events are left out unless asked for."""
    if not isinstance(timeline, dict):
        raise _Invalid(f"timeline: expected a JSON object, got {type(timeline).__name__}")
    document = timeline.get("document")
    if not isinstance(document, dict):
        raise _Invalid("timeline.document: missing or not an object")
    published = _parse_moment(document.get("published"), "document.published")
    title = document.get("title")
    if title is not None and not isinstance(title, str):
        raise _Invalid("document.title: expected a string or null")
    events = timeline.get("events")
    if not isinstance(events, list):
        raise _Invalid("timeline.events: missing or not a list")
    published_mark = next(
        (e for e in events if isinstance(e, dict) and e.get("kind") == "publication" and isinstance(e.get("interval"), dict)),
        None,
    )
    if published_mark is not None:
        # Drawn at the middle of the publication interval so that events "on
        # Tuesday" (points at mid-day) sit on the publication line.
        start, end = _interval(published_mark, "publication event")
        published = (start + end) / 2
    published_year = _moment(published).year
    length = max((e.get("start") for e in events if isinstance(e, dict) and isinstance(e.get("start"), int)), default=0)
    drawn: dict[tuple, list[Mark]] = {}
    skipped_inferred = 0
    for index, event in enumerate(events):
        if isinstance(event, dict) and event.get("kind") == "publication":
            continue
        mark, key = _mark(event, index, published, published_year, length)
        if event.get("inferred") is True and not inferred:
            skipped_inferred += 1
            continue
        drawn.setdefault(key, []).append(mark)
    doc = Doc(
        title=_clean(title or "Timeline"),
        published=published,
        published_label=short_day(_moment(published), weekday=False),
        marks=tuple(_merged(same) for same in drawn.values()),
        inferred_left_out=skipped_inferred,
    )
    return _most_salient(doc, max_events)


def check_timeline(timeline: Any) -> None:
    """Raise ValueError (one line) where a timeline dict cannot be drawn."""
    _read(timeline)


def _merged(marks: Sequence[Mark]) -> Mark:
    """One mark for the events that share a date and grain; their headlines listed
    in the order of the article, repeated words said once."""
    if len(marks) == 1:
        return marks[0]
    first = min(marks, key=lambda m: m.salience[1])
    headlines = tuple(dict.fromkeys(h for m in sorted(marks, key=lambda m: m.salience[1]) for h in m.headlines))
    best = min(m.salience[0] for m in marks)
    return dataclasses.replace(first, headlines=headlines, salience=(best, first.salience[1]))


def _most_salient(doc: Doc, limit: int | None) -> Doc:
    """The doc with the marks to draw, in time order: the most salient first until
    `limit` events are drawn (a shared mark counts its events; the first is always
    drawn); the events left out are counted."""
    marks = doc.marks
    total = sum(m.events for m in marks) + doc.left_out
    if limit is None or sum(m.events for m in marks) <= limit:
        return doc
    kept, count = [], 0
    for mark in sorted(marks, key=lambda m: m.salience):
        if kept and count + mark.events > limit:
            continue  # a smaller mark further down may still fit
        kept.append(mark)
        count += mark.events
    order = {id(m): i for i, m in enumerate(marks)}
    kept.sort(key=lambda m: order[id(m)])
    return dataclasses.replace(doc, marks=tuple(kept), left_out=total - count)


def _interval(event: dict, where: str) -> tuple[float, float]:
    interval = event.get("interval")
    if not isinstance(interval, dict):
        raise _Invalid(f"{where}.interval: missing or not an object")
    start = _parse_moment(interval.get("start"), f"{where}.interval.start")
    end = _parse_moment(interval.get("end"), f"{where}.interval.end")
    if end < start:
        raise _Invalid(f"{where}.interval: ends before it starts")
    return start, end


def _salience(event: dict, grain: str, approximate: bool, relation: str | None, position: float) -> float:
    """How far down the drawing order an event goes (lower is drawn first): specific
    dates before vague ones, happenings before states and sayings, what the article
    leads with before what it mentions late."""
    trigger = event.get("trigger")
    event_class = trigger.get("class") if isinstance(trigger, dict) else None
    score = GRAIN_SALIENCE.get(grain, 4) + 2.0 * position
    if event_class in STATE_CLASSES:
        score += 1.5
    if approximate:
        score += 1.0
    if relation == "since":
        score += 0.5  # a state up to now ("has been closed since 2019")
    return score


def _mark(event: Any, index: int, published: float, published_year: int, length: int) -> tuple[Mark, tuple]:
    """The event as a mark, and the key marks that are drawn as one share."""
    where = f"events[{index}]"
    if not isinstance(event, dict):
        raise _Invalid(f"{where}: expected an object")
    if event.get("kind", "event") != "event":
        raise _Invalid(f"{where}.kind: expected 'event' or 'publication', got {event.get('kind')!r}")
    headline = event.get("headline", "")
    if not isinstance(headline, str):
        raise _Invalid(f"{where}.headline: expected a string")
    start, end = _interval(event, where)
    value = event.get("value") if isinstance(event.get("value"), str) else ""
    mod = event.get("mod") if isinstance(event.get("mod"), str) else None
    relation = event.get("relation") if isinstance(event.get("relation"), str) else None
    grain = event.get("grain") if isinstance(event.get("grain"), str) else None
    grain = grain or _grain_from_interval(event)
    approximate = event.get("approximate")
    if not isinstance(approximate, bool):
        approximate = mod in APPROX_MODS or value.endswith("_REF")
    # Said of the expression's own span, before the bar is stretched to publication:
    # "until March 2027" is labelled March 2027, not the day the bar starts.
    if value.startswith("P") and not value.endswith("_REF") and end > start:
        label = span_text(_moment(start), _moment(end), grain)  # "the next five years": 2025–2030
    else:
        label = short_date(value, mod, relation, grain, _moment(start), published_year)
    is_bar = end - start > 1.0 + 1e-9 and grain not in POINT_GRAINS
    fade_start = fade_end = approximate
    if relation == "since" and start < published:
        # "since X": from X up to publication, exact at the publication end.
        end, is_bar, fade_end = published, True, False
    elif relation == "until" and end > published and start > published:
        start, is_bar, fade_start = published, True, False
    if not is_bar:
        start = end = (start + end) / 2
    offset = event.get("start") if isinstance(event.get("start"), int) else 0
    position = offset / length if length > 0 else 0.0
    mark = Mark(
        id=str(event.get("id") or f"e{index}"),
        start=start,
        end=end,
        is_bar=is_bar,
        approximate=approximate,
        fade_start=fade_start and is_bar,
        fade_end=fade_end and is_bar,
        date_label=label,
        headlines=(_clean(headline),),
        salience=(_salience(event, grain, approximate, relation, position), index),
    )
    return mark, (start, end, is_bar, label)


# ---------------------------------------------------------------- text


@functools.lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    """Code points DejaVu Sans can draw; others would print 'Glyph missing' warnings."""
    from matplotlib import ft2font

    regular, bold = (ft2font.FT2Font(_font_file(b)).get_charmap() for b in (False, True))
    return frozenset(regular.keys() & bold.keys())


def _clean(text: str) -> str:
    """One line of drawable text: whitespace collapsed, unknown glyphs replaced."""
    glyphs = _glyphs()
    text = " ".join(text.split())
    return "".join(ch if ord(ch) in glyphs else "\N{REPLACEMENT CHARACTER}" for ch in text)


def _shorten(text: str, limit: int) -> str:
    """Cut past `limit` characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def _wrap(text: str, chars: int) -> str:
    return "\n".join(textwrap.wrap(text, width=chars, break_long_words=True)) if text else ""


def _grain_from_interval(event: dict) -> str:
    interval = event["interval"]
    length = _parse_moment(interval["end"], "") - _parse_moment(interval["start"], "")
    for grain, days in (("hour", 1 / 24), ("day", 1), ("week", 7), ("month", 31), ("quarter", 92), ("year", 366)):
        if length <= days + 1e-9:
            return grain
    return "decade" if length <= 3660 else "century"


# ---------------------------------------------------------------- the time axis


@dataclasses.dataclass(frozen=True)
class TimeAxis:
    """A continuous piecewise-linear map time -> x (inches); breaks are compressed gaps."""

    times: tuple[float, ...]
    xs: tuple[float, ...]
    clusters: tuple[tuple[float, float], ...]  # (first, last) time with content, per cluster
    ranges: tuple[tuple[float, float], ...]  # the time range each cluster shows, padding included
    breaks: tuple[tuple[float, float, float, float], ...]  # (x0, x1, t0, t1) of each compressed gap
    scales: tuple[float, ...]  # inches per day, per cluster
    #: (t0, t1, factor): the days around publication drawn `factor` times larger, or None.
    zoom: tuple[float, float, float] | None = None

    def x(self, t: float) -> float:
        times, xs = self.times, self.xs
        if t <= times[0]:
            return xs[0]
        if t >= times[-1]:
            return xs[-1]
        lo, hi = 0, len(times) - 1
        while hi - lo > 1:  # bisect: the map has few pieces but is called often
            mid = (lo + hi) // 2
            if times[mid] <= t:
                lo = mid
            else:
                hi = mid
        span = times[hi] - times[lo]
        return xs[lo] + (xs[hi] - xs[lo]) * ((t - times[lo]) / span if span else 0.0)


def _clusters(times: Sequence[float], events: int, bars: Sequence[tuple[float, float]] = ()) -> list[tuple[float, float]]:
    """Split the key times where an empty stretch is long against both the whole
    span and the usual spacing, so a crowded part is not squeezed by old history;
    never inside a bar, whose length must stay its true extent."""
    span = times[-1] - times[0]
    gaps = [b - a for a, b in zip(times, times[1:])]
    positive = [g for g in gaps if g > 0]
    if events < 3 or not positive:
        return [(times[0], times[-1])]
    usual = statistics.median(positive)
    clusters, first = [], times[0]
    for gap, before, after in zip(gaps, times, times[1:]):
        if gap >= 0.2 * span and gap >= 10 * usual and not any(b0 < after and before < b1 for b0, b1 in bars):
            clusters.append((first, before))
            first = after
    clusters.append((first, times[-1]))
    return clusters


def _time_axis(
    times: Sequence[float], anchors: Sequence[float], x0: float, x1: float, style: Style, bars: Sequence[tuple[float, float]] = ()
) -> TimeAxis:
    """The map for marks at `times` (every start and end) with labels at `anchors`;
    no break falls inside one of the `bars`."""
    times = sorted(set(times))
    if times[-1] - times[0] < 1.0:
        # Everything within a day: show the surrounding days rather than minutes.
        middle = (times[0] + times[-1]) / 2
        times = sorted({*times, max(0.0, middle - 1.0), min(END_OF_TIME, middle + 1.0)})
    clusters = _clusters(times, len(anchors), bars)
    count = len(clusters)
    pad, gap_width = style.cluster_pad, style.break_width
    available = (x1 - x0) - (count - 1) * gap_width - 2 * count * pad
    counts = [sum(first <= t <= last for t in anchors) for first, last in clusters]
    widths, scale = _cluster_widths([b - a for a, b in clusters], counts, available, style.min_cluster_width)
    ranges, scales, points, x = [], [], [], x0
    for index, ((first, last), width) in enumerate(zip(clusters, widths)):
        room_before = (first - clusters[index - 1][1]) / 3 if index else math.inf
        room_after = (clusters[index + 1][0] - last) / 3 if index + 1 < count else math.inf
        local = width / (last - first) if last > first else scale
        reach = pad + (width / 2 if last == first else 0.0)
        pad_before = min(reach / local, room_before, first)
        pad_after = min(reach / local, room_after, END_OF_TIME - last)
        if last == first:
            points += [(first - pad_before, x), (first, x + pad + width / 2), (last + pad_after, x + 2 * pad + width)]
        else:
            points += [(first - pad_before, x), (first, x + pad), (last, x + pad + width), (last + pad_after, x + 2 * pad + width)]
        ranges.append((first - pad_before, last + pad_after))
        scales.append(local)
        x += 2 * pad + width + gap_width
    points = _strictly_increasing(points)
    breaks = tuple(
        (_interp(points, ranges[i][1]), _interp(points, ranges[i + 1][0]), ranges[i][1], ranges[i + 1][0])
        for i in range(count - 1)
    )
    return TimeAxis(
        times=tuple(t for t, _ in points),
        xs=tuple(x for _, x in points),
        clusters=tuple(clusters),
        ranges=tuple(ranges),
        breaks=breaks,
        scales=tuple(scales),
    )


def _cluster_widths(
    spans: Sequence[float], counts: Sequence[int], available: float, minimum: float
) -> tuple[list[float], float]:
    """Share the width in proportion to each cluster's span (one scale for all),
    but give a cluster no more than its events need: a lone decade-long bar
    must not take the room of a crowded year."""
    total = max(1, sum(counts))
    caps = [max(minimum, 1.5 * available * count / total) for count in counts]
    fixed: dict[int, float] = {i: minimum for i, span in enumerate(spans) if span == 0}
    scale = math.inf
    for _ in range(2 * len(spans) + 1):
        free = [i for i in range(len(spans)) if i not in fixed]
        free_span = sum(spans[i] for i in free)
        free_width = available - sum(fixed.values())
        scale = free_width / free_span if free_span > 0 and free_width > 0 else math.inf
        changed = False
        for i in free:
            if spans[i] * scale < minimum:
                fixed[i], changed = minimum, True
            elif spans[i] * scale > caps[i]:
                fixed[i], changed = caps[i], True
        if not changed:
            break
    widths = [fixed.get(i, spans[i] * scale) for i in range(len(spans))]
    stretch = available / sum(widths) if sum(widths) > 0 else 1.0
    if stretch > 1.0 + 1e-9 and len(fixed) == len(spans):
        widths = [w * stretch for w in widths]  # every cluster capped: fill the width anyway
    if not math.isfinite(scale):
        scale = max((w / s for w, s in zip(widths, spans) if s > 0), default=1.0)
    return widths, scale


def _strictly_increasing(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    kept: list[tuple[float, float]] = []
    for t, x in points:
        if kept and t <= kept[-1][0]:
            continue
        kept.append((t, x))
    return kept


def _interp(points: Sequence[tuple[float, float]], t: float) -> float:
    return TimeAxis(tuple(p[0] for p in points), tuple(p[1] for p in points), (), (), (), ()).x(t)


# ---------------------------------------------------------------- ticks


@dataclasses.dataclass(frozen=True)
class Step:
    unit: str  # minute, hour, day, week, month, year
    count: int
    days: float


STEPS = (
    *(Step("minute", n, n / 1440) for n in (5, 10, 15, 30)),
    *(Step("hour", n, n / 24) for n in (1, 2, 3, 6, 12)),
    Step("day", 1, 1),
    Step("day", 2, 2),
    Step("week", 1, 7),
    Step("week", 2, 14),
    *(Step("month", n, n * 30.44) for n in (1, 2, 3, 6)),
    *(Step("year", n, n * 365.25) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)),
)


def _tick_times(step: Step, lo: float, hi: float) -> list[float]:
    """Round times of `step` within [lo, hi]."""
    ticks: list[float] = []
    start = _moment(lo)
    if step.unit in ("minute", "hour"):
        size = step.days
        first = math.ceil(round(lo / size, 9)) * size
        ticks = [first + i * size for i in range(int((hi - first) / size) + 1)]
    elif step.unit in ("day", "week"):
        first = math.ceil(lo)
        if step.unit == "week":
            first += (7 - (first % 7)) % 7  # day 0 (1 Jan 0001) is a Monday
        size = step.count * (7 if step.unit == "week" else 1)
        if step.unit == "day" and step.count > 1:
            first += first % step.count
        ticks = [float(first + i * size) for i in range(int((hi - first) // size) + 1)]
    elif step.unit == "month":
        year, month = start.year, start.month
        while year < 10000:
            t = _month_start(year, month)
            if t > hi:
                break
            if t >= lo and (month - 1) % step.count == 0:
                ticks.append(t)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        year = max(1, start.year)
        year = year + (-year) % step.count if step.count > 1 else year
        while year <= 10000 and _year_start(year) <= hi:
            if _year_start(year) >= lo:
                ticks.append(_year_start(year))
            year += step.count
    return ticks[:500]


def _tick_label(step: Step, t: float, first: bool) -> str:
    moment = _moment(t)
    if t >= END_OF_TIME:
        return "10000"
    if step.unit in ("minute", "hour"):
        return short_day(moment, weekday=True, year=False) if moment.hour == moment.minute == 0 else f"{moment:%H:%M}"
    if step.unit in ("day", "week"):
        year = first or (moment.month == 1 and moment.day <= step.days)
        return short_day(moment, weekday=step.unit == "day" and step.count == 1, year=year)
    if step.unit == "month":
        return f"{MONTHS[moment.month - 1]} {year_text(moment.year)}" if first or moment.month == 1 else MONTHS[moment.month - 1]
    return str(moment.year)


def _cluster_tick_label(first: float, last: float) -> str:
    """A label for a cluster too short for two regular ticks: what it spans."""
    a, b = _moment(first), _moment(max(first, last - 1 / SECONDS_PER_DAY))
    if (a.year, a.month) == (b.year, b.month):
        return f"{MONTHS[a.month - 1]} {year_text(a.year)}"
    if a.year == b.year:
        return year_text(a.year)
    return f"{year_text(a.year)}–{b.year}"


# ---------------------------------------------------------------- labels


@dataclasses.dataclass(frozen=True)
class Placement:
    index: int  # into the callouts
    pole: float  # x of the leader, inches
    x0: float  # the callout's horizontal extent
    x1: float
    side: int  # +1 above the axis, -1 below
    near: float  # distance of its edges from where labels start on that side
    far: float
    flies_left: bool = False  # the callout sits left of its pole (near the right edge)
    relaxed: bool = False  # no clean spot: its leader passes behind another callout


def _place_labels(
    poles: Sequence[float], widths: Sequence[float], heights: Sequence[float], style: Style, left: float, right: float
) -> list[Placement]:
    """Greedy skyline placement of callouts that fly from their pole like flags.

    Callouts fly right of their pole, except near the right edge, where they fly
    left. Right-flying ones are placed right to left and left-flying ones left to
    right: within each set the spot above everything always fits, since nothing
    placed before can cover the new leader. Each callout takes the lowest spot
    (either side) where it clears every other callout and every leader passing
    by, and where its own leader clears the callouts below it.

    Where the two sets meet, a right-flying callout may cover a left-flying
    one's pole and the other way round; confining those few to opposite sides
    keeps a clean spot for every callout. Letting them use both sides is often
    shorter but may leave none, so both are tried and the cleaner, then the
    shorter, layout wins."""
    reach = max(widths) + style.label_offset + style.leader_clearance + style.label_gap
    split = _flag_split(poles, widths, style, left, right, reach)
    flies_left = [pole >= split for pole in poles]
    rightward = sorted((i for i in range(len(poles)) if not flies_left[i]), key=lambda i: (-poles[i], i))
    leftward = sorted((i for i in range(len(poles)) if flies_left[i]), key=lambda i: (poles[i], i))
    both = [(1, -1)] * len(poles)
    variants = [both]
    if leftward:
        for side in (1, -1):
            variants.append(
                [
                    (side,) if not fly and pole > split - reach else (-side,) if fly and pole < split + reach else (1, -1)
                    for pole, fly in zip(poles, flies_left)
                ]
            )
    layouts = [_place_in_order(rightward + leftward, poles, widths, heights, flies_left, sides, style) for sides in variants]

    def cost(layout: list[Placement]) -> tuple[int, float]:
        return sum(p.relaxed for p in layout), _side_height(layout, 1) + _side_height(layout, -1)

    return sorted(min(layouts, key=cost), key=lambda p: p.index)


def _flag_split(
    poles: Sequence[float], widths: Sequence[float], style: Style, left: float, right: float, reach: float
) -> float:
    """Poles from here on fly left: as few callouts near the split as can be,
    and the split as far right as that allows."""
    offset = style.label_offset
    if all(pole + offset + width <= right for pole, width in zip(poles, widths)):
        return math.inf
    last = min(pole for pole, width in zip(poles, widths) if pole + offset + width > right)
    ordered = sorted(set(poles))
    splits = [last] + [(a + b) / 2 for a, b in zip(ordered, ordered[1:]) if b <= last]

    def fits(split: float) -> bool:
        return all(pole - offset - width >= left for pole, width in zip(poles, widths) if pole >= split)

    def crowding(split: float) -> int:
        return sum(split - reach < pole < split + reach for pole in poles)

    return min((s for s in splits if fits(s)), key=lambda s: (crowding(s), -s), default=last)


def _place_in_order(
    order: Sequence[int],
    poles: Sequence[float],
    widths: Sequence[float],
    heights: Sequence[float],
    flies_left: Sequence[bool],
    sides: Sequence[tuple[int, ...]],
    style: Style,
) -> list[Placement]:
    placed: list[Placement] = []
    last_side = -1
    for index in order:
        pole = poles[index]
        same = [p.pole for p in placed if abs(p.pole - pole) <= style.pole_snap]
        pole = same[0] if same else pole  # share a pole rather than draw two a hair apart
        x0, x1 = _flag_extent(pole, widths[index], flies_left[index], style)
        options = []
        for side in sides[index]:
            near, relaxed = _lowest_spot([p for p in placed if p.side == side], pole, x0, x1, heights[index], style)
            options.append((relaxed, near + heights[index], side == last_side, side, near))
        relaxed, far, _, side, near = min(options)
        placed.append(Placement(index, pole, x0, x1, side, near, far, flies_left[index], relaxed))
        last_side = side
    return placed


def _flag_extent(pole: float, width: float, flies_left: bool, style: Style) -> tuple[float, float]:
    if flies_left:
        return pole - style.label_offset - width, pole - style.label_offset
    return pole + style.label_offset, pole + style.label_offset + width


def _lowest_spot(others: Sequence[Placement], pole: float, x0: float, x1: float, height: float, style: Style) -> tuple[float, bool]:
    """The lowest clean spot, or (where the two flag directions meet and no clean
    spot exists) the spot above everything nearby, flagged as relaxed."""
    reach = style.label_gap + style.leader_clearance
    nearby = [o for o in others if x0 - reach <= o.x1 and o.x0 <= x1 + reach or x0 - reach <= o.pole <= x1 + reach or o.x0 - reach <= pole <= o.x1 + reach]
    spots = sorted({0.0, *(o.far + style.lane_gap for o in nearby)})
    for near in spots:
        if _fits(nearby, pole, x0, x1, near, near + height, style):
            return near, False
    return spots[-1], True


def _fits(others: Iterable[Placement], pole: float, x0: float, x1: float, near: float, far: float, style: Style) -> bool:
    gap, clear, lane_gap = style.label_gap, style.leader_clearance, style.lane_gap
    for other in others:
        across = x0 < other.x1 + gap and other.x0 < x1 + gap
        if across and near < other.far + lane_gap and other.near < far + lane_gap:
            return False
        if other.pole == pole:
            continue  # a shared pole runs beside both callouts
        if other.near > near and x0 - clear <= other.pole <= x1 + clear:
            return False  # its leader would cross this callout
        if other.near < near and other.x0 - clear <= pole <= other.x1 + clear:
            return False  # this leader would cross that callout
    return True


# ---------------------------------------------------------------- drawing helpers


@functools.lru_cache(maxsize=2)
def _font_file(bold: bool) -> str:
    from matplotlib import font_manager

    properties = font_manager.FontProperties(family=FONT, weight="bold" if bold else "normal")
    return font_manager.findfont(properties, fallback_to_default=False)


def _text(fig: Figure, x: float, y: float, text: str, *, size: float, color: str, bold: bool = False, **kwargs: Any) -> Text:
    """Text placed in inches; math parsing off so '$5bn' stays literal. The
    font is given by file, which also spares a font lookup per text."""
    from matplotlib.font_manager import FontProperties

    artist = Text(
        x,
        y,
        text,
        color=color,
        # The weight is said as well as the file: an SVG that keeps its text as text needs it.
        fontproperties=FontProperties(fname=_font_file(bold), size=size, weight="bold" if bold else "normal"),
        parse_math=False,
        transform=fig.dpi_scale_trans,
        **kwargs,
    )
    fig.add_artist(artist)
    return artist


def _extent(artist: Text, renderer: Any, dpi: float) -> tuple[float, float]:
    """Width and height of a text in inches, measured by the renderer."""
    if not artist.get_text():
        return 0.0, 0.0
    box = artist.get_window_extent(renderer)
    return box.width / dpi, box.height / dpi


def _line(fig: Figure, xs: Sequence[float], ys: Sequence[float], **kwargs: Any) -> Line2D:
    line = Line2D(xs, ys, transform=fig.dpi_scale_trans, solid_capstyle="butt", **kwargs)
    fig.add_artist(line)
    return line


def _segments(fig: Figure, segments: Sequence[Sequence[tuple[float, float]]], **kwargs: Any) -> None:
    """Many straight lines as one artist: much cheaper to make and draw than Line2Ds."""
    if segments:
        fig.add_artist(LineCollection(segments, transform=fig.dpi_scale_trans, capstyle="butt", **kwargs))


def _rect(fig: Figure, x: float, y: float, w: float, h: float, **kwargs: Any) -> Rectangle:
    patch = Rectangle((x, y), w, h, transform=fig.dpi_scale_trans, linewidth=0, **kwargs)
    fig.add_artist(patch)
    return patch


# ---------------------------------------------------------------- the figure


@dataclasses.dataclass(frozen=True)
class Options:
    width: float
    height: float | None
    dpi: int
    theme: Theme
    max_label_chars: int
    source: str | None
    #: Events drawn at most; None: as many as the width has room for (default_max_events).
    max_events: int | None = None
    inferred: bool = False
    style: Style = STYLE


def default_max_events(width: float) -> int:
    """Events a figure of this width draws when not told: two an inch, 8 to 30."""
    return max(8, min(30, round(2 * width)))


#: A figure drawn with the default number of events is at most this tall for its width
#: (plus room for the title): past it, the least salient events are left out.
MAX_ASPECT = 0.85
MAX_HEIGHT_EXTRA = 2.5


def _options(
    width: Any, height: Any, dpi: Any, theme: Any, max_label_chars: Any, source: Any, max_events: Any = None, inferred: Any = False
) -> Options:
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {theme!r}")
    width = DEFAULT_WIDTH if width is None else width
    if not isinstance(width, (int, float)) or not 4 <= width <= 100:
        raise ValueError(f"width must be between 4 and 100 inches, got {width!r}")
    if height is not None and (not isinstance(height, (int, float)) or not 1 <= height <= 200):
        raise ValueError(f"height must be between 1 and 200 inches, got {height!r}")
    if not isinstance(dpi, int) or isinstance(dpi, bool) or not 10 <= dpi <= 1200:
        raise ValueError(f"dpi must be an integer between 10 and 1200, got {dpi!r}")
    if not isinstance(max_label_chars, int) or isinstance(max_label_chars, bool) or max_label_chars < 8:
        raise ValueError(f"max_label_chars must be an integer of at least 8, got {max_label_chars!r}")
    if max_events is not None and (not isinstance(max_events, int) or isinstance(max_events, bool) or not 1 <= max_events <= MAX_EVENTS):
        raise ValueError(f"max_events must be an integer from 1 to {MAX_EVENTS}, got {max_events!r}")
    width, height = float(width), None if height is None else float(height)
    return Options(width, height, dpi, THEMES[theme], max_label_chars, source, max_events, bool(inferred))


#: The most events one figure draws, whatever it is asked: past this it is no longer a figure.
MAX_EVENTS = 200
#: Pixels a figure may have (about 8000 x 6000): the width and dpi asked must leave its height room.
MAX_PIXELS = 50_000_000


def draw(
    timeline: dict,
    *,
    width: float | None = None,
    height: float | None = None,
    dpi: int = 150,
    theme: str = "light",
    max_label_chars: int = 90,
    source: str | None = None,
    max_events: int | None = None,
    inferred: bool = False,
) -> Figure:
    """Draw a timeline dict (as in timeline.schema.json) on a new Figure.

    At most `max_events` events are drawn (default: default_max_events(width)), the
    most salient first (specific dates, happenings, what the article leads with); with
    the default, fewer still where their labels would make the figure taller than it is
    wide. The footer says how many were left out. Events marked `inferred` are drawn
    only with inferred=True."""
    options = _options(width, height, dpi, theme, max_label_chars, source, max_events, inferred)
    limit = options.max_events or default_max_events(options.width)
    every = _read(timeline, inferred=options.inferred)
    while True:
        doc = _most_salient(every, limit)
        fig = Figure(figsize=(options.width, options.height or EMPTY_HEIGHT), dpi=options.dpi)
        FigureCanvasAgg(fig)
        fig.patch.set_facecolor(options.theme.background)
        if not doc.marks:
            _draw_empty(fig, doc, options)
            break
        _draw_timeline(fig, doc, options)
        tall = fig.get_size_inches()[1] > MAX_ASPECT * options.width + MAX_HEIGHT_EXTRA
        shown = sum(m.events for m in doc.marks)
        # Asked for a number of events or a height: that is what is drawn. Else fewer
        # events, until the figure is not much taller than wide (or only a few are left).
        if options.max_events is not None or options.height is not None or not tall or len(doc.marks) <= 4:
            break
        limit = min(int(limit * 0.8), shown - 1)
        if limit < 4:
            break
    w, h = fig.get_size_inches() * fig.dpi
    if w * h > MAX_PIXELS:
        raise ValueError(f"the figure would be {w:.0f} x {h:.0f} pixels: lower the dpi, the width or max_events")
    return fig


def save_figure(
    timeline: dict,
    path: str,
    *,
    width: float | None = None,
    height: float | None = None,
    dpi: int = 150,
    theme: str = "light",
    max_label_chars: int = 90,
    source: str | None = None,
    max_events: int | None = None,
    inferred: bool = False,
) -> None:
    """Draw the timeline and write it atomically as PNG, SVG or PDF (by extension);
    the options are draw's."""
    path = os.fspath(path)
    extension = os.path.splitext(path)[1].lower()
    if extension not in FORMATS:
        raise ValueError(f"cannot write {path!r}: the extension must be .png, .svg or .pdf")
    fig = draw(
        timeline, width=width, height=height, dpi=dpi, theme=theme, max_label_chars=max_label_chars, source=source,
        max_events=max_events, inferred=inferred,
    )
    _write_atomically(fig, path, FORMATS[extension])


def _write_atomically(fig: Figure, path: str, fmt: str) -> None:
    """Draw into memory, then write beside the target and rename (export.write_bytes):
    a reader never sees half a file, and an existing figure survives a failed render."""
    from timeline.export import write_bytes

    stream = io.BytesIO()
    # No creation dates in the metadata: the same timeline gives the same bytes.
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    extra = {"pil_kwargs": {"compress_level": 3}} if fmt == "png" else {}  # as small as 6, much faster
    # SVG text stays text (not glyph outlines), so that a designer can edit it.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(stream, format=fmt, dpi=fig.dpi, facecolor=fig.get_facecolor(), metadata=metadata, **extra)
    write_bytes(path, stream.getvalue())


def label_boxes(fig: Figure) -> list[Bbox]:
    """Display-space extents of each event label (date and headline together)."""
    renderer = fig.canvas.get_renderer()
    groups: dict[str, list[Bbox]] = {}
    for artist in fig.findobj(lambda a: isinstance(a, Text) and (a.get_gid() or "").startswith(LABEL_GID)):
        if artist.get_text():
            key = artist.get_gid().rsplit("-", 1)[0]
            groups.setdefault(key, []).append(artist.get_window_extent(renderer))
    return [Bbox.union(boxes) for boxes in groups.values()]


def mark_boxes(fig: Figure) -> list[Bbox]:
    """Display-space extents of every marker and bar."""
    renderer = fig.canvas.get_renderer()
    return [
        artist.get_window_extent(renderer)
        for artist in fig.findobj(lambda a: (a.get_gid() or "").startswith(MARK_GID))
    ]


# ---------------------------------------------------------------- layout of a non-empty timeline


@dataclasses.dataclass(frozen=True)
class Label:
    """An event's date (bold) and headline, set inline: "Mon 1 Apr  Headline…",
    the headline wrapping under itself. One-line labels keep dense stretches,
    where every label needs a row of its own, short. Where the figure is narrow the
    date is `stacked` over the headline, which then has the label's whole width."""

    date: Text
    headline: Text
    date_width: float
    date_height: float
    headline_width: float
    height: float
    stacked: bool = False

    @property
    def width(self) -> float:
        return self.column_width(self.date_width)

    def column_width(self, date_column: float) -> float:
        """Width with the headline set at `date_column` past the date's start."""
        if self.stacked:
            return max(self.date_width, self.headline_width)
        return date_column + DATE_GAP + self.headline_width if self.headline_width else self.date_width

    def place(self, x: float, top: float, date_column: float) -> None:
        self.date.set_position((x, top))
        if self.stacked:
            self.headline.set_position((x, top - self.date_height - STACK_GAP))
        else:
            # Headlines align in a column, unless that would leave a wide hole after a short date.
            column = date_column if date_column - self.date_width <= RAGGED_AFTER else self.date_width
            self.headline.set_position((x + column + DATE_GAP, top))
        for artist in (self.date, self.headline):
            artist.set_verticalalignment("top")
            artist.set_zorder(8)


#: Space between a label's date and its headline, inches (beside it, and over it when stacked).
DATE_GAP = 0.07
STACK_GAP = 0.03
#: A headline beside its date gets at least this many characters a line, else the date goes over it.
MIN_LINE_CHARS = 26
#: A date this much (inches) narrower than the widest in its callout starts its headline right after it.
RAGGED_AFTER = 0.35
#: Headlines listed under one date; the rest are counted ("and 3 more").
MAX_LISTED = 4


def _headline_text(mark: Mark, chars: int, options: Options) -> str:
    """The headline, wrapped; the headlines of a shared date listed one a bullet."""
    if len(mark.headlines) == 1:
        return _wrap(_shorten(mark.headlines[0], options.max_label_chars), chars)
    listed = mark.headlines[:MAX_LISTED]
    limit = max(24, options.max_label_chars * 2 // 3)
    lines = ["\n".join("  " + line if i else "• " + line for i, line in enumerate(_wrap(_shorten(h, limit), chars - 2).split("\n"))) for h in listed]
    if len(mark.headlines) > len(listed):
        lines.append(f"  and {len(mark.headlines) - len(listed)} more")
    return "\n".join(lines)


def _make_labels(fig: Figure, doc: Doc, options: Options) -> list[Label]:
    renderer = fig.canvas.get_renderer()
    style, theme = options.style, options.theme
    labels = []
    # A label may take about a third of the width; its headline wraps in what the date leaves.
    budget = min(3.4, max(1.8, 0.3 * (options.width - 2 * style.margin)))
    char = style.label_size / 72 * 0.55  # inches per character, a little generous for DejaVu Sans
    for mark in doc.marks:
        date = _text(fig, 0, 0, mark.date_label, size=style.label_size, color=theme.text, bold=True, gid=f"{LABEL_GID}{mark.id}-date")
        date_w, date_h = _extent(date, renderer, fig.dpi)
        chars = int((budget - date_w - DATE_GAP) / char)
        stacked = chars < MIN_LINE_CHARS
        if stacked:
            chars = max(MIN_LINE_CHARS, int(budget / char))
        text = _text(fig, 0, 0, _headline_text(mark, chars, options), size=style.label_size, color=theme.text, linespacing=1.2, gid=f"{LABEL_GID}{mark.id}-text")
        text_w, text_h = _extent(text, renderer, fig.dpi)
        height = date_h + STACK_GAP + text_h if stacked and text_h else max(date_h, text_h)
        labels.append(Label(date, text, date_w, date_h, text_w, height, stacked))
    return labels


def _make_axis(doc: Doc, left: float, right: float, style: Style) -> TimeAxis:
    times = [doc.published, *(t for m in doc.marks for t in (m.start, m.end))]
    anchors = [m.anchor for m in doc.marks]
    bars = [(m.start, m.end) for m in doc.marks if m.is_bar]
    axis = _time_axis(times, anchors, left, right, style, bars)
    return _zoomed(axis, doc.published, anchors, right - left)


#: Days either side of the publication day a zoomed stretch may reach: from a day to three years.
ZOOM_HALF_WIDTHS = (1, 2, 3, 5, 7, 14, 31, 61, 92, 183, 365, 730, 1100)
#: Two marks closer than this (inches) on the axis are crowded.
CROWDED = 0.2
#: A zoom is drawn where at least this many marks fall in it.
ZOOM_MIN_MARKS = 3
#: Inches a zoomed stretch gives each mark in it, and the shares of the axis it may take.
ZOOM_INCHES_PER_MARK = 0.55
ZOOM_SHARE = (0.25, 0.75)


def _crowding(axis: TimeAxis, anchors: Sequence[float]) -> float:
    """How crowded the marks (at different times) are on this axis: for each two
    neighbours, how far short of CROWDED apart they are (1 where they coincide). The
    ends of a zoomed stretch count as marks: one squeezed against them reads as inside."""
    xs = sorted([axis.x(t) for t in set(anchors)] + ([axis.x(axis.zoom[0]), axis.x(axis.zoom[1])] if axis.zoom else []))
    return sum(max(0.0, CROWDED - (b - a)) / CROWDED for a, b in zip(xs, xs[1:]))


def _zoomed(axis: TimeAxis, published: float, anchors: Sequence[float], width: float) -> TimeAxis:
    """The axis with the days around publication enlarged, where news piles up on them:
    a stretch of whole days, continuous with the rest (position still means time, at
    another scale, which the figure shades and its footer states); or the axis as it was.

    Stretches from a day to three years either side are tried; the one that leaves the
    marks least crowded wins (the narrowest of equals), and none unless it frees at
    least half a crowded pair."""
    cluster = next(((a, b) for a, b in axis.ranges if a <= published <= b), (axis.times[0], axis.times[-1]))
    day = math.floor(published)
    best, best_crowding = axis, _crowding(axis, anchors)
    for days in ZOOM_HALF_WIDTHS:
        t0, t1 = max(day - days, cluster[0]), min(day + 1 + days, cluster[1])
        held = [a for a in anchors if t0 <= a <= t1]
        inside = len(held)
        if inside < ZOOM_MIN_MARKS:
            continue
        # No empty days at the stretch's ends: it ends a little past its first and last marks.
        pad = max(1.0, 0.05 * (max(held + [published]) - min(held + [published])))
        t0 = max(t0, math.floor(min(held + [published]) - pad))
        t1 = min(t1, math.ceil(max(held + [published]) + pad))
        low, high = ZOOM_SHARE
        share = min(high, max(low, inside / len(anchors)))
        zoomed = _warp(axis, t0, t1, min(share * width, ZOOM_INCHES_PER_MARK * inside))
        if zoomed is not None and (crowding := _crowding(zoomed, anchors)) < best_crowding - 0.5:
            best, best_crowding = zoomed, crowding
        if t0 <= cluster[0] and t1 >= cluster[1]:
            break
    return best


#: A zoom must magnify at least this much, else it is not worth the change of scale.
ZOOM_MIN_FACTOR = 3.0


def _warp(axis: TimeAxis, t0: float, t1: float, target: float) -> TimeAxis | None:
    """The axis with [t0, t1) drawn `target` inches wide and the rest squeezed to fit,
    or None where that would not magnify it ZOOM_MIN_FACTOR times."""
    a0, a1 = axis.x(t0), axis.x(t1)
    first, last = axis.xs[0], axis.xs[-1]
    rest = (last - first) - (a1 - a0)
    if a1 - a0 <= 0 or rest <= 0 or target < ZOOM_MIN_FACTOR * (a1 - a0) or target >= last - first:
        return None
    squeeze = (last - first - target) / rest
    enlarge = target / (a1 - a0)

    def warp(x: float) -> float:
        if x <= a0:
            return first + (x - first) * squeeze
        if x <= a1:
            return first + (a0 - first) * squeeze + (x - a0) * enlarge
        return first + (a0 - first) * squeeze + target + (x - a1) * squeeze

    points = _strictly_increasing(sorted({*zip(axis.times, axis.xs), (t0, a0), (t1, a1)}))
    return TimeAxis(
        times=tuple(t for t, _ in points),
        xs=tuple(warp(x) for _, x in points),
        clusters=axis.clusters,
        ranges=axis.ranges,
        breaks=tuple((warp(x0), warp(x1), b0, b1) for x0, x1, b0, b1 in axis.breaks),
        scales=tuple(scale * squeeze for scale in axis.scales),
        zoom=(t0, t1, enlarge / squeeze),
    )


@dataclasses.dataclass(frozen=True)
class Band:
    """Vertical extents (inches from the axis line) of the marks, ticks and lanes."""

    top: float  # above the axis: top of the highest bar track
    tick_bottom: float  # below the axis: bottom of the tick labels


def _bar_tracks(doc: Doc, axis: TimeAxis, style: Style) -> tuple[tuple[int, ...], int]:
    """Stack overlapping bars in tracks, in order of their starts."""
    ends: list[float] = []
    tracks = [-1] * len(doc.marks)
    bars = sorted((i for i, m in enumerate(doc.marks) if m.is_bar), key=lambda i: (doc.marks[i].start, -doc.marks[i].end))
    for index in bars:
        x0, x1 = _bar_extent(doc.marks[index], axis)
        track = next((k for k, end in enumerate(ends) if end + 0.04 <= x0), len(ends))
        if track == len(ends):
            ends.append(x1)
        ends[track] = x1
        tracks[index] = track
    return tuple(tracks), len(ends)


def _bar_extent(mark: Mark, axis: TimeAxis) -> tuple[float, float]:
    x0, x1 = axis.x(mark.start), axis.x(mark.end)
    if x1 - x0 < 0.06:  # a week on a 30-year axis: still visibly a bar, centred
        middle = (x0 + x1) / 2
        return middle - 0.03, middle + 0.03
    return x0, x1


def _track_bottom(track: int, style: Style) -> float:
    return style.marker_radius + 0.04 + track * (style.bar_height + style.track_gap)


def _draw_timeline(fig: Figure, doc: Doc, options: Options) -> None:
    style = options.style
    width = options.width
    labels = _make_labels(fig, doc, options)
    axis = _make_axis(doc, style.margin + 0.05, width - style.margin - 0.15, style)
    tracks, track_count = _bar_tracks(doc, axis, style)
    attach = [_pole_x(mark, axis) for mark in doc.marks]
    groups, placements = _layout(attach, labels, doc.marks, style, (style.margin, width - style.margin), budget=max(3.0, 0.42 * width))

    renderer = fig.canvas.get_renderer()
    ticks = _make_ticks(fig, axis, options, renderer)
    tick_height = max((_extent(t, renderer, fig.dpi)[1] for t, _ in ticks), default=0.15)
    band = Band(
        top=_track_bottom(track_count, style) - style.track_gap if track_count else style.marker_radius,
        tick_bottom=0.12 + tick_height,
    )
    above = band.top + LANE_START + _side_height(placements, +1)
    below = band.tick_bottom + LANE_START + _side_height(placements, -1)

    title, title_height = _make_title(fig, doc, options)
    legend = _legend_rows(fig, doc, options, axis)
    header = style.margin + title_height + 0.5 + LEGEND_ROW * (len(legend) - 1)
    publication_row = 0.3
    footer_lines = _caption_lines(doc, axis, options)
    footer = style.margin * 0.7 + 0.17 * len(footer_lines) + 0.15
    needed = header + publication_row + above + below + footer
    total = _final_height(needed, options.height)
    spare = total - needed
    fig.set_size_inches(width, total)
    axis_y = footer + spare / 2 + below

    title.set_position((style.margin, total - style.margin))
    _draw_legend(fig, legend, options, total - style.margin - title_height - 0.24)
    _draw_axis(fig, axis, ticks, axis_y, band.top, options)
    _draw_marks(fig, doc, axis, tracks, axis_y, options)
    _draw_publication(fig, doc, axis, axis_y, axis_y + above + publication_row, axis_y - below, options, renderer)
    leaders, poles = [], []
    for group, placement in zip(groups, placements):
        lines, coloured = _draw_group(fig, doc, group, placement, labels, attach, tracks, band, axis_y, options)
        leaders += lines
        poles += coloured
    _segments(fig, leaders, colors=options.theme.leader, linewidths=0.7, zorder=3)
    _segments(fig, [segment for segment, _ in poles], colors=[colour for _, colour in poles], linewidths=2.2, zorder=4)
    _draw_caption(fig, footer_lines, footer - 0.15, options)


#: Gap between the band (marks, ticks) and the first lane of labels, inches.
LANE_START = 0.2
#: Gap between two labels stacked in one callout, inches.
ITEM_GAP = 0.07
#: Distances (inches) within which marks share one callout, tried in turn until
#: the labels fit the height budget: first only marks that coincide on the axis.
GROUPING = (0.035, 0.1, 0.2, 0.35)


@dataclasses.dataclass(frozen=True)
class Group:
    """One callout: the labels of marks that sit (nearly) together on the axis."""

    members: tuple[int, ...]  # mark indices, earliest first
    pole: float
    width: float
    height: float
    date_column: float  # width of the dates, where the headlines start


def _group_labels(attach: Sequence[float], labels: Sequence[Label], marks: Sequence[Mark], distance: float) -> list[Group]:
    order = sorted(range(len(attach)), key=lambda i: (attach[i], i))
    chunks: list[list[int]] = []
    for index in order:
        if chunks and attach[index] - attach[chunks[-1][0]] <= distance:
            chunks[-1].append(index)
        else:
            chunks.append([index])
    groups = []
    for chunk in chunks:
        members = tuple(sorted(chunk, key=lambda i: (marks[i].start, marks[i].end, i)))
        height = sum(labels[i].height for i in members) + ITEM_GAP * (len(members) - 1)
        # One column of dates, one of headlines: as wide as the widest date.
        column = max((labels[i].date_width for i in members if not labels[i].stacked), default=0.0)
        width = max(labels[i].column_width(column) for i in members)
        groups.append(Group(members, attach[chunk[0]], width, height, column))
    return groups


def _layout(
    attach: Sequence[float],
    labels: Sequence[Label],
    marks: Sequence[Mark],
    style: Style,
    limits: tuple[float, float],
    budget: float,
) -> tuple[list[Group], list[Placement]]:
    """Group as little as possible: only when it saves a tenth of the height,
    or the labels would not fit the height budget otherwise."""
    layouts = []
    for distance in GROUPING:
        groups = _group_labels(attach, labels, marks, distance)
        placements = _place_labels([g.pole for g in groups], [g.width for g in groups], [g.height for g in groups], style, *limits)
        height = _side_height(placements, 1) + _side_height(placements, -1)
        layouts.append((sum(p.relaxed for p in placements), height, groups, placements))
        if height <= budget and not layouts[-1][0]:
            break
    cleanest = min(relaxed for relaxed, *_ in layouts)
    shortest = min(height for relaxed, height, *_ in layouts if relaxed == cleanest)
    _, _, groups, placements = next(
        layout for layout in layouts if layout[0] == cleanest and layout[1] <= shortest * 1.1 + 1e-9
    )
    return groups, placements


def _side_height(placements: Sequence[Placement], side: int) -> float:
    return max((p.far for p in placements if p.side == side), default=0.0)


def _final_height(needed: float, requested: float | None) -> float:
    if requested is None:
        return needed
    if requested + 1e-6 < needed:
        raise ValueError(f"height {requested:g} in is too small for this timeline: it needs at least {math.ceil(needed * 10) / 10:g} in")
    return requested


def _pole_x(mark: Mark, axis: TimeAxis) -> float:
    if mark.is_bar:
        x0, x1 = _bar_extent(mark, axis)
        return x0 + min(0.03, (x1 - x0) / 2)  # just inside the bar's start, so the leader visibly meets it
    return axis.x(mark.start)


# ---------------------------------------------------------------- header, legend, caption


def _make_title(fig: Figure, doc: Doc, options: Options) -> tuple[Text, float]:
    """The title, wrapped to the width; placed once the figure height is known."""
    style = options.style
    chars = max(30, int((options.width - 2 * style.margin) * 72 / (style.title_size * 0.58)))
    text = _wrap(_shorten(doc.title, chars * 2), chars)
    title = _text(fig, style.margin, 0, text, size=style.title_size, color=options.theme.text, bold=True, va="top", linespacing=1.15, gid="tl-title")
    return title, _extent(title, fig.canvas.get_renderer(), fig.dpi)[1]


#: Height of a legend row, inches.
LEGEND_ROW = 0.2
#: Widths of the legend's symbols, inches.
LEGEND_KEYS = {"point": 2 * STYLE.marker_radius, "bar": 0.3, "approx": 0.42, "publication": 0.12, "break": 0.28, "zoom": 0.3}


def _legend_rows(fig: Figure, doc: Doc, options: Options, axis: TimeAxis) -> list[list[tuple[str, str, float]]]:
    """What a dot, a bar, a faded end, the dashed line, a break and the shading mean,
    as (kind, words, width) in rows that fit the figure's width."""
    style = options.style
    renderer = fig.canvas.get_renderer()
    entries = []
    if any(not m.is_bar for m in doc.marks):
        entries.append(("point", "Single date"))
    if any(m.is_bar for m in doc.marks):
        entries.append(("bar", "Period"))
    if any(m.approximate for m in doc.marks):
        entries.append(("approx", "Approximate (faded)"))
    entries.append(("publication", "Publication date"))
    if axis.breaks:
        entries.append(("break", "Compressed time"))
    if axis.zoom:
        entries.append(("zoom", "Enlarged days"))
    probe = _text(fig, 0, 0, "", size=style.legend_size, color=options.theme.muted)
    rows: list[list[tuple[str, str, float]]] = [[]]
    x = style.margin
    for kind, words in entries:
        probe.set_text(words)
        width = LEGEND_KEYS[kind] + 0.07 + _extent(probe, renderer, fig.dpi)[0]
        if rows[-1] and x + width > options.width - style.margin:
            rows.append([])
            x = style.margin
        rows[-1].append((kind, words, width))
        x += width + 0.28
    probe.remove()
    return rows


def _draw_legend(fig: Figure, rows: Sequence[Sequence[tuple[str, str, float]]], options: Options, y: float) -> None:
    style, theme = options.style, options.theme
    for row in rows:
        x = style.margin
        for kind, words, width in row:
            _legend_key(fig, kind, x, y, options)
            _text(fig, x + LEGEND_KEYS[kind] + 0.07, y, words, size=style.legend_size, color=theme.muted, va="center", gid="tl-legend-text")
            x += width + 0.28
        y -= LEGEND_ROW


def _legend_key(fig: Figure, kind: str, x: float, y: float, options: Options) -> float:
    """Draw one legend symbol at (x, y); return where it ends."""
    style, theme = options.style, options.theme
    r, h = style.marker_radius, style.bar_height
    if kind == "point":
        circle = Circle((x + r, y), r, transform=fig.dpi_scale_trans, facecolor=theme.point, edgecolor=theme.background, linewidth=0.8, gid="tl-legend-key")
        fig.add_artist(circle)
        return x + 2 * r
    if kind == "bar":
        _rect(fig, x, y - h / 2, 0.3, h, facecolor=theme.bar, gid="tl-legend-key")
        return x + 0.3
    if kind == "approx":
        faded = _faded_bar(x, x + 0.42, y - h / 2, h, True, True, theme.bar)
        faded.set_gid("tl-legend-key")
        faded.set_transform(fig.dpi_scale_trans)
        fig.add_artist(faded)
        return x + 0.42
    if kind == "publication":
        _line(fig, [x + 0.06, x + 0.06], [y - 0.09, y + 0.09], color=theme.publication, linewidth=1.3, linestyle=(0, (3, 2)), gid="tl-legend-key")
        return x + 0.12
    if kind == "zoom":
        _rect(fig, x, y - 0.08, 0.3, 0.16, facecolor=theme.zoom, gid="tl-legend-key")
        _line(fig, [x, x + 0.3], [y, y], color=theme.axis, linewidth=1.0, gid="tl-legend-key")
        return x + 0.3
    _line(fig, [x, x + 0.28], [y, y], color=theme.axis, linewidth=1.0, gid="tl-legend-key")
    _rect(fig, x + 0.1, y - 0.07, 0.08, 0.14, facecolor=theme.background, gid="tl-legend-key")
    for dx in (0.1, 0.18):
        _line(fig, [x + dx - 0.025, x + dx + 0.025], [y - 0.07, y + 0.07], color=theme.axis, linewidth=1.0, gid="tl-legend-key")
    return x + 0.28


def _caption_lines(doc: Doc, axis: TimeAxis, options: Options) -> list[str]:
    count = sum(m.events for m in doc.marks)
    parts = []
    if options.source:
        parts.append(f"Source: {_clean(options.source)}")
    parts.append(f"{count} event{'s' if count != 1 else ''}")
    if doc.left_out:
        parts[-1] += f" of {count + doc.left_out} shown ({doc.left_out} less specific or later in the article left out)"
    if doc.inferred_left_out:
        parts.append(f"{doc.inferred_left_out} with an inferred date not drawn")
    parts.append(f"Published {doc.published_label}")
    lines = ["  ·  ".join(parts)]
    if axis.zoom:
        t0, t1, factor = axis.zoom
        lines.append(f"The shaded stretch around publication, {_gap_text(t0, t1 - 1e-6)}, is drawn {factor:.0f} times larger than the rest.")
    if axis.breaks:
        spans = ", ".join(_gap_text(t0, t1) for _, _, t0, t1 in axis.breaks[:3])
        more = " and more" if len(axis.breaks) > 3 else ""
        lines.append(f"// The time axis is compressed where nothing happens: {spans}{more}.")
    chars = max(40, int((options.width - 2 * options.style.margin) * 72 / (options.style.caption_size * 0.56)))
    return [piece for line in lines for piece in textwrap.wrap(line, chars)]


def _gap_text(t0: float, t1: float) -> str:
    a, b = _moment(t0), _moment(t1)
    if t1 - t0 >= 2 * 365:
        return f"{year_text(a.year)}–{b.year}"
    if t1 - t0 >= 60:
        return f"{MONTHS[a.month - 1]} {year_text(a.year)}–{MONTHS[b.month - 1]} {year_text(b.year)}"
    return f"{short_day(a, weekday=False)}–{short_day(b, weekday=False)}"


def _draw_caption(fig: Figure, lines: Sequence[str], top: float, options: Options) -> None:
    style, theme = options.style, options.theme
    _line(fig, [style.margin, options.width - style.margin], [top + 0.08, top + 0.08], color=theme.leader, linewidth=0.5)
    for i, line in enumerate(lines):
        _text(fig, style.margin, top - 0.17 * i, line, size=style.caption_size, color=theme.muted, va="top", gid="tl-caption")


def _draw_empty(fig: Figure, doc: Doc, options: Options) -> None:
    style, theme = options.style, options.theme
    height = options.height or EMPTY_HEIGHT
    fig.set_size_inches(options.width, height)
    _text(fig, style.margin, height - style.margin, _shorten(doc.title, 90), size=style.title_size, color=theme.text, bold=True, va="top", gid="tl-title")
    _text(fig, options.width / 2, height / 2, "No dated events", size=14, color=theme.muted, ha="center", va="center", gid="tl-empty")
    lines = _caption_lines(doc, TimeAxis((0.0,), (0.0,), (), (), (), ()), options)
    _draw_caption(fig, lines, style.margin * 0.7 + 0.17 * len(lines), options)


# ---------------------------------------------------------------- axis, marks, labels


def _make_ticks(fig: Figure, axis: TimeAxis, options: Options, renderer: Any) -> list[tuple[Text, bool]]:
    """Tick labels for each cluster at a step its scale leaves room for; any
    that would still collide (across a break) are dropped."""
    style, theme = options.style, options.theme
    widths = _sample_tick_widths(fig, options, renderer)
    ticks: list[tuple[float, str, bool]] = []
    zoom = axis.zoom
    for (lo, hi), (first, last), scale in zip(axis.ranges, axis.clusters, axis.scales):
        step = next((s for s in STEPS if s.days * scale >= widths[s.unit] + 0.22), STEPS[-1])
        times = _tick_times(step, lo, hi) if last > first else []
        if zoom:
            # The zoomed days get ticks of their own scale; the first tick past them says its year.
            times = [t for t in times if not zoom[0] <= t <= zoom[1]]
        if len(times) >= 2 or len(axis.clusters) == 1:
            ticks += [(axis.x(t), _tick_label(step, t, i == 0), True) for i, t in enumerate(times)]
        else:
            ticks.append((axis.x((first + last) / 2), _cluster_tick_label(first, last), False))
    if zoom:
        scale = (axis.x(zoom[1]) - axis.x(zoom[0])) / (zoom[1] - zoom[0])
        step = next((s for s in STEPS if s.days >= 1 and s.days * scale >= widths[s.unit] + 0.22), STEPS[-1])
        times = _tick_times(step, zoom[0], zoom[1])
        ticks += [(axis.x(t), _tick_label(step, t, False), True) for t in times]
    kept: list[tuple[Text, bool]] = []
    right_end = -math.inf
    for x, text, with_tick in sorted(ticks):
        artist = _text(fig, x, 0, text, size=style.tick_size, color=theme.muted, ha="center", va="top", gid="tl-tick")
        # An opaque backing: the publication line and leaders pass behind tick labels.
        artist.set_bbox({"boxstyle": "square,pad=0.12", "facecolor": theme.background, "edgecolor": "none"})
        w = _extent(artist, renderer, fig.dpi)[0]
        if x - w / 2 < max(right_end + 0.12, 0.05) or x + w / 2 > options.width - 0.05:
            artist.remove()
            continue
        right_end = x + w / 2
        kept.append((artist, with_tick))
    return kept


def _sample_tick_widths(fig: Figure, options: Options, renderer: Any) -> dict[str, float]:
    """How wide a typical tick label of each unit is, in inches."""
    samples = {"minute": "Wed 30 Sep", "hour": "Wed 30 Sep", "day": "Wed 30 Sep", "week": "30 Sep 2024", "month": "Sep 2024", "year": "2024"}
    probe = _text(fig, 0, 0, "", size=options.style.tick_size, color=options.theme.muted)
    widths = {}
    for unit, sample in samples.items():
        probe.set_text(sample)
        widths[unit] = _extent(probe, renderer, fig.dpi)[0]
    probe.remove()
    return widths


def _draw_axis(
    fig: Figure, axis: TimeAxis, ticks: Sequence[tuple[Text, bool]], axis_y: float, band_top: float, options: Options
) -> None:
    theme = options.theme
    _line(fig, [axis.xs[0], axis.xs[-1]], [axis_y, axis_y], color=theme.axis, linewidth=1.1, zorder=2)
    marks = []
    for tick, has_tick in ticks:
        x = tick.get_position()[0]
        tick.set_position((x, axis_y - 0.12))
        tick.set_zorder(3)
        if has_tick:
            marks.append([(x, axis_y), (x, axis_y - 0.07)])
    _segments(fig, marks, colors=theme.axis, linewidths=0.8, zorder=2)
    for x0, x1, _, _ in axis.breaks:
        _draw_break(fig, (x0 + x1) / 2, axis_y, band_top, options)
    if axis.zoom:
        x0, x1 = axis.x(axis.zoom[0]), axis.x(axis.zoom[1])
        _rect(fig, x0, axis_y - ZOOM_BELOW, x1 - x0, ZOOM_BELOW + band_top + 0.06, facecolor=theme.zoom, zorder=0, gid="tl-zoom")


#: How far below the axis the zoomed stretch's shading reaches (through the tick labels).
ZOOM_BELOW = 0.34


def _draw_break(fig: Figure, x: float, axis_y: float, band_top: float, options: Options) -> None:
    """A '//' across the axis and any bar passing through the compressed gap."""
    theme = options.theme
    lo, hi = axis_y - 0.08, axis_y + max(band_top, 0.08) + 0.02
    slant, half = 0.035, 0.035
    gap = Polygon(
        [(x - half - slant, lo), (x + half - slant, lo), (x + half + slant, hi), (x - half + slant, hi)],
        closed=True, transform=fig.dpi_scale_trans, facecolor=theme.background, edgecolor="none", zorder=6,
    )
    fig.add_artist(gap)
    for dx in (-half, half):
        _line(fig, [x + dx - slant, x + dx + slant], [lo, hi], color=theme.axis, linewidth=1.0, zorder=6)


def _faded_bar(x0: float, x1: float, y: float, h: float, fade_start: bool, fade_end: bool, colour: str) -> PolyCollection:
    """A bar whose uncertain ends fade out in steps (cheap, and works in every format)."""
    length = x1 - x0
    fade = min(0.35, length * (0.3 if fade_start and fade_end else 0.45))
    steps = 7
    pieces, alphas = [], []
    core0 = x0 + (fade if fade_start else 0.0)
    core1 = x1 - (fade if fade_end else 0.0)
    pieces.append([(core0, y), (core1, y), (core1, y + h), (core0, y + h)])
    alphas.append(0.85)
    for i in range(steps):
        a0, a1 = i / steps * fade, (i + 1) / steps * fade
        alpha = 0.85 * (i + 0.5) / steps
        if fade_start:
            pieces.append([(x0 + a0, y), (x0 + a1, y), (x0 + a1, y + h), (x0 + a0, y + h)])
            alphas.append(alpha)
        if fade_end:
            pieces.append([(x1 - a1, y), (x1 - a0, y), (x1 - a0, y + h), (x1 - a1, y + h)])
            alphas.append(alpha)
    from matplotlib.colors import to_rgba

    colours = [to_rgba(colour, a) for a in alphas]
    return PolyCollection(pieces, facecolors=colours, edgecolors="none", linewidths=0)


def _draw_marks(fig: Figure, doc: Doc, axis: TimeAxis, tracks: Sequence[int], axis_y: float, options: Options) -> None:
    style, theme = options.style, options.theme
    for mark, track in zip(doc.marks, tracks):
        gid = f"{MARK_GID}{mark.id}"
        if mark.is_bar:
            x0, x1 = _bar_extent(mark, axis)
            y = axis_y + _track_bottom(track, style)
            if mark.fade_start or mark.fade_end:
                bar = _faded_bar(x0, x1, y, style.bar_height, mark.fade_start, mark.fade_end, theme.bar)
                bar.set_transform(fig.dpi_scale_trans)
                bar.set_zorder(4)
                fig.add_artist(bar)
                _rect(fig, x0, y, x1 - x0, style.bar_height, fill=False, visible=False, gid=gid)
            else:
                _rect(fig, x0, y, x1 - x0, style.bar_height, facecolor=theme.bar, zorder=4, gid=gid)
        else:
            x = axis.x(mark.start)
            if mark.approximate:
                halo = _faded_bar(x - 0.14, x + 0.14, axis_y - 0.025, 0.05, True, True, theme.point)
                halo.set_transform(fig.dpi_scale_trans)
                halo.set_zorder(4)
                fig.add_artist(halo)
            circle = Circle(
                (x, axis_y), style.marker_radius, transform=fig.dpi_scale_trans, zorder=5, gid=gid,
                facecolor=theme.background if mark.approximate else theme.point,
                edgecolor=theme.point if mark.approximate else theme.background,
                linewidth=1.3 if mark.approximate else 0.8,
            )
            fig.add_artist(circle)


def _draw_publication(fig: Figure, doc: Doc, axis: TimeAxis, axis_y: float, top: float, bottom: float, options: Options, renderer: Any) -> None:
    theme, style = options.theme, options.style
    x = axis.x(doc.published)
    _line(fig, [x, x], [bottom, top - 0.06], color=theme.publication, linewidth=1.2, linestyle=(0, (4, 3)), zorder=1)
    text = _text(fig, x + 0.06, top, f"Published {doc.published_label}", size=style.date_size, color=theme.publication_text, bold=True, va="top", gid="tl-publication")
    if x + 0.06 + _extent(text, renderer, fig.dpi)[0] > options.width - 0.1:
        text.set_position((x - 0.06, top))
        text.set_horizontalalignment("right")


Segment = list[tuple[float, float]]


def _draw_group(
    fig: Figure,
    doc: Doc,
    group: Group,
    placement: Placement,
    labels: Sequence[Label],
    attach: Sequence[float],
    tracks: Sequence[int],
    band: Band,
    axis_y: float,
    options: Options,
) -> tuple[list[Segment], list[tuple[Segment, str]]]:
    """A callout: its labels stacked beside a pole. Returns its leader lines and
    the coloured stretches of its pole, drawn together for all callouts."""
    style, theme = options.style, options.theme
    up = placement.side > 0
    near = (band.top if up else band.tick_bottom) + LANE_START + placement.near
    top = axis_y + near + group.height if up else axis_y - near
    y = top
    poles = []
    previous = None
    for index in group.members:
        label, mark = labels[index], doc.marks[index]
        label.place(placement.x0, y, group.date_column)
        if mark.date_label == previous and label.headline.get_text():
            label.date.set_text("")  # a date said once heads the lines that share it
        previous = mark.date_label
        # The coloured stretch of the pole beside each label says point or period.
        colour = theme.bar if mark.is_bar else theme.point
        poles.append(([(placement.pole, y), (placement.pole, y - label.height)], colour))
        y -= label.height + ITEM_GAP
    bottom = top - group.height
    # An opaque backing hides the publication line where it passes behind text.
    _rect(fig, placement.x0 - 0.02, bottom - 0.02, group.width + 0.04, group.height + 0.04, facecolor=theme.background, zorder=7)
    return _leader(doc, group, placement, attach, tracks, band, axis_y, bottom if up else top, style), poles


def _leader(
    doc: Doc,
    group: Group,
    placement: Placement,
    attach: Sequence[float],
    tracks: Sequence[int],
    band: Band,
    axis_y: float,
    label_end: float,
    style: Style,
) -> list[Segment]:
    """Lines from the marks to the callout; several marks are joined by a comb."""
    up = placement.side > 0

    def mark_edge(index: int) -> float:
        mark = doc.marks[index]
        if mark.is_bar:
            bottom = _track_bottom(tracks[index], style)
            return axis_y + (bottom + style.bar_height if up else bottom)
        return axis_y + (style.marker_radius if up else -style.marker_radius)

    xs = [attach[i] for i in group.members]
    pole = placement.pole
    if max(xs) - min(xs) < 0.01:
        start = max(mark_edge(i) for i in group.members) if up else min(mark_edge(i) for i in group.members)
        return [[(pole, start), (pole, label_end)]]
    comb = axis_y + (band.top + LANE_START * 0.45 if up else -(band.tick_bottom + LANE_START * 0.45))
    lines = [[(min(xs), comb), (max(xs), comb)], [(pole, comb), (pole, label_end)]]
    lines += [[(x, mark_edge(index)), (x, comb)] for index, x in zip(group.members, xs)]
    return lines
