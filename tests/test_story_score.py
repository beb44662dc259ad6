"""The measures of timeline summarisation, on examples worked by hand, and against tilse
(ROUGE-1.5.5 in Perl) where it is installed."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.story_score import (
    ScoreError,
    agreement,
    align,
    concat,
    date_f1,
    plain,
    read_timeline_text,
    rouge1_approximation,
    rouge_155,
    score,
)

D1, D2, D3 = dt.date(2010, 4, 20), dt.date(2010, 4, 21), dt.date(2010, 4, 22)
#: System days 1 and 3, gold days 1 and 2; tokens counted as they are (no stemming, no stopwords).
SYSTEM = {D1: ["a b c"], D3: ["c d"]}
GOLD = {D1: ["a b d"], D2: ["c d e"]}


def test_date_f1():
    assert date_f1(SYSTEM, GOLD).f1 == pytest.approx(0.5)  # one of two days right, one of two found


def test_concat():
    # System a b c c d (5 unigrams), gold a b d c d e (6): hits a, b, c, d = 4.
    r1 = concat(SYSTEM, GOLD, 1, plain())
    assert (r1.precision, r1.recall) == (pytest.approx(4 / 5), pytest.approx(4 / 6))
    assert r1.f1 == pytest.approx(2 * 0.8 * (4 / 6) / (0.8 + 4 / 6))
    # Bigrams: system ab bc cc cd, gold ab bd dc cd de: hits ab, cd.
    r2 = concat(SYSTEM, GOLD, 2, plain())
    assert (r2.precision, r2.recall) == (pytest.approx(2 / 4), pytest.approx(2 / 5))


def test_agreement():
    # Day 1: 2 hits of 3 and 3; day 2: gold only (3 unmatched); day 3: system only (2).
    r1 = agreement(SYSTEM, GOLD, 1, plain())
    assert (r1.precision, r1.recall) == (pytest.approx(2 / 5), pytest.approx(2 / 6))


def test_align_many_to_one():
    # Precision: system day 3 goes to gold day 2 (cost 1/2 × (1 - 0.8) = 0.1) rather than day 1
    # (2/3 × (1 - 0.4) = 0.4); its 2 hits count 1/(1 + 1). (2 + 1) / 5.
    # Recall: gold day 2 goes to system day 3 (0.1) rather than day 1 (1/2 × 2/3); (2 + 1) / 6.
    r1 = align(SYSTEM, GOLD, 1, plain())
    assert (r1.precision, r1.recall) == (pytest.approx(3 / 5), pytest.approx(3 / 6))
    assert r1.f1 == pytest.approx(2 * 0.6 * 0.5 / 1.1)


def test_rouge_approximation_leaves_out_punctuation():
    assert rouge1_approximation(["c d ."], ["c d e"]) == pytest.approx(0.8)


def test_empty_system_scores_zero():
    scores = score({}, GOLD, plain())
    assert all(value == 0.0 for value in scores.values())


def test_read_timeline17_format():
    text = "2010-04-22\nThe rig sinks .\nOil leaks .\n--------------------------------\n2010-04-20\nIt explodes .\n-----\n"
    assert read_timeline_text(text) == {D3: ["The rig sinks .", "Oil leaks ."], D1: ["It explodes ."]}
    with pytest.raises(ScoreError, match="outside a date"):
        read_timeline_text("The rig sinks .\n")


def _rouge_or_skip():
    try:
        return rouge_155()
    except ScoreError as error:
        pytest.skip(str(error))


def test_rouge_155_tokens():
    rouge = _rouge_or_skip()
    # Lowered, hyphens split off, stopwords out, Porter stems, WordNet's irregular forms.
    assert rouge.tokens(["The rig was capped -LRB- finally -RRB- by BP's engineers after it sank ."]) == [
        "rig", "cap", "lrb", "final", "rrb", "bp", "engin", "sink",
    ]


@pytest.mark.skipif(shutil.which("perl") is None, reason="ROUGE-1.5.5 needs perl")
def test_equal_to_tilse(shared):
    """Our counts equal ROUGE-1.5.5's as tilse runs it (its Perl script), on a journalist's
    timeline against a shifted, shortened copy of itself."""
    _rouge_or_skip()
    pytest.importorskip("scipy")
    rouge_module = pytest.importorskip("tilse.evaluation.rouge")
    timelines = pytest.importorskip("tilse.data.timelines")
    path = shared / "corpora" / "timeline17" / "haiti_bbc" / "timelines" / "bbc.txt"
    gold = read_timeline_text(path.read_text(encoding="utf-8"))
    days = sorted(gold)
    system = {day + dt.timedelta(days=i % 3): gold[day][:1] for i, day in enumerate(days[::2])}
    ours = score(system, gold)
    evaluator = rouge_module.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
    predicted, reference = timelines.Timeline(system), timelines.GroundTruth([timelines.Timeline(gold)])
    theirs = {
        "concat": evaluator.evaluate_concat(predicted, reference),
        "agreement": evaluator.evaluate_agreement(predicted, reference),
        "align": evaluator.evaluate_align_date_content_costs_many_to_one(predicted, reference),
    }
    for variant, result in theirs.items():
        for n in (1, 2):
            assert ours[f"{variant}_r{n}"] == pytest.approx(result[f"rouge_{n}"]["f_score"], abs=1e-9), variant


def test_eval_story_cli(tmp_path):
    _rouge_or_skip()
    gold = tmp_path / "gold.txt"
    gold.write_text("2010-04-20\nThe Deepwater Horizon rig explodes , killing 11 workers .\n-----\n")
    system = tmp_path / "system.txt"
    system.write_text("2010-04-20\nThe Deepwater Horizon rig exploded on Tuesday .\n-----\n2010-04-22\nThe rig sank .\n-----\n")
    result = CliRunner().invoke(app, ["eval", "--story", str(gold), "--system", str(system), "--json"])
    assert result.exit_code == 0, result.output
    import json

    mean = json.loads(result.stdout)["mean"]
    assert mean["date_f1"] == pytest.approx(2 / 3)
    assert 0 < mean["align_r1"] < 1
    mismatched = CliRunner().invoke(app, ["eval", "--story", str(gold)])
    assert mismatched.exit_code == 2
