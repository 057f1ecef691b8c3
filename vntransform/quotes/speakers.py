"""Speakers: who a mention refers to within one article.

People are collected from the whole article (full names, foreign names, roles written next
to them, gender from the honorific used); a mention is resolved to the fullest earlier form
of the same person (``ông Hùng`` → ``Nguyễn Văn Hùng``, ``Bộ trưởng`` → the one minister
named), a bare ``Ông`` to the person last quoted or named. What cannot be resolved stays
unresolved (speaker ""), never guessed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from vntransform.quotes.cues import NOT_PERSON_WORDS, before_a_non_person
from vntransform.quotes.mentions import (
    _ENGLISH_ORG,
    _HONORIFIC,
    _NEVER_NAME,
    _ROLE,
    _SOURCE,
    _TRAILING_TIME,
    CAP,
    HONORIFIC_RE,
    LOWER,
    NAME_PARTICLES,
    NAMED_PERSON,
    ROLE_RE,
    SURNAME_RE,
    UPPER,
    Mention,
    _appositives,
    _is_role_phrase,
    _strip_places,
    is_cap,
    is_name_word,
    looks_foreign,
    org_key,
    parse_mention,
)
from vntransform.text.normalize import fold_diacritics

__all__ = [
    "Mention",
    "Person",
    "Resolution",
    "SpeakerResolver",
    "find_people",
    "match_speaker",
    "names_someone_else",
    "org_key",
    "parse_mention",
]


@dataclass(slots=True)
class Person:
    """A person named in an article, where, and with which role and gender."""

    name: str
    role: str
    offset: int
    gender: str = "-"
    # found by spelling only ("Real Madrid" as much as "Wade Davis"): a focus for a bare
    # pronoun only where it is the subject of its clause
    by_spelling: bool = False


@dataclass(frozen=True, slots=True)
class Resolution:
    """A speaker mention resolved (or not) to a person or a named source."""

    speaker: str
    role: str


_INTRO = re.compile(
    rf"(?<![\w])(?:(?i:{HONORIFIC_RE})\s+|(?i:{ROLE_RE})\s+|(?:{SURNAME_RE})\s+"
    rf"{CAP})"
)


_FEMALE = re.compile(
    r"(?<!\w)(?:phụ nữ|cô bé|cô gái|thiếu nữ|bà mẹ|người mẹ|bà cụ|cụ bà|nữ sinh|"
    r"nữ|người vợ|vợ|con gái|góa phụ|bà nội trợ)(?!\w)",
    re.IGNORECASE,
)
_MALE = re.compile(
    r"(?<!\w)(?:đàn ông|cậu bé|chàng trai|nam sinh|ông bố|người cha|người chồng|"
    r"chồng|con trai|cụ ông)(?!\w)",
    re.IGNORECASE,
)
# a bare pronoun (not an honorific before a name, not part of a compound word)
# only as the subject of a clause ("Bà đang nuôi …", "…”, bà kể"), never inside a noun
# phrase ("cô giáo", "bà con", "chị gái", "ông bà")
_PRONOUN_SUBJECT = r"(?:^|(?<=[.!?…]\s)|(?<=,\s)|(?<=[”\"]\s)|(?<=\n))"
_SHE = re.compile(
    _PRONOUN_SUBJECT + r"(?:[Bb]à|[Cc]hị|[Cc]ô)(?!\w)(?!\s+(?:[A-ZĐ]|con|ngoại|nội|"
    r"đơn|lập|đọng|đặc|độc|giáo|gái|mẹ|cụ|chủ|dâu|em|bé|ấy\s+[A-ZĐ]|tiếp tân|"
    r"bán hàng|phục vụ|y tá|thư ký|nhân viên|lao công|hàng xóm|chủ nhà)(?!\w))"
    r"(?=\s+[a-zà-ỹđ])"
)
_HE = re.compile(
    _PRONOUN_SUBJECT + r"(?:[Ôô]ng|[Aa]nh)(?!\w)(?!\s+(?:[A-ZĐ]|bà|chị|em|cha|hùng|"
    r"trời|chủ|cụ|bố|ta\s+[A-ZĐ])(?!\w))(?=\s+[a-zà-ỹđ])"
)
_ALIAS = re.compile(
    rf"({CAP}(?:\s+{CAP}){{0,3}})\s*\(\s*(?:tên thật(?: là)?|tên khai sinh(?: là)?|"
    rf"tức(?: là)?)\s+({CAP}(?:\s+{CAP}){{1,3}})(?=[\s,;)])"
)
_SENTENCE_CUT = re.compile(r"[.!?…][”\"]?\s+(?=[A-ZĐ])")

_HEAD_ROLES = (
    "chu tich",
    "bo truong",
    "giam doc",
    "bi thu",
    "thu tuong",
    "tong thong",
    "cuc truong",
    "vien truong",
    "hieu truong",
    "truong ban",
    "tong giam doc",
)


@dataclass
class SpeakerResolver:
    """Resolves mentions within one article to the people named before them."""

    text: str
    people: list[Person] = field(default_factory=list)
    said: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, speaker, gender)
    focus_people: list[Person] | None = None
    quoted: list[tuple[int, int]] = field(default_factory=list)  # direct quotes and answers

    aliases: dict[str, str] = field(default_factory=dict)  # "Sáu Đấu" -> "Nguyễn Văn Chơi"

    def __post_init__(self) -> None:
        self.people = find_people(self.text)
        for match in _ALIAS.finditer(self.text):
            self.aliases[match.group(1)] = match.group(2)

    def _before(self, offset: int) -> list[Person]:
        return [p for p in self.people if p.offset <= offset]

    def role_of(self, name: str, offset: int, *, given: str = "") -> str:
        """The fullest role written next to ``name`` up to ``offset`` (else anywhere)."""
        before = [p.role for p in self._before(offset) if p.name == name and p.role]
        roles = before or [p.role for p in self.people if p.name == name and p.role]
        return max([given, *roles], key=len)

    def note(self, offset: int, speaker: str, gender: str = "-") -> None:
        """Record an attribution (the focus a bare "Ông" refers back to); an unresolved
        one ("" speaker) blocks a pronoun from reaching past it to someone else."""
        self.said.append((offset, speaker, gender))

    def note_org(self, offset: int) -> None:
        """An organisation spoke: not a person a bare "ông" could mean, and no block."""

    def _fullest(self, given: str, offset: int) -> Person | None:
        earlier = _fuller(self._before(offset), given)
        if earlier is not None:
            return earlier
        later = _fuller(self.people, given)
        if (
            later is not None
            and len({p.name for p in self.people if p.name.endswith(" " + given)}) <= 1
        ):
            return later
        return None

    def gender_of(self, name: str) -> str:
        genders = {p.gender for p in self.people if p.name == name and p.gender != "-"}
        if not genders and " Thị " in f" {name} " and len(name.split()) >= 3:
            return "f"  # "Nguyễn Thị Mai": "Thị" as a middle name marks a woman
        return genders.pop() if len(genders) == 1 else "-"

    def resolve(self, mention: Mention, offset: int) -> Resolution:
        """Who ``mention`` refers to at ``offset`` (a nickname given with the real name,
        "ông Sáu Đấu (tên thật là Nguyễn Văn Chơi)", to both: "Sáu Đấu (Nguyễn Văn Chơi)")."""
        res = self._resolve(mention, offset)
        if res.speaker and names_someone_else(mention, res.speaker, res.role):
            return Resolution("", "")  # never a wrong person: the mention names another
        real = self.aliases.get(res.speaker)
        if not real:
            return res
        # both names, as the article gives them: readers know "Tuyết Sơn", records know
        # "Nguyễn Hồ Khánh Sơn"; a search for either finds the speaker
        return Resolution(f"{res.speaker} ({real})", self.role_of(real, offset) or res.role)

    def _resolve(self, mention: Mention, offset: int) -> Resolution:
        if mention.kind == "org":
            if mention.name.isupper():
                spelled = self._spelled_out(mention.name)
                if spelled:
                    return Resolution(spelled, "")  # "IRI" → "Viện Cộng hòa Quốc tế"
            # "Bộ Ngoại giao Mỹ ngày 9-7": the date is no part of the name
            return Resolution(_TRAILING_TIME.sub("", mention.name) or mention.name, "")
        if mention.kind == "name":
            fuller = self._fullest(mention.name, offset)
            name = fuller.name if fuller else mention.name
            return Resolution(name, self.role_of(name, offset, given=mention.role))
        if mention.kind in ("given", "bare"):
            fuller = self._fullest(mention.name, offset)
            if fuller is not None:
                return Resolution(
                    fuller.name, self.role_of(fuller.name, offset, given=mention.role)
                )
            if mention.needs_full:
                return Resolution("", "")
            if (
                mention.kind == "given"
                and _FOR_A_BODY.fullmatch(mention.role)
                and len(mention.name.split()) == 1
            ):
                # "Lãnh đạo Agribank", "Đại diện Vietcombank": the body, not a person's name
                return Resolution(
                    f"{mention.role[:1].upper()}{mention.role[1:]} {mention.name}", ""
                )
            if mention.kind == "given" or len(mention.name.split()) >= 2:
                exact = [p for p in self.people if p.name == mention.name]
                if exact or mention.kind == "given":
                    return Resolution(
                        mention.name, self.role_of(mention.name, offset, given=mention.role)
                    )
            return Resolution("", "")
        if mention.kind == "pronoun":
            if any(a < offset < b for a, b in self.quoted):
                # "… anh ấy để lại lời nhắn: “…”" inside someone's answer: the person the
                # speaker tells of, never the speaker or whoever the narration named
                return Resolution("", "")
            res = self._focus(offset, mention.gender)
            if res.speaker and self._other_register(mention.text, res.speaker):
                return Resolution("", "")
            return res
        if mention.kind == "role":
            want = fold_diacritics(mention.role or mention.text).lower()
            if re.match(r"(?:mot|nhieu|cac|nhung)\s", fold_diacritics(mention.text).lower()):
                return Resolution("", "")  # "một ca sĩ": someone new, not the singer named
            want = re.sub(r"^(?:vi|nguyen|cuu)\s+", "", want)
            if want.startswith("nguoi dung dau"):
                # "người đứng đầu chính quyền": the head of a body last quoted, else named
                for at, speaker, _g in reversed(self.said):
                    if (
                        at < offset
                        and speaker
                        and fold_diacritics(self.role_of(speaker, offset))
                        .lower()
                        .startswith(_HEAD_ROLES)
                    ):
                        return Resolution(speaker, self.role_of(speaker, offset))
                for person in reversed(self._before(offset)):
                    if fold_diacritics(person.role).lower().startswith(_HEAD_ROLES):
                        return Resolution(person.name, self.role_of(person.name, offset))
                return Resolution("", "")
            body = re.match(
                r"(?i:đại diện|lãnh đạo|người phát ngôn|phát ngôn viên)\s+",
                mention.role or mention.text,
            )
            if body and _SOURCE.match(mention.role or mention.text, body.end()):
                org = (mention.role or mention.text)[body.end() :]
                if any(is_cap(w) for w in org.split()[1:]):
                    # "đại diện Sở GTVT Hà Nội": someone unnamed speaks for the Sở; the
                    # speaker says so ("Đại diện Sở GTVT Hà Nội"), and still holds the Sở
                    said = (mention.role or mention.text).strip()
                    return Resolution(said[:1].upper() + said[1:], "")
            want_words = re.findall(r"\w+", want)
            matching = []
            for person in reversed(self._before(offset)):
                role_words = re.findall(r"\w+", fold_diacritics(person.role).lower())
                if role_words and (
                    role_words[: len(want_words)] == want_words
                    or (len(role_words) >= 3 and want_words[: len(role_words)] == role_words)
                ):
                    matching.append(person)
            # a bare title ("Bị cáo", "Bộ trưởng") names someone only when one person holds
            # it; a qualified one ("Giám đốc Sở Nội vụ") means the last person introduced so
            if matching and (len(want_words) >= 3 or len({p.name for p in matching}) == 1):
                return Resolution(matching[0].name, self.role_of(matching[0].name, offset))
            if matching and self._in_focus(matching[0].name, offset):
                # "“…”, giáo sư nhận định" with two professors named: the one just named
                # and quoted, when nobody else was named or quoted since
                return Resolution(matching[0].name, self.role_of(matching[0].name, offset))
            head = [
                p
                for p in reversed(self._before(offset))
                if len(want_words) > 2
                and re.findall(r"\w+", fold_diacritics(p.role).lower())[:2] == want_words[:2]
            ]
            if head and self._in_focus(head[0].name, offset):
                # "đại biểu TP HCM" just after "đại biểu Nguyễn Thị Quyết Tâm" was quoted
                return Resolution(head[0].name, self.role_of(head[0].name, offset))
            if not matching:
                # introduced later ("“…”, tổng thống nói. … Tổng thống X hứa …"): only the
                # one person who ever holds the title in the article
                later = {
                    p.name
                    for p in self.people
                    if re.findall(r"\w+", fold_diacritics(p.role).lower())[: len(want_words)]
                    == want_words
                }
                if len(later) == 1 and len(want_words) >= 2 and not _GENERIC.match(want):
                    name = later.pop()
                    return Resolution(name, self.role_of(name, offset))
            # "Bộ trưởng Bộ GD-ĐT" for the only minister named before ("Bộ trưởng X")
            holders = {
                p.name
                for p in self._before(offset)
                if re.findall(r"\w+", fold_diacritics(p.role).lower())[:2] == want_words[:2]
            }

            def fits(person: Person) -> bool:
                have = re.findall(r"\w+", fold_diacritics(person.role).lower())
                # no qualifier to conflict with, or the mention's qualifier is in the role
                return have == want_words[:2] or set(want_words[2:]) <= set(have)

            short = [p for p in self._before(offset) if p.name in holders and fits(p)]
            if len(holders) == 1 and short and len(want_words) >= 2:
                return Resolution(short[-1].name, self.role_of(short[-1].name, offset))
            title = self._title_alone((mention.role or mention.text).strip())
            return Resolution(title, "") if title else Resolution("", "")
        return Resolution("", "")

    def _title_alone(self, said: str) -> str:
        """The title itself as the speaker ("Chủ tọa hỏi") when it is all the article says
        of who speaks: a court role, one of a kind in its trial, that nobody in the article
        holds under a name; else "". (Other titles, "Đại sứ Mỹ", stay unresolved: on
        held-out news they named someone the text did name often enough to cost precision.)"""
        words = re.findall(r"\w+", fold_diacritics(said).lower())
        if (
            len(words) < 2
            or re.search(r"(?<!\w)(?:này|đó|ấy|kia|nọ)(?!\w)", said)
            or " ".join(words) not in _COURT_ROLES
            or _PROFESSION.match(said)
        ):
            return ""
        head = words[:2]
        if any(
            re.findall(r"\w+", fold_diacritics(p.role).lower())[:2] == head for p in self.people
        ):
            return ""
        spelled = re.escape(" ".join(said.split()[:2]))
        if re.search(
            rf"(?i:{spelled})\s+(?!{_BODY_HEADS})[{UPPER}][{LOWER}]*\s+"
            rf"[{UPPER}][{LOWER}]",
            self.text,
        ):
            return ""  # "Bộ trưởng Phùng Xuân Nhạ" somewhere: a named holder
        return said[:1].upper() + said[1:]

    def _other_register(self, pronoun: str, speaker: str) -> bool:
        """Whether the article only ever calls ``speaker`` by a title of another register
        than ``pronoun`` ("anh Tùng", then a bare "ông": someone older, not Tùng)."""
        word = pronoun.strip().lower()
        if word not in _ELDER and word not in _YOUNGER:
            return False
        given = re.escape(speaker.split()[-1])
        used = {
            m.group(1).lower()
            for m in re.finditer(
                rf"(?<!\w)((?i:ông|bà|anh|chị|cô|cậu|em|chú|bác|thầy|cụ|cháu|bé))\s+"
                rf"(?:[{UPPER}][{LOWER}]*\s+)"
                rf"{{0,3}}{given}(?!\w)",
                self.text,
            )
        }
        if not used or word in used:
            return False
        same = _ELDER if word in _ELDER else _YOUNGER
        return not used & same

    def _in_focus(self, name: str, offset: int) -> bool:
        """Is ``name`` the last person named before ``offset`` and the last one quoted (two
        judges named together, then "thẩm phán nói": nobody)?"""
        people = self.focus_people if self.focus_people is not None else self.people
        named = [p for p in people if p.offset <= offset]
        said = [sp for at, sp, _g in self.said if at < offset]
        return bool(named) and named[-1].name == name and bool(said) and said[-1] == name

    def _spelled_out(self, acronym: str) -> str:
        """The name an acronym stands for, when the article writes "Name (ACRONYM)"."""
        at = self.text.find(f"({acronym})")
        if at <= 0:
            return _COURT_ACRONYMS.get(acronym, "")  # "HĐXX": spelled out by every court
        words = re.split(r"[,.;:“”\"()]", self.text[max(0, at - 120) : at])[-1].split()[-8:]
        for i, word in enumerate(words):
            if _SOURCE.match(word) or (
                is_cap(word) and i + 1 < len(words) and is_cap(words[i + 1])
            ):
                name = " ".join(words[i:])
                return name if len(words) - i >= 2 else ""
        return ""

    def skip_inside(self, ranges: list[tuple[int, int]]) -> None:
        """Names said inside quotes are not whom a later bare "ông" refers to; a pronoun
        inside a quote or an answer is the speaker's word for someone else."""
        self.quoted = list(ranges)
        self.focus_people = [
            p for p in self.people if not any(a <= p.offset < b for a, b in ranges)
        ]

    def _sentence_subject(self, at: int, gender: str) -> tuple[int, str] | None:
        """For a person named at ``at`` inside a sentence (not as its subject): the
        sentence's subject when it is another person ((offset, name)), (offset, "") when
        it is a bare pronoun ("Ông đi xe ôm từ nhà ở khu Mai Dịch"), else None (the
        person named is as good a focus as any: "Phóng viên gặp ông B. Ông nói …")."""
        text = self.text
        cut = max(
            [
                text.rfind("\n", 0, at),
                *(m.end() - 1 for m in _SENTENCE_CUT.finditer(text, max(0, at - 400), at)),
            ]
        )
        start = cut + 1
        starts = [start] + [start + m.end() for m in re.finditer(r",\s*", text[start:at])][:3]
        for pos in starts:
            if pos >= at:
                break
            mention = parse_mention(text, pos, clause_start=True)
            if mention is None or mention.text_end > at:
                continue
            if text.find(mention.name or "\0", pos, at + 1) >= at:
                return None  # the person is the subject
            if mention.kind == "pronoun" and gender in ("-", mention.gender):
                return (pos, "")
            if mention.kind in ("name", "given") and mention.end <= at:
                res = self.resolve(mention, pos)
                if res.speaker and gender in ("-", self.gender_of(res.speaker), mention.gender):
                    return (pos, res.speaker)
            if mention.kind == "bare" and not self.resolve(mention, pos).speaker:
                continue  # "Trao đổi với báo chí, ông X …": a capitalised verb, not a subject
            return None
        return None

    def _focus(self, offset: int, gender: str) -> Resolution:
        """The person a bare honorific refers to: the last one named or quoted before
        (nobody when the last attribution before it was left unresolved)."""
        best: tuple[int, str] | None = None
        unsure = -1  # the last person named with no gender: she may be the one meant
        people = self.focus_people if self.focus_people is not None else self.people
        for person in (p for p in people if p.offset <= offset):
            if gender != "-" and person.gender not in ("-", gender):
                continue
            if person.by_spelling and _AFTER_PREPOSITION.search(
                self.text, max(0, person.offset - 20), person.offset
            ):
                # "Trận đấu với Real Madrid …": a name read by its spelling alone after a
                # preposition is an object (a club, a place), not whom "ông" means
                continue
            if gender == "f" and self.gender_of(person.name) != "f":
                if self.gender_of(person.name) == "-" and person.gender == "-":
                    unsure = max(unsure, person.offset)
                continue  # women are introduced as "bà", "chị"; a role alone is no evidence
            if best is None or person.offset >= best[0]:
                subject = self._sentence_subject(person.offset, gender)
                if subject is None and _POSSESSIVE.search(
                    self.text, max(0, person.offset - 10), person.offset
                ):
                    # "Chấn thương của đội trưởng X …. Ông tỏ ra …": X is no subject, and
                    # the sentence names nobody else: whom "ông" means is unsure
                    best = (person.offset, "")
                elif subject is None:
                    best = (person.offset, person.name)
                elif subject[1]:
                    best = subject  # named inside a sentence about someone else
                # else: named in a sentence whose subject is the pronoun: not the focus
        for at, speaker, g in self.said:
            known = g if g != "-" else self.gender_of(speaker)
            if (
                at < offset
                and (
                    not speaker
                    or gender == "-"
                    or known == gender
                    or gender == "m"
                    and known == "-"
                )
                and (best is None or at >= best[0])
            ):
                best = (at, speaker)
        if gender == "f" and (best is None or best[0] < unsure):
            # "…”, tiến sĩ Zager nói. Theo bà, …": the one just quoted, of no known gender,
            # when nobody else was named or quoted since; else nobody
            last = max([(at, sp) for at, sp, _g in self.said if at < offset], default=None)
            if (
                last is not None
                and last[1]
                and offset - last[0] <= 400
                and self.gender_of(last[1]) == "-"
                and not any(last[0] < p.offset <= offset and p.name != last[1] for p in self.people)
            ):
                return Resolution(last[1], self.role_of(last[1], offset))
            return Resolution("", "")  # "Hồ Quỳnh Hương …. Cô cho biết": not the "bà" before
        if best is None or not best[1] or best[0] < unsure:
            return Resolution("", "")
        name = best[1]
        if gender != "-" and self.gender_of(name) not in ("-", gender):
            return Resolution("", "")
        if self._described_since(best[0], offset, name):
            return Resolution("", "")
        return Resolution(name, self.role_of(name, offset))

    def _described_since(self, since: int, offset: int, name: str) -> bool:
        """Does a sentence between ``since`` and ``offset`` open with someone described,
        not named ("Ngay khi lên sân khấu, vị khán giả này đã …. Cô cho biết"), whom the
        description does not fit ``name``'s role? Then "cô" may mean either: nobody."""
        role = fold_diacritics(self.role_of(name, offset)).lower()
        for match in _DESCRIBED_SUBJECT.finditer(self.text, since, offset):
            noun = fold_diacritics(match.group("noun")).lower().split()
            if not noun or not all(w in role.split() for w in noun):
                return True
        return False


