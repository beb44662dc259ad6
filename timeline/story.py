"""Story: one timeline from many articles about one topic, as journalists write them.

Each article is built as `build` builds it (`build_timeline`), on the batch engines, and
reduced to a digest: the days its dates name, and the sentences that say what happened on
a day (a dated event, or the article's opening sentences for its publication day). The
merge streams the digests. It counts, for every day, the articles that name it, the
different days on which they were published and the articles published on it; the days
that most articles, most independently, refer to are the story's dates, taken one at a
time so that each lowers the days around it. For each date, the statement most articles
support is the candidate closest to the centre of all that is said about that day
(tf-idf centroid), raised by the number of other articles that say much the same; more
sentences for a date are chosen by maximal marginal relevance, and no entry repeats one
already chosen (on any date).

Memory stays flat in the number of articles: the digests are spooled to a temporary file
and read twice more (once for the chosen dates' word statistics, once to score their
sentences, keeping a bounded pool per date).
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import json
import math
import pickle
import re
import sys
import tempfile
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs

STORY_SCHEMA_VERSION = "1.0.0"

#: The most candidates of a date kept (the closest to its centre) to choose its entries from.
POOL_PER_DATE = 120
#: The opening sentences of an article that stand for its publication day.
LEDE_SENTENCES = 6
#: A sentence shorter (in words) says too little to stand as an entry; a longer one is
#: several statements run together (a caption, a list).
MIN_WORDS, MAX_WORDS = 6, 60
#: Two sentences whose word vectors are this close say the same thing.
SAME_THING = 0.5
#: Another article supports a sentence if one of its sentences is this close to it; each
#: supporting article raises the sentence's relevance (log scale) by SUPPORT_WEIGHT.
SUPPORTED, SUPPORT_WEIGHT = 0.25, 4.0
#: Maximal marginal relevance: weight of closeness to the date's centre against novelty.
MMR_LAMBDA = 0.6
#: A sentence that names its date in full ("April 20") is the day's own statement;
#: one dated relatively ("on Tuesday") or only by its article's publication counts less.
EXPLICIT_WEIGHT, RELATIVE_WEIGHT, LEDE_WEIGHT = 1.0, 0.9, 0.8
#: Without --dates: at most this many dates, each referred to by at least two articles
#: published on different days.
DEFAULT_MAX_DATES = 25

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_RULES_PATH = Path(__file__).resolve().parent / "rules" / "en" / "story.toml"


class StoryError(Exception):
    """A story that cannot start or go on (unreadable input, bad option)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# --- Words ---------------------------------------------------------------------------


@functools.cache
def _rules() -> dict[str, frozenset[str]]:
    with _RULES_PATH.open("rb") as handle:
        table = tomllib.load(handle)
    return {name: frozenset(words.split()) for name, words in table.items()}


@functools.cache
def _stopwords() -> frozenset[str]:
    rules = _rules()
    return rules["function_words"] | rules["reporting_words"] | rules["date_words"] | rules["treebank_tokens"]


def content_words(text: str) -> list[str]:
    """The words of a text that say what it is about: lowered, without function words,
    reporting verbs and date words, a plural's final s dropped ("spills" is "spill")."""
    stop = _stopwords()
    words = []
    for word in _WORD.findall(text.lower()):
        word = word.strip("'-")
        if len(word) < 2 or word in stop or word.isdigit():
            continue
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


# --- Digests: what the story keeps of each article ----------------------------------


@attrs.frozen
class Candidate:
    """A sentence of an article that says what happened on a day."""

    day: str  # YYYY-MM-DD
    sentence: str
    headline: str
    start: int
    end: int
    kind: str  # "named" (its date written with its day), "relative" ("on Tuesday") or "lede"


@attrs.frozen
class Digest:
    id: str
    published: str  # YYYY-MM-DD
    candidates: tuple[Candidate, ...]
    #: The days its dates name (each once), whatever they date: "since April 20" refers to
    #: April 20 as much as "on April 20" does.
    mentions: tuple[str, ...]
    relevant: bool  # about the --query (always True without one)


@attrs.frozen
class Failure:
    where: str
    message: str


def _day_of(value: str) -> str | None:
    match = _DAY.match(value)
    return match.group(0) if match else None


