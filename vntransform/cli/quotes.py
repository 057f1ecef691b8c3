"""Who said what: quotes and speakers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vntransform.cli.common import (
    app,
    emit,
    note,
    selected_corpus,
    selection,
)
from vntransform.cli.options import (
    DEFAULT_DB,
    BomOpt,
    ColumnsOpt,
    DbOpt,
    DocsOpt,
    FormatOpt,
    KeepDuplicatesOpt,
    NoHeadersOpt,
    OutletOpt,
    OutputOpt,
    RawCellsOpt,
    SinceOpt,
    UntilOpt,
)


@app.command()
def quotes(
    db: DbOpt = DEFAULT_DB,
    speaker: Annotated[
        list[str] | None,
        typer.Option(
            "--speaker",
            "-s",
            metavar="NAME",
            help="Any part of the speaker's name; accents optional "
            "(repeatable: -s toan -s dung finds both).",
        ),
    ] = None,
    kind: Annotated[str, typer.Option("--kind", help="direct, indirect or all.")] = "all",
    theme: Annotated[
        str | None,
        typer.Option(
            "--theme", help="Only quotes whose sentence is evidence of this theme (see vnt themes)."
        ),
    ] = None,
    about: Annotated[
        str | None,
        typer.Option(
            "--about",
            metavar="TERM",
            help="Only quotes about this word or phrase (in the quote or its sentence).",
        ),
    ] = None,
    lexicon: Annotated[
        Path | None,
        typer.Option(
            "--lexicon", help="With --theme: TOML theme lexicon extending the built-in one."
        ),
    ] = None,
    fold: Annotated[
        bool, typer.Option("--fold", help="With --theme/--about: match without diacritics.")
    ] = False,
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: OutletOpt = None,
    doc: DocsOpt = None,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = None,
    no_headers: NoHeadersOpt = False,
    columns: ColumnsOpt = None,
    raw_cells: RawCellsOpt = False,
    keep_duplicates: KeepDuplicatesOpt = False,
) -> None:
    """Direct and reported speech with its speaker, role and article.

    Example: vnt quotes --speaker "Nguyễn Huy Dũng" -f csv > dung.csv

    Example: vnt quotes --about "dữ liệu" --since 2022 -o quotes_du_lieu.xlsx
    """
    from vntransform.corpus.ingest import default_workers
    from vntransform.corpus.select import cite
    from vntransform.errors import UsageError
    from vntransform.quotes import corpus_quotes
    from vntransform.quotes.speakers import match_speaker

    if (lexicon is not None or fold) and theme is None and about is None:
        raise UsageError("--lexicon and --fold apply to --theme or --about; add one")
    names = list(dict.fromkeys(s for s in speaker or () if s.strip()))
    with selected_corpus(
        db, selection(since, until, outlet, doc), keep_duplicates=keep_duplicates
    ) as corpus:
        frame = corpus_quotes(
            corpus,
            speaker=names[0] if len(names) == 1 else None,
            kind=kind,
            workers=default_workers(),
        )
        if len(names) > 1:
            frame = frame[
                [any(match_speaker(n, s) for n in names) for s in frame["speaker"]]
            ].reset_index(drop=True)
        if theme is not None or about is not None:
            from vntransform.mining.compare import quotes_on
            from vntransform.mining.themes import load_lexicon

            frame = quotes_on(
                frame,
                corpus,
                theme=theme,
                about=about,
                fold=fold,
                lexicon=load_lexicon(lexicon) if theme else None,
            )
        frame = cite(frame, corpus)
    if frame.empty:
        note("no quotes found" + (f" for {', '.join(names)}" if names else ""))
    emit(
        frame,
        fmt=fmt,
        output=output,
        bom=bom,
        no_headers=no_headers,
        title=f"{len(frame)} quotes",
        wide=("quote", "title", "speaker_role"),
        columns=columns,
        raw_cells=raw_cells,
    )


@app.command()
def speakers(
    db: DbOpt = DEFAULT_DB,
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: OutletOpt = None,
    doc: DocsOpt = None,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = None,
    no_headers: NoHeadersOpt = False,
    columns: ColumnsOpt = None,
    raw_cells: RawCellsOpt = False,
    keep_duplicates: KeepDuplicatesOpt = False,
) -> None:
    """One row per speaker: roles, direct and indirect quote counts, articles.

    Example: vnt speakers -f table

    Example: vnt speakers --since 2023 --outlet "Dân trí" -o speakers.xlsx
    """
    from vntransform.corpus.ingest import default_workers
    from vntransform.quotes import corpus_quotes, summarize_speakers

    with selected_corpus(
        db, selection(since, until, outlet, doc), keep_duplicates=keep_duplicates
    ) as corpus:
        frame = summarize_speakers(corpus_quotes(corpus, workers=default_workers()))
    emit(
        frame,
        fmt=fmt,
        output=output,
        bom=bom,
        no_headers=no_headers,
        title=f"{len(frame)} speakers",
        wide=("roles", "first_quote"),
        columns=columns,
        raw_cells=raw_cells,
    )
