"""Speaker mentions: a small grammar of Vietnamese person and source noun phrases.

A mention is parsed at the start of a clause: ``[ông|bà …] Full Name``, ``Role … Name``
(``Giám đốc Sở Tư pháp Hà Nội Lê Văn Hưng`` → name ``Lê Văn Hưng``, role ``Giám đốc Sở Tư
pháp Hà Nội``: places and organisation heads never enter a name), ``honorific + given name``
(``ông Hùng``), a bare role (``Bộ trưởng``), a bare honorific (``Ông``), a known name alone
(``Semenov``), or an organisation or document (``Bộ Y tế``), followed by appositives
(``, Giám đốc X,`` / ``- cán bộ … -`` / ``(…)``). ``speakers.py`` resolves mentions to people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vntransform.quotes.cues import (
    CLAUSE_OPENERS,
    ENGLISH_ORG_WORDS,
    HONORIFIC_GENDER,
    NOT_PERSON_WORDS,
    PERSON_ROLES,
    PLACE_WORDS,
    REPORTING_VERBS,
    ROLE_WORDS,
    SOURCE_WORDS,
    SPEAKER_FILLERS,
    SURNAMES,
    before_a_non_person,
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
# "cho VnExpress biết", "cho phóng viên biết": the listener between "cho" and "biết"
VERB_RE = _longest_first(REPORTING_VERBS) + r"|cho\s+(?:[^\s,.;:“”\"]+\s+){1,3}?biết"
# a time between the subject and its verb ("Chủ tịch X ngày 7/6 nói", "… chiều qua cho biết")
TIME_RE = (
    r"(?:hôm|ngày|sáng|chiều|tối|trưa|đêm)\s+(?:\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?|qua|"
    r"nay)(?!\w)"
)
_TRAILING_TIME = re.compile(rf"\s+{TIME_RE}$")
# an age between a name and its verb ("cậu bé X 14 tuổi nói")
FILLER_RE = _longest_first(SPEAKER_FILLERS) + "|" + TIME_RE + r"|\d{1,3}\s+tuổi(?!\w)"
_ENGLISH_ORG = ENGLISH_ORG_WORDS | frozenset(
    {
        "Times",
        "Post",
        "Agency",
        "Journal",
        "Street",
        "Club",
        "United",
        "City",
        "Airlines",
        "Airways",
        "Google",
        "Facebook",
        "Apple",
        "Samsung",
        "Microsoft",
        "International",
    }
)
_WORD = re.compile(r"\S+")
_OPENERS = re.compile(rf"(?:(?:{_longest_first(CLAUSE_OPENERS)})(?!\w),?\s+)+", re.IGNORECASE)
_HONORIFIC = re.compile(rf"(?:{HONORIFIC_RE})(?!\w)", re.IGNORECASE)
_ROLE = re.compile(
    rf"(?:vị\s+|nguyên\s+|cựu\s+|một\s+|các\s+|nhiều\s+|quyền\s+)?(?:{ROLE_RE})(?![\w.])",
    re.IGNORECASE,
)
_SOURCE = re.compile(rf"(?:{SOURCE_RE})(?!\w)")
_SOURCE_ANYCASE = re.compile(rf"(?:{SOURCE_RE})(?!\w)", re.IGNORECASE)
_VERB_OR_FILLER = re.compile(rf"\s+(?:(?:{FILLER_RE})\s+)*(?:{VERB_RE})(?!\w)")
_VERB_TAIL = re.compile(rf"\s+(?:(?:{FILLER_RE})\s+)*(?:{VERB_RE})(?!\w).*$")
_STOP = set(',.;:!?“”"«»')
_FILLER_TAIL = re.compile(rf"(?:\s+(?:{FILLER_RE}))+$")
# "Ông X - Phó chủ tịch phụ trách tài chính trả lời" (the clause ends at the colon)
_OPEN_DASH = re.compile(
    rf"\s+[-–—]\s+([^:“”\"\-–—,]{{2,120}}?)(?=\s+(?:(?:{FILLER_RE})\s+)*"
    rf"(?:{VERB_RE})\s*$)"
)
# words that end a role's qualifier: "Chủ tọa gọi Dương Quốc Hà" is not the role of Hà
_QUALIFIER_STOP = frozenset(
    {
        "và",
        "với",
        "cùng",
        "cho",
        "gọi",
        "hỏi",
        "gặp",
        "tiếp",
        "thăm",
        "quay",
        "sang",
        "đến",
        "tới",
        "vào",
        "ra",
        "lên",
        "xuống",
        "trao",
        "tặng",
        "mời",
        "nhờ",
        "giao",
        "bảo",
        "nhắc",
        "khen",
        "là",
        "thì",
        "mà",
        "nhưng",
        "hay",
        "hoặc",
        "về",
        "để",
        "khi",
        "đã",
        "đang",
        "sẽ",
        "truy",
        "nhìn",
        "yêu",
        "đề",
        "phê",
        "chất",
        "chỉ",
        "còn",
        "vẫn",
        "lại",
        "được",
        "bị",
    }
)
_ORG_PAIRS = frozenset(w.lower() for w in SOURCE_WORDS if " " in w) | {
    "công ty",
    "tập đoàn",
    "ngân hàng",
    "bệnh viện",
    "tổng công",
    "hiệp hội",
    "liên đoàn",
    "học viện",
    "đại học",
    "hội đồng",
    "ủy ban",
    "uỷ ban",
    "văn phòng",
    "trung tâm",
    "quốc hội",
}


def is_cap(token: str) -> bool:
    """A capitalised word ("Hùng", "GD-ĐT", "Jean-Pierre"), not punctuation."""
    return bool(token) and (token[0].isupper() or bool(_PARTICLE_NAME.fullmatch(token)))


# capitalised function words that open a phrase, never part of a name ("… Dũng Trong …")
_NEVER_NAME = frozenset(
    {
        "Tại",
        "Trong",
        "Theo",
        "Cho",
        "Về",
        "Với",
        "Khi",
        "Sau",
        "Trước",
        "Nhưng",
        "Và",
        "Để",
        "Nếu",
        "Do",
        "Vì",
        "Ngày",
        "Hôm",
        "Tuy",
        "Còn",
        "Cũng",
        "Các",
        "Những",
        "Một",
        "Ông",
        "Bà",
        "Chị",
        "Đây",
        "Đó",
        "Này",
        "Tháng",
        "Chiều",
        "Tối",
        "Trưa",
        "Đêm",
        "Thì",
        "Là",
        "Rằng",
        "Nói",
        "Nhiều",
        "Ngoài",
        "Bên",
        "Hiện",
        "Tôi",
        "Chúng",
        "Họ",
        "Em",
        "Mình",
        "Ai",
        "Gì",
        "Sự",
        "Việc",
        "Điều",
        "Cuộc",
        "Phải",
        "Dù",
        "Mặc",
        "Bởi",
        "Vậy",
        "Hoặc",
        "Rồi",
        "Giờ",
        "Lúc",
        "Phía",
        "Trận",
        "Mùa",
        "Chuyến",
        "Lần",
        "Vòng",
    }
)


# lower-case particles inside foreign names ("Mark van Bommel", "Jawad al-Anani")
NAME_PARTICLES = frozenset(
    {"van", "von", "der", "den", "ter", "de", "della", "dos", "bin", "ibn", "al", "el", "da"}
)
_PARTICLE_NAME = re.compile(r"(?:al|el|ad|as|an|ar|at|az|bin|ibn|abu|ben)-[A-Z][a-z'-]+")


def _run_of(tokens: list[tuple[str, int, int]], limit: int = 0) -> tuple[list[str], int]:
    """The name words opening ``tokens`` (a particle joins the word after it: "van Bommel")
    and the index of the last token used (-1 when none); at most ``limit`` words if set."""
    run: list[str] = []
    last = -1
    i = 0
    while i < len(tokens) and (not limit or len(run) < limit):
        word = tokens[i][0]
        if run and _role_opens(tokens, i):
            break  # "ông Đoàn Duy Hoạch Phó tổng giám đốc …": the role ends the name
        if is_name_word(word):
            run.append(word)
            last = i
            i += 1
        elif (
            word in NAME_PARTICLES
            and i + 1 < len(tokens)
            and is_name_word(tokens[i + 1][0])
            and looks_foreign(tokens[i + 1][0])
        ):
            run.append(f"{word} {tokens[i + 1][0]}")
            last = i + 1
            i += 2
        else:
            break
    return run, last


def _role_opens(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """Do the tokens from ``i`` open a role written with a lower-case word in it ("Phó
    tổng giám đốc", "Giám đốc", "Chủ tịch"): no name runs on into it."""
    words = [t[0] for t in tokens[i : i + 4]]
    if (
        len(words) < 2
        or not words[1][:1].islower()
        and not (len(words) > 2 and words[2][:1].islower())
    ):
        return False
    match = _ROLE.match(" ".join(words))
    if match is None or match.group(0).count(" ") < 1:
        return False
    return any(w[:1].islower() for w in match.group(0).split()[1:])


_REGNAL = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "XVI"})


