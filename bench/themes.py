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
    python bench/themes.py --part fresh_all --errors            # false positives and misses
    python bench/themes.py --part held_out --errors --theme leadership
    python bench/themes.py --scorer   # with the shipped learned scorer (learned = true)

`--learned` trains one logistic regression per theme over TF-IDF of the sentence's words
and word pairs, the rule decisions, bare lexicon hits, the article's theme shares and the
sentence's position, on all annotated sentences, with 5-fold cross-validation grouped by
article (a sentence is never scored by a model that saw its article), and prints micro
precision/recall of the rules, the model alone, and the rules filtered or extended by the
model, over all sentences and over the fresh ones.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import EVAL  # noqa: E402

GOLD_DEV = EVAL / "gold_dev" / "themes_digital_dev.jsonl"
ADDITIONS = sorted((ROOT / "tests" / "fixtures" / "themes_dev").glob("*.jsonl"))
POOLS = [
    EVAL / "news" / name
    for name in ("vietnews_digital_dev.jsonl", "vietnews_dev.jsonl", "vntc_test_sample.jsonl")
]
SCORER = False  # --scorer: the lexicon's rules re-judged by the shipped learned scorer
TARGETS = {
    "micro": (0.85, 0.70),
    "perception": (0.8, 0.6),
    "data_sharing": (0.8, 0.6),
    "leadership": (0.8, 0.6),
}


if TYPE_CHECKING:
    from vntransform.corpus.store import Corpus


def load_sets() -> dict[str, list]:
    """Annotated sentences by set name."""
    from vntransform.mining.theme_eval import read_keys

    sets: dict[str, list] = {"gold_dev": read_keys(GOLD_DEV), "additions": []}
    fresh: dict[str, list] = {}
    rounds: dict[str, list] = {}
    for path in ADDITIONS:
        # "fresh_*.jsonl", "fresh2_*.jsonl", ...: each annotated round after tuning is its own
        # set; "dev5_*.jsonl", …: later development rounds, each its own set too
        name = path.name.split("_", 1)[0]
        if name.startswith("fresh"):
            fresh.setdefault(name, []).extend(read_keys(path))
        elif re.fullmatch(r"dev\d+", name):
            rounds.setdefault(name, []).extend(read_keys(path))
        else:
            sets["additions"] += read_keys(path)
    sets.update(sorted(fresh.items()))
    sets.update(sorted(rounds.items()))
    sets["fresh_all"] = [g for name in sorted(fresh) for g in fresh[name]]
    sets["held_out"] = (
        sets["additions"] + sets["fresh_all"] + [g for name in sorted(rounds) for g in rounds[name]]
    )
    sets["all"] = sets["gold_dev"] + sets["held_out"]
    # keys of articles drawn from the general pool (vietnews_dev: mostly distractors that use
    # the lexicon's words in other senses): their precision is the off-domain false themes
    # (held-out rounds "fresh*" are left out: they are scored on their own)
    sets["vietnews_dev_pool"] = [
        g
        for path in ADDITIONS
        if path.name.endswith("vietnews_dev.jsonl")
        and "digital" not in path.name
        and not path.name.startswith("fresh")
        for g in read_keys(path)
    ]
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


@contextmanager
def gold_store(articles: list[dict], workdir: Path) -> Iterator[tuple[Corpus, dict[str, str]]]:
    """The annotated articles ingested into a store under ``workdir``, as users get them;
    yields the store and doc_id -> article id (kept in the url field)."""
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    source = workdir / "articles.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for art in articles:
            record = {"title": art["title"], "text": art["text"], "url": art["id"]}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    with Corpus.open(workdir / "themes.db", create=True) as corpus:
        report = ingest([str(source)], corpus, workers=1)
        if report.failed:
            sys.exit(f"bench: ingest failed for {len(report.failed)} articles")
        yield corpus, {d.doc_id: d.url for d in corpus.iter_documents()}


def evidence_for(
    articles: list[dict],
    workdir: Path,
    sentences: dict[str, list[str]] | None = None,
) -> list[tuple[str, str, str, str]]:
    """(article id, theme, sentence, terms) for every evidence row, through ingest +
    theme_evidence; fills ``sentences`` (article id -> its sentences), when given."""
    from vntransform.mining.themes import theme_evidence

    lexicon = None
    if SCORER:
        from dataclasses import replace

        from vntransform.mining.themes import Lexicon, load_lexicon

        builtin = load_lexicon()
        lexicon = Lexicon(builtin, replace(builtin.sentence_rules, learned=True))
    with gold_store(articles, workdir) as (corpus, url):
        frame = theme_evidence(corpus, lexicon=lexicon)
        if sentences is not None:
            for sentence in corpus.iter_sentences():
                sentences.setdefault(url[sentence.doc_id], []).append(sentence.text)
    return [
        (url[d], t, s, terms)
        for d, t, s, terms in frame[["doc_id", "theme", "sentence", "terms"]].itertuples(
            index=False
        )
    ]


