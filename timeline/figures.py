"""Regenerate the figures in figures/: ``python -m timeline.figures``.

- figures/sample.png: the sample article (data/sample-harbour-bridge.txt, published
  on the date in data/sample-harbour-bridge.published), built with build_timeline;
- figures/long-span.png: a hand-made 30-year timeline of 41 events
  (data/long-span.timeline.json), which exercises the broken axis and dense lanes;
- three crowded articles written for this project, each built with build_timeline
  from data/NAME.txt and the date in data/NAME.published, drawn as figures/NAME.png
  and as the page figures/NAME.html: wire copy with many dates around publication
  (wire-storm-ilsa), a sports fixture list (fixtures-harbour-league) and a long
  backgrounder (backgrounder-kellan-canal).

Each figure is made on its own: one that fails is reported and the others are
still written (the exit status is then 1).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from timeline.export import write_text
from timeline.render import save_figure

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SAMPLE_TEXT = DATA / "sample-harbour-bridge.txt"
LONG_SPAN = DATA / "long-span.timeline.json"


def article_figure(name: str, out: Path, figure: str | None = None) -> Path:
    """data/NAME.txt, published on the date in data/NAME.published, as figures/FIGURE.png
    (FIGURE is NAME unless given; the crowded articles also as figures/NAME.html)."""
    from timeline import build_timeline
    from timeline.page import to_html
    from timeline.read import headline_of

    source = DATA / f"{name}.txt"
    text = source.read_text(encoding="utf-8")
    published = (DATA / f"{name}.published").read_text(encoding="utf-8").strip()
    timeline = build_timeline(text, published, title=headline_of(text)).to_dict()
    path = out / f"{figure or name}.png"
    save_figure(timeline, str(path), source=source.name)
    if name in CROWDED:
        write_text(str(out / f"{name}.html"), to_html(timeline, source=source.name))
    return path


def sample_figure(out: Path) -> Path:
    return article_figure(SAMPLE_TEXT.stem, out, "sample")


def long_span_figure(out: Path) -> Path:
    timeline = json.loads(LONG_SPAN.read_text(encoding="utf-8"))
    path = out / "long-span.png"
    save_figure(timeline, str(path), source=LONG_SPAN.name)
    return path


#: Articles written for this project to show crowded timelines: wire copy, a fixture list, a backgrounder.
CROWDED = ("wire-storm-ilsa", "fixtures-harbour-league", "backgrounder-kellan-canal")

FIGURES: dict[str, Callable[[Path], Path]] = {
    "sample": sample_figure,
    "long-span": long_span_figure,
    **{name: functools.partial(article_figure, name) for name in CROWDED},
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline.figures", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "figures", help="folder to write to (default: figures/)")
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"figures to make: {', '.join(FIGURES)} (default: all)")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in FIGURES]
    if unknown:
        parser.error(f"unknown figure {unknown[0]!r}; choose from {', '.join(FIGURES)}")
    args.out.mkdir(parents=True, exist_ok=True)
    status = 0
    for name in args.names or FIGURES:
        try:
            print(f"wrote {FIGURES[name](args.out)}")
        except Exception as exc:  # one broken figure must not stop the others
            print(f"{name}: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
