"""The report's analyses are the commands' own records, however they are shared: one read of
the articles (in worker processes) for quotes and theme sentences, one lexicon match for the
three theme tables, keywords from the term matrix topics count, vectorised per-article
keywords, topics of large corpora fitted on a sample."""

import shutil

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from tests.conftest import SHARED_EVAL
from vntransform.corpus import derived
from vntransform.corpus.store import Corpus
from vntransform.mining import (
    extract_keywords,
    find_themes,
    fit_topics,
    keywords_per_doc,
    theme_evidence,
    theme_matrix,
)
from vntransform.mining.keywords import _top_per_row
from vntransform.mining.themes import EVIDENCE_COLUMNS
from vntransform.mining.vectorize import build_term_matrix, without_pairs
from vntransform.quotes import corpus_quotes, summarize_speakers
from vntransform.quotes.extract import QUOTE_COLUMNS
from vntransform.report import articles, build

DIGITAL = SHARED_EVAL / "news" / "vietnews_digital_dev.jsonl"
NEWS = SHARED_EVAL / "news" / "vietnews_dev.jsonl"


def fresh_copy(db, tmp_path, name="copy.db"):
    """A copy of a store with an empty result cache."""
    import sqlite3

    target = tmp_path / name
    shutil.copy(db, target)
    with sqlite3.connect(target) as conn:
        conn.execute("DELETE FROM cache")
    return target


def assert_report_equals_commands(data, corpus):
    """Every table of the report equals the command's (computed alone, without cache)."""
    pd.testing.assert_frame_equal(data.themes, find_themes(corpus, use_cache=False))
    pd.testing.assert_frame_equal(
        data.evidence[EVIDENCE_COLUMNS], theme_evidence(corpus, use_cache=False)
    )
    pd.testing.assert_frame_equal(data.matrix, theme_matrix(corpus, use_cache=False))
    pd.testing.assert_frame_equal(data.keywords, extract_keywords(corpus, top=20, use_cache=False))
    alone = keywords_per_doc(corpus, top=8, use_cache=False)
    pd.testing.assert_frame_equal(data.per_doc[list(alone.columns)], alone)
    quotes = corpus_quotes(corpus)
    pd.testing.assert_frame_equal(data.quotes[QUOTE_COLUMNS], quotes)
    pd.testing.assert_frame_equal(data.speakers, summarize_speakers(quotes))


@pytest.fixture
def many_workers(monkeypatch):
    """Worker processes even for a handful of articles, in small tasks."""
    monkeypatch.setattr(derived, "MIN_PER_WORKER", 1)
    monkeypatch.setattr(derived, "CHUNK", 2)


def test_report_equals_commands_on_samples(sample_db, tmp_path, many_workers):
    with Corpus.open(fresh_copy(sample_db, tmp_path), readonly=True) as corpus:
        data = build.gather(corpus, k="auto", seed=0, workers=2)
        assert len(data.quotes) > 10 and len(data.evidence) > 10
        assert data.themes["sentences"].sum() == len(data.evidence)
        assert_report_equals_commands(data, corpus)
        again = build.gather(corpus, k="auto", seed=0, workers=2)  # from the cache
        pd.testing.assert_frame_equal(again.quotes, data.quotes)
        pd.testing.assert_frame_equal(again.evidence, data.evidence)
        pd.testing.assert_frame_equal(again.per_doc, data.per_doc)


def test_one_pass_in_workers_equals_one_process(sample_db, many_workers):
    with Corpus.open(sample_db, readonly=True) as corpus:
        pooled = articles.scan_articles(corpus, workers=2, use_store=False)
        alone = articles.scan_articles(corpus, workers=1, use_store=False)
    assert pooled.quotes == alone.quotes and pooled.matched == alone.matched
    assert pooled.sentences == alone.sentences > 100


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory):
    """The digital-transformation dev pool and 60 articles of the general news dev pool."""
    if not (DIGITAL.exists() and NEWS.exists()):
        pytest.skip("../shared/eval is absent")
    from vntransform.corpus.ingest import ingest

    folder = tmp_path_factory.mktemp("dev")
    src = folder / "dev.jsonl"
    lines = DIGITAL.read_text("utf-8").splitlines() + NEWS.read_text("utf-8").splitlines()[:60]
    src.write_text("\n".join(lines) + "\n", "utf-8")
    path = folder / "dev.db"
    with Corpus.open(path, create=True) as corpus:
        ingest([str(src)], corpus, workers=2)
    return path


def test_report_equals_commands_on_dev_pool(dev_store, tmp_path, monkeypatch):
    monkeypatch.setattr(derived, "MIN_PER_WORKER", 20)
    monkeypatch.setattr(build, "TOPIC_FIT_SAMPLE", 40)
    with Corpus.open(fresh_copy(dev_store, tmp_path), readonly=True) as corpus:
        n = len(corpus)
        data = build.gather(corpus, k="4", seed=0, workers=2)
        assert len(data.quotes) > 50 and len(data.evidence) > 20
        assert_report_equals_commands(data, corpus)
        # topics of a corpus above the cap: fitted on a sample, every article assigned
        assert f"fitted on 40 of {n} docs" in data.topics.reason
        assert len(data.topics.assignments) == n
        sampled = fit_topics(corpus, k="4", seed=0, fit_sample=40, use_cache=False)
        pd.testing.assert_frame_equal(data.topics.assignments, sampled.assignments)
        html = build.build_report(corpus, k="4", data=data)
    assert "fitted on a random sample of 40 docs" in html