def run(*, errors: bool = False) -> dict[str, dict]:
    """Score every set; returns rows per set name (and, with ``errors``, its false
    positives and misses: ``{"kind": "FP"|"FN", "theme", "doc", "terms", "sentence"}``)."""
    from vntransform.mining.theme_eval import _norm, score_evidence

    sets = load_sets()
    ids = {g.doc for g in sets["all"]}
    with tempfile.TemporaryDirectory() as tmp:
        texts: dict[str, list[str]] = {}
        evidence = evidence_for(load_articles(ids), Path(tmp), texts if errors else None)
    out: dict[str, dict] = {}
    for name, gold in sets.items():
        scores = score_evidence([e[:3] for e in evidence], gold)
        out[name] = {
            "sentences": scores.sentences,
            "articles": len({g.doc for g in gold}),
            "rows": scores.rows(),
        }
        if errors:
            out[name]["errors"] = _errors(evidence, texts, gold, _norm)
    return out


def _errors(
    evidence: list[tuple[str, str, str, str]],
    texts: dict[str, list[str]],
    gold: list,
    norm: Callable[[str], str],
) -> list[dict]:
    """False positives (with the terms that fired) and misses of one set."""
    by_doc: dict[str, list[tuple[str, str, str, str]]] = {}
    for doc, theme, sentence, terms in evidence:
        by_doc.setdefault(doc, []).append((theme, norm(sentence), sentence, terms))
    out = []
    for item in gold:
        if item.title:
            continue
        key = norm(item.key)
        rows = [r for r in by_doc.get(item.doc, ()) if key in r[1]]
        predicted = {r[0]: r for r in rows}
        for theme in sorted(set(predicted) | item.themes):
            if theme in predicted and theme not in item.themes:
                out.append(
                    {
                        "kind": "FP",
                        "theme": theme,
                        "doc": item.doc,
                        "terms": predicted[theme][3],
                        "sentence": predicted[theme][2],
                        "gold": sorted(item.themes),
                    }
                )
            elif theme not in predicted:
                whole = [t for t in texts.get(item.doc, ()) if key in norm(t)]
                out.append(
                    {
                        "kind": "FN",
                        "theme": theme,
                        "doc": item.doc,
                        "terms": "",
                        "sentence": whole[0] if whole else item.key,
                        "gold": sorted(item.themes),
                        "predicted": sorted(predicted),
                    }
                )
    return out


