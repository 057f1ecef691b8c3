"""Check hand-annotated quote keys against the articles they were written on.

Usage: python bench/check_quote_keys.py [FIXTURE.jsonl ...]
(default: every ``tests/fixtures/quotes_dev/*.jsonl``).

Each fixture line is ``{"id", "kind", "key", ...}`` as in ``../shared/eval/gold_dev``.
Articles are read from the eval pools (``VNT_EVAL`` or ``../shared/eval``); a key is looked
up in ``title + "\\n\\n" + text`` (VietNews ids) or ``title + "\\n" + text`` (VNTC ids),
NFC and case-folded. Checks: the article exists; a direct or indirect key occurs exactly
once and has 6-12 words, a speaker and a known layout; a negative key occurs at least once;
the speaker's name occurs in the article (a warning only, for organisations spelt
differently); no duplicate lines. Prints every failure, then counts per kind, per layout
and per article. Exit status 1 when any check fails.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("VNT_EVAL", ROOT.parent / "shared" / "eval"))
POOLS = ("vietnews_dev.jsonl", "vntc_test_sample.jsonl", "vietnews_digital_dev.jsonl")
LAYOUTS = {"before", "after", "colon", "pullquote", "other", "interview"}
KINDS = {"direct", "indirect", "negative"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def load_articles(ids: set[str]) -> dict[str, str]:
    """Article text (title + separator + body) of the wanted ids, from the eval pools."""
    out: dict[str, str] = {}
    for name in POOLS:
        path = EVAL / "news" / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in ids and rec["id"] not in out:
                    sep = "\n\n" if rec["id"].startswith("vietnews/") else "\n"
                    out[rec["id"]] = rec.get("title", "") + sep + rec.get("text", "")
    return out


def check_line(rec: dict, text: str | None) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    warnings: list[str] = []
    kind, key = rec.get("kind"), rec.get("key", "")
    if kind not in KINDS:
        errors.append(f"kind {kind!r} not one of {sorted(KINDS)}")
    if not key:
        errors.append("empty key")
    if text is None:
        errors.append("article not found in the eval pools")
        return errors, warnings
    hits = _fold(text).count(_fold(key))
    if kind == "negative":
        if hits < 1:
            errors.append("key not found")
    else:
        if hits != 1:
            errors.append(f"key occurs {hits} times (want exactly 1)")
        words = len(key.split())
        if not 6 <= words <= 12:
            errors.append(f"key has {words} words (want 6-12)")
        if rec.get("layout") not in LAYOUTS:
            errors.append(f"layout {rec.get('layout')!r} not one of {sorted(LAYOUTS)}")
        speaker = rec.get("speaker", "")
        if not speaker:
            errors.append("empty speaker")
        elif _fold(speaker) not in _fold(text):
            warnings.append(f"speaker {speaker!r} not spelt so in the article")
    return errors, warnings


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "tests/fixtures/quotes_dev").glob("*.jsonl"))
    if not paths:
        print("Error: check_quote_keys: no fixture files; pass FIXTURE.jsonl paths")
        return 1
    records: list[tuple[str, int, dict]] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    records.append((str(path), n, json.loads(line)))
    ids = {rec["id"] for _, _, rec in records}
    articles = load_articles(ids)
    if not articles:
        print(f"check_quote_keys: skipped, no eval pools under {EVAL}")
        return 0
    failed = 0
    seen: set[tuple] = set()
    for path, n, rec in records:
        errors, warnings = check_line(rec, articles.get(rec["id"]))
        ident = (rec["id"], rec.get("kind"), _fold(rec.get("key", "")))
        if ident in seen:
            errors.append("duplicate line")
        seen.add(ident)
        for msg in errors:
            print(f"FAIL {path}:{n} {rec['id']} {rec.get('key')!r}: {msg}")
        for msg in warnings:
            print(f"warn {path}:{n} {rec['id']} {rec.get('key')!r}: {msg}")
        failed += bool(errors)
    kinds = Counter(rec["kind"] for _, _, rec in records)
    layouts: dict[str, Counter] = defaultdict(Counter)
    per_article: dict[str, Counter] = defaultdict(Counter)
    for _, _, rec in records:
        if rec["kind"] != "negative":
            layouts[rec["kind"]][rec.get("layout")] += 1
        per_article[rec["id"]][rec["kind"]] += 1
    print(f"\n{len(records)} lines, {len(ids)} articles, {failed} failing")
    print("per kind:   " + ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds)))
    for kind in sorted(layouts):
        by_layout = ", ".join(f"{k} {v}" for k, v in sorted(layouts[kind].items()))
        print(f"{kind:9s} by layout: {by_layout}")
    print("per article (direct/indirect/negative):")
    for art in sorted(per_article):
        c = per_article[art]
        print(f"  {art}: {c['direct']}/{c['indirect']}/{c['negative']} = {sum(c.values())}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
