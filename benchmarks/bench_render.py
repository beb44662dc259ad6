"""Figures stay figures: seconds per figure for the 41-event long-span fixture (draw
alone, and draw + write a PNG, median of a few runs after import), and a 5 MB article
built and drawn by `timeline build --png` as a new process: wall time, peak memory of
the process and the PNG's size in pixels.

Run: .venv/bin/python benchmarks/bench_render.py [RUNS] [--mb MB]
"""

from __future__ import annotations

import argparse
import json
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timeline.render import draw, save_figure

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "data" / "long-span.timeline.json"
ARTICLES = sorted((ROOT / "data").glob("*.txt"))


def median_seconds(task: Callable[[], object], runs: int) -> float:
    """Median wall time; the first, cold run (font cache, imports) is left out."""
    task()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def big_article(megabytes: float) -> str:
    """The project's own articles, one after another, to the size asked."""
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES]
    pieces, size = [], 0
    while size < megabytes * 1_000_000:
        for text in texts:
            pieces.append(text)
            size += len(text.encode("utf-8")) + 2
    return "\n\n".join(pieces)


#: Runs a command and prints its peak resident memory: each measured process gets a
#: parent of its own, since RUSAGE_CHILDREN keeps the largest child's peak.
MEASURE = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"


def measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of a command run as a new process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], check=True, capture_output=True, text=True)
    return time.perf_counter() - started, int(done.stdout.split()[-1]) / 1024


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--mb", type=float, default=5.0, help="size of the big article (default 5 MB)")
    args = parser.parse_args()
    timeline = json.loads(FIXTURE.read_text(encoding="utf-8"))
    events = sum(e["kind"] == "event" for e in timeline["events"])
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "figure.png")
        drawing = median_seconds(lambda: draw(timeline), args.runs)
        writing = median_seconds(lambda: save_figure(timeline, out), args.runs)
        print(f"render, {events} events over 30 years, 150 dpi, median of {args.runs}:")
        print(f"  draw (layout):      {drawing:.3f} s per figure")
        print(f"  draw + write PNG:   {writing:.3f} s per figure")

        article = Path(folder) / "big.txt"
        article.write_text(big_article(args.mb), encoding="utf-8")
        size = article.stat().st_size / 1e6
        png, saved = Path(folder) / "big.png", Path(folder) / "big.json"
        command = [sys.executable, "-m", "timeline.cli", "build", str(article), "-p", "2025-09-18"]
        for label, outputs in (("build + PNG", ["--png", str(png)]), ("build, JSON only", ["--json", str(saved)])):
            seconds, peak = measured([*command, *outputs])
            print(f"{size:.1f} MB article, `timeline build {outputs[0]}` ({label}): {seconds:.1f} s, peak {peak:.0f} MB")
        count = sum(e["kind"] == "event" for e in json.loads(saved.read_text(encoding="utf-8"))["events"])
        width, height = png_size(png)
        print(f"  {count} events in the article; the PNG is {width} x {height} pixels")
        seconds, peak = measured([sys.executable, "-m", "timeline.cli", "render", str(saved), "-o", str(png)])
        print(f"  `timeline render` of its JSON to PNG: {seconds:.1f} s, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
