"""A selection of the corpus (period, outlets, articles) that every analysis reads through.

``select_corpus(corpus, Selection(since="2022"))`` returns a view with the corpus's read API
(``documents``, ``iter_documents``, ``iter_sentences``, ``iter_token_lists``, the cache…)
limited to the selected articles, so keywords, topics, themes, quotes and kwic need no
filter of their own; cached results are keyed by the selection. ``cite`` joins each record's
article metadata (title, published, outlet, url) on ``doc_id``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from vntransform.corpus.base import CorpusReader, group_token_lists
from vntransform.errors import StoreError, UsageError
from vntransform.text.normalize import fold_diacritics

if TYPE_CHECKING:
    import pandas as pd

    from vntransform.models import Document, Removed, Sentence

CITE_COLUMNS = ("title", "published", "outlet", "url")

_ISO = re.compile(r"(?<!\d)(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_YMD_SLASH = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")


def published_date(value: Any) -> str:
    """The date part of a stored ``published`` value as ``YYYY-MM-DD``, ``YYYY-MM`` or
    ``YYYY`` ("" when there is none). Lenient: ISO 8601, ``27/4/2021``, ``2021/04/27``,
    ``Thứ ba, 27/4/2021 08:04 (GMT+7)``.

    Example:
        >>> published_date("Thứ ba, 27/4/2021 08:04")
        '2021-04-27'
    """
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip()
    match = _DMY.search(text)
    if match and 1 <= int(match[2]) <= 12 and 1 <= int(match[1]) <= 31:
        return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    match = _YMD_SLASH.search(text)
    if match and 1 <= int(match[2]) <= 12 and 1 <= int(match[3]) <= 31:
        return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
    match = _ISO.search(text)
    if match is None or not 1800 <= int(match[1]) <= 2200:
        return ""
    year, month, day = match[1], match[2], match[3]
    if month is None or not 1 <= int(month) <= 12:
        return year
    if day is None or not 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def parse_bound(text: str, *, option: str, end: bool) -> str:
    """A ``--since``/``--until`` value (``2022``, ``2022-06``, ``2022-06-30``, ``30/6/2022``)
    as a ``YYYY-MM-DD`` bound; ``--until 2022`` means up to the end of 2022.

    Raises:
        UsageError: not a date.
    """
    date = published_date(text)
    if not date or len(text.strip()) > 24:
        raise UsageError(f"{option} {text}: not a date; write 2022, 2022-06 or 2022-06-30")
    if len(date) == 4:
        return f"{date}-12-31" if end else f"{date}-01-01"
    if len(date) == 7:
        return f"{date}-31" if end else f"{date}-01"
    return date


def _outlet_key(name: str) -> str:
    return re.sub(r"[\W_]+", "", fold_diacritics(str(name).lower()))


@dataclass(frozen=True, slots=True)
class Selection:
    """Which articles an analysis reads; an empty selection is the whole corpus.

    ``since``/``until`` are inclusive ``YYYY-MM-DD`` bounds (see ``parse_bound``); undated
    articles are left out when either is given. ``outlets`` match without case, accents or
    spaces (``vnexpress`` = ``VnExpress``); ``doc_ids`` are ids or unique id prefixes.
    """

    since: str | None = None
    until: str | None = None
    outlets: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()

    @classmethod
    def from_options(
        cls,
        *,
        since: str | None = None,
        until: str | None = None,
        outlets: Sequence[str] | None = None,
        doc_ids: Sequence[str] | None = None,
    ) -> Selection:
        """A selection from the command-line values (dates parsed, lists deduplicated)."""
        lo = parse_bound(since, option="--since", end=False) if since else None
        hi = parse_bound(until, option="--until", end=True) if until else None
        if lo and hi and lo > hi:
            raise UsageError(f"--since {since} is after --until {until}; swap them")
        return cls(
            lo,
            hi,
            tuple(dict.fromkeys(o for o in outlets or () if o.strip())),
            tuple(dict.fromkeys(d for d in doc_ids or () if d.strip())),
        )

    @property
    def is_everything(self) -> bool:
        return not (self.since or self.until or self.outlets or self.doc_ids)

    def describe(self) -> str:
        """A short human description (``2022-01-01 to 2022-12-31, outlet VnExpress``)."""
        parts = []
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        if self.outlets:
            parts.append("outlet " + " or ".join(self.outlets))
        if self.doc_ids:
            parts.append(f"{len(self.doc_ids)} chosen article(s)")
        return ", ".join(parts) or "all articles"


def selected_ids(corpus: CorpusReader, selection: Selection) -> list[str]:
    """The ids of the articles ``selection`` keeps, in corpus order.

    Raises:
        UsageError: an outlet that no article has (the message lists the corpus's outlets).
        StoreError: a ``--doc`` id that matches no article, or several.
    """
    # resolve first: asking for a near-duplicate copy by id makes the store include copies
    wanted = {corpus.resolve(ref) for ref in selection.doc_ids}
    docs = corpus.documents()
    keep = [True] * len(docs)
    if wanted:
        keep = [d in wanted for d in docs["doc_id"]]
    if selection.outlets:
        keys = {_outlet_key(o) for o in selection.outlets}
        outlets = [_outlet_key(o or "") for o in docs["outlet"]]
        known = {_outlet_key(o) for o in docs["outlet"] if o}
        missing = [o for o in selection.outlets if _outlet_key(o) not in known]
        if missing:
            names = sorted({o for o in docs["outlet"] if o})
            shown = ", ".join(names[:12]) + (
                f" and {len(names) - 12} more" if len(names) > 12 else ""
            )
            raise UsageError(
                f"--outlet {missing[0]}: no article from this outlet; "
                + (
                    f"outlets in the corpus: {shown}"
                    if names
                    else "no article in the corpus records its outlet"
                )
            )
        keep = [k and o in keys for k, o in zip(keep, outlets, strict=True)]
    if selection.since or selection.until:
        lo, hi = selection.since or "0000", selection.until or "9999"
        dates = [published_date(p) for p in docs["published"]]
        keep = [k and bool(d) and lo[: len(d)] <= d <= hi for k, d in zip(keep, dates, strict=True)]
    return [d for d, k in zip(docs["doc_id"], keep, strict=True) if k]


def select_corpus(corpus: CorpusReader, selection: Selection | None) -> CorpusReader:
    """``corpus`` itself for an empty selection, else a read-only view of the selected
    articles."""
    if selection is None or selection.is_everything:
        return corpus
    return CorpusView(corpus, selected_ids(corpus, selection), selection.describe())


class CorpusView:
    """The read API of a corpus, limited to some of its articles (read-only).

    Results cached through the view are stored in the underlying corpus under a key that
    includes the selected ids, so a filtered analysis never answers from an unfiltered one.
    """

    readonly = True

    def __init__(self, corpus: CorpusReader, doc_ids: Sequence[str], description: str = "") -> None:
        self.corpus = corpus
        self.path: Path | None = corpus.path
        self.description = description
        self._ids = list(doc_ids)
        self._wanted = set(self._ids)
        digest = hashlib.sha256("\n".join(self._ids).encode()).hexdigest()[:16]
        self._prefix = f"sel:{digest}:"

    def close(self) -> None:
        pass

    def __enter__(self) -> CorpusView:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    @property
    def version(self) -> int:
        return hash((self.corpus.version, self._prefix)) & 0xFFFFFFFFFFFF

    def __len__(self) -> int:
        return len(self._ids)

    def duplicates(self) -> pd.DataFrame:
        frame = self.corpus.duplicates()
        return frame[frame["doc_id"].isin(self._wanted)].reset_index(drop=True)

    def doc_ids(self) -> list[str]:
        return list(self._ids)

    def documents(self) -> pd.DataFrame:
        docs = self.corpus.documents()
        return docs[docs["doc_id"].isin(self._wanted)].reset_index(drop=True)

    def resolve(self, ref: str) -> str:
        doc_id = self.corpus.resolve(ref)
        if doc_id not in self._wanted:
            raise StoreError(
                f"{ref}: this article is outside the selection "
                f"({self.description or 'filters'}); drop the filter or the id"
            )
        return doc_id

    def get(self, ref: str) -> Document:
        return self.corpus.get(self.resolve(ref))

    def _within(self, doc_ids: Sequence[str] | None) -> list[str]:
        return list(self._ids) if doc_ids is None else [d for d in doc_ids if d in self._wanted]

    def iter_documents(self, doc_ids: Sequence[str] | None = None) -> Iterator[Document]:
        return self.corpus.iter_documents(self._within(doc_ids))

    def iter_sentences(self, doc_ids: Sequence[str] | None = None) -> Iterator[Sentence]:
        return self.corpus.iter_sentences(self._within(doc_ids))

    def sentences(self, doc_ids: Sequence[str] | None = None) -> list[Sentence]:
        return list(self.iter_sentences(doc_ids))

    def iter_token_lists(self, every: int = 1) -> Iterator[tuple[str, list[list[str]]]]:
        ids = self._ids[:: max(1, every)]
        if len(ids) * 4 > len(self.corpus):
            # a large share: one sequential pass over the store beats a lookup per article
            wanted = set(ids)
            for doc_id, sentences in self.corpus.iter_token_lists():
                if doc_id in wanted:
                    yield doc_id, sentences
            return
        lookup = getattr(self.corpus, "token_lists_of", None)  # the SQLite store's
        if lookup is not None:
            yield from lookup(ids)
            return
        yield from group_token_lists(self.corpus.iter_sentences(ids))

    def removed(self, ref: str) -> list[Removed]:
        return self.corpus.removed(self.resolve(ref))

    def cache_get(self, key: str) -> bytes | None:
        return self.corpus.cache_get(self._prefix + key)

    def cache_put(self, key: str, value: bytes) -> bool:
        return bool(self.corpus.cache_put(self._prefix + key, value))


def document_metadata(corpus: CorpusReader) -> pd.DataFrame:
    """One row per article with the columns a citation needs: doc_id, title, published,
    outlet, url."""
    docs = corpus.documents()
    frame = docs[["doc_id", "title", "published", "outlet", "url"]].copy()
    return frame.fillna("").reset_index(drop=True)


def cite(frame: pd.DataFrame, metadata: pd.DataFrame | CorpusReader) -> pd.DataFrame:
    """``frame`` with title, published, outlet and url beside its ``doc_id`` (joined on
    doc_id; columns it already has are kept where they are).

    Args:
        frame: records with a ``doc_id`` column.
        metadata: ``document_metadata(corpus)``, or an open corpus.
    """
    if "doc_id" not in frame.columns:
        return frame
    missing = [c for c in CITE_COLUMNS if c not in frame.columns]
    if not missing:
        return frame
    meta = (
        cast("pd.DataFrame", metadata)
        if hasattr(metadata, "columns")
        else document_metadata(cast(CorpusReader, metadata))
    )
    lookup = meta.set_index("doc_id")
    out = frame.copy()
    anchor = list(out.columns).index("title" if "title" in out.columns else "doc_id")
    for offset, column in enumerate(missing, start=1):
        values = out["doc_id"].map(lookup[column]) if column in lookup.columns else ""
        out.insert(
            anchor + offset, column, values if isinstance(values, str) else values.fillna("")
        )
    return out
