"""The figure: visual regression, label geometry, formats, errors, atomic writing.

Baselines live in tests/baseline_images/; regenerate them (after checking the new
images by eye) with ``TIMELINE_UPDATE_BASELINES=1 .venv/bin/pytest tests/test_render.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import random
import re
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from timeline import render
from timeline.render import draw, label_boxes, mark_boxes, save_figure

# Every test here fails on any warning: a figure must draw silently.
pytestmark = pytest.mark.filterwarnings("error")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BASELINES = Path(__file__).resolve().parent / "baseline_images"
LONG_SPAN = ROOT / "data" / "long-span.timeline.json"
SAMPLE = ROOT / "data" / "sample-harbour-bridge.txt"
TBAQ = SHARED / "corpora" / "tbaq"
UPDATE = os.environ.get("TIMELINE_UPDATE_BASELINES") == "1"
#: Baselines are drawn small: a regression shows as well at 80 dpi, and the files stay light.
BASELINE_DPI = 80
TOLERANCE = 10


# ---------------------------------------------------------------- timelines to draw


def event(number: int, begins: str, ends: str, headline: str, *, grain: str = "day", **fields: object) -> dict:
    record = {
        "id": f"e{number}",
        "kind": "event",
        "headline": headline,
        "sentence": headline,
        "start": 0,
        "end": len(headline),
        "expression": None,
        "value": begins[:10],
        "mod": None,
        "grain": grain,
        "relation": None,
        "interval": {"start": begins, "end": ends},
        "approximate": False,
    }
    record.update(fields)
    return record


def timeline(events: list[dict], published: str = "2024-04-02", title: str | None = "Test timeline") -> dict:
    publication = event(0, f"{published}T00:00:00", f"{published}T00:00:00", "Article published", kind="publication")
    publication["interval"]["end"] = _next_day(published)
    return {
        "schema_version": "1.1.0",
        "document": {"title": title, "published": published},
        "expressions": [],
        "events": [*events, publication],
    }


def _next_day(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat() + "T00:00:00"


def long_span() -> dict:
    return json.loads(LONG_SPAN.read_text(encoding="utf-8"))


def single() -> dict:
    return timeline([event(1, "2024-04-01T00:00:00", "2024-04-02T00:00:00", "The minister resigned")])


def empty() -> dict:
    return timeline([])


WORDS = (
    "council minister bridge strike storm report budget court ruling protest talks deal rates "
    "inflation election museum reopens harbour ferry union vote inquiry tunnel"
).split()


def stress(count: int = 60, seed: int = 11) -> dict:
    """Many events, crowded towards publication, of every kind the renderer draws."""
    chance = random.Random(seed)
    events = []
    for number in range(1, count + 1):
        year = 2024 - int(chance.random() ** 2 * 30)
        month, day = chance.randint(1, 12), chance.randint(1, 27)
        headline = " ".join(chance.choice(WORDS) for _ in range(chance.randint(2, 14))).capitalize()
        kind = chance.random()
        if kind < 0.5:
            start, end, grain = f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day + 1:02d}", "day"
        elif kind < 0.75:
            start, end, grain = f"{year}-{month:02d}-01", f"{year + (month == 12)}-{month % 12 + 1:02d}-01", "month"
        else:
            start, end, grain = f"{year}-01-01", f"{year + 1}-01-01", "year"
        mod = chance.choice([None, None, None, "APPROX", "START"])
        relation = "since" if kind > 0.93 else None
        events.append(
            event(number, f"{start}T00:00:00", f"{end}T00:00:00", headline, grain=grain, mod=mod, relation=relation, approximate=mod is not None)
        )
    return timeline(events, title=f"{count} events")


def shared_sample() -> dict:
    if not (SHARED / "samples" / "biden-xi-call.txt").is_file():
        pytest.skip("../shared is not present")
    from timeline import build_timeline

    text = (SHARED / "samples" / "biden-xi-call.txt").read_text(encoding="utf-8")
    return build_timeline(text, "2024-04-02").to_dict()


# ---------------------------------------------------------------- visual regression

CASES = {"long-span": long_span, "single": single, "empty": empty, "biden-xi-call": shared_sample}


@pytest.mark.parametrize("name", list(CASES))
def test_looks_like_its_baseline(name: str, tmp_path: Path) -> None:
    actual = tmp_path / f"{name}.png"
    save_figure(CASES[name](), str(actual), dpi=BASELINE_DPI, source=f"{name}.json")
    expected = BASELINES / f"{name}.png"
    if UPDATE:
        BASELINES.mkdir(exist_ok=True)
        expected.write_bytes(actual.read_bytes())
        return
    assert expected.is_file(), f"no baseline {expected.name}: run with TIMELINE_UPDATE_BASELINES=1 and check the image"
    try:
        failure = compare_images(str(expected), str(actual), tol=TOLERANCE)
    except Exception as exc:  # a size mismatch raises rather than returning a message
        pytest.fail(f"{name}: {exc}")
    assert failure is None, failure


# ---------------------------------------------------------------- geometry


def _intersect(a: Bbox, b: Bbox) -> bool:
    """Overlap with positive area (touching edges is not overlapping)."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def assert_clean(fig: Figure, expected_labels: int) -> None:
    labels, marks = label_boxes(fig), mark_boxes(fig)
    assert len(labels) == expected_labels
    for (i, a), (j, b) in combinations(enumerate(labels), 2):
        assert not _intersect(a, b), f"labels {i} and {j} overlap: {a} {b}"
    for i, a in enumerate(labels):
        for j, b in enumerate(marks):
            assert not _intersect(a, b), f"label {i} overlaps mark {j}"
    width, height = fig.get_size_inches() * fig.dpi
    for box in labels:
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, f"label outside the figure: {box}"


