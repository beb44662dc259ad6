"""TimeML out and back in with events: EVENT around each trigger, MAKEINSTANCE, TLINKs to
the event's time and to the DCT, read back by timeline.timeml.read_timeml."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import attrs
import pytest

from timeline import build_timeline
from timeline.formats import to_timeml
from timeline.model import Trigger
from timeline.timeml import read_timeml

# The first word and the last are triggers; "&", "<" and carriage returns on the way.
TEXT = (
    "Talks & <deals> began on Monday.\r\n"
    "Since March 2021 she has led R&D.\r\n"
    "They will vote on Friday, officials said.\r\n"
    "Prices fell before 2020 and then rebounded"
)
PUBLISHED = "2024-04-04"
#: A trigger for each event, by a phrase of its sentence: (word, class, tense, aspect, polarity, modality).
TRIGGERS = {
    "Talks &": ("Talks", "OCCURRENCE", "NONE", "NONE", "POS", None),
    "she has led": ("led", "OCCURRENCE", "PRESENT", "PERFECTIVE", "POS", None),
    "will vote": ("vote", "OCCURRENCE", "FUTURE", "NONE", "NEG", "will"),
    "rebounded": ("rebounded", "OCCURRENCE", "PAST", "NONE", "POS", None),
}


def with_triggers(timeline, text, triggers=TRIGGERS):
    """The built timeline with the lead's triggers filled in by hand."""
    events = []
    for event in timeline.events:
        for phrase, (word, *attributes) in triggers.items():
            if event.kind == "event" and phrase in event.sentence:
                start = text.index(word, event.start)
                event = attrs.evolve(event, trigger=Trigger(word, start, start + len(word), *attributes))
        events.append(event)
    return attrs.evolve(timeline, events=tuple(events))


@pytest.fixture(scope="module")
def timeline():
    return with_triggers(build_timeline(TEXT, PUBLISHED), TEXT)


def test_events_round_trip(timeline):
    document = read_timeml(to_timeml(timeline, TEXT))
    assert document.text == TEXT
    ours = sorted(
        (e.trigger.start, e.trigger.end, e.trigger.text, e.trigger.event_class, e.trigger.tense, e.trigger.aspect,
         e.trigger.polarity, e.trigger.modality)
        for e in timeline.events
        if e.trigger is not None
    )  # fmt: skip
    read = [(e.start, e.end, e.text, e.event_class, e.tense, e.aspect, e.polarity, e.modality) for e in document.events]
    assert read == ours
    assert read[0][:3] == (0, 5, "Talks") and read[-1][1] == len(TEXT)
    # The expressions are as they were.
    assert [(t.start, t.end, t.value) for t in document.timexes] == [(e.start, e.end, e.value) for e in timeline.expressions]


def test_links_to_the_time_and_the_dct(timeline):
    document = read_timeml(to_timeml(timeline, TEXT))
    word_of = {eiid: e.text for e in document.events for eiid in e.eiids}
    text_of = {t.tid: t.text for t in document.timexes} | {document.dct_tid: "DCT"}

    def end(kind, name):
        return word_of[name] if kind == "event" else text_of[name]

    links = {(end(k.source_kind, k.source), k.rel_type, end(k.target_kind, k.target)) for k in document.tlinks}
    assert links == {
        ("Talks", "IS_INCLUDED", "Monday"),  # tense NONE: no link to the DCT
        ("March 2021", "BEGINS", "led"),
        ("led", "INCLUDES", "DCT"),
        ("vote", "IS_INCLUDED", "Friday"),
        ("vote", "AFTER", "DCT"),
        ("rebounded", "BEFORE", "2020"),
        ("rebounded", "BEFORE", "DCT"),
    }
    assert len(document.tlinks) == len(links)
    assert len({k.lid for k in document.tlinks}) == len(links)


