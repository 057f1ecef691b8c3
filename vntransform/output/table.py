"""Terminal tables that read at 80, 100 or 120 columns.

The long text (quote, sentence, example, title…) gets the width and wraps at word
boundaries; short columns keep their natural width; low-value columns (source path,
encoding, mention, url…) leave the terminal view first. CSV, JSON and xlsx keep them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from vntransform.output.render import cell_text

if TYPE_CHECKING:
    import pandas as pd
    from rich.table import Table

# Columns that wrap and share the width left by the others.
TEXT_COLUMNS = (
    "quote",
    "sentence",
    "example",
    "text",
    "title",
    "first_quote",
    "top_terms",
    "left",
    "right",
    "roles",
    "speaker_role",
    "terms",
    "label",
    "article",
)
# Leave the terminal view in this order when the table does not fit.
DROP_ORDER = (
    "published_raw",
    "duplicate_of",
    "source",
    "encoding",
    "mention",
    "url",
    "example_doc",
    "author",
    "fmt",
    "unit_index",
    "sentence_index",
    "doc_freq",
    "sentences",
    "words",
    "published",
    "outlet",
    "roles",
    "speaker_role",
    "label",
    "share",
)
# The text a row is about: it gets the width before the other text columns.
PRIMARY = ("quote", "sentence", "text", "example", "first_quote", "left", "right")
MIN_TEXT = 12  # narrowest a text column gets; a Vietnamese word fits in it
MIN_PRIMARY = 24  # one main text column; two (kwic's left and right) get MIN_PAIR each
MIN_PAIR = 16
MAX_NARROW = 28  # a non-text column longer than this wraps like text


def _natural(frame: pd.DataFrame, column: str) -> int:
    longest = 0
    for value in frame[column]:
        for line in cell_text(value).split("\n"):
            longest = max(longest, len(line))
    return max(len(str(column)), longest)


def _overhead(n: int) -> int:
    """Characters rich spends on separators and padding for ``n`` columns (no outer edge)."""
    return max(0, 3 * n - 3)


def layout(
    frame: pd.DataFrame, *, width: int, wide: Sequence[str] = ()
) -> tuple[dict[str, int], list[str], list[str]]:
    """Column widths for a ``width``-character terminal.

    Returns:
        (width per shown column, the columns that wrap, the columns left out).
    """
    columns = [str(c) for c in frame.columns]
    natural = {c: _natural(frame, c) for c in columns}
    wraps = [c for c in columns if c in TEXT_COLUMNS or c in wide or natural[c] > MAX_NARROW]

    primary = [c for c in wraps if c in PRIMARY]

    def need(c: str) -> int:
        if c not in wraps:
            return natural[c]
        if c in PRIMARY:
            return min(natural[c], MIN_PRIMARY if len(primary) == 1 else MIN_PAIR)
        return min(natural[c], MIN_TEXT)

    shown = list(columns)
    dropped: list[str] = []
    # a column with nothing in it leaves first, then the low-value ones in order
    empty = tuple(
        c for c in columns[1:] if natural[c] == len(c) and not any(cell_text(v) for v in frame[c])
    )
    for candidate in empty + DROP_ORDER:
        if sum(need(c) for c in shown) + _overhead(len(shown)) <= width:
            break
        if (
            candidate in shown
            and len(shown) > 1
            and not (candidate in wraps and sum(c in wraps for c in shown) == 1)
        ):
            shown.remove(candidate)
            dropped.append(candidate)
    # still too wide: secondary text (a title), then the rightmost short columns go; the
    # first column and the main text stay
    while sum(need(c) for c in shown) + _overhead(len(shown)) > width and len(shown) > 1:
        secondary = [c for c in shown[1:] if c in wraps and c not in PRIMARY]
        narrow = [c for c in shown[1:] if c not in wraps]
        victim = (secondary or narrow or shown[1:])[-1]
        shown.remove(victim)
        dropped.append(victim)
    widths = {c: natural[c] for c in shown if c not in wraps}
    text = [c for c in shown if c in wraps]
    room = width - _overhead(len(shown)) - sum(widths.values())
    for c in text:
        widths[c] = need(c)
    spare = room - sum(widths[c] for c in text)
    first = [c for c in text if c in PRIMARY]
    for group in [first, text] if first else [text]:
        spare = _share(widths, natural, group, spare)
    return widths, text, dropped


def _share(widths: dict[str, int], natural: dict[str, int], columns: list[str], spare: int) -> int:
    """Give ``spare`` characters to ``columns`` in proportion to what each still lacks of
    its natural width; returns what is left."""
    while spare > 0:
        short = {c: natural[c] - widths[c] for c in columns if widths[c] < natural[c]}
        if not short:
            break
        total = sum(short.values())
        given = 0
        for c, lack in short.items():
            extra = min(lack, max(1, spare * lack // total), spare - given)
            widths[c] += extra
            given += extra
        if given == 0:
            break
        spare -= given
    return spare


def fit_table(
    frame: pd.DataFrame, *, width: int, title: str | None = None, wide: Sequence[str] = ()
) -> Table:
    """A rich table of ``frame`` that fits ``width`` characters; markup is off because
    articles contain ``[``.

    Args:
        frame: the records.
        width: the terminal width.
        title: shown above the table.
        wide: more columns that hold long text (they wrap).
    """
    from rich.table import Table
    from rich.text import Text

    widths, text, dropped = layout(frame, width=width, wide=wide)
    caption = None
    if dropped:
        caption = f"not shown here: {', '.join(dropped)} (see -f csv, or --columns)"
    table = Table(
        title=title,
        caption=caption,
        header_style="bold",
        expand=False,
        caption_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    shown = [c for c in map(str, frame.columns) if c in widths]
    for column in shown:
        numeric = frame[column].dtype.kind in "iuf"
        # kwic's left context ends at the match: align it there
        table.add_column(
            column,
            justify="right" if numeric or column == "left" else "left",
            width=widths[column],
            no_wrap=column not in text,
            overflow="fold",
            min_width=1,
        )
    positions = [list(map(str, frame.columns)).index(c) for c in shown]
    for row in frame.itertuples(index=False, name=None):
        table.add_row(*(Text(cell_text(row[i])) for i in positions))
    return table


def render_table(
    frame: pd.DataFrame, *, width: int, title: str | None = None, wide: Sequence[str] = ()
) -> str:
    """The table as plain text, as a terminal of ``width`` columns would show it."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None, soft_wrap=False)
    console.print(fit_table(frame, width=width, title=title, wide=wide))
    return console.file.getvalue()  # type: ignore[attr-defined]
