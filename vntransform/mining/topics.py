"""Topics: clusters of articles, paragraphs or sentences by TF-IDF (k-means on LSA, or NMF).

Units are described by their terms and adjacent term pairs (TF-IDF); articles also by the
syllables and syllable pairs of their title and body (a second TF-IDF, weighted equally; up
to 20,000 articles), which keep what segmentation and stopword removal drop: the parts of
compounds, and the function words whose use differs between news sections. k-means on an
LSA of 100 dimensions (50 to 100 under 3,000 units) finds the broad split; spherical k-means
over the full vocabulary then refines it, each unit seen blended with its ten nearest
neighbours (up to 20,000 units).
Each topic is labelled by its most distinctive content terms (frequent in the topic, rare
elsewhere, not generic in news). Five articles cannot form document topics, so the unit
defaults to paragraphs for corpora under 50 articles and to articles above. ``k="auto"``
tries k in a range, keeps the split that best separates the units (silhouette) and says so.

``coherence`` is how often a topic's top terms occur in the same unit, beyond chance (mean
NPMI, -1..1): above 0 the terms go together; below 0 they come from different units, a sign
that the topic is a catch-all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from vntransform.errors import UsageError, VntError
from vntransform.mining.cache import cached, keep, peek
from vntransform.mining.vectorize import TermMatrix, build_term_matrix

if TYPE_CHECKING:
    import pandas as pd

    from vntransform.corpus.base import CorpusReader
    from vntransform.engines.base import Engine

RESULT_VERSION = 5  # bump when results change for the same corpus (cached in stores)
TOPIC_COLUMNS = [
    "topic",
    "label",
    "size",
    "share",
    "docs",
    "coherence",
    "top_terms",
    "example",
    "example_doc",
]
ASSIGNMENT_COLUMNS = ["doc_id", "unit_index", "topic", "text"]
SMALL_CORPUS = 50
MINIBATCH_ABOVE = 20_000
RESTARTS = 3
AUTO_K = range(2, 11)
NEIGHBOURS = 10  # nearest units each unit is blended with while clustering
SELF_SHARE = 0.5  # the unit's own share of the blend
LSA_FIT_MAX = 10_000  # units the SVD is fitted on, at most
LSA_ITERATIONS = 2  # power iterations of the randomized SVD (scikit-learn's default: 5)
LSA_DIMENSIONS = 100  # at most; fewer on smaller corpora (``lsa_dimensions``)
LSA_UNITS_PER_DIMENSION = 30
LSA_MIN_DIMENSIONS = 50
SYLLABLE_FEATURES = 20_000  # most frequent syllables and syllable pairs, at most
_SYLLABLE = re.compile(r"\w+")


@dataclass(slots=True)
class TopicResult:
    """Topics, every unit's topic, and how k was chosen."""

    topics: pd.DataFrame
    assignments: pd.DataFrame
    k: int
    unit: str
    method: str
    reason: str


def default_unit(n_docs: int) -> str:
    return "paragraph" if n_docs < SMALL_CORPUS else "doc"


def fit_topics(
    corpus: CorpusReader,
    *,
    k: int | str = "auto",
    method: str = "kmeans",
    unit: str | None = None,
    seed: int = 0,
    terms: Sequence[str] = (),
    stopwords: Sequence[str] = (),
    lexicon: Sequence[Any] | None = None,
    fit_sample: int | None = None,
    use_cache: bool = True,
    engine: Engine | None = None,
) -> TopicResult:
    """Cluster the corpus into topics.

    Args:
        corpus: an open corpus.
        k: number of topics, or "auto" (best silhouette for k in 2..10).
        method: "kmeans" (LSA + k-means; MiniBatchKMeans above 20,000 units) or "nmf".
        unit: "doc", "paragraph" or "sentence" (default: paragraph under 50 articles).
        seed: random state; the same seed gives the same topics.
        fit_sample: fit LSA and the clustering on this many units (drawn by a hash of the
            seed and the unit's id, so the draw does not depend on storage or partitioning),
            then assign every unit to its nearest topic. None: fit on all units. Articles
            (``unit="doc"``) are then fitted as if the sample were the corpus (its own
            columns, term pairs and syllables) and the others assigned by the corpus's term
            matrix (the one keywords count): seconds instead of a minute on 33,000
            articles.
        engine: counts the terms (``LocalEngine(workers)`` counts a large store in
            ``workers`` processes).

    Raises:
        UsageError: bad option values.
        VntError: too few units or terms to form topics.
    """
    return start_topics(
        corpus,
        k=k,
        method=method,
        unit=unit,
        seed=seed,
        terms=terms,
        stopwords=stopwords,
        lexicon=lexicon,
        fit_sample=fit_sample,
        use_cache=use_cache,
        engine=engine,
    ).result()


