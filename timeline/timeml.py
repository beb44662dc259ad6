"""Read TimeML (.tml) documents: the creation time, the plain text, the gold TIMEX3s,
EVENTs and TLINKs.

The text of a document is the content of its ``<TEXT>`` element with every tag
removed and every XML entity unescaped, i.e. the article as a reader sees it.
Gold offsets are Python ``str`` indices into that text, so
``doc.text[t.start:t.end] == t.text`` for every gold timex ``t``.

The document creation time (DCT) is the TIMEX3 whose ``functionInDocument`` is
``CREATION_TIME`` (in TimeBank/AQUAINT it sits in ``<DCT>``, outside ``<TEXT>``,
and is therefore never scored). Its ``value`` may be ISO (``1998-01-08``,
``1998-01-08T12:00``, ``1998-01-08T12:00:00``) or compact (``19980108``,
``19980108T1200``).

TIMEX3 tags inside ``<TEXT>`` that enclose no text (empty anchors some corpora
use for ``beginPoint``/``endPoint``) are skipped: they have no extent to match;
so are empty EVENT tags.

An EVENT takes its tense, aspect, polarity and modality from its first
MAKEINSTANCE (TBAQ gives 3 of its 11,145 events two instances, and 40 none: those
keep TimeML's defaults NONE/NONE/POS); every instance's ``eiid`` is kept, so a TLINK
naming any of them finds its event. TLINKs are kept as written, whatever they link
(events, the DCT, times outside ``<TEXT>``).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs

__all__ = ["GoldEvent", "GoldTimex", "GoldTlink", "TimeMLDocument", "TimeMLError", "parse_dct_value", "read_timeml"]


class TimeMLError(ValueError):
    """A TimeML file that cannot be used: malformed XML, no <TEXT>, no or unreadable DCT."""


@attrs.frozen
class GoldTimex:
    """A TIMEX3 annotated inside <TEXT>, with offsets into the document's plain text."""

    tid: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@attrs.frozen
class GoldEvent:
    """An EVENT annotated inside <TEXT>, with its first MAKEINSTANCE's attributes."""

    eid: str
    start: int
    end: int
    text: str
    event_class: str
    #: The eiid of every MAKEINSTANCE of this event, in file order (usually one).
    eiids: tuple[str, ...] = ()
    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    modality: str | None = None

    @property
    def eiid(self) -> str | None:
        """The first instance's id, None for an event without MAKEINSTANCE."""
        return self.eiids[0] if self.eiids else None


@attrs.frozen
class GoldTlink:
    """A TLINK: ``source relType target``, each end an event instance (eiid) or a time (tid)."""

    lid: str
    rel_type: str
    #: "event" (eventInstanceID / relatedToEventInstance) or "time" (timeID / relatedToTime).
    source_kind: str
    source: str
    target_kind: str
    target: str

    def event_and_time(self) -> tuple[str, str] | None:
        """(eiid, tid) when the link joins an event instance and a time, else None."""
        if self.source_kind == "event" and self.target_kind == "time":
            return self.source, self.target
        if self.source_kind == "time" and self.target_kind == "event":
            return self.target, self.source
        return None


@attrs.frozen
class TimeMLDocument:
    docid: str
    #: The creation time: a date, or a datetime when the DCT value has a time of day.
    dct: dt.date | dt.datetime
    #: The DCT value exactly as written in the file.
    dct_value: str
    text: str
    timexes: tuple[GoldTimex, ...]
    events: tuple[GoldEvent, ...] = ()
    tlinks: tuple[GoldTlink, ...] = ()
    #: The DCT's tid ("t0" in TBAQ).
    dct_tid: str = ""

    def event_of_instance(self) -> dict[str, GoldEvent]:
        """Each event instance id (eiid) to its event."""
        return {eiid: event for event in self.events for eiid in event.eiids}

    @property
    def published(self) -> str:
        """The DCT as the builder takes it: ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``."""
        if isinstance(self.dct, dt.datetime):
            return self.dct.strftime("%Y-%m-%dT%H:%M:%S")
        return self.dct.isoformat()


_DCT_PATTERNS = (
    # (regex, has_time); seconds and minutes are optional in both spellings.
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<H>\d{2})(?::(?P<M>\d{2})(?::(?P<S>\d{2}))?)?)?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T(?P<H>\d{2})(?::?(?P<M>\d{2})(?::?(?P<S>\d{2}))?)?)?"),
)


def parse_dct_value(value: str) -> dt.date | dt.datetime:
    """Parse a DCT value; a date when it has no time of day, else a datetime.

    Raises TimeMLError for anything else (a DCT such as ``1998-W02`` cannot
    anchor relative expressions).
    """
    cleaned = value.strip()
    for pattern in _DCT_PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        parts = match.groupdict()
        try:
            day = dt.date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
            if parts["H"] is None:
                return day
            return dt.datetime(
                day.year, day.month, day.day, int(parts["H"]), int(parts["M"] or 0), int(parts["S"] or 0)
            )
        except ValueError as exc:
            raise TimeMLError(f"DCT value {value!r} is not a valid date: {exc}") from None
    raise TimeMLError(f"DCT value {value!r} is not a date (expected YYYY-MM-DD, YYYYMMDD or with THH:MM[:SS])")


