import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, TONES, cp1258_bytes
from vntransform.corpus.decode import (
    decode_bytes,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)
from vntransform.errors import InputError

VOWELS = "aăâeêioôơuưy"
ALL_LETTERS = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
PARAGRAPH = (
    "Thứ trưởng Nguyễn Huy Dũng nhấn mạnh: “Chuyển đổi số trước hết là việc của người "
    "đứng đầu”, cần quyết tâm, kiên định và lấy người dân làm trung tâm."
)


def test_every_letter_round_trips_through_tcvn3_and_vni():
    for letter in ALL_LETTERS:
        assert tcvn3_to_unicode(unicode_to_tcvn3(letter).decode("cp1252")) == letter
        for case in (letter, letter.upper()):
            assert vni_to_unicode(unicode_to_vni(case).decode("cp1252")) == case


@pytest.mark.parametrize("encoder,name", [(unicode_to_tcvn3, "tcvn3"), (unicode_to_vni, "vni")])
def test_legacy_files_are_detected_and_converted(encoder, name):
    raw = encoder(PARAGRAPH)
    decoded = decode_bytes(raw, source="old.txt")
    assert decoded.encoding == name and decoded.text == PARAGRAPH
    # the common real case: legacy text already saved as UTF-8 mojibake
    as_utf8 = raw.decode("cp1252").encode("utf-8")
    assert decode_bytes(as_utf8, source="old.txt") == decoded


def test_known_mojibake_examples():
    assert (
        decode_bytes("ChuyÓn ®æi sè lµ xu thÕ tÊt yÕu".encode("cp1252"), source="a").text
        == "Chuyển đổi số là xu thế tất yếu"
    )
    assert (
        decode_bytes("Chuyeån ñoåi soá laø xu theá taát yeáu".encode("cp1252"), source="a").text
        == "Chuyển đổi số là xu thế tất yếu"
    )


@pytest.mark.parametrize(
    "codec,name",
    [
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-8-sig", "utf-8-sig"),
    ],
)
def test_unicode_variants(codec, name):
    decoded = decode_bytes(PARAGRAPH.encode(codec), source="u.txt")
    assert (decoded.text, decoded.encoding) == (PARAGRAPH, name)


def test_windows_1258_with_combining_marks_becomes_nfc():
    decoded = decode_bytes(cp1258_bytes(PARAGRAPH), source="w.txt")
    assert (decoded.text, decoded.encoding) == (PARAGRAPH, "cp1258")


def test_mixed_unicode_and_tcvn3_lines():
    legacy = unicode_to_tcvn3("Chuyển đổi số là xu thế tất yếu").decode("cp1252")
    decoded = decode_bytes(f"{PARAGRAPH}\n{legacy}\n".encode(), source="m.txt")
    assert decoded.encoding == "utf-8+tcvn3"
    assert decoded.text == f"{PARAGRAPH}\nChuyển đổi số là xu thế tất yếu\n"


def test_sample_files_are_untouched_utf8():
    for path in SAMPLES.values():
        decoded = decode_bytes(path.read_bytes(), source=str(path))
        assert decoded.encoding == "utf-8" and decoded.text == path.read_text("utf-8")


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "a.txt: file is empty"),
        (b" \n\t \r\n", "a.txt: no text (only whitespace)"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "a.txt: not a text file (looks like binary data: PNG)",
        ),
        (b"PK\x03\x04\x14\x00\x00\x00", "a.txt: not a text file (looks like binary data: ZIP)"),
        (bytes(range(0x80, 0x100)) * 4, "a.txt: cannot decode as UTF-8, UTF-16, Windows-1258"),
    ],
)
def test_refusals(data, message):
    with pytest.raises(InputError) as err:
        decode_bytes(data, source="a.txt")
    assert str(err.value).startswith(message)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("abcdeghiklmnopqrstuvxyđĐ ,.:;!?“”\"'()-0123456789")
            + ALL_LETTERS
            + [w.upper() for w in ALL_LETTERS]
        ),
        min_size=1,
        max_size=200,
    ).filter(str.strip)
)
def test_valid_utf8_vietnamese_is_never_converted(text):
    text = unicodedata.normalize("NFC", text)
    assert decode_bytes(text.encode("utf-8"), source="p").text == text
