"""Gather the analyses of a corpus and render them as one self-contained HTML page, or as
one workbook with a sheet per analysis.

The page puts the findings first (themes, keywords, speakers), then the theme heatmap,
topics, quotes and evidence (searchable, long lists capped with a count of the rest), and
the corpus itself last. It stays small for large corpora: the heatmap shows articles up to
``HEATMAP_ARTICLES`` and outlets or months beyond, every list is capped.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from importlib import metadata
from typing import TYPE_CHECKING, Any

from vntransform.report.svg import bar_chart, heatmap, timeline

if TYPE_CHECKING:
    from vntransform.corpus.base import CorpusReader

HEATMAP_ARTICLES = 60  # more articles than this: the heatmap groups them by outlet or month
MAX_QUOTES = 400
MAX_EVIDENCE_PER_THEME = 25
MAX_ARTICLES = 300
MAX_TOPIC_TITLES = 8
CACHE_FORMAT = 1
TOPIC_FIT_SAMPLE = 3000  # topics of larger corpora: fit on this many articles

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
.empty, .more { color: var(--muted); font-style: italic; }
.undated { color: #9a6700; font-size: 0.85em; }
select, input[type=search] { font: inherit; padding: 4px; }
input[type=search] { width: 24em; }
details { margin: 8px 0; } summary { cursor: pointer; color: var(--accent); }
.findings li { margin-bottom: 6px; }
footer { margin-top: 3em; color: var(--muted); font-size: 0.85em; }
"""

SCRIPT = """
function fold(s) { return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '')
  .replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase(); }
var who = document.getElementById('speaker-filter');
var box = document.getElementById('search');
function apply() {
  var speaker = who ? who.value : '';
  var q = box ? fold(box.value.trim()) : '';
  document.querySelectorAll('[data-search]').forEach(function (el) {
    var ok = (!q || fold(el.textContent).indexOf(q) >= 0) &&
      (!speaker || !el.dataset.speaker || el.dataset.speaker === speaker);
    el.style.display = ok ? '' : 'none';
  });
  if (q) document.querySelectorAll('details.searchable').forEach(function (d) {
    d.open = true; });
}
if (who) who.addEventListener('change', apply);
if (box) box.addEventListener('input', apply);
function reveal() {
  var el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!el) return;
  for (var d = el; d; d = d.parentElement) if (d.tagName === 'DETAILS') d.open = true;
  el.scrollIntoView();
}
window.addEventListener('hashchange', reveal); reveal();
"""


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with ``…``."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def _table(
    frame: Any,
    columns: list[str],
    *,
    numeric: tuple[str, ...] = (),
    speaker_column: str | None = None,
    table_id: str | None = None,
    searchable: bool = False,
    headers: dict[str, str] | None = None,
    html_columns: tuple[str, ...] = (),
) -> str:
    if frame is None or len(frame) == 0:
        return '<p class="empty">nothing found</p>'
    headers = headers or {}
    head = "".join(f"<th>{escape(headers.get(c, c))}</th>" for c in columns)
    rows = []
    for record in frame[columns].itertuples(index=False):
        attrs = " data-search" if searchable else ""
        if speaker_column:
            attrs += f' data-speaker="{escape(str(getattr(record, speaker_column)))}"'
        cells = []
        for c, v in zip(columns, record, strict=True):
            text = "" if v is None or (isinstance(v, float) and v != v) else str(v)
            body = text if c in html_columns else escape(text)
            cells.append(f'<td class="num">{body}</td>' if c in numeric else f"<td>{body}</td>")
        rows.append(f"<tr{attrs}>{''.join(cells)}</tr>")
    ident = f' id="{table_id}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _more(shown: int, total: int, hint: str) -> str:
    if total <= shown:
        return ""
    return f'<p class="more">… and {total - shown:,} more ({escape(hint)})</p>'


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(slots=True)
class ReportData:
    """Every analysis the report shows, as the records the commands print."""

    docs: Any
    themes: Any
    matrix: Any
    evidence: Any
    keywords: Any
    per_doc: Any
    topics: Any  # TopicResult or None
    topics_error: str
    quotes: Any
    speakers: Any
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each analysis
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # CPU, workers included


