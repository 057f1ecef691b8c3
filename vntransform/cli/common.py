"""The Typer app, the options every command shares, error handling and rendering.

Commands live in sibling modules (``corpus``, ``mining``, ``quotes``, ``report``) and
register themselves on ``app``. Heavy libraries are imported inside command bodies so
``vnt --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vntransform.errors import UsageError, VntError

if TYPE_CHECKING:
    import pandas as pd

    from vntransform.corpus.select import Selection
    from vntransform.corpus.store import Corpus

app = typer.Typer(
    name="vnt",
    help="Mine Vietnamese news and policy articles: themes, topics, keywords and who said what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}

DbOpt = Annotated[
    Path,
    typer.Option("--db", "--from", envvar="VNT_DB",
                 help="Corpus: an SQLite file, or a Parquet corpus folder.", show_default=True),
]
FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", metavar="FORMAT",
                 help="auto|table|csv|tsv|json|jsonl|xlsx; auto = table on a terminal, CSV when "
                      "piped, from the suffix with -o."),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE",
                 help="Write records to this file (.csv .tsv .json .jsonl .xlsx .txt)."),
]
BomOpt = Annotated[
    bool | None,
    typer.Option("--bom/--no-bom", help="Start CSV/TSV with a UTF-8 BOM so Excel shows "
                 "diacritics (default: yes in a file, no on stdout; never JSON)."),
]
ColumnsOpt = Annotated[
    str | None,
    typer.Option("--columns", metavar="A,B,C", help="Only these columns, in this order."),
]
RawCellsOpt = Annotated[
    bool, typer.Option("--raw-cells", help="CSV/TSV: write cells starting with = + - @ as is "
                       "(default: a leading ' so spreadsheets do not run them as formulas).")
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", metavar="DATE",
                             help="Only articles published on or after DATE (2022, 2022-06, "
                                  "2022-06-30); undated articles are left out.")]
UntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="DATE",
                             help="Only articles published up to DATE (inclusive: --until 2022 "
                                  "ends on 2022-12-31).")]
OutletOpt = Annotated[
    list[str] | None, typer.Option("--outlet", metavar="NAME",
                                   help="Only articles of this outlet (repeatable; case and "
                                        "accents ignored).")]
DocsOpt = Annotated[
    list[str] | None, typer.Option("--doc", metavar="ID",
                                   help="Only this article (id or unique prefix; repeatable).")]
NoHeadersOpt = Annotated[bool, typer.Option("--no-headers", help="CSV/TSV without a header row.")]
EngineOpt = Annotated[
    str, typer.Option("--engine", help="local, or dask: count terms of a Parquet corpus "
                                       "folder on a Dask cluster.")]
KeepDuplicatesOpt = Annotated[
    bool, typer.Option("--keep-duplicates", help="Count near-duplicate copies of a story "
                                                 "(syndicated articles) too; see vnt docs "
                                                 "--duplicates.")]
SchedulerOpt = Annotated[
    str | None, typer.Option("--scheduler", help="With --engine dask: tcp://host:8786 "
                                                 "(default: a local cluster).")]


def version_callback(value: bool) -> None:
    if value:
        from vntransform import __version__

        typer.echo(f"vnt {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Mine Vietnamese news and policy articles: themes, topics, keywords and who said what."""
    _state["debug"] = debug or bool(os.environ.get("VNT_DEBUG"))


