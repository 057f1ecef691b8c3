"""Per-article results kept in the store: each article's quotes and theme sentences.

Finding the quotes of an article (``quotes.extract_quotes``) and the sentences that count
for a theme of the built-in lexicon (``themes.match_document``) depends on that article
alone, so the result is kept beside it in the store's ``derived`` table, keyed by doc_id,
kind and a **fingerprint** of the extractor: a hash of the source of every vntransform
module the extractor imports (followed through their imports) and of the package data
files. A newer extractor, rule or lexicon therefore has another fingerprint, and rows made
by an older one are recomputed the next time they are asked for. Unlike the whole-corpus
``cache`` table, the rows survive an ingest of other articles (adding 10 articles to a
33,000-article store computes 10); deleting or replacing an article removes its rows.

Rows are filled at ingest when asked (``vnt ingest --analyse``: the ingest workers already
hold each article's sentences) and otherwise lazily: ``scan_articles`` (``vnt quotes``,
``speakers``, ``themes`` and ``report``) computes what is missing, in worker processes for
large stores, and stores it when the file is writable. A read-only store, a selection of a
read-only store and a Parquet corpus are answered the same way without storing anything.
"""

from __future__ import annotations

import ast
import hashlib
import multiprocessing
import pickle
import zlib
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vntransform.corpus.base import CorpusReader
    from vntransform.mining.theme_rules import Matcher, SentenceRules, Theme
    from vntransform.mining.themes import Match
    from vntransform.models import Document, Sentence
    from vntransform.quotes.extract import Quote

QUOTES = "quotes"
THEMES = "themes"
KINDS = (QUOTES, THEMES)
FORMAT = 1  # bump when the encoding of a row changes
# the modules each kind's result comes from; their vntransform imports are followed
_ROOTS = {QUOTES: ("vntransform.quotes.extract",), THEMES: ("vntransform.mining.theme_rules",)}
# hashed too, their imports not followed: themes.py holds the per-article step
# (match_document) beside whole-corpus tables that import half the package
_ALSO = {QUOTES: (), THEMES: ("vntransform.mining.themes",)}
CHUNK = 50  # articles per worker task: small enough to balance two workers, large to batch
MIN_PER_WORKER = 200  # below this many articles to analyse per worker, one process is quicker
MP_CONTEXT = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
_PACKAGE = Path(__file__).resolve().parent.parent  # vntransform/


# -- fingerprints ------------------------------------------------------------------------


@cache
def fingerprint(kind: str) -> str:
    """The fingerprint of the code and data that make ``kind`` rows (16 hex digits).

    A hash of the source of the kind's extractor and of every vntransform module it imports
    (followed through their own imports, type-checking imports left out) and of every file under
    ``vntransform/data``: a change to any of them (another rule, a longer word list, a new
    lexicon) gives another fingerprint, so older rows are recomputed instead of read.
    """
    digest = hashlib.sha256(f"{kind}:{FORMAT}".encode())
    for path in fingerprint_files(kind):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def fingerprint_files(kind: str) -> list[Path]:
    """The files whose bytes make the fingerprint of ``kind``: its modules, then the data."""
    if kind not in _ROOTS:
        raise ValueError(f"unknown kind of per-article result: {kind}")
    also = {p for p in map(_module_file, _ALSO[kind]) if p is not None}
    return sorted(_module_files(_ROOTS[kind]) | also) + _data_files()


def _data_files() -> list[Path]:
    data = _PACKAGE / "data"
    return sorted(
        p
        for p in data.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )


def _module_file(name: str) -> Path | None:
    """The source file of a vntransform module or package, else None."""
    parts = name.split(".")
    if parts[0] != "vntransform":
        return None
    base = _PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_files(roots: Sequence[str]) -> set[Path]:
    """The files of ``roots`` and of every vntransform module they import, transitively."""
    seen: set[Path] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        path = _module_file(name)
        if path is None or path in seen:
            continue
        seen.add(path)
        # (the packages' __init__ files a module's import runs are left out: they only
        # gather names, and following them would take in the whole package)
        todo.extend(_imports(path, name))
    return seen


