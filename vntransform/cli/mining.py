"""Mining commands: keywords, topics, themes, kwic."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vntransform.cli.common import (
    analysis_corpus,
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
    EngineOpt,
    FormatOpt,
    KeepDuplicatesOpt,
    NoHeadersOpt,
    OutletOpt,
    OutputOpt,
    RawCellsOpt,
    SchedulerOpt,
    SinceOpt,
    UntilOpt,
)

StopwordsOpt = Annotated[
    Path | None, typer.Option("--stopwords", help="File of extra stopwords, one per line.")
]
FoldOpt = Annotated[bool, typer.Option("--fold", help="Match without diacritics (chuyen doi so).")]
LexiconOpt = Annotated[
    Path | None, typer.Option("--lexicon", help="TOML theme lexicon extending the built-in one.")
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Do not read or write the store's TF-IDF cache.")
]
ByOpt = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="year|month|outlet",
        help="Compare periods or outlets: one group per year, month or outlet.",
    ),
]


def _stopwords(path: Path | None) -> list[str]:
    if path is None:
        return []
    from vntransform.mining.vocabulary import load_stopwords

    return sorted(load_stopwords(path))


@app.command()
def keywords(
    db: DbOpt = DEFAULT_DB,
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many terms.")] = 20,
    per_doc: Annotated[bool, typer.Option("--per-doc", help="Top terms of each article.")] = False,
    doc: Annotated[
        list[str] | None,
        typer.Option("--doc", metavar="ID", help="Top terms of this article (repeatable)."),
    ] = None,
    by: ByOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: OutletOpt = None,
    stopwords: StopwordsOpt = None,
    no_cache: NoCacheOpt = False,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = None,
    no_headers: NoHeadersOpt = False,
    columns: ColumnsOpt = None,
    raw_cells: RawCellsOpt = False,
    keep_duplicates: KeepDuplicatesOpt = False,
) -> None:
    """Terms that stand out (TF-IDF over the stored words; phrases kept whole).

    Example: vnt keywords --top 20 -f csv > keywords.csv

    Example: vnt keywords --by year --top 10 --since 2020 -o keywords_by_year.xlsx
    """
    from vntransform.corpus.select import cite
    from vntransform.errors import UsageError
    from vntransform.mining.keywords import extract_keywords, keywords_per_doc

    if by and (per_doc or doc):
        raise UsageError("--by compares groups of articles; drop --per-doc/--doc")
    extra = _stopwords(stopwords)
    # --doc picks the articles whose terms are listed; IDF comes from the whole selection
    chosen = selection(since, until, outlet)
    with analysis_corpus(db, engine, scheduler, chosen, keep_duplicates=keep_duplicates) as (
        corpus,
        counter,
    ):
        if by:
            from vntransform.mining.compare import keywords_by

            frame = keywords_by(corpus, by, top=top, stopwords=extra, use_cache=not no_cache)
            title = f"Top {top} keywords per {by}"
        elif per_doc or doc:
            ids = [corpus.resolve(d) for d in doc] if doc else None
            frame = cite(
                keywords_per_doc(
                    corpus,
                    top=top,
                    doc_ids=ids,
                    stopwords=extra,
                    use_cache=not no_cache,
                    engine=counter,
                ),
                corpus,
            )
            title = "Top terms per article"
        else:
            frame = extract_keywords(
                corpus, top=top, stopwords=extra, use_cache=not no_cache, engine=counter
            )
            title = f"Top {len(frame)} keywords"
    emit(
        frame,
        fmt=fmt,
        output=output,
        bom=bom,
        no_headers=no_headers,
        title=title,
        columns=columns,
        raw_cells=raw_cells,
    )


@app.command()
def topics(
    db: DbOpt = DEFAULT_DB,
    k: Annotated[str, typer.Option("--k", help="Number of topics, or auto.")] = "auto",
    method: Annotated[str, typer.Option("--method", help="kmeans or nmf.")] = "kmeans",
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help="doc, paragraph or sentence (default: paragraph under 50 articles)."
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same topics).")] = 0,
    assignments: Annotated[
        bool, typer.Option("--assignments", help="List every unit with its topic.")
    ] = False,
    stopwords: StopwordsOpt = None,
    lexicon: LexiconOpt = None,
    fit_sample: Annotated[
        int | None,
        typer.Option(
            "--fit-sample",
            min=10,
            help="Fit the clustering on this many "
            "units drawn by seed, then assign every unit (large corpora).",
        ),
    ] = None,
    no_cache: NoCacheOpt = False,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
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
    """Cluster articles, paragraphs or sentences into topics (TF-IDF + k-means or NMF).

    Each topic's label is its 3 most distinctive terms. The coherence column says how often
    a topic's top terms appear together in one unit beyond chance (-1..1; above 0 they go
    together, below 0 the topic mixes units with little in common).

    Example: vnt topics --k auto --seed 0

    Example: vnt topics --unit doc --k 8 --since 2022 --assignments -o topics.xlsx
    """
    from vntransform.mining.themes import load_lexicon
    from vntransform.mining.topics import fit_topics

    themes = load_lexicon(lexicon)
    with analysis_corpus(
        db, engine, scheduler, selection(since, until, outlet, doc), keep_duplicates=keep_duplicates
    ) as (corpus, counter):
        result = fit_topics(
            corpus,
            k=k,
            method=method,
            unit=unit,
            seed=seed,
            stopwords=_stopwords(stopwords),
            lexicon=themes,
            fit_sample=fit_sample,
            use_cache=not no_cache,
            engine=counter,
        )
        if assignments:
            from vntransform.corpus.select import cite

            frame = cite(result.assignments, corpus)
        else:
            frame = result.topics
    note(f"{result.k} topics over {result.unit}s ({result.method}); {result.reason}")
    emit(
        frame,
        fmt=fmt,
        output=output,
        bom=bom,
        no_headers=no_headers,
        title=f"{result.k} topics ({result.unit}s)",
        columns=columns,
        raw_cells=raw_cells,
    )


@app.command()
def themes(
    db: DbOpt = DEFAULT_DB,
    lexicon: LexiconOpt = None,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="Every sentence that counts for a theme.")
    ] = False,
    by_doc: Annotated[bool, typer.Option("--by-doc", help="Article × theme matrix.")] = False,
    theme: Annotated[
        str | None, typer.Option("--theme", help="With --evidence: only this theme.")
    ] = None,
    suggest: Annotated[
        str | None,
        typer.Option(
            "--suggest",
            metavar="THEME",
            help="Candidate terms co-occurring with THEME's terms far "
            "more than chance, with counts and an example.",
        ),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", "-n", min=1, help="With --suggest: how many candidates.")
    ] = 30,
    init_lexicon: Annotated[
        Path | None,
        typer.Option(
            "--init-lexicon",
            metavar="FILE",
            help="Write the built-in lexicon to FILE to edit, and exit.",
        ),
    ] = None,
    by: ByOpt = None,
    learned: Annotated[
        bool,
        typer.Option(
            "--learned",
            help="Let the built-in learned scorer re-judge the built-in themes (drop "
            "doubtful matches, add confident sentences, terms marked ~).",
        ),
    ] = False,
    fold: FoldOpt = False,
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
    """Named recurring themes (perception, data sharing, leadership…) with evidence.

    Example: vnt themes --evidence --theme leadership

    Example: vnt themes --by year --since 2019 -o themes_by_year.xlsx
    """
    from vntransform.corpus.select import cite
    from vntransform.errors import UsageError
    from vntransform.mining.themes import (
        find_themes,
        load_lexicon,
        suggest_terms,
        theme_evidence,
        theme_matrix,
        write_lexicon,
    )

    if init_lexicon is not None:
        written = write_lexicon(init_lexicon)
        note(f"wrote the built-in theme lexicon to {written}; edit it and pass --lexicon {written}")
        return
    if sum((evidence, by_doc, by is not None, suggest is not None)) > 1:
        raise UsageError("choose one of --evidence, --by-doc, --by, --suggest")
    if theme is not None and not evidence:
        raise UsageError(
            "--theme picks the evidence of one theme: add --evidence (or use vnt quotes --theme)"
        )
    lex = load_lexicon(lexicon)
    if learned:
        from dataclasses import replace

        from vntransform.mining.themes import Lexicon

        lex = Lexicon(lex, replace(lex.sentence_rules, learned=True))
    with selected_corpus(
        db, selection(since, until, outlet, doc), keep_duplicates=keep_duplicates
    ) as corpus:
        if suggest:
            frame = suggest_terms(corpus, suggest, lexicon=lex, top=top, fold=fold)
            title = f"Candidate terms for {suggest}"
        elif evidence:
            frame = cite(theme_evidence(corpus, lexicon=lex, fold=fold, theme=theme), corpus)
            title = "Theme evidence"
        elif by_doc:
            frame = cite(theme_matrix(corpus, lexicon=lex, fold=fold), corpus)
            title = "Themes by article"
        elif by:
            from vntransform.mining.compare import themes_by

            frame = themes_by(corpus, by, lexicon=lex, fold=fold)
            title = f"Themes by {by}"
        else:
            frame = find_themes(corpus, lexicon=lex, fold=fold)
            title = "Themes"
    emit(
        frame,
        fmt=fmt,
        output=output,
        bom=bom,
        no_headers=no_headers,
        title=title,
        wide=("top_terms", "example", "sentence"),
        columns=columns,
        raw_cells=raw_cells,
    )


@app.command()
def kwic(
    term: Annotated[str, typer.Argument(help="Word or phrase to find.")],
    db: DbOpt = DEFAULT_DB,
    window: Annotated[int, typer.Option("--window", "-w", min=1, help="Words each side.")] = 8,
    fold: FoldOpt = False,
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: OutletOpt = None,
    doc: DocsOpt = None,
    whole_term: Annotated[
        bool,
        typer.Option(
            "--whole-term",
            help="Only matches that are whole stored words (not 'dữ liệu' inside 'cơ sở dữ liệu').",
        ),
    ] = False,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = None,
    no_headers: NoHeadersOpt = False,
    columns: ColumnsOpt = None,
    raw_cells: RawCellsOpt = False,
    keep_duplicates: KeepDuplicatesOpt = False,
) -> None:
    """Keyword in context: every occurrence of a word or phrase with its neighbours.

    Example: vnt kwic "người đứng đầu" --window 6

    Example: vnt kwic "chia sẻ dữ liệu" --since 2022 --outlet VnExpress -o kwic.xlsx
    """
    from vntransform.corpus.select import cite
    from vntransform.mining.kwic import find_kwic

    with selected_corpus(
        db, selection(since, until, outlet, doc), keep_duplicates=keep_duplicates
    ) as corpus:
        frame = cite(
            find_kwic(corpus, term, window=window, fold=fold, whole_term=whole_term), corpus
        )
    if frame.empty:
        note(f"no occurrence of {term!r}")
    emit(
        frame,
        fmt=fmt,
        output=output,
        bom=bom,
        no_headers=no_headers,
        title=f"{len(frame)} occurrences of {term}",
        wide=("left", "right"),
        columns=columns,
        raw_cells=raw_cells,
    )
