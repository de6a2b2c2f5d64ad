"""Jobs that keep the figures exact: thin, id-taking, idempotent (a rebuild from raw rows)."""

from __future__ import annotations

from lidzdaliba.core.tasks import job

from . import services


@job()
def refresh_consultation_figures(consultation_id: int) -> None:
    services.consultation_figures_refresh(consultation_id=consultation_id)


@job()
def refresh_opinion_figures(opinion_id: int) -> None:
    services.opinion_figures_refresh(opinion_id=opinion_id)