@contextmanager
def guard() -> Iterator[None]:
    """Turn a ``VntError`` into one line on stderr and its exit code (1 data, 2 usage);
    warnings from the library become one ``Warning: ...`` line each."""
    import warnings

    def one_line(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001, ANN202, ARG001
        typer.echo(f"Warning: {message}", err=True)

    try:
        with warnings.catch_warnings():
            warnings.showwarning = one_line
            yield
    except VntError as exc:
        if _state["debug"]:
            raise
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        raise typer.Exit(130) from None
    except BrokenPipeError:  # `vnt docs | head`: the reader left; not an error
        _silence_stdout()
        raise typer.Exit(0) from None


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def open_corpus(db: Path, *, readonly: bool = True, create: bool = False,
                keep_duplicates: bool = False) -> Corpus:
    """Open the store a command works on (read-only for analyses); a folder is a Parquet
    corpus (written by ``vnt ingest --engine dask`` or ``vnt export``). Near-duplicate
    copies are left out of what analyses read unless ``keep_duplicates``."""
    if db.is_dir() and readonly:
        from vntransform.corpus.parquet import ParquetCorpus

        corpus = ParquetCorpus(db)
        corpus.include_duplicates = keep_duplicates
        return corpus  # type: ignore[return-value]
    from vntransform.corpus.store import Corpus

    store = Corpus.open(db, readonly=readonly, create=create)
    store.include_duplicates = keep_duplicates
    return store


def selection(since: str | None = None, until: str | None = None,
              outlets: list[str] | None = None, docs: list[str] | None = None) -> Selection:
    """The ``--since/--until/--outlet/--doc`` filters as a library ``Selection``."""
    from vntransform.corpus.select import Selection

    return Selection.from_options(since=since, until=until, outlets=outlets, doc_ids=docs)


@contextmanager
def selected_corpus(db: Path, chosen: Selection | None,
                    keep_duplicates: bool = False) -> Iterator[Corpus]:
    """The corpus limited to the chosen articles (the whole corpus without filters);
    near-duplicate copies are left out unless ``keep_duplicates``."""
    from vntransform.corpus.select import select_corpus

    with open_corpus(db, keep_duplicates=keep_duplicates) as corpus:
        view = select_corpus(corpus, chosen)
        if chosen is not None and not chosen.is_everything and len(view) == 0:
            raise VntError(f"{db}: no article matches {chosen.describe()}; "
                           "see `vnt docs` for dates and outlets")
        yield view


@contextmanager
def analysis_corpus(db: Path, engine: str = "local", scheduler: str | None = None,
                    chosen: Selection | None = None,
                    keep_duplicates: bool = False) -> Iterator[Corpus]:
    """The corpus an analysis reads; with ``engine="dask"`` a Parquet folder whose term
    counts run on a Dask cluster."""
    if engine not in ("local", "dask"):
        raise UsageError(f"--engine {engine}: choose local or dask")
    if engine == "local" or (chosen is not None and not chosen.is_everything):
        if engine == "dask" and not db.is_dir():
            raise UsageError(f"--engine dask reads a Parquet corpus folder; {db} is not one")
        # a selection counts terms locally
        with selected_corpus(db, chosen, keep_duplicates=keep_duplicates) as corpus:
            yield corpus
        return
    if not db.is_dir():
        raise UsageError(f"--engine dask reads a Parquet corpus folder; {db} is not one "
                         "(make one with vnt export --to DIR or vnt ingest --engine dask)")
    try:
        from vntransform.engines.dask import dask_client
    except ImportError:
        raise UsageError("--engine dask needs the extra: pip install 'vntransform[dask]'") \
            from None
    with open_corpus(db, keep_duplicates=keep_duplicates) as corpus, \
            dask_client(scheduler) as client:
        corpus.dask_client = client
        yield corpus


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_width() -> int:
    """The width tables are laid out for: the terminal's, else ``COLUMNS``, else 120."""
    if stdout_is_terminal():
        import shutil

        return shutil.get_terminal_size((120, 24)).columns
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 120


def emit(
    frame: pd.DataFrame,
    *,
    fmt: str = "auto",
    output: Path | None = None,
    bom: bool | None = None,
    no_headers: bool = False,
    title: str | None = None,
    wide: tuple[str, ...] = (),
    columns: str | None = None,
    raw_cells: bool = False,
    sheet: str | None = None,
) -> None:
    """Render records: a table on a terminal, CSV when piped, or as asked (xlsx too).

    CSV/TSV get a BOM in a file or with ``--bom`` (never with ``--no-bom``, never JSON);
    their formula-looking text cells are neutralised unless ``raw_cells``.
    """
    from vntransform.output.render import resolve_format, select_columns, write_records

    concrete = resolve_format(fmt, is_terminal=stdout_is_terminal(), output=output)
    frame = select_columns(frame, columns)
    if concrete == "xlsx":
        from vntransform.output.xlsx import write_workbook

        name = sheet or (title or "records")
        if output is not None:
            write_workbook({name: frame}, output)
            return
        if stdout_is_terminal():
            raise UsageError("-f xlsx writes a binary workbook: give -o FILE.xlsx or "
                             "redirect stdout to a file")
        write_workbook({name: frame}, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    if concrete == "table":
        from rich.console import Console

        from vntransform.output.table import fit_table

        if output is not None:
            try:
                with open(output, "w", encoding="utf-8") as fh:
                    Console(file=fh, width=120).print(
                        fit_table(frame, width=120, title=title, wide=wide))
            except OSError as exc:
                raise VntError(f"{output}: cannot write: {exc.strerror or exc}") from None
            return
        if frame.empty:
            Console(stderr=True).print("(no records)", markup=False)
            return
        width = terminal_width()
        Console(soft_wrap=False, width=width).print(
            fit_table(frame, width=width, title=title, wide=wide))
        return
    text_csv = concrete in ("csv", "tsv")
    with_bom = text_csv and (bom if bom is not None else output is not None)
    encoding = "utf-8-sig" if with_bom else "utf-8"
    if output is not None:
        try:
            with open(output, "w", encoding=encoding, newline="") as fh:
                write_records(frame, fh, fmt=concrete, headers=not no_headers,
                              safe_cells=not raw_cells)
        except OSError as exc:
            raise VntError(f"{output}: cannot write: {exc.strerror or exc}") from None
        return
    stream = sys.stdout
    if with_bom:
        stream.write("\ufeff")
    write_records(frame, stream, fmt=concrete, headers=not no_headers, safe_cells=not raw_cells)
    stream.flush()


def plain_type_names() -> None:
    """Show option types in ``--help`` as TEXT, INTEGER, PATH (flags: nothing) instead of
    the Python annotations Typer 0.29 prints (``<list[str]>``, ``<bool>``)."""
    try:
        from typer.core import TyperArgument, TyperOption
    except ImportError:  # another Typer: its own names are fine
        return
    names = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "path": "PATH",
             "Path": "PATH", "int range": "INTEGER", "float range": "NUMBER"}

    def plain(self, ctx):  # noqa: ANN001, ANN202
        if self.metavar is not None:
            return self.metavar
        if getattr(self, "is_flag", False):
            return None
        label = original(self, ctx).strip("<>")
        label = label[5:-1] if label.startswith("list[") else label  # repeatable option
        label = names.get(label, label.upper() if "|" not in label else label)
        return label + ("..." if self.nargs != 1 else "")

    original = TyperOption.display_type
    for cls in (TyperOption, TyperArgument):
        if hasattr(cls, "display_type_rich"):
            cls.display_type_rich = plain


plain_type_names()
