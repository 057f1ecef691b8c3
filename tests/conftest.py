"""Shared fixtures (the five sample articles ingested once per test session) and the
helpers several test modules use."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpus"
SHARED_EVAL = ROOT.parent / "shared" / "eval"

SAMPLES = {
    "baclieu": CORPUS_DIR / "2023-10-13-dantri-bac-lieu-dam-lam.txt",
    "daklak": CORPUS_DIR / "2021-04-27-daklak-co-hoi-but-pha.txt",
    "bacgiang": CORPUS_DIR / "2021-12-16-bac-giang-nang-cao-nhan-thuc.txt",
    "danang": CORPUS_DIR / "2023-05-26-da-nang-du-lieu-so.txt",
    "mic": CORPUS_DIR / "2022-mic-nhan-thuc-chuyen-doi-so.txt",
}


# Vietnamese tone marks as combining characters ("" = no tone).
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Word writes it: base letters precomposed, tone marks combining."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tone = next(c for c in decomposed if c in TONES[1:])
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out += (base + tone).encode("cp1258")
    return out


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the five sample articles (ingested once, read-only afterwards)."""
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    path = tmp_path_factory.mktemp("samples") / "samples.db"
    with Corpus.open(path, create=True) as corpus:
        report = ingest([str(CORPUS_DIR)], corpus, workers=1)
    assert len(report.added) == 5 and not report.failed
    return path


@pytest.fixture(scope="session")
def sample_corpus(sample_db: Path):
    """The sample store opened read-only."""
    from vntransform.corpus.store import Corpus

    corpus = Corpus.open(sample_db, readonly=True)
    yield corpus
    corpus.close()


@pytest.fixture(scope="session")
def sample_docs(sample_corpus) -> dict:
    """Sample name -> stored Document."""
    by_source = {Path(d.source).name: d for d in sample_corpus.iter_documents()}
    return {name: by_source[path.name] for name, path in SAMPLES.items()}
