"""Cold start: `timeline build SAMPLE --json -` as a whole new process, and with --png.

Median wall time of several runs (a new interpreter each time: imports, rule
compilation, the build, and for --png matplotlib and the drawing), in two columns:
- "installed": Python's bytecode of timeline's modules cached, as an install by pip
  leaves it (written here to a temporary PYTHONPYCACHEPREFIX by one untimed run);
- "no bytecode": with PYTHONDONTWRITEBYTECODE=1, so that every run compiles timeline's
  source anew (an editable install in an environment that forbids writing bytecode).

Run: .venv/bin/python benchmarks/bench_coldstart.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_SAMPLE = ROOT.parent / "shared" / "samples" / "biden-xi-call.txt"
OWN_SAMPLE = ROOT / "data" / "sample-harbour-bridge.txt"


def timeline_command() -> list[str]:
    script = Path(sys.executable).with_name("timeline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "timeline.cli"]


def median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)  # untimed: caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sample, published = (SHARED_SAMPLE, "2024-04-02") if SHARED_SAMPLE.exists() else (OWN_SAMPLE, "2025-09-18")
    base = [*timeline_command(), "build", str(sample), "--published", published]
    with tempfile.TemporaryDirectory() as folder:
        png = str(Path(folder) / "sample.png")
        rows = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "timeline --version": [*timeline_command(), "--version"],
            "build --json -": [*base, "--json", "-"],
            "build --json - --png": [*base, "--json", "-", "--png", png],
        }
        installed = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        installed["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
        no_bytecode = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        print(f"sample: {sample.name}; median of {args.runs} runs")
        print(f"{'':24} {'installed':>10} {'no bytecode':>12}")
        for name, command in rows.items():
            print(
                f"{name:24} {median_seconds(command, args.runs, installed):8.3f} s"
                f" {median_seconds(command, args.runs, no_bytecode):10.3f} s"
            )


if __name__ == "__main__":
    main()
