"""A self-contained HTML report of a corpus: charts as inline SVG, no network at view time."""

from vntransform.report.build import build_report

__all__ = ["build_report"]
