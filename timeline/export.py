"""Export: the timeline as JSON (and its schema), written so that nothing is half-written."""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@cache
def schema() -> dict[str, Any]:
    """The published JSON Schema of the timeline format."""
    text = resources.files("timeline").joinpath("schema/timeline.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def schema_text() -> str:
    return resources.files("timeline").joinpath("schema/timeline.schema.json").read_text(encoding="utf-8")


def write_text(path: str, text: str) -> None:
    """Write text to a file atomically (a temporary file beside it, then a rename),
    or to standard output for '-'. An existing file is untouched if anything fails."""
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_bytes(path, text.encode("utf-8"))


def same_file(first: str, second: str) -> bool:
    """Whether two paths name one file: the same path once resolved (links, `..`), or,
    for files that exist, the same file on disk (a hard link, a case-insensitive
    file system). '-' (standard input or output) is no file."""
    if first == "-" or second == "-":
        return False
    try:
        if os.path.samefile(first, second):
            return True
    except (OSError, ValueError):  # a file that does not exist yet, a name with NUL
        pass
    try:
        return Path(first).resolve() == Path(second).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a name with NUL
        return False


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def is_device_or_pipe(path: str | Path) -> bool:
    """A device or a pipe (/dev/null, /dev/stdout, a FIFO): written to, never replaced
    by a file (a rename over /dev/null, as root, would put a file in its place)."""
    try:
        mode = Path(path).stat().st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_bytes(path: str, data: bytes) -> None:
    target = Path(path)
    if is_device_or_pipe(target):
        with open(target, "wb") as handle:
            handle.write(data)
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:  # name the file asked for, not the temporary one beside it
        if error.errno is None:
            raise
        reason = f"the folder {folder} does not exist" if isinstance(error, FileNotFoundError) else error.strerror
        raise type(error)(error.errno, reason, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes the file private (0600); give it the mode a plain write would.
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
