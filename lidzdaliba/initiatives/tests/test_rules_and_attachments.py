"""The managers' page of initiative rules (managers only, audited, validated) and files
attached to a draft (checked by content, the author's while it may change, public with
the initiative)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.initiatives.models import DraftAttachment, InitiativeRules

pytestmark = pytest.mark.django_db

RULES_URL = "initiatives:rules_edit"
DATA = {
    "accepts": "on",
    "threshold_absolute": "",
    "threshold_share": "1.5",
    "collection_months": "6",
    "min_cosponsors": "2",
    "answer_months": "2",
    "identity_level": "email",
    "min_age": "18",
}
EDIT = {
    "anonymous": "login",
    "resident": 403,
    "editor": 403,
    "responder": 403,
    "manager": 302,
    "other_officer": 403,
    "coordinator": 403,
}


def _code(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize("role", list(EDIT))
def test_only_managers_change_the_rules_and_it_is_audited(role, request, ministry, client_for):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    url = reverse(RULES_URL, args=[ministry.slug, "collective_submission"])
    assert _code(client_for(user).post(url, DATA)) == EDIT[role]
    saved = InitiativeRules.objects.filter(institution=ministry, kind="collective_submission")
    if EDIT[role] == 302:
        rules = saved.get()
        assert (rules.collection_months, rules.min_age, str(rules.threshold_share)) == (
            6,
            18,
            "1.50",
        )
        entry = AuditEntry.objects.get(action="initiative_rules.change")
        assert entry.actor == user and entry.after["min_age"] == 18
        index = client_for(user).get(reverse("initiatives:rules"))
        assert index.status_code == 200 and "1,50 %" in index.content.decode()
    else:
        assert not saved.exists()


def test_the_form_refuses_both_thresholds_and_a_share_over_100(ministry, manager, client_for):
    url = reverse(RULES_URL, args=[ministry.slug, "idea"])
    page = client_for(manager).get(url)
    assert page.status_code == 200 and 'name="threshold_share"' in page.content.decode()
    both = client_for(manager).post(url, {**DATA, "threshold_absolute": "100"})
    assert both.status_code == 400
    over = client_for(manager).post(url, {**DATA, "threshold_share": "150"})
    assert over.status_code == 400
    assert not InitiativeRules.objects.filter(institution=ministry, kind="idea").exists()


def pdf(name: str = "karte.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def test_the_author_attaches_files_checked_by_content(draft, author, client_for, resident):
    client = client_for(author)
    url = reverse("initiatives:attachments", args=[draft.pk])
    assert client.post(url, {"files": [pdf()]}).status_code == 302
    fake = SimpleUploadedFile("x.pdf", b"<html><script>alert(1)</script></html>")
    assert client.post(url, {"files": [fake]}).status_code == 400
    (attachment,) = DraftAttachment.objects.filter(initiative=draft)
    assert attachment.original_name == "karte.pdf" and attachment.content_type == "application/pdf"
    # Six is one too many.
    assert client.post(url, {"files": [pdf() for _n in range(5)]}).status_code == 400
    # Only the author; others do not even see the draft.
    assert client_for(resident).post(url, {"files": [pdf()]}).status_code == 404
    # Shown on the page and downloadable by those who may read the initiative.
    detail = client.get(reverse("initiatives:detail", args=[draft.pk])).content.decode()
    assert "karte.pdf" in detail
    download = client.get(reverse("initiatives:file", args=[attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert (
        client_for(resident).get(reverse("initiatives:file", args=[attachment.pk])).status_code
        == 404
    )
    removed = client.post(reverse("initiatives:attachment_remove", args=[draft.pk, attachment.pk]))
    assert removed.status_code == 302
    assert not DraftAttachment.objects.filter(initiative=draft).exists()


def test_no_attachments_once_published(collecting, author, client_for):
    url = reverse("initiatives:attachments", args=[collecting.pk])
    assert client_for(author).post(url, {"files": [pdf()]}).status_code == 403
