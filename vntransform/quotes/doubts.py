"""Speakers the evidence does not support: blanked (or rows dropped) after attribution.

A wrong speaker is worse than an empty one. These checks run over an article's attributed
items once every rule has spoken and undo what the context contradicts; each was found by
judging ``vnt quotes`` rows on unannotated news (``tests/fixtures/quotes_audit``):

- a line that is a related-article link (``Pháp quyết tâm dẹp bạo loạn(15/11/2005)``)
  holds no speech;
- an interview whose chosen interviewee is first named inside an answer (``Tôi đã gọi
  điện cho … ký giả X``) has the wrong interviewee: nobody is sure;
- an answer paragraph that opens its own report of someone else (``Trao đổi với báo chí,
  một quan chức … cho rằng …``) is narration, not the interviewee's words;
- a quote inside another quote or an answer, attributed by a pronoun or a description,
  is said by someone the speaker tells of, not by whoever the narration last named;
- an interview introduced by a quote whose attribution names the interviewee chosen only
  in an appositive of the quote's own speaker (``con trai nhà văn X``) is that speaker's;
- a news agency quoting someone (``AFP dẫn lời …``) did not say the words;
- a subject in the passive before the reporting verb (``ông X bị cấp trên đánh giá là
  “…”``) did not say the words: the agent did.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vntransform.quotes.cues import PLACE_WORDS
from vntransform.quotes.mentions import VERB_RE

if TYPE_CHECKING:
    from vntransform.quotes.clauses import _Item
    from vntransform.quotes.extract import _Article

# "Tiêu đề bài liên quan(14/11/2005)": VnExpress's related links close with a date
_LINK_LINE = re.compile(r"\(\d{1,2}/\d{1,2}/\d{4}\)\s*$")
# a question turn of an interview ("- Ông nghĩ sao?", "PV: …?", "* …?")
_QUESTION = re.compile(r"(?:[-–—*•]|PV\b|Phóng viên\b)")
# "bị cấp trên đánh giá là “": the passive, an agent of up to three words, the verb
_PASSIVE = re.compile(
    rf"(?<!\w)(?:bị|được)\s+(?:[^\s,.;:“”\"]+\s+){{0,3}}(?:{VERB_RE})(?:\s+(?:là|rằng))?"
    r"\s*[:,]?\s*[“\"]?\s*$"
)
# a report of someone other than the interviewee inside an answer: a lead-in, then a
# described or named third party and a reporting verb ("Trao đổi với báo chí, một quan
# chức của Vụ … cho rằng")
_THIRD_PARTY = re.compile(
    rf"^(?:(?:[^,.;:?!]{{0,60}},\s*)(?:một|các|những|nhiều|vị|ông|bà)|(?:một|vị))\s+"
    rf"[^.;:?!]{{0,120}}?"
    rf"(?<!\w)(?:{VERB_RE})(?!\w)",
    re.IGNORECASE,
)


def doubt_speakers(art: _Article, items: list[_Item]) -> list[_Item]:
    """The items with speakers the context contradicts blanked, and link lines dropped."""
    text = art.doc.text
    kept = [q for q in items if not _in_link_line(art, q)]
    answers = [q for q in kept if q.how == "qa" and q.speaker]
    lead = _lead_speaker(art, kept, answers)
    if lead is not None:
        for q in answers:  # "“…”, đạo diễn Y, con trai nhà văn X tâm sự.": Y answers
            q.speaker, q.role = lead.speaker, lead.role
    if answers and _named_late(art, answers):
        for q in answers:
            _blank(q)  # the interviewee is someone the answers speak of: not sure who
    turns = [a for a in kept if a.how in ("qa", "interview")]
    for q in kept:
        if q.kind == "indirect" and any(a.start <= q.start < a.end for a in turns):
            _blank(q)  # "… Bộ VHTT sẽ quy định …" inside an answer: the interviewee's words
    for q in answers:
        if (
            q.speaker
            and _THIRD_PARTY.match(q.text)
            and not art.paragraphs[q.p_index].lstrip().startswith(("-", "–", "—"))
        ):
            _blank(q)  # a paragraph of narration between the dash-led answers
    for q in kept:
        if (
            q.speaker
            and q.mention is not None
            and (q.mention.kind == "pronoun" or q.mention.kind.startswith("description"))
            and any(
                o is not q and o.kind == "direct" and o.start < q.start and q.end <= o.end + 1
                for o in kept
            )
        ):
            _blank(q)  # "… anh ấy để lại lời nhắn: “…”" inside an answer: someone else's
    for q in kept:
        if (
            q.speaker
            and q.mention is not None
            and q.mention.kind == "org"
            and _QUOTING.search(text, max(0, q.start - 20), q.start)
        ):
            _blank(q)  # "AFP dẫn lời chính quyền địa phương cho biết …": not AFP's words
    for q in kept:
        if (
            q.speaker
            and q.path.startswith("carry/")
            and q.mention is not None
            and _COLLECTIVE.match(q.mention.text)
        ):
            _blank(q)  # "Nhà chức trách cho biết": the authorities, not the man just named
        if (
            q.speaker
            and q.mention is not None
            and q.mention.kind == "org"
            and q.speaker in PLACE_WORDS
            and _after_address(text, q.speaker, q.start)
        ):
            _blank(q)  # "Đại học California, San Francisco, Mỹ khẳng định": an address
    for q in kept:
        if (
            q.speaker
            and q.how in ("before", "verb")
            and q.mention is not None
            and q.mention.kind in ("name", "given", "bare", "pronoun", "role")
        ):
            if _PASSIVE.search(text[max(0, q.start - 80) : q.start]):
                _blank(q)
    return kept


def _lead_speaker(art: _Article, items: list[_Item], answers: list[_Item]) -> _Item | None:
    """The quote introducing an interview when its attribution names the chosen
    interviewee only in an appositive of its own speaker ("“…”, đạo diễn Nguyễn Quang Dũng,
    con trai nhà văn Nguyễn Quang Sáng tâm sự."): that quote, whose speaker answers."""
    if not answers:
        return None
    chosen, first = answers[0].speaker, answers[0].start
    before = [
        q for q in items if q.kind == "direct" and q.how != "qa" and q.speaker and q.end < first
    ]
    if not before or before[-1].speaker == chosen:
        return None
    last = before[-1]
    tail = art.doc.text[last.end : first]
    cut = re.search(r"[.!?…](?:\s|$)", tail)
    clause = tail[: cut.start()] if cut else tail
    name = last.speaker.split(" (")[0]
    if chosen in clause and name in clause and clause.find(name) < clause.find(chosen):
        return last
    return None


# descriptions of a body or of many, never one person ("Nhà chức trách", "giới chức")
_COLLECTIVE = re.compile(
    r"(?i:nhà chức trách|giới chức|giới|chính quyền|cơ quan|cảnh sát|công an|nhà điều tra|"
    r"các|những|nhiều|đa số|phần lớn)(?!\w)"
)
# a country closing an address of two parts at least ("… Đại học California, San
# Francisco, Mỹ khẳng định"): the end of a description, not the subject
_ADDRESS = re.compile(r"[A-ZĐ][\w.]*(?:\s+[A-ZĐ][\w.]*)*,\s+[A-ZĐ][\w.]*(?:\s+[A-ZĐ][\w.]*)*,\s*$")
# a news agency quoting someone: the words after it are that someone's
_QUOTING = re.compile(r"(?<!\w)(?:dẫn lời|trích lời|trích dẫn lời|theo lời)\s*$")


def _after_address(text: str, place: str, before: int) -> bool:
    """Does the last ``place`` before ``before`` close an address ("…, San Francisco, Mỹ")?"""
    at = text.rfind(place, max(0, before - 300), before)
    return at > 0 and bool(_ADDRESS.search(text, max(0, at - 120), at))


def _in_link_line(art: _Article, item: _Item) -> bool:
    if not 0 <= item.p_index < len(art.paragraphs):
        return False
    paragraph = art.paragraphs[item.p_index]
    return bool(_LINK_LINE.search(paragraph)) and len(paragraph.split()) <= 25


def _named_late(art: _Article, answers: list[_Item]) -> bool:
    """Is the interviewee (the full name) first written after the first question or inside
    an answer (someone the interviewee speaks of, not whom the article introduced)?"""
    at = art.doc.text.find(answers[0].speaker)
    if any(q.start <= at < q.end for q in answers):
        return True
    first = answers[0].p_index
    for p_index in range(first):
        paragraph = art.paragraphs[p_index]
        asked = paragraph.find("?")
        if _QUESTION.match(paragraph.lstrip()) and asked >= 0:
            # "- Anh đang làm gì?- Phần nhạc …": a question, its answer run on
            return at > art.offsets[p_index] + asked
    return False


def _blank(item: _Item) -> None:
    item.speaker, item.role, item.path = "", "", ""