def is_name_word(token: str) -> bool:
    """A word that can be part of a person's name: capitalised, then lower case, or an
    initial ("N.")."""
    if _PARTICLE_NAME.fullmatch(token):
        return True  # "al-Anani", "el-Baradei", "bin-Laden"
    if " " in token:
        particle, _sp, rest = token.partition(" ")
        return particle in NAME_PARTICLES and is_name_word(rest)  # "van Bommel" (one run item)
    if not token or not token[0].isupper() or token in _NEVER_NAME:
        return False
    if len(token) == 2 and token[1] == ".":
        return True
    if token in _REGNAL:
        return True  # "John Paul II", "Charles III" (a run opening with one is no name)
    rest = token[1:].replace("-", "").replace("'", "")
    if re.fullmatch(r"(?:Mc|Mac|O'|D'|Di|De|La|Le)[A-Z][a-z]+", token):
        return True  # "McConnell", "O'Reilly", "DiCaprio"
    return (
        rest == ""
        or rest.islower()
        or all(p[:1].isupper() and p[1:].islower() for p in token.split("-") if p)
    )


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
    # a given name that is also an organisation word ("ông Thành"): taken only when the
    # article names its full form, never kept alone
    needs_full: bool = False


def _tokens(text: str, start: int) -> list[tuple[str, int, int]]:
    """Words from ``start`` up to the first punctuation that ends a noun phrase."""
    out: list[tuple[str, int, int]] = []
    in_paren = False
    joined_to = -1
    for match in _WORD.finditer(text, start):
        if match.start() < joined_to:
            continue
        word = match.group(0)
        if (
            word == "-"
            and out
            and not in_paren
            and is_cap(out[-1][0])
            and out[-1][2] == match.start() - 1
        ):
            syllable = _SPLIT_SYLLABLE.match(text, match.start())
            if syllable:
                # "Chu Che - min", "Kim Jong - un": a hyphenated foreign given name that
                # tokenisation spaced out is one name word ("Che-min")
                out[-1] = (f"{out[-1][0]}-{syllable.group(1)}", out[-1][1], syllable.end())
                joined_to = syllable.end()
                continue
        if out and "\n" in text[out[-1][2] : match.start()]:
            break  # a noun phrase never runs over a line (a title into the text)
        if in_paren or word.startswith("("):
            # "Ngân hàng Á Châu (ACB) Phạm Văn Thiệt": a parenthesis inside the qualifier
            in_paren = not word.rstrip(",.;:").endswith(")")
            if len(out) >= 20 or not out or not in_paren and not word.endswith(")"):
                break  # "(SBD 218):" ends the phrase
            continue
        if (
            word == "-"
            and any(t[0] in _ORG_HEADS for t in out[-3:])
            and re.match(r"-\s\w", text[match.start() : match.start() + 3])
            and not _is_role_phrase(text[match.end() : match.end() + 60])
            and not _HONORIFIC.match(text, match.end() + 1)
        ):
            continue  # "Bộ Lao động - Thương binh và Xã hội": one name
        if word[0] in _STOP or word in ("-", "–", "—"):
            break
        trail = len(word) - len(word.rstrip(',.;:!?)“”"»'))
        if trail and not re.fullmatch(r"(?:TP|Tp|TS|GS|PGS|ThS|BS|Mr|Ms|Mrs|St|[A-ZĐ])\.", word):
            if word.rstrip(',.;:!?)“”"»'):
                out.append((word.rstrip(',.;:!?)“”"»'), match.start(), match.end() - trail))
            break
        out.append((word, match.start(), match.end()))
        if len(out) >= 20:
            break
    return out


