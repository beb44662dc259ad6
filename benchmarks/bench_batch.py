"""`timeline batch` on the TBAQ texts repeated to N records: time, peak memory, identity.

- Memory is flat whatever the input: peak RSS at 10x and 100x the TBAQ set (N/10 and
  N records; N = 25,000 by default): of the main process, of the largest worker
  (VmHWM, the kernel's high-water mark, read while each process runs) and of the
  whole process tree at once (sampled every 50 ms).
- The output does not depend on the engine: sha256 of the output of --workers 1,
  --workers 2 and --engine dask (a LocalCluster of 2 processes) on the N/10 input.

Run: .venv/bin/python benchmarks/bench_batch.py [--records 25000] [--identity-records 2500]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SKIP = {"APW20000115.0209.tml"}
MB = 1024 * 1024


def write_input(path: Path, records: int) -> None:
    """The TBAQ texts as JSON Lines, repeated (with distinct ids) to `records` lines."""
    from timeline.timeml import read_timeml

    docs = [read_timeml(p) for p in sorted((SHARED / "corpora" / "tbaq").glob("*/*.tml")) if p.name not in SKIP]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(records):
            doc = docs[number % len(docs)]
            record = {"id": f"{doc.docid}#{number // len(docs)}", "text": doc.text, "published": doc.published}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _hwm(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), in bytes; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure(command: list[str]) -> dict[str, float]:
    """Run a command; its wall time and peak memory (main, largest child, whole tree)."""
    import psutil

    started = time.perf_counter()
    process = psutil.Popen(command)
    peaks: dict[int, int] = {}
    tree_peak = 0
    while process.poll() is None:
        try:
            members = [process, *process.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        total = 0
        for member in members:
            try:
                total += member.memory_info().rss
            except psutil.NoSuchProcess:
                continue
            peaks[member.pid] = max(peaks.get(member.pid, 0), _hwm(member.pid))
        tree_peak = max(tree_peak, total)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    main = peaks.pop(process.pid, 0)
    return {
        "seconds": seconds,
        "main_mb": main / MB,
        "worker_mb": max(peaks.values(), default=0) / MB,
        "tree_mb": tree_peak / MB,
        "code": process.returncode,
    }


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=25_000, help="N: records of the large (100x) run")
    parser.add_argument("--identity-records", type=int, default=None, help="records of the identity runs (default N/10)")
    parser.add_argument("--workers", type=int, default=None, help="workers of the memory runs (default: all cores)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask identity run")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit("../shared is not present: nothing to measure")
    # `python -m` rather than the script: PYTHONPATH can then point at a snapshot of the
    # tree, so that edits made while the benchmark runs do not change its outputs.
    timeline = [sys.executable, "-m", "timeline.cli"]
    workers = ["--workers", str(args.workers)] if args.workers else []
    small, large = max(1, args.records // 10), args.records
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        print(f"peak memory, default engine{' with ' + str(args.workers) + ' workers' if args.workers else ' (all cores)'}:")
        print(f"{'records':>8} {'seconds':>8} {'records/s':>10} {'main MB':>8} {'worker MB':>10} {'tree MB':>8}")
        for records in (small, large):
            source, out = base / f"in-{records}.jsonl", base / f"out-{records}.jsonl"
            write_input(source, records)
            row = measure([*timeline, "batch", str(source), "--out", str(out), "--quiet", *workers])
            assert row["code"] == 0, row
            print(
                f"{records:8d} {row['seconds']:8.1f} {records / row['seconds']:10.1f} {row['main_mb']:8.1f}"
                f" {row['worker_mb']:10.1f} {row['tree_mb']:8.1f}"
            )
            out.unlink()
            if records != small:
                source.unlink()

        records = args.identity_records or small
        source = base / f"in-{records}.jsonl"
        if not source.exists():
            write_input(source, records)
        runs = {"--workers 1": ["--workers", "1"], "--workers 2": ["--workers", "2"]}
        if not args.no_dask:
            runs["--engine dask (LocalCluster, 2)"] = ["--engine", "dask", "--workers", "2"]
        print(f"\noutput identity on {records} records:")
        digests = set()
        for name, options in runs.items():
            out = base / "identity.jsonl"
            row = measure([*timeline, "batch", str(source), "--out", str(out), "--quiet", *options])
            digest = sha256(out)
            digests.add(digest)
            print(f"{name:32} {row['seconds']:7.1f} s  {records / row['seconds']:7.1f} records/s  sha256 {digest[:16]}")
        print("identical" if len(digests) == 1 else "DIFFERENT OUTPUTS")
        if len(digests) != 1:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
