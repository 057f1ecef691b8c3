"""vnt's own CRF word tagger over underthesea's installed model, vectorised over batches.

It computes exactly what ``underthesea.word_tokenize`` computes after its regex tokenizer
(:mod:`vntransform.text.crftagger` holds the tagger; this module loads and guards it).

Guarded: it only runs over the underthesea and underthesea_core versions and model files
it was verified on (:data:`VERIFIED_VERSIONS`, :data:`VERIFIED_SHA256`); otherwise
:func:`load_tagger` returns ``None`` after one warning and callers use underthesea itself.

Unicode: Python's case tables (``str.lower``) are not the Rust build's for some code
points, so ``.lower``/``.istitle`` come from Python only for tokens made of characters that
were checked to agree at load time (Latin, Vietnamese, punctuation); any other token takes
its values from underthesea_core's own featurizer (once per distinct token).
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path
from typing import Any

from vntransform.text.crfmodel import ModelFormatError
from vntransform.text.crftagger import CrfTagger

__all__ = ["CrfTagger", "FastSegUnavailable", "check_installation", "load_tagger"]

MODEL_SUBDIR = "pipeline/word_tokenize/models/ws_crf_vlsp2013_20230727"
SPELLING_FILE = "pipeline/text_normalize/tn_rules_2023_07_14.bin"
VERIFIED_VERSIONS = {"underthesea": "9.5.0", "underthesea_core": "3.3.2"}
VERIFIED_SHA256 = {
    f"{MODEL_SUBDIR}/models.bin": (
        "c3a64c64349f1d73304f89babacaa8f8cd6078b1ec1a1b2c104e9e411ac1d2c3"
    ),
    f"{MODEL_SUBDIR}/features.bin": (
        "cf93263c7c7973bf50122b0be76a394443ff61be00c1368713dee1b7d5b8a435"
    ),
    f"{MODEL_SUBDIR}/dictionary.bin": (
        "ec8c62b3881c6682c18959988e1fe08800cc835777778845bded470ca02745d9"
    ),
    SPELLING_FILE: "a8ef96ef9837f6a377154fdfc970b9b88351d39f9353fa693d53ab49798817f9",
}


class FastSegUnavailable(UserWarning):
    """vnt's fast segmenter cannot vouch for the installed underthesea; underthesea runs."""


class _RustCase:
    """``.lower`` and ``.istitle`` from underthesea_core's own featurizer."""

    def __init__(self) -> None:
        from underthesea_core import CRFFeaturizer  # type: ignore[import-untyped]

        self._f = CRFFeaturizer(["T[0].lower", "T[0].istitle"], set())

    def many(self, tokens: Sequence[str]) -> list[tuple[str, bool]]:
        out = self._f.process([[[t]] for t in tokens])
        n = len("T[0].lower=")
        return [(s[0][0][n:], s[0][1].endswith("=True")) for s in out]

    def __call__(self, token: str) -> tuple[str, bool]:
        if any(not p for p in token.split(" ")):  # the Rust featurizer panics on these
            return token.lower(), False
        return self.many([token])[0]


def underthesea_root() -> Path | None:
    """The installed underthesea package folder (without importing it)."""
    spec = util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def check_installation(root: Path | None = None) -> str | None:
    """Why the fast tagger cannot be used with the installed underthesea, or ``None``."""
    for package, version in VERIFIED_VERSIONS.items():
        try:
            found = metadata.version(package)
        except metadata.PackageNotFoundError:
            return f"{package} is not installed"
        if found != version:
            return f"{package} {found} is installed; the fast segmenter was verified on {version}"
    root = root or underthesea_root()
    if root is None:
        return "underthesea is not installed"
    for rel, digest in VERIFIED_SHA256.items():
        path = root / rel
        try:
            found = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            return f"{path}: cannot read ({exc.strerror or exc})"
        if found != digest:
            return f"{path}: sha256 {found[:12]}… differs from the verified {digest[:12]}…"
    return None


def build_tagger(root: Path) -> CrfTagger:
    """Load model, templates and dictionary from an underthesea package folder."""
    from vntransform.text.crfmodel import read_crfsuite

    model_dir = root / MODEL_SUBDIR
    model = read_crfsuite((model_dir / "models.bin").read_bytes())
    templates = _load_pickle(model_dir / "features.bin")
    dictionary = _load_pickle(model_dir / "dictionary.bin")
    try:
        rust_case = _RustCase()
    except ImportError:  # pragma: no cover - underthesea always brings underthesea_core
        rust_case = None
    return CrfTagger(model, templates, set(dictionary), rust_case=rust_case)


def _load_pickle(path: Path) -> Any:
    """A joblib file holding plain Python objects; its sha256 was checked before. The C
    unpickler is 20x faster than joblib's Python one on the 72,547-word dictionary."""
    import pickle

    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # underthesea's own, checksummed file
    except pickle.UnpicklingError:
        import joblib  # type: ignore[import-untyped]

        return joblib.load(path)


@lru_cache(maxsize=1)
def load_tagger() -> CrfTagger | None:
    """The process's fast tagger, or ``None`` (after one warning) when underthesea, its
    core or its model files are not the verified ones."""
    root = underthesea_root()
    problem = check_installation(root)
    if problem is None and root is not None:
        try:
            return build_tagger(root)
        except (OSError, ModelFormatError, ValueError) as exc:
            problem = f"cannot read underthesea's model: {exc}"
    warn_unavailable(problem or "unknown problem")
    return None


def warn_unavailable(problem: str) -> None:
    """The one warning line for a fallback to underthesea's own tagger."""
    warnings.warn(
        f"fast segmenter off: {problem}; segmenting with underthesea itself (same words, "
        "several times slower)",
        FastSegUnavailable,
        stacklevel=3,
    )
