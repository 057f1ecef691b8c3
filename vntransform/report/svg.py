"""Charts as inline SVG strings (pure functions; every text is escaped)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = (
    "#1f6feb",
    "#2da44e",
    "#bf8700",
    "#cf222e",
    "#8250df",
    "#0a7b83",
    "#bc4c00",
    "#6e7781",
    "#d63384",
    "#116329",
)


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    width: int = 640,
    bar_height: int = 22,
    value_format: str = "{:g}",
    css_class: str = "bar-chart",
) -> str:
    """Horizontal bars, one per label, longest first as given."""
    if not labels:
        return f'<p class="empty">{escape(title)}: no data</p>'
    label_width = min(260, 8 * max(len(label) for label in labels) + 12)
    chart_width = width - label_width - 60
    top = max(values) or 1
    height = bar_height * len(labels) + 30
    rows = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 24 + i * bar_height
        length = max(1.0, chart_width * value / top)
        rows.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.65:.1f}" text-anchor="end" '
            f'class="label">{escape(label)}</text>'
            f'<rect class="bar" data-label="{escape(label)}" data-value="{value}" '
            f'x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{bar_height - 6}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {value_format.format(value)}</title>'
            f'</rect><text x="{label_width + length + 4:.1f}" y="{y + bar_height * 0.65:.1f}" '
            f'class="value">{escape(value_format.format(value))}</text>'
        )
    return (
        f'<svg class="{css_class}" role="img" aria-label="{escape(title)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" class="title">'
        f"{escape(title)}</text>{''.join(rows)}</svg>"
    )


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    title: str,
    links: Sequence[Sequence[str]] | None = None,
    column_titles: Sequence[str] | None = None,
    cell: int = 34,
) -> str:
    """A rows × columns grid; darker = larger; each cell may link to its evidence."""
    if not rows or not columns:
        return f'<p class="empty">{escape(title)}: no data</p>'
    label_width = min(300, 8 * max(len(r) for r in rows) + 12)
    top_margin = 110
    width = max(label_width + cell * len(columns) + 10, 7 * len(title) + 10)
    height = top_margin + cell * len(rows) + 10
    peak = max((v for row in values for v in row), default=0) or 1
    parts = []
    for j, column in enumerate(columns):
        x = label_width + j * cell + cell / 2
        tip = escape(column_titles[j]) if column_titles else escape(column)
        parts.append(
            f'<text transform="translate({x:.1f},{top_margin - 6}) rotate(-50)" '
            f'class="col"><title>{tip}</title>{escape(column)}</text>'
        )
    for i, row in enumerate(rows):
        y = top_margin + i * cell
        parts.append(
            f'<text x="{label_width - 6}" y="{y + cell * 0.62:.1f}" text-anchor="end" '
            f'class="label">{escape(row)}</text>'
        )
        for j, _ in enumerate(columns):
            value = values[i][j]
            alpha = 0.06 + 0.94 * (value / peak) if value else 0.0
            rect = (
                f'<rect class="cell" data-row="{escape(row)}" data-col="{escape(columns[j])}"'
                f' data-value="{value}" x="{label_width + j * cell + 1}" y="{y + 1}" '
                f'width="{cell - 2}" height="{cell - 2}" fill="{PALETTE[0]}" '
                f'fill-opacity="{alpha:.3f}" stroke="#d0d7de"><title>{escape(row)} × '
                f"{escape(columns[j])}: {value:g}</title></rect>"
            )
            text = (
                f'<text x="{label_width + j * cell + cell / 2:.1f}" '
                f'y="{y + cell * 0.62:.1f}" text-anchor="middle" class="num">'
                f"{value:g}</text>"
                if value
                else ""
            )
            if links and value:
                rect = f'<a href="{escape(links[i][j])}">{rect}{text}</a>'
                text = ""
            parts.append(rect + text)
    return (
        f'<svg class="heatmap" role="img" aria-label="{escape(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" class="title">'
        f"{escape(title)}</text>{''.join(parts)}</svg>"
    )


def timeline(dates: Sequence[str], counts: Sequence[int], *, title: str, width: int = 640) -> str:
    """Articles per date (or month), as columns in time order."""
    if not dates:
        return f'<p class="empty">{escape(title)}: no dates in the corpus</p>'
    height = 160
    step = (width - 40) / max(1, len(dates))
    top = max(counts) or 1
    parts = []
    for i, (date, count) in enumerate(zip(dates, counts, strict=True)):
        h = 100 * count / top
        x = 20 + i * step
        parts.append(
            f'<rect class="tick" data-date="{escape(date)}" data-value="{count}" '
            f'x="{x + 2:.1f}" y="{120 - h:.1f}" width="{max(2.0, step - 4):.1f}" '
            f'height="{h:.1f}" fill="{PALETTE[1]}"><title>{escape(date)}: {count}'
            f'</title></rect><text x="{x + step / 2:.1f}" y="138" text-anchor="middle"'
            f' class="num">{escape(date)}</text>'
        )
    return (
        f'<svg class="timeline" role="img" aria-label="{escape(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" class="title">'
        f"{escape(title)}</text>{''.join(parts)}</svg>"
    )
