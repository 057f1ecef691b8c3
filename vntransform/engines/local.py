"""Count terms in this process (the default engine), and the counting both engines share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vntransform.corpus.base import CorpusReader
    from vntransform.engines.base import TermCounts
    from vntransform.mining.vocabulary import Vocabulary

Unit = tuple[tuple[str, int], list[list[str]]]


def document_units(doc_id: str, sentences: Sequence[Sequence[str]], paragraphs: Sequence[int],
                   unit: str) -> Iterator[Unit]:
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


def corpus_units(corpus: CorpusReader, unit: str) -> Iterator[Unit]:
    """(key, [words of each sentence]) per unit, streaming from the store."""
    if unit == "doc":
        for doc_id, sentences in corpus.iter_token_lists():
            yield (doc_id, 0), sentences
        return
    for doc_id, group in groupby(corpus.iter_sentences(), key=lambda s: s.doc_id):
        rows = list(group)
        yield from document_units(doc_id, [s.tokens for s in rows],
                                  [s.paragraph for s in rows], unit)


def count_terms(units: Iterable[Unit], vocab: Vocabulary) -> TermCounts:
    """(unit keys, sorted term names, units × terms CSR counts) of the given units."""
    from collections import Counter

    import numpy as np
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
    matrix: Any = sparse.csr_matrix(
        (np.array(data, dtype=np.int64), order[np.array(indices, dtype=np.int64)],
         np.array(indptr, dtype=np.int64)), shape=(len(keys), len(names)))
    matrix.sort_indices()
    return keys, names, matrix


class LocalEngine:
    """Counts terms in this process, streaming the corpus's stored words."""

    name = "local"

    def count_terms(self, corpus: CorpusReader, *, unit: str, vocab: Vocabulary) -> TermCounts:
        return count_terms(corpus_units(corpus, unit), vocab)
