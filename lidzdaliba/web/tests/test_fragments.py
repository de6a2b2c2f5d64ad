"""The bodies of public pages are shared between signed-in readers, kept fresh by content
versions, and never show anyone what their own rights do not allow."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Consultation
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def queries_of(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries), response.content.decode()


@pytest.mark.parametrize(
    "url_of",
    [
        lambda c: reverse("consultations:detail", args=[c.pk]),
        lambda c: reverse("consultations:list"),
        lambda c: reverse("web:home"),
    ],
    ids=["detail", "list", "home"],
)
def test_a_signed_in_readers_body_comes_from_the_cache(
    url_of, editor, ministry, resident, ngo_rep, client_for
):
    consultation = factories.published_consultation(editor, ministry)
    url = url_of(consultation)
    queries_of(client_for(ngo_rep), url)  # renders and keeps the body
    first, page = queries_of(client_for(resident), url)
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):  # kept no longer
        fresh, _ = queries_of(client_for(resident), url)
    assert first < fresh
    _, same = queries_of(client_for(editor), url)  # another reader, the same body
    assert consultation.title in page and consultation.title in same
    # The header is each reader's own: the officer's has the officer desk.
    desk = reverse("officer:dashboard")
    assert desk in same and desk not in page


def test_a_new_opinion_shows_at_once_to_a_signed_in_reader(
    editor, ministry, resident, ngo_rep, client_for, django_capture_on_commit_callbacks
):
    consultation = factories.published_consultation(editor, ministry)
    url = reverse("consultations:detail", args=[consultation.pk])
    reader = client_for(ngo_rep)
    assert "Svaigs viedoklis" not in reader.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_submit(
            author=resident, consultation=consultation, kind="proposal", text="Svaigs viedoklis"
        )
    assert "Svaigs viedoklis" in reader.get(url).content.decode()


def test_the_body_follows_the_deadline_not_the_cache(editor, ministry, resident, client_for):
    consultation = factories.published_consultation(editor, ministry)
    url = reverse("consultations:detail", args=[consultation.pk])
    opinion_link = reverse("consultations:opinion_create", args=[consultation.pk])
    reader = client_for(resident)
    assert opinion_link in reader.get(url).content.decode()
    with time_machine.travel(consultation.closes_at + timedelta(seconds=1)):
        assert opinion_link not in reader.get(url).content.decode()


def test_answers_before_publication_never_leak_through_the_cache(
    editor, ministry, resident, responder, coordinator, client_for
):
    """Officers see answers before the feedback is published; the body they cause to be
    cached must not be what a resident is then served."""
    consultation = factories.published_consultation(editor, ministry)
    opinion = factories.opinion(consultation, resident, text="Mans viedoklis")
    factories.close(consultation)
    services.answer_give(
        actor=responder,
        opinion=opinion,
        outcome=Outcome.NOT_TAKEN_INTO_ACCOUNT,
        reason="Slepens melnraksta pamatojums",
    )
    secret = "Slepens melnraksta pamatojums"

    def sees(user, path) -> bool:
        return secret in client_for(user).get(path).content.decode()

    for path in (
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:opinion", args=[opinion.pk]),
        reverse("consultations:feedback", args=[consultation.pk]),
    ):
        assert sees(responder, path) and sees(coordinator, path)
        assert not sees(resident, path) and not sees(None, path)


def test_a_draft_body_is_never_served_to_the_public(editor, ministry, resident, client_for):
    consultation = factories.published_consultation(editor, ministry)
    Consultation.objects.filter(pk=consultation.pk).update(announced_at=None)
    url = reverse("consultations:detail", args=[consultation.pk])
    assert client_for(editor).get(url).status_code == 200
    assert client_for(resident).get(url).status_code == 404


def test_the_cache_is_off_when_public_pages_are_not_cached(
    settings, editor, ministry, resident, client_for
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    consultation = factories.published_consultation(editor, ministry)
    url = reverse("consultations:detail", args=[consultation.pk])
    first, _ = queries_of(client_for(resident), url)
    again, _ = queries_of(client_for(resident), url)
    assert again == first


def test_stale_entries_expire(editor, ministry, resident, client_for):
    consultation = factories.published_consultation(editor, ministry)
    url = reverse("consultations:list")
    client = client_for(resident)
    client.get(url)
    Consultation.objects.filter(pk=consultation.pk).update(title="Mainīts bez notikuma")
    assert "Mainīts bez notikuma" not in client.get(url).content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=120)):
        assert "Mainīts bez notikuma" in client.get(url).content.decode()
