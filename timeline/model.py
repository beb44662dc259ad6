"""The data a timeline is made of: small frozen records, shared by every stage."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

#: Grains from finest to coarsest; the order is used to break ties when sorting.
GRAINS = (
    "second",
    "minute",
    "hour",
    "part_of_day",
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
    "millennium",
)
GRAIN_RANK = {g: i for i, g in enumerate(GRAINS)}

#: Grains drawn as points rather than bars.
POINT_GRAINS = frozenset({"second", "minute", "hour", "part_of_day", "day"})


@attrs.frozen
class Interval:
    """A half-open span of time [start, end)."""

    start: dt.datetime
    end: dt.datetime

    def to_dict(self) -> dict[str, str]:
        return {"start": _iso(self.start), "end": _iso(self.end)}


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S") if moment.year >= 1000 else moment.isoformat(timespec="seconds")


@attrs.frozen
class Document:
    published: dt.datetime
    #: True where the publication date was given with a time of day.
    published_has_time: bool = False
    title: str | None = None
    #: The UTC offset given with the publication time (published stays local time).
    utc_offset: dt.timedelta | None = None

    def published_text(self) -> str:
        if self.published_has_time:
            return _iso(self.published)
        return _iso(self.published)[:10]

    def to_dict(self) -> dict[str, Any]:
        published = self.published_text()
        if self.published_has_time and self.utc_offset is not None:
            minutes = int(self.utc_offset.total_seconds()) // 60
            published += f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        return {"title": self.title, "published": published}


@attrs.frozen
class Expression:
    """A temporal expression found in the text and resolved to a TIMEX3 value."""

    id: str
    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None = None
    grain: str | None = None
    interval: Interval | None = None
    #: What the value was resolved against: "published", the id of an earlier
    #: expression (the narrative's last date), or None for absolute values.
    anchor: str | None = None
    #: The preposition that scopes the expression where it changes what it
    #: dates: "since" (from then up to publication), "until", "before", "after".
    relation: str | None = None
    #: SET only: TimeML's quant and freq ("EVERY", "2X").
    quant: str | None = None
    freq: str | None = None

    @property
    def edtf(self) -> str | None:
        """The value in EDTF (``2023-22`` for summer 2023), None where EDTF cannot say it."""
        from timeline.edtfvalue import expression_edtf

        return expression_edtf(self.value, self.mod) if self.type in {"DATE", "TIME"} else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
            "edtf": self.edtf,
            "grain": self.grain,
            "interval": self.interval.to_dict() if self.interval else None,
            "anchor": self.anchor,
            "relation": self.relation,
            "quant": self.quant,
            "freq": self.freq,
        }


@attrs.frozen
class Trigger:
    """The word that names a happening (TimeML's EVENT): "launched", "talks", "pleaded".

    `event_class` is TimeML's class (OCCURRENCE, REPORTING, STATE, I_ACTION, I_STATE,
    ASPECTUAL, PERCEPTION); `tense` and `aspect` are TimeML's (PAST, PRESENT, FUTURE, NONE;
    PROGRESSIVE, PERFECTIVE, PERFECTIVE_PROGRESSIVE, NONE); `polarity` is POS or NEG;
    `modality` is the modal or planning word that keeps it from being a fact ("will",
    "may", "plans to"), None for what is told as done or true."""

    text: str
    start: int
    end: int
    event_class: str = "OCCURRENCE"
    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    modality: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "class": self.event_class,
            "tense": self.tense,
            "aspect": self.aspect,
            "polarity": self.polarity,
            "modality": self.modality,
        }


@attrs.frozen
class Event:
    """A happening the article dates: a clause tied to a time, named by its trigger.

    `start`/`end` locate the sentence; `clause_start`/`clause_end` the clause the
    happening stands in (the sentence's own span where it has one clause). An `inferred`
    event has no date of its own: it takes the date the narrative last set. `duration`
    names the expression that says how long the happening lasted ("for three weeks"):
    TimeML's DURING link."""

    id: str
    kind: str  # "event" or "publication"
    headline: str
    sentence: str
    start: int
    end: int
    expression: str | None
    value: str
    grain: str | None
    interval: Interval
    mod: str | None = None
    relation: str | None = None
    trigger: Trigger | None = None
    clause_start: int | None = None
    clause_end: int | None = None
    inferred: bool = False
    duration: str | None = None

    @property
    def approximate(self) -> bool:
        return self.mod in {"APPROX", "START", "MID", "END"} or self.value.endswith("_REF")

    @property
    def edtf(self) -> str | None:
        """The event's time in EDTF; a "since" event is the interval up to publication."""
        from timeline.edtfvalue import event_edtf

        return event_edtf(self.value, self.mod, self.relation, self.interval)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "headline": self.headline,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "expression": self.expression,
            "value": self.value,
            "mod": self.mod,
            "edtf": self.edtf,
            "grain": self.grain,
            "relation": self.relation,
            "interval": self.interval.to_dict(),
            "approximate": self.approximate,
            "trigger": self.trigger.to_dict() if self.trigger else None,
            "clause": None if self.clause_start is None else {"start": self.clause_start, "end": self.clause_end},
            "inferred": self.inferred,
            "duration": self.duration,
        }


SCHEMA_VERSION = "1.3.0"


@attrs.frozen
class Timeline:
    """The result of a build: the document, every expression, and the ordered events."""

    document: Document
    expressions: tuple[Expression, ...]
    events: tuple[Event, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "document": self.document.to_dict(),
            "expressions": [e.to_dict() for e in self.expressions],
            "events": [e.to_dict() for e in self.events],
        }

    def to_json(self, indent: int | None = 2) -> str:
        import json

        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False) + "\n"

    def save(self, path: str, **options: Any) -> None:
        """Draw the timeline to PNG, SVG or PDF (by the file's extension)."""
        from timeline.render import save_figure

        save_figure(self.to_dict(), path, **options)

    def save_png(self, path: str, **options: Any) -> None:
        self.save(path, **options)
