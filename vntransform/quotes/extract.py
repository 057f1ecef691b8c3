"""Direct and indirect quotes in Vietnamese news, with who said them.

Attribution is a few general rules over clauses, not a list of exact strings:

1. Quote spans are paired marks within a paragraph (``clauses.find_quote_spans``).
2. For each span, the clause that ends at its opening mark and the clause that starts after
   its closing mark are examined: a subject mention (``speakers.parse_mention``) opening
   the clause after the quote, whatever its predicate (``"…", ông Hùng phàn nàn``); the
   subject of the clause before a colon, whatever its predicate (``Trả lời phóng viên, ông
   X, Giám đốc Y, giải thích: "…"``); the subject of a clause ending in a reporting verb
   (``X nói "…"``); ``Theo X, "…"``; a subject after a conjunction or a causative verb
   before a colon (``… khiến Thủ tướng … đặt câu hỏi: "…"``).
3. A quote with no attribution of its own continues the speaker of the quote just before
   it (``"A", ông X nói. "B"``), the one just after it, or the subject of the sentence
   before it (``Ông X phản đối. "…"``); otherwise a long quote is kept unattributed and a
   short one is a scare quote or a name, not speech. Pronouns and descriptions that name
   nobody, interview answers and dialogue turns are settled in ``turns``.
4. Indirect speech (``indirect``): ``Theo X, …`` and ``X <reporting verb> …``
   (organisations and documents too), and interview lines ``Bộ trưởng X: …``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vntransform.models import Document, Sentence
from vntransform.quotes.clauses import (
    _SENTENCE_END,
    _VERB,
    MIN_SCARE_WORDS,
    MIN_UNATTRIBUTED_WORDS,
    _clause_end,
    _clause_start,
    _Item,
    _words,
    find_quote_spans,
)
from vntransform.quotes.cues import NAME_NOUNS, PLACE_WORDS
from vntransform.quotes.doubts import doubt_speakers
from vntransform.quotes.floor import hold_floor, is_group, own_clause_after, scene_changes
from vntransform.quotes.indirect import _indirect
from vntransform.quotes.mentions import FILLER_RE, VERB_RE, Mention, parse_mention
from vntransform.quotes.speakers import Resolution, SpeakerResolver
from vntransform.quotes.turns import carry_over, description_at, dialogue_turns, interview_answers

if TYPE_CHECKING:
    import pandas as pd

QUOTE_COLUMNS = [
    "doc_id",
    "source",
    "title",
    "speaker",
    "speaker_role",
    "mention",
    "kind",
    "quote",
    "sentence_index",
]

_NAME_NOUN = re.compile(
    r"(?<!\w)(?:"
    + "|".join(sorted(map(re.escape, NAME_NOUNS), key=len, reverse=True))
    + r")(?!\w)(?![^,.;:!?“”\"]*\sthì\s*$)[^,.;:!?“”\"]{0,60}$",
    re.IGNORECASE,
)
_QUOTING = re.compile(r"^[^,.;:“”\"]{0,50}?(?<!\w)(?:dẫn lời|theo lời|trích lời)\s+")
_QUOTING_ANY = re.compile(r"(?<!\w)(?:dẫn lời|trích lời|trích lại lời|trích dẫn lời)\s+(?:của\s+)?")
_VERB_NEXT = re.compile(rf"[\s,]+(?:(?:{FILLER_RE})\s+)*(?:{VERB_RE})(?!\w)")
# printed text introduced by a colon ("tấm bảng có dòng chữ: “…”")
_SIGN = re.compile(
    r"(?<!\w)(?:dòng chữ|ghi|khẩu hiệu|biển|bảng|tiêu đề|có tên|mang tên|tên gọi|"
    r"gọi là|chủ đề|thông điệp|lý do|nickname|biệt danh)(?:\s+\S+){0,2}\s*$",
    re.IGNORECASE,
)
_AFTER_LEAD = re.compile(r"^\s*(?:[,;]|[-–—])?\s*")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote and its speaker; offsets point into the document's clean text."""

    doc_id: str
    speaker: str
    speaker_role: str
    mention: str
    kind: str  # direct | indirect
    quote: str
    sentence_index: int
    start: int
    end: int
    path: str = ""  # the attribution rule that set the speaker (not a frame column)


def _strip_quote(content: str) -> str:
    return content.strip()


