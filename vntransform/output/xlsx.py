"""Excel workbooks (openpyxl): a frozen header row, an autofilter, sensible widths, dates as
dates, long text wrapped, and every text cell stored as text (never a formula)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from vntransform.errors import VntError
from vntransform.output.render import _plain

if TYPE_CHECKING:
    import pandas as pd

DATE_COLUMNS = ("published",)
WRAP_ABOVE = 50  # characters: wider columns wrap their text
MAX_WIDTH = 70
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 cannot hold these
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")


def as_date(value: Any) -> date | datetime | None:
    """A full ISO date (``2021-04-27``) or date-time (``2021-04-27T08:04``) as a Python
    date; partial or other text gives None (it is written as text)."""
    if not isinstance(value, str):
        return None
    match = _DATETIME.match(value.strip())
    if not match:
        return None
    try:
        if match[4] is None:
            return date(int(match[1]), int(match[2]), int(match[3]))
        return datetime(
            int(match[1]),
            int(match[2]),
            int(match[3]),
            int(match[4]),
            int(match[5]),
            int(match[6] or 0),
        )
    except ValueError:
        return None


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET.sub("_", name).strip("'") or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _widths(frame: pd.DataFrame, columns: list[str]) -> list[int]:
    """The longest text of each column (capped), measured before any row is written."""
    widths = []
    for i, column in enumerate(columns):
        series = frame.iloc[:, i]
        longest = len(column)
        if len(series):
            if column in DATE_COLUMNS:
                longest = max(longest, 16)
            else:
                lengths = series.map(lambda v: len(str(v)) if v is not None else 0)
                longest = max(longest, min(int(lengths.max()), 200))
        widths.append(longest)
    return widths


def _fill_sheet(ws: Any, frame: pd.DataFrame) -> None:
    """Write ``frame`` to a write-only sheet: widths, frozen header and filter first (a
    streaming sheet takes them before its rows), then one styled cell per value."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = [str(c) for c in frame.columns]
    widths = _widths(frame, columns)
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = min(MAX_WIDTH, max(8, width + 2))
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(frame) + 1)}"
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    wrapped = [w > WRAP_ABOVE for w in widths]
    dates = [c in DATE_COLUMNS for c in columns]
    for row in frame.itertuples(index=False, name=None):
        cells = []
        for i, raw in enumerate(row):
            value = _plain(raw)
            if isinstance(value, list | tuple):
                value = "; ".join(map(str, value))
            when = as_date(value) if dates[i] else None
            if when is not None:
                cell = WriteOnlyCell(ws, value=when)
                cell.number_format = (
                    "yyyy-mm-dd hh:mm" if isinstance(when, datetime) else "yyyy-mm-dd"
                )
            elif isinstance(value, str):
                cell = WriteOnlyCell(ws, value=_ILLEGAL.sub("", value))
                cell.data_type = "s"  # text, even when it starts with "=": never a formula
                if wrapped[i]:
                    cell.alignment = wrap
            else:
                cell = WriteOnlyCell(ws, value=value)
            cells.append(cell)
        ws.append(cells)


def write_workbook(sheets: Mapping[str, pd.DataFrame], target: str | Path | IO[bytes]) -> None:
    """Write one sheet per frame (in order) to an .xlsx file or binary stream.

    Raises:
        VntError: the file cannot be written.
    """
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    taken: set[str] = set()
    for name, frame in sheets.items():
        ws = wb.create_sheet(sheet_name(name, taken))
        _fill_sheet(ws, frame)
    if not sheets:
        wb.create_sheet("empty")
    try:
        wb.save(target)
    except OSError as exc:
        raise VntError(f"{target}: cannot write: {exc.strerror or exc}") from None
