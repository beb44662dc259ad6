"""Our --timelinejs output, drawn by TimelineJS itself in a real browser.

TimelineJS 3.9.11 is vendored under tests/vendor/timelinejs (from the npm registry).
The page loads it with our JSON in headless Chromium; the DOM that Chromium dumps after
the scripts ran must hold a slide for every event, with our headline and a date. Skips
where no Chromium is installed (`.ci/run` installs Debian's package when it can).
"""

from __future__ import annotations

import html.parser
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from timeline import build_timeline
from timeline.formats import to_timelinejs

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "tests" / "vendor" / "timelinejs"
SAMPLE = ROOT / "data" / "sample-harbour-bridge.txt"
PUBLISHED = (ROOT / "data" / "sample-harbour-bridge.published").read_text(encoding="utf-8").strip()

BROWSER = next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium to draw TimelineJS in")

# The page marks what happened on <body>, so that the dumped DOM tells it.
PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="{css}"><script src="{js}"></script></head>
<body><div id="timeline-embed" style="width: 1000px; height: 600px"></div>
<script>
window.addEventListener("error", function (e) {{ document.body.setAttribute("data-error", String(e.message)); }});
try {{
  var timeline = new TL.Timeline("timeline-embed", {data});
  timeline.on("loaded", function () {{ document.body.setAttribute("data-loaded", "yes"); }});
}} catch (e) {{
  document.body.setAttribute("data-error", String(e));
}}
</script></body></html>
"""


class _Slides(html.parser.HTMLParser):
    """The body's attributes, and the headlines and dates of slides and markers, from a dumped DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.body: dict[str, str | None] = {}
        self.headlines: list[str] = []
        self.dates: list[str] = []
        self._into: list[str] | None = None

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        found = dict(attributes)
        if tag == "body":
            self.body = found
        classes = (found.get("class") or "").split()
        if tag == "h2" and "tl-headline" in classes and "tl-headline-title" not in classes:
            self.headlines.append("")
            self._into = self.headlines
        elif tag == "h3" and "tl-headline-date" in classes:
            self.dates.append("")
            self._into = self.dates

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3"):
            self._into = None

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._into[-1] += data


def _draw(data: dict, folder: Path) -> _Slides:
    page = folder / "page.html"
    page.write_text(
        PAGE.format(
            css=(VENDOR / "timeline.css").as_uri(),
            js=(VENDOR / "timeline.js").as_uri(),
            data=json.dumps(data, ensure_ascii=False).replace("</", "<\\/"),
        ),
        encoding="utf-8",
    )
    command = [
        str(BROWSER),
        "--headless",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={folder / 'profile'}",
        "--virtual-time-budget=10000",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    slides = _Slides()
    slides.feed(done.stdout)
    return slides


def test_timelinejs_draws_every_event(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    data = to_timelinejs(build_timeline(text, PUBLISHED), text)
    slides = _draw(data, tmp_path)

    assert slides.body.get("data-error") is None, slides.body.get("data-error")
    assert slides.body.get("data-loaded") == "yes"
    events = data["events"]
    assert len(events) >= 5
    # Each headline twice: on its slide, and on its marker in the time navigation.
    headlines = [event["text"]["headline"] for event in events]
    assert Counter(slides.headlines) == Counter(headlines * 2)
    # A date on every event's slide (the title slide has none): TimelineJS read every start_date.
    assert len([date for date in slides.dates if date.strip()]) == len(events)


def test_timelinejs_shows_our_display_dates(tmp_path: Path) -> None:
    """Seasons and "since" have display_date: TimelineJS shows those words, not its own."""
    text = "Work began last summer. Since 2019 the bridge has been closed to trucks. Repairs end on Friday."
    data = to_timelinejs(build_timeline(text, "2025-09-18"), text)
    shown = {event["display_date"] for event in data["events"] if event.get("display_date")}
    assert shown, "the phrase should give display dates"
    slides = _draw(data, tmp_path)
    assert slides.body.get("data-loaded") == "yes"
    assert shown <= {date.strip() for date in slides.dates}
