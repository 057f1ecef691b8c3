"""Who said what: quotes and speakers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vntransform.cli.common import (
    BomOpt,
    DbOpt,
    FormatOpt,
    KeepDuplicatesOpt,
    NoHeadersOpt,
    OutputOpt,
    app,
    emit,
    guard,
    open_corpus,
)

DEFAULT_DB = Path("vnt.db")


@app.command()
def quotes(
    db: DbOpt = DEFAULT_DB,
    speaker: Annotated[
        str | None, typer.Option("--speaker", "-s",
                                 help="Any part of the speaker's name; accents optional.")
    ] = None,
    kind: Annotated[str, typer.Option("--kind", help="direct, indirect or all.")] = "all",
    doc: Annotated[str | None, typer.Option("--doc", help="Only this article.")] = None,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = False,
    no_headers: NoHeadersOpt = False,
    keep_duplicates: KeepDuplicatesOpt = False,
) -> None:
    """Direct and reported speech with its speaker, role and article.

    Example: vnt quotes --speaker "Nguyễn Huy Dũng" -f csv > dung.csv
    """
    with guard():
        from vntransform.quotes import corpus_quotes

        with open_corpus(db, keep_duplicates=keep_duplicates) as corpus:
            ids = [corpus.resolve(doc)] if doc else None
            frame = corpus_quotes(corpus, speaker=speaker, kind=kind, doc_ids=ids)
        if frame.empty:
            typer.echo("no quotes found" + (f" for {speaker!r}" if speaker else ""), err=True)
        emit(frame, fmt=fmt, output=output, bom=bom, no_headers=no_headers,
             title=f"{len(frame)} quotes", wide=("quote", "title", "speaker_role"))


@app.command()
def speakers(
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = False,
    no_headers: NoHeadersOpt = False,
    keep_duplicates: KeepDuplicatesOpt = False,
) -> None:
    """One row per speaker: roles, direct and indirect quote counts, articles.

    Example: vnt speakers -f table
    """
    with guard():
        from vntransform.quotes import corpus_quotes, summarize_speakers

        with open_corpus(db, keep_duplicates=keep_duplicates) as corpus:
            frame = summarize_speakers(corpus_quotes(corpus))
        emit(frame, fmt=fmt, output=output, bom=bom, no_headers=no_headers,
             title=f"{len(frame)} speakers", wide=("roles", "first_quote"))