# people in general ("Theo người dân tại hiện trường"): not the one resident named later
_GENERIC = re.compile(r"(?:nguoi dan|cu dan|nhan dan|ba con|du khach|khach hang)(?!\w)")
# a clause opening with a person described by a demonstrative ("vị khán giả này",
# "người phụ nữ đó"), not named
_DESCRIBED_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?…]\s)|(?<=,\s)|(?<=\n))(?:[Vv]ị|[Nn]gười|[Cc]ô gái|[Cc]hàng trai|"
    r"[Aa]nh chàng|[Cc]ô nàng)\s+(?P<noun>(?:[a-zà-ỹđ]+\s+){0,3}?)(?:này|đó|ấy|nọ)(?!\w)"
)
# a capitalised body head right before a role word: the role opens the body's name
_IN_ORG_NAME = re.compile(
    r"(?<!\w)(?:Hội|Hiệp hội|Liên đoàn|Liên hiệp|Đoàn|Ban|Bộ|Sở|Cục|Vụ|Viện|Ủy ban|Học viện|"
    r"Trường|Câu lạc bộ|Công đoàn)\s+$"
)
# a person named in a possessive ("Chấn thương của đội trưởng X"): not whom "ông" means
_POSSESSIVE = re.compile(r"(?<!\w)của\s+$", re.IGNORECASE)

