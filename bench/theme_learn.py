"""Learned theme scorers vs the rules, by cross-validation over sets; trains the shipped one.

Every annotated sentence except the held-out `fresh4_*` keys is used: gold_dev
(../shared/eval/gold_dev/themes_digital_dev.jsonl) and tests/fixtures/themes_dev/*.jsonl
other than fresh4_*, in 9 sets: gold_dev, the first additions (digital pool, general pool =
distractors, VNTC, extra), fresh, fresh2, fresh3 and dev5. The articles are ingested with
the library's `ingest` and matched as `vnt themes` matches them (rules, bare lexicon terms,
article domain).

Candidates (one logistic regression per theme, every sentence a training example; a rule
match is dropped when p < veto, a sentence the rules miss added when p >= add):

- `grams`: TF-IDF of words, word pairs, syllables and syllable pairs + the context features
  of `vntransform.mining.theme_model.context_features` (the rules' decisions among them
  unless `--no-rule-features`);
- `vectors`: also word meaning from UNLABELLED text: PPMI + truncated SVD word vectors of the
  development pools (vntc_test_sample, vietnews_dev, vietnews_digital_dev; the fresh4
  articles left out), pooled over the sentence (IDF-weighted mean), and the sentence's
  similarity to each theme's lexicon terms;
- `self`: also self-training examples from the unlabelled pools: sentences the rules give a
  theme (positive for it) and sentences without any bare term (negative), down-weighted.

Protocols: `loso` leaves each set out in turn, thresholds by an inner 3-fold CV grouped by
article (the best micro F1 whose precision is not below the rules'), or fixed by
`--thresholds`. Today's rules were tuned on every one of these sets, so under `loso` they are
in-sample. `arrival` (with `--rules-from b103aa6^1`, the rules before round 4, which never
studied fresh, fresh2, fresh3, dev5) trains on gold_dev and the additions and tests on those
four later sets, each later set's thresholds chosen on the other three. fresh4 is never
read here.

    python bench/theme_learn.py                       # loso table of every candidate
    python bench/theme_learn.py --protocol arrival --rules-from b103aa6^1 --no-rule-features \
        --only vectors --min-positives 15             # the deciding protocol
    python bench/theme_learn.py --no-rule-features --only none --train-final --final vectors \
        --thresholds 0.6 0.2 --min-positives 15       # writes vntransform/data/theme_model.npz
    python bench/theme_learn.py --speed DB            # theme pass per 1,000 sentences
    --unlabelled DB reuses an ingested store of the pools; --cache FILE the labelled records
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.theme_veto import collect  # noqa: E402
from bench.themes import ADDITIONS, GOLD_DEV, POOLS  # noqa: E402
from vntransform.mining.theme_model import (  # noqa: E402
    ArticleContext,
    ThemeScorer,
    context_features,
    sentence_grams,
    sentence_words,
)

SEED = 0
GRID_ADD = [0.5, 0.6, 0.7, 0.8, 0.9, 2.0]  # 2.0: never add
GRID_VETO = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]  # 0.0: never veto
DIM = 100
WINDOW = 4
MIN_COUNT = 5
COMMIT: str | None = None  # --rules-from
MODEL_PATH = ROOT / "vntransform" / "data" / "theme_model.npz"


# -- groups ----------------------------------------------------------------------------------


def group_of() -> dict[str, str]:
    """Article id -> its leave-one-set-out group."""
    from vntransform.mining.theme_eval import read_keys

    out = {g.doc: "gold_dev" for g in read_keys(GOLD_DEV)}
    for path in ADDITIONS:
        prefix = path.name.split("_", 1)[0]
        if prefix == "fresh4":
            continue
        if prefix.startswith("fresh") or prefix.startswith("dev"):
            name = prefix
        else:
            name = "add_" + path.stem.split("_")[0]  # add_vietnews (digital/general) / add_vntc
            if path.stem == "vietnews_dev":
                name = "add_general"
            elif path.stem == "vietnews_digital_dev":
                name = "add_digital"
        for g in read_keys(path):
            out.setdefault(g.doc, name)
    return out


def held_out_ids() -> set[str]:
    from vntransform.mining.theme_eval import read_keys

    return {g.doc for p in ADDITIONS if p.name.startswith("fresh4") for g in read_keys(p)}


# -- unlabelled text: word vectors -----------------------------------------------------------


def unlabelled_store(path: str | None, workdir: Path) -> Path:
    """The development pools ingested (fresh4 articles left out), or ``path`` if given."""
    if path:
        return Path(path)
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    skip = held_out_ids()
    source = workdir / "pools.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for pool in POOLS:
            for line in pool.open(encoding="utf-8"):
                art = json.loads(line)
                if art.get("dup_of") or art["id"] in skip:
                    continue
                record = {"title": art.get("title") or "", "text": art["text"], "url": art["id"]}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    db = workdir / "pools.db"
    with Corpus.open(db, create=True) as corpus:
        ingest([str(source)], corpus, workers=1)
    return db


def read_unlabelled(db: Path) -> tuple[list[list[str]], list[tuple[str, list]]]:
    """(word lists of every sentence, [(article id, its Sentence objects)]), fresh4 left out."""
    from vntransform.corpus.store import Corpus

    skip = held_out_ids()
    words: list[list[str]] = []
    docs: list[tuple[str, list]] = []
    with Corpus.open(db) as corpus:
        url = {d.doc_id: d.url for d in corpus.iter_documents()}
        current: list = []
        for s in corpus.iter_sentences():
            if url[s.doc_id] in skip:
                continue
            if current and current[0].doc_id != s.doc_id:
                docs.append((url[current[0].doc_id], current))
                current = []
            current.append(s)
            words.append(sentence_words(s.tokens))
        if current:
            docs.append((url[current[0].doc_id], current))
    return words, docs


def word_vectors(sentences: list[list[str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(vocabulary, unit word vectors, IDF over sentences): PPMI (context distribution
    smoothed by 0.75) of co-occurrence within ±WINDOW words, truncated SVD to DIM."""
    from scipy.sparse import coo_matrix
    from sklearn.decomposition import TruncatedSVD

    counts = Counter(w for s in sentences for w in s)
    vocab = sorted(w for w, c in counts.items() if c >= MIN_COUNT)
    index = {w: i for i, w in enumerate(vocab)}
    ids = []
    for s in sentences:
        ids.extend(index.get(w, -1) for w in s)
        ids.append(-1)
    arr = np.array(ids, dtype=np.int64)
    rows, cols = [], []
    for d in range(1, WINDOW + 1):
        a, b = arr[:-d], arr[d:]
        ok = (a >= 0) & (b >= 0)
        # no pair across a sentence end: a -1 between them
        if d > 1:
            bad = np.zeros(len(a), dtype=bool)
            neg = arr < 0
            for k in range(1, d):
                bad |= neg[k : k + len(a)]
            ok &= ~bad
        rows += [a[ok], b[ok]]
        cols += [b[ok], a[ok]]
    r, c = np.concatenate(rows), np.concatenate(cols)
    m = len(vocab)
    co = coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(m, m)).tocsr()
    co.sum_duplicates()
    total = co.sum()
    row = np.asarray(co.sum(axis=1)).ravel()
    ctx = np.asarray(co.sum(axis=0)).ravel() ** 0.75
    ctx /= ctx.sum()
    co = co.tocoo()
    pmi = np.log((co.data / total) / ((row[co.row] / total) * ctx[co.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (co.row[keep], co.col[keep])), shape=(m, m)).tocsr()
    svd = TruncatedSVD(n_components=DIM, random_state=SEED, n_iter=7)
    vec = svd.fit_transform(ppmi)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    df = Counter(w for s in sentences for w in set(s))
    n = len(sentences)
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in vocab])
    return vocab, vec.astype(np.float32), idf.astype(np.float32)


