"""Reported (indirect) speech: ``Theo X, …`` and ``X <reporting verb> …``, organisations and
documents too; never inside quote marks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vntransform.models import Sentence
from vntransform.quotes.clauses import _VERB, _Item, _words
from vntransform.quotes.cues import VERB_NOT_AFTER, VERB_NOT_BEFORE
from vntransform.quotes.mentions import (
    FILLER_RE,
    LOWER,
    SOURCE_RE,
    SURNAME_SET,
    UPPER,
    VERB_RE,
    Mention,
    looks_foreign,
    name_in_run,
    parse_mention,
)

if TYPE_CHECKING:
    from vntransform.quotes.extract import _Article

_THEO = re.compile(
    r"(?:^|(?<=[,;]\s))(?:[Tt]uy nhiên,?\s+|[Cc]ũng\s+|[Nn]hưng\s+|[Cc]òn\s+|"
    r"[Vv]à\s+|[Ss]ong\s+)?"
    r"[Tt]heo\s+(?:(?:quan điểm|ý kiến|lời|nhận định|đánh giá|ghi nhận|thăm dò|"
    r"khảo sát|cáo trạng|kết luận|thông báo|báo cáo|giải trình|công bố|thống kê|"
    r"tính toán|ước tính|dự báo|thông tin|nhận xét|phản ánh|tường trình|lời khai|"
    r"chia sẻ|giải thích)\s+của\s+|lời\s+)?"
)


# words that open an adverbial, not reported content ("phát biểu tại hội nghị …")
_NOT_CONTENT = re.compile(
    r"(?:tại|với|ở|trước|bên lề|trên|qua|bằng|như vậy|như thế)(?!\w)", re.IGNORECASE
)


_QUOTING = re.compile(r"(?<!\w)(?:dẫn lời|trích lời|trích dẫn lời)\s+(?:của\s+)?")
_SOURCE_START = re.compile(rf"(?:{SOURCE_RE})(?!\w)")
_MEDIA = re.compile(r"(?i:tờ|hãng|thông tấn|báo|đài|trang|tạp chí|kênh)(?!\w)")


# verbs whose object is always the reported clause, never an event ("cho biết tại …")
_SAYS_A_CLAUSE = frozenset(
    {
        "cho biết",
        "cho rằng",
        "khẳng định",
        "nhấn mạnh",
        "thông tin",
        "tiết lộ",
        "nhận định",
        "thừa nhận",
    }
)


_FILLERS = re.compile(rf"^(?:\s*(?:{FILLER_RE})(?!\w))*\s*", re.IGNORECASE)


_LOCATIVE = re.compile(
    r"(?:ở|tại|ngụ|trú|quê|sống ở|thuộc|đến từ|làm việc tại)"
    r"\s[^,.;:“”\"]{1,60}?(?:\s+(?:" + FILLER_RE + r"))*",
    re.IGNORECASE,
)


# time phrases between a subject and its verb ("X hôm 5/11 cáo buộc …")
_TIME = re.compile(
    r"(?<!\w)(?:hôm|ngày|sáng|chiều|tối|trưa|đêm|tuần|tháng|năm|cuối tuần|đầu tuần)"
    r"\s+(?:\d[\d/.\-]*|qua|nay|trước|này|sau|rồi)(?!\w)",
    re.IGNORECASE,
)


# clauses read one by one: "ông A khai …; ông B khai …", and sentence ends the sentence
# splitter ran together ("… yêu cầu tạm dừng … Chiều 11-3, ông X cho biết …")
_CLAUSE_CUT = re.compile(r";\s+|(?:…|(?<=[a-zà-ỹđ]{2})\.)\s+(?=[A-ZĐ])")


def _indirect(
    art: _Article, sentence: Sentence, base: int, spans: list[tuple[int, int]]
) -> list[_Item]:
    """Reported speech: ``Theo X, …`` or ``X cho rằng …`` (not inside quote marks)."""
    lo, hi = sentence.start - base, sentence.end - base
    full = art.doc.text[sentence.start : sentence.end]
    inside = [(o - lo, c - lo) for o, c in spans if o < hi and c >= lo]
    # the words before, between and after the quotes inside the sentence; clauses joined
    # by ";" are read one by one ("ông A khai …; ông B khai …")
    cuts = [0] + [min(len(full), c + 1) for _o, c in inside]
    ends = [max(0, o) for o, _c in inside] + [len(full)]
    found: list[_Item] = []
    for start, end in zip(cuts, ends, strict=True):
        semis = list(_CLAUSE_CUT.finditer(full[start:end]))
        bounds = zip(
            [start] + [start + m.end() for m in semis],
            [start + m.start() for m in semis] + [end],
            strict=True,
        )
        for a, b in bounds:
            if b - a > 10:
                item = _indirect_in(art, sentence, full[a:b], a)
                if item is not None:
                    found.append(item)
        if found:
            break
    if not found and not inside:
        item = _indirect_after(art, sentence, full)
        if item is not None:
            found.append(item)
    return found


# the attribution closing a sentence of reported speech: ", <subject> <reporting verb>."
_TAIL_VERB = re.compile(
    rf"(?:\s*,\s*[^,.;:“”\"]{{1,80}}?)?\s*,?\s*(?:(?:{FILLER_RE})\s+)*"
    rf"(?:{VERB_RE})(?:\s+thêm)?\s*[.!…]?\s*$"
)
_CAPITALISED_RUN = re.compile(r"(?<=\s)(?:[A-ZĐ][^\s,]*\s+){0,5}[A-ZĐ][^\s,]*$")


def _trailing_name(role: str) -> str:
    """The person's name closing a long role phrase ("… TP HCM Nguyễn Tài Dũng"), or ""."""
    run = _CAPITALISED_RUN.search(role)
    if not run:
        return ""
    words = run.group(0).split()
    start = name_in_run(words, after_role=True)
    if start is None or words[start] not in SURNAME_SET or len(words) - start < 2:
        return ""
    return " ".join(words[start:])


