"""What a corpus store provides: the ``CorpusReader`` and ``CorpusWriter`` contracts.

Every analysis reads through ``CorpusReader``; the SQLite ``Corpus`` (``store.py``), the
Parquet ``ParquetCorpus`` (``parquet.py``) and the filtered ``CorpusView`` (``select.py``)
follow it, and ``tests/corpus/test_contract.py`` runs the same checks against each. Ingest
writes through ``CorpusWriter`` (the SQLite store). The logic the stores share (id prefix
resolution, building sentences from stored offsets, the column lists) lives here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from vntransform.errors import StoreError
from vntransform.models import Sentence

if TYPE_CHECKING:
    import pandas as pd

    from vntransform.models import Document, ProcessedArticle, Removed

# The columns of ``documents()``, in order: a public contract (CSV headers, the report).
DOCUMENT_COLUMNS = (
    "doc_id",
    "title",
    "published",
    "outlet",
    "author",
    "source",
    "encoding",
    "sentences",
    "words",
    "url",
    "published_raw",
    "duplicate_of",
)
# The columns of ``duplicates()``, in order.
DUPLICATE_COLUMNS = (
    "doc_id",
    "title",
    "source",
    "duplicate_of",
    "original_title",
    "original_source",
)
# The stored fields a ``Document`` is built from, in the order of its constructor.
DOCUMENT_FIELDS = (
    "doc_id",
    "source",
    "fmt",
    "encoding",
    "title",
    "published",
    "outlet",
    "author",
    "url",
    "raw_text",
    "text",
    "n_sentences",
    "n_words",
    "published_raw",
    "duplicate_of",
)
# How many prefix matches a store needs to look at to tell unique from ambiguous.
PREFIX_PROBE = 3


@runtime_checkable
class CorpusReader(Protocol):
    """The read API every analysis uses: documents, sentences, words and a result cache.

    Near-duplicate copies (``duplicate_of`` set) are left out of ``doc_ids``, ``documents``,
    ``iter_documents()``, ``iter_sentences()`` and ``iter_token_lists`` unless the store's
    ``include_duplicates`` is set; resolving a copy's id turns it on.
    """

    @property
    def path(self) -> Path | None: ...

    @property
    def readonly(self) -> bool: ...

    @property
    def version(self) -> int:
        """A number that changes whenever the content changes (caches key on it)."""
        ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...

    def doc_ids(self) -> list[str]: ...

    def documents(self) -> pd.DataFrame:
        """One row per article, columns ``DOCUMENT_COLUMNS``."""
        ...

    def duplicates(self) -> pd.DataFrame:
        """Near-duplicate copies with their original, columns ``DUPLICATE_COLUMNS``."""
        ...

    def resolve(self, ref: str) -> str:
        """The doc_id for a full id or a unique prefix (``resolve_prefix``)."""
        ...

    def get(self, ref: str) -> Document: ...

    def iter_documents(self, doc_ids: Sequence[str] | None = None) -> Iterator[Document]: ...

    def iter_sentences(self, doc_ids: Sequence[str] | None = None) -> Iterator[Sentence]: ...

    def sentences(self, doc_ids: Sequence[str] | None = None) -> list[Sentence]: ...

    def iter_token_lists(self, every: int = 1) -> Iterator[tuple[str, list[list[str]]]]: ...

    def removed(self, ref: str) -> list[Removed]: ...

    def cache_get(self, key: str) -> bytes | None: ...

    def cache_put(self, key: str, value: bytes) -> bool: ...


@runtime_checkable
class CorpusWriter(Protocol):
    """What ingest and import need of a store they write to."""

    def has_hash(self, content_hash: str) -> str | None:
        """The doc_id stored for this content hash, if any."""
        ...

    def near_duplicate_of(self, keys: Sequence[int], text: str) -> str: ...

    def add(
        self,
        article: ProcessedArticle,
        *,
        content_hash: str,
        replace: bool = False,
        encoded: tuple[bytes, bytes] | None = None,
        bands: Sequence[int] = (),
        derived: Sequence[tuple[str, str, bytes]] = (),
    ) -> bool: ...

    def delete(self, ref: str) -> None: ...


def resolve_prefix(ref: str, matches: Callable[[str], Sequence[str]], where: object) -> str:
    """The one doc_id that starts with what the user typed (case and spaces ignored).

    Args:
        ref: a full id or a prefix of one.
        matches: the stored ids starting with a (normalised) prefix; a store may stop after
            ``PREFIX_PROBE``.
        where: the store, named in the error.

    Raises:
        StoreError: empty, no document or several documents match.
    """
    ref = ref.strip().lower()
    if not ref:
        raise StoreError("empty document id")
    hits = matches(ref)
    if not hits:
        raise StoreError(f"{ref}: no such document in {where}; see `vnt docs`")
    if len(hits) > 1:
        raise StoreError(f"{ref}: ambiguous document id; type more characters")
    return hits[0]


def build_sentences(
    doc_id: str, text: str, spans: Iterable[tuple[int, int, int, tuple[str, ...]]]
) -> list[Sentence]:
    """The sentences of one article from its stored (paragraph, start, end, words) spans;
    ``text`` is the article's clean text the offsets point into."""
    return [
        Sentence(doc_id, idx, paragraph, start, end, text[start:end], tokens)
        for idx, (paragraph, start, end, tokens) in enumerate(spans)
    ]


def group_token_lists(sentences: Iterable[Sentence]) -> Iterator[tuple[str, list[list[str]]]]:
    """(doc_id, [words of each sentence]) per article, from sentences in article order."""
    for doc_id, group in groupby(sentences, key=lambda s: s.doc_id):
        yield doc_id, [list(s.tokens) for s in group]