def theme_centroids(vocab: list[str], vec: np.ndarray, names: list[str]) -> np.ndarray:
    """(themes, DIM): unit mean vector of each theme's lexicon terms found in the vocabulary
    (a multi-syllable term as one stored word, else by its syllables)."""
    from vntransform.mining.themes import load_lexicon

    index = {w: i for i, w in enumerate(vocab)}
    out = np.zeros((len(names), vec.shape[1]), dtype=np.float32)
    for theme in (t for t in load_lexicon() if t.name in names):
        rows = []
        for term in theme.terms:
            if term in index:
                rows.append(vec[index[term]])
        if rows:
            c = np.mean(rows, axis=0)
            out[names.index(theme.name)] = c / (np.linalg.norm(c) + 1e-9)
    return out


# -- features --------------------------------------------------------------------------------


class Featurizer:
    """Fits the gram IDF on training sentences; builds the design matrix of a candidate."""

    def __init__(self, names, vectors=None, alpha=1.0, min_df=2):
        self.names = names
        self.vectors = vectors  # (vocab, vec, idf, centroids) or None
        self.alpha = alpha
        self.min_df = min_df

    def fit(self, recs):
        df: Counter[str] = Counter()
        for r in recs:
            df.update(r["grams"].keys())
        n = len(recs)
        grams = sorted(g for g, c in df.items() if c >= self.min_df)
        self.grams = {g: i for i, g in enumerate(grams)}
        self.gram_idf = np.array(
            [math.log((1 + n) / (1 + df[g])) + 1 for g in grams], dtype=np.float64
        )
        dense = sorted({k for r in recs for k in r["dense"]})
        self.dense = {k: i for i, k in enumerate(dense)}
        return self

    def transform(self, recs):
        from scipy.sparse import csr_matrix, hstack

        data, ind, ptr = [], [], [0]
        for r in recs:
            items = [(self.grams[g], c) for g, c in r["grams"].items() if g in self.grams]
            vals = np.array([(1 + math.log(c)) * self.gram_idf[i] for i, c in items])
            norm = np.sqrt((vals * vals).sum()) or 1.0
            ind += [i for i, _ in items]
            data += list(vals / norm)
            ptr.append(len(ind))
        xg = csr_matrix((data, ind, ptr), shape=(len(recs), len(self.grams)))
        d = np.zeros((len(recs), len(self.dense)))
        for k, r in enumerate(recs):
            for f, v in r["dense"].items():
                if f in self.dense:
                    d[k, self.dense[f]] = v
        parts = [xg, csr_matrix(d)]
        if self.vectors is not None:
            parts.append(csr_matrix(self.alpha * self.pooled(recs)))
        return hstack(parts).tocsr()

    def pooled(self, recs):
        """(n, DIM + themes): IDF-weighted mean word vector, and its dot with each theme's
        centroid."""
        vocab_index, vec, idf, cent = self.vectors
        out = np.zeros((len(recs), vec.shape[1] + cent.shape[0]))
        for k, r in enumerate(recs):
            ids = [vocab_index[w] for w in r["words"] if w in vocab_index]
            if ids:
                w = idf[ids]
                s = (w[:, None] * vec[ids]).sum(axis=0) / w.sum()
                out[k, : vec.shape[1]] = s
                out[k, vec.shape[1] :] = cent @ s
        return out


