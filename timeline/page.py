"""The timeline as one self-contained HTML page: ``timeline build … --html out.html``.

Everything the page needs is in the file (its styles, its script, the timeline's data;
system fonts only), so it opens from a disk, an e-mail or an archive with no network.
It shows a strip across time, with a dot for each dated moment and a bar for each
period, and the events below it as a list, each under its date in words. Clicking a
mark (or pressing ← →) selects its event; "Around publication" and "All" zoom the strip,
since news piles up in the days around publication (a page where half the events are
in those days opens on them), and + and − zoom about the selected event. ``page.html#e5`` opens with event
e5 selected.

Like the figure, the page is drawn from a timeline dict (the JSON format), so that
``timeline render TIMELINE.json --html`` works from a saved timeline as well.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
from typing import Any

from timeline.datewords import day_text, long_date

__all__ = ["to_html"]

#: Okabe-Ito colours, as in the figure: points, periods, the publication.
POINT = "#0072B2"
BAR = "#E69F00"
PUBLICATION = "#D55E00"

_STYLE = """
:root { --point: %(point)s; --bar: %(bar)s; --pub: %(pub)s; --text: #1b1b1b; --muted: #5c5c5c; --line: #d6d6d6; --pick: #fff4d6; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: var(--text); background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: 0 0 6px; }
.tl-meta { color: var(--muted); margin: 0 0 16px; font-size: .92rem; }
.tl-top { position: sticky; top: 0; z-index: 3; background: #fff; padding-top: 8px; }
.tl-controls { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; font-size: .9rem; }
.tl-controls button { font: inherit; padding: 4px 10px; border: 1px solid #999; background: #fff; border-radius: 4px; cursor: pointer; }
.tl-controls button[aria-pressed="true"] { background: #1b1b1b; color: #fff; border-color: #1b1b1b; }
.tl-controls .tl-range { color: var(--muted); margin-left: auto; }
.tl-strip { position: relative; height: 150px; border-bottom: 1px solid var(--line); margin-bottom: 18px; overflow: hidden; }
.tl-axis { position: absolute; left: 0; right: 0; bottom: 34px; height: 2px; background: #3a3a3a; }
.tl-tick { position: absolute; bottom: 8px; transform: translateX(-50%%); font-size: .75rem; color: var(--muted); white-space: nowrap; }
.tl-tick::before { content: ""; position: absolute; left: 50%%; top: -10px; height: 6px; border-left: 1px solid #3a3a3a; }
.tl-pub { position: absolute; top: 4px; bottom: 30px; border-left: 2px dashed var(--pub); }
.tl-pub.tl-left span { left: auto; right: 5px; }
.tl-pub span { position: absolute; top: 0; left: 5px; font-size: .75rem; font-weight: 700; color: #B34F00; white-space: nowrap; }
.tl-mark { position: absolute; padding: 0; border: 2px solid #fff; cursor: pointer; }
.tl-mark.point { width: 14px; height: 14px; border-radius: 50%%; background: var(--point); transform: translate(-50%%, 50%%); }
.tl-mark.bar { height: 10px; min-width: 6px; background: var(--bar); border-width: 1px; }
.tl-mark.approximate { opacity: .6; }
.tl-mark.selected { outline: 3px solid #1b1b1b; outline-offset: 1px; z-index: 2; }
.tl-mark:focus-visible { outline: 3px solid var(--pub); }
.tl-out { display: none; }
ol.tl-events { list-style: none; margin: 0; padding: 0; }
.tl-event { display: grid; grid-template-columns: 12rem 1fr; gap: 4px 16px; padding: 10px 8px; border-top: 1px solid var(--line); cursor: pointer; }
.tl-event.selected { background: var(--pick); }
.tl-event .tl-date { font-weight: 700; }
.tl-event .tl-date::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 50%%; background: var(--point); }
.tl-event.bar .tl-date::before { border-radius: 0; width: 14px; height: 8px; background: var(--bar); }
.tl-event .tl-headline { font-weight: 600; }
.tl-event .tl-sentence { grid-column: 2; color: var(--muted); font-size: .92rem; display: none; }
.tl-event.selected .tl-sentence { display: block; }
.tl-event.publication .tl-date { color: #B34F00; }
.tl-event.publication .tl-date::before { border-radius: 0; width: 0; height: 14px; border-left: 2px dashed var(--pub); background: none; }
@media (max-width: 640px) { .tl-event { grid-template-columns: 1fr; } .tl-event .tl-sentence { grid-column: 1; } }
""" % {"point": POINT, "bar": BAR, "pub": PUBLICATION}

# Plain ES5 with no library: it reads the data block, lays out the strip for the range
# shown, and keeps the strip and the list in step.
_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("tl-data").textContent);
  var strip = document.getElementById("tl-strip");
  var rangeText = document.getElementById("tl-range");
  var DAY = 86400000;
  // 10000-01-01, the end of year 9999, is past what Date.parse reads.
  function ms(iso) { var t = Date.parse(iso.length === 10 ? iso + "T00:00:00Z" : iso + "Z"); return isNaN(t) ? 253402300800000 : t; }
  var events = data.events.map(function (e) {
    var s = ms(e.start), t = ms(e.end);
    return { id: e.id, start: s, end: t, bar: e.bar };
  });
  var published = ms(data.published) + DAY / 2;
  var times = [published];
  events.forEach(function (e) { times.push(e.start, e.end); });
  var all = [Math.min.apply(null, times), Math.max.apply(null, times)];
  var near = [published - data.zoomDays * DAY, published + data.zoomDays * DAY];
  var selected = null;

  function ticks(lo, hi, width) {
    var span = hi - lo, count = Math.max(2, Math.floor(width / 80));
    var steps = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30.44 * DAY, 91.3 * DAY, 182.6 * DAY, 365.25 * DAY, 730.5 * DAY, 1826 * DAY, 3652 * DAY, 7305 * DAY, 18262 * DAY, 36525 * DAY];
    var step = steps.filter(function (s) { return span / s <= count; })[0] || steps[steps.length - 1];
    var out = [], d = new Date(lo), t;
    var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    if (step < 30 * DAY) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      for (; t <= hi; t += step) if (t >= lo) { d = new Date(t); out.push([t, d.getUTCDate() + " " + months[d.getUTCMonth()]]); }
    } else if (step < 365 * DAY) {
      var m = Math.round(step / (30.44 * DAY));
      for (var y = d.getUTCFullYear(), mo = d.getUTCMonth(); (t = Date.UTC(y, mo, 1)) <= hi; mo += m) {
        if (mo >= 12) { y += Math.floor(mo / 12); mo %= 12; t = Date.UTC(y, mo, 1); if (t > hi) break; }
        if (t >= lo) out.push([t, months[mo] + " " + y]);
      }
    } else {
      var yearStep = Math.round(step / (365.25 * DAY));
      for (var yr = Math.ceil(d.getUTCFullYear() / yearStep) * yearStep; (t = Date.UTC(yr, 0, 1)) <= hi; yr += yearStep) {
        if (t >= lo) out.push([t, String(yr)]);
      }
    }
    return out;
  }

  function layout(range) {
    var width = strip.clientWidth, pad = 16;
    var lo = range[0], hi = range[1];
    if (hi - lo < DAY) { lo -= DAY; hi += DAY; }
    function x(t) { return pad + (width - 2 * pad) * (t - lo) / (hi - lo); }
    strip.querySelectorAll(".tl-tick").forEach(function (n) { n.remove(); });
    ticks(lo, hi, width).forEach(function (tick) {
      var n = document.createElement("div");
      n.className = "tl-tick"; n.style.left = x(tick[0]) + "px"; n.textContent = tick[1];
      strip.appendChild(n);
    });
    var pub = document.getElementById("tl-pub");
    pub.style.left = x(published) + "px";
    pub.classList.toggle("tl-left", x(published) > width - 90);
    var tracks = [];
    events.forEach(function (e) {
      var mark = document.getElementById("mark-" + e.id);
      var out = e.end < lo || e.start > hi;
      mark.classList.toggle("tl-out", out);
      if (out) return;
      if (e.bar) {
        var x0 = Math.max(x(e.start), 0), x1 = Math.min(x(e.end), width);
        var track = 0;
        while (tracks[track] !== undefined && tracks[track] > x0 - 3) track++;
        tracks[track] = x1;
        mark.style.left = x0 + "px"; mark.style.width = Math.max(6, x1 - x0) + "px";
        mark.style.bottom = (44 + 13 * track) + "px";
      } else {
        mark.style.left = x((e.start + e.end) / 2) + "px"; mark.style.bottom = "35px";
      }
    });
    rangeText.textContent = new Date(lo).toISOString().slice(0, 10) + " to " + new Date(hi).toISOString().slice(0, 10);
  }

  var current = all;
  function show(range, button) {
    current = range;
    [allButton, nearButton].forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
    layout(range);
  }

  function select(id, scroll) {
    if (selected) {
      document.getElementById("event-" + selected).classList.remove("selected");
      var old = document.getElementById("mark-" + selected);
      if (old) { old.classList.remove("selected"); old.setAttribute("aria-pressed", "false"); }
    }
    selected = id;
    var card = document.getElementById("event-" + id);
    if (!card) return;
    card.classList.add("selected");
    var mark = document.getElementById("mark-" + id);
    if (mark) { mark.classList.add("selected"); mark.setAttribute("aria-pressed", "true"); }
    if (scroll && card.scrollIntoView) card.scrollIntoView({ block: "center" });
    if (history.replaceState) history.replaceState(null, "", "#" + id);
  }

  strip.addEventListener("click", function (ev) {
    var mark = ev.target.closest(".tl-mark");
    if (mark) select(mark.getAttribute("data-id"), true);
  });
  document.getElementById("tl-events").addEventListener("click", function (ev) {
    var card = ev.target.closest(".tl-event");
    if (card && card.getAttribute("data-id")) select(card.getAttribute("data-id"), false);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
    var ids = events.map(function (e) { return e.id; });
    var at = ids.indexOf(selected);
    var next = ev.key === "ArrowRight" ? Math.min(ids.length - 1, at + 1) : Math.max(0, at - 1);
    if (ids.length) { select(ids[next], true); ev.preventDefault(); }
  });
  var allButton = document.getElementById("tl-all"), nearButton = document.getElementById("tl-near");
  allButton.addEventListener("click", function () { show(all, allButton); });
  // Zoom about the selected event (else the publication), never past the whole span.
  function zoom(factor) {
    var centre = published;
    events.forEach(function (e) { if (e.id === selected) centre = (e.start + e.end) / 2; });
    var half = Math.max(DAY, (current[1] - current[0]) * factor / 2);
    if (2 * half >= all[1] - all[0]) { show(all, allButton); return; }
    var lo = Math.max(all[0], centre - half), hi = Math.min(all[1], lo + 2 * half);
    show([hi - 2 * half, hi], null);
  }
  document.getElementById("tl-in").addEventListener("click", function () { zoom(0.4); });
  document.getElementById("tl-out").addEventListener("click", function () { zoom(2.5); });
  nearButton.addEventListener("click", function () { show(near, nearButton); });
  window.addEventListener("resize", function () { layout(current); });
  // Wire copy is mostly about the days around publication: it opens on them.
  var nearCount = events.filter(function (e) { return e.end >= near[0] && e.start <= near[1]; }).length;
  if (nearCount >= events.length / 2 && nearCount >= 3) show(near, nearButton); else show(all, allButton);
  var wanted = location.hash.slice(1);
  if (wanted && document.getElementById("event-" + wanted)) select(wanted, true);
  document.body.setAttribute("data-ready", "yes");
})();
"""


def _text(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _date_words(event: dict) -> str:
    value = event.get("value") if isinstance(event.get("value"), str) else ""
    start = _iso_moment(event["interval"]["start"])
    words = long_date(value, event.get("mod"), event.get("relation"), event.get("grain"), start)
    return words[0] if words is not None else day_text(start.date())


def _iso_moment(text: str) -> dt.datetime:
    if text.startswith("10000"):
        return dt.datetime.max
    return dt.datetime.fromisoformat(text)


def _iso_day(text: str) -> dt.date:
    return dt.date(int(text[:4]), int(text[5:7]), int(text[8:10]))


#: Days either side of publication the "Around publication" view shows.
ZOOM_DAYS = 10


@dataclasses.dataclass(frozen=True)
class _Entry:
    """One event as the page shows it: a mark on the strip and an entry in the list."""

    id: str
    start: str
    end: str
    bar: bool
    approximate: bool
    date: str
    headline: str
    sentence: str

    @property
    def kind(self) -> str:
        return "bar" if self.bar else "point"

    def data(self) -> dict[str, Any]:
        """What the script needs to place the mark."""
        return {"id": self.id, "start": self.start, "end": self.end, "bar": self.bar}

    def mark(self) -> str:
        approximate = " approximate" if self.approximate else ""
        return (
            f'<button type="button" class="tl-mark {self.kind}{approximate}" id="mark-{_text(self.id)}"'
            f' data-id="{_text(self.id)}" aria-pressed="false" title="{_text(self.date)}: {_text(self.headline)}"></button>'
        )

    def item(self) -> str:
        return (
            f'<li class="tl-event {self.kind}" id="event-{_text(self.id)}" data-id="{_text(self.id)}">'
            f'<span class="tl-date">{_text(self.date)}</span>'
            f'<span class="tl-headline">{_text(self.headline)}</span>'
            f'<span class="tl-sentence">{_text(self.sentence)}</span></li>'
        )


def _entry(event: dict, index: int, published: str) -> _Entry:
    start, end = event["interval"]["start"], event["interval"]["end"]
    relation = event.get("relation")
    # As in the figure: "since X" runs up to publication, "until X" from it.
    if relation == "since":
        end = _next_day_iso(published)
    elif relation == "until" and start[:10] > published:
        start = published + "T00:00:00"
    spans = event.get("grain") not in POINT_GRAINS and start[:10] != end[:10]
    return _Entry(
        id=str(event.get("id") or f"e{index}"),
        start=start,
        end=end,
        bar=spans or relation in ("since", "until"),
        approximate=event.get("approximate") is True,
        date=_date_words(event),
        headline=str(event.get("headline", "")),
        sentence=str(event.get("sentence", "")),
    )


POINT_GRAINS = frozenset({"second", "minute", "hour", "part_of_day", "day"})


def to_html(timeline: dict, *, inferred: bool = False, source: str | None = None) -> str:
    """The page for a timeline dict (the JSON format). Events marked `inferred` are
    left out unless `inferred` is true, as in the figure."""
    from timeline.render import check_timeline

    check_timeline(timeline)
    document = timeline["document"]
    title = document.get("title") or "Timeline"
    published = document["published"][:10]
    entries, items, left_out = [], [], 0
    for index, event in enumerate(timeline["events"]):
        if event.get("kind") == "publication":
            items.append(
                f'<li class="tl-event publication"><span class="tl-date">{_text(day_text(_iso_day(published)))}</span>'
                f'<span class="tl-headline">The article is published</span></li>'
            )
        elif event.get("inferred") is True and not inferred:
            left_out += 1
        else:
            entries.append(_entry(event, index, published))
            items.append(entries[-1].item())
    data = json.dumps({"published": published, "zoomDays": ZOOM_DAYS, "events": [e.data() for e in entries]}, ensure_ascii=False)
    count = len(entries)
    meta = [f"Published {day_text(_iso_day(published))}", f"{count} dated event{'s' if count != 1 else ''}"]
    if left_out:
        meta.append(f"{left_out} with an inferred date not shown")
    if source:
        meta.append(f"Source: {source}")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{_text(title)}</title>
<style>{_STYLE}</style></head>
<body><main>
<h1>{_text(title)}</h1>
<p class="tl-meta">{_text(" · ".join(meta))}</p>
<div class="tl-top">
<div class="tl-controls" role="group" aria-label="Time shown">
<button type="button" id="tl-all" aria-pressed="true">All</button>
<button type="button" id="tl-near" aria-pressed="false">Around publication</button>
<button type="button" id="tl-in" aria-label="Zoom in">+</button>
<button type="button" id="tl-out" aria-label="Zoom out">−</button>
<span class="tl-range" id="tl-range"></span></div>
<div class="tl-strip" id="tl-strip" aria-label="The events across time"><div class="tl-axis"></div>
<div class="tl-pub" id="tl-pub"><span>Published</span></div>{"".join(e.mark() for e in entries)}</div>
</div>
<ol class="tl-events" id="tl-events">{"".join(items)}</ol>
</main>
<script type="application/json" id="tl-data">{_script_safe(data)}</script>
<script>{_SCRIPT}</script>
</body></html>
"""


def _next_day_iso(day: str) -> str:
    return (_iso_day(day) + dt.timedelta(days=1)).isoformat() + "T00:00:00"


def _script_safe(data: str) -> str:
    """JSON inside a <script> element: "</" would end the element, so it is written "<\\/"."""
    return data.replace("</", "<\\/").replace("<!--", "<\\!--")
