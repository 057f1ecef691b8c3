"""Topic variants against the plain baseline, in one process (issue 13, round 5).

    python bench/topics_sweep.py                      # every variant, every sample
    python bench/topics_sweep.py --variants current,title2 --samples test,d1

Samples: ``test`` = ../shared/eval/news/vntc_test_sample.jsonl (5,000); ``d1``..``d3`` =
1,500 articles of it, 150 per label, drawn with seeds 1, 2, 3 (``analyses._stratified_lines``,
stratified); ``train`` = 5,000 of vntc_train_full.jsonl, 500 per label, seed 13 (as
``make bench``); on request (``--samples``) ``e1000`` = every 5th line of the test sample
(as tests/mining/test_topics.py) and ``d2500`` = 250 per label, seed 4. Stores are
ingested once into bench/work/ (git-ignored) and reused.

Each variant changes one step of ``vntransform.mining.topics`` (features or clustering) and
is otherwise the library's pipeline, called through its own functions; ``library`` calls
``fit_topics`` itself (and is timed). Baseline: TF-IDF over raw syllables + syllable
bigrams (title and body, min_df 3, max_df 0.5, sublinear), LSA(100), KMeans(k=10,
n_init=10). Every figure is the mean of seeds 0-2, k=10; NMI / ARI against VNTC labels.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analyses import _stratified_lines, cached_store  # noqa: E402
from common import NEWS_FULL, NEWS_SAMPLE, WORK, require_eval  # noqa: E402

from vntransform.mining import topics as T  # noqa: E402

SEEDS = (0, 1, 2)
K = 10
_NUMBER = re.compile(r"\d")


def sample_paths() -> dict[str, Path]:
    """name -> JSONL of the sample, drawn into bench/work/ when missing."""
    WORK.mkdir(parents=True, exist_ok=True)
    out = {"test": NEWS_SAMPLE}
    for seed in (1, 2, 3):
        path = WORK / f"vntc_test1500_s{seed}.jsonl"
        if not path.exists():
            path.write_text(_stratified_lines(NEWS_SAMPLE, 150, seed), encoding="utf-8")
        out[f"d{seed}"] = path
    every5 = WORK / "vntc_test1000_every5.jsonl"  # as tests/mining/test_topics.py
    if not every5.exists():
        lines = NEWS_SAMPLE.read_text("utf-8").splitlines()[::5]
        every5.write_text("\n".join(lines) + "\n", "utf-8")
    out["e1000"] = every5
    d2500 = WORK / "vntc_test2500_s4.jsonl"
    if not d2500.exists():
        d2500.write_text(_stratified_lines(NEWS_SAMPLE, 250, 4), encoding="utf-8")
    out["d2500"] = d2500
    train = WORK / "vntc_train5000.jsonl"
    if not train.exists():
        train.write_text(_stratified_lines(NEWS_FULL, 500, seed=13), encoding="utf-8")
    out["train"] = train
    return out


STORES = {
    "test": "vntc5000",
    "d1": "vntc_test1500_s1",
    "d2": "vntc_test1500_s2",
    "d3": "vntc_test1500_s3",
    "e1000": "vntc_test1000_every5",
    "d2500": "vntc_test2500_s4",
    "train": "vntc_train5000",
}


class Sample:
    """What every variant needs of one sample, read once."""

    def __init__(self, name: str, path: Path) -> None:
        from vntransform.corpus.store import Corpus
        from vntransform.mining.vectorize import build_term_matrix

        self.name = name
        records = [json.loads(line) for line in path.open(encoding="utf-8")]
        self.db = cached_store(WORK / f"{STORES[name]}.db", [str(path)])
        with Corpus.open(self.db, readonly=True) as corpus:
            line_of = {
                d: int(s.rsplit(":", 1)[1]) - 1
                for d, s in corpus.documents()[["doc_id", "source"]].itertuples(index=False)
            }
            matrix = build_term_matrix(corpus, unit="doc", bigrams=True, use_cache=False)
            keep = np.asarray(matrix.counts.sum(axis=1)).ravel() > 0
            self.rows = np.flatnonzero(keep)
            self.counts = matrix.counts[self.rows].tocsr()
            self.full_counts = matrix.counts
            self.all_terms = matrix.terms
            self.keys = [matrix.unit_keys[i] for i in self.rows]
            self.vocab = matrix.vocabulary
            titles = dict(corpus.documents()[["doc_id", "title"]].itertuples(index=False))
            row = {doc_id: i for i, (doc_id, _) in enumerate(self.keys)}
            self.sentences: list[list[list[str]]] = [[] for _ in self.keys]
            for doc_id, sentences in corpus.iter_token_lists():
                if doc_id in row:
                    self.sentences[row[doc_id]] = sentences
            self.titles = [titles.get(d) or "" for d, _ in self.keys]
        self.gold = [records[line_of[d]]["label"] for d, _ in self.keys]
        self.records = records
        self.cache: dict[Any, Any] = {}

    def tfidf_full(self) -> Any:
        from sklearn.feature_extraction.text import TfidfTransformer

        if "tfidf" not in self.cache:
            # as TermMatrix.tfidf(): idf over every unit, then the units with words
            full = TfidfTransformer(sublinear_tf=True).fit_transform(self.full_counts)
            self.cache["tfidf"] = full[self.rows]
        return self.cache["tfidf"]


# ---------------------------------------------------------------- features


def word_features(s: Sample, opts: dict) -> tuple[Any, list[str]]:
    """The library's word TF-IDF (terms + term pairs, pruned, l2), with options."""
    from sklearn.preprocessing import normalize

    tfidf = s.tfidf_full()
    if opts.get("bm25"):
        tfidf = _bm25(s.counts, **opts["bm25"])
    max_df = opts.get("word_max_df", 0.5)
    n = tfidf.shape[0]
    df = np.diff(tfidf.tocsc().indptr)
    keep = df >= (2 if n < 1000 else 3)
    if n >= 200:
        keep &= df <= max_df * n
    index = np.flatnonzero(keep)
    terms = [s.all_terms[i] for i in index]
    x = tfidf[:, index]
    weight = np.ones(len(terms))
    if opts.get("spec") is not None:
        weight *= _spec_weights(terms, opts["spec"])
    if opts.get("names") is not None:
        names = _name_terms(s)
        factor = opts["names"]
        weight *= np.array(
            [factor if all(p in names for p in t.split("\t")) else 1.0 for t in terms]
        )
    if opts.get("numbers") is not None:
        from vntransform.mining.vocabulary import is_quantity

        weight *= np.array(
            [opts["numbers"] if any(is_quantity(p) for p in t.split("\t")) else 1.0 for t in terms]
        )
    if opts.get("pairs") is not None:
        weight *= np.array([opts["pairs"] if "\t" in t else 1.0 for t in terms])
    if not np.all(weight == 1.0):
        from scipy import sparse

        x = x @ sparse.diags(weight)
    if opts.get("title_words"):
        x = x + opts["title_words"] * _title_terms(s, index)
    return normalize(x).tocsr(), terms


