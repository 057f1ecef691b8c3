"""vntransform: mine Vietnamese news and policy articles (the library behind ``vnt``).

Notebook use::

    from vntransform import Corpus, ingest
    corpus = Corpus.open("vnt.db", create=True)
    ingest(["corpus/"], corpus)
    corpus.documents()

Names are imported lazily so ``import vntransform`` (and ``vnt --help``) stay fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"  # the one place: pyproject.toml reads it (dynamic version)

_EXPORTS = {
    "Corpus": "vntransform.corpus.store",
    "ingest": "vntransform.corpus.ingest",
    "process_article": "vntransform.corpus.ingest",
    "IngestReport": "vntransform.corpus.ingest",
    "normalize_text": "vntransform.text.normalize",
    "fold_diacritics": "vntransform.text.normalize",
    "segment_words": "vntransform.text.segment",
    "segment_sentences": "vntransform.text.segment",
    "split_sentences": "vntransform.text.segment",
    "decode_bytes": "vntransform.corpus.decode",
    "clean_article": "vntransform.corpus.clean",
    "VntError": "vntransform.errors",
    "InputError": "vntransform.errors",
    "StoreError": "vntransform.errors",
    "UsageError": "vntransform.errors",
    "Document": "vntransform.models",
    "Sentence": "vntransform.models",
    "Metadata": "vntransform.models",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'vntransform' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
