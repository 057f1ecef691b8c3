"""Analyses on the stored corpus vs the naive notebook: segment again, then scikit-learn.

Our side runs the real commands (`vnt keywords|themes|topics --db … -f csv`) in a
subprocess, start-up included; the naive side pays the segmentation it must redo (timed in
the same run by bench/run.py) plus its own scikit-learn step, timed here.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

from common import timer

VNT = str(Path(sys.executable).parent / "vnt")
THEME_TERMS = [
    "nhận thức",
    "tư duy",
    "chia sẻ dữ liệu",
    "dữ liệu số",
    "người đứng đầu",
    "lãnh đạo",
    "kỹ năng số",
    "đào tạo",
    "thể chế",
    "hạ tầng",
    "chính quyền số",
]


def run_vnt(*args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([VNT, *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"vnt {' '.join(args)} failed: {done.stderr.strip()[:300]}")
    return seconds, done.stdout


def naive_keywords(tokens: list[list[str]]) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=lambda d: [w.lower() for w in d], sublinear_tf=True)
    matrix = vec.fit_transform(tokens)
    scores = matrix.sum(axis=0).A1
    terms = vec.get_feature_names_out()
    sorted(zip(scores, terms, strict=True), reverse=True)[:20]


def naive_themes(tokens: list[list[str]]) -> None:
    for doc in tokens:
        text = " ".join(w.lower() for w in doc)
        [text.count(term) for term in THEME_TERMS]


def naive_topics(tokens: list[list[str]], k: int) -> list[int]:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(
        analyzer=lambda d: [w.lower() for w in d], min_df=3, max_df=0.5, sublinear_tf=True
    )
    matrix = vec.fit_transform(tokens)
    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(matrix).tolist()


def bench_analyses(
    records: list[dict], db: Path, naive_tokens: list[list[str]], naive_segment_seconds: float
) -> dict:
    import pandas as pd
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    figures: dict = {}
    labels = [r["label"] for r in records]
    k = len(set(labels))
    naive = {}
    with timer() as t:
        naive_keywords(naive_tokens)
    naive["keywords"] = t["seconds"]
    with timer() as t:
        naive_themes(naive_tokens)
    naive["themes"] = t["seconds"]
    with timer() as t:
        naive_pred = naive_topics(naive_tokens, k)
    naive["topics"] = t["seconds"]
    commands = {
        "keywords": ["keywords", "--db", str(db), "-f", "csv"],
        "themes": ["themes", "--db", str(db), "-f", "csv"],
        "topics": [
            "topics",
            "--db",
            str(db),
            "-f",
            "csv",
            "--unit",
            "doc",
            "--k",
            str(k),
            "--seed",
            "0",
        ],
    }
    for name, args in commands.items():
        run_vnt(*args)  # first run fills the store's TF-IDF cache, as a user's would
        seconds, _ = run_vnt(*args)
        total_naive = naive_segment_seconds + naive[name]
        figures[f"{name}_vnt_s"] = round(seconds, 2)
        figures[f"{name}_naive_s"] = round(total_naive, 2)
        figures[f"{name}_speedup"] = round(total_naive / seconds, 1)
    _, out = run_vnt(*commands["topics"], "--assignments")
    assignments = pd.read_csv(io.StringIO(out))
    ours = _labels_by_line(db, assignments)
    gold = [labels[i] for i in sorted(ours)]
    pred = [ours[i] for i in sorted(ours)]
    figures["topics_nmi_vnt"] = round(normalized_mutual_info_score(gold, pred), 3)
    figures["topics_ari_vnt"] = round(adjusted_rand_score(gold, pred), 3)
    figures["topics_nmi_naive_words"] = round(normalized_mutual_info_score(labels, naive_pred), 3)
    raw = raw_syllable_baseline([r["text"] for r in records], k)
    figures["topics_nmi_baseline_raw_syllables"] = round(
        normalized_mutual_info_score(labels, raw), 3
    )
    figures["topics_ari_baseline_raw_syllables"] = round(adjusted_rand_score(labels, raw), 3)
    return figures


def raw_syllable_baseline(texts: list[str], k: int) -> list[int]:
    """The eval README's plain baseline: TF-IDF over raw syllables + KMeans (seed 0)."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(min_df=3, max_df=0.5, sublinear_tf=True).fit_transform(texts)
    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(matrix).tolist()


def _labels_by_line(db: Path, assignments) -> dict[int, int]:
    """Input line number (0-based) -> topic, through the stored source 'file:LINE'."""
    from vntransform.corpus.store import Corpus

    with Corpus.open(db, readonly=True) as corpus:
        docs = corpus.documents()
    line_of = {
        d: int(s.rsplit(":", 1)[1]) - 1
        for d, s in docs[["doc_id", "source"]].itertuples(index=False)
    }
    return {
        line_of[d]: int(t)
        for d, t in assignments[["doc_id", "topic"]].itertuples(index=False)
        if d in line_of
    }


