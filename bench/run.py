"""Speed, memory and agreement figures for vnt, each against a baseline run in this script.

    python bench/run.py --sample 2000     # `make bench`: ingest + analyses on 2,000 VNTC articles
    python bench/run.py --scale           # `make bench-scale`: all 33,759 training articles
    python bench/run.py --mining-only     # topic NMI/ARI vs baseline, keyword fragment counts

Prints a table and writes bench/results.json (with CPU count, Python and library versions).
The data stays in ../shared/eval; only a temporary JSONL copy of the sample is written under
bench/work/ (git-ignored) and deleted afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    NEWS_FULL,
    NEWS_SAMPLE,
    WORK,
    print_table,
    read_jsonl,
    require_eval,
    save_results,
    timer,
)


def naive_segment(texts: list[str]) -> list[list[str]]:
    """The notebook baseline: sent_tokenize + word_tokenize per sentence, nothing else."""
    from underthesea import sent_tokenize, word_tokenize

    return [[w for s in sent_tokenize(t) for w in word_tokenize(s)] for t in texts]


def boundaries(words: list[str]) -> set[tuple[int, int]]:
    """Word spans as character offsets with spaces removed (as ../shared/eval/ws/score.py)."""
    spans, pos = set(), 0
    for w in words:
        n = len(w.replace(" ", ""))
        spans.add((pos, pos + n))
        pos += n
    return spans


def agreement(ours: list[list[str]], naive: list[list[str]]) -> dict:
    """Word spans of our stored articles vs the naive loop over the raw text. They differ
    where cleaning dropped lines (titles, bylines, captions) and where sentences were split
    per paragraph; segmentation itself is compared by sentence_identity."""
    same = sum(a == b for a, b in zip(ours, naive, strict=True))
    tp = fp = fn = 0
    for a, b in zip(ours, naive, strict=True):
        sa, sb = boundaries(a), boundaries(b)
        tp += len(sa & sb)
        fp += len(sa - sb)
        fn += len(sb - sa)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"identical_articles": same, "articles": len(ours), "word_span_f1": round(f1, 5)}


def ingest_into(db: Path, src: Path, workers: int) -> float:
    from vntransform.corpus import ingest as ingest_module
    from vntransform.corpus.store import Corpus
    from vntransform.text.fastseg import load_tagger

    ingest = ingest_module.ingest
    ingest_module._SEEN.clear()  # forked workers would inherit warm caches
    tagger = load_tagger()
    if tagger is not None:
        tagger.clear_caches()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with Corpus.open(db, create=True) as corpus, timer() as t:
        report = ingest([str(src)], corpus, workers=workers, use_builtin_terms=False)
    assert not report.failed, report.failed[:3]
    return t["seconds"]


def stored_tokens(db: Path, n: int) -> list[list[str]]:
    """Tokens per input line (source 'file:LINE'), in input order."""
    from vntransform.corpus.store import Corpus

    by_line: dict[int, list[str]] = {}
    with Corpus.open(db, readonly=True) as corpus:
        line_of = {
            d: int(s.rsplit(":", 1)[1])
            for d, s in corpus.documents()[["doc_id", "source"]].itertuples(index=False)
        }
        for doc_id, sents in corpus.iter_token_lists():
            by_line[line_of[doc_id]] = [w for s in sents for w in s]
    return [by_line.get(i + 1, []) for i in range(n)]


def bench_ingest(records: list[dict], src: Path) -> dict:
    texts = [r["text"] for r in records]
    syllables = sum(len(t.split()) for t in texts)
    naive_segment(texts[:5])  # load the model outside the timing
    with timer() as t_naive:
        naive = naive_segment(texts)
    figures = {
        "articles": len(texts),
        "syllables": syllables,
        "naive_seconds": round(t_naive["seconds"], 2),
        "naive_syllables_per_s": round(syllables / t_naive["seconds"]),
    }
    for workers in (1, 2):
        db = WORK / f"ingest_w{workers}.db"
        seconds = ingest_into(db, src, workers)
        figures[f"w{workers}_seconds"] = round(seconds, 2)
        figures[f"w{workers}_speedup_vs_naive"] = round(t_naive["seconds"] / seconds, 2)
        figures[f"w{workers}_agreement"] = agreement(stored_tokens(db, len(texts)), naive)
    w1 = stored_tokens(WORK / "ingest_w1.db", len(texts))
    figures["w2_tokens_identical_to_w1"] = w1 == stored_tokens(WORK / "ingest_w2.db", len(texts))
    figures["stored_sentences_identical_to_word_tokenize"] = sentence_identity(
        WORK / "ingest_w2.db"
    )
    return figures, naive


def sentence_identity(db: Path) -> str:
    """Every stored sentence's words vs underthesea.word_tokenize on that sentence."""
    from underthesea import word_tokenize

    from vntransform.corpus.store import Corpus

    same = total = 0
    with Corpus.open(db, readonly=True) as corpus:
        for sentence in corpus.iter_sentences():
            total += 1
            same += list(sentence.tokens) == word_tokenize(sentence.text)
    return f"{same}/{total}"