_AFTER_PREPOSITION = re.compile(
    r"(?<!\w)(?:với|của|tại|ở|cho|và|trước|đến|tới|từ|gặp|thắng|"
    r"hạ|đánh bại|trên|về|sang|vào|giữa)\s+$",
    re.IGNORECASE,
)


def unread_names(mention: Mention) -> set[str]:
    """Capitalised words after a role mention's role: a proper name the grammar could not
    read ("nhà phân tích chính trị Jawad al-Anani ở Dubai") or a place."""
    rest = (
        mention.text[len(mention.role) :] if mention.text.startswith(mention.role) else mention.text
    )
    return {w for w in rest.split() if is_cap(w)}


def names_someone_else(mention: Mention, name: str, role: str) -> bool:
    """Whether a role mention holds a name that ``name`` (with ``role``) does not: then the
    mention is about someone else, whoever held that role before."""
    return mention.kind == "role" and not unread_names(mention) <= set(f"{name} {role}".split())


def find_people(text: str) -> list[Person]:
    """Every person named in ``text`` (full names, foreign names after a role or an
    honorific, honorific + given name resolved to an earlier full name), in text order."""
    people: list[Person] = []
    covered = 0
    for match in _INTRO.finditer(text):
        start = match.start()
        if start < covered:
            continue
        if _IN_ORG_NAME.search(text, max(0, start - 20), start):
            continue  # "Hội Sinh viên Việt Nam": a role word inside a body's name
        mention = parse_mention(text, start, closed_only=True)
        if mention is None or mention.kind not in ("name", "given"):
            continue
        if (
            mention.kind == "given"
            and not _HONORIFIC.match(text, start)
            and not _ROLE.match(text, start)
        ):
            continue
        if re.match(r"(?i:các|những|nhiều|mọi)\s", mention.text) or re.search(
            r"(?<!\w)(?i:các|những|nhiều|mọi)\s+$", text[max(0, start - 8) : start]
        ):
            continue  # "các cầu thủ Chelsea": a team, not a person
        covered = mention.text_end
        name_at = text.find(mention.name, start)
        before = text[max(0, name_at - 30) : name_at].lower().split()
        if mention.text == mention.name and before_a_non_person(before):
            continue  # "đường Nguyễn Văn Trỗi", "trường Lê Quý Đôn"
        name = mention.name
        if mention.kind == "given":
            full = _fuller(people, name)
            if full is not None:
                name = full.name
        people.append(Person(name, mention.role, start, mention.gender))
    # "Theo Vladimir Semenov, Phó giám đốc …": a capitalised pair with a role appositive
    for match in re.finditer(rf"(?<![\w])({CAP}(?:\s+{CAP}){{1,3}})\s*,\s*(?=\w)", text):
        if not _is_role_phrase(text[match.end() : match.end() + 80]):
            continue
        words = match.group(1).split()
        if (
            words[0] in ("Theo", "Với", "Còn", "Ông", "Bà", "Bạn", "Anh", "Chị", "Em")
            and len(words) >= 3
        ):
            words = words[1:]  # "Theo Wade Davis, một chuyên gia …"
        if (
            words[0] in NOT_PERSON_WORDS
            or not all(is_name_word(w) for w in words)
            or _strip_places(words)
            or _ENGLISH_ORG.intersection(words)
        ):
            continue
        if any(
            p.offset <= match.start(1) < p.offset + 40 and p.name.endswith(words[-1])
            for p in people
        ):
            continue
        _end, role = _appositives(text, match.end(1))
        people.append(Person(" ".join(words), role, match.start(1)))
    # "đưa Viktor Yushchenko lên": two or three words no Vietnamese name is made of
    for match in _FOREIGN_RUN.finditer(text):
        if text[match.start() - 1 : match.start()] in ("“", '"', "«", "'", "‘"):
            continue  # "cuốn sách “Giết Pablo”": a title in marks, not a person
        words = _join_particles(match.group(0).split())
        while words and (
            words[0] in NOT_PERSON_WORDS
            or words[0] in _NEVER_NAME
            or words[0] in _TITLES
            or words[0] in _RUN_OPENERS
        ):
            words = words[1:]  # "Theo Wade Davis"
        if (
            len(words) >= 2
            and words[0] in _CONJUNCTIONS
            and _SENTENCE_OPEN.search(text, max(0, match.start() - 3), match.start() + 1)
            and text.count(" ".join(words[1:])) >= 2
        ):
            words = words[1:]  # "Song Wood cho rằng" ("but Wood"), Wood named elsewhere
        skip = _strip_places(words)
        words = words[skip:]
        while len(words) > 2 and _strip_places(words[-1:]):
            words = words[:-1]  # "Trend Micro Ấn Độ": the place after the name
        while len(words) > 2 and _strip_places(words[-2:]) == 2:
            words = words[:-2]
        if len(words) < 2 or any(w.endswith("'") or len(w.strip("'.")) < 1 for w in words):
            continue
        if (
            _ENGLISH_ORG.intersection(words)
            or not any(map(looks_foreign, words))
            or any(
                w in NOT_PERSON_WORDS or not is_name_word(w)
                for w in words
                if not (w is words[-1] and w.startswith("'"))
            )
        ):
            continue  # "Pete McAndrew", "Russell T. Vought"; not "Bộ Y"
        before = text[max(0, match.start() - 30) : match.start()].lower().split()
        if (
            before_a_non_person(before)
            or before
            and (before[-1] in _THING_BEFORE or " ".join(before[-2:]) in _THING_BEFORE)
        ):
            continue  # "trường Dale Carnegie", "công ty Vietnam Airlines"
        if not any(
            p.offset <= match.start() < p.offset + 60 and p.name.endswith(words[-1]) for p in people
        ):
            people.append(Person(" ".join(words), "", match.start(), by_spelling=True))
    # "Một người dân tên Hùng cho biết": someone described, then named after "tên"
    for match in NAMED_PERSON.finditer(text):
        name = match.group("name")
        if not re.search(r"(?:^|[.!?:;,”\"]\s*)$", text[max(0, match.start() - 3) : match.start()]):
            continue  # "Bạn bè anh lúc đó toàn tên là X": not a subject introduced
        if not any(p.offset <= match.start("name") < p.offset + 60 for p in people):
            mention = parse_mention(text, match.start())
            if mention is not None and mention.name == name:
                people.append(Person(name, "", match.start(), mention.gender))
    people.sort(key=lambda p: p.offset)
    for person in people:
        if person.gender == "-":
            # "Một phụ nữ Baghdad tên là X", "X, một cô bé 15 tuổi": the description or the
            # appositive says who she is
            near = f"{text[max(0, person.offset - 50) : person.offset]} | {person.role}"
            female, male = _FEMALE.search(near), _MALE.search(near)
            if female and not male:
                person.gender = "f"
            elif male and not female:
                person.gender = "m"
    for n, person in enumerate(people):
        if person.gender == "-" and (len(person.name.split()) >= 2 or looks_foreign(person.name)):
            # "Umm Al 'aa, 40 tuổi, … Bà đang nuôi …": the pronouns that follow a person,
            # before anyone else is named, say who she is
            end = min(
                [p.offset for p in people[n + 1 :] if p.name != person.name] + [person.offset + 300]
            )
            window = text[person.offset + len(person.name) : end]
            she = {m.group(0).lower() for m in _SHE.finditer(window)}
            he = {m.group(0).lower() for m in _HE.finditer(window)}
            if she and not he:
                person.gender = "f"
            elif he and not she:
                person.gender = "m"
    # a given name registered before its full form was found ("Tổng thống Yushchenko" and
    # "Viktor Yushchenko"): the full form, when one person in the article has it
    for person in people:
        if len(person.name.split()) == 1:
            fuller = {
                p.name
                for p in people
                if len(p.name.split()) > 1 and p.name.split()[-1] == person.name
            }
            if len(fuller) == 1:
                person.name = fuller.pop()
    return people