# the lower-case second half of a hyphenated foreign given name ("- min", "- un"): a short
# syllable without Vietnamese marks that no Vietnamese appositive opens with
_SPLIT_SYLLABLE = re.compile(
    r"-\s(?!(?:con|anh|em|chi|cha|ban|cho|la|va|tai|khi|nay|gia|me|bo|ong|ba|co|cu|chu|"
    r"sinh|tu|thu|nhu|vi|ca|hai|ba|bay|tam|chin|sau|tam|nam|do|di|den|ra|vao|xa)(?![\w-]))"
    r"([a-z]{1,5})(?![\w-])"
)


def _strip_places(words: list[str]) -> int:
    """How many leading words of a capitalised run are place names."""
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            if i + n <= len(words) and " ".join(words[i : i + n]) in PLACE_WORDS:
                i += n
                break
        else:
            break
    return i


_VIET_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
_FOREIGN_ONSET = re.compile(
    r"^(?:[bcdfgkpst][lr]|s[cmnpktw]|mn|ps|sch|ts|dz|w|z|f|j)", re.IGNORECASE
)
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_VIET_CODA = re.compile(r"(?:[aeiouy]|c|ch|m|n|ng|nh|p|t)$", re.IGNORECASE)


def looks_foreign(word: str) -> bool:
    """A name word that cannot be a Vietnamese syllable ("Mnuchin", "Doss", "Steven")."""
    plain = word.rstrip(".").replace("-", "")
    if not plain or set(plain.lower()) & _VIET_LETTERS:
        return False
    low = plain.lower()
    # a Vietnamese syllable has one vowel group: "Abu", "Ibrahim", "Maradona" have more
    return bool(
        len(_VOWEL_GROUP.findall(low)) >= 2
        or _FOREIGN_ONSET.match(low)
        or not _VIET_CODA.search(low)
        or re.search(r"[fjwz]|[^aeiouy]{3}|[aeiouy]{3}|(.)\1", low)
    )


def name_in_run(words: list[str], *, after_role: bool) -> int | None:
    """Index in ``words`` (a run of capitalised words ending the noun phrase) where a
    person's name starts, or None when the run is a place or an organisation."""
    if not words or not all(is_name_word(w) for w in words[-1:]) or words[0] in _REGNAL:
        return None
    if _ENGLISH_ORG.intersection(words):
        return None
    n = len(words)
    surname_starts = [
        i
        for i, w in enumerate(words)
        if w in SURNAME_SET and 2 <= n - i <= 4 and all(is_name_word(x) for x in words[i:])
    ]
    if surname_starts:
        if (
            surname_starts[0] == 0
            or n - surname_starts[0] <= 4
            and _strip_places(words[: surname_starts[0]]) == surname_starts[0]
        ):
            start = surname_starts[0]
        else:
            start = next((i for i in surname_starts if n - i == 3), surname_starts[-1])
        prefix = words[:start]
        if (
            prefix
            and n - start == 2
            and is_name_word(prefix[-1])
            and prefix[-1] not in NOT_PERSON_WORDS
            and not _strip_places(prefix[-1:])
        ):
            return None  # "Taxi Hoàng Long": a company named like a person
        if _strip_places(words[start:]) == 0:
            return start
    skip = _strip_places(words)
    if n - skip >= 3 and re.match(r"(?:Al|El)-[A-Z]", words[skip]):
        skip += 1  # "Al-Qaeda Saud al-Sarhan": a body named with the article, then a name
    rest = words[skip:]
    if (
        after_role
        and n >= 3
        and all(is_name_word(w) for w in words[-2:])
        and any(looks_foreign(w) for w in words[-2:])
        and not (set(words[-2:]) & NOT_PERSON_WORDS)
        and (len(rest) > 3 or not all(is_name_word(w) for w in rest))
    ):
        # "Giáo sư ĐH Algiers Mahmoud Belhimeur": a body or a place, then a foreign name
        return n - 2
    if (
        not rest
        or len(rest) > 3
        or rest[0] in NOT_PERSON_WORDS
        or not all(is_name_word(w) for w in rest)
    ):
        return None
    if not after_role and skip:
        return None
    if (
        after_role
        and skip == 1
        and n == 2
        and words[0] in PLACE_WORDS
        and not looks_foreign(words[1])
        and words[1] not in NOT_PERSON_WORDS
    ):
        # "Ca sĩ Mỹ Dung", "ca sĩ Mỹ Tâm": a foreign official after a country has a foreign
        # name ("Tổng thống Mỹ Obama"); a lone Vietnamese syllable after one is the second
        # half of a two-word name
        return 0
    return skip