def digest_article(record_id: str, text: str, published: str, title: str | None, query: tuple[str, ...]) -> Digest:
    """The candidates of one article: every sentence `build` dates to a day (events of day
    grain or finer, not scoped by since/until/before/after, not vague) and the article's
    first sentences for its publication day."""
    from timeline import build_timeline
    from timeline.model import POINT_GRAINS
    from timeline.sentences import split_sentences

    from timeline.tokenized import detokenize, looks_tokenized

    timeline = build_timeline(text, published, title=title)
    published_day = timeline.document.published.date().isoformat()
    # Entries read as prose, whatever the articles' tokens ("BP 's" -> "BP's"); the sources
    # keep the offsets into the given text.
    prose = (lambda sentence: " ".join(detokenize(sentence).prose.split())) if looks_tokenized(text) else (lambda sentence: sentence)
    # A date written with its day's number ("20 April", "Apr. 21", "2010-04-20") names
    # the day; "Tuesday" or "yesterday" only point at it.
    named_ids = {e.id for e in timeline.expressions if any(ch.isdigit() for ch in e.text)}
    candidates: list[Candidate] = []
    dated_sentences: set[int] = set()
    for event in timeline.events:
        if event.kind != "event" or event.relation is not None or event.mod is not None or event.grain not in POINT_GRAINS:
            continue
        day = _day_of(event.value)
        if day is None:
            continue
        dated_sentences.add(event.start)
        kind = "named" if event.expression in named_ids else "relative"
        candidates.append(Candidate(day, prose(event.sentence), event.headline, event.start, event.end, kind))
    for span in split_sentences(text)[:LEDE_SENTENCES]:
        if span.start not in dated_sentences:
            sentence = prose(text[span.start : span.end])
            candidates.append(Candidate(published_day, sentence, sentence, span.start, span.end, "lede"))
    mentions = {
        day
        for e in timeline.expressions
        if e.type in {"DATE", "TIME"} and e.grain in POINT_GRAINS and (day := _day_of(e.value)) is not None
    }
    relevant = True
    if query:
        words = set(content_words(text if title is None else title + "\n" + text))
        relevant = sum(word in words for word in query) * 2 >= len(query)
        if not relevant:  # an article off the topic keeps only its sentences that name it
            candidates = [c for c in candidates if set(content_words(c.sentence)) & set(query)]
    return Digest(record_id, published_day, tuple(candidates), tuple(sorted(mentions)), relevant)


# --- Reading the articles ------------------------------------------------------------

#: A record for a worker: ((number, where it is), JSON bytes). JSON Lines records go as
#: read; a file of a folder as {"id", "path", "published"}, which the worker reads.
Chunk = list[tuple[tuple[int, str], bytes]]


@attrs.frozen
class Options:
    query: tuple[str, ...] = ()
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None


def process_chunk(chunk: Chunk, options: Options) -> list[Digest | Failure]:
    return [_process(where, raw, options) for (_, where), raw, _ in chunk]


def _process(where: str, raw: bytes, options: Options) -> Digest | Failure:
    from timeline import InputError
    from timeline.batch import _checked_title, _field, _parse, _RecordError
    from timeline.read import read_article

    try:
        record_id, record = _parse(raw)
        if "_error" in record:
            raise _RecordError(record["_error"])
        published = _field(record, "published")
        if "path" in record:
            text = read_article(record["path"])
        else:
            text = _field(record, "text")
        title = _checked_title(record, text)
        name = str(record_id) if record_id is not None else where
        return digest_article(name, text, published, title, options.query)
    except (_RecordError, InputError) as error:
        return Failure(where, " ".join(str(error).split()))
    except Exception as error:  # a bug must not stop a run of thousands: report it on its record
        return Failure(where, f"internal error: {type(error).__name__}: {error}")


