"""The Parquet corpus: the distributed store and the interchange format.

A corpus folder holds Parquet files (``month=YYYY-MM/part-*.parquet``, hive-partitioned by
publication month) with one row per article: metadata, raw and clean text, sentences as
offsets and word lists (``list<list<string>>``), removed lines, the content hash and the
vnt/underthesea versions that made it. ``ParquetCorpus`` offers the same read API as the
SQLite ``Corpus``, so every analysis runs on either store.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vntransform.corpus.base import (
    DOCUMENT_COLUMNS,
    DOCUMENT_FIELDS,
    DUPLICATE_COLUMNS,
    CorpusWriter,
    build_sentences,
    resolve_prefix,
)
from vntransform.errors import StoreError
from vntransform.models import Document, ProcessedArticle, Removed, Sentence

if TYPE_CHECKING:
    import pandas as pd

    from vntransform.corpus.store import Corpus

INSTALL_HINT = "install the extra: pip install 'vntransform[dask]'"


def require_pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise StoreError(f"Parquet corpora need pyarrow; {INSTALL_HINT}") from None
    return pyarrow


def schema() -> Any:
    """The explicit Arrow schema (token lists cannot be inferred reliably)."""
    pa = require_pyarrow()
    text = pa.string()
    return pa.schema(
        [
            ("seq", pa.int64()),
            ("doc_id", text),
            ("content_hash", text),
            ("source", text),
            ("fmt", text),
            ("encoding", text),
            ("title", text),
            ("published", text),
            ("outlet", text),
            ("author", text),
            ("url", text),
            ("raw_text", text),
            ("text", text),
            ("n_sentences", pa.int32()),
            ("n_words", pa.int32()),
            ("sent_paragraph", pa.list_(pa.int32())),
            ("sent_start", pa.list_(pa.int32())),
            ("sent_end", pa.list_(pa.int32())),
            ("tokens", pa.list_(pa.list_(text))),
            ("removed_kind", pa.list_(text)),
            ("removed_line", pa.list_(pa.int32())),
            ("removed_text", pa.list_(text)),
            ("vnt_version", text),
            ("underthesea_version", text),
            ("published_raw", text),
            ("duplicate_of", text),
        ]
    )


# Columns added after the first release: files written before them read as "".
_LATER_COLUMNS = ("published_raw", "duplicate_of")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def article_record(article: ProcessedArticle, content_hash: str, seq: int) -> dict[str, Any]:
    """One Parquet row for a processed article."""
    d = article.document
    s, r = article.sentences, article.removed
    return {
        "seq": seq,
        "doc_id": d.doc_id,
        "content_hash": content_hash,
        "source": d.source,
        "fmt": d.fmt,
        "encoding": d.encoding,
        "title": d.title,
        "published": d.published,
        "outlet": d.outlet,
        "author": d.author,
        "url": d.url,
        "raw_text": d.raw_text,
        "text": d.text,
        "n_sentences": d.n_sentences,
        "n_words": d.n_words,
        "sent_paragraph": [x.paragraph for x in s],
        "sent_start": [x.start for x in s],
        "sent_end": [x.end for x in s],
        "tokens": [list(x.tokens) for x in s],
        "removed_kind": [x.kind for x in r],
        "removed_line": [x.line for x in r],
        "removed_text": [x.text for x in r],
        "vnt_version": _version("vntransform"),
        "underthesea_version": _version("underthesea"),
        "published_raw": d.published_raw,
        "duplicate_of": d.duplicate_of,
    }


def write_records(records: Sequence[dict[str, Any]], folder: str | Path, name: str) -> list[str]:
    """Write rows as Parquet files, one per publication month; returns the files written."""
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    by_month: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_month.setdefault(record["published"][:7] or "unknown", []).append(record)
    written = []
    for month, rows in sorted(by_month.items()):
        target = Path(folder) / f"month={month}"
        target.mkdir(parents=True, exist_ok=True)
        path = target / f"part-{name}.parquet"
        tmp = path.with_suffix(".tmp")
        pq.write_table(pa.Table.from_pylist(rows, schema=schema()), tmp, compression="zstd")
        os.replace(tmp, path)  # readers never see half a file
        written.append(str(path))
    return written


COMPACT_TARGET_BYTES = 128 * 2**20
MERGED_FROM = b"vnt_merged_from"
ROW_GROUP_ROWS = 2_000


def compact_partition(
    directory: str | Path, *, target_bytes: int = COMPACT_TARGET_BYTES
) -> list[str]:
    """Merge one partition's small batch files into files of up to ``target_bytes``.

    Ingest writes one file per batch (a few hundred articles, well under a MB); analyses
    and other tools read far better from files of tens to hundreds of MB. Each merged file
    is written under a temporary name and renamed into place before its inputs are
    removed, so a reader never sees an article missing; the merged file names its inputs in
    its footer, so a reader skips inputs a crash left behind (never counting an article
    twice). Returns the partition's files.
    """
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    directory = Path(directory)
    parts = [Path(p) for p in _live_files(directory) if not Path(p).name.startswith("data-")]
    groups: list[list[Path]] = [[]]
    size = 0
    for path in parts:
        if groups[-1] and size + path.stat().st_size > target_bytes:
            groups.append([])
            size = 0
        groups[-1].append(path)
        size += path.stat().st_size
    taken = {int(p.stem[5:]) for p in directory.glob("data-*.parquet") if p.stem[5:].isdigit()}
    number = max(taken, default=-1) + 1
    for group in groups:
        if len(group) < 2:
            continue
        final = directory / f"data-{number:05d}.parquet"
        tmp = final.with_suffix(".parquet.tmp")
        number += 1
        lineage = schema().with_metadata(
            {MERGED_FROM: json.dumps([path.name for path in group]).encode()}
        )
        with pq.ParquetWriter(tmp, lineage, compression="zstd") as writer:
            pending: list[Any] = []
            rows = 0
            for path in group:
                table = pq.read_table(path, schema=lineage)
                pending.append(table)
                rows += table.num_rows
                if rows >= ROW_GROUP_ROWS:
                    writer.write_table(pa.concat_tables(pending))
                    pending, rows = [], 0
            if pending:
                writer.write_table(pa.concat_tables(pending))
        os.replace(tmp, final)
        for path in group:
            path.unlink()
    return _live_files(directory)


def compact(folder: str | Path, *, target_bytes: int = COMPACT_TARGET_BYTES) -> list[str]:
    """``compact_partition`` for every partition of a corpus folder; all files after."""
    out: list[str] = []
    for directory in sorted({p.parent for p in Path(folder).rglob("*.parquet")}):
        out.extend(compact_partition(directory, target_bytes=target_bytes))
    return out


def _live_files(folder: Path) -> list[str]:
    """The corpus's Parquet files, without batch files a merged file already holds (left
    behind when a merge was interrupted after its rename)."""
    import pyarrow.parquet as pq

    paths = sorted(folder.rglob("*.parquet"))
    merged: set[Path] = set()
    for path in paths:
        if path.name.startswith("data-"):
            meta = pq.read_schema(path).metadata or {}
            merged.update(path.parent / name for name in json.loads(meta.get(MERGED_FROM, b"[]")))
    return [str(p) for p in paths if p not in merged]


class ParquetWriter:
    """Ingest's writer into a new Parquet corpus folder (a ``CorpusWriter``).

    Rows are buffered and written as batch files of ``batch_size`` articles, one per
    publication month; ``close()`` writes the rest and merges each partition's batch files
    (``compact``). Near-duplicate copies are linked to the first original written, as the
    SQLite store links them: band keys are kept in memory with the original's text
    (compressed), about 5 KB per article.
    """

    def __init__(self, folder: str | Path, *, batch_size: int = 200) -> None:
        require_pyarrow()
        self.folder = Path(folder)
        if self.folder.exists() and any(self.folder.rglob("*.parquet")):
            raise StoreError(
                f"{self.folder}: already holds Parquet files; write a corpus into a new folder"
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        self.batch_size = batch_size
        self.files: list[str] = []
        self._records: list[dict[str, Any]] = []
        self._part = 0
        self._hashes: dict[str, str] = {}  # content hash -> doc_id written
        self._bands: dict[int, list[int]] = {}  # band key -> seq of originals
        self._originals: dict[int, tuple[str, bytes]] = {}  # seq -> (doc_id, zlib text)
        self._closed = False

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._hashes)

    def has_hash(self, content_hash: str) -> str | None:
        return self._hashes.get(content_hash)

    def near_duplicate_of(self, keys: Sequence[int], text: str) -> str:
        """The id of the first original written that this article nearly repeats, else ""
        (the candidates and order of ``Corpus.near_duplicate_of``)."""
        import zlib
        from collections import Counter

        from vntransform.corpus.dedupe import is_near_duplicate, shingles

        shared = Counter(seq for key in keys for seq in self._bands.get(key, ()))
        if not shared:
            return ""
        candidates = sorted(shared, key=lambda seq: (-shared[seq], seq))[:20]
        shingle_set = shingles(text)
        found = [
            seq
            for seq in candidates
            if is_near_duplicate(
                shingle_set, shingles(zlib.decompress(self._originals[seq][1]).decode("utf-8"))
            )
        ]
        return self._originals[min(found)][0] if found else ""

    def add(
        self,
        article: ProcessedArticle,
        *,
        content_hash: str,
        replace: bool = False,
        encoded: tuple[bytes, bytes] | None = None,
        bands: Sequence[int] = (),
        derived: Sequence[tuple[str, str, bytes]] = (),
    ) -> bool:
        """Buffer one article (``encoded``: as ``Corpus.add`` takes it from a worker);
        False when the same content was already written. A Parquet corpus keeps no
        per-article results: ``derived`` rows are dropped, and analyses find them again
        each time."""
        import zlib
        from dataclasses import replace as with_fields

        if content_hash in self._hashes:
            return False
        if encoded is not None:  # rebuild what the worker compressed
            from vntransform.corpus.store import decode_segments

            doc = with_fields(
                article.document, raw_text=zlib.decompress(encoded[0]).decode("utf-8")
            )
            article = ProcessedArticle(
                doc,
                tuple(build_sentences(doc.doc_id, doc.text, decode_segments(encoded[1]))),
                article.removed,
            )
        doc = article.document
        seq = len(self._hashes)
        self._hashes[content_hash] = doc.doc_id
        if not doc.duplicate_of and bands:
            self._originals[seq] = (doc.doc_id, zlib.compress(doc.text.encode("utf-8"), 1))
            for key in bands:
                self._bands.setdefault(key, []).append(seq)
        self._records.append(article_record(article, content_hash, seq))
        if len(self._records) >= self.batch_size:
            self._flush()
        return True

    def delete(self, ref: str) -> None:
        raise StoreError(
            f"{self.folder}: a Parquet corpus folder is written once; ingest "
            "into SQLite (--db) to delete articles"
        )

    def _flush(self) -> None:
        if self._records:
            self.files.extend(write_records(self._records, self.folder, f"{self._part:06d}"))
            self._records, self._part = [], self._part + 1

    def close(self) -> None:
        """Write what is buffered and merge each partition's batch files."""
        if self._closed:
            return
        self._closed = True
        self._flush()
        self.files = compact(self.folder) if self.files else []


