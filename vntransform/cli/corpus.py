"""Commands that build and read the corpus: ingest, docs, show, segment."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from vntransform.cli.common import (
    app,
    current_environment,
    emit,
    note,
    open_corpus,
    say,
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
    NoHeadersOpt,
    OutletOpt,
    OutputOpt,
    RawCellsOpt,
    SinceOpt,
    UntilOpt,
)
from vntransform.errors import UsageError
from vntransform.status import ExitStatus

if TYPE_CHECKING:
    from vntransform.models import Metadata


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: DbOpt = DEFAULT_DB,
    glob: Annotated[
        list[str] | None,
        typer.Option("--glob", "-g", help="File pattern to pick in folders (repeatable)."),
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
        str | None,
        typer.Option(
            "--scheduler", help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster)."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="With --engine dask: the corpus folder.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="FIELD=VALUE for articles that carry none: outlet, "
            "published, author, url, title (repeatable).",
        ),
    ] = None,
    analyse: Annotated[
        bool,
        typer.Option(
            "--analyse",
            help="Also find each article's quotes and theme sentences now and keep them "
            "(about twice the ingest time; the first quotes/themes/report is then fast).",
        ),
    ] = False,
) -> None:
    """Read articles into the corpus: clean, split sentences and words once, store.

    Example: vnt ingest corpus/ --db vnt.db

    Example: vnt ingest reports/ --db vnt.db --set outlet="Sở TT&TT" --set published=2023-10-13
    """
    from vntransform.corpus.ingest import default_workers, load_terms
    from vntransform.corpus.ingest import ingest as run_ingest
    from vntransform.corpus.readers import DEFAULT_GLOBS

    if "-" in paths and len(paths) > 1 and paths.count("-") > 1:
        raise UsageError("- (stdin) can be given only once")
    user_terms = load_terms(terms) if terms else []
    n_workers = workers or default_workers()
    defaults = _parse_set(set_ or [])
    if engine not in ("local", "dask"):
        raise UsageError(f"--engine {engine}: choose local or dask")
    if engine == "dask" and analyse:
        raise UsageError(
            "--analyse works with --engine local only (a Parquet corpus keeps no "
            "per-article results; its analyses find them each time)"
        )
    if engine == "dask" and replace:
        raise UsageError(
            "--replace works with --engine local only (a Dask ingest writes "
            "a new folder: nothing is stored yet to replace)"
        )
    if engine == "dask":
        _ingest_dask(
            paths,
            out,
            scheduler,
            n_workers,
            glob,
            text_column,
            user_terms,
            quiet,
            max_chars,
            defaults,
        )
        return
    corpus = open_corpus(db, readonly=False, create=True)
    try:
        with _progress(quiet) as on_progress:
            report = run_ingest(
                paths,
                corpus,
                globs=tuple(glob) if glob else DEFAULT_GLOBS,
                text_column=text_column,
                terms=user_terms,
                replace_existing=replace,
                workers=n_workers,
                max_chars=max_chars,
                stdin=_stdin(paths),
                on_progress=on_progress,
                defaults=defaults,
                analyse=analyse,
            )
        corpus.include_duplicates = True  # the total counts every stored article
        total = len(corpus)
    finally:
        corpus.close()
    for failure in report.failed:
        note(f"Error: {failure.source}: {failure.message}")
    # a date given in a form vnt cannot read, and no other date found (dateline, name)
    undated = [a for a in report.added if a.published_raw and not a.published]
    if undated:  # once, not per article: a CSV export may hold thousands
        first = undated[0]
        note(
            f"Warning: {len(undated)} article{'s' * (len(undated) != 1)} gave a date "
            f"vnt cannot read (first: {first.published_raw!r} in {first.source}); "
            "kept as published_raw, published left empty"
        )
    if not quiet:
        for added in report.added:
            if added.encoding not in ("utf-8", "utf-8-sig"):
                note(f"{added.source}: decoded from {added.encoding}")
        copies = [a for a in report.added if a.duplicate_of]
        if copies:
            note(
                f"{len(copies)} near-duplicate cop{'ies' if len(copies) != 1 else 'y'}"
                f" of stored articles (e.g. {copies[0].source} repeats "
                f"{copies[0].duplicate_of}); analyses count each story once: "
                "see vnt docs --duplicates"
            )
        note(
            f"added {len(report.added)}, skipped {len(report.skipped)} (already stored), "
            f"failed {len(report.failed)}; {total} articles in {db}"
        )
    if report.failed:
        raise typer.Exit(ExitStatus.ERROR)


_SETTABLE = ("outlet", "published", "author", "url", "title")


def _parse_set(pairs: list[str]) -> Metadata | None:
    """``--set outlet=Dân trí --set published=13/10/2023`` -> Metadata (date as ISO)."""
    if not pairs:
        return None
    from vntransform.corpus.dates import parse_date
    from vntransform.models import Metadata

    fields: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name, value = name.strip().lower(), value.strip()
        if not sep or name not in _SETTABLE:
            raise UsageError(
                f"--set {pair}: use FIELD=VALUE with FIELD one of {', '.join(_SETTABLE)}"
            )
        if name == "published":
            iso = parse_date(value)
            if not iso:
                raise UsageError(
                    f"--set published={value}: not a date; write it as 2023-10-13 or 13/10/2023"
                )
            value = iso
        fields[name] = value
    return Metadata(**fields)


def _stdin(paths: list[str]) -> io.BufferedIOBase | None:
    """The standard input's bytes when ``-`` is among the paths."""
    return cast("io.BufferedIOBase", sys.stdin.buffer) if "-" in paths else None


