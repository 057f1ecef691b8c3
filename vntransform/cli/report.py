"""The report command: one HTML page, or one workbook with a sheet per analysis."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vntransform.cli.common import (
    app,
    note,
    selected_corpus,
    selection,
)
from vntransform.cli.options import (
    DEFAULT_DB,
    DbOpt,
    DocsOpt,
    KeepDuplicatesOpt,
    OutletOpt,
    SinceOpt,
    UntilOpt,
)

HTML_SUFFIXES = (".html", ".htm")


@app.command()
def report(
    db: DbOpt = DEFAULT_DB,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="HTML file to write (default report.html; a .xlsx name "
            "writes the workbook instead).",
        ),
    ] = None,
    xlsx: Annotated[
        Path | None,
        typer.Option(
            "--xlsx",
            metavar="FILE",
            help="Also (or only) write one workbook with a sheet per analysis.",
        ),
    ] = None,
    title: Annotated[str, typer.Option("--title", help="Page title.")] = "vnt report",
    k: Annotated[str, typer.Option("--k", help="Topics: a number or auto.")] = "auto",
    seed: Annotated[int, typer.Option("--seed", help="Topic seed.")] = 0,
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: OutletOpt = None,
    doc: DocsOpt = None,
    open_: Annotated[bool, typer.Option("--open", help="Open it in a browser.")] = False,
    keep_duplicates: KeepDuplicatesOpt = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=0,
            help="Processes reading the articles for quotes and themes (0 = all cores).",
        ),
    ] = 0,
) -> None:
    """Write one self-contained HTML report: findings, themes heatmap, keywords, topics, quotes.

    Example: vnt report -o report.html --title "Chuyển đổi số 2021–2023"

    Example: vnt report --since 2022 --outlet VnExpress -o vnexpress.html --xlsx vnexpress.xlsx
    """
    from vntransform.corpus.ingest import default_workers
    from vntransform.errors import UsageError, VntError
    from vntransform.report.build import build_report, gather, report_sheets

    if output is not None and output.suffix.lower() == ".xlsx":
        if xlsx is not None:
            raise UsageError("give the workbook once: -o FILE.xlsx or --xlsx FILE")
        output, xlsx = None, output
    if output is not None and output.suffix.lower() not in HTML_SUFFIXES:
        raise UsageError(
            f"-o {output}: the report is an HTML page; name it .html (a "
            "browser prints it to PDF), or use --xlsx FILE for a workbook"
        )
    if xlsx is not None and xlsx.suffix.lower() != ".xlsx":
        raise UsageError(f"--xlsx {xlsx}: name the workbook .xlsx")
    if open_ and output is None and xlsx is not None:
        raise UsageError("--open opens the HTML report; add -o report.html")
    if output is None and xlsx is None:
        output = Path("report.html")
    chosen = selection(since, until, outlet, doc)
    with selected_corpus(db, chosen, keep_duplicates=keep_duplicates) as corpus:
        data = gather(corpus, k=k, seed=seed, workers=workers or default_workers())
        html = (
            build_report(
                corpus,
                title=title,
                k=k,
                seed=seed,
                data=data,
                scope="" if chosen.is_everything else chosen.describe(),
            )
            if output is not None
            else ""
        )
        sheets = report_sheets(data, corpus) if xlsx is not None else {}
    if xlsx is not None:
        from vntransform.output.xlsx import write_workbook

        write_workbook(sheets, xlsx)
        note(f"wrote {xlsx} ({len(sheets)} sheets)")
    if output is None:
        return
    try:
        output.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise VntError(f"{output}: cannot write: {exc.strerror or exc}") from None
    note(f"wrote {output} ({len(html.encode()) // 1024} KB)")
    if open_:
        import webbrowser

        if not webbrowser.open(output.resolve().as_uri()):
            note("no browser found; open the file yourself")
