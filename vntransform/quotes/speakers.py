"""Speaker mentions: a small grammar of Vietnamese person and source noun phrases, and
their resolution within one article.

A mention is parsed at the start of a clause: ``[ông|bà …] Full Name``, ``Role … Name``
(``Giám đốc Sở Tư pháp Hà Nội Lê Văn Hưng`` → name ``Lê Văn Hưng``, role ``Giám đốc Sở Tư
pháp Hà Nội``: places and organisation heads never enter a name), ``honorific + given name``
(``ông Hùng``), a bare role (``Bộ trưởng``), a bare honorific (``Ông``), a known name alone
(``Semenov``), or an organisation or document (``Bộ Y tế``), followed by appositives
(``, Giám đốc X,`` / ``- cán bộ … -`` / ``(…)``). Resolution maps a mention to the fullest
earlier form of the same person; what cannot be resolved stays unresolved (speaker ""),
never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vntransform.quotes.cues import (
    CLAUSE_OPENERS,
    HONORIFIC_GENDER,
    NOT_PERSON_BEFORE,
    NOT_PERSON_WORDS,
    PLACE_WORDS,
    REPORTING_VERBS,
    ROLE_WORDS,
    SOURCE_WORDS,
    SPEAKER_FILLERS,
    SURNAMES,
)
from vntransform.text.normalize import fold_diacritics

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = UPPER.lower()
CAP = rf"[{UPPER}][{LOWER}]+"
_alt = "|".join


def _longest_first(words: tuple[str, ...] | list[str]) -> str:
    return _alt(sorted(map(re.escape, words), key=len, reverse=True))


SURNAME_SET = frozenset(SURNAMES)
SURNAME_RE = _longest_first(SURNAMES)
FULL_NAME = rf"(?:{SURNAME_RE})(?:\s+{CAP}){{1,3}}"
ROLE_RE = _longest_first(ROLE_WORDS)
HONORIFIC_RE = _longest_first(tuple(HONORIFIC_GENDER))
SOURCE_RE = _longest_first(SOURCE_WORDS)
VERB_RE = _longest_first(REPORTING_VERBS)
FILLER_RE = _longest_first(SPEAKER_FILLERS)
_ENGLISH_ORG = frozenset({"University", "College", "Institute", "Systems", "System", "Group",
                          "Inc", "Corp", "Company", "Bank", "Center", "Centre", "Foundation",
                          "Messenger", "Online", "News", "Times", "Post", "Agency", "Journal",
                          "Street", "Club", "United", "City", "Airlines", "Airways", "Park",
                          "Google", "Facebook", "Apple", "Samsung", "Microsoft", "International"})
_WORD = re.compile(r"\S+")
_OPENERS = re.compile(rf"(?:(?:{_longest_first(CLAUSE_OPENERS)})(?!\w),?\s+)+", re.IGNORECASE)
_HONORIFIC = re.compile(rf"(?:{HONORIFIC_RE})(?!\w)", re.IGNORECASE)
_ROLE = re.compile(
    rf"(?:vị\s+|nguyên\s+|cựu\s+|một\s+|các\s+|nhiều\s+|quyền\s+)?(?:{ROLE_RE})(?![\w.])",
    re.IGNORECASE)
_SOURCE = re.compile(rf"(?:{SOURCE_RE})(?!\w)")
_SOURCE_ANYCASE = re.compile(rf"(?:{SOURCE_RE})(?!\w)", re.IGNORECASE)
_VERB_OR_FILLER = re.compile(rf"\s+(?:(?:{FILLER_RE})\s+)*(?:{VERB_RE})(?!\w)")
_VERB_TAIL = re.compile(rf"\s+(?:(?:{FILLER_RE})\s+)*(?:{VERB_RE})(?!\w).*$")
_STOP = set(",.;:!?“”\"«»")
# "Ông X - Phó chủ tịch phụ trách tài chính trả lời" (the clause ends at the colon)
_OPEN_DASH = re.compile(rf"\s+[-–—]\s+([^:“”\"\-–—,]{{2,120}}?)(?=\s+(?:(?:{FILLER_RE})\s+)*"
                        rf"(?:{VERB_RE})\s*$)")
# words that end a role's qualifier: "Chủ tọa gọi Dương Quốc Hà" is not the role of Hà
_QUALIFIER_STOP = frozenset({
    "và", "với", "cùng", "cho", "gọi", "hỏi", "gặp", "tiếp", "thăm", "quay", "sang", "đến",
    "tới", "vào", "ra", "lên", "xuống", "trao", "tặng", "mời", "nhờ", "giao", "bảo", "nhắc",
    "khen", "là", "thì", "mà", "nhưng", "hay", "hoặc", "về", "để", "khi", "đã", "đang", "sẽ",
    "truy", "nhìn", "yêu", "đề", "phê", "chất", "chỉ", "còn", "vẫn", "lại", "được", "bị"})
_ORG_PAIRS = frozenset(w.lower() for w in SOURCE_WORDS if " " in w) | {
    "công ty", "tập đoàn", "ngân hàng", "bệnh viện", "tổng công", "hiệp hội", "liên đoàn",
    "học viện", "đại học", "hội đồng", "ủy ban", "uỷ ban", "văn phòng", "trung tâm"}


def is_cap(token: str) -> bool:
    """A capitalised word ("Hùng", "GD-ĐT", "Jean-Pierre"), not punctuation."""
    return bool(token) and token[0].isupper()


# capitalised function words that open a phrase, never part of a name ("… Dũng Trong …")
_NEVER_NAME = frozenset({
    "Tại", "Trong", "Theo", "Cho", "Về", "Với", "Khi", "Sau", "Trước", "Nhưng", "Và", "Để",
    "Nếu", "Do", "Vì", "Ngày", "Hôm", "Tuy", "Còn", "Cũng", "Các", "Những", "Một",
    "Ông", "Bà", "Chị", "Đây", "Đó", "Này", "Tháng", "Chiều", "Tối",
    "Trưa", "Đêm", "Thì", "Là", "Rằng", "Nói", "Nhiều", "Ngoài", "Bên", "Hiện",
    "Tôi", "Chúng", "Họ", "Em", "Mình", "Ai", "Gì", "Sự", "Việc", "Điều", "Cuộc", "Phải",
})


def is_name_word(token: str) -> bool:
    """A word that can be part of a person's name: capitalised, then lower case, or an
    initial ("N.")."""
    if not token or not token[0].isupper() or token in _NEVER_NAME:
        return False
    if len(token) == 2 and token[1] == ".":
        return True
    rest = token[1:].replace("-", "").replace("'", "")
    if re.fullmatch(r"(?:Mc|Mac|O'|D'|Di|De|La|Le)[A-Z][a-z]+", token):
        return True  # "McConnell", "O'Reilly", "DiCaprio"
    return rest == "" or rest.islower() or all(p[:1].isupper() and p[1:].islower()
                                               for p in token.split("-") if p)


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker mention parsed from a clause."""

    text: str  # the words used, as written, without appositives
    kind: str  # name | given | pronoun | role | org
    name: str = ""  # the name words ("Lê Văn Hưng", "Hùng"), "" for roles and pronouns
    role: str = ""  # the role written in the mention or its appositive
    gender: str = "-"
    end: int = 0  # offset (in the parsed string) after the mention and its appositives
    text_end: int = 0  # offset after the mention words themselves


