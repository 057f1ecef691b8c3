"""Ingest speed of two checkouts, interleaved in ONE process (the machine is shared).

Each run imports ``vntransform`` afresh from one checkout (its folder first on
``sys.path``, every ``vntransform`` module dropped before), ingests the same input into a
new SQLite store with ``--workers`` 1 and 2, and alternates which checkout goes first.
It prints wall and CPU seconds (this process and its worker processes) per run and their
medians; on a shared machine the CPU figures and the minimums are the steadier ones.

    python bench/ingest_ab.py --base /work/main \
        --src ../shared/eval/news/vietnews_dev.jsonl --rounds 10 --workers 1,2
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent


def load(root: Path, roots: list[str]) -> tuple[Callable[..., Any], Any]:
    """``ingest`` and ``Corpus`` of the checkout at ``root``."""
    for name in [m for m in sys.modules if m == "vntransform" or m.startswith("vntransform.")]:
        del sys.modules[name]
    sys.path[:] = [p for p in sys.path if p not in roots]
    sys.path.insert(0, str(root))
    import vntransform.corpus.ingest as ingest_module
    from vntransform.corpus.store import Corpus

    if not str(Path(ingest_module.__file__ or "").resolve()).startswith(str(root)):
        raise SystemExit(f"{root}: vntransform was imported from {ingest_module.__file__}")
    return ingest_module.ingest, Corpus


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # joined worker processes
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the other checkout")
    parser.add_argument("--head", type=Path, default=HERE, help="default: this checkout")
    parser.add_argument("--src", required=True, help="input file or folder")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()
    checkouts = {"base": args.base.resolve(), "head": args.head.resolve()}
    roots = [str(p) for p in checkouts.values()]
    workers = [int(w) for w in args.workers.split(",")]
    wall: dict[tuple[str, int], list[float]] = {(k, w): [] for k in checkouts for w in workers}
    cpu: dict[tuple[str, int], list[float]] = {(k, w): [] for k in checkouts for w in workers}
    added: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for w in workers:
                order = list(checkouts) if r % 2 == 0 else list(checkouts)[::-1]
                for name in order:
                    ingest, corpus_class = load(checkouts[name], roots)
                    db = Path(tmp) / f"{name}_{w}_{r}.db"
                    c0, t0 = cpu_seconds(), time.perf_counter()
                    with corpus_class.open(db, create=True) as corpus:
                        report = ingest([args.src], corpus, workers=w)
                    wall[(name, w)].append(time.perf_counter() - t0)
                    cpu[(name, w)].append(cpu_seconds() - c0)
                    added[name] = len(report.added)
                    print(
                        f"round {r} workers={w} {name}: {wall[(name, w)][-1]:.2f} s wall, "
                        f"{cpu[(name, w)][-1]:.2f} s CPU",
                        flush=True,
                    )
    if added["base"] != added["head"]:
        print(f"articles added differ: {added}")
    for w in workers:
        ratio = statistics.median(
            h / b for h, b in zip(wall[("head", w)], wall[("base", w)], strict=True)
        )
        print(
            f"workers={w}: wall median base {statistics.median(wall[('base', w)]):.2f} s, "
            f"head {statistics.median(wall[('head', w)]):.2f} s (paired ratio {ratio:.3f}); "
            f"CPU median base {statistics.median(cpu[('base', w)]):.2f} s, head "
            f"{statistics.median(cpu[('head', w)]):.2f} s; min wall "
            f"{min(wall[('base', w)]):.2f} / {min(wall[('head', w)]):.2f} s, min CPU "
            f"{min(cpu[('base', w)]):.2f} / {min(cpu[('head', w)]):.2f} s"
        )


if __name__ == "__main__":
    main()