def _imports(path: Path, module: str) -> list[str]:
    """vntransform modules imported by one file (``from x import y`` gives x and x.y)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: list[str] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                out.extend(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                out.append(base)
                out.extend(f"{base}.{a.name}" for a in child.names)
            visit(child)

    visit(tree)
    return [name for name in out if name.startswith("vntransform")]


# -- one article ------------------------------------------------------------------------


@dataclass(slots=True)
class ArticleResult:
    """What one article gives: its quotes and/or its theme sentences (None: not asked)."""

    quotes: list[Quote] | None = None
    sentences: int = 0  # sentences read for themes
    matched: list[Match] | None = None


@lru_cache(maxsize=1)
def builtin_matcher() -> Matcher:
    """The matcher of the built-in lexicon (the one whose results are stored)."""
    from vntransform.mining.themes import theme_matcher

    return theme_matcher()


def is_builtin(
    themes: Sequence[Theme] | None, rules: SentenceRules | None = None, fold: bool = False
) -> bool:
    """Whether theme matches of ``themes`` (a lexicon, or its themes and ``rules``) are the
    stored ones: the built-in lexicon and sentence rules, matched with diacritics."""
    if fold:
        return False
    if themes is None:
        return True
    from vntransform.mining.themes import load_lexicon

    builtin = load_lexicon()
    rules = rules if rules is not None else getattr(themes, "sentence_rules", None)
    return list(themes) == list(builtin) and rules in (None, builtin.sentence_rules)


def analyse_article(
    doc: Document, sentences: Sequence[Sentence], *, quotes: bool, matcher: Matcher | None
) -> ArticleResult:
    """The per-article step of ``vnt quotes`` (``extract_quotes``) and of the theme tables
    (``match_document`` with ``matcher``), as asked."""
    from vntransform.mining.themes import match_document
    from vntransform.quotes.extract import extract_quotes

    out = ArticleResult()
    if quotes:
        out.quotes = extract_quotes(doc, sentences)
    if matcher is not None:
        out.matched = match_document(matcher, list(sentences)) if sentences else []
        out.sentences = len(sentences)
    return out


def derived_rows(
    doc: Document, sentences: Sequence[Sentence], kinds: Sequence[str] = KINDS
) -> list[tuple[str, str, bytes]]:
    """The (kind, fingerprint, data) rows of one article, as ``Corpus.add`` stores them
    (what ``vnt ingest --analyse`` computes in its workers)."""
    result = analyse_article(
        doc,
        sentences,
        quotes=QUOTES in kinds,
        matcher=builtin_matcher() if THEMES in kinds else None,
    )
    return [(kind, fingerprint(kind), encode(kind, result)) for kind in kinds]


def encode(kind: str, result: ArticleResult) -> bytes:
    """One row's data: the quotes' field values, or (sentences, matches), pickled and
    compressed (plain tuples: read back several times faster than dataclasses)."""
    if kind == QUOTES:
        assert result.quotes is not None
        names = _quote_fields()
        payload: Any = [tuple(getattr(q, n) for n in names) for q in result.quotes]
    else:
        payload = (result.sentences, result.matched or [])
    return zlib.compress(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL), 6)


def decode(kind: str, data: bytes, into: ArticleResult) -> None:
    """Fill ``into`` with one row's data (``encode``)."""
    payload = pickle.loads(zlib.decompress(data))
    if kind == QUOTES:
        from vntransform.quotes.extract import Quote

        into.quotes = [Quote(*values) for values in payload]
    else:
        into.sentences, into.matched = payload


@lru_cache(maxsize=1)
def _quote_fields() -> tuple[str, ...]:
    from vntransform.quotes.extract import Quote

    return tuple(f.name for f in fields(Quote))


# -- every article ----------------------------------------------------------------------


@dataclass(slots=True)
class ArticleScan:
    """What one pass over the articles found, in corpus order."""

    quotes: list[Quote] = field(default_factory=list)
    sentences: int = 0  # sentences read for themes (0 when themes were not asked)
    matched: list[Match] = field(default_factory=list)  # themes.match_document rows
    computed: int = 0  # articles analysed by this scan (the others were read from the store)
    stored: int = 0  # articles whose new results were written to the store

    def add(self, result: ArticleResult) -> None:
        if result.quotes:
            self.quotes.extend(result.quotes)
        self.sentences += result.sentences
        if result.matched:
            self.matched.extend(result.matched)


class _Scanner:
    """The per-article step, with the matcher built once (sent to worker processes)."""

    def __init__(
        self, quotes: bool, themes: bool, lexicon: Sequence[Theme] | None, fold: bool
    ) -> None:
        self.quotes = quotes
        self.themes = themes
        self.lexicon = lexicon
        self.fold = fold
        self.asked = [k for k in KINDS if (quotes if k == QUOTES else themes)]
        self.storable = list(self.asked)
        if themes and not is_builtin(lexicon, fold=fold):
            self.storable.remove(THEMES)
        self._matcher: Matcher | None = None

    @property
    def matcher(self) -> Matcher | None:
        if not self.themes:
            return None
        if self._matcher is None:
            if THEMES in self.storable:
                self._matcher = builtin_matcher()
            else:
                from vntransform.mining.themes import theme_matcher

                self._matcher = theme_matcher(lexicon=self.lexicon, fold=self.fold)
        return self._matcher

    def scan(
        self, corpus: CorpusReader, doc_ids: Sequence[str]
    ) -> list[tuple[str, ArticleResult, dict[str, bytes]]]:
        """(doc_id, result, {kind: stored form}) of each article of ``doc_ids``."""
        out = []
        for doc in corpus.iter_documents(doc_ids):
            sentences = list(corpus.iter_sentences([doc.doc_id]))
            result = analyse_article(doc, sentences, quotes=self.quotes, matcher=self.matcher)
            out.append((doc.doc_id, result, {k: encode(k, result) for k in self.storable}))
        return out