def to_processed(row: dict[str, Any]) -> tuple[ProcessedArticle, str]:
    """A Parquet row back to a processed article (for import into SQLite)."""
    doc = _document(row)
    sentences = tuple(build_sentences(doc.doc_id, doc.text, _spans(row)))
    removed = tuple(
        Removed(k, n, t)
        for k, n, t in zip(
            row["removed_kind"], row["removed_line"], row["removed_text"], strict=True
        )
    )
    return ProcessedArticle(doc, sentences, removed), row["content_hash"]


def _spans(row: dict[str, Any]) -> Iterator[tuple[int, int, int, tuple[str, ...]]]:
    """(paragraph, start, end, words) per sentence of one row."""
    return zip(
        row["sent_paragraph"],
        row["sent_start"],
        row["sent_end"],
        map(tuple, row["tokens"]),
        strict=True,
    )


def _document(row: dict[str, Any]) -> Document:
    return Document(
        doc_id=row["doc_id"],
        source=row["source"],
        fmt=row["fmt"],
        encoding=row["encoding"],
        title=row["title"],
        published=row["published"],
        outlet=row["outlet"],
        author=row["author"],
        url=row["url"],
        raw_text=row["raw_text"],
        text=row["text"],
        n_sentences=row["n_sentences"],
        n_words=row["n_words"],
        published_raw=row.get("published_raw") or "",
        duplicate_of=row.get("duplicate_of") or "",
    )


