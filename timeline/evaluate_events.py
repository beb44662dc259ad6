"""Score the events of a timeline against gold TimeML: extraction (TempEval-3 Task B)
and anchoring (is each happening tied to the time the annotators tied it to?).

Each gold document's text is built with ``timeline.build_timeline(doc.text,
doc.published)`` (or the builder given). Counts are summed over all documents before
any ratio is taken (micro average); a ratio with nothing to count is 0.

Extraction
==========
System spans are the ``trigger`` spans of the timeline's events of kind "event"
(an event without a trigger has no span; events sharing one trigger count once);
gold spans are all gold EVENTs. They are paired one to one as timexes are
(``timeline.evaluate.pair_timexes``: same span first, then first overlap). *strict*
pairs have the same span, *relaxed* pairs are all pairs; P = pairs / system spans,
R = pairs / gold events. Class, tense, aspect and polarity are compared on relaxed
pairs; class F1 is class accuracy × relaxed F1, as TE3 scores attributes.

Anchoring
=========
Gold pairs are the TLINKs between an event instance and a TIMEX3 inside ``<TEXT>``
(not the DCT), of any relType, one per (gold event, timex). A gold pair (e, t) is
*recalled* when some system event E of kind "event"

1. holds e: e's start offset lies in E's trigger span, or in E's clause
   ``[clause_start, clause_end)`` (the sentence ``[start, end)`` where E has no
   clause span), and
2. is dated by t: E's expression, or the length it lasted (its ``duration``, TimeML's
   DURING), looked up by id in ``timeline.expressions``, shares at least one character
   with t.

Recall = recalled pairs / gold pairs. A system event is *correct* when at least one
gold pair meets both conditions with it; precision = correct / system events. TimeBank
links only some events to times: *precision where the gold links* counts only the system
events that hold a gold event with some link to a time of the text (the others can be
neither confirmed nor refuted). The
*trigger-only* variant asks condition 1 of the trigger alone. Recall is also split
by whether t lies in the same sentence as e (``timeline.sentences.split_sentences``)
and by t's type.

Baseline: each gold event takes the DATE/TIME system expression nearest to it in
its sentence (the fewest characters between the two spans; the earlier on a tie).
A proposal (e, x) is correct when a gold pair (e, t) has x overlapping t; recall =
gold pairs recalled so / gold pairs, precision = correct proposals / proposals.
"""

from __future__ import annotations

import bisect
import json
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from timeline.evaluate import (
    CONTEXT_WIDTH,
    EvalInputError,
    _context,
    _f1,
    _percent,
    _plural,
    _ratio,
    collect_files,
    format_floors,
    judge_floors,
    pair_timexes,
)
from timeline.model import Event, Expression, Timeline
from timeline.sentences import Span, split_sentences
from timeline.timeml import GoldEvent, GoldTimex, TimeMLDocument, read_timeml

__all__ = [
    "EVENT_FLOOR_NAMES",
    "BaselineProposal",
    "EventReport",
    "Extraction",
    "PairResult",
    "SystemEventResult",
    "evaluate_event_documents",
    "evaluate_events",
    "event_report_to_dict",
    "format_event_report",
    "gold_pairs",
    "run_event_eval",
    "score_event_document",
]

Builder = Callable[[str, str], Timeline]

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
#: The attributes of a gold EVENT compared with a matched trigger's.
ATTRIBUTES = (("class", "event_class"), ("tense", "tense"), ("aspect", "aspect"), ("polarity", "polarity"))


# --------------------------------------------------------------------------
# Records


