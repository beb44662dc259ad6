"""Batch: many articles (JSON Lines in) to many timelines (JSON Lines out), streaming.

Input: one JSON object a line, ``{"id": ..., "title": ..., "text": ..., "published": ...}``
(``title`` and ``id`` optional). Blank lines are not records.
Output: one line per record, in input order:
``{"line": N, "id": ..., "timeline": {...}}`` or ``{"line": N, "id": ..., "error": "..."}``.

Memory stays flat whatever the input size: records are read one line at a time,
grouped in small chunks, and at most a few chunks per worker are in flight; each
finished chunk is written (and flushed) before more are read. Workers run the same
pure function on every engine, so the output does not depend on the engine or on
the number of workers.

While running, the output goes to ``OUT.partial``, renamed to ``OUT`` when done.
An interrupted run leaves ``OUT.partial`` holding whole records only (a line cut
short by a kill is dropped on resume); ``--resume`` continues after the last input
line it holds.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import json
import math
import os
import re
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

#: A chunk: (input line number, the line's bytes, the figure to draw or None) for each record.
Chunk = list[tuple[int, bytes, str | None]]

CHUNK_RECORDS = 16
CHUNK_BYTES = 1 << 20
#: Chunks in flight per worker: enough to keep every worker busy while the
#: oldest chunk is written, few enough that memory does not grow with the input.
IN_FLIGHT_PER_WORKER = 3

_SURROGATE = re.compile("[\ud800-\udfff]")


class BatchError(Exception):
    """A batch that cannot start or go on (unreadable input, unwritable output)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class BatchInterrupted(Exception):
    def __init__(self, written: int, partial: str | None) -> None:
        super().__init__(f"interrupted after {written} records")
        self.written = written
        self.partial = partial


@attrs.frozen
class Summary:
    records: int  # records in the output, including those a resumed run found there
    failed: int
    skipped: int  # records a resumed run found already done
    seconds: float


# --- One record ----------------------------------------------------------------------


class _RecordError(Exception):
    pass


def _field(record: dict[str, Any], name: str) -> str:
    if name not in record or record[name] is None:
        raise _RecordError(f"missing {name}")
    value = record[name]
    if not isinstance(value, str):
        raise _RecordError(f"{name} must be a string, not {type(value).__name__}")
    return value


def _no_surrogates(name: str, value: str) -> None:
    # json.loads accepts "\ud800"; such text cannot be written as UTF-8.
    bad = _SURROGATE.search(value)
    if bad:
        raise _RecordError(f"{name} is not valid Unicode: lone surrogate at character {bad.start()}")


def _parse(raw: bytes) -> tuple[Any, dict[str, Any]]:
    """The record's id (None if it has none) and the record; raises _RecordError."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _RecordError(f"not valid UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}") from None
    try:
        record = json.loads(line, parse_constant=_not_json)
    except json.JSONDecodeError as error:
        # json's messages may end in "at" ("Unterminated string starting at"): one "at" before the column.
        raise _RecordError(f"not valid JSON: {error.msg.removesuffix(' at')} at column {error.colno}") from None
    except RecursionError:
        raise _RecordError("not valid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise _RecordError(f"a record must be a JSON object, not {type(record).__name__}")
    record_id = record.get("id")
    if isinstance(record_id, float) and not math.isfinite(record_id):  # 1e400: the output would not be JSON
        raise _RecordError(f"id must be a finite number, not {record_id}")
    return record_id, record


def _not_json(constant: str) -> Any:
    # Python's json reads NaN and Infinity, which JSON does not have (nor could the output hold them).
    raise _RecordError(f"not valid JSON: {constant} is not a JSON value")


#: Bytes of a figure's name at most, before "-N.png": far below the 255 a file name may have.
_NAME_BYTES = 100


def _safe_name(record_id: Any, line: int) -> str:
    """A file name from a record's id that stays in its folder: letters, digits, `_`, `-`
    and inner dots only (no `/`, no `..`, nothing hidden), at most _NAME_BYTES in UTF-8;
    `line-N` for a record without a usable id."""
    name = str(record_id) if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) else ""
    name = re.sub(r"[^\w.-]+", "_", name).strip("._")
    name = name.encode("utf-8")[:_NAME_BYTES].decode("utf-8", errors="ignore").rstrip("._")
    return name or f"line-{line}"


def _record_id(raw: bytes) -> Any:
    """The id a record's output line gives it (None where the record cannot be read)."""
    try:
        record_id, _ = _parse(raw)
    except _RecordError:
        return None
    return None if isinstance(record_id, str) and _SURROGATE.search(record_id) else record_id


