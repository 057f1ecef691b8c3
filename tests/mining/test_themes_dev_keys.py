"""The hand-annotated theme keys in tests/fixtures/themes_dev stay valid against their articles.

Runs bench/check_theme_keys.py's checks (key of 6-12 words occurring exactly once in its
article, no overlapping keys, theme names of the built-in lexicon). Skipped when
../shared/eval is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_EVAL, bench_script

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "themes_dev").glob("*.jsonl"))

pytestmark = pytest.mark.skipif(
    not (SHARED_EVAL / "news" / "vietnews_dev.jsonl").exists(), reason="../shared/eval absent"
)


def _checker():
    return bench_script("check_theme_keys")


@pytest.fixture(scope="module")
def checker_and_data():
    import tomllib

    checker = _checker()
    themes = set(tomllib.loads(checker.LEXICON.read_text("utf-8")))
    return checker, checker.load_articles(), themes


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_keys_are_valid(checker_and_data, path: Path) -> None:
    checker, articles, themes = checker_and_data
    problems, rows = checker.check_file(path, articles, themes)
    assert problems == []
    assert rows, f"{path.name} holds no annotation"


def test_checker_reports_bad_keys(checker_and_data, tmp_path: Path) -> None:
    checker, articles, themes = checker_and_data
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "vietnews/test/002588", "key": "Thủ tướng", "themes": []}\n'
        '{"id": "vietnews/test/002588", "key": "Tham dự hội nghị có phó thủ tướng",'
        ' "themes": ["citizen_service"]}\n'
        '{"id": "vietnews/test/002588", "key": "hội nghị có phó thủ tướng thường trực",'
        ' "themes": []}\n',
        encoding="utf-8",
    )
    problems, _ = checker.check_file(bad, articles, themes)
    text = "\n".join(problems)
    assert "key has 2 words" in text
    assert "occurs 12 times" in text
    assert "unknown theme(s) in themes: ['citizen_service']" in text
    assert "overlaps the key of line 2" in text