def _tokens(text: str, start: int) -> list[tuple[str, int, int]]:
    """Words from ``start`` up to the first punctuation that ends a noun phrase."""
    out = []
    in_paren = False
    for match in _WORD.finditer(text, start):
        word = match.group(0)
        if in_paren or word.startswith("("):
            # "Ngân hàng Á Châu (ACB) Phạm Văn Thiệt": a parenthesis inside the qualifier
            in_paren = not word.rstrip(",.;:").endswith(")")
            if len(out) >= 20 or not out or not in_paren and not word.endswith(")"):
                break  # "(SBD 218):" ends the phrase
            continue
        if word[0] in _STOP or word in ("-", "–", "—"):
            break
        trail = len(word) - len(word.rstrip(",.;:!?)“”\"»"))
        if trail and not re.fullmatch(r"(?:TP|Tp|TS|GS|PGS|ThS|BS|Mr|Ms|Mrs|St|[A-ZĐ])\.",
                                      word):
            if word.rstrip(",.;:!?)“”\"»"):
                out.append((word.rstrip(",.;:!?)“”\"»"), match.start(), match.end() - trail))
            break
        out.append((word, match.start(), match.end()))
        if len(out) >= 20:
            break
    return out


def _strip_places(words: list[str]) -> int:
    """How many leading words of a capitalised run are place names."""
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            if i + n <= len(words) and " ".join(words[i:i + n]) in PLACE_WORDS:
                i += n
                break
        else:
            break
    return i


_VIET_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
_FOREIGN_ONSET = re.compile(r"^(?:[bcdfgkpst][lr]|s[cmnpktw]|mn|ps|sch|ts|dz|w|z|f|j)",
                            re.IGNORECASE)
_VIET_CODA = re.compile(r"(?:[aeiouy]|c|ch|m|n|ng|nh|p|t)$", re.IGNORECASE)


def looks_foreign(word: str) -> bool:
    """A name word that cannot be a Vietnamese syllable ("Mnuchin", "Doss", "Steven")."""
    plain = word.rstrip(".").replace("-", "")
    if not plain or set(plain.lower()) & _VIET_LETTERS:
        return False
    low = plain.lower()
    return bool(_FOREIGN_ONSET.match(low) or not _VIET_CODA.search(low)
                or re.search(r"[fjwz]|[^aeiouy]{3}|[aeiouy]{3}|(.)\1", low))


