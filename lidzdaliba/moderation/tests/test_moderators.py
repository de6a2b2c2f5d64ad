"""The coordinator appoints and removes moderators (DESIGN.md "Roles"); each change is
audited; a moderator acts on every institution's opinions and must use a second factor."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lidzdaliba.accounts.rules import needs_second_factor
from lidzdaliba.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_coordinator_appoints_and_removes_a_moderator(coordinator, resident, client_for):
    client = client_for(coordinator)
    response = client.post(reverse("moderation:moderators"), {"email": "RESIDENT@example.lv"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.is_moderator and needs_second_factor(resident)
    page = client.get(reverse("moderation:moderators")).content.decode()
    assert resident.email in page
    entry = AuditEntry.objects.get(action="moderator.appoint")
    assert entry.actor == coordinator and entry.target_id == str(resident.pk)
    assert entry.after == {"is_moderator": True}

    assert (
        client.post(reverse("moderation:moderator_remove", args=[resident.pk])).status_code == 302
    )
    resident.refresh_from_db()
    assert not resident.is_moderator
    assert AuditEntry.objects.filter(action="moderator.remove", actor=coordinator).exists()
    assert "Moderatoru vēl nav." in client.get(reverse("moderation:moderators")).content.decode()


def test_an_unknown_address_or_a_moderator_twice_is_explained(coordinator, moderator, client_for):
    client = client_for(coordinator)
    unknown = client.post(reverse("moderation:moderators"), {"email": "nav@example.lv"})
    assert unknown.status_code == 400 and "Ar šo e-pasta adresi nav neviena konta" in (
        unknown.content.decode()
    )
    twice = client.post(reverse("moderation:moderators"), {"email": moderator.email})
    assert twice.status_code == 400 and "jau ir moderators" in twice.content.decode()
    assert not AuditEntry.objects.filter(action__startswith="moderator.").exists()


def test_removal_is_refused_to_anyone_but_the_coordinator(moderator, manager, client_for):
    url = reverse("moderation:moderator_remove", args=[moderator.pk])
    assert client_for(manager).post(url).status_code == 403
    assert client_for(moderator).post(url).status_code == 403
    moderator.refresh_from_db()
    assert moderator.is_moderator


def test_the_coordinators_audit_log_shows_the_appointment(
    coordinator, resident, ministry, client_for
):
    client = client_for(coordinator)
    client.post(reverse("moderation:moderators"), {"email": resident.email})
    log = client.get(reverse("audit:list"), {"action": "moderator."}).content.decode()
    assert "moderator.appoint" in log
