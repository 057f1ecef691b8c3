"""Commands that build and read the corpus: ingest, docs, show, segment."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from vntransform.cli.common import (
    BomOpt,
    DbOpt,
    FormatOpt,
    NoHeadersOpt,
    OutputOpt,
    app,
    emit,
    guard,
    open_corpus,
)
from vntransform.errors import UsageError

DEFAULT_DB = Path("vnt.db")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: DbOpt = DEFAULT_DB,
    glob: Annotated[
        list[str] | None,
        typer.Option("--glob", "-g", help="File pattern to pick in folders (repeatable).")
    ] = None,
    text_column: Annotated[
        str, typer.Option("--text-column", help="CSV column / JSON field with the text.")
    ] = "text",
    terms: Annotated[
        Path | None, typer.Option("--terms", help="File of multiword terms, one per line.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Re-process articles already stored.")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=0, help="Worker processes (0 = all cores).")
    ] = 0,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Refuse longer articles.")
    ] = 5_000_000,
    engine: Annotated[
        str, typer.Option("--engine", help="local (SQLite) or dask (Parquet folder, --out).")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler, e.g. tcp://host:8786 "
                                                     "(default: a local cluster).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="With --engine dask: the corpus folder.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
) -> None:
    """Read articles into the corpus: clean, split sentences and words once, store.

    Example: vnt ingest corpus/ --db vnt.db
    """
    with guard():
        from vntransform.corpus.ingest import default_workers, load_terms
        from vntransform.corpus.ingest import ingest as run_ingest
        from vntransform.corpus.readers import DEFAULT_GLOBS

        if "-" in paths and len(paths) > 1 and paths.count("-") > 1:
            raise UsageError("- (stdin) can be given only once")
        user_terms = load_terms(terms) if terms else []
        n_workers = workers or default_workers()
        if engine not in ("local", "dask"):
            raise UsageError(f"--engine {engine}: choose local or dask")
        if engine == "dask":
            _ingest_dask(paths, out, scheduler, n_workers, glob, text_column, user_terms,
                         quiet)
            return
        corpus = open_corpus(db, readonly=False, create=True)
        try:
            with _progress(quiet) as on_progress:
                report = run_ingest(
                    paths, corpus, globs=tuple(glob) if glob else DEFAULT_GLOBS,
                    text_column=text_column, terms=user_terms, replace_existing=replace,
                    workers=n_workers, max_chars=max_chars,
                    stdin=sys.stdin.buffer if "-" in paths else None,
                    on_progress=on_progress,
                )
            total = len(corpus)
        finally:
            corpus.close()
        for failure in report.failed:
            typer.echo(f"Error: {failure.source}: {failure.message}", err=True)
        if not quiet:
            for added in report.added:
                if added.encoding not in ("utf-8", "utf-8-sig"):
                    typer.echo(f"{added.source}: decoded from {added.encoding}", err=True)
            typer.echo(
                f"added {len(report.added)}, skipped {len(report.skipped)} (already stored), "
                f"failed {len(report.failed)}; {total} articles in {db}",
                err=True,
            )
        if report.failed:
            raise typer.Exit(1)


def _ingest_dask(paths, out, scheduler, workers, glob, text_column, terms, quiet) -> None:  # noqa: ANN001
    from vntransform.corpus.readers import DEFAULT_GLOBS

    if out is None:
        raise UsageError("--engine dask writes a Parquet corpus folder: give --out DIR")
    try:
        import distributed  # noqa: F401

        from vntransform.engines.dask import ingest_dask
    except ImportError:
        raise UsageError("--engine dask needs the extra: pip install 'vntransform[dask]'") \
            from None
    report = ingest_dask(paths, out, scheduler=scheduler, workers=workers,
                         globs=tuple(glob) if glob else DEFAULT_GLOBS, text_column=text_column,
                         terms=terms, stdin=sys.stdin.buffer if "-" in paths else None)
    for failure in report.failed:
        typer.echo(f"Error: {failure.source}: {failure.message}", err=True)
    if not quiet:
        typer.echo(f"added {report.added}, skipped {report.skipped} (duplicates), failed "
                   f"{len(report.failed)}; {len(report.files)} Parquet files in {out}", err=True)
    if report.failed:
        raise typer.Exit(1)


@app.command("export")
def export_(
    to: Annotated[Path, typer.Option("--to", help="New Parquet corpus folder.")],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Copy the SQLite corpus to a Parquet folder (no re-segmenting).

    Example: vnt export --db vnt.db --to corpus_parquet/
    """
    with guard():
        from vntransform.corpus.parquet import export_parquet

        with open_corpus(db) as corpus:
            count = export_parquet(corpus, to)
        typer.echo(f"exported {count} articles to {to}", err=True)


@app.command("import")
def import_(
    folder: Annotated[Path, typer.Argument(help="Parquet corpus folder.")],
    db: DbOpt = DEFAULT_DB,
    where: Annotated[
        str | None, typer.Option("--where", help="Filter, e.g. \"outlet == 'Dân trí'\".")
    ] = None,
) -> None:
    """Add the articles of a Parquet corpus folder to the SQLite corpus (no re-segmenting).

    Example: vnt import corpus_parquet/ --db vnt.db --where "published >= '2023'"
    """
    with guard():
        from vntransform.corpus.parquet import import_parquet

        with open_corpus(db, readonly=False, create=True) as corpus:
            added = import_parquet(folder, corpus, where=where)
            total = len(corpus)
        typer.echo(f"imported {added} articles; {total} in {db}", err=True)


