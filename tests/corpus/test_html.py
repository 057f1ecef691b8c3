from vntransform.corpus.html import html_to_text

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Trang | Báo</title>
<meta property="og:title" content="Chuyển đổi số &amp; dữ liệu">
<meta property="og:site_name" content="Báo Mẫu">
<meta property="article:published_time" content="2023-05-26T19:40:00+07:00">
<meta name="author" content="Vân Anh"><link rel="canonical" href="https://example.vn/a">
<style>p {color: red}</style><script>document.write("<p>không</p>")</script></head>
<body><header>Menu</header><nav><a>Trang chủ</a></nav>
<article><h1>Chuyển đổi số &amp; dữ liệu</h1>
<p>Thứ trưởng nhấn mạnh: “Người đứng đầu phải quyết tâm” — điều kiện 5 &lt; 6.</p>
<p>Đoạn hai<br>dòng mới với <b>chữ đậm</b> và <i>nghiêng</i> nhưng còn dài hơn nữa để đủ
độ dài của một bài viết thật sự có nhiều chữ, nhiều câu, nhiều ý.</p></article>
<aside>Tin liên quan</aside><footer>© Báo</footer></body></html>"""


def test_article_text_and_metadata():
    text, meta = html_to_text(PAGE)
    assert text.split("\n")[:2] == [
        "Chuyển đổi số & dữ liệu",
        "Thứ trưởng nhấn mạnh: “Người đứng đầu phải quyết tâm” — điều kiện 5 < 6.",
    ]
    assert "Menu" not in text and "không" not in text and "Tin liên quan" not in text
    assert "color" not in text and "© Báo" not in text
    assert meta.title == "Chuyển đổi số & dữ liệu" and meta.outlet == "Báo Mẫu"
    assert meta.published == "2023-05-26T19:40" and meta.author == "Vân Anh"
    assert meta.url == "https://example.vn/a"


def test_malformed_no_body_and_scripts_only_do_not_crash():
    assert html_to_text("<p>một <div>hai</p></span> ba <b>")[0] == "một\nhai\nba"
    assert html_to_text("Chỉ có chữ, không thẻ")[0] == "Chỉ có chữ, không thẻ"
    assert html_to_text("<script>var a = 1;</script><style>x{}</style>")[0] == ""
    assert html_to_text("<!DOCTYPE html><html><head></head></html>")[0] == ""
    assert html_to_text("<<<>>><!-- <p>bình luận</p> --><p>ok</p>")[0].endswith("ok")
