"""Helpers for search tests: run the domain events of a block (so the index jobs run inline,
as after a real commit), and search in one call."""

from __future__ import annotations

import pytest

from lidzdaliba.consultations.selectors import ConsultationFilters
from lidzdaliba.search import selectors
from lidzdaliba.testing import factories


@pytest.fixture
def events(django_capture_on_commit_callbacks):
    """`with events(): ...` runs the on-commit callbacks of the block: events → jobs → index."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def find(query: str, **kwargs) -> list[tuple[str, int]]:
    kwargs.setdefault("filters", ConsultationFilters())
    kwargs.setdefault("page_size", 100)
    results = selectors.search(query=query, **kwargs)
    return [(hit.kind, hit.id) for hit in results.hits]


@pytest.fixture
def publish(editor, ministry, events):
    """Publish a consultation through the services, with its events (and so indexing)."""

    def make(*, institution=None, actor=None, text: str = factories.DRAFT_TEXT, **fields):
        from lidzdaliba.consultations import services
        from lidzdaliba.consultations.models import Consultation

        actor = actor or editor
        groups = fields.pop("affected_groups", None)
        with events():
            consultation = services.consultation_create(
                actor=actor,
                institution=institution or ministry,
                **factories.consultation_fields(**fields),
            )
            if groups:
                consultation.affected_groups.set(groups)
            if text:
                services.document_version_create(actor=actor, consultation=consultation, text=text)
            services.consultation_publish(actor=actor, consultation=consultation)
        return Consultation.objects.select_related("institution").get(pk=consultation.pk)

    return make