# a second predicate of the sentence's subject: "Li không nói rõ …, nhưng cho biết …"
_SECOND_PREDICATE = re.compile(
    r"(?:,\s*(?:nhưng|song|và|đồng thời|rồi)|"
    r"(?<=\w)\s+và)(?:\s+(?:cũng|còn|vẫn|lại))?\s*$"
)
_TAIL_THEO = re.compile(r",\s+theo\s+(?=\S)")


def _indirect_after(art: _Article, sentence: Sentence, full: str) -> _Item | None:
    """``Nội dung …, ông X cho biết.`` / ``…, tờ báo khẳng định.`` / ``…, theo CNN.``:
    reported speech whose attribution closes the sentence."""
    from vntransform.quotes.turns import description_at

    body = full.rstrip()
    for comma in [m.start() for m in re.finditer(r",\s+", body)]:
        content = body[:comma].strip()
        if len(content.split()) < 6 or content.startswith(("“", '"', "«")):
            continue
        lead = re.match(r",\s+", body[comma:])
        tail_at = comma + (len(lead.group(0)) if lead else 1)
        theo = _TAIL_THEO.match(body, comma)
        if theo:
            mention = parse_mention(body, theo.end(), allow_org=True, clause_start=True)
            if mention is None or mention.kind == "bare":
                mention = _org_after_theo(body.rstrip(" .!…") + ",", theo.end()) or mention
            if (
                mention is not None
                and mention.kind != "bare"
                and not body[mention.end :].strip(" .,!…")
            ):
                return _Item(
                    sentence.start,
                    sentence.start + comma,
                    "indirect",
                    "theo-after",
                    mention,
                    content,
                    sentence.paragraph,
                )
            continue
        mention = parse_mention(body, tail_at, allow_org=True, clause_start=True) or description_at(
            body, tail_at
        )
        if mention is None:
            continue
        if mention.kind == "bare" and (
            len(mention.name.split()) >= 2 or art.resolver.resolve(mention, sentence.start).speaker
        ):
            mention = Mention(
                mention.text, "name", mention.name, mention.role, "-", mention.end, mention.text_end
            )
        elif mention.kind == "bare":
            continue
        if _TAIL_VERB.match(body, mention.end):
            return _Item(
                sentence.start,
                sentence.start + comma,
                "indirect",
                "after",
                mention,
                content,
                sentence.paragraph,
            )
    return None


