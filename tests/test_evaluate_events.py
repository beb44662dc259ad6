"""Gold EVENTs and TLINKs read from TimeML, and the event scorer (extraction, anchoring,
the nearest-date baseline) on a document whose figures are counted by hand."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.evaluate_events import evaluate_event_documents, format_event_report, gold_pairs, run_event_eval
from timeline.model import Document, Event, Expression, Interval, Timeline, Trigger
from timeline.timeml import GoldEvent, GoldTlink, read_timeml

DCT = '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">1998-01-08</TIMEX3></DCT>'

BODY = (
    'The board <EVENT eid="e1" class="OCCURRENCE">met</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-01-05">Monday</TIMEX3>. '
    'It will <EVENT eid="e2" class="OCCURRENCE">vote</EVENT> on <TIMEX3 tid="t2" type="DATE" value="1998-01-09">Friday</TIMEX3>, '
    'and shares <EVENT eid="e3" class="OCCURRENCE">fell</EVENT> in <TIMEX3 tid="t3" type="DATE" value="1999">1999</TIMEX3>. '
    'Officials <EVENT eid="e4" class="REPORTING">said</EVENT> so on '
    '<TIMEX3 tid="t4" type="DATE" value="1998-01-06">Tuesday</TIMEX3>.<TIMEX3 tid="t9" type="DATE" value="1998"/>'
)
LINKS = (
    '<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>\n'
    '<MAKEINSTANCE eventID="e2" eiid="ei2" tense="FUTURE" aspect="NONE" polarity="NEG" modality="will" pos="VERB"/>\n'
    '<MAKEINSTANCE eventID="e2" eiid="ei20" tense="PRESENT" aspect="NONE" polarity="POS" pos="VERB"/>\n'
    '<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" aspect="PERFECTIVE" polarity="POS" pos="VERB"/>\n'
    '<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>\n'
    '<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>\n'
    '<TLINK lid="l2" relType="SIMULTANEOUS" eventInstanceID="ei1" relatedToTime="t1"/>\n'
    '<TLINK lid="l3" relType="IS_INCLUDED" eventInstanceID="ei20" relatedToTime="t2"/>\n'
    '<TLINK lid="l4" relType="INCLUDES" timeID="t3" relatedToEventInstance="ei3"/>\n'
    '<TLINK lid="l5" relType="BEFORE" eventInstanceID="ei4" relatedToTime="t0"/>\n'
    '<TLINK lid="l6" relType="IS_INCLUDED" eventInstanceID="ei4" relatedToTime="t1"/>\n'
    '<TLINK lid="l7" relType="BEFORE" eventInstanceID="ei1" relatedToEventInstance="ei4"/>\n'
    '<TLINK lid="l8" relType="IS_INCLUDED" eventInstanceID="ei4" relatedToTime="t9"/>\n'
)
XML = f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>D1</DOCID>\n{DCT}\n<TEXT>{BODY}</TEXT>\n{LINKS}</TimeML>\n'


@pytest.fixture(scope="module")
def doc():
    return read_timeml(XML)


def test_reader_gives_the_events_with_their_first_instance(doc) -> None:
    text = doc.text
    assert text.startswith("The board met on Monday. It will vote on Friday,")
    met, vote, fell, said = doc.events
    assert met == GoldEvent("e1", 10, 13, "met", "OCCURRENCE", ("ei1",), "PAST", "NONE", "POS", None)
    assert (vote.eiids, vote.eiid, vote.tense, vote.polarity, vote.modality) == (("ei2", "ei20"), "ei2", "FUTURE", "NEG", "will")
    assert text[fell.start : fell.end] == "fell" and said.event_class == "REPORTING" and said.aspect == "PERFECTIVE"
    assert doc.event_of_instance()["ei20"] is vote
    assert doc.dct_tid == "t0"


def test_reader_gives_the_tlinks_as_written(doc) -> None:
    assert len(doc.tlinks) == 8
    assert doc.tlinks[3] == GoldTlink("l4", "INCLUDES", "time", "t3", "event", "ei3")
    assert doc.tlinks[3].event_and_time() == ("ei3", "t3")
    assert doc.tlinks[0].event_and_time() == ("ei1", "t1")
    assert doc.tlinks[6].event_and_time() is None  # event to event


def test_reader_gives_defaults_to_an_event_without_instance() -> None:
    xml = f'<TimeML>{DCT}<TEXT>They <EVENT eid="e1" class="STATE">know</EVENT>.<EVENT eid="e2"/></TEXT></TimeML>'
    (event,) = read_timeml(xml).events
    assert (event.eiid, event.tense, event.aspect, event.polarity, event.modality) == (None, "NONE", "NONE", "POS", None)


def test_gold_pairs_join_events_to_times_in_the_text_once(doc) -> None:
    # l2 repeats l1; l5 names the DCT; l7 joins two events; l8 an empty timex.
    assert [(e.eid, t.tid) for e, t in gold_pairs(doc)] == [("e1", "t1"), ("e2", "t2"), ("e3", "t3"), ("e4", "t1")]


# --------------------------------------------------------------------------
# The scorer, counted by hand


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def hand_timeline(text: str) -> Timeline:
    """Sentence 1 is found whole; sentence 2's two clauses are found, the second dated
    by the wrong expression; "said" is not found. The baseline proposes Tuesday for
    "said", whose gold time is Monday."""
    published = dt.datetime(1998, 1, 8)
    day = Interval(published, published + dt.timedelta(days=1))

    def expression(id_: str, phrase: str, value: str) -> Expression:
        start, end = _span(text, phrase)
        return Expression(id_, phrase, start, end, "DATE", value, grain="day", interval=day)

    expressions = (
        expression("t1", "Monday", "1998-01-05"),
        expression("t2", "Friday", "1998-01-09"),
        expression("t3", "1999", "1999"),
        expression("t4", "Tuesday", "1998-01-06"),
        Expression("t5", "two years", 0, 0, "DURATION", "P2Y"),
    )
    first = _span(text, "The board met on Monday.")
    second = _span(text, "It will vote on Friday, and shares fell in 1999.")
    vote_clause = _span(text, "It will vote on Friday,")
    fell_clause = _span(text, "and shares fell in 1999.")
    met, shares_fell = _span(text, "met"), _span(text, "shares fell")

    def event(id_: str, sentence: tuple[int, int], expression_id: str, **fields) -> Event:
        return Event(
            id=id_, kind="event", headline=f"headline {id_}", sentence=text[sentence[0] : sentence[1]],
            start=sentence[0], end=sentence[1], expression=expression_id, value="x", grain="day",
            interval=day, **fields,
        )  # fmt: skip

    events = (
        Event("e1", "publication", "Publication", "", 0, 0, None, "1998-01-08", "day", day),
        event("e2", first, "t1", trigger=Trigger("met", *met, "OCCURRENCE", "PAST")),
        event("e3", second, "t2", clause_start=vote_clause[0], clause_end=vote_clause[1]),
        event(
            "e4", second, "t2", clause_start=fell_clause[0], clause_end=fell_clause[1],
            trigger=Trigger("shares fell", *shares_fell, "STATE", "PAST"),
        ),  # fmt: skip
    )
    return Timeline(Document(published), expressions, events)


@pytest.fixture(scope="module")
def report(doc):
    return evaluate_event_documents([doc], lambda text, published: hand_timeline(text))


def test_extraction_counted_by_hand(report) -> None:
    s = report.scores
    # Triggers "met" (exact) and "shares fell" (overlaps "fell") against 4 gold events.
    assert (s["event_strict_precision"], s["event_strict_recall"]) == (0.5, 0.25)
    assert (s["event_relaxed_precision"], s["event_relaxed_recall"]) == (1.0, 0.5)
    assert s["event_class_accuracy"] == 0.5  # STATE for "fell" is wrong
    assert s["event_tense_accuracy"] == 1.0


def test_anchoring_counted_by_hand(report) -> None:
    s = report.scores
    # Recalled: (met, Monday) by e2's trigger, (vote, Friday) by e3's clause. Not recalled:
    # (fell, 1999), whose trigger e4 holds but dates by Friday; (said, Monday), not found.
    assert [p.recalled for p in report.pairs] == [True, True, False, False]
    assert (s["anchor_recall"], s["anchor_precision"]) == (0.5, pytest.approx(2 / 3))
    assert (s["anchor_trigger_recall"], s["anchor_trigger_precision"]) == (0.25, pytest.approx(1 / 3))
    assert [e.correct for e in report.system_events] == [True, True, False]
    assert (s["anchor_recall_same_sentence"], s["anchor_recall_other_sentence"]) == (pytest.approx(2 / 3), 0.0)
    assert s["anchor_recall_date"] == 0.5


def test_baseline_counted_by_hand(report) -> None:
    s = report.scores
    # met→Monday, vote→Friday, fell→1999 right; said→Tuesday wrong (gold: Monday, elsewhere).
    assert [(b.eid, b.expression, b.correct) for b in report.baseline] == [
        ("e1", "t1", True), ("e2", "t2", True), ("e3", "t3", True), ("e4", "t4", False),
    ]  # fmt: skip
    assert (s["baseline_recall"], s["baseline_precision"]) == (0.75, 0.75)


def test_errors_mark_the_event_and_its_time(report) -> None:
    text = format_event_report(report, errors=True)
    assert "It will vote on Friday, and shares [fell] in {1999}." in text
    assert "Officials [said] so on Tuesday. … The board met on {Monday}. It will vote on" in text
    assert "D1 e4 (t2 'Friday'): headline e4" in text


def test_run_event_eval_floors_and_json(tmp_path) -> None:
    path = tmp_path / "d1.tml"
    path.write_text(XML, encoding="utf-8")

    def builder(text, published):
        return hand_timeline(text)

    output, code = run_event_eval([str(path)], floors={"anchor_recall": 50.0}, builder=builder)
    assert code == 0 and "floor anchor_recall >= 50.00: 50.00 ok" in output
    output, code = run_event_eval([str(path)], as_json=True, errors=True, floors={"anchor_recall": 50.01}, builder=builder)
    data = json.loads(output)
    assert code == 1 and data["failed_floors"] == ["anchor_recall"]
    assert data["events"]["anchoring"]["gold_pairs"] == 4 and len(data["events"]["missed_pairs"]) == 2
    with pytest.raises(ValueError, match="unknown floor"):
        run_event_eval([str(path)], floors={"value_f1": 1.0}, builder=builder)


def test_cli_eval_events(tmp_path) -> None:
    path = tmp_path / "d1.tml"
    path.write_text(XML, encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(app, ["eval", "--events", str(path), "--min-anchor-precision", "0"])
    assert done.exit_code == 0, done.output
    assert "anchoring: 4 gold event-time pairs" in done.stdout
    assert runner.invoke(app, ["eval", "--events", str(path), "--min-anchor-recall", "100"]).exit_code == 1
    assert runner.invoke(app, ["eval", "--events", str(path), "--min-value-f1", "1"]).exit_code == 2
    assert runner.invoke(app, ["eval", str(path), "--min-anchor-recall", "1"]).exit_code == 2
    cases = tmp_path / "c.tsv"
    cases.write_text("[Monday]\t2024-04-02\tDATE\t2024-04-01\n", encoding="utf-8")
    refused = runner.invoke(app, ["eval", "--events", str(cases)])
    assert refused.exit_code == 3 and "TimeML (.tml) files only" in refused.output