def bench_scale_analyses(db: Path, src: Path) -> dict:
    """Timings of keywords and topics on the scale store, and topic NMI vs the labels."""
    import pandas as pd
    from sklearn.metrics import normalized_mutual_info_score

    figures = {}
    for name, args in {
        "keywords": ["keywords", "--db", str(db), "-f", "csv"],
        "topics": [
            "topics",
            "--db",
            str(db),
            "-f",
            "csv",
            "--unit",
            "doc",
            "--k",
            "10",
            "--seed",
            "0",
            "--assignments",
        ],
    }.items():
        seconds, out = run_vnt(*args)
        figures[f"{name}_cold_s"] = round(seconds, 1)
        seconds, out = run_vnt(*args)
        figures[f"{name}_warm_s"] = round(seconds, 1)
        if name == "topics":
            labels = [json.loads(line)["label"] for line in src.open(encoding="utf-8")]
            ours = _labels_by_line(db, pd.read_csv(io.StringIO(out)))
            figures["topics_nmi_vnt"] = round(
                normalized_mutual_info_score(
                    [labels[i] for i in sorted(ours)], [ours[i] for i in sorted(ours)]
                ),
                3,
            )
    # the plain baseline, run here on the same articles: TF-IDF over raw syllables + KMeans
    records = [json.loads(line) for line in src.open(encoding="utf-8")]
    stored = sorted(_labels_by_line(db, pd.read_csv(io.StringIO(out))))
    raw = raw_syllable_baseline([records[i]["text"] for i in stored], 10)
    figures["topics_nmi_baseline_raw_syllables"] = round(
        normalized_mutual_info_score([records[i]["label"] for i in stored], raw), 3
    )
    figures.update(bench_report(db))
    return figures


def bench_report(db: Path, *, clear_cache: bool = True) -> dict:
    """`vnt report` on the store: the first one (result cache emptied unless
    ``clear_cache`` is false, as right after an ``--analyse`` ingest, which leaves the term
    counts there; per-article results kept in the store are read, the missing ones found
    and kept), then a repeated one, wall and CPU seconds (workers included), and the size of
    the page (per-analysis times: bench/report_scale.py)."""
    import resource
    import sqlite3
    import tempfile

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    with sqlite3.connect(db) as conn:
        if clear_cache:
            conn.execute("DELETE FROM cache")
        try:
            stored = conn.execute("SELECT COUNT(DISTINCT doc_id) FROM derived").fetchone()[0]
        except sqlite3.OperationalError:
            stored = 0
    figures: dict = {"report_articles_with_stored_results": stored}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        for run in ("first", "repeated"):
            cpu = children_cpu()
            seconds, _ = run_vnt("report", "--db", str(db), "-o", str(out), "--k", "10")
            figures[f"report_{run}_s"] = round(seconds, 1)
            figures[f"report_{run}_cpu_s"] = round(children_cpu() - cpu, 1)
        figures["report_html_mb"] = round(out.stat().st_size / 1e6, 2)
    return figures


def bench_mining(
    work: Path, sample: Path, seeds: tuple[int, ...] = (0, 1, 2), second: Path | None = None
) -> dict:
    """Topic NMI/ARI on the 5,000-article VNTC test sample beside the strongest plain
    baseline (TF-IDF over raw syllables + syllable bigrams, LSA(100), KMeans; mean of the
    same seeds), the same on a second sample (5,000 articles of ``second``, 500 per label,
    drawn with a fixed seed) when given, and keyword function-word/fragment counts in the
    top 30 of the samples and of 300 mixed VNTC articles. Stores are ingested once into
    ``work`` and reused."""
    figures: dict = {}
    figures.update(_topic_figures(work, sample, "vntc5000", "", seeds))
    if second is not None and second.exists():
        drawn = work / "vntc_train5000.jsonl"
        if not drawn.exists():
            drawn.write_text(_stratified_lines(second, 500, seed=13), encoding="utf-8")
        figures.update(_topic_figures(work, drawn, "vntc_train5000", "train5000_", seeds))
    # keywords: the test judge (function words, fragments, bare quantities) on two corpora
    from vntransform.corpus.store import Corpus
    from vntransform.mining import extract_keywords, keywords_per_doc

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.conftest import bad_terms

    mixed = work / "vntc300.jsonl"
    if not mixed.exists():
        mixed.write_text(
            "".join(
                line
                for i, line in enumerate(sample.open(encoding="utf-8"))
                if i % 16 == 0 and i < 16 * 300
            ),
            encoding="utf-8",
        )
    corpus_dir = Path(__file__).resolve().parent.parent / "corpus"
    for name, db_path, inputs in (
        ("samples", work / "samples.db", [str(corpus_dir)]),
        ("vntc300", work / "vntc300.db", [str(mixed)]),
    ):
        with Corpus.open(cached_store(db_path, inputs), readonly=True) as corpus:
            top = extract_keywords(corpus, top=30, use_cache=False)["term"].tolist()
            per_doc = keywords_per_doc(corpus, top=10, use_cache=False)["term"].tolist()
        figures[f"keywords_{name}_top30"] = "; ".join(top)
        figures[f"keywords_{name}_top30_bad"] = len(bad_terms(top))
        figures[f"keywords_{name}_per_doc_bad"] = f"{len(bad_terms(per_doc))}/{len(per_doc)}"
    return figures


