"""What commands share: opening the corpus, selections, rendering records (through
``output.emit``); the option aliases live in ``cli.options``. The app, its error boundary and the
run's ``Environment`` (``current_environment()``: the click context's ``obj``) live in
``cli.app`` (re-exported here for command modules).

Commands live in sibling modules (``corpus``, ``mining``, ``quotes``, ``report``) and
register themselves on ``app``. Heavy libraries are imported inside command bodies so
``vnt --help`` starts fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from vntransform.cli.app import (
    app,
    current_environment,
    guard,
    main_options,
    version_callback,
)
from vntransform.errors import UsageError, VntError
from vntransform.output.environment import Environment
from vntransform.status import ExitStatus

if TYPE_CHECKING:
    import pandas as pd

    from vntransform.corpus.base import CorpusReader
    from vntransform.corpus.select import Selection
    from vntransform.corpus.store import Corpus
    from vntransform.engines.base import Engine

__all__ = [
    "analysis_corpus",
    "app",
    "emit",
    "Environment",
    "current_environment",
    "ExitStatus",
    "guard",
    "main_options",
    "note",
    "open_corpus",
    "selected_corpus",
    "say",
    "selection",
    "stdout_is_terminal",
    "terminal_width",
    "version_callback",
]


def open_corpus(
    db: Path, *, readonly: bool = True, create: bool = False, keep_duplicates: bool = False
) -> Corpus:
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


def selection(
    since: str | None = None,
    until: str | None = None,
    outlets: list[str] | None = None,
    docs: list[str] | None = None,
) -> Selection:
    """The ``--since/--until/--outlet/--doc`` filters as a library ``Selection``."""
    from vntransform.corpus.select import Selection

    return Selection.from_options(since=since, until=until, outlets=outlets, doc_ids=docs)


@contextmanager
def selected_corpus(
    db: Path, chosen: Selection | None, keep_duplicates: bool = False
) -> Iterator[CorpusReader]:
    """The corpus limited to the chosen articles (the whole corpus without filters);
    near-duplicate copies are left out unless ``keep_duplicates``."""
    from vntransform.corpus.select import select_corpus

    with open_corpus(db, keep_duplicates=keep_duplicates) as corpus:
        view = select_corpus(corpus, chosen)
        if chosen is not None and not chosen.is_everything and len(view) == 0:
            raise VntError(
                f"{db}: no article matches {chosen.describe()}; "
                "see `vnt docs` for dates and outlets"
            )
        yield view


@contextmanager
def analysis_corpus(
    db: Path,
    engine: str = "local",
    scheduler: str | None = None,
    chosen: Selection | None = None,
    keep_duplicates: bool = False,
) -> Iterator[tuple[CorpusReader, Engine]]:
    """The corpus an analysis reads and the engine that counts its terms; with
    ``engine="dask"`` a Parquet folder whose term counts run on a Dask cluster."""
    if engine not in ("local", "dask"):
        raise UsageError(f"--engine {engine}: choose local or dask")
    if engine == "local" or (chosen is not None and not chosen.is_everything):
        if engine == "dask" and not db.is_dir():
            raise UsageError(f"--engine dask reads a Parquet corpus folder; {db} is not one")
        # a selection counts terms locally
        from vntransform.engines.local import LocalEngine

        with selected_corpus(db, chosen, keep_duplicates=keep_duplicates) as corpus:
            yield corpus, LocalEngine()
        return
    if not db.is_dir():
        raise UsageError(
            f"--engine dask reads a Parquet corpus folder; {db} is not one "
            "(make one with vnt export --to DIR or vnt ingest --engine dask)"
        )
    try:
        from vntransform.engines.dask import DaskEngine, dask_client
    except ImportError:
        raise UsageError("--engine dask needs the extra: pip install 'vntransform[dask]'") from None
    with (
        open_corpus(db, keep_duplicates=keep_duplicates) as corpus,
        dask_client(scheduler) as client,
    ):
        yield corpus, DaskEngine(client)


def note(message: str) -> None:
    """A line for the user (a summary, a warning, a failed input) on the run's stderr."""
    typer.echo(message, file=current_environment().stderr)


def say(text: str) -> None:
    """A line of a command's own output (not records: those go through ``emit``) on the
    run's stdout."""
    typer.echo(text, file=current_environment().stdout)


def stdout_is_terminal() -> bool:
    return current_environment().stdout_isatty


def terminal_width() -> int:
    """The width tables are laid out for: the terminal's, else ``COLUMNS``, else 120."""
    return current_environment().width


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
    """Render records: a table on a terminal, CSV when piped, or as asked (xlsx too); the
    rules (BOM, encodings, formula cells) live in ``output.emit``."""
    from vntransform.output.emit import EmitOptions, emit_records

    emit_records(
        frame,
        EmitOptions(
            fmt=fmt,
            output=output,
            bom=bom,
            no_headers=no_headers,
            title=title,
            wide=wide,
            columns=columns,
            raw_cells=raw_cells,
            sheet=sheet,
        ),
        current_environment(),
    )


def plain_type_names() -> None:
    """Show option types in ``--help`` as TEXT, INTEGER, PATH (flags: nothing) instead of
    the Python annotations Typer 0.29 prints (``<list[str]>``, ``<bool>``)."""
    try:
        from typer.core import TyperArgument, TyperOption
    except ImportError:  # another Typer: its own names are fine
        return
    names = {
        "str": "TEXT",
        "int": "INTEGER",
        "float": "NUMBER",
        "path": "PATH",
        "Path": "PATH",
        "int range": "INTEGER",
        "float range": "NUMBER",
    }

    def plain(self, ctx):
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
            cls.display_type_rich = plain  # type: ignore[method-assign]


plain_type_names()