def _bm25(counts: Any, k1: float = 1.2, b: float = 0.75) -> Any:
    from scipy import sparse
    from sklearn.preprocessing import normalize

    c = counts.tocsr().astype(np.float64)
    n = c.shape[0]
    length = np.asarray(c.sum(axis=1)).ravel()
    norm = k1 * (1 - b + b * length / length.mean())
    data = c.data
    rows = np.repeat(np.arange(n), np.diff(c.indptr))
    tf = data * (k1 + 1) / (data + norm[rows])
    df = np.diff(c.tocsc().indptr)
    idf = np.log((1 + n) / (1 + df)) + 1
    out = sparse.csr_matrix((tf, c.indices, c.indptr), shape=c.shape) @ sparse.diags(idf)
    return normalize(out).tocsr()


def _spec_weights(terms: list[str], power: float) -> np.ndarray:
    """Background specificity (keywords.specificity) as a column weight; floor 0.2 so bound
    syllables and quantities keep some say; a pair takes the smaller of its parts'."""
    from vntransform.mining.keywords import specificity

    parts = sorted({p for t in terms for p in t.split("\t")})
    spec = dict(zip(parts, specificity(parts), strict=True))
    out = np.empty(len(terms))
    for i, t in enumerate(terms):
        out[i] = min(max(0.2, spec[p]) for p in t.split("\t")) ** power
    return out