def name_in_run(words: list[str], *, after_role: bool) -> int | None:
    """Index in ``words`` (a run of capitalised words ending the noun phrase) where a
    person's name starts, or None when the run is a place or an organisation."""
    if not words or not all(is_name_word(w) for w in words[-1:]):
        return None
    if _ENGLISH_ORG.intersection(words):
        return None
    n = len(words)
    surname_starts = [i for i, w in enumerate(words) if w in SURNAME_SET and 2 <= n - i <= 4
                      and all(is_name_word(x) for x in words[i:])]
    if surname_starts:
        if surname_starts[0] == 0 or n - surname_starts[0] <= 4 and \
                _strip_places(words[:surname_starts[0]]) == surname_starts[0]:
            start = surname_starts[0]
        else:
            start = next((i for i in surname_starts if n - i == 3), surname_starts[-1])
        prefix = words[:start]
        if prefix and n - start == 2 and is_name_word(prefix[-1]) and \
                prefix[-1] not in NOT_PERSON_WORDS and not _strip_places(prefix[-1:]):
            return None  # "Taxi Hoàng Long": a company named like a person
        if _strip_places(words[start:]) == 0:
            return start
    skip = _strip_places(words)
    rest = words[skip:]
    if not rest or len(rest) > 3 or rest[0] in NOT_PERSON_WORDS or \
            not all(is_name_word(w) for w in rest):
        return None
    if not after_role and skip:
        return None
    return skip


def _appositives(text: str, pos: int, *, closed_only: bool = False) -> tuple[int, str]:
    """Skip appositives after a mention: ``(…)``, ``- … -``, ``, Role …,``.

    Returns the offset after them and the role they give ("" if none).
    """
    role = ""
    for _ in range(3):
        age = re.match(r"\s*,\s*\d{1,3}\s+tuổi\s*(?=,)", text[pos:])
        if age:
            pos += age.end()  # "Aaron Link, 16 tuổi, nói"
            continue
        paren = re.match(r"\s*\(([^()]{1,80})\)", text[pos:])
        if paren:
            inner = paren.group(1).strip()
            if inner[:1].isupper() and len(inner.split()) <= 4 and not role:
                role = f"({inner})"  # "đại biểu X (Hà Nội)": the place qualifies the role
            pos += paren.end()
            continue
        dash = re.match(r"\s+[-–—]\s+([^:“”\"]{2,160}?)\s+[-–—](?=\s)", text[pos:])
        if dash is None and not role:
            # closed by a comma, or open up to the reporting verb that ends the clause
            dash = re.match(r"\s+[-–—]\s+([^:“”\"\-–—,]{2,120}?)(?=,)", text[pos:]) or \
                _OPEN_DASH.match(text[pos:])
        if dash:
            role = role or _clean_role(dash.group(1))
            pos += dash.end()
            continue
        place = re.match(r"\s*,\s*([^,;:“”\"()]{2,30}?)\s*(?=,)", text[pos:])
        if role and place and place.group(1) in PLACE_WORDS:
            pos += place.end()  # "…, chuyên gia của Đại học Ohio, Mỹ, cho biết"
            continue
        comma = re.match(r"\s*,\s*((?:[^,;:“”\"()]|\([^()]{0,60}\)){2,160}?)\s*(?=,|:|$)",
                         text[pos:])
        if comma and closed_only and _VERB_TAIL.search(comma.group(1)):
            break  # "Gọi bà X, chủ tọa hỏi: …": not X's role
        if comma and _is_role_phrase(comma.group(1)):
            more = _clean_role(comma.group(1))
            role = f"{role}, {more}" if role and more else role or more  # chained titles
            pos += comma.end()
            continue
        break
    return pos, role


_ROLE_START = re.compile(rf"(?:(?:nguyên|cựu|một|là|đương kim|hiện là|thành viên)\s+)*"
                         rf"(?:{ROLE_RE}|người|cậu|cô|nhà|thành viên|đại diện|"
                         rf"trưởng|phó|chủ|giám|vợ|chồng|con|cha|mẹ|bố|bạn|em|chị|anh|"
                         rf"cháu|ông|bà|cơ quan|tổ chức|đơn vị|tờ báo|hãng)(?![\w])",
                         re.IGNORECASE)


def _is_role_phrase(text: str) -> bool:
    """An appositive that describes a person ("Giám đốc Công ty X", "học sinh lớp 12")."""
    text = text.strip()
    if not text or text[0] in "“\"" or _HONORIFIC.match(text):
        return False
    return bool(_ROLE_START.match(text))


def _clean_role(role: str) -> str:
    """A role as written, without the verb that may follow it ("… tỉnh Bắc Giang cho biết")."""
    role = re.sub(r"\s+", " ", role).strip(" ,")
    return _VERB_TAIL.sub("", role).strip(" ,")