def _ingest_dask(
    paths: list[str],
    out: Path | None,
    scheduler: str | None,
    workers: int,
    glob: list[str] | None,
    text_column: str,
    terms: list[str],
    quiet: bool,
    max_chars: int,
    defaults: Metadata | None,
) -> None:
    from vntransform.corpus.readers import DEFAULT_GLOBS

    if out is None:
        raise UsageError("--engine dask writes a Parquet corpus folder: give --out DIR")
    try:
        import distributed  # noqa: F401

        from vntransform.engines.dask import ingest_dask
    except ImportError:
        raise UsageError("--engine dask needs the extra: pip install 'vntransform[dask]'") from None
    report = ingest_dask(
        paths,
        out,
        scheduler=scheduler,
        workers=workers,
        globs=tuple(glob) if glob else DEFAULT_GLOBS,
        text_column=text_column,
        terms=terms,
        max_chars=max_chars,
        defaults=defaults,
        stdin=_stdin(paths),
    )
    for failure in report.failed:
        note(f"Error: {failure.source}: {failure.message}")
    if not quiet:
        note(
            f"added {report.added}, skipped {report.skipped} (duplicates), failed "
            f"{len(report.failed)}; {len(report.files)} Parquet files in {out}"
        )
    if report.failed:
        raise typer.Exit(ExitStatus.ERROR)


