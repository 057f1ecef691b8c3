"""Who holds the floor: the speaker a quote with no attribution of its own goes on from.

A discourse state walked over an article's sentences and quotes in text order. The floor
is taken by an attributed quote or reported speech (a quote's own clause, ``Theo X, …``,
``X cho biết …``, an interview's ``Name:`` line, a dialogue turn) and lost when

- a narration sentence has another subject (a person or a body other than the holder),
  names someone else, or has a reporting verb whose subject nobody can name;
- a paragraph opens with narration that is not about the holder;
- a sentence opens with a change of time or scene (``Trong khi đó``, ``Chiều 15/12``;
  ``data/quotes/floor_breaks.txt``);
- an attribution is left unresolved (someone the grammar cannot name spoke), or a body
  or a group spoke;
- more than ``MAX_NARRATION`` narration sentences go by.

Then, for what the clause rules left without a speaker:

- a quote opening its sentence continues the holder (``"A", ông X nói. "B"``; a second
  paragraph of the same quote; the answer after a reporter's unattributed question,
  ``Ông X trả lời: "A". "Q?". "B"``) unless a clause of its own follows it that does not
  name the holder, or the next sentence is about someone else; a holder found only through
  a pronoun or a description does not reach across narration;
- a partial quote of ``MIN_PARTIAL_WORDS`` words or more inside a sentence continues a
  holder whose reported clause it closes, or who is the subject of its sentence (by name,
  pronoun or description), never after a preposition or a naming noun (``trong "…"``);
- an unresolved pronoun or lower-case profession (``Theo bác sĩ, …``;
  ``data/quotes/floor_descriptions.txt``) right after the holder spoke is the holder.

Questions are never given to the holder: in an exchange they are the other party's. Every
doubt leaves the speaker empty: a wrong speaker is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vntransform.quotes.clauses import _VERB, _Item, _words
from vntransform.quotes.cues import NAME_NOUNS, data_lines
from vntransform.quotes.mentions import Mention, parse_mention

if TYPE_CHECKING:
    from vntransform.quotes.extract import _Article

PROFESSIONS: frozenset[str] = frozenset(data_lines("floor_descriptions.txt"))
MAX_NARRATION = 2  # narration sentences a continuation may reach across
# a partial quote inside narration shorter than this is an idiom or a scare quote
# ("đổ thêm dầu vào lửa"), not the holder's words
MIN_PARTIAL_WORDS = 6

_BREAK = re.compile(
    r"(?:"
    + "|".join(sorted(map(re.escape, data_lines("floor_breaks.txt")), key=len, reverse=True))
    + r")(?!\w)"
    # a date or a time of day opening the sentence: "Chiều 15/12,", "Ngày 10-6", "Hôm qua"
    r"|(?:Sáng|Chiều|Tối|Trưa|Đêm|Ngày|Hôm|Tháng|Năm|Cuối|Đầu|Giữa|Tuần)\s+"
    r"(?:\d|qua|nay|sau|trước|này|hôm|mai|ấy|đó|tuần|tháng|năm|cùng ngày)",
    re.IGNORECASE,
)
# a short adverbial before the subject ("Tuy nhiên, …", "Theo đó, …")
_LEAD_IN = re.compile(r"[^,;:“”\"]{1,40},\s+")


_SENTENCE_OPEN = re.compile(r"(?:^[\s\-–—*]*|[.!?…][”\"»]?\s+)(?=\S)")


def scene_changes(text: str) -> bool:
    """Does a sentence of ``text`` open with a change of time or scene?"""
    return any(_BREAK.match(text, m.end()) for m in _SENTENCE_OPEN.finditer(text))


@dataclass(slots=True)
class _Floor:
    """The floor: the item that gave it, and what has happened since."""

    holder: _Item | None = None
    narration: int = 0  # narration sentences since the holder last spoke
    paragraph: int = -1  # where the holder last spoke


def _subject(art: _Article, text: str, at: int) -> Mention | None:
    """The subject opening a sentence (after a short adverbial), or None."""
    from vntransform.quotes.turns import description_at

    starts = [len(text) - len(text.lstrip(" -–—*"))]
    lead = _LEAD_IN.match(text, starts[0])
    if lead and _words(lead.group(0)) <= 6:
        starts.append(lead.end())
    for start in starts:
        mention = parse_mention(text, start, allow_org=True, clause_start=True)
        if mention is None:
            mention = description_at(text, start)
        if mention is None:
            continue
        if mention.kind == "bare" and not art.resolver.resolve(mention, at).speaker:
            continue  # a capitalised word, not a known name
        return mention
    return None


def _about_holder(art: _Article, mention: Mention, holder: _Item, at: int) -> bool:
    """Does a subject mention refer to the holder (a pronoun of a fitting gender, a
    description, or a name that resolves to the holder)?"""
    if mention.kind == "pronoun":
        known = art.resolver.gender_of(holder.speaker)
        if mention.gender == "f":
            return known == "f"  # women are introduced as "bà", "chị": a name is no evidence
        return mention.gender == "-" or known in ("-", mention.gender)
    if mention.kind.startswith("description"):
        return not mention.kind.endswith("org")
    res = art.resolver.resolve(mention, at)
    return bool(res.speaker) and res.speaker == holder.speaker


def _narration(art: _Article, floor: _Floor, start: int, end: int, opens: bool) -> None:
    """A sentence holding no quote and no reported speech: does the floor survive it?"""
    holder = floor.holder
    if holder is None:
        return
    text = art.doc.text[start:end]
    if _BREAK.match(text.lstrip(" -–—*")):
        floor.holder = None
        return
    if any(start <= p.offset < end and p.name != holder.speaker for p in art.resolver.people):
        floor.holder = None  # someone else is named: the next quote may be theirs
        return
    mention = _subject(art, text, start)
    if mention is None:
        if opens or _VERB.search(text):
            floor.holder = None  # a new paragraph of narration, or someone unnamed speaks
            return
    elif not _about_holder(art, mention, holder, start):
        floor.holder = None
        return
    floor.narration += 1
    if floor.narration > MAX_NARRATION:
        floor.holder = None


_DEMONSTRATIVE = re.compile(r"\s+(?:này|ấy|đó)$")


def _profession(mention: Mention) -> str:
    """The profession a lower-case role mention describes ("bác sĩ", "tiền đạo này"), or
    "" (a title before a name, an office, anything capitalised)."""
    text = mention.text.strip()
    if mention.kind != "role" or not text[:1].islower():
        return ""
    text = _DEMONSTRATIVE.sub("", text)
    return text if text in PROFESSIONS else ""


def _pronoun_like(item: _Item) -> bool:
    mention = item.mention
    return mention is not None and (mention.kind == "pronoun" or bool(_profession(mention)))


def _refers_to(art: _Article, mention: Mention, holder: _Item, at: int) -> bool:
    """May a pronoun or a profession ("bác sĩ") left unresolved mean the holder?"""
    profession = _profession(mention)
    if not profession:
        return _about_holder(art, mention, holder, at)
    role = holder.role.lower()
    if profession in role:
        return True
    # "HLV X … . Theo tiền đạo này, …": another profession in the holder's role: not X
    if any(p in role for p in PROFESSIONS if p not in profession):
        return False
    # "X phản đối, xin đạo diễn bỏ qua …. Đạo diễn cho biết": the one written just before
    # is someone else
    before = art.doc.text[max(0, holder.start - 300) : at].lower()
    return (
        re.search(rf"(?<!\w){re.escape(profession)}(?!\w)", before[: -len(mention.text) - 1])
        is None
    )


def _is_question(item: _Item) -> bool:
    return item.text.rstrip(" .”\"'»").endswith("?")


# a preposition or a noun that names right before the opening mark ("trong “…”", "kiểu
# “…”", "câu “…”", and the title nouns of data/quotes/name_nouns.txt): a name, a title
# or a phrase talked about, not the holder's words
_PREPOSITION_BEFORE = re.compile(
    r"(?<!\w)(?:trong|của|về|tại|qua|với|từ|kiểu|dạng|câu|chữ|thuật ngữ|khái niệm|"
    + "|".join(sorted(map(re.escape, NAME_NOUNS), key=len, reverse=True))
    + r")\s*[“\"«]$",
    re.IGNORECASE,
)
_TAIL = re.compile(r"[\s.,;:!?…”\"»)]*")


def own_clause_after(art: _Article, item: _Item) -> bool:
    """Does a clause of its own follow the quote in its sentence (an attribution the
    grammar could not read: "“…” - anh Ba Tèo cười.")?"""
    text = art.doc.text
    end = text.find("\n", item.end)
    end = len(text) if end < 0 else end
    tail = _TAIL.match(text, item.end, end)
    at = tail.end() if tail else item.end
    if at >= end:
        return False
    if re.search(r"[.!?…]\s*$", item.text) or re.search(r"[.!?…]", text[item.end : at]):
        return False  # the sentence ended with the quote: what follows is a new one
    return text[at] not in '“"«'


_NAME_WORD = re.compile(r"[A-ZĐÀ-Ỹ][\w']+")


def _names_holder(art: _Article, item: _Item, holder: _Item) -> bool:
    """Does the clause after the quote (to the sentence end) name the holder, and nobody
    by relation ("của")?"""
    text = art.doc.text
    clause = re.split(r"[.!?…\n]", text[item.end + 1 : item.end + 160], maxsplit=1)[0]
    if re.search(r"(?<!\w)của\s", clause) or _words(clause) > 15:
        return False
    mine = {w.strip("'") for w in _NAME_WORD.findall(holder.speaker)}
    words = {w.strip("'") for w in _NAME_WORD.findall(clause)}
    return bool(words) and words <= mine


def _next_subject_other(art: _Article, item: _Item, holder: _Item) -> bool:
    """Does the sentence after the quote (in its paragraph) open with a subject other
    than the holder? A quote is often introduced by who speaks next."""
    text = art.doc.text
    end = text.find("\n", item.end)
    end = len(text) if end < 0 else end
    after = _TAIL.match(text, item.end, end)
    at = after.end() if after else item.end
    if at >= end or text[at] in '“"«':
        return False
    mention = _subject(art, text[at:end], at)
    return mention is not None and not _about_holder(art, mention, holder, at)


# a group ("các cầu thủ Barca", "nhiều chuyên gia"): one of them spoke, not the group
_GROUP = re.compile(r"(?i:các|những|nhiều|một số|mấy)\s")


def is_group(mention: Mention) -> bool:
    """Does the mention name a group ("các cầu thủ Barca", "nhiều chuyên gia")?"""
    return _GROUP.match(mention.text) is not None


def _weak(holder: _Item) -> bool:
    """Was the holder's speaker found by focus (a pronoun, a description) rather than
    named? An error there would spread to every quote the floor gives on."""
    mention = holder.mention
    return (
        mention is None
        or is_group(mention)
        or mention.kind == "pronoun"
        or mention.kind.startswith("description")
        or holder.path.startswith("carry/")
    )


def _continues(art: _Article, floor: _Floor, item: _Item) -> bool:
    """May an unattributed quote go to the holder of the floor?"""
    holder = floor.holder
    if holder is None or _is_question(item) or _is_question(holder):
        return False
    if holder.mention is not None and is_group(holder.mention):
        return False  # a group holds no floor: its members speak one by one
    if item.sentence_start and own_clause_after(art, item):
        # "“B”, Umm Al' aa nhớ lại.": an attribution the grammar cannot read; the holder's
        # only when it names the holder (any word of the name, not "học trò của X")
        return _names_holder(art, item, holder)
    if floor.narration and _weak(holder):
        return False  # a pronoun or a description resolved by focus: not across narration
    if item.sentence_start:
        if _next_subject_other(art, item, holder):
            return False  # "“B”. Bà Y, một tiểu thương, cho hay …": maybe Y's words
        if item.p_index != floor.paragraph:
            # a paragraph that opens with a quote goes on from the one before only when
            # the holder spoke last there ("¶ Cô con gái … ¶ “Em …”" is the daughter's)
            return floor.narration == 0
        return floor.narration <= MAX_NARRATION
    # a partial quote inside a sentence: the holder's reported speech goes on in this
    # paragraph, and the sentence has no subject of its own but the holder
    if _words(item.text) < MIN_PARTIAL_WORDS:
        return False
    if _PREPOSITION_BEFORE.search(art.doc.text, max(0, item.start - 20), item.start):
        return False  # "trong “Tầm vóc Làng Vạc …” thì": a title after a preposition
    if (
        holder.kind == "indirect"
        and holder.start <= item.start
        and not art.doc.text[holder.end : item.start - 1].strip(" ,:")
    ):
        return True  # "X nói tập đoàn Y … “…”": inside the holder's own reported clause
    if floor.paragraph != item.p_index or floor.narration > 1:
        return False
    paragraph = art.paragraphs[item.p_index]
    base = art.offsets[item.p_index]
    from vntransform.quotes.clauses import _clause_start

    open_ = item.start - base - 1
    lead_at = _clause_start(paragraph, open_, 0)
    lead = paragraph[lead_at:open_]
    if re.search(r"[“”\"«»]", lead):
        return False  # another quote in the sentence: its attribution is not ours to guess
    if any(
        base + lead_at <= p.offset < item.start and p.name != holder.speaker
        for p in art.resolver.people
    ):
        return False  # "bà X thấy “…”": someone else is named in the sentence
    # the sentence's subject must be the holder (by name, pronoun or description):
    # "Diana thú nhận … nhưng “…”" in a passage of Simmons's book is not Simmons's
    mention = _subject(art, lead, item.start)
    return mention is not None and _about_holder(art, mention, holder, item.start)


def hold_floor(art: _Article, items: list[_Item]) -> None:
    """Give unattributed quotes to the speaker who holds the floor (module docstring)."""
    live = [q for q in items if q.how != "drop"]
    spans = sorted((q.start, q.end) for q in live)
    events: list[tuple[int, int, _Item | None, int, int]] = []  # at, order, item, end, para
    for s in art.sentences:
        if any(a < s.end and b > s.start for a, b in spans):
            continue  # the sentence holds a quote or reported speech
        events.append((s.start, 0, None, s.end, s.paragraph))
    for q in live:
        events.append((q.start, 1, q, q.end, q.p_index))
    events.sort(key=lambda e: (e[0], e[1]))
    floor = _Floor()
    last_paragraph = -1
    for at, _order, item, end, paragraph in events:
        opens = paragraph != last_paragraph
        last_paragraph = paragraph
        if item is None:
            _narration(art, floor, at, end, opens)
            continue
        if item.speaker:
            person = item.mention is None or item.mention.kind not in ("org", "description-org")
            floor.holder = item if person else None
            floor.narration, floor.paragraph = 0, item.p_index
            continue
        if item.mention is not None and _pronoun_like(item) and item.how != "drop":
            # "Theo ông, …", "…”, bà nói" left unresolved: the holder, when the floor is
            # held without doubt (no narration since, a fitting gender)
            holder = floor.holder
            if (
                holder is not None
                and floor.narration == 0
                and not _is_question(holder)
                and _refers_to(art, item.mention, holder, item.start)
            ):
                item.speaker, item.role = holder.speaker, holder.role
                item.path = "floor/" + item.mention.kind
                floor.holder, floor.paragraph = item, item.p_index
                continue
        if item.how != "none" or item.kind != "direct":
            floor.holder = None  # someone we cannot name speaks
            continue
        if _continues(art, floor, item):
            holder = floor.holder
            assert holder is not None
            item.mention, item.speaker, item.role = holder.mention, holder.speaker, holder.role
            item.path = "floor/" + ("continue" if item.sentence_start else "partial")
            floor.holder, floor.narration, floor.paragraph = item, 0, item.p_index
        elif not _is_question(item) and item.sentence_start:
            floor.holder = None  # a long quote nobody can be given: whose floor is it?
