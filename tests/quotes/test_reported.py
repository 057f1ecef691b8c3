"""Reported speech (quotes/indirect.py) added in round 9; sentences made up for the tests."""

from tests.quotes.conftest import make_doc
from vntransform.quotes import extract_quotes


def reported(*paragraphs):
    doc, sents = make_doc(*paragraphs)
    return [(q.speaker, q.quote) for q in extract_quotes(doc, sents) if q.kind == "indirect"]


def test_a_testimony_made_public_speaks_for_its_author():
    text = (
        "Bị cáo Lâm Văn Tài khai đã nhận tiền từ một người lạ. Chủ tọa công bố lời khai của "
        "Tài cho biết số tiền đó được giao tại một quán cà phê ở quận 5."
    )
    said = [speaker for speaker, quote in reported(text) if "quán cà phê" in quote]
    assert said == ["Lâm Văn Tài"]


def test_theo_between_a_clause_subject_and_its_predicate():
    text = (
        "Ông Lưu Văn Thịnh, nguyên Phó chủ nhiệm Ủy ban Kinh tế, đánh giá cao quy định mới. "
        "Việc cấp xe công hiện nay theo ông Thịnh là rất lãng phí, nhiều nơi dùng xe vào "
        "việc riêng."
    )
    said = [s for s, q in reported(text) if "nhiều nơi dùng xe vào việc riêng" in q]
    assert said == ["Lưu Văn Thịnh"]


def test_following_someone_is_not_reporting_them():
    text = (
        "Ông Lưu Văn Thịnh dẫn đoàn đi kiểm tra. Cả đoàn đi theo ông Thịnh vào tận khu "
        "lán trại của công nhân ở cuối công trường."
    )
    assert not [s for s, q in reported(text) if "khu lán trại" in q]
