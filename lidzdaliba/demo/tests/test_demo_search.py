"""The demo goes through the same domain events as real data, so search finds all of it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.consultations.models import Consultation, Status
from lidzdaliba.search.models import SearchEntry
from lidzdaliba.search.services import SYNCED_FIELDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_with_events(django_capture_on_commit_callbacks):
    """`load_demo` with what happens after its commit: events, then the index jobs."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


def index_snapshot() -> set[tuple]:
    return set(SearchEntry.objects.values_list("kind", "object_id", *SYNCED_FIELDS))


def test_search_finds_demo_consultations_of_every_past_status(demo_with_events, client):
    now = timezone.now()
    by_status: dict[str, list[Consultation]] = {}
    for consultation in Consultation.objects.filter(announced_at__isnull=False):
        by_status.setdefault(consultation.status_at(now), []).append(consultation)
    assert by_status.keys() >= {Status.CLOSED, Status.ANSWERED, Status.DECIDED}
    for status in (Status.CLOSED, Status.ANSWERED, Status.DECIDED, Status.OPEN):
        for consultation in by_status[status]:
            response = client.get(reverse("search:search"), {"q": consultation.title})
            assert response.status_code == 200
            url = reverse("consultations:detail", args=[consultation.pk])
            assert f'href="{url}"' in response.text, (status, consultation.title)


def test_demo_index_is_what_a_rebuild_computes(demo_with_events):
    loaded = index_snapshot()
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert loaded == index_snapshot()