def _indirect_in(art: _Article, sentence: Sentence, text: str, skip: int) -> _Item | None:
    """Reported speech in ``text``, a part of ``sentence`` that starts ``skip`` into it."""
    body = text
    lead = len(body) - len(body.lstrip(" ,.;-–—"))
    body, skip = body[lead:], skip + lead
    if not body.strip():
        return None
    shift = sentence.start + skip
    theo = _THEO.search(body)
    if theo:
        mention = parse_mention(body, theo.end(), allow_org=True, clause_start=True)
        if (
            mention is None
            or mention.kind == "bare"
            and not art.resolver.resolve(mention, shift + theo.end()).speaker
        ):
            mention = _org_after_theo(body, theo.end()) or mention
        if mention is not None and mention.kind in ("role", "org"):
            # "Theo người đứng đầu chính quyền thành phố, …": the role runs to the comma
            comma_at = body.find(",", mention.end)
            if (
                0 <= comma_at
                and _words(body[mention.end : comma_at]) <= 12
                and not re.search(r"[“”\".;:]", body[mention.end : comma_at])
            ):
                role = body[theo.end() : comma_at].strip()
                named = _trailing_name(role) if mention.kind == "role" else None
                if named:
                    # "Theo Phó ban chỉ đạo y tế học đường TP HCM Nguyễn Tài Dũng, …"
                    mention = Mention(
                        role, "name", named, role[: -len(named)].strip(), "-", comma_at, comma_at
                    )
                else:
                    mention = Mention(
                        role,
                        mention.kind,
                        mention.name if mention.kind == "org" else "",
                        role if mention.kind == "role" else "",
                        "-",
                        comma_at,
                        comma_at,
                    )
        if mention is not None:
            rest = body[mention.end :]
            comma = re.match(r"\s*,\s*|\s+thì\s+", rest)  # "Theo lời chị Lan thì …"
            dashed = (
                mention.end > mention.text_end
                and body[mention.text_end : mention.end].lstrip()[:1] in "-–—"
                and re.match(r"\s+[a-zà-ỹđ]", rest)
            )
            if dashed:  # "Theo ông X - phó ban Y - việc …": the appositive closes the source
                comma = re.match(r"\s+", rest)
            if comma:
                q_rel = mention.end + comma.end()
                quote = body[q_rel:].strip()
                inner = _inner_speaker(body, q_rel) if mention.kind == "org" else None
                if (
                    inner is not None
                    and inner[0].kind == "org"
                    and _SOURCE_START.match(mention.text)
                    and not _MEDIA.match(mention.text)
                ):
                    inner = None  # "Theo Bộ Ngoại giao, Bắc Kinh phản đối …": the Bộ speaks
                if inner is not None:
                    # "Theo Times of Israel, Ngoại trưởng X cáo buộc …": X is the speaker
                    mention, q_rel = inner
                    quote = body[q_rel:].strip()
                if (
                    _words(quote) >= 4
                    and not quote.startswith(("“", '"', "«"))
                    and not quote.rstrip(' .”"').endswith("?")
                ):  # "Theo anh, …?" asks
                    return _Item(
                        shift + q_rel,
                        shift + len(body.rstrip()),
                        "indirect",
                        "theo",
                        mention,
                        quote,
                        sentence.paragraph,
                    )
    inner = _inner_theo(art, body, shift)
    if inner is not None:
        mention, q_rel = inner
        return _Item(
            shift + q_rel,
            shift + len(body.rstrip()),
            "indirect",
            "theo",
            mention,
            body[q_rel:].strip(),
            sentence.paragraph,
        )
    for verb in _VERB.finditer(body):
        if _compound(body, verb):
            continue
        not_before = VERB_NOT_BEFORE.get(verb.group(0).lower())
        if not_before and re.match(rf"\s+(?:{not_before})", body[verb.end() :]):
            continue  # "cầu thủ ghi 2 bàn": scores, says nothing
        subject = _subject_ending_at(body, verb.start()) or _named_description(body, verb.start())
        if subject is None and _SECOND_PREDICATE.search(body, 0, verb.start()):
            first = parse_mention(body, 0, clause_start=True)
            if (
                first is not None
                and first.kind in ("name", "given", "role", "pronoun")
                and body[first.end : first.end + 2].strip()[:1].islower()
            ):
                subject = first
        if subject is None:
            from vntransform.quotes.turns import description_at

            subject = description_at(body)
            if subject is not None:
                # "Vị nữ ngoại trưởng cũng nói thêm …": the description runs to the verb
                # (a word or two more of it, then only adverbs)
                gap = _FILLERS.sub("", body[subject.end : verb.start()]).strip()
                gap = re.sub(rf"(?:\s+(?:{FILLER_RE}))+$", "", " " + gap).strip()
                if len(gap.split()) > 2 or gap != gap.lower() or re.search(r"[^\w\s]", gap):
                    subject = None
        if subject is None:
            continue
        rest = body[verb.end() :]
        follow = re.match(
            rf"^\s*(?:thêm\s+)?(?:và\s+(?:(?:{VERB_RE})\s*|thêm\s+))?"
            rf"(?:[^\s,.:;“”\"]+\s+){{0,3}}:\s*",
            rest,
        ) or re.match(
            rf"^\s*(?:thêm\s+)?(?:và\s+(?:(?:{VERB_RE})\s*|thêm\s+))?(?:,|:|rằng|là)?\s*", rest
        )  # "… nói và thêm rằng …"
        q_rel = verb.end() + (follow.end() if follow else 0)
        quote = body[q_rel:].strip()
        if verb.group(0).lower() == "chia sẻ" and re.match(
            r"(dữ liệu|thông tin|kinh nghiệm)", quote
        ):
            continue
        fronted = verb.group(0).lower() in _SAYS_A_CLAUSE and re.match(
            r"[^,.;:“”\"]{3,80},\s+\S+(?:\s+\S+){4}", quote
        )
        if (
            _NOT_CONTENT.match(quote)
            and not re.search(r"[,:]", body[verb.end() : q_rel])
            and not fronted
        ):
            # ("cho biết trước phản ứng của dư luận, hội đã …": an adverbial opening the
            # content; these verbs always report a clause)
            # "phát biểu tại hội nghị …" is an event; "nói với PV rằng …" reports speech
            that = re.search(r"(?<!\w)rằng[\s,:]+", quote)
            if not that:
                continue
            q_rel += len(body[q_rel:]) - len(body[q_rel:].lstrip()) + that.end()
            quote = body[q_rel:].strip()
        document = _DOCUMENT_OF.match(body, q_rel + len(body[q_rel:]) - len(body[q_rel:].lstrip()))
        if document is not None:
            # "Chủ tọa công bố lời khai của Hải cho biết …": the one whose testimony (letter,
            # report) speaks, not the one who makes it public
            author = parse_mention(body, document.end("of"), clause_start=True)
            said = author and _DOCUMENT_SAYS.match(body, author.end)
            if author is not None and said and author.kind in ("name", "given", "bare"):
                subject, q_rel = author, said.end()
                quote = body[q_rel:].strip()
        if subject.kind == "org":
            inner = _inner_speaker(body, q_rel)
            if inner is not None and inner[0].kind in ("name", "given", "role"):
                # "báo X tiết lộ trong một bức thư, ông Y đã kêu gọi …": Y speaks
                subject, q_rel = inner
                quote = body[q_rel:].strip()
            elif inner is None and _person_reports(quote):
                continue  # the paper reports what a person it names said: not the paper's
        if _words(quote) < 4 or quote.startswith(("“", '"', "«")) or quote.endswith("?"):
            continue  # "Anh nghĩ gì về …?" asks; it reports nothing
        if re.match(r"(?:rồi|xong)\s", quote):
            continue  # "Ông nói rồi chỉ vào mảnh đất: “…”": a next act, then a direct quote
        return _Item(
            shift + q_rel,
            shift + len(body.rstrip()),
            "indirect",
            "verb",
            subject,
            quote,
            sentence.paragraph,
        )
    for naming in _NAMING_VERB.finditer(body):
        # "Ngoại trưởng X gọi vụ đặt bom là một cuộc tấn công ghê tởm": a judgement said
        subject = _subject_ending_at(body, naming.start())
        if subject is None or subject.kind not in ("name", "given", "role", "org"):
            continue
        quote = body[naming.end() :].strip()
        if _words(quote) >= 6 and not re.search(r"[“”\"«»]", quote):
            # (a quoted judgement, "gọi dự án là “siêu dự án”", is a name, not speech)
            return _Item(
                shift + naming.end(),
                shift + len(body.rstrip()),
                "indirect",
                "verb",
                subject,
                quote,
                sentence.paragraph,
            )
    return None


