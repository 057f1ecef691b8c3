"""The exit codes of ``vnt``, in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """What the process tells its caller (``$?``)."""

    SUCCESS = 0
    ERROR = 1  # a VntError: bad data, a missing or unreadable input or store
    USAGE = 2  # options that cannot work together, a value out of range (Typer's own too)
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it
