"""Keywords: the content terms that stand out, by TF-IDF over the stored words.

Terms come from the corpus vocabulary (``vocabulary.py``: function words, quantities and the
halves of split expressions are never terms). Each term's TF-IDF is weighted by how specific
it is to a topic in news at large, so words every article uses ("nước", "tìm", "lúc") do not
top a corpus of mixed news.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from vntransform.mining.cache import cached
from vntransform.mining.vectorize import build_term_matrix

if TYPE_CHECKING:
    import pandas as pd

    from vntransform.corpus.base import CorpusReader
    from vntransform.engines.base import Engine

RESULT_VERSION = 4  # bump when results change for the same corpus (cached in stores)
KEYWORD_COLUMNS = ["term", "score", "doc_freq", "count"]
PER_DOC_COLUMNS = ["doc_id", "title", "rank", "term", "score"]
BURST = 2.0  # occurrences per article from which a term counts in full
GENERIC_DF = 0.01  # a word in more than 1% of background news articles is partly generic
CONTAINED = 0.9  # a term seen inside one longer term at least 0.9x as often as alone: a fragment
MIN_CONTAINER = 2  # ... when that longer term occurs at least twice


def specificity(terms: Sequence[str]) -> np.ndarray:
    """How specific each term is, 0..1, from its background document frequency in news
    (``data/word_stats.txt``): 1 for terms in at most 1% of background articles or unseen
    there, falling with the square of the inverse document frequency for common ones
    ("nước", "muốn", "dùng" about 0.1). A phrase the background has not seen as one word is
    at most as common as its rarer half ("bên cạnh": "bên", "cạnh"). A syllable news nearly
    always writes inside longer words ("chắn", "nhân") scores 0: alone it reads as a fragment;
    so do quantities ("triệu", "km", "tỉ đồng") and addresses ("tamsu@vnexpress.net"), and
    pairs of terms (``vocabulary.BIGRAM_SEP``), which never label a topic, and abbreviations
    cut from the name they abbreviate ("tp.", "q.").
    """
    from vntransform.mining.vocabulary import (
        BIGRAM_SEP,
        background_stats,
        is_address,
        is_bound_syllable,
        is_quantity,
    )

    last = _SPECIFICITY_OF.get("terms")
    if last is terms and len(_SPECIFICITY_OF["scores"]) == len(terms):  # the same list again
        return _SPECIFICITY_OF["scores"].copy()
    n_docs, stats = background_stats()
    cap = math.log(1 / GENERIC_DF)
    out = np.ones(len(terms))
    for i, term in enumerate(terms):
        # a pair of terms (topics' "a\tb" features; 9 in 10 of 2.8 million columns on
        # 33,000 articles) labels nothing: 0 without looking it up
        if (
            BIGRAM_SEP in term
            or term.endswith(".")  # an abbreviation cut from its name: "tp.", "q."
            or is_bound_syllable(term)
            or is_quantity(term)
            or is_address(term)
        ):
            out[i] = 0.0
            continue
        doc_freq = _background_df(term, stats)
        if doc_freq:
            out[i] = min(1.0, math.log(n_docs / doc_freq) / cap) ** 2
    _SPECIFICITY_OF.update(terms=terms, scores=out.copy())
    return out


def contained_fragments(terms: Sequence[str], counts: Sequence[float] | np.ndarray) -> np.ndarray:
    """Which terms this corpus mostly writes inside longer terms: read alone they are
    fragments, measured from the corpus itself (``counts``: each term's occurrences alone).

    A term is a fragment when one longer term containing it (its syllables in a row)
    occurs at least 0.9 times as often as the term alone ("thông minh" in a corpus that
    says "đô thị thông minh", "real" beside "real madrid", "tp." of "tp. hcm"); or when it
    is one syllable news at large mostly writes inside longer words
    (``data/word_stats.txt``) and here too occurs inside longer terms at least as often as
    alone ("cứng" of "ổ cứng", "phần cứng"; a given name, "hùng"). A term used alone more
    often than inside any one longer term is kept ("dữ liệu" beside "cơ sở dữ liệu").

    Returns:
        Boolean array, True for fragments.
    """
    from vntransform.mining.vocabulary import BIGRAM_SEP, BOUND_SHARE, background_stats

    alone = np.asarray(counts, dtype=float)
    if _FRAGMENTS_OF.get("terms") is terms and np.array_equal(_FRAGMENTS_OF["counts"], alone):
        return _FRAGMENTS_OF["out"].copy()  # the report's keywords, then keywords by article
    index = {t: i for i, t in enumerate(terms)}
    inside = np.zeros(len(terms))
    best = np.zeros(len(terms))
    for j, term in enumerate(terms):
        if " " not in term or BIGRAM_SEP in term:
            continue
        syllables = term.split()
        n = len(syllables)
        subs = {
            " ".join(syllables[a:b]) for a in range(n) for b in range(a + 1, n + 1) if b - a < n
        }
        for sub in subs:
            k = index.get(sub)
            if k is not None:
                inside[k] += alone[j]
                best[k] = max(best[k], alone[j])
    out = (best >= MIN_CONTAINER) & (best >= CONTAINED * alone)
    stats = background_stats()[1]
    for i in np.flatnonzero((inside >= alone) & (inside > 0) & ~out).tolist():
        known = stats.get(terms[i])
        if " " not in terms[i] and known is not None and known.alone_share < BOUND_SHARE:
            out[i] = True
    _FRAGMENTS_OF.update(terms=terms, counts=alone, out=out.copy())
    return out


# the scores of the last term list (the term matrix's, read by the report's keywords and
# keywords by article in turn: 1.6 s each on 33,000 articles' 400,000 terms)
_SPECIFICITY_OF: dict[str, Any] = {}
# likewise the fragments of the last term list and counts
_FRAGMENTS_OF: dict[str, Any] = {}


def shown_weights(terms: Sequence[str], counts: Sequence[float] | np.ndarray) -> np.ndarray:
    """Each term's weight as a keyword: its ``specificity``, 0 for ``contained_fragments``."""
    return specificity(terms) * ~contained_fragments(terms, counts)


def _background_df(term: str, stats: dict[str, Any]) -> int:
    known = stats.get(term)
    if known is not None:
        return known.doc_freq
    syllables = term.split()
    bounds = []
    for cut in range(1, len(syllables)):
        first, second = (stats.get(" ".join(part)) for part in (syllables[:cut], syllables[cut:]))
        if first is not None and second is not None:
            bounds.append(min(first.doc_freq, second.doc_freq))
    return max(bounds, default=0)


def extract_keywords(
    corpus: CorpusReader,
    *,
    top: int = 20,
    terms: Sequence[str] = (),
    stopwords: Sequence[str] = (),
    use_cache: bool = True,
    engine: Engine | None = None,
) -> pd.DataFrame:
    """The corpus's top terms.

    ``score`` is the sum over articles of each term's sublinear, l2-normalised TF-IDF
    weight times its specificity (``specificity``: 1 for terms rare in news at large, less
    for common ones), damped for terms used under twice per article that uses them: a term
    scores high when it matters in many articles, comes back within them, and is not a word
    every article uses. Ties are broken by term.

    Returns:
        DataFrame with columns term, score, doc_freq (articles containing it), count.

    Example:
        >>> extract_keywords(Corpus.open("vnt.db"), top=5)  # doctest: +SKIP
    """
    params = {
        "version": RESULT_VERSION,
        "top": top,
        "terms": sorted(terms),
        "stopwords": sorted(stopwords),
    }
    return cached(
        corpus,
        "keywords",
        params,
        lambda: _keywords(corpus, top, terms, stopwords, use_cache, engine),
        use_cache=use_cache,
    )


def _keywords(
    corpus: CorpusReader,
    top: int,
    terms: Sequence[str],
    stopwords: Sequence[str],
    use_cache: bool,
    engine: Engine | None = None,
) -> pd.DataFrame:
    import pandas as pd

    matrix = build_term_matrix(
        corpus, unit="doc", terms=terms, stopwords=stopwords, use_cache=use_cache, engine=engine
    )
    if not matrix.terms:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    counts = np.asarray(matrix.counts.sum(axis=0)).ravel()
    doc_freq = np.diff(matrix.counts.tocsc().indptr)
    # a topic word comes back within the articles that use it; a word every kind of article
    # uses once ("bên cạnh", "câu hỏi") does not: damp terms seen under twice per article
    burst = np.minimum(1.0, counts / np.maximum(doc_freq, 1) / BURST)
    shown = shown_weights(matrix.terms, counts)
    weights = np.asarray(matrix.tfidf().sum(axis=0)).ravel() * shown * burst
    order = sorted(
        np.flatnonzero(weights > 0), key=lambda i: (-round(weights[i], 12), matrix.terms[i])
    )[:top]
    return pd.DataFrame(
        {
            "term": [matrix.terms[i] for i in order],
            "score": [round(float(weights[i]), 4) for i in order],
            "doc_freq": [int(doc_freq[i]) for i in order],
            "count": [int(counts[i]) for i in order],
        },
        columns=KEYWORD_COLUMNS,
    )


def keywords_per_doc(
    corpus: CorpusReader,
    *,
    top: int = 10,
    doc_ids: Sequence[str] | None = None,
    terms: Sequence[str] = (),
    stopwords: Sequence[str] = (),
    use_cache: bool = True,
    engine: Engine | None = None,
) -> pd.DataFrame:
    """The top terms of each article (or of the given articles), by TF-IDF times
    specificity as for ``extract_keywords``.

    Returns:
        DataFrame with columns doc_id, title, rank, term, score.
    """
    return cached(
        corpus,
        "keywords_per_doc",
        _per_doc_params(top, doc_ids, terms, stopwords),
        lambda: _per_doc(corpus, top, doc_ids, terms, stopwords, use_cache, engine),
        use_cache=use_cache,
    )


def _per_doc_params(
    top: int, doc_ids: Sequence[str] | None, terms: Sequence[str], stopwords: Sequence[str]
) -> dict[str, Any]:
    return {
        "version": RESULT_VERSION,
        "top": top,
        "doc_ids": None if doc_ids is None else sorted(doc_ids),
        "terms": sorted(terms),
        "stopwords": sorted(stopwords),
    }


def start_keywords_per_doc(corpus: CorpusReader, *, top: int = 10) -> PendingFrame:
    """``keywords_per_doc(corpus, top=top)``, finished in another process where processes
    can fork, so the caller can go on (the report scores its keywords meanwhile):
    the weights are computed here (specificity, fragments and TF-IDF, which
    ``extract_keywords`` then finds computed), the ranking of every article's terms and
    the frame there. ``result()`` waits for the frame and keeps it in the store's result
    cache. Elsewhere, or when cached, computed by ``result()``."""
    from vntransform.corpus.derived import MP_CONTEXT
    from vntransform.mining.cache import peek

    params = _per_doc_params(top, None, (), ())
    found = peek(corpus, "keywords_per_doc", params)
    if found is not None or MP_CONTEXT is None:
        return PendingFrame(lambda: keywords_per_doc(corpus, top=top), lambda: None)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from vntransform.engines.local import ignore_interrupts

    matrix = build_term_matrix(corpus, unit="doc")
    # the forked process finds the weights in its copy of this one's memory
    _scorer["job"] = (*_per_doc_weights(corpus, matrix, None), matrix.terms, top)
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context(MP_CONTEXT),
        initializer=ignore_interrupts,
    )
    try:
        future = pool.submit(_per_doc_job)
    except BaseException:
        _scorer.clear()
        pool.shutdown(wait=False, cancel_futures=True)
        raise

    def finish() -> pd.DataFrame:
        try:
            frame = future.result()
        finally:
            _scorer.clear()
            pool.shutdown()
        return cached(corpus, "keywords_per_doc", params, lambda: frame)

    def cancel() -> None:
        _scorer.clear()
        pool.shutdown(wait=False, cancel_futures=True)

    return PendingFrame(finish, cancel)


