"""The ``vnt`` command line: a thin layer over the library."""

from vntransform.cli import corpus, mining, quotes, report  # noqa: F401  (register commands)
from vntransform.cli.common import app


def main() -> None:
    """Entry point of the ``vnt`` console script."""
    app(prog_name="vnt")


__all__ = ["app", "main"]
