"""Ingest: read inputs, normalise, clean, segment once, store.

One pipeline for every engine and store: ``plan_jobs`` plans the per-article jobs (length
limit, normalising, empty text, duplicates), an engine (``engines``: a local process pool,
or a Dask cluster) runs them in batches of a few articles (``process_article``'s work:
clean, split, segment, compress) and yields the results in input order, with a bounded
number in flight so memory does not grow with the corpus, and one writer (the SQLite
``Corpus``, or a new Parquet folder's ``ParquetWriter``) stores them.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from vntransform.corpus.readers import DEFAULT_GLOBS, Failure, find_inputs, read_all
from vntransform.corpus.store import encode_article, short_id
from vntransform.errors import InputError
from vntransform.models import Document, Metadata, ProcessedArticle, RawArticle, Sentence
from vntransform.text.normalize import normalize_text

if TYPE_CHECKING:
    from vntransform.corpus.base import CorpusWriter
    from vntransform.engines.base import Engine


@dataclass(frozen=True, slots=True)
class Added:
    """An article stored by this ingest."""

    doc_id: str
    source: str
    encoding: str
    title: str
    sentences: int
    words: int
    duplicate_of: str = ""  # the stored original this article nearly repeats
    published_raw: str = ""  # a date given in a form vnt could not read
    published: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article whose content was already stored."""

    doc_id: str
    source: str


@dataclass(slots=True)
class IngestReport:
    """What one ingest did: added, skipped (already stored) and failed inputs."""

    added: list[Added] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


ProgressCallback = Callable[[str, str], None]  # (event: added|skipped|failed, source)


MAX_ARTICLE_CHARS = 5_000_000
MAX_SENTENCE_CHARS = 2_000  # a "sentence" longer than this is cut at spaces before the CRF


@lru_cache(maxsize=1)
def builtin_terms() -> tuple[str, ...]:
    """The built-in multiword terms (``vntransform/data/terms.txt``)."""
    text = resources.files("vntransform.data").joinpath("terms.txt").read_text("utf-8")
    return tuple(_parse_terms(text))


def load_terms(path: str | os.PathLike[str]) -> list[str]:
    """Read a user term list: one term per line, ``#`` comments.

    Raises:
        InputError: the file cannot be read.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read term list: {exc.strerror or exc}") from None
    from vntransform.corpus.decode import decode_bytes

    return _parse_terms(decode_bytes(data, source=str(path)).text)


def _parse_terms(text: str) -> list[str]:
    terms = []
    for line in normalize_text(text).split("\n"):
        line = line.split("#", 1)[0].strip()
        if line and " " in line:
            terms.append(line)
    return terms


def fixed_words_for(terms: Iterable[str]) -> tuple[str, ...]:
    """Terms as underthesea fixed words, also with a capital first letter (sentence starts).

    Longer terms first, so "chuyển đổi số" wins over "chuyển đổi".
    """
    out: dict[str, None] = {}
    for term in terms:
        for variant in (term, term[:1].upper() + term[1:]):
            out[variant] = None
    return tuple(sorted(out, key=lambda t: (-len(t), t)))


def content_hash(normalized: str) -> str:
    """The id of an article's content: SHA-256 of its normalised text."""
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def process_article(
    raw: RawArticle, normalized: str, content_id: str, *, fixed_words: Sequence[str] = ()
) -> ProcessedArticle:
    """Clean, extract metadata and segment one article (what ingest does to each article,
    a few articles per job on its engine).

    Args:
        raw: the article as read.
        normalized: ``normalize_text(raw.text)`` (computed once by the caller).
        content_id: ``content_hash(normalized)``.
        fixed_words: multiword terms for underthesea.

    Raises:
        InputError: nothing is left after cleaning.
    """
    prepared = _prepare_article(raw, normalized, content_id)
    words = _segment_batch([span.text for _, _, span in prepared.spans], tuple(fixed_words))
    return _finish_article(prepared, words)