# "theo ông X" inside a clause, after its subject and before its predicate ("Thực trạng …
# hiện nay theo ông Tiến là rất bất cập", "điều này theo ông Tuấn đã bị xuyên tạc")
_INNER_THEO = re.compile(
    r"(?<=[a-zà-ỹđ] )theo\s+(?=(?:ông|bà|anh|chị|TS|GS|PGS|bác sĩ|luật sư)\s+[A-ZĐ])"
)
_PREDICATE_START = re.compile(
    r"\s*(?:là|đã|đang|sẽ|cần|phải|không|chưa|vẫn|rất|cũng|có thể|nên|chỉ)\s"
)


def _inner_theo(art: _Article, body: str, shift: int) -> tuple[Mention, int] | None:
    """A person named by "theo" between a clause's subject and its predicate: the
    predicate on is their view (the subject before "theo" is not part of the span)."""
    for match in _INNER_THEO.finditer(body):
        mention = parse_mention(body, match.end(), clause_start=True)
        if mention is None or mention.kind not in ("name", "given"):
            continue
        if not _PREDICATE_START.match(body, mention.end):
            continue
        if not art.resolver.resolve(mention, shift + match.end()).speaker:
            continue
        rest = body[mention.end :]
        if _words(rest) >= 4 and not re.search(r"[“”\"«»]", rest):
            return mention, mention.end + len(rest) - len(rest.lstrip())
    return None


