"""Killing ingest at any moment never damages the store; concurrent writers both finish."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.reliability.conftest import snapshot

VNT = str(Path(sys.executable).parent / "vnt")


def make_articles(folder: Path, count: int, seed: int = 7) -> None:
    """Articles made of shuffled sample sentences: real Vietnamese, fast to segment."""
    sentences = [
        s.strip() + "."
        for path in SAMPLES.values()
        for s in path.read_text("utf-8").replace("\n", " ").split(". ")
        if len(s) > 30
    ]
    rng = random.Random(seed)
    folder.mkdir()
    for i in range(count):
        body = " ".join(rng.sample(sentences, 4))
        (folder / f"a{i:04d}.txt").write_text(f"Bài {i}\n{body}\n", encoding="utf-8")


def run(args, **kw):
    return subprocess.run([VNT, *map(str, args)], capture_output=True, text=True, timeout=600, **kw)


@pytest.mark.slow
def test_sigkill_at_random_points_then_resume_equals_one_clean_run(tmp_path):
    folder = tmp_path / "articles"
    make_articles(folder, 300)
    clean = tmp_path / "clean.db"
    assert run(["ingest", folder, "--db", clean, "-w", "1", "-q"]).returncode == 0
    db = tmp_path / "killed.db"
    rng = random.Random(42)
    for workers in ("1", "1", "2", "1"):
        proc = subprocess.Popen(
            [VNT, "ingest", str(folder), "--db", str(db), "-w", workers, "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.8, 3.0))
        os.killpg(proc.pid, signal.SIGKILL)  # the whole group: main process and workers
        proc.wait()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    final = run(["ingest", folder, "--db", db, "-w", "2"])
    assert final.returncode == 0, final.stderr
    assert "skipped" in final.stderr
    assert snapshot(db) == snapshot(clean)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (300,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.slow
def test_two_writers_at_once_both_finish_without_duplicates(tmp_path):
    folder = tmp_path / "articles"
    make_articles(folder, 120, seed=3)
    db = tmp_path / "shared.db"
    procs = [
        subprocess.Popen(
            [VNT, "ingest", str(folder), "--db", str(db), "-w", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert all("locked" not in err for _, err in outputs)
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM documents"
        ).fetchone() == (120, 120)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_replace_is_atomic_and_reingest_is_a_noop(tmp_path):
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    db = tmp_path / "r.db"
    with Corpus.open(db, create=True) as corpus:
        ingest([str(SAMPLES["danang"])], corpus)
        before = snapshot(db)
        assert not ingest([str(SAMPLES["danang"])], corpus).added
        report = ingest([str(SAMPLES["danang"])], corpus, replace_existing=True)
        assert len(report.added) == 1 and len(corpus) == 1
    assert snapshot(db) == before
