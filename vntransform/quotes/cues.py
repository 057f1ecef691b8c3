"""Word lists that signal quotes and speakers in Vietnamese news, read from package data.

The lists live in ``vntransform/data/quotes/*.txt`` (one entry a line, ``#`` comments) so
they can be extended without touching the grammar in ``speakers.py`` and ``extract.py``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """The entries of ``data/quotes/NAME``: one per line, ``#`` comments left out."""
    text = resources.files("vntransform.data").joinpath("quotes", name).read_text("utf-8")
    lines = (
        line.split(" #", 1)[0].strip()
        for line in text.splitlines()
        if not line.lstrip().startswith("#")
    )
    return tuple(line for line in lines if line)


REPORTING_VERBS: tuple[str, ...] = data_lines("reporting_verbs.txt")
ROLE_WORDS: tuple[str, ...] = data_lines("roles.txt")
# hand-listed, then derived from news by bench/derive_surnames.py ("Tập", "Ôn")
SURNAMES: tuple[str, ...] = data_lines("surnames.txt") + data_lines("surnames_derived.txt")
SOURCE_WORDS: tuple[str, ...] = data_lines("sources.txt")
PERSON_ROLES: frozenset[str] = frozenset(w.lower() for w in data_lines("person_roles.txt"))
NAME_NOUNS: tuple[str, ...] = data_lines("name_nouns.txt")
PLACE_WORDS: frozenset[str] = frozenset(data_lines("places.txt"))
# honorific -> gender: "m", "f" or "-" (either)
HONORIFIC_GENDER: dict[str, str] = dict(
    line.rsplit(" ", 1) for line in data_lines("honorifics.txt")
)
HONORIFICS: tuple[str, ...] = tuple(HONORIFIC_GENDER)

# A reporting verb that is only the second syllable of another word after these ("triển
# khai" is to deploy, not "khai", to testify).
VERB_NOT_AFTER: dict[str, tuple[str, ...]] = {
    "khai": ("triển", "công", "khai", "bày", "cởi"),
    "hỏi": ("học", "đòi", "câu", "thăm"),
    "kể": ("đáng", "không", "kể cả"),
    "nói": ("lời", "tiếng", "giọng"),
    # "nhà phân tích", "giới bình luận": the people, not the act
    "phân tích": ("nhà", "giới"),
    "bình luận": ("nhà", "giới", "lời", "phần"),
}

# A reporting verb that reports nothing when these open its object ("ghi 2 bàn" scores,
# "ghi nhận" records); matched as a regex at the start of the object.
VERB_NOT_BEFORE: dict[str, str] = {
    "ghi": r"\d|bàn|điểm|nhận|danh|tên|hình|âm|bàn thắng|được|lại hình",
    # "khai mạc" opens, "khai trương" launches, "khai thác" exploits: not testimony
    "khai": r"mạc|trương|thác|giảng|sinh|hoang|phá|quang|thông|hỏa|báo thuế",
}

