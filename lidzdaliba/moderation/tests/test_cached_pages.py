"""With the page and fragment caches on (as in production), hiding takes the text off the
cached public pages at once, while its institution, reading the same cached body, still
sees it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import HiddenReason

from .conftest import SECRET_TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_hiding_refreshes_the_cached_pages(
    reported, responder, resident, client_for, django_capture_on_commit_callbacks
):
    consultation_url = reverse("consultations:detail", args=[reported.consultation_id])
    anonymous, signed_in, officer = Client(), client_for(resident), client_for(responder)
    for client in (anonymous, signed_in, officer):
        assert SECRET_TEXT in client.get(consultation_url).content.decode()
    assert anonymous.get(consultation_url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_hide(actor=responder, opinion=reported, reason=HiddenReason.ABUSIVE)
    for client in (anonymous, signed_in):
        assert SECRET_TEXT not in client.get(consultation_url).content.decode()
    assert SECRET_TEXT in officer.get(consultation_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_restore(actor=responder, opinion=reported)
    assert SECRET_TEXT in anonymous.get(consultation_url).content.decode()