# a document or testimony of someone that says something ("lời khai của Hải cho biết …")
_DOCUMENT_OF = re.compile(
    r"(?:lời khai|lời kể|bản khai|bức thư|lá thư|thư|đơn|báo cáo|văn bản|bản tường trình)"
    r"\s+của\s+(?P<of>)"
)
_DOCUMENT_SAYS = re.compile(
    r"\s+(?:cũng\s+)?(?:cho biết|nói|viết|khẳng định|nêu rõ|ghi rõ|ghi)(?:\s+rằng)?[\s,:]+"
)


# a naming verb whose object is then judged ("gọi … là …", "mô tả … là …")
_NAMING_VERB = re.compile(
    r"(?<!\w)(?:gọi|mô tả|miêu tả)\s+(?!điện|cho|tên|món|xe|taxi)"
    r"(?=[^.;:“”\"]{3,200}?\slà\s)"
)


def _person_reports(quote: str) -> bool:
    """Does a person named by a full name report speech inside ``quote`` ("…, quyền giám
    đốc … Russell T. Vought đã kêu gọi …")?"""
    for verb in _VERB.finditer(quote):
        before = re.sub(rf"(?:\s+(?:{FILLER_RE}))+\s*$", "", quote[: verb.start()]).split()[-4:]
        run: list[str] = []
        for word in reversed(before):
            if not word[:1].isupper():
                break
            run.insert(0, word)
        if len(run) >= 2 and name_in_run(run, after_role=True) is not None:
            return True
    return False


