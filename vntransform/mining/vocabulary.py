"""Terms: stored words, lower-cased, with multiword phrases merged and stopwords removed.

A *term* is what analyses count. It is an underthesea word shown with spaces
("chuyển đổi"), or a phrase of adjacent words that is either in the term list (built-in
``data/terms.txt`` plus the user's) or a collocation learned from the corpus: adjacent
words seen together at least ``min_count`` times whose normalised PMI is at least
``min_npmi``. So "nguồn nhân lực" is one term even where underthesea split it.

Stopwords (underthesea's list plus ``data/stopwords_news.txt`` plus the user's) remove
whole terms only: "số" is a stopword, "chuyển đổi số" stays a term. Punctuation, numbers,
dates and one-letter tokens are never terms.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from vntransform.errors import InputError

_HAS_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_HAS_DIGIT = re.compile(r"\d")
MAX_PHRASE = 4  # syllable words merged into one phrase at most


@lru_cache(maxsize=1)
def default_stopwords() -> frozenset[str]:
    """underthesea's Vietnamese stopwords plus vnt's news list (lower-case words)."""
    from underthesea.datasets.stopwords import words as underthesea_words

    ours = resources.files("vntransform.data").joinpath("stopwords_news.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in [*underthesea_words, *ours.split("\n")]
                     if w.strip() and not w.startswith("#"))


def load_stopwords(path: str | Path) -> set[str]:
    """A user stopword file: one word or phrase per line, ``#`` comments.

    Raises:
        InputError: the file cannot be read.
    """
    try:
        text = Path(path).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read stopword list ({exc}); save it as UTF-8") from None
    from vntransform.text.normalize import normalize_text

    return {w.strip().lower() for w in normalize_text(text).split("\n")
            if w.strip() and not w.strip().startswith("#")}


def is_candidate(word: str) -> bool:
    """Could this (lower-case) word be a term at all? No punctuation, numbers, one letter."""
    return len(word) > 1 and bool(_HAS_LETTER.search(word)) and not _HAS_DIGIT.search(word)


class _LowerMemo(dict):
    """word -> word.lower(), computed once per distinct word (dict lookups run in C)."""

    def __missing__(self, word: str) -> str:
        value = self[word] = word.lower()
        return value


class _TermMemo(dict):
    """lowered word -> is it a term on its own? Computed once per distinct word."""

    def __init__(self, stopwords: frozenset[str]) -> None:
        super().__init__()
        self.stopwords = stopwords

    def __missing__(self, word: str) -> bool:
        value = self[word] = word not in self.stopwords and is_candidate(word)
        return value


@dataclass
class Vocabulary:
    """How stored words become terms: phrases to merge and stopwords to drop."""

    phrases: set[tuple[str, ...]] = field(default_factory=set)
    stopwords: frozenset[str] = field(default_factory=frozenset)
    max_len: int = 2

    def __post_init__(self) -> None:
        sizes: dict[str, set[int]] = {}
        for phrase in self.phrases:
            sizes.setdefault(phrase[0], set()).add(len(phrase))
        # first word -> the phrase lengths starting with it, longest first
        self._starts = {w: sorted(n, reverse=True) for w, n in sizes.items()}
        self._lower = _LowerMemo()
        self._decisions = _TermMemo(self.stopwords)

    def terms(self, words: Sequence[str]) -> list[str]:
        """The terms of one sentence, in order."""
        lowered = list(map(self._lower.__getitem__, words))
        keep = self._decisions.__getitem__
        if self._starts.keys().isdisjoint(lowered):  # common: no phrase can start here
            return list(filter(keep, lowered))
        starts, phrases = self._starts, self.phrases
        out: list[str] = []
        i, n = 0, len(lowered)
        for start, word in enumerate(lowered):
            if start < i or word not in starts:
                continue  # not a phrase start, or inside a phrase merged already
            for size in starts[word]:
                if start + size <= n and tuple(lowered[start:start + size]) in phrases:
                    out.extend(filter(keep, lowered[i:start]))
                    out.append(" ".join(lowered[start:start + size]))
                    i = start + size
                    break
        out.extend(filter(keep, lowered[i:]))
        return out

    def document_terms(self, sentences: Iterable[Sequence[str]]) -> list[str]:
        """All terms of a document (a list of sentences' words)."""
        out: list[str] = []
        for words in sentences:
            out.extend(self.terms(words))
        return out


def _term_phrases(terms: Iterable[str]) -> set[tuple[str, ...]]:
    """Known multiword terms as sequences of underthesea-like words.

    A term "chuyển đổi số" may be stored as one word or as ["chuyển đổi", "số"]: every
    split of its syllables into 2..4 parts is a phrase to merge.
    """
    out: set[tuple[str, ...]] = set()
    for term in terms:
        syllables = term.lower().split()
        n = len(syllables)
        if n < 2 or n > 8:
            continue
        for mask in range(1, 2 ** (n - 1)):
            parts, start = [], 0
            for cut in range(1, n):
                if mask >> (cut - 1) & 1:
                    parts.append(" ".join(syllables[start:cut]))
                    start = cut
            parts.append(" ".join(syllables[start:]))
            if 2 <= len(parts) <= MAX_PHRASE:
                out.add(tuple(parts))
    return out


def learn_collocations(
    docs: Iterable[Iterable[Sequence[str]]],
    *,
    stopwords: frozenset[str],
    min_count: int = 5,
    min_npmi: float = 0.5,
) -> set[tuple[str, str]]:
    """Adjacent word pairs that form a phrase: frequent and with a high normalised PMI.

    Pairs involving a stopword or a non-term (punctuation, numbers) are never phrases.
    """
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    total = 0
    for doc in docs:
        # one list per article, with a break between sentences so no pair spans two
        lowered = [w.lower() for words in doc for w in (*words, "\n")]
        unigrams.update(lowered)
        total += len(lowered)
        bigrams.update(zip(lowered, lowered[1:], strict=False))
    if total == 0:
        return set()
    out = set()
    for (a, b), count in bigrams.items():
        if count < min_count or a in stopwords or b in stopwords:
            continue
        if not (is_candidate(a) and is_candidate(b)):
            continue
        p_ab = count / total
        p_a, p_b = unigrams[a] / total, unigrams[b] / total
        npmi = math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)
        if npmi >= min_npmi:
            out.add((a, b))
    return out


def build_vocabulary(
    docs: Iterable[Iterable[Sequence[str]]] | None = None,
    *,
    terms: Iterable[str] = (),
    extra_stopwords: Iterable[str] = (),
    collocations: bool = True,
    min_count: int = 5,
    min_npmi: float = 0.5,
) -> Vocabulary:
    """The vocabulary for a corpus: term list phrases, learned collocations, stopwords.

    Args:
        docs: each document as a list of sentences' words (needed for collocations).
        terms: extra multiword terms (the built-in list is always included).
        extra_stopwords: more stopwords (``--stopwords FILE``).
        collocations: learn phrases from the corpus.
        min_count: a collocation occurs at least this often.
        min_npmi: and has at least this normalised PMI (-1..1).
    """
    from vntransform.corpus.ingest import builtin_terms

    stop = default_stopwords() | {w.lower() for w in extra_stopwords}
    phrases = _term_phrases([*builtin_terms(), *terms])
    if collocations and docs is not None:
        phrases |= learn_collocations(docs, stopwords=stop, min_count=min_count,
                                      min_npmi=min_npmi)
    max_len = max((len(p) for p in phrases), default=1)
    # single-word stopwords never block a known multiword term
    return Vocabulary(phrases=phrases, stopwords=frozenset(stop), max_len=max(2, max_len))
