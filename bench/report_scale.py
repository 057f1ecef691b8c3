"""Size and time of `vnt report` (and its workbook) on a store, split into the analyses and
the rendering, with the analyses run twice (cold, then from the store's result cache).

    python bench/report_scale.py STORE.db [--k 10] [--replicate 11] [--workers N] [--forget]

``--replicate N`` then renders the page from the gathered records copied N times under new
article ids (3,000 articles × 11 ≈ 33,759): the size and rendering time of a corpus that
large, without segmenting it.

The cold run empties the store's result cache first and prints the wall and CPU seconds of
each analysis (CPU includes the worker processes that read the articles). The per-article
results the store keeps (``corpus/derived.py``: filled by ``vnt ingest --analyse`` or by the
first analysis) are read: the cold run is then the first report after an ``--analyse``
ingest; ``--forget`` deletes them first (the first report after a plain ingest, which finds
and keeps them).

Prints the figures; the HTML size of the report is capped by design (lists show their first
entries, the heatmap groups articles beyond 60), so it grows with the corpus only through the
per-theme and per-speaker tables, not with the number of articles.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("--k", default="10")
    parser.add_argument("--replicate", type=int, default=0)
    parser.add_argument("--workers", type=int, default=0, help="0: all cores")
    parser.add_argument("--forget", action="store_true", help="delete kept per-article results")
    args = parser.parse_args()
    import sqlite3

    from vntransform.corpus.ingest import default_workers
    from vntransform.corpus.store import Corpus
    from vntransform.output.xlsx import write_workbook
    from vntransform.report.build import build_report, gather, report_sheets

    workers = args.workers or default_workers()
    with sqlite3.connect(args.store) as conn:
        conn.execute("DELETE FROM cache")
        if args.forget:
            conn.execute("DELETE FROM derived")
    rows = []
    with Corpus.open(args.store, readonly=True) as corpus:
        n = len(corpus)
        for run in ("cold", "cached"):
            t0 = time.perf_counter()
            data = gather(corpus, k=args.k, seed=0, workers=workers)
            t1 = time.perf_counter()
            html = build_report(corpus, k=args.k, data=data)
            t2 = time.perf_counter()
            rows.append((run, t1 - t0, t2 - t1, len(html.encode())))
            if run == "cold":
                print(f"cold analyses ({workers} workers), wall / CPU seconds:")
                for name, wall in data.seconds.items():
                    print(f"  {name:28s} {wall:7.1f} {data.cpu_seconds[name]:7.1f}")
        t3 = time.perf_counter()
        sheets = report_sheets(data, corpus)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "r.xlsx"
            write_workbook(sheets, out)
            xlsx_size = out.stat().st_size
        t4 = time.perf_counter()
    print(f"articles: {n:,}; quotes {len(data.quotes):,}; evidence rows {len(data.evidence):,}")
    for run, analyses, render, size in rows:
        print(
            f"{run:7s} analyses {analyses:6.1f} s   render {render:5.2f} s   "
            f"html {size / 1e6:5.2f} MB"
        )
    print(
        f"workbook {t4 - t3:6.1f} s   {xlsx_size / 1e6:5.2f} MB   "
        f"({sum(len(f) for f in sheets.values()):,} rows in {len(sheets)} sheets)"
    )
    if args.replicate > 1:
        big = replicate(data, args.replicate)
        with Corpus.open(args.store, readonly=True) as corpus:
            t0 = time.perf_counter()
            html = build_report(corpus, k=args.k, data=big)
            t1 = time.perf_counter()
        print(
            f"x{args.replicate}: {len(big.docs):,} articles, {len(big.quotes):,} quotes: "
            f"render {t1 - t0:5.2f} s   html {len(html.encode()) / 1e6:5.2f} MB"
        )


def replicate(data, times: int):
    """The records of ``data`` copied ``times`` times, each copy under new article ids."""
    import dataclasses

    import pandas as pd

    def grow(frame):
        if frame is None or "doc_id" not in frame.columns:
            return frame
        copies = []
        for i in range(times):
            copy = frame.copy()
            copy["doc_id"] = [f"{i:02d}{d[2:]}" for d in copy["doc_id"]]
            copies.append(copy)
        return pd.concat(copies, ignore_index=True)

    topics = data.topics
    if topics is not None:
        topics = dataclasses.replace(topics, assignments=grow(topics.assignments))
    return dataclasses.replace(
        data,
        docs=grow(data.docs),
        matrix=grow(data.matrix),
        evidence=grow(data.evidence),
        per_doc=grow(data.per_doc),
        quotes=grow(data.quotes),
        topics=topics,
    )


if __name__ == "__main__":
    sys.exit(main())
