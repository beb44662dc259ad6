"""Run every benchmark in this folder (bench_*.py), one process each, and print their figures.

Run: .venv/bin/python benchmarks/run_all.py [--quick]   (make bench)

--quick gives the batch benchmark 2,500 records instead of 25,000 and the others
fewer repeats: minutes rather than a quarter of an hour on two cores.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK = {
    "bench_batch.py": ["--records", "2500", "--identity-records", "500"],
    "bench_build.py": ["--repeat", "1"],
    "bench_coldstart.py": ["--runs", "3"],
    "bench_instructions.py": ["--articles", "30"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n== {script.name} ==", flush=True)
        started = time.perf_counter()
        options = QUICK.get(script.name, []) if args.quick else []
        code = subprocess.run([sys.executable, str(script), *options]).returncode
        print(f"({script.name}: {time.perf_counter() - started:.0f} s{', FAILED' if code else ''})", flush=True)
        if code:
            failed.append(script.name)
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
