"""Direct and indirect quotes in Vietnamese news, with who said them.

Quote marks are paired over the whole paragraph first (underthesea's sentence splitter cuts
multi-sentence quotes); unbalanced marks are skipped, never allowed to swallow the rest of
the article. A quoted phrase after an event/slogan noun ("hội nghị “…”", "chủ đề … là
“…”"), or a short scare-quoted phrase, is a name, not speech.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vntransform.models import Document, Sentence
from vntransform.quotes.cues import NAME_NOUNS, REPORTING_VERBS, SPEAKER_FILLERS
from vntransform.quotes.speakers import (
    CAP,
    FULL_NAME,
    HONORIFIC_RE,
    ROLE_RE,
    SOURCE_RE,
    SpeakerResolver,
)

if TYPE_CHECKING:
    import pandas as pd

QUOTE_COLUMNS = ["doc_id", "source", "title", "speaker", "speaker_role", "mention", "kind",
                 "quote", "sentence_index"]
OPENERS = {"“": "”", "«": "»", "„": "”"}
CLOSERS = {"”", "»"}
STRAIGHT = '"'
MIN_SCARE_WORDS = 5  # a quoted phrase shorter than this, unattributed, is a scare quote
MIN_UNATTRIBUTED_WORDS = 12

_VERB_RE = "|".join(sorted(map(re.escape, REPORTING_VERBS), key=len, reverse=True))
_FILLER_RE = "|".join(sorted(map(re.escape, SPEAKER_FILLERS), key=len, reverse=True))
_VERB = re.compile(rf"(?<!\w)(?:{_VERB_RE})(?!\w)")
_APPOSITIVE = re.compile(rf"^(?:{ROLE_RE})\b[^,;:“”\"]{{0,120}},\s*", re.IGNORECASE)
_NAME_NOUN = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, NAME_NOUNS), key=len, reverse=True))
    + r")(?!\w)[^,.;:!?“”\"]{0,80}$", re.IGNORECASE)
_TRAILING_FILLER = re.compile(rf"(?:\s+(?:{_FILLER_RE}))+\s*$", re.IGNORECASE)
_CLAUSE_START = r"(?:^|(?<=,\s)|(?<=;\s)|(?<=\.\s)|(?<=:\s))"
_MENTION_PATTERNS = [
    # (honorific) Full Name (, appositive role …)
    re.compile(rf"{_CLAUSE_START}(?:(?:{HONORIFIC_RE})\s+)?{FULL_NAME}"
               rf"(?:\s*,\s*(?:{ROLE_RE})\b[^.;:“”\"]*?)?\s*,?$", re.IGNORECASE),
    # Role … Full Name
    re.compile(rf"{_CLAUSE_START}(?:{ROLE_RE})\b[^,.;:“”\"]{{0,100}}?\s+{FULL_NAME}\s*,?$"),
    # honorific + given name: "ông Toàn"
    re.compile(rf"{_CLAUSE_START}(?:{HONORIFIC_RE})\s+{CAP}(?:\s+{CAP})?\s*,?$",
               re.IGNORECASE),
    # bare role: "Thứ trưởng", "Giám đốc Sở TT&TT tỉnh Bạc Liêu"
    re.compile(rf"{_CLAUSE_START}(?:{ROLE_RE})\b[^,.;:“”\"]{{0,80}}?\s*,?$"),
    # "người đứng đầu chính quyền thành phố"
    re.compile(rf"{_CLAUSE_START}[Nn]gười đứng đầu[^,.;:“”\"]{{0,60}}?\s*,?$"),
]
_SOURCE_PATTERN = re.compile(rf"{_CLAUSE_START}(?:{SOURCE_RE})\b[^,;:“”\"]{{0,100}}?\s*,?$")
_THEO = re.compile(r"(?:^|(?<=,\s))(?:[Cc]ũng\s+)?[Tt]heo\s+(?P<mention>[^,;:“”\"]{2,140}),"
                   r"\s*(?P<quote>\S.*)$")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote and its speaker; offsets point into the document's clean text."""

    doc_id: str
    speaker: str
    speaker_role: str
    mention: str
    kind: str  # direct | indirect
    quote: str
    sentence_index: int
    start: int
    end: int