def _events(tl: dict) -> int:
    return sum(e["kind"] == "event" for e in tl["events"])


def _marks(tl: dict, **options) -> int:
    """Labels a figure draws: one per date and grain (events that share one share a label)."""
    return len(render._read(tl, max_events=options.get("max_events", render.MAX_EVENTS)).marks)


ALL = {"max_events": render.MAX_EVENTS}


@pytest.mark.parametrize("make", [long_span, lambda: stress(60), lambda: stress(75, seed=3)], ids=["long-span", "stress-60", "stress-75"])
def test_labels_never_overlap(make) -> None:
    tl = make()
    assert_clean(draw(tl, **ALL), _marks(tl))


@pytest.mark.parametrize("width", [6.0, 9.0, 16.0])
def test_labels_never_overlap_at_other_widths(width: float) -> None:
    tl = stress(40, seed=5)
    assert_clean(draw(tl, width=width, **ALL), _marks(tl))


def _tbaq_documents() -> Iterator[tuple[str, str, str]]:
    """(name, text, publication date) of each TBAQ document."""
    try:
        from timeline.timeml import read_timeml
    except ImportError:
        read_timeml = None
    for path in sorted(TBAQ.rglob("*.tml")):
        if read_timeml is not None:
            document = read_timeml(path)
            yield path.name, document.text, document.published
        else:  # the reader is another module's work: a regex does for a figure
            xml = path.read_text(encoding="utf-8")
            tag = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', xml)
            value = re.search(r'value="(\d{4}-\d{2}-\d{2})', tag.group(0)) if tag else None
            body = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
            if value and body:
                yield path.name, re.sub(r"<[^>]+>", "", body.group(1)), value.group(1)


@pytest.mark.skipif(not TBAQ.is_dir(), reason="../shared/corpora/tbaq is not present")
def test_labels_never_overlap_on_tbaq() -> None:
    """Every TBAQ document with two events or more: drawn (not saved) and checked."""
    from timeline import build_timeline

    drawn = 0
    for name, text, published in _tbaq_documents():
        tl = build_timeline(text, published).to_dict()
        if _events(tl) < 2:
            continue
        try:
            assert_clean(draw(tl, source=name, **ALL), _marks(tl))
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None
        drawn += 1
    assert drawn >= 100


def test_extreme_dates_and_one_instant() -> None:
    tl = timeline(
        [
            event(1, "0001-01-01T00:00:00", "0002-01-01T00:00:00", "Year one", grain="year"),
            event(2, "9999-01-01T00:00:00", "10000-01-01T00:00:00", "The last year a date can hold", grain="year"),
            event(3, "2024-04-02T09:00:00", "2024-04-02T09:00:00", "At nine", grain="hour"),
            event(4, "2024-04-02T09:00:00", "2024-04-02T09:00:00", "Also at nine", grain="hour"),
        ]
    )
    assert_clean(draw(tl), 3)  # the two at nine share a mark


