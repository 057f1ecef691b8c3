"""The one cache of derived data: results of analyses and the term matrices they share.

Everything is stored the same way (a pickle in the store's ``cache`` table) under one rule:
the key is the name and the options (each caller puts its format or result version among
them), and the store keeps a value only for the corpus version it was made from, so any
ingest empties the cache. A repeated ``vnt keywords``/``themes``/``topics`` on an unchanged
corpus then costs a cache lookup instead of the computation (and the ~1 s import of
scikit-learn); a stale or unreadable value is computed again.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from vntransform.corpus.base import CorpusReader

T = TypeVar("T")
FORMAT = 1


def cached(
    corpus: CorpusReader,
    name: str,
    params: dict[str, Any],
    compute: Callable[[], T],
    *,
    use_cache: bool = True,
) -> T:
    """``compute()``, or its stored result for the same corpus version and parameters."""
    if not use_cache or not hasattr(corpus, "cache_get"):
        return compute()
    found = peek(corpus, name, params)
    if found is not None:
        return found
    value = compute()
    keep(corpus, name, params, value)
    return value


def keep(corpus: CorpusReader, name: str, params: dict[str, Any], value: Any) -> None:
    """Store ``value`` as ``cached(corpus, name, params, …)`` would (for a result computed
    elsewhere than in ``cached``)."""
    if hasattr(corpus, "cache_put"):
        corpus.cache_put(_key(name, params), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def peek(corpus: CorpusReader, name: str, params: dict[str, Any]) -> Any:
    """The stored result of ``cached(corpus, name, params, …)``, or None when there is none
    (nothing is computed)."""
    if not hasattr(corpus, "cache_get"):
        return None
    blob = corpus.cache_get(_key(name, params))
    if blob is None:
        return None
    try:
        return pickle.loads(blob)
    except Exception:  # a stale or foreign pickle: recompute
        return None


def stored(corpus: CorpusReader, name: str, params: dict[str, Any]) -> bool:
    """Whether the cache holds a result for ``name`` and ``params`` (without reading it)."""
    return hasattr(corpus, "cache_get") and corpus.cache_get(_key(name, params)) is not None


def _key(name: str, params: dict[str, Any]) -> str:
    return (
        f"result:{name}:"
        + hashlib.sha256(repr((FORMAT, sorted(params.items()))).encode()).hexdigest()[:24]
    )