class PendingFrame:
    """A frame being computed (``start_keywords_per_doc``); ``result()`` waits for it."""

    def __init__(self, finish: Callable[[], pd.DataFrame], cancel: Callable[[], None]) -> None:
        self._finish, self._cancel = finish, cancel

    def result(self) -> pd.DataFrame:
        try:
            return self._finish()
        except BaseException:
            self._cancel()
            raise

    def cancel(self) -> None:
        """Stop the other process (Ctrl-C, a failure elsewhere)."""
        self._cancel()


_scorer: dict[str, Any] = {}  # the job of start_keywords_per_doc's forked process


def _per_doc_job() -> pd.DataFrame:
    return _per_doc_frame(*_scorer["job"])


def _per_doc(
    corpus: CorpusReader,
    top: int,
    doc_ids: Sequence[str] | None,
    terms: Sequence[str],
    stopwords: Sequence[str],
    use_cache: bool,
    engine: Engine | None = None,
) -> pd.DataFrame:
    matrix = build_term_matrix(
        corpus, unit="doc", terms=terms, stopwords=stopwords, use_cache=use_cache, engine=engine
    )
    return _per_doc_frame(*_per_doc_weights(corpus, matrix, doc_ids), matrix.terms, top)


def _per_doc_weights(
    corpus: CorpusReader, matrix: Any, doc_ids: Sequence[str] | None
) -> tuple[Any, list[str], dict[str, str]]:
    """The weighted TF-IDF rows of the articles (all, or ``doc_ids``), their ids, titles."""
    from scipy import sparse

    titles = dict(corpus.documents()[["doc_id", "title"]].itertuples(index=False))
    counts = np.asarray(matrix.counts.sum(axis=0)).ravel()
    shown = shown_weights(matrix.terms, counts)
    tfidf = (matrix.tfidf() @ sparse.diags(shown)).tocsr()
    if doc_ids is not None:
        wanted = set(doc_ids)
        tfidf = tfidf[[r for r, d in enumerate(matrix.doc_ids) if d in wanted]]
        units = [d for d in matrix.doc_ids if d in wanted]
    else:
        units = matrix.doc_ids
    return tfidf, units, titles


