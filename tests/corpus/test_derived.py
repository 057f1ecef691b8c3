"""Per-article results kept in the store (``corpus.derived``): filled at ingest with
``analyse`` or by the first analysis, reused afterwards, recomputed when the extractor's
fingerprint changes, removed with their article, kept when other articles are added."""

import shutil
import sqlite3

import pandas as pd
import pytest

from tests.conftest import CORPUS_DIR
from vntransform.corpus import derived
from vntransform.corpus.ingest import ingest
from vntransform.corpus.store import Corpus
from vntransform.mining import find_themes, theme_evidence, theme_matrix
from vntransform.quotes import corpus_quotes

SAMPLES = sorted(p for p in CORPUS_DIR.glob("*.txt"))


def rows(db, kind=None):
    """{(doc_id, kind): fingerprint} of the store's derived table."""
    with sqlite3.connect(db) as conn:
        found = conn.execute("SELECT doc_id, kind, fingerprint FROM derived").fetchall()
    return {(d, k): f for d, k, f in found if kind is None or k == kind}


@pytest.fixture
def count_calls(monkeypatch):
    """How many articles the quote extractor and the theme matcher read."""
    import vntransform.mining.themes as themes_module
    import vntransform.quotes.extract as extract_module

    calls = {"quotes": 0, "themes": 0}
    extract, match = extract_module.extract_quotes, themes_module.match_document

    def counted_extract(doc, sentences):
        calls["quotes"] += 1
        return extract(doc, sentences)

    def counted_match(matcher, sentences):
        calls["themes"] += 1
        return match(matcher, sentences)

    monkeypatch.setattr(extract_module, "extract_quotes", counted_extract)
    monkeypatch.setattr(themes_module, "match_document", counted_match)
    return calls


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The five samples ingested plainly and with ``analyse`` (two clean copies each time)."""
    folder = tmp_path_factory.mktemp("derived")
    plain, analysed = folder / "plain.db", folder / "analysed.db"
    with Corpus.open(plain, create=True) as corpus:
        ingest([str(CORPUS_DIR)], corpus, workers=1)
    with Corpus.open(analysed, create=True) as corpus:
        report = ingest([str(CORPUS_DIR)], corpus, workers=2, analyse=True)
    assert len(report.added) == 5
    return plain, analysed


@pytest.fixture
def plain_db(stores, tmp_path):
    shutil.copy(stores[0], tmp_path / "plain.db")
    return tmp_path / "plain.db"


@pytest.fixture
def analysed_db(stores, tmp_path):
    shutil.copy(stores[1], tmp_path / "analysed.db")
    return tmp_path / "analysed.db"


def test_analyse_at_ingest_gives_the_same_quotes_and_evidence(plain_db, analysed_db, count_calls):
    assert rows(plain_db) == {}
    stored = rows(analysed_db)
    with Corpus.open(analysed_db, readonly=True) as corpus:
        ids = corpus.doc_ids()
    assert set(stored) == {(d, k) for d in ids for k in ("quotes", "themes")}
    assert set(stored.values()) == {derived.fingerprint("quotes"), derived.fingerprint("themes")}
    with Corpus.open(analysed_db, readonly=True) as corpus:
        quotes_read = corpus_quotes(corpus)
        evidence_read = theme_evidence(corpus, use_cache=False)
        themes_read = find_themes(corpus, use_cache=False)
    assert count_calls == {"quotes": 0, "themes": 0}  # all read from the rows
    with Corpus.open(plain_db, readonly=True) as corpus:
        quotes_found = corpus_quotes(corpus)
        evidence_found = theme_evidence(corpus, use_cache=False)
        themes_found = find_themes(corpus, use_cache=False)
    assert count_calls == {"quotes": 5, "themes": 5}
    pd.testing.assert_frame_equal(quotes_read, quotes_found)
    pd.testing.assert_frame_equal(evidence_read, evidence_found)
    pd.testing.assert_frame_equal(themes_read, themes_found)
    assert "Nguyễn Huy Dũng" in set(quotes_read["speaker"])
    assert len(quotes_read) > 20 and len(evidence_read) > 20
    # the first analysis of the plain store kept its results: the same rows now
    assert rows(plain_db) == stored


def test_rows_are_reused_by_the_next_command(plain_db, count_calls):
    with Corpus.open(plain_db, readonly=True) as corpus:
        first = corpus_quotes(corpus)
        assert count_calls["quotes"] == 5
        again = corpus_quotes(corpus)
        matrix = theme_matrix(corpus, use_cache=False)
        assert count_calls == {"quotes": 5, "themes": 5}
        theme_matrix(corpus, use_cache=False)
    assert count_calls == {"quotes": 5, "themes": 5}
    pd.testing.assert_frame_equal(first, again)
    assert matrix["data_sharing"].sum() > 0


def test_a_new_fingerprint_recomputes_the_rows(analysed_db, count_calls, monkeypatch):
    before = rows(analysed_db, "quotes")
    with Corpus.open(analysed_db, readonly=True) as corpus:
        expected = corpus_quotes(corpus)
    assert count_calls["quotes"] == 0
    # another extractor (as when its code or word lists change)
    monkeypatch.setattr(derived, "fingerprint", lambda kind: f"newer-{kind}")
    with Corpus.open(analysed_db, readonly=True) as corpus:
        again = corpus_quotes(corpus)
        assert count_calls["quotes"] == 5
        corpus_quotes(corpus)
    assert count_calls["quotes"] == 5  # stored under the new fingerprint
    after = rows(analysed_db, "quotes")
    assert set(after) == set(before) and set(after.values()) == {"newer-quotes"}
    pd.testing.assert_frame_equal(again, expected)


def test_fingerprint_covers_the_extractor_code_and_data():
    quotes = {
        p.relative_to(derived._PACKAGE).as_posix() for p in derived.fingerprint_files("quotes")
    }
    themes = {
        p.relative_to(derived._PACKAGE).as_posix() for p in derived.fingerprint_files("themes")
    }
    for name in ("quotes/extract.py", "quotes/mentions.py", "quotes/speakers.py", "models.py"):
        assert name in quotes
    assert any(n.startswith("data/quotes/") for n in quotes)
    for name in ("mining/themes.py", "mining/theme_rules.py", "data/themes.toml"):
        assert name in themes
    # the whole-corpus layers are not in it: changing them keeps the rows
    assert "corpus/store.py" not in quotes | themes
    assert "mining/topics.py" not in quotes | themes
    assert derived.fingerprint("quotes") != derived.fingerprint("themes")
    assert len(derived.fingerprint("quotes")) == 16


def test_rows_go_with_their_article(analysed_db):
    with Corpus.open(analysed_db) as corpus:
        ids = corpus.doc_ids()
        corpus.delete(ids[0])
    left = rows(analysed_db)
    assert {d for d, _ in left} == set(ids[1:])
    with Corpus.open(analysed_db, readonly=True) as corpus:
        assert ids[0] not in set(corpus_quotes(corpus)["doc_id"])


def test_replacing_an_article_replaces_its_rows(analysed_db):
    with Corpus.open(analysed_db) as corpus:
        ingest([str(SAMPLES[0])], corpus, workers=1, replace_existing=True)
        ids = corpus.doc_ids()
    # the replaced article was ingested without analyse: its rows went with the old copy
    assert {d for d, _ in rows(analysed_db)} == set(ids) - {ids[-1]}


def test_adding_articles_keeps_the_rows_of_the_others(tmp_path, count_calls):
    db = tmp_path / "grow.db"
    with Corpus.open(db, create=True) as corpus:
        ingest([str(p) for p in SAMPLES[:3]], corpus, workers=1)
    with Corpus.open(db, readonly=True) as corpus:
        corpus_quotes(corpus)
    assert count_calls["quotes"] == 3
    kept = rows(db)
    with Corpus.open(db) as corpus:
        ingest([str(p) for p in SAMPLES[3:]], corpus, workers=1)
    assert rows(db) == kept  # the cache was emptied, these rows were not
    with Corpus.open(db, readonly=True) as corpus:
        quotes = corpus_quotes(corpus)
    assert count_calls["quotes"] == 5  # only the two new articles were read
    assert len(rows(db, "quotes")) == 5 and quotes["doc_id"].nunique() >= 4


def test_a_read_only_store_still_answers(plain_db, count_calls, monkeypatch):
    # as if the file were read-only (tests may run as root, where chmod does not bite)
    monkeypatch.setattr("vntransform.corpus.store._writable", lambda path: False)
    with Corpus.open(plain_db, readonly=True) as corpus:
        first = corpus_quotes(corpus)
        second = corpus_quotes(corpus)
        evidence = theme_evidence(corpus, use_cache=False)
    assert count_calls == {"quotes": 10, "themes": 5}  # found each time, nothing kept
    assert rows(plain_db) == {}
    pd.testing.assert_frame_equal(first, second)
    assert len(first) > 20 and len(evidence) > 20


def test_a_store_made_before_the_table(plain_db):
    """A store of the same schema version without the table: read as having no rows, and
    given the table when opened where it can be written."""
    with sqlite3.connect(plain_db) as conn:
        conn.execute("DROP TABLE derived")
    with Corpus.open(plain_db, readonly=True) as corpus:
        assert corpus.derived_get("quotes", derived.fingerprint("quotes")) == {}
        assert len(corpus_quotes(corpus)) > 20  # and it is created to keep them
    assert len(rows(plain_db, "quotes")) == 5


def test_a_user_lexicon_is_matched_each_time(plain_db, count_calls, tmp_path):
    from vntransform.mining.themes import load_lexicon

    lexicon_file = tmp_path / "mine.toml"
    lexicon_file.write_text(
        '[cloud]\nlabel = "Cloud"\nterms = ["điện toán đám mây", "dữ liệu"]\n', "utf-8"
    )
    lexicon = load_lexicon(lexicon_file)
    assert not derived.is_builtin(lexicon)
    assert derived.is_builtin(load_lexicon())
    with Corpus.open(plain_db, readonly=True) as corpus:
        first = theme_evidence(corpus, lexicon=lexicon, use_cache=False)
        theme_evidence(corpus, lexicon=lexicon, use_cache=False)
    assert count_calls["themes"] == 0  # the whole-corpus path: nothing per article kept
    assert rows(plain_db, "themes") == {}
    assert "cloud" in set(first["theme"])


def test_analyse_counts_the_terms_ahead(plain_db, analysed_db, monkeypatch):
    """After an analyse ingest keywords read the term matrix the ingest counted."""
    import vntransform.mining.vectorize as vectorize
    from vntransform.mining import extract_keywords

    def no_counting(*args, **kwargs):
        raise AssertionError("the terms were counted again")

    monkeypatch.setattr(vectorize, "vocabulary_for", no_counting)
    with Corpus.open(analysed_db, readonly=True) as corpus:
        keywords = extract_keywords(corpus, top=10)
    assert {"chuyển đổi số", "nhận thức", "dữ liệu"} <= set(keywords["term"])
    with Corpus.open(plain_db, readonly=True) as corpus, pytest.raises(AssertionError):
        extract_keywords(corpus, top=10)


def test_only_the_stale_kind_is_found_again(analysed_db, count_calls, monkeypatch):
    from vntransform.report import build

    real = derived.fingerprint
    monkeypatch.setattr(
        derived, "fingerprint", lambda kind: "newer" if kind == "themes" else real(kind)
    )
    with Corpus.open(analysed_db, readonly=True) as corpus:
        scan = derived.scan_articles(corpus)
        data = build.gather(corpus, k="2", seed=0, workers=1)
    assert count_calls == {"quotes": 0, "themes": 5}  # the quotes were read, not found
    assert scan.computed == 5 and len(scan.quotes) == len(data.quotes) > 20
    assert {f for (_, k), f in rows(analysed_db).items() if k == "themes"} == {"newer"}
    assert len(data.evidence) > 20


def test_a_selection_reads_the_rows_of_its_articles(analysed_db, count_calls):
    from vntransform.corpus.select import CorpusView

    with Corpus.open(analysed_db, readonly=True) as corpus:
        everything = corpus_quotes(corpus)
        ids = corpus.doc_ids()[1:3]
        part = corpus_quotes(CorpusView(corpus, ids))
    assert count_calls["quotes"] == 0
    assert set(part["doc_id"]) <= set(ids) and len(part) > 0
    expected = everything[everything["doc_id"].isin(ids)].reset_index(drop=True)
    pd.testing.assert_frame_equal(part, expected)