def _appositives(text: str, pos: int, *, closed_only: bool = False) -> tuple[int, str]:
    """Skip appositives after a mention: ``(…)``, ``- … -``, ``, Role …,``.

    Returns the offset after them and the role they give ("" if none).
    """
    role = ""
    bare = _BARE_ROLE.match(text, pos, min(len(text), pos + 200))
    before = text[max(0, pos - 20) : pos].split()
    if bare and before and not _HONORIFIC.fullmatch(before[-1]):
        holder = parse_mention(bare.group(1), 0, clause_start=True)
        if holder is not None and holder.kind == "name":
            bare = None  # "Ảnh: Straits Times Đại sứ Singapore Stanley Loh viết": Loh's
    else:
        bare = None  # "Ông chủ tịch xã cho biết": a word of address, not a name
    if bare:
        # "ông X Phó tổng giám đốc Tổng công ty Y cho biết": a listed title right after the
        # name, with no comma or dash, up to the reporting verb that ends the clause
        return bare.end(1), _clean_role(bare.group(1))
    for _ in range(3):
        rest = text[pos : pos + 1200]  # a window: slicing the rest of the article is slow
        age = re.match(r"\s*,\s*\d{1,3}\s+tuổi\s*(?=,)", rest)
        if age:
            pos += age.end()  # "Aaron Link, 16 tuổi, nói"
            continue
        paren = re.match(r"\s*\(([^()]{1,80})\)", rest)
        if paren:
            inner = paren.group(1).strip()
            if inner[:1].isupper() and len(inner.split()) <= 4 and not role:
                role = f"({inner})"  # "đại biểu X (Hà Nội)": the place qualifies the role
            pos += paren.end()
            continue
        # the closing dash is the one a lower-case predicate follows ("ông X - trưởng phòng
        # Sở VH - TT & DL Hà Giang - cho biết"), else the first
        dash = re.match(r"\s+[-–—]\s+([^:“”\"]{2,160}?)\s+[-–—](?=\s+[a-zà-ỹđ])", rest) or re.match(
            r"\s+[-–—]\s+([^:“”\"]{2,160}?)\s+[-–—](?=\s)", rest
        )
        if dash is None and not role:
            # closed by a comma, or open up to the reporting verb that ends the clause
            dash = re.match(r"\s+[-–—]\s+([^:“”\"\-–—,]{2,120}?)(?=,)", rest) or _OPEN_DASH.match(
                rest
            )
        if dash:
            role = role or _clean_role(dash.group(1))
            pos += dash.end()
            continue
        place = re.match(r"\s*,\s*([^,;:“”\"()]{2,30}?)\s*(?=,)", rest)
        if role and place and place.group(1) in PLACE_WORDS:
            pos += place.end()  # "…, chuyên gia của Đại học Ohio, Mỹ, cho biết"
            continue
        comma = re.match(r"\s*,\s*((?:[^,;:“”\"()]|\([^()]{0,60}\)){2,160}?)\s*(?=,|:|$)", rest)
        if (
            comma
            and comma.group(1).rstrip()[-1:] in ".!?…"
            and _PREDICATE_WORD.search(comma.group(1))
            and not _VERB_TAIL.search(comma.group(1))
        ):
            # "Theo ông X, sinh viên không thể …": a clause running to the sentence's end
            # (a modal or tense word in it) is what X says, not an appositive
            break
        if comma and closed_only and _VERB_TAIL.search(comma.group(1)):
            break  # "Gọi bà X, chủ tọa hỏi: …": not X's role
        if comma and _is_role_phrase(comma.group(1)):
            more = _clean_role(comma.group(1))
            role = f"{role}, {more}" if role and more else role or more  # chained titles
            verb = _VERB_TAIL.search(comma.group(1))
            if verb is not None and not closed_only:
                # "X, đại diện của WHO cho biết, “…”": the appositive ends at the verb
                pos += comma.start(1) + verb.start()
                break
            pos += comma.end()
            continue
        break
    return pos, role


_BARE_ROLE = re.compile(
    rf"\s+((?i:{ROLE_RE})(?!\w)[^,.;:“”\"()\-–—]{{0,100}}?)"
    rf"(?=\s+(?:(?:{FILLER_RE})\s+)*(?:{VERB_RE})(?!\w))"
)
# words that mark a predicate ("không thể", "sẽ", "đã"): a role phrase has none
_PREDICATE_WORD = re.compile(
    r"(?<!\w)(?:sẽ|đã|đang|cần|phải|không|chưa|vẫn|nên|có thể|chỉ|cũng)(?!\w)"
)