def _per_doc_frame(
    tfidf: Any, units: list[str], titles: dict[str, str], terms: list[str], top: int
) -> pd.DataFrame:
    import pandas as pd

    rows, cols, scores = _top_per_row(tfidf, top, terms)
    ranks = (np.arange(len(rows)) - np.searchsorted(rows, rows) + 1).tolist()
    records = [
        (units[r], titles.get(units[r], ""), rank, terms[c], round(w, 4))
        for r, rank, c, w in zip(rows.tolist(), ranks, cols.tolist(), scores.tolist(), strict=True)
    ]
    return pd.DataFrame(records, columns=PER_DOC_COLUMNS)


def _top_per_row(
    weights: Any, top: int, terms: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``top`` positive entries of each row of a CSR matrix, by weight (rounded to 12
    places) descending, then term: (rows, columns, weights), row by row, in rank order."""
    rows = np.repeat(np.arange(weights.shape[0]), np.diff(weights.indptr))
    cols, data = weights.indices, weights.data
    positive = data > 0
    rows, cols, data = rows[positive], cols[positive], data[positive]
    term_order = np.empty(len(terms), dtype=np.int64)
    term_order[sorted(range(len(terms)), key=terms.__getitem__)] = np.arange(len(terms))
    # sort by row, then weight descending, then term (np.lexsort: last key first)
    order = np.lexsort((term_order[cols], -np.round(data, 12), rows))
    rows, cols, data = rows[order], cols[order], data[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    keep = rank < top
    return rows[keep], cols[keep], data[keep]
