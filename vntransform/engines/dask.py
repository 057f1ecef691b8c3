"""The Dask engine: ingest jobs and term counts on a cluster.

An ingest on Dask is the local ingest's pipeline (``corpus.ingest.ingest``) with
``DaskEngine`` running its jobs: the client reads, normalises and dedupes the inputs
(``plan_jobs``, streaming), the workers process batches of a few articles each (the same
``_process_jobs``, underthesea loaded once per worker process) with a bounded number in
flight, and the client's writer stores the results: a new Parquet corpus folder
(``ParquetWriter``) for ``vnt ingest --engine dask``, or any ``CorpusWriter``.

Analyses of a Parquet corpus on a cluster (``--engine dask``) count terms per row group on
the workers (map) and merge the count matrices on the client (reduce), so the
expensive pass over every article's words runs where the data is.

Without ``scheduler`` a local cluster is started on this machine (loopback, no dashboard).
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from vntransform.corpus.readers import DEFAULT_GLOBS, Failure
from vntransform.errors import UsageError, VntError

if TYPE_CHECKING:
    from vntransform.models import Metadata

JobT = TypeVar("JobT")
ResultT = TypeVar("ResultT")

INSTALL_HINT = "--engine dask needs the extra: pip install 'vntransform[dask]'"


@dataclass(slots=True)
class DaskReport:
    """What a Dask ingest did."""

    added: int = 0
    skipped: int = 0
    failed: list[Failure] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _versions() -> tuple[str, str]:
    out = []
    for package in ("vntransform", "underthesea"):
        try:
            out.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            out.append("")
    return out[0], out[1]


def _client(scheduler: str | None, workers: int, memory_limit: str) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except OSError as exc:
            raise VntError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from None
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        memory_limit=memory_limit,
    )
    return Client(cluster), cluster


def check_versions(client: Any) -> None:
    """Refuse to run when workers have another vnt or underthesea than the client."""
    mine = _versions()
    theirs = client.run(_versions)
    skewed = {w: v for w, v in theirs.items() if tuple(v) != mine}
    if skewed:
        worker, (vnt, uts) = next(iter(skewed.items()))
        raise VntError(
            f"version skew: worker {worker} has vntransform {vnt}, underthesea "
            f"{uts}; this client has {mine[0]}, {mine[1]}; install the same "
            "versions everywhere"
        )


def ingest_dask(
    paths: Sequence[str],
    folder: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    globs: Sequence[str] = DEFAULT_GLOBS,
    text_column: str = "text",
    terms: Sequence[str] = (),
    batch_size: int = 200,
    max_chars: int | None = None,
    memory_limit: str = "2GiB",
    stdin: io.BufferedIOBase | None = None,
    on_progress: Callable[[str, str], None] | None = None,
    defaults: Metadata | None = None,
) -> DaskReport:
    """Ingest into a new Parquet corpus folder, the articles processed on a Dask cluster.

    The local ingest's pipeline (``corpus.ingest.ingest``) with ``DaskEngine`` running the
    jobs and a ``ParquetWriter`` storing them (``batch_size`` articles per batch file), so
    every option means the same on both engines.

    Raises:
        UsageError: the ``dask`` extra is not installed, or the folder is not empty.
        InputError: a path does not exist or a folder holds no matching file.
    """
    from vntransform.corpus.ingest import MAX_ARTICLE_CHARS, ingest
    from vntransform.corpus.parquet import ParquetWriter

    folder = Path(folder)
    if folder.exists() and any(folder.rglob("*.parquet")):
        raise UsageError(f"--out {folder}: already holds a corpus; choose a new folder")
    with (
        dask_client(scheduler, workers=workers, memory_limit=memory_limit) as client,
        ParquetWriter(folder, batch_size=batch_size) as writer,
    ):
        report = ingest(
            paths,
            writer,
            engine=DaskEngine(client),
            globs=globs,
            text_column=text_column,
            terms=terms,
            max_chars=MAX_ARTICLE_CHARS if max_chars is None else max_chars,
            stdin=stdin,
            on_progress=on_progress,
            defaults=defaults,
        )
    return DaskReport(
        added=len(report.added),
        skipped=len(report.skipped),
        failed=report.failed,
        files=writer.files,
    )


@contextmanager
def dask_client(
    scheduler: str | None = None, *, workers: int = 2, memory_limit: str = "2GiB"
) -> Iterator[Any]:
    """A connected, version-checked Dask client (a local cluster without ``scheduler``)."""
    client, cluster = _client(scheduler, workers, memory_limit)
    try:
        check_versions(client)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def partition_term_counts(path: str, row_group: int, vocab: Any, unit: str) -> tuple[Any, ...]:
    """Worker side: count the terms of the units in one row group of one Parquet file
    (about 2,000 articles: files are large, and a task per file would leave workers idle
    and hold a whole file in memory).

    Returns (order keys ``(seq, unit index)``, doc ids, unit indexes, sorted term names,
    CSR counts).
    """
    import pyarrow.parquet as pq

    from vntransform.engines.local import count_terms, document_units

    table = pq.ParquetFile(path).read_row_group(
        row_group, columns=["seq", "doc_id", "sent_paragraph", "tokens"]
    )
    order: list[tuple[int, int]] = []

    def units() -> Iterator[tuple[tuple[str, int], list[list[str]]]]:
        for batch in table.to_batches(max_chunksize=256):
            for row in batch.to_pylist():
                for key, bucket in document_units(
                    row["doc_id"], row["tokens"], row["sent_paragraph"], unit
                ):
                    order.append((row["seq"], key[1]))
                    yield key, bucket

    keys, terms, counts = count_terms(units(), vocab)
    return order, [d for d, _ in keys], [i for _, i in keys], terms, counts


def count_terms_dask(
    corpus: Any, client: Any, *, unit: str, vocab: Any
) -> tuple[list[tuple[str, int]], list[str], Any]:
    """Map: count terms per row group (~2,000 articles) on the workers; reduce: one matrix
    on the client, columns in sorted term order and rows in corpus order, equal to the
    local count."""
    import numpy as np
    import pyarrow.parquet as pq
    from distributed import as_completed
    from scipy import sparse

    vocab_future = client.scatter(vocab, broadcast=True)
    tasks = [
        (path, group)
        for path in corpus.files
        for group in range(pq.ParquetFile(path).num_row_groups)
    ]
    futures = [
        client.submit(partition_term_counts, path, group, vocab_future, unit, pure=False)
        for path, group in tasks
    ]
    parts = [future.result() for future in as_completed(futures)]
    names = sorted(set().union(*(p[3] for p in parts)))
    column = {name: i for i, name in enumerate(names)}
    order: list[tuple[int, int]] = []
    keys: list[tuple[str, int]] = []
    blocks = []
    for seqs, doc_ids, indexes, terms, counts in parts:
        order.extend(seqs)
        keys.extend(zip(doc_ids, indexes, strict=True))
        remap = np.array([column[t] for t in terms], dtype=np.int64)
        counts = counts.tocsr()
        block = sparse.csr_matrix(
            (counts.data, remap[counts.indices] if len(remap) else counts.indices, counts.indptr),
            shape=(counts.shape[0], len(names)),
        )
        block.sort_indices()
        blocks.append(block)
    if not keys:
        return [], [], sparse.csr_matrix((0, 0), dtype=np.int64)
    skip = corpus._skip()  # near-duplicate copies, unless the corpus includes them
    rows = [i for i in sorted(range(len(keys)), key=order.__getitem__) if keys[i][0] not in skip]
    matrix = sparse.vstack(blocks, format="csr")[rows] if blocks else None
    return [keys[i] for i in rows], names, matrix


class DaskEngine:
    """Counts the terms of a Parquet corpus on a Dask cluster (map per row group, reduce
    on the client); any other corpus (a selection, a SQLite store) is counted locally."""

    name = "dask"

    def __init__(self, client: Any) -> None:
        self.client = client

    def map_jobs(
        self,
        fn: Callable[[JobT], ResultT],
        jobs: Iterable[JobT],
        *,
        warm_up: Callable[[], None] | None = None,
    ) -> Generator[ResultT, None, None]:
        """``fn(job)`` for every job on the cluster, results in job order; at most four
        jobs per worker thread in flight."""
        threads = sum(
            w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()
        )
        if warm_up is not None:
            self.client.run(_quietly, warm_up)
        window: deque[Any] = deque()
        limit = 4 * max(1, threads)
        try:
            for job in jobs:
                window.append(self.client.submit(fn, job, pure=False))
                while len(window) >= limit:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:  # closed early, Ctrl-C or an error: drop the jobs not yet run
            if window:
                self.client.cancel(list(window))

    def count_terms(
        self, corpus: Any, *, unit: str, vocab: Any
    ) -> tuple[list[tuple[str, int]], list[str], Any]:
        from vntransform.corpus.parquet import ParquetCorpus

        if isinstance(corpus, ParquetCorpus):
            return count_terms_dask(corpus, self.client, unit=unit, vocab=vocab)
        from vntransform.engines.local import LocalEngine

        return LocalEngine().count_terms(corpus, unit=unit, vocab=vocab)


def _quietly(warm_up: Callable[[], None]) -> None:
    """Worker side: warm up without warnings (the client reports what matters)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warm_up()