def _stratified_lines(path: Path, per_label: int, seed: int) -> str:
    """``per_label`` lines of each label of a VNTC file (exact duplicates left out), drawn
    with a fixed seed, in file order."""
    import random
    from collections import defaultdict

    lines = path.read_text("utf-8").splitlines()
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        record = json.loads(line)
        if "dup_of" not in record:
            by_label[record["label"]].append(i)
    rng = random.Random(seed)
    chosen = sorted(
        i
        for label in sorted(by_label)
        for i in rng.sample(by_label[label], min(per_label, len(by_label[label])))
    )
    return "".join(lines[i] + "\n" for i in chosen)


def _topic_figures(
    work: Path, sample: Path, store: str, prefix: str, seeds: tuple[int, ...]
) -> dict:
    """vnt topics (k=10, unit doc) and the plain baseline on one labelled sample."""
    import statistics

    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
    from sklearn.preprocessing import normalize

    from vntransform.corpus.store import Corpus
    from vntransform.mining import fit_topics

    records = [json.loads(line) for line in sample.open(encoding="utf-8")]
    figures: dict = {}
    db = cached_store(work / f"{store}.db", [str(sample)])
    with Corpus.open(db, readonly=True) as corpus:
        line_of = {
            d: int(s.rsplit(":", 1)[1]) - 1
            for d, s in corpus.documents()[["doc_id", "source"]].itertuples(index=False)
        }
        ours = []
        for seed in seeds:
            with timer() as t:
                result = fit_topics(corpus, k=10, unit="doc", seed=seed, use_cache=False)
            gold = [records[line_of[d]]["label"] for d in result.assignments["doc_id"]]
            pred = result.assignments["topic"].tolist()
            ours.append(
                (
                    normalized_mutual_info_score(gold, pred),
                    adjusted_rand_score(gold, pred),
                    t["seconds"],
                )
            )
            if seed == seeds[0]:
                labels_first = " | ".join(result.topics["label"])
    labels = [r["label"] for r in records]
    # As ../shared/eval/README.md defines it (reproduces its seeds 0.661, 0.662, 0.665):
    # the title and the body, every syllable a token (one-letter ones too: "ở", "y").
    tfidf = TfidfVectorizer(
        ngram_range=(1, 2), min_df=3, max_df=0.5, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"
    )
    matrix = tfidf.fit_transform(
        [(r["title"] + "\n" if r["title"] else "") + r["text"] for r in records]
    )
    base = []
    for seed in seeds:
        space = normalize(TruncatedSVD(100, random_state=seed).fit_transform(matrix))
        pred = KMeans(10, n_init=10, random_state=seed).fit_predict(space)
        base.append((normalized_mutual_info_score(labels, pred), adjusted_rand_score(labels, pred)))
    figures[f"{prefix}topics_articles"] = len(records)
    figures[f"{prefix}topics_nmi_vnt_per_seed"] = [round(x[0], 3) for x in ours]
    figures[f"{prefix}topics_nmi_vnt"] = round(statistics.mean(x[0] for x in ours), 3)
    figures[f"{prefix}topics_ari_vnt"] = round(statistics.mean(x[1] for x in ours), 3)
    figures[f"{prefix}topics_seconds_per_fit"] = round(statistics.mean(x[2] for x in ours), 1)
    figures[f"{prefix}topics_nmi_baseline_per_seed"] = [round(x[0], 3) for x in base]
    figures[f"{prefix}topics_nmi_baseline_syllables_bigrams_lsa"] = round(
        float(np.mean([x[0] for x in base])), 3
    )
    figures[f"{prefix}topics_ari_baseline_syllables_bigrams_lsa"] = round(
        float(np.mean([x[1] for x in base])), 3
    )
    figures[f"{prefix}topics_nmi_gain"] = round(
        figures[f"{prefix}topics_nmi_vnt"]
        - figures[f"{prefix}topics_nmi_baseline_syllables_bigrams_lsa"],
        3,
    )
    figures[f"{prefix}topics_labels_seed{seeds[0]}"] = labels_first
    return figures


def cached_store(db: Path, inputs: list[str]) -> Path:
    """An ingested store under bench/work/, built once and reused across runs."""
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    if db.exists():
        return db
    with Corpus.open(db, create=True) as corpus:
        ingest(inputs, corpus, workers=2)
    return db
