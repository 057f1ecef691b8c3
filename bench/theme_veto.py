"""A learned precision filter (veto) over the theme rules, measured by grouped cross-validation.

Every annotated sentence except the held-out `fresh4_*` keys is used: gold_dev
(../shared/eval/gold_dev/themes_digital_dev.jsonl) and tests/fixtures/themes_dev/*.jsonl
other than fresh4_*. The articles are ingested with the library's `ingest`; for each
sentence the built-in rules and the bare lexicon terms (no contexts) are matched the way
`vnt themes` matches them, and each (sentence, theme) candidate gets the features of
`match_features` below (which of the theme's terms fired, which themes the rules and the
bare terms found, quotation marks, question, place and length of the sentence, whether the
sentence and the article name the domain, the article's share of sentences the rules give
the theme) plus TF-IDF of its stored words and word pairs (`--no-text`: without).

One logistic regression per theme, trained on the candidates of a population (`--train`:
`rules` = the rules' matches only; `union` = sentences where the rules or a bare term find
the theme, i.e. also the wrong senses the rules already drop; `all` = every sentence),
label = the annotators' themes. A rule match is vetoed when its probability is below the
threshold. 5-fold cross-validation grouped by article (no article in both train and test);
the threshold is chosen inside each training fold by an inner grouped 4-fold CV (the
threshold that maximises micro F0.5 of the rules+veto on the inner out-of-fold scores), so
the reported figures never saw their test articles. Prints micro and per-theme precision /
recall of the rules alone vs rules+veto, and the veto at fixed thresholds.

    python bench/theme_veto.py                 # CV table (rules vs rules+veto)
    python bench/theme_veto.py --train rules   # another training population
    python bench/theme_veto.py --rules-from cedb222   # the same with round-1 rules
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.themes import ADDITIONS, GOLD_DEV, gold_store, load_articles  # noqa: E402

TEXT = True  # --no-text: structural features only
GRID = [round(0.05 * i, 2) for i in range(1, 14)]


# -- features of a (sentence, theme) candidate ---------------------------------------------

_QUOTES = frozenset('"“”‘’«»')


def grams(tokens: Sequence[str]) -> Counter[str]:
    """Counts of the lowercased words and adjacent word pairs (punctuation and numbers
    left out of words, but a pair never spans them)."""
    words = [t.lower() if any(c.isalpha() for c in t) else "" for t in tokens]
    out: Counter[str] = Counter(w for w in words if w)
    out.update(f"{a}|{b}" for a, b in zip(words, words[1:], strict=False) if a and b)
    return out


@dataclass(frozen=True, slots=True)
class DocContext:
    """What the filter needs to know about the article of a sentence."""

    size: int  # sentences in the article
    in_domain: bool  # the article is about the lexicon's domain
    domain_share: float  # share of its sentences naming a domain word
    theme_counts: Mapping[str, int]  # sentences the rules give each theme


def match_features(
    theme: str,
    index: int,
    text: str,
    tokens: Sequence[str],
    terms: Sequence[str],
    rules: Mapping[str, object],
    bare: Mapping[str, object],
    sentence_domain: bool,
    doc: DocContext,
) -> dict[str, float]:
    """The non-text features of one sentence for one theme (``terms``: the theme's terms
    that fired; ``rules``/``bare``: themes found by the rules / by bare terms)."""
    own = 1.0 if theme in rules else 0.0
    others = doc.theme_counts.get(theme, 0) - own
    feats: dict[str, float] = {f"term:{t}": 1.0 for t in set(terms)}
    feats.update({f"rule:{name}": 1.0 for name in rules if name != theme})
    feats.update({f"bare:{name}": 1.0 for name in bare})
    feats["n_terms"] = min(len(set(terms)), 3) / 3
    feats["quote"] = float(any(c in _QUOTES for c in text))
    feats["question"] = float("?" in text)
    feats["first"] = float(index == 0)
    feats["place"] = index / max(1, doc.size - 1)
    feats["length"] = min(len(tokens), 60) / 60
    feats["sentence_domain"] = float(sentence_domain)
    feats["article_domain"] = float(doc.in_domain)
    feats["domain_share"] = doc.domain_share
    feats["theme_share"] = others / max(1, doc.size - 1)
    return feats


def tfidf(counts: Mapping[str, int], idf: Mapping[str, float]) -> dict[str, float]:
    """Sublinear TF-IDF of the known grams, L2-normalised, keys prefixed ``w:``."""
    vec = {g: (1.0 + math.log(c)) * idf[g] for g, c in counts.items() if g in idf}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {f"w:{g}": v / norm for g, v in vec.items()}


# -- data, models, cross-validation ---------------------------------------------------------


def key_files() -> list[Path]:
    """gold_dev and our keys, never the held-out fresh4 files."""
    return [GOLD_DEV, *[p for p in ADDITIONS if not p.name.startswith("fresh4")]]


def old_rules(commit: str):
    """(Matcher class, lexicon) of the theme rules as they were at a git commit."""
    import importlib.util
    import subprocess

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "show", f"{commit}:{path}"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    tmp = Path(tempfile.mkdtemp()) / "theme_rules_old.py"
    tmp.write_text(show("vntransform/mining/theme_rules.py"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("theme_rules_old", tmp)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["theme_rules_old"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module, module.parse_lexicon(show("vntransform/data/themes.toml"), "themes.toml")


def collect(commit: str | None = None) -> tuple[list[dict], list[str]]:
    """One record per annotated sentence: doc, index, text, tokens, rule/bare matches,
    context, gold themes (``commit``: with the rules as they were at that commit)."""
    from vntransform.mining.theme_eval import _norm, read_keys
    from vntransform.mining.theme_rules import Matcher, Theme
    from vntransform.mining.themes import load_lexicon

    gold = [g for path in key_files() for g in read_keys(path) if not g.title]
    lexicon = load_lexicon()
    names = [t.name for t in lexicon]
    now = Matcher(lexicon, lexicon.sentence_rules)
    rules = now
    bare = Matcher([Theme(t.name, t.label, t.terms) for t in lexicon], lexicon.sentence_rules)
    if commit:
        module, old = old_rules(commit)
        rules = module.Matcher(old, old.sentence_rules)
        bare = Matcher([Theme(t.name, t.label, t.terms) for t in old], lexicon.sentence_rules)
    docs: dict[str, list[dict]] = {}
    by_doc: dict[str, list] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        gold_store(load_articles({g.doc for g in gold}), Path(tmp)) as (corpus, url),
    ):
        for sentence in corpus.iter_sentences():
            by_doc.setdefault(sentence.doc_id, []).append(sentence)
    for doc_id, sents in by_doc.items():
        in_domain = rules.in_domain([s.tokens for s in sents])
        recs = []
        for s in sents:
            found = rules.match(s.text, s.tokens)
            sdom = now.sentence_in_domain(s.tokens)
            if commit and not hasattr(rules, "sentence_in_domain"):
                found = {k: v for k, v in found.items() if in_domain or k not in rules.gated}
            elif not in_domain and found and not sdom:
                found = {k: v for k, v in found.items() if k not in rules.gated}
            recs.append(
                {
                    "doc": url[doc_id],
                    "index": s.index,
                    "text": s.text,
                    "norm": _norm(s.text),
                    "tokens": list(s.tokens),
                    "rules": found,
                    "bare": bare.match(s.text, s.tokens),
                    "sdom": sdom,
                }
            )
        counts = Counter(name for r in recs for name in r["rules"])
        ctx = DocContext(
            len(recs), in_domain, sum(r["sdom"] for r in recs) / len(recs), dict(counts)
        )
        for r in recs:
            r["ctx"] = ctx
        docs[url[doc_id]] = recs
    out = []
    for g in gold:
        key = _norm(g.key)
        for r in docs.get(g.doc, ()):
            if key in r["norm"]:
                out.append({**r, "gold": set(g.themes)})
                break
    return out, names


def candidates(recs: list[dict], theme: str, population: str) -> list[int]:
    if population == "rules":
        return [i for i, r in enumerate(recs) if theme in r["rules"]]
    if population == "union":
        return [i for i, r in enumerate(recs) if theme in r["rules"] or theme in r["bare"]]
    return list(range(len(recs)))


def features(r: dict, theme: str, idf: dict[str, float]) -> dict[str, float]:
    terms = r["rules"].get(theme) or r["bare"].get(theme) or []
    feats = match_features(
        theme, r["index"], r["text"], r["tokens"], terms, r["rules"], r["bare"], r["sdom"], r["ctx"]
    )
    if TEXT:
        feats.update(tfidf(grams(r["tokens"]), idf))
    return feats


def fit_idf(recs: list[dict], min_df: int = 2) -> dict[str, float]:
    df: Counter[str] = Counter()
    for r in recs:
        df.update(set(r["grams"]))
    n = len(recs)
    return {g: math.log((1 + n) / (1 + c)) + 1 for g, c in df.items() if c >= min_df}


def fit(recs: list[dict], names: list[str], population: str, c: float) -> dict:
    """Per-theme models trained on ``recs``: {"idf", theme: (vectorizer, model) | const}."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    idf = fit_idf(recs)
    out: dict = {"idf": idf}
    for theme in names:
        rows = candidates(recs, theme, population)
        y = [theme in recs[i]["gold"] for i in rows]
        if not rows or all(y) or not any(y):
            out[theme] = None
            continue
        vec = DictVectorizer()
        x = vec.fit_transform([features(recs[i], theme, idf) for i in rows])
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        out[theme] = (vec, model.fit(x, y))
    return out