@attrs.frozen
class Extraction:
    """Trigger spans against gold EVENTs; attribute counts are over relaxed pairs."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    class_correct: int = 0
    tense_correct: int = 0
    aspect_correct: int = 0
    polarity_correct: int = 0

    def __add__(self, other: Extraction) -> Extraction:
        return Extraction(*(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other), strict=True)))


@attrs.frozen
class PairResult:
    """One gold (event, timex) pair and what found it."""

    docid: str
    event: GoldEvent
    timex: GoldTimex
    same_sentence: bool
    recalled: bool
    recalled_by_trigger: bool
    recalled_by_baseline: bool
    #: The gold event's sentence, the event word in [brackets] and the timex in {braces}
    #: where it lies there; else the timex's own context after " … ".
    context: str


@attrs.frozen
class SystemEventResult:
    docid: str
    event_id: str
    expression: str | None
    expression_text: str | None
    headline: str
    sentence: str
    correct: bool
    correct_by_trigger: bool
    #: Whether the gold speaks to the event at all: it holds a gold event that has a link
    #: to some time of the text. TimeBank links only some events to times, so an event
    #: that holds none can be neither confirmed nor refuted.
    judged: bool = True


@attrs.frozen
class BaselineProposal:
    docid: str
    eid: str
    expression: str
    correct: bool


@attrs.frozen
class EventReport:
    documents: int
    extraction: Extraction
    pairs: tuple[PairResult, ...]
    system_events: tuple[SystemEventResult, ...]
    baseline: tuple[BaselineProposal, ...]
    #: (docid, one-line reason) for each document the builder raised on.
    crashes: tuple[tuple[str, str], ...] = ()

    @property
    def scores(self) -> dict[str, float]:
        """Every figure, as a fraction in [0, 1]."""
        return event_scores(self)


def _prf(prefix: str, correct_system: int, system: int, recalled: int, gold: int) -> dict[str, float]:
    precision, recall = _ratio(correct_system, system), _ratio(recalled, gold)
    return {f"{prefix}_precision": precision, f"{prefix}_recall": recall, f"{prefix}_f1": _f1(precision, recall)}


def event_scores(report: EventReport) -> dict[str, float]:
    x = report.extraction
    figures = {
        **_prf("event_strict", x.strict, x.system, x.strict, x.gold),
        **_prf("event_relaxed", x.relaxed, x.system, x.relaxed, x.gold),
    }
    for name, _ in ATTRIBUTES:
        figures[f"event_{name}_accuracy"] = _ratio(getattr(x, f"{name}_correct"), x.relaxed)
    figures["event_class_f1"] = figures["event_class_accuracy"] * figures["event_relaxed_f1"]

    pairs, events = report.pairs, report.system_events
    figures.update(
        _prf("anchor", sum(e.correct for e in events), len(events), sum(p.recalled for p in pairs), len(pairs))
    )
    judged = [e for e in events if e.judged]
    figures["anchor_judged_precision"] = _ratio(sum(e.correct for e in judged), len(judged))
    figures.update(
        _prf(
            "anchor_trigger",
            sum(e.correct_by_trigger for e in events),
            len(events),
            sum(p.recalled_by_trigger for p in pairs),
            len(pairs),
        )
    )
    proposals = report.baseline
    figures.update(
        _prf(
            "baseline",
            sum(b.correct for b in proposals),
            len(proposals),
            sum(p.recalled_by_baseline for p in pairs),
            len(pairs),
        )
    )
    for name, group in _recall_groups(pairs).items():
        figures[f"anchor_recall_{name}"] = _ratio(sum(p.recalled for p in group), len(group))
        figures[f"baseline_recall_{name}"] = _ratio(sum(p.recalled_by_baseline for p in group), len(group))
    return figures


def _recall_groups(pairs: Sequence[PairResult]) -> dict[str, list[PairResult]]:
    groups: dict[str, list[PairResult]] = {
        "same_sentence": [p for p in pairs if p.same_sentence],
        "other_sentence": [p for p in pairs if not p.same_sentence],
    }
    for type_ in TIMEX_TYPES:
        groups[type_.lower()] = [p for p in pairs if p.timex.type == type_]
    return groups


#: Floors ``run_event_eval`` accepts (percentages): every figure of the report.
EVENT_FLOOR_NAMES = (
    *(f"event_{kind}_{figure}" for kind in ("strict", "relaxed") for figure in ("precision", "recall", "f1")),
    *(f"event_{name}_accuracy" for name, _ in ATTRIBUTES),
    "event_class_f1",
    "anchor_judged_precision",
    *(f"{kind}_{figure}" for kind in ("anchor", "anchor_trigger", "baseline") for figure in ("precision", "recall", "f1")),
    *(
        f"{kind}_recall_{group}"
        for kind in ("anchor", "baseline")
        for group in ("same_sentence", "other_sentence", *(t.lower() for t in TIMEX_TYPES))
    ),
)


# --------------------------------------------------------------------------
# Scoring one document


def gold_pairs(doc: TimeMLDocument) -> list[tuple[GoldEvent, GoldTimex]]:
    """The (event, timex) pairs the document's TLINKs join, timexes inside <TEXT> only,
    each pair once, in the order of their first link."""
    event_of = doc.event_of_instance()
    timex_of = {t.tid: t for t in doc.timexes if t.tid != doc.dct_tid}
    pairs: dict[tuple[str, str], tuple[GoldEvent, GoldTimex]] = {}
    for link in doc.tlinks:
        ends = link.event_and_time()
        if ends is None:
            continue
        event, timex = event_of.get(ends[0]), timex_of.get(ends[1])
        if event is not None and timex is not None:
            pairs.setdefault((event.eid, timex.tid), (event, timex))
    return list(pairs.values())


def _holds(event: Event, offset: int, *, trigger_only: bool) -> bool:
    trigger = event.trigger
    if trigger is not None and trigger.start <= offset < trigger.end:
        return True
    if trigger_only:
        return False
    if event.clause_start is not None and event.clause_end is not None:
        return event.clause_start <= offset < event.clause_end
    return event.start <= offset < event.end


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans; 0 when they touch or overlap."""
    return max(0, b[0] - a[1], a[0] - b[1])


