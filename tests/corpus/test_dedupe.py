"""Syndicated copies: stored, linked to the first copy, counted once by every analysis."""

from __future__ import annotations

import io
import sqlite3

import pandas as pd
import pytest
from typer.testing import CliRunner

from vntransform.cli import app
from vntransform.corpus.dedupe import band_keys, is_near_duplicate, jaccard, shingles
from vntransform.corpus.ingest import ingest
from vntransform.corpus.store import Corpus, StoreError

runner = CliRunner()

STORY = """Bạc Liêu đẩy mạnh chuyển đổi số trong cơ quan nhà nước
Bạc Liêu - Tỉnh Bạc Liêu đang đẩy mạnh chuyển đổi số trong các cơ quan nhà nước, coi nhận thức của người đứng đầu là yếu tố quyết định thành công.
“Chuyển đổi số trước hết là chuyển đổi nhận thức, người đứng đầu phải dám làm và chịu trách nhiệm”, ông Phạm Văn Thiều, Chủ tịch UBND tỉnh Bạc Liêu, nhấn mạnh tại hội nghị.
Theo ông Thiều, việc chia sẻ dữ liệu giữa các sở, ngành còn chậm, nhiều hệ thống thông tin chưa được kết nối với nhau, gây lãng phí nguồn lực.
Tỉnh đặt mục tiêu đến năm 2025 có 100% hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng và phần lớn dịch vụ công trực tuyến đạt mức độ toàn trình.
Ông Thiều cho biết tỉnh sẽ dành ngân sách cho hạ tầng số, đào tạo kỹ năng số cho cán bộ, công chức và người dân ở vùng sâu, vùng xa.
Ảnh: Hội nghị chuyển đổi số tỉnh Bạc Liêu năm 2023.
"""  # noqa: E501
COPY = STORY.replace(
    "Ảnh: Hội nghị chuyển đổi số tỉnh Bạc Liêu năm 2023.",
    "Ảnh: Quang cảnh hội nghị tại thành phố Bạc Liêu sáng nay.",
)
OTHER = """Đà Nẵng khơi thông nguồn dữ liệu
Thành phố Đà Nẵng triển khai đồng bộ nhiều giải pháp để khơi thông nguồn dữ liệu, tạo ra giá trị mới cho người dân và doanh nghiệp trên địa bàn.
Lãnh đạo thành phố cho biết kho dữ liệu dùng chung đã kết nối với hơn 40 hệ thống của các sở, ngành và quận, huyện.
"""  # noqa: E501


def test_copy_with_one_line_changed_is_near_duplicate():
    a, b, c = shingles(STORY), shingles(COPY), shingles(OTHER)
    assert is_near_duplicate(a, b) and jaccard(a, b) > 0.8
    assert not is_near_duplicate(a, c) and jaccard(a, c) < 0.1
    assert set(band_keys(a)) & set(band_keys(b))  # LSH makes them candidates


@pytest.fixture()
def syndicated(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-dantri.txt").write_text(STORY, encoding="utf-8")
    (folder / "b-copy.txt").write_text(COPY, encoding="utf-8")
    (folder / "c-danang.txt").write_text(OTHER, encoding="utf-8")
    db = tmp_path / "v.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-w", "1"])
    assert result.exit_code == 0, result.stderr
    assert "1 near-duplicate copy of stored articles" in result.stderr
    assert "3 articles in" in result.stderr  # stored, all three
    return db


