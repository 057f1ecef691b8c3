"""The Typer app, its global options and its one error boundary.

Every command runs inside ``guard()``, entered once by the app's group (``VntGroup``), not by
each command: a ``VntError`` becomes one ``Error: ...`` line on stderr and its
``ExitStatus`` (1 data, 2 usage), Ctrl-C exits 130, a closed pipe (``vnt docs | head``) ends
quietly. This holds for ``vnt`` and for tests that invoke ``app`` directly alike. The run's
``Environment`` (streams, terminal, width, debug) lives on the click context as ``ctx.obj``:
the group makes one unless the caller passed one (``CliRunner().invoke(app, args,
obj=...)``), and commands and rendering read it through the context.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from vntransform.errors import VntError
from vntransform.output.environment import Environment
from vntransform.status import ExitStatus


@contextmanager
def guard(env: Environment | None = None) -> Iterator[None]:
    """Turn a ``VntError`` into one line on stderr and a ``typer.Exit`` with its code
    (``ExitStatus``: 1 data, 2 usage, 130 interrupted); warnings from the library become
    one ``Warning: ...`` line each. Anything else is a bug and keeps its traceback."""
    import warnings

    env = env if env is not None else Environment()

    def one_line(message, category, filename, lineno, file=None, line=None):
        typer.echo(f"Warning: {message}", file=env.stderr)

    try:
        with warnings.catch_warnings():
            warnings.showwarning = one_line
            yield
    except VntError as exc:
        if env.debug:
            raise
        typer.echo(f"Error: {exc}", file=env.stderr)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _interrupted(env)
    except BrokenPipeError:  # `vnt docs | head`: the reader left; not an error
        _silence_stdout()
        raise typer.Exit(ExitStatus.SUCCESS) from None


def _interrupted(env: Environment) -> NoReturn:
    typer.echo("Interrupted.", file=env.stderr)
    raise typer.Exit(ExitStatus.INTERRUPTED) from None


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def current_environment() -> Environment:
    """The ``Environment`` of the running command (``ctx.obj``); outside a command (the
    library, a test calling a helper directly) a fresh one over the process's streams."""
    try:  # Typer >= 0.26 vendors Click; older Typer depends on it
        click_globals: Any = import_module("typer._click.globals")
    except ImportError:  # pragma: no cover - older Typer
        click_globals = import_module("click")
    ctx = click_globals.get_current_context(silent=True)
    env = ctx.obj if ctx is not None else None
    return env if env is not None else Environment()


class VntGroup(TyperGroup):
    """The ``vnt`` group: runs the chosen command inside the one error boundary, with the
    run's ``Environment`` on the context."""

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click.Context
        if ctx.obj is None:
            ctx.obj = Environment()
        with guard(ctx.obj):
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
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Mine Vietnamese news and policy articles: themes, topics, keywords and who said what."""
    env: Environment = ctx.obj  # made by VntGroup.invoke, or given by a test
    env.debug = debug or bool(env.environ.get("VNT_DEBUG"))
