"""Spans that must stay whole: URLs, e-mail addresses, domain names and decimal numbers.

Their dots are not sentence ends (``https://c63.mic.gov.vn/`` is not the sentences "mic.",
"gov.", "vn/") and their parts are not words (``mic.gov.vn`` is one word, not "mic", ".",
"gov"). ``mask_protected`` hides the punctuation inside them from a sentence splitter without
moving any offset; ``split_protected`` cuts a sentence around them so a word segmenter sees
only the text between.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# Top-level domains seen in Vietnamese news; a fixed list, so "năm 2020.Trong" or "ông A.B"
# (a missing space after a full stop) are never taken for domain names.
_TLDS = (
    "vn|com|net|org|gov|edu|info|int|biz|asia|io|ai|app|dev|co|me|tv|news|online|"
    "site|xyz|uk|us|cn|jp|kr|fr|de|ru|au|sg|th|la|kh|in|eu|ca"
)
_TRAILING = ".,;:!?)]}\"'”’»…"
_PATTERN = re.compile(
    r"(?P<url>(?:https?|ftp)://[^\s<>\"“”'`]+|(?<![\w.@])www\.[^\s<>\"“”'`]+)"
    r"|(?P<email>(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w@]))"
    r"|(?P<domain>(?<![\w.@/-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
    rf"(?:{_TLDS})(?![\w@-])(?:/[^\s<>\"“”'`]*)?)"
    r"|(?P<number>(?<![\w.,])\d+(?:[.,]\d+)+(?![\w]|[.,]\d))",
    re.IGNORECASE,
)
# Cheap tests first: most sentences end with a full stop and hold none of these.
_HINT = re.compile(r"[^\W_][.,@][^\W_]|://")
_ADDRESS_HINT = re.compile(r"[A-Za-z0-9]\.[A-Za-z]{2}|@|://")


def protected_spans(text: str, *, numbers: bool = True) -> list[tuple[int, int]]:
    """(start, end) of every URL, e-mail address, domain name and (with ``numbers``)
    decimal number."""
    if not (_HINT if numbers else _ADDRESS_HINT).search(text):
        return []
    spans = []
    for match in _PATTERN.finditer(text):
        if match.lastgroup == "number" and not numbers:
            continue
        start, end = match.span()
        if match.lastgroup in ("url", "domain"):
            while end > start and text[end - 1] in _TRAILING:
                if text[end - 1] == ")" and text.count("(", start, end) >= text.count(
                    ")", start, end
                ):
                    break  # a URL with balanced brackets keeps its ")"
                end -= 1
        if match.lastgroup == "url" and end - start <= len("https://"):
            continue
        spans.append((start, end))
    return spans


def mask_protected(text: str) -> str:
    """``text`` with the punctuation inside protected spans replaced by letters, same
    length (so offsets found in the mask are offsets into ``text``)."""
    spans = protected_spans(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if not chars[i].isalnum():
                chars[i] = "x"
    return "".join(chars)


def split_protected(text: str) -> list[tuple[str, bool]] | None:
    """``[(piece, is_protected), …]`` covering ``text`` (spaces at the cuts dropped), or
    None when nothing in it needs protecting. Numbers are left to the word segmenter,
    whose tokenizer keeps ``3,14`` and ``1.000.000`` whole already."""
    spans = protected_spans(text, numbers=False)
    if not spans:
        return None
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in spans:
        before = text[pos:start].strip()
        if before:
            out.append((before, False))
        out.append((text[start:end], True))
        pos = end
    rest = text[pos:].strip()
    if rest:
        out.append((rest, False))
    return out


def segment_protected(
    sentences: Sequence[str], segment_batch: Callable[[list[str]], list[list[str]]]
) -> list[list[str]]:
    """Words of each sentence, URLs, e-mail addresses and domains one word each.

    Args:
        sentences: the sentences to segment.
        segment_batch: the word segmenter, from a list of texts to one word list per text;
            it sees whole sentences, or the text between protected spans.
    """
    plan: list[list[tuple[str, bool]] | None] = []
    batch: list[str] = []
    for sentence in sentences:
        pieces = split_protected(sentence)
        plan.append(pieces)
        if pieces is None:
            batch.append(sentence)
        else:
            batch.extend(piece for piece, whole in pieces if not whole)
    words = iter(segment_batch(batch))
    out: list[list[str]] = []
    for pieces in plan:
        if pieces is None:
            out.append(next(words))
        else:
            out.append([w for piece, whole in pieces for w in ([piece] if whole else next(words))])
    return out
