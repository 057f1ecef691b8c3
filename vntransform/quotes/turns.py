"""Speakers carried across sentences: a pronoun or a description ("ông", "người mẹ",
"nhà phân tích", "tờ báo") that names nobody refers to the speaker in focus.

The focus is the most recent person named outside quotes or attributed a quote before the
mention, within a short window, with a compatible gender, and with no unresolved
attribution in between (that would be someone we could not name, so the pronoun may be
theirs). A wrong speaker is worse than an empty one, so every doubt leaves it empty.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vntransform.quotes.mentions import Mention, parse_mention
from vntransform.quotes.speakers import names_someone_else

if TYPE_CHECKING:
    from vntransform.quotes.clauses import _Item
    from vntransform.quotes.extract import _Article

FOCUS_WINDOW = 700  # characters between the focus and the mention it resolves

# a definite description as a subject: "người mẹ", "tờ báo", "bài báo", "người cha già",
# "vị chuyên gia này"; lower-case words only, ending before the predicate
_DESCRIPTION = re.compile(
    r"(?i:người|vị|tờ|bài|nhà|chuyên gia|nữ|nam|cụ|cô gái|chàng trai|anh chàng|cô bé)"
    r"(?:\s+[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+)"
    r"{1,2}(?:\s+(?:này|ấy|đó|nói trên))?(?=\s|$)"
)
# a role mention that describes rather than names a post ("nhà phân tích", "chuyên gia
# này"): a qualified title ("đại biểu TP HCM") belongs to its own holder, never carried
_DESCRIPTIVE_ROLE = re.compile(r"(?i:nhà|chuyên gia|học giả|giới|vị)\s|.*\s(?:này|ấy|đó)$")
_FEMALE = frozenset({"mẹ", "bà", "vợ", "chị", "cô", "nữ", "gái", "con gái"})
_MALE = frozenset({"cha", "bố", "ông", "chồng", "anh", "nam", "trai"})
_ORG_DESCRIPTION = re.compile(r"(?i:tờ|bài|báo|hãng|cơ quan|tổ chức)(?!\w)")


def description_at(clause: str, pos: int = 0) -> Mention | None:
    """A description subject ("người mẹ kể", "tờ báo khẳng định") at ``pos``: a role
    mention with no name, for the focus to resolve."""
    match = _DESCRIPTION.match(clause, pos)
    if not match:
        return None
    text = match.group(0).strip()
    kind = "org" if _ORG_DESCRIPTION.match(text) else "role"
    words = set(text.lower().split())
    gender = "f" if words & _FEMALE else "m" if words & _MALE else "-"
    return Mention(text, "description-" + kind, "", text, gender, pos + len(text), pos + len(text))


def carry_over(art: _Article, items: list[_Item]) -> None:
    """Resolve pronoun and description mentions that the resolver left empty."""
    resolver = art.resolver
    people = resolver.focus_people if resolver.focus_people is not None else resolver.people
    for n, item in enumerate(items):
        mention = item.mention
        if (
            item.speaker
            or mention is None
            or not (
                mention.kind == "pronoun"
                or mention.kind.startswith("description")
                or mention.kind == "role"
                and _DESCRIPTIVE_ROLE.match(mention.text)
            )
        ):
            continue
        want_org = mention.kind == "description-org"
        # the candidates, most recent first: earlier attributed items and people named
        # outside quotes (at, speaker, role, is_org, said)
        cands: list[tuple[int, str, str, bool, bool]] = []
        blocked_after = -1
        for prev in items[:n]:
            if prev.mention is not None and not prev.speaker and prev.how != "drop":
                blocked_after = max(blocked_after, prev.start)
            if prev.speaker and prev.mention is not None:
                is_org = prev.mention.kind in ("org", "description-org")
                cands.append((prev.start, prev.speaker, prev.role, is_org, True))
        cands += [(p.offset, p.name, p.role, False, False) for p in people if p.offset < item.start]
        cands.sort(key=lambda c: -c[0])
        head = re.sub(r"\s+(?:này|ấy|đó|nói trên)$", "", mention.text.strip()).lower()
        if mention.kind == "description-role" and len(head.split()) >= 2:
            # "chuyên gia này": the expert named before, past the leaders named since
            fitting = [c for c in cands if head in c[2].lower()]
            if fitting:
                cands = fitting
        for best in cands:
            if best[0] < blocked_after or item.start - best[0] > FOCUS_WINDOW:
                break
            known = resolver.gender_of(best[1])
            if (
                mention.kind.startswith("description")
                and mention.gender != "-"
                and known not in ("-", mention.gender)
                and not best[3]
            ):
                continue  # "người mẹ" passes over the son named after her
            if (
                best[3] != want_org
                or mention.kind == "pronoun"
                and (not best[4] or item.start - best[0] > FOCUS_WINDOW // 2)
            ):
                # the resolver already weighed the people named for a pronoun; only a
                # speaker quoted just before may still be meant
                break
            if mention.gender != "-" and known not in ("-", mention.gender):
                break
            if names_someone_else(mention, best[1], best[2]):
                break  # "nhà phân tích Jawad al-Anani": not the analyst named before
            if want_org and _other_subject(art, best[0], item.start, best[1]):
                break  # "X viết: …. Y thì giật tít …. Bài báo viết: …": Y's, or nobody's
            if mention.gender == "f" and known != "f":
                break  # women are introduced as "bà"; a name alone is no evidence
            item.speaker, item.role = best[1], best[2]
            item.path = f"carry/{mention.kind}/{'said' if best[4] else 'named'}"
            break


_CAP_RUN = re.compile(r"((?:[A-ZĐ][\w-]*\s+){1,4}[A-ZĐ][\w-]*)\s+[a-zà-ỹđ]")
_SENTENCE_OPEN = re.compile(r"(?:^|\n|[.!?…][”\"]?\s+)(?=[A-ZĐ])")


def _other_subject(art: _Article, since: int, until: int, speaker: str) -> bool:
    """Does a sentence between ``since`` and ``until`` open with a named subject other
    than ``speaker`` (a person or a body: the last one talked about)?"""
    text = art.doc.text
    start = text.find("\n", since, until)
    if start < 0:
        return False  # the same paragraph: the candidate's own quote may name others
    for opening in _SENTENCE_OPEN.finditer(text, start, until):
        mention = parse_mention(text, opening.end(), allow_org=True, clause_start=True)
        if mention is None:
            run = _CAP_RUN.match(text, opening.end())  # "The Guardian thì giật tít …"
            if run and run.group(1) not in speaker:
                return True
            continue
        if mention.kind in ("pronoun", "description"):
            continue
        if (
            mention.kind in ("org", "name", "given")
            or mention.kind == "bare"
            and len(mention.name.split()) >= 2
        ):
            if mention.name and mention.name not in speaker and speaker not in mention.name:
                return True
    return False


# an interview question: "* Ông nghĩ gì …?", "PV: …?", "Phóng viên: …?", "Hỏi: …?"
_QUESTION_MARK = r"(?:\*|(?i:PV|Phóng viên|P\.V)\s*:|Hỏi\s*:)"
# an answer turn: "- Tôi nghĩ …", "Trả lời: …", "Đáp: …", "TL: …"
_ANSWER_MARK = r"(?:[-–—]|(?:Trả lời|Đáp|TL)\s*:)"
_INLINE_QA = re.compile(
    rf"(?:^|(?<=\s)){_QUESTION_MARK}\s+(?P<q>[^*]{{5,800}}?\?)[”\"]?\s+"
    rf"{_ANSWER_MARK}\s+(?P<a>[^*]+?)\s*(?=\s(?:\*|Hỏi\s*:)\s|$)"
)
# a reporter's question with no mark, its answer run on after a dash in the same paragraph:
# "Thưa ông, vậy thì phải làm gì? - Tôi cho rằng …" (counted only inside an interview)
_PLAIN_INLINE = re.compile(
    rf"^\s*(?P<q>[^“”\"«»?\n]{{5,400}}\?)[”\"]?\s+{_ANSWER_MARK}\s+(?P<a>\S.*?)\s*$"
)
_QUESTION_LINE = re.compile(rf"^\s*{_QUESTION_MARK}\s*\S")
_ANSWER_LINE = re.compile(r"^\s*(?:[-–—]\s*|(?:Trả lời|Đáp|TL)\s*:\s*)(?=\S)")
_DASH_OPEN = re.compile(r"^\s*[-–—*•]")
# the lead introducing the interviewee: "… trò chuyện với ông X, Giám đốc …", "PV đã phỏng
# vấn bà Y", "trao đổi với Bộ trưởng Z"
_INTERVIEW_CUE = re.compile(
    r"(?<!\w)(?:trò chuyện|phỏng vấn|trao đổi|nói chuyện|hỏi chuyện|gặp gỡ)"
    r"(?:\s+(?:với|cùng))?\s+",
    re.IGNORECASE,
)
# "X … đã có cuộc trao đổi với VnExpress", "X tâm sự với báo chí": X is interviewed
_TALKED = re.compile(
    r"(?<!\w)(?:trò chuyện|trao đổi|tâm sự|chia sẻ|trả lời phỏng vấn|nói chuyện)"
    r"\s+(?:với|cùng)\s+(?:báo chí|phóng viên|PV|nhà báo|(?:báo|tờ|tạp chí)?\s*[A-ZĐ])"
)
# a person named as a companion ("viết chung cùng nhà báo X", "đi với Y")
_COMPANION = re.compile(r"(?<!\w)(?:cùng|với|và)\s+$")
QUESTION_WORDS = 60  # a reporter's question is short


def _asks(paragraph: str) -> bool:
    """A paragraph that is one short question with no quote marks of its own."""
    text = paragraph.strip()
    return (
        text.rstrip('”" ').endswith("?")
        and (len(text.split()) <= QUESTION_WORDS or bool(_DASH_OPEN.match(text)))
        and not text.startswith(("“", '"', "«"))
    )


def _dash_questions(paragraphs: list[str]) -> set[int]:
    """Questions of an interview whose answers open with a dash or ``Trả lời:``/``Đáp:``
    (``- Anh nghĩ sao?`` or ``Thưa ông, …?``, then ``- Tôi nghĩ …``): short paragraphs
    ending in "?" that an answer paragraph not ending in "?" follows, and paragraphs holding a
    question and its dash-led answer. Two such pairs at least, so one question in a story is
    not an interview."""
    found = set()
    inline = set()
    for i in range(len(paragraphs)):
        this = paragraphs[i].rstrip()
        following = [p.rstrip() for p in paragraphs[i + 1 : i + 3]]
        # a photo caption ("NSƯT X.") may stand between a question and its answer
        after = next((p for p in following if len(p.split()) >= 5), "")
        if (
            _asks(this)
            and _ANSWER_LINE.match(after)
            and not after.endswith("?")
            and len(after.split()) >= 5
        ):
            found.add(i)
        elif _PLAIN_INLINE.match(this) and not _QUESTION_LINE.match(this):
            inline.add(i)
    return found | inline if len(found | inline) >= 2 else set()


def _interviewee(art: _Article, items: list[_Item], first: int) -> str:
    """Who answers: the one ``Name:`` speaker, else the person the lead says the reporter
    talked to (``trò chuyện với ông X``), else the person named or quoted last before the
    first question; "" when nobody fits."""
    named = {q.speaker for q in items if q.how == "interview" and q.speaker}
    if len(named) == 1:
        return named.pop()
    if named:
        return ""
    text = art.doc.text
    for cue in reversed(list(_INTERVIEW_CUE.finditer(text, 0, first))):
        mention = parse_mention(text, cue.end())
        if mention is not None and mention.kind in ("name", "given", "role"):
            res = art.resolver.resolve(mention, cue.end())
            if res.speaker:
                return res.speaker
        break
    everyone = art.resolver.focus_people or art.resolver.people
    # "Ông X - Giám đốc Y - đã có cuộc trao đổi với VnExpress": the subject of the talk
    for talk in _TALKED.finditer(text, 0, first):
        opened = max(text.rfind(". ", 0, talk.start()), text.rfind("\n", 0, talk.start()))
        inside = [p for p in everyone if opened < p.offset < talk.start()]
        if inside:
            return inside[0].name
    # the headline opens with whom the article is about ("Giáo sư X: '…'", "X - 'đại …'",
    # "X không chấp nhận …"): a person of the article named in its first words
    title = art.doc.title or ""
    for person in everyone:
        if re.match(rf"(?:\S+\s+){{0,3}}{re.escape(person.name)}(?!\w)", title):
            return person.name
    # else the lead's subject: the first person it names or quotes ("nghệ sĩ X cùng vợ - Y -";
    # "… ông X, … hệt như gia đình cố danh thủ Y đã nhận"), not a companion ("cùng nhà báo
    # Y"); a name read only by its spelling only when nobody else is named
    best: tuple[int, str] | None = None
    for q in items:
        if (
            q.speaker
            and q.start < first
            and q.mention is not None
            and q.mention.kind in ("name", "given")
            and q.speaker in q.mention.text
        ):
            best = (q.start, q.speaker) if best is None or q.start < best[0] else best
    for spelled in (False, True):
        for person in everyone:
            if (
                person.by_spelling == spelled
                and person.offset < first
                and (best is None or person.offset < best[0])
                and not _COMPANION.search(text, max(0, person.offset - 40), person.offset)
                and "\n" not in text[person.offset : text.find(person.name, person.offset)]
            ):  # "… của tác giả ¶ Cuốn hồi ký": no name across a paragraph break
                best = (person.offset, person.name)
        if best is not None:
            break
    return best[1] if best is not None else ""


def interview_answers(art: _Article, items: list[_Item]) -> list[_Item]:
    """Answers in a question-and-answer interview, for the interviewee.

    Questions are marked (``*``, ``PV:``, ``Phóng viên:``, ``Hỏi:``) or plain short
    paragraphs ending in "?" that a dash-led (``-``, ``Trả lời:``, ``Đáp:``) answer follows;
    an answer runs on inline (``* Ông nghĩ sao? - Tôi nghĩ …``) or fills the paragraphs up to
    the next question. The interviewee is the one person who answers with a ``Name:`` turn,
    else the person the lead says the reporter talked to, else the person named or quoted
    last before the first question; with no such person the answers are left out.
    """
    from vntransform.quotes.clauses import _Item

    spans: list[tuple[int, int, int]] = []  # start, end, paragraph of every answer
    dash_questions = _dash_questions(art.paragraphs)
    question_at = -1
    asked = -1  # where the first question opens: the interviewee is introduced before it
    questions: set[int] = set()
    for p_index, paragraph in enumerate(art.paragraphs):
        base = art.offsets[p_index]
        inline = list(_INLINE_QA.finditer(paragraph))
        if not inline and p_index in dash_questions:
            inline = [m for m in [_PLAIN_INLINE.match(paragraph)] if m is not None]
        if inline:
            asked = base + inline[0].start() if asked < 0 else asked
            for match in inline:
                answer = match.group("a").rstrip()
                if len(answer.split()) >= 4:
                    spans.append(
                        (base + match.start("a"), base + match.start("a") + len(answer), p_index)
                    )
            question_at = p_index
            continue
        if (
            (p_index in dash_questions and _asks(paragraph))
            or (_QUESTION_LINE.match(paragraph) and paragraph.rstrip().endswith("?"))
            or (
                question_at >= 0
                and question_at < p_index - 1
                and _asks(paragraph)
                and _DASH_OPEN.match(paragraph)
                and not (p_index + 1 < len(art.paragraphs) and _asks(art.paragraphs[p_index + 1]))
            )
        ):  # "-Bà xã là cộng sự của ông?" after an answer, before one: a question too
            asked = base if asked < 0 else asked
            question_at = p_index
            questions.add(p_index)
            continue
        if question_at < 0 or not paragraph.strip() or p_index - question_at > 4:
            continue
        lead = _ANSWER_LINE.match(paragraph)
        start = lead.end() if lead else len(paragraph) - len(paragraph.lstrip())
        text = paragraph[start:].rstrip()
        if any(q.p_index == p_index and q.how == "interview" for q in items):
            continue  # "Bộ trưởng X: …" names its own speaker
        if not lead and any(
            q.p_index == p_index
            and q.how == "colon"
            and q.speaker
            and q.mention is not None
            and q.mention.kind == "name"
            for q in items
        ):
            question_at = -1  # "TS X (…): “…”": someone else speaks; the answers are over
            continue
        if len(text.split()) >= 4:
            spans.append((base + start, base + start + len(text), p_index))
    if not spans:
        return []
    first = asked if 0 <= asked < spans[0][0] else spans[0][0]
    speaker = _interviewee(art, items, first)
    if not speaker:
        return []
    role = art.resolver.role_of(speaker, first)
    # the interviewee in the third person: the full name, or an honorific and the given name
    # ("Qua câu chuyện của ông Luân"; never a bare "Anh" opening a sentence)
    given = re.compile(
        rf"(?<!\w)(?:{re.escape(speaker)}|(?i:ông|bà|anh|chị|cô|em|cụ)\s+"
        rf"{re.escape(speaker.split()[-1])})(?!\w)"
    )
    answers = []
    narrated = False  # the writer took the floor back ("Qua câu chuyện của ông X, …")
    last = -1
    for start, end, p_index in spans:
        if any(last < q < p_index for q in questions):
            narrated = False  # a new question, a new answer
        last = p_index
        paragraph = art.paragraphs[p_index]
        opens = art.offsets[p_index] + len(paragraph) - len(paragraph.lstrip())
        if start == opens and not _ANSWER_LINE.match(paragraph):  # a paragraph run on
            body = art.doc.text[start:end]
            if len(body.split()) < 10 and (
                not body.rstrip().endswith((".", "!", "?", "…", "”")) or given.search(body)
            ):
                continue  # a photo caption ("Huy Khánh - Hoàng Anh.")
            unquoted = re.sub(r"[“\"][^”\"]*[”\"]", "", body)  # others may name them
            narrated = narrated or bool(given.search(unquoted))
            if narrated:
                continue  # narration naming the interviewee: the writer speaks again
        else:
            narrated = False
        text = art.doc.text[start:end]
        mention = Mention(speaker, "name", speaker, role, "-", 0, 0)
        answers.append(
            _Item(start, end, "direct", "qa", mention, text, p_index, True, speaker, role, "qa")
        )
    return answers


_ASKS = re.compile(
    r"(?<!\w)(?:hỏi lại|hỏi tiếp|hỏi|chất vấn|gặng hỏi|vặn hỏi)\s+(?:lại\s+)?", re.IGNORECASE
)
_TURN_GAP = re.compile(r"^[\s.,;”\"»]*$")


def dialogue_turns(art: _Article, items: list[_Item]) -> None:
    """Alternating question-and-answer turns with no attribution of their own.

    ``Chủ tọa X hỏi bị cáo Y: “Q?”. “A”. “Q?”. “A”.``: after a question by X put to Y,
    each following unattributed quote (nothing but punctuation between them) is a
    question by X when it asks, else Y's answer; the run stops at any other text or at a
    quote attributed to someone else. With no known addressee only the questions go to X.
    """
    direct = [q for q in items if q.kind == "direct"]
    i = 0
    while i < len(direct):
        first = direct[i]
        i += 1
        if not first.speaker or first.how == "turn" or not first.text.rstrip(' .”"').endswith("?"):
            continue
        asker, asker_role = first.speaker, first.role
        answerer, answerer_role = "", ""
        paragraph = art.paragraphs[first.p_index]
        lead = paragraph[: first.start - art.offsets[first.p_index] - 1][-160:]
        asks_at = list(_ASKS.finditer(lead))
        if asks_at:
            ask = asks_at[-1]
            mention = parse_mention(lead, ask.end())
            if mention is not None and mention.kind in ("name", "given", "role"):
                res = art.resolver.resolve(mention, first.start)
                if res.speaker and res.speaker != asker:
                    answerer, answerer_role = res.speaker, res.role
        prev = first
        while i < len(direct):
            item = direct[i]
            gap = art.doc.text[prev.end + 1 : item.start - 1]
            if item.speaker:
                if item.speaker == asker or answerer and item.speaker != answerer:
                    break  # the asker speaks again with a clause of its own: a new exchange
                answerer, answerer_role = item.speaker, item.role
                prev, i = item, i + 1
                continue
            if item.p_index != prev.p_index or not (_TURN_GAP.match(gap) or item.how != "none"):
                break
            if item.how != "none" and item.mention is not None:
                break  # its own mention names someone the resolver could not
            asks = item.text.rstrip(' .”"').endswith("?")
            if asks:
                item.speaker, item.role = asker, asker_role
            elif answerer:
                item.speaker, item.role = answerer, answerer_role
            else:
                break
            item.how = "turn"
            item.path = "turn"
            prev, i = item, i + 1