def fit_models(recs, names, feat, c, weights=None):
    from sklearn.linear_model import LogisticRegression

    x = feat.transform(recs)
    models = []
    for theme in names:
        y = np.array([theme in r["gold"] for r in recs])
        if y.all() or not y.any():
            models.append(float(y.any()))
            continue
        model = LogisticRegression(C=c, solver="liblinear", max_iter=2000)
        models.append(model.fit(x, y, sample_weight=weights))
    return models


def predict(models, feat, recs):
    x = feat.transform(recs)
    out = np.zeros((len(recs), len(models)))
    for j, m in enumerate(models):
        out[:, j] = m if isinstance(m, float) else m.predict_proba(x)[:, 1]
    return out


# -- decisions and scores --------------------------------------------------------------------


MIN_POSITIVES = 0  # --min-positives: themes with fewer training positives keep their rules
ACTIVE: np.ndarray | None = None  # per theme: re-judged by the model
FIXED: tuple[float, float] | None = None  # --thresholds: (add, veto) instead of choosing


def decide(rules: np.ndarray, prob: np.ndarray, add: float, veto: float) -> np.ndarray:
    out = (rules & (prob >= veto)) | (prob >= add)
    if ACTIVE is not None:
        out[:, ~ACTIVE] = rules[:, ~ACTIVE]
    return out