def gather(
    corpus: CorpusReader, *, k: int | str = "auto", seed: int = 0, top: int = 20, workers: int = 1
) -> ReportData:
    """Run the analyses of the report on ``corpus`` (or a selection of it).

    Each analysis gives the records of its command (``vnt themes``, ``themes --evidence``,
    ``themes --by-doc``, ``keywords``, ``keywords --by-doc``, ``quotes``, ``speakers``) and
    leaves them in the store's result cache, but the work is shared: each article's quotes
    and theme sentences are read from the store where it keeps them (``corpus.derived``)
    and found in one read of the other articles (in ``workers`` processes, then kept), the
    three theme tables come from that one match of the lexicon, and keywords reuse the term
    matrix topics count (counted by ``workers`` processes on a large store). Topics over
    more than ``TOPIC_FIT_SAMPLE`` articles are fitted on a sample of that many as a corpus
    of its own and the rest are assigned to the nearest topic (the report says so);
    ``vnt topics`` fits on all.
    """
    from vntransform.corpus.select import cite, document_metadata
    from vntransform.engines.local import LocalEngine
    from vntransform.errors import VntError
    from vntransform.mining import extract_keywords, keywords_per_doc
    from vntransform.mining.cache import cached, peek
    from vntransform.mining.keywords import start_keywords_per_doc
    from vntransform.mining.themes import theme_tables, theme_tables_cached
    from vntransform.mining.topics import start_topics
    from vntransform.quotes import quotes_frame, summarize_speakers
    from vntransform.report.articles import start_scan

    seconds: dict[str, float] = {}
    cpu_seconds: dict[str, float] = {}
    clock = [time.perf_counter(), _cpu()]

    def lap(name: str) -> None:
        now, cpu = time.perf_counter(), _cpu()
        seconds[name], cpu_seconds[name] = round(now - clock[0], 2), round(cpu - clock[1], 2)
        clock[:] = [now, cpu]

    docs = corpus.documents()
    meta = document_metadata(corpus)
    # quotes have no cache of their own; the report keeps them in the store's result cache
    # (keyed by corpus version and selection) so a second report is quick
    params = {"format": CACHE_FORMAT, "version": _version("vntransform")}
    quotes = peek(corpus, "report_quotes", params)
    themes_ready = theme_tables_cached(corpus)
    # each article's quotes and theme sentences: read from the store where it keeps them,
    # the others found by workers while this process goes on
    pending = (
        start_scan(corpus, quotes=quotes is None, themes=not themes_ready, workers=workers)
        if quotes is None or not themes_ready
        else None
    )
    topics_job: Any = None
    per_doc_job: Any = None
    lap("documents")
    try:
        try:
            # a large corpus: the sample's fit and the term counts go on in other processes
            topics_job = start_topics(
                corpus,
                k=k,
                seed=seed,
                fit_sample=TOPIC_FIT_SAMPLE if len(corpus) > TOPIC_FIT_SAMPLE else None,
                engine=LocalEngine(workers),
            )
            topics_error = ""
        except VntError as exc:
            topics_job, topics_error = None, str(exc)
        lap("topics started")
        scan = pending.result() if pending is not None else None
        lap("quotes and theme sentences")
        if quotes is None:
            assert scan is not None
            found = scan.quotes
            quotes = cached(corpus, "report_quotes", params, lambda: quotes_frame(found, docs))
        tables = theme_tables(
            corpus,
            matches=None
            if scan is None or themes_ready
            else lambda: (scan.sentences, scan.matched),
        )
        lap("theme tables")
        quotes = cite(quotes, meta)
        speakers = summarize_speakers(quotes)
        lap("speakers")
        if topics_job is not None:
            topics_job.wait_for_terms()  # keywords read the term matrix topics count
        lap("term counts")
        if len(corpus) > TOPIC_FIT_SAMPLE and workers > 1:
            # a large corpus: keywords by article are scored in another process meanwhile
            per_doc_job = start_keywords_per_doc(corpus, top=8)
        keywords = extract_keywords(corpus, top=top)
        lap("keywords")
        per_doc = (
            per_doc_job.result() if per_doc_job is not None else keywords_per_doc(corpus, top=8)
        )
        lap("keywords by article")
        topics = None
        if topics_job is not None:
            try:
                topics = topics_job.result()
            except VntError as exc:
                topics_error = str(exc)
        lap("topics")
    except BaseException:
        if pending is not None:
            pending.cancel()
        if topics_job is not None:
            topics_job.cancel()
        if per_doc_job is not None:
            per_doc_job.cancel()
        raise
    return ReportData(
        docs=docs,
        themes=tables.themes,
        matrix=tables.matrix,
        evidence=cite(tables.evidence, meta),
        keywords=keywords,
        per_doc=cite(per_doc, meta),
        topics=topics,
        topics_error=topics_error,
        quotes=quotes,
        speakers=speakers,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
    )


