"""The corpus contract (``corpus/base.py``): the same checks against every store.

One SQLite store holds the five sample articles and a near-duplicate copy of one of them;
its Parquet export and a ``CorpusView`` over all its originals must read back the same
documents, sentences and words, resolve ids the same way and leave the copy out the same
way.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import SAMPLES
from vntransform.corpus.base import (
    DOCUMENT_COLUMNS,
    DUPLICATE_COLUMNS,
    CorpusReader,
    CorpusWriter,
)
from vntransform.corpus.ingest import ingest
from vntransform.corpus.select import CorpusView
from vntransform.corpus.store import Corpus
from vntransform.errors import StoreError

STORES = ["sqlite", "parquet", "view"]
COPY_LINE = "Ảnh: Quang cảnh hội thảo chuyển đổi số tại thành phố Bạc Liêu sáng nay."


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> dict[str, Path]:
    """The SQLite file (five samples + one syndicated copy) and its Parquet export."""
    root = tmp_path_factory.mktemp("contract")
    inputs = root / "in"
    inputs.mkdir()
    for path in SAMPLES.values():
        shutil.copy(path, inputs / path.name)
    story = SAMPLES["baclieu"].read_text("utf-8")
    (inputs / "zz-copy.txt").write_text(story.rstrip("\n") + "\n" + COPY_LINE + "\n", "utf-8")
    db = root / "c.db"
    with Corpus.open(db, create=True) as corpus:
        report = ingest([str(inputs)], corpus, workers=1)
    assert len(report.added) == 6 and not report.failed
    out = {"sqlite": db}
    try:
        from vntransform.corpus.parquet import export_parquet, require_pyarrow

        require_pyarrow()
    except StoreError:
        return out
    with Corpus.open(db, readonly=True) as corpus:
        assert export_parquet(corpus, root / "pq") == 6
    out["parquet"] = root / "pq"
    return out


def _open(kind: str, stored: dict[str, Path]) -> CorpusReader:
    if kind == "parquet":
        if "parquet" not in stored:
            pytest.skip("pyarrow is not installed (the [dask] extra)")
        from vntransform.corpus.parquet import ParquetCorpus

        return ParquetCorpus(stored["parquet"])
    corpus = Corpus.open(stored["sqlite"], readonly=True)
    return corpus if kind == "sqlite" else CorpusView(corpus, corpus.doc_ids(), "all")


@pytest.fixture(params=STORES)
def reader(request, stored):
    corpus = _open(request.param, stored)
    yield corpus
    corpus.close()
    if isinstance(corpus, CorpusView):
        corpus.corpus.close()


@pytest.fixture()
def reference(stored):
    with Corpus.open(stored["sqlite"], readonly=True) as corpus:
        yield corpus


def _source_names(frame: pd.DataFrame) -> list[str]:
    return [Path(s).name for s in frame["source"]]


def _copy_and_original(corpus: Corpus) -> tuple[str, str]:
    (row,) = corpus.duplicates().itertuples()
    return row.doc_id, row.duplicate_of


def test_every_store_follows_the_reader_contract(reader):
    assert isinstance(reader, CorpusReader)
    assert reader.readonly and isinstance(reader.version, int)


def test_the_sqlite_store_follows_the_writer_contract(stored):
    with Corpus.open(stored["sqlite"], readonly=True) as corpus:
        assert isinstance(corpus, CorpusWriter)


def test_same_documents_in_the_same_order(reader, reference):
    frame = reader.documents()
    assert tuple(frame.columns) == DOCUMENT_COLUMNS
    pd.testing.assert_frame_equal(frame, reference.documents())
    # the copy is left out: five originals, in ingest order
    assert sorted(_source_names(frame)) == sorted(p.name for p in SAMPLES.values())
    assert (frame["duplicate_of"] == "").all()
    assert reader.doc_ids() == frame["doc_id"].tolist() and len(reader) == 5


def test_same_document_records(reader, reference):
    documents = list(reader.iter_documents())
    assert documents == list(reference.iter_documents())
    assert [d.doc_id for d in documents] == reader.doc_ids()
    daklak = next(d for d in documents if d.source.endswith(SAMPLES["daklak"].name))
    assert daklak.raw_text == SAMPLES["daklak"].read_text("utf-8")
    assert daklak.published.startswith("2021-04-27") and daklak.n_words > 300
    last = reader.doc_ids()[-1]
    assert reader.get(last[:8]) == reference.get(last)


def test_same_sentences_and_words(reader, reference):
    sentences = list(reader.iter_sentences())
    assert sentences == list(reference.iter_sentences())
    assert reader.sentences() == sentences
    assert {s.doc_id for s in sentences} == set(reader.doc_ids())
    texts = {d.doc_id: d.text for d in reference.iter_documents()}
    for s in sentences:
        assert texts[s.doc_id][s.start : s.end] == s.text
        assert "".join(s.tokens).replace(" ", "") == s.text.replace(" ", "")
    words = {w.lower() for s in sentences for w in s.tokens}
    assert {"chuyển đổi số", "người đứng đầu"} <= words
    one = reader.doc_ids()[1]
    assert list(reader.iter_sentences([one])) == [s for s in sentences if s.doc_id == one]


def test_same_token_lists(reader, reference):
    expected = list(reference.iter_token_lists())
    assert list(reader.iter_token_lists()) == expected
    assert [d for d, _ in expected] == reference.doc_ids()
    by_doc: dict[str, list[list[str]]] = {}
    for s in reference.iter_sentences():
        by_doc.setdefault(s.doc_id, []).append(list(s.tokens))
    assert dict(expected) == by_doc
    assert list(reader.iter_token_lists(every=2)) == expected[::2]


def test_same_removed_lines(reader, reference):
    for doc_id in reference.doc_ids():
        assert reader.removed(doc_id) == reference.removed(doc_id)


def test_same_resolve_behaviour(reader, reference):
    ids = reader.doc_ids()
    for doc_id in ids:
        assert reader.resolve(doc_id) == doc_id
        assert reader.resolve(f"  {doc_id[:8].upper()} ") == doc_id
    with pytest.raises(StoreError, match="no such document"):
        reader.resolve("zzzz")
    with pytest.raises(StoreError, match="empty document id"):
        reader.resolve("  ")
    # a prefix that several stored ids share is refused, not guessed
    reference.include_duplicates = True
    firsts = [d[0] for d in reference.doc_ids()]  # every stored id, copies too
    shared = next(c for c in firsts if firsts.count(c) > 1)
    with pytest.raises(StoreError, match="ambiguous"):
        reader.resolve(shared)


@pytest.mark.parametrize("kind", ["sqlite", "parquet"])
def test_duplicates_excluded_the_same_way(kind, stored, reference):
    corpus = _open(kind, stored)
    with corpus:
        copy, original = _copy_and_original(reference)
        frame = corpus.duplicates()
        assert tuple(frame.columns) == DUPLICATE_COLUMNS
        pd.testing.assert_frame_equal(frame, reference.duplicates())
        assert frame["original_source"].str.endswith(SAMPLES["baclieu"].name).all()
        assert copy not in corpus.doc_ids() and original in corpus.doc_ids()
        # asking for the copy by its id makes the store read copies from then on
        assert corpus.resolve(copy[:10]) == copy
        assert corpus.include_duplicates and len(corpus) == 6 and copy in corpus.doc_ids()
        assert corpus.get(copy).text.endswith(COPY_LINE)
        assert corpus.get(copy) == reference.get(copy)  # duplicate_of travels too
        assert corpus.get(copy).duplicate_of == original
        assert {d for d, _ in corpus.iter_token_lists()} == set(corpus.doc_ids())
        reference.include_duplicates = True
        pd.testing.assert_frame_equal(corpus.documents(), reference.documents())
        assert list(corpus.iter_sentences()) == list(reference.iter_sentences())


def test_a_view_keeps_to_its_selection(stored, reference):
    ids = reference.doc_ids()
    with Corpus.open(stored["sqlite"], readonly=True) as corpus:
        view = CorpusView(corpus, ids[1:3], "two")
        assert view.doc_ids() == ids[1:3] and len(view) == 2
        assert view.documents()["doc_id"].tolist() == ids[1:3]
        assert [d for d, _ in view.iter_token_lists()] == ids[1:3]
        assert list(view.iter_sentences()) == list(reference.iter_sentences(ids[1:3]))
        with pytest.raises(StoreError, match="outside the selection"):
            view.resolve(ids[0])


def test_cache_returns_what_was_kept(reader):
    kept = reader.cache_put("contract-test", b"\x00value")
    assert reader.cache_get("contract-test") == (b"\x00value" if kept else None)
    assert reader.cache_get("never-put") is None


def test_writer_adds_finds_by_hash_and_deletes(stored, tmp_path):
    from vntransform.corpus.dedupe import band_keys, shingles
    from vntransform.corpus.parquet import ParquetCorpus, to_processed

    if "parquet" not in stored:
        pytest.skip("pyarrow is not installed (the [dask] extra)")
    source = ParquetCorpus(stored["parquet"])
    source.include_duplicates = True
    rows = {row["doc_id"]: row for row in source.rows()}
    with Corpus.open(tmp_path / "w.db", create=True) as writer:
        assert isinstance(writer, CorpusWriter)
        for row in rows.values():
            article, content_hash = to_processed(row)
            assert writer.has_hash(content_hash) is None
            bands = band_keys(shingles(article.document.text))
            assert writer.add(article, content_hash=content_hash, bands=bands)
            assert writer.has_hash(content_hash) == article.document.doc_id
            assert not writer.add(article, content_hash=content_hash)  # stored once
        copy = next(d for d, r in rows.items() if r["duplicate_of"])
        original = rows[copy]["duplicate_of"]
        text = rows[copy]["text"]
        assert writer.near_duplicate_of(band_keys(shingles(text)), text) == original
        version = writer.version
        writer.delete(original[:8])
        assert writer.version > version and writer.has_hash(rows[original]["content_hash"]) is None
        assert original not in writer.doc_ids() and len(writer) == 4
        assert not list(writer.iter_sentences([original]))
        with pytest.raises(StoreError, match="no such document"):
            writer.resolve(original)
        # its band keys went with it: the copy now repeats no stored original
        assert writer.near_duplicate_of(band_keys(shingles(text)), text) == ""