def counts(pred: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """(themes, 3): tp, fp, fn per theme."""
    return np.stack([(pred & truth).sum(0), (pred & ~truth).sum(0), (~pred & truth).sum(0)], axis=1)


def pr(c) -> tuple[float, float]:
    tp, fp, fn = (int(v) for v in c)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def micro(pred, truth) -> tuple[float, float]:
    return pr(counts(pred, truth).sum(0))


def f1(p, r):
    return 2 * p * r / max(1e-9, p + r)


def choose(rules, prob, truth) -> tuple[float, float]:
    """The (add, veto) of best micro F1 whose precision is not below the rules' (2.0, 0.0:
    rules alone when nothing qualifies)."""
    base_p, base_r = micro(rules, truth)
    best = (f1(base_p, base_r), 2.0, 0.0)
    for add in GRID_ADD:
        for veto in GRID_VETO:
            p, r = micro(decide(rules, prob, add, veto), truth)
            if p >= base_p - 1e-9 and f1(p, r) > best[0] + 1e-9:
                best = (f1(p, r), add, veto)
    return best[1], best[2]


def oof(recs, names, make_feat, c, folds, extra=None):
    """Out-of-fold probabilities grouped by article."""
    from sklearn.model_selection import GroupKFold

    prob = np.zeros((len(recs), len(names)))
    groups = [r["doc"] for r in recs]
    for train, test in GroupKFold(n_splits=folds).split(recs, groups=groups):
        tr = [recs[i] for i in train]
        models, feat = train_candidate(tr, names, make_feat, c, extra)
        prob[test] = predict(models, feat, [recs[i] for i in test])
    return prob


def train_candidate(tr, names, make_feat, c, extra=None):
    weights = None
    if extra:
        pseudo, w = extra
        weights = np.array([1.0] * len(tr) + [w] * len(pseudo))
        tr = tr + pseudo
    feat = make_feat().fit(tr)
    return fit_models(tr, names, feat, c, weights), feat


ARRIVAL_TEST = ("fresh", "fresh2", "fresh3", "dev5")


def cross_validate(recs, names, make_feat, c, extra=None, protocol="loso"):
    """Leave-one-set-out (``loso``), or one split (``arrival``: train on gold_dev and the
    additions, test on the sets annotated later): probabilities, chosen thresholds per
    test part, decisions (sentences outside every test part stay False)."""
    truth = np.array([[n in r["gold"] for n in names] for r in recs])
    rules = np.array([[n in r["rules"] for n in names] for r in recs])
    if protocol == "arrival":
        splits = {"later sets": set(ARRIVAL_TEST)}
    else:
        splits = {s: {s} for s in sorted({r["set"] for r in recs})}
    prob = np.zeros(truth.shape)
    pred = np.zeros(truth.shape, dtype=bool)
    chosen = {}
    for s, members in splits.items():
        test = np.array([r["set"] in members for r in recs])
        tr = [r for r, t in zip(recs, test, strict=True) if not t]
        global ACTIVE
        ACTIVE = truth[~test].sum(axis=0) >= MIN_POSITIVES
        models, feat = train_candidate(tr, names, make_feat, c, extra)
        prob[test] = predict(models, feat, [r for r, t in zip(recs, test, strict=True) if t])
        if protocol == "arrival":
            # the rules were tuned on the training part, so thresholds chosen there would
            # trust them blindly: choose them on the other later sets instead (each later
            # set decided by thresholds chosen on the other three)
            for held in members:
                part = np.array([r["set"] == held for r in recs])
                rest = test & ~part
                add, veto = choose(rules[rest], prob[rest], truth[rest])
                pred[part] = decide(rules[part], prob[part], add, veto)
                chosen[held] = (add, veto)
            chosen["all later sets"] = choose(rules[test], prob[test], truth[test])
            continue
        if FIXED is not None:
            add, veto = FIXED
        else:
            inner = oof(tr, names, make_feat, c, 3, extra)
            add, veto = choose(rules[~test], inner, truth[~test])
        pred[test] = decide(rules[test], prob[test], add, veto)
        chosen[s] = (add, veto)
    return {"prob": prob, "pred": pred, "chosen": chosen, "truth": truth, "rules": rules}


# -- records ---------------------------------------------------------------------------------


def labelled_records(cache: Path | None):
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    recs, names = collect(COMMIT)
    groups = group_of()
    for r in recs:
        r["set"] = groups[r["doc"]]
    if cache:
        cache.write_bytes(pickle.dumps((recs, names)))
    return recs, names


DROP_RULES = False  # --no-rule-features


def _keep(feature: str) -> bool:
    return not (DROP_RULES and feature.startswith(("rule:", "share:")))


def add_features(recs, names):
    for r in recs:
        ctx = r["ctx"]
        article = ArticleContext(ctx.size, ctx.in_domain, ctx.domain_share, ctx.theme_counts)
        r["grams"] = sentence_grams(r["tokens"])
        r["words"] = sentence_words(r["tokens"])
        r["dense"] = {
            k: v
            for k, v in context_features(
                names,
                r["index"],
                r["text"],
                len(r["tokens"]),
                r["rules"],
                r["bare"],
                r["sdom"],
                article,
            ).items()
            if _keep(k)
        }


def pseudo_records(docs, names, labelled_docs, limit, rng):
    """Self-training examples from unlabelled articles: a sentence the rules give a theme is
    positive for it; a sentence where no bare term of a theme fires is negative for it;
    everything else about that theme is unknown (the sentence is left out)."""
    from vntransform.mining.theme_rules import Matcher, Theme
    from vntransform.mining.themes import load_lexicon

    lexicon = load_lexicon()
    rules = Matcher(lexicon, lexicon.sentence_rules)
    bare = Matcher([Theme(t.name, t.label, t.terms) for t in lexicon], lexicon.sentence_rules)
    pool = [d for d in docs if d[0] not in labelled_docs]
    rng.shuffle(pool)
    out = []
    for doc, sents in pool:
        if len(out) >= limit:
            break
        in_domain = rules.in_domain([s.tokens for s in sents])
        recs = []
        for s in sents:
            found = rules.match(s.text, s.tokens)
            sdom = rules.sentence_in_domain(s.tokens)
            if not in_domain and found and not sdom:
                found = {k: v for k, v in found.items() if k not in rules.gated}
            recs.append((s, found, bare.match(s.text, s.tokens), sdom))
        theme_counts = Counter(n for _, f, _, _ in recs for n in f)
        share = sum(r[3] for r in recs) / len(recs)
        article = ArticleContext(len(recs), in_domain, share, dict(theme_counts))
        for s, found, b, sdom in recs:
            # positive where the rules fire; negative only where nothing at all fires
            if not found and b:
                continue
            out.append(
                {
                    "doc": doc,
                    "set": "pseudo",
                    "gold": set(found),
                    "rules": found,
                    "grams": sentence_grams(s.tokens),
                    "words": sentence_words(s.tokens),
                    # the rule features would give the label away: words only
                    "dense": {
                        k: v
                        for k, v in context_features(
                            names, s.index, s.text, len(s.tokens), found, b, sdom, article
                        ).items()
                        if not k.startswith(("rule:", "bare:", "share:"))
                    },
                }
            )
    return out


# -- export ----------------------------------------------------------------------------------


def export(
    models, feat: Featurizer, names, add, veto, path: Path, version: str, active
) -> ThemeScorer:
    """Fold the fitted models into a ThemeScorer (word vectors collapsed to per-word
    per-theme weights) and save it."""
    n_g, n_d = len(feat.grams), len(feat.dense)
    coef = np.zeros((n_g + n_d + (DIM + len(names) if feat.vectors else 0), len(names)))
    bias = np.zeros(len(names))
    for j, m in enumerate(models):
        if isinstance(m, float):
            bias[j] = 30.0 if m else -30.0
            continue
        coef[:, j] = m.coef_[0]
        bias[j] = m.intercept_[0]
    gram_w = coef[:n_g]
    dense_w = coef[n_g : n_g + n_d]
    # prune grams that weigh nothing for any theme
    keep = np.abs(gram_w).max(axis=1) >= 1e-3
    grams = [g for g, i in sorted(feat.grams.items(), key=lambda kv: kv[1]) if keep[i]]
    if feat.vectors is not None:
        vocab_index, vec, idf, cent = feat.vectors
        beta = coef[n_g + n_d : n_g + n_d + DIM] * feat.alpha  # (DIM, T)
        gamma = coef[n_g + n_d + DIM :] * feat.alpha  # (T', T)
        per_word = vec @ beta + (vec @ cent.T) @ gamma  # (m, T)
        per_word *= idf[:, None]
        words_sorted = sorted(vocab_index, key=vocab_index.__getitem__)
        wkeep = np.abs(per_word).max(axis=1) >= 1e-3
        words = {
            w: k for k, w in enumerate(w for w, ok in zip(words_sorted, wkeep, strict=True) if ok)
        }
        word_idf, word_w = idf[wkeep], per_word[wkeep]
    else:
        words, word_idf, word_w = {}, np.zeros(0), np.zeros((0, len(names)))
    scorer = ThemeScorer(
        tuple(names),
        {g: i for i, g in enumerate(grams)},
        feat.gram_idf[keep].astype(np.float32),
        gram_w[keep].astype(np.float32),
        words,
        np.asarray(word_idf, dtype=np.float32),
        np.asarray(word_w, dtype=np.float32),
        dict(feat.dense),
        dense_w.astype(np.float32),
        bias.astype(np.float32),
        float(add),
        float(veto),
        version,
        np.asarray(active, dtype=bool),
    )
    scorer.save(path)
    return ThemeScorer.load(path)


# -- speed -----------------------------------------------------------------------------------


def speed(db: Path, articles: int = 400, rounds: int = 3) -> dict[str, float]:
    """Seconds per 1,000 sentences of the theme pass (``_collect``, as ``vnt themes`` runs
    it) with the rules alone and with the learned scorer, interleaved in one process, best
    of ``rounds``, over the first ``articles`` articles of ``db``."""
    import time
    from dataclasses import replace

    from vntransform.corpus.store import Corpus
    from vntransform.mining.theme_model import builtin_scorer
    from vntransform.mining.themes import _collect, load_lexicon

    builtin_scorer()  # loading the model is timed apart
    lexicon = load_lexicon()
    off = replace(lexicon.sentence_rules, learned=False)
    on = replace(lexicon.sentence_rules, learned=True)
    with Corpus.open(db) as corpus:
        ids = corpus.documents()["doc_id"].tolist()[:articles]
        sents = corpus.sentences(ids)

        class View:
            def iter_sentences(self):
                yield from sents

        best = {"rules": 1e9, "learned": 1e9}
        for _ in range(rounds):
            for name, rules in (("rules", off), ("learned", on)):
                t = time.perf_counter()
                total, _ = _collect(View(), lexicon, rules, False)
                best[name] = min(best[name], time.perf_counter() - t)
    t = time.perf_counter()
    ThemeScorer.load()
    load = time.perf_counter() - t
    return {
        "sentences": total,
        "rules_s_per_1000": round(1000 * best["rules"] / total, 3),
        "learned_s_per_1000": round(1000 * best["learned"] / total, 3),
        "model_load_s": round(load, 3),
    }


# -- main ------------------------------------------------------------------------------------


def table(name, res, names, recs, scored):
    truth, pred = res["truth"][scored], res["pred"][scored]
    recs = [r for r, ok in zip(recs, scored, strict=True) if ok]
    c = counts(pred, truth)
    p, r = pr(c.sum(0))
    row = {"micro": (round(p, 3), round(r, 3))}
    for j, n in enumerate(names):
        row[n] = tuple(round(v, 3) for v in pr(c[j]))
    sets = {}
    for s in sorted({x["set"] for x in recs}):
        mask = np.array([x["set"] == s for x in recs])
        sets[s] = tuple(round(v, 3) for v in micro(pred[mask], truth[mask]))
    return {"name": name, "rows": row, "sets": sets, "chosen": res.get("chosen", {})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unlabelled", help="an ingested store of the development pools")
    parser.add_argument(
        "--cache", help="pickle of the labelled records (speeds reruns; one per --rules-from)"
    )
    parser.add_argument("--C", type=float, default=2.0)
    parser.add_argument("--alpha", type=float, default=1.0, help="scale of the vector features")
    parser.add_argument("--self-weight", type=float, default=0.2)
    parser.add_argument("--self-limit", type=int, default=6000)
    parser.add_argument(
        "--only",
        action="append",
        help="candidates to run: grams, vectors, self (repeatable; none: no CV)",
    )
    parser.add_argument("--train-final", action="store_true", help="write the shipped model")
    parser.add_argument("--final", default="vectors", help="candidate to ship with --train-final")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--protocol",
        choices=["loso", "arrival"],
        default="loso",
        help="loso: leave each set out in turn; arrival: train on gold_dev and the "
        "additions, test on fresh, fresh2, fresh3, dev5 (use with --rules-from b103aa6^1, "
        "the rules before round 4, which never studied those sets)",
    )
    parser.add_argument("--rules-from", metavar="COMMIT", help="the theme rules of this git commit")
    parser.add_argument(
        "--speed",
        metavar="DB",
        help="only time the theme pass, rules vs learned, on an ingested store, and exit",
    )
    parser.add_argument(
        "--no-rule-features",
        action="store_true",
        help="the model does not see the rules' decisions (words, vectors, bare terms, "
        "domain and position only): a scorer independent of the tuned rules",
    )
    parser.add_argument(
        "--min-positives",
        type=int,
        default=0,
        help="themes with fewer annotated positive sentences are left to their rules",
    )
    parser.add_argument(
        "--thresholds",
        nargs=2,
        type=float,
        metavar=("ADD", "VETO"),
        help="these thresholds (e.g. as the arrival protocol chose them) instead of an "
        "inner CV over the training sets (loso and --train-final)",
    )
    args = parser.parse_args()
    global DROP_RULES, MIN_POSITIVES, ACTIVE, FIXED
    MIN_POSITIVES = args.min_positives
    FIXED = tuple(args.thresholds) if args.thresholds else None
    DROP_RULES = args.no_rule_features
    if args.speed:
        print(json.dumps(speed(Path(args.speed))))
        return
    global COMMIT
    COMMIT = args.rules_from
    if not GOLD_DEV.exists():
        sys.exit(f"bench: {GOLD_DEV} not found; the eval data lives in ../shared/eval")
    random.seed(SEED)
    np.random.seed(SEED)
    recs, names = labelled_records(Path(args.cache) if args.cache else None)
    add_features(recs, names)
    truth = np.array([[n in r["gold"] for n in names] for r in recs])
    rules = np.array([[n in r["rules"] for n in names] for r in recs])
    scored = (
        np.array([r["set"] in ARRIVAL_TEST for r in recs])
        if args.protocol == "arrival"
        else np.ones(len(recs), dtype=bool)
    )
    results = [table("rules", {"truth": truth, "pred": rules}, names, recs, scored)]
    wanted = [c for c in args.only or ["grams", "vectors", "self"] if c != "none"]
    vectors = None
    pseudo = None
    with tempfile.TemporaryDirectory() as tmp:
        if {"vectors", "self"} & set(wanted) or args.train_final:
            db = unlabelled_store(args.unlabelled, Path(tmp))
            unl_words, unl_docs = read_unlabelled(db)
            vocab, vec, idf = word_vectors(unl_words)
            cent = theme_centroids(vocab, vec, names)
            vectors = ({w: i for i, w in enumerate(vocab)}, vec, idf, cent)
            if "self" in wanted or args.final == "self":
                pseudo = pseudo_records(
                    unl_docs, names, {r["doc"] for r in recs}, args.self_limit, random.Random(SEED)
                )
    makers = {
        "grams": (lambda: Featurizer(names), None),
        "vectors": (lambda: Featurizer(names, vectors, args.alpha), None),
        "self": (
            lambda: Featurizer(names, vectors, args.alpha),
            (pseudo, args.self_weight) if pseudo else None,
        ),
    }
    for cand in wanted:
        make, extra = makers[cand]
        res = cross_validate(recs, names, make, args.C, extra, args.protocol)
        results.append(table(cand, res, names, recs, scored))
        alone = dict(res, pred=res["prob"] >= 0.5)
        results.append(table(f"{cand}@.5", alone, names, recs, scored))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        print(
            f"leave-one-set-out CV: {len(recs)} sentences, "
            f"{len({r['doc'] for r in recs})} articles, fresh4 excluded; C={args.C}"
        )
        cols = ["micro", *names]
        print(f"{'candidate':<10}" + "".join(f"{c[:12]:>14}" for c in cols))
        for res in results:
            print(
                f"{res['name']:<10}"
                + "".join(f"{res['rows'][c][0]:>7.3f}{res['rows'][c][1]:>7.3f}" for c in cols)
            )
        print("micro P/R per left-out set:")
        sets = list(results[0]["sets"])
        print(f"{'candidate':<10}" + "".join(f"{s[:12]:>14}" for s in sets))
        for res in results:
            print(
                f"{res['name']:<10}"
                + "".join(f"{res['sets'][s][0]:>7.3f}{res['sets'][s][1]:>7.3f}" for s in sets)
            )
        for res in results[1:]:
            print(f"{res['name']}: (add, veto) chosen per left-out set: {res['chosen']}")
    if args.train_final:
        make, extra = makers[args.final]
        ACTIVE = truth.sum(axis=0) >= MIN_POSITIVES
        if args.thresholds:
            add, veto = args.thresholds
        else:
            add, veto = choose(rules, oof(recs, names, make, args.C, 5, extra), truth)
        models, feat = train_candidate(recs, names, make, args.C, extra)
        kind = "norules-" if DROP_RULES else ""
        scorer = export(
            models,
            feat,
            names,
            add,
            veto,
            MODEL_PATH,
            f"{kind}{args.final}-C{args.C}-min{MIN_POSITIVES}",
            ACTIVE,
        )
        # the shipped scorer must reproduce the sklearn probabilities
        check = predict(models, feat, recs[:50])
        got = np.array([scorer.probabilities(r["tokens"], r["dense"]) for r in recs[:50]])
        gap = float(np.abs(check - got).max())
        print(
            f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e6:.2f} MB): add={add}, "
            f"veto={veto}, {len(scorer.grams)} grams, {len(scorer.words)} words; "
            f"max |p(sklearn) - p(stored)| on 50 sentences = {gap:.4f}"
        )


if __name__ == "__main__":
    main()
