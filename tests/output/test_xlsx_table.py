"""Workbooks, formula neutralising and terminal tables, on hand-made records."""

import io
from datetime import date, datetime

import pandas as pd
import pytest

from vntransform.errors import UsageError
from vntransform.output.render import neutralize, select_columns, write_records
from vntransform.output.table import layout, render_table
from vntransform.output.xlsx import as_date, sheet_name, write_workbook

QUOTE = (
    "Người đứng đầu không cần là chuyên gia công nghệ nhưng phải hiểu và quyết tâm "
    "thực hiện chuyển đổi số đến cùng"
)
FRAME = pd.DataFrame(
    {
        "doc_id": ["b9e38466d67f", "f7b5875bc873", "5dbe44cd58a7"],
        "source": ["/very/long/path/to/the/corpus/folder/2021-04-27-daklak-co-hoi-but-pha.txt"] * 3,
        "title": ["Chuyển đổi số - cơ hội để bứt phá (kỳ 2)", "Thách thức lớn nhất", ""],
        "published": ["2021-04-27T08:04", "2023-10-13", "2022"],
        "speaker": ["Nguyễn Huy Dũng", "Bùi Thanh Toàn", ""],
        "mention": ["Thứ trưởng Nguyễn Huy Dũng", "ông Toàn", "bà Lan"],
        "quote": [QUOTE, '=HYPERLINK("http://x.example","bấm")', "-5 là con số"],
        "score": [0.5, -0.25, 1.0],
    }
)


@pytest.mark.parametrize(
    "text, safe",
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("chuyển đổi số", "chuyển đổi số"),
        ("", ""),
    ],
)
def test_neutralize(text, safe):
    assert neutralize(text) == safe


def test_csv_neutralises_text_but_not_numbers():
    buf = io.StringIO()
    write_records(FRAME, buf, fmt="csv")
    back = pd.read_csv(io.StringIO(buf.getvalue()))
    assert back["quote"][1] == '\'=HYPERLINK("http://x.example","bấm")'
    assert back["quote"][2] == "'-5 là con số"
    assert back["score"][1] == -0.25  # a negative number stays a number
    buf = io.StringIO()
    write_records(FRAME, buf, fmt="tsv", safe_cells=False)
    assert "=HYPERLINK(" in buf.getvalue() and "'=HYPERLINK(" not in buf.getvalue()


def test_select_columns():
    assert list(select_columns(FRAME, "quote, doc_id").columns) == ["quote", "doc_id"]
    with pytest.raises(UsageError, match="nope.*doc_id, source"):
        select_columns(FRAME, "doc_id,nope")


def test_workbook_cells(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "x.xlsx"
    write_workbook({"quotes: [all]": FRAME, "second": FRAME.head(1)}, out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["quotes_ _all_", "second"]
    ws = wb["quotes_ _all_"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:H4"
    assert ws["G2"].value == QUOTE and ws["G2"].alignment.wrap_text
    assert ws["G3"].value.startswith("=HYPERLINK(") and ws["G3"].data_type == "s"
    assert ws["D2"].value == datetime(2021, 4, 27, 8, 4) and ws["D2"].is_date
    assert ws["D3"].value == datetime(2023, 10, 13) and ws["D3"].is_date
    assert ws["D4"].value == "2022"  # a year alone stays text
    assert ws["H3"].value == -0.25
    assert 10 <= ws.column_dimensions["G"].width <= 70


def test_dates_and_sheet_names():
    assert as_date("2021-04-27") == date(2021, 4, 27)
    assert as_date("2021-02-30") is None and as_date("27/4/2021") is None
    taken: set[str] = set()
    assert sheet_name("a" * 40, taken) == "a" * 31
    assert sheet_name("a" * 40, taken) == "a" * 27 + " (2)"


@pytest.mark.parametrize("width", [80, 100, 120])
def test_table_fits_and_keeps_words(width):
    text = render_table(FRAME, width=width, wide=("quote",))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    words = {w for line in lines for w in line.replace("│", " ").split()}
    assert set(QUOTE.split()) <= words
    assert {"Chuyển", "đổi", "bứt", "phá", "(kỳ", "2)"} <= words
    assert "/very/long/path" not in text  # the source path left the terminal view
    assert "not shown here: source" in text


def test_layout_gives_the_quote_the_width():
    widths, wraps, dropped = layout(FRAME, width=100)
    assert "quote" in wraps and dropped[:2] == ["source", "mention"]
    assert widths["quote"] == max(widths.values())
    assert widths["doc_id"] == 12  # short columns keep their natural width


def test_empty_columns_leave_the_terminal_view_first():
    frame = pd.DataFrame(
        {
            "doc_id": ["a1", "b2"],
            "title": ["Chuyển đổi số ở Đắk Lắk: cơ hội bứt phá", "Dữ liệu số"],
            "published": ["2021-04-27", ""],
            "outlet": ["Dân trí", "VnExpress"],
            "published_raw": ["", ""],
            "duplicate_of": ["", ""],
        }
    )
    widths, _, dropped = layout(frame, width=60)
    assert dropped[:2] == ["published_raw", "duplicate_of"]
    assert {"title", "published", "outlet"} <= set(widths)