class PendingTopics:
    """Topics being fitted (``start_topics``); ``result()`` waits for them."""

    def __init__(
        self,
        finish: Callable[[], TopicResult],
        cancel: Callable[[], None],
        terms: Any = None,
    ) -> None:
        self._finish, self._cancel, self._terms = finish, cancel, terms
        self._done: TopicResult | None = None

    def wait_for_terms(self) -> None:
        """Wait for the corpus's term matrix these topics count (a ``PendingMatrix``),
        which is then in the store's cache for keywords to read."""
        if self._terms is not None:
            try:
                self._terms.result()
            except BaseException:
                self._cancel()
                raise

    def result(self) -> TopicResult:
        if self._done is None:
            try:
                self._done = self._finish()
            except BaseException:
                self._cancel()
                raise
        return self._done

    def cancel(self) -> None:
        """Stop the work running in other processes (Ctrl-C, a failure elsewhere)."""
        self._cancel()


def start_topics(
    corpus: CorpusReader,
    *,
    k: int | str = "auto",
    method: str = "kmeans",
    unit: str | None = None,
    seed: int = 0,
    terms: Sequence[str] = (),
    stopwords: Sequence[str] = (),
    lexicon: Sequence[Any] | None = None,
    fit_sample: int | None = None,
    use_cache: bool = True,
    engine: Engine | None = None,
) -> PendingTopics:
    """``fit_topics``, started. Article topics of a large SQLite store fitted on a sample
    go on in other processes (the sample's fit in one, the corpus's term counts in the
    engine's workers) while the caller does other work; ``result()`` assigns every article
    and caches the result. Otherwise the topics are fitted here and now (bad options raise
    here)."""
    params = {
        "version": RESULT_VERSION,
        "k": k,
        "method": method,
        "unit": unit,
        "seed": seed,
        "terms": sorted(terms),
        "stopwords": sorted(stopwords),
        "lexicon": None if lexicon is None else [(t.name, t.terms) for t in lexicon],
        "fit_sample": fit_sample,
    }
    found = peek(corpus, "topics", params) if use_cache else None
    if isinstance(found, TopicResult):
        done = found
        return PendingTopics(lambda: done, lambda: None)
    if (unit or default_unit(len(corpus))) == "doc" and fit_sample and fit_sample < len(corpus):
        pending = _start_sampled(
            corpus, k, method, seed, terms, stopwords, lexicon, fit_sample, use_cache, engine
        )

        def finish() -> TopicResult:
            result = pending.result()
            if use_cache:
                keep(corpus, "topics", params, result)
            return result

        return PendingTopics(finish, pending.cancel, pending._terms)
    result = cached(
        corpus,
        "topics",
        params,
        lambda: _fit(
            corpus, k, method, unit, seed, terms, stopwords, lexicon, fit_sample, use_cache, engine
        ),
        use_cache=use_cache,
    )
    return PendingTopics(lambda: result, lambda: None)


def _start_sampled(
    corpus: CorpusReader,
    k: int | str,
    method: str,
    seed: int,
    terms: Sequence[str],
    stopwords: Sequence[str],
    lexicon: Sequence[Any] | None,
    fit_sample: int,
    use_cache: bool,
    engine: Engine | None,
) -> PendingTopics:
    """Article topics fitted on ``fit_sample`` articles as a corpus of their own (their own
    columns, term pairs and syllables: what ``_fit`` does), then every other article
    assigned to the topic whose centre is nearest in the corpus's term matrix (TF-IDF of
    single terms, cached and shared with keywords), the centres being the means of the
    sample's topics there. Counting the term pairs of every article, which this avoids,
    was 40 of the 55 CPU seconds of topics on 33,000 articles. The sample is counted with
    the vocabulary the corpus's matrix learns (its multiword phrases) and, for an SQLite
    store where processes can fork, fitted in another process while the corpus's matrix is
    counted by the engine's workers and the caller goes on."""
    from dataclasses import replace

    from vntransform.corpus.derived import MP_CONTEXT, reopen_args
    from vntransform.mining.vectorize import start_term_matrix

    ids = corpus.doc_ids()
    chosen = _sample_rows([(d, 0) for d in ids], fit_sample, seed)
    assert chosen is not None
    sample_ids = [ids[i] for i in chosen]
    matrix = start_term_matrix(
        corpus, unit="doc", terms=terms, stopwords=stopwords, use_cache=use_cache, engine=engine
    )
    job = (
        sample_ids,
        replace(matrix.vocabulary, bigrams=True),
        (k, method, seed, tuple(terms), tuple(stopwords), lexicon),
    )
    where = reopen_args(corpus)
    if where is None or MP_CONTEXT is None:
        return PendingTopics(
            lambda: _assign(corpus, _fit_sample(corpus, *job), matrix.result(), method),
            lambda: None,
            matrix,
        )
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context(MP_CONTEXT),
        initializer=_start_fitter,
        initargs=(where,),
    )
    try:
        future = pool.submit(_fit_sample_job, job)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise

    def finish() -> TopicResult:
        fitted = future.result()
        pool.shutdown()
        return _assign(corpus, fitted, matrix.result(), method)

    def cancel() -> None:
        pool.shutdown(wait=False, cancel_futures=True)
        matrix.cancel()

    return PendingTopics(finish, cancel, matrix)


