"""The theme lexicon and its rules: terms, required and excluded contexts, sentence filters.

A lexicon is TOML. Each theme is a table with ``label`` and ``terms``, optionally
``require`` (term -> context words, one of which must be in the sentence), ``near`` (term
-> context words, one of which must be within ``near_window`` words of it), ``after``
(the same, looking only at the ``near_window`` words after it: "người dân được", not "được
người dân quan tâm"; a term with both ``near`` and ``after`` needs either), ``exclude``
(term -> context words, none of which may be in the sentence), ``ignore`` (phrases whose
words never count for this theme, e.g. "theo kế hoạch") and ``needs_domain``.

The reserved table ``[sentence_rules]`` holds what applies to every theme: ``skip``
(case-insensitive regular expressions; a matching sentence is never evidence: captions,
attendee lists, thanks), ``mask`` (case-sensitive regular expressions whose matched text is
ignored: datelines, a caption glued to the next sentence), ``title_cues`` (a quoted span
right after one of these words is a title and its words do not count),
``title_max_words``, and ``domain`` with ``domain_min_sentences``: in an article where
fewer sentences mention a domain word, themes marked ``needs_domain = true`` do not count
(the article is about something else). ``weak_domain`` words ("điện tử", "phần mềm": a
taxi app, car electronics) count toward an article's domain only where at least
``weak_domain_needs`` sentences already name a (strong) domain word, and never put a
sentence of an off-domain article in the domain.

Matching is on the stored words, case-insensitively, optionally without diacritics: a
one-syllable term or context matches a whole word only; a longer one matches whole
syllables (never part of a syllable).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from vntransform.errors import InputError
from vntransform.text.normalize import fold_diacritics

SEP = "\x1f"  # marks word boundaries in the matching string
MASK = "\u2400"  # stands for a masked word: nothing matches across or inside it
RESERVED = "sentence_rules"
_WORD = re.compile(r"\w[\w.]*\w|\w|[^\w\s]")  # syllables, "4.0", punctuation marks
QUOTES = (("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"))
_ANY_QUOTE = re.compile("[“\"‘'«]")


@dataclass(frozen=True, slots=True)
class Theme:
    """A named theme, the words or phrases that signal it and the contexts they need."""

    name: str
    label: str
    terms: tuple[str, ...]
    require: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ignore: tuple[str, ...] = ()
    needs_domain: bool = False
    near: tuple[tuple[str, tuple[str, ...]], ...] = ()
    near_window: int = 3
    after: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class SentenceRules:
    """Rules for every theme: sentences to skip, text to mask, quoted titles."""

    skip: tuple[str, ...] = ()
    mask: tuple[str, ...] = ()
    title_cues: tuple[str, ...] = ()
    title_max_words: int = 15
    domain: tuple[str, ...] = ()
    domain_min_sentences: int = 2
    weak_domain: tuple[str, ...] = ()
    weak_domain_needs: int = 2
    learned: bool = False  # the built-in learned scorer re-judges the built-in themes


class Lexicon(list[Theme]):
    """The themes of a lexicon file (a list of :class:`Theme`) and its sentence rules."""

    def __init__(
        self, themes: Iterable[Theme] = (), sentence_rules: SentenceRules | None = None
    ) -> None:
        super().__init__(themes)
        self.has_sentence_rules = sentence_rules is not None  # the file had the table
        self.sentence_rules = sentence_rules or SentenceRules()


def _clean(term: str) -> str:
    from vntransform.text.normalize import normalize_text

    return normalize_text(term).strip().lower()


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f'{where} must be a list of strings, e.g. ["dữ liệu", "thông tin"]')
    return tuple(dict.fromkeys(_clean(v) for v in value if v.strip()))


def _contexts(table: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if table is None:
        return ()
    if not isinstance(table, dict):
        raise InputError(f'{where} must be a table of term = ["context", …]')
    return tuple(
        (_clean(term), _strings(words, f'{where}."{term}"')) for term, words in table.items()
    )


def _sentence_rules(table: Any, source: str) -> SentenceRules:
    where = f"{source}: [{RESERVED}]"
    if not isinstance(table, dict):
        raise InputError(f"{where} must be a table")
    regexes = {}
    for field in ("skip", "mask"):
        value = table.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{where} {field} must be a list of regular expressions")
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise InputError(
                    f"{where} {field}: {pattern!r} is not a regular expression "
                    f"({exc}); fix or remove it"
                ) from None
        regexes[field] = tuple(value)
    cues = _strings(table.get("title_cues", []), f"{where} title_cues")
    numbers = {}
    for field, default in (
        ("title_max_words", 15),
        ("domain_min_sentences", 2),
        ("weak_domain_needs", 2),
    ):
        value = table.get(field, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InputError(f"{where} {field} must be a whole number, e.g. {default}")
        numbers[field] = value
    domain = _strings(table.get("domain", []), f"{where} domain")
    weak = _strings(table.get("weak_domain", []), f"{where} weak_domain")
    learned = table.get("learned", False)
    if not isinstance(learned, bool):
        raise InputError(f"{where} learned must be true or false")
    return SentenceRules(
        regexes["skip"],
        regexes["mask"],
        cues,
        numbers["title_max_words"],
        domain,
        numbers["domain_min_sentences"],
        weak,
        numbers["weak_domain_needs"],
        learned,
    )


def parse_lexicon(text: str, source: str) -> Lexicon:
    """Themes and sentence rules of a lexicon's TOML text.

    Raises:
        InputError: the text is not TOML or not in the lexicon format.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source}: not valid TOML ({exc})") from None
    themes = []
    rules = None
    for name, table in data.items():
        if name == RESERVED:
            rules = _sentence_rules(table, source)
            continue
        if (
            not isinstance(table, dict)
            or not isinstance(table.get("terms"), list)
            or not all(isinstance(t, str) for t in table["terms"])
        ):
            raise InputError(f'{source}: theme [{name}] needs terms = ["…", …]')
        where = f"{source}: [{name}]"
        require = _contexts(table.get("require"), f"{where} require")
        exclude = _contexts(table.get("exclude"), f"{where} exclude")
        terms = _strings(table["terms"], f"{where} terms")
        near = _contexts(table.get("near"), f"{where} near")
        after = _contexts(table.get("after"), f"{where} after")
        extra = tuple(dict.fromkeys(t for t, _ in require + near + after if t not in terms))
        needs_domain = table.get("needs_domain", False)
        if not isinstance(needs_domain, bool):
            raise InputError(f"{where} needs_domain must be true or false")
        window = table.get("near_window", 3)
        if not isinstance(window, int) or isinstance(window, bool) or window < 1:
            raise InputError(f"{where} near_window must be a whole number of words, e.g. 3")
        themes.append(
            Theme(
                name,
                str(table.get("label", name)),
                terms + extra,
                require,
                exclude,
                _strings(table.get("ignore", []), f"{where} ignore"),
                needs_domain,
                near,
                window,
                after,
            )
        )
    return Lexicon(themes, rules)


