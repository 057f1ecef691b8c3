"""Dask ingest equals SQLite ingest row for row; analyses agree across the two stores."""

import pandas as pd
import pytest

from tests.conftest import CORPUS_DIR

distributed = pytest.importorskip("distributed")

from vntransform.corpus.parquet import ParquetCorpus, export_parquet, import_parquet  # noqa: E402
from vntransform.corpus.store import Corpus  # noqa: E402


@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory):
    from vntransform.engines.dask import ingest_dask

    folder = tmp_path_factory.mktemp("pq") / "corpus"
    report = ingest_dask([str(CORPUS_DIR)], folder, workers=2, batch_size=2)
    assert report.added == 5 and not report.failed
    return folder


def rows(corpus):
    return [(s.doc_id, s.index, s.paragraph, s.start, s.end, s.text, s.tokens)
            for s in corpus.iter_sentences()]


def test_dask_ingest_equals_sqlite_ingest(parquet_dir, sample_corpus):
    pq = ParquetCorpus(parquet_dir)
    assert pq.doc_ids() == sample_corpus.doc_ids()
    pd.testing.assert_frame_equal(pq.documents(), sample_corpus.documents())
    assert rows(pq) == rows(sample_corpus)
    doc_id = sample_corpus.doc_ids()[0]
    assert pq.removed(doc_id) == sample_corpus.removed(doc_id)
    assert any(p.name.startswith("month=") for p in parquet_dir.iterdir())


def test_analyses_agree_between_stores(parquet_dir, sample_corpus):
    from vntransform.mining import extract_keywords, find_themes, fit_topics
    from vntransform.quotes import corpus_quotes

    pq = ParquetCorpus(parquet_dir)
    for fn in (lambda c: extract_keywords(c, top=30, use_cache=False),
               lambda c: find_themes(c, use_cache=False),
               lambda c: corpus_quotes(c),
               lambda c: fit_topics(c, k=4, seed=3, use_cache=False).topics):
        pd.testing.assert_frame_equal(fn(pq), fn(sample_corpus))


def test_export_import_round_trip(sample_corpus, tmp_path):
    folder = tmp_path / "exported"
    assert export_parquet(sample_corpus, folder) == 5
    with Corpus.open(tmp_path / "back.db", create=True) as back:
        assert import_parquet(folder, back) == 5
        assert rows(back) == rows(sample_corpus)
        assert import_parquet(folder, back) == 0  # already there: no-op
    with Corpus.open(tmp_path / "some.db", create=True) as some:
        assert import_parquet(folder, some, where="outlet == 'Dân trí'") == 1


def test_engine_dask_cli_needs_out(tmp_path):
    from typer.testing import CliRunner

    from vntransform.cli import app

    result = CliRunner().invoke(app, ["ingest", str(CORPUS_DIR), "--engine", "dask"])
    assert result.exit_code == 2
    assert "give --out DIR" in result.stderr
