"""Keywords: the terms that stand out, by TF-IDF over the stored words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from vntransform.mining.cache import cached
from vntransform.mining.vectorize import build_term_matrix

if TYPE_CHECKING:
    import pandas as pd

KEYWORD_COLUMNS = ["term", "score", "doc_freq", "count"]
PER_DOC_COLUMNS = ["doc_id", "title", "rank", "term", "score"]


def extract_keywords(
    corpus: Any,
    *,
    top: int = 20,
    terms: Sequence[str] = (),
    stopwords: Sequence[str] = (),
    use_cache: bool = True,
) -> pd.DataFrame:
    """The corpus's top terms.

    ``score`` is the sum over articles of each term's sublinear, l2-normalised TF-IDF
    weight: a term scores high when it matters in many articles. Ties are broken by term.

    Returns:
        DataFrame with columns term, score, doc_freq (articles containing it), count.

    Example:
        >>> extract_keywords(Corpus.open("vnt.db"), top=5)  # doctest: +SKIP
    """
    params = {"top": top, "terms": sorted(terms), "stopwords": sorted(stopwords)}
    return cached(corpus, "keywords", params, lambda: _keywords(corpus, top, terms, stopwords,
                                                                use_cache), use_cache=use_cache)


def _keywords(corpus: Any, top: int, terms: Sequence[str], stopwords: Sequence[str],
              use_cache: bool) -> pd.DataFrame:
    import pandas as pd

    matrix = build_term_matrix(corpus, unit="doc", terms=terms, stopwords=stopwords,
                               use_cache=use_cache)
    if not matrix.terms:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    weights = np.asarray(matrix.tfidf().sum(axis=0)).ravel()
    counts = np.asarray(matrix.counts.sum(axis=0)).ravel()
    doc_freq = np.diff(matrix.counts.tocsc().indptr)
    order = sorted(range(len(matrix.terms)), key=lambda i: (-round(weights[i], 12),
                                                            matrix.terms[i]))[:top]
    return pd.DataFrame({
        "term": [matrix.terms[i] for i in order],
        "score": [round(float(weights[i]), 4) for i in order],
        "doc_freq": [int(doc_freq[i]) for i in order],
        "count": [int(counts[i]) for i in order],
    }, columns=KEYWORD_COLUMNS)


def keywords_per_doc(
    corpus: Any,
    *,
    top: int = 10,
    doc_ids: Sequence[str] | None = None,
    terms: Sequence[str] = (),
    stopwords: Sequence[str] = (),
    use_cache: bool = True,
) -> pd.DataFrame:
    """The top terms of each article (or of the given articles).

    Returns:
        DataFrame with columns doc_id, title, rank, term, score.
    """
    params = {"top": top, "doc_ids": None if doc_ids is None else sorted(doc_ids),
              "terms": sorted(terms), "stopwords": sorted(stopwords)}
    return cached(corpus, "keywords_per_doc", params,
                  lambda: _per_doc(corpus, top, doc_ids, terms, stopwords, use_cache),
                  use_cache=use_cache)


def _per_doc(corpus: Any, top: int, doc_ids: Sequence[str] | None, terms: Sequence[str],
             stopwords: Sequence[str], use_cache: bool) -> pd.DataFrame:
    import pandas as pd

    matrix = build_term_matrix(corpus, unit="doc", terms=terms, stopwords=stopwords,
                               use_cache=use_cache)
    titles = dict(corpus.documents()[["doc_id", "title"]].itertuples(index=False))
    wanted = None if doc_ids is None else set(doc_ids)
    tfidf = matrix.tfidf().tocsr()
    rows = []
    for row, doc_id in enumerate(matrix.doc_ids):
        if wanted is not None and doc_id not in wanted:
            continue
        start, end = tfidf.indptr[row], tfidf.indptr[row + 1]
        pairs = sorted(zip(tfidf.data[start:end], tfidf.indices[start:end], strict=True),
                       key=lambda p: (-round(p[0], 12), matrix.terms[p[1]]))[:top]
        for rank, (score, col) in enumerate(pairs, start=1):
            rows.append((doc_id, titles.get(doc_id, ""), rank, matrix.terms[col],
                         round(float(score), 4)))
    return pd.DataFrame(rows, columns=PER_DOC_COLUMNS)