def scan_articles(
    corpus: CorpusReader,
    *,
    quotes: bool = True,
    themes: bool = True,
    lexicon: Sequence[Theme] | None = None,
    fold: bool = False,
    doc_ids: Sequence[str] | None = None,
    workers: int = 1,
    use_store: bool = True,
) -> ArticleScan:
    """Every article's quotes and/or theme sentences, from the store's ``derived`` rows
    where they are current, computed (and stored) where not.

    Args:
        corpus: an open corpus or a selection of one.
        quotes: the quotes (``vnt quotes``'s rows, in corpus order).
        themes: the sentences of each article that count for a theme of ``lexicon``
            matched with ``fold`` (stored for the built-in lexicon without ``fold`` only).
        doc_ids: these articles only (default: every article of ``corpus``).
        workers: processes analysing the missing articles; more than one only for an
            SQLite store (each worker opens it read-only) and at least ``MIN_PER_WORKER``
            missing articles per worker.
        use_store: read the current rows of the store and write what was computed (when
            its file is writable); False: analyse every article here, write nothing.
    """
    return start_scan(
        corpus,
        quotes=quotes,
        themes=themes,
        lexicon=lexicon,
        fold=fold,
        doc_ids=doc_ids,
        workers=workers,
        use_store=use_store,
    ).result()


class PendingScan:
    """A scan whose missing articles are analysed in worker processes while the caller
    does other work, or in this process when the result is asked for."""

    def __init__(
        self,
        corpus: CorpusReader,
        scanner: _Scanner,
        ids: list[str],
        found: dict[str, ArticleResult],
        missing: list[str],
        *,
        store: bool,
        pool: ProcessPoolExecutor | None = None,
        parts: Any = None,
    ) -> None:
        self._corpus, self._scanner, self._ids = corpus, scanner, ids
        self._found, self._missing, self._store = found, missing, store
        self._pool, self._parts = pool, parts
        self._done: ArticleScan | None = None

    def result(self) -> ArticleScan:
        """What the scan found, articles in corpus order (waits for the workers)."""
        if self._done is not None:
            return self._done
        computed: list[tuple[str, ArticleResult, dict[str, bytes]]] = []
        if self._pool is None:
            if self._missing:
                computed = self._scanner.scan(self._corpus, self._missing)
        else:
            try:
                for part in self._parts:
                    computed.extend(part)
            except BaseException:
                self.cancel()
                raise
            self._pool.shutdown()
        out = ArticleScan(computed=len(computed))
        if computed and self._store:
            out.stored = _store_rows(self._corpus, self._scanner.storable, computed)
        found = self._found
        for doc_id, result, _ in computed:
            kept = found.get(doc_id)
            if kept is None:
                found[doc_id] = result
                continue
            # the kinds that were stale or missing, beside the ones read from the store
            if result.quotes is not None:
                kept.quotes = result.quotes
            if result.matched is not None:
                kept.matched, kept.sentences = result.matched, result.sentences
        for doc_id in self._ids:
            article = found.get(doc_id)
            if article is not None:
                out.add(article)
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
    doc_ids: Sequence[str] | None = None,
    workers: int = 1,
    use_store: bool = True,
) -> PendingScan:
    """``scan_articles``, started: the stored rows are read now and, with more than one
    worker, the missing articles are analysed in the background from now on; ``result()``
    collects them."""
    scanner = _Scanner(quotes, themes, lexicon, fold)
    ids = corpus.doc_ids() if doc_ids is None else list(doc_ids)
    found, missing, kinds = (
        _stored_results(corpus, scanner, ids) if use_store else ({}, ids, set(scanner.asked))
    )
    if kinds != set(scanner.asked):  # only some kinds are stale: find only those
        scanner = _Scanner(QUOTES in kinds, THEMES in kinds, lexicon, fold)
    path = _store_path(corpus)
    workers = min(workers, len(missing) // MIN_PER_WORKER)
    if path is None or workers < 2 or MP_CONTEXT is None:
        return PendingScan(corpus, scanner, ids, found, missing, store=use_store)
    chunks = [missing[i : i + CHUNK] for i in range(0, len(missing), CHUNK)]
    context = multiprocessing.get_context(MP_CONTEXT)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start,
        initargs=(str(path), scanner, getattr(corpus, "include_duplicates", False)),
    )
    try:
        parts = pool.map(_scan_chunk, chunks)  # every task is queued now
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return PendingScan(
        corpus, scanner, ids, found, missing, store=use_store, pool=pool, parts=parts
    )


