"""`timeline story` on Timeline17's development topics: the field's scores, time and memory.

- Scores, in the standard set-up (Martschat and Markert 2018; Ghalandari and Ifrim 2020):
  a topic's articles pooled (all bpoil_* folders are one topic); for each gold timeline,
  as many dates as it has and round(its mean sentences per date) per date, from the
  articles published within its date range; date F1 and ROUGE-1/2 F1 (concat, agreement,
  date-content alignment many-to-one), ROUGE counted as ROUGE-1.5.5 does (tilse's
  options); means over the timelines beside the published figures on all of Timeline17.
- Speed and memory, as new processes of the command: one topic (bpoil_bbc, ~300
  articles) on one core; 10,000 articles (Timeline17's ~2,500 repeated with distinct ids,
  as JSON Lines) on two cores, and 2,500 of them, to show that memory stays flat.

Needs ../shared/corpora/timeline17, and for the scores ROUGE-1.5.5's data (see
timeline/story_score.py: pip install nltk && pip install --no-deps tilse).

Run: .venv/bin/python benchmarks/bench_story.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "timeline17"
sys.path.insert(0, str(HERE))

from bench_batch import measure  # noqa: E402  (the same measurement as the batch benchmark)

#: (date F1, alignment ROUGE-1 F1, ROUGE-2 F1) on all 19 of Timeline17's timelines.
PUBLISHED = {
    "DATEWISE (Ghalandari and Ifrim 2020)": (0.544, 0.120, 0.035),
    "CLUST (Ghalandari and Ifrim 2020)": (0.407, 0.082, 0.020),
    "naive story from build (these 10)": (0.700, 0.125, 0.031),
    "goal (these 10)": (0.78, 0.16, 0.05),
}


def topics() -> dict[str, list[Path]]:
    folders: dict[str, list[Path]] = {}
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        folders.setdefault(folder.name.split("_")[0], []).append(folder)
    return folders


def scores() -> None:
    from timeline.story import build_story, to_text
    from timeline.story_score import MEASURES, ScoreError, mean_scores, read_timeline_file, read_timeline_text, rouge_155, score

    try:
        rouge_155()
    except ScoreError as error:
        print(f"scores skipped: {error}")
        return
    rows = []
    print(f"{'gold timeline':<52} {'T':>4} {'K':>2} {'date F1':>8} {'AR-1':>7} {'AR-2':>7} {'concat-1':>9} {'agree-1':>8}")
    for topic, folders in topics().items():
        inputs = [str(f / "InputDocs") for f in folders]
        for folder in folders:
            for gold_path in sorted((folder / "timelines").glob("*.txt")):
                gold = read_timeline_file(str(gold_path))
                dates = len(gold)
                per_date = max(1, round(sum(len(s) for s in gold.values()) / dates))
                story = build_story(
                    inputs, dates=dates, per_date=per_date, since=min(gold).isoformat(), until=max(gold).isoformat()
                )
                row = score(read_timeline_text(to_text(story)), gold)
                rows.append(row)
                name = f"{folder.name}/{gold_path.name}"
                print(
                    f"{name:<52} {dates:>4} {per_date:>2} {row['date_f1']:>8.3f} {row['align_r1']:>7.3f} "
                    f"{row['align_r2']:>7.3f} {row['concat_r1']:>9.3f} {row['agreement_r1']:>8.3f}",
                    flush=True,
                )
    mean = mean_scores(rows)
    print(f"{'mean of ' + str(len(rows)) + ' timelines':<60} {mean['date_f1']:>8.3f} {mean['align_r1']:>7.3f} {mean['align_r2']:>7.3f} "
          f"{mean['concat_r1']:>9.3f} {mean['agreement_r1']:>8.3f}")
    print("all measures (mean): " + ", ".join(f"{m} {mean[m]:.3f}" for m in MEASURES))
    for name, (d, r1, r2) in PUBLISHED.items():
        print(f"{name:<60} {d:>8.3f} {r1:>7.3f} {r2:>7.3f}")


def write_jsonl(path: Path, articles: int) -> None:
    files = sorted(CORPUS.glob("*/InputDocs/*/*.txt"))
    with path.open("w", encoding="utf-8") as handle:
        for number in range(articles):
            file = files[number % len(files)]
            record = {
                "id": f"{file.relative_to(CORPUS)}#{number // len(files)}",
                "text": file.read_text(encoding="utf-8", errors="replace"),
                "published": file.parent.name,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def speed(articles: int) -> None:
    command = [str(Path(sys.executable).with_name("timeline")), "story", "-q"]
    if not Path(command[0]).exists():
        command = [sys.executable, "-m", "timeline.cli", "story", "-q"]
    env_note = f"{os.cpu_count()} cores on this machine"
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "story.json")
        topic = CORPUS / "bpoil_bbc" / "InputDocs"
        n_topic = len(list(topic.glob("*/*.txt")))
        result = measure([*command, str(topic), "--workers", "1", "--json", out, "--png", str(Path(tmp) / "s.png")])
        print(f"one topic ({n_topic} articles, folder), 1 core, JSON + PNG: {result['seconds']:.2f} s, "
              f"peak {result['main_mb']:.0f} MB (exit {result['code']})")
        result = measure([*command, str(topic), "--workers", "1", "--json", out])
        print(f"one topic ({n_topic} articles, folder), 1 core, JSON only: {result['seconds']:.2f} s, "
              f"peak {result['main_mb']:.0f} MB (exit {result['code']})")
        for n in (articles // 4, articles):
            source = Path(tmp) / f"articles-{n}.jsonl"
            write_jsonl(source, n)
            result = measure([*command, str(source), "--workers", "2", "--json", out])
            print(
                f"{n} articles (JSON Lines, {source.stat().st_size / 2**20:.0f} MB), 2 workers: {result['seconds']:.1f} s "
                f"({n / result['seconds']:.0f} articles/s); peak main {result['main_mb']:.0f} MB, "
                f"largest worker {result['worker_mb']:.0f} MB, whole tree {result['tree_mb']:.0f} MB (exit {result['code']})",
                flush=True,
            )
    print(f"({env_note}; shared with other work, so times vary)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--no-scores", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is not present")
        return
    if not args.no_scores:
        scores()
    speed(args.articles)


if __name__ == "__main__":
    main()
