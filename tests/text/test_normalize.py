import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from vntransform.text.normalize import fold_diacritics, normalize_text


def test_nfc_spaces_and_tone_policy():
    raw = unicodedata.normalize("NFD", "Hoà bình") + "\u00a0thuỷ\u200b điện\r\nkhoẻ  mạnh\t!"
    assert normalize_text(raw) == "Hòa bình thủy điện\nkhỏe mạnh !"


def test_keeps_lines_and_paragraph_breaks():
    assert normalize_text("a\n\nb \n") == "a\n\nb\n"


def test_fold_diacritics():
    assert fold_diacritics("Chuyển đổi số ĐÀ NẴNG") == "chuyen doi so da nang"


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