# Adverbs that sit between a speaker and the verb ("Thứ trưởng cũng cho rằng").
SPEAKER_FILLERS: tuple[str, ...] = (
    "cũng",
    "đã",
    "vẫn",
    "còn",
    "thì",
    "lại",
    "từng",
    "đều",
    "tiếp tục",
    "trước đó",
    "sau đó",
    "đồng thời",
    "vừa",
    "mới",
    "liền",
    "ngay",
    "nhanh chóng",
    "thẳng thắn",
    "hôm nay",
    "hôm qua",
    "sau đó",
    "cho đến nay",
    "nhiều lần",
    "luôn",
    "chỉ",
    "bèn",
    "thêm",
    "có lần",
    "tái",
    "thậm chí",
)
# Words that open a clause before its subject ("Còn bà Mai thì kể: …").
CLAUSE_OPENERS: tuple[str, ...] = (
    "còn",
    "và",
    "nhưng",
    "rồi",
    "song",
    "tuy nhiên",
    "trong khi đó",
    "đồng thời",
    "sau đó",
    "ngoài ra",
    "bên cạnh đó",
    "thế nhưng",
    "vì vậy",
    "do đó",
    "cuối cùng",
    "riêng",
    "mặt khác",
    "cùng lúc",
    "lúc này",
    "khi đó",
    "đáp lại",
    "tiếp đó",
    "cũng",
    "thậm chí",
    "hay như",  # "Hay như ông X bảo rằng “…”": the subject of an "as X said" clause
    "như",
)
# Words that name a company or an institution in English (a capitalised run holding one is
# no person); mentions.py adds brand and press words to them.
ENGLISH_ORG_WORDS: frozenset[str] = frozenset(
    {
        "University",
        "College",
        "Institute",
        "Systems",
        "System",
        "Group",
        "Inc",
        "Corp",
        "Company",
        "Bank",
        "Center",
        "Centre",
        "Foundation",
        "Messenger",
        "Online",
        "News",
    }
)
# Words that make a capitalised run an organisation or a product, not a person.
NOT_PERSON_WORDS: frozenset[str] = ENGLISH_ORG_WORDS | frozenset(
    {
        "Sở",
        "Bộ",
        "Cục",
        "Ban",
        "Viện",
        "Trường",
        "Bệnh",
        "Công",
        "Tập",
        "Hội",
        "Hiệp",
        "Ủy",
        "Uỷ",
        "Tổng",
        "Vụ",
        "Phòng",
        "Hạt",
        "Chi",
        "Đảng",
        "Quốc",
        "Thành",
        "Tỉnh",
        "Huyện",
        "Quận",
        "Xã",
        "Phường",
        "UBND",
        "HĐND",
        "CLB",
        "Đội",
        "Báo",
        "Đài",
        "Tòa",
        "Toà",
        "Trung",
        "Nhà",
        "Liên",
        "Hạm",
        "Tổ",
        "Ngân",
        "Quỹ",
        "Văn",
        "Khoa",
        "Đại",
        "TP",
        "TP.",
        "Tp",
        "Thủ",
        "Nghị",
        "Luật",
        "Điều",
        "Chương",
        "Ông",
        "Bà",
        "Anh",
        "Chị",
        "Theo",
        "Tại",
        "Trong",
        "Khi",
        "Sau",
        "Với",
        "Về",
        "Cho",
        "Từ",
        "Nếu",
        "Những",
        "Các",
        "Một",
        "Người",
        "Chúng",
        "Tôi",
        "Đây",
        "Đó",
        "Này",
        "Năm",
        "Ngày",
        "Tháng",
        "The",
        "A",
        "An",
    }
)
# Words after which a capitalised name is a place or an organisation, not a person.
NOT_PERSON_BEFORE: frozenset[str] = frozenset(
    {
        "tỉnh",
        "thành phố",
        "quận",
        "huyện",
        "xã",
        "phường",
        "thị xã",
        "thị trấn",
        "UBND",
        "công ty",
        "tập đoàn",
        "báo",
        "đài",
        "trường",
        "đại học",
        "bệnh viện",
        "hãng",
        "tổ chức",
        "sông",
        "đường",
        "phố",
        "cầu",
        "chợ",
        "khu",
        "thôn",
        "bản",
        "ấp",
        "làng",
        "núi",
        "hồ",
        # places named after people ("bến Bạch Đằng", "cảng Cái Lân", "chùa Trần Quốc")
        "bến",
        "cảng",
        "sân bay",
        "đèo",
        "vịnh",
        "đảo",
        "công viên",
        "quảng trường",
        "chùa",
        "đền",
        "kênh",
        "rạch",
        "hẻm",
        "ngõ",
        "nhà hát",
    }
)

# "môi trường", "thị trường": compounds ending in a word of NOT_PERSON_BEFORE ("trường",
# a school) that say nothing of the name after them ("Bộ trưởng Môi trường Catherine McKenna")
_COMPOUND_HEADS: frozenset[str] = frozenset(
    {
        "môi",
        "thị",
        "chiến",
        "hiện",
        "quảng",
        "lập",
        "công",
        "nông",
        "ngư",
        "thương",
        "đấu",
        "hội",
        "phi",
        "sa",
        "trường",
    }
)


def before_a_non_person(words: list[str]) -> bool:
    """Do the lower-cased ``words`` before a capitalised name end with a word after which
    the name is a place or an organisation ("đường", "công ty"), not a person?"""
    if not words:
        return False
    if " ".join(words[-2:]) in NOT_PERSON_BEFORE:
        return True
    return words[-1] in NOT_PERSON_BEFORE and not (
        words[-1] == "trường" and len(words) >= 2 and words[-2] in _COMPOUND_HEADS
    )
