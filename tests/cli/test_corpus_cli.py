import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner
from underthesea import word_tokenize

from tests.conftest import CORPUS_DIR, SAMPLES
from vntransform.cli import app

runner = CliRunner()


def run(*args, stdin=None):
    return runner.invoke(app, [str(a) for a in args], input=stdin)


def all_commands():
    return sorted({c.name or c.callback.__name__ for c in app.registered_commands})


@pytest.mark.parametrize("command", all_commands())
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_ingest_then_docs_csv(tmp_path):
    db = tmp_path / "c.db"
    result = run("ingest", CORPUS_DIR, "--db", db, "-w", "1")
    assert result.exit_code == 0, result.output
    assert "added 5, skipped 0" in result.stderr
    again = run("ingest", CORPUS_DIR, "--db", db, "-w", "1")
    assert again.exit_code == 0 and "added 0, skipped 5" in again.stderr
    docs = run("docs", "--db", db)
    assert docs.exit_code == 0
    # 2022-mic-… carries no day: the one undated sample is counted on stderr
    assert docs.stderr.startswith("1 of 5 articles have no date")
    frame = pd.read_csv(io.StringIO(docs.stdout), dtype=str, keep_default_na=False)
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
    assert sorted(Path(s).name for s in frame["source"]) == sorted(p.name for p in SAMPLES.values())


def test_docs_json_and_bom(sample_db, tmp_path):
    result = run("docs", "--db", sample_db, "-f", "json")
    import json

    records = json.loads(result.stdout)
    assert len(records) == 5 and {"doc_id", "words"} <= set(records[0])
    out = tmp_path / "docs.csv"
    assert run("docs", "--db", sample_db, "-o", out).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdoc_id,")
    tsv = run("docs", "--db", sample_db, "-f", "tsv", "--no-headers")
    assert len(tsv.stdout.strip().splitlines()) == 5 and "\t" in tsv.stdout


def test_show_text_segmented_raw(sample_db, sample_docs):
    doc = sample_docs["baclieu"]
    text = run("show", doc.doc_id[:8], "--db", sample_db)
    assert text.exit_code == 0
    assert "Bùi Thanh Toàn" in text.stdout
    seg = run("show", doc.doc_id[:8], "--db", sample_db, "--segmented")
    assert "chuyển_đổi_số" in seg.stdout
    raw = run("show", doc.doc_id[:8], "--db", sample_db, "--raw")
    assert raw.stdout.rstrip("\n") == SAMPLES["baclieu"].read_text("utf-8").rstrip("\n")


def test_segment_command_matches_underthesea():
    lines = [
        "Chuyển đổi số là xu thế tất yếu.",
        "Hoà bình và thuỷ điện",
        "",
        "Xem chi tiết tại mic.gov.vn, lãi suất 6.5%.",
    ]
    result = run("segment", "--no-terms", stdin="\n".join(lines) + "\n")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [word_tokenize(s, format="text") for s in lines]
    conll = run("segment", "Ông Toàn nói", "-f", "conll", "--pos")
    assert conll.stdout.splitlines()[:3] == ["Ông\tNc", "Toàn\tNp", "nói\tV"]
    # the POS tags are those of the words ingest stores (built-in terms whole)
    tagged = run("segment", "Chuyển đổi số là xu thế tất yếu", "-f", "conll", "--pos")
    assert [row.split("\t")[0] for row in tagged.stdout.split()][::2][:2] == ["Chuyển_đổi_số", "là"]


def test_errors_are_one_line_with_exit_codes(tmp_path):
    missing = run("ingest", tmp_path / "nope", "--db", tmp_path / "x.db")
    assert missing.exit_code == 1
    assert missing.stderr.strip().splitlines() == [
        f"Error: {tmp_path / 'nope'}: no such file or folder"
    ]
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    res = run("ingest", empty_dir, "--db", tmp_path / "x.db")
    assert res.exit_code == 1 and "no matching files" in res.stderr
    no_db = run("docs", "--db", tmp_path / "absent.db")
    assert no_db.exit_code == 1 and "no corpus here" in no_db.stderr and no_db.stdout == ""
    bad_fmt = run("docs", "--db", tmp_path / "x.db", "-f", "xml")
    assert bad_fmt.exit_code == 2
    assert "Traceback" not in missing.output + res.output + no_db.output


def test_good_files_stored_when_others_fail(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES["mic"], folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "x.db"
    result = run("ingest", folder, "--db", db, "-w", "1")
    assert result.exit_code == 1
    assert f"Error: {folder / 'empty.txt'}: file is empty" in result.stderr
    assert "added 1" in result.stderr
    docs = run("docs", "--db", db)
    assert len(pd.read_csv(io.StringIO(docs.stdout))) == 1


def test_ingest_stdin(tmp_path):
    db = tmp_path / "s.db"
    text = SAMPLES["baclieu"].read_text("utf-8")
    result = run("ingest", "-", "--db", db, stdin=text)
    assert result.exit_code == 0, result.output
    docs = pd.read_csv(io.StringIO(run("docs", "--db", db).stdout))
    assert docs["source"].tolist() == ["<stdin>"]


@pytest.mark.slow
def test_installed_vnt_runs_in_a_real_subprocess(tmp_path):
    exe = Path(sys.executable).parent / "vnt"
    assert exe.exists(), "the vnt console script is not installed"
    db = tmp_path / "p.db"
    env = {**os.environ, "VNT_DB": str(db)}
    ingest = subprocess.run(
        [exe, "ingest", str(CORPUS_DIR)], capture_output=True, text=True, env=env, timeout=300
    )
    assert ingest.returncode == 0, ingest.stderr
    docs = subprocess.run(
        [exe, "docs", "-f", "csv"], capture_output=True, text=True, env=env, timeout=60
    )
    frame = pd.read_csv(io.StringIO(docs.stdout))
    assert len(frame) == 5 and frame["words"].sum() > 3000
    bad = subprocess.run(
        [exe, "show", "doesnotexist"], capture_output=True, text=True, env=env, timeout=60
    )
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.startswith("Error: doesnotexist: no such document")


def test_ingest_analyse_keeps_each_articles_results(tmp_path):
    import sqlite3

    db = tmp_path / "a.db"
    result = run("ingest", CORPUS_DIR, "--db", db, "-w", "2", "--analyse")
    assert result.exit_code == 0, result.output
    assert "added 5" in result.stderr
    with sqlite3.connect(db) as conn:
        kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM derived GROUP BY kind").fetchall())
    assert kinds == {"quotes": 5, "themes": 5}
    quotes = run("quotes", "--db", db, "-f", "csv", "--speaker", "Nguyễn Huy Dũng")
    assert quotes.exit_code == 0 and "Nguyễn Huy Dũng" in quotes.stdout
    # a Parquet corpus keeps no per-article results: the option is refused there
    dask = run("ingest", CORPUS_DIR, "--engine", "dask", "--out", tmp_path / "pq", "--analyse")
    assert dask.exit_code != 0 and "--analyse works with --engine local only" in dask.stderr
    assert not (tmp_path / "pq").exists()