def _compound(text: str, verb: re.Match[str]) -> bool:
    """Is this verb match only the tail of another word ("triển khai", "học hỏi")?"""
    before = VERB_NOT_AFTER.get(verb.group(0).lower())
    if not before:
        return False
    words = text[: verb.start()].lower().split()
    return bool(words) and words[-1] in before


def _inner_speaker(body: str, pos: int) -> tuple[Mention, int] | None:
    """A person who is the subject of a reporting verb right at ``pos``, and where the
    reported content starts."""
    for verb in _VERB.finditer(body, pos):
        if _words(body[pos : verb.start()]) > 40:  # the subject may carry a long appositive
            break
        subject = _subject_ending_at(body, verb.start())
        if (
            subject is not None
            and subject.kind in ("name", "given", "role", "org")
            and body.find(subject.text, pos) >= 0
        ):
            rest = re.match(r"\s*(?:,|:|rằng|là)?\s*", body[verb.end() :])
            return subject, verb.end() + (rest.end() if rest else 0)
    return None


def _org_after_theo(body: str, pos: int) -> Mention | None:
    """``Theo Nghị quyết 04 của Tỉnh ủy, …``: the source is everything up to the comma."""
    from vntransform.quotes.mentions import _SOURCE

    media = re.match(
        r"(?:báo|tờ|hãng tin|hãng thông tấn|đài|trang|tạp chí|kênh)\s+(?=[A-ZĐ])", body[pos:]
    )
    comma = body.find(",", pos)
    if comma < 0 or comma - pos > 120:
        return None
    org = body[pos:comma].strip()
    words = org.split()
    if not (
        _SOURCE.match(body, pos)
        or media
        or words
        and all(w[:1].isupper() or w in ("of", "the", "de") or w.startswith("(") for w in words)
        and len(words) <= 5
    ):
        return None  # "Theo LA Times, …", "Theo báo Telegraph (Anh), …"; not "Theo đó, …"
    return Mention(org, "org", org, "", "-", comma, comma)


# "Một hàng xóm tên Tuyết", "người phụ nữ tên là Lò Thị Mai": a description, then the name
_NAMED_DESCRIPTION = re.compile(
    rf"(?:(?:[Mm]ột|[Nn]gười)\s+)?[a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+){{0,3}}\s+tên(?:\s+là)?\s+"
    rf"(?P<name>[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{0,3}})"
)


def _named_description(body: str, verb_at: int) -> Mention | None:
    """The subject "một hàng xóm tên Tuyết" of the verb at ``verb_at`` (only adverbs
    between)."""
    match = _NAMED_DESCRIPTION.match(body)
    if (
        match is None
        or match.end() > verb_at
        or _FILLERS.sub("", body[match.end() : verb_at]).strip(" ,")
    ):
        return None
    name = match.group("name")
    kind = "name" if len(name.split()) >= 2 and name.split()[0] in SURNAME_SET else "given"
    return Mention(match.group(0), kind, name, "", "-", match.end(), match.end())


