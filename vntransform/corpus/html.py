"""Article text and metadata from an HTML page (standard library parser; never raises on
malformed markup).

The article is the ``<article>`` element when there is one, else the page body; scripts,
styles, navigation, headers, footers, asides, forms and the like are dropped. Block elements
(p, div, h1–h6, li, br, tr …) become line breaks, so each paragraph is one line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from vntransform.corpus.dates import normalize_date
from vntransform.models import Metadata

_SKIP = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "template",
    "button",
    "select",
    "option",
    "figure-ad",
    "object",
    "embed",
    "canvas",
    "menu",
}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "figcaption",
    "figure",
    "hr",
    "main",
    "dd",
    "dt",
    "pre",
    "address",
    "title",
}
_VOID = {
    "br",
    "hr",
    "img",
    "meta",
    "link",
    "input",
    "source",
    "wbr",
    "area",
    "base",
    "col",
    "embed",
    "param",
    "track",
}
_SPACES = re.compile(r"[ \t\r\f\v]+")
# A table row is one line, its cells joined by " | ": a league table or a price list is one
# record per line, not a column of short capitalised lines that look like bylines and titles.
_CELL = {"td", "th"}
_CELL_MARK = "\x1f"


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.stack: list[str] = []
        self.body: list[str] = []
        self.article: list[str] = []
        self.article_depth = 0
        self.articles_seen = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}
        self.in_ld_json = False
        self.ld_json: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key and attr.get("content"):
                self.meta.setdefault(key, attr["content"].strip())
            return
        if tag == "link" and attr.get("rel", "").lower() == "canonical" and attr.get("href"):
            self.meta.setdefault("canonical", attr["href"].strip())
            return
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._text("\n")
            return
        self.stack.append(tag)
        if tag == "script" and attr.get("type", "").lower() == "application/ld+json":
            self.in_ld_json = True
            self.ld_json.append("")
        if tag in _SKIP or self.skip_depth:
            self.skip_depth += 1
            return
        if tag == "title":
            self.in_title = True
        if tag == "article":
            self.article_depth += 1
            self.articles_seen += 1
        if tag in _BLOCK:
            self._text("\n")
        elif tag in _CELL:
            self._text(_CELL_MARK)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return  # stray end tag in malformed markup
        while self.stack:
            top = self.stack.pop()
            if self.skip_depth:
                self.skip_depth -= 1
            elif top == "article":
                self.article_depth -= 1
            if top == "title":
                self.in_title = False
            if top == "script":
                self.in_ld_json = False
            if top in _BLOCK:
                self._text("\n")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_ld_json:
            self.ld_json[-1] += data
            return
        if self.skip_depth:
            return
        if self.in_title:
            self.title += data
            return
        self._text(data)

    def _text(self, data: str) -> None:
        self.body.append(data)
        if self.article_depth and self.articles_seen == 1:
            self.article.append(data)


def _lines(chunks: list[str]) -> str:
    text = "".join(chunks)
    lines = (
        _row(line) if _CELL_MARK in line else _SPACES.sub(" ", line).strip()
        for line in text.split("\n")
    )
    return "\n".join(line for line in lines if line)


def _row(line: str) -> str:
    cells = (_SPACES.sub(" ", cell).strip() for cell in line.split(_CELL_MARK))
    return " | ".join(cell for cell in cells if cell)


def html_to_text(markup: str) -> tuple[str, Metadata]:
    """Article text (one paragraph per line) and metadata from HTML.

    Returns ``("", Metadata(...))`` when the page holds no text (only scripts, or nothing).
    """
    parser = _Extractor()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # html.parser can choke on broken declarations
        pass
    article = _lines(parser.article)
    text = article if len(article) >= 200 else _lines(parser.body)
    meta = parser.meta
    for key, value in _linked_data(parser.ld_json).items():
        meta.setdefault(key, value)  # meta tags first; schema.org JSON-LD fills the gaps
    title = (
        meta.get("og:title")
        or _SPACES.sub(" ", parser.title).strip()
        or meta.get("twitter:title", "")
    )
    given = next((meta[key] for key in _DATE_META if meta.get(key)), "")
    published, published_raw = normalize_date(given)
    return text, Metadata(
        title=title,
        published=published,
        outlet=meta.get("og:site_name") or meta.get("application-name", ""),
        author=_author(meta.get("author") or meta.get("article:author", "")),
        url=meta.get("og:url") or meta.get("canonical", ""),
        published_raw=published_raw,
    )


def _linked_data(blocks: list[str]) -> dict[str, str]:
    """datePublished, author, publisher and url of the article in schema.org JSON-LD
    (``<script type="application/ld+json">``), which most news sites now publish."""
    import json

    found: dict[str, str] = {}

    def name_of(value: object) -> str:
        if isinstance(value, list):
            names = [name_of(v) for v in value]
            return ", ".join(n for n in names if n)
        if isinstance(value, dict):
            value = value.get("name", "")
        return value.strip() if isinstance(value, str) else ""

    def visit(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not isinstance(node, dict):
            return
        if "@graph" in node:
            visit(node["@graph"])
        kind = node.get("@type", "")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and k.endswith("Article") for k in kinds):
            return
        for key, target in (("datePublished", "datepublished"), ("url", "og:url")):
            if isinstance(node.get(key), str) and node[key].strip():
                found.setdefault(target, node[key].strip())
        for key, target in (("author", "author"), ("publisher", "og:site_name")):
            value = name_of(node.get(key))
            if value:
                found.setdefault(target, value)

    for block in blocks:
        try:
            visit(json.loads(block))
        except ValueError:
            continue  # a site's broken JSON-LD is no reason to lose the article
    return found


_DATE_META = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "date",
    "og:published_time",
    "article:modified_time",
    "datemodified",
    "og:updated_time",
)


def _author(value: str) -> str:
    """A meta author that is a person or a desk, not a profile URL."""
    return "" if value.startswith(("http://", "https://")) else value