def predict(models: dict, recs: list[dict], names: list[str]) -> dict[tuple[int, str], float]:
    """Probability of every rule match of ``recs`` (1.0 where a theme has no model)."""
    out = {}
    for theme in names:
        rows = [i for i, r in enumerate(recs) if theme in r["rules"]]
        if not rows:
            continue
        if models.get(theme) is None:
            out.update({(i, theme): 1.0 for i in rows})
            continue
        vec, model = models[theme]
        x = vec.transform([features(recs[i], theme, models["idf"]) for i in rows])
        for i, p in zip(rows, model.predict_proba(x)[:, 1], strict=True):
            out[(i, theme)] = float(p)
    return out


def counts(recs: list[dict], names: list[str], keep) -> dict[str, list[int]]:
    """theme -> [tp, fp, fn] of the rules with ``keep(i, theme)`` deciding each match."""
    out = {t: [0, 0, 0] for t in names}
    for i, r in enumerate(recs):
        pred = {t for t in r["rules"] if keep(i, t)}
        for t in pred | r["gold"]:
            if t not in out:
                continue
            out[t][0 if t in pred and t in r["gold"] else 1 if t in pred else 2] += 1
    return out


def pr(c: list[int]) -> tuple[float, float]:
    tp, fp, fn = c
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def micro(c: dict[str, list[int]]) -> tuple[float, float]:
    return pr([sum(v[k] for v in c.values()) for k in range(3)])


