"""Dates to ISO 8601 from CSV/JSONL fields, HTML meta, datelines and file names; outlets and
URLs; what cannot be read is kept as published_raw and never stored as a date."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from vntransform.cli import app
from vntransform.corpus.dates import date_from_name, parse_date
from vntransform.corpus.html import html_to_text
from vntransform.corpus.ingest import ingest
from vntransform.corpus.metadata import outlet_from_name, outlet_from_url, parse_dateline
from vntransform.corpus.readers import read_source
from vntransform.corpus.store import Corpus

runner = CliRunner()

BODY = (
    "Thứ trưởng Nguyễn Huy Dũng nhấn mạnh người đứng đầu phải quyết tâm chuyển đổi số. "
    "Chuyển đổi số là xu thế tất yếu của các cơ quan nhà nước trong giai đoạn mới."
)

FORMS = [
    ("13/10/2023", "2023-10-13"),
    ("Thứ Sáu, 13/10/2023 - 14:05", "2023-10-13T14:05"),
    ("Thứ sáu, 13/10/2023, 14:05 (GMT+7)", "2023-10-13T14:05"),
    ("13-10-2023", "2023-10-13"),
    ("13.10.2023", "2023-10-13"),
    ("ngày 13 tháng 10 năm 2023", "2023-10-13"),
    ("2023-10-13", "2023-10-13"),
    ("2023-10-13T14:05:00+07:00", "2023-10-13T14:05"),
    ("2023-10-13 14:05:00", "2023-10-13T14:05"),
    ("14:05 13/10/2023", "2023-10-13T14:05"),
    ("Fri, 13 Oct 2023 14:05:00 +0700", "2023-10-13T14:05"),
    ("October 13, 2023", "2023-10-13"),
    ("10/13/2023", "2023-10-13"),  # month first only where nothing else is possible
    ("1697180700", "2023-10-13T14:05"),  # Unix time, in Vietnam's time (UTC+7)
    ("1697180700000", "2023-10-13T14:05"),
]
NOT_DATES = ["yesterday", "hôm qua", "2 giờ trước", "13/10/23", "31/02/2023", "2023"]


@pytest.mark.parametrize("given,iso", FORMS)
def test_parse_date_forms(given, iso):
    assert parse_date(given) == iso


@pytest.mark.parametrize("given", NOT_DATES)
def test_parse_date_refuses_to_guess(given):
    assert parse_date(given) == ""


def test_datelines_in_text():
    assert parse_dateline("Hà Nội, ngày 13 tháng 10 năm 2023") == "2023-10-13"
    assert parse_dateline("Thứ Sáu, 13/10/2023 - 14:05") == "2023-10-13T14:05"
    assert parse_dateline("Ông A nói hôm 13/10/2023 rằng tỉnh sẽ làm tốt hơn nữa.") == ""


@pytest.mark.parametrize(
    "name,iso",
    [
        ("2023-10-13-dantri-bac-lieu.txt", "2023-10-13"),
        ("20231013_bao-cao.pdf", "2023-10-13"),
        ("bao-cao-13-10-2023.docx", "2023-10-13"),
        ("folder/2021-12-16-bac-giang.html", "2021-12-16"),
        ("2022-mic-nhan-thuc.txt", ""),
        ("bao-cao-2023.docx", ""),
    ],
)
def test_date_from_file_name(name, iso):
    assert date_from_name(name) == iso


def _stored(db):
    with Corpus.open(db, readonly=True) as corpus:
        corpus.include_duplicates = True
        return {d.source: d for d in corpus.iter_documents()}


def test_every_form_from_csv_and_jsonl(tmp_path):
    import csv

    path = tmp_path / "a.csv"
    rows = FORMS + [("yesterday", "")]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["title", "date", "url", "text"])
        for i, (given, _) in enumerate(rows):
            writer.writerow(
                [
                    f"Bài {i}",
                    given,
                    f"https://dantri.com.vn/bai-{i}.htm",
                    BODY.replace("mới", f"mới số {i}"),
                ]
            )
    jsonl = tmp_path / "b.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "text": BODY + " Bản JSON.",
                "published": "Thứ Sáu, 13/10/2023 - 14:05",
                "url": "https://c63.mic.gov.vn/x",
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "v.db"
    with Corpus.open(db, create=True) as corpus:
        report = ingest([str(path), str(jsonl)], corpus, workers=1, find_duplicates=False)
    assert not report.failed
    docs = _stored(db)
    for i, (given, iso) in enumerate(rows):
        doc = docs[f"{path}#{i + 1}"]
        assert doc.published == iso, given
        assert doc.published_raw == ("" if iso else given)
        assert doc.outlet == "Dân trí"  # from the URL's host
        assert doc.url == f"https://dantri.com.vn/bai-{i}.htm"
    json_doc = docs[f"{jsonl}:1"]
    assert json_doc.published == "2023-10-13T14:05"
    assert json_doc.outlet == "Bộ Thông tin và Truyền thông"  # c63.mic.gov.vn -> mic.gov.vn


@pytest.mark.parametrize("content,iso", FORMS)
def test_html_meta_dates(content, iso):
    page = (
        f'<html><head><meta property="article:published_time" content="{content}">'
        '<meta property="og:url" content="https://tuoitre.vn/a.htm"></head>'
        f"<body><p>{BODY}</p></body></html>"
    )
    _, meta = html_to_text(page)
    assert meta.published == iso and meta.published_raw == ""
    assert meta.url == "https://tuoitre.vn/a.htm"


def test_html_unreadable_date_kept_raw():
    page = (
        '<html><head><meta name="pubdate" content="2 giờ trước"></head>'
        f"<body><p>{BODY}</p></body></html>"
    )
    _, meta = html_to_text(page)
    assert meta.published == "" and meta.published_raw == "2 giờ trước"


def test_outlet_from_url_and_name():
    assert outlet_from_url("https://dantri.com.vn/xa-hoi/a.htm") == "Dân trí"
    assert outlet_from_url("https://c63.mic.gov.vn/") == "Bộ Thông tin và Truyền thông"
    assert outlet_from_url("https://www.example.org/a") == "example.org"
    assert outlet_from_name("2023-10-13-dantri-bac-lieu.txt") == "Dân trí"
    assert outlet_from_name("2021-04-27-daklak-co-hoi.txt") == ""  # a place, not an outlet


def test_file_name_date_and_outlet_fill_the_gaps(tmp_path):
    path = tmp_path / "2023-10-13-dantri-bai-viet.txt"
    path.write_text(BODY + "\n", encoding="utf-8")
    db = tmp_path / "v.db"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db), "-w", "1"])
    assert result.exit_code == 0, result.stderr
    (doc,) = _stored(db).values()
    assert (doc.published, doc.outlet) == ("2023-10-13", "Dân trí")


def test_unreadable_dates_reported_once_and_docs_counts_undated(tmp_path):
    path = tmp_path / "a.csv"
    lines = (
        ["date,text"]
        + [f'hôm qua,"{BODY} Bài {i}."' for i in range(3)]
        + [f'13/10/2023,"{BODY} Bài có ngày."']
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "v.db"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db), "-w", "1"])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "cannot read" in line]
    assert warnings == [
        f"Warning: 3 articles gave a date vnt cannot read (first: 'hôm qua' in "
        f"{path}#1); kept as published_raw, published left empty"
    ]
    docs = runner.invoke(app, ["docs", "--db", str(db), "-f", "csv"])
    assert docs.stderr.startswith(
        "3 of 4 articles have no date (3 with a date vnt cannot read: see published_raw)"
    )
    assert docs.stdout.count(",hôm qua,") == 3


def test_set_fills_missing_outlet_and_date(tmp_path):
    plain = tmp_path / "bai.txt"
    plain.write_text(BODY + "\n", encoding="utf-8")
    dated = tmp_path / "2021-12-16-khac.txt"
    dated.write_text(BODY.replace("mới", "khác") + "\n", encoding="utf-8")
    db = tmp_path / "v.db"
    result = runner.invoke(
        app,
        [
            "ingest",
            str(plain),
            str(dated),
            "--db",
            str(db),
            "-w",
            "1",
            "--set",
            "outlet=Sở TT&TT Bạc Liêu",
            "--set",
            "published=13/10/2023",
        ],
    )
    assert result.exit_code == 0, result.stderr
    docs = _stored(db)
    assert (docs[str(plain)].outlet, docs[str(plain)].published) == (
        "Sở TT&TT Bạc Liêu",
        "2023-10-13",
    )
    assert docs[str(dated)].published == "2021-12-16"  # its own date wins over --set


@pytest.mark.parametrize(
    "arg,message",
    [
        ("published=hôm qua", "--set published=hôm qua: not a date"),
        ("colour=red", "--set colour=red: use FIELD=VALUE with FIELD one of outlet, published"),
    ],
)
def test_set_rejects_bad_values(tmp_path, arg, message):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", str(tmp_path / "v.db"), "--set", arg])
    assert result.exit_code == 2 and message in result.stderr


def test_docs_prints_url(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"text": BODY, "url": "https://vnexpress.net/a-1.html"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "v.db"
    assert runner.invoke(app, ["ingest", str(path), "--db", str(db)]).exit_code == 0
    docs = runner.invoke(app, ["docs", "--db", str(db), "-f", "json"])
    (record,) = json.loads(docs.stdout)
    assert record["url"] == "https://vnexpress.net/a-1.html" and record["outlet"] == "VnExpress"


def test_jsonl_with_a_first_line_longer_than_the_sample(tmp_path):
    path = tmp_path / "long.jsonl"
    sentence = "Người đứng đầu phải quyết tâm chuyển đổi số ở địa phương, không để dữ liệu rải rác."
    long_text = " ".join([sentence] * 120)  # ~12 KB: the 8 KB sample ends mid-letter
    for shift in range(4):  # whichever byte of a multi-byte letter the sample ends on
        record = {"title": "t" * shift, "text": long_text}
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        (article,) = list(read_source(str(path)))
        assert article.text == long_text


def test_html_json_ld_fills_date_author_outlet():
    page = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": '
        '"2023-10-13T14:05:00+07:00", "author": [{"@type": "Person", "name": "Thúy Hồng"}],'
        ' "publisher": {"@type": "Organization", "name": "Báo Dân trí"}, "url": '
        '"https://dantri.com.vn/a.htm"}]}</script>'
        '<script type="application/ld+json">{broken</script></head>'
        f"<body><p>{BODY}</p></body></html>"
    )
    text, meta = html_to_text(page)
    assert text == BODY
    assert (meta.published, meta.author, meta.outlet, meta.url) == (
        "2023-10-13T14:05",
        "Thúy Hồng",
        "Báo Dân trí",
        "https://dantri.com.vn/a.htm",
    )


@pytest.mark.parametrize("given,iso", FORMS)
def test_every_form_as_a_dateline_under_the_title(given, iso):
    from vntransform.corpus.clean import clean_article

    text = f"Tiêu đề bài viết về chuyển đổi số\n{given}\n{BODY}\n{BODY}"
    cleaned = clean_article(text)
    assert cleaned.metadata.published == iso
    assert given not in cleaned.paragraphs  # the dateline is metadata, not body text