def learned_experiment() -> dict[str, tuple[float, float]]:
    """Micro precision/recall: the rules vs. learned scorers, cross-validated by article.

    One logistic regression per theme over TF-IDF of the sentence's words and word pairs,
    the rule decisions of every theme, the lexicon's bare term hits (no contexts), the
    share of the article's other sentences the rules give each theme, and position (place
    in the article, first sentence, question, length, quotation marks). 5-fold
    cross-validation grouped by article over every annotated sentence: a sentence is never
    scored by a model that saw its article. Also reported on the fresh sentences alone.
    """
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from vntransform.mining.theme_eval import _norm
    from vntransform.mining.theme_rules import Matcher, Theme
    from vntransform.mining.themes import _matches, load_lexicon

    sets = load_sets()
    fresh_keys = {(g.doc, g.key) for g in sets["fresh_all"]}
    held = {(g.doc, g.key) for g in sets.get("fresh4", [])}  # held out: never trained on
    gold = [g for g in sets["all"] if not g.title and (g.doc, g.key) not in held]
    lexicon = load_lexicon()
    names = [t.name for t in lexicon]
    bare = Matcher([Theme(t.name, t.label, t.terms) for t in lexicon], lexicon.sentence_rules)
    by_doc: dict[str, list] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        gold_store(load_articles({g.doc for g in gold}), Path(tmp)) as (corpus, url),
    ):
        for sentence, found in _matches(corpus, lexicon, lexicon.sentence_rules, False):
            by_doc.setdefault(url[sentence.doc_id], []).append(
                (
                    _norm(sentence.text),
                    [t.lower() for t in sentence.tokens],
                    np.array([n in found for n in names], dtype=float),
                    np.array(
                        [n in bare.match(sentence.text, sentence.tokens) for n in names],
                        dtype=float,
                    ),
                    sentence.text,
                )
            )
    rows, dense, truth = [], [], []
    for g in gold:
        key = _norm(g.key)
        sents = by_doc.get(g.doc, [])
        for i, (norm, tokens, rule, raw, text) in enumerate(sents):
            if key in norm:
                total = sum(s[2] for s in sents)
                context = (total - rule) / max(1, len(sents) - 1)
                position = [
                    i / max(1, len(sents) - 1),
                    float(i == 0),
                    float("?" in text),
                    min(len(tokens), 60) / 60,
                    float(any(q in text for q in '"“”')),
                ]
                rows.append((g.doc, tokens, (g.doc, g.key) in fresh_keys))
                dense.append(np.concatenate([rule, raw, context, position]))
                truth.append([n in g.themes for n in names])
                break
    features = np.array(dense)
    truth_m = np.array(truth, dtype=bool)
    rules = features[:, : len(names)].astype(bool)
    fresh = np.array([r[2] for r in rows])

    def analyzer(tokens: list[str]) -> list[str]:
        return tokens + [f"{a}|{b}" for a, b in zip(tokens, tokens[1:], strict=False)]

    prob = np.zeros(truth_m.shape)
    for train, test in GroupKFold(n_splits=5).split(rows, groups=[r[0] for r in rows]):
        vec = TfidfVectorizer(analyzer=analyzer, min_df=2, sublinear_tf=True)
        x_train = hstack(
            [csr_matrix(features[train]), vec.fit_transform([rows[i][1] for i in train])]
        ).tocsr()
        x_test = hstack(
            [csr_matrix(features[test]), vec.transform([rows[i][1] for i in test])]
        ).tocsr()
        for j in range(len(names)):
            y = truth_m[train, j]
            if y.all() or not y.any():
                prob[test, j] = float(y.any())
                continue
            model = LogisticRegression(C=4.0, max_iter=3000)
            prob[test, j] = model.fit(x_train, y).predict_proba(x_test)[:, 1]

    def micro(pred: np.ndarray, mask: np.ndarray) -> tuple[float, float]:
        p, t = pred[mask], truth_m[mask]
        tp = int((p & t).sum())
        return (round(tp / max(1, int(p.sum())), 3), round(tp / max(1, int(t.sum())), 3))

    everything = np.ones(len(rows), dtype=bool)
    out: dict[str, tuple[float, float]] = {"sentences": (len(rows), int(fresh.sum()))}
    for what, pred in (
        ("rules", rules),
        ("model (p>0.5)", prob > 0.5),
        ("model (p>0.6)", prob > 0.6),
        ("rules AND model p>0.2", rules & (prob > 0.2)),
        ("rules OR model p>0.8", rules | (prob > 0.8)),
    ):
        out[what] = micro(pred, everything)
        out[f"{what}, fresh only"] = micro(pred, fresh)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--learned",
        action="store_true",
        help="also compare a cross-validated learned scorer with the rules",
    )
    parser.add_argument(
        "--part",
        action="append",
        metavar="SET",
        help="print only this set (repeatable): gold_dev, additions, fresh, "
        "fresh2, …, fresh_all, held_out, all",
    )
    parser.add_argument(
        "--errors",
        action="store_true",
        help="also list false positives (FP, with the terms that fired) and "
        "misses (FN, the sentence's key) of the printed sets",
    )
    parser.add_argument("--theme", help="with --errors: only this theme's errors")
    parser.add_argument(
        "--scorer",
        action="store_true",
        help="score with the shipped learned scorer on (vntransform/data/theme_model.npz, "
        "learned = true)",
    )
    args = parser.parse_args()
    global SCORER
    SCORER = args.scorer
    if not GOLD_DEV.exists():
        sys.exit(f"bench: {GOLD_DEV} not found; the eval data lives in ../shared/eval")
    results = run(errors=args.errors)
    if args.part:
        unknown = [p for p in args.part if p not in results]
        if unknown:
            sys.exit(f"bench: --part {unknown[0]}: no such set; choose from {', '.join(results)}")
        results = {name: results[name] for name in args.part}
    if args.learned:
        results["learned"] = learned_experiment()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for name, result in results.items():
        if name == "learned":
            print(
                "\nlearned scorer, 5-fold CV by article over all annotated sentences "
                f"({result['sentences'][0]}, fresh {result['sentences'][1]}): "
                "micro precision / recall"
            )
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
            print(
                f"{row['theme']:<30}{row['gold']:>6}{row['predicted']:>6}{row['tp']:>6}"
                f"{row['precision']:>8.3f}{row['recall']:>8.3f}  {mark}"
            )
        for err in result.get("errors", []):
            if args.theme and err["theme"] != args.theme:
                continue
            extra = (
                f"terms: {err['terms']}"
                if err["kind"] == "FP"
                else f"predicted: {', '.join(err['predicted']) or '-'}"
            )
            print(
                f"  {err['kind']} {err['theme']:<28} {err['doc']}  gold: "
                f"{', '.join(err['gold']) or '-'}; {extra}\n      {err['sentence'][:300]}"
            )


if __name__ == "__main__":
    main()
