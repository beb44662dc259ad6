"""Event figures on TimeBank + AQUAINT: extraction (TempEval-3 Task B) and anchoring to
the gold event-time TLINKs, beside the baseline that gives each gold event the nearest
DATE/TIME expression in its sentence; and the time the builds took.

The figures are those of `timeline eval --events` (timeline/evaluate_events.py says how
they are matched), for all documents (without AQUAINT/APW20000115.0209.tml, whose DCT
is wrong) and for each half. Build time is CPU time (time.process_time) spent in
build_timeline, summed over the documents of a run; each article is built as if unseen
(bench_build.forget_texts empties the caches of earlier texts before each build).

Run: .venv/bin/python benchmarks/bench_events.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "corpora" / "tbaq"


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    if not TBAQ.is_dir():
        raise SystemExit("../shared/corpora/tbaq is not present: nothing to measure")

    from bench_build import forget_texts

    from timeline import build_timeline
    from timeline.evaluate import collect_files
    from timeline.evaluate_events import evaluate_event_documents
    from timeline.timeml import read_timeml

    halves = {name: [read_timeml(p) for p in collect_files([TBAQ / name], ".tml")] for name in ("TimeBank", "AQUAINT")}
    corpora = {"TBAQ": halves["TimeBank"] + halves["AQUAINT"], **halves}
    # A rule compiles on its first hit, once per process: one untimed pass, so that no
    # corpus pays for it.
    for document in corpora["TBAQ"]:
        build_timeline(document.text, document.published)

    print(
        f"{'corpus':9}{'docs':>5}{'gold ev':>8}{'trig':>6}{'strict F1':>10}{'relax F1':>9}{'class F1':>9}"
        f"{'pairs':>7}{'anchor P':>9}{'R':>6}{'F1':>6}{'trig R':>7}{'base P':>7}{'R':>6}{'F1':>6}"
        f"{'build s':>8}{'ms/doc':>7}"
    )
    for name, documents in corpora.items():
        spent = 0.0

        def timed(text: str, published: str):  # noqa: ANN202 - a Timeline
            nonlocal spent
            forget_texts()
            started = time.process_time()
            built = build_timeline(text, published)
            spent += time.process_time() - started
            return built

        report = evaluate_event_documents(documents, timed)
        s = {key: value * 100 for key, value in report.scores.items()}
        x = report.extraction
        print(
            f"{name:9}{report.documents:5d}{x.gold:8d}{x.system:6d}{s['event_strict_f1']:10.2f}"
            f"{s['event_relaxed_f1']:9.2f}{s['event_class_f1']:9.2f}{len(report.pairs):7d}"
            f"{s['anchor_precision']:9.2f}{s['anchor_recall']:6.2f}{s['anchor_f1']:6.2f}{s['anchor_trigger_recall']:7.2f}"
            f"{s['baseline_precision']:7.2f}{s['baseline_recall']:6.2f}{s['baseline_f1']:6.2f}"
            f"{spent:8.2f}{spent / max(report.documents, 1) * 1000:7.2f}"
        )
        if report.crashes:
            print(f"  {len(report.crashes)} documents crashed, first: {report.crashes[0]}")
    print(
        "\nanchor: system events that hold a gold event (trigger or clause) and are dated by its gold time;"
        "\ntrig R: recall when only the trigger may hold it; base: nearest DATE/TIME expression in the sentence."
    )


if __name__ == "__main__":
    main()
