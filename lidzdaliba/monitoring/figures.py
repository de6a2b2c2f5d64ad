"""The figures themselves, as plain data, and the arithmetic shared by the precomputed and
the direct computation (so the two can only differ in where the numbers come from)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Figures:
    """One row of indicators: an institution, a kind of institution, a month, or all."""

    consultations: int = 0
    minimum_period_kept: int = 0
    opinions: int = 0
    answered: int = 0
    people: int = 0
    organisations: int = 0
    closed: int = 0
    feedback_published: int = 0
    feedback_due: int = 0
    feedback_on_time: int = 0
    median_days_to_answer: float | None = None
    by_stage: dict[str, int] = field(default_factory=dict)
    by_form: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def participants(self) -> int:
        return self.people + self.organisations

    @property
    def minimum_period_kept_share(self) -> float | None:
        return share(self.minimum_period_kept, self.consultations)

    @property
    def answered_share(self) -> float | None:
        return share(self.answered, self.opinions)

    @property
    def feedback_published_share(self) -> float | None:
        """Of the consultations closed by now, those whose feedback table is public."""
        return share(self.feedback_published, self.closed)

    @property
    def feedback_on_time_share(self) -> float | None:
        """Of the consultations whose feedback is published or overdue, those published by
        the answer deadline."""
        return share(self.feedback_on_time, self.feedback_due)


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def median_of_histogram(pairs: Iterable[tuple[int, int]]) -> float | None:
    """The median of values given as (value, how many times): the same number as
    `statistics.median` of the expanded list, without expanding it."""
    ordered = sorted((value, n) for value, n in pairs if n)
    total = sum(n for _value, n in ordered)
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]
    found: list[int] = []
    seen = 0
    for value, n in ordered:
        while wanted and wanted[0] < seen + n:
            found.append(value)
            wanted.pop(0)
        seen += n
    return (found[0] + found[1]) / 2
