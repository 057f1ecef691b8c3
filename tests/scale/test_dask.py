"""Dask ingest equals SQLite ingest row for row; analyses agree across the two stores."""

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import CORPUS_DIR

distributed = pytest.importorskip("distributed")

from vntransform.corpus.parquet import ParquetCorpus, export_parquet, import_parquet  # noqa: E402
from vntransform.corpus.store import Corpus  # noqa: E402
from vntransform.models import ProcessedArticle  # noqa: E402


@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory):
    from vntransform.engines.dask import ingest_dask

    folder = tmp_path_factory.mktemp("pq") / "corpus"
    report = ingest_dask([str(CORPUS_DIR)], folder, workers=2, batch_size=2)
    assert report.added == 5 and not report.failed
    return folder


def rows(corpus):
    return [
        (s.doc_id, s.index, s.paragraph, s.start, s.end, s.text, s.tokens)
        for s in corpus.iter_sentences()
    ]


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
    for fn in (
        lambda c: extract_keywords(c, top=30, use_cache=False),
        lambda c: find_themes(c, use_cache=False),
        lambda c: corpus_quotes(c),
        lambda c: fit_topics(c, k=4, seed=3, use_cache=False).topics,
    ):
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


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_ingest_max_chars_means_the_same_on_both_engines(tmp_path, engine):
    from typer.testing import CliRunner

    from vntransform.cli import app

    where = (
        ["--engine", "dask", "--out", str(tmp_path / "pq"), "--workers", "1"]
        if engine == "dask"
        else ["--db", str(tmp_path / "v.db")]
    )
    result = CliRunner().invoke(
        app, ["ingest", str(CORPUS_DIR), "--max-chars", "100", "-q", *where]
    )
    assert result.exit_code == 1
    refused = [line for line in result.stderr.splitlines() if "the limit is 100" in line]
    assert len(refused) == 5  # every sample is longer than 100 characters: none stored
    if engine == "dask":
        assert not list((tmp_path / "pq").rglob("*.parquet"))
    else:
        with Corpus.open(tmp_path / "v.db") as stored:
            assert len(stored) == 0


def test_ingest_replace_is_refused_on_dask(tmp_path):
    from typer.testing import CliRunner

    from vntransform.cli import app

    result = CliRunner().invoke(
        app,
        ["ingest", str(CORPUS_DIR), "--engine", "dask", "--out", str(tmp_path / "pq"), "--replace"],
    )
    assert result.exit_code == 2
    assert "--replace works with --engine local only" in result.stderr
    assert not (tmp_path / "pq").exists()


def _mixed_folder(root: Path) -> Path:
    """The samples, a syndicated copy of one (a changed caption), and two inputs every
    engine must refuse: an empty file and one holding only digits."""
    folder = root / "mixed"
    folder.mkdir()
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    story = (CORPUS_DIR / "2023-10-13-dantri-bac-lieu-dam-lam.txt").read_text("utf-8")
    lines = story.rstrip("\n").split("\n")
    lines[-1] = "Ảnh: Quang cảnh hội nghị tại thành phố Bạc Liêu sáng nay."
    (folder / "2023-10-14-copy-bac-lieu.txt").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "empty.txt").write_text("   \n", "utf-8")
    (folder / "digits.txt").write_text("2023 10 13\n", "utf-8")
    return folder