def keeps_results(corpus: Any) -> bool:
    """Whether ``corpus`` (or the store under a selection) keeps per-article results: an
    SQLite store does, a Parquet corpus does not."""
    return _base_store(corpus) is not None


def _base_store(corpus: Any) -> Any:
    """The SQLite ``Corpus`` under a corpus or a selection of one, else None."""
    from vntransform.corpus.store import Corpus

    base = getattr(corpus, "corpus", corpus)
    return base if isinstance(base, Corpus) else None


def _store_path(corpus: Any) -> Path | None:
    base = _base_store(corpus)
    return base.path if base is not None and base.path is not None else None


def reopen_args(corpus: CorpusReader) -> tuple[str, bool, list[str] | None, str] | None:
    """What another process needs to open the same SQLite store, or the same selection of
    one (``reopen``); None for other corpora."""
    base = _base_store(corpus)
    if base is None or base.path is None:
        return None
    ids = None if corpus is base else corpus.doc_ids()
    return str(base.path), bool(base.include_duplicates), ids, getattr(corpus, "description", "")


def reopen(where: tuple[str, bool, list[str] | None, str]) -> CorpusReader:
    """The corpus ``reopen_args`` describes, opened read-only in this process."""
    from vntransform.corpus.select import CorpusView
    from vntransform.corpus.store import Corpus

    path, include_duplicates, ids, description = where
    corpus = Corpus.open(path, readonly=True)
    corpus.include_duplicates = include_duplicates
    return corpus if ids is None else CorpusView(corpus, ids, description)


def _stored_results(
    corpus: CorpusReader, scanner: _Scanner, ids: list[str]
) -> tuple[dict[str, ArticleResult], list[str], set[str]]:
    """What the store holds for ``ids``, current, as (results by doc_id, some possibly
    partial; the articles with a kind missing or stale; the kinds missing somewhere)."""
    asked = scanner.asked
    base = _base_store(corpus)
    kept = [k for k in asked if k in scanner.storable] if base is not None else []
    rows = {kind: base.derived_get(kind, fingerprint(kind), ids) for kind in kept}
    found: dict[str, ArticleResult] = {}
    missing: list[str] = []
    kinds: set[str] = set()
    for doc_id in ids:
        result = ArticleResult()
        have = set()
        for kind in kept:
            blob = rows[kind].get(doc_id)
            if blob is None:
                continue
            try:
                decode(kind, blob, result)
            except Exception:  # an unreadable row: analyse the article again
                continue
            have.add(kind)
        if have:
            found[doc_id] = result
        lacking = set(asked) - have
        if lacking:
            missing.append(doc_id)
            kinds |= lacking
    return found, missing, kinds


def _store_rows(
    corpus: CorpusReader,
    kinds: Sequence[str],
    computed: list[tuple[str, ArticleResult, dict[str, bytes]]],
) -> int:
    """Write the new rows of ``kinds``; the number of articles written (0: not writable)."""
    base = _base_store(corpus)
    if base is None or not kinds:
        return 0
    for kind in kinds:
        fp = fingerprint(kind)
        if not base.derived_put(kind, fp, [(d, blobs[kind]) for d, _, blobs in computed]):
            return 0
    return len(computed)


_worker: dict[str, Any] = {}


def _start(path: str, scanner: _Scanner, include_duplicates: bool) -> None:
    """Open the store in the worker, which ignores Ctrl-C as every engine worker does."""
    from vntransform.corpus.store import Corpus
    from vntransform.engines.local import ignore_interrupts

    ignore_interrupts()
    corpus = Corpus.open(path, readonly=True)
    corpus.include_duplicates = include_duplicates
    _worker["corpus"] = corpus
    _worker["scanner"] = scanner


def _scan_chunk(doc_ids: list[str]) -> list[tuple[str, ArticleResult, dict[str, bytes]]]:
    return _worker["scanner"].scan(_worker["corpus"], doc_ids)


__all__ = [
    "KINDS",
    "ArticleResult",
    "ArticleScan",
    "PendingScan",
    "analyse_article",
    "derived_rows",
    "fingerprint",
    "fingerprint_files",
    "is_builtin",
    "keeps_results",
    "reopen",
    "reopen_args",
    "scan_articles",
    "start_scan",
]
