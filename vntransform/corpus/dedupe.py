"""Near-duplicate articles (syndicated copies: one story with a changed line, caption or
lede) found with MinHash and locality-sensitive hashing (datasketch's MinHash).

An article is the set of its 5-syllable shingles (lower-cased words, punctuation dropped).
Its MinHash signature is cut into bands; two articles that share a band are candidates, and
a candidate is a duplicate when the exact Jaccard similarity of the two shingle sets reaches
``THRESHOLD``. Band keys are stored with each article, so a copy is found against everything
stored before, across ingests, with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

SHINGLE = 5
NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: a pair with Jaccard 0.7 shares a band with p > 0.9999
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.7
MIN_SHINGLES = 10  # a few lines are too short to call two of them copies of one story
SEED = 1

_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[str]:
    """The 5-syllable shingles of a text (lower case; punctuation and spacing ignored)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def band_keys(shingle_set: Iterable[str]) -> list[int]:
    """The LSH band keys of a shingle set (signed 64-bit integers, one per band)."""
    from datasketch import MinHash

    items = [s.encode("utf-8") for s in shingle_set]
    if len(items) < MIN_SHINGLES:
        return []
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(items)
    values = minhash.hashvalues
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def is_near_duplicate(a: frozenset[str], b: frozenset[str], *,
                      threshold: float = THRESHOLD) -> bool:
    """Two articles tell one story in (nearly) the same words."""
    return min(len(a), len(b)) >= MIN_SHINGLES and jaccard(a, b) >= threshold
