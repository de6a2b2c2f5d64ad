"""Comparing two versions of a draft clause by clause, as safe HTML."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Literal, Protocol

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# --- Comparing versions ---------------------------------------------------------------------


class ClauseLike(Protocol):
    number: str
    text: str


Status = Literal["added", "removed", "changed", "unchanged"]
STATUSES: tuple[Status, ...] = ("added", "removed", "changed", "unchanged")


@dataclass(frozen=True)
class ClauseChange:
    """One clause of the comparison; `old`/`new` are the compared objects (e.g. Clause rows).

    `html` is the text with deletions in <del> and insertions in <ins>, every piece escaped,
    with line breaks left as "\\n" (render with `white-space: pre-line`).
    """

    status: Status
    old_number: str | None
    new_number: str | None
    old_text: str | None
    new_text: str | None
    html: SafeString
    old: Any = field(default=None, compare=False, repr=False)
    new: Any = field(default=None, compare=False, repr=False)

    @property
    def renumbered(self) -> bool:
        return None not in (self.old_number, self.new_number) and self.old_number != self.new_number


def _same(a: str, b: str) -> bool:
    return a.split() == b.split()  # re-wrapped lines are not a change


def diff_clauses(old: Iterable[ClauseLike], new: Iterable[ClauseLike]) -> list[ClauseChange]:
    """Compare two versions clause by clause, in the order of the new version.

    Clauses with identical text are matched first, wherever they stand, so inserting one
    clause (and renumbering the rest) does not show every later clause as changed. The rest
    are matched by number, and clauses still left by similar wording; what has no partner
    then was added or removed. Unnumbered clauses get a number key equal to nothing else.
    """

    def by_number(old: Sequence[ClauseLike], new: Sequence[ClauseLike]) -> list[ClauseChange]:
        return _align(old, new, lambda c: c.number or object(), _match_by_wording)

    return _align(list(old), list(new), lambda c: " ".join(c.text.split()), by_number)


def _align(
    old: Sequence[ClauseLike],
    new: Sequence[ClauseLike],
    key: Callable[[ClauseLike], Hashable],
    rest: Callable[[Sequence[ClauseLike], Sequence[ClauseLike]], list[ClauseChange]],
) -> list[ClauseChange]:
    matcher = SequenceMatcher(None, [key(c) for c in old], [key(c) for c in new], autojunk=False)
    changes: list[ClauseChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [_pair(a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            changes += rest(old[i1:i2], new[j1:j2])
    return changes


_SIMILAR = 0.5
_MAX_COMPARISONS = 2500


def _match_by_wording(old: Sequence[ClauseLike], new: Sequence[ClauseLike]) -> list[ClauseChange]:
    changes: list[ClauseChange] = []
    next_new = 0
    for a in old:
        best: tuple[float, int] | None = None
        if len(old) * len(new) <= _MAX_COMPARISONS:
            for k in range(next_new, len(new)):
                matcher = SequenceMatcher(None, a.text.split(), new[k].text.split(), autojunk=False)
                if matcher.quick_ratio() < _SIMILAR:
                    continue
                ratio = matcher.ratio()
                if ratio >= _SIMILAR and (best is None or ratio > best[0]):
                    best = (ratio, k)
        if best is None:
            changes.append(_removed(a))
            continue
        changes += [_added(b) for b in new[next_new : best[1]]]
        changes.append(_pair(a, new[best[1]]))
        next_new = best[1] + 1
    return changes + [_added(b) for b in new[next_new:]]


def _pair(a: ClauseLike, b: ClauseLike) -> ClauseChange:
    status: Status = "unchanged" if _same(a.text, b.text) else "changed"
    html = _mark(escape(b.text)) if status == "unchanged" else _word_diff(a.text, b.text)
    return ClauseChange(status, a.number, b.number, a.text, b.text, html, a, b)


def _added(b: ClauseLike) -> ClauseChange:
    html = _mark(f"<ins>{escape(b.text)}</ins>")
    return ClauseChange("added", None, b.number, None, b.text, html, None, b)


def _removed(a: ClauseLike) -> ClauseChange:
    html = _mark(f"<del>{escape(a.text)}</del>")
    return ClauseChange("removed", a.number, None, a.text, None, html, a, None)


def _mark(html: str) -> SafeString:
    # Safe because every piece of clause text passed through escape() before reaching here.
    return mark_safe(html)  # noqa: S308


_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def _word_diff(a: str, b: str) -> SafeString:
    """Word-level diff; a run of whitespace between two edits joins them into one edit."""
    old, new = _TOKENS.findall(a), _TOKENS.findall(b)
    pieces: list[list[str]] = []  # [deleted, inserted, unchanged]; an equal piece has only the last
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(["", "", "".join(old[i1:i2])])
            continue
        deleted, inserted = "".join(old[i1:i2]), "".join(new[j1:j2])
        if len(pieces) >= 2 and pieces[-1][2].isspace() and not pieces[-2][2]:
            gap = pieces.pop()[2]
            pieces[-1][0] += gap + deleted
            pieces[-1][1] += gap + inserted
        else:
            pieces.append([deleted, inserted, ""])
    html = []
    for deleted, inserted, unchanged in pieces:
        html.append(f"<del>{escape(deleted)}</del>" if deleted else "")
        html.append(f"<ins>{escape(inserted)}</ins>" if inserted else "")
        html.append(str(escape(unchanged)))
    return _mark("".join(html))


def diff_summary(changes: Iterable[ClauseChange]) -> dict[str, int]:
    """How many clauses were added, removed, changed and left unchanged (all keys present)."""
    counts = dict.fromkeys(STATUSES, 0)
    for change in changes:
        counts[change.status] += 1
    return counts