class _progress:
    """A rich progress counter on stderr when it is a terminal; a no-op otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self._progress = None
        self._task = None
        self.counts = {"added": 0, "skipped": 0, "failed": 0}

    def __enter__(self):  # noqa: ANN204
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("ingesting…")
        return self._update

    def _update(self, event: str, source: str) -> None:
        self.counts[event] = self.counts.get(event, 0) + 1
        c = self.counts
        self._progress.update(
            self._task,
            description=f"added {c['added']}  skipped {c['skipped']}  failed {c['failed']}  "
                        f"[{source[-50:]}]",
        )

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


@app.command()
def docs(
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = False,
    no_headers: NoHeadersOpt = False,
) -> None:
    """List the articles in the corpus: id, title, date, outlet, author, source, size.

    Example: vnt docs -f csv > articles.csv
    """
    with guard():
        with open_corpus(db) as corpus:
            frame = corpus.documents()
        emit(frame, fmt=fmt, output=output, bom=bom, no_headers=no_headers,
             title=f"{len(frame)} articles in {db}", wide=("title",))


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
    db: DbOpt = DEFAULT_DB,
    segmented: Annotated[
        bool, typer.Option("--segmented", help="One sentence per line, words joined by _.")
    ] = False,
    raw: Annotated[bool, typer.Option("--raw", help="The text as read, before cleaning.")] = False,
    removed: Annotated[
        bool, typer.Option("--removed", help="The lines cleaning dropped, and why.")
    ] = False,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
) -> None:
    """Print one article's clean text (or its words, raw text, or removed lines).

    Example: vnt show 3fa2 --removed
    """
    with guard():
        if sum((segmented, raw, removed)) > 1:
            raise UsageError("choose one of --segmented, --raw, --removed")
        with open_corpus(db) as corpus:
            if removed:
                import pandas as pd

                rows = corpus.removed(doc_id)
                frame = pd.DataFrame([(r.kind, r.line, r.text) for r in rows],
                                     columns=["kind", "line", "text"])
                emit(frame, fmt=fmt, output=output, wide=("text",),
                     title=f"{len(frame)} lines removed")
                return
            document = corpus.get(doc_id)
            if segmented:
                lines = [" ".join(w.replace(" ", "_") for w in s.tokens)
                         for s in corpus.iter_sentences([document.doc_id])]
                text = "\n".join(lines)
            elif raw:
                text = document.raw_text
            else:
                header = [f"# {document.title}"] if document.title else []
                text = "\n\n".join([*header, *document.paragraphs])
        typer.echo(text)


@app.command()
def segment(
    text: Annotated[str | None, typer.Argument(help="Text to segment (else -i FILE or stdin).")]
    = None,
    input_file: Annotated[
        Path | None, typer.Option("--input", "-i", help="Read lines from this file.")
    ] = None,
    style: Annotated[
        str, typer.Option("--format", "-f", help="text (words joined by _) or conll.")
    ] = "text",
    pos: Annotated[bool, typer.Option("--pos", help="With --format conll: add POS tags.")] = False,
    terms: Annotated[
        Path | None, typer.Option("--terms", help="File of multiword terms, one per line.")
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="fast (vnt's decoder over underthesea's model, "
                          "same words) or underthesea (its own tagger).")
    ] = "fast",
) -> None:
    """Split Vietnamese text into words, line by line (no corpus needed).

    Example: echo "Chuyển đổi số là xu thế tất yếu" | vnt segment
    """
    with guard():
        from vntransform.text.segment import ENGINES, iter_rendered_lines

        if engine not in ENGINES:
            raise UsageError(f"--engine {engine}: choose fast or underthesea")
        if style not in ("text", "conll"):
            raise UsageError(f"--format {style}: choose text or conll")
        if pos and style != "conll":
            raise UsageError("--pos needs --format conll")
        fixed: tuple[str, ...] = ()
        if terms is not None:
            from vntransform.corpus.ingest import fixed_words_for, load_terms

            fixed = fixed_words_for(load_terms(terms))
        interactive = text is None and input_file is None and sys.stdin.isatty()
        for out in iter_rendered_lines(_lines(text, input_file), style=style, pos=pos,
                                       fixed_words=fixed, engine=engine,
                                       batch_size=1 if interactive else 2000):
            typer.echo(out)


def _lines(text: str | None, input_file: Path | None):  # noqa: ANN202
    if text is not None and input_file is not None:
        raise UsageError("give TEXT or --input, not both")
    if text is not None:
        yield from text.splitlines() or [""]
        return
    if input_file is not None:
        from vntransform.errors import InputError

        try:
            fh = open(input_file, encoding="utf-8-sig", errors="strict")  # noqa: SIM115
        except OSError as exc:
            raise InputError(f"{input_file}: cannot read: {exc.strerror or exc}") from None
        with fh:
            try:
                for line in fh:
                    yield line.rstrip("\n")
            except UnicodeDecodeError:
                raise InputError(f"{input_file}: not UTF-8 text; convert it or use "
                                 "`vnt ingest` which detects legacy encodings") from None
        return
    for line in sys.stdin:
        yield line.rstrip("\n")
