"""Theme evidence quality on the development keys: precision and recall per theme and micro.

Scores the way a user gets results: the annotated articles are ingested into a temporary
store with the library's `ingest`, `theme_evidence` runs with the built-in lexicon, and an
evidence row whose sentence contains a gold key is a prediction for that sentence.

Sets: `gold_dev` (../shared/eval/gold_dev/themes_digital_dev.jsonl, the rules were tuned on
it), `additions` (tests/fixtures/themes_dev/*.jsonl, annotated before tuning: the held-apart
check) and `all`.

    python bench/themes.py            # table
    python bench/themes.py --json     # machine-readable
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import EVAL  # noqa: E402

GOLD_DEV = EVAL / "gold_dev" / "themes_digital_dev.jsonl"
ADDITIONS = sorted((ROOT / "tests" / "fixtures" / "themes_dev").glob("*.jsonl"))
POOLS = [EVAL / "news" / name for name in
         ("vietnews_digital_dev.jsonl", "vietnews_dev.jsonl", "vntc_test_sample.jsonl")]
TARGETS = {"micro": (0.85, 0.70), "perception": (0.8, 0.6), "data_sharing": (0.8, 0.6),
           "leadership": (0.8, 0.6)}


def load_sets() -> dict[str, list]:
    """Annotated sentences by set name."""
    from vntransform.mining.theme_eval import read_keys

    sets = {"gold_dev": read_keys(GOLD_DEV), "additions": []}
    for path in ADDITIONS:
        sets["additions"] += read_keys(path)
    sets["all"] = sets["gold_dev"] + sets["additions"]
    return sets


def load_articles(ids: set[str]) -> list[dict]:
    """The annotated articles from the development pools (title + text)."""
    found: dict[str, dict] = {}
    for pool in POOLS:
        with pool.open(encoding="utf-8") as fh:
            for line in fh:
                if ids - found.keys() and any(i in line[:80] for i in ids):
                    row = json.loads(line)
                    if row["id"] in ids:
                        found[row["id"]] = row
    missing = ids - found.keys()
    if missing:
        sys.exit(f"bench: articles not found in the pools: {sorted(missing)[:5]}")
    return list(found.values())


def evidence_for(articles: list[dict], workdir: Path) -> list[tuple[str, str, str]]:
    """(article id, theme, sentence) for every evidence row, through ingest + theme_evidence."""
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus
    from vntransform.mining.themes import theme_evidence

    source = workdir / "articles.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for art in articles:
            fh.write(json.dumps({"title": art["title"], "text": art["text"], "url": art["id"]},
                                ensure_ascii=False) + "\n")
    with Corpus.open(workdir / "themes.db", create=True) as corpus:
        report = ingest([str(source)], corpus, workers=1)
        if report.failed:
            sys.exit(f"bench: ingest failed for {len(report.failed)} articles")
        url = {d.doc_id: d.url for d in corpus.iter_documents()}
        frame = theme_evidence(corpus)
    return [(url[d], t, s) for d, t, s in frame[["doc_id", "theme", "sentence"]]
            .itertuples(index=False)]


def run() -> dict[str, list[dict]]:
    """Score every set; returns rows per set name."""
    from vntransform.mining.theme_eval import score_evidence

    sets = load_sets()
    ids = {g.doc for g in sets["all"]}
    with tempfile.TemporaryDirectory() as tmp:
        evidence = evidence_for(load_articles(ids), Path(tmp))
    out = {}
    for name, gold in sets.items():
        scores = score_evidence(evidence, gold)
        out[name] = {"sentences": scores.sentences,
                     "articles": len({g.doc for g in gold}), "rows": scores.rows()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    if not GOLD_DEV.exists():
        sys.exit(f"bench: {GOLD_DEV} not found; the eval data lives in ../shared/eval")
    results = run()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for name, result in results.items():
        print(f"\n{name}: {result['sentences']} scored sentences, {result['articles']} articles")
        print(f"{'theme':<30}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}  target")
        for row in result["rows"]:
            target = TARGETS.get(row["theme"])
            mark = ""
            if target:
                ok = row["precision"] >= target[0] and row["recall"] >= target[1]
                mark = f"P>={target[0]} R>={target[1]} {'ok' if ok else 'MISSED'}"
            print(f"{row['theme']:<30}{row['gold']:>6}{row['predicted']:>6}{row['tp']:>6}"
                  f"{row['precision']:>8.3f}{row['recall']:>8.3f}  {mark}")


if __name__ == "__main__":
    main()
