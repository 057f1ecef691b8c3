"""The scale run: all 33,759 VNTC training articles (``make bench-scale``).

Ingest with all cores while sampling the memory of the whole process tree, then compare the
store size with the raw text, then time the analyses and score topics against the labels.
"""

from __future__ import annotations

import os
from pathlib import Path

from common import PeakMemory, timer


def raw_text_bytes(path: Path) -> int:
    """UTF-8 bytes of the article texts (the ``text`` fields), the baseline for store size."""
    import json

    total = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            total += len(json.loads(line)["text"].encode("utf-8"))
    return total


def store_bytes(db: Path) -> int:
    return sum(
        os.path.getsize(f"{db}{s}") for s in ("", "-wal", "-shm") if os.path.exists(f"{db}{s}")
    )


def bench_scale(src: Path, work: Path, *, workers: int = 2) -> dict:
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    db = work / "scale.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with PeakMemory() as mem, timer() as t, Corpus.open(db, create=True) as corpus:
        report = ingest([str(src)], corpus, workers=workers)
    raw = raw_text_bytes(src)
    figures = {
        "articles_added": len(report.added),
        "articles_skipped_duplicates": len(report.skipped),
        "articles_failed": len(report.failed),
        "ingest_seconds": round(t["seconds"], 1),
        "ingest_articles_per_s": round(len(report.added) / t["seconds"], 1),
        "peak_rss_mb_process_tree": round(mem.peak_rss / 2**20),
        "peak_pss_mb_process_tree": round(mem.peak_pss / 2**20),
        "raw_text_mb": round(raw / 2**20, 1),
        "store_mb": round(store_bytes(db) / 2**20, 1),
    }
    figures["store_over_raw"] = round(store_bytes(db) / raw, 2)
    try:
        from analyses import bench_scale_analyses
    except ImportError:
        return figures
    figures.update(bench_scale_analyses(db, src))
    return figures


def bench_scale_again(src: Path, work: Path) -> dict:
    """The analyses of ``bench_scale`` on the store it left, with the result cache emptied."""
    import sqlite3

    from analyses import bench_scale_analyses

    db = work / "scale.db"
    if not db.exists():
        raise SystemExit(f"{db} is missing: run `make bench-scale` first")
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM cache")
    return bench_scale_analyses(db, src)
