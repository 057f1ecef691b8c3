"""Mining commands: keywords, topics, themes, kwic."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vntransform.cli.common import (
    BomOpt,
    DbOpt,
    EngineOpt,
    FormatOpt,
    NoHeadersOpt,
    OutputOpt,
    SchedulerOpt,
    analysis_corpus,
    app,
    emit,
    guard,
    open_corpus,
)

DEFAULT_DB = Path("vnt.db")
StopwordsOpt = Annotated[
    Path | None, typer.Option("--stopwords", help="File of extra stopwords, one per line.")
]
FoldOpt = Annotated[
    bool, typer.Option("--fold", help="Match without diacritics (chuyen doi so).")
]
LexiconOpt = Annotated[
    Path | None, typer.Option("--lexicon", help="TOML theme lexicon extending the built-in one.")
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Do not read or write the store's TF-IDF cache.")
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
    doc: Annotated[str | None, typer.Option("--doc", help="Top terms of one article.")] = None,
    stopwords: StopwordsOpt = None,
    no_cache: NoCacheOpt = False,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """Terms that stand out (TF-IDF over the stored words; phrases kept whole).

    Example: vnt keywords --top 20 -f csv > keywords.csv
    """
    with guard():
        from vntransform.mining.keywords import extract_keywords, keywords_per_doc

        extra = _stopwords(stopwords)
        with analysis_corpus(db, engine, scheduler) as corpus:
            if per_doc or doc:
                ids = [corpus.resolve(doc)] if doc else None
                frame = keywords_per_doc(corpus, top=top, doc_ids=ids, stopwords=extra,
                                         use_cache=not no_cache)
                title = "Top terms per article"
            else:
                frame = extract_keywords(corpus, top=top, stopwords=extra,
                                         use_cache=not no_cache)
                title = f"Top {len(frame)} keywords"
        emit(frame, fmt=fmt, output=output, bom=bom, no_headers=no_headers, title=title)


@app.command()
def topics(
    db: DbOpt = DEFAULT_DB,
    k: Annotated[str, typer.Option("--k", help="Number of topics, or auto.")] = "auto",
    method: Annotated[str, typer.Option("--method", help="kmeans or nmf.")] = "kmeans",
    unit: Annotated[
        str | None, typer.Option("--unit", help="doc, paragraph or sentence "
                                                "(default: paragraph under 50 articles).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same topics).")]
    = 0,
    assignments: Annotated[
        bool, typer.Option("--assignments", help="List every unit with its topic.")
    ] = False,
    stopwords: StopwordsOpt = None,
    lexicon: LexiconOpt = None,
    fit_sample: Annotated[
        int | None, typer.Option("--fit-sample", min=10, help="Fit the clustering on this many "
                                 "units drawn by seed, then assign every unit (large corpora).")
    ] = None,
    no_cache: NoCacheOpt = False,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """Cluster articles, paragraphs or sentences into topics (TF-IDF + k-means or NMF).

    Each topic's label is its 3 most distinctive terms. The coherence column says how often
    a topic's top terms appear together in one unit beyond chance (-1..1; above 0 they go
    together, below 0 the topic mixes units with little in common).

    Example: vnt topics --k auto --seed 0
    """
    with guard():
        from vntransform.mining.themes import load_lexicon
        from vntransform.mining.topics import fit_topics

        themes = load_lexicon(lexicon)
        with analysis_corpus(db, engine, scheduler) as corpus:
            result = fit_topics(corpus, k=k, method=method, unit=unit, seed=seed,
                                stopwords=_stopwords(stopwords), lexicon=themes,
                                fit_sample=fit_sample, use_cache=not no_cache)
        typer.echo(f"{result.k} topics over {result.unit}s ({result.method}); {result.reason}",
                   err=True)
        frame = result.assignments if assignments else result.topics
        emit(frame, fmt=fmt, output=output, bom=bom, no_headers=no_headers,
             title=f"{result.k} topics ({result.unit}s)")


@app.command()
def themes(
    db: DbOpt = DEFAULT_DB,
    lexicon: LexiconOpt = None,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="Every matching sentence.")
    ] = False,
    by_doc: Annotated[bool, typer.Option("--by-doc", help="Article × theme matrix.")] = False,
    theme: Annotated[
        str | None, typer.Option("--theme", help="With --evidence: only this theme.")
    ] = None,
    fold: FoldOpt = False,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """Named recurring themes (perception, data sharing, leadership…) with evidence.

    Example: vnt themes --evidence --theme leadership
    """
    with guard():
        from vntransform.errors import UsageError
        from vntransform.mining.themes import (
            find_themes,
            load_lexicon,
            theme_evidence,
            theme_matrix,
        )

        if evidence and by_doc:
            raise UsageError("choose one of --evidence, --by-doc")
        lex = load_lexicon(lexicon)
        with open_corpus(db) as corpus:
            if evidence:
                frame = theme_evidence(corpus, lexicon=lex, fold=fold, theme=theme)
            elif by_doc:
                frame = theme_matrix(corpus, lexicon=lex, fold=fold)
            else:
                frame = find_themes(corpus, lexicon=lex, fold=fold)
        emit(frame, fmt=fmt, output=output, bom=bom, no_headers=no_headers, title="Themes",
             wide=("top_terms", "example", "sentence"))


@app.command()
def kwic(
    term: Annotated[str, typer.Argument(help="Word or phrase to find.")],
    db: DbOpt = DEFAULT_DB,
    window: Annotated[int, typer.Option("--window", "-w", min=1, help="Words each side.")] = 8,
    fold: FoldOpt = False,
    whole_term: Annotated[
        bool, typer.Option("--whole-term", help="Only matches that are whole stored words "
                           "(not 'dữ liệu' inside 'cơ sở dữ liệu').")
    ] = False,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """Keyword in context: every occurrence of a word or phrase with its neighbours.

    Example: vnt kwic "người đứng đầu" --window 6
    """
    with guard():
        from vntransform.mining.kwic import find_kwic

        with open_corpus(db) as corpus:
            frame = find_kwic(corpus, term, window=window, fold=fold, whole_term=whole_term)
        if frame.empty:
            typer.echo(f"no occurrence of {term!r}", err=True)
        emit(frame, fmt=fmt, output=output, bom=bom, no_headers=no_headers,
             title=f"{len(frame)} occurrences of {term}")
