"""What an engine does for the analyses: count the terms of every unit of a corpus.

An engine is passed explicitly (``build_term_matrix(corpus, engine=...)``); nothing is
attached to the corpus. ``LocalEngine`` (``engines.local``) counts in this process;
``DaskEngine`` (``engines.dask``) maps the count over the row groups of a Parquet corpus
on a cluster and reduces on the client. Both give the same matrix, row for row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from vntransform.corpus.base import CorpusReader
    from vntransform.mining.vocabulary import Vocabulary

# (unit keys (doc_id, unit index), sorted term names, units × terms CSR counts)
TermCounts = tuple[list[tuple[str, int]], list[str], Any]


class Engine(Protocol):
    """Runs the per-unit work of an analysis."""

    name: str

    def count_terms(self, corpus: CorpusReader, *, unit: str, vocab: Vocabulary) -> TermCounts:
        """The counts of the vocabulary's terms in every unit (``doc``, ``paragraph`` or
        ``sentence``) of the corpus, rows in corpus order, columns in sorted term order."""
        ...
