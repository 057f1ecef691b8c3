"""Train the speaker scorer (vntransform/quotes/scorer.py) on the development keys.

Every direct quote that no rule attributed and that holds a gold key gives one row per
candidate speaker (label: the candidate is the gold speaker). A logistic regression is
cross-validated grouped by article (GroupKFold) on the development part; the threshold is
the lowest whose cross-validated precision stays >= --precision; the model trained on the
whole development part is written to vntransform/data/quotes/speaker_scorer.json, and its
effect on the check part (never trained on) is printed.

    python bench/train_quote_scorer.py            # CV table, check-part figures
    python bench/train_quote_scorer.py --write    # also write the weights
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.quotes import _fold, _norm, article_texts, build_corpus, load_gold  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "vntransform" / "data" / "quotes" / \
    "speaker_scorer.json"


def collect(part: str) -> list[tuple[str, list[tuple[list[float], int]]]]:
    """(article id, [(features, label) per candidate]) for each eligible quote with a key."""
    from vntransform.corpus.store import Corpus
    from vntransform.quotes import scorer
    from vntransform.quotes.extract import extract_quotes

    gold = [g for g in load_gold(part) if g["kind"] == "direct"]
    texts = article_texts({g["id"] for g in gold})
    db = build_corpus(texts)
    ordered = db.with_suffix(".ids").read_text("utf-8").splitlines()
    by_article = defaultdict(list)
    for g in gold:
        by_article[g["id"]].append(g)
    groups = []
    recorded: list = []

    def record(art, items):
        for item in items:
            if scorer.eligible(item):
                recorded.append((item.text, scorer.candidates(art, items, item)))

    original = scorer.choose_speakers
    scorer.choose_speakers = record
    try:
        with Corpus.open(db, readonly=True) as corpus:
            for doc in corpus.iter_documents(None):
                article = ordered[int(doc.source.rsplit(":", 1)[1]) - 1]
                recorded.clear()
                extract_quotes(doc, list(corpus.iter_sentences([doc.doc_id])))
                for text, cands in recorded:
                    keys = [g for g in by_article.get(article, []) if _norm(g["key"]) in
                            _norm(text)]
                    if not keys or not cands:
                        continue
                    want = _fold(keys[0]["speaker"])
                    rows = [([f[n] for n in scorer.FEATURES], int(want in _fold(name)))
                            for name, _role, f in cands]
                    groups.append((article, rows))
    finally:
        scorer.choose_speakers = original
    return groups


def fit(groups):
    from sklearn.linear_model import LogisticRegression

    x = [f for _a, rows in groups for f, _y in rows]
    y = [lab for _a, rows in groups for _f, lab in rows]
    model = LogisticRegression(C=1.0, max_iter=1000, fit_intercept=False)
    model.fit(x, y)
    return model


def decide(model, groups):
    """(best probability, best is right, any candidate right) per quote."""
    out = []
    for _a, rows in groups:
        probs = model.predict_proba([f for f, _y in rows])[:, 1]
        best = max(range(len(rows)), key=lambda i: probs[i])
        out.append((probs[best], rows[best][1] == 1, any(y for _f, y in rows)))
    return out


def table(decisions, thresholds):
    lines = []
    for t in thresholds:
        fired = [d for d in decisions if d[0] >= t]
        right = sum(d[1] for d in fired)
        lines.append((t, len(fired), right, len(fired) - right))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", type=float, default=0.9)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    from sklearn.model_selection import GroupKFold

    dev = collect("dev")
    reachable = sum(any(y for _f, y in rows) for _a, rows in dev)
    print(f"development part: {len(dev)} unattributed quotes with a key, "
          f"{reachable} with the gold speaker among the candidates")
    thresholds = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9]
    articles = [a for a, _rows in dev]
    cv = []
    for train, test in GroupKFold(n_splits=5).split(dev, groups=articles):
        model = fit([dev[i] for i in train])
        cv.extend(decide(model, [dev[i] for i in test]))
    print("threshold  fired  right  wrong   (5-fold, grouped by article)")
    chosen = None
    for t, fired, right, wrong in table(cv, thresholds):
        print(f"{t:9.2f} {fired:6} {right:6} {wrong:6}")
        if chosen is None and fired and right / fired >= args.precision:
            chosen = t
    chosen = chosen if chosen is not None else 1.0
    model = fit(dev)
    check = collect("check")
    print(f"check part: {len(check)} unattributed quotes with a key; threshold {chosen}")
    for t, fired, right, wrong in table(decide(model, check), [chosen]):
        print(f"{t:9.2f} {fired:6} {right:6} {wrong:6}")
    from vntransform.quotes.scorer import FEATURES

    weights = [round(float(w), 4) for w in model.coef_[0]]
    print("weights:", dict(zip(FEATURES, weights, strict=True)))
    if args.write:
        OUT.write_text(json.dumps({"features": list(FEATURES), "weights": weights,
                                   "threshold": chosen,
                                   "trained_on": "development part (bench/quotes.py --part dev)"},
                                  ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
