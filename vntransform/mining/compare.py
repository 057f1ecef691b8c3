"""Comparisons: themes and keywords per year, month or outlet; quotes about a theme or term.

Groups are selections of the corpus (``vntransform.corpus.select.CorpusView``), so each
group's analysis is the ordinary library call on fewer articles, cached per group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from vntransform.corpus.select import CorpusView, published_date
from vntransform.errors import UsageError
from vntransform.text.normalize import fold_diacritics, normalize_text

if TYPE_CHECKING:
    import pandas as pd

    from vntransform.corpus.base import CorpusReader

GROUPINGS = ("year", "month", "outlet")
UNDATED = "(undated)"
NO_OUTLET = "(no outlet)"
THEME_META_COLUMNS = {"doc_id", "title", "published", "outlet", "url", "source"}


def _check(by: str) -> None:
    if by not in GROUPINGS:
        raise UsageError(f"--by {by}: choose one of {', '.join(GROUPINGS)}")


def group_label(by: str, published: str, outlet: str) -> str:
    """The group an article falls in: ``2022``, ``2022-06`` or its outlet name."""
    if by == "outlet":
        return (outlet or "").strip() or NO_OUTLET
    date = published_date(published)
    if by == "year":
        return date[:4] or UNDATED
    return date[:7] if len(date) >= 7 else UNDATED


def group_documents(corpus: CorpusReader, by: str) -> list[tuple[str, list[str]]]:
    """(label, doc_ids) per group, labels sorted (periods in time order; the undated or
    outlet-less group last).

    Raises:
        UsageError: ``by`` is not year, month or outlet.
    """
    _check(by)
    groups: dict[str, list[str]] = {}
    docs = corpus.documents()
    for doc_id, published, outlet in docs[["doc_id", "published", "outlet"]].itertuples(
        index=False
    ):
        groups.setdefault(group_label(by, published or "", outlet or ""), []).append(doc_id)
    return sorted(groups.items(), key=lambda kv: (kv[0] in (UNDATED, NO_OUTLET), kv[0]))


def themes_by(
    corpus: CorpusReader, by: str, *, lexicon: Sequence[Any] | None = None, fold: bool = False
) -> pd.DataFrame:
    """Theme prevalence per period or outlet: the share of each group's articles with at
    least one sentence matching the theme.

    Returns:
        DataFrame with columns ``<by>`` (year, month or outlet), articles, then one column
        per theme (a share between 0 and 1).

    Example:
        >>> themes_by(corpus, "year")  # doctest: +SKIP
           year  articles  data_sharing  leadership ...
    """
    import pandas as pd

    from vntransform.mining.themes import theme_matrix

    groups = group_documents(corpus, by)
    matrix = theme_matrix(corpus, lexicon=lexicon, fold=fold)
    names = [
        c for c in matrix.columns if c not in THEME_META_COLUMNS and matrix[c].dtype.kind in "iuf"
    ]
    mentioned = matrix.set_index("doc_id")[names] > 0
    rows = []
    for label, ids in groups:
        present = mentioned.reindex(ids).fillna(False)
        rows.append(
            [label, len(ids), *[round(float(present[n].mean()), 4) if ids else 0.0 for n in names]]
        )
    return pd.DataFrame(rows, columns=[by, "articles", *names])


def keywords_by(
    corpus: CorpusReader,
    by: str,
    *,
    top: int = 10,
    stopwords: Sequence[str] = (),
    use_cache: bool = True,
) -> pd.DataFrame:
    """The top terms of each period or outlet (``extract_keywords`` on each group).

    Returns:
        DataFrame with columns ``<by>``, articles, rank, term, score, doc_freq, count.
    """
    import pandas as pd

    from vntransform.mining.keywords import extract_keywords

    frames = []
    for label, ids in group_documents(corpus, by):
        found = extract_keywords(
            CorpusView(corpus, ids, f"{by} {label}"),
            top=top,
            stopwords=stopwords,
            use_cache=use_cache,
        )
        found = found.reset_index(drop=True)
        found.insert(0, "rank", range(1, len(found) + 1))
        found.insert(0, "articles", len(ids))
        found.insert(0, by, label)
        frames.append(found)
    if not frames:
        return pd.DataFrame(columns=[by, "articles", "rank", "term", "score", "doc_freq", "count"])
    return pd.concat(frames, ignore_index=True)


def _plain(text: str, fold: bool) -> str:
    text = " ".join(normalize_text(str(text)).lower().split())
    return fold_diacritics(text) if fold else text


def quotes_on(
    quotes: pd.DataFrame,
    corpus: CorpusReader,
    *,
    theme: str | None = None,
    about: str | None = None,
    lexicon: Sequence[Any] | None = None,
    fold: bool = False,
) -> pd.DataFrame:
    """The quotes said about a theme or a term.

    A quote is about a theme when its sentence is evidence of the theme (``vnt themes
    --evidence``), and about a term when its sentence or its own text contains the term
    (matched on whole words like ``vnt kwic``; without diacritics when ``fold``).

    Args:
        quotes: records from ``corpus_quotes`` (doc_id, sentence_index, quote…).
        corpus: the corpus (or selection) they came from.
        theme: a theme name of the lexicon.
        about: a word or phrase.
    """
    if quotes.empty or (theme is None and about is None):
        return quotes
    view = CorpusView(corpus, list(dict.fromkeys(quotes["doc_id"])))
    keys = list(zip(quotes["doc_id"], quotes["sentence_index"], strict=True))
    keep = [True] * len(quotes)
    if theme is not None:
        from vntransform.mining.themes import theme_evidence

        evidence = theme_evidence(view, lexicon=lexicon, fold=fold, theme=theme)
        hits = set(zip(evidence["doc_id"], evidence["sentence_index"], strict=True))
        keep = [k and key in hits for k, key in zip(keep, keys, strict=True)]
    if about is not None:
        from vntransform.mining.kwic import find_kwic

        found = find_kwic(view, about, window=1, fold=fold)
        hits = set(zip(found["doc_id"], found["sentence_index"], strict=True))
        needle = re.compile(r"(?<!\w)" + re.escape(_plain(about, fold)) + r"(?!\w)")
        keep = [
            k and (key in hits or needle.search(_plain(text, fold)) is not None)
            for k, key, text in zip(keep, keys, quotes["quote"], strict=True)
        ]
    return quotes[keep].reset_index(drop=True)
