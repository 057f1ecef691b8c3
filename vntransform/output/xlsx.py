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
        return datetime(int(match[1]), int(match[2]), int(match[3]), int(match[4]),
                        int(match[5]), int(match[6] or 0))
    except ValueError:
        return None


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET.sub("_", name).strip("'") or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _fill_sheet(ws: Any, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = [str(c) for c in frame.columns]
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    date_cols = {i for i, c in enumerate(columns) if c in DATE_COLUMNS}
    for r, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for i, raw in enumerate(row):
            value = _plain(raw)
            if isinstance(value, list | tuple):
                value = "; ".join(map(str, value))
            cell = ws.cell(row=r, column=i + 1)
            when = as_date(value) if i in date_cols else None
            if when is not None:
                cell.value = when
                cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(when, datetime) \
                    else "yyyy-mm-dd"
                widths[i] = max(widths[i], 16 if isinstance(when, datetime) else 10)
                continue
            if isinstance(value, str):
                value = _ILLEGAL.sub("", value)
                cell.value = value
                cell.data_type = "s"  # text, even when it starts with "=": never a formula
                widths[i] = max(widths[i], min(len(value), 200))
            else:
                cell.value = value
                widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths):
        letter = get_column_letter(i + 1)
        ws.column_dimensions[letter].width = min(MAX_WIDTH, max(8, width + 2))
        if width > WRAP_ABOVE:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                cell.alignment = wrap
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(frame) + 1)}"


def write_workbook(sheets: Mapping[str, pd.DataFrame], target: str | Path | IO[bytes]) -> None:
    """Write one sheet per frame (in order) to an .xlsx file or binary stream.

    Raises:
        VntError: the file cannot be written.
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
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