class FigureNames:
    """The figure file of each record of a run, in input order: its id made a safe name,
    and where an earlier record took that name (two records with one id, or ids that
    differ only in characters a file name cannot hold, or in case), NAME-2, NAME-3…
    The same input gives the same names, also when a run is resumed."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def name(self, record_id: Any, line: int) -> tuple[str, str | None]:
        """The file name (without folder) for a record, and the name it would have had
        where an earlier record took that (else None)."""
        base = _safe_name(record_id, line)
        name, number = base, 1
        while name.casefold() in self._taken:  # a case-insensitive file system would merge A and a
            number += 1
            name = f"{base}-{number}"
        self._taken.add(name.casefold())
        return name + ".png", (base + ".png" if number > 1 else None)


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _checked_title(record: dict, text: str) -> str | None:
    """A record's title (a string, or None where it has none), its text and title checked
    for what UTF-8 cannot write (lone surrogates)."""
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise _RecordError(f"title must be a string, not {type(title).__name__}")
    for name, value in (("text", text), ("title", title or "")):
        _no_surrogates(name, value)
    return title


def process_record(line: int, raw: bytes, png: str | None = None) -> tuple[str, bool]:
    """One input line to one output line (without its newline), and whether the record
    failed; its figure drawn to the file ``png`` if given. Never raises for a bad
    record: the error goes in the output, in one line."""
    from timeline import InputError, build_timeline
    from timeline.read import article_title

    record_id = None
    try:
        record_id, record = _parse(raw)
        if isinstance(record_id, str):
            _no_surrogates("id", record_id)
        text = _field(record, "text")
        published = _field(record, "published")
        title = _checked_title(record, text)
        try:
            timeline = build_timeline(text, published, title=article_title(text, title))
        except InputError as error:
            raise _RecordError(str(error)) from None
        as_dict = timeline.to_dict()
        if png is not None:
            from timeline.render import save_figure

            try:
                save_figure(as_dict, png)
            except (OSError, ValueError) as error:
                raise _RecordError(f"cannot draw the PNG: {error}") from None
        return _dumps({"line": line, "id": record_id, "timeline": as_dict}), False
    except _RecordError as error:
        message = str(error)
    except Exception as error:  # a bug must not stop a run of thousands: report it on its record
        message = f"internal error: {type(error).__name__}: {error}"
    if isinstance(record_id, str) and _SURROGATE.search(record_id):
        record_id = None
    one_line = " ".join(message.split())
    return _dumps({"line": line, "id": record_id, "error": one_line}), True


def process_chunk(chunk: Chunk) -> list[tuple[int, str, bool]]:
    """Each record's line number, output line and whether it failed."""
    return [(line, *process_record(line, raw, png)) for line, raw, png in chunk]


# --- Streams -------------------------------------------------------------------------


def read_records(stream: IO[bytes], after_line: int = 0) -> Iterator[tuple[int, bytes, int]]:
    """(line number, line without its end, bytes consumed so far) for each non-blank
    line past ``after_line``, read one line at a time."""
    consumed = 0
    for number, raw in enumerate(stream, start=1):
        consumed += len(raw)
        if number <= after_line:
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        stripped = raw.rstrip(b"\r\n")
        if stripped.strip():
            yield number, stripped, consumed


def chunked(records: Iterable[tuple[int, bytes, str | None, int]], most: int) -> Iterator[tuple[Chunk, int]]:
    """Chunks of at most ``most`` records (and about CHUNK_BYTES), with the input bytes
    consumed at the chunk's end."""
    chunk: Chunk = []
    size = 0
    consumed = 0
    for line, raw, png, consumed in records:
        chunk.append((line, raw, png))
        size += len(raw)
        if len(chunk) >= most or size >= CHUNK_BYTES:
            yield chunk, consumed
            chunk, size = [], 0
    if chunk:
        yield chunk, consumed


def ordered_map(
    submit: Callable[[Chunk], cf.Future[Any]], chunks: Iterable[tuple[Chunk, int]], in_flight: int
) -> Iterator[tuple[Any, int]]:
    """Each chunk's result, in input order, with at most ``in_flight`` chunks submitted
    and not yet yielded (so the input is never read far ahead of the output)."""
    pending: deque[tuple[cf.Future[Any], int]] = deque()
    try:
        for chunk, consumed in chunks:
            pending.append((submit(chunk), consumed))
            if len(pending) >= in_flight:
                future, done = pending.popleft()
                yield future.result(), done
        while pending:
            future, done = pending.popleft()
            yield future.result(), done
    finally:
        for future, _ in pending:
            future.cancel()


