"""Apps above accounts add their part of a person's data to the copy and to the deletion
through accounts' registries (accounts never imports them): a section with its files and
notes, an eraser, a check that may refuse the deletion."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from lidzdaliba.accounts import gdpr
from lidzdaliba.accounts.models import User
from lidzdaliba.consultations.models import OpinionAttachment
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def registries(monkeypatch):
    """The registries as the apps filled them, restored after the test."""
    monkeypatch.setattr(gdpr, "EXPORTERS", dict(gdpr.EXPORTERS))
    monkeypatch.setattr(gdpr, "EXPORT_NOTES", dict(gdpr.EXPORT_NOTES))
    monkeypatch.setattr(gdpr, "ERASERS", list(gdpr.ERASERS))
    monkeypatch.setattr(gdpr, "DELETION_CHECKS", list(gdpr.DELETION_CHECKS))


def copy_of(client) -> tuple[dict, zipfile.ZipFile]:
    response = client.post(reverse("accounts:data_export"))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return json.loads(archive.read("data.json")), archive


def test_every_app_holding_personal_data_has_its_section(resident, client_for):
    data, _archive = copy_of(client_for(resident))
    assert set(data) == {
        "format",
        "generated_at",
        "notes",
        # accounts and core's delivery log
        "profile",
        "identity",
        "email_addresses",
        "organisations",
        "api_tokens",
        "sessions",
        "two_factor_authenticators",
        "email_deliveries",
        # registered by the apps above accounts
        "officer_roles",
        "affected_groups",
        "audit_entries",
        "opinions",
        "subscriptions",
        "opinion_reports",
        "meeting_registrations",
        "body_applications",
        "initiatives",
        "survey_responses",
    }
    assert set(data["notes"]) == {
        "dates",
        "api_tokens",
        "identity",
        "affected_groups",
        "audit_entries",
        "answers",
        "files",
        "opinion_reports",
        "initiatives",
        "survey_responses",
    }


def test_a_new_app_adds_a_section_with_files_and_notes(
    registries, resident, open_consultation, client_for
):
    """E.g. an initiatives app: the signatures of the person, with a scanned form each."""
    opinion = factories.opinion(open_consultation, resident)
    scan = OpinionAttachment.objects.create(
        opinion=opinion,
        file=ContentFile(b"%PDF-1.4 paraksts", name="upload"),
        original_name="paraksts.pdf",
        content_type="application/pdf",
        size=17,
    )
    gone = OpinionAttachment.objects.create(
        opinion=opinion,
        file=ContentFile(b"x", name="upload"),
        original_name="pazudis.pdf",
        content_type="application/pdf",
        size=1,
    )
    gone.file.storage.delete(gone.file.name)

    def export_signatures(user):
        entries = [{"file": "signatures/1.pdf"}, {"file": "signatures/2.pdf"}]
        return gdpr.ExportSection(
            data=[{"initiative": "Zaļāka Rīga", "form": entries[0]}, {"form": entries[1]}],
            files=[
                gdpr.ExportedFile(path="signatures/1.pdf", file=scan.file, entry=entries[0]),
                gdpr.ExportedFile(path="signatures/2.pdf", file=gone.file, entry=entries[1]),
            ],
        )

    gdpr.register_exporter(
        "signatures",
        export_signatures,
        notes={"signatures": "The scanned forms are in the folder “signatures”."},
    )
    data, archive = copy_of(client_for(resident))

    assert data["signatures"][0]["initiative"] == "Zaļāka Rīga"
    assert archive.read("signatures/1.pdf") == b"%PDF-1.4 paraksts"
    assert data["signatures"][1]["form"] == {"file": "signatures/2.pdf", "missing": True}
    assert "signatures/2.pdf" not in archive.namelist()
    assert data["notes"]["signatures"] == "The scanned forms are in the folder “signatures”."
    assert data["profile"]["email"] == resident.email  # the other sections are still there


def test_a_section_may_not_take_the_name_of_the_copys_own_fields(registries):
    with pytest.raises(ValueError, match="notes"):
        gdpr.register_exporter("notes", lambda user: [])


def test_a_deletion_check_refuses_before_any_eraser_runs(registries, resident):
    erased = []

    def signatures_being_counted(user):
        raise ValidationError("Your signatures are being counted; try again tomorrow.")

    gdpr.register_eraser(lambda user: erased.append(user.pk))
    assert gdpr.register_deletion_check(signatures_being_counted) is signatures_being_counted
    gdpr.register_deletion_check(signatures_being_counted)  # registering twice checks once

    with pytest.raises(ValidationError, match="being counted"):
        gdpr.account_delete(user=resident, password=factories.PASSWORD)
    assert erased == []
    assert User.objects.filter(pk=resident.pk).exists()
    assert gdpr.DELETION_CHECKS.count(signatures_being_counted) == 1