_fitter: dict[str, Any] = {}


def _start_fitter(where: Any) -> None:
    from vntransform.corpus.derived import reopen
    from vntransform.engines.local import ignore_interrupts

    ignore_interrupts()
    _fitter["corpus"] = reopen(where)


def _fit_sample_job(job: Any) -> TopicResult:
    return _fit_sample(_fitter["corpus"], *job)


def _fit_sample(
    corpus: CorpusReader, sample_ids: list[str], vocab: Any, options: tuple
) -> TopicResult:
    """The topics of the sample articles of ``corpus`` as a corpus of their own."""
    # loaded before the limit is set, which applies to the thread pools loaded by then
    # (scikit-learn's k-means loads OpenMP)
    import sklearn.cluster  # noqa: F401
    import sklearn.decomposition  # noqa: F401
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    from vntransform.corpus.select import CorpusView
    from vntransform.engines.local import corpus_units
    from vntransform.engines.local import count_terms as count_units

    k, method, seed, terms, stopwords, lexicon = options
    sample = CorpusView(corpus, sample_ids, "topic sample")
    # one thread for numpy/BLAS and OpenMP: the engine's processes count meanwhile, and
    # more threads than cores made the fit spend twice the CPU (6 s -> 14 s) waiting for
    # each other
    with threadpool_limits(1):
        keys, names, counts = count_units(corpus_units(sample, "doc"), vocab)
        return _fit(
            sample,
            k,
            method,
            "doc",
            seed,
            terms,
            stopwords,
            lexicon,
            None,
            False,
            matrix=TermMatrix(keys, names, counts, vocab),
        )


def _assign(
    corpus: CorpusReader, fitted: TopicResult, matrix: TermMatrix, method: str
) -> TopicResult:
    """Every article of ``corpus`` in the topics ``fitted`` on a sample of it: the sample's
    articles keep theirs, the others go to the nearest topic centre in ``matrix``."""
    import pandas as pd

    rows = np.flatnonzero(np.asarray(matrix.counts.sum(axis=1)).ravel() > 0)
    keys = [matrix.unit_keys[i] for i in rows]
    tfidf = matrix.tfidf()[rows]
    fitted_topic = dict(
        zip(fitted.assignments["doc_id"], fitted.assignments["topic"].astype(int), strict=True)
    )
    in_sample = np.array([d in fitted_topic for d, _ in keys])
    sample_rows = np.flatnonzero(in_sample)
    sample_labels = np.array([fitted_topic[keys[i][0]] for i in sample_rows], dtype=np.int64)
    centres = _centres(tfidf[sample_rows], sample_labels, fitted.k)
    labels = np.asarray(tfidf @ centres.T).argmax(axis=1)
    labels[sample_rows] = sample_labels  # the sample keeps the topics it was fitted to
    texts = _unit_texts(corpus, keys, "doc")
    assignments = pd.DataFrame(
        [
            (d, i, int(t), _shorten(x, 160))
            for (d, i), t, x in zip(keys, labels, texts, strict=True)
        ],
        columns=ASSIGNMENT_COLUMNS,
    )
    sizes = np.bincount(labels, minlength=fitted.k)
    topics_frame = fitted.topics.assign(
        size=[int(sizes[t]) for t in fitted.topics["topic"]],
        share=[round(sizes[t] / len(rows), 4) for t in fitted.topics["topic"]],
        docs=[int(sizes[t]) for t in fitted.topics["topic"]],
    )
    reason = f"{fitted.reason}; fitted on {len(sample_rows):,} of {len(rows):,} docs"
    return TopicResult(topics_frame, assignments, fitted.k, "doc", method, reason)


