"""The options many commands share, as ``Annotated`` aliases, and the default store.

A command module writes ``db: DbOpt = DEFAULT_DB`` and gets the same flags, help and
environment variable as every other command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

# The store commands use without --db (the library's default: corpus.store.DEFAULT_DB).
DEFAULT_DB = Path("vnt.db")

DbOpt = Annotated[
    Path,
    typer.Option(
        "--db",
        "--from",
        envvar="VNT_DB",
        help="Corpus: an SQLite file, or a Parquet corpus folder.",
        show_default=True,
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="auto|table|csv|tsv|json|jsonl|xlsx; auto = table on a terminal, CSV when "
        "piped, from the suffix with -o.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write records to this file (.csv .tsv .json .jsonl .xlsx .txt).",
    ),
]
BomOpt = Annotated[
    bool | None,
    typer.Option(
        "--bom/--no-bom",
        help="Start CSV/TSV with a UTF-8 BOM so Excel shows "
        "diacritics (default: yes in a file, no on stdout; never JSON).",
    ),
]
ColumnsOpt = Annotated[
    str | None,
    typer.Option("--columns", metavar="A,B,C", help="Only these columns, in this order."),
]
RawCellsOpt = Annotated[
    bool,
    typer.Option(
        "--raw-cells",
        help="CSV/TSV: write cells starting with = + - @ as is "
        "(default: a leading ' so spreadsheets do not run them as formulas).",
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="Only articles published on or after DATE (2022, 2022-06, "
        "2022-06-30); undated articles are left out.",
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help="Only articles published up to DATE (inclusive: --until 2022 ends on 2022-12-31).",
    ),
]
OutletOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--outlet",
        metavar="NAME",
        help="Only articles of this outlet (repeatable; case and accents ignored).",
    ),
]
DocsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--doc", metavar="ID", help="Only this article (id or unique prefix; repeatable)."
    ),
]
NoHeadersOpt = Annotated[bool, typer.Option("--no-headers", help="CSV/TSV without a header row.")]
EngineOpt = Annotated[
    str,
    typer.Option(
        "--engine", help="local, or dask: count terms of a Parquet corpus folder on a Dask cluster."
    ),
]
KeepDuplicatesOpt = Annotated[
    bool,
    typer.Option(
        "--keep-duplicates",
        help="Count near-duplicate copies of a story "
        "(syndicated articles) too; see vnt docs "
        "--duplicates.",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler", help="With --engine dask: tcp://host:8786 (default: a local cluster)."
    ),
]
