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
    NOT_PERSON_BEFORE,
    NOT_PERSON_WORDS,
    PLACE_WORDS,
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


def ner_person(text: str) -> tuple[str, int] | None:
    """The last person name underthesea's NER finds in a short text, with its offset.

    Used where our surname patterns find no one (foreign names: "ông Christophe Desriac",
    "Bộ trưởng Tài chính Mỹ John Snow"). Kept conservative, because the tagger often folds
    a country into the name ("Cuba Fidel Castro") or tags a product or a district as a
    person: two or three capitalised words after dropping leading country names, not right
    after a word for a place or an organisation ("quận", "công ty").
    """
    from underthesea import ner

    entities: list[list[str]] = []
    previous = "O"
    for word, _pos, _chunk, tag in ner(text):
        kind = tag[2:] if tag != "O" else "O"
        if kind in ("PER", "MISC") and (tag.startswith("B-") or previous != kind):
            entities.append([word])
        elif kind in ("PER", "MISC"):
            entities[-1].append(word)
        previous = kind
    for words in reversed(entities):
        tokens = " ".join(words).split()
        stripped = True
        while stripped and tokens:
            stripped = False
            for n in (4, 3, 2, 1):
                if len(tokens) > n and " ".join(tokens[:n]) in PLACE_WORDS:
                    tokens, stripped = tokens[n:], True
                    break
        if not 2 <= len(tokens) <= 3 or " ".join(tokens) in PLACE_WORDS \
                or tokens[-1] in PLACE_WORDS or NOT_PERSON_WORDS.intersection(tokens):
            continue
        if not all(t[0].isupper() and (t[1:].islower() or "-" in t) for t in tokens):
            continue
        name = " ".join(tokens)
        at = text.rfind(name)
        if at < 0:
            continue
        before = text[:at].lower().split()
        if before and (before[-1] in NOT_PERSON_BEFORE
                       or " ".join(before[-2:]) in NOT_PERSON_BEFORE):
            continue
        return name, at
    return None


def _trim_name(name: str) -> str:
    """Drop a trailing capitalised word that starts a new phrase ("Nguyễn Huy Dũng Tại")."""
    parts = name.split()
    while len(parts) > 2 and parts[-1] in ("Tại", "Trong", "Theo", "Cho", "Về", "Với"):
        parts.pop()
    return " ".join(parts)


class SpeakerResolver:
    """Resolves mentions within one article to the people introduced before them."""

    def __init__(self, text: str) -> None:
        self.text = text
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
            return self._foreign(mention, offset, family=given)
        is_source = re.match(rf"(?:{SOURCE_RE})\b", mention) \
            and not re.match(rf"(?:{ROLE_RE})\b", mention)
        if any(w[:1].isupper() for w in mention.split()[1:]) and not is_source:
            found = self._foreign(mention, offset)
            if found.speaker:
                return found
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

    def _foreign(self, mention: str, offset: int, *, family: str = "") -> Resolution:
        """A name our surname patterns miss, by NER: in the mention itself ("ông Christophe
        Desriac"), or for "ông Rumsfeld" (``family``; the caller found no one introduced
        with it) the full name written earlier in the article ("… Mỹ Donald Rumsfeld").
        Unresolved when NER does not confirm a person."""
        found = ner_person(mention)
        at = offset
        if found is None and family and " " not in family:
            text = self.text[:offset]
            for match in reversed(list(re.finditer(
                    rf"(?:[{UPPER}][{LOWER}]+\s+){{1,3}}{re.escape(family)}\b", text))):
                start = max(0, text.rfind(".", 0, match.start()) + 1)
                mention = text[start:match.end()]
                found = ner_person(mention)
                if found is not None and found[0].endswith(" " + family):
                    at = start + found[1]
                    break
                found = None
        if found is None:
            return Resolution("", "")
        name, name_at = found
        role = _clean_role(mention[:name_at])
        if not re.match(rf"(?:{ROLE_RE})\b", role, re.IGNORECASE):
            role = ""
        self.people.append(Person(name, role, at))
        return Resolution(name, role)


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
