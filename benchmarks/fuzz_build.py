"""Fuzz build_timeline for a bounded time: coverage-guided with atheris (libFuzzer), or
with hypothesis where atheris is not installed.

An input is 7 bytes that choose the publication date (any day of 0001..9999, with or
without a time, as text or as a date/datetime object) followed by the article as UTF-8
(bad bytes read as U+FFFD). Seeds are news sentences and a dictionary of the words the
rules read (months, weekdays, numbers, "last", "next", "ago"...), so mutations reach the
rules. Every input must pass the invariants of tests/regressions/invariants.py: no
exception, offsets that slice the text, TimeML values, non-empty intervals, valid JSON,
the same JSON twice. A slow input (-timeout, default 20 s) counts as a crash too.

    make fuzz                                     # 10 minutes (FUZZ_SECONDS=600)
    .venv/bin/python benchmarks/fuzz_build.py --seconds 60 [--engine hypothesis]
    .venv/bin/python benchmarks/fuzz_build.py --show CRASH_FILE   # as a regression case

Crash files go to --artifacts (default /tmp/timeline-fuzz/); keep each one found as a line
of tests/regressions/cases.jsonl (--show prints it) and fix the bug.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "regressions"))
HEADER = 7

EDGE_DAYS = [(1, 1, 1), (1, 3, 1), (1, 12, 31), (4, 2, 29), (2020, 12, 31), (2024, 2, 29), (2026, 12, 31),
             (9996, 2, 29), (9999, 6, 1), (9999, 12, 27), (9999, 12, 31), (2024, 4, 2)]


def decode_input(data: bytes) -> tuple[str, str | dt.date | dt.datetime]:
    """The article and publication date that a fuzzer's bytes stand for."""
    head = data[:HEADER].ljust(HEADER, b"\0")
    flags = head[0]
    if flags & 0b1100 == 0:
        year, month, day = EDGE_DAYS[head[1] % len(EDGE_DAYS)]
    else:
        year = (int.from_bytes(head[1:3], "big") % 9999) + 1
        month = head[3] % 12 + 1
        day = head[4] % calendar.monthrange(year, month)[1] + 1
    hour, minute = head[5] % 24, head[6] % 60
    if flags & 0b10000:
        hour, minute = 23, 59
    with_time = bool(flags & 1)
    if flags & 2:
        published: str | dt.date | dt.datetime = (
            dt.datetime(year, month, day, hour, minute, 59 if flags & 0b10000 else 0) if with_time else dt.date(year, month, day)
        )
    else:
        published = f"{year:04d}-{month:02d}-{day:02d}" + (f"T{hour:02d}:{minute:02d}" if with_time else "")
    return data[HEADER:].decode("utf-8", errors="replace"), published


def encode_input(text: str, year: int = 2024, month: int = 4, day: int = 2) -> bytes:
    """A seed: a date given exactly, then the text."""
    return bytes([0b0100]) + year.to_bytes(2, "big") + bytes([month - 1, day - 1, 0, 0]) + text.encode("utf-8")


SEEDS = [
    "The ministers met on Tuesday morning. They will meet again next month.",
    "Since last summer, prices have risen 3.5 percent, officials said on Jan. 5, 2024.",
    "Two weeks ago the council voted; a year earlier it had refused. The next day, talks resumed.",
    "By the end of the third quarter of 2023, sales fell for the first time since 1998.",
    "It happened on March 3. The following week, every Monday at 9 a.m., the '90s returned.",
    "WASHINGTON — The talks ended last Monday, 10,000 years from now, in the 21st century.",
    "Christmas Eve 2019, Thanksgiving, fiscal 2024-25, the first half of next year, 12/31/1999.",
    "He is 52 years old. The Boeing 787 flew Route 66 at 2:30 p.m. GMT on 2024-02-29T23:59.",
]
SEED_DATES = [(2024, 4, 2), (1, 1, 1), (9999, 12, 31), (2020, 12, 31)]