def fbeta(p: float, r: float, beta: float = 0.5) -> float:
    return (1 + beta**2) * p * r / max(1e-9, beta**2 * p + r)


def oof(
    recs: list[dict],
    names: list[str],
    population: str,
    c: float,
    folds: int,
) -> dict[tuple[int, str], float]:
    """Out-of-fold probabilities of the rule matches, grouped by article."""
    from sklearn.model_selection import GroupKFold

    probs: dict[tuple[int, str], float] = {}
    groups = [r["doc"] for r in recs]
    for train, test in GroupKFold(n_splits=folds).split(recs, groups=groups):
        models = fit([recs[i] for i in train], names, population, c)
        part = predict(models, [recs[i] for i in test], names)
        probs.update({(int(test[i]), t): p for (i, t), p in part.items()})
    return probs


def choose(recs: list[dict], names: list[str], probs: dict[tuple[int, str], float]) -> float:
    """The threshold maximising micro F0.5 of rules+veto (0 = no veto when nothing helps)."""
    best = (fbeta(*micro(counts(recs, names, lambda i, t: True))), 0.0)
    for thr in GRID:
        score = fbeta(*micro(counts(recs, names, lambda i, t, thr=thr: probs[(i, t)] >= thr)))
        if score > best[0] + 1e-9:
            best = (score, thr)
    return best[1]


