"""Write records as CSV, TSV, JSON or JSON Lines, or build a rich table of them.

Records are a pandas DataFrame whose columns are the command's public contract.
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

FORMATS = ("auto", "table", "csv", "tsv", "json", "jsonl")
_BY_SUFFIX = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".jsonl": "jsonl",
              ".ndjson": "jsonl", ".txt": "table"}


def resolve_format(fmt: str, *, is_terminal: bool, output: Path | None = None) -> str:
    """The concrete format for ``--format auto``.

    ``auto`` is a table on a terminal and CSV when piped; with ``-o FILE`` it follows the
    file's suffix (``.csv``, ``.tsv``, ``.json``, ``.jsonl``), CSV otherwise.

    Raises:
        UsageError: an unknown format name.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt}: unknown format; choose one of {', '.join(FORMATS)}")
    if fmt != "auto":
        return fmt
    if output is not None:
        return _BY_SUFFIX.get(output.suffix.lower(), "csv")
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


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def write_records(
    frame: pd.DataFrame, stream: IO[str], *, fmt: str, headers: bool = True
) -> None:
    """Write ``frame`` to a text stream as csv, tsv, json or jsonl.

    JSON keeps Vietnamese as is (``ensure_ascii=False``); CSV quotes as Excel expects.
    """
    columns = [str(c) for c in frame.columns]
    rows = frame.itertuples(index=False, name=None)
    if fmt in ("csv", "tsv"):
        writer = csv.writer(stream, delimiter="," if fmt == "csv" else "\t",
                            lineterminator="\n")
        if headers:
            writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    elif fmt == "json":
        records = [{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        json.dump(records, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps({c: _plain(v) for c, v in zip(columns, row, strict=True)},
                                    ensure_ascii=False))
            stream.write("\n")
    else:
        raise UsageError(f"--format {fmt}: not a record format")


def build_table(
    frame: pd.DataFrame, *, title: str | None = None, wide: Sequence[str] = ()
) -> Table:
    """A rich table of ``frame``; markup is off because articles contain ``[``.

    Args:
        frame: the records.
        title: shown above the table.
        wide: columns holding long text (folded rather than truncated).
    """
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    for column in frame.columns:
        numeric = frame[column].dtype.kind in "iuf"
        longest = max((len(_cell(v)) for v in frame[column]), default=0)
        is_wide = column in wide or longest > 40
        table.add_column(
            str(column),
            justify="right" if numeric else "left",
            overflow="fold",
            ratio=1 if is_wide else None,
            no_wrap=not is_wide,
            min_width=max(10, len(str(column))) if is_wide
            else max(len(str(column)), min(longest, 40)),
        )
    for row in frame.itertuples(index=False, name=None):
        table.add_row(*(Text(_cell(v)) for v in row))
    return table