def _cpu() -> float:
    """CPU seconds of this process and of its finished worker processes."""
    import os

    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def report_sheets(data: ReportData, corpus: CorpusReader) -> dict[str, Any]:
    """One frame per analysis, for ``vnt report --xlsx``: sheet name -> records."""
    from vntransform.corpus.select import cite, document_metadata

    meta = document_metadata(corpus)
    docs = (
        data.docs.merge(meta[["doc_id", "url"]], on="doc_id", how="left")
        if "url" not in data.docs.columns
        else data.docs
    )
    sheets = {
        "themes": data.themes,
        "keywords": data.keywords,
        "speakers": data.speakers,
        "quotes": data.quotes,
        "theme evidence": data.evidence,
        "themes by article": cite(data.matrix, meta),
    }
    if data.topics is not None:
        sheets["topics"] = data.topics.topics
        sheets["topic assignments"] = cite(data.topics.assignments, meta)
    sheets["keywords by article"] = data.per_doc
    sheets["articles"] = docs
    return sheets


def _labels(docs: Any) -> dict[str, str]:
    return {
        d: (t or str(s).rsplit("/", 1)[-1])
        for d, t, s in docs[["doc_id", "title", "source"]].itertuples(index=False)
    }


def _heatmap(data: ReportData, labels: dict[str, str]) -> tuple[str, str]:
    """(the SVG, a sentence saying what its columns are)."""
    from vntransform.mining.compare import group_label

    matrix = data.matrix
    names = [
        c for c in matrix.columns if c not in ("doc_id", "title") and matrix[c].dtype.kind in "iuf"
    ]
    if len(matrix) <= HEATMAP_ARTICLES:
        ids = list(matrix["doc_id"])
        values = [[int(v) for v in matrix[t]] for t in names]
        links = [[f"#ev-{_slug(t)}-{d}" for d in ids] for t in names]
        return heatmap(
            names,
            [shorten(labels.get(d, d), 28) for d in ids],
            values,
            links=links,
            column_titles=[labels.get(d, d) for d in ids],
            title="Theme × article (matching sentences; click a cell for evidence)",
        ), "one column per article"
    outlets = {o for o in data.docs["outlet"] if o}
    by = "outlet" if 2 <= len(outlets) <= HEATMAP_ARTICLES else "month"
    # plain lists, not a lookup per article in the frame (2 s on 33,000 articles)
    known = dict(
        zip(
            data.docs["doc_id"].tolist(),
            zip(data.docs["published"].tolist(), data.docs["outlet"].tolist(), strict=True),
            strict=True,
        )
    )
    groups = [
        group_label(by, str(known[d][0] or ""), str(known[d][1] or "")) if d in known else ""
        for d in matrix["doc_id"].tolist()
    ]
    if by == "month" and len(set(groups)) > HEATMAP_ARTICLES:
        by = "year"
        groups = [g[:4] if g[:1].isdigit() else g for g in groups]
    summed = matrix[names].groupby(groups, sort=True).sum()
    columns = list(summed.index)
    values = [[int(v) for v in summed[t]] for t in names]
    links = [[f"#ev-{_slug(t)}" for _ in columns] for t in names]
    return heatmap(
        names,
        [shorten(c, 28) for c in columns],
        values,
        links=links,
        column_titles=columns,
        title=f"Theme × {by} (matching sentences; click a cell for evidence)",
    ), f"{len(matrix):,} articles grouped by {by}"


