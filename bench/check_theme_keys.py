"""Check theme-annotation key files against their articles and print sentence counts per theme.

    python bench/check_theme_keys.py [FILE.jsonl ...]

Default: every `tests/fixtures/themes_dev/*.jsonl`. Each line is
`{"id", "key", "themes": [...]}` (plus `"part": "title"` for titles). A key must be a
verbatim piece of 6-12 words occurring exactly once in `title + "\\n\\n" + text` of its
article (looked up in `../shared/eval/news/vietnews_dev.jsonl` and
`vietnews_digital_dev.jsonl`), theme names must be tables of the built-in lexicon
`vntransform/data/themes.toml`, and no two keys of one article may overlap (one key per
sentence). Exit status 1 when any check fails, 0 otherwise; skips (status 0) when the
evaluation data is absent.
"""

from __future__ import annotations

import json
import sys
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "news"
POOLS = ("vietnews_dev.jsonl", "vietnews_digital_dev.jsonl")
LEXICON = ROOT / "vntransform" / "data" / "themes.toml"


def load_articles() -> dict[str, str]:
    articles: dict[str, str] = {}
    for name in POOLS:
        path = EVAL / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)
                full = rec.get("title", "") + "\n\n" + rec.get("text", "")
                articles[rec["id"]] = unicodedata.normalize("NFC", full)
    return articles


def check_file(
    path: Path, articles: dict[str, str], themes: set[str]
) -> tuple[list[str], list[dict]]:
    problems: list[str] = []
    rows: list[dict] = []
    spans: dict[str, list[tuple[int, int, int]]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            where = f"{path.name}:{number}"
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc})")
                continue
            missing = {"id", "key", "themes"} - row.keys()
            if missing:
                problems.append(f"{where}: missing field(s) {sorted(missing)}")
                continue
            rows.append(row)
            unknown = [t for t in row["themes"] if t not in themes]
            if unknown:
                problems.append(f"{where}: unknown theme(s) {unknown}")
            if len(set(row["themes"])) != len(row["themes"]):
                problems.append(f"{where}: repeated theme in {row['themes']}")
            if row.get("part", "body") not in ("title", "body"):
                problems.append(f"{where}: part must be 'title' (or absent), got {row['part']!r}")
            text = articles.get(row["id"])
            if text is None:
                problems.append(f"{where}: article {row['id']} not in {', '.join(POOLS)}")
                continue
            key = unicodedata.normalize("NFC", row["key"])
            words = len(key.split())
            if not 6 <= words <= 12:
                problems.append(f"{where}: key has {words} words (6-12 wanted): {key!r}")
            count = text.count(key)
            if count != 1:
                problems.append(f"{where}: key occurs {count} times in {row['id']}: {key!r}")
                continue
            start = text.index(key)
            if row.get("part") == "title" and start + len(key) > text.index("\n\n"):
                problems.append(f"{where}: title key is not inside the title: {key!r}")
            spans.setdefault(row["id"], []).append((start, start + len(key), number))
    for article, found in spans.items():
        found.sort()
        for (_, end, first), (start, _, second) in zip(found, found[1:], strict=False):
            if start < end:
                problems.append(
                    f"{path.name}:{second}: key overlaps the key of line {first} ({article})"
                )
    return problems, rows


def main(argv: list[str]) -> int:
    fixtures = ROOT / "tests" / "fixtures" / "themes_dev"
    files = [Path(a) for a in argv] or sorted(fixtures.glob("*.jsonl"))
    articles = load_articles()
    if not articles:
        print(f"skipped: no evaluation data under {EVAL}")
        return 0
    themes = set(tomllib.loads(LEXICON.read_text("utf-8")))
    failures = 0
    for path in files:
        problems, rows = check_file(path, articles, themes)
        failures += len(problems)
        for problem in problems:
            print(problem)
        body = [r for r in rows if r.get("part") != "title"]
        counts = Counter(t for r in body for t in r["themes"])
        ids = {r["id"] for r in rows}
        empty = sum(1 for r in body if not r["themes"])
        print(f"{path.name}: {len(ids)} articles, {len(body)} scored sentences "
              f"(+{len(rows) - len(body)} titles), {empty} with no theme, "
              f"{len(problems)} problem(s)")
        for theme in sorted(themes):
            print(f"  {theme:<28} {counts.get(theme, 0):>4}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
