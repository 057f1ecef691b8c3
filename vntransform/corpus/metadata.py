"""Metadata found in the text of scraped news: datelines, bylines, outlet lines, titles.

Every detector is strict: it answers only for a line that is essentially that thing, so a
date or a name inside a sentence is never taken for metadata (no wrong guesses).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from vntransform.corpus.dates import parse_date

_DATE_FORMS = [
    # 08:04, 27/04/2021  |  08:04 27/04/2021
    re.compile(
        r"^(?P<H>\d{1,2}):(?P<M>\d{2}),?\s+(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})"
        r"(?:\s*\(GMT[+-]\d+\))?$"
    ),
    # Đăng ngày 26-05-2023 19:40, Lượt xem: 374  |  Cập nhật: 27/04/2021 08:04
    re.compile(
        r"^(?:(?:Đăng|Cập nhật|Ngày đăng|Thời gian đăng|Đăng lúc)(?: ngày| lúc)?:?\s*)?"
        r"(?:(?:Thứ (?:hai|ba|tư|năm|sáu|bảy)|Chủ nhật),?\s*)?"
        r"(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})"
        r"(?:\s*(?:[-,|]\s*)?(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::\d{2})?)?"
        r"(?:\s*\(GMT[+-]\d+\))?(?:\s*(?:AM|PM))?"
        r"(?:\s*[,|]\s*Lượt xem:?\s*\d[\d.,]*)?$",
        re.IGNORECASE,
    ),
    # 2023-05-26 19:40
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[ T](?P<H>\d{2}):(?P<M>\d{2}))?$"),
]


def parse_dateline(line: str) -> str:
    """ISO date (``2021-04-27T08:04`` or ``2021-04-27``) when ``line`` is a dateline, else ""."""
    line = line.strip()
    if len(line) > 80:
        return ""
    return _parse_site_dateline(line) or parse_date(line)


def _parse_site_dateline(line: str) -> str:
    for form in _DATE_FORMS:
        match = form.match(line)
        if not match:
            continue
        parts = match.groupdict()
        year, month, day = int(parts["y"]), int(parts["m"]), int(parts["d"])
        if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
            return ""
        date = f"{year:04d}-{month:02d}-{day:02d}"
        if parts.get("H") is not None:
            hour, minute = int(parts["H"]), int(parts["M"])
            if hour < 24 and minute < 60:
                return f"{date}T{hour:02d}:{minute:02d}"
        return date
    return ""


_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME_WORD = rf"[{_UPPER}][^\s\d.,;:!?()\"“”]*"
_BYLINE = re.compile(
    rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}"
    rf"(?:\s*[-–,]\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}){{0,3}}$"
)
_NOT_NAMES = {
    "Ảnh",
    "Theo",
    "Nguồn",
    "Video",
    "Clip",
    "Infographic",
    "Tin",
    "Bài",
    "Xem",
    "Đọc",
    "Chia",
    "Bình",
    "Ý",
    "Các",
    "Quang",
    "Hội",
    "Bộ",
    "Sở",
    "Tỉnh",
    "UBND",
    "Thành",
    "Ngày",
    "Tháng",
    "Năm",
    "Đánh",
    "Multimedia",
}


def parse_byline(line: str) -> str:
    """The author(s) when ``line`` is a byline ("Thúy Hồng", "THỦY THANH - KHÁNH NHI"), else ""."""
    line = line.strip()
    if not line or len(line) > 60 or not _BYLINE.match(line):
        return ""
    words = re.findall(r"[^\s\-–,]+", line)
    if words[0] in _NOT_NAMES or any(len(w) > 7 for w in words):
        return ""  # Vietnamese syllables are at most 7 letters: longer words are not names
    return line


_OUTLET_PREFIX = re.compile(r"^\((?P<outlet>[^()]{2,40})\)\s*[-–—]\s*")
_SOURCE_LINE = re.compile(
    r"^(?:Theo|Nguồn)\s*:\s*(?P<outlet>[^.;]{2,80}?)\.?$|"
    r"^\((?:Theo|Nguồn)\s*:?\s*(?P<outlet2>[^()]{2,60})\)$"
)


def split_outlet_prefix(paragraph: str) -> tuple[str, str]:
    """("Dân trí", rest) for a lede starting "(Dân trí) - …", else ("", paragraph)."""
    match = _OUTLET_PREFIX.match(paragraph)
    if not match:
        return "", paragraph
    return match.group("outlet").strip(), paragraph[match.end() :]


def parse_source_line(line: str) -> str:
    """The outlet named by a closing "Theo: X" / "Nguồn: X" line, else ""."""
    match = _SOURCE_LINE.match(line.strip())
    if not match:
        return ""
    return (match.group("outlet") or match.group("outlet2") or "").strip()


_TITLE_END_OK = tuple('?!"”»)’')


def title_candidate(line: str) -> str:
    """The title when ``line`` looks like one (short, no closing period), without outer quotes."""
    line = line.strip()
    words = line.split()
    if not 2 <= len(words) <= 35 or len(line) > 250:
        return ""
    if line[-1] in ".:;," or (not line[-1].isalnum() and not line.endswith(_TITLE_END_OK)):
        return ""
    if parse_dateline(line) or parse_byline(line):
        return ""
    for open_, close in (('"', '"'), ("“", "”"), ("«", "»")):
        marks = line.count(open_) if open_ == close else line.count(open_) + line.count(close)
        if line.startswith(open_) and line.endswith(close) and marks == 2:
            return line[1:-1].strip()
    return line


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    """host -> outlet name, from ``vntransform/data/outlets.txt``."""
    text = resources.files("vntransform.data").joinpath("outlets.txt").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            host, name = line.split("\t", 1)
            table[host.strip().lower()] = name.strip()
    return table


def url_host(url: str) -> str:
    """The host of a URL without ``www.``/``m.``/``amp.`` (``c63.mic.gov.vn``), else ""."""
    from urllib.parse import urlsplit

    url = url.strip()
    if not url:
        return ""
    if "://" not in url:
        url = "//" + url
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    if "." not in host:
        return ""
    for prefix in ("www.", "m.", "amp.", "mobile."):
        host = host.removeprefix(prefix)
    return host


def outlet_from_url(url: str) -> str:
    """The outlet a URL belongs to: its name when the site is known (``Dân trí`` for
    dantri.com.vn and its subdomains), else the host itself."""
    host = url_host(url)
    if not host:
        return ""
    table = _outlets()
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = table.get(".".join(labels[i:]))
        if name:
            return name
    return host


def outlet_from_name(source: str) -> str:
    """The outlet named by a known news site's label as a whole word of a file name
    (``2023-10-13-dantri-bac-lieu.txt`` -> ``Dân trí``), else ""."""
    stem = source.replace("\\", "/").rsplit("/", 1)[-1].lower()
    words = set(re.split(r"[^a-z0-9]+", stem.rsplit(".", 1)[0]))
    for host, name in _outlets().items():
        if not host.endswith(".gov.vn") and host.split(".")[0] in words:
            return name
    return ""
