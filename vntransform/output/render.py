"""Write records as CSV, TSV, JSON or JSON Lines, or build a rich table of them.

Records are a pandas DataFrame whose columns are the command's public contract. Excel
workbooks live in ``output.xlsx``; the terminal table layout in ``output.table``.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from vntransform.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd
    from rich.table import Table

FORMATS = ("auto", "table", "csv", "tsv", "json", "jsonl", "xlsx")
BY_SUFFIX = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "table",
    ".xlsx": "xlsx",
}
# What Excel, LibreOffice and Google Sheets may run as a formula when a cell starts with it
# (OWASP "CSV injection"): = + - @, and tab / carriage return which some of them strip first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def resolve_format(fmt: str, *, is_terminal: bool, output: Path | None = None) -> str:
    """The concrete format for ``--format auto``.

    ``auto`` is a table on a terminal and CSV when piped; with ``-o FILE`` it follows the
    file's suffix (``.csv``, ``.tsv``, ``.json``, ``.jsonl``, ``.xlsx``, ``.txt``).

    Raises:
        UsageError: an unknown format name, or ``-o`` with a suffix of no known format.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt}: unknown format; choose one of {', '.join(FORMATS)}")
    if fmt != "auto":
        return fmt
    if output is not None:
        suffix = output.suffix.lower()
        if suffix not in BY_SUFFIX:
            known = ", ".join(sorted(BY_SUFFIX))
            raise UsageError(
                f"{output}: unknown file type {suffix or '(no suffix)'}; "
                f"name it with one of {known}, or give --format"
            )
        return BY_SUFFIX[suffix]
    return "table" if is_terminal else "csv"


def _plain(value: Any) -> Any:
    """JSON-safe scalar: numpy numbers to Python, NaN to None."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def cell_text(value: Any) -> str:
    """A value as the text of a CSV or table cell (lists joined with ``; ``)."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


_cell = cell_text  # the old private name


def neutralize(text: str) -> str:
    """Text a spreadsheet would run as a formula, made inert with a leading apostrophe
    (OWASP): ``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``. Other text is returned as is.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: Any, safe: bool) -> str:
    text = cell_text(value)
    # numbers are data, not formulas: "-0.5" stays as it is
    if safe and text and isinstance(_plain(value), str):
        return neutralize(text)
    return text


def select_columns(frame: pd.DataFrame, spec: str | Sequence[str] | None) -> pd.DataFrame:
    """The columns named in ``spec`` (``"doc_id,title,quote"``), in that order.

    Raises:
        UsageError: a name that is not a column of these records.
    """
    if not spec:
        return frame
    names = spec.split(",") if isinstance(spec, str) else [n for s in spec for n in s.split(",")]
    names = [n.strip() for n in names if n.strip()]
    unknown = [n for n in names if n not in frame.columns]
    if unknown:
        raise UsageError(
            f"--columns {unknown[0]}: no such column; these records have "
            f"{', '.join(map(str, frame.columns))}"
        )
    return frame[list(dict.fromkeys(names))]


def write_records(
    frame: pd.DataFrame,
    stream: IO[str],
    *,
    fmt: str,
    headers: bool = True,
    safe_cells: bool = True,
) -> None:
    """Write ``frame`` to a text stream as csv, tsv, json or jsonl.

    JSON keeps Vietnamese as is (``ensure_ascii=False``) and every value untouched; CSV
    quotes as Excel expects and, unless ``safe_cells=False``, neutralises text cells that a
    spreadsheet would run as formulas (see ``neutralize``).
    """
    columns = [str(c) for c in frame.columns]
    rows = frame.itertuples(index=False, name=None)
    if fmt in ("csv", "tsv"):
        writer = csv.writer(stream, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        if headers:
            writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_cell(v, safe_cells) for v in row])
    elif fmt == "json":
        records = [{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        json.dump(records, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            stream.write(
                json.dumps(
                    {c: _plain(v) for c, v in zip(columns, row, strict=True)}, ensure_ascii=False
                )
            )
            stream.write("\n")
    else:
        raise UsageError(f"--format {fmt}: not a text record format")


def build_table(
    frame: pd.DataFrame,
    *,
    title: str | None = None,
    wide: Sequence[str] = (),
    width: int = 120,
) -> Table:
    """A rich table of ``frame`` laid out for ``width`` columns (see ``output.table``)."""
    from vntransform.output.table import fit_table

    return fit_table(frame, width=width, title=title, wide=wide)