def parse_mention(text: str, pos: int = 0, *, allow_org: bool = False,
                  clause_start: bool = False, closed_only: bool = False) -> Mention | None:
    """The mention that starts at ``text[pos:]`` (after clause openers), or None.

    ``clause_start``: ``pos`` opens a clause, so a lower-case bare honorific ("…”, ông
    nói") is a pronoun subject.
    """
    opener = _OPENERS.match(text, pos)
    if opener:
        pos = opener.end()
        clause_start = True
    while pos < len(text) and text[pos] == " ":
        pos += 1
    found = _honorific_mention(text, pos, clause_start=clause_start) or _role_mention(text, pos)
    if found is None and allow_org and _SOURCE.match(text, pos):
        found = _org_mention(text, pos)  # "Tờ Rodong Sinmun, …", "Bộ Y tế": not a person
    if found is None and allow_org:
        body = _MEDIA.match(text, pos)
        span = _place_at(text, body.end() if body else pos)
        if span and _VERB_OR_FILLER.match(text, span):
            # "Israel khẳng định …", "truyền hình Israel tuyên bố …"
            found = Mention(text[pos:span], "org", text[pos:span], "", "-", span, span)
    if found is None and allow_org:
        acronym = re.match(r"[A-ZĐ][A-ZĐ&]{1,9}(?=[\s,])", text[pos:])
        if acronym and acronym.group(0) not in PLACE_WORDS and \
                _VERB_OR_FILLER.match(text, pos + acronym.end()):
            end = pos + acronym.end()  # "IRI cho rằng …", "WHO khuyến cáo …"
            found = Mention(acronym.group(0), "org", acronym.group(0), "", "-", end, end)
    if found is None:
        found = _name_mention(text, pos)
    if found is None and allow_org:
        found = _org_mention(text, pos)
    if found is None:
        return None
    end, role = _appositives(text, found.text_end, closed_only=closed_only)
    if found.kind == "org":
        return Mention(found.text, "org", found.name, "", "-", end, found.text_end)
    if found.kind == "role":
        # "Chủ tịch UBND xã X, ông Nguyễn Văn A, …": the role introduces the person (tried
        # before the appositives, which would swallow "…, Trưởng ban Dương Nghiệp Khôi")
        end = found.text_end
        comma = re.match(r"\s*,\s*", text[end:])
        for _ in range(3):
            if not comma:
                break
            at = end + comma.end()
            person = _honorific_mention(text, at) or _role_mention(text, at) or \
                _name_mention(text, at)
            if person is None and _SOURCE.match(text, at):
                # "Trưởng phòng nghiệp vụ, Sở Y tế Nguyễn Văn Nghiệm": the body, then the name
                person = _qualified_name(text, at)
            if person is None:
                break
            if person.kind in ("name", "given"):
                end2, _role2 = _appositives(text, person.text_end)
                return Mention(text[pos:person.text_end], person.kind, person.name,
                               person.role if person.role and not _HONORIFIC.match(text, at)
                               else found.role, person.gender, end2, person.text_end)
            if person.kind != "role":
                break
            end = person.text_end  # "Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh Nghiêm Xuân Hưởng"
            comma = re.match(r"\s*,\s*", text[end:])
        end, role = _appositives(text, found.text_end, closed_only=closed_only)
    if role.startswith("(") and found.role:
        role = f"{found.role} {role}"
    return Mention(found.text, found.kind, found.name, max(found.role, role, key=len),
                   found.gender, end, found.text_end)


_NAMED = re.compile(rf"(?i:(?:một\s+)?(?:người|{HONORIFIC_RE})\s+(?:tên|tên là|có tên)\s+)"
                    rf"(?P<name>{CAP}(?:\s+{CAP}){{0,3}})")


_MEDIA = re.compile(
    r"(?i:truyền hình|báo|tờ|hãng tin|đài|tạp chí|chính phủ|quân đội|ngoại giao)\s+")


def _place_at(text: str, pos: int) -> int:
    """The end of a place name (one of PLACE_WORDS) starting at ``pos``, or 0."""
    words = text[pos:pos + 40].split()
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[:n]).rstrip(",") in PLACE_WORDS:
            return pos + len(" ".join(words[:n]).rstrip(","))
    return 0


def _honorific_mention(text: str, pos: int, *, clause_start: bool = False) -> Mention | None:
    named = _NAMED.match(text, pos)
    if named and all(is_name_word(w) for w in named.group("name").split()):
        gender = HONORIFIC_GENDER.get(text[pos:].split()[0].lower(), "-")
        words = named.group("name").split()
        kind = "name" if words[0] in SURNAME_SET and len(words) >= 2 else "given"
        return Mention(named.group(0), kind, named.group("name"), "", gender, named.end(),
                       named.end())
    match = _HONORIFIC.match(text, pos)
    if not match:
        return None
    role = _ROLE.match(text, pos)
    if role and role.end() > match.end():
        return None  # "Cô giáo Nguyễn Thị A": a role, not "cô" + a pronoun
    gender = HONORIFIC_GENDER.get(match.group(0).lower(), "-")
    tokens = _tokens(text, match.end())
    run = []
    for word, _s, _e in tokens:
        if not is_name_word(word):
            break
        run.append(word)
    if run:
        run = run[:4]
        start = name_in_run(run, after_role=True)
        if start != 0:
            return None
        end = tokens[len(run) - 1][2]
        kind = "name" if run[0] in SURNAME_SET and len(run) >= 2 else "given"
        return Mention(text[pos:end], kind, " ".join(run), "", gender, end, end)
    demonstrative = re.match(r"\s+(?:này|ấy|đó|ta)(?!\w)", text[match.end():])
    if demonstrative and (clause_start or match.group(0)[0].isupper()):
        end = match.end() + demonstrative.end()
        return Mention(text[pos:end], "pronoun", "", "", gender, end, end)
    if not tokens and clause_start and re.match(r"\s*,", text[match.end():]):
        return Mention(match.group(0), "pronoun", "", "", gender, match.end(), match.end())
    if tokens and tokens[0][0].islower() and match.group(0)[0].isupper():
        # a bare "Ông"/"Bà" opening a clause: a pronoun for the person last named
        return Mention(match.group(0), "pronoun", "", "", gender, match.end(), match.end())
    if tokens and tokens[0][0].islower() and (clause_start or
                                              text[:pos].rstrip()[-1:] in (",", "-", "–", "—")):
        return Mention(match.group(0), "pronoun", "", "", gender, match.end(), match.end())
    return None


