"""Helpers shared by the bench scripts: data location, timing, memory of a process tree."""

from __future__ import annotations

import json
import os
import platform
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("VNT_EVAL", ROOT.parent / "shared" / "eval"))
NEWS_SAMPLE = EVAL / "news" / "vntc_test_sample.jsonl"
NEWS_FULL = EVAL / "news" / "vntc_train_full.jsonl"
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results.json"


def require_eval() -> None:
    if not NEWS_SAMPLE.exists():
        sys.exit(f"bench: {NEWS_SAMPLE} not found; the eval data lives in ../shared/eval")


def read_jsonl(path: Path, limit: int | None = None, *, stride: int = 1) -> list[dict]:
    """Records of a JSONL file; ``stride`` > 1 takes every n-th line (all labels)."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % stride:
                continue
            out.append(json.loads(line))
            if limit is not None and len(out) >= limit:
                break
    return out


def environment() -> dict:
    versions = {}
    for pkg in (
        "vntransform",
        "underthesea",
        "underthesea_core",
        "scikit-learn",
        "pandas",
        "numpy",
        "typer",
        "rich",
    ):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


@contextmanager
def timer() -> Iterator[dict]:
    box: dict = {}
    start = time.perf_counter()
    try:
        yield box
    finally:
        box["seconds"] = time.perf_counter() - start


class PeakMemory:
    """Polls the RSS (and PSS where readable) of this process and its children."""

    def __init__(self, interval: float = 0.05) -> None:
        import psutil

        self._psutil = psutil
        self.interval = interval
        self.peak_rss = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        me = self._psutil.Process()
        rss = pss = 0
        for proc in [me, *me.children(recursive=True)]:
            try:
                info = proc.memory_full_info()
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            except (self._psutil.NoSuchProcess, self._psutil.AccessDenied):
                continue
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def save_results(section: str, figures: dict) -> None:
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data["environment"] = environment()
    data[section] = figures
    RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_table(title: str, rows: list[tuple]) -> None:
    print(f"\n== {title}")
    width = max(len(str(r[0])) for r in rows)
    for row in rows:
        print(f"  {str(row[0]).ljust(width)}  " + "  ".join(str(c) for c in row[1:]))
