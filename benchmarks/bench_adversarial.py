"""build_timeline on adversarial inputs: the time per MB at 1 MB and at 5 MB should match.

A ratio (5 MB time per MB / 1 MB time per MB) near 1 is linear time; a regex that
backtracks catastrophically shows as a ratio near 5 (quadratic) or worse.

Each measurement runs in a fresh process (best of --repeats builds, after a warm-up) and
gives up after --timeout seconds, shown as a timeout: a quadratic input at 5 MB could
otherwise run for hours.

Run: .venv/bin/python benchmarks/bench_adversarial.py [--sizes 1,5] [--only digits,"in in"]
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import time
from collections.abc import Callable

from timeline import build_timeline

MEGABYTE = 1_000_000
PUBLISHED = "2024-04-02"


def repeated(unit: str) -> Callable[[int], str]:
    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return make


def news_one_line(size: int) -> str:
    sentences = [
        "The ministers met on Tuesday morning and will meet again next month.",
        "Since last summer, prices have risen 3.5 percent, officials said on Jan. 5, 2024.",
        "Two weeks ago the council voted; a year earlier it had refused.",
        "By the end of the third quarter of 2023, sales fell for the first time since 1998.",
    ]
    return repeated(" ".join(sentences) + " ")(size)


def mixed_scripts(size: int) -> str:
    pieces = ["Montag", "понедельник", "月曜日", "الاثنين", "星期一", "Monday", "2024年4月2日", "३ दिन पहले",
              "next week", "la semaine prochaine", "٢٠٢٤", "١٢ مارس", "Ⅻ", "𝟐𝟎𝟐𝟒", "Ｍａｙ ５", "ﬁve days"]
    return repeated(" ".join(itertools.chain(pieces, reversed(pieces))) + " ")(size)


def one_sentence(size: int) -> str:
    """No sentence ends at all: one sentence of `size` characters, a verb before every date."""
    return repeated("officials said on Monday, ")(size)


INPUTS: dict[str, Callable[[int], str]] = {
    "digits": repeated("0123456789"),
    "last last": repeated("last "),
    "in in": repeated("in "),
    "news one line": news_one_line,
    "one sentence verbs": one_sentence,
    "1 comma 1": repeated("1,"),
    "thousands": repeated("1,000"),
    "months": repeated("January "),
    "months no spaces": repeated("MayMarchJune"),
    "month day": repeated("March 3, "),
    "the the": repeated("the "),
    "mixed scripts": mixed_scripts,
    "digit space": repeated("1 "),
    "dots": repeated("1."),
    "spaces": repeated(" "),
    "newlines": repeated("\n"),
    "a.m.": repeated("a.m. "),
    "every other": repeated("every other "),
    "early late mid-": repeated("early late mid-"),
    "years ago": repeated("2 years ago "),
    "apostrophes": repeated("'99 ’"),
    "clock times": repeated("10:30 "),
    "no break": repeated("x"),
    "tokenized": repeated("May 4 , 2009 -LRB- GMT -RRB- `` he 's '' "),
    "ranges": repeated("March 3-4 and 5-6 , 1948-49-50 between April and June "),
    "zones": repeated("10:30 GMT+2 (UTC) EST "),
}


def seconds_per_megabyte(name: str, size: int, repeats: int) -> float:
    """Best of a few builds (the least disturbed by the machine's other work), after a warm-up."""
    build_timeline("Warm up: the rules compile on Monday.", PUBLISHED)
    text = INPUTS[name](size)
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()  # CPU time: the machine's other work does not count
        build_timeline(text, PUBLISHED)
        best = min(best, time.process_time() - started)
    return best / (size / MEGABYTE)


def measure(name: str, size: int, repeats: int, timeout: float) -> float | None:
    """Seconds per MB, measured in a fresh process; None if it took longer than timeout."""
    command = [sys.executable, __file__, "--measure", name, str(size), str(repeats)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5", help="two sizes in MB, small then large (default 1,5)")
    parser.add_argument("--only", default="", help="input names, separated by commas")
    parser.add_argument("--repeats", type=int, default=2, help="builds per measurement; the best counts")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed for one measurement")
    parser.add_argument("--max-ratio", type=float, default=2.0, help="exit 1 if a ratio exceeds this")
    parser.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        name, size, repeats = args.measure
        print(seconds_per_megabyte(name, int(size), int(repeats)))
        return 0
    small, large = (float(s) for s in args.sizes.split(","))
    names = [n for n in INPUTS if not args.only or n in args.only.split(",")]
    unknown = set(args.only.split(",")) - set(INPUTS) - {""}
    if unknown:
        parser.error(f"unknown inputs: {', '.join(sorted(unknown))}")
    print(f"build_timeline, CPU seconds per MB (best of {args.repeats}); ratio = {large:g} MB / {small:g} MB")
    print(f"{'input':22} {format(small, 'g') + ' MB':>10} {format(large, 'g') + ' MB':>10} {'ratio':>7}")
    worst = 0.0
    for name in names:
        per_small = measure(name, int(small * MEGABYTE), args.repeats, args.timeout)
        per_large = measure(name, int(large * MEGABYTE), args.repeats, args.timeout) if per_small is not None else None
        if per_small is None or per_large is None:
            shown = [f"{x:10.3f}" if x is not None else f"{'>' + format(args.timeout / size, '.0f'):>10}"
                     for x, size in ((per_small, small), (per_large, large))]
            if per_small is None:
                shown[1] = f"{'not run':>10}"
            print(f"{name:22} {shown[0]} {shown[1]} {'?':>7}  <-- timed out (> {args.timeout:g} s)", flush=True)
            worst = float("inf")
            continue
        ratio = per_large / per_small
        worst = max(worst, ratio)
        flag = "  <-- superlinear" if ratio > args.max_ratio else ""
        print(f"{name:22} {per_small:10.3f} {per_large:10.3f} {ratio:7.2f}{flag}", flush=True)
    print(f"worst ratio {worst:.2f}")
    return 1 if worst > args.max_ratio else 0


if __name__ == "__main__":
    sys.exit(main())
