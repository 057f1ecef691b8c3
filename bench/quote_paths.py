"""Precision of each attribution path over every annotated quote (dev, check, fresh and fresh2).

A path is the rule that set a row's speaker (``Quote.path``: ``after/name``, ``colon/role``,
``carry/pronoun/said``, ``continue-prev``, ``turn``, ``qa`` …). For the rows that hold a gold
key, a path is right when its speaker contains the gold speaker (the scoring rule of
``bench/quotes.py``) and wrong otherwise; a path whose precision is low should abstain.

    python bench/quote_paths.py              # every part
    python bench/quote_paths.py --part fresh # one part
    python bench/quote_paths.py --wrong      # also each wrong row
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.quotes import (  # noqa: E402
    GOLD_DEV,
    _fold,
    _norm,
    article_texts,
    build_corpus,
    load_gold,
)


def path_rows(part: str) -> list[tuple[str, str, str, str, str]]:
    """(part, path, outcome, gold speaker, row speaker) for each row holding a gold key."""
    from vntransform.corpus.store import Corpus
    from vntransform.quotes.extract import extract_quotes

    parts = ("dev", "check", "fresh", "fresh2") if part == "all" else (part,)
    out = []
    for name in parts:
        gold = load_gold(name)
        texts = article_texts({g["id"] for g in gold})
        gold = [g for g in gold if g["id"] in texts]
        db = build_corpus(texts)
        ordered = db.with_suffix(".ids").read_text("utf-8").splitlines()
        keys = defaultdict(list)
        for g in gold:
            if g["kind"] != "negative":
                keys[g["id"]].append((_norm(g["key"]), g["speaker"]))
        with Corpus.open(db, readonly=True) as corpus:
            for doc in corpus.iter_documents(None):
                article = ordered[int(doc.source.rsplit(":", 1)[1]) - 1]
                sentences = list(corpus.iter_sentences([doc.doc_id]))
                for q in extract_quotes(doc, sentences):
                    if not q.speaker:
                        continue
                    text = _norm(q.quote)
                    golds = [s for k, s in keys[article] if k in text]
                    if not golds:
                        out.append((name, q.path, "nogold", "", q.speaker))
                        continue
                    right = any(_fold(s) in _fold(q.speaker) for s in golds)
                    out.append(
                        (
                            name,
                            q.path,
                            "right" if right else "wrong",
                            golds[0],
                            q.speaker + f" | {article} | {q.quote[:50]}",
                        )
                    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("all", "dev", "check", "fresh", "fresh2"), default="all")
    parser.add_argument("--wrong", action="store_true", help="list each wrong row")
    args = parser.parse_args()
    if not GOLD_DEV.exists():
        sys.exit(f"bench: {GOLD_DEV} not found; the eval data lives in ../shared/eval")
    rows = path_rows(args.part)
    counts: dict[str, Counter] = defaultdict(Counter)
    for _part, path, outcome, _g, _s in rows:
        counts[path][outcome] += 1
    print(f"{'path':32} {'right':>5} {'wrong':>5} {'prec':>6} {'no-gold':>7}")
    for path, c in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        done = c["right"] + c["wrong"]
        prec = f"{100 * c['right'] / done:5.1f}%" if done else "    - "
        print(f"{path:32} {c['right']:5} {c['wrong']:5} {prec} {c['nogold']:7}")
    if args.wrong:
        for part, path, outcome, gold, speaker in rows:
            if outcome == "wrong":
                print(f"  [{part}] {path}: gold {gold!r} got {speaker}")


if __name__ == "__main__":
    main()
