"""Keyword in context: every occurrence of a word or phrase with the words around it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vntransform.text.normalize import fold_diacritics, normalize_text

if TYPE_CHECKING:
    import pandas as pd

    from vntransform.corpus.base import CorpusReader

KWIC_COLUMNS = ["doc_id", "sentence_index", "left", "match", "right"]


def find_kwic(
    corpus: CorpusReader,
    term: str,
    *,
    window: int = 8,
    fold: bool = False,
    whole_term: bool = False,
) -> pd.DataFrame:
    """Occurrences of ``term`` with ``window`` words of context on each side.

    By default the term's syllables are found anywhere in the text at syllable boundaries,
    also inside longer stored words: "dữ liệu" finds "cơ sở dữ liệu", "chia sẻ dữ liệu"
    and "dữ liệu số", so the count equals a plain search of the clean text. With
    ``whole_term`` a match must start and end at boundaries of the stored words
    ("đứng đầu" then does not match inside "người đứng đầu"). Case-insensitive, and without
    diacritics when ``fold`` ("nguoi dung dau").

    Returns:
        DataFrame with columns doc_id, sentence_index, left, match, right.

    Raises:
        UsageError: the term has no letters or digits.
    """
    import pandas as pd

    from vntransform.errors import UsageError

    key = normalize_text(term).lower().split()
    if fold:
        key = fold_diacritics(" ".join(key)).split()
    if not key:
        raise UsageError("kwic: empty search term; give a word or phrase")
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, key)) + r"(?!\w)")
    needle = "".join(key)
    rows = []
    for sentence in corpus.iter_sentences():
        haystack = _searchable(sentence.text, fold)
        if needle not in haystack.replace(" ", ""):
            continue  # cheap pre-check before the regex and the word alignment
        spans = None
        for match in pattern.finditer(haystack):
            if spans is None:
                spans = list(_token_spans(sentence.text, sentence.tokens))
            row = _context(sentence, spans, match.start(), match.end(), window, whole_term)
            if row is not None:
                rows.append(row)
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def _searchable(text: str, fold: bool) -> str:
    """Lower-cased (and folded) text with the same length, so offsets still point into it."""
    out = fold_diacritics(text) if fold else text.lower()
    if len(out) != len(text):  # a character that changes length when lowered or folded
        convert = fold_diacritics if fold else str.lower
        out = "".join((convert(c) or c)[0] for c in text)
    return out


def _token_spans(text: str, tokens: tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
    """(start, end, token) of each stored word in the sentence text."""
    pos = 0
    for token in tokens:
        parts = token.split()
        found = text.find(parts[0], pos) if parts else -1
        if found < 0:
            continue  # the word was rewritten at segmentation; skip it as context
        end = found
        for part in parts:
            end = text.find(part, end) + len(part)
        yield found, end, token
        pos = end


def _context(
    sentence: Any,
    spans: list[tuple[int, int, str]],
    start: int,
    end: int,
    window: int,
    whole_term: bool,
) -> tuple | None:
    """The row for one match at [start, end) of the sentence text, or None when
    ``whole_term`` and the match cuts a stored word."""
    text = sentence.text
    if whole_term:
        starts = {s for s, _, _ in spans}
        ends = {e for _, e, _ in spans}
        if start not in starts or end not in ends:
            return None
    left: list[str] = []
    right: list[str] = []
    for s, e, token in spans:
        if e <= start:
            left.append(token)
        elif s >= end:
            right.append(token)
        else:  # a stored word around the match: its outer syllables are context
            if s < start:
                left.append(text[s:start].strip())
            if e > end:
                right.append(text[end:e].strip())
    return (
        sentence.doc_id,
        sentence.index,
        " ".join(left[-window:] if window else []),
        text[start:end],
        " ".join(right[:window]),
    )
