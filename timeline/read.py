"""Reading: the article's text (from a file, stdin or bytes) and its publication date."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path
from typing import BinaryIO

import attrs


class InputError(ValueError):
    """Input the user must fix: the message is one line, fit to print as it is."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


#: Documented exit codes (README, "Exit codes").
EXIT_OK = 0
EXIT_FAILED_CHECK = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_CANNOT_WRITE = 4
EXIT_INTERRUPTED = 130


@attrs.frozen
class Published:
    moment: dt.datetime  # naive: the article's local time
    has_time: bool
    #: The UTC offset given with the time ("+02:00", "Z"), kept for the document.
    utc_offset: dt.timedelta | None = None


_DATE_FORMS = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$"
)
#: Day and month in either order, then the year: 01/02/2010, 1.2.2010, 01-02-10.
_DAY_MONTH_FORMS = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d+)\b")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def parse_published(value: str | dt.date | dt.datetime) -> Published:
    """A publication date: 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z]', a date or a datetime.

    Other spellings ("April 2, 2024", "2 Apr 2024", "28/01/2010") are read with
    dateparser, which must find a full date in them; a day and a month written as
    numbers that could be read either way (01/02/2010) are refused, as is a year of
    two digits. A UTC offset given with a time is kept (the moment stays the local
    time). Raises InputError otherwise.
    """
    if isinstance(value, dt.datetime):
        return Published(value.replace(tzinfo=None, microsecond=0), True, _whole_minutes(value.utcoffset(), value))
    if isinstance(value, dt.date):
        return Published(dt.datetime(value.year, value.month, value.day), False)
    if value is not None and not isinstance(value, str):
        raise InputError(
            f"the publication date must be a str ('2024-04-02'), a date or a datetime, not {type(value).__name__} ({value!r})"
        )
    if value is None or not value.strip():
        raise InputError("the publication date is missing (give --published YYYY-MM-DD)")
    m = _DATE_FORMS.match(value)
    if m:
        y, mo, d, hh, mm, ss, zone = m.groups()
        try:
            moment = dt.datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        except ValueError as error:
            raise InputError(f"invalid publication date {value.strip()!r}: {error}") from None
        if int(y) < 1:
            raise InputError(f"invalid publication date {value.strip()!r}: year must be 1 to 9999")
        return Published(moment, hh is not None, _offset(zone, value))
    if re.match(r"\s*[-\u2212]\d", value):  # dateparser drops the sign: -2024-04-02 would be 2024 AD
        raise InputError(f"invalid publication date {value.strip()!r}: year must be 1 to 9999")
    _refuse_ambiguous(value)
    return _parse_with_dateparser(value)


def _offset(zone: str | None, value: str) -> dt.timedelta | None:
    if zone is None:
        return None
    if zone == "Z":
        return dt.timedelta(0)
    hours, minutes = int(zone[1:3]), int(zone[-2:])
    if hours > 23 or minutes > 59:
        raise InputError(f"invalid publication date {value.strip()!r}: UTC offset {zone} out of range")
    return (1 if zone[0] == "+" else -1) * dt.timedelta(hours=hours, minutes=minutes)


def _whole_minutes(offset: dt.timedelta | None, value: object) -> dt.timedelta | None:
    if offset is not None and offset % dt.timedelta(minutes=1):
        raise InputError(f"the publication date's UTC offset must be whole minutes, not {offset} ({value})")
    return offset


def _refuse_ambiguous(value: str) -> None:
    """Numbers that name a day and a month in an order the reader must guess."""
    m = _DAY_MONTH_FORMS.match(value)
    if not m:
        return
    first, second, year = m.groups()
    shown = value.strip()
    if len(year) != 4:
        raise InputError(f"cannot tell the year of the publication date {shown!r}: write it as YYYY-MM-DD")
    a, b = int(first), int(second)
    if a != b and 1 <= a <= 12 and 1 <= b <= 12:
        raise InputError(
            f"the publication date {shown!r} is ambiguous: {a} {_MONTH_NAMES[b - 1]} or {b} {_MONTH_NAMES[a - 1]}? "
            f"write it as YYYY-MM-DD ({year}-{b:02d}-{a:02d} or {year}-{a:02d}-{b:02d})"
        )


def _parse_with_dateparser(value: str) -> Published:
    import dateparser

    # Without RETURN_AS_TIMEZONE_AWARE, a zone in the text gives an aware datetime, none a naive one.
    settings = {"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"}
    try:
        parsed = dateparser.parse(value, languages=["en"], settings=settings)
    except Exception:  # dateparser raises many kinds on odd strings
        parsed = None
    if parsed is None:
        raise InputError(f"cannot read the publication date {value.strip()!r} (use YYYY-MM-DD)")
    has_time = bool(re.search(r"\d:\d\d", value))
    offset = _whole_minutes(parsed.utcoffset(), value) if has_time else None
    return Published(parsed.replace(tzinfo=None, microsecond=0), has_time, offset)


#: Bytes read to tell binary data from text: text holds no NUL byte.
SNIFF_BYTES = 8192


def looks_binary(data: bytes) -> bool:
    """Whether the start of some data is binary (a NUL byte), not text in an 8-bit encoding or UTF-8."""
    return b"\0" in data[:SNIFF_BYTES]


def decode(data: bytes, source: str, encoding: str = "utf-8", errors: str = "strict") -> str:
    """Bytes to text; a clear error that names the first bad byte and where it is."""
    try:  # UTF-16 and UTF-32 text is full of NUL bytes: only other encodings take them for binary
        wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", EXIT_USAGE) from None
    if looks_binary(data) and not wide:
        raise InputError(f"{source}: looks like binary data, not text", EXIT_BAD_INPUT)
    try:
        text = data.decode(encoding, errors=errors)
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise InputError(
            f"{source}: not valid {encoding}: byte 0x{bad} at offset {error.start} "
            f"(try --encoding latin-1 or --errors replace)",
            EXIT_BAD_INPUT,
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", EXIT_USAGE) from None
    return text.removeprefix("\ufeff")


def read_article(path: str, stdin: BinaryIO | None = None, encoding: str = "utf-8", errors: str = "strict") -> str:
    """The text of an article: a file path, or '-' for standard input."""
    if path == "-":
        if stdin is None:
            import sys

            stdin = sys.stdin.buffer
        return decode(stdin.read(), "stdin", encoding, errors)
    if not path:  # Path("") is the current folder
        raise InputError("the file name is empty", EXIT_USAGE)
    file = Path(path)
    if file.is_dir():
        raise InputError(f"{path}: is a directory, not a file", EXIT_BAD_INPUT)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", EXIT_BAD_INPUT) from None
    except PermissionError:
        raise InputError(f"{path}: permission denied", EXIT_BAD_INPUT) from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})", EXIT_BAD_INPUT) from None
    return decode(data, path, encoding, errors)


def headline_of(text: str) -> str | None:
    """The article's first line when it reads as a headline: short, on its own, no full stop."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if first and len(first) <= 120 and not first.endswith((".", "!", "?")) and rest.startswith("\n"):
        return first
    return None


def article_title(text: str, given: str | None) -> str | None:
    """The title given, else the article's first line when it reads as a headline."""
    return given if given is not None else headline_of(text)
