"""Keyword in context: every occurrence of a word or phrase with the words around it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vntransform.text.normalize import fold_diacritics, normalize_text

if TYPE_CHECKING:
    import pandas as pd

KWIC_COLUMNS = ["doc_id", "sentence_index", "left", "match", "right"]


def find_kwic(corpus: Any, term: str, *, window: int = 8, fold: bool = False) -> pd.DataFrame:
    """Occurrences of ``term`` with ``window`` words of context on each side.

    Matching is on syllables at word boundaries of the stored segmentation, so a phrase
    matches however underthesea grouped its syllables ("người đứng đầu" is found whether
    it was stored as one word or as "người" + "đứng đầu"); case-insensitive, and without
    diacritics when ``fold`` ("nguoi dung dau").

    Returns:
        DataFrame with columns doc_id, sentence_index, left, match, right.
    """
    import pandas as pd

    from vntransform.errors import UsageError

    key = normalize_text(term).lower().split()
    if fold:
        key = fold_diacritics(" ".join(key)).split()
    if not key:
        raise UsageError("empty search term")
    needle = " ".join(key)
    rows = []
    for sentence in corpus.iter_sentences():
        haystack = sentence.text.lower()
        if fold:
            haystack = fold_diacritics(haystack)
        if needle.replace(" ", "") not in haystack.replace(" ", ""):
            continue  # cheap pre-check before the word-level search
        words = list(sentence.tokens)
        starts: list[int] = []  # token index where each syllable starts a token, else -1
        syllables: list[str] = []
        owner: list[int] = []
        for t_index, token in enumerate(words):
            parts = (fold_diacritics(token) if fold else token.lower()).split()
            for p_index, part in enumerate(parts):
                syllables.append(part)
                owner.append(t_index)
                starts.append(t_index if p_index == 0 else -1)
        n = len(key)
        for i in range(len(syllables) - n + 1):
            if syllables[i:i + n] != key or starts[i] < 0:
                continue
            end = i + n
            if end < len(syllables) and starts[end] < 0:
                continue  # the match would end inside a word
            first, last = owner[i], owner[end - 1]
            left = words[max(0, first - window):first]
            right = words[last + 1:last + 1 + window]
            rows.append((sentence.doc_id, sentence.index, " ".join(left),
                         " ".join(words[first:last + 1]), " ".join(right)))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