_NAME_ITEM = rf"(?:[{UPPER}]\.|[{UPPER}][\w'-]+|(?:al|el|ad|bin|ibn|abu|ben)-[{UPPER}][\w'-]+)"
_FOREIGN_RUN = re.compile(  # capitalised words; a period only after an initial ("T.")
    rf"(?<![\w'-])(?:[{UPPER}]\.|[{UPPER}][\w'-]+)(?:[^\S\n]+(?:(?:van|von|der|den|ter|de|della|"
    rf"dos|bin|ibn|al|el)[^\S\n]+)?{_NAME_ITEM}){{1,4}}(?:[^\S\n]+'[{LOWER}]+)?(?![\w'])"
)
# (within a line: "Umm Al 'aa", "Mark van Bommel"; a title line never runs into the text)


# capitalised words that open a sentence before a name read by its spelling ("Chính Hawking
# đã …", "Dòng Dutch Lady …"), never part of it
_RUN_OPENERS = frozenset(
    {
        "Chính",
        "Dòng",
        "Riêng",
        "Ngay",
        "Cả",
        "Tới",
        "Đến",
        "Từ",
        "Nhờ",
        "Như",
        "Giống",
        "Hãng",
        "Đội",
        "Tờ",
        "Báo",
        "Nhóm",
        "Phía",
    }
)
# conjunctions opening a sentence before a foreign name ("Song Wood cho rằng …": but Wood);
# "Song" is also a Korean family name, so only when the rest is written elsewhere alone
_CONJUNCTIONS = frozenset({"Song", "Nhưng", "Còn", "Và", "Tuy"})
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?…:”\"]\s+|\n)\S")
# classifiers and heads after which a name read by its spelling is a thing: a car, a film,
# a team ("chiếc Toyota Camry", "phim Star Wars", "đội Real Madrid")
_THING_BEFORE = frozenset(
    {
        "chiếc",
        "xe",
        "mẫu",
        "dòng",
        "loại",
        "nhãn hiệu",
        "thương hiệu",
        "hiệu",
        "máy",
        "tàu",
        "phim",
        "sách",
        "cuốn",
        "bài",
        "tờ",
        "đội",
        "câu lạc bộ",
        "clb",
        "giải",
        "sân",
        "game",
        "trò chơi",
        "phần mềm",
        "chương trình",
        "sản phẩm",
        "album",
        "ca khúc",
        "bài hát",
    }
)
_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Mr.", "Mrs.", "Ms.", "Dr."})


