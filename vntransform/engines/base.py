"""What an engine does: run the per-article jobs of an ingest, and count the terms of every
unit of a corpus for the analyses.

An engine is passed explicitly (``ingest(paths, corpus, engine=...)``,
``build_term_matrix(corpus, engine=...)``); nothing is attached to the corpus.
``LocalEngine`` (``engines.local``) runs jobs in a pool of worker processes (or in this
process) and counts terms in this process; ``DaskEngine`` (``engines.dask``) runs jobs on a
cluster, and maps the count over the row groups of a Parquet corpus there, reducing on the
client. Both give the same results, row for row.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from vntransform.corpus.base import CorpusReader
    from vntransform.mining.vocabulary import Vocabulary

# (unit keys (doc_id, unit index), sorted term names, units × terms CSR counts)
TermCounts = tuple[list[tuple[str, int]], list[str], Any]

JobT = TypeVar("JobT")
ResultT = TypeVar("ResultT")


class Engine(Protocol):
    """Runs the per-article work of an ingest and the per-unit work of an analysis."""

    name: str

    def map_jobs(
        self,
        fn: Callable[[JobT], ResultT],
        jobs: Iterable[JobT],
        *,
        warm_up: Callable[[], None] | None = None,
    ) -> Generator[ResultT, None, None]:
        """``fn(job)`` for every job, results in job order, with a bounded number of jobs
        in flight, so memory does not grow with the input. ``fn``, the jobs and the results
        are pickled when they run elsewhere; ``warm_up`` runs once wherever jobs run,
        before the first (loading models), its warnings shown once. Closing the iterator
        early drops the jobs not yet started."""
        ...

    def count_terms(self, corpus: CorpusReader, *, unit: str, vocab: Vocabulary) -> TermCounts:
        """The counts of the vocabulary's terms in every unit (``doc``, ``paragraph`` or
        ``sentence``) of the corpus, rows in corpus order, columns in sorted term order."""
        ...
