"""The hand-annotated development keys stay valid against the eval articles they index.

Skips when ``../shared/eval`` is absent (the articles are never copied into the project).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, bench_script

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "quotes_dev").glob("*.jsonl"))


def _checker():
    return bench_script("check_quote_keys")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_dev_key_is_found_once_in_its_article(path):
    checker = _checker()
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    articles = checker.load_articles({rec["id"] for rec in records})
    if not articles:
        pytest.skip(f"eval pools not found under {checker.EVAL}")
    failures = [
        (rec["id"], rec["key"], errors)
        for rec in records
        if (errors := checker.check_line(rec, articles.get(rec["id"]))[0])
    ]
    assert records and failures == []


def test_checker_rejects_a_key_absent_or_repeated():
    checker = _checker()
    text = "Ông Nam nói: “Chúng tôi sẽ làm đúng như đã hứa với dân”. Chúng tôi sẽ làm"
    ok = {
        "id": "x",
        "kind": "direct",
        "speaker": "Nam",
        "layout": "colon",
        "key": "sẽ làm đúng như đã hứa với dân",
    }
    assert checker.check_line(ok, text)[0] == []
    missing = dict(ok, key="sẽ làm sai như đã hứa với dân")
    assert "occurs 0 times" in " ".join(checker.check_line(missing, text)[0])
    repeated = dict(ok, key="Chúng tôi sẽ làm")
    errors = " ".join(checker.check_line(repeated, text)[0])
    assert "occurs 2 times" in errors and "4 words" in errors
