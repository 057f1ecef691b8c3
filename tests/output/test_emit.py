"""Rendering records through a fake ``Environment``: no terminal, no real streams needed."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from vntransform.errors import UsageError
from vntransform.output.emit import EmitOptions, emit_records
from vntransform.output.environment import Environment

FRAME = pd.DataFrame({"term": ["chuyển đổi số", "=1+1"], "count": [3, 1]})


def fake(
    *, isatty: bool = False, width: int | None = None
) -> tuple[Environment, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return (
        Environment(stdout=out, stderr=err, stdout_isatty=isatty, width=width, environ={}),
        out,
        err,
    )


def test_piped_auto_is_csv_without_bom_and_with_safe_cells():
    env, out, err = fake()
    emit_records(FRAME, EmitOptions(), env)
    assert out.getvalue() == "term,count\nchuyển đổi số,3\n'=1+1,1\n" and err.getvalue() == ""


def test_bom_on_stdout_only_when_asked_and_never_for_json():
    env, out, _ = fake()
    emit_records(FRAME, EmitOptions(fmt="tsv", bom=True, raw_cells=True), env)
    assert out.getvalue() == "\ufeffterm\tcount\nchuyển đổi số\t3\n=1+1\t1\n"
    env, out, _ = fake()
    emit_records(FRAME, EmitOptions(fmt="jsonl", bom=True, columns="count"), env)
    assert out.getvalue() == '{"count": 3}\n{"count": 1}\n'


def test_file_gets_a_bom_and_nothing_goes_to_stdout(tmp_path):
    env, out, _ = fake(isatty=True)
    target = tmp_path / "terms.csv"
    emit_records(FRAME, EmitOptions(output=target, no_headers=True), env)
    assert target.read_bytes().decode("utf-8") == "\ufeffchuyển đổi số,3\n'=1+1,1\n"
    assert out.getvalue() == ""


def test_terminal_table_uses_the_environment_width():
    env, out, _ = fake(isatty=True, width=60)
    emit_records(FRAME, EmitOptions(title="Terms"), env)
    lines = out.getvalue().splitlines()
    assert any("chuyển đổi số" in line for line in lines) and "Terms" in lines[0]
    assert max(len(line) for line in lines) <= 60


def test_empty_table_says_so_on_stderr():
    env, out, err = fake(isatty=True)
    emit_records(FRAME.iloc[:0], EmitOptions(), env)
    assert out.getvalue() == "" and err.getvalue().strip() == "(no records)"


def test_workbook_refused_on_a_terminal():
    env, _, _ = fake(isatty=True)
    with pytest.raises(UsageError, match="binary workbook"):
        emit_records(FRAME, EmitOptions(fmt="xlsx"), env)


def test_width_without_a_terminal_follows_columns():
    assert Environment(stdout=io.StringIO(), environ={"COLUMNS": "88"}).width == 88
    assert Environment(stdout=io.StringIO(), environ={"COLUMNS": "10"}).width == 40
    assert Environment(stdout=io.StringIO(), environ={}).width == 120
    assert not Environment(stdout=io.StringIO()).stdout_isatty