def _join_particles(words: list[str]) -> list[str]:
    """ "Mark van Bommel" -> ["Mark", "van Bommel"]: a particle is part of the next word."""
    out: list[str] = []
    for word in words:
        if out and out[-1] in NAME_PARTICLES:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


# titles of two registers: an elder ("ông", "bà") is never the "anh", "chị", "em" of before
_ELDER = frozenset({"ông", "bà", "bác", "chú", "thầy", "cụ"})
_YOUNGER = frozenset({"anh", "chị", "em", "cậu", "cô", "cháu", "bé"})
_COURT_ACRONYMS = {
    "HĐXX": "Hội đồng xét xử",
    "VKS": "Viện kiểm sát",
    "VKSND": "Viện kiểm sát nhân dân",
}
_BODY_HEADS = r"(?:Bộ|Sở|Cục|Ban|Viện|Vụ|Ủy|Uỷ|UBND|Tổng|Công|Ngân|Trường|Bệnh|Hội|Tập)(?!\w)"
_COURT_ROLES = frozenset(
    {
        "chu toa",
        "hoi dong xet xu",
        "tham phan chu toa",
        "chu toa phien toa",
        "kiem sat vien",
        "hoi dong thi",
    }
)
_PROFESSION = re.compile(
    r"(?i:bác sĩ|chuyên gia|học giả|nhà|giáo sư|tiến sĩ|luật sư|phóng viên|"
    r"người|kỹ sư|giáo viên|nhân viên|cán bộ|một|các|những|nhiều|vị|"
    r"thạc sĩ|nghiên cứu sinh|sinh viên|học sinh)(?!\w)"
)
_FOR_A_BODY = re.compile(r"(?i:đại diện|lãnh đạo|người phát ngôn|phát ngôn viên)")
_ARTICLE = re.compile(r"^(?:al|el|ad|as|an|ar|at|az|ash|ibn|bin|abu)-(?=\w)")


