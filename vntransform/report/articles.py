"""One read of every article for the report: its quotes and the sentences that count for a
theme, the per-article work of ``vnt quotes`` and ``vnt themes`` done in one pass instead of
two, and in worker processes when the corpus is an SQLite store.

The results are the commands' own: each article goes through ``extract_quotes`` and
``themes.match_document`` (the steps ``corpus_quotes`` and the theme tables take), and the
articles come back in corpus order however many workers read them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vntransform.corpus.base import CorpusReader
    from vntransform.mining.theme_rules import Theme
    from vntransform.mining.themes import Match
    from vntransform.quotes.extract import Quote

CHUNK = 50  # articles per task: small enough to balance two workers, large enough to batch
MIN_PER_WORKER = 200  # below this many articles per worker, one process is quicker
MP_CONTEXT = "fork" if "fork" in multiprocessing.get_all_start_methods() else None


@dataclass(slots=True)
class ArticleScan:
    """What one pass over the articles found."""

    quotes: list[Quote] = field(default_factory=list)
    sentences: int = 0  # sentences read for themes (0 when themes were not asked)
    matched: list[Match] = field(default_factory=list)  # themes.match_document rows

    def extend(self, other: ArticleScan) -> None:
        self.quotes.extend(other.quotes)
        self.sentences += other.sentences
        self.matched.extend(other.matched)


class _Scanner:
    """The per-article step, with the matcher built once."""

    def __init__(
        self, quotes: bool, themes: bool, lexicon: Sequence[Theme] | None, fold: bool
    ) -> None:
        from vntransform.mining.themes import theme_matcher

        self.quotes = quotes
        self.matcher = theme_matcher(lexicon=lexicon, fold=fold) if themes else None

    def scan(self, corpus: CorpusReader, doc_ids: Sequence[str] | None) -> ArticleScan:
        from vntransform.mining.themes import match_document
        from vntransform.quotes.extract import extract_quotes

        out = ArticleScan()
        for doc in corpus.iter_documents(doc_ids):
            sentences = list(corpus.iter_sentences([doc.doc_id]))
            if self.quotes:
                out.quotes.extend(extract_quotes(doc, sentences))
            if self.matcher is not None and sentences:
                out.sentences += len(sentences)
                out.matched.extend(match_document(self.matcher, sentences))
        return out


def scan_articles(
    corpus: CorpusReader,
    *,
    quotes: bool = True,
    themes: bool = True,
    lexicon: Sequence[Theme] | None = None,
    fold: bool = False,
    workers: int = 1,
) -> ArticleScan:
    """Read every article of ``corpus`` once for its quotes and/or its theme sentences.

    Args:
        quotes: extract the quotes (``vnt quotes``'s rows, in corpus order).
        themes: match the theme lexicon (``lexicon``, ``fold``) against every sentence.
        workers: processes reading the articles; more than one only for an SQLite store
            (each worker opens it read-only) of at least ``MIN_PER_WORKER`` articles each.
    """
    return start_scan(
        corpus, quotes=quotes, themes=themes, lexicon=lexicon, fold=fold, workers=workers
    ).result()


class PendingScan:
    """A scan running in worker processes while the caller does other work, or one that
    runs in this process when its result is asked for."""

    def __init__(
        self,
        corpus: CorpusReader,
        scanner: _Scanner,
        pool: ProcessPoolExecutor | None = None,
        parts: Any = None,
    ) -> None:
        self._corpus, self._scanner, self._pool, self._parts = corpus, scanner, pool, parts
        self._done: ArticleScan | None = None

    def result(self) -> ArticleScan:
        """What the scan found, articles in corpus order (waits for the workers)."""
        if self._done is not None:
            return self._done
        if self._pool is None:
            self._done = self._scanner.scan(self._corpus, None)
            return self._done
        out = ArticleScan()
        try:
            for part in self._parts:
                out.extend(part)
        except BaseException:
            self.cancel()
            raise
        self._pool.shutdown()
        self._done = out
        return out

    def cancel(self) -> None:
        """Drop the tasks not started and do not wait for the rest (Ctrl-C, a failure)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


def start_scan(
    corpus: CorpusReader,
    *,
    quotes: bool = True,
    themes: bool = True,
    lexicon: Sequence[Theme] | None = None,
    fold: bool = False,
    workers: int = 1,
) -> PendingScan:
    """``scan_articles``, started: with more than one worker the articles are read in the
    background from now on; ``result()`` collects them."""
    scanner = _Scanner(quotes, themes, lexicon, fold)
    path = _store_path(corpus)
    ids = corpus.doc_ids()
    workers = min(workers, len(ids) // MIN_PER_WORKER)
    if path is None or workers < 2 or MP_CONTEXT is None:
        return PendingScan(corpus, scanner)
    chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    context = multiprocessing.get_context(MP_CONTEXT)
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start, initargs=(str(path), scanner)
    )
    try:
        parts = pool.map(_scan_chunk, chunks)  # every task is queued now
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return PendingScan(corpus, scanner, pool, parts)


def _store_path(corpus: Any) -> Path | None:
    """The file of an SQLite store (or of the store under a selection), else None."""
    from vntransform.corpus.store import Corpus

    base = getattr(corpus, "corpus", corpus)
    return base.path if isinstance(base, Corpus) and base.path is not None else None


_worker: dict[str, Any] = {}


def _start(path: str, scanner: _Scanner) -> None:
    """Open the store in the worker, which ignores Ctrl-C as every engine worker does."""
    from vntransform.corpus.store import Corpus
    from vntransform.engines.local import ignore_interrupts

    ignore_interrupts()
    _worker["corpus"] = Corpus.open(path, readonly=True)
    _worker["scanner"] = scanner


def _scan_chunk(doc_ids: list[str]) -> ArticleScan:
    return _worker["scanner"].scan(_worker["corpus"], doc_ids)
