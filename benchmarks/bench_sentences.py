"""Time split_sentences per megabyte on 1 MB and 5 MB inputs: the two should match (linear time).

Run: .venv/bin/python benchmarks/bench_sentences.py
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from timeline.sentences import split_sentences

MEGABYTE = 1_000_000

_SUBJECTS = ["Mr. Okafor", "The U.S. Treasury", "Gov. Alvarez", "Maria T. Alvarez", "J.P. Morgan analysts", "The council"]
_VERBS = ["said on Monday", "will meet on Jan. 5", "raised rates 3.5 percent", "met reporters", "left early..."]
_ENDS = [".", "!", "?", ".”", '."', "..."]


def news_like(size: int) -> str:
    """Paragraphs of short sentences with abbreviations, initials, decimals and quotes."""
    parts = []
    length = 0
    for number, (subject, verb, end) in enumerate(itertools.cycle(itertools.product(_SUBJECTS, _VERBS, _ENDS))):
        sentence = f"{subject} {verb}{end}" + ("\n\n" if number % 7 == 6 else " ")
        parts.append(sentence)
        length += len(sentence)
        if length >= size:
            return "".join(parts)[:size]
    raise AssertionError("unreachable")


INPUTS: dict[str, Callable[[int], str]] = {
    "news, paragraphs": news_like,
    "news, one line": lambda size: news_like(size).replace("\n", " "),
    "periods": lambda size: "." * size,
    "period space": lambda size: (". " * (size // 2 + 1))[:size],
    "period space capital": lambda size: (". A" * (size // 3 + 1))[:size],
    "newlines": lambda size: "\n" * size,
    "no break": lambda size: "x" * size,
}


def seconds_per_megabyte(text: str, repeats: int = 3) -> float:
    """Best of a few runs: the least disturbed by the machine's other work."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        split_sentences(text)
        best = min(best, time.perf_counter() - started)
    return best / (len(text) / MEGABYTE)


def main() -> None:
    print(f"{'input':24} {'1 MB s/MB':>10} {'5 MB s/MB':>10} {'ratio':>6}")
    for name, make in INPUTS.items():
        small, large = seconds_per_megabyte(make(MEGABYTE)), seconds_per_megabyte(make(5 * MEGABYTE))
        print(f"{name:24} {small:10.3f} {large:10.3f} {large / small if small else float('nan'):6.2f}")


if __name__ == "__main__":
    main()