def csv_of(*args):
    result = runner.invoke(app, [*map(str, args), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    return pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)


def test_copy_is_stored_and_linked(syndicated):
    docs = csv_of("docs", "--db", syndicated)
    by_name = {
        s.rsplit("/", 1)[-1]: row for s, row in zip(docs["source"], docs.itertuples(), strict=True)
    }
    original = by_name["a-dantri.txt"].doc_id
    assert by_name["b-copy.txt"].duplicate_of == original
    assert by_name["a-dantri.txt"].duplicate_of == "" and by_name["c-danang.txt"].duplicate_of == ""
    copies = csv_of("docs", "--db", syndicated, "--duplicates")
    assert copies["duplicate_of"].tolist() == [original]
    assert copies["original_source"].str.endswith("a-dantri.txt").all()


def test_speakers_count_the_story_once(syndicated):
    once = csv_of("speakers", "--db", syndicated).set_index("speaker")
    twice = csv_of("speakers", "--db", syndicated, "--keep-duplicates").set_index("speaker")
    assert once.loc["Phạm Văn Thiều", "articles"] == "1"
    assert twice.loc["Phạm Văn Thiều", "articles"] == "2"
    assert (
        int(twice.loc["Phạm Văn Thiều", "quotes_direct"])
        == 2 * int(once.loc["Phạm Văn Thiều", "quotes_direct"])
        > 0
    )


def test_themes_count_the_story_once(syndicated):
    once = csv_of("themes", "--db", syndicated).set_index("theme")
    twice = csv_of("themes", "--db", syndicated, "--keep-duplicates").set_index("theme")
    assert once.loc["perception", "articles"] == "1"  # "nhận thức": only in the story
    assert twice.loc["perception", "articles"] == "2"
    assert int(twice.loc["perception", "sentences"]) == 2 * int(once.loc["perception", "sentences"])


def test_keywords_count_the_story_once(syndicated):
    once = csv_of("keywords", "--db", syndicated, "-n", "50").set_index("term")
    twice = csv_of("keywords", "--db", syndicated, "-n", "50", "--keep-duplicates").set_index(
        "term"
    )
    assert once.loc["người đứng đầu", "doc_freq"] == "1"
    assert twice.loc["người đứng đầu", "doc_freq"] == "2"


def test_library_default_skips_copies(syndicated):
    with Corpus.open(syndicated, readonly=True) as corpus:
        assert len(corpus) == 2 and len(corpus.doc_ids()) == 2
        assert len(list(corpus.iter_token_lists())) == 2
        corpus.include_duplicates = True
        assert len(corpus) == 3 and len({s.doc_id for s in corpus.iter_sentences()}) == 3


def test_copy_found_across_ingests(tmp_path):
    db = tmp_path / "v.db"
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(STORY, encoding="utf-8")
    second.write_text(COPY, encoding="utf-8")
    with Corpus.open(db, create=True) as corpus:
        ingest([str(first)], corpus, workers=1)
    with Corpus.open(db) as corpus:
        report = ingest([str(second)], corpus, workers=1)
    (added,) = report.added
    assert added.duplicate_of == corpus_id(db, first)


def corpus_id(db, path):
    with Corpus.open(db, readonly=True) as corpus:
        return corpus.documents().set_index("source").loc[str(path), "doc_id"]


def _downgrade_to_v1(db):
    conn = sqlite3.connect(db)
    conn.executescript("""
        DROP TABLE bands;
        ALTER TABLE documents DROP COLUMN published_raw;
        ALTER TABLE documents DROP COLUMN duplicate_of;
        UPDATE meta SET value = '1' WHERE key = 'schema_version';
    """)
    conn.close()


def _version_1_store(tmp_path):
    """A store holding STORY, turned back into a schema version 1 file; (db, article path)."""
    db = tmp_path / "old.db"
    path = tmp_path / "a.txt"
    path.write_text(STORY, encoding="utf-8")
    with Corpus.open(db, create=True) as corpus:
        ingest([str(path)], corpus, workers=1)
    _downgrade_to_v1(db)
    return db, path


def test_version_1_store_is_migrated_on_open(tmp_path):
    db, path = _version_1_store(tmp_path)
    docs = runner.invoke(app, ["docs", "--db", str(db), "-f", "csv"])  # a read-only open
    assert docs.exit_code == 0, docs.stderr
    assert "duplicate_of" in docs.stdout.splitlines()[0]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("2",)
    assert conn.execute("SELECT COUNT(*) FROM bands").fetchone()[0] > 0
    conn.close()
    copy = tmp_path / "b.txt"  # the migrated article is found as the original of a copy
    copy.write_text(COPY, encoding="utf-8")
    with Corpus.open(db) as corpus:
        (added,) = ingest([str(copy)], corpus, workers=1).added
    assert added.duplicate_of == corpus_id(db, path)


def test_version_1_store_that_cannot_be_written_is_refused(tmp_path, monkeypatch):
    db, _ = _version_1_store(tmp_path)
    monkeypatch.setattr("vntransform.corpus.store._writable", lambda p: False)
    with pytest.raises(
        StoreError,
        match="corpus schema version 1 is older than this vnt "
        r"\(version 2\) and the file cannot be written",
    ):
        Corpus.open(db, readonly=True)


def test_parquet_round_trip_keeps_the_link(syndicated, tmp_path):
    pytest.importorskip("pyarrow")
    from vntransform.corpus.parquet import ParquetCorpus

    folder = tmp_path / "pq"
    assert (
        runner.invoke(app, ["export", "--db", str(syndicated), "--to", str(folder)]).exit_code == 0
    )
    corpus = ParquetCorpus(folder)
    assert len(corpus) == 2 and len(list(corpus.iter_documents())) == 2
    assert len(corpus.duplicates()) == 1
    corpus.include_duplicates = True
    assert len(corpus) == 3
    speakers = csv_of("speakers", "--db", folder).set_index("speaker")
    assert speakers.loc["Phạm Văn Thiều", "articles"] == "1"
    db = tmp_path / "back.db"
    assert runner.invoke(app, ["import", str(folder), "--db", str(db)]).exit_code == 0
    with Corpus.open(db, readonly=True) as back:
        assert len(back) == 2 and len(back.duplicates()) == 1


def test_parquet_files_older_than_the_new_columns_still_read(syndicated, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from vntransform.corpus.parquet import ParquetCorpus, export_parquet

    folder = tmp_path / "old"
    with Corpus.open(syndicated, readonly=True) as corpus:
        export_parquet(corpus, folder)
    for path in folder.rglob("*.parquet"):
        pq.write_table(pq.read_table(path).drop_columns(["published_raw", "duplicate_of"]), path)
    corpus = ParquetCorpus(folder)
    assert len(corpus) == 3  # no link recorded: every article counts
    assert set(corpus.documents()["duplicate_of"]) == {""}
    assert len(list(corpus.iter_documents())) == 3 and len(list(corpus.iter_token_lists())) == 3


def test_asking_for_a_copy_by_id_reads_it(syndicated):
    copies = csv_of("docs", "--db", syndicated, "--duplicates")
    copy_id = copies["doc_id"][0]
    quotes = csv_of("quotes", "--db", syndicated, "--doc", copy_id[:6])
    assert set(quotes["doc_id"]) == {copy_id}
    assert quotes["title"][0] == "Bạc Liêu đẩy mạnh chuyển đổi số trong cơ quan nhà nước"
    keywords = csv_of("keywords", "--db", syndicated, "--doc", copy_id[:6])
    assert "người đứng đầu" in set(keywords["term"])
