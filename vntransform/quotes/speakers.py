"""Who is who in an article: full names with their roles, and resolving later mentions.

"Ông Bùi Thanh Toàn, Giám đốc Sở TT&TT tỉnh Bạc Liêu" introduces a person; later "ông
Toàn" (honorific + given name, the last syllable) or "Giám đốc Sở TT&TT tỉnh Bạc Liêu" (a
bare role) refer back to the person last introduced that way. What cannot be resolved stays
unresolved (speaker ""), never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vntransform.quotes.cues import (
    HONORIFICS,
    REPORTING_VERBS,
    ROLE_WORDS,
    SOURCE_WORDS,
    SURNAMES,
)
from vntransform.text.normalize import fold_diacritics

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = UPPER.lower().replace("a-z", "a-z")
CAP = rf"[{UPPER}][{LOWER}]+"
_alt = "|".join
SURNAME_RE = _alt(sorted(map(re.escape, SURNAMES), key=len, reverse=True))
FULL_NAME = rf"(?:{SURNAME_RE})(?:\s+{CAP}){{1,3}}"
ROLE_RE = _alt(sorted(map(re.escape, ROLE_WORDS), key=len, reverse=True))
HONORIFIC_RE = _alt(sorted(HONORIFICS, key=len, reverse=True))
SOURCE_RE = _alt(sorted(map(re.escape, SOURCE_WORDS), key=len, reverse=True))

# Role + organisation + name: "Thứ trưởng Bộ TT&TT Nguyễn Huy Dũng".
_ROLE_NAME = re.compile(
    rf"(?P<role>\b(?:{ROLE_RE})\b[^,.;:“”\"()]{{0,90}}?)\s+(?P<name>{FULL_NAME})\b")
# Name then appositive role: "Bùi Thanh Toàn, Giám đốc Sở TT&TT tỉnh Bạc Liêu,".
_NAME_ROLE = re.compile(
    rf"(?P<name>{FULL_NAME})\s*,\s*(?P<role>(?:{ROLE_RE})\b[^,.;:“”\"()]{{0,120}}?"
    rf"(?:\s*,\s*(?:{ROLE_RE})\b[^,.;:“”\"()]{{0,120}}?)*)\s*(?=,|$)")
_NAME = re.compile(rf"(?<![{UPPER}{LOWER}])(?P<name>{FULL_NAME})\b")


@dataclass(frozen=True, slots=True)
class Person:
    """A person introduced in an article, where, and with which role."""

    name: str
    role: str
    offset: int


@dataclass(frozen=True, slots=True)
class Resolution:
    """A speaker mention resolved (or not) to a person or a named source."""

    speaker: str
    role: str


_VERB_TAIL = re.compile(
    r"\s+(?:" + "|".join(sorted(map(re.escape, REPORTING_VERBS), key=len, reverse=True))
    + r"|đã|cũng|vừa|đang)(?!\w).*$")


def _clean_role(role: str) -> str:
    """A role as written, without the verb that may follow it ("… tỉnh Bắc Giang cho biết")."""
    return _VERB_TAIL.sub("", re.sub(r"\s+", " ", role)).strip(" ,")


def find_people(text: str) -> list[Person]:
    """Every full-name occurrence in ``text`` with the role written next to it."""
    people: list[Person] = []
    roles_at: dict[int, str] = {}
    for match in _ROLE_NAME.finditer(text):
        role = _clean_role(match.group("role"))
        # "Phó Chủ tịch Hội đồng nhân dân tỉnh" may carry a preceding title list
        roles_at[match.start("name")] = role
    for match in _NAME_ROLE.finditer(text):
        roles_at.setdefault(match.start("name"), _clean_role(match.group("role")))
    for match in _NAME.finditer(text):
        name = _trim_name(match.group("name"))
        people.append(Person(name, roles_at.get(match.start("name"), ""), match.start("name")))
    return people


def _trim_name(name: str) -> str:
    """Drop a trailing capitalised word that starts a new phrase ("Nguyễn Huy Dũng Tại")."""
    parts = name.split()
    while len(parts) > 2 and parts[-1] in ("Tại", "Trong", "Theo", "Cho", "Về", "Với"):
        parts.pop()
    return " ".join(parts)


class SpeakerResolver:
    """Resolves mentions within one article to the people introduced before them."""

    def __init__(self, text: str) -> None:
        self.people = find_people(text)

    def _before(self, offset: int) -> list[Person]:
        return [p for p in self.people if p.offset <= offset]

    def role_of(self, name: str, offset: int, *, given: str = "") -> str:
        """The fullest role written next to ``name`` up to ``offset`` (else anywhere)."""
        before = [p.role for p in self._before(offset) if p.name == name and p.role]
        roles = before or [p.role for p in self.people if p.name == name and p.role]
        return max([given, *roles], key=len)

    def resolve(self, mention: str, offset: int) -> Resolution:
        """Who ``mention`` (the words used in the text) refers to at ``offset``."""
        mention = mention.strip(" ,")
        match = _NAME.search(mention)
        if match:
            name = _trim_name(match.group("name"))
            role = ""
            rm = _ROLE_NAME.search(mention) or _NAME_ROLE.search(mention)
            if rm:
                role = _clean_role(rm.group("role"))
            return Resolution(name, self.role_of(name, offset, given=role))
        lowered = mention.lower()
        honorific = re.fullmatch(rf"(?:{HONORIFIC_RE})\s+(?P<given>{CAP}(?:\s+{CAP})?)",
                                 mention, re.IGNORECASE)
        if honorific:
            given = honorific.group("given")
            for person in reversed(self._before(offset)):
                if person.name.endswith(" " + given):
                    return Resolution(person.name, self.role_of(person.name, offset))
            return Resolution("", "")
        if lowered.startswith("người đứng đầu"):
            for person in reversed(self._before(offset)):
                if person.role.lower().startswith(("chủ tịch", "bộ trưởng", "giám đốc",
                                                   "bí thư", "thủ tướng")):
                    return Resolution(person.name, person.role)
            return Resolution("", "")
        if re.match(rf"(?:{ROLE_RE})\b", mention):
            want = fold_diacritics(mention)
            for person in reversed(self._before(offset)):
                role = fold_diacritics(person.role)
                if role and (role.startswith(want) or want.startswith(role)):
                    return Resolution(person.name, self.role_of(person.name, offset))
            return Resolution("", "")
        if re.match(rf"(?:{SOURCE_RE})\b", mention):
            return Resolution(mention, "")
        return Resolution("", "")


def match_speaker(query: str, speaker: str) -> bool:
    """Does ``query`` name this speaker? Any part of the full name, case- and
    diacritics-insensitive: "dung", "Dũng" and "Nguyễn Huy Dũng" find Nguyễn Huy Dũng."""
    if not speaker:
        return False
    want = fold_diacritics(query).split()
    have = fold_diacritics(speaker).split()
    if not want:
        return False
    n = len(want)
    return any(have[i:i + n] == want for i in range(len(have) - n + 1))
