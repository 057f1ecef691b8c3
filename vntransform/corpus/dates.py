"""Publication dates to ISO 8601, from the forms Vietnamese sites and files use.

``13/10/2023``, ``13-10-2023``, ``13.10.2023``, ``Thứ Sáu, 13/10/2023 - 14:05``,
``14:05 13/10/2023 (GMT+7)``, ``ngày 13 tháng 10 năm 2023``, ISO (``2023-10-13T14:05:00+07:00``),
RFC 2822 (``Fri, 13 Oct 2023 14:05:00 +0700``), English month names and Unix time (seconds or
milliseconds, shown in Vietnam's time, UTC+7) all become
``2023-10-13`` or ``2023-10-13T14:05`` (the local time as written; the offset is dropped).

Day and month are read in the Vietnamese order (day first); a date is read month first only
when it cannot be anything else (``10/13/2023``). Anything else (``hôm qua``, ``2 giờ trước``,
``13/10/23``) is not a date: ``parse_date`` returns ``""`` and the caller keeps the text as
``published_raw`` instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_tz

_WEEKDAY = (
    r"(?:(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn|t[2-7])"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)"
)
_LEAD = (
    r"^(?:(?:đăng|cập nhật|ngày đăng|thời gian đăng|đăng lúc|xuất bản|published|updated"
    r"|date)(?:\s+(?:ngày|lúc))?\s*:?\s*)?"
    rf"(?:{_WEEKDAY}\s*[,\-–]?\s*)?"
)
_TIME = (
    r"(?P<H>\d{1,2})\s*(?:[:h]|giờ)\s*(?P<M>\d{2})?(?:\s*(?::\s*\d{2}|phút))?"
    r"(?:\s*(?P<ampm>am|pm|sa|ch))?"
)
_ZONE = r"(?:\s*\(?\s*(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?\s*\)?)?"
_TAIL = r"\s*[.,]?\s*$"

_FORMS = [
    # 13/10/2023 [- 14:05]  |  Thứ Sáu, 13/10/2023 - 14:05 (GMT+7)
    re.compile(
        _LEAD + r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*"
        r"(?P<y>\d{4})" + rf"(?:\s*(?:[-,|–]|lúc)?\s*{_TIME})?{_ZONE}{_TAIL}",
        re.IGNORECASE,
    ),
    # 14:05 [,] [Thứ Sáu,] 13/10/2023
    re.compile(
        r"^" + _TIME + r"\s*[,\-–|]?\s*(?:(?:ngày|" + _WEEKDAY + r")\s*[,\-–]?\s*)?"
        r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})"
        + _ZONE
        + _TAIL,
        re.IGNORECASE,
    ),
    # [Hà Nội,] ngày 13 tháng 10 năm 2023 [, 14:05]  |  13 tháng 10, 2023
    re.compile(
        r"^(?:[^\d,]{1,40},\s*)?"
        + _LEAD.removeprefix("^")
        + r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,|năm)\s*(?P<y>\d{4})"
        rf"(?:\s*(?:[-,|–]|lúc)?\s*{_TIME})?{_ZONE}{_TAIL}",
        re.IGNORECASE,
    ),
    # 2023-10-13, 2023/10/13, 2023-10-13T14:05:00.000+07:00, 2023-10-13 14:05
    re.compile(
        r"^(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
        r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:[.,]\d+)?)?)?"
        r"\s*(?:z|[+-]\d{2}:?\d{2}|(?:gmt|utc)(?:[+-]\d{1,2}(?::?\d{2})?)?)?$",
        re.IGNORECASE,
    ),
    # 20231013 (compact ISO)
    re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})$"),
]

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ENGLISH = [
    # October 13, 2023 [14:05]  |  Oct. 13 2023
    re.compile(
        rf"^(?:{_WEEKDAY}\s*,?\s*)?(?P<mon>{_MONTH_NAME})\.?\s+(?P<d>\d{{1,2}})"
        rf"(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?:\s*,?\s*{_TIME})?{_ZONE}{_TAIL}",
        re.IGNORECASE,
    ),
    # 13 October 2023 [14:05]
    re.compile(
        rf"^(?:{_WEEKDAY}\s*,?\s*)?(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_NAME})\.?,?\s+"
        rf"(?P<y>\d{{4}})(?:\s*,?\s*{_TIME})?{_ZONE}{_TAIL}",
        re.IGNORECASE,
    ),
]

_MAX_LEN = 80
_EPOCH = re.compile(r"^(1[0-9]{9}|1[0-9]{12})(?:\.\d+)?$")  # 2001-09 .. 2286 in s or ms
_VIETNAM = timezone(timedelta(hours=7))


def parse_date(value: str) -> str:
    """The ISO 8601 form of a date written as Vietnamese sites write it, or ``""``.

    Args:
        value: a date as found in a CSV cell, a JSON field, an HTML meta tag or a dateline.

    Returns:
        ``"2023-10-13T14:05"`` when a time is given, ``"2023-10-13"`` otherwise; ``""`` when
        ``value`` is empty or not a date this function can read without guessing.

    Example:
        >>> parse_date("Thứ Sáu, 13/10/2023 - 14:05")
        '2023-10-13T14:05'
        >>> parse_date("ngày 13 tháng 10 năm 2023")
        '2023-10-13'
    """
    text = " ".join(str(value).split())
    if not text or len(text) > _MAX_LEN:
        return ""
    epoch = _EPOCH.match(text)
    if epoch:  # Unix time from a JSON export: seconds (or ms), shown in Vietnam's time
        seconds = int(epoch.group(1)) / (1000 if len(epoch.group(1)) == 13 else 1)
        moment = datetime.fromtimestamp(seconds, tz=_VIETNAM)
        return moment.strftime("%Y-%m-%dT%H:%M")
    for form in _FORMS:
        match = form.match(text)
        if match:
            return _iso(match.groupdict(), allow_swap=form is _FORMS[0] or form is _FORMS[1])
    for form in _ENGLISH:
        match = form.match(text)
        if match:
            parts = match.groupdict()
            parts["m"] = str(_MONTHS[parts.pop("mon").lower().rstrip(".")])
            return _iso(parts, allow_swap=False)
    parsed = parsedate_tz(text) if re.search(r"[a-z]{3}", text, re.IGNORECASE) else None
    if parsed and parsed[0] > 1000:
        y, m, d, hh, mm = parsed[:5]
        return _iso(
            {"y": str(y), "m": str(m), "d": str(d), "H": str(hh), "M": f"{mm:02d}"},
            allow_swap=False,
        )
    return ""


def _iso(parts: Mapping[str, str | None], *, allow_swap: bool) -> str:
    year, month, day = int(parts["y"] or 0), int(parts["m"] or 0), int(parts["d"] or 0)
    if allow_swap and month > 12 and day <= 12:
        month, day = day, month  # 10/13/2023 can only be month first
    if not 1900 <= year <= 2100:
        return ""
    try:
        date(year, month, day)
    except ValueError:
        return ""
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if parts.get("H") is None:
        return iso
    hour, minute = int(parts["H"] or 0), int(parts.get("M") or 0)
    ampm = (parts.get("ampm") or "").lower()
    if ampm in ("pm", "ch") and hour < 12:
        hour += 12
    elif ampm in ("am", "sa") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return iso
    return f"{iso}T{hour:02d}:{minute:02d}"


_NAME_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-_.]?)(?P<m>[01]\d)(?P=sep)"
    r"(?P<d>[0-3]\d)(?!\d)"
    r"|(?<!\d)(?P<d2>[0-3]\d)(?P<sep2>[-_.])(?P<m2>[01]\d)(?P=sep2)"
    r"(?P<y2>(?:19|20)\d{2})(?!\d)"
)


def date_from_name(name: str) -> str:
    """The date a file name starts with or carries (``2023-10-13-dantri-…``,
    ``20231013_baocao``, ``bao-cao-13-10-2023``), as ISO, else ``""``."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1]
    for match in _NAME_DATE.finditer(stem):
        if match.group("y"):
            parts = {"y": match.group("y"), "m": match.group("m"), "d": match.group("d")}
        else:
            parts = {"y": match.group("y2"), "m": match.group("m2"), "d": match.group("d2")}
        iso = _iso(parts, allow_swap=False)
        if iso:
            return iso
    return ""


def normalize_date(value: str) -> tuple[str, str]:
    """``(iso, raw)``: the ISO date and ``""``, or ``""`` and the text that is not a date."""
    value = " ".join(str(value).split())
    if not value:
        return "", ""
    iso = parse_date(value)
    return (iso, "") if iso else ("", value)
