"""Derive vnt's word statistics from a public news corpus (not article text: counts only).

    python bench/derive_lexicons.py [--every 7]

Reads every n-th article of ``../shared/eval/news/vntc_train_full.jsonl``, splits sentences
and tags parts of speech with underthesea (the same word segmenter as ingest), and writes:

- ``vntransform/data/word_stats.txt``: per lower-cased word seen in at least 3 articles,
  its document frequency, the share of its occurrences tagged as a content word (noun,
  proper noun, verb, adjective, abbreviation), the share that are numerals or units, and
  for a syllable how often it is a word of its own rather than inside a longer word
  ("chắn" is nearly always in "chắc chắn", "che chắn"). Keywords use the first as a
  background model of how generic a word is in news, the others to tell function words,
  bare quantities and halves of words from content.
- ``vntransform/data/multiword.txt``: adjacent word pairs that underthesea keeps apart but
  that behave as one expression: frequent, strongly associated (log-likelihood), and one
  member rarely occurs without the other ("nâng" + "cao", "trở" + "lên").

The intermediate tagged counts are cached in bench/work/ so thresholds can be changed
without tagging again.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import NEWS_FULL, ROOT, WORK

DATA = ROOT / "vntransform" / "data"
CONTENT_TAGS = {"N", "Np", "V", "A", "Y", "Ny", "Nb", "Vb"}
NUMERIC_TAGS = {"M", "Nu"}
WORD = re.compile(r"^[^\W\d_]+( [^\W\d_]+)*$")
MIN_DF = 3
PAIR_MIN_COUNT = 15
PAIR_MIN_SHARE = 0.5  # one member is next to the other at least this often
PAIR_MIN_LLR = 50.0


def tag_counts(every: int) -> dict:
    """Counts from the tagged sample (cached in bench/work/)."""
    cache = WORK / f"word_counts_every{every}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from underthesea import pos_tag, sent_tokenize

    from vntransform.text.normalize import normalize_text

    df: Counter[str] = Counter()
    freq: Counter[str] = Counter()
    content: Counter[str] = Counter()
    numeric: Counter[str] = Counter()  # tagged numeral/unit, or right after a numeral
    left: Counter[str] = Counter()  # a word as the first of an adjacent pair of words
    right: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    pair_df: Counter[tuple[str, str]] = Counter()
    pair_content: Counter[tuple[str, str]] = Counter()  # both halves tagged as content
    n_docs = 0
    start = time.perf_counter()
    with NEWS_FULL.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % every:
                continue
            record = json.loads(line)
            text = normalize_text((record.get("title") or "") + "\n" + record["text"])
            seen: set[str] = set()
            seen_pairs: set[tuple[str, str]] = set()
            for paragraph in text.split("\n"):
                for sentence in sent_tokenize(paragraph):
                    tagged = [(w.lower(), t) for w, t in pos_tag(sentence)]
                    previous = ""
                    for word, tag in tagged:
                        freq[word] += 1
                        content[word] += tag in CONTENT_TAGS
                        numeric[word] += tag in NUMERIC_TAGS or previous == "M"
                        seen.add(word)
                        previous = tag
                    for (a, tag_a), (b, tag_b) in zip(tagged, tagged[1:], strict=False):
                        if WORD.match(a) and WORD.match(b):
                            pairs[a, b] += 1
                            pair_content[a, b] += tag_a in CONTENT_TAGS and tag_b in CONTENT_TAGS
                            seen_pairs.add((a, b))
                            left[a] += 1
                            right[b] += 1
            df.update(seen)
            pair_df.update(seen_pairs)
            n_docs += 1
            if n_docs % 500 == 0:
                print(f"{n_docs} articles, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    counts = {
        "n_docs": n_docs,
        "df": df,
        "freq": freq,
        "content": content,
        "numeric": numeric,
        "pairs": pairs,
        "pair_df": pair_df,
        "pair_content": pair_content,
        "left": left,
        "right": right,
    }
    cache.write_bytes(pickle.dumps(counts))
    return counts


def _llr(k11: int, k12: int, k21: int, k22: int) -> float:
    """Dunning's log-likelihood ratio (G²) of a 2×2 contingency table."""

    def h(*ks: int) -> float:
        total = sum(ks)
        return sum(k * math.log(k / total) for k in ks if k > 0)

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def multiword_pairs(counts: dict) -> list[tuple[str, str, int, float, float]]:
    """(first, second, count, share, llr) of pairs that behave as one expression."""
    pairs, freq = counts["pairs"], counts["freq"]
    total = sum(pairs.values())
    out = []
    for (a, b), n in pairs.items():
        if n < PAIR_MIN_COUNT or len(a) < 2 or len(b) < 2:
            continue
        # the bound member: a single syllable that is rarely a word on its own
        share = max([n / freq[w] for w in (a, b) if " " not in w] or [0.0])
        if share < PAIR_MIN_SHARE:
            continue
        k12, k21 = counts["left"][a] - n, counts["right"][b] - n
        llr = _llr(n, k12, k21, total - n - k12 - k21)
        if llr < PAIR_MIN_LLR or n * total <= counts["left"][a] * counts["right"][b]:
            continue
        out.append((a, b, n, share, llr))
    return sorted(out, key=lambda r: (-r[4], r[0], r[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=7, help="take every n-th article")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    counts = tag_counts(args.every)
    n_docs = counts["n_docs"]
    rows = sorted((w, d) for w, d in counts["df"].items() if d >= MIN_DF and WORD.match(w))
    with (DATA / "word_stats.txt").open("w", encoding="utf-8") as out:
        out.write(
            f"# Derived by bench/derive_lexicons.py from {n_docs:,} articles of VNTC "
            f"(every {args.every}th of the training set), tagged by underthesea.\n"
            "# word<TAB>articles containing it<TAB>share of occurrences tagged "
            "noun/verb/adjective (content)<TAB>share tagged numeral/unit or right "
            "after a numeral<TAB>share of the syllable's occurrences that are the word "
            "itself, not inside a longer word\n"
        )
        out.write(f"#articles\t{n_docs}\n")
        inside: Counter[str] = Counter()  # a syllable's occurrences inside longer words
        for word, n in counts["freq"].items():
            if " " in word:
                for syllable in word.split():
                    inside[syllable] += n
        for word, d in rows:
            n = counts["freq"][word]
            out.write(
                f"{word}\t{d}\t{counts['content'][word] / n:.2f}"
                f"\t{counts['numeric'][word] / n:.2f}\t{n / (n + inside[word]):.2f}\n"
            )
    pairs = multiword_pairs(counts)
    with (DATA / "word_stats.txt").open("a", encoding="utf-8") as out:
        for a, b, *_ in sorted(pairs):  # the expressions too, as the words they form
            n = counts["pairs"][a, b]
            if f"{a} {b}" not in counts["df"]:
                out.write(
                    f"{a} {b}\t{counts['pair_df'][a, b]}\t"
                    f"{counts['pair_content'][a, b] / n:.2f}\t"
                    f"{counts['numeric'][a] / counts['freq'][a]:.2f}\t1.00\n"
                )
    with (DATA / "multiword.txt").open("w", encoding="utf-8") as out:
        out.write(
            f"# Adjacent words that underthesea splits but that behave as one expression,"
            f" derived by\n# bench/derive_lexicons.py from {n_docs:,} VNTC articles: seen "
            f"together >= {PAIR_MIN_COUNT} times, log-likelihood >= {PAIR_MIN_LLR:g},\n"
            f"# and one member next to the other in >= {PAIR_MIN_SHARE:.0%} of its "
            "occurrences. One expression per line, words separated by '|'.\n"
        )
        for a, b, *_ in pairs:
            out.write(f"{a}|{b}\n")
    print(
        f"{len(rows)} words, {len(pairs)} multiword pairs from {n_docs} articles", file=sys.stderr
    )


if __name__ == "__main__":
    main()