def read_timeml(source: str | Path) -> TimeMLDocument:
    """Read a TimeML document from a path or from its XML text.

    A ``str`` containing ``<`` is taken as the XML itself, anything else as a
    path. The docid is the ``<DOCID>`` element, else the file's name without
    ``.tml``, else ``""``.
    """
    origin: str
    if isinstance(source, Path) or "<" not in source:
        path = Path(source)
        origin = str(path)
        try:
            xml_text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise TimeMLError(f"{origin}: cannot read: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise TimeMLError(f"{origin}: not UTF-8: {exc.reason} at byte {exc.start}") from None
        fallback_docid = path.name.removesuffix(".tml")
    else:
        xml_text = source
        origin = "<string>"
        fallback_docid = ""
    try:
        return _parse(xml_text, fallback_docid)
    except TimeMLError as exc:
        raise TimeMLError(f"{origin}: {exc}") from None


def _parse(xml_text: str, fallback_docid: str) -> TimeMLDocument:
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError as exc:
        raise TimeMLError(f"malformed XML: {exc}") from None

    text_element = _first(root, "TEXT")
    if text_element is None:
        raise TimeMLError("no <TEXT> element")

    dct_timex = _creation_time(root)
    if dct_timex is None:
        raise TimeMLError('no DCT (a TIMEX3 with functionInDocument="CREATION_TIME")')
    dct_value = dct_timex.get("value")
    if not dct_value:
        raise TimeMLError("the DCT TIMEX3 has no value")
    dct = parse_dct_value(dct_value)

    docid_element = _first(root, "DOCID")
    docid = (docid_element.text or "").strip() if docid_element is not None else ""

    text, timexes, event_spans = _flatten(text_element)
    return TimeMLDocument(
        docid=docid or fallback_docid,
        dct=dct,
        dct_value=dct_value,
        text=text,
        timexes=tuple(timexes),
        events=_events(root, text, event_spans),
        tlinks=_tlinks(root),
        dct_tid=dct_timex.get("tid", ""),
    )


def _local_name(tag: str) -> str:
    # Some corpora declare a default namespace on <TimeML>; compare local names only.
    return tag.rsplit("}", 1)[-1]


def _first(root: ET.Element, name: str) -> ET.Element | None:
    return next((el for el in root.iter() if _local_name(el.tag) == name), None)


def _creation_time(root: ET.Element) -> ET.Element | None:
    candidates = [
        el
        for el in root.iter()
        if _local_name(el.tag) == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME"
    ]
    # Prefer the one inside <DCT> when a file (unusually) marks several.
    for dct_element in (el for el in root.iter() if _local_name(el.tag) == "DCT"):
        for el in dct_element.iter():
            if el in candidates:
                return el
    return candidates[0] if candidates else None


def _flatten(text_element: ET.Element) -> tuple[str, list[GoldTimex], list[tuple[ET.Element, int, int]]]:
    """The element's text with tags removed, the TIMEX3s in it with their offsets, and
    its EVENT elements with theirs."""
    pieces: list[str] = []
    spans: list[tuple[ET.Element, int, int]] = []
    event_spans: list[tuple[ET.Element, int, int]] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            pieces.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if element is not text_element and length > start:
            name = _local_name(element.tag)
            if name == "TIMEX3":
                spans.append((element, start, length))
            elif name == "EVENT":
                event_spans.append((element, start, length))

    walk(text_element)
    text = "".join(pieces)
    timexes = [
        GoldTimex(
            tid=element.get("tid", ""),
            start=start,
            end=end,
            text=text[start:end],
            type=element.get("type", ""),
            value=element.get("value", ""),
            mod=element.get("mod") or None,
        )
        # Nested TIMEX3s finish before their parents; report them in document order.
        for element, start, end in sorted(spans, key=lambda span: (span[1], -span[2]))
    ]
    return text, timexes, event_spans


def _events(root: ET.Element, text: str, event_spans: list[tuple[ET.Element, int, int]]) -> tuple[GoldEvent, ...]:
    instances: dict[str, list[ET.Element]] = {}
    for element in root.iter():
        if _local_name(element.tag) == "MAKEINSTANCE":
            instances.setdefault(element.get("eventID", ""), []).append(element)
    events = []
    for element, start, end in sorted(event_spans, key=lambda span: (span[1], -span[2])):
        eid = element.get("eid", "")
        made = instances.get(eid, [])
        first = made[0].attrib if made else {}
        events.append(
            GoldEvent(
                eid=eid,
                start=start,
                end=end,
                text=text[start:end],
                event_class=element.get("class", ""),
                eiids=tuple(instance.get("eiid", "") for instance in made),
                tense=first.get("tense") or "NONE",
                aspect=first.get("aspect") or "NONE",
                polarity=first.get("polarity") or "POS",
                modality=first.get("modality") or None,
            )
        )
    return tuple(events)


#: A TLINK's ends: (attribute, kind) for its source, then for its target.
_TLINK_SOURCES = (("eventInstanceID", "event"), ("timeID", "time"))
_TLINK_TARGETS = (("relatedToEventInstance", "event"), ("relatedToTime", "time"))


def _tlinks(root: ET.Element) -> tuple[GoldTlink, ...]:
    links = []
    for element in root.iter():
        if _local_name(element.tag) != "TLINK":
            continue
        source = next(((element.get(name), kind) for name, kind in _TLINK_SOURCES if element.get(name)), None)
        target = next(((element.get(name), kind) for name, kind in _TLINK_TARGETS if element.get(name)), None)
        if source is None or target is None:
            continue  # a link with a missing end says nothing usable
        links.append(
            GoldTlink(
                lid=element.get("lid", ""),
                rel_type=element.get("relType", ""),
                source_kind=source[1],
                source=source[0],
                target_kind=target[1],
                target=target[0],
            )
        )
    return tuple(links)