def _fit(
    corpus: CorpusReader,
    k: int | str,
    method: str,
    unit: str | None,
    seed: int,
    terms: Sequence[str],
    stopwords: Sequence[str],
    lexicon: Sequence[Any] | None,
    fit_sample: int | None,
    use_cache: bool,
    engine: Engine | None = None,
    matrix: TermMatrix | None = None,
) -> TopicResult:
    """Fit the topics of ``corpus`` (``matrix``: its terms and term pairs, already counted)."""
    import pandas as pd

    if method not in ("kmeans", "nmf"):
        raise UsageError(f"--method {method}: choose kmeans or nmf")
    n_docs = len(corpus)
    unit = unit or default_unit(n_docs)
    if matrix is None:
        matrix = build_term_matrix(
            corpus,
            unit=unit,
            terms=terms,
            stopwords=stopwords,
            bigrams=True,
            use_cache=use_cache,
            engine=engine,
        )
    keep = np.asarray(matrix.counts.sum(axis=1)).ravel() > 0
    rows = np.flatnonzero(keep)
    if len(rows) < 3 or len(matrix.terms) < 3:
        raise VntError(
            f"too few {unit}s with words to form topics ({len(rows)}); "
            "ingest more articles or use --unit sentence"
        )
    tfidf = matrix.tfidf()[rows]
    tfidf, term_index = _prune(tfidf, len(rows))
    terms_kept = [matrix.terms[i] for i in term_index]
    keys = [matrix.unit_keys[i] for i in rows]
    fit_rows = _sample_rows(keys, fit_sample, seed)
    # syllable features: articles only, and up to MINIBATCH_ABOVE of them, where the time
    # they cost (a quarter more on 33,000 articles) is small beside the fit
    features = (
        _with_syllables(corpus, tfidf, keys)
        if unit == "doc" and len(rows) <= MINIBATCH_ABOVE
        else tfidf
    )
    space = _lsa(features, seed, fit_rows)
    reason = ""
    if k == "auto":
        k, reason = _choose_k(
            space if fit_rows is None else space[fit_rows],
            seed,
            "articles" if unit == "doc" else unit + "s",
        )
    else:
        try:
            k = int(k)
        except ValueError:
            raise UsageError(f"--k {k}: a whole number or 'auto'") from None
        fitted = len(rows) if fit_rows is None else len(fit_rows)
        if not 2 <= k <= fitted:
            raise UsageError(
                f"--k {k}: must be between 2 and the number of {unit}s "
                f"{'in the fit sample ' if fit_rows is not None else ''}({fitted})"
            )
        reason = "as asked"
    if fit_rows is not None:
        reason += f"; fitted on {len(fit_rows):,} of {len(rows):,} {unit}s"
    if method == "kmeans":
        labels, centres = _cluster(features, space, k, seed, fit_rows)
        closeness = np.asarray(features @ centres.T)
    else:
        from sklearn.decomposition import NMF

        model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
        if fit_rows is None:
            weights = model.fit_transform(tfidf)
        else:
            model.fit(tfidf[fit_rows])
            weights = model.transform(tfidf)
        labels = weights.argmax(axis=1)
        closeness = weights
    topic_terms = _distinctive(tfidf, labels, k, terms_kept)
    binary = (tfidf > 0).astype(np.float64).tocsc()
    texts = _unit_texts(corpus, keys, unit)
    themes = _theme_lookup(lexicon)
    topics = []
    for t in range(k):
        members = np.flatnonzero(labels == t)
        order = [
            i for i in np.argsort(-topic_terms[t], kind="stable")[:10] if topic_terms[t][i] > 0
        ]
        top = [terms_kept[i] for i in order]
        best = members[np.argmax(closeness[members, t])] if len(members) else None
        theme = _best_theme(top, themes)
        label = ", ".join(top[:3]) + (f" [{theme}]" if theme else "")
        topics.append(
            (
                t,
                label,
                len(members),
                round(len(members) / len(rows), 4),
                len({keys[i][0] for i in members}),
                round(_npmi(binary, order), 3),
                "; ".join(top),
                _shorten(texts[best]) if best is not None else "",
                keys[best][0] if best is not None else "",
            )
        )
    topics_frame = pd.DataFrame(topics, columns=TOPIC_COLUMNS)
    assignments = pd.DataFrame(
        [
            (keys[i][0], keys[i][1], int(labels[i]), _shorten(texts[i], 160))
            for i in range(len(rows))
        ],
        columns=ASSIGNMENT_COLUMNS,
    )
    return TopicResult(topics_frame, assignments, k, unit, method, reason)


