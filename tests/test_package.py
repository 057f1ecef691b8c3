"""Package facts: one version everywhere, type information shipped."""

from __future__ import annotations

from importlib import metadata, resources

from typer.testing import CliRunner

import vntransform
from vntransform.cli import app


def test_one_version_everywhere():
    installed = metadata.version("vntransform")  # pyproject reads vntransform.__version__
    assert installed == vntransform.__version__
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"vnt {installed}"


def test_marked_as_typed():
    assert resources.files("vntransform").joinpath("py.typed").is_file()


def test_one_default_store():
    from pathlib import Path

    from vntransform.cli.options import DEFAULT_DB
    from vntransform.corpus.store import DEFAULT_DB as LIBRARY_DEFAULT

    assert DEFAULT_DB == Path(LIBRARY_DEFAULT)