def subject_of(
    clause: str, *, need_verb: bool, resolver: SpeakerResolver | None = None, partial: bool = False
) -> tuple[Mention, int] | None:
    """The subject mention of a clause and where it starts (the first comma-segment that
    opens with a mention followed by a predicate); with ``need_verb`` the predicate must
    end with a reporting verb (optionally followed by "rằng" or "là")."""
    starts = [len(clause) - len(clause.lstrip(" -–—"))]
    nickname = _NICKNAME.match(clause, starts[0])
    if nickname:
        starts.append(nickname.end())  # "“Cậu bé vàng” Maradona … thốt lên: …"
    # comma segments, and the agent after "do" ("… do bộ Giao thông vận tải quy định: …")
    starts += [m.end() for m in re.finditer(r",\s*|(?<=\s)do\s+", clause)]
    # the attribution between the halves of a split quote ("“A” - X nói - “B”", "“A” - X
    # nói: “B”"): the clause after the first half's closing mark and its dash
    starts += [m.end() for m in re.finditer(r"[”\"]\s*[-–—]\s*(?=[A-ZĐ])", clause)]
    for start in starts:
        theo = re.match(
            r"(?:[Cc]ũng\s+|[Nn]hưng\s+)?[Tt]heo\s+(?:lời\s+|(?:quan điểm|ý kiến|"
            r"lời|nhận định|đánh giá)\s+của\s+)?",
            clause[start:],
        )
        at = start + (theo.end() if theo else 0)
        mention = parse_mention(clause, at, allow_org=True, clause_start=True)
        if mention is None:
            continue
        if (
            mention.kind == "bare"
            and len(mention.name.split()) >= 2
            and _VERB_NEXT.match(clause, mention.end)
        ):
            # "Tóc Tiên cho biết": a name of two or three words, then a reporting verb
            mention = Mention(
                mention.text, "name", mention.name, mention.role, "-", mention.end, mention.text_end
            )
        if mention.kind == "bare" and (
            resolver is None or not resolver.resolve(mention, len(clause)).speaker
        ):
            continue  # "Ngay từ tháng 10, …": a capitalised word, not a known name
        rest = clause[mention.end :]
        nickname = _NICKNAME_AFTER.match(rest)
        if nickname and mention.kind in ("name", "given", "bare"):
            rest = " " + rest[nickname.end() :]  # "Còn Huy “Voi” tỏ ra bình thản: …"
        if theo:
            if not rest.strip(" ,") or not need_verb and re.match(r"\s*(?:,|là\s*$)", rest):
                return mention, at  # "Theo ông X, “…”" (the quote right after the comma)
            continue
        rest_words = rest.strip(" ,")
        if not rest_words:
            if not need_verb:
                return mention, at  # "Bộ trưởng Nguyễn Mạnh Hùng: …"
            continue
        if not rest_words[0].islower():
            continue
        if mention.kind == "bare" and "," in rest_words and len(mention.name.split()) < 2:
            continue
        if need_verb:
            verbs = list(_VERB.finditer(rest_words)) or list(_THAT.finditer(rest_words))
            if not verbs:
                continue  # (a short predicate, then "rằng", reports whatever its verb)
            tail = rest_words[verbs[-1].end() :].strip(" ,-–—")
            # a partial quote inside reported speech ("X khẳng định chiến dịch … là “…”")
            # may sit a clause after the verb; a short quote must follow it closely
            long_partial = (
                partial
                and _words(rest_words) <= 30
                and _words(tail) <= 18
                and not re.search(r"[;:]", tail)
            )
            if (_words(rest_words) > 12 and not long_partial) or not (
                tail in ("", "rằng", "là", "thêm", "lại")
                or re.fullmatch(r"(?:\S+\s+){0,6}(?:là|rằng)", tail)
                or _words(tail) <= 4
                and partial
                or long_partial
            ):
                continue  # "cho biết nguyên nhân là “…”", "chia sẻ giáo viên mầm non “…”"
        elif _words(rest_words) > 40:
            continue
        return mention, at
    return None


# a lower-case subject and predicate closing the sentence after a quote
_UNNAMED_AFTER = re.compile(
    r"\s*[,–—-]\s*(?!(?:và|nhưng|rồi|thì|mà|để|khi|nên|vì)\s)"
    r"[a-zà-ỹđ][^,.;:“”\"()]{2,50}[.!…]\s*$"
)
# comma segments describing a person (no marks, no capitalised word opening one), then the
# reporting verb that closes the sentence
_DESCRIBED_TO_VERB = re.compile(
    rf"(?:\s*,\s*[a-zà-ỹđ][^,.;:“”\"]{{0,50}}){{1,2}}\s*,\s*(?:(?:{FILLER_RE})\s+)*"
    rf"(?:{VERB_RE})(?:\s+(?:thêm|lại))?\s*[.!…]?\s*$"
)
# a short quoted nickname opening a clause, before the name it goes with
_NICKNAME = re.compile(r"[“\"][^“”\"]{1,30}[”\"]\s+(?=[A-ZĐ])")
# the same after a name, before the predicate ("Huy “Voi” tỏ ra bình thản")
_NICKNAME_AFTER = re.compile(r"\s*[“\"][^“”\"]{1,20}[”\"]\s+(?=[a-zà-ỹđ])")
# "X tranh cãi rằng …": a predicate of up to four words, then "rằng", reports speech
_THAT = re.compile(
    r"^(?!(?:\S+\s+){0,3}(?:bị|được|bị cho|nghe nói)\s)"
    r"(?:[^\s,;:“”\"]+\s+){1,4}rằng(?!\w)"
)  # not passive ("bị tố cáo rằng")


class _Article:
    """Extraction state for one article."""

    def __init__(self, doc: Document, sentences: Sequence[Sentence]) -> None:
        self.doc = doc
        self.sentences = sentences
        self.resolver = SpeakerResolver(doc.text)
        self.paragraphs = doc.text.split("\n") if doc.text else []
        self.offsets: list[int] = []
        pos = 0
        for paragraph in self.paragraphs:
            self.offsets.append(pos)
            pos += len(paragraph) + 1
        self.starts = [s.start for s in sentences]

    def sentence_at(self, offset: int) -> int:
        import bisect

        i = bisect.bisect_right(self.starts, offset) - 1
        return self.sentences[i].index if i >= 0 else 0

    def resolve(self, item: _Item) -> None:
        mention = item.mention
        if mention is None:
            return
        at = item.start
        if mention.kind == "pronoun" and item.how in ("colon", "before"):
            # "Bà khen cô Ngát sáng ý: “…”": the pronoun refers back from where it stands,
            # not from the quote (cô Ngát, named after it, is the object)
            found = self.doc.text.rfind(mention.text, max(0, item.start - 300), item.start)
            at = found if found >= 0 else at
        res = self.resolver.resolve(mention, at)
        if mention.kind == "bare" and not res.speaker:
            # a capitalised word nobody was introduced with: not a subject after all
            item.mention = None
            if item.kind == "direct" and item.how != "colon":
                item.how = "none"
            elif item.kind == "indirect":
                item.how = "drop"
            return
        item.speaker, item.role = res.speaker, res.role
        item.path = f"{item.how}/{mention.kind}"
        if mention.kind.startswith("description"):
            return
        title_only = (
            bool(res.speaker)
            and not res.role
            and res.speaker.lower() == mention.text.strip().lower()
        )
        if mention.kind == "role" and title_only:
            # a title nobody holds by name ("Chủ tọa") speaks; a bare "ông" after it may
            # mean that official, never someone named before
            self.resolver.note(item.start, "", mention.gender)
        elif mention.kind != "org" and not title_only:
            self.resolver.note(item.start, res.speaker, mention.gender)