def dictionary_words() -> list[str]:
    import tomllib

    words = {"last", "next", "this", "ago", "from now", "later", "earlier", "since", "until", "the next day",
             "the end of", "early", "late", "mid-", "every", "each", "past", "previous", "following", ". ", ", ",
             "\n\n", "'", "’", "-", "/", ":", "a.m.", "p.m.", "10,000", "9999", "0001", "1,000,000", "the year"}
    lexicon = tomllib.loads((ROOT / "timeline" / "rules" / "en" / "lexicon.toml").read_text(encoding="utf-8"))
    for table in lexicon.values():
        words.update(table)
    words.update(w.capitalize() for w in list(words))
    return sorted(words)


def write_dictionary(path: Path) -> None:
    def quoted(word: str) -> str:  # libFuzzer's escapes: \\, \" and \xAB
        return "".join(
            "\\" + chr(b) if chr(b) in '\\"' else chr(b) if 32 <= b < 127 else f"\\x{b:02X}" for b in word.encode("utf-8")
        )

    lines = [f'w{i}="{quoted(word)}"' for i, word in enumerate(dictionary_words())]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def check(data: bytes) -> None:
    from invariants import check_timeline

    text, published = decode_input(data)
    check_timeline(text, published)


def show(path: str) -> None:
    """A crash file as a line for tests/regressions/cases.jsonl."""
    text, published = decode_input(Path(path).read_bytes())
    if isinstance(published, dt.datetime):
        published_text = published.isoformat()
    elif isinstance(published, dt.date):
        published_text = published.isoformat()
    else:
        published_text = published
    line = {"text": text, "published": published_text, "found": dt.date.today().isoformat(), "bug": "TODO: what broke"}
    print(json.dumps(line, ensure_ascii=True))


def run_atheris(seconds: int, artifacts: Path, corpus: Path, extra: list[str]) -> int:
    import atheris

    with atheris.instrument_imports(include=["timeline"]):
        import timeline  # noqa: F401
        import timeline.events  # noqa: F401
        import timeline.order  # noqa: F401
        import timeline.recognize  # noqa: F401
        import timeline.resolve  # noqa: F401
        import timeline.sentences  # noqa: F401
        import timeline.timevalue  # noqa: F401
    import invariants  # noqa: F401

    corpus.mkdir(parents=True, exist_ok=True)
    for number, seed in enumerate(SEEDS):
        for year, month, day in SEED_DATES:
            (corpus / f"seed-{number}-{year}").write_bytes(encode_input(seed, year, month, day))
    dictionary = Path(tempfile.mkstemp(suffix=".dict")[1])
    write_dictionary(dictionary)
    artifacts.mkdir(parents=True, exist_ok=True)
    args = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        "-timeout=20",
        "-max_len=2048",
        "-rss_limit_mb=4096",
        f"-dict={dictionary}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        *extra,
        str(corpus),
    ]
    print(f"atheris: {seconds} s, corpus {corpus}, crashes to {artifacts}/", flush=True)
    atheris.Setup(args, check)
    atheris.Fuzz()  # exits the process: 0 when the time is up with no crash
    return 0


def run_hypothesis(seconds: int) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    words = dictionary_words() + SEEDS
    texts = st.one_of(
        st.text(max_size=400),
        st.lists(st.one_of(st.sampled_from(words), st.text(max_size=4)), max_size=40).map(" ".join),
    )

    @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(header=st.binary(min_size=HEADER, max_size=HEADER), text=texts)
    def one(header: bytes, text: str) -> None:
        check(header + text.encode("utf-8", errors="surrogatepass"))

    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline:
        one()  # raises (and prints the falsifying example) on the first failure
        rounds += 1
    print(f"hypothesis: {rounds * 500} examples in {seconds} s, no failure")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", "600")))
    parser.add_argument("--engine", choices=["atheris", "hypothesis"], default=None)
    parser.add_argument("--artifacts", type=Path, default=Path(tempfile.gettempdir()) / "timeline-fuzz" / "crashes")
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "timeline-fuzz" / "corpus")
    parser.add_argument("--show", metavar="CRASH_FILE", help="print a crash file as a regression case and exit")
    args, extra = parser.parse_known_args()
    if args.show:
        show(args.show)
        return 0
    engine = args.engine
    if engine is None:
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            print("atheris is not installed (pip install atheris): fuzzing with hypothesis", file=sys.stderr)
            engine = "hypothesis"
    if engine == "atheris":
        return run_atheris(args.seconds, args.artifacts, args.corpus, extra)
    return run_hypothesis(args.seconds)


if __name__ == "__main__":
    sys.exit(main())