def test_events_on_one_date_and_grain_share_one_mark() -> None:
    """Five events "in October 2009" are one bar with five headlines, not five stacked bars."""
    october = [event(n, "2009-10-01T00:00:00", "2009-11-01T00:00:00", f"Thing number {n} happened", grain="month", start=100 * n) for n in range(1, 6)]
    other = event(6, "2009-03-01T00:00:00", "2009-03-02T00:00:00", "Something else")
    fig = draw(timeline([*october, other], published="2010-01-15"))
    assert_clean(fig, 2)
    assert len(mark_boxes(fig)) == 2
    texts = [t for t in _label_parts(fig, "text") if "Thing" in t]
    assert len(texts) == 1
    assert "• Thing number 1 happened" in texts[0] and "and 1 more" in texts[0]  # four listed, the fifth counted
    assert _label_parts(fig, "date").count("Oct 2009") == 1


def test_until_is_labelled_with_its_own_date_not_the_bar_start() -> None:
    """The bar of "until March 2027" runs from publication; its label says March 2027."""
    tl = timeline(
        [
            event(1, "2027-03-01T00:00:00", "2027-04-01T00:00:00", "The road will stay closed", grain="month", value="2027-03", relation="until"),
            event(2, "2025-12-31T00:00:00", "2026-01-01T00:00:00", "The city will publish a report", value="2025-12-31", relation="until"),
            event(3, "2025-06-01T00:00:00", "2025-06-02T00:00:00", "Work began"),
        ],
        published="2025-09-18",
    )
    dates = _label_parts(draw(tl), "date")
    assert "Until Mar 2027" in dates
    assert "Until Wed 31 Dec" in dates


def _mark_centres(fig: Figure) -> dict[str, float]:
    renderer = fig.canvas.get_renderer()
    return {
        a.get_gid()[len(render.MARK_GID):]: a.get_window_extent(renderer).x0 / fig.dpi
        for a in fig.findobj(lambda a: (a.get_gid() or "").startswith(render.MARK_GID))
    }


def crowded_at_publication() -> dict:
    """Wire copy: history over three years, and eight happenings in the days around publication."""
    events = [event(n, f"{2021 + n // 4}-{n % 12 + 1:02d}-10T00:00:00", f"{2021 + n // 4}-{n % 12 + 1:02d}-11T00:00:00", f"Earlier step {n}") for n in range(1, 9)]
    for n, day in enumerate(("2024-03-28", "2024-03-30", "2024-03-31", "2024-04-01", "2024-04-02", "2024-04-03", "2024-04-04", "2024-04-06"), start=20):
        events.append(event(n, f"{day}T00:00:00", _next_day(day), f"Happening number {n}"))
    return timeline(sorted(events, key=lambda e: e["interval"]["start"]))


def test_the_days_around_publication_are_enlarged() -> None:
    tl = crowded_at_publication()
    fig = draw(tl)
    assert_clean(fig, 16)
    x = _mark_centres(fig)
    recent = sorted(x[f"e{n}"] for n in range(20, 28))
    # Each day near publication has room of its own: a day is at least a fifth of an inch...
    assert min(b - a for a, b in zip(recent, recent[1:])) >= 0.2
    # ...and position still means time: the marks are in the order of their dates.
    by_time = [e["id"] for e in sorted(tl["events"], key=lambda e: e["interval"]["start"]) if e["kind"] == "event"]
    assert [x[i] for i in by_time] == sorted(x[i] for i in by_time)
    assert any("times larger than the rest" in t for t in _texts(fig))
    assert fig.findobj(lambda a: a.get_gid() == "tl-zoom")


def test_no_break_inside_a_bar() -> None:
    """A bar that spans an empty stretch keeps its true length: the axis is not broken inside it."""
    tl = timeline(
        [
            event(1, "1990-01-01T00:00:00", "2024-04-03T00:00:00", "The border has been closed", grain="year", value="1990", relation="since"),
            event(2, "1990-05-01T00:00:00", "1990-05-02T00:00:00", "The treaty was signed"),
        ]
        + [event(n, f"2023-{n:02d}-03T00:00:00", f"2023-{n:02d}-04T00:00:00", f"Month {n} event") for n in range(3, 12)]
    )
    fig = draw(tl)
    renderer = fig.canvas.get_renderer()
    (bar,) = [a.get_window_extent(renderer) for a in fig.findobj(lambda a: a.get_gid() == f"{render.MARK_GID}e1")]
    axis = render._make_axis(render._read(tl), 0.4, 11.7, render.STYLE)
    for x0, x1, _, _ in axis.breaks:
        assert not (bar.x0 / fig.dpi < x0 and x1 < bar.x1 / fig.dpi), "a break inside the bar"
    assert not any(t.startswith("// The time axis") for t in _texts(fig))


