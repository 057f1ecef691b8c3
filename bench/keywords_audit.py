"""Keyword audit: how many of the top 30 keywords are function words, fragments, numbers.

Builds (once, under bench/work/kwaudit/) corpora from the development pools only — seeded
draws of 300 VNTC test-sample articles (mixed, and single-label; the second round of draws,
seeds 20-23 and 3-4, was judged after the fixes), vietnews_dev (300),
vietnews_digital_dev (37), and the five samples — runs ``extract_keywords`` (top 30, top 50)
and ``keywords_per_doc`` (top 10, on 12 articles) on each, and counts the terms that the judge list
``bench/keywords_audit.tsv`` marks bad. The judge list holds terms and verdicts read by hand
(with kwic where a term could be a fragment), never article text.

    .venv/bin/python bench/keywords_audit.py            # bad terms per corpus
    .venv/bin/python bench/keywords_audit.py --unjudged # terms not yet in the judge list
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from common import EVAL, ROOT

NEWS = EVAL / "news"
WORK = ROOT / "bench" / "work" / "kwaudit"
JUDGE = ROOT / "bench" / "keywords_audit.tsv"
# verdicts that count as bad: function word, fragment of a longer expression, bound syllable,
# number/unit, date/time word, generic news word, fragment of a name
BAD = {"function", "fragment", "bound", "unit", "time", "generic", "name_fragment"}
PER_DOC_ARTICLES = 12  # per-article lists judged: the first 12 articles by id, top 10 each
VNTC_LABELS = {
    "sport": "The thao",
    "law": "Phap luat",
    "health": "Suc khoe",
    "it": "Vi tinh",
    "business": "Kinh doanh",
    "culture": "Van hoa",
}


def _lines(name: str) -> list[str]:
    return (NEWS / name).read_text("utf-8").splitlines()


def corpus_sources() -> dict[str, list[str] | Path]:
    """Corpus name -> JSONL lines to ingest (or a folder)."""
    vntc = _lines("vntc_test_sample.jsonl")
    out: dict[str, list[str] | Path] = {}
    for seed in (0, 1, 2):
        out[f"vntc_mixed_s{seed}"] = random.Random(seed).sample(vntc, 300)
    out["vntc_mixed_stride16"] = vntc[::16][:300]  # the draw tests/mining uses
    by_label: dict[str, list[str]] = {}
    for line in vntc:
        by_label.setdefault(json.loads(line)["label"], []).append(line)
    for i, (short, label) in enumerate(VNTC_LABELS.items()):
        out[f"vntc_{short}_s{10 + i}"] = random.Random(10 + i).sample(by_label[label], 300)
    # drawn after the fix, as a check on terms the first round had not seen
    for i, label in enumerate(["Doi song", "The gioi", "Khoa hoc", "Chinh tri Xa hoi"]):
        short = label.split()[0].lower()
        out[f"vntc_{short}_s{20 + i}"] = random.Random(20 + i).sample(by_label[label], 300)
    for seed in (3, 4):
        out[f"vntc_mixed_s{seed}"] = random.Random(seed).sample(vntc, 300)
    out["vietnews_dev"] = _lines("vietnews_dev.jsonl")
    out["vietnews_digital_dev"] = _lines("vietnews_digital_dev.jsonl")
    out["samples"] = ROOT / "corpus"
    return out


def open_corpus(name: str, source: list[str] | Path):
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    WORK.mkdir(parents=True, exist_ok=True)
    db = WORK / f"{name}.db"
    if not db.exists():
        if isinstance(source, Path):
            paths = [str(source)]
        else:
            src = WORK / f"{name}.jsonl"
            src.write_text("\n".join(source) + "\n", "utf-8")
            paths = [str(src)]
        with Corpus.open(db, create=True) as corpus:
            ingest(paths, corpus, workers=1)
    return Corpus.open(db, readonly=True)


def load_judge() -> dict[str, str]:
    """term -> verdict (ok, or one of BAD) from the judge list."""
    out = {}
    if JUDGE.exists():
        for line in JUDGE.read_text("utf-8").splitlines():
            if line and not line.startswith("#"):
                term, verdict, *_ = line.split("\t")
                out[term] = verdict
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--unjudged", action="store_true", help="list terms not yet judged")
    parser.add_argument("--show", action="store_true", help="print each corpus's top 30")
    parser.add_argument("--only", help="comma-separated corpus names")
    args = parser.parse_args()
    if not NEWS.exists():
        sys.exit(f"bench: {NEWS} not found; the eval data lives in ../shared/eval")
    from vntransform.mining import extract_keywords, keywords_per_doc

    judge = load_judge()
    unjudged: dict[str, set[str]] = {}
    sources = corpus_sources()
    wanted = set(args.only.split(",")) if args.only else set(sources)
    print(f"{'corpus':24} {'top30':>5} {'top50':>5} {'per-doc':>9}  bad terms in the top 30")
    totals = [0, 0, 0, 0]
    for name, source in sources.items():
        if name not in wanted:
            continue
        corpus = open_corpus(name, source)
        top50 = extract_keywords(corpus, top=50, use_cache=False)["term"].tolist()
        docs = sorted(corpus.documents()["doc_id"])[:PER_DOC_ARTICLES]
        per_doc = keywords_per_doc(corpus, top=10, doc_ids=docs, use_cache=False)
        per_doc = per_doc["term"].tolist()
        corpus.close()
        bad30 = [t for t in top50[:30] if judge.get(t) in BAD]
        bad50 = [t for t in top50 if judge.get(t) in BAD]
        bad_doc = [t for t in per_doc if judge.get(t) in BAD]
        totals = [
            a + b
            for a, b in zip(
                totals, [len(bad30), len(bad50), len(bad_doc), len(per_doc)], strict=True
            )
        ]
        share = f"{len(bad_doc)}/{len(per_doc)}"
        print(f"{name:24} {len(bad30):5} {len(bad50):5} {share:>9}  {', '.join(bad30)}")
        if args.show:
            print("   ", "; ".join(top50[:30]))
        for term in [*top50, *per_doc]:
            if term not in judge:
                unjudged.setdefault(term, set()).add(name)
    print(f"{'total':24} {totals[0]:5} {totals[1]:5} {totals[2]:>4}/{totals[3]}")
    if args.unjudged:
        print(f"\n{len(unjudged)} unjudged terms:")
        for term, names in sorted(unjudged.items()):
            print(f"{term}\t{','.join(sorted(names))}")


if __name__ == "__main__":
    main()
