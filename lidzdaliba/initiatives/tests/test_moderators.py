"""Moderators the coordinator appoints (DESIGN.md "Roles") moderate initiatives of every
institution, as the addressed institution's editors do; a resident still may not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lidzdaliba.initiatives.models import Initiative, Status
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return factories.UserFactory(email="moderator@example.lv", is_moderator=True)


def test_a_moderator_sees_the_queue_and_moderates_any_institutions_initiative(
    in_moderation, moderator, client_for
):
    client = client_for(moderator)
    queue = client.get(reverse("initiatives:queue"))
    assert queue.status_code == 200
    assert in_moderation.title in queue.content.decode()
    page = client.get(reverse("initiatives:moderate", args=[in_moderation.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("initiatives:moderate", args=[in_moderation.pk]), {"decision": "approved"}
    )
    assert response.status_code == 302
    assert Initiative.objects.get(pk=in_moderation.pk).status == Status.COLLECTING


def test_a_resident_neither_sees_the_queue_nor_moderates(in_moderation, client_for):
    client = client_for(factories.UserFactory())
    assert client.get(reverse("initiatives:queue")).status_code == 403
    response = client.post(
        reverse("initiatives:moderate", args=[in_moderation.pk]), {"decision": "approved"}
    )
    assert response.status_code == 404
    assert Initiative.objects.get(pk=in_moderation.pk).status == Status.IN_MODERATION
