"""Errors a user can fix; the CLI shows them as one line without a traceback."""

from __future__ import annotations

from vntransform.status import ExitStatus


class VntError(Exception):
    """A problem the user can fix; shown without a traceback."""

    exit_code: int = ExitStatus.ERROR


class InputError(VntError):
    """An input is missing, unreadable, undecodable or malformed."""


class StoreError(VntError):
    """The corpus store is missing, not a vnt store, or of another schema version."""


class UsageError(VntError):
    """Options that cannot work together or a value out of range."""

    exit_code = ExitStatus.USAGE
