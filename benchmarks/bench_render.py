"""Seconds per figure for the 41-event long-span fixture, after import: the
median of a few runs, for drawing alone and for drawing and writing a PNG.

Run: .venv/bin/python benchmarks/bench_render.py [RUNS]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timeline.render import draw, save_figure

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "long-span.timeline.json"


def median_seconds(task: Callable[[], object], runs: int) -> float:
    """Median wall time; the first, cold run (font cache, imports) is left out."""
    task()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    timeline = json.loads(FIXTURE.read_text(encoding="utf-8"))
    events = sum(e["kind"] == "event" for e in timeline["events"])
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "figure.png")
        drawing = median_seconds(lambda: draw(timeline), runs)
        writing = median_seconds(lambda: save_figure(timeline, out), runs)
    print(f"render, {events} events over 30 years, 150 dpi, median of {runs}:")
    print(f"  draw (layout):      {drawing:.3f} s per figure")
    print(f"  draw + write PNG:   {writing:.3f} s per figure")


if __name__ == "__main__":
    main()