def _prune(tfidf: Any, n_units: int) -> tuple[Any, np.ndarray]:
    """Drop terms in one unit only (noise) and, on larger corpora, in over half the units."""
    from sklearn.preprocessing import normalize

    df = np.diff(tfidf.tocsc().indptr)
    keep = df >= (2 if n_units < 1000 else 3)
    if n_units >= 200:
        keep &= df <= 0.5 * n_units
    if keep.sum() < 3:
        keep = df >= 1
    index = np.flatnonzero(keep)
    return normalize(tfidf[:, index]), index


def _with_syllables(corpus: CorpusReader, tfidf: Any, keys: list[tuple[str, int]]) -> Any:
    """The articles' term TF-IDF beside a TF-IDF of the syllables and adjacent syllable pairs
    of their title and body, each half weighted equally. On 5,000 VNTC test articles and
    5,000 others drawn from VNTC train (k=10, seeds 0-2, see bench/run.py) NMI rose from
    0.655 and 0.652 to 0.672 and 0.671, and the three seeds agree within 0.01."""
    from scipy import sparse

    if len(keys) < 3:
        return tfidf
    titles = dict(corpus.documents()[["doc_id", "title"]].itertuples(index=False))
    row = {doc_id: i for i, (doc_id, _) in enumerate(keys)}
    texts: list[list[list[str]]] = [[] for _ in keys]
    for doc_id, sentences in corpus.iter_token_lists():
        i = row.get(doc_id)
        if i is not None:
            title = titles.get(doc_id) or ""
            texts[i] = [title.split(), *sentences] if title else sentences
    syllables = _syllable_tfidf(texts)
    if syllables.shape[1] == 0:
        return tfidf
    half = math.sqrt(0.5)
    return sparse.hstack([tfidf * half, syllables * half]).tocsr()


def _syllable_tfidf(texts: list[list[list[str]]]) -> Any:
    """Sublinear, l2-normalised TF-IDF of lower-cased syllables and adjacent syllable pairs
    within a sentence (numbers included: "12", "2006"), over the SYLLABLE_FEATURES most
    widespread, in 3 articles or more and in at most half (as scikit-learn's TfidfVectorizer
    with those options, but counted with numpy, several times faster)."""
    from itertools import chain

    from scipy import sparse
    from sklearn.preprocessing import normalize

    syllables_of = _SyllableIds().__getitem__
    codes, tfs, indptr = [], [], [0]
    for sentences in texts:
        flat: list[int] = []
        for words in sentences:
            flat.extend(chain.from_iterable(map(syllables_of, words)))
            flat.append(-1)  # no pair across sentences
        seq = np.array(flat, dtype=np.int64)
        pairs = (seq[:-1] + 1) * (1 << 31) + seq[1:]
        doc, tf = np.unique(
            np.concatenate([seq[seq >= 0], pairs[(seq[:-1] >= 0) & (seq[1:] >= 0)]]),
            return_counts=True,
        )
        codes.append(doc)
        tfs.append(tf)
        indptr.append(indptr[-1] + len(doc))
    n = len(texts)
    flat_codes = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64)
    del codes
    vocab, column = np.unique(flat_codes, return_inverse=True)
    del flat_codes
    df = np.bincount(column, minlength=len(vocab))
    weight = 1 + np.log(np.concatenate(tfs)) if tfs else np.zeros(0)
    counts = sparse.csr_matrix((weight, column, np.array(indptr)), shape=(n, len(vocab)))
    keep = np.flatnonzero((df >= 3) & (df <= 0.5 * n))
    if len(keep) > SYLLABLE_FEATURES:  # the most widespread
        keep = np.sort(keep[np.argsort(-df[keep], kind="stable")[:SYLLABLE_FEATURES]])
    if not len(keep):
        return sparse.csr_matrix((n, 0))
    idf = np.log((1 + n) / (1 + df[keep])) + 1
    return normalize(counts[:, keep] @ sparse.diags(idf)).tocsr()


