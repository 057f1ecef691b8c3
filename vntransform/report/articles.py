"""One read of every article for the report: its quotes and the sentences that count for a
theme, the per-article work of ``vnt quotes`` and ``vnt themes`` done in one pass instead of
two. The pass lives in the corpus layer (``corpus.derived``), which keeps each article's
results in the store so that the next report reads them instead of reading the articles."""

from vntransform.corpus.derived import ArticleScan, PendingScan, scan_articles, start_scan

__all__ = ["ArticleScan", "PendingScan", "scan_articles", "start_scan"]
