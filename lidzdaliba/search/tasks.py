"""Index jobs: thin, id-taking, idempotent wrappers around the services."""

from __future__ import annotations

from lidzdaliba.core.tasks import job

from . import services


@job()
def reindex_consultation(consultation_id: int) -> None:
    services.index_consultation(consultation_id=consultation_id)


@job()
def reindex_opinion(opinion_id: int) -> None:
    services.index_opinion(opinion_id=opinion_id)


@job()
def reindex_initiative(initiative_id: int) -> None:
    services.index_initiative(initiative_id=initiative_id)