def many(count: int, published: str = "2024-04-02") -> dict:
    """`count` events over 24 years, a year-grain one every fifth, in article order."""
    events = []
    for n in range(1, count + 1):
        day = f"{2000 + n % 24}-{n % 12 + 1:02d}-{n % 27 + 1:02d}"
        if n % 5 == 0:
            events.append(event(n, f"{day[:4]}-01-01T00:00:00", f"{int(day[:4]) + 1}-01-01T00:00:00", f"Year thing {n}", grain="year", start=n * 50))
        else:
            events.append(event(n, f"{day}T00:00:00", _next_day(day), f"Day thing {n} happened", start=n * 50))
    return timeline(sorted(events, key=lambda e: e["interval"]["start"]), published=published)


def test_a_figure_draws_the_most_salient_events_and_says_how_many_it_left_out() -> None:
    tl = many(210)  # no two day events share a date below 216
    fig = draw(tl)
    shown = len(label_boxes(fig))
    assert 6 <= shown <= render.default_max_events(render.DEFAULT_WIDTH)
    caption = next(t for t in _texts(fig) if " shown " in t)
    drawn = int(caption.split(" events of ")[0])
    assert drawn >= shown and f"{drawn} events of 210 shown ({210 - drawn} " in caption
    assert fig.get_size_inches()[1] <= render.MAX_ASPECT * render.DEFAULT_WIDTH + render.MAX_HEIGHT_EXTRA
    # Specific dates first: no year-long event while day events were left out.
    assert not any(h.startswith("Year thing") for h in _label_parts(fig, "text"))
    fig = draw(tl, max_events=5)
    assert len(label_boxes(fig)) == 5
    # What the article leads with comes first.
    assert {h for h in _label_parts(fig, "text")} == {f"Day thing {n} happened" for n in (1, 2, 3, 4, 6)}


def test_inferred_events_are_drawn_only_when_asked() -> None:
    tl = timeline(
        [
            event(1, "2024-03-01T00:00:00", "2024-03-02T00:00:00", "Dated thing"),
            event(2, "2024-03-01T00:00:00", "2024-03-02T00:00:00", "Inferred thing", inferred=True),
            event(3, "2024-03-05T00:00:00", "2024-03-06T00:00:00", "Another inferred thing", inferred=True),
        ]
    )
    fig = draw(tl)
    assert _label_parts(fig, "text") == ["Dated thing"]
    assert any("2 with an inferred date not drawn" in t for t in _texts(fig))
    assert len(label_boxes(draw(tl, inferred=True))) == 2


def test_a_narrow_figure_stays_a_figure() -> None:
    """At 6 inches the labels stack their date over the headline and stay near their marks;
    the figure is not a strip many times taller than it is wide."""
    if not SAMPLE.is_file():
        pytest.skip("no sample")
    from timeline import build_timeline

    tl = build_timeline(SAMPLE.read_text(encoding="utf-8"), "2025-09-18").to_dict()
    fig = draw(tl, width=6)
    width, height = fig.get_size_inches()
    assert height <= render.MAX_ASPECT * width + render.MAX_HEIGHT_EXTRA
    assert_clean(fig, len(label_boxes(fig)))
    # Each label starts (or, flying left, ends) beside its mark.
    renderer = fig.canvas.get_renderer()
    marks = {a.get_gid()[len(render.MARK_GID):]: a.get_window_extent(renderer) for a in fig.findobj(lambda a: (a.get_gid() or "").startswith(render.MARK_GID))}
    for mark_id, mark in marks.items():
        parts = fig.findobj(lambda a: (a.get_gid() or "").startswith(f"{render.LABEL_GID}{mark_id}-") and a.get_text())
        box = Bbox.union([part.get_window_extent(renderer) for part in parts])
        near = min(abs(box.x0 - mark.x0), abs(box.x0 - mark.x1), abs(box.x1 - mark.x0), abs(box.x1 - mark.x1)) / fig.dpi
        assert near <= 0.6 or box.x0 <= mark.x0 <= box.x1, f"the label of {mark_id} is {near:.1f} in from its mark"


