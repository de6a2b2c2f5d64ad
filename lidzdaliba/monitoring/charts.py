"""Bar charts as server-rendered SVG: they work without JavaScript, print, and go into the
PDF unchanged. Each chart is decorative to a screen reader's user in the sense that the
same numbers stand in an accessible table beneath it (the templates put it there); the SVG
still carries a title so it is named where it is met."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 230
PLOT_WIDTH = 360
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as text ("42", "87 %")
    href: str = ""


def bar_chart(
    title: str, bars: list[Bar], *, chart_id: str, standalone: bool = False
) -> SafeString:
    """Horizontal bars, longest = full width; each bar links to the list behind it.

    `standalone`: the file to download (SVG, and the PNG drawn from it): a fixed size, a
    white background and the font named, and no links (relative links lead nowhere there)."""
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    top = max((bar.value for bar in bars), default=0) or 1
    if standalone:
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" font-family="sans-serif">',
            f"<title>{escape(title)}</title>",
            '<rect width="100%" height="100%" fill="#fff"/>',
        ]
    else:
        parts = [
            f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-title" '
            f'width="100%" style="max-width:{width}px">',
            f'<title id="{chart_id}-title">{escape(title)}</title>',
        ]
    for index, bar in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(0.0, bar.value) / top * PLOT_WIDTH
        label = escape(bar.label if len(bar.label) <= 34 else bar.label[:33] + "…")
        row = (
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 16}" text-anchor="end" '
            f'font-size="13" fill="#1a1a1a">{label}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
            f'fill="#1f5f8b"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 16}" font-size="13" '
            f'fill="#1a1a1a">{escape(bar.shown)}</text>'
        )
        if bar.href and not standalone:
            row = f'<a href="{escape(bar.href)}">{row}</a>'
        parts.append(row)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
