from hypothesis import given, settings
from hypothesis import strategies as st
from underthesea import word_tokenize

from vntransform.text.normalize import normalize_text
from vntransform.text.segment import segment_line, segment_words, split_sentences

SENTENCES = [
    "Chuyển đổi số là xu thế tất yếu, giúp cho chính quyền các cấp hoạt động hiệu quả.",
    "Ông Bùi Thanh Toàn, Giám đốc Sở TT&TT tỉnh Bạc Liêu, cho rằng người dùng quyết định.",
    "Năm 2022, Bộ TT&TT sẽ triển khai chương trình đào tạo cho 10.000 cán bộ.",
    "Hoà bình và thuỷ điện",
]


def test_segment_line_equals_underthesea_text_format():
    for sentence in SENTENCES:
        assert segment_line(sentence) == word_tokenize(sentence, format="text")


def test_fixed_words_make_one_word():
    words = segment_words("Phát triển kinh tế số và chuyển đổi số", fixed_words=["kinh tế số"])
    assert "kinh tế số" in words


def test_split_sentences_offsets_point_into_paragraph():
    paragraph = "Thời gian qua, tỉnh rất nỗ lực. Tuy nhiên, công tác này vẫn còn khó khăn."
    spans = split_sentences(paragraph)
    assert [s.text for s in spans] == [
        "Thời gian qua, tỉnh rất nỗ lực.",
        "Tuy nhiên, công tác này vẫn còn khó khăn.",
    ]
    for span in spans:
        assert paragraph[span.start : span.end] == span.text


def test_conll_with_pos():
    out = segment_line("Ông Toàn nói", style="conll", pos=True)
    assert out.splitlines() == ["Ông\tNc", "Toàn\tNp", "nói\tV"]


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãằắặẳẵ .,;:!?“”\"'()-"),
        max_size=80,
    )
)
def test_segment_joined_words_equal_normalised_input(text):
    normalized = normalize_text(text)
    words = segment_words(normalized)
    assert "".join(words).replace(" ", "") == normalized.replace(" ", "").replace("\n", "")