@dataclass(frozen=True)
class _Prepared:
    """An article cleaned and split into sentences, waiting for its words."""

    raw: RawArticle
    doc_id: str
    meta: Metadata
    paragraphs: list[str]
    spans: list  # (paragraph index, paragraph offset, Span)
    removed: tuple


def _prepare_article(raw: RawArticle, normalized: str, content_id: str) -> _Prepared:
    from vntransform.corpus.clean import clean_article
    from vntransform.text.segment import split_sentences

    cleaned = clean_article(normalized)
    paragraphs = [p for p in cleaned.paragraphs if p.strip()]
    if not paragraphs:
        raise InputError(f"{raw.source}: no article text left after removing site chrome")
    spans: list = []  # (paragraph index, paragraph offset, Span)
    offset = 0
    for p_index, paragraph in enumerate(paragraphs):
        spans.extend((p_index, offset, span) for span in _bounded(split_sentences(paragraph)))
        offset += len(paragraph) + 1
    meta = _merge_metadata(raw.metadata, cleaned.metadata, raw.source, raw.fmt)
    return _Prepared(raw, short_id(content_id), meta, paragraphs, spans, tuple(cleaned.removed))


def _finish_article(prepared: _Prepared, words: Sequence[tuple[str, ...]]) -> ProcessedArticle:
    raw, doc_id, meta = prepared.raw, prepared.doc_id, prepared.meta
    sentences = [
        Sentence(doc_id, i, p_index, offset + span.start, offset + span.end, span.text, tokens)
        for i, ((p_index, offset, span), tokens) in enumerate(
            zip(prepared.spans, words, strict=True)
        )
    ]
    document = Document(
        doc_id=doc_id,
        source=raw.source,
        fmt=raw.fmt,
        encoding=raw.encoding,
        title=meta.title,
        published=meta.published,
        outlet=meta.outlet,
        author=meta.author,
        url=meta.url,
        raw_text=raw.text,
        text="\n".join(prepared.paragraphs),
        n_sentences=len(sentences),
        n_words=sum(len(s.tokens) for s in sentences),
        published_raw=meta.published_raw,
    )
    return ProcessedArticle(document, tuple(sentences), prepared.removed)


def _bounded(spans: list) -> list:  # Span records
    """Cut runaway sentences (tables flattened to one line, text without punctuation) into
    pieces of at most MAX_SENTENCE_CHARS at spaces, so memory and time stay bounded."""
    from vntransform.text.segment import Span

    out = []
    for span in spans:
        start = span.start
        text = span.text
        while len(text) > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", 0, MAX_SENTENCE_CHARS)
            if cut <= 0:
                cut = MAX_SENTENCE_CHARS
            piece = text[:cut].rstrip()
            out.append(Span(start, start + len(piece), piece))
            rest = text[cut:]
            stripped = rest.lstrip()
            start += cut + (len(rest) - len(stripped))
            text = stripped
        if text:
            out.append(Span(start, start + len(text), text))
    return out


_SEEN: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
_SEEN_MAX = 32_768


