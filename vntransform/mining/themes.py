"""Named themes: sentences that mention a theme's terms, from an editable TOML lexicon.

Matching is on the stored words: a term matches a run of whole words (its syllables may be
grouped into words in any way, but it never starts or ends inside a word), so "số" never
matches inside "chuyển đổi số" and "kết nối" never matches "kết nối nối"'s middle.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vntransform.errors import InputError
from vntransform.mining.cache import cached
from vntransform.text.normalize import fold_diacritics

if TYPE_CHECKING:
    import pandas as pd

THEME_COLUMNS = ["theme", "label", "articles", "sentences", "share", "top_terms", "example",
                 "example_doc"]
EVIDENCE_COLUMNS = ["theme", "doc_id", "sentence_index", "terms", "sentence"]
SEP = "\x1f"  # marks word boundaries in the matching string


@dataclass(frozen=True, slots=True)
class Theme:
    """A named theme and the words or phrases that signal it."""

    name: str
    label: str
    terms: tuple[str, ...]


def _parse_lexicon(text: str, source: str) -> list[Theme]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source}: not valid TOML ({exc})") from None
    themes = []
    for name, table in data.items():
        if not isinstance(table, dict) or not isinstance(table.get("terms"), list) or \
                not all(isinstance(t, str) for t in table["terms"]):
            raise InputError(f"{source}: theme [{name}] needs terms = [\"…\", …]")
        from vntransform.text.normalize import normalize_text

        terms = tuple(dict.fromkeys(normalize_text(t).strip().lower() for t in table["terms"]
                                    if t.strip()))
        themes.append(Theme(name, str(table.get("label", name)), terms))
    return themes


def load_lexicon(path: str | Path | None = None, *, replace: bool = False) -> list[Theme]:
    """The built-in themes, extended (or replaced) by a user TOML file.

    Raises:
        InputError: the file is unreadable or not in the lexicon format.
    """
    builtin = _parse_lexicon(
        resources.files("vntransform.data").joinpath("themes.toml").read_text("utf-8"),
        "themes.toml")
    if path is None:
        return builtin
    try:
        text = Path(path).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read lexicon ({exc})") from None
    user = _parse_lexicon(text, str(path))
    if replace:
        return user
    merged = {t.name: t for t in builtin}
    merged.update({t.name: t for t in user})
    return list(merged.values())


def _pattern(terms: Sequence[str], fold: bool) -> re.Pattern[str]:
    alternatives = []
    for term in sorted(terms, key=lambda t: (-len(t), t)):
        syllables = (fold_diacritics(term) if fold else term).split()
        alternatives.append(f"[ {SEP}]".join(map(re.escape, syllables)))
    return re.compile(f"(?<={SEP})(?:" + "|".join(alternatives) + f")(?={SEP})")


def _marked(tokens: Sequence[str], fold: bool) -> str:
    text = SEP + SEP.join(t.lower() for t in tokens) + SEP
    return fold_diacritics(text) if fold else text


def _matches(corpus: Any, themes: Sequence[Theme], fold: bool):  # noqa: ANN202
    """(sentence, {theme: [terms]}) for every sentence with at least one match."""
    patterns = [(t, _pattern(t.terms, fold)) for t in themes if t.terms]
    for sentence in corpus.iter_sentences():
        marked = _marked(sentence.tokens, fold)
        found = {}
        for theme, pattern in patterns:
            hits = [m.group(0).replace(SEP, " ") for m in pattern.finditer(marked)]
            if hits:
                found[theme.name] = hits
        yield sentence, found


def find_themes(corpus: Any, *, lexicon: Sequence[Theme] | None = None,
                fold: bool = False, use_cache: bool = True) -> pd.DataFrame:
    """How often each theme recurs: articles, sentences, share of sentences, top terms.

    Returns:
        DataFrame with columns theme, label, articles, sentences, share, top_terms
        ("nhận thức (23); tư duy (4)"), example (the sentence with the most matches),
        example_doc.
    """
    themes = list(lexicon) if lexicon is not None else load_lexicon()
    return cached(corpus, "themes", {"lexicon": themes, "fold": fold},
                  lambda: _themes(corpus, themes, fold), use_cache=use_cache)


def _themes(corpus: Any, themes: list[Theme], fold: bool) -> pd.DataFrame:
    import pandas as pd

    total = 0
    docs: dict[str, set[str]] = defaultdict(set)
    sentences: Counter[str] = Counter()
    terms: dict[str, Counter[str]] = defaultdict(Counter)
    best: dict[str, tuple[int, str, str]] = {}
    for sentence, found in _matches(corpus, themes, fold):
        total += 1
        for name, hits in found.items():
            docs[name].add(sentence.doc_id)
            sentences[name] += 1
            terms[name].update(hits)
            if name not in best or len(set(hits)) > best[name][0]:
                best[name] = (len(set(hits)), sentence.text, sentence.doc_id)
    rows = []
    for theme in themes:
        n = sentences[theme.name]
        top = sorted(terms[theme.name].items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        example = best.get(theme.name, (0, "", ""))
        rows.append((theme.name, theme.label, len(docs[theme.name]), n,
                     round(n / total, 4) if total else 0.0,
                     "; ".join(f"{t} ({c})" for t, c in top), _shorten(example[1]), example[2]))
    frame = pd.DataFrame(rows, columns=THEME_COLUMNS)
    return frame.sort_values(["sentences", "theme"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def theme_evidence(corpus: Any, *, lexicon: Sequence[Theme] | None = None,
                   fold: bool = False, theme: str | None = None) -> pd.DataFrame:
    """Every sentence that matches a theme (columns theme, doc_id, sentence_index, terms,
    sentence)."""
    import pandas as pd

    themes = list(lexicon) if lexicon is not None else load_lexicon()
    if theme is not None:
        themes = [t for t in themes if t.name == theme]
        if not themes:
            from vntransform.errors import UsageError

            raise UsageError(f"--theme {theme}: no such theme")
    rows = []
    for sentence, found in _matches(corpus, themes, fold):
        for name, hits in found.items():
            rows.append((name, sentence.doc_id, sentence.index,
                         "; ".join(dict.fromkeys(hits)), sentence.text))
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def theme_matrix(corpus: Any, *, lexicon: Sequence[Theme] | None = None,
                 fold: bool = False, use_cache: bool = True) -> pd.DataFrame:
    """The article × theme matrix: matching sentences per theme for every article.

    Columns: doc_id, title, then one column per theme name.
    """
    themes = list(lexicon) if lexicon is not None else load_lexicon()
    return cached(corpus, "theme_matrix", {"lexicon": themes, "fold": fold},
                  lambda: _matrix(corpus, themes, fold), use_cache=use_cache)


def _matrix(corpus: Any, themes: list[Theme], fold: bool) -> pd.DataFrame:
    import pandas as pd

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence, found in _matches(corpus, themes, fold):
        for name in found:
            counts[sentence.doc_id][name] += 1
    docs = corpus.documents()
    rows = [[doc_id, title, *[counts[doc_id][t.name] for t in themes]]
            for doc_id, title in docs[["doc_id", "title"]].itertuples(index=False)]
    return pd.DataFrame(rows, columns=["doc_id", "title", *[t.name for t in themes]])


def _shorten(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
