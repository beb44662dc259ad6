"""Other formats a timeline is written in: TimeML 1.2.1 and Knight Lab's TimelineJS3 JSON.

Both are pure functions of a built Timeline (and, for TimeML, the article's text,
which the TIMEX3 and EVENT tags are written into).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Any

import attrs

from timeline.datewords import day_text, long_date, long_words
from timeline.model import Event, Expression, Interval, Timeline, Trigger

__all__ = ["describe", "to_timelinejs", "to_timelinejs_json", "to_timeml"]


# --- TimeML ------------------------------------------------------------------------

#: Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text content, escaped. A carriage return is written as a character reference,
    since XML parsers turn a literal one into a newline and the offsets would drift;
    characters XML 1.0 forbids become U+FFFD (one for one, so offsets hold)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return _NOT_XML.sub("\ufffd", escaped)


def _xml_attribute(value: str) -> str:
    return _xml_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _timex_open(expression: Expression, dct_tid: str) -> str:
    anchor = dct_tid if expression.anchor == "published" else expression.anchor
    attributes = [
        ("tid", expression.id),
        ("type", expression.type),
        ("value", expression.value),
        ("mod", expression.mod),
        # TimeML: a value computed from another time is a temporal function of it.
        ("temporalFunction", "true" if anchor else "false"),
        ("anchorTimeID", anchor),
        ("quant", expression.quant),
        ("freq", expression.freq),
    ]
    written = " ".join(f'{name}="{_xml_attribute(value)}"' for name, value in attributes if value is not None)
    return f"<TIMEX3 {written}>"


def _written_timexes(text: str, expressions: tuple[Expression, ...]) -> list[Expression]:
    """The expressions that can be written inline: nested ones nest; one that crosses
    another's boundary, or lies outside the text, is left out."""
    written: list[Expression] = []
    open_ends: list[int] = []
    for expression in sorted(expressions, key=lambda e: (e.start, -e.end)):
        while open_ends and open_ends[-1] <= expression.start:
            open_ends.pop()
        if open_ends and expression.end > open_ends[-1]:
            continue  # crosses the tag still open
        if not 0 <= expression.start < expression.end <= len(text):
            continue
        written.append(expression)
        open_ends.append(expression.end)
    return written


@attrs.frozen
class _Instance:
    """An event written as TimeML: its EVENT's eid (shared by events with one trigger)
    and its own MAKEINSTANCE."""

    eid: str
    eiid: str
    event: Event
    trigger: Trigger


def _instances(text: str, events: tuple[Event, ...], timexes: list[Expression]) -> list[_Instance]:
    """One instance per event with a trigger that can be tagged: inside the text,
    overlapping no TIMEX3 written and no other trigger (events with the very same
    trigger span share its EVENT)."""
    taken: list[tuple[int, int]] = [(t.start, t.end) for t in timexes]
    eid_of: dict[tuple[int, int], str] = {}
    instances: list[_Instance] = []
    for event in events:
        trigger = event.trigger
        if event.kind != "event" or trigger is None or not 0 <= trigger.start < trigger.end <= len(text):
            continue
        span = (trigger.start, trigger.end)
        if span not in eid_of:
            if any(start < span[1] and span[0] < end for start, end in taken):
                continue  # TimeML tags cannot cross, and an EVENT does not sit inside a TIMEX3
            taken.append(span)
            eid_of[span] = event.id
        instances.append(_Instance(eid_of[span], f"ei{event.id.removeprefix('e')}", event, trigger))
    return instances


def _event_open(eid: str, trigger: Trigger) -> str:
    return f'<EVENT eid="{_xml_attribute(eid)}" class="{_xml_attribute(trigger.event_class)}">'


def _make_instance(instance: _Instance) -> str:
    trigger = instance.trigger
    attributes = [
        ("eiid", instance.eiid),
        ("eventID", instance.eid),
        ("tense", trigger.tense),
        ("aspect", trigger.aspect),
        ("polarity", trigger.polarity),
        ("modality", trigger.modality),
    ]
    return "<MAKEINSTANCE " + " ".join(f'{n}="{_xml_attribute(v)}"' for n, v in attributes if v is not None) + " />"