def _sentence_index(starts: Sequence[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _marked_context(text: str, sentences: Sequence[Span], event: GoldEvent, timex: GoldTimex, same: bool) -> str:
    index = _sentence_index([s.start for s in sentences], event.start)
    if index < 0:
        return _context(text, event.start, event.end)
    sentence = sentences[index]
    marks = [(event.start, "["), (event.end, "]")]
    if same:
        marks += [(timex.start, "{"), (timex.end, "}")]
    pieces, position = [], sentence.start
    for offset, mark in sorted(marks, key=lambda m: (m[0], m[1] in "[{")):
        offset = min(max(offset, sentence.start), sentence.end)
        pieces += [text[position:offset], mark]
        position = offset
    pieces.append(text[position : sentence.end])
    marked = " ".join("".join(pieces).split())
    if same:
        return marked
    width = CONTEXT_WIDTH
    around = f"{text[max(0, timex.start - width) : timex.start]}{{{timex.text}}}{text[timex.end : timex.end + width]}"
    return f"{marked} … {' '.join(around.split())}"


def score_event_document(
    doc: TimeMLDocument, expressions: Sequence[Expression], timeline_events: Sequence[Event]
) -> tuple[Extraction, list[PairResult], list[SystemEventResult], list[BaselineProposal]]:
    """Extraction counts, and the anchoring results of one document, from a timeline's
    expressions and events."""
    text = doc.text
    events = [e for e in timeline_events if e.kind == "event"]
    expression_of: dict[str, Expression] = {x.id: x for x in expressions}

    extraction = _score_extraction(doc.events, events)

    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    baseline = _baseline(doc, expressions, sentences)
    proposal_of = {b.eid: expression_of[b.expression] for b in baseline}

    def dated_by(event: Event, timex: GoldTimex) -> bool:
        """Whether the event's date, or the length it lasted (TimeML's DURING), is the timex."""
        for ident in (event.expression, event.duration):
            expression = expression_of.get(ident) if ident else None
            if expression is not None and _overlaps(expression.start, expression.end, timex.start, timex.end):
                return True
        return False

    pairs: list[PairResult] = []
    linked = {gold_event.start for gold_event, _ in gold_pairs(doc)}
    judged = {e.id for e in events if any(_holds(e, offset, trigger_only=False) for offset in linked)}
    correct: set[str] = set()
    correct_by_trigger: set[str] = set()
    for gold_event, timex in gold_pairs(doc):
        holding = [e for e in events if _holds(e, gold_event.start, trigger_only=False) and dated_by(e, timex)]
        by_trigger = [e for e in holding if _holds(e, gold_event.start, trigger_only=True)]
        correct.update(e.id for e in holding)
        correct_by_trigger.update(e.id for e in by_trigger)
        proposed = proposal_of.get(gold_event.eid)
        same = _sentence_index(starts, gold_event.start) == _sentence_index(starts, timex.start)
        pairs.append(
            PairResult(
                docid=doc.docid,
                event=gold_event,
                timex=timex,
                same_sentence=same,
                recalled=bool(holding),
                recalled_by_trigger=bool(by_trigger),
                recalled_by_baseline=proposed is not None
                and _overlaps(proposed.start, proposed.end, timex.start, timex.end),
                context=_marked_context(text, sentences, gold_event, timex, same),
            )
        )

    results = [
        SystemEventResult(
            docid=doc.docid,
            event_id=e.id,
            expression=e.expression,
            expression_text=expression_of[e.expression].text if e.expression in expression_of else None,
            headline=e.headline,
            sentence=e.sentence,
            correct=e.id in correct,
            correct_by_trigger=e.id in correct_by_trigger,
            judged=e.id in judged,
        )
        for e in events
    ]
    return extraction, pairs, results, baseline


def _score_extraction(gold: Sequence[GoldEvent], events: Sequence[Event]) -> Extraction:
    triggers = {}
    for event in events:
        if event.trigger is not None:
            triggers.setdefault((event.trigger.start, event.trigger.end), event.trigger)
    system = list(triggers.values())
    pairs = pair_timexes([(g.start, g.end) for g in gold], [(s.start, s.end) for s in system])
    strict = sum((gold[i].start, gold[i].end) == (system[j].start, system[j].end) for i, j in pairs)
    correct = {
        f"{name}_correct": sum(getattr(gold[i], field) == getattr(system[j], field) for i, j in pairs)
        for name, field in ATTRIBUTES
    }
    return Extraction(gold=len(gold), system=len(system), strict=strict, relaxed=len(pairs), **correct)


def _baseline(
    doc: TimeMLDocument, expressions: Sequence[Expression], sentences: Sequence[Span]
) -> list[BaselineProposal]:
    """Each gold event's nearest DATE/TIME system expression in its sentence, judged
    against the gold pairs."""
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Expression]] = {}
    for expression in sorted(expressions, key=lambda x: (x.start, x.end)):
        if expression.type in {"DATE", "TIME"}:
            by_sentence.setdefault(_sentence_index(starts, expression.start), []).append(expression)
    gold = {(e.eid, t.tid): t for e, t in gold_pairs(doc)}
    timexes_of: dict[str, list[GoldTimex]] = {}
    for (eid, _), timex in gold.items():
        timexes_of.setdefault(eid, []).append(timex)
    proposals = []
    for event in doc.events:
        index = _sentence_index(starts, event.start)
        candidates = by_sentence.get(index) if index >= 0 else None
        if not candidates:
            continue
        nearest = min(candidates, key=lambda x: _gap((event.start, event.end), (x.start, x.end)))
        correct = any(_overlaps(nearest.start, nearest.end, t.start, t.end) for t in timexes_of.get(event.eid, ()))
        proposals.append(BaselineProposal(doc.docid, event.eid, nearest.id, correct))
    return proposals


