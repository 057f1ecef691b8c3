"""Gather the analyses of a corpus and render them as one self-contained HTML page."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from html import escape
from importlib import metadata
from typing import Any

from vntransform.report.svg import bar_chart, heatmap, timeline

CSS = """
:root { --fg:#1f2328; --muted:#59636e; --line:#d0d7de; --accent:#1f6feb; }
body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
       "Liberation Sans", sans-serif; color: var(--fg); margin: 0 auto; max-width: 1100px;
       padding: 24px; line-height: 1.5; }
h1 { margin-bottom: 0; } h2 { border-bottom: 1px solid var(--line); padding-bottom: 4px;
       margin-top: 2.2em; }
.sub { color: var(--muted); margin-top: 4px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 120px; }
.card b { display: block; font-size: 1.6em; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; margin: 8px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
svg text { font-family: inherit; font-size: 12px; fill: var(--fg); }
svg text.title { font-weight: 600; font-size: 13px; }
svg text.num { font-size: 10px; fill: #0b2a5b; }
.evidence li { margin-bottom: 4px; } .evidence .doc { color: var(--muted); font-size: 0.85em; }
.empty { color: var(--muted); font-style: italic; }
select { font: inherit; padding: 4px; }
footer { margin-top: 3em; color: var(--muted); font-size: 0.85em; }
"""

SCRIPT = """
document.getElementById('speaker-filter').addEventListener('change', function (e) {
  var who = e.target.value;
  document.querySelectorAll('#quotes tbody tr').forEach(function (row) {
    row.style.display = (!who || row.dataset.speaker === who) ? '' : 'none';
  });
});
"""


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _table(frame: Any, columns: list[str], *, numeric: tuple[str, ...] = (),
           row_attr: str | None = None, table_id: str | None = None) -> str:
    if frame is None or len(frame) == 0:
        return '<p class="empty">nothing found</p>'
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    rows = []
    for record in frame[columns].itertuples(index=False):
        attrs = ""
        if row_attr:
            attrs = f' data-speaker="{escape(str(getattr(record, row_attr)))}"'
        cells = "".join(
            f'<td class="num">{escape(str(v))}</td>' if c in numeric
            else f"<td>{escape(str(v))}</td>" for c, v in zip(columns, record, strict=True))
        rows.append(f"<tr{attrs}>{cells}</tr>")
    ident = f' id="{table_id}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_report(corpus: Any, *, title: str = "vnt report", k: int | str = "auto",
                 seed: int = 0, top: int = 20) -> str:
    """The whole report as one HTML string (UTF-8, no external resources).

    Args:
        corpus: an open corpus.
        title: page title.
        k: topics to fit ("auto" chooses by silhouette).
        seed: topic seed.
        top: keywords in the bar chart.
    """
    from vntransform.errors import VntError
    from vntransform.mining import (
        extract_keywords,
        find_themes,
        fit_topics,
        keywords_per_doc,
        theme_evidence,
        theme_matrix,
    )
    from vntransform.quotes import corpus_quotes, summarize_speakers

    docs = corpus.documents()
    labels = {d: (t or s.rsplit("/", 1)[-1]) for d, t, s in
              docs[["doc_id", "title", "source"]].itertuples(index=False)}
    themes = find_themes(corpus)
    matrix = theme_matrix(corpus)
    evidence = theme_evidence(corpus)
    keywords = extract_keywords(corpus, top=top)
    per_doc = keywords_per_doc(corpus, top=8)
    try:
        topics = fit_topics(corpus, k=k, seed=seed)
        topics_error = ""
    except VntError as exc:
        topics, topics_error = None, str(exc)
    quotes = corpus_quotes(corpus)
    speakers = summarize_speakers(quotes)

    parts = [f"<h1>{escape(title)}</h1>",
             f'<p class="sub">{len(docs)} articles · generated '
             f'{datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")} by vnt '
             f'{escape(_version("vntransform"))}</p>']
    # -- at a glance
    outlets = Counter(o for o in docs["outlet"] if o)
    dates = sorted(d[:10] for d in docs["published"] if d)
    parts.append("<h2 id=\"glance\">The corpus at a glance</h2><div class=\"cards\">"
                 f"<div class=\"card\"><b>{len(docs)}</b>articles</div>"
                 f"<div class=\"card\"><b>{int(docs['words'].sum()):,}</b>words</div>"
                 f"<div class=\"card\"><b>{int(docs['sentences'].sum()):,}</b>sentences</div>"
                 f"<div class=\"card\"><b>{len(outlets)}</b>outlets</div>"
                 f"<div class=\"card\"><b>{escape(dates[0]) if dates else '–'}"
                 f"</b>to {escape(dates[-1]) if dates else '–'}</div></div>")
    if outlets:
        parts.append("<p>Outlets: " + ", ".join(f"{escape(o)} ({n})" for o, n in
                                                 outlets.most_common()) + "</p>")
    by_month = len({d[:7] for d in dates}) > 1  # one month: show days
    buckets = Counter(d[:7] if by_month else d for d in dates)
    parts.append(timeline(sorted(buckets), [buckets[b] for b in sorted(buckets)],
                          title="Articles over time"))
    parts.append(_table(docs.assign(label=[labels[d] for d in docs["doc_id"]]),
                        ["doc_id", "label", "published", "outlet", "author", "words"],
                        numeric=("words",)))
    # -- themes
    parts.append('<h2 id="themes">Themes</h2>')
    parts.append(bar_chart(list(themes["theme"]), [float(v) for v in themes["articles"]],
                           title="Articles mentioning each theme", css_class="bar-chart themes"))
    theme_names = [c for c in matrix.columns if c not in ("doc_id", "title")]
    doc_ids = list(matrix["doc_id"])
    values = [[int(matrix.loc[i, t]) for i in matrix.index] for t in theme_names]
    links = [[f"#ev-{_slug(t)}-{d}" for d in doc_ids] for t in theme_names]
    parts.append(heatmap(theme_names, [d[:8] for d in doc_ids], values, links=links,
                         column_titles=[labels[d] for d in doc_ids],
                         title="Theme × article (matching sentences; click a cell for evidence)"))
    parts.append(_table(themes, ["theme", "label", "articles", "sentences", "share",
                                 "top_terms", "example"],
                        numeric=("articles", "sentences", "share")))
    # -- keywords
    parts.append('<h2 id="keywords">Keywords</h2>')
    parts.append(bar_chart(list(keywords["term"]), [float(v) for v in keywords["score"]],
                           title=f"Top {len(keywords)} terms (TF-IDF)", value_format="{:.2f}",
                           css_class="bar-chart keywords"))
    grouped = per_doc.groupby("doc_id", sort=False)["term"].apply(lambda s: "; ".join(s))
    per_doc_rows = grouped.reset_index().rename(columns={"term": "top_terms"})
    per_doc_rows["article"] = [labels.get(d, d) for d in per_doc_rows["doc_id"]]
    parts.append(_table(per_doc_rows, ["doc_id", "article", "top_terms"]))
    # -- topics
    parts.append('<h2 id="topics">Topics</h2>')
    if topics is None:
        parts.append(f'<p class="empty">{escape(topics_error)}</p>')
    else:
        spans = topics.assignments.groupby("topic")["doc_id"].apply(
            lambda s: "; ".join(labels.get(d, d)[:40] for d in dict.fromkeys(s)))
        frame = topics.topics.assign(articles=[spans.get(t, "") for t in topics.topics["topic"]])
        parts.append(f'<p class="sub">{topics.k} topics over {topics.unit}s '
                     f'({topics.method}); {escape(topics.reason)}</p>')
        parts.append(_table(frame, ["topic", "label", "size", "coherence", "top_terms",
                                    "example", "articles"], numeric=("topic", "size",
                                                                     "coherence")))
    # -- speakers and quotes
    parts.append('<h2 id="speakers">Speakers and quotes</h2>')
    parts.append(_table(speakers, ["speaker", "roles", "quotes_direct", "quotes_indirect",
                                   "articles"],
                        numeric=("quotes_direct", "quotes_indirect", "articles")))
    options = "".join(f'<option value="{escape(s)}">{escape(s)}</option>'
                      for s in speakers["speaker"])
    parts.append('<p><label>Show quotes of <select id="speaker-filter"><option value="">'
                 f'everyone</option>{options}</select></label></p>')
    quotes = quotes.assign(article=[labels.get(d, d)[:50] for d in quotes["doc_id"]])
    parts.append(_table(quotes, ["speaker", "speaker_role", "kind", "quote", "article"],
                        row_attr="speaker", table_id="quotes"))
    # -- evidence
    parts.append('<h2 id="evidence">Theme evidence</h2>')
    for (theme, doc_id), group in evidence.groupby(["theme", "doc_id"], sort=False):
        items = "".join(f"<li>{escape(s)} <span class=\"doc\">[{escape(t)}]</span></li>"
                        for s, t in zip(group["sentence"], group["terms"], strict=True))
        parts.append(f'<h3 id="ev-{_slug(theme)}-{doc_id}">{escape(theme)} — '
                     f'{escape(labels.get(doc_id, doc_id))}</h3><ul class="evidence">{items}</ul>')
    parts.append("<h2 id=\"how\">How this was made</h2><p>vnt "
                 f"{escape(_version('vntransform'))} with underthesea "
                 f"{escape(_version('underthesea'))} and scikit-learn "
                 f"{escape(_version('scikit-learn'))}. Options: topics k={escape(str(k))}, "
                 f"seed={seed}; keywords top={top}; built-in theme lexicon. Words were "
                 "segmented once at ingest; every figure here is computed from the stored "
                 f"words of {len(docs)} articles. Generated "
                 f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.</p>")
    body = "\n".join(parts)
    return ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>{body}"
            f"<footer>Made with vnt — mine Vietnamese news and policy articles.</footer>"
            f"<script>{SCRIPT}</script></body></html>\n")