def test_svg_text_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "figure.svg"
    save_figure(single(), str(path))
    svg = path.read_text(encoding="utf-8")
    assert "The minister resigned" in svg and "<text" in svg
    # The date stays bold, the headline regular.
    (date,) = re.findall(r'<text style="([^"]*)"[^>]*>Mon 1 Apr<', svg)
    (headline,) = re.findall(r'<text style="([^"]*)"[^>]*>The minister resigned<', svg)
    assert "font-weight: 700" in date and "font-weight" not in headline


def test_a_huge_timeline_is_bounded() -> None:
    """Tens of thousands of events still give a figure of the default size."""
    fig = draw(many(20000))
    width, height = fig.get_size_inches() * fig.dpi
    assert width == render.DEFAULT_WIDTH * 150 and height <= 1800
    assert len(label_boxes(fig)) <= render.default_max_events(render.DEFAULT_WIDTH)


@pytest.mark.parametrize("options", [{"max_events": 0}, {"max_events": 10_000}, {"width": 100, "dpi": 1200}])
def test_limits_are_one_line_errors(options: dict) -> None:
    with pytest.raises(ValueError) as caught:
        draw(single(), **options)
    assert "\n" not in str(caught.value)


# ---------------------------------------------------------------- content


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def _label_parts(fig: Figure, part: str) -> list[str]:
    """The text of each label's "date" or "text" (headline) part."""
    gids = [(t, t.get_gid() or "") for t in fig.findobj(Text)]
    return [t.get_text() for t, gid in gids if gid.startswith(render.LABEL_GID) and gid.endswith(f"-{part}")]


def test_title_caption_publication_and_dates() -> None:
    tl = timeline(
        [
            event(1, "2024-04-01T00:00:00", "2024-04-02T00:00:00", "Aides briefed reporters"),
            event(2, "2022-11-01T00:00:00", "2022-12-01T00:00:00", "Summit in Bali", grain="month"),
            event(3, "2023-06-01T00:00:00", "2023-09-01T00:00:00", "Both sides worked to calm tensions", grain="season", value="2023-SU", relation="since"),
            event(4, "2023-06-01T00:00:00", "2023-09-01T00:00:00", "A hot summer", grain="season", value="2023-SU"),
        ],
        title=None,
    )
    texts = _texts(draw(tl, source="call.txt"))
    assert "Timeline" in texts
    assert "Published 2 Apr 2024" in texts
    assert {"Mon 1 Apr", "Nov 2022", "Since summer 2023", "Summer 2023"} <= set(texts)
    caption = next(t for t in texts if t.startswith("Source: call.txt"))
    assert "4 events" in caption and "Published 2 Apr 2024" in caption


def test_empty_timeline_says_so() -> None:
    texts = _texts(draw(empty()))
    assert "No dated events" in texts
    assert label_boxes(draw(empty())) == []


def test_long_headlines_wrap_and_shorten_past_the_limit() -> None:
    long = "The council voted " + "again and again " * 12 + "to close the bridge"
    fig = draw(timeline([event(1, "2024-03-01T00:00:00", "2024-03-02T00:00:00", long)]), max_label_chars=60)
    (headline,) = _label_parts(fig, "text")
    assert "\n" in headline and headline.endswith("…")
    assert len(headline.replace("\n", " ")) <= 60


def test_dollars_and_missing_glyphs_draw_silently() -> None:
    tl = timeline([event(1, "2024-03-01T00:00:00", "2024-03-02T00:00:00", "Costs rose from $5bn to $7bn in 中国")])
    fig = draw(tl)
    fig.canvas.draw()  # warnings are errors here: no mathtext, no "Glyph missing"
    (headline,) = _label_parts(fig, "text")
    assert "$5bn to $7bn" in headline.replace("\n", " ")


def test_broken_axis_is_noted() -> None:
    tl = timeline(
        [event(1, "1990-05-01T00:00:00", "1990-05-02T00:00:00", "The treaty was signed")]
        + [event(n, f"2023-{n:02d}-03T00:00:00", f"2023-{n:02d}-04T00:00:00", f"Month {n} event") for n in range(2, 12)]
    )
    fig = draw(tl)
    assert any(t.startswith("// The time axis is compressed") for t in _texts(fig))
    assert_clean(fig, 11)


