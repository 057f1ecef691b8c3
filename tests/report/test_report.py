"""The HTML report, checked as a person would see it: rendered by headless Chromium."""

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from vntransform.cli import app
from vntransform.report.svg import bar_chart, heatmap

CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


def test_svg_charts_escape_and_scale():
    svg = bar_chart(["<b>a&b</b>", "chuyển đổi số"], [2.0, 1.0], title="T")
    assert "&lt;b&gt;a&amp;b&lt;/b&gt;" in svg and svg.count('class="bar"') == 2
    grid = heatmap(
        ["t1", "t2"],
        ["d1", "d2", "d3"],
        [[0, 1, 2], [3, 0, 0]],
        title="H",
        links=[["#a", "#b", "#c"], ["#d", "#e", "#f"]],
    )
    assert grid.count('class="cell"') == 6 and grid.count("<a href=") == 3


@pytest.fixture(scope="module")
def report_file(sample_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(
        app,
        [
            "report",
            "--db",
            str(sample_db),
            "-o",
            str(out),
            "--title",
            "Chuyển đổi số — mẫu",
            "--seed",
            "0",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def test_report_is_self_contained_and_complete(report_file):
    html = report_file.read_text("utf-8")
    assert '<meta charset="utf-8">' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing fetched at view time
    for anchor in ("glance", "themes", "keywords", "topics", "speakers", "evidence", "how"):
        assert f'id="{anchor}"' in html
    assert "Nguyễn Huy Dũng" in html and "chuyển đổi số" in html
    links = set(re.findall(r'<a href="#(ev-[^"]+)"', html))
    ids = set(re.findall(r'id="(ev-[^"]+)"', html))
    assert links and links <= ids  # every heatmap cell leads to its evidence


def chromium(*args, tmp_path):
    profile = tmp_path / "profile"
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium); .ci/run installs it",
)
def test_report_renders_in_chromium(report_file, tmp_path):
    dom = chromium("--dump-dom", report_file.as_uri(), tmp_path=tmp_path).stdout
    assert dom.count('class="cell"') >= 40  # 8 themes × 5 articles
    assert len(re.findall(r'class="bar"[^>]*data-value="([0-9.]+)"', dom)) >= 25
    assert "Thứ trưởng Nguyễn Huy Dũng" in dom or "Nguyễn Huy Dũng" in dom
    assert "người đứng đầu" in dom and "Chuyển đổi số — mẫu" in dom
    assert "Ã" not in dom and "\ufffd" not in dom  # no mojibake
    shot = tmp_path / "report.png"
    chromium(
        f"--screenshot={shot}", "--window-size=1280,2400", report_file.as_uri(), tmp_path=tmp_path
    )
    assert shot.exists() and shot.stat().st_size > 20_000


class DomTree(HTMLParser):
    """The element tree of a serialised DOM: for each element its tag, id and ancestors."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.elements: list[tuple[str, str, tuple[str, ...]]] = []  # tag, id, ancestors
        self.mismatched: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs).get("id") or "", tuple(self.stack)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):  # <path/> inside inline SVG
        self.elements.append((tag, dict(attrs).get("id") or "", tuple(self.stack)))

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.mismatched.append(tag)


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium); .ci/run installs it",
)
def test_rendered_dom_keeps_the_report_structure(report_file, tmp_path):
    """Chromium repairs broken markup by moving elements (an unclosed table or list swallows
    the sections after it); the DOM it built must keep the page's structure as written."""
    dom = chromium("--dump-dom", report_file.as_uri(), tmp_path=tmp_path).stdout
    tree = DomTree()
    tree.feed(dom)
    assert not tree.mismatched and not tree.stack  # Chromium's serialisation is balanced
    sections = [(i, ancestors) for tag, i, ancestors in tree.elements if tag == "h2"]
    assert [i for i, _ in sections] == [
        "findings",
        "themes",
        "keywords",
        "topics",
        "speakers",
        "evidence",
        "glance",
        "how",
    ]
    # every section heading sits at the top level of the page, not inside another element
    assert {ancestors for _, ancestors in sections} == {("html", "body")}
    # nothing moved: headings, tables, charts and folds come in the order they were written
    blocks = ("h2", "table", "svg", "details", "ul")
    written = re.findall(r"<(h2|table|svg|details|ul)\b", report_file.read_text("utf-8"))
    assert [tag for tag, _, _ in tree.elements if tag in blocks] == written
    ids = [i for _, i, _ in tree.elements if i]
    assert len(ids) == len(set(ids))  # no id twice
    assert {"search", "quotes"} <= set(ids)
    # the quotes table stays one table under its heading, its rows in its body
    rows = [a for tag, _, a in tree.elements if tag == "tr" and "table" in a]
    assert rows and all(a[-1] in ("thead", "tbody") for a in rows)
    cells = [a for tag, _, a in tree.elements if tag == "rect" and "svg" in a]
    assert len(cells) >= 40  # the heatmap and bar charts are drawn as SVG, not dropped


def test_report_findings_first_search_titles_dates(report_file, sample_docs):
    html = report_file.read_text("utf-8")
    assert html.index('id="findings"') < html.index('id="themes"') < html.index('id="glance"')
    assert 'id="search"' in html and "data-search" in html
    daklak = sample_docs["daklak"]
    # the heatmap's columns are titles (wrapped at a word), not hashes
    assert "Chuyển đổi số - cơ hội để" in html.split('class="heatmap"')[1].split("</svg>")[0]
    assert f">{daklak.doc_id[:8]}<" not in html
    quotes = html.split('id="quotes"')[1].split("</table>")[0]
    assert "2021-04-27" in quotes and "Dân trí" in quotes
    assert "undated</span>" in html.split("</h1>")[1][:400]  # the Mic sample has no date


def test_shorten_cuts_at_a_word():
    from vntransform.report.build import shorten

    title = "Chuyển đổi số phải là xu thế tất yếu, khách quan, mang tính chất toàn cầu"
    short = shorten(title, 30)
    assert short.endswith("…") and len(short) <= 30
    assert title.startswith(short[:-1]) and title[len(short) - 1] == " "


def test_heatmap_groups_many_articles_by_outlet():
    import pandas as pd

    from vntransform.report.build import HEATMAP_ARTICLES, ReportData, _heatmap

    n = HEATMAP_ARTICLES * 3
    ids = [f"{i:012x}" for i in range(n)]
    docs = pd.DataFrame(
        {
            "doc_id": ids,
            "title": [f"Bài {i}" for i in ids],
            "published": ["2023-01-02"] * n,
            "outlet": ["Dân trí", "VnExpress", "Tuổi Trẻ"] * HEATMAP_ARTICLES,
            "source": [""] * n,
        }
    )
    matrix = pd.DataFrame(
        {
            "doc_id": ids,
            "title": docs["title"],
            "leadership": [1] * n,
            "data_sharing": [i % 2 for i in range(n)],
        }
    )
    data = ReportData(
        docs=docs,
        themes=None,
        matrix=matrix,
        evidence=None,
        keywords=None,
        per_doc=None,
        topics=None,
        topics_error="",
        quotes=None,
        speakers=None,
    )
    svg, what = _heatmap(data, dict(zip(ids, docs["title"], strict=True)))
    assert what == f"{n} articles grouped by outlet"
    assert svg.count('class="cell"') == 2 * 3
    assert f'data-value="{HEATMAP_ARTICLES}"' in svg and "Tuổi Trẻ" in svg