def _role_mention(text: str, pos: int) -> Mention | None:
    match = _ROLE.match(text, pos)
    if not match:
        return None
    return _qualified_name(text, pos, match.end())


def _qualified_name(text: str, pos: int, role_end: int | None = None) -> Mention | None:
    """A role (``text[pos:role_end]``) or an organisation, its qualifier, and the name that
    ends it, if any."""
    org_only = role_end is None
    role_end = pos if role_end is None else role_end
    match_end = role_end
    tokens = _tokens(text, role_end)
    # the qualifier: capitalised words, and lower-case words that lead to one; the first
    # capitalised run that is a name ends the mention
    last_cap = -1
    gap = 0
    i = 0
    first: Mention | None = None
    stop_at = -1
    while i < len(tokens):
        if not is_cap(tokens[i][0]):
            if _VERB_OR_FILLER.match(text, tokens[i][1] - 1) or \
                    tokens[i][0].lower() in _QUALIFIER_STOP and not (
                        tokens[i][0] == "và" and i + 1 < len(tokens)
                        and is_cap(tokens[i + 1][0])):  # "Bộ Thông tin và Truyền thông"
                stop_at = tokens[i][1]
                break  # the predicate starts: the mention is over
            gap += 1
            if gap > 7:
                break
            i += 1
            continue
        gap = 0
        j = i
        while j + 1 < len(tokens) and is_cap(tokens[j + 1][0]):
            j += 1
        last_cap = j
        found = _name_at(text, pos, tokens, i, j)
        if found is not None and first is not None:
            first = None
        if found is not None:
            if found.kind == "name" or j + 1 >= len(tokens) or \
                    _VERB_OR_FILLER.match(text, tokens[j][2]):
                return found
            first = first or found  # "Thứ trưởng Giao thông …": "Giao" only if nothing better
        elif first is not None:
            first = None  # capitalised words after it: "Mặt trận Tổ quốc" was an organisation
        i = j + 1
    if first is not None:
        return first
    if org_only:
        return None
    if last_cap < 0:
        end = match_end
        if stop_at > end and _words_between(text, end, stop_at) <= 3:
            end = len(text[:stop_at].rstrip())  # "Một cán bộ thủy lợi | cho rằng"
        elif stop_at < 0 and 0 < len(tokens) <= 4 and len(tokens) < 20:
            end = tokens[-1][2]  # "Trưởng phòng nghiệp vụ y, Sở Y tế …": up to the comma
        return Mention(text[pos:end], "role", "", _clean_role(text[pos:end]), "-", end, end)
    end = tokens[last_cap][2]
    if stop_at > end and _words_between(text, end, stop_at) <= 3:
        end = len(text[:stop_at].rstrip())  # "Bí thư Thành ủy | cũng cho biết"
    elif stop_at < 0 and 0 < len(tokens) - 1 - last_cap <= 2 and len(tokens) < 20:
        end = tokens[-1][2]  # "Phó chủ nhiệm Văn phòng Quốc hội, ông …": up to the comma
    return Mention(text[pos:end], "role", "", _clean_role(text[pos:end]), "-", end, end)