class ParquetCorpus:
    """A Parquet corpus folder with the read API of ``Corpus`` (read-only; no cache)."""

    readonly = True
    include_duplicates = False  # as ``Corpus``: near-duplicate copies are skipped by default

    def __init__(self, folder: str | Path) -> None:
        require_pyarrow()
        import pyarrow.dataset as ds

        self.path = Path(folder)
        self.files = _live_files(self.path)
        if not self.files:
            raise StoreError(f"{folder}: no Parquet files here; not a vnt corpus folder")
        self._dataset = ds.dataset(self.files, format="parquet", schema=schema())
        self._meta: pd.DataFrame | None = None

    @classmethod
    def open(cls, folder: str | Path) -> ParquetCorpus:
        return cls(folder)

    def close(self) -> None:
        pass

    def __enter__(self) -> ParquetCorpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        h = hashlib.sha256()
        for f in self.files:
            st = os.stat(f)
            h.update(f"{f}:{st.st_size}:{st.st_mtime_ns}".encode())
        return int(h.hexdigest()[:12], 16)

    def _metadata(self) -> pd.DataFrame:
        if self._meta is None:
            table = self._dataset.to_table(
                columns=[
                    "seq",
                    "doc_id",
                    "title",
                    "published",
                    "outlet",
                    "author",
                    "source",
                    "encoding",
                    "n_sentences",
                    "n_words",
                    "url",
                    *_LATER_COLUMNS,
                ]
            )
            meta = table.to_pandas().sort_values("seq", kind="stable").reset_index(drop=True)
            meta[list(_LATER_COLUMNS)] = meta[list(_LATER_COLUMNS)].fillna("")
            self._meta = meta
        return self._meta

    def _visible(self) -> pd.DataFrame:
        meta = self._metadata()
        return meta if self.include_duplicates else meta[meta["duplicate_of"] == ""]

    def __len__(self) -> int:
        return len(self._visible())

    def doc_ids(self) -> list[str]:
        return self._visible()["doc_id"].tolist()

    def documents(self) -> pd.DataFrame:
        frame = (
            self._visible()
            .drop(columns="seq")
            .rename(columns={"n_sentences": "sentences", "n_words": "words"})
        )
        frame = frame.astype({"sentences": "int64", "words": "int64"})
        return frame[list(DOCUMENT_COLUMNS)].reset_index(drop=True)

    def duplicates(self) -> pd.DataFrame:
        meta = self._metadata()
        copies = meta[meta["duplicate_of"] != ""]
        first = meta.set_index("doc_id")
        return copies.assign(
            original_title=copies["duplicate_of"].map(first["title"]),
            original_source=copies["duplicate_of"].map(first["source"]),
        )[list(DUPLICATE_COLUMNS)].reset_index(drop=True)

    def _skip(self) -> set[str]:
        """Doc ids a full scan leaves out (near-duplicate copies)."""
        if self.include_duplicates:
            return set()
        meta = self._metadata()
        return set(meta.loc[meta["duplicate_of"] != "", "doc_id"])

    def resolve(self, ref: str) -> str:
        doc_id = resolve_prefix(ref, self._prefix_matches, self.path)
        if doc_id in self._skip():
            self.include_duplicates = True  # asked for a copy by its id: read copies too
        return doc_id

    def _prefix_matches(self, prefix: str) -> list[str]:
        return [d for d in self._metadata()["doc_id"] if d.startswith(prefix)]

    def _rows(self, doc_ids: Sequence[str] | None, columns: list[str]) -> Iterator[dict]:
        import pyarrow.dataset as ds

        if doc_ids is None:
            skip = self._skip()
            for row in self._all_rows(columns):
                if row["doc_id"] not in skip:
                    yield row
            return
        wanted = list(doc_ids)
        rows: dict[str, dict] = {}
        for batch in self._dataset.to_batches(
            columns=["seq", *columns], filter=ds.field("doc_id").isin(wanted), batch_size=256
        ):
            for row in batch.to_pylist():
                rows[row["doc_id"]] = row
        for doc_id in wanted:
            if doc_id in rows:
                yield rows[doc_id]

    def _all_rows(self, columns: list[str]) -> Iterator[dict]:
        """Every row in corpus order, streaming: each file is in ``seq`` order (batches are
        written, and merged, in order), so a k-way merge holds one batch per file."""
        import heapq

        import pyarrow.parquet as pq

        names = list(dict.fromkeys(["seq", "doc_id", *columns]))

        def stream(path: str) -> Iterator[tuple[int, dict]]:
            file = pq.ParquetFile(path)
            present = set(file.schema_arrow.names)
            missing = [n for n in names if n not in present]  # a file older than a column
            for batch in file.iter_batches(
                batch_size=256, columns=[n for n in names if n in present]
            ):
                for row in batch.to_pylist():
                    for name in missing:
                        row[name] = ""
                    yield row["seq"], row

        for _, row in heapq.merge(*(stream(p) for p in self.files), key=lambda item: item[0]):
            yield row

    def get(self, ref: str) -> Document:
        return next(self.iter_documents([self.resolve(ref)]))

    def iter_documents(self, doc_ids: Sequence[str] | None = None) -> Iterator[Document]:
        for row in self._rows(doc_ids, list(DOCUMENT_FIELDS)):
            yield _document(row)

    def iter_sentences(self, doc_ids: Sequence[str] | None = None) -> Iterator[Sentence]:
        cols = ["doc_id", "text", "sent_paragraph", "sent_start", "sent_end", "tokens"]
        for row in self._rows(doc_ids, cols):
            yield from build_sentences(row["doc_id"], row["text"], _spans(row))

    def sentences(self, doc_ids: Sequence[str] | None = None) -> list[Sentence]:
        return list(self.iter_sentences(doc_ids))

    def iter_token_lists(self, every: int = 1) -> Iterator[tuple[str, list[list[str]]]]:
        wanted = None if every <= 1 else self.doc_ids()[::every]
        for row in self._rows(wanted, ["doc_id", "tokens"]):
            yield row["doc_id"], row["tokens"]

    def removed(self, ref: str) -> list[Removed]:
        row = next(
            self._rows(
                [self.resolve(ref)], ["doc_id", "removed_kind", "removed_line", "removed_text"]
            )
        )
        return [
            Removed(k, n, t)
            for k, n, t in zip(
                row["removed_kind"], row["removed_line"], row["removed_text"], strict=True
            )
        ]

    def rows(self, doc_ids: Sequence[str] | None = None) -> Iterator[dict]:
        """Whole rows, for import into SQLite (near-duplicate copies included)."""
        if doc_ids is None:
            return self._all_rows(list(schema().names[1:]))
        return self._rows(doc_ids, list(schema().names[1:]))

    def cache_get(self, key: str) -> bytes | None:
        return None

    def cache_put(self, key: str, value: bytes) -> bool:
        return False


