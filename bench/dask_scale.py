"""Dask engine vs local engine on VNTC: wall time, peak memory of the process tree, output
size, and topic NMI from each store (same seed, same k).

    python bench/dask_scale.py --limit 5000      # quick
    python bench/dask_scale.py                   # all 33,759 training articles (~12 min)
    python bench/dask_scale.py --analyses-only   # reuse the stores of the last run

Analyses: keywords from SQLite (local engine) vs from the Parquet folder with
``--engine dask`` (term counts map-reduced on a 2-worker local cluster), both uncached;
topic NMI from each store (k=10, seed 0).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import NEWS_FULL, WORK, PeakMemory, print_table, require_eval, save_results, timer


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return sum(
        Path(f"{path}{s}").stat().st_size
        for s in ("", "-wal", "-shm")
        if Path(f"{path}{s}").exists()
    )


def nmi(corpus, labels_by_line: dict[int, str], engine=None) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    from vntransform.mining import fit_topics

    result = fit_topics(corpus, k=10, unit="doc", seed=0, use_cache=False, engine=engine)
    return score_assignments(result, corpus, labels_by_line, normalized_mutual_info_score)


def score_assignments(result, corpus, labels_by_line, metric) -> float:
    line_of = {
        d: int(s.rsplit(":", 1)[1])
        for d, s in corpus.documents()[["doc_id", "source"]].itertuples(index=False)
    }
    pairs = [
        (labels_by_line[line_of[d]], t)
        for d, t in result.assignments[["doc_id", "topic"]].itertuples(index=False)
    ]
    return round(metric([a for a, _ in pairs], [b for _, b in pairs]), 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--analyses-only", action="store_true")
    args = parser.parse_args()
    require_eval()
    WORK.mkdir(parents=True, exist_ok=True)
    src = WORK / "dask_src.jsonl"
    db, folder = WORK / "local.db", WORK / "dask_corpus"
    labels = {}
    with NEWS_FULL.open(encoding="utf-8") as fh:
        out = None if args.analyses_only else src.open("w", encoding="utf-8")
        for i, line in enumerate(fh):
            if args.limit is not None and i >= args.limit:
                break
            if out is not None:
                out.write(line)
            labels[i + 1] = json.loads(line)["label"]
        if out is not None:
            out.close()
    figures = {"articles": len(labels)}
    if not args.analyses_only:
        figures |= ingest_both(src, db, folder)
        src.unlink(missing_ok=True)
        save_results(f"dask_vs_local_{len(labels)}_ingest", figures)
        print_table("dask vs local: ingest", list(figures.items()))
    figures = {"articles": len(labels)} | analyses_both(db, folder, labels)
    save_results(f"dask_vs_local_{len(labels)}_analyses", figures)
    print_table("dask vs local: analyses", list(figures.items()))


def ingest_both(src: Path, db: Path, folder: Path) -> dict:
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus
    from vntransform.engines.dask import ingest_dask

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    figures = {}
    with PeakMemory() as mem, timer() as t, Corpus.open(db, create=True) as corpus:
        ingest([str(src)], corpus, workers=2)
    figures |= {
        "local_seconds": round(t["seconds"], 1),
        "local_peak_pss_mb": round(mem.peak_pss / 2**20),
        "local_store_mb": round(size_of(db) / 2**20, 1),
    }
    with PeakMemory() as mem, timer() as t:
        report = ingest_dask([str(src)], folder, workers=2)
    figures |= {
        "dask_seconds": round(t["seconds"], 1),
        "dask_peak_pss_mb": round(mem.peak_pss / 2**20),
        "dask_store_mb": round(size_of(folder) / 2**20, 1),
        "dask_files": len(report.files),
    }
    return figures


def analyses_both(db: Path, folder: Path, labels: dict[int, str]) -> dict:
    from vntransform.corpus.parquet import ParquetCorpus
    from vntransform.corpus.store import Corpus
    from vntransform.engines.dask import DaskEngine, dask_client
    from vntransform.mining import extract_keywords

    figures = {}
    with Corpus.open(db, readonly=True) as corpus:
        with timer() as t:
            local_kw = extract_keywords(corpus, use_cache=False)
        figures["keywords_local_sqlite_s"] = round(t["seconds"], 1)
        figures["nmi_sqlite"] = nmi(corpus, labels)
    pq = ParquetCorpus(folder)
    with timer() as t:
        parquet_kw = extract_keywords(pq, use_cache=False)
    figures["keywords_parquet_client_only_s"] = round(t["seconds"], 1)
    with dask_client(workers=2) as client:
        engine = DaskEngine(client)
        with timer() as t:
            dask_kw = extract_keywords(pq, use_cache=False, engine=engine)
        figures["keywords_parquet_engine_dask_s"] = round(t["seconds"], 1)
        figures["nmi_parquet_engine_dask"] = nmi(pq, labels, engine)
    figures["keywords_equal_across_stores"] = bool(
        local_kw.equals(dask_kw) and local_kw.equals(parquet_kw)
    )
    return figures


if __name__ == "__main__":
    main()
