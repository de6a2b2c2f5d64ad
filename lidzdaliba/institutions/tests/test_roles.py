"""Managers grant and revoke officer roles; every change is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.core import actions
from lidzdaliba.institutions import services
from lidzdaliba.institutions.models import OfficerRole
from lidzdaliba.institutions.rules import is_editor_of, is_responder_of

pytestmark = pytest.mark.django_db


def test_manager_grants_a_role_and_it_takes_effect(manager, ministry, resident):
    assert not is_editor_of(resident, ministry)
    services.officer_role_grant(
        actor=manager, institution=ministry, email=resident.email, role="editor"
    )
    resident.__dict__.pop("officer_roles_cache", None)
    assert is_editor_of(resident, ministry) and not is_responder_of(resident, ministry)
    entry = AuditEntry.objects.get(action="officer_role.grant")
    assert entry.after == {"user": resident.email, "role": "editor"}


def test_a_role_is_granted_only_together_with_its_audit_entry(
    manager, ministry, resident, monkeypatch
):
    """Institutions records through the recorder the audit app registered in core, in the
    same transaction: when the record cannot be written, the role is not granted."""

    def unwritable(**entry):
        raise RuntimeError("the audit table is locked")

    monkeypatch.setattr(actions, "_recorder", unwritable)
    with pytest.raises(RuntimeError):
        services.officer_role_grant(
            actor=manager, institution=ministry, email=resident.email, role="editor"
        )
    assert not OfficerRole.objects.filter(user=resident).exists()


@pytest.mark.parametrize("actor_name", ["editor", "responder", "other_officer", "coordinator"])
def test_only_managers_change_roles(request, actor_name, ministry, resident):
    actor = request.getfixturevalue(actor_name)
    with pytest.raises(PermissionDenied):
        services.officer_role_grant(
            actor=actor, institution=ministry, email=resident.email, role="manager"
        )
    assert not OfficerRole.objects.filter(user=resident).exists()


def test_unknown_email_and_duplicate_role_are_clear_errors(manager, ministry, editor):
    with pytest.raises(ValidationError) as error:
        services.officer_role_grant(
            actor=manager, institution=ministry, email="nav@example.lv", role="editor"
        )
    assert "email" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.officer_role_grant(
            actor=manager, institution=ministry, email=editor.email, role="editor"
        )
    assert "role" in error.value.message_dict


def test_last_manager_cannot_be_removed(manager, ministry):
    own = OfficerRole.objects.get(user=manager, institution=ministry, role="manager")
    with pytest.raises(ValidationError):
        services.officer_role_revoke(actor=manager, institution=ministry, role_id=own.pk)


def test_revoke_is_audited(manager, ministry, editor):
    role = OfficerRole.objects.get(user=editor, institution=ministry)
    services.officer_role_revoke(actor=manager, institution=ministry, role_id=role.pk)
    assert not OfficerRole.objects.filter(pk=role.pk).exists()
    assert AuditEntry.objects.get(action="officer_role.revoke").before["user"] == editor.email


@pytest.mark.parametrize(
    ("actor_name", "get_status", "post_status"),
    [
        ("manager", 200, 302),
        ("coordinator", 200, 403),
        ("editor", 403, 403),
        ("other_officer", 403, 403),
        ("resident", 403, 403),
    ],
)
def test_roles_page_permissions(
    request, client_for, ministry, resident, actor_name, get_status, post_status
):
    actor = request.getfixturevalue(actor_name)
    client = client_for(actor)
    url = reverse("institutions:roles", args=[ministry.slug])
    assert client.get(url).status_code == get_status
    target = resident if actor_name != "resident" else request.getfixturevalue("editor")
    response = client.post(url, {"email": target.email, "role": "responder"})
    assert response.status_code == post_status
    granted = OfficerRole.objects.filter(user=target, role="responder").exists()
    assert granted == (post_status == 302)


def test_roles_page_bad_input(client_for, manager, ministry):
    client = client_for(manager)
    url = reverse("institutions:roles", args=[ministry.slug])
    assert client.post(url, {"revoke": "abc"}).status_code == 400
    response = client.post(url, {"email": "not-an-email", "role": "boss"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