_ROLE_START = re.compile(
    rf"(?:(?:nguyên|cựu|một|là|đương kim|hiện là|thành viên)\s+)*"
    rf"(?:{ROLE_RE}|người|cậu|cô|nhà|thành viên|đại diện|"
    rf"trưởng|phó|chủ|giám|vợ|chồng|con|cha|mẹ|bố|bạn|em|chị|anh|"
    rf"cháu|ông|bà|cơ quan|tổ chức|đơn vị|tờ báo|hãng)(?![\w])",
    re.IGNORECASE,
)


def _is_role_phrase(text: str) -> bool:
    """An appositive that describes a person ("Giám đốc Công ty X", "học sinh lớp 12")."""
    text = text.strip()
    if not text or text[0] in '“"' or _HONORIFIC.match(text):
        return False
    return bool(_ROLE_START.match(text)) and not _THING_NOUN.match(text)


# "nhà máy", "nhà nước", "chủ trương": words that open a role phrase but name a thing
_THING_NOUN = re.compile(
    r"(?i:nhà (?:máy|nước|ở|hàng|xưởng|trường|cửa|đất|kho|ga|thờ|mạng)|"
    r"chủ (?:trương|đề|yếu|động|quyền|nghĩa|nhật)|con (?:số|đường|tàu))"
    r"(?!\w)"
)


def _clean_role(role: str) -> str:
    """A role as written, without the verb that may follow it ("… tỉnh Bắc Giang cho biết")."""
    role = re.sub(r"\s+", " ", role).strip(" ,")
    # and without the aspect words that lead to it ("lãnh đạo Bộ GTVT đã | yêu cầu")
    return _FILLER_TAIL.sub("", _VERB_TAIL.sub("", role)).strip(" ,")


def parse_mention(
    text: str,
    pos: int = 0,
    *,
    allow_org: bool = False,
    clause_start: bool = False,
    closed_only: bool = False,
) -> Mention | None:
    """The mention that starts at ``text[pos:]`` (after clause openers), or None.

    ``clause_start``: ``pos`` opens a clause, so a lower-case bare honorific ("…”, ông
    nói") is a pronoun subject.
    """
    opener = _OPENERS.match(text, pos)
    if opener and re.search(r"(?i:cũng như)\W*$", opener.group(0)):
        return None  # "Cũng như X, anh …": X is compared with, not speaking
    if opener:
        pos = opener.end()
        clause_start = True
    while pos < len(text) and text[pos] == " ":
        pos += 1
    found = _named_person(text, pos)
    if found is None:
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
        media = _MEDIA_NAME.match(text, pos)
        if media and not _strip_places(media.group("name").split()):
            # "tờ Daily Mail viết", "nhật báo thể thao La Gazzetta Dello Sport, viết": the
            # paper speaks, by its name
            end = media.end("name")
            found = Mention(media.group("name"), "org", media.group("name"), "", "-", end, end)
    if found is None and allow_org:
        acronym = re.match(r"[A-ZĐ][A-ZĐ&]{1,9}(?=[\s,])", text[pos : pos + 1200])
        if (
            acronym
            and acronym.group(0) not in PLACE_WORDS
            and acronym.group(0) not in _COMPANY_TYPES
            and _VERB_OR_FILLER.match(text, pos + acronym.end())
        ):
            end = pos + acronym.end()  # "IRI cho rằng …", "WHO khuyến cáo …"
            found = Mention(acronym.group(0), "org", acronym.group(0), "", "-", end, end)
    if found is None:
        found = _name_mention(text, pos)
    if found is None and allow_org:
        found = _org_mention(text, pos)
    if found is None:
        return None
    if (
        found.kind in ("given", "name")
        and found.role
        and re.match(r"(?i:một)\s", found.text)
        and found.name.split()[0] not in SURNAME_SET
    ):
        # "Một doanh nhân Kuwait", "một cán bộ marketing Dutch Lady": an indefinite role,
        # then a place, a people or a company, no name
        found = Mention(found.text, "role", "", found.text, "-", found.end, found.text_end)
    end, role = _appositives(text, found.text_end, closed_only=closed_only)
    if found.kind == "org":
        # "Bộ Ngoại giao Mỹ ngày 9-7 cho biết": the date is no part of the name
        name = _TRAILING_TIME.sub("", found.name) or found.name
        name = _FILLER_TAIL.sub("", name) or name  # "Bộ VHTT sẽ | quy định"
        return Mention(found.text, "org", name, "", "-", end, found.text_end)
    if found.kind == "role":
        # "Chủ tịch UBND xã X, ông Nguyễn Văn A, …": the role introduces the person (tried
        # before the appositives, which would swallow "…, Trưởng ban Dương Nghiệp Khôi")
        end = found.text_end
        comma = re.match(r"\s*,\s*", text[end : end + 1200])
        for _ in range(3):
            if not comma:
                break
            at = end + comma.end()
            person = (
                _honorific_mention(text, at) or _role_mention(text, at) or _name_mention(text, at)
            )
            if person is None and _SOURCE.match(text, at):
                # "Trưởng phòng nghiệp vụ, Sở Y tế Nguyễn Văn Nghiệm": the body, then the name
                person = _qualified_name(text, at)
            if person is None:
                break
            if person.kind in ("name", "given"):
                end2, _role2 = _appositives(text, person.text_end)
                return Mention(
                    text[pos : person.text_end],
                    person.kind,
                    person.name,
                    person.role if person.role and not _HONORIFIC.match(text, at) else found.role,
                    person.gender,
                    end2,
                    person.text_end,
                )
            if person.kind != "role":
                break
            end = person.text_end  # "Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh Nghiêm Xuân Hưởng"
            comma = re.match(r"\s*,\s*", text[end : end + 1200])
        end, role = _appositives(text, found.text_end, closed_only=closed_only)
    if role.startswith("(") and found.role:
        role = f"{found.role} {role}"
    return Mention(
        found.text,
        found.kind,
        found.name,
        max(found.role, role, key=len),
        found.gender,
        end,
        found.text_end,
        found.needs_full,
    )