def _subject_ending_at(body: str, verb_at: int) -> Mention | None:
    """The subject mention whose clause ends at the reporting verb at ``verb_at``: the text
    between the mention (and its appositives) and the verb is only adverbs ("cũng")."""
    pre = body[:verb_at]
    starts = [0] + [m.end() for m in re.finditer(r"(?:,|;|:|\sthì|\snhưng)\s*", pre)]
    # "Hãng tin AP dẫn lời ông X cho biết …": the one quoted speaks, not the agency
    starts = [m.end() for m in _QUOTING.finditer(pre)] + starts
    # "Từ đánh giá này ông đề xuất …", "Trong đó ông Chí khai …": a short adverbial opening
    # the sentence without its comma, then the subject (last, after every punctuated start)
    lead_in = _LEAD_IN.match(pre)
    clause = re.match(r"[^,.;:“”\"]*", body[verb_at:])
    if lead_in and clause and len(clause.group(0).split()) > 2:
        # (not "Trong thư anh viết, anh …": a verb that ends its phrase at a comma belongs
        # to the adverbial itself)
        starts.append(lead_in.end())
    person: Mention | None = None  # a person whose appositive the next segment may extend
    for start in starts:
        mention = parse_mention(body, start, allow_org=True, clause_start=start > 0)
        if mention is None or mention.end > verb_at:
            mention = parse_mention(pre, start, allow_org=True, clause_start=start > 0)
        if mention is None:
            continue
        if (
            mention.kind == "org"
            and person is not None
            and not pre[person.end : start].strip(" ,")
            and person.role
        ):
            # "Ông X, Phó Cục trưởng Cục Y, Bộ Z cho VnExpress biết": Bộ Z ends X's role
            mention = Mention(
                person.text,
                person.kind,
                person.name,
                person.role,
                person.gender,
                mention.end,
                person.text_end,
            )
        elif mention.kind in ("name", "given"):
            person = mention
        if mention.kind == "bare" and len(mention.name.split()) >= 2:
            mention = Mention(
                mention.text, "name", mention.name, mention.role, "-", mention.end, mention.text_end
            )  # "Thu Minh cũng cho biết"
        if mention.kind == "bare" and len(mention.name.split()) < 2:
            pass
        gap = pre[mention.end :].lstrip(" ,")
        gap = _FILLERS.sub("", _TIME.sub(" ", gap)).strip(" ,")
        if not gap or _LOCATIVE.fullmatch(gap):
            return mention  # "Chị Trinh ở phố X cho biết"
        both = re.match(r"và\s+", gap)
        if both and mention.kind in ("name", "given", "bare"):
            other = parse_mention(gap, both.end())
            if other is not None and not _FILLERS.sub("", gap[other.end :]).strip(" ,"):
                return mention  # "McConnell và Grove viết …": the first of the two
        if (
            mention.kind == "name"
            and pre[mention.end :].lstrip()[:1] == ","
            and (
                mention.name.split()[0] in SURNAME_SET
                or any(map(looks_foreign, mention.name.split()))
            )
        ):
            # "Còn Abu Ibrahim, cư dân của Nasriyah thì nói rằng …": a description set off
            # by commas between a full name and its verb, whatever its words
            described = re.sub(rf"(?:[\s,]+(?:{FILLER_RE}|thì))+$", "", " " + gap).strip(" ,")
            if _APPOSITIVE.fullmatch(described) and _DESCRIBES_PERSON.match(described):
                return mention
        if mention.kind == "org":
            return mention if not gap.strip(" ,") else None
    return None


# a short adverbial opening a sentence with no comma after it ("Trong đó", "Từ đánh giá
# này", "Tại buổi làm việc"), up to a lower-case word of address that starts the subject
_LEAD_IN = re.compile(
    r"(?:Cũng\s+|Còn\s+|Nhưng\s+)?(?:Trong|Tại|Từ|Sau|Trước|Về|Với|Trả lời|Theo đó|"
    r"Ngoài ra|Bên cạnh đó|Đồng thời|Tuy nhiên|Vì vậy|Do đó|Riêng)\s(?!khi\s)"
    r"(?:(?!khi\s)[^\s,.;:“”\"]+\s+){0,6}?(?=(?:ông|bà|anh|chị|cô|chú|bác|thầy|cậu)\s)"
)
# an appositive that describes a person ("cư dân của Nasriyah", "một dân gốc Baghdad")
_DESCRIBES_PERSON = re.compile(
    r"(?:một|người|là|từng là|vốn là|cư dân|dân|công dân|cựu|nguyên|"
    r"chủ|con|vợ|chồng|"
    r"bạn|em|anh|chị|cha|mẹ|học sinh|sinh viên|giáo viên|nhân viên|"
    r"bác sĩ|kỹ sư|nhà|chuyên gia|giáo sư|tiến sĩ|phóng viên|cô|cậu)\s"
)
_APPOSITIVE = re.compile(r"(?:một\s+|người\s+)?[a-zà-ỹđ][^,.;:“”\"]{1,80}")