# --------------------------------------------------------------------------
# Many documents


def default_builder(text: str, published: str) -> Timeline:
    from timeline import build_timeline  # imported late: the scorer must load without the builder

    return build_timeline(text, published)


def evaluate_event_documents(documents: Iterable[TimeMLDocument], builder: Builder | None = None) -> EventReport:
    """Score gold documents; a document the builder raises on counts as an empty timeline."""
    builder = builder or default_builder
    extraction = Extraction()
    pairs: list[PairResult] = []
    results: list[SystemEventResult] = []
    baseline: list[BaselineProposal] = []
    crashes: list[tuple[str, str]] = []
    count = 0
    for doc in documents:
        count += 1
        try:
            timeline = builder(doc.text, doc.published)
            expressions, events = timeline.expressions, timeline.events
        except Exception as exc:  # a crash on one document must not stop the run
            where = traceback.extract_tb(exc.__traceback__)[-1]
            crashes.append((doc.docid, f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})"))
            expressions, events = (), ()
        x, p, r, b = score_event_document(doc, expressions, events)
        extraction = extraction + x
        pairs += p
        results += r
        baseline += b
    return EventReport(count, extraction, tuple(pairs), tuple(results), tuple(baseline), tuple(crashes))


def evaluate_events(paths: Iterable[str | Path], builder: Builder | None = None) -> EventReport:
    """Score the TimeML files and folders given (folders without DEFAULT_EXCLUDED).

    Raises TimeMLError for an unreadable file, EvalInputError when there is nothing to score.
    """
    files = collect_files(paths, ".tml")
    others = [str(p) for p in files if p.suffix != ".tml"]
    if others:
        raise EvalInputError(f"{others[0]}: --events scores TimeML (.tml) files only")
    if not files:
        raise EvalInputError("no .tml files found")
    return evaluate_event_documents((read_timeml(p) for p in files), builder)