def test_keywords_reuse_the_matrix_with_pairs(sample_db, tmp_path):
    with Corpus.open(fresh_copy(sample_db, tmp_path), readonly=True) as corpus:
        with_pairs = build_term_matrix(corpus, bigrams=True)  # cached, as topics do
        derived = build_term_matrix(corpus)  # answered from it
        counted = build_term_matrix(corpus, use_cache=False)
    assert any("\t" in t for t in with_pairs.terms)
    for matrix in (derived, without_pairs(with_pairs)):
        assert matrix.terms == counted.terms and matrix.unit_keys == counted.unit_keys
        assert (matrix.counts != counted.counts).nnz == 0
        assert np.array_equal(matrix.counts.indices, counted.counts.indices)
        assert not matrix.vocabulary.bigrams


def _top_per_row_loop(weights, top, terms):
    """The per-article loop the vectorised ranking replaced."""
    out = []
    for row in range(weights.shape[0]):
        start, end = weights.indptr[row], weights.indptr[row + 1]
        pairs = sorted(
            (
                (w, c)
                for w, c in zip(weights.data[start:end], weights.indices[start:end], strict=True)
                if w > 0
            ),
            key=lambda p: (-round(p[0], 12), terms[p[1]]),
        )[:top]
        out.extend((row, c, w) for w, c in pairs)
    return out


def test_vectorised_per_article_ranking_equals_the_loop():
    rng = np.random.default_rng(0)
    dense = rng.choice([0.0, 0.0, 0.0, 0.1, 0.25, 0.5, 0.7], size=(40, 30))  # many ties
    dense[3] = 0.0  # an empty row
    dense[5] = 0.0
    dense[5, 1] = 0.2  # one entry
    weights = sparse.csr_matrix(dense)
    weights.data[::7] = 0.0  # explicit zeros are skipped
    terms = [f"t{rng.integers(100):02d}{i}" for i in range(30)]  # not in column order
    rows, cols, data = _top_per_row(weights, 5, terms)
    assert list(zip(rows.tolist(), cols.tolist(), data.tolist(), strict=True)) == _top_per_row_loop(
        weights, 5, terms
    )
    assert 3 not in rows and (rows == 5).sum() == 1


def test_one_theme_command_fills_the_cache_of_all_three(sample_db, tmp_path):
    from vntransform.mining.themes import theme_tables_cached

    with Corpus.open(fresh_copy(sample_db, tmp_path), readonly=True) as corpus:
        assert not theme_tables_cached(corpus)
        themes = find_themes(corpus)  # `vnt themes`: one match of the lexicon...
        assert theme_tables_cached(corpus)  # ...answers --evidence and --by-doc too
        evidence = theme_evidence(corpus)
        assert themes["sentences"].sum() == len(evidence) > 10
        pd.testing.assert_frame_equal(evidence, theme_evidence(corpus, use_cache=False))
        pd.testing.assert_frame_equal(theme_matrix(corpus), theme_matrix(corpus, use_cache=False))


def test_workers_read_a_selection_of_the_store(sample_db, many_workers):
    from vntransform.corpus.select import CorpusView

    with Corpus.open(sample_db, readonly=True) as corpus:
        ids = corpus.doc_ids()[1:4]
        view = CorpusView(corpus, ids)
        pooled = articles.scan_articles(view, workers=2, use_store=False)
        alone = articles.scan_articles(view, workers=1, use_store=False)
    assert {q.doc_id for q in pooled.quotes} <= set(ids)
    assert pooled.quotes == alone.quotes and pooled.matched == alone.matched
    assert {m[0] for m in pooled.matched} == set(ids)


def test_term_counts_in_parts_equal_one_process(sample_db, monkeypatch):
    """A large store's articles counted by several processes, a run each, give the matrix
    one process counts: same rows, columns and counts."""
    from vntransform.engines import local
    from vntransform.mining.vectorize import vocabulary_for

    monkeypatch.setattr(local, "PARALLEL_COUNT_ABOVE", 1)
    with Corpus.open(sample_db, readonly=True) as corpus:
        vocab = vocabulary_for(corpus)
        keys, names, counts = local.LocalEngine(1).count_terms(corpus, unit="doc", vocab=vocab)
        for workers in (2, 3):
            k2, n2, c2 = local.LocalEngine(workers).count_terms(corpus, unit="doc", vocab=vocab)
            assert k2 == keys and n2 == names
            assert (c2 != counts).nnz == 0
            assert c2.has_sorted_indices
    assert len(keys) == 5 and "chuyển đổi số" in names


def test_keywords_by_article_in_another_process_equal_the_command(sample_db, tmp_path):
    from vntransform.mining.cache import peek
    from vntransform.mining.keywords import _per_doc_params, start_keywords_per_doc

    with Corpus.open(fresh_copy(sample_db, tmp_path), readonly=True) as corpus:
        build_term_matrix(corpus)  # in the cache, as the report's topics leave it
        frame = start_keywords_per_doc(corpus, top=8).result()
        alone = keywords_per_doc(corpus, top=8, use_cache=False)
        pd.testing.assert_frame_equal(frame, alone)
        assert len(frame) > 20
        kept = peek(corpus, "keywords_per_doc", _per_doc_params(8, None, (), ()))
        pd.testing.assert_frame_equal(kept, alone)  # kept for `vnt keywords --by-doc`