def extract_quotes(doc: Document, sentences: Sequence[Sentence]) -> list[Quote]:
    """Direct and indirect quotes of one article, in text order.

    Args:
        doc: the stored article (its clean text: paragraphs joined by "\\n").
        sentences: its stored sentences (offsets into ``doc.text``).
    """
    art = _Article(doc, sentences)
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    items: list[_Item] = []
    subjects: dict[int, Mention] = {}  # paragraph -> subject of its last sentence
    for p_index, paragraph in enumerate(art.paragraphs):
        base = art.offsets[p_index]
        spans = find_quote_spans(paragraph)
        direct = _direct_items(art, p_index, spans)
        items.extend(direct)
        kept = [
            (q.start - base - 1, q.end - base)
            for q in direct
            if q.how != "none" or _words(q.text) >= MIN_SCARE_WORDS
        ]
        for sentence in by_paragraph.get(p_index, []):
            items.extend(_indirect(art, sentence, base, kept))
        interview = _interview(art, p_index, spans)
        if interview is not None:
            items.append(interview)
        if paragraph.strip() and not kept:  # scare quotes do not hide the subject
            tail = paragraph[_clause_start(paragraph, len(paragraph.rstrip()) - 1, 0) :]
            subject = _named_subject(tail, art.resolver, base + len(paragraph))
            if subject is not None:
                subjects[p_index] = subject
    items.sort(key=lambda q: q.start)
    art.resolver.skip_inside([(q.start, q.end) for q in items if q.kind == "direct"])
    for item in items:
        art.resolve(item)
    _labels(art, items)
    carry_over(art, items)
    dialogue_turns(art, items)
    _continue_speakers(art, items, subjects)
    hold_floor(art, items)
    _quoted_title(art, items)
    for item in items:
        if (
            item.how == "none"
            and not item.speaker
            and (_words(item.text) < MIN_UNATTRIBUTED_WORDS or not item.sentence_start)
        ):
            item.how = "drop"  # short or mid-sentence, and nobody's: not speech
    answers = interview_answers(art, items)
    if answers:
        # an answer holds its own quoted words; the answer is the quote, except a quote the
        # interviewee gives to someone named in its clause ("ông X bảo rằng “…”")
        items = [
            q
            for q in items
            if q.kind != "direct"
            or not any(a.start <= q.start < a.end for a in answers)
            or _quoted_by_other(q, answers[0].speaker)
        ] + answers
        items.sort(key=lambda q: q.start)
    items = doubt_speakers(art, items)
    found = [
        Quote(
            doc.doc_id,
            q.speaker,
            q.role,
            q.mention.text if q.mention else "",
            q.kind,
            q.text,
            art.sentence_at(q.start),
            q.start,
            q.end,
            q.path if q.speaker else "",
        )
        for q in items
        if q.how != "drop"
    ]
    headline = _headline(art, doc.title or "")
    return ([headline] if headline is not None else []) + found


_WHOLE_QUOTE = re.compile(r"\s*['‘“\"«](?P<quote>[^\n]+?)['’”\"»]\s*")


def _quoted_by_other(item: _Item, interviewee: str) -> bool:
    """A quote inside an interview answer that its own clause gives, by name, to someone
    other than the interviewee."""
    return (
        bool(item.speaker)
        and item.speaker != interviewee
        and item.how in ("before", "after", "colon", "verb")
        and item.mention is not None
        and item.mention.kind in ("name", "given")
    )


def _quoted_title(art: _Article, items: list[_Item]) -> None:
    """A first line that is nothing but a quote (``'Mọi thứ chưa chấm hết'``, a headline
    quoting someone), said by the person the lead sentence names as reporting it (``…, tiền
    vệ X thừa nhận …``); nobody's when the lead names no one."""
    paragraphs = art.paragraphs
    whole = _WHOLE_QUOTE.fullmatch(paragraphs[0]) if paragraphs else None
    if whole is None or _words(whole.group("quote")) < 4:
        return
    found = _lead_reporter(art, 1)
    if found is None:
        return
    subject, res = found
    start, end = whole.span("quote")
    for item in items:
        if item.kind == "direct" and item.start <= start < item.end + 1:
            if not item.speaker:
                item.mention, item.speaker, item.role = subject, res.speaker, res.role
                item.how, item.path = "headline", f"headline/{subject.kind}"
            return
    items.insert(
        0,
        _Item(
            start,
            end,
            "direct",
            "headline",
            subject,
            whole.group("quote"),
            0,
            True,
            res.speaker,
            res.role,
            f"headline/{subject.kind}",
        ),
    )


