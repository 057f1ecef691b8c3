"""Records to where they go: a table on a terminal, CSV when piped, a file, a workbook.

The BOM and encoding rules live here: CSV/TSV get a UTF-8 BOM in a file or when asked
(never with ``bom=False``, never JSON); formula-looking text cells are neutralised unless
``raw_cells``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vntransform.errors import UsageError, VntError
from vntransform.output.environment import Environment

if TYPE_CHECKING:
    import pandas as pd

TABLE_FILE_WIDTH = 120


@dataclass(frozen=True, slots=True)
class EmitOptions:
    """How a command's records are rendered (its ``-f``, ``-o``, ``--bom``… options)."""

    fmt: str = "auto"
    output: Path | None = None
    bom: bool | None = None
    no_headers: bool = False
    title: str | None = None
    wide: tuple[str, ...] = ()
    columns: str | None = None
    raw_cells: bool = False
    sheet: str | None = None


def emit_records(frame: pd.DataFrame, options: EmitOptions, env: Environment) -> None:
    """Render records as ``options`` say, to ``options.output`` or ``env.stdout``.

    Raises:
        UsageError: an unknown format, or a binary workbook asked for on a terminal.
        VntError: the output file cannot be written.
    """
    from vntransform.output.render import resolve_format, select_columns, write_records

    output = options.output
    concrete = resolve_format(options.fmt, is_terminal=env.stdout_isatty, output=output)
    frame = select_columns(frame, options.columns)
    if concrete == "xlsx":
        from vntransform.output.xlsx import write_workbook

        name = options.sheet or (options.title or "records")
        if output is not None:
            write_workbook({name: frame}, output)
            return
        if env.stdout_isatty:
            raise UsageError(
                "-f xlsx writes a binary workbook: give -o FILE.xlsx or redirect stdout to a file"
            )
        binary = env.stdout.buffer  # type: ignore[attr-defined]
        write_workbook({name: frame}, binary)
        binary.flush()
        return
    if concrete == "table":
        _table(frame, options, env)
        return
    text_csv = concrete in ("csv", "tsv")
    with_bom = text_csv and (options.bom if options.bom is not None else output is not None)
    encoding = "utf-8-sig" if with_bom else "utf-8"
    if output is not None:
        try:
            with open(output, "w", encoding=encoding, newline="") as fh:
                write_records(
                    frame,
                    fh,
                    fmt=concrete,
                    headers=not options.no_headers,
                    safe_cells=not options.raw_cells,
                )
        except OSError as exc:
            raise VntError(f"{output}: cannot write: {exc.strerror or exc}") from None
        return
    stream = env.stdout
    if with_bom:
        stream.write("\ufeff")
    write_records(
        frame,
        stream,
        fmt=concrete,
        headers=not options.no_headers,
        safe_cells=not options.raw_cells,
    )
    stream.flush()


def _table(frame: pd.DataFrame, options: EmitOptions, env: Environment) -> None:
    from rich.console import Console

    from vntransform.output.table import fit_table

    if options.output is not None:
        try:
            with open(options.output, "w", encoding="utf-8") as fh:
                Console(file=fh, width=TABLE_FILE_WIDTH).print(
                    fit_table(frame, width=TABLE_FILE_WIDTH, title=options.title, wide=options.wide)
                )
        except OSError as exc:
            raise VntError(f"{options.output}: cannot write: {exc.strerror or exc}") from None
        return
    if frame.empty:
        Console(file=env.stderr).print("(no records)", markup=False)
        return
    width = env.width
    Console(file=env.stdout, soft_wrap=False, width=width).print(
        fit_table(frame, width=width, title=options.title, wide=options.wide)
    )
