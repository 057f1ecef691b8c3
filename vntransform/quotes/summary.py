"""Quotes over a whole corpus, filters, and the speakers table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from vntransform.quotes.extract import Quote, extract_quotes, quotes_frame
from vntransform.quotes.speakers import match_speaker, org_key

if TYPE_CHECKING:
    import pandas as pd

SPEAKER_COLUMNS = ["speaker", "roles", "quotes_direct", "quotes_indirect", "articles",
                   "first_quote"]


def corpus_quotes(
    corpus: Any,
    *,
    speaker: str | None = None,
    kind: str = "all",
    doc_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every quote in the corpus (or in ``doc_ids``), optionally one speaker's or one kind.

    Returns:
        DataFrame with columns doc_id, source, title, speaker, speaker_role, mention, kind,
        quote, sentence_index.
    """
    from vntransform.errors import UsageError

    if kind not in ("all", "direct", "indirect"):
        raise UsageError(f"--kind {kind}: choose direct, indirect or all")
    found: list[Quote] = []
    for doc in corpus.iter_documents(doc_ids):
        sentences = list(corpus.iter_sentences([doc.doc_id]))
        for quote in extract_quotes(doc, sentences):
            if kind != "all" and quote.kind != kind:
                continue
            if speaker and not match_speaker(speaker, quote.speaker):
                continue
            found.append(quote)
    return quotes_frame(found, corpus.documents())


def summarize_speakers(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per resolved speaker: roles, direct/indirect counts, articles, first quote."""
    import pandas as pd

    rows = []
    resolved = quotes[quotes["speaker"] != ""].copy()
    # one row for the spellings of one organisation or document ("Nghị quyết 04 của Tỉnh
    # ủy" / "Nghị quyết số 04/NQ-TU của Tỉnh ủy"), named by its fullest spelling
    keys = resolved["speaker"].map(org_key)
    fullest = {k: max(g, key=len) for k, g in resolved["speaker"].groupby(keys)}
    resolved["speaker"] = keys.map(fullest)
    for name, group in resolved.groupby("speaker", sort=False):
        roles = list(dict.fromkeys(r for r in group["speaker_role"] if r))
        # "Thứ trưởng" adds nothing next to "Thứ trưởng Bộ TT&TT"
        roles = [r for r in roles if not any(o != r and o.startswith(r) for o in roles)]
        first = group.iloc[0]["quote"]
        rows.append((name, "; ".join(roles), int((group["kind"] == "direct").sum()),
                     int((group["kind"] == "indirect").sum()), group["doc_id"].nunique(),
                     first if len(first) <= 120 else first[:119].rstrip() + "…"))
    frame = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
    frame["total"] = frame["quotes_direct"] + frame["quotes_indirect"]
    frame = frame.sort_values(["total", "speaker"], ascending=[False, True], kind="stable")
    return frame.drop(columns="total").reset_index(drop=True)