def test_the_same_folder_ingests_to_the_same_rows_on_both_engines(tmp_path):
    """Every option (--set, --max-chars, the refusals, near-duplicate links) means the same
    with --engine dask (a Parquet folder) as with the local engine (SQLite)."""
    from typer.testing import CliRunner

    from vntransform.cli import app

    folder = _mixed_folder(tmp_path)
    common = [str(folder), "-q", "--set", "author=Ban biên tập", "--max-chars", "20000"]
    local = CliRunner().invoke(app, ["ingest", *common, "--db", str(tmp_path / "v.db")])
    dask = CliRunner().invoke(
        app,
        ["ingest", *common, "--engine", "dask", "--out", str(tmp_path / "pq"), "--workers", "1"],
    )
    assert local.exit_code == dask.exit_code == 1  # the two refused inputs

    def errors(stderr):
        return [line for line in stderr.splitlines() if line.startswith("Error: ")]

    assert errors(dask.stderr) == errors(local.stderr)
    assert len(errors(local.stderr)) == 2
    with Corpus.open(tmp_path / "v.db") as stored:
        pq = ParquetCorpus(tmp_path / "pq")
        for store in (stored, pq):
            store.include_duplicates = True
        pd.testing.assert_frame_equal(pq.documents(), stored.documents())
        assert rows(pq) == rows(stored)
        pd.testing.assert_frame_equal(pq.duplicates(), stored.duplicates())
        documents = stored.documents()
    assert len(documents) == 6
    assert (documents["author"] != "").all()
    copy = documents[documents["source"].str.endswith("copy-bac-lieu.txt")].iloc[0]
    original = documents[documents["source"].str.endswith("dantri-bac-lieu-dam-lam.txt")]
    assert copy["duplicate_of"] == original.iloc[0]["doc_id"]


@pytest.fixture(scope="module")
def cluster_client():
    from vntransform.engines.dask import dask_client

    with dask_client(workers=2) as client:
        yield client


def test_term_counts_map_reduced_on_dask_equal_the_local_count(
    parquet_dir, sample_corpus, cluster_client
):
    from vntransform.engines.dask import DaskEngine
    from vntransform.mining import extract_keywords, fit_topics
    from vntransform.mining.keywords import keywords_per_doc
    from vntransform.mining.vectorize import build_term_matrix

    pq = ParquetCorpus(parquet_dir)
    assert len(pq.files) >= 2  # several partitions, so the reduce really merges
    engine = DaskEngine(cluster_client)
    for unit in ("doc", "paragraph", "sentence"):
        ours = build_term_matrix(pq, unit=unit, use_cache=False, engine=engine)
        local = build_term_matrix(sample_corpus, unit=unit, use_cache=False)
        assert ours.unit_keys == local.unit_keys and ours.terms == local.terms
        assert (ours.counts != local.counts).nnz == 0
    pd.testing.assert_frame_equal(
        extract_keywords(pq, top=25, use_cache=False, engine=engine),
        extract_keywords(sample_corpus, top=25, use_cache=False),
    )
    pd.testing.assert_frame_equal(
        keywords_per_doc(pq, top=5, use_cache=False, engine=engine),
        keywords_per_doc(sample_corpus, top=5, use_cache=False),
    )
    # same seed, same fit sample: the same topics from either store and engine
    a = fit_topics(pq, k=3, seed=2, unit="paragraph", fit_sample=50, use_cache=False, engine=engine)
    b = fit_topics(sample_corpus, k=3, seed=2, unit="paragraph", fit_sample=50, use_cache=False)
    pd.testing.assert_frame_equal(a.topics, b.topics)
    pd.testing.assert_frame_equal(a.assignments, b.assignments)
    assert "fitted on 50 of" in a.reason


def test_cli_engine_dask_for_analyses(parquet_dir, sample_db, tmp_path):
    from typer.testing import CliRunner

    from vntransform.cli import app

    runner = CliRunner()
    on_dask = runner.invoke(
        app, ["keywords", "--from", str(parquet_dir), "--engine", "dask", "-f", "csv", "--top", "5"]
    )
    local = runner.invoke(app, ["keywords", "--from", str(sample_db), "-f", "csv", "--top", "5"])
    assert on_dask.exit_code == 0, on_dask.output
    assert on_dask.stdout == local.stdout and "chuyển đổi số" in on_dask.stdout
    wrong = runner.invoke(app, ["topics", "--from", str(sample_db), "--engine", "dask"])
    assert wrong.exit_code == 2
    assert "--engine dask reads a Parquet corpus folder" in wrong.stderr