def _fuller(people: list[Person], given: str) -> Person | None:
    """The last person whose full name ends with ``given`` ("Hùng" → "Nguyễn Văn Hùng"),
    else, for a foreign name, starts with it ("Martin" → "Martin Rama")."""
    want = [_ARTICLE.sub("", w) for w in given.lower().split()]
    n = len(want)
    for person in reversed(people):
        # "Dakheel" for "Turki al-Dakheel": the Arabic article is no part of the surname
        have = [_ARTICLE.sub("", w) for w in person.name.lower().split()]
        if len(have) > n and _same_words(have[-n:], want):
            return person
    starts = {
        p.name
        for p in people
        if len(p.name.split()) > n and _same_words(p.name.lower().split()[:n], want)
    }
    if len(starts) == 1:
        name = starts.pop()
        return next(p for p in people if p.name == name)
    return None


def _same_words(have: list[str], want: list[str]) -> bool:
    """Word by word the same name: with the same marks, or, where one side is written
    without Vietnamese marks ("Lavrov", "Dang"), the same letters ("Dâng" is not "Đằng")."""
    return len(have) == len(want) and all(
        h == w
        or len(h) == len(w)
        and _fold_word(h) == _fold_word(w)
        and not (set(h) & _VIET_MARKED and set(w) & _VIET_MARKED)
        for h, w in zip(have, want, strict=True)
    )


@functools.lru_cache(maxsize=8192)
def _fold_word(word: str) -> str:
    return fold_diacritics(word)


_VIET_MARKED = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")


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
    return any(have[i : i + n] == want for i in range(len(have) - n + 1))