@app.command("export")
def export_(
    to: Annotated[Path, typer.Option("--to", help="New Parquet corpus folder.")],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Copy the SQLite corpus to a Parquet folder (no re-segmenting).

    Example: vnt export --db vnt.db --to corpus_parquet/

    Example: vnt keywords --from corpus_parquet/ --engine dask
    """
    from vntransform.corpus.parquet import export_parquet

    with open_corpus(db) as corpus:
        count = export_parquet(corpus, to)
    note(f"exported {count} articles to {to}")


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

    Example: vnt import corpus_parquet/ --db vnt.db --where "outlet == 'Dân trí'"
    """
    from vntransform.corpus.parquet import import_parquet

    with open_corpus(db, readonly=False, create=True) as corpus:
        added = import_parquet(folder, corpus, where=where)
        total = len(corpus)
    note(f"imported {added} articles; {total} in {db}")


class _progress:
    """A rich progress counter on stderr when it is a terminal; a no-op otherwise."""

    def __init__(self, quiet: bool) -> None:
        self._stderr = current_environment().stderr
        self.enabled = not quiet and current_environment().stderr_isatty
        self._progress: Any = None  # a rich Progress while entered
        self._task: Any = None
        self.counts = {"added": 0, "skipped": 0, "failed": 0}

    def __enter__(self) -> Callable[[str, str], None] | None:
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=Console(file=self._stderr),
            transient=True,
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
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: OutletOpt = None,
    doc: DocsOpt = None,
    duplicates: Annotated[
        bool,
        typer.Option(
            "--duplicates", help="Only near-duplicate copies, each with the article it repeats."
        ),
    ] = False,
    fmt: FormatOpt = "auto",
    output: OutputOpt = None,
    bom: BomOpt = None,
    no_headers: NoHeadersOpt = False,
    columns: ColumnsOpt = None,
    raw_cells: RawCellsOpt = False,
) -> None:
    """List the articles in the corpus: id, title, date, outlet, author, source, size, URL.

    Example: vnt docs -f csv > articles.csv

    Example: vnt docs --since 2022 --outlet VnExpress --columns doc_id,title,published
    """
    with selected_corpus(db, selection(since, until, outlet, doc), keep_duplicates=True) as corpus:
        frame = corpus.duplicates() if duplicates else corpus.documents()
    if duplicates:
        copies = "copy" if len(frame) == 1 else "copies"
        note(
            f"{len(frame)} near-duplicate {copies} (counted once by analyses unless "
            "--keep-duplicates)"
        )
        emit(
            frame,
            fmt=fmt,
            output=output,
            bom=bom,
            no_headers=no_headers,
            title=f"{len(frame)} near-duplicate copies",
            wide=("title", "original_title"),
            columns=columns,
            raw_cells=raw_cells,
        )
        return
    undated = int((frame["published"] == "").sum()) if len(frame) else 0
    if undated:
        unreadable = int(((frame["published"] == "") & (frame["published_raw"] != "")).sum())
        note(
            f"{undated} of {len(frame)} articles have no date"
            + (
                f" ({unreadable} with a date vnt cannot read: see published_raw)"
                if unreadable
                else ""
            )
            + "; set one with vnt ingest --replace --set published=YYYY-MM-DD"
        )
    emit(
        frame,
        fmt=fmt,
        output=output,
        bom=bom,
        no_headers=no_headers,
        title=f"{len(frame)} articles in {db}",
        wide=("title",),
        columns=columns,
        raw_cells=raw_cells,
    )


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

    Example: vnt show 3fa2 --segmented -o 3fa2_words.txt
    """
    if sum((segmented, raw, removed)) > 1:
        raise UsageError("choose one of --segmented, --raw, --removed")
    if fmt != "auto" and not removed:
        raise UsageError(f"--format {fmt} applies to --removed (the text is plain text)")
    with open_corpus(db) as corpus:
        if removed:
            import pandas as pd

            rows = corpus.removed(doc_id)
            frame = pd.DataFrame(
                [(r.kind, r.line, r.text) for r in rows], columns=["kind", "line", "text"]
            )
            emit(frame, fmt=fmt, output=output, wide=("text",), title=f"{len(frame)} lines removed")
            return
        document = corpus.get(doc_id)
        if segmented:
            lines = [
                " ".join(w.replace(" ", "_") for w in s.tokens)
                for s in corpus.iter_sentences([document.doc_id])
            ]
            text = "\n".join(lines)
        elif raw:
            text = document.raw_text
        else:
            header = [f"# {document.title}"] if document.title else []
            text = "\n\n".join([*header, *document.paragraphs])
    if output is not None:
        from vntransform.errors import VntError

        try:
            output.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise VntError(f"{output}: cannot write: {exc.strerror or exc}") from None
        return
    say(text)


@app.command()
def segment(
    text: Annotated[
        str | None, typer.Argument(help="Text to segment (else -i FILE or stdin).")
    ] = None,
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
    no_terms: Annotated[
        bool,
        typer.Option(
            "--no-terms",
            help="underthesea's own words: without the "
            "built-in terms (chuyển_đổi_số), the normalisation and the "
            "whole URLs/domains that ingest uses.",
        ),
    ] = False,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="fast (vnt's decoder over underthesea's model, "
            "same words) or underthesea (its own tagger).",
        ),
    ] = "fast",
) -> None:
    """Split Vietnamese text into words, line by line, as ingest does (no corpus needed).

    Example: echo "Chuyển đổi số là xu thế tất yếu" | vnt segment

    Example: vnt segment -i sentences.txt -f conll --pos
    """
    from vntransform.text.segment import ENGINES, iter_rendered_lines

    if engine not in ENGINES:
        raise UsageError(f"--engine {engine}: choose fast or underthesea")
    if style not in ("text", "conll"):
        raise UsageError(f"--format {style}: choose text or conll")
    if pos and style != "conll":
        raise UsageError("--pos needs --format conll")
    from vntransform.corpus.ingest import builtin_terms, fixed_words_for, load_terms
    from vntransform.text.normalize import normalize_text

    user = load_terms(terms) if terms is not None else []
    fixed = fixed_words_for([*(() if no_terms else builtin_terms()), *user])
    interactive = text is None and input_file is None and sys.stdin.isatty()
    lines = _lines(text, input_file)
    if not no_terms:  # normalised as ingest normalises, so the words equal the stored ones
        lines = (normalize_text(line) if line.strip() else line for line in lines)
    for out in iter_rendered_lines(
        lines,
        style=style,
        pos=pos,
        fixed_words=fixed,
        engine=engine,
        batch_size=1 if interactive else 2000,
        protect=not no_terms,
    ):
        say(out)


def _lines(text: str | None, input_file: Path | None) -> Iterator[str]:
    if text is not None and input_file is not None:
        raise UsageError("give TEXT or --input, not both")
    if text is not None:
        yield from text.splitlines() or [""]
        return
    if input_file is not None:
        from vntransform.errors import InputError

        try:
            fh = open(input_file, encoding="utf-8-sig", errors="strict")
        except OSError as exc:
            raise InputError(f"{input_file}: cannot read: {exc.strerror or exc}") from None
        with fh:
            try:
                for line in fh:
                    yield line.rstrip("\n")
            except UnicodeDecodeError:
                raise InputError(
                    f"{input_file}: not UTF-8 text; convert it or use "
                    "`vnt ingest` which detects legacy encodings"
                ) from None
        return
    for line in sys.stdin:
        yield line.rstrip("\n")
