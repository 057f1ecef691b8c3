import io
import json
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

from vntransform.errors import UsageError
from vntransform.output.render import build_table, resolve_format, write_records

FRAME = pd.DataFrame(
    {
        "term": ["chuyển đổi số", "người đứng đầu", 'a "quoted", comma'],
        "score": [0.5, 0.25, float("nan")],
        "count": [12, 3, 1],
    }
)


def test_auto_is_table_on_terminal_csv_when_piped_and_suffix_for_files():
    assert resolve_format("auto", is_terminal=True) == "table"
    assert resolve_format("auto", is_terminal=False) == "csv"
    assert resolve_format("auto", is_terminal=True, output=Path("x.jsonl")) == "jsonl"
    assert resolve_format("auto", is_terminal=True, output=Path("x.xlsx")) == "xlsx"
    with pytest.raises(UsageError, match=r"\.unknown.*\.csv.*\.xlsx"):
        resolve_format("auto", is_terminal=True, output=Path("x.unknown"))
    assert resolve_format("TSV", is_terminal=True) == "tsv"
    with pytest.raises(UsageError, match="unknown format"):
        resolve_format("xml", is_terminal=True)


def test_csv_round_trips_through_pandas():
    buf = io.StringIO()
    write_records(FRAME, buf, fmt="csv")
    back = pd.read_csv(io.StringIO(buf.getvalue()))
    assert back["term"].tolist() == FRAME["term"].tolist()
    assert back["count"].tolist() == [12, 3, 1]


def test_json_keeps_vietnamese_and_nan_is_null():
    buf = io.StringIO()
    write_records(FRAME, buf, fmt="json")
    assert "chuyển đổi số" in buf.getvalue()
    records = json.loads(buf.getvalue())
    assert records[2]["score"] is None and records[0]["count"] == 12


def test_jsonl_and_tsv_without_headers():
    buf = io.StringIO()
    write_records(FRAME, buf, fmt="jsonl")
    assert [json.loads(line)["term"] for line in buf.getvalue().splitlines()][1] == "người đứng đầu"
    buf = io.StringIO()
    write_records(FRAME, buf, fmt="tsv", headers=False)
    assert buf.getvalue().splitlines()[0] == "chuyển đổi số\t0.5\t12"


def test_table_shows_brackets_literally():
    frame = pd.DataFrame({"text": ["[bold]không phải markup[/bold]"]})
    console = Console(file=io.StringIO(), width=120)
    console.print(build_table(frame))
    assert "[bold]không phải markup[/bold]" in console.file.getvalue()
