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
    typer.Option("--format", "-f",
                 help="auto|table|csv|tsv|json|jsonl; auto = table on a terminal, CSV when piped."),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write records to this file (format from its suffix)."),
]
BomOpt = Annotated[
    bool, typer.Option("--bom", help="Start CSV/TSV with a UTF-8 BOM so Excel shows diacritics.")
]
NoHeadersOpt = Annotated[bool, typer.Option("--no-headers", help="CSV/TSV without a header row.")]
EngineOpt = Annotated[
    str, typer.Option("--engine", help="local, or dask: count terms of a Parquet corpus "
                                       "folder on a Dask cluster.")]
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


def open_corpus(db: Path, *, readonly: bool = True, create: bool = False) -> Corpus:
    """Open the store a command works on (read-only for analyses); a folder is a Parquet
    corpus (written by ``vnt ingest --engine dask`` or ``vnt export``)."""
    if db.is_dir() and readonly:
        from vntransform.corpus.parquet import ParquetCorpus

        return ParquetCorpus(db)  # type: ignore[return-value]
    from vntransform.corpus.store import Corpus

    return Corpus.open(db, readonly=readonly, create=create)


@contextmanager
def analysis_corpus(db: Path, engine: str = "local",
                    scheduler: str | None = None) -> Iterator[Corpus]:
    """The corpus an analysis reads; with ``engine="dask"`` a Parquet folder whose term
    counts run on a Dask cluster."""
    if engine not in ("local", "dask"):
        raise UsageError(f"--engine {engine}: choose local or dask")
    if engine == "local":
        with open_corpus(db) as corpus:
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
    with open_corpus(db) as corpus, dask_client(scheduler) as client:
        corpus.dask_client = client
        yield corpus


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def emit(
    frame: pd.DataFrame,
    *,
    fmt: str = "auto",
    output: Path | None = None,
    bom: bool = False,
    no_headers: bool = False,
    title: str | None = None,
    wide: tuple[str, ...] = (),
) -> None:
    """Render records: a rich table on a terminal, CSV when piped, or as asked."""
    from vntransform.output.render import build_table, resolve_format, write_records

    concrete = resolve_format(fmt, is_terminal=stdout_is_terminal(), output=output)
    if concrete == "table":
        from rich.console import Console

        if output is not None:
            with open(output, "w", encoding="utf-8") as fh:
                Console(file=fh, width=160).print(build_table(frame, title=title, wide=wide))
            return
        # Piped tables (``-f table | less``) get a generous width instead of rich's 80.
        console = Console(soft_wrap=False, width=None if stdout_is_terminal() else 200)
        if frame.empty:
            Console(stderr=True).print("(no records)", markup=False)
            return
        console.print(build_table(frame, title=title, wide=wide))
        return
    encoding = "utf-8-sig" if (bom or (output is not None and concrete in ("csv", "tsv"))) \
        else "utf-8"
    if output is not None:
        try:
            with open(output, "w", encoding=encoding, newline="") as fh:
                write_records(frame, fh, fmt=concrete, headers=not no_headers)
        except OSError as exc:
            raise VntError(f"{output}: cannot write: {exc.strerror or exc}") from None
        return
    stream = sys.stdout
    if bom:
        stream.write("\ufeff")
    write_records(frame, stream, fmt=concrete, headers=not no_headers)
    stream.flush()
