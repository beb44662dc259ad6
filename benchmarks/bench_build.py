"""Articles per second per core: build_timeline (no rendering) beside dateparser's search_dates.

On the TimeBank + AQUAINT texts (tags stripped by timeline.timeml.read_timeml, without
AQUAINT/APW20000115.0209.tml, whose DCT is wrong) and on the shared sample article,
both in one process on one core. dateparser is called as a user must call it for news:
relative dates resolved against the publication (settings RELATIVE_BASE = the
publication datetime) and ambiguous ones taken in the past (PREFER_DATES_FROM = "past"),
so that both tools do the same work. Rates are from CPU time (time.process_time), which
other work on the machine disturbs less than wall time; wall-time rates are shown too.

Run: .venv/bin/python benchmarks/bench_build.py [--repeat 5] [--limit N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SKIP = {"APW20000115.0209.tml"}


def tbaq_articles(limit: int | None = None) -> list[tuple[str, str]]:
    from timeline.timeml import read_timeml

    paths = sorted((SHARED / "corpora" / "tbaq").glob("*/*.tml"))
    docs = [read_timeml(p) for p in paths if p.name not in SKIP]
    return [(d.text, d.published) for d in docs][:limit]


def sample_articles() -> list[tuple[str, str]]:
    import json

    spec = json.loads((SHARED / "samples" / "biden-xi-call.json").read_text(encoding="utf-8"))
    return [((SHARED / "samples" / spec["text_file"]).read_text(encoding="utf-8"), spec["published"])]


def forget_texts() -> None:
    """Empty the caches that hold what earlier texts gave (timeline's bounded LRU caches:
    words, verbs, values), so that building a text again costs what an unseen article
    costs. Unbounded caches hold rule tables and compiled patterns, which any long-running
    process keeps. The caches are looked up once, after a first build has imported what a
    build needs."""
    for cache in _text_caches():
        cache.cache_clear()


@functools.cache
def _text_caches() -> tuple:
    import sys

    found = []
    for name, module in list(sys.modules.items()):
        if name == "timeline" or name.startswith("timeline."):
            for value in vars(module).values():
                parameters = getattr(value, "cache_parameters", None)
                if parameters is not None and parameters()["maxsize"] is not None:
                    found.append(value)
    return tuple(dict.fromkeys(found))  # a module that imports a cached function holds it too


def rates(
    works: list[Callable[[str, str], object]], articles: list[tuple[str, str]], repeat: int
) -> list[tuple[float, float]]:
    """(articles per CPU second, articles per wall second) of each work, best of `repeat`
    passes. The works take turns pass by pass, so that a burst of load on a shared
    machine falls on all of them rather than on one."""
    best = [[float("inf"), float("inf")] for _ in works]
    for _ in range(repeat):
        for index, work in enumerate(works):
            cpu, wall = time.process_time(), time.perf_counter()
            for text, published in articles:
                work(text, published)
            best[index][0] = min(best[index][0], time.process_time() - cpu)
            best[index][1] = min(best[index][1], time.perf_counter() - wall)
    return [(len(articles) / cpu, len(articles) / wall) for cpu, wall in best]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over each corpus; the best counts")
    parser.add_argument("--limit", type=int, default=None, help="only the first N TBAQ articles")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit("../shared is not present: nothing to measure")

    import dateparser.search

    from timeline import build_timeline

    def ours(text: str, published: str) -> object:
        forget_texts()  # the sample is built 20 times a pass: each time as if unseen
        return build_timeline(text, published)

    def theirs(text: str, published: str) -> object:
        settings = {"RELATIVE_BASE": dt.datetime.fromisoformat(published), "PREFER_DATES_FROM": "past"}
        return dateparser.search.search_dates(text, languages=["en"], settings=settings)

    # Warm both up: rule compilation and dateparser's language data load once per process.
    build_timeline("They met on Tuesday.", "2024-04-04")  # and imports what forget_texts looks for
    theirs("They met on Tuesday.", "2024-04-04")

    corpora = {"TBAQ": tbaq_articles(args.limit), "sample": sample_articles() * 20}
    print("dateparser: search_dates(text, languages=['en'], settings={RELATIVE_BASE: publication, PREFER_DATES_FROM: 'past'})")
    print(f"{'corpus':8} {'articles':>8} {'timeline /s/core':>17} {'dateparser /s/core':>19} {'ratio':>6}   (wall: timeline, dateparser)")
    for name, articles in corpora.items():
        (our_cpu, our_wall), (their_cpu, their_wall) = rates([ours, theirs], articles, args.repeat)
        print(
            f"{name:8} {len(articles):8d} {our_cpu:17.1f} {their_cpu:19.1f} {our_cpu / their_cpu:6.2f}"
            f"   ({our_wall:.1f}, {their_wall:.1f})"
        )


if __name__ == "__main__":
    main()