# --------------------------------------------------------------------------
# Reports


def _row(label: str, s: dict[str, float], prefix: str, width: int = 34) -> str:
    p, r, f = (s[f"{prefix}_{k}"] for k in ("precision", "recall", "f1"))
    return f"{label:{width}}{p:8.2f}{r:8.2f}{f:8.2f}"


def format_event_report(report: EventReport, errors: bool = False) -> str:
    """A human-readable report; with ``errors``, every missed pair and incorrect event."""
    s = {name: _percent(value) for name, value in report.scores.items()}
    x = report.extraction
    pairs = report.pairs
    lines = [
        f"Events: {_plural(report.documents, 'document')}, {x.gold} gold events, {x.system} system triggers",
        "",
        f"{'extraction (TempEval-3 Task B)':34}{'P':>8}{'R':>8}{'F1':>8}",
        _row("strict", s, "event_strict"),
        _row("relaxed", s, "event_relaxed"),
        f"{'on relaxed matches':34}" + "".join(f"{name:>10}" for name, _ in ATTRIBUTES),
        f"{'accuracy':34}" + "".join(f"{s[f'event_{name}_accuracy']:10.2f}" for name, _ in ATTRIBUTES),
        f"class F1 {s['event_class_f1']:.2f}; matches: {x.strict} strict, {x.relaxed} relaxed",
        "",
        f"anchoring: {len(pairs)} gold event-time pairs, {len(report.system_events)} system events, "
        f"{len(report.baseline)} baseline proposals",
        f"{'':34}{'P':>8}{'R':>8}{'F1':>8}",
        _row("timeline (trigger or clause)", s, "anchor"),
        f"{'  precision where the gold links':34}{s['anchor_judged_precision']:8.2f}"
        f"   ({sum(e.judged for e in report.system_events)} events hold a linked gold event)",
        _row("timeline (trigger only)", s, "anchor_trigger"),
        _row("baseline (nearest DATE/TIME)", s, "baseline"),
        "",
        f"{'recall by where the time is':34}{'pairs':>8}{'ours':>8}{'base':>8}",
    ]
    groups = _recall_groups(pairs)
    for name, group in groups.items():
        if name == TIMEX_TYPES[0].lower():
            lines.append(f"{'recall by the time type':34}{'pairs':>8}{'ours':>8}{'base':>8}")
        label = name.replace("_", " ") if "sentence" in name else name.upper()
        lines.append(f"  {label:32}{len(group):8d}{s[f'anchor_recall_{name}']:8.2f}{s[f'baseline_recall_{name}']:8.2f}")
    missed = [p for p in pairs if not p.recalled]
    wrong = [e for e in report.system_events if not e.correct]
    lines.append("")
    lines.append(
        f"errors: {len(missed)} missed pairs, {len(wrong)} incorrect events"
        + (f", {_plural(len(report.crashes), 'crash')}" if report.crashes else "")
    )
    if errors:
        if report.crashes:
            lines += ["", f"== crash ({len(report.crashes)}) =="]
            lines += [f"{docid}  {reason}" for docid, reason in report.crashes]
        if missed:
            lines += ["", f"== missed pair ({len(missed)}) =="]
            for p in missed:
                where = "same sentence" if p.same_sentence else "other sentence"
                lines.append(
                    f"{p.docid} {p.event.eid} {p.event.text!r} -- {p.timex.tid} {p.timex.text!r} {p.timex.type} ({where})"
                )
                lines.append(f"    {p.context}")
        if wrong:
            lines += ["", f"== incorrect event ({len(wrong)}) =="]
            for e in wrong:
                dated = f"{e.expression} {e.expression_text!r}" if e.expression else "no expression"
                lines.append(f"{e.docid} {e.event_id} ({dated}): {e.headline}")
                lines.append(f"    {' '.join(e.sentence.split())}")
    return "\n".join(lines)


