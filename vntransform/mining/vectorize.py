"""The shared unit × term count matrix, built from stored words and cached in the store.

Units are articles (``doc``), paragraphs or sentences. The matrix is cached as every result
is (``mining.cache.cached``: one format, keyed by the corpus version and the unit and
vocabulary options; any ingest bumps the corpus version, which empties the cache).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from vntransform.mining.cache import keep, peek
from vntransform.mining.vocabulary import Vocabulary, build_vocabulary

if TYPE_CHECKING:
    from vntransform.corpus.base import CorpusReader
    from vntransform.engines.base import Engine

UNITS = ("doc", "paragraph", "sentence")
COLLOCATION_SAMPLE = 5_000
CACHE_FORMAT = 4  # bump when the matrix changes for the same corpus and options


@dataclass(slots=True)
class TermMatrix:
    """Counts of terms per unit, with the unit keys and the vocabulary."""

    unit_keys: list[tuple[str, int]]  # (doc_id, paragraph or sentence index; 0 for doc)
    terms: list[str]
    counts: Any  # scipy.sparse.csr_matrix, units × terms
    vocabulary: Vocabulary

    @property
    def doc_ids(self) -> list[str]:
        return [d for d, _ in self.unit_keys]

    def tfidf(self) -> Any:
        """Sublinear, l2-normalised TF-IDF of the counts (scikit-learn). The last answer is
        kept (the report's keywords and topics ask for the same 33,000-row matrix's, a
        second each); callers must not change it in place."""
        from sklearn.feature_extraction.text import TfidfTransformer

        if _last_tfidf and _same_counts(_last_tfidf[0], self.counts):
            return _last_tfidf[1]
        result = TfidfTransformer(sublinear_tf=True).fit_transform(self.counts)
        _last_tfidf[:] = [self.counts, result]
        return result


_last_tfidf: list[Any] = []  # [counts, their TF-IDF]: TermMatrix.tfidf's last answer


def _same_counts(a: Any, b: Any) -> bool:
    """Whether two sparse count matrices are the same object or hold the same CSR arrays
    (a matrix read again from the store's cache)."""
    import numpy as np

    if a is b:
        return True
    if a.format != "csr" or b.format != "csr" or a.shape != b.shape or a.nnz != b.nnz:
        return False
    return bool(
        np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.data, b.data)
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of word lists are built: they form
    no cycles, and the collector re-scanning the growing heap cost 2 s of the 4 s it takes
    to read 33k articles' words."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def vocabulary_for(
    corpus: CorpusReader,
    *,
    terms: Sequence[str] = (),
    stopwords: Sequence[str] = (),
    collocations: bool = True,
) -> Vocabulary:
    """The corpus's vocabulary; collocations are learned from at most COLLOCATION_SAMPLE
    articles spread over the corpus (the statistics settle long before 33k articles, and
    reading every article for them was a third of the cost at that size)."""
    docs = None
    if collocations:
        step = max(1, len(corpus) // COLLOCATION_SAMPLE)
        docs = (sentences for _, sentences in corpus.iter_token_lists(every=step))
    return build_vocabulary(docs, terms=terms, extra_stopwords=stopwords, collocations=collocations)


def build_term_matrix(
    corpus: CorpusReader,
    *,
    unit: str = "doc",
    terms: Sequence[str] = (),
    stopwords: Sequence[str] = (),
    collocations: bool = True,
    bigrams: bool = False,
    use_cache: bool = True,
    engine: Engine | None = None,
) -> TermMatrix:
    """Count the terms of every unit of the corpus (never segments again).

    Args:
        corpus: an open ``Corpus`` (or any object with the same read API).
        unit: ``doc``, ``paragraph`` or ``sentence``.
        terms: extra multiword terms.
        stopwords: extra stopwords.
        collocations: learn multiword phrases from the corpus.
        bigrams: also count adjacent term pairs within a sentence (columns "a\tb"), as
            topics do: a pair tells senses apart ("tăng giá", "giá vé").
        use_cache: read and write the store's cache.
        engine: counts the terms (default: ``LocalEngine``, in this process); a
            ``DaskEngine`` counts a Parquet corpus on a cluster, to the same matrix.
    """
    return start_term_matrix(
        corpus,
        unit=unit,
        terms=terms,
        stopwords=stopwords,
        collocations=collocations,
        bigrams=bigrams,
        use_cache=use_cache,
        engine=engine,
    ).result()


@dataclass(slots=True)
class PendingMatrix:
    """A term matrix being counted (``start_term_matrix``): its vocabulary is known, the
    counts come with ``result()``."""

    vocabulary: Vocabulary
    _finish: Callable[[], TermMatrix]
    _cancel: Callable[[], None] | None = None
    _done: TermMatrix | None = None

    def result(self) -> TermMatrix:
        if self._done is None:
            self._done = self._finish()
        return self._done

    def cancel(self) -> None:
        """Stop counting in other processes (Ctrl-C, a failure elsewhere)."""
        if self._cancel is not None:
            self._cancel()


def start_term_matrix(
    corpus: CorpusReader,
    *,
    unit: str = "doc",
    terms: Sequence[str] = (),
    stopwords: Sequence[str] = (),
    collocations: bool = True,
    bigrams: bool = False,
    use_cache: bool = True,
    engine: Engine | None = None,
) -> PendingMatrix:
    """``build_term_matrix``, started: the vocabulary is learned now and, when the engine
    counts in worker processes, the counting goes on while the caller works (and uses the
    vocabulary); ``result()`` gives the matrix, cached as ``build_term_matrix`` caches it."""
    if unit not in UNITS:
        from vntransform.errors import UsageError

        raise UsageError(f"--unit {unit}: choose one of {', '.join(UNITS)}")
    params = {
        "format": CACHE_FORMAT,
        "unit": unit,
        "terms": sorted(terms),
        "stopwords": sorted(stopwords),
        "collocations": collocations,
        "bigrams": bigrams,
    }
    memo_key = (
        str(getattr(corpus, "path", None)),
        type(corpus).__name__,
        corpus.version,
        len(corpus),
        repr(sorted(params.items())),
    )
    found = _recent.get(memo_key) if use_cache else None
    if found is None and use_cache:
        found = peek(corpus, "terms", params)
    if not isinstance(found, TermMatrix) and not bigrams and use_cache:
        # the matrix with term pairs (topics') holds this one: drop the pair columns
        with_pairs = peek(corpus, "terms", {**params, "bigrams": True})
        if isinstance(with_pairs, TermMatrix):
            found = without_pairs(with_pairs)
            keep(corpus, "terms", params, found)
    if isinstance(found, TermMatrix):
        done = found
        _remember(memo_key, done)
        return PendingMatrix(done.vocabulary, lambda: done)
    with _gc_paused():
        vocab = vocabulary_for(corpus, terms=terms, stopwords=stopwords, collocations=collocations)
    if bigrams:
        vocab = replace(vocab, bigrams=True)
    if engine is None:
        from vntransform.engines.local import LocalEngine

        engine = LocalEngine()
    start = getattr(engine, "start_count_terms", None)
    cancel = None
    if start is not None:
        pending = start(corpus, unit=unit, vocab=vocab)
        cancel = getattr(pending, "cancel", None)
    else:  # another engine: counted when asked
        chosen = engine

        def pending() -> Any:
            return chosen.count_terms(corpus, unit=unit, vocab=vocab)

    def finish() -> TermMatrix:
        with _gc_paused():
            keys, term_names, counts = pending()
        matrix = TermMatrix(keys, term_names, counts, vocab)
        if use_cache:
            keep(corpus, "terms", params, matrix)
            _remember(memo_key, matrix)
        return matrix

    return PendingMatrix(vocab, finish, cancel)


# the last matrix read or counted, by corpus, corpus version and options: the report reads
# it for topics, keywords and keywords by article, and unpickling 33,000 articles' counts
# from the cache took a second each time
_recent: dict[tuple[Any, ...], TermMatrix] = {}


def _remember(key: tuple[Any, ...], matrix: TermMatrix) -> None:
    _recent.clear()
    _recent[key] = matrix


def without_pairs(matrix: TermMatrix) -> TermMatrix:
    """The matrix of the same units counted without term pairs (``bigrams=False``): the
    pair columns dropped. Pairs add columns only, never change a term's count, and columns
    stay in sorted term order, so this equals counting again, entry for entry."""
    from vntransform.mining.vocabulary import BIGRAM_SEP

    columns = [i for i, term in enumerate(matrix.terms) if BIGRAM_SEP not in term]
    counts = matrix.counts[:, columns].tocsr()
    counts.sort_indices()
    return TermMatrix(
        list(matrix.unit_keys),
        [matrix.terms[i] for i in columns],
        counts,
        replace(matrix.vocabulary, bigrams=False),
    )
