"""Theme evidence quality on the development keys: precision and recall per theme and micro.

Scores the way a user gets results: the annotated articles are ingested into a temporary
store with the library's `ingest`, `theme_evidence` runs with the built-in lexicon, and an
evidence row whose sentence contains a gold key is a prediction for that sentence.

Sets: `gold_dev` (../shared/eval/gold_dev/themes_digital_dev.jsonl, the rules were tuned on
it), `additions` (tests/fixtures/themes_dev/*.jsonl, annotated before tuning and not tuned
on), `fresh`, `fresh2`, … (tests/fixtures/themes_dev/fresh_*.jsonl, fresh2_*.jsonl: each a
round annotated after a round of tuning and committed before measuring on it, never tuned
on), `fresh_all` (every fresh set: the honest held-out figure), `held_out` (additions +
every fresh set; the second tuning round studied the additions' errors) and `all`.

    python bench/themes.py            # table
    python bench/themes.py --json     # machine-readable
    python bench/themes.py --learned  # also: does a learned sentence scorer beat the rules?

`--learned` trains one logistic regression per theme over TF-IDF of the sentence's words
and word pairs plus the rule's own decision, on all annotated sentences, with 5-fold
cross-validation grouped by article (a sentence is never scored by a model that saw its
article), and prints micro precision/recall of the rules, the model alone, and the rules
filtered or extended by the model.
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

    sets: dict[str, list] = {"gold_dev": read_keys(GOLD_DEV), "additions": []}
    fresh: dict[str, list] = {}
    for path in ADDITIONS:
        # "fresh_*.jsonl", "fresh2_*.jsonl", ...: each annotated round after tuning is its own set
        name = path.name.split("_", 1)[0]
        if name.startswith("fresh"):
            fresh.setdefault(name, []).extend(read_keys(path))
        else:
            sets["additions"] += read_keys(path)
    sets.update(sorted(fresh.items()))
    sets["fresh_all"] = [g for name in sorted(fresh) for g in fresh[name]]
    sets["held_out"] = sets["additions"] + sets["fresh_all"]
    sets["all"] = sets["gold_dev"] + sets["held_out"]
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


def learned_experiment() -> dict[str, tuple[float, float]]:
    """Micro precision/recall over all annotated sentences: rules vs. learned scorers
    (cross-validated by article)."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus
    from vntransform.mining.theme_eval import _norm
    from vntransform.mining.themes import _matches, load_lexicon

    gold = [g for g in load_sets()["all"] if not g.title]
    lexicon = load_lexicon()
    names = [t.name for t in lexicon]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        source = workdir / "articles.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for art in load_articles({g.doc for g in gold}):
                fh.write(json.dumps({"title": art["title"], "text": art["text"],
                                     "url": art["id"]}, ensure_ascii=False) + "\n")
        with Corpus.open(workdir / "themes.db", create=True) as corpus:
            ingest([str(source)], corpus, workers=1)
            url = {d.doc_id: d.url for d in corpus.iter_documents()}
            by_doc: dict[str, list] = {}
            for sentence, found in _matches(corpus, lexicon, lexicon.sentence_rules, False):
                by_doc.setdefault(url[sentence.doc_id], []).append(
                    (_norm(sentence.text), [t.lower() for t in sentence.tokens], set(found)))
    rows = []  # (article, tokens, rule themes, gold themes)
    for g in gold:
        key = _norm(g.key)
        hit = next((s for s in by_doc.get(g.doc, []) if key in s[0]), None)
        if hit is not None:
            rows.append((g.doc, hit[1], hit[2], set(g.themes)))

    def analyzer(tokens: list[str]) -> list[str]:
        return tokens + [f"{a}|{b}" for a, b in zip(tokens, tokens[1:], strict=False)]

    groups = [r[0] for r in rows]
    rule = np.array([[n in r[2] for n in names] for r in rows], dtype=float)
    truth = np.array([[n in r[3] for n in names] for r in rows], dtype=bool)
    prob = np.zeros_like(rule)
    text_prob = np.zeros_like(rule)
    for train, test in GroupKFold(n_splits=5).split(rows, groups=groups):
        vec = TfidfVectorizer(analyzer=analyzer, min_df=2, sublinear_tf=True)
        x_train = vec.fit_transform([rows[i][1] for i in train])
        x_test = vec.transform([rows[i][1] for i in test])
        for j in range(len(names)):
            xa = hstack([x_train, csr_matrix(rule[train, j:j + 1])]).tocsr()
            xb = hstack([x_test, csr_matrix(rule[test, j:j + 1])]).tocsr()
            y = truth[train, j]
            if y.all() or not y.any():
                prob[test, j] = text_prob[test, j] = float(y.any())
                continue
            model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
            prob[test, j] = model.fit(xa, y).predict_proba(xb)[:, 1]
            model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
            text_prob[test, j] = model.fit(x_train, y).predict_proba(x_test)[:, 1]

    def micro(pred: np.ndarray) -> tuple[float, float]:
        tp = int((pred & truth).sum())
        return (round(tp / max(1, int(pred.sum())), 3), round(tp / max(1, int(truth.sum())), 3))

    rules = rule.astype(bool)
    return {"sentences": (len(rows), 0), "rules": micro(rules),
            "text-only model (p>0.5)": micro(text_prob > 0.5),
            "rules AND text p>0.3": micro(rules & (text_prob > 0.3)),
            "rules OR text p>0.8": micro(rules | (text_prob > 0.8)),
            "model (p>0.5)": micro(prob > 0.5),
            "rules AND model p>0.3": micro(rules & (prob > 0.3)),
            "rules OR model p>0.8": micro(rules | (prob > 0.8))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--learned", action="store_true",
                        help="also compare a cross-validated learned scorer with the rules")
    args = parser.parse_args()
    if not GOLD_DEV.exists():
        sys.exit(f"bench: {GOLD_DEV} not found; the eval data lives in ../shared/eval")
    results = run()
    if args.learned:
        results["learned"] = learned_experiment()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for name, result in results.items():
        if name == "learned":
            print("\nlearned scorer, 5-fold CV by article over all annotated sentences "
                  f"({result['sentences'][0]}): micro precision / recall")
            for what, (p, r) in list(result.items())[1:]:
                print(f"  {what:<26}{p:>7.3f}{r:>7.3f}")
            continue
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
