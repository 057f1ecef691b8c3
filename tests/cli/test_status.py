"""The error boundary maps what went wrong to one ``ExitStatus`` and one stderr line."""

from __future__ import annotations

import pytest
import typer

from vntransform.cli.common import guard
from vntransform.errors import InputError, StoreError, UsageError
from vntransform.status import ExitStatus


@pytest.mark.parametrize(("error", "status", "line"), [
    (InputError("a.jsonl:3: not valid JSON; fix the line"), ExitStatus.ERROR,
     "Error: a.jsonl:3: not valid JSON; fix the line"),
    (StoreError("x.db: no corpus here"), ExitStatus.ERROR, "Error: x.db: no corpus here"),
    (UsageError("--k 0: out of range"), ExitStatus.USAGE, "Error: --k 0: out of range"),
    (KeyboardInterrupt(), ExitStatus.INTERRUPTED, "Interrupted."),
])
def test_guard_maps_errors_to_exit_status(error, status, line, capsys):
    with pytest.raises(typer.Exit) as caught, guard():
        raise error
    assert caught.value.exit_code == status
    captured = capsys.readouterr()
    assert captured.err.strip() == line and captured.out == ""


def test_exit_status_values_are_the_documented_codes():
    assert [int(s) for s in ExitStatus] == [0, 1, 2, 130]
    assert UsageError.exit_code == 2 and StoreError.exit_code == 1


def test_a_bug_keeps_its_traceback():
    with pytest.raises(ZeroDivisionError), guard():
        1 / 0  # noqa: B018


def test_the_app_runs_every_command_inside_the_boundary(tmp_path):
    from typer.testing import CliRunner

    from vntransform.cli import app

    result = CliRunner().invoke(app, ["docs", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == ExitStatus.ERROR
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path / 'none.db'}: no corpus here; run `vnt ingest PATH` first or pass "
        "--db FILE"]
