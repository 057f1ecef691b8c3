"""Speakers this checkout gives against another version's, on unannotated development news.

Precision check for quote rules (issue 12): every row whose speaker a change adds or alters
must be read and judged right. The articles are the unannotated ones of the development
pools only — ``news/vietnews_dev.jsonl`` and ``news/vntc_test_sample.jsonl`` without the ids
annotated in ``gold_dev/`` or ``tests/fixtures/quotes*/`` — never the measurement pools.

Both versions read one store (ingested once by this checkout, cached in ``bench/work``);
the base runs in a subprocess with its own package on ``PYTHONPATH``:

    python bench/quotes_diff.py ../../main            # a checkout (a worktree path)
    python bench/quotes_diff.py main                  # a git ref (exported with git archive)
    python bench/quotes_diff.py main --vntc 400 --show 50 --dump /tmp/rows

It prints the counts (rows gained, lost, speaker gained, lost, changed) and every row whose
speaker is new or different, with the text just before the quote, for reading.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import EVAL, ROOT, read_jsonl  # noqa: E402

POOLS = {
    "vietnews": (EVAL / "news" / "vietnews_dev.jsonl", "\n\n"),
    "vntc": (EVAL / "news" / "vntc_test_sample.jsonl", "\n"),
}

# run by each version: extract every article of the store, one JSON row per quote
_DUMP = r"""
import json, sys
from vntransform.corpus.store import Corpus
from vntransform.quotes.extract import extract_quotes
db, out = sys.argv[1], sys.argv[2]
with Corpus.open(db, readonly=True) as corpus, open(out, "w", encoding="utf-8") as fh:
    for doc in corpus.iter_documents(None):
        sentences = list(corpus.iter_sentences([doc.doc_id]))
        for q in extract_quotes(doc, sentences):
            row = {"source": doc.source, "kind": q.kind, "start": q.start, "end": q.end,
                   "speaker": q.speaker, "mention": q.mention, "quote": q.quote,
                   "path": getattr(q, "path", "")}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
"""


def annotated_ids() -> set[str]:
    """Every article id that holds a quote key (development, check and held-out files)."""
    ids: set[str] = set()
    files = list((EVAL / "gold_dev").glob("quotes_*.jsonl"))
    for folder in (ROOT / "tests" / "fixtures").glob("quotes*"):
        files += folder.glob("*.jsonl")
    for path in files:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


def unannotated_texts(n_vntc: int, n_vietnews: int) -> dict[str, str]:
    """Article id -> text (``title + sep + text``) of unannotated development articles."""
    skip = annotated_ids()
    texts: dict[str, str] = {}
    for pool, (path, sep) in POOLS.items():
        limit = n_vntc if pool == "vntc" else n_vietnews
        taken = 0
        # a stride spreads the VNTC sample over its labels (the file is grouped by label)
        stride = max(1, 5000 // max(1, limit)) if pool == "vntc" else 1
        for record in read_jsonl(path, stride=stride):
            if taken >= limit:
                break
            if record["id"] in skip or not record.get("text"):
                continue
            title = (record.get("title") or "").strip()
            texts[record["id"]] = f"{title}{sep}{record['text']}" if title else record["text"]
            taken += 1
    return texts


def _base_package(base: str, tmp: Path) -> Path:
    """A directory holding the base version's ``vntransform`` package."""
    path = Path(base)
    if (path / "vntransform").is_dir():
        return path.resolve()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", base, "vntransform"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(tmp, filter="data")
    return tmp


def _dump(package: Path, db: Path, out: Path) -> list[dict]:
    env = dict(os.environ, PYTHONPATH=str(package))
    # run outside any checkout: "python -c" puts the working folder first on sys.path
    subprocess.run(
        [sys.executable, "-c", _DUMP, str(db.resolve()), str(out.resolve())],
        check=True,
        env=env,
        cwd=out.resolve().parent,
    )
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def compare(base_rows: list[dict], new_rows: list[dict]) -> tuple[Counter, list[tuple]]:
    """Counts of the differences and the rows whose speaker is new or changed."""
    key = lambda r: (r["source"], r["kind"], r["start"])  # noqa: E731
    base = {key(r): r for r in base_rows}
    new = {key(r): r for r in new_rows}
    counts: Counter = Counter()
    changed = []
    for k, row in new.items():
        old = base.get(k)
        if old is None:
            counts["rows gained"] += 1
            if row["speaker"]:
                counts["rows gained with a speaker"] += 1
                changed.append(("new row", None, row))
            continue
        if old["speaker"] == row["speaker"]:
            continue
        if not old["speaker"]:
            counts["speaker gained"] += 1
            changed.append(("gained", old, row))
        elif not row["speaker"]:
            counts["speaker lost"] += 1
            changed.append(("lost", old, row))
        else:
            counts["speaker changed"] += 1
            changed.append(("changed", old, row))
    for k, row in base.items():
        if k not in new:
            counts["rows lost"] += 1
            if row["speaker"]:
                counts["rows lost with a speaker"] += 1
                changed.append(("row lost", row, {**row, "speaker": ""}))
    return counts, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="a checkout path (holding vntransform/) or a git ref")
    parser.add_argument("--vntc", type=int, default=600, help="VNTC articles (default 600)")
    parser.add_argument("--vietnews", type=int, default=300, help="VietNews articles (300)")
    parser.add_argument("--show", type=int, default=200, help="changed rows to print")
    parser.add_argument("--dump", type=Path, help="keep both JSONL dumps in this folder")
    args = parser.parse_args()
    if not POOLS["vntc"][0].exists():
        sys.exit(f"bench: {POOLS['vntc'][0]} not found; the eval data lives in ../shared/eval")
    from bench.quotes import build_corpus
    from vntransform.corpus.store import Corpus

    texts = unannotated_texts(args.vntc, args.vietnews)
    db = build_corpus(texts)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = args.dump or tmp
        out.mkdir(parents=True, exist_ok=True)
        base_rows = _dump(_base_package(args.base, tmp / "base"), db, out / "base.jsonl")
        new_rows = _dump(ROOT, db, out / "new.jsonl")
    counts, changed = compare(base_rows, new_rows)
    print(f"{len(texts)} unannotated development articles; base {args.base}")
    print(f"rows: base {len(base_rows)}, this checkout {len(new_rows)}")
    for name in (
        "speaker gained",
        "speaker changed",
        "speaker lost",
        "rows gained",
        "rows gained with a speaker",
        "rows lost",
        "rows lost with a speaker",
    ):
        print(f"  {name:28} {counts[name]}")
    ordered = db.with_suffix(".ids").read_text("utf-8").splitlines()
    with Corpus.open(db, readonly=True) as corpus:
        text_of = {d.source: d.text for d in corpus.iter_documents(None)}
    for what, old, row in changed[: args.show]:
        text = text_of.get(row["source"], "")
        line = int(row["source"].rsplit(":", 1)[1])  # the line of the ingested JSONL file
        lead = text[max(0, row["start"] - 220) : max(0, row["start"])].replace("\n", " ¶ ")
        before = f"{old['speaker'] or '-'} -> " if old else ""
        print(
            f"\n[{what}] {ordered[line - 1]} {row['kind']} {before}{row['speaker'] or '-'} "
            f"<{row['mention']}> ({row['path']})\n  …{lead}⟦{row['quote'][:160]}⟧"
        )


if __name__ == "__main__":
    main()
