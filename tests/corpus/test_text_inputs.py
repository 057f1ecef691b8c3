"""URLs, e-mails, domains and decimals kept whole; vnt segment equal to ingest's words;
punctuation-only files refused; no author read from a league table."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vntransform.cli import app
from vntransform.corpus.clean import clean_article
from vntransform.corpus.html import html_to_text
from vntransform.corpus.store import Corpus
from vntransform.text.protect import mask_protected, protected_spans
from vntransform.text.segment import segment_words, split_sentences

runner = CliRunner()

PARAGRAPH = (
    "Thông tin chi tiết xem tại https://c63.mic.gov.vn/tin-tuc/abc.html hoặc trang "
    "mic.gov.vn của Bộ. Liên hệ qua thư điện tử lienhe@mic.gov.vn để biết thêm. "
    "Tăng trưởng đạt 6.5% và 3,14 tỷ đồng, tỷ lệ 0.75 điểm."
)


def test_urls_domains_emails_decimals_do_not_split_sentences():
    sentences = [s.text for s in split_sentences(PARAGRAPH)]
    assert sentences == [
        "Thông tin chi tiết xem tại https://c63.mic.gov.vn/tin-tuc/abc.html hoặc trang "
        "mic.gov.vn của Bộ.",
        "Liên hệ qua thư điện tử lienhe@mic.gov.vn để biết thêm.",
        "Tăng trưởng đạt 6.5% và 3,14 tỷ đồng, tỷ lệ 0.75 điểm.",
    ]


def test_urls_domains_emails_decimals_are_one_word_each():
    words = [w for s in split_sentences(PARAGRAPH) for w in segment_words(s.text)]
    for whole in (
        "https://c63.mic.gov.vn/tin-tuc/abc.html",
        "mic.gov.vn",
        "lienhe@mic.gov.vn",
        "6.5",
        "3,14",
    ):
        assert whole in words
    assert "mic" not in words and "gov" not in words and "trang mic" not in words
    syllables = [part for w in words for part in w.split(" ")]
    assert "0.75" in syllables and not {"0", "75", "6", "14"} & set(syllables)


def test_sentence_end_after_a_domain_is_still_an_end():
    text = "Bài viết đăng trên baochinhphu.vn. Ông Dũng nói thêm về dữ liệu."
    assert [s.text for s in split_sentences(text)] == [
        "Bài viết đăng trên baochinhphu.vn.",
        "Ông Dũng nói thêm về dữ liệu.",
    ]


def test_missing_space_after_full_stop_is_not_a_domain():
    assert protected_spans("năm 2020.Trong năm tới") == []


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcxyz.:/@-_ 0123456789,đ")), max_size=80))
def test_mask_keeps_length_and_letters(text):
    masked = mask_protected(text)
    assert len(masked) == len(text)
    assert all(a == b for a, b in zip(text, masked, strict=True) if a.isalnum())


def ingest_text(tmp_path, text, name="a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "v.db"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db), "-w", "1"])
    return result, db


def test_segment_equals_ingest_words(tmp_path):
    lines = [
        "Chuyển đổi số là xu thế tất yếu, người đứng đầu phải quyết tâm.",
        "Thông tin chi tiết xem tại https://c63.mic.gov.vn/ hoặc mic.gov.vn.",
        "Hoà bình và thuỷ điện là chuyện của chính quyền số.",
    ]
    result, db = ingest_text(tmp_path, "\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    with Corpus.open(db, readonly=True) as corpus:
        stored = [" ".join(w.replace(" ", "_") for w in s.tokens) for s in corpus.iter_sentences()]
    segmented = runner.invoke(app, ["segment"], input="\n".join(lines) + "\n")
    assert segmented.exit_code == 0
    assert segmented.stdout.splitlines() == stored
    assert stored[0].startswith("Chuyển_đổi_số là")
    assert "https://c63.mic.gov.vn/" in stored[1].split()


def test_segment_no_terms_is_plain_underthesea():
    from underthesea import word_tokenize

    line = "Chuyển đổi số là xu thế tất yếu"
    with_terms = runner.invoke(app, ["segment", line]).stdout.strip()
    without = runner.invoke(app, ["segment", "--no-terms", line]).stdout.strip()
    assert with_terms.startswith("Chuyển_đổi_số")
    assert without == word_tokenize(line, format="text")


def test_punctuation_and_digits_only_file_refused(tmp_path):
    result, db = ingest_text(tmp_path, "123 456 ... !!! --- 2023/10/13 ***\n")
    assert result.exit_code == 1
    assert "a.txt: no text (only punctuation, digits or symbols)" in result.stderr
    with Corpus.open(db, readonly=True) as corpus:
        assert len(corpus) == 0


LEAGUE = """Hà Nội FC thắng đậm 3-0 trên sân nhà trước sự chứng kiến của hàng nghìn cổ động viên.
Đội bóng thủ đô có chiến thắng thứ ba liên tiếp và vươn lên dẫn đầu bảng xếp hạng.
Huấn luyện viên cho biết đội sẽ tiếp tục cố gắng trong những vòng đấu tới.
Bảng xếp hạng sau vòng 10:
Hà Nội FC
30
Nam Định
28
Công An Hà Nội
25
Vòng sau, Hà Nội FC sẽ làm khách trên sân của đội bóng thành Nam."""


def test_no_author_from_a_league_table_in_text():
    cleaned = clean_article(LEAGUE)
    assert cleaned.metadata.author == ""
    assert "Nam Định" in cleaned.paragraphs  # the table is kept, not dropped as teasers
    assert cleaned.paragraphs[-1].startswith("Vòng sau")


def test_no_author_from_a_league_table_in_html():
    table = (("Hà Nội FC", 30), ("Nam Định", 28), ("Công An Hà Nội", 25))
    rows = "".join(f"<tr><td>{team}</td><td>{points}</td></tr>" for team, points in table)
    body = "".join(f"<p>{line}</p>" for line in LEAGUE.split("\n")[:4])
    text, _ = html_to_text(
        f"<html><body>{body}<table>{rows}</table>"
        "<p>Vòng sau, Hà Nội FC sẽ làm khách.</p></body></html>"
    )
    assert "Hà Nội FC | 30" in text.split("\n")
    assert clean_article(text).metadata.author == ""


def test_real_byline_still_found():
    text = (
        "Tiêu đề bài viết về chuyển đổi số\nĐoạn một nói về chuyển đổi số ở tỉnh.\n"
        "Đoạn hai nói về người đứng đầu phải quyết tâm.\nĐoạn ba kết luận bài viết.\n"
        "Thúy Hồng\nTin liên quan: các bài khác về chuyển đổi số ở địa phương"
    )
    assert clean_article(text).metadata.author == "Thúy Hồng"


def test_segment_protected_calls_the_batch_segmenter_once_with_the_pieces():
    from vntransform.text.protect import segment_protected

    calls = []

    def fake(texts):
        calls.append(list(texts))
        return [t.split() for t in texts]

    words = segment_protected(["xem mic.gov.vn nhé", "không có gì", "gửi a@b.vn"], fake)
    assert calls == [["xem", "nhé", "không có gì", "gửi"]]
    assert words == [["xem", "mic.gov.vn", "nhé"], ["không", "có", "gì"], ["gửi", "a@b.vn"]]