def _segment_batch(texts: list[str], fixed_words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Words of an article's normalised sentences, segmented in one batch.

    News repeats sentences (captions, boilerplate, syndicated copies): ~2.5% of VNTC
    syllables are in a sentence seen before, so earlier results are reused."""
    from vntransform.text.segment import segment_sentences

    out: list[tuple[str, ...] | None] = [_SEEN.get((t, fixed_words)) for t in texts]
    todo = [i for i, o in enumerate(out) if o is None]
    if todo:
        if len(_SEEN) + len(todo) > _SEEN_MAX:
            _SEEN.clear()
        # normalized=False: normalize_text places tone marks per whitespace word, while
        # underthesea also normalises tokens inside a word ("7Hoà" -> "7H", "òa"); cached
        fresh = segment_sentences([texts[i] for i in todo], fixed_words=fixed_words)
        for i, words in zip(todo, fresh, strict=True):
            out[i] = _SEEN[(texts[i], fixed_words)] = tuple(words)
    return out  # type: ignore[return-value]


def _merge_metadata(
    given: Metadata, found: Metadata, source: str = "", fmt: str = "txt"
) -> Metadata:
    """Metadata the input supplied (CSV columns, HTML meta, document properties) wins over
    what was found in the text; then the URL's site and, for a whole file, its name
    (``2023-10-13-dantri-…``) fill what is still missing."""
    from vntransform.corpus.dates import date_from_name
    from vntransform.corpus.metadata import outlet_from_name, outlet_from_url

    merged = {
        name: getattr(given, name) or getattr(found, name)
        for name in ("title", "published", "outlet", "author", "url")
    }
    whole_file = fmt not in ("csv", "jsonl") and source != "<stdin>"
    if not merged["outlet"]:
        merged["outlet"] = outlet_from_url(merged["url"]) or (
            outlet_from_name(source) if whole_file else ""
        )
    if not merged["published"] and whole_file:
        merged["published"] = date_from_name(source)
    return Metadata(**merged, published_raw=given.published_raw)


def _fill_defaults(document: Document, defaults: Metadata) -> Document:
    """``--set`` values for the fields an article (its input, text and name) left empty."""
    return replace(
        document,
        **{
            name: getattr(document, name) or getattr(defaults, name)
            for name in ("title", "published", "outlet", "author", "url")
        },
    )


def ingest(
    paths: Sequence[str],
    corpus: CorpusWriter,
    *,
    globs: Sequence[str] = DEFAULT_GLOBS,
    text_column: str = "text",
    terms: Sequence[str] = (),
    replace_existing: bool = False,
    use_builtin_terms: bool = True,
    max_chars: int = MAX_ARTICLE_CHARS,
    workers: int = 1,
    stdin: io.BufferedIOBase | None = None,
    on_progress: ProgressCallback | None = None,
    defaults: Metadata | None = None,
    find_duplicates: bool = True,
    engine: Engine | None = None,
    analyse: bool = False,
) -> IngestReport:
    """Ingest files, folders or ``-`` (stdin) into ``corpus``.

    Good inputs are stored even when others fail; every failure is in the report.

    Args:
        paths: files, folders (recursive) or ``-``.
        corpus: an open, writable store (the SQLite ``Corpus``, or a ``ParquetWriter``).
        globs: file name patterns picked from folders.
        text_column: CSV column / JSON field holding the article text.
        terms: extra multiword terms (added to the built-in list).
        replace_existing: re-process articles already stored.
        use_builtin_terms: add the built-in domain terms to ``terms``.
        max_chars: longer articles are refused (a whole book or a data dump is not an
            article; segmenting 50 MB would take ~20 minutes).
        workers: processes that segment in parallel (1: in this process); for the
            default engine, ``LocalEngine(workers)``.
        on_progress: called with ``(event, source)`` after each article.
        defaults: metadata for the articles that carry none (``--set outlet=…``); the
            date must already be ISO 8601.
        find_duplicates: link near-duplicate copies (syndicated stories) to the first
            stored copy (``duplicate_of``), so analyses count the story once. (Band keys
            are stored either way, so later ingests find copies of these articles.)
        engine: what runs the per-article jobs (``engines.dask.DaskEngine``: a cluster);
            every option means the same on every engine.
        analyse: also find each article's quotes and theme sentences (built-in lexicon)
            in the workers that segment it, and keep them in the store (``derived``), and
            at the end count the corpus's terms into the result cache, so the first
            ``vnt quotes``/``themes``/``keywords``/``report`` reads them instead of
            finding them (ingest then costs about twice the CPU). Only for a store that
            keeps per-article results (the SQLite ``Corpus``); others ignore it.

    Raises:
        InputError: a path does not exist or a folder holds no matching file.
    """
    sources = list(find_inputs(paths, globs=globs))
    fixed = fixed_words_for([*(builtin_terms() if use_builtin_terms else ()), *terms])
    report = IngestReport()

    def note(event: str, source: str) -> None:
        if on_progress is not None:
            on_progress(event, source)

    def skip(cid: str, source: str) -> None:
        report.skipped.append(Skipped(short_id(cid), source))
        note("skipped", source)

    jobs = plan_jobs(
        read_all(sources, text_column=text_column, stdin=stdin),
        max_chars=max_chars,
        is_stored=corpus.has_hash,
        replace_existing=replace_existing,
        on_skip=skip,
    )

    if engine is None:
        from vntransform.engines.local import LocalEngine

        engine = LocalEngine(workers)
    analyse = analyse and hasattr(corpus, "derived_put")
    batches = engine.map_jobs(
        partial(_process_jobs, fixed=tuple(fixed), analyse=analyse),
        _batches(jobs),
        warm_up=_load_models,
    )
    # closed on any exit (Ctrl-C arrives in this loop while the worker pool waits in the
    # generator): the pool then shuts down here, not at interpreter exit, where Python
    # 3.11's executor clean-up races with it and prints a traceback
    with closing(_each(batches)) as results:
        for result in results:
            if isinstance(result, Failure):
                report.failed.append(result)
                note("failed", result.source)
                continue
            article, cid, encoded, bands, derived = result
            if defaults is not None:
                filled = _fill_defaults(article.document, defaults)
                if filled.title != article.document.title:  # quotes read the title
                    derived = [row for row in derived if row[0] != "quotes"]
                article = replace(article, document=filled)
            if find_duplicates:
                original = corpus.near_duplicate_of(bands, article.document.text)
                if original and original != article.document.doc_id:
                    article = replace(
                        article, document=replace(article.document, duplicate_of=original)
                    )
            doc = article.document
            if corpus.add(
                article,
                content_hash=cid,
                replace=replace_existing,
                encoded=encoded,
                bands=bands,
                derived=derived,
            ):
                report.added.append(
                    Added(
                        doc.doc_id,
                        doc.source,
                        doc.encoding,
                        doc.title,
                        doc.n_sentences,
                        doc.n_words,
                        doc.duplicate_of,
                        doc.published_raw,
                        doc.published,
                    )
                )
                note("added", doc.source)
            else:  # another process stored it meanwhile
                report.skipped.append(Skipped(doc.doc_id, doc.source))
                note("skipped", doc.source)
    if analyse and report.added:
        _count_terms_ahead(corpus, engine)
    return report


def _count_terms_ahead(corpus: CorpusWriter, engine: Engine) -> None:
    """After an ``analyse`` ingest: the corpus's term matrix, which keywords, topics and
    the report start from, counted now (by the engine's workers) into the store's result
    cache, where it stays until the corpus next changes."""
    from vntransform.mining.vectorize import build_term_matrix

    build_term_matrix(corpus, engine=engine)  # type: ignore[arg-type]


Job = tuple[RawArticle, str, str]  # (article as read, normalised text, content hash)


def plan_jobs(
    items: Iterable[RawArticle | Failure],
    *,
    max_chars: int = MAX_ARTICLE_CHARS,
    is_stored: Callable[[str], object] | None = None,
    replace_existing: bool = False,
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[Job | Failure]:
    """The per-article jobs of an ingest, planned once for every engine: limit the length,
    normalise, refuse empty text, hash, and drop repeats (within this input, and content
    already stored unless ``replace_existing``); ``on_skip(content_hash, source)`` hears of
    each dropped repeat. Read failures and refusals come through as ``Failure``."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        if len(item.text) > max_chars:
            yield Failure(
                item.source,
                f"article is {len(item.text):,} characters; the "
                f"limit is {max_chars:,} (split it, or raise --max-chars)",
            )
            continue
        normalized = normalize_text(item.text)
        if not normalized.strip():
            yield Failure(item.source, "no text (only whitespace)")
            continue
        if not any(c.isalpha() for c in normalized):
            yield Failure(item.source, "no text (only punctuation, digits or symbols)")
            continue
        cid = content_hash(normalized)
        existing = is_stored is not None and bool(is_stored(cid))
        if cid in seen or (existing and not replace_existing):
            if on_skip is not None:
                on_skip(cid, item.source)
            continue
        seen.add(cid)
        yield item, normalized, cid


# (article without raw text and sentences, content hash, encode_article(...), band keys,
# derived rows (kind, fingerprint, data) when analysing)
Result = (
    tuple[ProcessedArticle, str, tuple[bytes, bytes], list[int], list[tuple[str, str, bytes]]]
    | Failure
)


ARTICLES_PER_BATCH = 8  # segmented in one call: fewer calls and messages per article


def _process_jobs(
    batch: list[Job] | Failure, fixed: Sequence[str], analyse: bool = False
) -> list[Result]:
    """A few articles, their sentences segmented in one batch (a read failure passes
    through). What the writer stores is compressed here, where the job runs, and the result
    carries only that and the document's fields (half the bytes to pickle from a worker,
    and the single writer, which shares the cores with the workers, does less); each result
    also carries the article's near-duplicate band keys and, with ``analyse``, the rows of
    its per-article results (``derived.derived_rows``)."""
    from vntransform.corpus.dedupe import band_keys, shingles
    from vntransform.corpus.derived import derived_rows

    if isinstance(batch, Failure):
        return [batch]
    prepared: list[_Prepared | Failure] = []
    for raw, normalized, cid in batch:
        try:
            prepared.append(_prepare_article(raw, normalized, cid))
        except InputError as exc:
            message = str(exc)
            prefix = f"{raw.source}: "
            prepared.append(
                Failure(
                    raw.source, message[len(prefix) :] if message.startswith(prefix) else message
                )
            )
    texts = [span.text for p in prepared if isinstance(p, _Prepared) for _, _, span in p.spans]
    words = iter(_segment_batch(texts, tuple(fixed)))
    out: list[Result] = []
    for (_raw, _normalized, cid), p in zip(batch, prepared, strict=True):
        if isinstance(p, Failure):
            out.append(p)
            continue
        article = _finish_article(p, [next(words) for _ in p.spans])
        bands = band_keys(shingles(article.document.text))
        encoded = encode_article(article)
        derived = derived_rows(article.document, article.sentences) if analyse else []
        slim = ProcessedArticle(replace(article.document, raw_text=""), (), article.removed)
        out.append((slim, cid, encoded, bands, derived))
    return out


def _batches(jobs: Iterable[Job | Failure]) -> Iterator[list[Job] | Failure]:
    """Jobs in groups of ARTICLES_PER_BATCH, failures in their place (input order kept)."""
    batch: list[Job] = []
    for job in jobs:
        if isinstance(job, Failure):
            if batch:
                yield batch
                batch = []
            yield job
            continue
        batch.append(job)
        if len(batch) >= ARTICLES_PER_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _each(batches: Generator[list[Result], None, None]) -> Generator[Result, None, None]:
    """The results of each batch in turn; closing this closes the engine's generator."""
    with closing(batches):
        for results in batches:
            yield from results


def _load_models() -> None:
    """Load the segmentation models (an engine's warm-up, once per worker process)."""
    from vntransform.text.segment import segment_words

    segment_words("Xin chào Việt Nam.")


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


__all__ = [
    "Added",
    "IngestReport",
    "Skipped",
    "builtin_terms",
    "content_hash",
    "default_workers",
    "fixed_words_for",
    "ingest",
    "load_terms",
    "process_article",
]
