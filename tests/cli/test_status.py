"""The error boundary maps what went wrong to one ``ExitStatus`` and one stderr line."""

from __future__ import annotations

import pytest
import typer

from vntransform.cli.common import guard
from vntransform.errors import InputError, StoreError, UsageError
from vntransform.status import ExitStatus


@pytest.mark.parametrize(
    ("error", "status", "line"),
    [
        (
            InputError("a.jsonl:3: not valid JSON; fix the line"),
            ExitStatus.ERROR,
            "Error: a.jsonl:3: not valid JSON; fix the line",
        ),
        (StoreError("x.db: no corpus here"), ExitStatus.ERROR, "Error: x.db: no corpus here"),
        (UsageError("--k 0: out of range"), ExitStatus.USAGE, "Error: --k 0: out of range"),
        (KeyboardInterrupt(), ExitStatus.INTERRUPTED, "Interrupted."),
    ],
)
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
        "--db FILE"
    ]


def _fake_env(*, isatty: bool = False, width: int | None = None, environ=None):
    import io

    from vntransform.output.environment import Environment

    out, err = io.StringIO(), io.StringIO()
    return (
        Environment(
            stdout=out, stderr=err, stdout_isatty=isatty, width=width, environ=environ or {}
        ),
        out,
        err,
    )


def test_commands_render_through_the_environment_a_test_passes(sample_db):
    """``invoke(..., obj=env)``: the command's records and errors go to the fake streams,
    laid out as its terminal says, and nothing reaches the runner's own streams."""
    from typer.testing import CliRunner

    from vntransform.cli import app

    env, out, err = _fake_env(isatty=True, width=70)
    result = CliRunner().invoke(app, ["docs", "--db", str(sample_db)], obj=env)
    assert result.exit_code == 0 and result.stdout == ""
    table = out.getvalue().splitlines()
    assert any("doc_id" in line for line in table)  # a table (a terminal), not CSV
    assert not table[0].startswith("doc_id,")
    assert max(len(line) for line in table) <= 70

    env, out, err = _fake_env(isatty=False)
    result = CliRunner().invoke(app, ["docs", "--db", str(sample_db)], obj=env)
    assert result.exit_code == 0 and out.getvalue().startswith("doc_id,title,")

    env, out, err = _fake_env()
    result = CliRunner().invoke(app, ["docs", "--db", str(sample_db), "-f", "nope"], obj=env)
    assert result.exit_code == ExitStatus.USAGE and result.stderr == ""
    assert err.getvalue().splitlines()[-1] == (
        "Error: --format nope: unknown format; choose one of auto, table, csv, tsv, json, "
        "jsonl, xlsx"
    )
    assert out.getvalue() == ""


def test_debug_comes_from_the_flag_or_the_environments_variables(tmp_path):
    from typer.testing import CliRunner

    from vntransform.cli import app

    missing = ["docs", "--db", str(tmp_path / "none.db")]
    env, _, err = _fake_env()
    result = CliRunner().invoke(app, missing, obj=env)
    assert result.exit_code == ExitStatus.ERROR and not env.debug
    assert err.getvalue().startswith("Error: ")
    for args, environ in ((["--debug", *missing], {}), (missing, {"VNT_DEBUG": "1"})):
        env, _, err = _fake_env(environ=environ)
        result = CliRunner().invoke(app, args, obj=env)
        assert env.debug and isinstance(result.exception, StoreError)  # the traceback kept
        assert err.getvalue() == ""


def test_main_is_the_boundary_for_the_console_script_and_tests_alike(tmp_path, capsys, monkeypatch):
    """The console script calls the group's ``main``, as ``CliRunner`` does."""
    from vntransform.cli import main

    monkeypatch.setattr("sys.argv", ["vnt", "docs", "--db", str(tmp_path / "none.db")])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == ExitStatus.ERROR
    captured = capsys.readouterr()
    assert captured.err.startswith(f"Error: {tmp_path / 'none.db'}: no corpus here")
    assert captured.out == ""
