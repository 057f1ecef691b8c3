"""Check the hand-annotated VNTC quote keys in tests/fixtures/quotes_dev/vntc_dev.jsonl.

Every key must occur (NFC, case-insensitive) in its article's ``title + "\\n" + text`` from
``../shared/eval/news/vntc_test_sample.jsonl``; a direct or indirect key must be 6-12 words
and occur once; lines must carry the fields the gold_dev README asks for; no article may
repeat one of the ids already annotated in ``../shared/eval/gold_dev/quotes_vntc_dev.jsonl``.
Prints the failures, then counts per kind, per layout and per article. Exit 1 on a failure.

    python bench/check_quote_keys_vntc.py [FIXTURE]

Conventions of the annotation (on top of ../shared/eval/gold_dev/README.md):
- Quotes shorter than 6 words (``"Dạ đúng"``, ``"198.000 USD"``) have no line: a key needs 6.
- An unnamed but unique, definite role holder keeps the role as speaker (``chủ tọa``,
  ``đại diện Viện Kiểm sát``); an indefinite one (``một sinh viên``, ``giám đốc một doanh
  nghiệp``, ``Ai đó``) is skipped. ``tòa`` asking a question is an org speaker.
- Dialogue turns with no attribution clause (alternating court questions and answers), the
  second part of a split quote, and a quote after a separate sentence naming the speaker
  (``X cũng đồng tình. "…"``) are ``other``; ``Chủ tọa: "…"`` / ``Hà: "…"`` turns are
  ``interview``; a partial quote inside a reporting clause (``X nói rằng "…"``, ``khai rằng
  "…"``) is direct with layout ``before``.
- Direct speech after a colon without marks (``X tâm sự: Vốn chỉ là…``) is direct/colon.
- A proverb or catchphrase uttered by a named person in reply (``bà buột miệng: "…"``) is
  direct; one cited by the writer (``như câu: "…"``, ``Các cụ đã đúc kết: "…"``) is negative.
- Words quoted as words (mispronunciations, usage examples), nicknames, programme and law
  titles, printed certificate text and scare quotes (also nested inside speech) are negative.
- Fragments of a document quoted mid-sentence (conditions of a bill, a clause of a fake
  contract) are left out: neither clearly speech nor clearly not.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import EVAL, NEWS_SAMPLE, ROOT, require_eval  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "quotes_dev" / "vntc_dev.jsonl"
GOLD_DEV = EVAL / "gold_dev" / "quotes_vntc_dev.jsonl"
KINDS = {"direct", "indirect", "negative"}
LAYOUTS = {"before", "after", "colon", "pullquote", "interview", "other"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _articles(ids: set[str]) -> dict[str, str]:
    out = {}
    with NEWS_SAMPLE.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in ids:
                out[rec["id"]] = _fold(rec["title"] + "\n" + rec["text"])
    return out


def check(lines: list[dict], articles: dict[str, str], taken: set[str]) -> list[str]:
    """One message per problem found in ``lines``."""
    problems = []
    seen = set()
    for n, row in enumerate(lines, 1):
        where = f"line {n} ({row.get('id')}, {row.get('key', '')[:40]!r})"
        kind = row.get("kind")
        if kind not in KINDS:
            problems.append(f"{where}: kind {kind!r} not one of {sorted(KINDS)}")
            continue
        if row.get("id") in taken:
            problems.append(f"{where}: article already in {GOLD_DEV.name}")
        text = articles.get(row.get("id"))
        if text is None:
            problems.append(f"{where}: no such article in {NEWS_SAMPLE.name}")
            continue
        key = _fold(row.get("key", ""))
        hits = text.count(key)
        if not key or hits == 0:
            problems.append(f"{where}: key not found in the article")
        if (row["id"], key, kind) in seen:
            problems.append(f"{where}: duplicate line")
        seen.add((row["id"], key, kind))
        if kind == "negative":
            continue
        words = len(key.split())
        if not 6 <= words <= 12:
            problems.append(f"{where}: key has {words} words, want 6-12")
        if hits > 1:
            problems.append(f"{where}: key occurs {hits} times, want once")
        if not row.get("speaker"):
            problems.append(f"{where}: no speaker")
        if row.get("layout") not in LAYOUTS:
            problems.append(f"{where}: layout {row.get('layout')!r} not one of {sorted(LAYOUTS)}")
    return problems


def main(argv: list[str]) -> int:
    require_eval()
    path = Path(argv[0]) if argv else FIXTURE
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    taken = set()
    if GOLD_DEV.exists():
        taken = {json.loads(x)["id"] for x in GOLD_DEV.read_text(encoding="utf-8").splitlines()
                 if x.strip()}
    articles = _articles({row.get("id") for row in lines})
    problems = check(lines, articles, taken)
    for msg in problems:
        print("FAIL", msg)
    kinds = Counter(row.get("kind") for row in lines)
    layouts = Counter((row.get("kind"), row.get("layout")) for row in lines
                      if row.get("kind") != "negative")
    per_article = Counter(row.get("id") for row in lines)
    orgs = sum(1 for row in lines if row.get("org"))
    print(f"{len(lines)} lines, {len(per_article)} articles, {len(problems)} problems")
    print("per kind:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())), f"(org {orgs})")
    by_layout = ", ".join(f"{k}/{lay} {v}" for (k, lay), v in sorted(layouts.items()))
    print("per kind/layout:", by_layout)
    for art, count in per_article.items():
        sub = Counter(row.get("kind") for row in lines if row.get("id") == art)
        print(f"  {art:24} {count:3}  " + " ".join(f"{k} {sub[k]}" for k in sorted(KINDS)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