def test_compaction_merges_batch_files_and_keeps_every_article(sample_corpus, tmp_path):
    from vntransform.corpus.parquet import article_record, compact_partition, write_records

    folder = tmp_path / "pq"
    for seq, doc in enumerate(sample_corpus.iter_documents()):
        article = ProcessedArticle(
            doc,
            tuple(sample_corpus.iter_sentences([doc.doc_id])),
            tuple(sample_corpus.removed(doc.doc_id)),
        )
        record = article_record(article, f"hash{seq}", seq)
        record["published"] = "2024-01-01"  # all in one partition, one file per "batch"
        write_records([record], folder, f"{seq:06d}")
    partition = folder / "month=2024-01"
    assert len(list(partition.glob("*.parquet"))) == 5
    leftover = (partition / "part-000000.parquet").read_bytes()
    files = compact_partition(partition, target_bytes=10**9)
    assert [Path(f).name for f in files] == ["data-00000.parquet"]
    merged = ParquetCorpus(folder)
    assert merged.doc_ids() == sample_corpus.doc_ids()
    assert rows(merged) == rows(sample_corpus)
    files = compact_partition(partition, target_bytes=10**9)  # nothing left to merge
    assert len(files) == 1
    # a merge interrupted after its rename leaves an input behind: it is not read twice
    (partition / "part-000000.parquet").write_bytes(leftover)
    again = ParquetCorpus(folder)
    assert len(again.files) == 1 and again.doc_ids() == sample_corpus.doc_ids()
    assert rows(again) == rows(sample_corpus)
    assert [Path(f).name for f in compact_partition(partition, target_bytes=10**9)] == [
        "data-00000.parquet"
    ]  # and not merged a second time


def test_dask_counts_one_task_per_row_group(sample_corpus, tmp_path, monkeypatch, cluster_client):
    import pyarrow.parquet as pq

    from vntransform.corpus import parquet
    from vntransform.engines.dask import DaskEngine
    from vntransform.mining.vectorize import build_term_matrix

    monkeypatch.setattr(parquet, "ROW_GROUP_ROWS", 2)
    folder = tmp_path / "exported"
    export_parquet(sample_corpus, folder)
    # one partition, one file, several row groups: what a large compacted corpus looks like
    rows_ = list(ParquetCorpus(folder).rows())
    for row in rows_:
        row["published"] = "2024-05-01"
    single = tmp_path / "single"
    parquet.write_records(rows_[:2], single, "000000")
    parquet.write_records(rows_[2:], single, "000001")
    (path,) = parquet.compact_partition(single / "month=2024-05")
    assert pq.ParquetFile(path).num_row_groups == 2
    pqc = ParquetCorpus(single)
    ours = build_term_matrix(
        pqc, unit="paragraph", use_cache=False, engine=DaskEngine(cluster_client)
    )
    local = build_term_matrix(sample_corpus, unit="paragraph", use_cache=False)
    assert ours.unit_keys == local.unit_keys and ours.terms == local.terms
    assert (ours.counts != local.counts).nnz == 0


def test_ingest_into_sqlite_through_the_dask_engine_equals_the_local_engine(
    tmp_path, cluster_client
):
    """The engine only runs the jobs: the same store, row for row, whichever runs them."""
    from vntransform.corpus.ingest import ingest
    from vntransform.engines.dask import DaskEngine
    from vntransform.engines.local import LocalEngine

    folder = _mixed_folder(tmp_path)
    reports = {}
    for name, engine in (("local", LocalEngine(2)), ("dask", DaskEngine(cluster_client))):
        with Corpus.open(tmp_path / f"{name}.db", create=True) as store:
            reports[name] = ingest([str(folder)], store, engine=engine)
    assert reports["dask"].failed == reports["local"].failed
    assert [a.doc_id for a in reports["dask"].added] == [a.doc_id for a in reports["local"].added]
    with Corpus.open(tmp_path / "local.db") as a, Corpus.open(tmp_path / "dask.db") as b:
        a.include_duplicates = b.include_duplicates = True
        pd.testing.assert_frame_equal(a.documents(), b.documents())
        assert rows(a) == rows(b)
        assert len(a) == 6 and len(a.duplicates()) == 1
