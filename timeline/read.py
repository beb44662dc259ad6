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
    moment: dt.datetime
    has_time: bool


_DATE_FORMS = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def parse_published(value: str | dt.date | dt.datetime) -> Published:
    """A publication date: 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM[:SS]', a date or a datetime.

    Other spellings ("April 2, 2024", "2 Apr 2024") are read with dateparser,
    which must find a full date in them. Raises InputError otherwise.
    """
    if isinstance(value, dt.datetime):
        return Published(value.replace(tzinfo=None, microsecond=0), True)
    if isinstance(value, dt.date):
        return Published(dt.datetime(value.year, value.month, value.day), False)
    if not isinstance(value, str) or not value.strip():
        raise InputError("the publication date is missing (give --published YYYY-MM-DD)")
    m = _DATE_FORMS.match(value)
    if m:
        y, mo, d, hh, mm, ss = m.groups()
        try:
            moment = dt.datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        except ValueError as error:
            raise InputError(f"invalid publication date {value.strip()!r}: {error}") from None
        if int(y) < 1:
            raise InputError(f"invalid publication date {value.strip()!r}: year must be 1 to 9999")
        return Published(moment, hh is not None)
    if re.match(r"\s*[-\u2212]\d", value):  # dateparser drops the sign: -2024-04-02 would be 2024 AD
        raise InputError(f"invalid publication date {value.strip()!r}: year must be 1 to 9999")
    return _parse_with_dateparser(value)


def _parse_with_dateparser(value: str) -> Published:
    import dateparser

    settings = {"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        parsed = dateparser.parse(value, languages=["en"], settings=settings)
    except Exception:  # dateparser raises many kinds on odd strings
        parsed = None
    if parsed is None:
        raise InputError(f"cannot read the publication date {value.strip()!r} (use YYYY-MM-DD)")
    has_time = bool(re.search(r"\d:\d\d", value))
    return Published(parsed.replace(microsecond=0), has_time)


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
    file = Path(path)
    if file.is_dir():
        raise InputError(f"{path}: is a directory, not an article", EXIT_BAD_INPUT)
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