def _lead_reporter(art: _Article, first: int) -> tuple[Mention, Resolution] | None:
    """The person the first sentence of the lead (the first non-empty paragraph from
    ``first``) names as the subject of a reporting verb, resolved."""
    paragraphs = art.paragraphs
    lead_at = next((i for i in range(first, len(paragraphs)) if paragraphs[i].strip()), None)
    if lead_at is None:
        return None
    lead = paragraphs[lead_at]
    cut = _SENTENCE_END.search(lead)
    sentence = lead[: cut.start() + 1] if cut else lead
    if not _VERB.search(sentence):
        return None
    subject = _named_subject(sentence, art.resolver, art.offsets[lead_at])
    if subject is None or subject.kind not in ("name", "given", "bare"):
        return None
    res = art.resolver.resolve(subject, art.offsets[lead_at])
    return (subject, res) if res.speaker else None


def _headline(art: _Article, title: str) -> Quote | None:
    """A headline that gives a person's words after their name and a colon, ``Bộ trưởng
    Nguyễn Văn A: Giá xăng sẽ không tăng`` (no marks): a direct quote of that person, named
    by the fullest form the article uses. The title is not part of the clean text, so the
    quote's offsets and sentence index are -1. A given name alone (``Ông A: …``) is taken
    only when the article names exactly one person with that given name."""
    whole = _WHOLE_QUOTE.fullmatch(title)
    if (
        whole is not None
        and _words(whole.group("quote")) >= 4
        and _WHOLE_QUOTE.fullmatch(art.paragraphs[0] if art.paragraphs else "") is None
    ):
        # "'Mọi thứ chưa chấm hết'" as the title: the person the lead says said it
        found = _lead_reporter(art, 0)
        if found is None:
            return None
        subject, res = found
        return Quote(
            art.doc.doc_id,
            res.speaker,
            res.role,
            subject.text,
            "direct",
            whole.group("quote"),
            -1,
            -1,
            -1,
            "headline/" + subject.kind,
        )
    match = re.match(r"^([^:“”\"]{3,80}):\s+(?=\S)", title)
    if not match:
        return None
    mention = parse_mention(title, 0, clause_start=True)
    if (
        mention is None
        or mention.kind not in ("name", "given")
        or title[mention.end : match.end()].strip(" :")
    ):
        return None
    words = title[match.end() :].strip()
    marked = re.fullmatch(r"[“\"]([^“”\"]+)[”\"][.!]?", words)
    if marked:
        words = marked.group(1).strip()  # "Lâm Thắng: “Hào quang … biến mất rất nhanh”"
    if _words(words) < 4 or words.endswith("?") or words[:1] in "“”\"'‘":
        return None
    res = art.resolver.resolve(mention, 0)
    if not res.speaker or (mention.kind == "given" and res.speaker == mention.name):
        return None  # "Ông A" with no "Nguyễn Văn A" in the article: not sure who
    return Quote(
        art.doc.doc_id,
        res.speaker,
        res.role,
        mention.text,
        "direct",
        words,
        -1,
        -1,
        -1,
        "headline/" + mention.kind,
    )


def _labels(art: _Article, items: list[_Item]) -> None:
    """A short quoted phrase opening a sentence whose attribution goes on to report speech
    (“Người trong cuộc”, ông X cho biết, kế hoạch …) is a label, not what X said; one
    followed straight by a name (“Cậu bé vàng” Maradona …) is a nickname."""
    for n, item in enumerate(items):
        if item.kind != "direct" or _words(item.text) >= MIN_SCARE_WORDS:
            continue
        after = art.doc.text[item.end + 1 : item.end + 3]
        if re.match(r"\s[A-ZĐ]", after) and (item.mention is None or item.mention.kind == "bare"):
            item.how = "drop"
            continue
        for later in items[n + 1 :]:
            if later.start - item.end > 300:
                break
            if (
                later.kind == "indirect"
                and later.how == "verb"
                and not _SENTENCE_END.search(art.doc.text[item.end + 1 : later.start] + "x")
            ):
                item.how = "drop"
                break


def _continue_speakers(art: _Article, items: list[_Item], subjects: dict[int, Mention]) -> None:
    """An unattributed quote takes the speaker of the quote just before it (one sentence
    back), of the quote right after it, or the subject of the sentence before it."""
    direct = [q for q in items if q.kind == "direct"]
    for i, item in enumerate(direct):
        if item.how != "none" or _relative_after(art, item):
            continue
        _continue_one(art, items, direct, i, subjects)
        others = _named_after(art, item)
        mine = set(item.speaker.split())
        if item.speaker and any(not mine & set(other.split()) for other in others):
            # "“…”, Walcott, người ghi bàn, nói với vẻ phấn khích.": the clause the grammar
            # cannot read names someone else; the quote is theirs, not the one continued
            item.mention, item.speaker, item.role, item.path = None, "", "", ""


def _named_after(art: _Article, item: _Item) -> set[str]:
    """The people named in an attribution clause the grammar could not read after the
    quote (empty without such a clause)."""
    if not own_clause_after(art, item):
        return set()
    text = art.doc.text
    # to the first sentence mark, spaced or not ("…”, ông nói.Mark Leese, …")
    stop = re.compile(r"[.!?…\n]").search(text, item.end + 1, min(len(text), item.end + 200))
    end = stop.start() if stop else min(len(text), item.end + 200)
    names = {p.name for p in art.resolver.people if item.end < p.offset < end}
    opening = _OPENING_NAME.match(text, item.end + 1, end)  # ", Walcott, người …, nói"
    if opening and opening.group(1) not in PLACE_WORDS:
        names.add(opening.group(1))
    return names


# a capitalised run opening the clause after a quote, as its subject
_OPENING_NAME = re.compile(r"[\s,”\"»–—-]*((?:[A-ZĐ][\w'-]*)(?:\s+[A-ZĐ][\w'-]*)*)(?=[\s,])")


