"""The development-set scorer (bench/quotes.py) as a test: skipped without ../shared/eval.

The set is the 40 articles of gold_dev plus every tests/fixtures/quotes_dev/*.jsonl (66
articles), and the 10 articles of tests/fixtures/quotes_fresh (annotated after rounds 1-2,
then used as development data in round 3). Issue 12's targets are asserted where they are
reached (indirect >= 0.65, negatives taken for quotes <= 0.05, wrong non-empty speaker <=
0.03; indirect is 0.83 on the 66 articles and 0.74 on the fresh part). Direct quotes with
the right speaker reach 0.81 on the 66 articles (0.84 on the development part, 0.77 on the
check part) and 0.77 on the fresh part, against a target of 0.85, so 0.80 and 0.75 are
asserted.
"""

import pytest

from tests.conftest import SHARED_EVAL


@pytest.mark.skipif(not (SHARED_EVAL / "gold_dev").exists(), reason="../shared/eval absent")
def test_development_set_targets(tmp_path):
    from bench.quotes import evaluate

    figures = evaluate(work=tmp_path, quiet=True)
    assert figures["articles"] >= 40
    assert figures["direct"] >= 0.80, figures
    assert figures["indirect"] >= 0.65, figures
    assert figures["negatives_taken"] <= 0.05, figures
    assert figures["wrong_speaker"] <= 0.03, figures


@pytest.mark.skipif(not (SHARED_EVAL / "gold_dev").exists(), reason="../shared/eval absent")
def test_fresh_part_targets(tmp_path):
    from bench.quotes import evaluate

    figures = evaluate(work=tmp_path, quiet=True, part="fresh")
    assert figures["articles"] >= 10
    assert figures["direct"] >= 0.75, figures
    assert figures["indirect"] >= 0.65, figures
    assert figures["negatives_taken"] <= 0.05, figures
    assert figures["wrong_speaker"] <= 0.03, figures


@pytest.mark.skipif(not (SHARED_EVAL / "gold_dev").exists(), reason="../shared/eval absent")
def test_fresh2_part_targets(tmp_path):
    # held out until round 4, then used as development data (0.83 direct, 0.71 indirect)
    from bench.quotes import evaluate

    figures = evaluate(work=tmp_path, quiet=True, part="fresh2")
    assert figures["articles"] >= 10
    assert figures["direct"] >= 0.78, figures
    assert figures["indirect"] >= 0.65, figures
    assert figures["negatives_taken"] <= 0.05, figures
    assert figures["wrong_speaker"] <= 0.03, figures
