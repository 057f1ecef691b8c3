"""Results of analyses cached in the store, keyed by the corpus version and the options.

A repeated ``vnt keywords``/``themes``/``topics`` on an unchanged corpus then costs a cache
lookup instead of the computation (and the ~1 s import of scikit-learn). Any ingest bumps
the corpus version, which empties the cache.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
FORMAT = 1


def cached(corpus: Any, name: str, params: dict[str, Any], compute: Callable[[], T], *,
           use_cache: bool = True) -> T:
    """``compute()``, or its stored result for the same corpus version and parameters."""
    if not use_cache or not hasattr(corpus, "cache_get"):
        return compute()
    key = f"result:{name}:" + hashlib.sha256(
        repr((FORMAT, sorted(params.items()))).encode()).hexdigest()[:24]
    blob = corpus.cache_get(key)
    if blob is not None:
        try:
            return pickle.loads(blob)
        except Exception:  # noqa: BLE001 - a stale or foreign pickle: recompute
            pass
    value = compute()
    corpus.cache_put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
