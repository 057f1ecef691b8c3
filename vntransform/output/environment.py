"""Where a run writes and what it writes to: the streams, whether stdout is a terminal, the
width tables are laid out for. The CLI holds one; tests build one over in-memory streams."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from typing import IO


class Environment:
    """The streams of a run and what is known about them.

    Anything not given is read when used (``sys.stdout`` at that moment, so a test runner
    that swaps the streams is followed).

    Args:
        stdout: the stream records go to.
        stderr: the stream messages go to.
        stdout_isatty: whether stdout is a terminal (default: ask the stream).
        width: the width tables are laid out for (default: the terminal's, else the
            ``COLUMNS`` of ``environ``, else 120).
        environ: the environment variables (default ``os.environ``).
        debug: show tracebacks instead of one-line errors.
    """

    def __init__(
        self,
        *,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        stdout_isatty: bool | None = None,
        width: int | None = None,
        environ: Mapping[str, str] | None = None,
        debug: bool = False,
    ) -> None:
        self._stdout = stdout
        self._stderr = stderr
        self._isatty = stdout_isatty
        self._width = width
        self._environ = environ
        self.debug = debug

    @property
    def stdout(self) -> IO[str]:
        return self._stdout if self._stdout is not None else sys.stdout

    @property
    def stderr(self) -> IO[str]:
        return self._stderr if self._stderr is not None else sys.stderr

    @property
    def environ(self) -> Mapping[str, str]:
        return self._environ if self._environ is not None else os.environ

    @property
    def stdout_isatty(self) -> bool:
        if self._isatty is not None:
            return self._isatty
        try:
            return self.stdout.isatty()
        except (AttributeError, ValueError):
            return False

    @property
    def stderr_isatty(self) -> bool:
        """Whether stderr is a terminal (progress is drawn only there)."""
        try:
            return self.stderr.isatty()
        except (AttributeError, ValueError):
            return False

    @property
    def width(self) -> int:
        """The width tables are laid out for: the terminal's, else ``COLUMNS``, else 120."""
        if self._width is not None:
            return self._width
        if self.stdout_isatty:
            return shutil.get_terminal_size((120, 24)).columns
        try:
            return max(40, int(self.environ.get("COLUMNS", "")))
        except ValueError:
            return 120