def _name_terms(s: Sample) -> set[str]:
    """Lower-cased words written capitalised in 80% or more of their uses not first in a
    sentence (names of people, places, organisations, products)."""
    if "names" in s.cache:
        return s.cache["names"]
    caps: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for sentences in s.sentences:
        for words in sentences:
            for w in words[1:]:
                if not w[:1].isalpha():
                    continue
                low = w.lower()
                seen[low] += 1
                if w[0].isupper():
                    caps[low] += 1
    names = {w for w, n in seen.items() if n >= 2 and caps[w] >= 0.8 * n}
    s.cache["names"] = names
    return names


def _title_terms(s: Sample, index: np.ndarray) -> Any:
    """Title terms (the title segmented, the corpus vocabulary's terms), l2-normalised
    binary rows over the kept columns."""
    from scipy import sparse
    from sklearn.preprocessing import normalize

    key = ("title_terms", len(index), int(index.sum()))
    if key in s.cache:
        return s.cache[key]
    from vntransform.text.segment import segment_words

    column = {s.all_terms[j]: i for i, j in enumerate(index)}
    data, cols, indptr = [], [], [0]
    for title in s.titles:
        terms = set(s.vocab.terms(segment_words(title))) if title else set()
        found = sorted(column[t] for t in terms if t in column)
        cols.extend(found)
        data.extend([1.0] * len(found))
        indptr.append(len(cols))
    out = normalize(sparse.csr_matrix((data, cols, indptr), shape=(len(s.titles), len(index))))
    s.cache[key] = out
    return out


def syllable_features(s: Sample, opts: dict) -> Any:
    key = ("syl", json.dumps(opts, sort_keys=True))
    if key in s.cache:
        return s.cache[key]
    names = _name_terms(s) if opts.get("syl_names") == "drop" else set()
    drop_numbers = opts.get("syl_numbers") == "drop"
    title_rep = opts.get("title_rep", 1)
    texts = []
    for title, sentences in zip(s.titles, s.sentences, strict=True):
        doc = [title.split()] * title_rep + sentences if title else list(sentences)
        if names or drop_numbers:
            doc = [
                [
                    w
                    for w in words
                    if not (names and w.lower() in names and w[:1].isupper())
                    and not (drop_numbers and _NUMBER.search(w))
                ]
                for words in doc
            ]
        texts.append(doc)
    saved = T.SYLLABLE_FEATURES
    T.SYLLABLE_FEATURES = opts.get("syl_features", saved)
    try:
        out = T._syllable_tfidf(texts)
    finally:
        T.SYLLABLE_FEATURES = saved
    s.cache[key] = out
    return out


def features(s: Sample, opts: dict) -> Any:
    from scipy import sparse

    key = ("features", json.dumps(opts, sort_keys=True))
    if key in s.cache:
        return s.cache[key]
    words, _ = word_features(s, opts)
    syl = syllable_features(s, opts)
    share = opts.get("syl_share", 0.5)
    out = sparse.hstack([words * math.sqrt(1 - share), syl * math.sqrt(share)]).tocsr()
    s.cache[key] = out
    return out


# ---------------------------------------------------------------- clustering