class _SyllableIds(dict):
    """word -> the ids of its lower-cased syllables, found once per distinct word."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, int] = {}

    def __missing__(self, word: str) -> tuple[int, ...]:
        ids = self.ids
        value = self[word] = tuple(
            ids.setdefault(s, len(ids)) for s in _SYLLABLE.findall(word.lower())
        )
        return value


def _sample_rows(keys: list[tuple[str, int]], size: int | None, seed: int) -> np.ndarray | None:
    """Row positions of ``size`` units drawn by a keyed hash of (seed, doc_id, index), in
    corpus order; None when every unit is used."""
    import hashlib

    if size is None or size >= len(keys):
        return None
    salt = str(seed).encode()
    scores = [
        hashlib.blake2b(f"{doc_id}:{index}".encode(), digest_size=8, key=salt).digest()
        for doc_id, index in keys
    ]
    chosen = sorted(range(len(keys)), key=scores.__getitem__)[:size]
    return np.array(sorted(chosen), dtype=np.int64)


def lsa_dimensions(n_units: int) -> int:
    """LSA dimensions for a fit on ``n_units`` units: one per 30 units, between 50 and 100.
    A smaller corpus supports fewer reliable directions; on three 1,500-article draws of
    the VNTC test sample (k=10, seeds 0-2, bench/topics_sweep.py) 50 dimensions instead of
    100 raised NMI 0.657 -> 0.673, 0.673 -> 0.683 and 0.677 -> 0.677, while at 5,000
    articles 60 lowered it (0.689 -> 0.677): from 3,000 units on it stays 100."""
    return max(LSA_MIN_DIMENSIONS, min(LSA_DIMENSIONS, n_units // LSA_UNITS_PER_DIMENSION))


def _lsa(tfidf: Any, seed: int, fit_rows: np.ndarray | None = None) -> np.ndarray:
    """Units in ``lsa_dimensions`` LSA dimensions (l2-normalised), the SVD fitted on
    ``fit_rows`` or, above LSA_FIT_MAX units, on every n-th unit: the directions settle
    long before 33,000 articles, and fitting on all of them cost a quarter of the time at
    that size."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    if fit_rows is None and tfidf.shape[0] > LSA_FIT_MAX:
        fit_on = tfidf[:: math.ceil(tfidf.shape[0] / LSA_FIT_MAX)]
        fit_rows = np.empty(0)  # fitted on a part: transform every unit below
    else:
        fit_on = tfidf if fit_rows is None else tfidf[fit_rows]
    n_components = min(lsa_dimensions(fit_on.shape[0]), tfidf.shape[1] - 1, fit_on.shape[0] - 1)
    if n_components < 2:
        return normalize(tfidf.toarray())
    svd = TruncatedSVD(n_components=n_components, random_state=seed, n_iter=LSA_ITERATIONS)
    if fit_rows is None:
        return normalize(svd.fit_transform(tfidf))
    svd.fit(fit_on)
    return normalize(svd.transform(tfidf))


def _kmeans(
    space: np.ndarray, k: int, seed: int, fit_rows: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.cluster import KMeans, MiniBatchKMeans
    from sklearn.preprocessing import normalize

    fit_on = space if fit_rows is None else space[fit_rows]
    if len(fit_on) > MINIBATCH_ABOVE:
        model = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=5, batch_size=4096)
    else:
        model = KMeans(n_clusters=k, random_state=seed, n_init=10)
    model.fit(fit_on)
    labels = model.labels_ if fit_rows is None else model.predict(space)
    return labels, normalize(model.cluster_centers_)


def _choose_k(space: np.ndarray, seed: int, unit: str = "unit") -> tuple[int, str]:
    """The number of topics in AUTO_K whose k-means split separates the units best
    (silhouette, cosine), preferring fewer topics when nearly as good; and that in words."""
    from sklearn.metrics import silhouette_score

    candidates = [k for k in AUTO_K if k < len(space)]
    if not candidates:
        return 2, f"too few {unit} to compare other numbers of topics"
    sample = min(len(space), 3000)
    scores = {}
    for k in candidates:
        labels, _ = _kmeans(space, k, seed)
        if len(set(labels)) < 2:
            continue
        scores[k] = silhouette_score(
            space, labels, metric="cosine", sample_size=sample, random_state=seed
        )
    if not scores:
        return 2, f"no other number of topics split the {unit} apart"
    top = max(scores.values())
    # Silhouette creeps up with k on sparse text; the smallest k within 5% of the best
    # separates nearly as well and reads better.
    best = min(k for k, score in scores.items() if score >= top - 0.05 * abs(top))
    sharpest = max(scores, key=scores.__getitem__)
    fewer = (
        f"; {sharpest} topics separate them barely better, {best} read more easily"
        if sharpest != best
        else ""
    )
    return best, (
        f"the split that best separates the {unit} "
        f"(of {min(scores)} to {max(scores)} tried{fewer}; silhouette "
        f"{scores[best]:.2f} on a -1..1 scale: higher means each of them sits "
        "closer to its own topic than to the next)"
    )