def test_dark_theme() -> None:
    fig = draw(long_span(), theme="dark")
    assert fig.get_facecolor()[:3] == pytest.approx((0x17 / 255, 0x19 / 255, 0x1E / 255))


def test_height_is_honoured_or_refused() -> None:
    assert draw(single(), height=6).get_size_inches()[1] == pytest.approx(6)
    with pytest.raises(ValueError, match="too small"):
        draw(long_span(), height=2)


# ---------------------------------------------------------------- files and errors


@pytest.mark.parametrize(("extension", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF"), (".PNG", b"\x89PNG")])
def test_format_follows_the_extension(tmp_path: Path, extension: str, magic: bytes) -> None:
    path = tmp_path / f"figure{extension}"
    save_figure(single(), str(path))
    assert path.read_bytes().startswith(magic)
    assert os.listdir(tmp_path) == [path.name]  # no temporary file left behind


def test_bad_extension_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as caught:
        save_figure(single(), str(tmp_path / "figure.jpg"))
    assert "\n" not in str(caught.value) and ".png" in str(caught.value)
    assert os.listdir(tmp_path) == []


def _broken(change) -> dict:
    tl = copy.deepcopy(single())
    change(tl)
    return tl


BAD = {
    "not a dict": lambda: [],
    "no events": lambda: _broken(lambda t: t.pop("events")),
    "no document": lambda: _broken(lambda t: t.pop("document")),
    "bad published": lambda: _broken(lambda t: t["document"].update(published="2 April")),
    "bad interval": lambda: _broken(lambda t: t["events"][0]["interval"].update(start="2024-13-01T00:00:00")),
    "no interval": lambda: _broken(lambda t: t["events"][0].pop("interval")),
    "backwards": lambda: _broken(lambda t: t["events"][0]["interval"].update(start="2025-01-01T00:00:00")),
    "bad kind": lambda: _broken(lambda t: t["events"][0].update(kind="rumour")),
    "bad headline": lambda: _broken(lambda t: t["events"][0].update(headline=7)),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_dict_that_cannot_be_drawn_is_a_one_line_error(case: str) -> None:
    with pytest.raises(ValueError) as caught:
        draw(BAD[case]())
    assert str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("options", [{"theme": "sepia"}, {"dpi": 0}, {"width": 1}, {"max_label_chars": 3}])
def test_bad_options_are_one_line_errors(options: dict) -> None:
    with pytest.raises(ValueError) as caught:
        draw(single(), **options)
    assert "\n" not in str(caught.value)


def test_a_failed_render_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "figure.png"
    path.write_bytes(b"the old figure")
    with pytest.raises(ValueError):
        save_figure(BAD["backwards"](), str(path))
    assert path.read_bytes() == b"the old figure"

    def half_written(self, stream, **kwargs) -> None:
        stream.write(b"\x89PNG half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(Figure, "savefig", half_written)
    with pytest.raises(RuntimeError, match="disk full"):
        save_figure(single(), str(path))
    assert path.read_bytes() == b"the old figure"
    assert os.listdir(tmp_path) == ["figure.png"]


def test_timeline_save_draws_the_model(tmp_path: Path) -> None:
    import datetime as dt

    from timeline.model import Document, Event, Interval, Timeline

    day = Interval(dt.datetime(2024, 4, 1), dt.datetime(2024, 4, 2))
    events = (Event("e1", "event", "Talks began", "Talks began on Monday.", 0, 22, None, "2024-04-01", "day", day),)
    Timeline(Document(published=dt.datetime(2024, 4, 2), title="Talks"), (), events).save(str(tmp_path / "talks.svg"))
    assert (tmp_path / "talks.svg").read_bytes().startswith(b"<?xml")


def test_formats_listed() -> None:
    assert set(render.FORMATS) == {".png", ".svg", ".pdf"}


def test_cli_max_events_and_inferred(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from timeline.cli import app

    saved = tmp_path / "many.json"
    tl = many(40)
    tl["events"][0]["inferred"] = True
    saved.write_text(json.dumps(tl), encoding="utf-8")
    figure = tmp_path / "many.svg"
    done = CliRunner().invoke(app, ["render", str(saved), "-o", str(figure), "--max-events", "3"])
    assert done.exit_code == 0, done.output
    svg = figure.read_text(encoding="utf-8")
    assert "3 events of 39 shown" in svg and "1 with an inferred date not drawn" in svg
    done = CliRunner().invoke(app, ["render", str(saved), "-o", str(figure), "--max-events", "3", "--inferred"])
    assert "3 events of 40 shown" in figure.read_text(encoding="utf-8")


def _imports(module: str) -> set[str]:
    """The timeline modules a module imports, at its top or inside its functions."""
    import ast

    tree = ast.parse((ROOT / Path(*module.split("."))).with_suffix(".py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("timeline"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("timeline")}
    return found


def test_the_renderer_does_not_reach_the_model() -> None:
    """model.Timeline.save draws through the renderer, so the renderer (and the dates in
    words it uses) must not lead back to the model: no import circle."""
    seen, todo = set(), ["timeline.render", "timeline.page"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += sorted(_imports(module))
    assert "timeline.datewords" in seen
    assert not seen & {"timeline.model", "timeline.formats", "timeline.timevalue", "timeline"}, seen


@pytest.mark.parametrize(
    ("value", "mod", "relation", "grain", "start", "short", "long"),
    [
        ("2024-04-01", None, None, "day", "2024-04-01", "Mon 1 Apr", "1 April 2024"),
        ("2023-SU", None, "since", "season", "2023-06-01", "Since summer 2023", "Since summer 2023"),
        ("2027-03", None, "until", "month", "2027-03-01", "Until Mar 2027", "Until March 2027"),
        ("198", "END", None, "decade", "1980-01-01", "Late 1980s", "Late 1980s"),
        ("2024-W14", None, None, "week", "2024-04-01", "Week of Mon 1 Apr", "Week of 1 April 2024"),
        ("2024-04-02TMO", None, None, "part_of_day", "2024-04-02T06:00:00", "Tue 2 Apr, morning", "2 April 2024, morning"),
        ("2023-Q3", "START", None, "quarter", "2023-07-01", "Early Q3 2023", "Early Q3 2023"),
    ],
)
def test_dates_in_words_short_and_long(value, mod, relation, grain, start, short, long) -> None:
    import datetime as dt

    from timeline.datewords import long_date, short_date

    moment = dt.datetime.fromisoformat(start)
    assert short_date(value, mod, relation, grain, moment, 2024) == short
    assert long_date(value, mod, relation, grain, moment)[0] == long


def test_a_shared_mark_larger_than_the_limit_still_ends() -> None:
    """Thirty events on one day are one mark of thirty: leaving events out to shorten a
    narrow figure must still come to an end (it once looped, the mark always kept)."""
    crowd = [event(n, "2024-03-30T00:00:00", "2024-03-31T00:00:00", f"Thing {n} happened in the crowd of the day") for n in range(1, 31)]
    others = [event(n, f"2023-{n - 30:02d}-05T00:00:00", f"2023-{n - 30:02d}-06T00:00:00", f"Other thing {n} with a longer headline to wrap") for n in range(31, 43)]
    fig = draw(timeline(crowd + others), width=6)
    assert 1 <= len(label_boxes(fig)) <= render.default_max_events(6)


@pytest.mark.parametrize(
    ("start", "end", "grain", "expected"),
    [
        (dt.datetime(2025, 9, 18), dt.datetime(2030, 9, 19), "year", "2025–2030"),
        (dt.datetime(2010, 8, 24), dt.datetime(2010, 11, 25), "month", "Aug–Nov 2010"),
        (dt.datetime(2009, 11, 24), dt.datetime(2010, 2, 25), "month", "Nov 2009–Feb 2010"),
        (dt.datetime(2025, 9, 8), dt.datetime(2025, 9, 23), "day", "8–22 Sep 2025"),
        (dt.datetime(2025, 8, 28), dt.datetime(2025, 9, 4), "week", "28 Aug–3 Sep 2025"),
    ],
)
def test_a_length_the_calendar_anchors_is_labelled_by_the_days_it_covers(start, end, grain, expected):
    from timeline.datewords import span_text

    assert span_text(start, end, grain) == expected


def test_the_figure_labels_an_anchored_length_by_its_span():
    from timeline import build_timeline
    from timeline.render import _read

    timeline = build_timeline("A full inspection will take place every six months for the next five years.", "2025-09-18")
    labels = [mark.date_label for mark in _read(timeline.to_dict()).marks if any("inspection" in h for h in mark.headlines)]
    assert labels == ["2025–2030"]
