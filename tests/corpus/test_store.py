import sqlite3

import pytest

from tests.conftest import CORPUS_DIR, SAMPLES
from vntransform.corpus.ingest import ingest
from vntransform.corpus.store import Corpus
from vntransform.errors import InputError, StoreError


def test_samples_stored_with_sentences_and_words(sample_corpus):
    frame = sample_corpus.documents()
    assert len(frame) == 5
    assert list(frame.columns) == [
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
    ]
    assert (frame["sentences"] > 5).all() and (frame["words"] > 300).all()
    assert frame["doc_id"].str.fullmatch(r"[0-9a-f]{12}").all()


def test_sentences_point_into_clean_text_and_never_span_paragraphs(sample_corpus):
    for doc in sample_corpus.iter_documents():
        paragraphs = doc.paragraphs
        for s in sample_corpus.iter_sentences([doc.doc_id]):
            assert doc.text[s.start : s.end] == s.text
            assert "\n" not in s.text
            assert s.text in paragraphs[s.paragraph]
            assert "".join(s.tokens).replace(" ", "") == s.text.replace(" ", "")


def test_builtin_terms_are_single_words(sample_corpus):
    words = {w.lower() for s in sample_corpus.iter_sentences() for w in s.tokens}
    for term in ("chuyển đổi số", "chính quyền số", "kinh tế số", "người đứng đầu", "dữ liệu số"):
        assert term in words


def test_reingest_is_a_noop(tmp_path):
    db = tmp_path / "x.db"
    with Corpus.open(db, create=True) as corpus:
        first = ingest([str(SAMPLES["baclieu"])], corpus)
        version = corpus.version
        second = ingest([str(SAMPLES["baclieu"])], corpus)
        assert len(first.added) == 1 and not second.added and len(second.skipped) == 1
        assert corpus.version == version and len(corpus) == 1
        third = ingest([str(SAMPLES["baclieu"])], corpus, replace_existing=True)
        assert len(third.added) == 1 and len(corpus) == 1 and corpus.version > version


def test_resolve_prefix_and_unknown(sample_corpus):
    doc_id = sample_corpus.doc_ids()[0]
    assert sample_corpus.resolve(doc_id[:6]) == doc_id
    with pytest.raises(StoreError, match="no such document"):
        sample_corpus.resolve("zzzz")


def test_raw_text_is_kept_unchanged(sample_corpus, sample_docs):
    doc = sample_docs["daklak"]
    assert doc.raw_text == SAMPLES["daklak"].read_text("utf-8")


def test_missing_path_raises(tmp_path):
    with (
        Corpus.open(tmp_path / "x.db", create=True) as corpus,
        pytest.raises(InputError, match="no such file"),
    ):
        ingest([str(tmp_path / "nope.txt")], corpus)


def test_store_errors(tmp_path):
    with pytest.raises(StoreError, match="no corpus here"):
        Corpus.open(tmp_path / "absent.db")
    with pytest.raises(StoreError, match="does not exist"):
        Corpus.open(tmp_path / "nofolder" / "x.db", create=True)
    bogus = tmp_path / "notes.db"
    bogus.write_text("hello, not sqlite" * 100)
    with pytest.raises(StoreError, match="not a vnt corpus"):
        Corpus.open(bogus)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(StoreError, match="another program"):
        Corpus.open(other)
    newer = tmp_path / "newer.db"
    Corpus.open(newer, create=True).close()
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="version 99 is newer"):
        Corpus.open(newer)


def test_corpus_folder_ingest_with_two_workers_equals_one(tmp_path):
    stores = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        with Corpus.open(db, create=True) as corpus:
            ingest([str(CORPUS_DIR)], corpus, workers=workers)
            stores.append(
                [(s.doc_id, s.index, s.start, s.end, s.tokens) for s in corpus.iter_sentences()]
            )
    assert stores[0] == stores[1]
