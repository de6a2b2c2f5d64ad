"""Charts as server-rendered SVG: a bar per label (one bar per group side by side), and a
word cloud whose words link to the answers behind them. Every chart has a <title> and
<desc>, and the page shows the same numbers in a table beneath (the SVG is `aria-hidden`
there, so a screen reader reads the table once)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.urls import reverse
from django.utils.html import escape

COLOURS = ("#1f5f99", "#b35900", "#2e7d32", "#6a1b9a")  # ≥ 4.5:1 against white
BAR_HEIGHT = 18
LABEL_WIDTH = 260
CHART_WIDTH = 640


def _clip(text: str, chars: int = 40) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def bar_chart(
    title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]]
) -> str:
    """Horizontal bars: for each label, one bar per series (group), with its count."""
    groups = max(1, len(series))
    row = BAR_HEIGHT * groups + 10
    legend = 22 if groups > 1 else 0
    height = legend + row * max(1, len(labels)) + 10
    top = max((v for _name, values in series for v in values), default=0) or 1
    width = CHART_WIDTH - LABEL_WIDTH - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}" role="img" font-family="sans-serif" '
        f'font-size="13"><title>{escape(title)}</title>'
        f"<desc>{escape(_describe(labels, series))}</desc>"
        f'<rect width="100%" height="100%" fill="#fff"/>'
    ]
    if groups > 1:
        x = LABEL_WIDTH
        for i, (name, _values) in enumerate(series):
            colour = COLOURS[i % len(COLOURS)]
            parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
            parts.append(f'<text x="{x + 16}" y="15" fill="#222">{escape(name)}</text>')
            x += 20 + 8 * len(name) + 20
    for i, label in enumerate(labels):
        y = legend + i * row + 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + row / 2}" text-anchor="end" fill="#222">'
            f"{escape(_clip(label))}</text>"
        )
        for j, (_name, values) in enumerate(series):
            value = values[i] if i < len(values) else 0
            w = round(width * value / top, 1)
            by = y + j * BAR_HEIGHT
            colour = COLOURS[j % len(COLOURS)]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{by}" width="{w}" height="{BAR_HEIGHT - 3}" '
                f'fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{LABEL_WIDTH + w + 4}" y="{by + BAR_HEIGHT - 6}" fill="#222">'
                f"{value}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _describe(labels, series) -> str:
    out = []
    for name, values in series:
        pairs = ", ".join(f"{label}: {v}" for label, v in zip(labels, values, strict=False))
        out.append(f"{name}: {pairs}" if name else pairs)
    return "; ".join(out)


def word_cloud(
    title: str, words: Sequence[tuple[str, int]], link: Callable[[str], str] | None = None
) -> str:
    """Words in rows, sized by how many answers used them, most frequent first."""
    if not words:
        return ""
    top = words[0][1] or 1
    x, y, line = 10.0, 0.0, 0.0
    items = []
    for word, count in words:
        size = 13 + 27 * (count / top)
        w = size * 0.6 * len(word) + 14
        if x + w > CHART_WIDTH - 10:
            x, y, line = 10.0, y + line, 0.0
        line = max(line, size * 1.3)
        items.append((word, count, x, y + size, size))
        x += w
    height = int(y + line + 10)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}" role="img" font-family="sans-serif">'
        f"<title>{escape(title)}</title>"
        f"<desc>{escape(', '.join(f'{w}: {c}' for w, c in words))}</desc>"
        f'<rect width="100%" height="100%" fill="#fff"/>'
    ]
    for i, (word, count, wx, wy, size) in enumerate(items):
        colour = COLOURS[i % len(COLOURS)]
        text = (
            f'<text x="{wx:.1f}" y="{wy:.1f}" font-size="{size:.1f}" fill="{colour}">'
            f"{escape(word)}<title>{escape(word)}: {count}</title></text>"
        )
        if link:
            # Out of the tab order: the table beneath has the same links for the keyboard.
            text = f'<a href="{escape(link(word))}" tabindex="-1">{text}</a>'
        parts.append(text)
    parts.append("</svg>")
    return "".join(parts)


def question_charts(survey, item) -> dict:
    """The chart of one question's result (a `selectors.QuestionResult`), as the results page
    and the monitoring evaluation report show it: a word cloud for free text (its words link
    to the answers), else bars, one per respondent group side by side when several groups'
    figures are shown. Hidden figures get no chart."""
    q = item.question
    if q.kind == "text":
        if item.all.hidden or not item.all.words:
            return {}

        def link(word: str) -> str:
            return reverse("surveys:answers", args=[survey.pk, q.pk]) + f"?word={word}"

        return {"cloud": word_cloud(q.text, item.all.words, link)}
    if item.all.hidden or not item.all.counts:
        return {}
    labels = list(item.all.counts)
    groups = [(name, f) for name, f in item.groups.items() if not f.hidden]
    if len(groups) > 1:
        series = [(name, [f.counts.get(label, 0) for label in labels]) for name, f in groups]
    else:
        series = [("", [item.all.counts[label] for label in labels])]
    return {"bars": bar_chart(q.text, labels, series)}
