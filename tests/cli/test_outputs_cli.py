"""Outputs a journalist can use: filters, --by, cited rows, xlsx, safe CSV, BOM, --columns,
usage errors, show -o, --help, and Ctrl-C through a real terminal-like signal."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from vntransform.cli import app

runner = CliRunner()

HYPERLINK = '=HYPERLINK("http://lua-dao.example","bấm vào đây")'
# Six short articles written for these tests: three outlets, three years, one undated.
ARTICLES = [
    (
        "2021-03-10T08:00",
        "VnExpress",
        "Sở ngành chậm chia sẻ dữ liệu",
        "Ông Nguyễn Văn An, Giám đốc Sở Thông tin và Truyền thông, cho biết việc chia sẻ dữ "
        "liệu giữa các sở ngành còn chậm.\n“Chúng tôi phải chia sẻ dữ liệu nhanh hơn nữa để "
        "người dân không phải khai báo nhiều lần”, ông Nguyễn Văn An nói.",
    ),
    (
        "2022-06-15",
        "VnExpress",
        "Tỉnh xây dựng kho dữ liệu dùng chung",
        "Tỉnh đã xây dựng kho dữ liệu dùng chung cho các cơ quan nhà nước.\nBà Trần Thị Bình, "
        "Phó chủ tịch UBND tỉnh, nhấn mạnh rằng người đứng đầu phải trực tiếp chỉ đạo.",
    ),
    (
        "2023-01-20",
        "Dân trí",
        "Người đứng đầu phải dám làm",
        "Người đứng đầu các địa phương phải dám nghĩ dám làm trong chuyển đổi số.\n“Lãnh đạo "
        "không vào cuộc thì không thể thành công được”, ông Lê Văn Cường khẳng định.",
    ),
    (
        "2023-08-05",
        "Dân trí",
        "Kết nối cơ sở dữ liệu dân cư",
        "Cơ sở dữ liệu dân cư đã được kết nối với nhiều bộ ngành.\nÔng Phạm Minh Dũng cho biết "
        "việc kết nối giúp giảm giấy tờ cho người dân khi làm thủ tục.",
    ),
    (
        "",
        "Tuổi Trẻ",
        "Bài viết không ghi ngày",
        "Nhiều doanh nghiệp nhỏ chưa biết bắt đầu chuyển đổi số từ đâu.\nBà Hoàng Thị Lan cho "
        "rằng doanh nghiệp cần được hướng dẫn cụ thể hơn về kỹ năng số.",
    ),
    (
        "2023-11-30",
        "Tuổi Trẻ",
        "Cảnh giác với đường link lạ",
        "Kẻ gian gửi bảng tính có công thức lạ cho nhân viên văn phòng.\n“"
        + HYPERLINK
        + " là công thức kẻ gian dùng để lừa người dùng”, ông Vũ Đức Hải, chuyên gia an ninh "
        "mạng, cảnh báo.",
    ),
]
KNOWN_QUOTE = (
    "Chúng tôi phải chia sẻ dữ liệu nhanh hơn nữa để người dân không phải khai báo nhiều lần"
)


@pytest.fixture(scope="module")
def news_db(tmp_path_factory) -> Path:
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    folder = tmp_path_factory.mktemp("news")
    src = folder / "articles.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i, (published, outlet, title, text) in enumerate(ARTICLES):
            fh.write(
                json.dumps(
                    {
                        "title": title,
                        "published": published,
                        "outlet": outlet,
                        "url": f"https://tin.example/bai-{i}",
                        "text": text,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    db = folder / "news.db"
    with Corpus.open(db, create=True) as corpus:
        report = ingest([str(src)], corpus, workers=1)
    assert len(report.added) == len(ARTICLES) and not report.failed
    return db


def run(*args: str):
    return runner.invoke(app, list(args))


def csv_of(result) -> pd.DataFrame:
    assert result.exit_code == 0, result.output
    return pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)


# -- filters and comparisons -----------------------------------------------------------------


def test_filters_change_the_counts(news_db):
    db = ("--db", str(news_db), "--by-doc", "-f", "csv")
    everything = csv_of(run("themes", *db))
    since = csv_of(run("themes", *db, "--since", "2022"))
    until = csv_of(run("themes", *db, "--until", "2022-06"))
    outlet = csv_of(run("themes", *db, "--outlet", "vnexpress"))
    both = csv_of(run("themes", *db, "--outlet", "Dân trí", "--since", "2023-06"))
    assert len(everything) == 6
    assert len(since) == 4 and set(since["published"].str[:4]) == {"2022", "2023"}
    assert list(until["published"].str[:7]) == ["2021-03", "2022-06"]
    assert set(outlet["outlet"]) == {"VnExpress"} and list(outlet["doc_id"]) == list(
        until["doc_id"]
    )
    assert list(both["title"]) == ["Kết nối cơ sở dữ liệu dân cư"]
    listed = csv_of(run("docs", "--db", str(news_db), "-f", "csv", "--since", "2022"))
    assert list(listed["doc_id"]) == list(since["doc_id"])
    kwic = csv_of(run("kwic", "người đứng đầu", "--db", str(news_db), "-f", "csv"))
    later = csv_of(
        run("kwic", "người đứng đầu", "--db", str(news_db), "-f", "csv", "--since", "2023")
    )
    assert len(kwic) == 2 and list(later["published"]) == ["2023-01-20"]


def test_outlets_and_docs_accumulate(news_db):
    db = ("--db", str(news_db))
    docs = csv_of(run("docs", *db, "-f", "csv"))
    one = csv_of(run("quotes", *db, "-f", "csv", "--outlet", "Dân trí"))
    two = csv_of(run("quotes", *db, "-f", "csv", "--outlet", "Dân trí", "--outlet", "tuoi tre"))
    assert set(one["outlet"]) == {"Dân trí"}
    assert set(two["outlet"]) == {"Dân trí", "Tuổi Trẻ"} and len(two) > len(one)
    first, second = docs["doc_id"][0], docs["doc_id"][2]
    picked = csv_of(
        run("themes", *db, "--by-doc", "-f", "csv", "--doc", first[:6], "--doc", second)
    )
    assert list(picked["doc_id"]) == [first, second]


def test_undated_articles_leave_when_a_period_is_asked(news_db):
    db = ("--db", str(news_db))
    all_quotes = csv_of(run("quotes", *db, "-f", "csv"))
    dated = csv_of(run("quotes", *db, "-f", "csv", "--since", "2000"))
    assert "Hoàng Thị Lan" in set(all_quotes["speaker"])
    assert "Hoàng Thị Lan" not in set(dated["speaker"])


def test_unknown_outlet_and_bad_date_are_usage_errors(news_db):
    result = run("themes", "--db", str(news_db), "--outlet", "Nhân Dân")
    assert result.exit_code == 2 and result.stdout == ""
    assert "Nhân Dân" in result.stderr and "VnExpress" in result.stderr
    result = run("themes", "--db", str(news_db), "--since", "last year")
    assert result.exit_code == 2 and "--since last year: not a date" in result.stderr


def test_themes_by_year_and_outlet(news_db):
    by_year = csv_of(run("themes", "--db", str(news_db), "--by", "year", "-f", "csv"))
    assert list(by_year["year"]) == ["2021", "2022", "2023", "(undated)"]
    assert list(by_year["articles"]) == [1, 1, 3, 1]
    # 2021's one article talks of data sharing; 2 of 2023's 3 do (the data-sharing terms)
    assert by_year.set_index("year").loc["2021", "data_sharing"] == 1.0
    assert by_year.set_index("year").loc["2023", "leadership"] == pytest.approx(1 / 3, abs=1e-3)
    by_outlet = csv_of(run("themes", "--db", str(news_db), "--by", "outlet", "-f", "csv"))
    assert set(by_outlet["outlet"]) == {"VnExpress", "Dân trí", "Tuổi Trẻ"}
    assert by_outlet["articles"].sum() == len(ARTICLES)


def test_keywords_by_year_lists_top_terms_per_group(news_db):
    frame = csv_of(run("keywords", "--db", str(news_db), "--by", "year", "--top", "3", "-f", "csv"))
    assert list(frame.columns) == ["year", "articles", "rank", "term", "score", "doc_freq", "count"]
    assert set(frame["year"]) == {"2021", "2022", "2023", "(undated)"}
    assert frame.groupby("year")["rank"].max().max() == 3
    assert "dữ liệu" in " ".join(frame[frame["year"] == "2021"]["term"])


def test_quotes_about_a_term_and_a_theme(news_db):
    db = ("--db", str(news_db))
    about = csv_of(run("quotes", *db, "--about", "dữ liệu", "-f", "csv"))
    assert "Nguyễn Văn An" in set(about["speaker"])
    assert "Lê Văn Cường" not in set(about["speaker"])
    folded = csv_of(run("quotes", *db, "--about", "du lieu", "--fold", "-f", "csv"))
    assert set(folded["speaker"]) == set(about["speaker"])
    leaders = csv_of(run("quotes", *db, "--theme", "leadership", "-f", "csv"))
    assert "Lê Văn Cường" in set(leaders["speaker"])
    assert "Vũ Đức Hải" not in set(leaders["speaker"])


def test_repeated_speakers_accumulate(news_db):
    db = ("--db", str(news_db))
    one = csv_of(run("quotes", *db, "-s", "an", "-f", "csv"))
    both = csv_of(run("quotes", *db, "-s", "nguyen van an", "-s", "cuong", "-f", "csv"))
    assert set(both["speaker"]) == {"Nguyễn Văn An", "Lê Văn Cường"}
    assert len(both) > len(one[one["speaker"] == "Nguyễn Văn An"])


def test_options_that_do_nothing_are_usage_errors(news_db):
    result = run("themes", "--db", str(news_db), "--theme", "leadership")
    assert result.exit_code == 2 and "--evidence" in result.stderr
    result = run("keywords", "--db", str(news_db), "--by", "year", "--per-doc")
    assert result.exit_code == 2
    result = run("quotes", "--db", str(news_db), "--fold")
    assert result.exit_code == 2 and "--theme or --about" in result.stderr


# -- cited rows ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("quotes",),
        ("themes", "--evidence"),
        ("themes", "--by-doc"),
        ("kwic", "dữ liệu"),
        ("keywords", "--per-doc"),
        ("topics", "--assignments", "--k", "2"),
    ],
)
def test_every_article_row_is_cited(news_db, args):
    frame = csv_of(run(*args, "--db", str(news_db), "-f", "csv"))
    columns = list(frame.columns)
    assert columns.index("doc_id") < columns.index("published")
    for column in ("title", "published", "outlet", "url"):
        assert column in columns
    assert frame["url"].str.startswith("https://tin.example/bai-").all()
    docs = csv_of(run("docs", "--db", str(news_db), "-f", "csv")).set_index("doc_id")
    for row in frame.head(5).itertuples(index=False):
        assert row.outlet == docs.at[row.doc_id, "outlet"]
        assert row.title == docs.at[row.doc_id, "title"]


# -- formats ---------------------------------------------------------------------------------


def test_xlsx_workbook_reads_back(news_db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "quotes.xlsx"
    result = run("quotes", "--db", str(news_db), "-o", str(out))
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[:6] == ["doc_id", "source", "title", "published", "outlet", "url"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    rows = [list(row) for row in ws.iter_rows(min_row=2)]
    quote_col, date_col = header.index("quote"), header.index("published")
    quotes = [r[quote_col] for r in rows]
    assert any(c.value == KNOWN_QUOTE for c in quotes)  # Vietnamese intact
    formula = [c for c in quotes if str(c.value).startswith("=HYPERLINK")]
    assert formula and formula[0].data_type == "s"  # stored as text, not a formula
    assert formula[0].value.startswith(HYPERLINK)
    dates = [r[date_col] for r in rows if r[date_col].value]
    assert dates and all(c.is_date for c in dates)
    assert any(c.value.year == 2021 and c.value.month == 3 and c.value.day == 10 for c in dates)
    assert ws.column_dimensions["A"].width >= 12
    wrapped = ws.cell(row=2, column=quote_col + 1).alignment
    assert wrapped.wrap_text


def test_csv_neutralises_formulas_and_raw_cells_keeps_them(news_db):
    safe = csv_of(run("quotes", "--db", str(news_db), "-f", "csv"))
    assert any(q.startswith("'" + HYPERLINK) for q in safe["quote"])
    assert not any(q.startswith("=") for q in safe["quote"])
    raw = csv_of(run("quotes", "--db", str(news_db), "-f", "csv", "--raw-cells"))
    assert any(q.startswith(HYPERLINK) for q in raw["quote"])
    data = json.loads(run("quotes", "--db", str(news_db), "-f", "json").stdout)
    assert any(r["quote"].startswith(HYPERLINK) for r in data)  # JSON untouched


def test_bom_rules(news_db, tmp_path):
    db = ("--db", str(news_db))
    assert not run("docs", *db, "-f", "csv").stdout.startswith("\ufeff")
    assert run("docs", *db, "-f", "csv", "--bom").stdout.startswith("\ufeff")
    assert not run("docs", *db, "-f", "json", "--bom").stdout.startswith("\ufeff")
    out = tmp_path / "d.csv"
    run("docs", *db, "-o", str(out))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    run("docs", *db, "-o", str(out), "--no-bom")
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    js = tmp_path / "d.json"
    run("docs", *db, "-o", str(js), "--bom")
    assert js.read_bytes().startswith(b"[")


def test_columns_select_and_order_for_any_format(news_db):
    db = ("--db", str(news_db))
    frame = csv_of(run("quotes", *db, "-f", "csv", "--columns", "speaker,published,quote"))
    assert list(frame.columns) == ["speaker", "published", "quote"]
    data = json.loads(run("docs", *db, "-f", "json", "--columns", "title,outlet").stdout)
    assert set(data[0]) == {"title", "outlet"}
    result = run("docs", *db, "--columns", "title,nope")
    assert result.exit_code == 2 and "nope" in result.stderr and "outlet" in result.stderr


def test_unknown_suffix_is_a_usage_error_listing_known_ones(news_db, tmp_path):
    result = run("quotes", "--db", str(news_db), "-o", str(tmp_path / "q.pdf"))
    assert result.exit_code == 2
    assert ".xlsx" in result.stderr and ".csv" in result.stderr
    assert not (tmp_path / "q.pdf").exists()


def test_show_writes_the_file(news_db, tmp_path):
    docs = csv_of(run("docs", "--db", str(news_db), "-f", "csv"))
    out = tmp_path / "a.txt"
    result = run("show", docs["doc_id"][0], "--db", str(news_db), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert "chia sẻ dữ liệu" in out.read_text("utf-8")


@pytest.mark.parametrize("width", [80, 100, 120])
def test_tables_fit_the_terminal_and_keep_every_word(news_db, width):
    from vntransform.corpus.select import cite
    from vntransform.corpus.store import Corpus
    from vntransform.output.table import render_table
    from vntransform.quotes import corpus_quotes

    with Corpus.open(news_db, readonly=True) as corpus:
        frame = cite(corpus_quotes(corpus), corpus)
    frame = frame[frame["quote"] == KNOWN_QUOTE]
    assert len(frame) == 1
    text = render_table(frame, width=width, title="quotes", wide=("quote",))
    assert max(len(line) for line in text.splitlines()) <= width
    words = {w for line in text.splitlines() for w in line.replace("│", " ").split()}
    for word in KNOWN_QUOTE.split():
        assert word in words, word
    for word in "Sở ngành chậm chia sẻ dữ liệu".split():  # the title wraps, never cut
        assert word in words
    assert "source" not in text.splitlines()[1 if width >= 100 else 2]


def test_report_xlsx_has_a_sheet_per_analysis_and_pdf_is_refused(news_db, tmp_path):
    from openpyxl import load_workbook

    book = tmp_path / "r.xlsx"
    result = run("report", "--db", str(news_db), "--xlsx", str(book), "--k", "2")
    assert result.exit_code == 0, result.output
    names = load_workbook(book, read_only=True).sheetnames
    for sheet in ("themes", "keywords", "speakers", "quotes", "theme evidence", "articles"):
        assert sheet in names
    result = run("report", "--db", str(news_db), "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 2 and ".html" in result.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_help_has_no_python_type_names_and_two_examples():
    import typer.main

    for name, command in typer.main.get_command(app).commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0
        assert "<list" not in result.stdout and "<bool>" not in result.stdout, name
        assert "<str>" not in result.stdout and "<path>" not in result.stdout, name
        assert (command.help or "").count("Example:") >= 2, name


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("vnt ")


# -- Ctrl-C ----------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")
def test_ctrl_c_during_ingest_is_one_line_and_exit_130(tmp_path):
    """Signal the whole process group, as a terminal does on Ctrl-C."""
    from vntransform.corpus.store import Corpus

    src = tmp_path / "many"
    src.mkdir()
    body = "\n".join(a[3] for a in ARTICLES)
    total = 2000  # long enough that the signal always lands mid-run, even on a busy machine
    for i in range(total):
        (src / f"{i:04d}.txt").write_text(f"Bài số {i}\n{body} Lần thứ {i}.", "utf-8")
    db = tmp_path / "c.db"
    vnt = Path(sys.executable).with_name("vnt")
    proc = subprocess.Popen(
        [str(vnt), "ingest", str(src), "--db", str(db), "-w", "2", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until articles are being stored
        time.sleep(0.5)
        if db.exists() and db.stat().st_size > 0:
            try:
                with Corpus.open(db, readonly=True) as corpus:
                    corpus.include_duplicates = True  # the articles are near-copies
                    if len(corpus) >= 3:
                        break
            except Exception:  # the store is still being created
                continue
    assert proc.poll() is None, "the ingest ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip() == "Interrupted.", err
    assert "Traceback" not in err and out == ""
    with Corpus.open(db, readonly=True) as corpus:  # the store is intact and readable
        assert corpus.integrity_ok()
        corpus.include_duplicates = True
        stored = len(corpus)
        assert 0 < stored < total
        assert all(d.text for d in corpus.iter_documents())


def test_report_flags_quotes_of_undated_articles(news_db, tmp_path):
    out = tmp_path / "r.html"
    result = run("report", "--db", str(news_db), "-o", str(out))
    assert result.exit_code == 0, result.output
    quotes = out.read_text("utf-8").split('id="quotes"')[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", quotes, re.S)
    lan = next(r for r in rows if "Hoàng Thị Lan" in r)
    assert 'class="undated">undated' in lan and "Tuổi Trẻ" in lan
    assert "2021-03-10" in next(r for r in rows if "Nguyễn Văn An" in r)