def _continue_one(
    art: _Article, items: list[_Item], direct: list[_Item], i: int, subjects: dict[int, Mention]
) -> None:
    """The continuation rules of ``_continue_speakers`` for the ``i``-th direct quote."""
    item = direct[i]
    paragraph = art.paragraphs[item.p_index]
    base = art.offsets[item.p_index]
    open_ = item.start - base - 1
    prev = (
        direct[i - 1] if i and direct[i - 1].p_index in (item.p_index, item.p_index - 1) else None
    )
    nxt = direct[i + 1] if i + 1 < len(direct) and direct[i + 1].p_index == item.p_index else None
    between = art.doc.text[prev.end + 1 : item.start - 1] if prev else ""
    question = item.text.rstrip(" .").endswith("?") or (
        prev is not None and prev.text.rstrip(" .").endswith("?")
    )
    said = [
        q
        for q in items
        if q.kind == "indirect"
        and q.speaker
        and q.how != "drop"
        and q.end <= item.start
        and not art.doc.text[q.end : item.start - 1].strip(' .,;:”"»\n')
        and q.mention is not None
        and q.mention.kind != "org"
        and not is_group(q.mention)  # one of "các cầu thủ X" speaks, not the group
    ]
    if (
        said
        and item.sentence_start
        and not item.text.rstrip(" .").endswith("?")
        and not (prev and prev.speaker and prev.end > said[-1].start)
    ):
        # "X, …, cho biết không ai muốn “…” để lấy tiền. “Tôi sẽ …”": X goes on
        item.mention, item.speaker, item.role = (
            said[-1].mention,
            said[-1].speaker,
            said[-1].role,
        )
        item.path = "continue-indirect"
        return
    reported = prev is not None and any(
        q.kind == "indirect"
        and q.how != "drop"
        and prev.end < q.start < item.start
        and q.speaker != prev.speaker
        for q in items
    )  # someone else reports in between
    if (
        prev
        and prev.speaker
        and item.sentence_start
        and not (prev.mention is not None and is_group(prev.mention))
        and not question
        and not reported
        and len(_SENTENCE_END.findall(between + " ")) <= 1
        and _words(between) <= 30
        and not _someone_else(art, between.strip(' .,;”"»'), prev)
        and not _names_another(art, prev, item)
        and not scene_changes(between.lstrip(' .,;”"»'))
    ):
        item.mention, item.speaker, item.role = prev.mention, prev.speaker, prev.role
        item.path = "continue-prev"
    elif (
        nxt
        and nxt.speaker
        and nxt.how != "none"
        and item.sentence_start
        and not item.text.rstrip(" .").endswith("?")
        and not art.doc.text[item.end + 1 : nxt.start - 1].strip(" .,;")
    ):
        item.mention, item.speaker, item.role = nxt.mention, nxt.speaker, nxt.role
        item.path = "continue-next"
    elif item.sentence_start and not (
        prev
        and prev.p_index == item.p_index
        and prev.end - base
        >= _clause_start(paragraph, max(0, len(paragraph[:open_].rstrip()) - 1), 0)
    ):
        # the sentence before holds no quote of its own (paragraphs may be run together)
        lead = paragraph[:open_]
        subject = None
        if lead.strip():
            last = _clause_start(paragraph, max(0, len(lead.rstrip()) - 1), 0)
            subject = _named_subject(paragraph[last:open_], art.resolver, item.start)
        else:
            subject = subjects.get(item.p_index - 1)
        if subject is not None:
            res: Resolution | None = art.resolver.resolve(subject, item.start)
            if (
                res is not None
                and res.speaker
                and prev
                and prev.p_index == item.p_index
                and prev.speaker not in ("", res.speaker)
            ):
                res = None  # narration about X between quotes by Y: whose is it?
            if res is not None and res.speaker:
                item.mention, item.speaker, item.role = subject, res.speaker, res.role
                item.path = f"continue-subject/{subject.kind}"


_RELATIVE = re.compile(r"[^.!?…\n“”\"]{0,40}?(?<!\w)của\s")
# a writing of someone speaks for them ("“…”, phán quyết dài 233 trang của thẩm phán X có
# đoạn"): not a relative
_WRITING_OF = re.compile(
    r"[\s,–—-]*(?:phán quyết|bản án|thông báo|thông cáo|tuyên bố|bức thư|lá thư|thư|"
    r"báo cáo|văn bản|lời khai|đơn|kết luận|nghị quyết|quyết định|bài viết|bài báo)(?!\w)"
)


def _relative_after(art: _Article, item: _Item) -> bool:
    """Does an attribution the grammar cannot read follow the quote and name someone by
    their relation to another ("“…”, học trò của X nói.")? The quote is the student's,
    neither X's nor the one quoted before."""
    if not own_clause_after(art, item):
        return False
    text = art.doc.text
    return bool(_RELATIVE.match(text, item.end + 1)) and not _WRITING_OF.match(text, item.end + 1)


def _names_another(art: _Article, prev: _Item, item: _Item) -> bool:
    """Is someone other than the previous speaker named in a sentence of its own between
    two quotes ("“A”, bà nói. Ý kiến của bà giống điều Yasir Alani nghĩ. “B”")?"""
    between = art.doc.text[prev.end + 1 : item.start - 1]
    cut = _SENTENCE_END.search(between)
    if cut is None:
        return False  # "“A”, X nói với Y, “B”": the same sentence, the same speaker
    return any(
        prev.end + 1 + cut.end() <= p.offset < item.start and p.name != prev.speaker
        for p in art.resolver.people
    )