_NAMED = re.compile(
    rf"(?i:(?:một\s+)?(?:người|{HONORIFIC_RE})\s+(?:tên|tên là|có tên)\s+)"
    rf"(?P<name>{CAP}(?:\s+{CAP}){{0,3}})"
)


_MEDIA = re.compile(
    r"(?i:truyền hình|báo|tờ|hãng tin|đài|tạp chí|chính phủ|quân đội|ngoại giao)\s+"
)


_MEDIA_NAME = re.compile(
    rf"(?i:tờ|báo|nhật báo|tuần báo|tạp chí|hãng tin|hãng thông tấn|kênh|trang tin|đài)"
    rf"(?:\s+[{LOWER}]+){{0,4}}?\s+(?P<name>[{UPPER}][\w.&'-]*(?:\s+[{UPPER}][\w.&'-]*){{0,4}})"
    rf"(?=\s*[,:]|\s+(?:(?:{FILLER_RE})\s+)*(?:{VERB_RE})(?!\w))"
)


# "Một người dân tên Hùng", "anh thanh niên có tên là Tuấn": someone described, then named
NAMED_PERSON = re.compile(
    rf"(?:(?i:một)\s+(?i:người|thanh niên|phụ nữ|cụ)(?:\s+[{LOWER}]+){{0,3}}?"
    rf"|(?i:anh|chị|cô|ông|bà|cụ|em|cậu|cháu)(?:\s+[{LOWER}]+){{0,2}}?)"
    rf"\s+(?:có\s+)?tên(?:\s+là)?\s+"
    rf"(?P<name>{CAP}(?:\s+{CAP}){{0,3}})(?![\w'’])"
)


def _named_person(text: str, pos: int) -> Mention | None:
    """``Một người dân tên Hùng``: the name after *tên (là)*, as a given name (or a full name
    when it has a family name)."""
    match = NAMED_PERSON.match(text, pos)
    if match is None:
        return None
    name = match.group("name")
    kind = "name" if len(name.split()) >= 2 and name.split()[0] in SURNAME_SET else "given"
    if kind == "given" and len(name.split()) > 1:
        return None
    head = match.group(0).split()[0].lower()
    gender = "f" if head in ("chị", "cô", "bà") else "m" if head in ("anh", "ông") else "-"
    return Mention(match.group(0), kind, name, "", gender, match.end(), match.end())


def _place_at(text: str, pos: int) -> int:
    """The end of a place name (one of PLACE_WORDS) starting at ``pos``, or 0."""
    words = text[pos : pos + 40].split()
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[:n]).rstrip(",") in PLACE_WORDS:
            return pos + len(" ".join(words[:n]).rstrip(","))
    return 0


def _honorific_mention(text: str, pos: int, *, clause_start: bool = False) -> Mention | None:
    named = _NAMED.match(text, pos)
    if named and all(is_name_word(w) for w in named.group("name").split()):
        gender = HONORIFIC_GENDER.get(text[pos : pos + 1200].split()[0].lower(), "-")
        words = named.group("name").split()
        kind = "name" if words[0] in SURNAME_SET and len(words) >= 2 else "given"
        return Mention(
            named.group(0), kind, named.group("name"), "", gender, named.end(), named.end()
        )
    match = _HONORIFIC.match(text, pos)
    if not match:
        return None
    role = _ROLE.match(text, pos)
    if role and role.end() > match.end():
        return None  # "Cô giáo Nguyễn Thị A": a role, not "cô" + a pronoun
    gender = HONORIFIC_GENDER.get(match.group(0).lower(), "-")
    young = _YOUNG.match(text, match.end())
    if young:
        # "cậu bé Vilayvanh Photavong", "cô sinh viên Lò Thị Hoa": a description, then the
        # person's full name (two words or more), never a bare pronoun
        inner = _tokens(text, young.end())
        run, last = _run_of(inner, 4)
        if len(run) >= 2 and name_in_run(run, after_role=True) == 0:
            end = inner[last][2]
            return Mention(text[pos:end], "name", " ".join(run), "", gender, end, end)
    tokens = _tokens(text, match.end())
    run, last = _run_of(tokens)
    if run and len(run) == 1 and _ROLE.match(text, tokens[0][1]):
        role_end = _ROLE.match(text, tokens[0][1])
        if role_end is not None and role_end.end() > tokens[0][2]:
            return None  # "thầy Hiệu trưởng", "ông Giám đốc": a title, not "Hiệu"
    if run:
        if len(run) > 4:
            run, last = _run_of(tokens, 4)
        start = name_in_run(run, after_role=True)
        if (
            start is None
            and len(run) == 1
            and run[0] in _BIRTH_ORDER
            and not re.match(r"\s+\d", text[tokens[0][2] : tokens[0][2] + 3])
        ):
            # "dì Năm", "ông Sáu": a name by birth order (not "năm 2005")
            end = tokens[0][2]
            return Mention(text[pos:end], "given", run[0], "", gender, end, end)
        if start is None and len(run) == 1 and run[0] in NOT_PERSON_WORDS:
            # "ông Thành nói", "Theo ông Tập,": a given name that also opens organisation
            # names ("Thành ủy", "Tập đoàn"); after an honorific, followed by the predicate
            # or a stop, it can only be the person
            after = tokens[0][2]
            if after >= len(text) or text[after] in _STOP or _VERB_OR_FILLER.match(text, after):
                end = tokens[0][2]
                return Mention(text[pos:end], "given", run[0], "", gender, end, end, True)
        if start != 0:
            return None
        end = tokens[last][2]
        kind = "name" if run[0] in SURNAME_SET and len(run) >= 2 else "given"
        return Mention(text[pos:end], kind, " ".join(run), "", gender, end, end)
    following = text[match.end() : match.end() + 200]
    demonstrative = re.match(r"\s+(?:này|ấy|đó|ta)(?!\w)", following)
    if demonstrative and (clause_start or match.group(0)[0].isupper()):
        end = match.end() + demonstrative.end()
        return Mention(text[pos:end], "pronoun", "", "", gender, end, end)
    if not tokens and clause_start and re.match(r"\s*,", following):
        return Mention(match.group(0), "pronoun", "", "", gender, match.end(), match.end())
    if tokens and tokens[0][0].islower() and match.group(0)[0].isupper():
        # a bare "Ông"/"Bà" opening a clause: a pronoun for the person last named
        return Mention(match.group(0), "pronoun", "", "", gender, match.end(), match.end())
    if (
        tokens
        and tokens[0][0].islower()
        and (clause_start or text[:pos].rstrip()[-1:] in (",", "-", "–", "—"))
    ):
        return Mention(match.group(0), "pronoun", "", "", gender, match.end(), match.end())
    return None


