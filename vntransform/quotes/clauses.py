"""Quote spans, clause bounds and the quote-in-progress record shared by the extractors.

A span is a pair of quote marks within a paragraph (curly, guillemets and straight marks,
mixed; nested marks stay inside; an unbalanced mark never swallows the article); a clause
runs between sentence ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vntransform.quotes.mentions import VERB_RE, Mention

OPEN_CURLY = {"“": "”", "«": "»", "„": "”"}


CLOSE_CURLY = {"”", "»"}


STRAIGHT = '"'


MIN_SCARE_WORDS = 5  # a quoted phrase shorter than this, unattributed, is a scare quote


MIN_UNATTRIBUTED_WORDS = 12


_VERB = re.compile(rf"(?<!\w)(?:{VERB_RE})(?!\w)")


_SENTENCE_END = re.compile(r"(?<!\bTP)(?<!\bTp)(?<!\b[A-ZĐ])[.!?…]+[”\"»]?\s+(?=[^\s])")


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{-–—:,;/") and not after.isspace()


def _is_closing(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    # ‘… ", chị nói’: a mark before punctuation closes even after a space
    return after.isspace() or after in '.,;:!?)]}-–—…"”'


def find_quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """(open, close) positions of the outermost paired quote marks in a paragraph.

    Curly and straight marks may be mixed (``"…”``); a straight mark opens after a space
    and closes before one; marks nest. An opening mark never closed in the paragraph (a
    typo) is dropped, and the pairs inside it count as outermost.
    """
    stack: list[int] = []
    pairs: list[tuple[int, int, tuple[int, ...]]] = []  # open, close, enclosing openers
    for i, ch in enumerate(paragraph):
        if ch in OPEN_CURLY:
            stack.append(i)
        elif ch in CLOSE_CURLY or ch == STRAIGHT:
            if ch == STRAIGHT and not stack:
                if _is_opening(paragraph, i) or i == 0:
                    stack.append(i)
                continue
            if (
                ch == STRAIGHT
                and _is_opening(paragraph, i)
                and not _is_closing(paragraph, i)
                and not (paragraph[stack[-1]] == STRAIGHT and _is_closing(paragraph, i))
            ):
                stack.append(i)
                continue
            if not stack:
                if (
                    ch != STRAIGHT
                    and paragraph[:i].rstrip().endswith(":")
                    and paragraph[i + 1 : i + 3].strip()[:1].isupper()
                ):
                    stack.append(i)  # "… hỏi:” Báo cáo …”": a closing mark typed to open
                continue
            open_ = stack.pop()
            pairs.append((open_, i, tuple(stack)))
    unclosed = set(stack)
    spans = sorted((o, c) for o, c, outer in pairs if set(outer) <= unclosed)
    return [(o, c) for o, c in spans if paragraph[o + 1 : c].strip()]


def _words(text: str) -> int:
    return len(text.split())


def _clause_start(paragraph: str, pos: int, floor: int) -> int:
    """Where the sentence that holds ``pos`` starts (not before ``floor``)."""
    start = floor
    for match in _SENTENCE_END.finditer(paragraph, floor, min(len(paragraph), pos + 1)):
        if match.end() <= pos:
            start = match.end()
    return start


def _clause_end(paragraph: str, pos: int, ceiling: int) -> int:
    match = _SENTENCE_END.search(paragraph, pos, ceiling)
    return match.start() + 1 if match else ceiling


@dataclass(slots=True)
class _Item:
    """A quote found before its mention is resolved."""

    start: int
    end: int
    kind: str
    how: str  # colon | after | before | theo | verb | interview | pull | none
    mention: Mention | None
    text: str
    p_index: int = -1
    sentence_start: bool = False
    speaker: str = ""
    role: str = ""
    path: str = ""  # which rule set the speaker (bench/quote_paths.py measures each)
