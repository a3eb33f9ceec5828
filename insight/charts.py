"""Charts as SVG, drawn on the server: no script, no CDN, readable at a glance and by a
screen reader (each chart is an image with a title and a description that gives every value;
the page shows the same numbers in a table).

Every text that goes into the SVG is escaped here; the callers may pass names from the
content files as they are.
"""

from __future__ import annotations

from html import escape
from typing import Sequence

#: the bars' colour: 8.7:1 against white (WCAG 2.1 asks 3:1 for graphics)
BAR = "#154273"
TEXT = "#1a1a1a"
GRID = "#767676"


def _svg(width: int, height: int, title: str, description: str, body: str, chart_id: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="insight-chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _describe(items: Sequence[tuple[str, int, str]]) -> str:
    return "; ".join(f"{label}: {shown}" for label, _, shown in items) or "geen gegevens"


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, int, str]], width: int = 640) -> str:
    """Horizontal bars: ``items`` are (label, value to draw, value as shown). A value shown as
    "< 5" is drawn as a short hatched stub, so that no small number can be read off the bar."""
    label_width, row, top = 230, 28, 8
    height = top * 2 + row * max(1, len(items))
    largest = max((value for _, value, _ in items), default=0) or 1
    room = width - label_width - 70
    body = [
        '<defs><pattern id="small" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="3" height="6" fill="{BAR}"/></pattern></defs>'
    ]
    for i, (label, value, shown) in enumerate(items):
        y = top + i * row
        short = label if len(label) <= 34 else label[:33] + "…"
        small = shown.startswith("<")
        length = 12 if small else max(1, round(room * value / largest)) if value else 0
        fill = "url(#small)" if small else BAR
        body.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end" font-size="13" fill="{TEXT}">'
            f"{escape(short)}</text>"
            f'<rect x="{label_width}" y="{y + 5}" width="{length}" height="18" fill="{fill}"/>'
            f'<text x="{label_width + length + 6}" y="{y + 18}" font-size="13" fill="{TEXT}">{escape(shown)}</text>'
        )
    return _svg(width, height, title, _describe(items), "".join(body), chart_id)


def column_chart(chart_id: str, title: str, items: Sequence[tuple[str, int, str]], width: int = 640) -> str:
    """Columns over time (one per day): ``items`` as in :func:`bar_chart`; the labels of the
    first, middle and last column are written under the axis."""
    height, bottom, left, top = 220, 40, 40, 16
    plot_height = height - bottom - top
    count = max(1, len(items))
    step = (width - left - 8) / count
    largest = max((value for _, value, _ in items), default=0) or 1
    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}" stroke="{GRID}"/>',
        f'<text x="{left - 6}" y="{top + 10}" text-anchor="end" font-size="12" fill="{TEXT}">{largest}</text>',
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end" font-size="12" fill="{TEXT}">0</text>',
    ]
    marked = {0, count // 2, count - 1}
    for i, (label, value, shown) in enumerate(items):
        x = left + i * step + step * 0.15
        small = shown.startswith("<")
        bar = 3 if small else plot_height * value / largest
        faint = ' fill-opacity="0.45"' if small else ""
        body.append(
            f'<rect x="{x:.1f}" y="{height - bottom - bar:.1f}" width="{step * 0.7:.1f}" height="{bar:.1f}" '
            f'fill="{BAR}"{faint}/>'
        )
        if i in marked:
            body.append(
                f'<text x="{x + step * 0.35:.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="12" '
                f'fill="{TEXT}">{escape(label)}</text>'
            )
    return _svg(width, height, title, _describe(items), "".join(body), chart_id)
