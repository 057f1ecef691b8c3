"""The Typer app, its global options and its one error boundary.

Every command runs inside ``guard()``, entered once by the app's group (``VntGroup``), not by
each command: a ``VntError`` becomes one ``Error: ...`` line on stderr and its
``ExitStatus`` (1 data, 2 usage), Ctrl-C exits 130, a closed pipe (``vnt docs | head``) ends
quietly. This holds for ``vnt`` and for tests that invoke ``app`` directly alike.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from vntransform.errors import VntError
from vntransform.output.environment import Environment
from vntransform.status import ExitStatus

# The streams and flags of this run; tests may replace it with one over fake streams.
environment = Environment()


@contextmanager
def guard() -> Iterator[None]:
    """Turn a ``VntError`` into one line on stderr and its exit code (``ExitStatus``: 1 data,
    2 usage, 130 interrupted); warnings from the library become one ``Warning: ...`` line
    each."""
    import warnings

    def one_line(message, category, filename, lineno, file=None, line=None):
        typer.echo(f"Warning: {message}", err=True)

    try:
        with warnings.catch_warnings():
            warnings.showwarning = one_line
            yield
    except VntError as exc:
        if environment.debug:
            raise
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        raise typer.Exit(ExitStatus.INTERRUPTED) from None
    except BrokenPipeError:  # `vnt docs | head`: the reader left; not an error
        _silence_stdout()
        raise typer.Exit(ExitStatus.SUCCESS) from None


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class VntGroup(TyperGroup):
    """The ``vnt`` group: runs the chosen command inside the one error boundary."""

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click.Context
        with guard():
            return super().invoke(ctx)


app = typer.Typer(
    name="vnt",
    cls=VntGroup,
    help="Mine Vietnamese news and policy articles: themes, topics, keywords and who said what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def version_callback(value: bool) -> None:
    if value:
        from vntransform import __version__

        typer.echo(f"vnt {__version__}")
        raise typer.Exit(ExitStatus.SUCCESS)


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Mine Vietnamese news and policy articles: themes, topics, keywords and who said what."""
    environment.debug = debug or bool(os.environ.get("VNT_DEBUG"))
