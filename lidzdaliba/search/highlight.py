"""Snippets with the matching words marked, computed in Python on the original text.

Doing it here rather than with FTS5 `snippet()` or PostgreSQL `ts_headline()` makes the
output identical on both databases, and means a word is marked exactly when its normalised
form matches a query term — the same rule the index used to find the entry.

Safety: every piece of the original text is HTML-escaped; the only markup in the output is
the `<mark>` elements this module writes, so the result may be marked safe.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import ParsedQuery, term, words

SNIPPET_WORDS = 30
# Words shown before the first match, so it is read in context.
LEAD_WORDS = 8
ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")


def _marked(text: str, spans: list[tuple[int, int, bool]], start: int, end: int) -> str:
    parts: list[str] = []
    position = start
    for word_start, word_end, matched in spans:
        if not matched:
            continue
        parts.append(escape(_SPACES.sub(" ", text[position:word_start])))
        parts.append(f"<mark>{escape(text[word_start:word_end])}</mark>")
        position = word_end
    parts.append(escape(_SPACES.sub(" ", text[position:end])))
    return "".join(parts)


def highlight(text: str, query: ParsedQuery) -> SafeString:
    """The whole `text` (e.g. a title), escaped, with matching words in `<mark>`."""
    spans = [(m.start(), m.end(), query.matches(term(m.group()))) for m in words(text)]
    return mark_safe(_marked(text, spans, 0, len(text)))  # noqa: S308 (escaped above)


def snippet(text: str, query: ParsedQuery, *, size: int = SNIPPET_WORDS) -> SafeString:
    """About `size` words of `text` around its first match (or its opening words when only
    the title matched), escaped, with matching words in `<mark>`."""
    text = text or ""
    found = list(words(text))
    if not found:
        return mark_safe("")
    first = next(
        (i for i, m in enumerate(found) if query.matches(term(m.group()))),
        None,
    )
    begin = 0 if first is None or first < LEAD_WORDS else first - LEAD_WORDS
    finish = min(len(found), begin + size)
    window = found[begin:finish]
    spans = [(m.start(), m.end(), query.matches(term(m.group()))) for m in window]
    start = 0 if begin == 0 else window[0].start()
    end = len(text) if finish == len(found) else window[-1].end()
    html = _marked(text, spans, start, end).strip()
    prefix = ELLIPSIS + " " if begin > 0 else ""
    suffix = " " + ELLIPSIS if finish < len(found) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308 (every piece escaped in _marked)
