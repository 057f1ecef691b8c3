"""Terms: stored words, lower-cased, with multiword phrases merged and stopwords removed.

A *term* is what analyses count: a content word or phrase. It is an underthesea word shown
with spaces ("chuyển đổi"), or a phrase of adjacent words that is

- in the term list (built-in ``data/terms.txt`` plus the user's),
- a Vietnamese expression underthesea tends to split (``data/multiword.txt``: pairs whose
  one-syllable member rarely occurs without the other in a news corpus, "nâng" + "cao"),
- or a collocation learned from the corpus: adjacent words seen together at least
  ``min_count`` times, significantly (log-likelihood), with a normalised PMI floor, and
  either strongly associated or with a one-syllable member that is mostly bound to the other
  ("điểm" + "cầu", "băng" + "rộng" in a corpus about video conferences and broadband).

So "nguồn nhân lực" is one term even where underthesea split it, and "nâng" or "rộng" never
count as words of their own when they were halves of an expression.

Function words are not terms: underthesea's stopwords, ``data/stopwords_news.txt``, the
user's, and words that news text mostly uses as function words (their share of
noun/verb/adjective tags in ``data/word_stats.txt``). They remove whole terms only: "số" is
a stopword, "chuyển đổi số" stays a term. A merged expression that begins or ends with a
function word ("trở lên", "so với") is merged so that its halves are not counted, then
dropped. Punctuation, numbers, dates and one-letter tokens are never terms. Quantities
("triệu", "km", "tỉ đồng") and syllables nearly always written inside longer words ("chắn")
are terms, since they help tell topics apart, but keywords and topic labels never show them.
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
BIGRAM_SEP = "\t"  # joins two adjacent terms into one feature (terms never hold a tab)
CONTENT_SHARE = 0.5  # below: a function word (share of noun/verb/adjective tags in news)
NUMERIC_SHARE = 0.5  # at or above: a numeral or unit ("triệu", "km", "tuổi")
BOUND_SHARE = 0.5  # a syllable next to the same word at least this often is bound to it
MIN_LLR = 10.83  # log-likelihood ratio for p < 0.001 (chi-squared, one degree of freedom)
RARE_PAIR, RARE_NPMI = 5, 0.8  # a pair seen under 5 times needs NPMI >= 0.8


@dataclass(frozen=True, slots=True)
class WordStats:
    """Background statistics of a word in news (``data/word_stats.txt``)."""

    doc_freq: int
    content_share: float
    numeric_share: float
    alone_share: float  # a syllable: share of its occurrences that are this word alone


@lru_cache(maxsize=1)
def background_stats() -> tuple[int, dict[str, WordStats]]:
    """(articles, word -> WordStats) of the background news corpus shipped as package data."""
    text = resources.files("vntransform.data").joinpath("word_stats.txt").read_text("utf-8")
    n_docs, stats = 1, {}
    for line in text.split("\n"):
        if not line or line.startswith("# "):
            continue
        parts = line.split("\t")
        if parts[0] == "#articles":
            n_docs = int(parts[1])
        elif len(parts) == 5:
            stats[parts[0]] = WordStats(int(parts[1]), *map(float, parts[2:]))
    return n_docs, stats


def is_function_word(word: str, stopwords: frozenset[str] = frozenset()) -> bool:
    """A stopword, or a word news mostly uses as a function word (not noun/verb/adjective)."""
    if word in stopwords:
        return True
    stats = background_stats()[1].get(word)
    return stats is not None and stats.content_share < CONTENT_SHARE


def is_quantity(term: str) -> bool:
    """A numeral or unit ("triệu", "km", "tỉ đồng", "tuổi", "thùng"): counted, since units
    tell topics apart ("usd", "phút"), but never shown as a keyword or topic label."""
    stats = background_stats()[1]
    known = stats.get(term)
    if known is None:  # a phrase news has not seen as one word: "10 tỉ đồng" -> "tỉ đồng"
        term = term.split()[0]
        known = stats.get(term)
    return term in units() or (known is not None and known.numeric_share >= NUMERIC_SHARE)


@lru_cache(maxsize=1)
def units() -> frozenset[str]:
    """Units news also uses as nouns ("thùng", "mb"; ``data/units.txt``): a closed class the
    numeric share of ``word_stats.txt`` misses."""
    text = resources.files("vntransform.data").joinpath("units.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.split("\n") if line and line[0] != "#")


def is_address(term: str) -> bool:
    """A URL, e-mail address or domain name ("tamsu@vnexpress.net"): ingest keeps it one
    word; counted (a mailbox tells articles apart), never shown as a keyword or label."""
    from vntransform.text.protect import protected_spans

    return any(True for _ in protected_spans(term, numbers=False))


def is_bound_syllable(term: str) -> bool:
    """A syllable that news nearly always writes inside a longer word ("chắn" in "chắc
    chắn"): counted where it stands alone, but never shown as a keyword or topic label,
    where it would read as a fragment."""
    stats = background_stats()[1].get(term)
    return stats is not None and stats.alone_share < BOUND_SHARE / 2


@lru_cache(maxsize=1)
def multiword_expressions() -> frozenset[tuple[str, ...]]:
    """Adjacent words that behave as one expression (``data/multiword.txt``)."""
    text = resources.files("vntransform.data").joinpath("multiword.txt").read_text("utf-8")
    return frozenset(
        tuple(line.split("|")) for line in text.split("\n") if line and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def default_stopwords() -> frozenset[str]:
    """underthesea's Vietnamese stopwords plus vnt's news list (lower-case words)."""
    from underthesea.datasets.stopwords import words as underthesea_words

    ours = resources.files("vntransform.data").joinpath("stopwords_news.txt").read_text("utf-8")
    return frozenset(
        w.strip().lower()
        for w in [*underthesea_words, *ours.split("\n")]
        if w.strip() and not w.startswith("#")
    )


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

    return {
        w.strip().lower()
        for w in normalize_text(text).split("\n")
        if w.strip() and not w.strip().startswith("#")
    }


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
        value = self[word] = is_candidate(word) and not is_function_word(word, self.stopwords)
        return value


@dataclass
class Vocabulary:
    """How stored words become terms: phrases to merge and stopwords to drop."""

    phrases: set[tuple[str, ...]] = field(default_factory=set)
    stopwords: frozenset[str] = field(default_factory=frozenset)
    max_len: int = 2
    hidden: frozenset[str] = frozenset()  # merged expressions that are not terms ("trở lên")
    bigrams: bool = False  # document_terms adds adjacent term pairs ("a\tb"), for topics

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
        starts, phrases, hidden = self._starts, self.phrases, self.hidden
        out: list[str] = []
        i, n = 0, len(lowered)
        for start, word in enumerate(lowered):
            if start < i or word not in starts:
                continue  # not a phrase start, or inside a phrase merged already
            for size in starts[word]:
                if start + size <= n and tuple(lowered[start : start + size]) in phrases:
                    out.extend(filter(keep, lowered[i:start]))
                    phrase = " ".join(lowered[start : start + size])
                    if phrase not in hidden:
                        out.append(phrase)
                    i = start + size
                    break
        out.extend(filter(keep, lowered[i:]))
        return out

    def document_terms(self, sentences: Iterable[Sequence[str]]) -> list[str]:
        """All terms of a document (a list of sentences' words)."""
        out: list[str] = []
        for words in sentences:
            terms = self.terms(words)
            out.extend(terms)
            if self.bigrams:
                out.extend(map(BIGRAM_SEP.join, zip(terms, terms[1:], strict=False)))
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


def _llr(k11: int, k12: int, k21: int, k22: int) -> float:
    """Dunning's log-likelihood ratio (G²) of a 2×2 contingency table."""

    def h(*ks: int) -> float:
        total = sum(ks)
        return sum(k * math.log(k / total) for k in ks if k > 0)

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def learn_collocations(
    docs: Iterable[Iterable[Sequence[str]]],
    *,
    stopwords: frozenset[str],
    min_count: int | None = None,
    min_npmi: float = 0.5,
    npmi_floor: float = 0.3,
) -> set[tuple[str, str]]:
    """Adjacent word pairs that form one expression, learned from the corpus.

    A pair is seen at least ``min_count`` times (default 2 in corpora under 20 articles,
    else 3), its association is significant (log-likelihood ratio >= 10.83, p < 0.001) and
    its normalised PMI at least ``npmi_floor``; then it is kept when both words are content
    words and the NPMI reaches ``min_npmi``, or when a one-syllable member is bound: next to
    the other word in at least half of its occurrences ("điểm cầu", "băng rộng"). A pair seen
    fewer than 5 times needs an NPMI of 0.8 (its words are nearly always together). A pair
    with a function word is kept only when its other member is bound ("trở lên"), so that
    the fragment is not counted as a word. Punctuation and numbers never pair.
    """
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    total = n_docs = 0
    for doc in docs:
        # one list per article, with a break between sentences so no pair spans two
        lowered = [w.lower() for words in doc for w in (*words, "\n")]
        unigrams.update(lowered)
        total += len(lowered)
        n_docs += 1
        bigrams.update(zip(lowered, lowered[1:], strict=False))
    if total == 0:
        return set()
    if min_count is None:
        min_count = 2 if n_docs < 20 else 3
    # every word but an article's last starts a pair: its word count stands for its count
    # as a first (or second) member, and the word total for the pair total
    out = set()
    for (a, b), count in bigrams.items():
        if count < min_count or not (is_candidate(a) and is_candidate(b)):
            continue
        p_ab = count / total
        npmi = math.log(p_ab / (unigrams[a] / total * unigrams[b] / total)) / -math.log(p_ab)
        if npmi < npmi_floor:
            continue
        k12, k21 = unigrams[a] - count, unigrams[b] - count
        if _llr(count, k12, k21, total - count - k12 - k21) < MIN_LLR:
            continue
        bound = max([count / unigrams[w] for w in (a, b) if " " not in w] or [0.0])
        function = [is_function_word(w, stopwords) for w in (a, b)]
        if all(function):
            continue
        if count < RARE_PAIR and npmi < RARE_NPMI:
            continue  # a pair seen only a few times must nearly always be together
        if any(function):
            content = b if function[0] else a
            if " " not in content and count / unigrams[content] >= BOUND_SHARE:
                out.add((a, b))  # merged so the bound half is not a word; then hidden
        elif npmi >= min_npmi or bound >= BOUND_SHARE:
            out.add((a, b))
    return out


def build_vocabulary(
    docs: Iterable[Iterable[Sequence[str]]] | None = None,
    *,
    terms: Iterable[str] = (),
    extra_stopwords: Iterable[str] = (),
    collocations: bool = True,
    min_count: int | None = None,
    min_npmi: float = 0.5,
) -> Vocabulary:
    """The vocabulary for a corpus: term list phrases, learned collocations, stopwords.

    Args:
        docs: each document as a list of sentences' words (needed for collocations).
        terms: extra multiword terms (the built-in list is always included).
        extra_stopwords: more stopwords (``--stopwords FILE``).
        collocations: learn phrases from the corpus.
        min_count: a collocation occurs at least this often (default: 2 under 20
            articles, else 3).
        min_npmi: normalised PMI (-1..1) that two content words need unless one is bound.
    """
    from vntransform.corpus.ingest import builtin_terms

    stop = frozenset(default_stopwords() | {w.lower() for w in extra_stopwords})
    known = _term_phrases([*builtin_terms(), *terms])
    learned = set(multiword_expressions())
    if collocations and docs is not None:
        learned |= learn_collocations(docs, stopwords=stop, min_count=min_count, min_npmi=min_npmi)
    # an expression that begins or ends with a function word or a quantity is merged, so its
    # halves are not counted, but it is no term itself; the user's terms always are
    # (unless news tags the expression itself as content: "nâng cao", "vượt qua"); a
    # stopword expression ("bên cạnh") is merged, then hidden, whatever its halves are
    stats = background_stats()[1]
    hidden = {
        " ".join(p)
        for p in learned - known
        if " ".join(p) in stop
        or (
            (is_function_word(" ".join(p)) or " ".join(p) not in stats)
            and (is_function_word(p[0], stop) or is_function_word(p[-1], stop))
        )
    }
    phrases = known | learned
    max_len = max((len(p) for p in phrases), default=1)
    # single-word stopwords never block a known multiword term
    return Vocabulary(
        phrases=phrases,
        stopwords=stop,
        max_len=max(2, max_len),
        hidden=frozenset(hidden - {" ".join(p) for p in known}),
    )