def test_an_until_date_ends_the_event():
    text = "The strike lasted until March 2021."
    built = build_timeline(text, PUBLISHED)
    assert [e.relation for e in built.events if e.kind == "event"] == ["until"]
    timeline = with_triggers(built, text, {"strike": ("lasted", "OCCURRENCE", "PAST", "NONE", "POS", None)})
    document = read_timeml(to_timeml(timeline, text))
    (to_time, to_dct) = document.tlinks
    assert (to_time.source_kind, to_time.rel_type, to_time.target_kind) == ("time", "ENDS", "event")
    assert to_dct.rel_type == "BEFORE" and to_dct.target == document.dct_tid


def test_the_xml_holds_what_timeml_asks(timeline):
    root = ET.fromstring(to_timeml(timeline, TEXT))
    instance = next(i for i in root.iter("MAKEINSTANCE") if i.get("modality"))
    assert instance.attrib == {
        "eiid": instance.get("eiid"), "eventID": instance.get("eventID"),
        "tense": "FUTURE", "aspect": "NONE", "polarity": "NEG", "modality": "will",
    }  # fmt: skip
    event = next(e for e in root.find("TEXT").iter("EVENT") if e.get("eid") == instance.get("eventID"))
    assert (event.text, event.get("class")) == ("vote", "OCCURRENCE")
    # MAKEINSTANCE and TLINK come after </TEXT>.
    children = [child.tag for child in root]
    assert children.index("TEXT") < children.index("MAKEINSTANCE") < children.index("TLINK")


def test_a_trigger_over_a_timex_or_another_trigger_is_not_tagged():
    text = "They met on Monday and talked on Tuesday."
    built = build_timeline(text, PUBLISHED)
    events = [e for e in built.events if e.kind == "event"]
    assert len(events) == 2
    monday, tuesday = (text.index(day) for day in ("Monday", "Tuesday"))
    crossing = Trigger("on Monday", monday - 3, monday + 6)  # would cross the TIMEX3
    shared = Trigger("talked", text.index("talked"), text.index("talked") + 6, tense="PAST")
    triggers = {events[0].id: crossing, events[1].id: shared}
    timeline = attrs.evolve(
        built, events=tuple(attrs.evolve(e, trigger=triggers.get(e.id, e.trigger)) for e in built.events)
    )
    # A third event on the same trigger as the second shares its EVENT, with its own instance.
    extra = attrs.evolve(events[1], id="e9", trigger=shared)
    timeline = attrs.evolve(timeline, events=(*timeline.events, extra))
    xml = to_timeml(timeline, text)
    document = read_timeml(xml)
    assert [t.text for t in document.timexes] == ["Monday", "Tuesday"]
    (event,) = document.events
    assert (event.text, len(event.eiids)) == ("talked", 2)
    assert xml.count("<EVENT ") == 1 and xml.count("<MAKEINSTANCE ") == 2
    assert {(k.rel_type, k.target) for k in document.tlinks} == {
        ("IS_INCLUDED", next(t.tid for t in document.timexes if t.start == tuesday)),
        ("BEFORE", document.dct_tid),
    }


def test_no_triggers_no_events():
    text = "They met on Monday."
    built = build_timeline(text, PUBLISHED)
    untriggered = attrs.evolve(built, events=tuple(attrs.evolve(e, trigger=None) for e in built.events))
    xml = to_timeml(untriggered, text)
    assert "<EVENT" not in xml and "<MAKEINSTANCE" not in xml and "<TLINK" not in xml


def test_an_event_links_to_the_length_it_lasted():
    text = "On Friday, rebels held the town for two days. The strike, which began on Monday, lasted three weeks."
    timeline = build_timeline(text, "2010-07-13")
    expressions = {x.id: x for x in timeline.expressions}
    measured = {e.headline: expressions[e.duration].text for e in timeline.events if e.duration is not None}
    # "three weeks" is the length of "lasted", which has no date and so no event: nobody's.
    assert measured == {"Rebels held the town for two days": "two days"}
    document = read_timeml(to_timeml(timeline, text))
    word_of = {eiid: e.text for e in document.events for eiid in e.eiids}
    text_of = {t.tid: t.text for t in document.timexes}
    during = {(word_of[k.source], text_of[k.target]) for k in document.tlinks if k.rel_type == "DURING"}
    assert during == {("held", "two days")}
