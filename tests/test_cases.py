"""Every line of the case corpus in data/cases/ as a test (format: timeline/evaluate.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.evaluate import Case, check_case, read_cases

CASES_DIR = Path(__file__).resolve().parents[1] / "data" / "cases"
CASES: list[Case] = [case for path in sorted(CASES_DIR.glob("*.tsv")) for case in read_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[f"{case.id} {case.raw}" for case in CASES])
def test_case(case: Case) -> None:
    from timeline import build_timeline

    expressions = build_timeline(case.text, published=case.published).expressions
    result = check_case(case, expressions)
    assert result.passed, f"{case.id}: expected {case.expected}: {result.reason}"
