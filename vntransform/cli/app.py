"""The Typer app, its global options and its one error boundary.

``VntGroup.main`` is the one entry of a run: the ``vnt`` console script (``cli.main``) and
tests (``CliRunner().invoke(app, ...)``) both call it. It makes the run's ``Environment``
(streams, terminal, width, debug) unless the caller passed one as ``obj``, puts it on the
click context as ``ctx.obj`` for commands and rendering to read, and runs everything inside
``guard()``: a ``VntError`` becomes one ``Error: ...`` line on stderr and its ``ExitStatus``
(1 data, 2 usage), Ctrl-C exits 130, a closed pipe (``vnt docs | head``) ends quietly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
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
    except SystemExit as stop:
        # click's own main ends a run interrupted inside a command (Ctrl-C, a closed
        # pipe) with an exit code before the exception reaches us: map it the same way
        origin = _origin(stop)
        if isinstance(origin, KeyboardInterrupt):
            _interrupted(env)
        if isinstance(origin, BrokenPipeError):
            _silence_stdout()
            raise typer.Exit(ExitStatus.SUCCESS) from None
        raise


def _interrupted(env: Environment) -> NoReturn:
    typer.echo("Interrupted.", file=env.stderr)
    raise typer.Exit(ExitStatus.INTERRUPTED) from None


def _origin(exc: BaseException) -> BaseException:
    """The first exception of a chain (``raise … from``, or raised while handling)."""
    seen: set[int] = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        nxt = exc.__cause__ or exc.__context__
        if nxt is None:
            break
        exc = nxt
    return exc


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
    """The ``vnt`` group; its ``main`` is the one error boundary (see the module docstring)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        env = extra.get("obj")
        if env is None:
            env = extra["obj"] = Environment()
        try:
            with guard(env):
                return super().main(
                    args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra
                )
        except typer.Exit as stop:
            if not standalone_mode:
                return stop.exit_code
            sys.exit(stop.exit_code)


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
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Mine Vietnamese news and policy articles: themes, topics, keywords and who said what."""
    env: Environment = ctx.obj  # made by VntGroup.main, or given by a test
    env.debug = debug or bool(env.environ.get("VNT_DEBUG"))