def lsa(x: Any, seed: int, dim: int) -> np.ndarray:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    n_components = min(dim, x.shape[1] - 1, x.shape[0] - 1)
    svd = TruncatedSVD(n_components=n_components, random_state=seed, n_iter=T.LSA_ITERATIONS)
    return normalize(svd.fit_transform(x))


def cluster(s: Sample, opts: dict, seed: int) -> np.ndarray:
    x = features(s, opts)
    dim = opts.get("dim", T.lsa_dimensions(x.shape[0]))  # the library's rule by default
    if x.shape[0] < 4000 and "dim_small" in opts:  # fixed dimensions under 4,000 only
        dim = opts["dim_small"]
    space = lsa(x, seed, dim)
    how = opts.get("cluster", "current")
    if how == "current":
        return T._cluster(x, space, K, seed, None)[0]
    if how == "agree":
        return _agree(x, space, seed, opts.get("runs", 5))
    if how == "consensus":
        return _consensus(x, space, seed, opts.get("runs", 5))
    raise ValueError(how)


def _runs(x: Any, space: np.ndarray, seed: int, runs: int) -> list[np.ndarray]:
    from sklearn.preprocessing import normalize

    blend = T._neighbour_blend(space)
    bspace = normalize(blend @ space)
    out = []
    for r in range(runs):
        labels, _ = T._kmeans(bspace, K, seed if r == 0 else seed * 100 + r)
        labels, _ = T._refine(x, labels, K, blend=blend)
        out.append(labels)
    return out


def _agree(x: Any, space: np.ndarray, seed: int, runs: int) -> np.ndarray:
    """Of several starts, the split that agrees most with the others (mean NMI)."""
    from sklearn.metrics import normalized_mutual_info_score as nmi

    splits = _runs(x, space, seed, runs)
    score = [np.mean([nmi(a, b) for b in splits if b is not a]) for a in splits]
    return splits[int(np.argmax(score))]


