"""Helpers for the bad-input suite: run the CLI, look inside the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from vntransform.cli import app

runner = CliRunner()


def vnt(*args, stdin=None):
    return runner.invoke(app, [str(a) for a in args], input=stdin)


def stored(db: Path) -> list[tuple]:
    """(doc_id, source, text) of every stored article; [] when the store does not exist."""
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT doc_id, source, text FROM documents ORDER BY seq").fetchall()


def snapshot(db: Path) -> list[tuple]:
    """Everything that defines the corpus content: documents, sentences and their words."""
    from vntransform.corpus.store import Corpus

    with Corpus.open(db, readonly=True) as corpus:
        return sorted(
            (s.doc_id, s.index, s.paragraph, s.start, s.end, s.tokens)
            for s in corpus.iter_sentences()
        )
