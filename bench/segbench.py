"""Segmentation figures, whole processes, interleaved in one run (the machine is shared):

- ``vnt ingest --workers 2`` and ``--workers 1`` vs the naive notebook loop
  (``sent_tokenize`` + ``word_tokenize`` per sentence) on the same VNTC articles;
- ``vnt segment --no-terms`` (underthesea's own words) vs a ``word_tokenize(line,
  format="text")`` loop on 40,000 news sentences, with the outputs compared line by line;
- every stored sentence vs ``word_tokenize`` (with the same fixed words; ingest keeps URLs,
  e-mail addresses, domains and decimals whole on purpose, which underthesea splits);
- wall seconds (the targets) and CPU seconds of each process tree: on a shared machine the
  CPU ratio is the steadier figure, the wall ratio depends on what else runs;
- F1 of ``vnt segment --no-terms`` on VLSP 2013 and UD-VTB test sets with
  ../shared/eval/ws/score.py.

    python bench/segbench.py --sample 2000 --sentences 40000 [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    EVAL,
    NEWS_SAMPLE,
    WORK,
    print_table,
    read_jsonl,
    require_eval,
    save_results,
)

BIN = Path(sys.executable).parent
NAIVE_INGEST = """
import json, sys
from underthesea import sent_tokenize, word_tokenize
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    text = json.loads(line)["text"]
    n += sum(len(word_tokenize(s)) for s in sent_tokenize(text))
print(n)
"""
NAIVE_SEGMENT = """
import sys
from underthesea import word_tokenize
out = open(sys.argv[2], "w", encoding="utf-8")
for line in open(sys.argv[1], encoding="utf-8"):
    out.write(word_tokenize(line.rstrip("\\n"), format="text") + "\\n")
