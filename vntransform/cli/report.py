"""The HTML report command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vntransform.cli.common import DbOpt, KeepDuplicatesOpt, app, guard, open_corpus

DEFAULT_DB = Path("vnt.db")


@app.command()
def report(
    db: DbOpt = DEFAULT_DB,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")]
    = Path("report.html"),
    title: Annotated[str, typer.Option("--title", help="Page title.")] = "vnt report",
    k: Annotated[str, typer.Option("--k", help="Topics: a number or auto.")] = "auto",
    seed: Annotated[int, typer.Option("--seed", help="Topic seed.")] = 0,
    open_: Annotated[bool, typer.Option("--open", help="Open it in a browser.")] = False,
    keep_duplicates: KeepDuplicatesOpt = False,
) -> None:
    """Write one self-contained HTML report: themes heatmap, keywords, topics, quotes.

    Example: vnt report -o report.html --title "Chuyển đổi số 2021–2023"
    """
    with guard():
        from vntransform.errors import VntError
        from vntransform.report import build_report

        with open_corpus(db, keep_duplicates=keep_duplicates) as corpus:
            html = build_report(corpus, title=title, k=k, seed=seed)
        try:
            output.write_text(html, encoding="utf-8")
        except OSError as exc:
            raise VntError(f"{output}: cannot write: {exc.strerror or exc}") from None
        typer.echo(f"wrote {output} ({len(html.encode()) // 1024} KB)", err=True)
        if open_:
            import webbrowser

            if not webbrowser.open(output.resolve().as_uri()):
                typer.echo("no browser found; open the file yourself", err=True)
