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