def _named_subject(clause: str, resolver: SpeakerResolver, at: int) -> Mention | None:
    """The subject of a sentence for a quote after it: the first subject that names
    someone, past subjects that name nobody ("Dù …, nhưng cầu thủ ghi 2 bàn, Frank Lampard
    vẫn thận trọng.": Lampard); the first subject when none does."""
    first = None
    for _ in range(3):
        found = subject_of(clause, need_verb=False, resolver=resolver)
        if found is None:
            break
        mention, start = found
        first = first or mention
        if (
            mention.kind in ("pronoun", "org")
            or mention.kind.startswith("description")
            or resolver.resolve(mention, at).speaker
        ):
            return mention
        comma = clause.find(",", start + len(mention.text))
        if comma < 0:
            break
        clause = clause[comma + 1 :]
    return first


def _someone_else(art: _Article, sentence: str, prev: _Item) -> bool:
    """Does the sentence between two quotes have a subject other than the first quote's
    speaker ("“A”, X nói. Luật sư của bị cáo phản đối. “B”": B is not X's)?"""
    if not sentence:
        return False
    found = subject_of(sentence, need_verb=False, resolver=art.resolver)
    mention = found[0] if found else description_at(sentence)
    if mention is None:
        # someone nobody can name reports speech in between ("Hassan al-Zubaydi, người …,
        # bình luận rằng …"): the next quote is more likely theirs; abstain
        return bool(_VERB.search(sentence))
    if mention.kind == "pronoun" or mention.kind.startswith("description"):
        return False  # "Ông nói thêm." / "Người mẹ nghẹn lời.": the same person, most likely
    return art.resolver.resolve(mention, prev.end).speaker != prev.speaker


def _direct_items(art: _Article, p_index: int, spans: list[tuple[int, int]]) -> list[_Item]:
    """The direct quotes of one paragraph, attributed but not yet resolved."""
    paragraph = art.paragraphs[p_index]
    base = art.offsets[p_index]
    out: list[_Item] = []
    for n, (open_, close) in enumerate(spans):
        # a short quoted name inside the clause ("HLV X của “Cỗ xe tăng Đức” thì nói: …")
        # does not cut the clause: the floor is the last longer quote before this one
        floor = 0
        for o, c in spans[:n]:
            if _words(paragraph[o + 1 : c]) >= MIN_SCARE_WORDS:
                floor = c + 1
        ceiling = spans[n + 1][0] if n + 1 < len(spans) else len(paragraph)
        content = paragraph[open_ + 1 : close].strip()
        start = _clause_start(paragraph, open_, floor)
        before = paragraph[start:open_]
        after = paragraph[close + 1 : _clause_end(paragraph, close + 1, ceiling)]
        how, mention = _attribute(
            paragraph, open_, close, before, after, content, n, spans, art.resolver
        )
        if how == "reject":
            continue
        if how == "none" and out and n:
            # "X thừa nhận kết quả là “A” và các chiến dịch thì “B”": a second partial quote
            # of the same reported clause, joined by a conjunction, is X's too
            prev = out[-1]
            gap = paragraph[spans[n - 1][1] + 1 : open_]
            if (
                prev.end == base + spans[n - 1][1]
                and prev.how in ("before", "colon")
                and prev.mention is not None
                and _SAME_CLAUSE.fullmatch(gap)
                and not _VERB.search(gap)
            ):
                how, mention = "before", prev.mention
        sentence_start = not paragraph[_clause_start(paragraph, open_, 0) : open_].strip(" -–—(")
        out.append(
            _Item(
                base + open_ + 1,
                base + close,
                "direct",
                how,
                mention,
                content,
                p_index,
                sentence_start,
            )
        )
    return out + _pull_quote(art, p_index, spans, out)


# lower-case words joining two partial quotes of one clause ("” và các chiến dịch thì “")
_SAME_CLAUSE = re.compile(
    r"[\s,]*(?:và|còn|cũng như|đồng thời|nhưng)\s+[a-zà-ỹđ\s\d]{0,80}?"
    r"(?:\s(?:thì|là|cũng|vẫn|sẽ|đã|đều|lại|còn))?\s*"
)


