"""Every input that once crashed or broke an invariant (fuzzer, hypothesis, edge tests).

cases.jsonl holds one JSON object a line: "text", "published", where it was found ("by",
"found"), what broke ("bug"), and "expect" ("ok", the default: every invariant of
invariants.py holds; or "InputError": the publication date is refused with a clear
message). To add a fuzzer crash: `benchmarks/fuzz_build.py --show CRASH_FILE >> cases.jsonl`,
then replace the "bug" placeholder.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from invariants import check_timeline  # noqa: E402

from timeline import InputError  # noqa: E402


def _cases() -> list:
    cases = []
    for number, line in enumerate((HERE / "cases.jsonl").read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            case = json.loads(line)
            cases.append(pytest.param(case, id=f"line{number}"))
    return cases


@pytest.mark.parametrize("case", _cases())
def test_regression(case: dict) -> None:
    if case.get("expect", "ok") == "InputError":
        with pytest.raises(InputError):
            check_timeline(case["text"], case["published"])
        return
    check_timeline(case["text"], case["published"])