#: An event's link to its time, by the relation of its date: (relType, whether the
#: time is the link's source). "Since 2019" is TimeML's "2019 BEGINS the event".
_TIME_LINKS = {
    None: ("IS_INCLUDED", False),
    "before": ("BEFORE", False),
    "after": ("AFTER", False),
    "since": ("BEGINS", True),
    "until": ("ENDS", True),
}
#: An event's link to the DCT, by its trigger's tense; other tenses say nothing of it.
_DCT_LINKS = {"PAST": "BEFORE", "FUTURE": "AFTER", "PRESENT": "INCLUDES"}


def _tlinks(instances: list[_Instance], written: set[str], dct_tid: str) -> list[str]:
    """Each instance's link to its time (a clock time too is IS_INCLUDED: TBAQ's
    annotators link 9 of 11 events at a clock time by inclusion), then to the DCT."""
    links: list[tuple[str, str, str, str, str]] = []  # relType, source kind, source, target kind, target
    for instance in instances:
        event = instance.event
        if event.expression in written and event.relation in _TIME_LINKS:
            rel_type, time_first = _TIME_LINKS[event.relation]
            time_end, event_end = ("time", event.expression), ("event", instance.eiid)
            source, target = (time_end, event_end) if time_first else (event_end, time_end)
            links.append((rel_type, *source, *target))
        if event.duration in written:  # "lasted three weeks": the happening runs DURING the length
            links.append(("DURING", "event", instance.eiid, "time", event.duration))
        if instance.trigger.tense in _DCT_LINKS:
            links.append((_DCT_LINKS[instance.trigger.tense], "event", instance.eiid, "time", dct_tid))
    source_names = {"event": "eventInstanceID", "time": "timeID"}
    target_names = {"event": "relatedToEventInstance", "time": "relatedToTime"}
    return [
        f'<TLINK lid="l{number}" relType="{rel_type}" {source_names[source_kind]}="{_xml_attribute(source)}"'
        f' {target_names[target_kind]}="{_xml_attribute(target)}" />'
        for number, (rel_type, source_kind, source, target_kind, target) in enumerate(links, start=1)
    ]


def _inline(text: str, tags: list[tuple[int, int, str, str]]) -> str:
    """The text with each (start, end, open tag, close tag) written around its span;
    the spans nest or are apart."""
    pieces: list[str] = []
    open_tags: list[tuple[int, str]] = []
    position = 0
    for start, end, opening, closing in sorted(tags, key=lambda tag: (tag[0], -tag[1])):
        while open_tags and open_tags[-1][0] <= start:
            open_end, open_closing = open_tags.pop()
            pieces.append(_xml_text(text[position:open_end]) + open_closing)
            position = open_end
        pieces.append(_xml_text(text[position:start]) + opening)
        position = start
        open_tags.append((end, closing))
    while open_tags:
        open_end, open_closing = open_tags.pop()
        pieces.append(_xml_text(text[position:open_end]) + open_closing)
        position = open_end
    pieces.append(_xml_text(text[position:]))
    return "".join(pieces)


def to_timeml(timeline: Timeline, text: str, docid: str = "") -> str:
    """The timeline as a TimeML 1.2.1 document: the DCT as a TIMEX3 with
    functionInDocument CREATION_TIME, the article in <TEXT> with inline TIMEX3s and an
    EVENT around each event's trigger, then a MAKEINSTANCE per event and its TLINKs.

    ``anchorTimeID`` names what a relative value was resolved against: the DCT, or
    the expression whose date the narrative had set. An event links to its time
    (IS_INCLUDED; BEFORE/AFTER for "before"/"after" dates; the time BEGINS a "since"
    event and ENDS an "until" one), to the length it lasted (DURING), and to the DCT by its
    trigger's tense (PAST: BEFORE, FUTURE: AFTER, PRESENT: INCLUDES).
    """
    used = {e.id for e in timeline.expressions}
    dct_tid = "t0" if "t0" not in used else f"t{max(int(i[1:]) for i in used if i[1:].isdigit()) + 1}"
    document = timeline.document
    dct_value = document.published_text()
    dct_type = "TIME" if document.published_has_time else "DATE"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">',
        f"<DOCID>{_xml_text(docid)}</DOCID>",
        f'<DCT><TIMEX3 tid="{dct_tid}" type="{dct_type}" value="{dct_value}" temporalFunction="false"'
        f' functionInDocument="CREATION_TIME">{dct_value}</TIMEX3></DCT>',
    ]
    if document.title:
        lines.append(f"<TITLE>{_xml_text(document.title)}</TITLE>")
    timexes = _written_timexes(text, timeline.expressions)
    instances = _instances(text, timeline.events, timexes)
    tags = [(e.start, e.end, _timex_open(e, dct_tid), "</TIMEX3>") for e in timexes]
    tags += [(i.trigger.start, i.trigger.end, _event_open(i.eid, i.trigger), "</EVENT>") for i in instances if i.eid == i.event.id]
    lines.append(f"<TEXT>{_inline(text, tags)}</TEXT>")
    lines += [_make_instance(instance) for instance in instances]
    lines += _tlinks(instances, {e.id for e in timexes}, dct_tid)
    lines.append("</TimeML>")
    return "\n".join(lines) + "\n"