def find_quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """(open, close) positions of paired quote marks in a paragraph.

    Curly marks nest straight ones; an opening mark with no closing mark in the paragraph
    is ignored; straight marks pair left to right.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(paragraph)
    while i < n:
        ch = paragraph[i]
        if ch in OPENERS:
            close = paragraph.find(OPENERS[ch], i + 1)
            if close < 0:
                i += 1
                continue
            spans.append((i, close))
            i = close + 1
        elif ch == STRAIGHT:
            close = paragraph.find(STRAIGHT, i + 1)
            if close < 0:
                i += 1
                continue
            spans.append((i, close))
            i = close + 1
        else:
            i += 1
    return [(o, c) for o, c in spans if paragraph[o + 1:c].strip()]


def mention_at_end(text: str, *, allow_sources: bool = False) -> str:
    """The speaker mention that ends ``text`` (the words before a reporting verb), or ""."""
    text = _TRAILING_FILLER.sub("", text.rstrip()).rstrip(" ,")
    if not text:
        return ""
    for pattern in _MENTION_PATTERNS:
        match = pattern.search(text)
        if match:
            return match.group(0).strip(" ,")
    if allow_sources:
        match = _SOURCE_PATTERN.search(text)
        if match:
            return match.group(0).strip(" ,")
    return ""


def _words(text: str) -> int:
    return len(text.split())


def extract_quotes(doc: Document, sentences: Sequence[Sentence]) -> list[Quote]:
    """Direct and indirect quotes of one article, in text order.

    Args:
        doc: the stored article (its clean text: paragraphs joined by "\\n").
        sentences: its stored sentences (offsets into ``doc.text``).
    """
    resolver = SpeakerResolver(doc.text)
    paragraphs = doc.text.split("\n") if doc.text else []
    offsets, pos = [], 0
    for paragraph in paragraphs:
        offsets.append(pos)
        pos += len(paragraph) + 1
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)

    def sentence_at(offset: int) -> int:
        for s in sentences:
            if s.start <= offset < s.end + 1:
                return s.index
        before = [s.index for s in sentences if s.start <= offset]
        return before[-1] if before else 0

    quotes: list[Quote] = []
    for p_index, paragraph in enumerate(paragraphs):
        base = offsets[p_index]
        spans = find_quote_spans(paragraph)
        for open_, close in spans:
            quote = _direct(paragraph, open_, close, paragraphs, p_index)
            if quote is None:
                continue
            mention, text = quote
            start = base + open_ + 1
            resolution = resolver.resolve(mention, start) if mention else None
            quotes.append(Quote(doc.doc_id, resolution.speaker if resolution else "",
                                resolution.role if resolution else "", mention, "direct",
                                text, sentence_at(start), start, base + close))
        for sentence in by_paragraph.get(p_index, []):
            found = _indirect(sentence, base, spans)
            if found is None:
                continue
            mention, q_start, q_end = found
            resolution = resolver.resolve(mention, q_start)
            quotes.append(Quote(doc.doc_id, resolution.speaker, resolution.role, mention,
                                "indirect", doc.text[q_start:q_end], sentence.index,
                                q_start, q_end))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _direct(paragraph: str, open_: int, close: int, paragraphs: list[str],
            p_index: int) -> tuple[str, str] | None:
    """(mention, quote text) for a quote-mark span that is speech; None for names."""
    content = paragraph[open_ + 1:close].strip()
    before = paragraph[:open_]
    after = paragraph[close + 1:]
    colon = re.search(r":\s*$", before)
    if not colon and _NAME_NOUN.search(before[-120:]):
        return None  # hội nghị “…”, chủ đề … là “…”: a name, not speech
    mention = ""
    if colon:
        clause = before[:colon.start()]
        verbs = list(_VERB.finditer(clause))
        verb = verbs[-1] if verbs else None
        if verb is not None and not clause[verb.end():].strip(" ,"):
            mention = mention_at_end(clause[:verb.start()], allow_sources=True)
        else:
            mention = mention_at_end(clause, allow_sources=True)
    if not mention:
        after_match = re.match(
            rf"^\s*[,.]?\s*(?P<pre>[^.;:“”\"]{{2,160}}?)\s+(?:{_VERB_RE})(?!\w)", after)
        if after_match:
            mention = mention_at_end(after_match.group("pre"))
    if not mention and not before.strip() and after.strip(" .,") == "" and \
            p_index + 1 < len(paragraphs):
        line = paragraphs[p_index + 1].strip()
        if _words(line) <= 16 and not line.endswith((".", "!", "?", ":")) and \
                re.search(rf"{FULL_NAME}|^(?:{ROLE_RE})\b", line):
            mention = line  # pull-quote: the next line is just the speaker
    if mention:
        return mention, content
    if colon and _words(content) >= 3:
        return "", content
    if _words(content) < MIN_SCARE_WORDS:
        return None  # scare quotes around a short phrase
    ends_sentence = re.search(r"[.!?…]\s*$", content + after[:2])
    if _words(content) >= MIN_UNATTRIBUTED_WORDS and ends_sentence:
        return "", content
    return None


def _indirect(sentence: Sentence, base: int,
              spans: list[tuple[int, int]]) -> tuple[str, int, int] | None:
    """(mention, start, end) of reported speech in a sentence, offsets in the doc text."""
    text = sentence.text
    lo = sentence.start - base  # sentence start within the paragraph
    skip = 0
    for open_, close in spans:
        if open_ - lo < len(text) and close - lo >= 0:
            skip = max(skip, min(len(text), close - lo + 1))  # after the last closing mark
    body = text[skip:]
    shift = sentence.start + skip
    theo = _THEO.search(body)
    if theo:
        mention = theo.group("mention").strip()
        if mention_at_end(mention, allow_sources=True) == mention:
            q_rel = theo.start("quote")
            # "Theo ông X, Bí thư …, Chủ tịch …, <quote>": the roles belong to the mention
            for _ in range(3):
                appositive = _APPOSITIVE.match(body[q_rel:])
                if not (appositive and re.search(FULL_NAME, mention)):
                    break
                mention = f"{mention}, {appositive.group(0).strip(' ,')}"
                q_rel += appositive.end()
            quote = body[q_rel:].strip()
            if _words(quote) >= 4:
                return mention, shift + q_rel, shift + len(body.rstrip())
    for verb in _VERB.finditer(body):
        pre = body[:verb.start()]
        mention = mention_at_end(pre)
        if not mention:
            continue
        rest = body[verb.end():]
        follow = re.match(rf"^\s*(?:và\s+(?:{_VERB_RE})\s*)?(?:,|:|rằng|là)?\s*", rest)
        q_rel = verb.end() + (follow.end() if follow else 0)
        quote = body[q_rel:].strip()
        if verb.group(0).lower() == "chia sẻ" and re.match(r"(dữ liệu|thông tin|kinh nghiệm)",
                                                           quote):
            continue
        if _words(quote) < 4 or quote.startswith(("“", '"', "«")):
            continue  # an attribution tail, or a direct quote that follows
        return mention, shift + q_rel, shift + len(body.rstrip())
    return None


def quotes_frame(quotes: Sequence[Quote], documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quotes as a DataFrame with the ``vnt quotes`` columns."""
    import pandas as pd

    meta = {}
    if documents is not None:
        meta = {d: (s, t) for d, s, t in
                documents[["doc_id", "source", "title"]].itertuples(index=False)}
    rows = [(q.doc_id, *meta.get(q.doc_id, ("", "")), q.speaker, q.speaker_role, q.mention,
             q.kind, q.quote, q.sentence_index) for q in quotes]
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)