def _cluster(
    tfidf: Any, space: np.ndarray, k: int, seed: int, fit_rows: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """k-means on LSA refined over the full TF-IDF, from RESTARTS starts (one above
    MINIBATCH_ABOVE units); keeps the split whose units sit closest to their topic's
    centre (sum of cosines): on 5,000 VNTC articles NMI 0.657 -> 0.663 over one start.
    Up to MINIBATCH_ABOVE units, each unit is seen blended with its nearest neighbours
    (``_neighbour_blend``)."""
    fitted = len(space) if fit_rows is None else len(fit_rows)
    blend = None
    if fitted <= MINIBATCH_ABOVE:
        from sklearn.preprocessing import normalize

        fit_space = space if fit_rows is None else space[fit_rows]
        blend = _neighbour_blend(fit_space)
        space = space.copy()
        if fit_rows is None:
            space = normalize(blend @ fit_space)
        else:
            space[fit_rows] = normalize(blend @ fit_space)
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    for restart in range(RESTARTS if fitted <= MINIBATCH_ABOVE else 1):
        labels, _ = _kmeans(space, k, seed if restart == 0 else seed * 100 + restart, fit_rows)
        labels, centres = _refine(tfidf, labels, k, fit_rows, blend=blend)
        fit = tfidf if fit_rows is None else tfidf[fit_rows]
        scores = np.asarray(fit @ centres.T)
        closeness = float((scores if blend is None else blend @ scores).max(axis=1).sum())
        if best is None or closeness > best[0] + 1e-9:
            best = (closeness, labels, centres)
    assert best is not None
    return best[1], best[2]


def _neighbour_blend(space: np.ndarray) -> Any:
    """The n × n sparse matrix that blends each unit half with itself and half with the mean
    of its NEIGHBOURS nearest units (cosine in LSA space). Clustered so, an article is placed
    by what it shares with the articles most like it, not by its own stray words: on 5,000
    VNTC test articles and 5,000 from VNTC train NMI 0.672 -> 0.688 and 0.671 -> 0.686
    (k=10, seeds 0-2)."""
    from scipy import sparse

    n = len(space)
    m = min(NEIGHBOURS, n - 1)
    if m < 1:
        return sparse.identity(n, format="csr")
    vectors = space.astype(np.float32)
    nearest = np.empty((n, m), dtype=np.int64)
    for start in range(0, n, 1024):  # blocks of rows: memory stays at 1,024 × n
        sims = vectors[start : start + 1024] @ vectors.T
        sims[np.arange(len(sims)), np.arange(start, start + len(sims))] = -np.inf
        nearest[start : start + len(sims)] = np.argpartition(-sims, m - 1, axis=1)[:, :m]
    rows = np.repeat(np.arange(n), m)
    mean = sparse.csr_matrix(
        (np.full(n * m, (1 - SELF_SHARE) / m), (rows, nearest.ravel())), shape=(n, n)
    )
    return (mean + sparse.identity(n, format="csr") * SELF_SHARE).tocsr()


def _refine(
    tfidf: Any,
    labels: np.ndarray,
    k: int,
    fit_rows: np.ndarray | None = None,
    max_iter: int = 50,
    *,
    blend: Any = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means on the full TF-IDF, started from the LSA clustering: each unit moves
    to the topic whose mean direction over all terms is closest (cosine). LSA finds the
    broad split; the full vocabulary places the articles LSA's 100 dimensions blur
    (on 5,000 VNTC articles NMI +0.01 to +0.02, see bench/run.py). ``blend`` (fitted units
    × fitted units) clusters each fitted unit as its blend with its neighbours, without
    forming the blended vectors: centres from blended members, scores blended.

    Returns:
        (labels of every unit, l2-normalised centres k × terms).
    """
    from sklearn.preprocessing import normalize

    fit = tfidf if fit_rows is None else tfidf[fit_rows]
    current = labels if fit_rows is None else labels[fit_rows]
    centres = _centres(fit, current, k, blend)
    for _ in range(max_iter):
        scores = np.asarray(fit @ centres.T)
        moved = (scores if blend is None else blend @ scores).argmax(axis=1)
        if np.array_equal(moved, current):
            break
        current = moved
        centres = _centres(fit, current, k, blend)
    labels = current if fit_rows is None else np.asarray(tfidf @ centres.T).argmax(axis=1)
    return labels, normalize(centres)


def _centres(tfidf: Any, labels: np.ndarray, k: int, blend: Any = None) -> np.ndarray:
    """Normalised sum of each topic's rows, blended with their neighbours when ``blend`` is
    given (an emptied topic keeps a zero centre)."""
    from scipy import sparse
    from sklearn.preprocessing import normalize

    member = sparse.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels))
    )
    if blend is not None:
        member = member @ blend
    return normalize(np.asarray((member @ tfidf).todense()))


def _distinctive(tfidf: Any, labels: np.ndarray, k: int, terms: list[str]) -> np.ndarray:
    """Per topic, how distinctive each term is: its mean TF-IDF in the topic minus its mean
    elsewhere, times its specificity in news (``keywords.specificity``); 0 for term pairs,
    quantities and syllables that read as fragments, which never label a topic."""
    from vntransform.mining.keywords import specificity
    from vntransform.mining.vocabulary import BIGRAM_SEP

    weight = specificity(terms) * np.array([BIGRAM_SEP not in t for t in terms])
    total = np.asarray(tfidf.sum(axis=0)).ravel()
    out = np.zeros((k, tfidf.shape[1]))
    n = tfidf.shape[0]
    for t in range(k):
        members = np.flatnonzero(labels == t)
        if not len(members):
            continue
        inside = np.asarray(tfidf[members].sum(axis=0)).ravel()
        outside = (total - inside) / max(1, n - len(members))
        out[t] = np.maximum(0.0, inside / len(members) - outside) * weight
    return out


def _npmi(binary: Any, columns: list[int]) -> float:
    """Mean NPMI of the topic's top terms over unit co-occurrence (-1..1, higher = more
    coherent)."""
    if len(columns) < 2:
        return 0.0
    n = binary.shape[0]
    sub = binary[:, columns]
    co = (sub.T @ sub).toarray()
    p = np.diag(co) / n
    values = []
    for i in range(len(columns)):
        for j in range(i + 1, len(columns)):
            p_ij = co[i, j] / n
            if p_ij <= 0:
                values.append(-1.0)
            elif p_ij >= 1:
                values.append(1.0)
            else:
                values.append(math.log(p_ij / (p[i] * p[j])) / -math.log(p_ij))
    return float(np.mean(values))


def _unit_texts(corpus: CorpusReader, keys: list[tuple[str, int]], unit: str) -> list[str]:
    wanted: dict[str, set[int]] = {}
    for doc_id, index in keys:
        wanted.setdefault(doc_id, set()).add(index)
    texts: dict[tuple[str, int], str] = {}
    if unit == "doc":
        for doc in corpus.iter_documents(list(wanted)):
            texts[(doc.doc_id, 0)] = (doc.title + ". " if doc.title else "") + doc.text[
                :400
            ].replace("\n", " ")
    else:
        for doc in corpus.iter_documents(list(wanted)):
            if unit == "paragraph":
                for i, paragraph in enumerate(doc.paragraphs):
                    if i in wanted[doc.doc_id]:
                        texts[(doc.doc_id, i)] = paragraph
            else:
                for s in corpus.iter_sentences([doc.doc_id]):
                    if s.index in wanted[doc.doc_id]:
                        texts[(doc.doc_id, s.index)] = s.text
    return [texts.get(key, "") for key in keys]


def _theme_lookup(lexicon: Sequence[Any] | None) -> list[tuple[str, set[str]]]:
    from vntransform.mining.themes import load_lexicon

    themes = lexicon if lexicon is not None else load_lexicon()
    return [(t.name, set(t.terms)) for t in themes]


def _best_theme(top_terms: list[str], themes: list[tuple[str, set[str]]]) -> str:
    """The named theme sharing most of the topic's top terms (weighted by rank), if any."""
    best, best_score = "", 0.0
    for name, terms in themes:
        score = sum(1.0 / (rank + 1) for rank, term in enumerate(top_terms) if term in terms)
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= 0.3 else ""


def _shorten(text: str, limit: int = 200) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


__all__ = ["TopicResult", "TermMatrix", "default_unit", "fit_topics"]