def builtin_lexicon_text() -> str:
    """The TOML text of the built-in lexicon."""
    return resources.files("vntransform.data").joinpath("themes.toml").read_text("utf-8")


def read_lexicon_file(path: str | Path) -> Lexicon:
    """A user lexicon file.

    Raises:
        InputError: the file is unreadable or not in the lexicon format.
    """
    try:
        text = Path(path).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read lexicon ({exc})") from None
    return parse_lexicon(text, str(path))


# -- matching -------------------------------------------------------------------------------


def _alternatives(phrases: Iterable[str], fold: bool) -> str:
    out = []
    for phrase in sorted(set(phrases), key=lambda t: (-len(t), t)):
        syllables = _WORD.findall(fold_diacritics(phrase) if fold else phrase)
        if syllables:
            out.append(f"[ {SEP}]".join(map(re.escape, syllables)))
    return "|".join(out)


def phrase_pattern(phrases: Iterable[str], fold: bool) -> re.Pattern[str] | None:
    """A pattern finding any of the phrases in a marked string.

    A one-syllable phrase matches a whole word only ("số" never inside "chuyển đổi số"); a
    longer phrase matches whole syllables and may begin or end inside a word, because the
    segmenter sometimes glues a neighbour to it ("tư tưởng ngại", "một cách" + "nhìn").
    """
    phrases = set(phrases)
    single = _alternatives((p for p in phrases if len(_WORD.findall(p)) == 1), fold)
    multi = _alternatives((p for p in phrases if len(_WORD.findall(p)) > 1), fold)
    parts = []
    if multi:
        parts.append(f"(?<=[ {SEP}])(?:{multi})(?=[ {SEP}])")
    if single:
        parts.append(f"(?<={SEP})(?:{single})(?={SEP})")
    return re.compile("|".join(parts)) if parts else None


