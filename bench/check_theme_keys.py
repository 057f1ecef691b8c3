"""Check theme-annotation key files against their articles and print sentence counts per theme.

    python bench/check_theme_keys.py [FILE.jsonl ...]

Default: every `tests/fixtures/themes_dev/*.jsonl`. Each line is
`{"id", "key", "themes": [...]}` (plus `"part": "title"` for titles). A key must be a
verbatim piece of 6-12 words occurring exactly once in `title + "\\n\\n" + text` of its
article (looked up in `../shared/eval/news/vietnews_dev.jsonl` and
`vietnews_digital_dev.jsonl`), theme names must be tables of the built-in lexicon
`vntransform/data/themes.toml`, and no two keys of one article may overlap (one key per
sentence). An optional second label list, `"themes_any_domain"`, is checked and counted
the same way (see tests/fixtures/themes_dev/README_extra.md). Exit status 1 when any check
fails, 0 otherwise; skips (status 0) when the evaluation data is absent.
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
POOLS = {
    "vietnews_dev.jsonl": "\n\n",
    "vietnews_digital_dev.jsonl": "\n\n",
    "vntc_test_sample.jsonl": "\n",
}
LEXICON = ROOT / "vntransform" / "data" / "themes.toml"
LABEL_FIELDS = ("themes", "themes_any_domain")


def load_articles() -> dict[str, str]:
    articles: dict[str, str] = {}
    for name, joiner in POOLS.items():
        path = EVAL / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)
                full = rec.get("title", "") + joiner + rec.get("text", "")
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
            for field in LABEL_FIELDS:
                labels = row.get(field, [])
                if not isinstance(labels, list):
                    problems.append(f"{where}: {field} must be a list, got {labels!r}")
                    continue
                unknown = [t for t in labels if t not in themes]
                if unknown:
                    problems.append(f"{where}: unknown theme(s) in {field}: {unknown}")
                if len(set(labels)) != len(labels):
                    problems.append(f"{where}: repeated theme in {field}: {labels}")
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
            if row.get("part") == "title" and start + len(key) > text.index("\n"):
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
        ids = {r["id"] for r in rows}
        print(
            f"{path.name}: {len(ids)} articles, {len(body)} scored sentences "
            f"(+{len(rows) - len(body)} titles), {len(problems)} problem(s)"
        )
        fields = [f for f in LABEL_FIELDS if any(f in r for r in body)]
        counts = {f: Counter(t for r in body for t in r.get(f, [])) for f in fields}
        print(f"  {'sentences per theme':<28} " + " ".join(f"{f:>17}" for f in fields))
        for theme in sorted(themes):
            print(f"  {theme:<28} " + " ".join(f"{counts[f].get(theme, 0):>17}" for f in fields))
        print(
            f"  {'(no theme)':<28} "
            + " ".join(f"{sum(1 for r in body if not r.get(f)):>17}" for f in fields)
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