# --- Engines -------------------------------------------------------------------------


class _InProcess:
    """One worker: run each chunk here, at once (no pool to start)."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future[Any]:
        future: cf.Future[Any] = cf.Future()
        future.set_result(fn(*args))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def _worker_init() -> None:
    """Stopping is the parent's work. Ctrl-C, and SIGTERM from `timeout` or `kill -- -PGID`,
    go to the whole process group: a worker killed in the middle of sending its result
    leaves the pool unable to shut down (the parent then hangs, or dies of SIGPIPE with
    the resource tracker's warnings). So workers ignore both; the parent finishes the
    chunks in hand and closes the pool. A worker whose parent is gone (kill -9) exits."""
    import multiprocessing
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_closed, args=(parent.sentinel,), daemon=True).start()
    import timeline  # noqa: F401  (import once per worker, not per chunk)


def _exit_when_closed(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(1)


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@attrs.frozen
class Engine:
    submit: Callable[..., cf.Future[Any]]
    in_flight: int
    close: Callable[[], None]


def local_engine(workers: int) -> Engine:
    if workers <= 1:
        pool: Any = _InProcess()
    else:
        import multiprocessing

        # spawn, not fork: the parent has threads (the progress bar), and a forked
        # child of a threaded process can deadlock.
        pool = cf.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_init
        )
    # Waits for the chunks the workers hold (a record or a few, CHUNK_BYTES at most):
    # workers stopped in the middle of a message would leave the pool's threads hanging.
    return Engine(pool.submit, max(2, IN_FLIGHT_PER_WORKER * workers), lambda: pool.shutdown(wait=True, cancel_futures=True))


def dask_engine(workers: int, scheduler: str | None) -> Engine:
    """The same chunks as futures on a Dask distributed cluster: the one at ``scheduler``,
    or a LocalCluster of ``workers`` single-threaded worker processes."""
    import logging

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BatchError("--engine dask needs dask.distributed: pip install 'timeline[dask]'", 2) from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                host="127.0.0.1",  # this machine only
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        raise BatchError(f"cannot reach the Dask scheduler {scheduler}: {error}", 2) from None
    threads = sum(client.nthreads().values()) or 1

    def submit(fn: Callable[..., Any], *args: Any) -> Any:
        # pure=False: two equal chunks are still two tasks (their line numbers differ anyway).
        return client.submit(fn, *args, pure=False)

    # An interruption cancels the results in flight, and a local scheduler then logs an
    # ERROR for each gather it drops: the run's own message says what happened.
    scheduler_log = logging.getLogger("distributed.scheduler")
    scheduler_log.addFilter(_not_a_dropped_gather)

    def close() -> None:
        try:
            client.close()
            if cluster is not None:
                cluster.close()
        finally:
            scheduler_log.removeFilter(_not_a_dropped_gather)

    return Engine(submit, max(2, IN_FLIGHT_PER_WORKER * threads), close)


def _not_a_dropped_gather(record: Any) -> bool:
    return not str(record.msg).startswith("Couldn't gather keys")


# --- Output and resume ---------------------------------------------------------------


def _last_done_line(path: Path, seen: Callable[[Any, int], object]) -> tuple[int, int, int]:
    """(last input line, records, failed) of a partial output, telling ``seen`` the id
    and line of each record. A last line without its newline (a kill in the middle of
    a write) is cut off; any other line that is not a batch record means the file is
    not ours to continue."""
    last_line = records = failed = keep = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
                line = int(record["line"])
            except (ValueError, KeyError, TypeError, RecursionError):
                raise BatchError(f"{path}: line {number} is not a batch output record; cannot resume", 3) from None
            seen(record.get("id"), line)
            last_line, keep = line, keep + len(raw)
            records += 1
            failed += "error" in record
    if keep != path.stat().st_size:
        with path.open("r+b") as handle:
            handle.truncate(keep)
    return last_line, records, failed


@attrs.frozen
class _Output:
    handle: IO[bytes]
    partial: Path | None  # None when writing to stdout, a device or a pipe
    ours: bool = True  # whether to close the handle (not stdout)
    after_line: int = 0
    skipped: int = 0
    failed_before: int = 0


def _open_output(out: str, resume: bool, seen: Callable[[Any, int], object]) -> _Output:
    from timeline.export import is_device_or_pipe

    if out == "-":
        return _Output(sys.stdout.buffer, None, ours=False)
    if is_device_or_pipe(out):  # written as stdout is: no OUT.partial beside /dev/null to rename over it
        try:
            return _Output(open(out, "wb"), None)  # noqa: SIM115
        except OSError as error:
            raise BatchError(f"{out}: cannot write ({error.strerror or error})", 4) from None
    target = Path(out)
    partial = target.with_name(target.name + ".partial")
    try:
        if resume and not partial.exists() and target.is_file():
            os.replace(target, partial)  # a finished output: continue it (the input may have grown)
        after_line = skipped = failed_before = 0
        if resume and partial.exists():
            after_line, skipped, failed_before = _last_done_line(partial, seen)
        handle = partial.open("ab" if resume else "wb")
    except OSError as error:
        raise BatchError(f"{out}: cannot write ({error.strerror or error})", 4) from None
    return _Output(handle, partial, True, after_line, skipped, failed_before)


def _open_input(source: str) -> Any:
    if source == "-":
        return _Unclosed(sys.stdin.buffer)  # not ours to close: the caller's stdin outlives the batch
    try:
        return open(source, "rb")  # noqa: SIM115
    except FileNotFoundError:
        raise BatchError(f"{source}: no such file", 3) from None
    except IsADirectoryError:
        raise BatchError(f"{source}: is a directory, not a JSON Lines file", 3) from None
    except OSError as error:
        raise BatchError(f"{source}: cannot read ({error.strerror or error})", 3) from None


def _on_signals(handler: Any, *names: str) -> Callable[[], None]:
    """Set the handler of the signals named (in the main thread; elsewhere Python cannot);
    returns the undo."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {number: signal.signal(number, handler) for number in (getattr(signal, name) for name in names)}

    def undo() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return undo


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _refuse_a_worker_importing_main() -> None:
    """A worker process imports the script that started the pool (multiprocessing's
    spawn); a script that calls run_batch unguarded would start pools in its workers."""
    import multiprocessing

    # multiprocessing's own mark of a child importing its parent's main module.
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise BatchError(f"run_batch was called by a worker process importing the script that started it: {_GUARD}", 2)


_GUARD = 'in a script, call run_batch under `if __name__ == "__main__":` (each worker process imports the script)'



def _refuse_binary(stream: Any, source: str) -> None:
    """Binary data as a whole (an executable, a compressed or UTF-16 file) is unreadable
    input, as it is for `build`, rather than an error line for each of its "lines"."""
    from timeline.read import SNIFF_BYTES, looks_binary

    if hasattr(stream, "peek"):
        head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    else:  # an in-memory stream
        where = stream.tell()
        head = stream.read(SNIFF_BYTES)
        stream.seek(where)
    if looks_binary(head):
        name = "stdin" if source == "-" else source
        utf16 = " (UTF-16 text? batch reads UTF-8)" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else ""
        raise BatchError(f"{name}: looks like binary data, not JSON Lines{utf16}", 3)


def _refuse_output_over_input(source: str, out: str) -> None:
    from timeline.export import same_file

    if out == "-":
        return
    for path in (out, out + ".partial"):
        if same_file(path, source):
            raise BatchError(f"the output {path} is the input file: it would be overwritten; choose another output", 2)


def _make_folder(folder: str) -> None:
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise BatchError(f"{folder}: is a file, not a folder for the figures", 4)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BatchError(f"{folder}: cannot create the folder ({error.strerror or error})", 4) from None


def _notify(progress: Any, message: str) -> None:
    if progress is not None:
        progress.console.print(message, markup=False, highlight=False)
    else:
        print(message, file=sys.stderr, flush=True)


def _progress(quiet: bool, total: int | None) -> Any:
    if quiet or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("[bold]batch"),
        BarColumn(),
        DownloadColumn() if total else TextColumn(""),
        TextColumn("{task.fields[records]} records, {task.fields[rate]} /s, {task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    progress.start()
    progress.add_task("batch", total=total, records=0, rate="-", failed=0)
    return progress


def run_batch(
    source: str,
    out: str,
    *,
    workers: int | None = None,
    quiet: bool = False,
    resume: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    png_dir: str | None = None,
) -> Summary:
    """Build the timeline of every record of ``source`` (a JSONL path or '-') into ``out``
    (a path or '-'), and with ``png_dir`` draw each as a PNG there. Raises BatchError,
    or BatchInterrupted on Ctrl-C or SIGTERM."""
    from timeline.export import is_device_or_pipe

    started = time.perf_counter()
    _refuse_a_worker_importing_main()
    workers = workers or default_workers()
    if not source or not out or png_dir == "":  # an unset shell variable, most likely
        raise BatchError(f"the {'input' if not source else 'output' if not out else 'figures'} file name is empty", 2)
    if resume and (out == "-" or is_device_or_pipe(out)):
        raise BatchError(f"--resume needs an output file, not {out}", 2)
    _refuse_output_over_input(source, out)
    names = None
    if png_dir is not None:
        _make_folder(png_dir)
        names = FigureNames()
    with _open_input(source) as stream:
        _refuse_binary(stream, source)
        chosen = dask_engine(workers, scheduler) if engine == "dask" else local_engine(workers)
        try:
            output = _open_output(out, resume, names.name if names is not None else lambda record_id, line: None)
            written, failed = output.skipped, output.failed_before
            progress = _progress(quiet, _size(stream))
            renamed: dict[int, str] = {}  # line -> the notice for a figure that could not take its id's name

            def with_figures(records: Iterable[tuple[int, bytes, int]]) -> Iterator[tuple[int, bytes, str | None, int]]:
                for line, raw, consumed in records:
                    png = None
                    if names is not None and png_dir is not None:
                        name, taken = names.name(_record_id(raw), line)
                        png = os.path.join(png_dir, name)
                        if taken:
                            renamed[line] = f"timeline: line {line}: {taken} is an earlier record's figure; this one's is {name}"
                    yield line, raw, png, consumed

            restore_term = _on_signals(_interrupt, "SIGTERM")
            try:
                # A figure takes about a second: one record a chunk keeps an interruption quick.
                chunks = chunked(with_figures(read_records(stream, output.after_line)), 1 if png_dir else CHUNK_RECORDS)
                for lines, consumed in ordered_map(lambda chunk: chosen.submit(process_chunk, chunk), chunks, chosen.in_flight):
                    for line, text, record_failed in lines:
                        # One write per record, flushed: an interruption leaves whole lines behind.
                        output.handle.write(text.encode("utf-8") + b"\n")
                        output.handle.flush()
                        written += 1
                        failed += record_failed
                        if line in renamed:
                            notice = renamed.pop(line)
                            if not record_failed:
                                _notify(progress, notice)
                    if progress is not None:
                        rate = (written - output.skipped) / max(time.perf_counter() - started, 1e-9)
                        task = progress.task_ids[0]
                        progress.update(task, completed=consumed, records=written, rate=f"{rate:.1f}", failed=failed)
                if output.ours:
                    output.handle.close()  # a device reports a failed write at the latest here
            except KeyboardInterrupt:
                raise BatchInterrupted(written, str(output.partial) if output.partial else None) from None
            except cf.BrokenExecutor:
                # Workers that stop before any record is done are most likely those of an unguarded script.
                why = _GUARD if written == output.skipped else "killed, or out of memory?"
                where = f"; {output.partial} holds the {written} records done: --resume continues" if written else ""
                raise BatchError(f"a worker process stopped before its records were done ({why}){where}", 1) from None
            except OSError as error:
                raise BatchError(f"{out}: cannot write ({error.strerror or error})", 4) from None
            finally:
                restore_term()
                if progress is not None:
                    progress.stop()
                if output.ours and not output.handle.closed:
                    # After a failed write, which is reported: closing would only retry it.
                    with contextlib.suppress(OSError):
                        output.handle.close()
        finally:
            # The workers finish the chunks they hold: a second Ctrl-C must not cut that short.
            restore = _on_signals(signal.SIG_IGN, "SIGINT", "SIGTERM")
            try:
                chosen.close()
            finally:
                restore()
    if output.partial is not None:
        try:
            os.replace(output.partial, out)
        except OSError as error:
            raise BatchError(f"{out}: cannot write ({error.strerror or error})", 4) from None
    return Summary(records=written, failed=failed, skipped=output.skipped, seconds=time.perf_counter() - started)


def _size(stream: IO[bytes]) -> int | None:
    """The input's size in bytes, for the progress bar; None for a pipe."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    import stat

    return status.st_size or None if stat.S_ISREG(status.st_mode) else None


class _Unclosed:
    """A stream whose ``with`` block leaves it open."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def __enter__(self) -> IO[bytes]:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        pass