def bench_help() -> dict:
    exe = Path(sys.executable).parent / "vnt"

    def best(cmd: list[str]) -> float:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    python = best([sys.executable, "-c", "pass"])
    vnt_help = best([str(exe), "--help"])
    return {
        "python_startup_s": round(python, 3),
        "vnt_help_s": round(vnt_help, 3),
        "help_over_bare_python": round(vnt_help / python, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=2000, help="articles for the quick run")
    parser.add_argument("--scale", action="store_true", help="all of vntc_train_full.jsonl")
    parser.add_argument("--skip-analyses", action="store_true", help="ingest figures only")
    parser.add_argument(
        "--skip-segmentation",
        action="store_true",
        help="without the whole-process segmentation figures (segbench.py)",
    )
    parser.add_argument(
        "--mining-only",
        action="store_true",
        help="topic NMI/ARI vs the plain baseline and keyword fragment counts "
        "only, on stores cached in bench/work/",
    )
    parser.add_argument(
        "--analyses-only",
        action="store_true",
        help="with --scale: time the analyses on the last scale store (cache emptied first)",
    )
    args = parser.parse_args()
    require_eval()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.scale and args.analyses_only:
        from scale import bench_scale_again

        figures = bench_scale_again(NEWS_FULL, WORK)
        save_results("scale_analyses", figures)
        print_table("scale analyses", [(k, v) for k, v in figures.items()])
        return
    if args.mining_only:
        print_mining()
        return
    if args.scale:
        from scale import bench_scale

        figures = bench_scale(NEWS_FULL, WORK)
        save_results("scale", figures)
        print_table("scale", [(k, v) for k, v in figures.items()])
        return
    stride = max(1, 5000 // args.sample)
    records = read_jsonl(NEWS_SAMPLE, args.sample, stride=stride)
    src = WORK / "sample.jsonl"
    shutil.copyfile(NEWS_SAMPLE, src) if stride == 1 and args.sample >= 5000 else src.write_text(
        "".join(_jsonl(records)), encoding="utf-8"
    )
    results = {}
    results["ingest"], naive_tokens = bench_ingest(records, src)
    print_table(
        f"ingest ({len(records)} VNTC articles)", [(k, v) for k, v in results["ingest"].items()]
    )
    if not args.skip_analyses:
        from analyses import bench_analyses

        results["analyses"] = bench_analyses(
            records, WORK / "ingest_w2.db", naive_tokens, results["ingest"]["naive_seconds"]
        )
        print_table(
            "analyses vs naive re-segment + scikit-learn",
            [(k, v) for k, v in results["analyses"].items()],
        )
    if not args.skip_segmentation:
        from segbench import bench_segmentation

        results["segmentation"] = bench_segmentation(len(records), 40_000, rounds=1)
        print_table(
            "segmentation: whole processes, interleaved (bench/segbench.py)",
            list(results["segmentation"].items()),
        )
    if not args.skip_analyses:
        results["mining"] = print_mining(save=False)
    results["startup"] = bench_help()
    print_table("startup", [(k, v) for k, v in results["startup"].items()])
    save_results(f"sample_{len(records)}", results)
    src.unlink(missing_ok=True)


def print_mining(save: bool = True) -> dict:
    """Topics on the 5,000-article sample vs the plain baseline; keyword judge counts."""
    from analyses import bench_mining

    figures = bench_mining(WORK, NEWS_SAMPLE, second=NEWS_FULL)
    print_table(
        "mining quality: topics (5,000 VNTC test articles; train5000_: 5,000 drawn "
        "from VNTC train, 500 per label; k=10, seeds 0-2) and keywords "
        "(top 30; bad = function word, fragment or bare quantity)",
        [(k, v) for k, v in figures.items()],
    )
    if save:
        save_results("mining", figures)
    return figures


def _jsonl(records: list[dict]):
    import json

    for r in records:
        yield json.dumps(r, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    main()