# words describing a young person between an honorific and a full name ("cậu bé X")
_YOUNG = re.compile(
    r"\s+(?:bé|gái|trai|thiếu niên|thiếu nữ|sinh viên|học sinh|nữ sinh|nam sinh|"
    rf"học trò|thanh niên)\s+(?=[{UPPER}])"
)


# birth-order names ("chú Ba", "dì Năm", "bà Út"), some of which are also common words
_BIRTH_ORDER = frozenset({"Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Út"})


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
            in_org_name = (
                i >= 2 and is_cap(tokens[i - 1][0]) and tokens[i - 2][0] in _ORG_HEADS
            )  # "Bộ Ngoại giao": "giao" is no predicate
            # "Chuyên gia về Al-Qaeda Saud al-Sarhan": the field an expert studies
            in_org_name = (
                in_org_name
                or i == 0
                and tokens[0][0] == "về"
                and len(tokens) > 1
                and is_cap(tokens[1][0])
                and bool(_EXPERT.fullmatch(text[pos:role_end].strip()))
            )
            if not in_org_name and (
                _VERB_OR_FILLER.match(text, tokens[i][1] - 1)
                or tokens[i][0].lower() in _QUALIFIER_STOP
                and not (tokens[i][0] == "và" and i + 1 < len(tokens) and is_cap(tokens[i + 1][0]))
            ):  # "Bộ Thông tin và Truyền thông"
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
            if (
                found.kind == "name"
                or j + 1 >= len(tokens)
                or _VERB_OR_FILLER.match(text, tokens[j][2])
            ):
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


_EXPERT = re.compile(r"(?i:chuyên gia|nhà nghiên cứu|nhà phân tích|giáo sư|tiến sĩ|học giả)")
# heads of a body whose name may go on in lower case ("Bộ Ngoại giao", "Sở Tài chính")
_ORG_HEADS = frozenset(
    {"Bộ", "Sở", "Cục", "Ban", "Vụ", "Viện", "Tổng cục", "Ủy ban", "Uỷ ban", "Phòng", "Chi cục"}
)


_LOCATIVE = frozenset({"tại", "ở", "thuộc", "từ", "đến", "về", "qua"})
# fields and departments whose names open with a capital ("ngành Quan hệ quốc tế")
_FIELD_NOUNS = frozenset({"ngành", "khoa", "môn", "phòng", "chuyên ngành", "bộ môn", "lớp"})
# kinds of company, never one company's name ("các doanh nghiệp …, TNHH khẳng định")
_COMPANY_TYPES = frozenset({"TNHH", "MTV", "CP", "TMCP", "JSC", "LLC", "DNTN", "HTX", "DN"})


def _org_noun_before(qualifier: str) -> bool:
    """Does a role's qualifier end with a body noun and at most two lower-case words after
    it ("… của hãng phần mềm", "… tập đoàn dầu khí"), so that the capitalised run after it
    names the body, not a person?"""
    words = qualifier.split()[-4:]
    for k in range(len(words)):
        if " ".join(words[k : k + 2]).lower() in _BODY_NOUNS:
            tail = words[k + 2 :]
        elif words[k].lower() in _BODY_NOUNS:
            tail = words[k + 1 :]
        else:
            continue
        if len(tail) <= 2 and all(w.islower() for w in tail):
            return True
    return False


# lower-case nouns of a firm or body whose name follows ("hãng Boeing", "công ty Vinamilk")
_BODY_NOUNS = frozenset(
    {"hãng", "công ty", "tập đoàn", "tổ chức", "quỹ", "ngân hàng", "báo", "tờ", "đài"}
)


