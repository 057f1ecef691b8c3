import pytest

from tests.conftest import SAMPLES
from vntransform.corpus.clean import clean_article
from vntransform.corpus.metadata import parse_byline, parse_dateline, parse_source_line
from vntransform.text.normalize import normalize_text

EXPECTED = {
    "baclieu": {
        "title": "Thách thức lớn nhất trong chuyển đổi số là dám làm hay không",
        "published": "",
        "outlet": "Dân trí",
        "author": "",
    },
    "daklak": {
        "title": "Chuyển đổi số - cơ hội để bứt phá (kỳ 2)",
        "published": "2021-04-27T08:04",
        "outlet": "",
        "author": "Thúy Hồng",
    },
    "bacgiang": {"title": "", "published": "", "outlet": "", "author": "Vân Anh"},
    "danang": {
        "title": "Chuyển đổi số phải là xu thế tất yếu, khách quan, mang tính chất "
        "toàn cầu, toàn dân và toàn xã hội",
        "published": "2023-05-26T19:40",
        "outlet": "",
        "author": "THỦY THANH - KHÁNH NHI",
    },
    "mic": {"title": "", "published": "", "outlet": "Sở Thông tin và Truyền thông", "author": ""},
}


def cleaned(name):
    return clean_article(normalize_text(SAMPLES[name].read_text("utf-8")))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_metadata(name):
    meta = cleaned(name).metadata
    assert {
        "title": meta.title,
        "published": meta.published,
        "outlet": meta.outlet,
        "author": meta.author,
    } == EXPECTED[name]


def test_daklak_chrome_captions_and_teaser():
    article = cleaned("daklak")
    body = "\n".join(article.paragraphs)
    kinds = {(r.kind, r.text) for r in article.removed}
    assert ("chrome", "Multimedia Đọc Báo in") in kinds
    assert ("end_marker", "Ý kiến bạn đọc") in kinds
    assert ("teaser", "(Video) Mùa tiêu “ngọt”") in kinds
    assert sum(r.kind == "caption_repeat" for r in article.removed) == 2
    assert body.count("Điểm kết nối cung - cầu công nghệ") == 1
    assert body.count("tìm hiểu các mô hình chuyển đổi số ở Đắk Lắk") == 1
    assert "Mùa tiêu" not in body and "Thúy Hồng" not in body
    # the pull-quote and its attribution line stay in the body
    assert "“Chuyển đổi số chỉ đơn giản là thay đổi cách nghĩ" in body
    assert "Thứ trưởng Bộ Thông tin và Truyền thông Nguyễn Huy Dũng" in article.paragraphs


def test_bacgiang_keywords_and_teasers_removed():
    article = cleaned("bacgiang")
    assert sum(r.text == "{keywords}" for r in article.removed) == 3
    body = "\n".join(article.paragraphs)
    assert "{keywords}" not in body and "dẫn đầu về chuyển đổi số" not in body
    assert article.paragraphs[-1].startswith("Nhận định chuyển đổi số là một hành trình dài")


def test_danang_chrome_and_lede():
    article = cleaned("danang")
    texts = {r.text for r in article.removed}
    dateline = "Đăng ngày 26-05-2023 19:40, Lượt xem: 374"
    assert {"ĐÁNH GIÁ BÀI VIẾT", "Các tin khác", dateline} <= texts
    assert article.paragraphs[0].startswith("Chiều 26-5, UBND thành phố tổ chức Hội thảo")


def test_baclieu_outlet_prefix_stripped_but_lede_kept():
    article = cleaned("baclieu")
    assert article.paragraphs[0].startswith("Thách thức lớn nhất trong chuyển đổi số tại các")
    assert any(
        r.kind == "source_prefix" and r.text.startswith("(Dân trí)") for r in article.removed
    )


def test_every_removed_line_is_recorded_and_nothing_else_lost():
    for name, path in SAMPLES.items():
        lines = [
            line for line in normalize_text(path.read_text("utf-8")).split("\n") if line.strip()
        ]
        article = cleaned(name)
        whole = [r for r in article.removed if r.kind != "source_prefix"]
        assert len(lines) == len(article.paragraphs) + len(whole), name


def test_general_rules_on_hand_written_text():
    text = "\n".join(
        [
            "Tiêu đề bài viết về dữ liệu",
            "Thứ Ba, 27/04/2021 08:04 (GMT+7)",
            "(VnExpress) – Đoạn mở đầu có nội dung thật.",
            "Chia sẻ",
            "Ảnh chụp hội nghị (Ảnh: T.H).",
            "Ảnh chụp hội nghị (Ảnh: T.H)",
            "Đoạn thứ hai nói về nhận thức.",
            "Đoạn ba: ngày 13/10 diễn ra hội thảo.",
            "Nguyễn Văn An",
            "Tin liên quan",
            "Một bài khác hoàn toàn",
        ]
    )
    article = clean_article(text)
    assert article.metadata.title == "Tiêu đề bài viết về dữ liệu"
    assert article.metadata.published == "2021-04-27T08:04"
    assert article.metadata.outlet == "VnExpress"
    assert article.metadata.author == "Nguyễn Văn An"
    assert article.paragraphs == (
        "Đoạn mở đầu có nội dung thật.",
        "Ảnh chụp hội nghị (Ảnh: T.H).",
        "Đoạn thứ hai nói về nhận thức.",
        "Đoạn ba: ngày 13/10 diễn ra hội thảo.",
    )


def test_detectors_are_strict():
    assert parse_dateline("diễn ra chiều 13/10/2023 tại Bạc Liêu") == ""
    assert parse_dateline("32/13/2021") == ""
    assert parse_byline("Thách thức lớn nhất trong chuyển đổi số") == ""
    assert parse_byline("Đi từng bước vững chắc") == ""
    assert parse_source_line("Theo ông Toàn, công nghệ số càng nhiều người dùng") == ""
    assert parse_source_line("Nguồn: Bộ TT&TT") == "Bộ TT&TT"