def cross_validate(recs: list[dict], names: list[str], population: str, c: float) -> dict:
    from sklearn.model_selection import GroupKFold

    groups = [r["doc"] for r in recs]
    rules = counts(recs, names, lambda i, t: True)
    probs: dict[tuple[int, str], float] = {}
    kept: set[tuple[int, str]] = set()
    thresholds = []
    for train, test in GroupKFold(n_splits=5).split(recs, groups=groups):
        inner = [recs[i] for i in train]
        thr = choose(inner, names, oof(inner, names, population, c, 4))
        thresholds.append(thr)
        models = fit(inner, names, population, c)
        for (i, t), p in predict(models, [recs[i] for i in test], names).items():
            probs[(int(test[i]), t)] = p
            if p >= thr:
                kept.add((int(test[i]), t))
    nested = counts(recs, names, lambda i, t: (i, t) in kept)
    fixed = {}
    for thr in GRID:
        c = counts(recs, names, lambda i, t, thr=thr: probs[(i, t)] >= thr)
        tp, fp = (sum(v[k] for v in c.values()) for k in range(2))
        base_tp, base_fp = (sum(v[k] for v in rules.values()) for k in range(2))
        fixed[thr] = (*micro(c), base_fp - fp, base_tp - tp)
    return {
        "rules": rules,
        "veto": nested,
        "thresholds": thresholds,
        "fixed": fixed,
        "sentences": len(recs),
        "articles": len(set(groups)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--train",
        choices=["rules", "union", "all"],
        default="union",
        help="training population (default: union)",
    )
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation")
    parser.add_argument(
        "--no-text", action="store_true", help="leave out the TF-IDF of words and word pairs"
    )
    parser.add_argument(
        "--rules-from",
        metavar="COMMIT",
        help="research: use the theme rules (theme_rules.py, themes.toml) of "
        "this git commit, e.g. cedb222 (round 1, tuned on gold_dev only)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    global TEXT
    TEXT = not args.no_text
    if not GOLD_DEV.exists():
        sys.exit(f"bench: {GOLD_DEV} not found; the eval data lives in ../shared/eval")
    recs, names = collect(args.rules_from)
    for r in recs:
        r["grams"] = grams(r["tokens"])
    res = cross_validate(recs, names, args.train, args.C)
    if args.json:
        print(
            json.dumps(
                {k: v for k, v in res.items() if k != "fixed"}
                | {"fixed": {str(k): v for k, v in res["fixed"].items()}},
                indent=1,
            )
        )
    else:
        print(
            f"grouped 5-fold CV by article: {res['sentences']} sentences, "
            f"{res['articles']} articles (fresh4 excluded); train population "
            f"{args.train}, C={args.C}; thresholds chosen in the folds: {res['thresholds']}"
        )
        print(
            f"{'theme':<30}{'gold':>6}  {'rules P':>8}{'R':>7}  {'+veto P':>8}{'R':>7}"
            f"{'pred':>6}{'→':>5}"
        )
        for theme in [*names, "micro"]:
            if theme == "micro":
                a, b = micro(res["rules"]), micro(res["veto"])
                ra = [sum(v[k] for v in res["rules"].values()) for k in range(3)]
                rb = [sum(v[k] for v in res["veto"].values()) for k in range(3)]
            else:
                ra, rb = res["rules"][theme], res["veto"][theme]
                a, b = pr(ra), pr(rb)
            print(
                f"{theme:<30}{ra[0] + ra[2]:>6}  {a[0]:>8.3f}{a[1]:>7.3f}  {b[0]:>8.3f}"
                f"{b[1]:>7.3f}{ra[0] + ra[1]:>6}{rb[0] + rb[1]:>5}"
            )
        print("veto at a fixed threshold (the same out-of-fold scores; not nested): micro P / R")
        for thr, (p, r, false, true) in res["fixed"].items():
            print(f"  p >= {thr:<5} {p:.3f} / {r:.3f}  (drops {false} false, {true} true matches)")


if __name__ == "__main__":
    main()
