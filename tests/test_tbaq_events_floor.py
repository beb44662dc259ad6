"""Event accuracy on the development set (../shared/corpora/tbaq): extraction and
anchoring must not drop below the level reached. Raise these floors as the events
improve. Lower one only for a measured trade that the commit states (extraction counts
the triggers of the timeline's events: dropping the undated tellings that took another
day's date, right 3 times in 14, cost it 0.1; the tense checks that drop a deed dated after
publication, a future dated before it and a simple present dated long before, 28 events an
editor reads as false, such as "AEP Industries directors authorized a 3-for-2 split, payable"
on the payment day, cost anchoring recall 0.9 and extraction 0.4: TBAQ's links credit a
clause's date to every gold event inside it, whatever the headline states; after editor review
10, a comparison's clause ("than ... thought a couple of weeks ago"), a schedule's participle
after its noun ("a NATO summit set for Washington in April") and a record's baseline ("the
most emotional rally since early December") no longer date their clause: recall 49.15 -> 48.96;
a maturity after its bonds, "debentures due March 1, 2011", neither: 48.92 -> 48.85).

"anchor_judged_precision" is precision over the events the gold links speak to; the
plain precision counts every event, also those TimeBank left unlinked."""

import pytest

from timeline.evaluate_events import evaluate_events

#: Percentages, as `timeline eval --events` prints them.
FLOORS = {
    "anchor_recall": 48.8,
    "anchor_precision": 81.4,
    "anchor_judged_precision": 96.7,
    "anchor_f1": 61.1,
    "event_relaxed_f1": 16.5,
    "event_class_f1": 13.8,
}


@pytest.fixture(scope="module")
def report(shared):
    corpus = shared / "corpora" / "tbaq"
    if not corpus.is_dir():
        pytest.skip("TBAQ corpus absent")
    return evaluate_events([corpus / "TimeBank", corpus / "AQUAINT"])


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(report, name):
    figure = round(report.scores[name] * 100, 2)
    assert figure >= FLOORS[name], f"{name} fell to {figure}"


def test_no_document_crashes(report):
    assert not report.crashes, report.crashes
