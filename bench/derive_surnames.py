"""Derive the family names the quote grammar knows from a public news corpus (counts only).

    python bench/derive_surnames.py [--min-count 12] [--min-share 0.9]

A person introduced in Vietnamese news is nearly always written ``ông|bà|anh|chị|Role`` +
a capitalised run of three syllables + a lower-case word (``ông Tập Cận Bình cho biết``,
``Chủ tịch Ôn Gia Bảo nói``). Over the unannotated articles of the pools issue 12 allows
(``vntc_train_full.jsonl``, unsupervised, and the development pools ``vntc_test_sample``,
``vietnews_dev``, ``vietnews_digital_dev``; never ``vietnews_sample``/``vietnews_digital``,
kept for measurement) this counts, for each capitalised syllable,
how often it opens such a run and how often it stands second or third in one. A syllable
that opens runs often and rarely stands inside one is a family name (Vietnamese, and the
Vietnamese readings of Chinese and Korean names: ``Tập``, ``Ôn``, ``Lưu``); places and
given names fail the share. It writes ``vntransform/data/quotes/surnames_derived.txt``
(never the annotated articles: every id of ``gold_dev`` and ``tests/fixtures/quotes*`` is
skipped).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import EVAL, NEWS_FULL, ROOT  # noqa: E402
from vntransform.quotes.cues import PLACE_WORDS  # noqa: E402
from vntransform.quotes.mentions import looks_foreign  # noqa: E402

# the 2000s corpus (unsupervised use only) and the development pools; the measurement pools
# (vietnews_sample, vietnews_digital) are never read
SOURCES = (
    NEWS_FULL,
    EVAL / "news" / "vntc_test_sample.jsonl",
    EVAL / "news" / "vietnews_dev.jsonl",
    EVAL / "news" / "vietnews_digital_dev.jsonl",
)

OUT = ROOT / "vntransform" / "data" / "quotes" / "surnames_derived.txt"
UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = UPPER.lower()
SYL = rf"[{UPPER}][{LOWER}]+"
# an introducer, three capitalised syllables, then a lower-case word or a comma
INTRO = re.compile(
    rf"(?<!\w)(?:ông|bà|anh|chị|cô|cụ|Chủ tịch|Thủ tướng|Bộ trưởng|Tổng thống|Giám đốc|"
    rf"Tổng Bí thư|Ngoại trưởng|Phó chủ tịch|tiến sĩ|giáo sư|Đại sứ)\s+"
    rf"({SYL})\s+({SYL})\s+({SYL})(?=\s*,|\s+[{LOWER}])"
)


# the first word of a place name ("Thổ Nhĩ Kỳ") opens places, not names
_PLACE_HEADS = frozenset(p.split()[0] for p in PLACE_WORDS)


def annotated_ids() -> set[str]:
    """Ids of every article that holds quote keys (gold_dev and the project's fixtures)."""
    files = list((EVAL / "gold_dev").glob("quotes_*.jsonl"))
    files += list((ROOT / "tests" / "fixtures").glob("quotes*/*.jsonl"))
    ids = set()
    for path in files:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


def count(paths: tuple[Path, ...], skip: set[str]) -> tuple[Counter, Counter]:
    first: Counter = Counter()
    inner: Counter = Counter()
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record.get("id") not in skip:
                    _count_text(record.get("text", ""), first, inner)
    return first, inner


def _count_text(text: str, first: Counter, inner: Counter) -> None:
    for match in INTRO.finditer(text):
        words = match.groups()
        # a place ("Tổng thống Pháp Jacques …") or a foreign spelling is no Vietnamese-
        # syllable name
        if any(looks_foreign(w) or w in PLACE_WORDS for w in words) or words[0] in _PLACE_HEADS:
            continue
        first[words[0]] += 1
        inner[words[1]] += 1
        inner[words[2]] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-share", type=float, default=0.8)
    args = parser.parse_args()
    if not NEWS_FULL.exists():
        raise SystemExit(f"Error: {NEWS_FULL}: not found; set VNT_EVAL to the eval folder")
    first, inner = count(tuple(p for p in SOURCES if p.exists()), annotated_ids())
    known = set(
        (ROOT / "vntransform" / "data" / "quotes" / "surnames.txt").read_text("utf-8").split()
    )
    rows = []
    for word, n in first.most_common():
        share = n / (n + inner[word])
        if n >= args.min_count and share >= args.min_share and word not in known:
            rows.append((word, n, share))
    lines = [
        "# Family names derived by bench/derive_surnames.py from the unannotated articles of",
        "# vntc_train_full, vntc_test_sample, vietnews_dev and vietnews_digital_dev:",
        f"# opening >= {args.min_count} three-syllable names after an honorific or a role,"
        f" and >= {args.min_share:.0%} of their uses there (not in surnames.txt).",
        *(f"{w}  # {n} {s:.2f}" for w, n, s in rows),
    ]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(rows)} surnames -> {OUT.relative_to(ROOT)}")
    for w, n, s in rows:
        print(f"  {w:10} {n:6} {s:.2f}")


if __name__ == "__main__":
    main()