def _words_between(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _name_at(text: str, pos: int, tokens: list[tuple[str, int, int]], i: int,
             j: int) -> Mention | None:
    """The name ending a role mention, when the capitalised run tokens[i..j] holds one."""
    run = [w for w, _s, _e in tokens[i:j + 1]]
    start = name_in_run(run, after_role=True)
    if start is None:
        return None
    if i > 0 and run[start] not in SURNAME_SET and start == 0 and \
            (len(run) < 2 or not any(looks_foreign(w) for w in run)) or \
            _SOURCE.match(text, tokens[i][1]) and start == 0:
        return None  # "Chủ tịch HĐQT Taxi Thành Công": an organisation, not a name
    before = text[:tokens[i][1]].lower().split()
    if start == 0 and run[0] not in SURNAME_SET and before and (
            before[-1] in NOT_PERSON_BEFORE or " ".join(before[-2:]) in NOT_PERSON_BEFORE):
        return None
    if j + 1 < len(tokens) and f"{run[-1]} {tokens[j + 1][0]}".lower() in _ORG_PAIRS:
        return None  # "Trưởng phòng Marketing Công ty …": "Công ty", not a name
    end = tokens[j][2]
    name_words = run[start:]
    name_at = tokens[i + start][1]
    role = _clean_role(text[pos:name_at])
    kind = "name" if len(name_words) >= 2 else "given"
    return Mention(text[pos:end], kind, " ".join(name_words), role, "-", end, end)


_DESCRIBED = re.compile(rf"(?i:người|em|cụ|bé|cháu|nam|nữ)(?:\s+[{LOWER}]+){{0,3}}\s+"
                        rf"(?={SURNAME_RE}\s)")


def _name_mention(text: str, pos: int) -> Mention | None:
    described = _DESCRIBED.match(text, pos)
    if described:
        # "Người chị gái Cao Thị Thu Hương": a description, then the full name
        found = _name_mention(text, described.end())
        if found is not None and found.kind == "name":
            return Mention(text[pos:found.text_end], "name", found.name,
                           text[pos:described.end()].strip(), "-", found.end,
                           found.text_end)
    tokens = _tokens(text, pos)
    run = []
    for word, _s, _e in tokens:
        if not is_name_word(word):
            break
        run.append(word)
        if len(run) == 4:
            break
    if not run or run[0] in NOT_PERSON_WORDS or _strip_places(run):
        return None
    end = tokens[len(run) - 1][2]
    if run[0] in SURNAME_SET and len(run) >= 2:
        return Mention(text[pos:end], "name", " ".join(run), "", "-", end, end)
    if len(run) > 3:
        return None
    # a bare name not led by a known surname ("Semenov", "Tóc Tiên"): kept only when the
    # resolver knows it, or when it is two or three words (checked by the caller)
    return Mention(text[pos:end], "bare", " ".join(run), "", "-", end, end)


def _org_mention(text: str, pos: int) -> Mention | None:
    match = _SOURCE_ANYCASE.match(text, pos)
    if not match:
        return None
    verb = _VERB_OR_FILLER.search(text, match.end())
    stop = verb.start() if verb is not None else len(text.rstrip())
    if stop - pos > 120 or any(c in text[pos:stop] for c in ".;:“”\""):
        return None
    comma = text.find(",", pos, stop)
    if comma >= 0:
        stop = comma  # "Tờ X, cơ quan ngôn luận của …": the appositive is parsed after
    org = text[pos:stop].strip(" ,")
    if not match.group(0).isupper() and not any(is_cap(w) for w in org.split()[1:]):
        return None  # "Bộ", "tờ báo" alone name nothing
    if re.search(rf"(?:\s[{LOWER}][^\s]*){{4}}", org) or \
            re.match(r"\S+(?:\s+\S+)?\s+(?:gia|viên|sĩ)(?!\w)", org):
        return None  # "Chiến lược gia đến từ …": a person described, not a body
    return Mention(org, "org", org, "", "-", pos + len(org), pos + len(org))


def org_key(name: str) -> str:
    """One key for the spellings of a document or organisation ("Nghị quyết 04 của Tỉnh ủy"
    and "Nghị quyết số 04/NQ-TU của Tỉnh ủy")."""
    key = fold_diacritics(name).lower()
    key = re.sub(r"\bso\s+(?=\d)", "", key)
    key = re.sub(r"(\d+)(?:/[\w.-]+)+", r"\1", key)
    return " ".join(key.split())


@dataclass(slots=True)
class Person:
    """A person named in an article, where, and with which role and gender."""

    name: str
    role: str
    offset: int
    gender: str = "-"


@dataclass(frozen=True, slots=True)
class Resolution:
    """A speaker mention resolved (or not) to a person or a named source."""

    speaker: str
    role: str


_INTRO = re.compile(rf"(?<![\w])(?:(?i:{HONORIFIC_RE})\s+|(?i:{ROLE_RE})\s+|(?:{SURNAME_RE})\s+"
                    rf"{CAP})")


_HEAD_ROLES = ("chu tich", "bo truong", "giam doc", "bi thu", "thu tuong", "tong thong",
               "cuc truong", "vien truong", "hieu truong", "truong ban", "tong giam doc")


@dataclass
class SpeakerResolver:
    """Resolves mentions within one article to the people named before them."""

    text: str
    people: list[Person] = field(default_factory=list)
    said: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, speaker, gender)
    focus_people: list[Person] | None = None

    def __post_init__(self) -> None:
        self.people = find_people(self.text)

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
        if later is not None and len({p.name for p in self.people
                                      if p.name.endswith(" " + given)}) <= 1:
            return later
        return None

    def gender_of(self, name: str) -> str:
        genders = {p.gender for p in self.people if p.name == name and p.gender != "-"}
        return genders.pop() if len(genders) == 1 else "-"

    def resolve(self, mention: Mention, offset: int) -> Resolution:
        """Who ``mention`` refers to at ``offset``."""
        if mention.kind == "org":
            if mention.name.isupper():
                spelled = self._spelled_out(mention.name)
                if spelled:
                    return Resolution(spelled, "")  # "IRI" → "Viện Cộng hòa Quốc tế"
            return Resolution(mention.name, "")
        if mention.kind == "name":
            fuller = self._fullest(mention.name, offset)
            name = fuller.name if fuller else mention.name
            return Resolution(name, self.role_of(name, offset, given=mention.role))
        if mention.kind in ("given", "bare"):
            fuller = self._fullest(mention.name, offset)
            if fuller is not None:
                return Resolution(fuller.name, self.role_of(fuller.name, offset,
                                                            given=mention.role))
            if mention.kind == "given" or len(mention.name.split()) >= 2:
                exact = [p for p in self.people if p.name == mention.name]
                if exact or mention.kind == "given":
                    return Resolution(mention.name, self.role_of(mention.name, offset,
                                                                 given=mention.role))
            return Resolution("", "")
        if mention.kind == "pronoun":
            return self._focus(offset, mention.gender)
        if mention.kind == "role":
            want = fold_diacritics(mention.role or mention.text).lower()
            want = re.sub(r"^(?:vi|nguyen|cuu)\s+", "", want)
            if want.startswith("nguoi dung dau"):
                # "người đứng đầu chính quyền": the head of a body last quoted, else named
                for at, speaker, _g in reversed(self.said):
                    if at < offset and speaker and fold_diacritics(
                            self.role_of(speaker, offset)).lower().startswith(_HEAD_ROLES):
                        return Resolution(speaker, self.role_of(speaker, offset))
                for person in reversed(self._before(offset)):
                    if fold_diacritics(person.role).lower().startswith(_HEAD_ROLES):
                        return Resolution(person.name, self.role_of(person.name, offset))
                return Resolution("", "")
            body = re.match(r"(?i:đại diện|lãnh đạo|người phát ngôn|phát ngôn viên)\s+",
                            mention.role or mention.text)
            if body and _SOURCE.match(mention.role or mention.text, body.end()):
                org = (mention.role or mention.text)[body.end():]
                if any(is_cap(w) for w in org.split()[1:]):
                    return Resolution(org, "")  # "đại diện Sở GTVT Hà Nội": the Sở speaks
            want_words = re.findall(r"\w+", want)
            matching = []
            for person in reversed(self._before(offset)):
                role_words = re.findall(r"\w+", fold_diacritics(person.role).lower())
                if role_words and (role_words[:len(want_words)] == want_words or (
                        len(role_words) >= 3 and want_words[:len(role_words)] == role_words)):
                    matching.append(person)
            # a bare title ("Bị cáo", "Bộ trưởng") names someone only when one person holds
            # it; a qualified one ("Giám đốc Sở Nội vụ") means the last person introduced so
            if matching and (len(want_words) >= 3 or len({p.name for p in matching}) == 1):
                return Resolution(matching[0].name, self.role_of(matching[0].name, offset))
            if not matching:
                # introduced later ("“…”, tổng thống nói. … Tổng thống X hứa …"): only the
                # one person who ever holds the title in the article
                later = {p.name for p in self.people if re.findall(
                    r"\w+", fold_diacritics(p.role).lower())[:len(want_words)] == want_words}
                if len(later) == 1 and len(want_words) >= 2:
                    name = later.pop()
                    return Resolution(name, self.role_of(name, offset))
            # "Bộ trưởng Bộ GD-ĐT" for the only minister named before ("Bộ trưởng X")
            holders = {p.name for p in self._before(offset)
                       if re.findall(r"\w+", fold_diacritics(p.role).lower())[:2]
                       == want_words[:2]}
            def fits(person: Person) -> bool:
                have = re.findall(r"\w+", fold_diacritics(person.role).lower())
                # no qualifier to conflict with, or the mention's qualifier is in the role
                return have == want_words[:2] or set(want_words[2:]) <= set(have)

            short = [p for p in self._before(offset) if p.name in holders and fits(p)]
            if len(holders) == 1 and short and len(want_words) >= 2:
                return Resolution(short[-1].name, self.role_of(short[-1].name, offset))
            return Resolution("", "")
        return Resolution("", "")

    def _spelled_out(self, acronym: str) -> str:
        """The name an acronym stands for, when the article writes "Name (ACRONYM)"."""
        at = self.text.find(f"({acronym})")
        if at <= 0:
            return ""
        words = re.split(r"[,.;:“”\"()]", self.text[max(0, at - 120):at])[-1].split()[-8:]
        for i, word in enumerate(words):
            if _SOURCE.match(word) or (is_cap(word) and i + 1 < len(words)
                                       and is_cap(words[i + 1])):
                name = " ".join(words[i:])
                return name if len(words) - i >= 2 else ""
        return ""

    def skip_inside(self, ranges: list[tuple[int, int]]) -> None:
        """Names said inside quotes are not whom a later bare "ông" refers to."""
        self.focus_people = [p for p in self.people
                             if not any(a <= p.offset < b for a, b in ranges)]

    def _focus(self, offset: int, gender: str) -> Resolution:
        """The person a bare honorific refers to: the last one named or quoted before
        (nobody when the last attribution before it was left unresolved)."""
        best: tuple[int, str] | None = None
        people = self.focus_people if self.focus_people is not None else self.people
        for person in (p for p in people if p.offset <= offset):
            if gender != "-" and person.gender not in ("-", gender):
                continue
            if gender == "f" and self.gender_of(person.name) != "f":
                continue  # women are introduced as "bà", "chị"; a role alone is no evidence
            if best is None or person.offset >= best[0]:
                best = (person.offset, person.name)
        for at, speaker, g in self.said:
            known = g if g != "-" else self.gender_of(speaker)
            if at < offset and (not speaker or gender == "-" or known == gender
                                or gender == "m" and known == "-") and \
                    (best is None or at >= best[0]):
                best = (at, speaker)
        if best is None or not best[1]:
            return Resolution("", "")
        name = best[1]
        if gender != "-" and self.gender_of(name) not in ("-", gender):
            return Resolution("", "")
        return Resolution(name, self.role_of(name, offset))