def event_report_to_dict(report: EventReport, *, errors: bool = True) -> dict[str, Any]:
    """A JSON-ready dict with stable keys; scores are percentages rounded to 2 decimals."""
    data: dict[str, Any] = {
        "kind": "events",
        "documents": report.documents,
        "extraction": attrs.asdict(report.extraction),
        "anchoring": {
            "gold_pairs": len(report.pairs),
            "recalled": sum(p.recalled for p in report.pairs),
            "recalled_by_trigger": sum(p.recalled_by_trigger for p in report.pairs),
            "system_events": len(report.system_events),
            "correct": sum(e.correct for e in report.system_events),
            "correct_by_trigger": sum(e.correct_by_trigger for e in report.system_events),
            "baseline_proposals": len(report.baseline),
            "baseline_correct": sum(b.correct for b in report.baseline),
            "baseline_recalled": sum(p.recalled_by_baseline for p in report.pairs),
        },
        "scores": {name: _percent(value) for name, value in report.scores.items()},
        "crashes": [{"docid": docid, "reason": reason} for docid, reason in report.crashes],
    }
    if errors:
        data["missed_pairs"] = [
            {
                "docid": p.docid,
                "event": {"eid": p.event.eid, "text": p.event.text, "start": p.event.start, "end": p.event.end},
                "timex": {"tid": p.timex.tid, "text": p.timex.text, "type": p.timex.type, "start": p.timex.start},
                "same_sentence": p.same_sentence,
                "context": p.context,
            }
            for p in report.pairs
            if not p.recalled
        ]
        data["incorrect_events"] = [attrs.asdict(e) for e in report.system_events if not e.correct]
    return data


def run_event_eval(
    paths: list[str],
    *,
    errors: bool = False,
    as_json: bool = False,
    floors: dict[str, float | None] | None = None,
    builder: Builder | None = None,
) -> tuple[str, int]:
    """Score the events against the TimeML paths given and check floors (percentages).

    Returns the text for stdout and the exit code: 0, or 1 when a floor is not met.
    Raises EvalInputError or TimeMLError (ValueError, one line) for unusable input or
    an unknown floor name.
    """
    if not paths:
        raise EvalInputError("nothing to evaluate: give TimeML files or folders")
    floors = {name: value for name, value in (floors or {}).items() if value is not None}
    unknown = sorted(set(floors) - set(EVENT_FLOOR_NAMES))
    if unknown:
        raise EvalInputError(f"unknown floor {', '.join(unknown)}; known: {', '.join(EVENT_FLOOR_NAMES)}")
    report = evaluate_events(paths, builder)
    table = judge_floors(report.scores, floors)
    failed = [name for name, row in table.items() if not row["passed"]]
    code = 1 if failed else 0
    if as_json:
        data = {"events": event_report_to_dict(report, errors=errors), "floors": table, "failed_floors": failed}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n", code
    sections = [format_event_report(report, errors)]
    if floors:
        sections.append(format_floors(table))
    return "\n\n".join(sections) + "\n", code
