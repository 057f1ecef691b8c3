"""Clean scraped news: drop site chrome, repeated captions, bylines and teasers; find metadata.

Nothing is dropped silently: every removed non-empty line comes back as a ``Removed`` record
(kind, 0-based line number, text), so ``vnt show ID --removed`` can list it.

Kinds: ``chrome`` (site furniture: "Multimedia Đọc Báo in", "{keywords}", "ĐÁNH GIÁ BÀI
VIẾT", share/print widgets …), ``end_marker`` ("Ý kiến bạn đọc", "Các tin khác": the article
is over), ``teaser`` (other articles' headlines and blurbs after the end of the article),
``caption_repeat`` (a photo caption repeated on the next line), ``caption`` (a bare "Ảnh minh
họa" line), ``title``, ``dateline``, ``byline``, ``source_line`` ("Theo: …"), ``source_prefix``
(the "(Dân trí) -" at the start of the lede; the rest of the paragraph stays).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from vntransform.corpus.metadata import (
    parse_byline,
    parse_dateline,
    parse_source_line,
    split_outlet_prefix,
    title_candidate,
)
from vntransform.models import Metadata, Removed

# Whole lines that are site furniture, never article text (matched case-insensitively on
# the stripped line). Data, not code: extend the tuple when a new site shows up.
CHROME_LINES: tuple[str, ...] = (
    r"multimedia(?:\s+đọc báo in)?",
    r"đọc báo in",
    r"\{keywords\}",
    r"đánh giá bài viết",
    r"(?:chia sẻ|share|in bài|bản in|print|gửi bài|gửi email|email|facebook|twitter|zalo|"
    r"tweet|lưu|lưu bài|bình luận|theo dõi|copy link|sao chép liên kết)",
    r"lượt xem:?\s*\d[\d.,]*",
    r"cỡ chữ(?:\s*[:+-].*)?",
    r"(?:tin|bài) (?:liên quan|cùng chuyên mục|mới nhất|đọc nhiều|nổi bật)",
    r"xem thêm:?",
    r"đọc thêm:?",
    r"theo dõi .{0,40} trên google news",
    r"quảng cáo",
    r"top\s*↑|về đầu trang|lên đầu trang",
    r"tags?:.*",
    r"từ khóa:.*",
)
# Lines after which nothing belongs to the article any more.
END_MARKERS: tuple[str, ...] = (
    r"ý kiến bạn đọc",
    r"các tin khác",
    r"tin khác",
    r"bài viết liên quan",
    r"gửi ý kiến của bạn",
    r"bình luận \(\d+\)",
)
# Bare photo-credit lines.
CAPTION_LINES: tuple[str, ...] = (
    r"\(?ảnh minh họa(?:\s*:\s*[^)]*)?\)?\.?",
    r"\(?ảnh\s*:\s*[^)]{1,60}\)?\.?",
)

_CHROME = re.compile("^(?:" + "|".join(CHROME_LINES) + ")$", re.IGNORECASE)
_END = re.compile("^(?:" + "|".join(END_MARKERS) + ")$", re.IGNORECASE)
_CAPTION = re.compile("^(?:" + "|".join(CAPTION_LINES) + ")$", re.IGNORECASE)
_HEAD_WINDOW = 4  # title and dateline are looked for among the first content lines
_PUNCT = re.compile(r"[^\w\s]")
_DIGIT_WORDS = {"1": "một", "2": "hai", "3": "ba", "4": "tư", "5": "năm"}


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    """Body paragraphs kept, lines removed (with why), and metadata found in the text."""

    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    metadata: Metadata


def clean_article(text: str) -> CleanedArticle:
    """Split normalised article text into body paragraphs, removed lines and metadata.

    Args:
        text: normalised text (``normalize_text``), one paragraph per line.

    Returns:
        The cleaned article. Title, dateline and byline are recognised only where they
        stand as lines of their own (a date inside a sentence is never a publication date).
    """
    lines = text.split("\n")
    removed: list[Removed] = []
    kept: list[tuple[int, str]] = []
    ended_at: int | None = None
    for number, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if ended_at is not None:
            removed.append(Removed("chrome" if _CHROME.match(line) else "teaser", number, line))
        elif _END.match(line):
            removed.append(Removed("end_marker", number, line))
            ended_at = number
        elif _CHROME.match(line):
            removed.append(Removed("chrome", number, line))
        elif _CAPTION.match(line):
            removed.append(Removed("caption", number, line))
        else:
            kept.append((number, line))

    title = published = outlet = author = ""
    # Head: title, then dateline, within the first few content lines.
    head = 0
    while head < min(len(kept), _HEAD_WINDOW):
        number, line = kept[head]
        date = parse_dateline(line) or _dateline_with_views(line)
        if date and not published:
            published = date
            removed.append(Removed("dateline", number, line))
            kept[head] = (number, "")
            head += 1
            continue
        if head == 0 and not title:
            candidate = title_candidate(line)
            if candidate and len(kept) > 2:
                title = candidate
                removed.append(Removed("title", number, line))
                kept[head] = (number, "")
                head += 1
                continue
        break
    kept = [(n, line) for n, line in kept if line]

    # Tail: a byline ends the article; a closing "Theo: X" names the outlet.
    if kept:
        number, line = kept[-1]
        source = parse_source_line(line)
        if source:
            outlet = source
            removed.append(Removed("source_line", number, line))
            kept.pop()
    cut = _byline_position(kept)
    if cut is not None:
        number, line = kept[cut]
        author = parse_byline(line)
        removed.append(Removed("byline", number, line))
        for n, rest in kept[cut + 1 :]:
            removed.append(Removed("teaser", n, rest))
        kept = kept[:cut]

    # Captions repeated on the next line (often with a trailing "." or "thứ 2"/"thứ hai").
    deduped: list[tuple[int, str]] = []
    for number, line in kept:
        if deduped and _same_caption(deduped[-1][1], line):
            removed.append(Removed("caption_repeat", number, line))
            continue
        deduped.append((number, line))
    kept = deduped

    # The lede's "(Dân trí) -" prefix names the outlet.
    if kept:
        number, first = kept[0]
        found, rest = split_outlet_prefix(first)
        if found and rest.strip():
            if not outlet:
                outlet = found
            removed.append(Removed("source_prefix", number, first[: len(first) - len(rest)]))
            kept[0] = (number, rest.strip())

    removed.sort(key=lambda r: r.line)
    return CleanedArticle(
        paragraphs=tuple(line for _, line in kept),
        removed=tuple(removed),
        metadata=Metadata(title=title, published=published, outlet=outlet, author=author),
    )


def _dateline_with_views(line: str) -> str:
    """ "Đăng ngày 26-05-2023 19:40, Lượt xem: 374" style lines (views counter attached)."""
    head, sep, tail = line.rpartition(",")
    if sep and re.fullmatch(r"\s*Lượt xem:?\s*\d[\d.,]*", tail, re.IGNORECASE):
        return parse_dateline(head)
    return ""


def _byline_position(kept: list[tuple[int, str]]) -> int | None:
    """Index of the byline: a name-only line after the body, followed only by teasers."""
    if len(kept) < 4:
        return None
    start = max(2, len(kept) // 3)
    for index in range(start, len(kept)):
        if parse_byline(kept[index][1]) and _stands_alone(kept, index):
            return index
    return None


_PROSE_END = tuple('.!?…"”»):')


def _stands_alone(kept: list[tuple[int, str]], index: int) -> bool:
    """A byline follows the body's last sentence and no other name-like or numeric line
    sits beside it: a league table or a list of names pasted as one cell per line
    ("Hà Nội FC", "30", "Nam Định") is not a byline followed by teasers."""
    previous = kept[index - 1][1].rstrip()
    if not previous.endswith(_PROSE_END) and len(previous.split()) < 15:
        return False  # a body paragraph ends a sentence or is long; a table cell is neither
    for _, neighbour in kept[index + 1 : index + 3]:
        if parse_byline(neighbour) or _TABLE_CELL.fullmatch(neighbour.strip()):
            return False
    return True


_TABLE_CELL = re.compile(r"[\d\s.,:+\-–/%|()]+")


@lru_cache(maxsize=256)  # each line is compared with the one before and the one after
def _caption_key(line: str) -> str:
    words = _PUNCT.sub(" ", line.lower()).split()
    return " ".join(_DIGIT_WORDS.get(w, w) for w in words)


def _same_caption(a: str, b: str) -> bool:
    """Two consecutive lines that say the same thing (a caption printed twice)."""
    if len(a) > 400 or len(b) > 400:
        return a == b
    ka, kb = _caption_key(a), _caption_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    # cheap filters first: captions printed twice share their start and their length
    if ka[:12] != kb[:12] or min(len(ka), len(kb)) < 0.85 * max(len(ka), len(kb)):
        return False
    matcher = SequenceMatcher(None, ka, kb, autojunk=False)
    return matcher.quick_ratio() >= 0.9 and matcher.ratio() >= 0.9
