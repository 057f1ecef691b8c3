"""The development-set scorer (bench/quotes.py) as a test: skipped without ../shared/eval.

The set is the 40 articles of gold_dev plus every tests/fixtures/quotes_dev/*.jsonl (66
articles), and the held-out parts tests/fixtures/quotes_fresh, quotes_fresh2, quotes_fresh3
(development data since round 6). Issue 12's targets are asserted where they are reached
(indirect >= 0.65, negatives taken for quotes <= 0.05, wrong non-empty speaker <= 0.03, on
every part now). Direct quotes with the right speaker reach 0.84 on the 66 articles, 0.83 on
fresh, 0.92 on fresh2 and 0.84 on fresh3 (round 6), against a target of 0.85: each part is
asserted a little under what it reaches.
"""

import pytest

from tests.conftest import SHARED_EVAL

# part, least articles, direct >=, indirect >=, negatives taken <=, wrong speaker <=
PARTS = [
    # all: 0.84 direct / 0.83 indirect / 3 of 540 wrong on 66 articles (round 6); 0.77 on 84
    # once the dev halves of fresh4/fresh5 join it; 0.86 / 0.80 / 5 of 715 wrong (round 7);
    # 0.861 / 0.822 / 5 of 722 wrong (round 8); 0.834 / 0.799 / 9 of 777 once the dev half
    # of fresh7 joins it (96 articles, before round 9); 0.846 / 0.814 / 6 of 782 wrong
    # (round 9: speaker doubts from the audit, who holds the floor); 0.857 / 0.814 / 5 of
    # 786 wrong (round 10: interviews with plain questions, the interviewee from the lead)
    ("all", 40, 0.85, 0.81, 0.05, 0.008),
    ("fresh", 10, 0.81, 0.65, 0.05, 0.03),  # 0.83 / 0.80, no wrong speaker (round 6)
    ("fresh2", 10, 0.88, 0.65, 0.05, 0.03),  # 0.92 / 0.79, no wrong speaker (round 6)
    # development data since round 6 (first scores 0.76 / 0.73 / 2 of 47 wrong): 0.84 /
    # 0.80 / 1 of 48 wrong
    ("fresh3", 8, 0.81, 0.65, 0.05, 0.03),
    # held out; first scores 0.62 / 0.59 / 10 of 51 wrong (fresh4) and 0.68 / 0.55 / 3 of
    # 51 wrong (fresh5); after rounds 6-7: 0.78 / 0.66 / 4 of 51 and 0.70 / 0.55 / 3 of 51
    # after rounds 9-10 (audit doubts, who holds the floor, interviews): 0.81 / 0.66 / 4 of
    # 52 (fresh4) and 0.80 / 0.55 / 3 of 52 (fresh5)
    ("fresh4", 11, 0.79, 0.62, 0.05, 0.10),
    ("fresh5", 6, 0.77, 0.50, 0.05, 0.07),
    # held out, scored on arrival before round 9: fresh6 (24 articles, kept whole) 0.82 /
    # 0.60 / 5 of 90 wrong, negatives 2 of 52; fresh7's held half (12 articles) 0.57 / 0.54
    # / 6 of 62 wrong, negatives 2 of 23
    ("fresh6", 24, 0.80, 0.57, 0.05, 0.07),
    ("fresh7", 12, 0.54, 0.51, 0.10, 0.11),
]


@pytest.mark.skipif(not (SHARED_EVAL / "gold_dev").exists(), reason="../shared/eval absent")
@pytest.mark.parametrize(
    ("part", "articles", "direct", "indirect", "negatives", "wrong"),
    PARTS,
    ids=[p[0] for p in PARTS],
)
def test_quote_targets(tmp_path, part, articles, direct, indirect, negatives, wrong):
    from bench.quotes import evaluate

    figures = evaluate(work=tmp_path, quiet=True, part=part)
    assert figures["articles"] >= articles
    assert figures["direct"] >= direct, figures
    assert figures["indirect"] >= indirect, figures
    assert figures["negatives_taken"] <= negatives, figures
    assert figures["wrong_speaker"] <= wrong, figures