# --- TimelineJS3 -------------------------------------------------------------------

#: What each grain keeps of a date in TimelineJS's date object.
_FIELDS_OF_GRAIN = {
    "millennium": 1, "century": 1, "decade": 1, "year": 1,
    "half": 2, "quarter": 2, "season": 2, "month": 2,
    "week": 3, "weekend": 3, "day": 3,
    "part_of_day": 4, "hour": 4, "minute": 5, "second": 6,
}  # fmt: skip
#: Grains that span several units of what they keep: they get an end date.
_SPANNING_GRAINS = frozenset({"millennium", "century", "decade", "half", "quarter", "season", "week", "weekend", "part_of_day"})


def describe(value: str) -> str | None:
    """A TimeML DATE/TIME value in words ("Summer 2023", "Q1 2024", "The 1990s"),
    or None for values that name no calendar span."""
    from timeline.timevalue import interval_of

    interval, grain = interval_of(value)
    if interval is None or grain is None:
        return None
    return long_words(value, grain, interval.start)


def _display_date(event: Event) -> str | None:
    """Words for the event's date, where TimelineJS's own formatting would mislead:
    seasons, quarters, weeks, decades, parts of day, early/late/about, since/until."""
    if event.kind == "publication":
        return None
    if describe(event.value) is None:
        return None
    words = long_date(event.value, event.mod, event.relation, event.grain, event.interval.start)
    return words[0] if words is not None and words[1] else None


def _date_object(moment: dt.datetime, fields: int) -> dict[str, int]:
    names = ("year", "month", "day", "hour", "minute", "second")
    values = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return dict(zip(names[:fields], values[:fields]))


def _last_moment(interval: Interval) -> dt.datetime:
    """The last second inside a half-open interval (TimelineJS end dates are inclusive)."""
    return max(interval.start, interval.end - dt.timedelta(seconds=1))


def _slide(event: Event) -> dict[str, Any]:
    fields = _FIELDS_OF_GRAIN.get(event.grain or "", 3)
    slide: dict[str, Any] = {"start_date": _date_object(event.interval.start, fields)}
    if event.relation == "since" or event.grain in _SPANNING_GRAINS:
        end_fields = 3 if event.relation == "since" else fields
        end = _date_object(_last_moment(event.interval), end_fields)
        if end != _date_object(event.interval.start, end_fields):
            slide["end_date"] = end
    # The text fields take HTML: the article's words are escaped so that they show as written.
    slide["text"] = {"headline": html.escape(event.headline, quote=False), "text": html.escape(event.sentence, quote=False)}
    display = _display_date(event)
    if display is not None:
        slide["display_date"] = display
    slide["unique_id"] = event.id
    return slide


def _first_line(text: str, limit: int = 120) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def to_timelinejs(timeline: Timeline, text: str = "") -> dict[str, Any]:
    """The timeline in TimelineJS3's JSON format: a title slide (the document's title,
    else the article's first line) and one slide per event, in order."""
    document = timeline.document
    headline = document.title or _first_line(text) or "Timeline"
    published = day_text(document.published.date())
    return {
        "title": {
            "text": {
                "headline": html.escape(headline, quote=False),
                "text": f"Published {published}; {sum(e.kind == 'event' for e in timeline.events)} dated events.",
            }
        },
        "events": [_slide(event) for event in timeline.events],
    }


def to_timelinejs_json(timeline: Timeline, text: str = "") -> str:
    return json.dumps(to_timelinejs(timeline, text), indent=2, ensure_ascii=False) + "\n"