"""


def run(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process and its workers (start-up included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=stdout)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def ingest_cmd(src: Path, db: Path, workers: int) -> list[str]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return [str(BIN / "vnt"), "ingest", str(src), "--db", str(db), "--workers", str(workers), "-q"]


def bench_ingest(src: Path, rounds: int) -> dict:
    times: dict[str, list[tuple[float, float]]] = {"naive": [], "w1": [], "w2": []}
    commands = {
        "naive": lambda: [sys.executable, "-c", NAIVE_INGEST, str(src)],
        "w1": lambda: ingest_cmd(src, WORK / "seg_w1.db", 1),
        "w2": lambda: ingest_cmd(src, WORK / "seg_w2.db", 2),
    }
    for r in range(rounds):  # interleaved, order reversed every other round
        for name in list(commands) if r % 2 == 0 else list(reversed(commands)):
            times[name].append(run(commands[name]()))
    wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    return {
        "naive_wall_s": round(wall["naive"], 2),
        "w1_wall_s": round(wall["w1"], 2),
        "w2_wall_s": round(wall["w2"], 2),
        "w1_speedup": round(wall["naive"] / wall["w1"], 2),
        "w2_speedup": round(wall["naive"] / wall["w2"], 2),
        "naive_cpu_s": round(cpu["naive"], 2),
        "w1_cpu_s": round(cpu["w1"], 2),
        "w2_cpu_s": round(cpu["w2"], 2),
        "rounds": rounds,
        "stored_sentences_identical_to_word_tokenize": stored_identity(WORK / "seg_w2.db"),
    }


def stored_identity(db: Path) -> str:
    """Stored words of each sentence vs word_tokenize on its text, with the fixed words
    ingest used (underthesea's fixed-word pattern reset before every call)."""
    from underthesea import word_tokenize
    from underthesea.pipeline.word_tokenize import regex_tokenize as rt

    from vntransform.corpus.ingest import builtin_terms, fixed_words_for
    from vntransform.corpus.store import Corpus

    fixed = list(fixed_words_for(builtin_terms()))
    pristine = re.compile(rt.regex_patterns_combine, re.VERBOSE | re.UNICODE)
    same = total = 0
    with Corpus.open(db, readonly=True) as corpus:
        for sentence in corpus.iter_sentences():
            rt.patterns = pristine
            has_fixed = any(w in sentence.text for w in fixed)
            ref = (
                word_tokenize(sentence.text, fixed_words=fixed)
                if has_fixed
                else word_tokenize(sentence.text)
            )
            total += 1
            same += list(sentence.tokens) == ref
    rt.patterns = pristine
    return f"{same}/{total}"


def news_sentences(n: int) -> list[str]:
    from underthesea import sent_tokenize

    out: list[str] = []
    with NEWS_SAMPLE.open(encoding="utf-8") as fh:
        for line in fh:
            for paragraph in json.loads(line)["text"].split("\n"):
                out.extend(s for s in sent_tokenize(paragraph) if s.strip())
            if len(out) >= n:
                break
    return out[:n]


def bench_segment(n: int, rounds: int) -> dict:
    src = WORK / "seg_sentences.txt"
    src.write_text("\n".join(news_sentences(n)) + "\n", encoding="utf-8")
    ours, naive = WORK / "seg_vnt.txt", WORK / "seg_naive.txt"
    times: dict[str, list[tuple[float, float]]] = {"naive": [], "vnt": []}
    for r in range(rounds):
        for name in ("naive", "vnt") if r % 2 == 0 else ("vnt", "naive"):
            if name == "naive":
                times[name].append(run([sys.executable, "-c", NAIVE_SEGMENT, str(src), str(naive)]))
                continue
            with ours.open("w", encoding="utf-8") as out:
                times[name].append(
                    run([str(BIN / "vnt"), "segment", "--no-terms", "-i", str(src)], stdout=out)
                )
    a = ours.read_text(encoding="utf-8").splitlines()
    b = naive.read_text(encoding="utf-8").splitlines()
    for path in (src, ours, naive):
        path.unlink(missing_ok=True)
    wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    return {
        "sentences": n,
        "naive_wall_s": round(wall["naive"], 2),
        "vnt_wall_s": round(wall["vnt"], 2),
        "speedup": round(wall["naive"] / wall["vnt"], 2),
        "naive_cpu_s": round(cpu["naive"], 2),
        "vnt_cpu_s": round(cpu["vnt"], 2),
        "cpu_speedup": round(cpu["naive"] / cpu["vnt"], 2),
        "identical_lines": f"{sum(x == y for x, y in zip(a, b, strict=True))}/{len(b)}",
    }


def bench_f1() -> dict:
    out = {}
    for name in ("vlsp2013_test", "ud_vtb_test"):
        raw = EVAL / "ws" / f"{name}.raw.txt"
        pred = WORK / f"seg_{name}.pred.txt"
        with pred.open("w", encoding="utf-8") as fh:
            subprocess.run(
                [str(BIN / "vnt"), "segment", "--no-terms", "-i", str(raw)], check=True, stdout=fh
            )
        score = subprocess.run(
            [
                sys.executable,
                str(EVAL / "ws" / "score.py"),
                str(EVAL / "ws" / f"{name}.gold.txt"),
                str(pred),
                "--json",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        pred.unlink(missing_ok=True)
        out[f"{name}_f1"] = round(json.loads(score.stdout)["f1"], 4)
    return out


def bench_segmentation(sample: int, sentences: int, rounds: int) -> dict:
    """All figures of this script (also called from run.py)."""
    WORK.mkdir(parents=True, exist_ok=True)
    src = WORK / "seg_sample.jsonl"
    stride = max(1, 5000 // sample)
    records = read_jsonl(NEWS_SAMPLE, sample, stride=stride)
    src.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    try:
        figures = {"articles": len(records)}
        figures.update({f"ingest_{k}": v for k, v in bench_ingest(src, rounds).items()})
        figures.update({f"segment_{k}": v for k, v in bench_segment(sentences, rounds).items()})
        figures.update(bench_f1())
    finally:
        src.unlink(missing_ok=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=2000, help="VNTC articles to ingest")
    parser.add_argument("--sentences", type=int, default=40_000, help="lines for vnt segment")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved repetitions")
    args = parser.parse_args()
    require_eval()
    figures = bench_segmentation(args.sample, args.sentences, args.rounds)
    save_results(f"segmentation_{figures['articles']}", figures)
    print_table("segmentation (whole processes, interleaved)", list(figures.items()))


if __name__ == "__main__":
    main()
