"""Figures for issue 15's input handling, on the shared evaluation pools (read-only).

    python bench/inputs.py [--pool ../shared/eval/news/vntc_test_sample.jsonl] [--limit N]

Prints: near-duplicate pairs found by MinHash/LSH and their Jaccard similarity (and how many
LSH candidates the exact check rejected), the cost per article of shingles + band keys, and
how many sentences of the pool the URL/e-mail/domain/decimal protection changes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval" / "news"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pool", default=str(EVAL / "vntc_test_sample.jsonl"))
    parser.add_argument("--sentences-pool", default=str(EVAL / "vietnews_dev.jsonl"))
    parser.add_argument("--limit", type=int, default=5000)
    args = parser.parse_args()

    from vntransform.corpus.dedupe import THRESHOLD, band_keys, jaccard, shingles
    from vntransform.text.normalize import normalize_text

    with open(args.pool, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, args.limit)]
    texts = [normalize_text(r["text"]) for r in rows]
    start = time.perf_counter()
    sets = [shingles(t) for t in texts]
    keys = [band_keys(s) for s in sets]
    per_article = (time.perf_counter() - start) / len(rows) * 1000
    buckets: dict[int, list[int]] = defaultdict(list)
    candidates: set[tuple[int, int]] = set()
    for i, ks in enumerate(keys):
        for key in ks:
            for j in buckets[key]:
                candidates.add((j, i))
            buckets[key].append(i)
    scored = sorted(((jaccard(sets[a], sets[b]), a, b) for a, b in candidates), reverse=True)
    pairs = [(j, a, b) for j, a, b in scored if j >= THRESHOLD]
    exact = sum(1 for r in rows if r.get("dup_of"))
    print(
        f"pool: {Path(args.pool).name}, {len(rows)} articles ({exact} marked dup_of: exact "
        "copies, skipped by content hash at ingest)"
    )
    print(f"shingles + MinHash band keys: {per_article:.2f} ms per article")
    print(
        f"LSH candidate pairs: {len(candidates)}; near-duplicates (Jaccard >= {THRESHOLD}): "
        f"{len(pairs)}; rejected by the exact check: {len(candidates) - len(pairs)}"
    )
    for j, a, b in pairs[:10]:
        print(
            f"  {j:.2f}  {rows[a].get('id', a)}  {rows[b].get('id', b)}  "
            f"{rows[a].get('title', '')[:40]!r} | {rows[b].get('title', '')[:40]!r}"
        )

    from underthesea import sent_tokenize

    from vntransform.text.protect import protected_spans
    from vntransform.text.segment import split_sentences

    with open(args.sentences_pool, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    paragraphs = [p for d in docs for p in normalize_text(d["text"]).split("\n") if p.strip()]
    touched = [p for p in paragraphs if protected_spans(p)]
    before = sum(len(sent_tokenize(p)) for p in touched)
    after = sum(len(split_sentences(p)) for p in touched)
    print(
        f"protection on {Path(args.sentences_pool).name}: {len(touched)} of {len(paragraphs)} "
        f"paragraphs hold a URL/e-mail/domain/decimal; sentences in them {before} -> {after}"
    )


if __name__ == "__main__":
    main()
