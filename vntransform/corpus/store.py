"""The embedded corpus: one SQLite file holding articles, sentences and words.

Layout (schema version 2):

* ``meta``: key/value pairs: ``app`` = ``vntransform``, ``schema_version``, ``corpus_version``
  (bumped by every change, so caches keyed on it go stale by themselves).
* ``documents``: one row per article; ``raw_text`` is the decoded input, zlib-compressed;
  ``text`` is the clean normalised text (paragraphs joined by ``\\n``).
* ``segments``: one zlib-compressed blob per article holding its sentences: a line per
  sentence, ``paragraph TAB start TAB end TAB word TAB word…`` (offsets into
  ``documents.text``). One row per article instead of one per sentence keeps the store
  under twice the size of the raw text and makes reading an article's words one lookup.
* ``removed``: the lines cleaning dropped, with their kind.
* ``cache``: derived artefacts (e.g. TF-IDF matrices) keyed by name and corpus_version.
* ``derived``: per-article results (``derived.py``: each article's quotes and theme
  sentences), one row per article and kind, with the fingerprint of the code and data that
  made it. Unlike ``cache`` these rows survive an ingest of other articles; they go with
  their article. A store without this table (made before it existed) gains it the first
  time it is opened where it can be written; until then it simply has no rows.
* ``bands``: the MinHash/LSH band keys of each article (``dedupe.py``); an article whose
  text nearly equals one stored before (a syndicated copy) is stored with
  ``documents.duplicate_of`` = the first copy's id, and every analysis reads it only when
  asked to (``include_duplicates``).

Version 2 added ``published_raw``, ``duplicate_of`` and ``bands``; a version 1 store is
migrated in place the first time it is opened where it can be written.

Every article is written in one transaction, so a killed ingest never leaves half an
article behind. WAL mode and a busy timeout let two writers share the file.
"""

from __future__ import annotations

import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vntransform.corpus.base import (
    DOCUMENT_COLUMNS,
    DOCUMENT_FIELDS,
    DUPLICATE_COLUMNS,
    PREFIX_PROBE,
    build_sentences,
    resolve_prefix,
)
from vntransform.errors import StoreError
from vntransform.models import Document, ProcessedArticle, Removed, Sentence

if TYPE_CHECKING:
    import pandas as pd

