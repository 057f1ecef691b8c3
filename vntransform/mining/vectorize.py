"""The shared unit × term count matrix, built from stored words and cached in the store.

Units are articles (``doc``), paragraphs or sentences. The matrix is cached in the store's
``cache`` table keyed by the unit and the vocabulary options; any ingest bumps the corpus
version, which empties the cache.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import groupby
from typing import Any

import numpy as np

from vntransform.mining.vocabulary import Vocabulary, build_vocabulary

UNITS = ("doc", "paragraph", "sentence")
COLLOCATION_SAMPLE = 5_000
CACHE_FORMAT = 2


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
        """Sublinear, l2-normalised TF-IDF of the counts (scikit-learn)."""
        from sklearn.feature_extraction.text import TfidfTransformer

        return TfidfTransformer(sublinear_tf=True).fit_transform(self.counts)


def document_units(doc_id: str, sentences: Sequence[Sequence[str]], paragraphs: Sequence[int],
                   unit: str) -> Iterator[tuple[tuple[str, int], list[list[str]]]]:
    """The units of one document as (key, [words of each sentence]): the whole document,
    each paragraph, or each sentence (``paragraphs`` gives each sentence's paragraph)."""
    if unit == "doc":
        yield (doc_id, 0), [list(words) for words in sentences]
        return
    groups: dict[int, list[list[str]]] = {}
    for index, (paragraph, words) in enumerate(zip(paragraphs, sentences, strict=True)):
        groups.setdefault(paragraph if unit == "paragraph" else index, []).append(list(words))
    for key, bucket in groups.items():
        yield (doc_id, key), bucket


def _units(corpus: Any, unit: str) -> Iterator[tuple[tuple[str, int], list[list[str]]]]:
    """(key, [words of each sentence]) per unit, streaming from the store."""
    if unit == "doc":
        for doc_id, sentences in corpus.iter_token_lists():
            yield (doc_id, 0), sentences
        return
    for doc_id, group in groupby(corpus.iter_sentences(), key=lambda s: s.doc_id):
        sentences = list(group)
        yield from document_units(doc_id, [s.tokens for s in sentences],
                                  [s.paragraph for s in sentences], unit)


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


def vocabulary_for(corpus: Any, *, terms: Sequence[str] = (), stopwords: Sequence[str] = (),
                   collocations: bool = True) -> Vocabulary:
    """The corpus's vocabulary; collocations are learned from at most COLLOCATION_SAMPLE
    articles spread over the corpus (the statistics settle long before 33k articles, and
    reading every article for them was a third of the cost at that size)."""
    docs = None
    if collocations:
        step = max(1, len(corpus) // COLLOCATION_SAMPLE)
        docs = (sentences for _, sentences in corpus.iter_token_lists(every=step))
    return build_vocabulary(docs, terms=terms, extra_stopwords=stopwords,
                            collocations=collocations)


def count_terms(units: Iterable[tuple[tuple[str, int], list[list[str]]]],
                vocab: Vocabulary) -> tuple[list[tuple[str, int]], list[str], Any]:
    """(unit keys, sorted term names, units × terms CSR counts) of the given units."""
    from collections import Counter

    from scipy import sparse

    keys: list[tuple[str, int]] = []
    column: dict[str, int] = {}  # term -> column in order of first sight
    add = column.setdefault
    indices: list[int] = []
    data: list[int] = []
    indptr = [0]
    for unit_key, sentences in units:
        keys.append(unit_key)
        counts = Counter(vocab.document_terms(sentences))
        indices.extend(add(term, len(column)) for term in counts)
        data.extend(counts.values())
        indptr.append(len(indices))
    if not column:
        return keys, [], sparse.csr_matrix((len(keys), 0), dtype=np.int64)
    # columns in sorted term order (as scikit-learn's CountVectorizer, 2x slower here)
    names = sorted(column)
    order = np.empty(len(names), dtype=np.int64)
    order[[column[name] for name in names]] = np.arange(len(names))
    matrix = sparse.csr_matrix(
        (np.array(data, dtype=np.int64), order[np.array(indices, dtype=np.int64)],
         np.array(indptr, dtype=np.int64)), shape=(len(keys), len(names)))
    matrix.sort_indices()
    return keys, names, matrix


def build_term_matrix(
    corpus: Any,
    *,
    unit: str = "doc",
    terms: Sequence[str] = (),
    stopwords: Sequence[str] = (),
    collocations: bool = True,
    bigrams: bool = False,
    use_cache: bool = True,
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
    """
    if unit not in UNITS:
        from vntransform.errors import UsageError

        raise UsageError(f"--unit {unit}: choose one of {', '.join(UNITS)}")
    key = "terms:" + hashlib.sha256(repr(
        (CACHE_FORMAT, unit, sorted(terms), sorted(stopwords), collocations, bigrams)
    ).encode()).hexdigest()[:24]
    if use_cache:
        cached = corpus.cache_get(key)
        if cached is not None:
            return pickle.loads(cached)
    with _gc_paused():
        vocab = vocabulary_for(corpus, terms=terms, stopwords=stopwords,
                               collocations=collocations)
        if bigrams:
            vocab = replace(vocab, bigrams=True)
        client = getattr(corpus, "dask_client", None)
        if client is not None:  # a Parquet corpus on a Dask cluster: map-reduce the counts
            from vntransform.engines.dask import count_terms_dask

            keys, term_names, counts = count_terms_dask(corpus, client, unit=unit,
                                                        vocab=vocab)
        else:
            keys, term_names, counts = count_terms(_units(corpus, unit), vocab)
    matrix = TermMatrix(keys, term_names, counts, vocab)
    if use_cache:
        corpus.cache_put(key, pickle.dumps(matrix, protocol=pickle.HIGHEST_PROTOCOL))
    return matrix
