"""Instructions per article for build_timeline, counted by valgrind (cachegrind).

Timings on a shared machine move by a quarter from one minute to the next; instruction
counts do not. The script runs itself twice under cachegrind over the first N TBAQ texts:
both runs load the texts and build each once (rules compile on first use), and one of
them builds them all once more, each as if unseen (bench_build.forget_texts); the
difference, per article, is the steady-state cost.

Run: .venv/bin/python benchmarks/bench_instructions.py [--articles 100] [--stage build]
Stages: build (the whole of build_timeline), recognize, split (split_sentences).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _work(articles: int, stage: str, measure: bool) -> None:
    from bench_build import forget_texts, tbaq_articles

    from timeline import build_timeline
    from timeline.recognize import recognize
    from timeline.sentences import split_sentences

    texts = tbaq_articles(articles)
    for text, published in texts:
        build_timeline(text, published)
    if not measure:
        return
    for text, published in texts:
        forget_texts()  # each text costs what an unseen article costs
        if stage == "build":
            build_timeline(text, published)
        elif stage == "recognize":
            recognize(text)
        else:
            split_sentences(text)


def _count(articles: int, stage: str, measure: bool) -> int:
    command = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        sys.executable, __file__, "--articles", str(articles), "--stage", stage, "--inner", "1" if measure else "0",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit("cachegrind printed no instruction count")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--stage", choices=["build", "recognize", "split"], default="build")
    parser.add_argument("--inner", choices=["0", "1"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner is not None:
        _work(args.articles, args.stage, args.inner == "1")
        return
    if not (Path(__file__).resolve().parents[2] / "shared").is_dir():
        raise SystemExit("../shared is not present: nothing to measure")
    if shutil.which("valgrind") is None:
        print("skipped: valgrind is not installed (Debian: apt-get install valgrind)")
        return
    extra = _count(args.articles, args.stage, True) - _count(args.articles, args.stage, False)
    print(f"{args.stage}: {extra / args.articles / 1e6:.2f} million instructions per TBAQ article "
          f"(first {args.articles})")


if __name__ == "__main__":
    main()
