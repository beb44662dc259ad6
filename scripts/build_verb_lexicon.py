"""Build timeline/rules/en/verbs.txt, the verb lemmas the event triggers are read with.

Two sources, no labels from any evaluation set:
* the lemmas tagged VERB in Universal Dependencies English EWT (dev + test; CC BY-SA 4.0),
  `../shared/corpora/ud-english-ewt`;
* raw news text (the Timeline17 articles and the TimeBank + AQUAINT texts, read as plain
  text with their tags removed; only which words occur is used): a word W whose forms
  W-s, W-ed and W-ing all occur there is a verb, as nouns and adjectives seldom take all
  three ("talk": talks, talked, talking).

A lemma is kept once it is at least three letters long and is not a function word. Run
from the project root: python scripts/build_verb_lexicon.py
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "timeline" / "rules" / "en" / "verbs.txt"
_WORD = re.compile(r"[a-z]+")
_TAG = re.compile(r"<[^>]*>")
#: Words whose -s, -ed and -ing forms occur but that are nouns or adjectives far more often.
_NOT_VERBS = frozenset({"thing", "morn", "even", "wed", "hous", "bus", "lin", "rul", "cas", "wing", "ring", "bring"})


def _ud_lemmas() -> collections.Counter[str]:
    lemmas: collections.Counter[str] = collections.Counter()
    for name in ("en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu"):
        for line in (SHARED / "ud-english-ewt" / name).open(encoding="utf-8"):
            columns = line.split("\t")
            if len(columns) > 3 and columns[0].isdigit() and columns[3] == "VERB" and columns[2].isalpha():
                lemmas[columns[2].lower()] += 1
    return lemmas


def _news_words() -> set[str]:
    words: set[str] = set()
    paths = list((SHARED / "timeline17").glob("*/InputDocs/*/*.txt")) + list((SHARED / "tbaq").glob("*/*.tml"))
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        words.update(_WORD.findall(_TAG.sub(" ", text)))
    return words


def _forms(lemma: str) -> tuple[set[str], set[str], set[str]]:
    """The -s, -ed and -ing forms a regular verb may take."""
    s = {lemma + "s", lemma + "es", lemma[:-1] + "ies" if lemma.endswith("y") else lemma + "s"}
    ed = {lemma + "ed", lemma + "d", lemma[:-1] + "ied" if lemma.endswith("y") else lemma + "ed", lemma + lemma[-1] + "ed"}
    ing = {lemma + "ing", lemma[:-1] + "ing" if lemma.endswith("e") else lemma + "ing", lemma + lemma[-1] + "ing"}
    return s, ed, ing


def main() -> int:
    if not SHARED.is_dir():
        print(f"needs {SHARED}", file=sys.stderr)
        return 2
    lemmas = set(_ud_lemmas())
    news = _news_words()
    for word in news:
        if len(word) >= 3 and word not in _NOT_VERBS and all(forms & news for forms in _forms(word)):
            lemmas.add(word)
    kept = sorted(lemma for lemma in lemmas if len(lemma) >= 3 and lemma.isalpha())
    header = (
        "# Verb lemmas for event triggers (timeline/triggers.py), one a line.\n"
        "# Built by scripts/build_verb_lexicon.py from UD English EWT's VERB lemmas (CC BY-SA 4.0)\n"
        "# and from the words of raw news text whose -s, -ed and -ing forms all occur.\n"
    )
    OUT.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} lemmas -> {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