def _consensus(x: Any, space: np.ndarray, seed: int, runs: int) -> np.ndarray:
    """Co-association of several starts, clustered by average linkage, then refined."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    splits = _runs(x, space, seed, runs)
    n = len(splits[0])
    co = np.zeros((n, n), dtype=np.float32)
    for labels in splits:
        onehot = np.eye(K, dtype=np.float32)[labels]
        co += onehot @ onehot.T
    co /= len(splits)
    dist = 1 - co
    np.fill_diagonal(dist, 0)
    tree = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(tree, K, criterion="maxclust") - 1
    blend = T._neighbour_blend(space)
    return T._refine(x, labels, int(labels.max()) + 1, blend=blend)[0]


# ---------------------------------------------------------------- runs


def baseline(s: Sample, seed: int) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    if "base" not in s.cache:
        # every record of the sample, as the eval README defines the baseline
        s.cache["base"] = TfidfVectorizer(
            ngram_range=(1, 2),
            min_df=3,
            max_df=0.5,
            sublinear_tf=True,
            token_pattern=r"(?u)\b\w+\b",
        ).fit_transform([(r["title"] + "\n" if r["title"] else "") + r["text"] for r in s.records])
    space = normalize(TruncatedSVD(100, random_state=seed).fit_transform(s.cache["base"]))
    return KMeans(K, n_init=10, random_state=seed).fit_predict(space)


def library(s: Sample, seed: int) -> tuple[list[str], list[int], float]:
    from vntransform.corpus.store import Corpus
    from vntransform.mining import fit_topics

    with Corpus.open(s.db, readonly=True) as corpus:
        start = time.perf_counter()
        result = fit_topics(corpus, k=K, unit="doc", seed=seed, use_cache=False)
        seconds = time.perf_counter() - start
    gold_of = dict(zip((d for d, _ in s.keys), s.gold, strict=True))
    return (
        [gold_of[d] for d in result.assignments["doc_id"]],
        result.assignments["topic"].tolist(),
        seconds,
    )


VARIANTS: dict[str, dict] = {
    "current": {},
    "round4": {"dim": 100},  # before round 5: 100 LSA dimensions at every size
    "title2": {"title_rep": 2},
    "title3": {"title_rep": 3},
    "title_words0.5": {"title_words": 0.5},
    "names0.5": {"names": 0.5},
    "names0": {"names": 0.0},
    "names0_syl": {"names": 0.0, "syl_names": "drop"},
    "numbers_drop": {"numbers": 0.0, "syl_numbers": "drop"},
    "spec0.5": {"spec": 0.5},
    "spec1": {"spec": 1.0},
    "bm25": {"bm25": {"k1": 1.2, "b": 0.75}},
    "word_max_df0.25": {"word_max_df": 0.25},
    "pairs0.5": {"pairs": 0.5},
    "dim60_small": {"dim_small": 60},
    "dim40_small": {"dim_small": 40},
    "dim50_small": {"dim_small": 50},
    "dim80_small": {"dim_small": 80},
    "dim60": {"dim": 60},
    "dim80": {"dim": 80},
    "agree5": {"cluster": "agree", "runs": 5},
    "consensus5": {"cluster": "consensus", "runs": 5},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", default=",".join(["baseline", "library", *VARIANTS]))
    parser.add_argument("--samples", default="test,d1,d2,d3,train")
    args = parser.parse_args()
    require_eval()
    paths = sample_paths()
    names = args.samples.split(",")
    samples = {}
    for name in names:
        start = time.perf_counter()
        samples[name] = Sample(name, paths[name])
        print(
            f"# {name}: {len(samples[name].keys)} articles, read in "
            f"{time.perf_counter() - start:.1f} s",
            flush=True,
        )
    from sklearn.metrics import adjusted_rand_score as ari
    from sklearn.metrics import normalized_mutual_info_score as nmi

    header = "| variant | " + " | ".join(f"{n} NMI | {n} ARI" for n in names) + " | s/fit |"
    print(header)
    print("|---|" + "---:|---:|" * len(names) + "---:|", flush=True)
    table: dict[str, dict[str, tuple[float, float]]] = {}
    per_seed: dict[str, list[str]] = {}
    for variant in args.variants.split(","):
        cells, seconds = [], []
        table[variant] = {}
        for name in names:
            s = samples[name]
            scores = []
            for seed in SEEDS:
                start = time.perf_counter()
                if variant == "baseline":
                    gold, pred = [r["label"] for r in s.records], baseline(s, seed)
                elif variant == "library":
                    gold, pred, _ = library(s, seed)
                else:
                    gold, pred = s.gold, cluster(s, VARIANTS[variant], seed)
                seconds.append(time.perf_counter() - start)
                scores.append((nmi(gold, pred), ari(gold, pred)))
            mean_nmi = statistics.mean(x[0] for x in scores)
            mean_ari = statistics.mean(x[1] for x in scores)
            table[variant][name] = (mean_nmi, mean_ari)
            per_seed.setdefault(variant, []).append(
                f"{name} " + "/".join(f"{x[0]:.3f}" for x in scores)
            )
            cells.append(f"{mean_nmi:.3f} | {mean_ari:.3f}")
        print(
            f"| {variant} | " + " | ".join(cells) + f" | {statistics.mean(seconds):.1f} |",
            flush=True,
        )
        print(f"#   {variant} NMI per seed: " + "  ".join(per_seed[variant]), file=sys.stderr)
    print("\nNMI per seed (0/1/2):")
    for variant, cells in per_seed.items():
        print(f"  {variant:18s} " + "  ".join(cells))
    if "baseline" in table:
        print("\ngain over baseline (NMI):")
        for variant, row in table.items():
            if variant != "baseline":
                gains = [row[n][0] - table["baseline"][n][0] for n in names]
                print(
                    f"  {variant:18s} "
                    + "  ".join(f"{n} {g:+.3f}" for n, g in zip(names, gains, strict=True))
                )


if __name__ == "__main__":
    main()