def _words_between(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _name_at(
    text: str, pos: int, tokens: list[tuple[str, int, int]], i: int, j: int
) -> Mention | None:
    """The name ending a role mention, when the capitalised run tokens[i..j] holds one."""
    run = [w for w, _s, _e in tokens[i : j + 1]]
    start = name_in_run(run, after_role=True)
    if (
        start is None
        and i == 0
        and 2 <= len(run) <= 3
        and " ".join(text[pos : tokens[0][1]].lower().split()) in PERSON_ROLES
        and all(is_name_word(w) for w in run)
        and not _strip_places(run)
        and not _ENGLISH_ORG.intersection(run)
    ):
        start = 0  # "tiền đạo Công Phượng": only a person follows a player's role
    if start is None:
        return None
    if (
        i > 0
        and run[start] not in SURNAME_SET
        and start == 0
        and (len(run) < 2 or not any(looks_foreign(w) for w in run))
        or _SOURCE.match(text, tokens[i][1])
        and start == 0
    ):
        return None  # "Chủ tịch HĐQT Taxi Thành Công": an organisation, not a name
    before = text[: tokens[i][1]].lower().split()
    if start == 0 and run[0] not in SURNAME_SET and before_a_non_person(before):
        return None
    if start == 0 and len(run) == 1 and before and before[-1] in _FIELD_NOUNS:
        return None  # "thạc sĩ ngành Quan hệ quốc tế": a field, not "Quan"
    if start == 0 and len(before) >= 2 and before[-2] in _LOCATIVE and before_a_non_person(before):
        return None  # "người nuôi tại xã Tạ An Khương Đông": a commune named like a person
    if start == 0 and i > 0 and _org_noun_before(text[pos : tokens[i][1]]):
        return None  # "người phát ngôn của hãng phần mềm St Bernard": the firm's name
    if j + 1 < len(tokens) and f"{run[-1]} {tokens[j + 1][0]}".lower() in _ORG_PAIRS:
        return None  # "Trưởng phòng Marketing Công ty …": "Công ty", not a name
    end = tokens[j][2]
    name_words = run[start:]
    name_at = tokens[i + start][1]
    role = _clean_role(text[pos:name_at])
    kind = "name" if len(name_words) >= 2 else "given"
    return Mention(text[pos:end], kind, " ".join(name_words), role, "-", end, end)


_DESCRIBED = re.compile(
    rf"(?i:người|em|cụ|bé|cháu|nam|nữ)(?:\s+[{LOWER}]+){{0,3}}\s+"
    rf"(?={SURNAME_RE}\s)"
)


def _name_mention(text: str, pos: int) -> Mention | None:
    described = _DESCRIBED.match(text, pos)
    lead = described.group(0).lower().split() if described else []
    if described and len(lead) >= 2 and lead[-2] in _LOCATIVE and before_a_non_person(lead):
        return None  # "người nuôi tại xã Tạ An Khương Đông": a commune, not a name
    if described:
        # "Người chị gái Cao Thị Thu Hương": a description, then the full name
        found = _name_mention(text, described.end())
        if found is not None and found.kind == "name":
            return Mention(
                text[pos : found.text_end],
                "name",
                found.name,
                text[pos : described.end()].strip(),
                "-",
                found.end,
                found.text_end,
            )
    tokens = _tokens(text, pos)
    run, last = _run_of(tokens, 4)
    if (
        not run
        or run[0] in NOT_PERSON_WORDS
        and not (run[0] in SURNAME_SET and len(run) >= 3)
        or run[0] in _REGNAL
        or _strip_places(run)
    ):
        return None
    end = tokens[last][2]
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
    if stop - pos > 120 or any(c in text[pos:stop] for c in '.;:“”"'):
        return None
    comma = text.find(",", pos, stop)
    if comma >= 0:
        stop = comma  # "Tờ X, cơ quan ngôn luận của …": the appositive is parsed after
    org = text[pos:stop].strip(" ,")
    if re.search(r"(?<!\w)(?:lời|trích|dẫn)(?!\w)", org):
        return None  # "tờ X trích lời Y": Y speaks, and the run is no name
    if org in ("Tòa", "Toà", "Tòa án", "Toà án") and verb is not None and verb.start() == stop:
        return Mention(org, "org", org, "", "-", pos + len(org), pos + len(org))  # "Tòa hỏi"
    if not match.group(0).isupper() and not any(is_cap(w) for w in org.split()[1:]):
        return None  # "Bộ", "tờ báo" alone name nothing
    if re.search(rf"(?:\s[{LOWER}][^\s]*){{4}}", org) or re.match(
        r"\S+(?:\s+\S+)?\s+(?:gia|viên|sĩ)(?!\w)", org
    ):
        return None  # "Chiến lược gia đến từ …": a person described, not a body
    return Mention(org, "org", org, "", "-", pos + len(org), pos + len(org))


def org_key(name: str) -> str:
    """One key for the spellings of a document or organisation ("Nghị quyết 04 của Tỉnh ủy"
    and "Nghị quyết số 04/NQ-TU của Tỉnh ủy")."""
    key = fold_diacritics(name).lower()
    key = re.sub(r"\bso\s+(?=\d)", "", key)
    key = re.sub(r"(\d+)(?:/[\w.-]+)+", r"\1", key)
    return " ".join(key.split())