SCHEMA_VERSION = 2
APP_NAME = "vntransform"
DEFAULT_DB = "vnt.db"
SHORT_ID_LEN = 12
BUSY_TIMEOUT_MS = 60_000
PAGE_SIZE = 16_384

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    fmt TEXT NOT NULL,
    encoding TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    raw_text BLOB NOT NULL,
    text TEXT NOT NULL,
    n_sentences INTEGER NOT NULL,
    n_words INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    published_raw TEXT NOT NULL DEFAULT '',
    duplicate_of TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS segments (
    doc_id TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS removed (
    doc_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    line INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cache (
    key TEXT PRIMARY KEY,
    corpus_version INTEGER NOT NULL,
    value BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL,
    doc_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS bands_key ON bands(key);
CREATE INDEX IF NOT EXISTS bands_doc ON bands(doc_id);
CREATE TABLE IF NOT EXISTS derived (
    doc_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (doc_id, kind)
) WITHOUT ROWID;
"""
# added to schema version 2 without a version change: older vnt ignores the table
_DERIVED_SCHEMA = _SCHEMA[_SCHEMA.index("CREATE TABLE IF NOT EXISTS derived") :]
_MIGRATE_1_TO_2 = """
ALTER TABLE documents ADD COLUMN published_raw TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN duplicate_of TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL,
    doc_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS bands_key ON bands(key);
CREATE INDEX IF NOT EXISTS bands_doc ON bands(doc_id);
"""

_DOC_COLUMNS = ", ".join(DOCUMENT_FIELDS)
_ORIGINALS = "duplicate_of = ''"
TOKEN_SEP = "\t"


def short_id(content_hash: str) -> str:
    """The id users see and type: the first characters of the content hash."""
    return content_hash[:SHORT_ID_LEN]


class Corpus:
    """A vnt corpus stored in one SQLite file.

    Example:
        >>> corpus = Corpus.open("vnt.db")  # doctest: +SKIP
        >>> corpus.documents().head()  # doctest: +SKIP
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly
        # Analyses count a syndicated story once: the listing and iteration methods skip
        # near-duplicate copies unless this is set (``--keep-duplicates``).
        self.include_duplicates = False

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] = DEFAULT_DB,
        *,
        readonly: bool = False,
        create: bool = False,
    ) -> Corpus:
        """Open a store; with ``create=True`` make it (and check an existing one).

        Raises:
            StoreError: missing file (without ``create``), missing folder, not SQLite,
                not a vnt store, or a store of another schema version.
        """
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a corpus file; pass --db FILE")
        exists = path.exists() and path.stat().st_size > 0
        if not exists and not create:
            raise StoreError(
                f"{path}: no corpus here; run `vnt ingest PATH` first or pass --db FILE"
            )
        if not exists and not path.parent.exists():
            raise StoreError(f"{path}: folder {path.parent} does not exist; create it first")
        if exists and readonly:
            try:
                conn = _connect_readonly(path)
            except sqlite3.DatabaseError as exc:
                raise StoreError(
                    f"{path}: not a vnt corpus (not an SQLite database: {exc})"
                ) from None
        else:
            if exists and not _writable(path):
                raise StoreError(f"{path}: corpus file is read-only; cannot write to it")
            try:
                conn = sqlite3.connect(
                    path,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    isolation_level=None,
                    check_same_thread=False,
                )
            except sqlite3.OperationalError as exc:
                raise StoreError(f"{path}: cannot open corpus: {exc}") from None
        corpus = cls(conn, path, readonly=readonly)
        try:
            corpus._check_or_init_retrying(create=create and not readonly, exists=exists)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{path}: not a vnt corpus (not an SQLite database: {exc})") from None
        except StoreError:
            conn.close()
            raise
        return corpus

    def _check_or_init_retrying(self, *, create: bool, exists: bool) -> None:
        """``_check_or_init``, waiting while another process creates the same store:
        switching to WAL or creating the schema takes a lock that SQLite's busy handler
        does not always wait for."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self._check_or_init(create=create, exists=exists)
                return
            except sqlite3.OperationalError as exc:
                if (
                    "locked" not in str(exc)
                    and "busy" not in str(exc)
                    or time.monotonic() > deadline
                ):
                    raise
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                time.sleep(0.05)

    def _check_or_init(self, *, create: bool, exists: bool) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables:
            if tables or (exists and not create):
                raise StoreError(
                    f"{self.path}: not a vnt corpus (an SQLite file of another program)"
                )
            if not create:
                raise StoreError(f"{self.path}: not a vnt corpus")
            self._init_schema()
            return
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        if meta.get("app") != APP_NAME:
            raise StoreError(f"{self.path}: not a vnt corpus (an SQLite file of another program)")
        version = int(meta.get("schema_version", "0"))
        if version == 1:
            self._migrate_from_1()
            version = SCHEMA_VERSION
        if version != SCHEMA_VERSION:
            newer = "newer" if version > SCHEMA_VERSION else "older"
            raise StoreError(
                f"{self.path}: corpus schema version {version} is {newer} than this vnt "
                f"(version {SCHEMA_VERSION}); "
                + ("upgrade vnt" if version > SCHEMA_VERSION else "re-ingest into a new --db")
            )
        if not self.readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(_DERIVED_SCHEMA)

    def _migrate_from_1(self) -> None:
        """Version 1 -> 2: add the date-as-given and duplicate columns and the band index
        (filled for the stored articles, which all stay originals). Runs in one
        transaction; a read-only open migrates through a short writable connection.

        Raises:
            StoreError: the store must be migrated but cannot be written here.
        """
        if not _writable(self.path):
            raise StoreError(
                f"{self.path}: corpus schema version 1 is older than this vnt (version "
                f"{SCHEMA_VERSION}) and the file cannot be written to upgrade it; copy it "
                "somewhere writable and run any vnt command on it, or re-ingest into a new --db"
            )
        conn = self._conn
        opened = False
        if self.readonly:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            opened = True
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                current = conn.execute(
                    "SELECT value FROM meta WHERE key='schema_version'"
                ).fetchone()
                if current and current[0] == "1":  # another process may have migrated it
                    for statement in _MIGRATE_1_TO_2.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    from vntransform.corpus.dedupe import band_keys, shingles

                    rows = conn.execute("SELECT doc_id, text FROM documents ORDER BY seq")
                    conn.executemany(
                        "INSERT INTO bands(key, doc_id) VALUES (?, ?)",
                        [
                            (key, doc_id)
                            for doc_id, text in rows.fetchall()
                            for key in band_keys(shingles(text))
                        ],
                    )
                    conn.execute(
                        "UPDATE meta SET value = ? WHERE key = 'schema_version'",
                        (str(SCHEMA_VERSION),),
                    )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            if opened:
                conn.close()

    def _init_schema(self) -> None:
        conn = self._conn
        # Articles are a few KB: with 16 KiB pages a whole row stays on its page instead of
        # spilling into half-empty overflow pages (the store was 3x the text with 4 KiB).
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have created it between our check and the lock.
            if not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
            ).fetchone():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.executemany(
                    "INSERT INTO meta(key, value) VALUES (?, ?)",
                    [
                        ("app", APP_NAME),
                        ("schema_version", str(SCHEMA_VERSION)),
                        ("corpus_version", "0"),
                    ],
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    @property
    def version(self) -> int:
        """A number that changes whenever the corpus content changes."""
        row = self._conn.execute("SELECT value FROM meta WHERE key='corpus_version'").fetchone()
        return int(row[0]) if row else 0

    def __len__(self) -> int:
        return self._conn.execute(
            f"SELECT COUNT(*) FROM documents WHERE {self._where()}"
        ).fetchone()[0]

    def _where(self, alias: str = "") -> str:
        """The documents analyses read: originals only, unless duplicates are included."""
        return "1" if self.include_duplicates else f"{alias}{_ORIGINALS}"

    def doc_ids(self) -> list[str]:
        """Document ids in ingest order (without near-duplicate copies unless
        ``include_duplicates``)."""
        return [
            r[0]
            for r in self._conn.execute(
                f"SELECT doc_id FROM documents WHERE {self._where()} ORDER BY seq"
            )
        ]

    def has_hash(self, content_hash: str) -> str | None:
        """The doc_id stored for this content hash, if any."""
        row = self._conn.execute(
            "SELECT doc_id FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def resolve(self, ref: str) -> str:
        """The doc_id a user typed: a full id, or any unique prefix of one (a near-duplicate
        copy's id turns ``include_duplicates`` on).

        Raises:
            StoreError: no document or several documents match.
        """
        doc_id = resolve_prefix(ref, self._prefix_matches, self.path)
        if (
            not self.include_duplicates
            and self._conn.execute(
                "SELECT duplicate_of != '' FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()[0]
        ):
            # The user asked for a near-duplicate copy by its id: what this corpus reads
            # includes copies from now on, so its title and words are found.
            self.include_duplicates = True
        return doc_id

    def _prefix_matches(self, prefix: str) -> list[str]:
        return [
            r[0]
            for r in self._conn.execute(
                "SELECT doc_id FROM documents WHERE doc_id >= ? AND doc_id < ? "
                f"LIMIT {PREFIX_PROBE}",
                (prefix, prefix + "\uffff"),
            )
        ]

    def documents(self) -> pd.DataFrame:
        """One row per article: doc_id, title, published, outlet, author, source, encoding,
        sentences, words, url, published_raw, duplicate_of (near-duplicate copies only with
        ``include_duplicates``)."""
        import pandas as pd

        rows = self._conn.execute(
            "SELECT doc_id, title, published, outlet, author, source, encoding,"
            " n_sentences, n_words, url, published_raw, duplicate_of FROM documents"
            f" WHERE {self._where()} ORDER BY seq"
        ).fetchall()
        return pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))

    def near_duplicate_of(self, keys: Sequence[int], text: str) -> str:
        """The id of the first stored original this article nearly repeats, else "".

        Args:
            keys: the article's band keys (``dedupe.band_keys``).
            text: its clean text, to confirm a candidate by exact shingle similarity.
        """
        from vntransform.corpus.dedupe import is_near_duplicate, shingles

        if not keys:
            return ""
        marks = ",".join("?" * len(keys))
        rows = self._conn.execute(
            f"SELECT d.doc_id, d.text, COUNT(*) AS shared FROM bands b JOIN documents d"
            f" USING (doc_id) WHERE b.key IN ({marks}) AND d.{_ORIGINALS}"
            " GROUP BY d.doc_id ORDER BY shared DESC, d.seq LIMIT 20",
            list(keys),
        ).fetchall()
        if not rows:
            return ""
        shingle_set = shingles(text)
        found = [
            (doc_id, other)
            for doc_id, other, _ in rows
            if is_near_duplicate(shingle_set, shingles(other))
        ]
        if not found:
            return ""
        if len(found) == 1:
            return found[0][0]
        order = dict(
            self._conn.execute(
                f"SELECT doc_id, seq FROM documents WHERE doc_id IN ({','.join('?' * len(found))})",
                [f[0] for f in found],
            )
        )
        return min(found, key=lambda f: order[f[0]])[0]

    def duplicates(self) -> pd.DataFrame:
        """Near-duplicate copies with the original each repeats: doc_id, title, source,
        duplicate_of, original_title, original_source."""
        import pandas as pd

        rows = self._conn.execute(
            "SELECT d.doc_id, d.title, d.source, d.duplicate_of, o.title, o.source"
            " FROM documents d LEFT JOIN documents o ON o.doc_id = d.duplicate_of"
            " WHERE d.duplicate_of != '' ORDER BY d.seq"
        ).fetchall()
        return pd.DataFrame(rows, columns=list(DUPLICATE_COLUMNS))

    def get(self, ref: str) -> Document:
        """The stored document for an id or unique id prefix."""
        doc_id = self.resolve(ref)
        row = self._conn.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return _document(row)

    def iter_documents(self, doc_ids: Sequence[str] | None = None) -> Iterator[Document]:
        """Documents in ingest order (or in the order of ``doc_ids``)."""
        if doc_ids is None:
            cur = self._conn.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE {self._where()} ORDER BY seq"
            )
            for row in cur:
                yield _document(row)
            return
        for doc_id in doc_ids:
            row = self._conn.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            if row is not None:
                yield _document(row)

    def iter_sentences(self, doc_ids: Sequence[str] | None = None) -> Iterator[Sentence]:
        """Sentences with their words, document by document in ingest order.

        Reads in a streaming fashion: memory does not grow with the corpus.
        """
        ids = self.doc_ids() if doc_ids is None else list(doc_ids)
        for doc_id in ids:
            row = self._conn.execute(
                "SELECT text FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            if row is None:
                continue
            yield from self._sentences_of(doc_id, row[0])

    def sentences(self, doc_ids: Sequence[str] | None = None) -> list[Sentence]:
        """All sentences of the given documents (all documents by default)."""
        return list(self.iter_sentences(doc_ids))

    def _sentences_of(self, doc_id: str, text: str) -> Iterator[Sentence]:
        row = self._conn.execute("SELECT data FROM segments WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return
        yield from build_sentences(doc_id, text, decode_segments(row[0]))

    def iter_token_lists(
        self, every: int = 1, *, part: int = 0, parts: int = 1
    ) -> Iterator[tuple[str, list[list[str]]]]:
        """(doc_id, [words of each sentence]) per document in ingest order: the fast path
        for analyses (no sentence text, no offsets). ``every=n`` yields every n-th document
        only (a sample spread over the corpus), without decompressing the others.
        ``part``/``parts``: the documents in ``parts`` consecutive runs of (nearly) equal
        size, and only run ``part`` of them (for processes that share the reading)."""
        where = self._where("d.")
        if parts > 1:
            seqs = [
                r[0]
                for r in self._conn.execute(
                    f"SELECT seq FROM documents d WHERE {where} ORDER BY seq"
                )
            ]
            lo, hi = len(seqs) * part // parts, len(seqs) * (part + 1) // parts
            if lo >= hi:
                return
            where += f" AND d.seq BETWEEN {int(seqs[lo])} AND {int(seqs[hi - 1])}"
        cur = self._conn.execute(
            "SELECT d.doc_id, s.data FROM documents d JOIN segments s USING (doc_id)"
            f" WHERE {where} ORDER BY d.seq"
        )
        for i, (doc_id, data) in enumerate(cur):
            if i % every:
                continue
            text = zlib.decompress(data).decode("utf-8")
            yield doc_id, [line.split(TOKEN_SEP)[3:] for line in text.split("\n")] if text else []

    def token_lists_of(self, doc_ids: Sequence[str]) -> Iterator[tuple[str, list[list[str]]]]:
        """``iter_token_lists`` for some documents, in the order of ``doc_ids`` (a lookup
        per id: for a part of the corpus, where reading it all would cost more)."""
        for i in range(0, len(doc_ids), 500):
            part = list(doc_ids[i : i + 500])
            marks = ",".join("?" * len(part))
            found = dict(
                self._conn.execute(
                    f"SELECT doc_id, data FROM segments WHERE doc_id IN ({marks})", part
                ).fetchall()
            )
            for doc_id in part:
                data = found.get(doc_id)
                if data is None:
                    continue
                text = zlib.decompress(data).decode("utf-8")
                yield (
                    doc_id,
                    ([line.split(TOKEN_SEP)[3:] for line in text.split("\n")] if text else []),
                )

    def removed(self, ref: str) -> list[Removed]:
        """The lines cleaning dropped from one document."""
        doc_id = self.resolve(ref)
        return [
            Removed(kind, line, text)
            for kind, line, text in self._conn.execute(
                "SELECT kind, line, text FROM removed WHERE doc_id = ? ORDER BY idx", (doc_id,)
            )
        ]

    # -- writing ---------------------------------------------------------------------------

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
        """Store one processed article in one transaction.

        Args:
            article: what ingest computed.
            content_hash: the id of its content.
            replace: overwrite the stored copy of the same content.
            encoded: ``encode_article(article)`` when a worker process already compressed
                it (the article may then come without raw text and sentences).
            bands: its MinHash band keys (``dedupe.band_keys``), so later copies find it.
            derived: (kind, fingerprint, data) rows of its per-article results
                (``derived.derived_rows``), computed at ingest when asked.

        Returns:
            True when written, False when the same content was already stored (and
            ``replace`` is false).
        """
        self._require_writable()
        doc = article.document
        raw_blob, segments_blob = encoded if encoded is not None else encode_article(article)
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            existing = conn.execute(
                "SELECT doc_id FROM documents WHERE content_hash = ?", (content_hash,)
            ).fetchone()
            if existing and not replace:
                conn.execute("ROLLBACK")
                return False
            if existing:
                self._delete(existing[0])
            conn.execute(
                "INSERT INTO documents(doc_id, content_hash, source, fmt, encoding, title,"
                " published, outlet, author, url, raw_text, text, n_sentences, n_words,"
                " ingested_at, published_raw, duplicate_of)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.doc_id,
                    content_hash,
                    doc.source,
                    doc.fmt,
                    doc.encoding,
                    doc.title,
                    doc.published,
                    doc.outlet,
                    doc.author,
                    doc.url,
                    raw_blob,
                    doc.text,
                    doc.n_sentences,
                    doc.n_words,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    doc.published_raw,
                    doc.duplicate_of,
                ),
            )
            conn.executemany(
                "INSERT INTO bands(key, doc_id) VALUES (?, ?)", [(key, doc.doc_id) for key in bands]
            )
            conn.execute(
                "INSERT INTO segments(doc_id, data) VALUES (?, ?)",
                (doc.doc_id, segments_blob),
            )
            conn.executemany(
                "INSERT INTO removed(doc_id, idx, kind, line, text) VALUES (?,?,?,?,?)",
                [(doc.doc_id, i, r.kind, r.line, r.text) for i, r in enumerate(article.removed)],
            )
            conn.executemany(
                "INSERT OR REPLACE INTO derived(doc_id, kind, fingerprint, data) VALUES (?,?,?,?)",
                [(doc.doc_id, kind, fp, data) for kind, fp, data in derived],
            )
            self._bump_version()
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # a Ctrl-C can land just after COMMIT returned
                conn.execute("ROLLBACK")
            raise
        return True

    def delete(self, ref: str) -> None:
        """Remove one document and everything stored for it."""
        self._require_writable()
        doc_id = self.resolve(ref)
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._delete(doc_id)
            self._bump_version()
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def _delete(self, doc_id: str) -> None:
        for table in ("segments", "removed", "bands", "derived", "documents"):
            self._conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    def _bump_version(self) -> None:
        self._conn.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'corpus_version'"
        )
        self._conn.execute("DELETE FROM cache")

    def _require_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")

    # -- cache -----------------------------------------------------------------------------

    def _cache_key(self, key: str) -> str:
        return f"{key}|with-duplicates" if self.include_duplicates else key

    def cache_get(self, key: str) -> bytes | None:
        """A cached artefact for the current corpus version, or None."""
        key = self._cache_key(key)
        row = self._conn.execute(
            "SELECT value FROM cache WHERE key = ? AND corpus_version = ?", (key, self.version)
        ).fetchone()
        return bytes(row[0]) if row else None

    def cache_put(self, key: str, value: bytes) -> bool:
        """Keep a derived artefact for the current corpus version.

        Analyses open the store read-only; the cache is the one thing they write, through a
        short separate connection, and only when the file is writable. Returns False when
        nothing was written (read-only file or folder, or the store busy for too long).
        """
        version = self.version
        key = self._cache_key(key)
        conn = self._conn
        opened = False
        try:
            if self.readonly:
                if not _writable(self.path):
                    return False
                conn = sqlite3.connect(self.path, timeout=5, isolation_level=None)
                opened = True
            conn.execute(
                "INSERT OR REPLACE INTO cache(key, corpus_version, value) VALUES (?,?,?)",
                (key, version, value),
            )
        except sqlite3.Error:
            return False
        finally:
            if opened:
                conn.close()
        return True

    # -- per-article results ---------------------------------------------------------------

    def derived_get(
        self, kind: str, fingerprint: str, doc_ids: Sequence[str] | None = None
    ) -> dict[str, bytes]:
        """The stored per-article results of one kind made by the code ``fingerprint``
        names (``derived.py``), by doc_id: every such row, or those of ``doc_ids``."""
        query = "SELECT doc_id, data FROM derived WHERE kind = ? AND fingerprint = ?"
        try:
            if doc_ids is not None and len(doc_ids) <= 2_000:  # a selection: by id
                rows = []
                for i in range(0, len(doc_ids), 500):
                    part = list(doc_ids[i : i + 500])
                    rows += self._conn.execute(
                        f"{query} AND doc_id IN ({','.join('?' * len(part))})",
                        (kind, fingerprint, *part),
                    ).fetchall()
            else:
                rows = self._conn.execute(query, (kind, fingerprint)).fetchall()
        except sqlite3.OperationalError:  # a store made before the table, opened read-only
            return {}
        if doc_ids is None:
            return {d: bytes(v) for d, v in rows}
        wanted = set(doc_ids)
        return {d: bytes(v) for d, v in rows if d in wanted}

    def derived_put(self, kind: str, fingerprint: str, rows: Iterable[tuple[str, bytes]]) -> bool:
        """Keep per-article results (doc_id, data) of one kind, replacing older ones.

        Like ``cache_put``: through a short separate connection when the store was opened
        read-only, and only when the file is writable. Rows of articles no longer stored
        are not written. Returns False when nothing was written.
        """
        conn = self._conn
        opened = False
        try:
            if self.readonly:
                if not _writable(self.path):
                    return False
                conn = sqlite3.connect(self.path, timeout=5, isolation_level=None)
                opened = True
            conn.execute(_DERIVED_SCHEMA)
            conn.execute("BEGIN IMMEDIATE")
            try:
                # only for articles still stored (another process may have deleted one)
                conn.executemany(
                    "INSERT OR REPLACE INTO derived(doc_id, kind, fingerprint, data)"
                    " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM documents WHERE doc_id = ?)",
                    [(d, kind, fingerprint, data, d) for d, data in rows],
                )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            return False
        finally:
            if opened:
                conn.close()
        return True

    def integrity_ok(self) -> bool:
        """SQLite's own integrity check."""
        return self._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _writable(path: Path) -> bool:
    """Can this process write the store file and its folder (for the -wal/-shm files)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def encode_article(article: ProcessedArticle) -> tuple[bytes, bytes]:
    """The compressed raw text and ``segments`` blob of one article, as ``add`` stores them
    (computed in ingest workers, so the single writer only inserts)."""
    raw = zlib.compress(article.document.raw_text.encode("utf-8"), 6)
    return raw, encode_segments(article.sentences)


def encode_segments(sentences: Iterable[Sentence]) -> bytes:
    """The compressed ``segments`` blob of one article (see the module docstring)."""
    lines = [
        f"{s.paragraph}{TOKEN_SEP}{s.start}{TOKEN_SEP}{s.end}{TOKEN_SEP}{TOKEN_SEP.join(s.tokens)}"
        for s in sentences
    ]
    return zlib.compress("\n".join(lines).encode("utf-8"), 6)


def decode_segments(data: bytes) -> list[tuple[int, int, int, tuple[str, ...]]]:
    """(paragraph, start, end, words) per sentence, from a ``segments`` blob."""
    text = zlib.decompress(data).decode("utf-8")
    out = []
    for line in text.split("\n") if text else ():
        paragraph, start, end, words = line.split(TOKEN_SEP, 3)
        out.append(
            (int(paragraph), int(start), int(end), tuple(words.split(TOKEN_SEP)) if words else ())
        )
    return out


def _connect_readonly(path: Path) -> sqlite3.Connection:
    uri = f"file:{path.resolve().as_posix()}?mode=ro"
    try:
        conn = sqlite3.connect(
            uri,
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return conn
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise
        # A WAL store in a read-only folder cannot create its -shm file: open it
        # as immutable (safe: nobody can be writing where we cannot write).
        uri = f"file:{path.resolve().as_posix()}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def _document(row: Sequence[Any]) -> Document:
    (
        doc_id,
        source,
        fmt,
        encoding,
        title,
        published,
        outlet,
        author,
        url,
        raw,
        text,
        n_sentences,
        n_words,
        published_raw,
        duplicate_of,
    ) = row
    return Document(
        doc_id=doc_id,
        source=source,
        fmt=fmt,
        encoding=encoding,
        title=title,
        published=published,
        outlet=outlet,
        author=author,
        url=url,
        raw_text=zlib.decompress(raw).decode("utf-8"),
        text=text,
        n_sentences=n_sentences,
        n_words=n_words,
        published_raw=published_raw,
        duplicate_of=duplicate_of,
    )
