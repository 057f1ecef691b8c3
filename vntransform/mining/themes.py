"""Named themes: sentences that make a point about a theme, from an editable TOML lexicon.

A term counts only in a sentence where its rules allow it (see
:mod:`vntransform.mining.theme_rules`): "kết nối" counts for data sharing with "dữ liệu" or
"thông tin" in the sentence, not for a bridge; captions, attendee lists and thanks are never
evidence; words inside a quoted title or a time phrase ("theo kế hoạch") do not count.
Matching is on the stored words, so "số" never matches inside "chuyển đổi số".
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vntransform.errors import UsageError
from vntransform.mining.cache import cached, peek, stored
from vntransform.mining.theme_rules import (
    Lexicon,
    Matcher,
    SentenceRules,
    Theme,
    builtin_lexicon_text,
    parse_lexicon,
    read_lexicon_file,
)
from vntransform.models import Sentence

if TYPE_CHECKING:
    import pandas as pd

    from vntransform.corpus.base import CorpusReader

__all__ = [
    "Lexicon",
    "SentenceRules",
    "Theme",
    "ThemeTables",
    "find_themes",
    "load_lexicon",
    "match_document",
    "suggest_terms",
    "theme_evidence",
    "theme_matcher",
    "theme_matrix",
    "theme_tables",
    "write_lexicon",
]

THEME_COLUMNS = [
    "theme",
    "label",
    "articles",
    "sentences",
    "share",
    "top_terms",
    "example",
    "example_doc",
]
EVIDENCE_COLUMNS = ["theme", "doc_id", "sentence_index", "terms", "sentence"]
SUGGEST_COLUMNS = [
    "term",
    "sentences",
    "theme_sentences",
    "share_in_theme",
    "lift",
    "log_likelihood",
    "example",
    "example_doc",
]
RULES_VERSION = 9  # part of the cache key: bump when matching changes


def load_lexicon(path: str | Path | None = None, *, replace: bool = False) -> Lexicon:
    """The built-in themes, extended (or replaced) by a user TOML file.

    A theme of the file replaces the built-in theme of the same name; a new name is added.
    The file's ``[sentence_rules]`` replace the built-in ones; without them the built-in
    rules apply.

    Raises:
        InputError: the file is unreadable or not in the lexicon format.
    """
    builtin = parse_lexicon(builtin_lexicon_text(), "themes.toml")
    if path is None:
        return builtin
    user = read_lexicon_file(path)
    rules = user.sentence_rules if user.has_sentence_rules else builtin.sentence_rules
    if replace:
        return Lexicon(user, rules)
    merged = {t.name: t for t in builtin}
    merged.update({t.name: t for t in user})
    return Lexicon(merged.values(), rules)


def write_lexicon(path: str | Path) -> Path:
    """Write the built-in lexicon (with its comments) to ``path`` as a starting point.

    Raises:
        UsageError: the file exists (it is never overwritten).
    """
    target = Path(path)
    if target.exists():
        raise UsageError(
            f"--init-lexicon {path}: the file exists; choose another name or delete it first"
        )
    target.write_text(builtin_lexicon_text(), encoding="utf-8")
    return target


def _resolve(lexicon: Sequence[Theme] | None) -> tuple[list[Theme], SentenceRules]:
    lex = lexicon if lexicon is not None else load_lexicon()
    rules = getattr(lex, "sentence_rules", None)
    if rules is None:
        rules = load_lexicon().sentence_rules
    return list(lex), rules


def _matches(
    corpus: CorpusReader, themes: Sequence[Theme], rules: SentenceRules, fold: bool
) -> Iterator[tuple[Sentence, dict[str, list[str]]]]:
    """(sentence, {theme: [terms]}) for every sentence of the corpus."""
    matcher = _matcher(themes, rules, fold)
    doc: list[Sentence] = []
    for sentence in corpus.iter_sentences():
        if doc and sentence.doc_id != doc[0].doc_id:
            yield from _judge(matcher, doc)
            doc = []
        doc.append(sentence)
    yield from _judge(matcher, doc)


def _matcher(themes: Sequence[Theme], rules: SentenceRules, fold: bool) -> Matcher:
    """The lexicon's matcher, with the learned scorer attached when the rules ask for it
    (``learned = true``; off by default) and the built-in model is present."""
    matcher = Matcher(themes, rules, fold=fold)
    if rules.learned:
        from vntransform.mining.theme_model import LearnedLayer, builtin_scorer

        scorer = builtin_scorer()
        if scorer is not None:
            layer = LearnedLayer(scorer, themes, rules, fold=fold)
            matcher.learned = layer if layer.active else None
    return matcher


def _model_version(rules: SentenceRules) -> str:
    if not rules.learned:
        return ""
    from vntransform.mining.theme_model import builtin_scorer

    scorer = builtin_scorer()
    return scorer.version if scorer is not None else ""


def _judge(
    matcher: Matcher, doc: list[Sentence]
) -> Iterator[tuple[Sentence, dict[str, list[str]]]]:
    if not doc:
        return
    gated = set() if matcher.in_domain([s.tokens for s in doc]) else matcher.gated
    founds = []
    for sentence in doc:
        found = matcher.match(sentence.text, sentence.tokens)
        if gated and found and not matcher.sentence_in_domain(sentence.tokens):
            found = {k: v for k, v in found.items() if k not in gated}
        founds.append(found)
    if matcher.learned is not None:
        founds = matcher.learned.judge(doc, founds)
    yield from zip(doc, founds, strict=True)


Match = tuple[str, int, str, dict[str, list[str]]]  # doc_id, sentence index, text, found


def theme_matcher(*, lexicon: Sequence[Theme] | None = None, fold: bool = False) -> Matcher:
    """The matcher ``find_themes`` uses for ``lexicon`` (for ``match_document``)."""
    themes, rules = _resolve(lexicon)
    return _matcher(themes, rules, fold)


def match_document(matcher: Matcher, sentences: list[Sentence]) -> list[Match]:
    """The sentences of one article that count for a theme, as (doc_id, sentence_index,
    text, {theme: [terms]}): the per-article step of every theme analysis, for callers
    that read each article once for several analyses (the report)."""
    return [(s.doc_id, s.index, s.text, found) for s, found in _judge(matcher, sentences) if found]


def _collect(
    corpus: CorpusReader, themes: Sequence[Theme], rules: SentenceRules, fold: bool
) -> tuple[int, list[Match]]:
    """(sentences read, the matching ones) over the whole corpus: one pass of the lexicon
    (each article's matches of the built-in lexicon are kept in the store, ``derived``)."""
    from vntransform.corpus.derived import is_builtin, keeps_results, scan_articles

    if is_builtin(themes, rules, fold) and keeps_results(corpus):
        scan = scan_articles(corpus, quotes=False, themes=True)
        return scan.sentences, scan.matched
    total = 0
    matched: list[Match] = []
    for sentence, found in _matches(corpus, themes, rules, fold):
        total += 1
        if found:
            matched.append((sentence.doc_id, sentence.index, sentence.text, found))
    return total, matched


def find_themes(
    corpus: CorpusReader,
    *,
    lexicon: Sequence[Theme] | None = None,
    fold: bool = False,
    use_cache: bool = True,
) -> pd.DataFrame:
    """How often each theme recurs: articles, sentences, share of sentences, top terms.

    Returns:
        DataFrame with columns theme, label, articles, sentences, share, top_terms
        ("nhận thức (23); tư duy (4)"), example (the sentence with the most matches),
        example_doc.
    """
    if use_cache:  # one pass fills the caches of the three theme tables
        return _table(corpus, "themes", lexicon, fold)
    themes, rules = _resolve(lexicon)
    return _themes(corpus, themes, rules, fold)


def _params(themes: list[Theme], rules: SentenceRules, fold: bool) -> dict[str, object]:
    """The cache key of every theme table of the corpus (the lexicon, rules and fold)."""
    return {
        "lexicon": themes,
        "rules": rules,
        "fold": fold,
        "v": RULES_VERSION,
        "model": _model_version(rules),
    }


def _themes(
    corpus: CorpusReader, themes: list[Theme], rules: SentenceRules, fold: bool
) -> pd.DataFrame:
    return summarize_matches(themes, *_collect(corpus, themes, rules, fold))


def summarize_matches(
    themes: Sequence[Theme], total: int, matched: Sequence[Match]
) -> pd.DataFrame:
    """The ``find_themes`` table from ``total`` sentences read and the ``matched`` ones."""
    import pandas as pd

    docs: dict[str, set[str]] = defaultdict(set)
    sentences: Counter[str] = Counter()
    terms: dict[str, Counter[str]] = defaultdict(Counter)
    best: dict[str, tuple[int, str, str]] = {}
    for doc_id, _, text, found in matched:
        for name, hits in found.items():
            docs[name].add(doc_id)
            sentences[name] += 1
            terms[name].update(hits)
            if name not in best or len(set(hits)) > best[name][0]:
                best[name] = (len(set(hits)), text, doc_id)
    rows = []
    for theme in themes:
        n = sentences[theme.name]
        top = sorted(terms[theme.name].items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        example = best.get(theme.name, (0, "", ""))
        rows.append(
            (
                theme.name,
                theme.label,
                len(docs[theme.name]),
                n,
                round(n / total, 4) if total else 0.0,
                "; ".join(f"{t} ({c})" for t, c in top),
                _shorten(example[1]),
                example[2],
            )
        )
    frame = pd.DataFrame(rows, columns=THEME_COLUMNS)
    return frame.sort_values(
        ["sentences", "theme"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def _only(themes: list[Theme], theme: str | None) -> list[Theme]:
    if theme is None:
        return themes
    chosen = [t for t in themes if t.name == theme]
    if not chosen:
        names = ", ".join(t.name for t in themes)
        raise UsageError(f"--theme {theme}: no such theme; choose one of {names}")
    return chosen


def theme_evidence(
    corpus: CorpusReader,
    *,
    lexicon: Sequence[Theme] | None = None,
    fold: bool = False,
    theme: str | None = None,
    use_cache: bool = True,
) -> pd.DataFrame:
    """Every sentence that counts for a theme (columns theme, doc_id, sentence_index, terms,
    sentence).

    Raises:
        UsageError: ``theme`` is not a theme of the lexicon.
    """
    if theme is None and use_cache:
        return _table(corpus, "theme_evidence", lexicon, fold)
    themes, rules = _resolve(lexicon)
    return evidence_frame(_collect(corpus, _only(themes, theme), rules, fold)[1])


def evidence_frame(matched: Sequence[Match]) -> pd.DataFrame:
    """The ``theme_evidence`` table of the ``matched`` sentences."""
    import pandas as pd

    rows = [
        (name, doc_id, index, "; ".join(dict.fromkeys(hits)), text)
        for doc_id, index, text, found in matched
        for name, hits in found.items()
    ]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def theme_matrix(
    corpus: CorpusReader,
    *,
    lexicon: Sequence[Theme] | None = None,
    fold: bool = False,
    use_cache: bool = True,
) -> pd.DataFrame:
    """The article × theme matrix: matching sentences per theme for every article.

    Columns: doc_id, title, then one column per theme name.
    """
    if use_cache:
        return _table(corpus, "theme_matrix", lexicon, fold)
    themes, rules = _resolve(lexicon)
    return _matrix(corpus, themes, rules, fold)


@dataclass(slots=True)
class ThemeTables:
    """The three theme tables of one corpus, as ``find_themes``, ``theme_evidence`` and
    ``theme_matrix`` return them."""

    themes: pd.DataFrame
    evidence: pd.DataFrame
    matrix: pd.DataFrame


def theme_tables(
    corpus: CorpusReader,
    *,
    lexicon: Sequence[Theme] | None = None,
    fold: bool = False,
    use_cache: bool = True,
    matches: Callable[[], tuple[int, list[Match]]] | None = None,
) -> ThemeTables:
    """``find_themes``, ``theme_evidence`` and ``theme_matrix`` from one pass of the lexicon
    over the corpus instead of three; each is read from and written to the cache the
    function itself uses.

    Args:
        matches: gives (sentences read, ``match_document`` results of every article) when a
            pass is needed, for a caller that reads the articles anyway (the report); by
            default the corpus is read here.
    """
    themes, rules = _resolve(lexicon)
    params = _params(themes, rules, fold)
    memo: list[tuple[int, list[Match]]] = []

    def collect() -> tuple[int, list[Match]]:
        if not memo:
            memo.append(matches() if matches is not None else _collect(corpus, themes, rules, fold))
        return memo[0]

    return ThemeTables(
        cached(
            corpus,
            "themes",
            params,
            lambda: summarize_matches(themes, *collect()),
            use_cache=use_cache,
        ),
        cached(
            corpus,
            "theme_evidence",
            params,
            lambda: evidence_frame(collect()[1]),
            use_cache=use_cache,
        ),
        cached(
            corpus,
            "theme_matrix",
            params,
            lambda: matrix_frame(corpus.documents(), themes, collect()[1]),
            use_cache=use_cache,
        ),
    )


def _table(
    corpus: CorpusReader, name: str, lexicon: Sequence[Theme] | None, fold: bool
) -> pd.DataFrame:
    """One theme table from the cache, or all three from one pass (cached for the others)."""
    themes, rules = _resolve(lexicon)
    if not hasattr(corpus, "cache_get"):  # no cache to fill: this table only
        matched = _collect(corpus, themes, rules, fold)
        if name == "themes":
            return summarize_matches(themes, *matched)
        if name == "theme_evidence":
            return evidence_frame(matched[1])
        return matrix_frame(corpus.documents(), themes, matched[1])
    found = peek(corpus, name, _params(themes, rules, fold))
    if found is not None:
        return found
    tables = theme_tables(corpus, lexicon=lexicon, fold=fold)
    return {
        "themes": tables.themes,
        "theme_evidence": tables.evidence,
        "theme_matrix": tables.matrix,
    }[name]


def theme_tables_cached(
    corpus: CorpusReader, *, lexicon: Sequence[Theme] | None = None, fold: bool = False
) -> bool:
    """Whether ``theme_tables`` would answer from the cache alone."""
    themes, rules = _resolve(lexicon)
    params = _params(themes, rules, fold)
    return all(
        stored(corpus, name, params) for name in ("themes", "theme_evidence", "theme_matrix")
    )


def _matrix(
    corpus: CorpusReader, themes: list[Theme], rules: SentenceRules, fold: bool
) -> pd.DataFrame:
    return matrix_frame(corpus.documents(), themes, _collect(corpus, themes, rules, fold)[1])


def matrix_frame(
    docs: pd.DataFrame, themes: Sequence[Theme], matched: Sequence[Match]
) -> pd.DataFrame:
    """The ``theme_matrix`` table of the articles ``docs`` from the ``matched`` sentences."""
    import pandas as pd

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, _, _, found in matched:
        for name in found:
            counts[doc_id][name] += 1
    rows = [
        [doc_id, title, *[counts[doc_id][t.name] for t in themes]]
        for doc_id, title in docs[["doc_id", "title"]].itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "title", *[t.name for t in themes]])


def suggest_terms(
    corpus: CorpusReader,
    theme: str,
    *,
    lexicon: Sequence[Theme] | None = None,
    top: int = 30,
    min_count: int = 3,
    fold: bool = False,
) -> pd.DataFrame:
    """Candidate terms for a theme: words and two-word phrases that occur in the theme's
    evidence sentences far more often than in the rest of the corpus.

    Candidates are ranked by Dunning's log-likelihood ratio (G²) of sentence counts, kept
    only when over-represented (lift > 1) and seen in at least ``min_count`` theme sentences;
    terms already in the theme, stopwords, numbers and punctuation are left out.

    Returns:
        DataFrame with columns term, sentences (all sentences containing it),
        theme_sentences (of them, how many count for the theme), share_in_theme, lift
        (how many times more frequent in theme sentences than overall), log_likelihood,
        example (a theme sentence containing it), example_doc.

    Raises:
        UsageError: ``theme`` is not a theme of the lexicon, or ``top``/``min_count`` < 1.
    """
    import pandas as pd

    from vntransform.mining.vocabulary import default_stopwords

    if top < 1 or min_count < 1:
        raise UsageError(f"--top {top} / --min-count {min_count}: both must be at least 1")
    themes, rules = _resolve(lexicon)
    chosen = _only(themes, theme)[0]
    stop = default_stopwords()
    own = set(chosen.terms)
    in_theme: Counter[str] = Counter()
    overall: Counter[str] = Counter()
    example: dict[str, tuple[int, str, str]] = {}
    n_theme = n_all = 0
    for sentence, found in _matches(corpus, [chosen], rules, fold):
        n_all += 1
        cands = _candidates(sentence.tokens, stop, own)
        overall.update(cands)
        if chosen.name in found:
            n_theme += 1
            in_theme.update(cands)
            for cand in cands:
                length = len(sentence.text)
                if cand not in example or length < example[cand][0]:
                    example[cand] = (length, sentence.text, sentence.doc_id)
    rows = []
    for cand, a in in_theme.items():
        total = overall[cand]
        if a < min_count or not n_theme or n_all == n_theme:
            continue
        lift = (a / n_theme) / (total / n_all)
        if lift <= 1:
            continue
        rows.append(
            (
                cand,
                total,
                a,
                round(a / total, 3),
                round(lift, 2),
                round(_g2(a, n_theme, total - a, n_all - n_theme), 2),
                _shorten(example[cand][1]),
                example[cand][2],
            )
        )
    frame = pd.DataFrame(rows, columns=SUGGEST_COLUMNS)
    frame = frame.sort_values(["log_likelihood", "term"], ascending=[False, True], kind="stable")
    return frame.head(top).reset_index(drop=True)


def _candidates(tokens: Sequence[str], stop: AbstractSet[str], own: AbstractSet[str]) -> set[str]:
    words = [t.lower() for t in tokens]
    ok = [
        any(c.isalpha() for c in w) and not any(c.isdigit() for c in w) and w not in stop
        for w in words
    ]
    out = {w for w, good in zip(words, ok, strict=True) if good and " " in w}
    out |= {
        f"{a} {b}" for a, b, ga, gb in zip(words, words[1:], ok, ok[1:], strict=False) if ga and gb
    }
    return {c for c in out if not any(c in t or t in c for t in own)}


def _g2(a: int, n1: int, b: int, n2: int) -> float:
    """Dunning's log-likelihood ratio for a count a of n1 against b of n2."""

    def ll(k: int, n: int, p: float) -> float:
        return (k * math.log(p) if k else 0.0) + ((n - k) * math.log(1 - p) if n - k else 0.0)

    p = (a + b) / (n1 + n2)
    p1, p2 = a / n1, b / n2 if n2 else 0.0
    eps = 1e-12
    clip = lambda x: min(max(x, eps), 1 - eps)  # noqa: E731
    return 2 * (ll(a, n1, clip(p1)) + ll(b, n2, clip(p2)) - ll(a, n1, clip(p)) - ll(b, n2, clip(p)))


def _shorten(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