def find_people(text: str) -> list[Person]:
    """Every person named in ``text`` (full names, foreign names after a role or an
    honorific, honorific + given name resolved to an earlier full name), in text order."""
    people: list[Person] = []
    covered = 0
    for match in _INTRO.finditer(text):
        start = match.start()
        if start < covered:
            continue
        mention = parse_mention(text, start, closed_only=True)
        if mention is None or mention.kind not in ("name", "given"):
            continue
        if mention.kind == "given" and not _HONORIFIC.match(text, start) and \
                not _ROLE.match(text, start):
            continue
        covered = mention.text_end
        name_at = text.find(mention.name, start)
        before = text[max(0, name_at - 30):name_at].lower().split()
        if mention.text == mention.name and before and (
                before[-1] in NOT_PERSON_BEFORE or " ".join(before[-2:]) in NOT_PERSON_BEFORE):
            continue  # "đường Nguyễn Văn Trỗi", "trường Lê Quý Đôn"
        name = mention.name
        if mention.kind == "given":
            full = _fuller(people, name)
            if full is not None:
                name = full.name
        people.append(Person(name, mention.role, start, mention.gender))
    # "Theo Vladimir Semenov, Phó giám đốc …": a capitalised pair with a role appositive
    for match in re.finditer(rf"(?<![\w])({CAP}(?:\s+{CAP}){{1,3}})\s*,\s*(?=\w)", text):
        if not _is_role_phrase(text[match.end():match.end() + 80]):
            continue
        words = match.group(1).split()
        if words[0] in ("Theo", "Với", "Còn", "Ông", "Bà") and len(words) >= 3:
            words = words[1:]  # "Theo Wade Davis, một chuyên gia …"
        if words[0] in NOT_PERSON_WORDS or not all(is_name_word(w) for w in words) or \
                _strip_places(words) or _ENGLISH_ORG.intersection(words):
            continue
        if any(p.offset <= match.start(1) < p.offset + 40 and p.name.endswith(words[-1])
               for p in people):
            continue
        _end, role = _appositives(text, match.end(1))
        people.append(Person(" ".join(words), role, match.start(1)))
    # "đưa Viktor Yushchenko lên": two or three words no Vietnamese name is made of
    for match in _FOREIGN_RUN.finditer(text):
        words = match.group(0).split()
        while words and (words[0] in NOT_PERSON_WORDS or words[0] in _NEVER_NAME):
            words = words[1:]  # "Theo Wade Davis"
        skip = _strip_places(words)
        words = words[skip:]
        if len(words) < 2 or any(w.endswith("'") or len(w.strip("'.")) < 1 for w in words):
            continue
        if _ENGLISH_ORG.intersection(words) or not looks_foreign(words[-1]) or \
                any(w in NOT_PERSON_WORDS or not is_name_word(w) for w in words):
            continue  # "Pete McAndrew", "Russell T. Vought"; not "Bộ Y"
        if not any(p.offset <= match.start() < p.offset + 60 and p.name.endswith(words[-1])
                   for p in people):
            people.append(Person(" ".join(words), "", match.start()))
    people.sort(key=lambda p: p.offset)
    # a given name registered before its full form was found ("Tổng thống Yushchenko" and
    # "Viktor Yushchenko"): the full form, when one person in the article has it
    for person in people:
        if len(person.name.split()) == 1:
            fuller = {p.name for p in people if len(p.name.split()) > 1
                      and p.name.split()[-1] == person.name}
            if len(fuller) == 1:
                person.name = fuller.pop()
    return people


_FOREIGN_RUN = re.compile(  # capitalised words; a period only after an initial ("T.")
    rf"(?<![\w'])(?:[{UPPER}]\.|[{UPPER}][\w'-]+)(?:\s+(?:[{UPPER}]\.|[{UPPER}][\w'-]+)){{1,4}}"
    rf"(?![\w'])")


def _fuller(people: list[Person], given: str) -> Person | None:
    """The last person whose full name ends with ``given`` ("Hùng" → "Nguyễn Văn Hùng"),
    else, for a foreign name, starts with it ("Martin" → "Martin Rama")."""
    want = fold_diacritics(given).lower().split()
    n = len(want)
    for person in reversed(people):
        have = fold_diacritics(person.name).lower().split()
        if len(have) > n and have[-n:] == want:
            return person
    starts = {p.name for p in people
              if len(p.name.split()) > n and fold_diacritics(p.name).lower().split()[:n] == want}
    if len(starts) == 1:
        name = starts.pop()
        return next(p for p in people if p.name == name)
    return None


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