def _attribute(
    paragraph: str,
    open_: int,
    close: int,
    before: str,
    after: str,
    content: str,
    n: int,
    spans: list[tuple[int, int]],
    resolver: SpeakerResolver,
) -> tuple[str, Mention | None]:
    """How a span is attributed: ("colon"|"after"|"before"|"none", mention) or ("reject",)."""
    colon = re.search(r":\s*$", before)
    if (
        not colon
        and _NAME_NOUN.search(before[-100:])
        or colon
        and _SIGN.search(before[: colon.start()])
    ):
        return "reject", None  # hội nghị “…”, mang tên “…”, dòng chữ: “…”
    if colon:
        clause = before[: colon.start()]
        quoting = _QUOTING_ANY.search(clause)
        if quoting:  # "Tờ báo trích lời ông chủ của AC Milan, Silvio Berlusconi: “…”"
            return "colon", _quoted_person(clause[quoting.end() :])
        subject = subject_of(clause, need_verb=False, resolver=resolver)
        if subject is not None:
            return "colon", subject[0]
        inner = _inner_subject(clause)
        if inner is not None:
            return "colon", inner
    # after: "…", ông X nói / "…" - bà Y kể
    sentence_start = not before.strip(" -–—(") or n and not before.strip(" ,.-–—")
    ends_sentence = bool(re.search(r"[.!?…]\s*$", content))
    # "“Q?” - X trả lời: “A”": X answers, the question was someone else's
    introduces_next = after.rstrip().endswith(":") and content.rstrip(" .").endswith("?")
    if (sentence_start or ends_sentence or _words(content) >= 10) and not introduces_next:
        lead = _AFTER_LEAD.match(after)
        clause = after[lead.end() :] if lead else after
        if clause:
            mention = parse_mention(clause, 0, allow_org=True, clause_start=True)
            quoting = _QUOTING.match(clause)
            if quoting:  # "…", ISNA dẫn lời ông Jalali
                mention = parse_mention(clause, quoting.end(), clause_start=True)
            lead_in = re.match(r"[^,.;:“”\"A-ZĐ]{2,40},\s*", clause)
            if mention is None and lead_in and _words(lead_in.group(0)) <= 6:
                # "“…”, vừa nựng con, bà Hoè vừa kể": a short adverbial, then the subject
                mention = parse_mention(clause, lead_in.end(), clause_start=True)
            if mention is None:
                mention = description_at(clause)  # "“…”, người mẹ kể": resolved later
            if (
                mention is not None
                and mention.kind == "bare"
                and len(mention.name.split()) >= 2
                and (
                    _VERB_NEXT.match(clause, mention.end)
                    or _DESCRIBED_TO_VERB.match(clause, mention.end)
                )
            ):
                # "N. Wijewickrema, …, cho biết"; "Shota Matsushima, 20 tuổi, sinh viên, gần
                # khu vực diễn tập, nói.": a name, then its description, then the verb
                mention = Mention(
                    mention.text,
                    "name",
                    mention.name,
                    mention.role,
                    "-",
                    mention.end,
                    mention.text_end,
                )
            rest = clause[mention.end :] if mention is not None else ""
            if mention is not None and (
                not rest.strip(" ,.")
                or rest.lstrip(" ,")[:1].islower()
                or rest.lstrip().startswith(",")
                and mention.kind in ("name", "given")
            ):
                return "after", mention
        final = _final_attribution(after, resolver)
        if final is not None:
            return "after", final
        if ends_sentence or _UNNAMED_AFTER.match(after):
            if _UNNAMED_AFTER.match(after) and not _VERB.search(after):
                # "“…”, chủ cửa hàng chắc nịch.": someone the text does not name speaks;
                # the quote is theirs, not the last person named before it (with a
                # reporting verb, "nhà ngoại giao Nga tuyên bố", it may be the same one)
                return "after", None
    if not colon:
        subject = subject_of(
            before, need_verb=True, resolver=resolver, partial=_words(content) >= 6
        )
        if subject is not None and _words(content) >= 4:
            return "before", subject[0]
        named = _naming_subject(before, paragraph[close + 1 :], content) or _described_subject(
            before, content
        )
        if named is not None:
            return "before", named
    if colon:
        if _words(content) >= MIN_SCARE_WORDS:
            return "colon", None  # "Tôi hỏi ông Tính: “…”": speech, speaker unknown
        return "reject", None
    if _words(content) < MIN_SCARE_WORDS:
        return "reject", None
    return "none", None


# "X mô tả vụ việc là “…”", "X gọi đó là “…”", "X ví … như “…”": a naming verb, its object,
# then the quoted words as the predicate noun
_NAMING = re.compile(
    rf"^[\s,]*(?:(?:{FILLER_RE})\s+)*(?:mô tả|miêu tả|gọi|ví|coi|xem|đánh giá)"
    r"(?:\s+[^,;:“”\"]{1,60}?)?\s+(?:là|như)\s*$"
)


_FINAL_VERB = re.compile(
    rf"\s*(?:(?:{FILLER_RE})\s+)*(?:{VERB_RE})(?:\s+(?:thêm|lại))?"
    r"\s*[.!…]?\s*$"
)


def _final_attribution(after: str, resolver: SpeakerResolver) -> Mention | None:
    """The speaker of a sentence that ends with its attribution after a clause that goes
    on from the quote (``“…”, do đó vắc xin chưa chắc hiệu quả, Bekedam nhận định.``): the
    subject of the last comma segment when nothing but its reporting verb follows."""
    cuts = [m.end() for m in re.finditer(r",\s*", after)][-2:]
    for at in reversed(cuts):
        if re.search(r"[“”\"]", after[at:]):
            continue
        mention = parse_mention(after, at, allow_org=True, clause_start=True)
        if (
            mention is None
            or mention.kind in ("pronoun", "role")
            or not _FINAL_VERB.match(after, mention.end)
        ):
            continue
        if mention.kind == "bare":
            if (
                len(mention.name.split()) < 2
                and not resolver.resolve(mention, len(resolver.text)).speaker
            ):
                continue
            mention = Mention(
                mention.text, "name", mention.name, mention.role, "-", mention.end, mention.text_end
            )
        return mention
    return None


def _naming_subject(before: str, rest: str, content: str) -> Mention | None:
    """The subject of a naming clause that ends with a long quote closing the sentence
    (``Bộ trưởng X mô tả vụ tấn công là “một hành động man rợ và vô nghĩa”.``). Short
    quotes after a naming verb are names or scare quotes (``gọi là “nổ”``), never speech."""
    if _words(content) < 5 or not re.match(r"\s*(?:[.!…]|$)", rest):
        return None
    starts = [len(before) - len(before.lstrip(" -–—"))]
    starts += [m.end() for m in re.finditer(r"[,;]\s*", before)]
    for at in starts:
        mention = parse_mention(before, at, allow_org=True, clause_start=True)
        if mention is None or mention.kind == "bare":
            continue
        if _NAMING.match(before[mention.end :]):
            return mention
    return None