def export_parquet(corpus: Corpus, folder: str | Path, *, batch: int = 500) -> int:
    """Copy a SQLite corpus to a Parquet folder without segmenting again."""
    folder = Path(folder)
    if folder.exists() and any(folder.rglob("*.parquet")):
        raise StoreError(f"{folder}: already holds Parquet files; export into a new folder")
    folder.mkdir(parents=True, exist_ok=True)
    import sqlite3

    hashes = dict(
        sqlite3.connect(f"file:{corpus.path}?mode=ro", uri=True).execute(
            "SELECT doc_id, content_hash FROM documents"
        )
    )
    corpus.include_duplicates = True  # copies travel with their duplicate_of link
    records: list[dict[str, Any]] = []
    count = part = 0
    for seq, doc in enumerate(corpus.iter_documents()):
        sentences = tuple(corpus.iter_sentences([doc.doc_id]))
        article = ProcessedArticle(doc, sentences, tuple(corpus.removed(doc.doc_id)))
        records.append(article_record(article, hashes[doc.doc_id], seq))
        count += 1
        if len(records) >= batch:
            write_records(records, folder, f"{part:05d}")
            records, part = [], part + 1
    if records:
        write_records(records, folder, f"{part:05d}")
    compact(folder)
    return count


def import_parquet(folder: str | Path, corpus: CorpusWriter, *, where: str | None = None) -> int:
    """Add the articles of a Parquet folder to a SQLite corpus (``where``: a pandas query
    over doc_id, title, published, outlet, author, source, e.g. "outlet == 'Dân trí'")."""
    from vntransform.corpus.dedupe import band_keys, shingles

    source = ParquetCorpus(folder)
    source.include_duplicates = True
    ids = None
    if where:
        try:
            ids = source.documents().query(where)["doc_id"].tolist()
        except Exception as exc:  # pandas raises many kinds for a bad query
            raise StoreError(f"--where {where!r}: not a valid filter ({exc})") from None
    added = 0
    for row in source.rows(ids):
        article, content_hash = to_processed(row)
        added += corpus.add(
            article, content_hash=content_hash, bands=band_keys(shingles(article.document.text))
        )
    return added
