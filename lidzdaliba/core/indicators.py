"""Hook for figures that monitoring shows but a participation app owns.

Monitoring (a consumer) shows the means of the standard questions every consultation asks
its participants once the feedback is published (was your opinion taken into account, did
the institution explain why, how easy was it to take part; 1–10). Those answers live in the
`surveys` app, which sits in a lower layer and so may not be imported by name here nor
import monitoring. `surveys` registers a provider from its `AppConfig.ready()`:

    from lidzdaliba.core.indicators import register_standard_means_provider
    register_standard_means_provider(surveys.selectors.standard_question_means)

and the dashboard, the API (`means`) and the evaluation report show what it returns. Without
a provider the means are simply absent (`{}`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Mean:
    """One standard question's mean over the respondents of a selection, with its 95 %
    confidence interval (Student's t); `low`/`high` are None below two respondents."""

    n: int
    mean: float | None
    low: float | None
    high: float | None


# provider(institution_ids or None for all, first day, last day) → {question key: Mean};
# question keys: "taken_into_account", "explained_why", "ease_of_taking_part".
StandardMeansProvider = Callable[[Sequence[int] | None, date | None, date | None], dict[str, Mean]]

STANDARD_QUESTION_KEYS = ("taken_into_account", "explained_why", "ease_of_taking_part")

_provider: StandardMeansProvider | None = None


def register_standard_means_provider(
    provider: StandardMeansProvider | None,
) -> StandardMeansProvider | None:
    """Set (or with None, clear) the one provider of the standard questions' means, and give
    back the one it replaces (a test that puts its own restores the app's afterwards)."""
    global _provider
    previous, _provider = _provider, provider
    return previous


def standard_means(
    institution_ids: Sequence[int] | None, start: date | None, end: date | None
) -> dict[str, Mean]:
    if _provider is None:
        return {}
    return _provider(institution_ids, start, end)