def marked(tokens: Sequence[str], fold: bool) -> str:
    """The words joined by SEP, lowercased (and folded), with SEP at both ends."""
    text = SEP + SEP.join(t.lower() for t in tokens) + SEP
    return fold_diacritics(text) if fold else text


def _key(term: str, fold: bool) -> str:
    return fold_diacritics(term) if fold else term


@dataclass(frozen=True)
class _CompiledTheme:
    name: str
    terms: re.Pattern[str] | None
    require: dict[str, re.Pattern[str] | None]
    exclude: dict[str, re.Pattern[str] | None]
    ignore: re.Pattern[str] | None
    near: dict[str, re.Pattern[str] | None]
    window: int
    after: dict[str, re.Pattern[str] | None]


class Matcher:
    """Finds, for one sentence at a time, the terms of each theme that count there."""

    def __init__(
        self, themes: Sequence[Theme], rules: SentenceRules, *, fold: bool = False
    ) -> None:
        self.fold = fold
        self.learned: Any = None  # a theme_model.LearnedLayer, set by themes._matcher
        self.skip = [re.compile(p, re.IGNORECASE) for p in rules.skip]
        self.mask = [re.compile(p) for p in rules.mask]
        self.title_cues = phrase_pattern(rules.title_cues, fold=False)
        self.title_max_words = rules.title_max_words
        self.domain = phrase_pattern(rules.domain, fold)
        self.domain_min = rules.domain_min_sentences
        self.weak_domain = phrase_pattern(rules.weak_domain, fold)
        self.weak_needs = rules.weak_domain_needs
        self.gated = {t.name for t in themes if t.needs_domain}
        self.themes = [
            _CompiledTheme(
                t.name,
                phrase_pattern(t.terms, fold),
                {_key(k, fold): phrase_pattern(v, fold) for k, v in t.require},
                {_key(k, fold): phrase_pattern(v, fold) for k, v in t.exclude},
                phrase_pattern(t.ignore, fold),
                {_key(k, fold): phrase_pattern(v, fold) for k, v in t.near},
                t.near_window,
                {_key(k, fold): phrase_pattern(v, fold) for k, v in t.after},
            )
            for t in themes
            if t.terms
        ]

    def match(self, text: str, tokens: Sequence[str]) -> dict[str, list[str]]:
        """Theme name -> the terms that count in this sentence (empty when skipped)."""
        if any(p.search(text) for p in self.skip):
            return {}
        spans = self._masked_spans(text)
        words = _mask_tokens(text, tokens, spans) if spans else list(tokens)
        line = marked(words, self.fold)
        found: dict[str, list[str]] = {}
        for theme in self.themes:
            if theme.terms is None:
                continue
            local = _blank(line, theme.ignore)
            hits = []
            for m in theme.terms.finditer(local):
                term = m.group(0).replace(SEP, " ")
                if term in theme.require:
                    need = theme.require[term]
                    if need is None or not need.search(local):
                        continue
                veto = theme.exclude.get(term)
                if veto is not None and veto.search(local):
                    continue
                if (term in theme.near or term in theme.after) and not (
                    _found(theme.near.get(term), _around(local, m.start(), m.end(), theme.window))
                    or _found(
                        theme.after.get(term),
                        _around(local, m.start(), m.end(), theme.window, before=0),
                    )
                ):
                    continue
                hits.append(term)
            if hits:
                found[theme.name] = hits
        return found

    def in_domain(self, sentences: Sequence[Sequence[str]]) -> bool:
        """Whether an article (its sentences' words) is about the lexicon's domain: at least
        ``domain_min_sentences`` of its sentences mention a domain word (a short article,
        under four sentences per required mention, needs one mention per four sentences).
        Sentences with only a weak domain word count when ``weak_domain_needs`` sentences
        mention a strong one."""
        if self.domain is None or not self.gated:
            return True
        needed = min(self.domain_min, max(1, len(sentences) // 4))
        strong = weak = 0
        for tokens in sentences:
            line = marked(tokens, self.fold)
            if self.domain.search(line):
                strong += 1
            elif self.weak_domain is not None and self.weak_domain.search(line):
                weak += 1
            if strong >= needed or (strong >= self.weak_needs and strong + weak >= needed):
                return True
        return False

    def sentence_in_domain(self, tokens: Sequence[str]) -> bool:
        """Whether one sentence itself mentions a domain word (it then counts even in an
        article about something else: vessel data shared between ministries)."""
        return self.domain is not None and self.domain.search(marked(tokens, self.fold)) is not None

    def _masked_spans(self, text: str) -> list[tuple[int, int]]:
        spans = [m.span() for p in self.mask for m in p.finditer(text) if m.end() > m.start()]
        if self.title_cues is not None and _ANY_QUOTE.search(text):
            spans += _quoted_titles(text, self.title_cues, self.title_max_words)
        return spans


def _found(pattern: re.Pattern[str] | None, text: str) -> bool:
    return pattern is not None and pattern.search(text) is not None


def _around(line: str, start: int, end: int, window: int, *, before: int | None = None) -> str:
    """The matched words with up to ``window`` words on each side (``before`` words on the
    left when given), SEP at both ends."""
    left = line.rfind(SEP, 0, start + 1)
    for _ in range(window if before is None else before):
        if left <= 0:
            break
        left = line.rfind(SEP, 0, left)
    right = line.find(SEP, end - 1)
    for _ in range(window):
        if right < 0 or right >= len(line) - 1:
            break
        right = line.find(SEP, right + 1)
    left = max(left, 0)
    right = len(line) - 1 if right < 0 else right
    return line[left : right + 1]


def _blank(line: str, pattern: re.Pattern[str] | None) -> str:
    if pattern is None:
        return line
    return pattern.sub(lambda m: re.sub(f"[^{SEP}]+", MASK, m.group(0).replace(" ", SEP)), line)


def _mask_tokens(text: str, tokens: Sequence[str], spans: list[tuple[int, int]]) -> list[str]:
    """The tokens, with those inside a masked character span replaced by MASK."""
    out = []
    pos = 0
    for token in tokens:
        start = text.find(token, pos)
        if start < 0:
            out.append(token)
            continue
        end = start + len(token)
        pos = end
        inside = any(a <= start and end <= b for a, b in spans)
        out.append(MASK if inside else token)
    return out


def _quoted_titles(text: str, cues: re.Pattern[str], max_words: int) -> list[tuple[int, int]]:
    """Character spans of quoted titles: a short quoted span right after a cue word
    ("hội thảo “…”", "chương trình '…'")."""
    spans = []
    for open_mark, close_mark in QUOTES:
        start = 0
        while True:
            i = text.find(open_mark, start)
            if i < 0:
                break
            j = text.find(close_mark, i + 1)
            if j < 0:
                break
            inner = text[i + 1 : j]
            before = re.findall(r"\w+", text[max(0, i - 40) : i].lower())[-4:]
            if (
                0 < len(inner.split()) <= max_words
                and before
                and cues.search(SEP + SEP.join(before) + SEP)
            ):
                spans.append((i, j + 1))
            start = j + 1
    return spans
