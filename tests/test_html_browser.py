"""The --html page, opened in headless Chromium: every event has a mark and an entry,
nothing is fetched from a network, a link to #id selects that event, and a screenshot
shows the marks in their colours. Skips where no Chromium is installed."""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from timeline import build_timeline
from timeline.page import BAR, POINT, to_html

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample-harbour-bridge.txt"
PUBLISHED = (ROOT / "data" / "sample-harbour-bridge.published").read_text(encoding="utf-8").strip()

BROWSER = next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no Chromium to open the page in")


def sample() -> dict:
    text = SAMPLE.read_text(encoding="utf-8")
    return build_timeline(text, PUBLISHED, title="Harbour bridge reopens").to_dict()


class _Page(html.parser.HTMLParser):
    """The body's attributes, the marks and the entries (id -> classes), from a dumped DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.body: dict[str, str | None] = {}
        self.marks: dict[str, list[str]] = {}
        self.entries: dict[str, list[str]] = {}
        self.headlines: list[str] = []
        self._in_headline = False

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        found = dict(attributes)
        classes = (found.get("class") or "").split()
        if tag == "body":
            self.body = found
        if "tl-mark" in classes:
            self.marks[found["data-id"] or ""] = classes
        if "tl-event" in classes and found.get("data-id"):
            self.entries[found["data-id"] or ""] = classes
        if "tl-headline" in classes:
            self.headlines.append("")
            self._in_headline = True

    def handle_endtag(self, tag: str) -> None:
        self._in_headline = False

    def handle_data(self, data: str) -> None:
        if self._in_headline:
            self.headlines[-1] += data


def _chromium(folder: Path, *arguments: str) -> subprocess.CompletedProcess:
    command = [
        str(BROWSER),
        "--headless",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        f"--user-data-dir={folder / 'profile'}",
        "--window-size=1200,900",
        "--virtual-time-budget=5000",
        *arguments,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _open(page: Path, folder: Path, fragment: str = "") -> _Page:
    done = _chromium(folder, "--dump-dom", page.as_uri() + fragment)
    parsed = _Page()
    parsed.feed(done.stdout)
    return parsed


def test_the_page_is_self_contained() -> None:
    page = to_html(sample())
    # No script, style, font or image comes from elsewhere.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # and the browser is told to fetch nothing


def test_the_data_cannot_end_its_script_element() -> None:
    tl = sample()
    tl["events"][0]["headline"] = "</script><script>alert(1)</script>"
    page = to_html(tl)
    assert page.count("</script>") == 2  # the data block's and the code's own
    assert "&lt;/script&gt;" in page


def test_inferred_events_are_shown_only_when_asked() -> None:
    tl = sample()
    tl["events"][0]["inferred"] = True
    assert f'id="event-{tl["events"][0]["id"]}"' not in to_html(tl)
    assert f'id="event-{tl["events"][0]["id"]}"' in to_html(tl, inferred=True)


@needs_browser
def test_every_event_has_a_mark_and_an_entry(tmp_path: Path) -> None:
    tl = sample()
    page = tmp_path / "page.html"
    page.write_text(to_html(tl), encoding="utf-8")
    shown = _open(page, tmp_path)
    assert shown.body.get("data-ready") == "yes"
    ids = [e["id"] for e in tl["events"] if e["kind"] == "event"]
    assert len(ids) >= 10
    assert sorted(shown.marks) == sorted(ids) == sorted(shown.entries)
    assert {e["headline"] for e in tl["events"] if e["kind"] == "event"} <= set(shown.headlines)
    assert not any("selected" in classes for classes in shown.entries.values())


@needs_browser
def test_a_link_to_an_event_selects_it(tmp_path: Path) -> None:
    tl = sample()
    page = tmp_path / "page.html"
    page.write_text(to_html(tl), encoding="utf-8")
    wanted = [e["id"] for e in tl["events"] if e["kind"] == "event"][3]
    shown = _open(page, tmp_path, f"#{wanted}")
    assert "selected" in shown.entries[wanted] and "selected" in shown.marks[wanted]
    assert sum("selected" in classes for classes in shown.entries.values()) == 1


@needs_browser
def test_a_screenshot_shows_the_marks(tmp_path: Path) -> None:
    from matplotlib.image import imread

    page = tmp_path / "page.html"
    page.write_text(to_html(sample()), encoding="utf-8")
    picture = tmp_path / "page.png"
    _chromium(tmp_path, f"--screenshot={picture}", page.as_uri())
    pixels = (imread(str(picture))[..., :3] * 255).round()

    def count(colour: str) -> int:
        rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        return int((abs(pixels - rgb).max(axis=-1) <= 12).sum())

    # The strip at the top holds dots (blue) and bars (orange): a few hundred pixels each at least.
    strip = pixels[:330]
    assert count(POINT) >= 120, "no point marks in the screenshot"
    assert count(BAR) >= 500, "no period bars in the screenshot"
    assert (abs(strip - [int(POINT[i : i + 2], 16) for i in (1, 3, 5)]).max(axis=-1) <= 12).sum() >= 50


def test_build_and_render_write_the_page(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from timeline.cli import app

    runner = CliRunner()
    page, saved = tmp_path / "page.html", tmp_path / "timeline.json"
    done = runner.invoke(app, ["build", str(SAMPLE), "-p", PUBLISHED, "--html", str(page), "--json", str(saved)])
    assert done.exit_code == 0, done.output
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    again = tmp_path / "again.html"
    done = runner.invoke(app, ["render", str(saved), "--html", str(again)])
    assert done.exit_code == 0, done.output
    assert again.read_text(encoding="utf-8") == page.read_text(encoding="utf-8").replace(
        f"Source: {SAMPLE.name}", f"Source: {saved.name}"
    )
    done = runner.invoke(app, ["render", str(saved)])
    assert done.exit_code == 2 and "--html" in done.output