def _described_subject(before: str, content: str) -> Mention | None:
    """A description subject and a reporting verb, then a long partial quote inside the
    reported clause (``…, nhà đầu tư cho rằng một người có thể “…”``): the description,
    for the focus to resolve like any other."""
    if _words(content) < 5:
        return None
    starts = [len(before) - len(before.lstrip(" -–—"))]
    starts += [m.end() for m in re.finditer(r",\s*", before)]
    for at in starts:
        mention = description_at(before, at)
        if mention is None:
            continue
        verb = _VERB_NEXT.match(before, mention.end)
        if verb and _words(before[verb.end() :]) <= 18 and not re.search(r"[;:]", before[at:]):
            return mention
    return None


# words after which a subject may open inside a clause ("… khiến Thủ tướng trăn trở và
# đặt câu hỏi: …", "Còn Huy thì nói: …")
_SUBJECT_AFTER = re.compile(
    r"(?<!\w)(?:khiến|làm|khiến cho|để|thì|còn|và|nhưng|rồi|mà|lúc này|"
    r"sau đó|nên)\s+"
)


def _quoted_person(tail: str) -> Mention | None:
    """The person a paper quotes: the last mention that runs to the end of ``tail``
    ("ông chủ của AC Milan và Thủ tướng Italy, Silvio Berlusconi")."""
    tail = tail.rstrip(" ,")
    said = _FINAL_VERB.search(tail)
    if said and said.start() > 0:
        tail = tail[: said.start()].rstrip(" ,")  # "… dẫn lời ông X nói: “…”"
    found = None
    for at in [0] + [m.end() for m in re.finditer(r",\s*", tail)]:
        mention = parse_mention(tail, at, clause_start=True)
        if mention is None or tail[mention.end :].strip(" ,"):
            continue
        if mention.kind == "bare" and len(mention.name.split()) >= 2:
            mention = Mention(
                mention.text, "name", mention.name, mention.role, "-", mention.end, mention.text_end
            )
        if mention.kind in ("name", "given", "pronoun"):
            found = mention
    return found


def _inner_subject(clause: str) -> Mention | None:
    """The subject of a colon clause when it does not open the clause: a person mention
    after a conjunction or a causative verb, followed by nothing but a lower-case predicate
    (no second mention, no comma); or a description (``Người cha già … nói:``), resolved
    later to the person in focus."""
    stripped = clause.strip(" -–—")
    description = description_at(stripped)
    if description is not None and _words(stripped) <= 12 and "," not in stripped:
        return description
    for match in _SUBJECT_AFTER.finditer(clause):
        mention = parse_mention(clause, match.end(), clause_start=True)
        if mention is None or mention.kind not in ("name", "given", "role", "pronoun"):
            continue  # "… thì bà nói: …": the pronoun, for the focus to resolve
        rest = clause[mention.end :].strip()
        if (
            rest
            and rest[0].islower()
            and _words(rest) <= 10
            and not re.search(r"[,;“”\"]", rest)
            and parse_mention(rest, 0) is None
        ):
            return mention
    return None


def _pull_quote(
    art: _Article, p_index: int, spans: list[tuple[int, int]], done: list[_Item]
) -> list[_Item]:
    """A paragraph that is only a quote, then a line that is only the speaker."""
    paragraph = art.paragraphs[p_index]
    if (
        len(spans) != 1
        or paragraph[: spans[0][0]].strip()
        or paragraph[spans[0][1] + 1 :].strip(" .,")
        or p_index + 1 >= len(art.paragraphs)
    ):
        return []
    line = art.paragraphs[p_index + 1].strip()
    if _words(line) > 16 or line.endswith((".", "!", "?", ":")):
        return []
    mention = parse_mention(line, 0, clause_start=True)
    if mention is None or mention.kind not in ("name", "given") or line[mention.end :].strip(" ,"):
        return []
    start = art.offsets[p_index] + spans[0][0] + 1
    for item in done:
        if item.start == start:
            if item.how != "none":
                return []
            item.how, item.mention = "pull", mention
            return []
    return []


def _interview(art: _Article, p_index: int, spans: list[tuple[int, int]]) -> _Item | None:
    """``Bộ trưởng Nguyễn Mạnh Hùng: Thách thức …`` (an interview answer, no marks)."""
    paragraph = art.paragraphs[p_index]
    match = re.match(r"^([^:“”\"]{3,80}):\s+(?=\S)", paragraph)
    if not match or (spans and spans[0][0] <= match.end() + 1):
        return None
    mention = parse_mention(paragraph, 0)
    if (
        mention is None
        or mention.kind not in ("name", "given")
        or paragraph[mention.end : match.end()].strip(" :")
    ):
        return None
    answer = paragraph[match.end() :].strip()
    if _words(answer) < 4:
        return None
    start = art.offsets[p_index] + match.end()
    return _Item(
        start,
        art.offsets[p_index] + len(paragraph.rstrip()),
        "direct",
        "interview",
        mention,
        answer,
        p_index,
        True,
    )


def quotes_frame(quotes: Sequence[Quote], documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quotes as a DataFrame with the ``vnt quotes`` columns."""
    import pandas as pd

    meta = {}
    if documents is not None:
        meta = {
            d: (s, t)
            for d, s, t in documents[["doc_id", "source", "title"]].itertuples(index=False)
        }
    rows = [
        (
            q.doc_id,
            *meta.get(q.doc_id, ("", "")),
            q.speaker,
            q.speaker_role,
            q.mention,
            q.kind,
            q.quote,
            q.sentence_index,
        )
        for q in quotes
    ]
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)