def build_report(
    corpus: CorpusReader,
    *,
    title: str = "vnt report",
    k: int | str = "auto",
    seed: int = 0,
    top: int = 20,
    data: ReportData | None = None,
    scope: str = "",
) -> str:
    """The whole report as one HTML string (UTF-8, no external resources).

    Args:
        corpus: an open corpus (or a selection of it).
        title: page title.
        k: topics to fit ("auto" chooses by silhouette).
        seed: topic seed.
        top: keywords in the bar chart.
        data: analyses already gathered (``gather``), to share them with a workbook.
        scope: what the corpus was limited to, shown under the title.
    """
    data = data or gather(corpus, k=k, seed=seed, top=top)
    docs, themes, quotes, speakers = data.docs, data.themes, data.quotes, data.speakers
    labels = _labels(docs)
    from vntransform.corpus.select import published_date

    dated = {
        d: published_date(p)
        for d, p in docs[["doc_id", "published"]].itertuples(index=False)
        if published_date(p)
    }
    undated = len(docs) - len(dated)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{len(docs):,} articles'
        + (f" ({escape(scope)})" if scope else "")
        + (f' · <span class="undated">{undated:,} undated</span>' if undated else "")
        + f" · generated {generated} by vnt {escape(_version('vntransform'))}</p>",
        '<p><label>Search quotes and evidence: <input type="search" id="search" '
        'placeholder="dữ liệu, Nguyễn Huy Dũng… (accents optional)"></label></p>',
    ]
    # -- findings first
    parts.append('<h2 id="findings">Findings</h2><ul class="findings">')
    for row in themes.head(3).itertuples(index=False):
        if row.articles:
            parts.append(
                f"<li>Theme <b>{escape(str(row.label or row.theme))}</b> comes up "
                f"in {int(row.articles):,} of {len(docs):,} articles "
                f"({int(row.sentences):,} sentences), most often as "
                f"{escape('; '.join(str(row.top_terms).split('; ')[:4]))}.</li>"
            )
    if len(data.keywords):
        parts.append(
            "<li>Terms that stand out: "
            + ", ".join(f"<b>{escape(t)}</b>" for t in data.keywords["term"].head(8))
            + ".</li>"
        )
    for row in speakers.head(3).itertuples(index=False):
        total = int(row.quotes_direct) + int(row.quotes_indirect)
        parts.append(
            f"<li><b>{escape(str(row.speaker))}</b>"
            + (f" ({escape(shorten(str(row.roles), 60))})" if row.roles else "")
            + f" is quoted {total} times in {int(row.articles)} article(s).</li>"
        )
    parts.append("</ul>")
    # -- themes
    parts.append('<h2 id="themes">Themes</h2>')
    parts.append(
        bar_chart(
            list(themes["theme"]),
            [float(v) for v in themes["articles"]],
            title="Articles mentioning each theme",
            css_class="bar-chart themes",
        )
    )
    parts.append(
        _table(
            themes,
            ["theme", "label", "articles", "sentences", "share", "top_terms", "example"],
            numeric=("articles", "sentences", "share"),
        )
    )
    grid, grouping = _heatmap(data, labels)
    parts.append(f'<p class="sub">Heatmap: {escape(grouping)}.</p>{grid}')
    # -- keywords
    parts.append('<h2 id="keywords">Keywords</h2>')
    keywords = data.keywords
    parts.append(
        bar_chart(
            list(keywords["term"]),
            [float(v) for v in keywords["score"]],
            title=f"Top {len(keywords)} terms (TF-IDF)",
            value_format="{:.2f}",
            css_class="bar-chart keywords",
        )
    )
    per_doc = data.per_doc
    if len(per_doc):
        grouped = per_doc.groupby("doc_id", sort=False)["term"].apply(lambda s: "; ".join(s))
        rows = grouped.reset_index().rename(columns={"term": "top_terms"})
        rows["article"] = [shorten(labels.get(d, d), 90) for d in rows["doc_id"]]
        parts.append(
            f'<details class="searchable"><summary>Top terms of each article '
            f"({len(rows):,})</summary>"
            + _table(rows.head(MAX_ARTICLES), ["doc_id", "article", "top_terms"], searchable=True)
            + _more(
                min(len(rows), MAX_ARTICLES), len(rows), "vnt keywords --per-doc -o keywords.xlsx"
            )
            + "</details>"
        )
    # -- topics
    parts.append('<h2 id="topics">Topics</h2>')
    topics = data.topics
    if topics is None:
        parts.append(f'<p class="empty">{escape(data.topics_error)}</p>')
    else:

        def titles_of(ids: Any) -> str:
            unique = list(dict.fromkeys(ids))
            shown = "; ".join(shorten(labels.get(d, d), 60) for d in unique[:MAX_TOPIC_TITLES])
            rest = len(unique) - MAX_TOPIC_TITLES
            return shown + (f"; … and {rest:,} more" if rest > 0 else "")

        spans = topics.assignments.groupby("topic")["doc_id"].apply(titles_of)
        frame = topics.topics.assign(articles=[spans.get(t, "") for t in topics.topics["topic"]])
        parts.append(
            f'<p class="sub">{topics.k} topics over {topics.unit}s '
            f"({topics.method}); {escape(topics.reason)}</p>"
        )
        if "fitted on" in topics.reason:
            parts.append(
                f'<p class="sub">For speed the topics were fitted on a random sample '
                f"of {TOPIC_FIT_SAMPLE:,} {topics.unit}s (drawn by the seed) and "
                "every other one assigned to its nearest topic; <code>vnt topics "
                f"--unit {topics.unit} --k {topics.k}</code> fits on all.</p>"
            )
        parts.append(
            _table(
                frame,
                ["topic", "label", "size", "coherence", "top_terms", "example", "articles"],
                numeric=("topic", "size", "coherence"),
            )
        )
    # -- speakers and quotes
    parts.append('<h2 id="speakers">Speakers and quotes</h2>')
    parts.append(
        _table(
            speakers.head(50),
            ["speaker", "roles", "quotes_direct", "quotes_indirect", "articles"],
            numeric=("quotes_direct", "quotes_indirect", "articles"),
        )
    )
    parts.append(_more(min(len(speakers), 50), len(speakers), "vnt speakers -o speakers.xlsx"))
    options = "".join(
        f'<option value="{escape(s)}">{escape(s)}</option>' for s in speakers["speaker"].head(200)
    )
    parts.append(
        '<p><label>Show quotes of <select id="speaker-filter"><option value="">'
        f"everyone</option>{options}</select></label></p>"
    )
    shown = quotes.head(MAX_QUOTES)
    shown = shown.assign(
        article=[shorten(labels.get(d, d), 70) for d in shown["doc_id"]],
        date=[
            escape(dated[d]) if d in dated else '<span class="undated">undated</span>'
            for d in shown["doc_id"]
        ],
        quote=[shorten(q, 600) for q in shown["quote"]],
    )
    parts.append(
        _table(
            shown,
            ["speaker", "speaker_role", "kind", "quote", "article", "date", "outlet"],
            speaker_column="speaker",
            table_id="quotes",
            searchable=True,
            html_columns=("date",),
        )
    )
    parts.append(_more(len(shown), len(quotes), "vnt quotes -o quotes.xlsx lists them all"))
    # -- evidence
    parts.append('<h2 id="evidence">Theme evidence</h2>')
    evidence = data.evidence
    for theme, group in evidence.groupby("theme", sort=False):
        items = []
        for doc_id, sub in group.head(MAX_EVIDENCE_PER_THEME).groupby("doc_id", sort=False):
            when = dated.get(doc_id, "undated")
            items.append(
                f'<h4 id="ev-{_slug(theme)}-{doc_id}">'
                f"{escape(shorten(labels.get(doc_id, doc_id), 110))} "
                f'<span class="doc">{escape(when)}</span></h4><ul class="evidence">'
                + "".join(
                    f'<li data-search>{escape(s)} <span class="doc">[{escape(t)}]</span></li>'
                    for s, t in zip(sub["sentence"], sub["terms"], strict=True)
                )
                + "</ul>"
            )
        linked = set(group["doc_id"].head(MAX_EVIDENCE_PER_THEME))
        # cells of articles past the cap still lead somewhere: the theme's heading
        missing = (
            "".join(
                f'<span id="ev-{_slug(theme)}-{d}"></span>'
                for d in dict.fromkeys(group["doc_id"])
                if d not in linked
            )
            if len(data.matrix) <= HEATMAP_ARTICLES
            else ""
        )
        parts.append(
            f'<details class="searchable" id="ev-{_slug(theme)}"><summary>'
            f"{escape(theme)}: {len(group):,} sentences in "
            f"{group['doc_id'].nunique():,} articles</summary>{missing}"
            + "".join(items)
            + _more(
                min(len(group), MAX_EVIDENCE_PER_THEME),
                len(group),
                f"vnt themes --evidence --theme {theme} -o evidence.xlsx",
            )
            + "</details>"
        )
    # -- the corpus
    parts.append('<h2 id="glance">The corpus at a glance</h2>')
    outlets = Counter(o for o in docs["outlet"] if o)
    dates = sorted(dated.values())
    parts.append(
        '<div class="cards">'
        f'<div class="card"><b>{len(docs):,}</b>articles</div>'
        f'<div class="card"><b>{int(docs["words"].sum()):,}</b>words</div>'
        f'<div class="card"><b>{int(docs["sentences"].sum()):,}</b>sentences</div>'
        f'<div class="card"><b>{len(outlets)}</b>outlets</div>'
        f'<div class="card"><b>{escape(dates[0]) if dates else "–"}</b>to '
        f"{escape(dates[-1]) if dates else '–'}</div>"
        f'<div class="card"><b>{undated:,}</b>undated</div></div>'
    )
    if outlets:
        parts.append(
            "<p>Outlets: "
            + ", ".join(f"{escape(o)} ({n:,})" for o, n in outlets.most_common(30))
            + (f", … and {len(outlets) - 30} more" if len(outlets) > 30 else "")
            + "</p>"
        )
    by_month = len({d[:7] for d in dates}) > 1  # one month: show days
    buckets = Counter(d[:7] if by_month else d for d in dates)
    if len(buckets) > 60:
        buckets = Counter(d[:4] for d in dates)
    parts.append(
        timeline(sorted(buckets), [buckets[b] for b in sorted(buckets)], title="Articles over time")
    )
    table = docs.head(MAX_ARTICLES).assign(
        article=[shorten(labels[d], 110) for d in docs["doc_id"].head(MAX_ARTICLES)],
        date=[
            escape(dated[d]) if d in dated else '<span class="undated">undated</span>'
            for d in docs["doc_id"].head(MAX_ARTICLES)
        ],
    )
    parts.append(
        f'<details class="searchable"><summary>The articles ({len(docs):,})</summary>'
        + _table(
            table,
            ["doc_id", "article", "date", "outlet", "author", "words"],
            numeric=("words",),
            searchable=True,
            html_columns=("date",),
        )
        + _more(len(table), len(docs), "vnt docs -o articles.xlsx")
        + "</details>"
    )
    parts.append(
        '<h2 id="how">How this was made</h2><p>vnt '
        f"{escape(_version('vntransform'))} with underthesea "
        f"{escape(_version('underthesea'))} and scikit-learn "
        f"{escape(_version('scikit-learn'))}. Options: topics k={escape(str(k))}, "
        f"seed={seed}; keywords top={top}; built-in theme lexicon. Words were "
        "segmented once at ingest; every figure here is computed from the stored "
        f"words of {len(docs):,} articles. Long lists show their first entries; the "
        "commands named under them export everything. Generated "
        f"{generated}.</p>"
    )
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>{body}"
        f"<footer>Made with vnt — mine Vietnamese news and policy articles.</footer>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )
