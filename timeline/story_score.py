"""Scoring a story against a journalist's timeline, with the measures of timeline
summarisation (Martschat and Markert 2017, 2018; as the `tilse` toolkit computes them):

- date F1: the system's dates against the gold timeline's;
- ROUGE-1 and ROUGE-2 F1 in three variants: *concat* (both timelines' sentences as one
  text each), *agreement* (each day's summaries compared where a date is in both, precision
  over the system's days and recall over the gold's), and *align* (date-content alignment,
  many-to-one: each system day is compared with the gold day that minimises
  (1 - 1/(|days apart| + 1)) × (1 - ROUGE-1 approximation), and its hits count
  1/(|days apart| + 1); recall the same way from each gold day; the "AR" of the papers).

ROUGE is counted as ROUGE-1.5.5 counts it with tilse's options (-m stemming, -s stopwords
removed, raw counts): a day's sentences are lowered and joined, every hyphen becomes a
token of its own, any other character but letters and digits a space; a token that is a
stopword or does not start with a letter or digit is dropped, one longer than three
characters is replaced by its WordNet exception's base form or its Porter stem. The
stopwords and the exception lists are ROUGE-1.5.5's own data files, read from a ROUGE
installation (`ROUGE_EVAL_HOME`, or the copy that the `tilse` package carries); the
Porter stemmer is NLTK's, in the original algorithm's mode, as ROUGE's Perl one is.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import os
import re
import string
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import attrs

#: A timeline: each day's sentences (tokens separated by spaces, as the gold files are).
Dated = Mapping[dt.date, Sequence[str]]

_DATE_LINE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_DASHES = re.compile(r"^-{5,}\s*$")


class ScoreError(Exception):
    """The scorer cannot run (no ROUGE data) or a timeline file cannot be read."""


def read_timeline_text(text: str, source: str = "timeline") -> dict[dt.date, list[str]]:
    """A timeline in Timeline17's format: a date line, the day's sentences, a line of dashes."""
    days: dict[dt.date, list[str]] = {}
    current: dt.date | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if _DASHES.match(line):
            current = None
            continue
        match = _DATE_LINE.match(line)
        if match and current is None:
            try:
                current = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                raise ScoreError(f"{source}:{number}: not a date: {line.strip()!r}") from None
            days.setdefault(current, [])
            continue
        if not line.strip():
            continue
        if current is None:
            raise ScoreError(f"{source}:{number}: a sentence outside a date's block")
        days[current].append(line.strip())
    return days


def read_timeline_file(path: str) -> dict[dt.date, list[str]]:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise ScoreError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ScoreError(f"{path}: is a directory, not a timeline") from None
    except OSError as error:
        raise ScoreError(f"{path}: cannot read ({error.strerror or error})") from None
    if path.endswith(".json"):
        import json

        try:
            data = json.loads(text)
            return {dt.date.fromisoformat(d["date"]): [e["sentence"] for e in d["entries"]] for d in data["dates"]}
        except (ValueError, KeyError, TypeError) as error:
            raise ScoreError(f"{path}: not a story JSON ({error})") from None
    return read_timeline_text(text, path)


# --- ROUGE-1.5.5's counting ----------------------------------------------------------


@attrs.frozen
class RougeText:
    """How ROUGE-1.5.5 turns text into tokens: its stopwords and stemmer."""

    stopwords: frozenset[str]
    stem: Callable[[str], str]

    def tokens(self, sentences: Sequence[str]) -> list[str]:
        text = " ".join(sentences).lower().replace("-", " - ")
        text = re.sub(r"[^a-z0-9\-]", " ", text)
        out = []
        for token in text.split():
            if token in self.stopwords or not (token[0].isascii() and token[0].isalnum()):
                continue
            out.append(self.stem(token) if len(token) > 3 else token)
        return out


def _rouge_data() -> Path:
    home = os.environ.get("ROUGE_EVAL_HOME")
    candidates = [Path(home)] if home else []
    spec = importlib.util.find_spec("pyrouge")  # tilse ships ROUGE-1.5.5 inside its pyrouge
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            candidates.append(Path(location) / "tools" / "ROUGE-1.5.5" / "data")
    for folder in candidates:
        if (folder / "smart_common_words.txt").is_file():
            return folder
        if (folder / "data" / "smart_common_words.txt").is_file():
            return folder / "data"
    raise ScoreError(
        "scoring needs ROUGE-1.5.5's data (its stopwords and WordNet exceptions): set ROUGE_EVAL_HOME to its data "
        "folder, or install the copy tilse carries: pip install nltk && pip install --no-deps tilse"
    )


@functools.cache
def rouge_155() -> RougeText:
    """ROUGE-1.5.5 with -m -s: its stopword list, WordNet 2.0 exceptions, Porter stems."""
    try:
        from nltk.stem.porter import PorterStemmer
    except ImportError:
        raise ScoreError("scoring needs NLTK's Porter stemmer: pip install 'timeline[story-eval]'") from None
    data = _rouge_data()
    stopwords = frozenset(w.strip().lower() for w in (data / "smart_common_words.txt").read_text().split() if w.strip())
    exceptions: dict[str, str] = {}
    folder = data / "WordNet-2.0-Exceptions"
    for name in ("adj.exc", "adv.exc", "noun.exc", "verb.exc"):
        path = folder / name
        if path.is_file():
            for line in path.read_text(encoding="latin-1").splitlines():
                parts = line.split()
                if len(parts) >= 2:
                    exceptions[parts[0]] = parts[1]
    porter = PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)

    @functools.lru_cache(maxsize=65536)
    def stem(token: str) -> str:
        return exceptions.get(token) or porter.stem(token)

    return RougeText(stopwords, stem)


def plain() -> RougeText:
    """No stopwords, no stemming: for examples worked by hand."""
    return RougeText(frozenset(), lambda token: token)


@attrs.frozen
class Counts:
    hits: float
    system: int  # n-grams in the system's text (precision's denominator)
    gold: int  # n-grams in the gold text (recall's denominator)


def _grams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_counts(system: Sequence[str], gold: Sequence[str], n: int, rouge: RougeText) -> Counts:
    s, g = _grams(rouge.tokens(system), n), _grams(rouge.tokens(gold), n)
    return Counts(sum(min(c, g[k]) for k, c in s.items()), sum(s.values()), sum(g.values()))


def f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


@attrs.frozen
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, p_num: float, p_den: float, r_num: float, r_den: float) -> PRF:
        p = p_num / p_den if p_den else 0.0
        r = r_num / r_den if r_den else 0.0
        return cls(p, r, f1(p, r))


def date_f1(system: Dated, gold: Dated) -> PRF:
    both = len(set(system) & set(gold))
    return PRF.of(both, len(system), both, len(gold))


def concat(system: Dated, gold: Dated, n: int, rouge: RougeText) -> PRF:
    sys_sents = [s for day in sorted(system) for s in system[day]]
    gold_sents = [s for day in sorted(gold) for s in gold[day]]
    c = rouge_counts(sys_sents, gold_sents, n, rouge)
    return PRF.of(c.hits, c.system, c.hits, c.gold)


def agreement(system: Dated, gold: Dated, n: int, rouge: RougeText) -> PRF:
    p_num = p_den = r_num = r_den = 0.0
    for day in set(system) | set(gold):
        c = rouge_counts(system.get(day, ()), gold.get(day, ()), n, rouge)
        if day in system:
            p_num, p_den = p_num + c.hits, p_den + c.system
        if day in gold:
            r_num, r_den = r_num + c.hits, r_den + c.gold
    return PRF.of(p_num, p_den, r_num, r_den)


def rouge1_approximation(system: Sequence[str], gold: Sequence[str]) -> float:
    """tilse's quick ROUGE-1 F1 for the alignment's costs: space-separated tokens as they
    are, single punctuation characters left out."""
    s = Counter(t for sent in system for t in sent.split() if t not in string.punctuation)
    g = Counter(t for sent in gold for t in sent.split() if t not in string.punctuation)
    match = sum(min(c, g[t]) for t, c in s.items())
    return f1(match / sum(s.values()) if s else 0.0, match / sum(g.values()) if g else 0.0)


def _closest(day: dt.date, sentences: Sequence[str], others: Dated, others_are_gold: bool) -> dt.date:
    """The day of ``others`` that a day is aligned to (many-to-one): least
    (1 - 1/(distance + 1)) × (1 - ROUGE-1 approximation); the first of equals."""
    best, best_cost = None, float("inf")
    for other in sorted(others):
        date_factor = 1 - 1 / (abs(day.toordinal() - other.toordinal()) + 1)
        if others_are_gold:
            content = rouge1_approximation(sentences, others[other])
        else:
            content = rouge1_approximation(others[other], sentences)
        cost = date_factor * (1 - content)
        if cost < best_cost:
            best, best_cost = other, cost
    assert best is not None
    return best


def align(system: Dated, gold: Dated, n: int, rouge: RougeText) -> PRF:
    """Date-content alignment, many-to-one (tilse's align_date_content_costs_many_to_one)."""
    p_num = p_den = r_num = r_den = 0.0
    if system and gold:
        for day in sorted(system):
            match = _closest(day, system[day], gold, others_are_gold=True)
            c = rouge_counts(system[day], gold[match], n, rouge)
            p_num += c.hits / (abs(day.toordinal() - match.toordinal()) + 1)
            p_den += c.system
        for day in sorted(gold):
            match = _closest(day, gold[day], system, others_are_gold=False)
            c = rouge_counts(system[match], gold[day], n, rouge)
            r_num += c.hits / (abs(day.toordinal() - match.toordinal()) + 1)
            r_den += c.gold
    else:
        p_den = sum(rouge_counts(s, (), n, rouge).system for s in system.values())
        r_den = sum(rouge_counts((), g, n, rouge).gold for g in gold.values())
    return PRF.of(p_num, p_den, r_num, r_den)


MEASURES = ("date_f1", "concat_r1", "concat_r2", "agreement_r1", "agreement_r2", "align_r1", "align_r2")


def score(system: Dated, gold: Dated, rouge: RougeText | None = None) -> dict[str, float]:
    """Every measure's F1 for one system timeline against one gold timeline."""
    rouge = rouge or rouge_155()
    return {
        "date_f1": date_f1(system, gold).f1,
        "concat_r1": concat(system, gold, 1, rouge).f1,
        "concat_r2": concat(system, gold, 2, rouge).f1,
        "agreement_r1": agreement(system, gold, 1, rouge).f1,
        "agreement_r2": agreement(system, gold, 2, rouge).f1,
        "align_r1": align(system, gold, 1, rouge).f1,
        "align_r2": align(system, gold, 2, rouge).f1,
    }


def mean_scores(rows: Iterable[Mapping[str, float]]) -> dict[str, float]:
    rows = list(rows)
    return {m: sum(r[m] for r in rows) / len(rows) for m in MEASURES} if rows else {m: 0.0 for m in MEASURES}


def report(pairs: Sequence[tuple[str, str]], as_json: bool = False) -> str:
    """`timeline eval --story`: each (gold, system) pair's scores and their mean."""
    rows = []
    for gold_path, system_path in pairs:
        row = score(read_timeline_file(system_path), read_timeline_file(gold_path))
        rows.append((gold_path, system_path, row))
    mean = mean_scores(r for _, _, r in rows)
    if as_json:
        import json

        return json.dumps(
            {"timelines": [{"gold": g, "system": s, **r} for g, s, r in rows], "mean": mean}, indent=2
        ) + "\n"
    header = f"{'gold':<40} " + " ".join(f"{m:>12}" for m in MEASURES)
    lines = [header]
    for gold_path, _, row in rows:
        name = gold_path if len(gold_path) <= 40 else "…" + gold_path[-39:]
        lines.append(f"{name:<40} " + " ".join(f"{row[m]:>12.4f}" for m in MEASURES))
    lines.append(f"{'mean':<40} " + " ".join(f"{mean[m]:>12.4f}" for m in MEASURES))
    return "\n".join(lines) + "\n"
