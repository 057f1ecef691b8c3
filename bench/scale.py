"""The scale run: all 33,759 VNTC training articles (``make bench-scale``).

Ingest with all cores while sampling the memory of the whole process tree, then compare the
store size with the raw text, then time the analyses and score topics against the labels.
"""

from __future__ import annotations

import os
from pathlib import Path

from common import PeakMemory


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


def _cpu() -> float:
    """CPU seconds of this process and its finished children (ingest workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def ingest_store(db: Path, src: Path, *, workers: int, analyse: bool) -> tuple[dict, object]:
    """A fresh store of ``src`` (``vnt ingest [--analyse]``): wall and CPU seconds, peak memory."""
    import time

    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cpu = _cpu()
    start = time.perf_counter()
    with PeakMemory() as mem, Corpus.open(db, create=True) as corpus:
        report = ingest([str(src)], corpus, workers=workers, analyse=analyse)
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 1),
        "cpu_s": round(_cpu() - cpu, 1),
        "articles_per_s": round(len(report.added) / seconds, 1),
        "peak_rss_mb_process_tree": round(mem.peak_rss / 2**20),
        "peak_pss_mb_process_tree": round(mem.peak_pss / 2**20),
        "store_mb": round(store_bytes(db) / 2**20, 1),
    }, report


def bench_scale(src: Path, work: Path, *, workers: int = 2) -> dict:
    """Plain ingest, the analyses and reports on it (the first report finds every article's
    quotes and theme sentences and keeps them), then an ``--analyse`` ingest into a second
    store and the first report on that one (it reads them)."""
    db = work / "scale.db"
    plain, report = ingest_store(db, src, workers=workers, analyse=False)
    raw = raw_text_bytes(src)
    figures = {
        "articles_added": len(report.added),
        "articles_skipped_duplicates": len(report.skipped),
        "articles_failed": len(report.failed),
        "ingest_seconds": plain["seconds"],
        "ingest_cpu_s": plain["cpu_s"],
        "ingest_articles_per_s": plain["articles_per_s"],
        "peak_rss_mb_process_tree": plain["peak_rss_mb_process_tree"],
        "peak_pss_mb_process_tree": plain["peak_pss_mb_process_tree"],
        "raw_text_mb": round(raw / 2**20, 1),
        "store_mb": plain["store_mb"],
    }
    figures["store_over_raw"] = round(store_bytes(db) / raw, 2)
    from analyses import bench_report, bench_scale_analyses

    figures.update(bench_scale_analyses(db, src))
    analysed_db = work / "scale_analysed.db"
    analysed, _ = ingest_store(analysed_db, src, workers=workers, analyse=True)
    figures.update({f"analyse_ingest_{k}": v for k, v in analysed.items()})
    report = bench_report(analysed_db, clear_cache=False)  # as the ingest left it
    figures.update({f"analysed_{k}": v for k, v in report.items()})
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
