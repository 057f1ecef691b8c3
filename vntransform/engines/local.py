"""The default engine: jobs in a pool of worker processes on this machine (or in this
process), term counts in this process; and the counting both engines share."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from vntransform.corpus.base import CorpusReader
    from vntransform.engines.base import TermCounts
    from vntransform.mining.vocabulary import Vocabulary

Unit = tuple[tuple[str, int], list[list[str]]]
JobT = TypeVar("JobT")
ResultT = TypeVar("ResultT")

# "fork" where available: workers start at once with the parent's (small: inputs are
# streamed) memory and the models it loaded; measured 3.5 s vs 5.8 s for "forkserver" on
# 300 VNTC articles.
MP_CONTEXT = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def document_units(
    doc_id: str, sentences: Sequence[Sequence[str]], paragraphs: Sequence[int], unit: str
) -> Iterator[Unit]:
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
        yield from document_units(
            doc_id, [s.tokens for s in rows], [s.paragraph for s in rows], unit
        )


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
        (
            np.array(data, dtype=np.int64),
            order[np.array(indices, dtype=np.int64)],
            np.array(indptr, dtype=np.int64),
        ),
        shape=(len(keys), len(names)),
    )
    matrix.sort_indices()
    return keys, names, matrix


class LocalEngine:
    """Runs jobs in ``workers`` processes (1: in this process) and counts terms in this
    process, streaming the corpus's stored words."""

    name = "local"

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers

    def map_jobs(
        self,
        fn: Callable[[JobT], ResultT],
        jobs: Iterable[JobT],
        *,
        warm_up: Callable[[], None] | None = None,
    ) -> Generator[ResultT, None, None]:
        """``fn(job)`` for every job in job order; at most ``4 * workers`` in flight."""
        if self.workers <= 1:
            for job in jobs:
                yield fn(job)
            return
        from concurrent.futures import Future, ProcessPoolExecutor

        if warm_up is not None:
            # here first: its warnings show once, and forked workers inherit what it loaded
            # (copy-on-write) instead of loading it again
            warm_up()
        window: deque[Future[ResultT]] = deque()
        limit = 4 * self.workers
        context = multiprocessing.get_context(MP_CONTEXT)
        with ProcessPoolExecutor(
            max_workers=self.workers,
            initializer=_start_worker,
            initargs=(warm_up,),
            mp_context=context,
        ) as pool:
            try:
                for job in jobs:
                    window.append(pool.submit(fn, job))
                    while len(window) >= limit:
                        yield window.popleft().result()
                while window:
                    yield window.popleft().result()
            except BaseException:  # Ctrl-C, an error, or closed early: drop queued jobs
                pool.shutdown(wait=False, cancel_futures=True)
                raise

    def count_terms(self, corpus: CorpusReader, *, unit: str, vocab: Vocabulary) -> TermCounts:
        """The term counts of every unit; the articles of a large SQLite store (not a
        selection) are read and counted by ``workers`` processes, a consecutive run each,
        and the parts joined into the matrix one process would count."""
        return self.start_count_terms(corpus, unit=unit, vocab=vocab)()

    def start_count_terms(
        self, corpus: CorpusReader, *, unit: str, vocab: Vocabulary
    ) -> Callable[[], TermCounts]:
        """``count_terms``, started: when the counting runs in worker processes it goes on
        in the background until the returned function is called for the counts."""
        from vntransform.corpus.store import Corpus

        if (
            self.workers > 1
            and unit == "doc"
            and isinstance(corpus, Corpus)
            and len(corpus) >= PARALLEL_COUNT_ABOVE
            and MP_CONTEXT == "fork"
        ):
            return _start_count_in_parts(corpus, vocab, self.workers)
        return lambda: count_terms(corpus_units(corpus, unit), vocab)


PARALLEL_COUNT_ABOVE = 4_000  # articles; below, starting the processes costs more than it saves


def _start_count_in_parts(corpus: Any, vocab: Vocabulary, workers: int) -> Callable[[], TermCounts]:
    """``count_terms`` of every article, each of ``workers`` processes counting a run,
    started now (the processes fork here, in the calling thread)."""
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(MP_CONTEXT)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_counter,
        initargs=(str(corpus.path), corpus.include_duplicates, vocab),
    )
    try:
        futures = [pool.submit(_count_part, (p, workers)) for p in range(workers)]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise

    def finish() -> TermCounts:
        try:
            parts = [f.result() for f in futures]
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        return _join_parts(parts)

    # Ctrl-C or a failure elsewhere: drop the counting
    finish.cancel = lambda: pool.shutdown(wait=False, cancel_futures=True)  # type: ignore[attr-defined]
    return finish


def _join_parts(parts: list[TermCounts]) -> TermCounts:
    """Counts of consecutive runs of units stacked into one matrix, columns in sorted
    term order as ``count_terms`` gives them."""
    import numpy as np
    from scipy import sparse

    keys = [key for part_keys, _, _ in parts for key in part_keys]
    names = sorted({name for _, part_names, _ in parts for name in part_names})
    if not names:
        return keys, [], sparse.csr_matrix((len(keys), 0), dtype=np.int64)
    index = {name: i for i, name in enumerate(names)}
    blocks = []
    for _, part_names, matrix in parts:
        # each part's columns are its own sorted names: map them into the joint order
        to_joint = np.array([index[n] for n in part_names], dtype=np.int64)
        matrix = matrix.tocsr()
        blocks.append(
            sparse.csr_matrix(
                (matrix.data, to_joint[matrix.indices], matrix.indptr),
                shape=(matrix.shape[0], len(names)),
            )
        )
    joined: Any = sparse.vstack(blocks, format="csr")
    joined.sort_indices()
    return keys, names, joined


_counter: dict[str, Any] = {}


def _start_counter(path: str, include_duplicates: bool, vocab: Vocabulary) -> None:
    from vntransform.corpus.store import Corpus

    ignore_interrupts()
    corpus = Corpus.open(path, readonly=True)
    corpus.include_duplicates = include_duplicates
    _counter["corpus"], _counter["vocab"] = corpus, vocab


def _count_part(task: tuple[int, int]) -> TermCounts:
    part, parts = task
    units = (
        ((doc_id, 0), sentences)
        for doc_id, sentences in _counter["corpus"].iter_token_lists(part=part, parts=parts)
    )
    return count_terms(units, _counter["vocab"])


def ignore_interrupts() -> None:
    """In a worker process: ignore Ctrl-C. A terminal signals the whole process group, and
    the parent alone stops the run, so the user sees one line, not a traceback per worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_worker(warm_up: Callable[[], None] | None) -> None:
    """A worker process ignores Ctrl-C and warms up quietly (the parent has shown the
    warnings)."""
    import warnings

    ignore_interrupts()
    if warm_up is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warm_up()