_FOLDER_DAY = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def _folder_records(folder: Path) -> Iterator[dict[str, str]]:
    """The text files of a folder (recursively, in name order) with their publication
    date: a `<name>.published` file beside the article, else the nearest date in the path."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix == ".published" or path.name.startswith("."):
            continue
        relative = path.relative_to(folder)
        beside = path.with_suffix(".published")
        record = {"id": str(relative), "path": str(path)}
        if beside.is_file():
            record["published"] = beside.read_text(encoding="utf-8", errors="replace").strip()
        else:
            days = _FOLDER_DAY.findall(str(relative)) or _FOLDER_DAY.findall(str(path))
            if not days:
                record["published"] = None  # type: ignore[assignment]
                record["_error"] = "no publication date: no YYYY-MM-DD in its path and no .published file beside it"
            else:
                record["published"] = days[-1]
        yield record


def _input_records(sources: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[tuple[tuple[int, str], bytes, int]]:
    """((number, where), JSON bytes, 0) for every article of every source: JSON Lines
    files (- for standard input) and folders of text files, read as the workers need them."""
    from timeline.batch import read_records

    number = 0
    for source in sources:
        if source == "-":
            stream = stdin or sys.stdin.buffer
            for line, raw, _ in read_records(stream):
                number += 1
                yield (number, f"stdin:{line}"), raw, 0
            continue
        path = Path(source)
        if path.is_dir():
            for record in _folder_records(path):
                number += 1
                yield (number, record["path"]), json.dumps(record, ensure_ascii=False).encode("utf-8"), 0
            continue
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            raise StoryError(f"{source}: no such file or folder", 3) from None
        except OSError as error:
            raise StoryError(f"{source}: cannot read ({error.strerror or error})", 3) from None
        with handle:
            for line, raw, _ in read_records(handle):
                number += 1
                yield (number, f"{source}:{line}"), raw, 0


# --- The merge -----------------------------------------------------------------------


@attrs.define
class DayCount:
    articles: int = 0  # articles that name the day (a digest names each day once)
    days: set[str] = attrs.Factory(set)  # their publication days (bounded by the calendar)
    published: int = 0  # articles published on the day


@attrs.frozen
class DateScore:
    day: str
    score: float
    articles: int
    publication_days: int
    published: int


def date_score(count: DayCount) -> float:
    """How much a day matters: the articles that name it, plus twice the number of
    different days on which they were published (independent reports count more than one
    day's wires repeating each other), plus half the articles published on the day."""
    return count.articles + 2 * len(count.days) + 0.5 * count.published


def rank_dates(counts: dict[str, DayCount], dates: int | None) -> tuple[list[DateScore], int]:
    """The dates worth a look, best first, and how many the story keeps: ``dates``, or by
    default those that two articles published on different days refer to (at most
    DEFAULT_MAX_DATES). Twice as many are looked at (and ten more), so that a date
    with no sentence that can stand as an entry gives its place to the next."""
    scored = [
        DateScore(day, date_score(c), c.articles, len(c.days), c.published) for day, c in counts.items()
    ]
    if dates is None:
        scored = [d for d in scored if d.articles >= 2 and d.publication_days >= 2]
        dates = min(DEFAULT_MAX_DATES, len(scored))
    return _spread(scored, 2 * dates + 10), dates


#: Each date taken lowers the scores of the dates this close to it by this factor.
NEIGHBOUR_DAYS, NEIGHBOUR_FACTOR = 4, 0.85


def _spread(scored: list[DateScore], wanted: int) -> list[DateScore]:
    """The best ``wanted`` dates, taken one at a time, each lowering the days around it: a
    reader wants the story's course, not five days of its busiest week (news pile up
    around an event, and each day of the pile names it)."""
    order = {d.day: dt.date.fromisoformat(d.day).toordinal() for d in scored}
    value = {d.day: d.score for d in scored}
    by_day = {d.day: d for d in scored}
    out: list[DateScore] = []
    while value and len(out) < wanted:
        day = min(value, key=lambda x: (-value[x], x))
        out.append(by_day[day])
        del value[day]
        for other in value:
            if abs(order[other] - order[day]) <= NEIGHBOUR_DAYS:
                value[other] *= NEIGHBOUR_FACTOR
    return out


def _vector(words: list[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(words)
    vector = {w: (1 + math.log(n)) * idf.get(w, 0.0) for w, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {w: v / norm for w, v in vector.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


@attrs.frozen
class Source:
    article: str
    published: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "published": self.published, "start": self.start, "end": self.end}


@attrs.frozen
class Entry:
    sentence: str
    headline: str
    score: float
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "sentence": self.sentence,
            "score": round(self.score, 4),
            "support": len({s.article for s in self.sources}),
            "sources": [s.to_dict() for s in self.sources],
        }


@attrs.frozen
class StoryDate:
    date: DateScore
    entries: tuple[Entry, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.day,
            "score": round(self.date.score, 4),
            "articles": self.date.articles,
            "publication_days": self.date.publication_days,
            "published": self.date.published,
            "entries": [e.to_dict() for e in self.entries],
        }


@attrs.frozen
class Story:
    query: tuple[str, ...]
    since: str | None
    until: str | None
    articles: int  # articles read and built
    failed: int
    relevant: int  # of them about the query
    per_date: int
    dates: tuple[StoryDate, ...]  # in time order
    latest: str | None = None  # the last publication day of the articles in range

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": STORY_SCHEMA_VERSION,
            "story": {
                "query": " ".join(self.query) or None,
                "from": self.since,
                "to": self.until,
                "articles": self.articles,
                "failed": self.failed,
                "relevant": self.relevant,
                "per_date": self.per_date,
            },
            "dates": [d.to_dict() for d in self.dates],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


@attrs.frozen
class _Scored:
    score: float
    order: int  # ties: the earlier candidate
    article: str
    published: str
    candidate: Candidate


def _in_range(day: str, options: Options) -> bool:
    return (options.since is None or day >= options.since) and (options.until is None or day <= options.until)


class _Spool:
    """Digests written to a temporary file and read back in order, so that the merge's
    second and third passes need not hold them in memory."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile(prefix="timeline-story-")
        self.count = 0

    def add(self, digest: Digest) -> None:
        pickle.dump(digest, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[Digest]:
        self.file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self.file)

    def close(self) -> None:
        self.file.close()


def _weight(candidate: Candidate) -> float:
    if candidate.kind == "named":
        weight = EXPLICIT_WEIGHT
    else:
        weight = RELATIVE_WEIGHT if candidate.kind == "relative" else LEDE_WEIGHT
    return weight


#: A sentence in an article published more than LATE_DAYS after its day is looking back
#: (its news is something later): its weight is LATE_WEIGHT. One published before its day
#: tells what was planned, not what happened: FUTURE_WEIGHT.
LATE_DAYS, LATE_WEIGHT, FUTURE_WEIGHT = 3, 0.8, 0.7


def _timing(day: str, published: str) -> float:
    after = (dt.date.fromisoformat(published) - dt.date.fromisoformat(day)).days
    if after > LATE_DAYS:
        return LATE_WEIGHT
    if after < 0:
        return FUTURE_WEIGHT
    return 1.0


#: A web page's furniture caught in the text: bylines and menus ("Ben Sutherland | UK
#: time", "Last updated at 01:53 GMT"), links, addresses, readers' comments ("OldSalt wrote :").
_WEB_FURNITURE = re.compile(r"\||https?:|www\.|@\w|\bwrote\s*:|\b[Ll]ast updated\b")


def _usable(candidate: Candidate) -> bool:
    """A sentence that can stand alone as an entry: neither a fragment nor a run of
    statements, not a question, not leaning on the sentence before it, not a web page's
    furniture."""
    words = candidate.sentence.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if candidate.sentence.rstrip().endswith(("?", ":")) or _WEB_FURNITURE.search(candidate.sentence):
        return False
    first = next((w.lower() for w in words if any(ch.isalpha() for ch in w)), "")
    return first.strip("`'\"“‘(") not in _rules()["dependent_openers"]


@attrs.frozen
class Merged:
    dates: list[StoryDate]
    relevant: int  # articles in the date range about the query
    latest: str | None  # the last publication day in the range


def merge(digests: Iterable[Digest], options: Options, dates: int | None, per_date: int | None) -> Merged:
    """The story's dates and entries from the articles' digests (streamed once; spooled)."""
    counts: dict[str, DayCount] = defaultdict(DayCount)
    spool = _Spool()
    relevant = 0
    latest = None
    try:
        for digest in digests:
            if not _in_range(digest.published, options):
                continue
            latest = max(latest or digest.published, digest.published)
            spool.add(digest)
            relevant += digest.relevant
            if digest.relevant:
                counts[digest.published].published += 1
            # An article off the query counts only for the days of the sentences it keeps.
            named = digest.mentions if digest.relevant else {c.day for c in digest.candidates if c.kind != "lede"}
            for day in named:
                if _in_range(day, options):
                    count = counts[day]
                    count.articles += 1
                    count.days.add(digest.published)
        chosen, limit = rank_dates(counts, dates)
        del counts
        k = per_date or 1
        wanted = {d.day for d in chosen}
        # Pass 2: document frequencies over the chosen dates' candidates, and each date's centroid.
        df: Counter[str] = Counter()
        sums: dict[str, Counter[str]] = defaultdict(Counter)
        total = 0
        for digest in spool:
            for c in digest.candidates:
                if c.day in wanted and _usable(c):
                    words = content_words(c.sentence)
                    df.update(set(words))
                    sums[c.day].update(words)
                    total += 1
        idf = {w: math.log((1 + total) / (1 + n)) + 1.0 for w, n in df.items()}
        centroids = {day: _vector_from_counts(counter, idf) for day, counter in sums.items()}
        del sums, df
        # Pass 3: each chosen date's best candidates (by closeness to its centroid, weighted).
        pools: dict[str, list[tuple[float, int, _Scored]]] = defaultdict(list)
        order = 0
        for digest in spool:
            for c in digest.candidates:
                if c.day not in wanted or not _usable(c):
                    continue
                order += 1
                score = _weight(c) * _timing(c.day, digest.published) * _cosine(_vector(content_words(c.sentence), idf), centroids[c.day])
                item = (score, -order, _Scored(score, order, digest.id, digest.published, c))
                pool = pools[c.day]
                if len(pool) < POOL_PER_DATE:
                    heapq.heappush(pool, item)
                elif item > pool[0]:
                    heapq.heapreplace(pool, item)
    finally:
        spool.close()
    return Merged(_select(chosen, pools, idf, k, limit), relevant, latest)


def _vector_from_counts(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vector = {w: n * idf.get(w, 0.0) for w, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {w: v / norm for w, v in vector.items()}


def _support(items: list[_Scored], vectors: list[dict[str, float]]) -> list[float]:
    """Each sentence's relevance: its closeness to the day's centre, raised by the number of
    other articles that say much the same (one of their sentences at least SUPPORTED close),
    on a log scale: the statement most articles support, not the first one found."""
    out = []
    for i, item in enumerate(items):
        supporters = {
            other.article
            for j, other in enumerate(items)
            if other.article != item.article and _cosine(vectors[i], vectors[j]) >= SUPPORTED
        }
        out.append(item.score * (1 + SUPPORT_WEIGHT * math.log1p(len(supporters))))
    # On the scale of a cosine (the best is 1), as the novelty it is weighed against.
    peak = max(out, default=0.0) or 1.0
    return [value / peak for value in out]


def _select(
    chosen: list[DateScore], pools: dict[str, list[tuple[float, int, _Scored]]], idf: dict[str, float], k: int, limit: int
) -> list[StoryDate]:
    """Per date, in order of importance, up to k sentences by maximal marginal relevance,
    none saying what an entry already chosen (on any date) says; each entry's sources are
    the pool's sentences that say the same thing."""
    taken: list[dict[str, float]] = []
    result = []
    for date in chosen:
        if len(result) >= limit:
            break
        pool = sorted(pools.get(date.day, []), key=lambda item: (-item[0], -item[1]))
        items = [item[2] for item in pool]
        vectors = [_vector(content_words(s.candidate.sentence), idf) for s in items]
        relevance = _support(items, vectors)
        picked: list[int] = []
        while len(picked) < k:
            best, best_value = None, -math.inf
            for i, item in enumerate(items):
                if i in picked:
                    continue
                if any(_cosine(vectors[i], v) >= SAME_THING for v in taken):
                    continue
                novelty = max((_cosine(vectors[i], vectors[j]) for j in picked), default=0.0)
                value = MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * novelty
                if value > best_value:
                    best, best_value = i, value
            if best is None:
                break
            picked.append(best)
            taken.append(vectors[best])
        entries = []
        for i in picked:
            same = [j for j in range(len(items)) if j == i or _cosine(vectors[i], vectors[j]) >= SAME_THING]
            sources = tuple(
                Source(items[j].article, items[j].published, items[j].candidate.start, items[j].candidate.end)
                for j in sorted(same, key=lambda j: (j != i, items[j].order))  # its own sentence first
            )
            c = items[i].candidate
            entries.append(Entry(c.sentence, c.headline, items[i].score, sources))
        if entries:
            result.append(StoryDate(date, tuple(entries)))
    result.sort(key=lambda d: d.date.day)
    return result


# --- Running ---------------------------------------------------------------------------


def query_words(query: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(content_words(query or "")))


def build_story(
    sources: Iterable[str],
    *,
    query: str | None = None,
    dates: int | None = None,
    per_date: int | None = None,
    since: str | None = None,
    until: str | None = None,
    workers: int | None = 1,
    engine: str = "local",
    scheduler: str | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    stdin: IO[bytes] | None = None,
) -> Story:
    """The story of the articles of ``sources`` (JSON Lines files, folders of text files,
    '-' for JSON Lines on stdin). Bad records are passed to ``on_failure`` and skipped."""
    from timeline.batch import CHUNK_RECORDS, chunked, dask_engine, default_workers, local_engine, ordered_map

    for name, day in (("--from", since), ("--to", until)):
        if day is not None and not _DAY.fullmatch(day):
            raise StoryError(f"{name} must be a date YYYY-MM-DD, not {day!r}", 2)
    options = Options(query_words(query), since, until)
    workers = workers or default_workers()
    chosen = dask_engine(workers, scheduler) if engine == "dask" else local_engine(workers)
    counts = {"read": 0, "failed": 0}

    def digests() -> Iterator[Digest]:
        records = ((key, raw, None, consumed) for key, raw, consumed in _input_records(sources, stdin))  # no figures
        chunks = chunked(records, CHUNK_RECORDS)
        submit = lambda chunk: chosen.submit(process_chunk, chunk, options)  # noqa: E731
        for results, _ in ordered_map(submit, chunks, chosen.in_flight):
            for result in results:
                counts["read"] += 1
                if isinstance(result, Failure):
                    counts["failed"] += 1
                    if on_failure is not None:
                        on_failure(result)
                    continue
                yield result
            if on_progress is not None:
                on_progress(counts["read"], counts["failed"])

    try:
        merged = merge(digests(), options, dates, per_date)
    finally:
        chosen.close()
    return Story(
        query=options.query,
        since=since,
        until=until,
        articles=counts["read"] - counts["failed"],
        failed=counts["failed"],
        relevant=merged.relevant,
        per_date=per_date or 1,
        dates=tuple(merged.dates),
        latest=merged.latest,
    )


# --- Outputs ---------------------------------------------------------------------------


def to_text(story: Story) -> str:
    """Timeline17's gold format: a date line, its sentences one a line, a line of dashes."""
    lines = []
    for date in story.dates:
        lines.append(date.date.day)
        lines.extend(" ".join(entry.sentence.split()) for entry in date.entries)
        lines.append("-" * 32)
    return "\n".join(lines) + ("\n" if lines else "")


def title_of(story: Story) -> str:
    about = f"{' '.join(story.query)}: " if story.query else ""
    return f"{about}the story in {story.relevant} articles" if about else f"The story in {story.relevant} articles"


def as_timeline(story: Story) -> Any:
    """The story as a timeline (model.Timeline), one event per date with its first entry's
    headline, for the figure and TimelineJS; published is the last date."""
    from timeline.model import Document, Event, Interval, Timeline

    events = []
    for index, date in enumerate(story.dates, start=1):
        day = dt.datetime.fromisoformat(date.date.day)
        first = date.entries[0]
        events.append(
            Event(
                id=f"d{index}",
                kind="event",
                headline=first.headline,
                sentence=" ".join(e.sentence for e in date.entries),
                start=first.sources[0].start,
                end=first.sources[0].end,
                expression=None,
                value=date.date.day,
                grain="day",
                interval=Interval(day, day + dt.timedelta(days=1)),
            )
        )
    # The story is told as of its last article: the figure's publication line.
    last = story.latest or story.until or dt.date.today().isoformat()
    document = Document(published=dt.datetime.fromisoformat(last), title=title_of(story))
    return Timeline(document=document, expressions=(), events=tuple(events))


def progress_printer(stream: IO[str], every: int = 500) -> Callable[[int, int], None]:
    """A progress line on stderr every ``every`` articles, with the rate."""
    started = time.perf_counter()
    state = {"next": every}

    def report(read: int, failed: int) -> None:
        if read >= state["next"]:
            rate = read / max(time.perf_counter() - started, 1e-9)
            stream.write(f"timeline: story: {read} articles, {failed} failed, {rate:.0f}/s\n")
            stream.flush()
            state["next"] = read - read % every + every

    return report


def schema_text() -> str:
    from importlib import resources

    return resources.files("timeline").joinpath("schema/story.schema.json").read_text(encoding="utf-8")
