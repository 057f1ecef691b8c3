"""The speaker audit (tests/fixtures/quotes_audit) as a test: skipped without ../shared/eval.

Judged rows of `vnt quotes` on unannotated development articles: audit.jsonl was 16 of 200
wrong (8.0%) with the round-8 code, audit_b.jsonl 6 of 100, audit_c.jsonl 2 of 80 and
audit_d.jsonl 8 of 86 with the round-9 code before each was looked at; round 9 ends at 3 of
200, 1 of 100, 0 of 80 and 1 of 86.
A row whose speaker changed to another name counts as wrong here until a person judges it
again (`bench/quote_audit.py score`).
"""

import json

import pytest

from tests.conftest import ROOT, SHARED_EVAL

AUDIT_DIR = ROOT / "tests" / "fixtures" / "quotes_audit"
# file, wrong (non-empty) speakers of the audited rows <= (issue 12's target is 0.03), right
# speakers blanked or lost <= (none in round 9)
FILES = [
    ("audit.jsonl", 0.025, 4),
    ("audit_b.jsonl", 0.02, 2),
    ("audit_c.jsonl", 0.025, 2),
    ("audit_d.jsonl", 0.025, 2),
    ("audit_e.jsonl", 0.03, 1),
]


def test_audit_rows_are_keys_not_text():
    for name, _limit, _lost in FILES:
        for line in (AUDIT_DIR / name).read_text("utf-8").splitlines():
            row = json.loads(line)
            assert set(row) == {"id", "key", "words", "speaker", "path", "verdict", "right"}
            assert row["verdict"] in ("right", "wrong", "empty")
            assert len(row["key"].split()) <= 12


@pytest.mark.skipif(not (SHARED_EVAL / "news").exists(), reason="../shared/eval absent")
@pytest.mark.parametrize(("name", "limit", "lost"), FILES, ids=[f[0] for f in FILES])
def test_audit_wrong_speakers(tmp_path, name, limit, lost):
    from bench.quote_audit import score

    figures = score(AUDIT_DIR / name, print=lambda *a, **k: None, work=tmp_path)
    wrong = figures["wrong_now"] + figures["rejudge"] / figures["rows"]
    assert wrong <= limit, figures
    assert figures["lost"] <= lost, figures
