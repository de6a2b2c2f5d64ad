"""The initiatives API: list and filters, detail fields, drafting, idempotent signing,
withdrawing, the answer with its required reason, and the export of signers."""

from __future__ import annotations

import csv
import io

import pytest

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.initiatives import services
from lidzdaliba.initiatives.models import Initiative, Signature, Status
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

BASE = "/api/v1/initiatives"


def reach_threshold(initiative):
    for _n in range(initiative.threshold):
        services.signature_add(
            signer=factories.UserFactory(), initiative=initiative, declared_min_age=True
        )
    return Initiative.objects.get(pk=initiative.pk)


def test_the_list_is_paginated_and_filtered(api_for, collecting, draft, ministry):
    body = api_for(None).get(BASE, {"page_size": 1}).json()
    assert set(body) == {"count", "page", "page_size", "pages", "results"}
    assert body["count"] == 1 and body["results"][0]["id"] == collecting.pk
    assert body["results"][0]["status"] == "collecting"
    filtered = api_for(None).get(
        BASE,
        {"institution": ministry.slug, "kind": "collective_submission", "status": "collecting"},
    )
    assert filtered.json()["count"] == 1
    assert api_for(None).get(BASE, {"status": "answered"}).json()["count"] == 0
    # Unpublished stages cannot even be asked for, and unknown slugs are refused.
    assert api_for(None).get(BASE, {"status": "draft"}).status_code == 422
    assert api_for(None).get(BASE, {"territory": "nav-tada"}).status_code == 422


def test_the_detail_has_counts_threshold_dates_and_the_answer(api_for, collecting, responder):
    body = api_for(None).get(f"{BASE}/{collecting.pk}").json()
    assert body["signatures_count"] == 0 and body["threshold"] == 3
    assert body["collection_ends_at"] and body["answer_due_at"] is None and body["answer"] is None
    reach_threshold(collecting)
    answered = api_for(responder).post(
        f"{BASE}/{collecting.pk}/answer",
        {"outcome": "taken_into_account", "reason": "Iekļauts plānā."},
        content_type="application/json",
    )
    assert answered.status_code == 200
    body = api_for(None).get(f"{BASE}/{collecting.pk}").json()
    assert body["status"] == "answered" and body["signatures_count"] == 3
    assert body["answer"]["outcome"] == "taken_into_account"
    assert body["answer_due_at"] is not None


def test_a_draft_is_created_and_hidden_from_others(api_for, author, ministry, small_rules):
    response = api_for(author).post(
        BASE,
        {
            "institution": ministry.slug,
            "kind": "collective_submission",
            "title": "Soliņi parkā",
            "problem": "Parkā nav kur apsēsties.",
            "solution": "Uzstādīt soliņus.",
            "topic": "valsts-parvalde",
            "territory": "latvija",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft"
    assert api_for(None).get(f"{BASE}/{created['id']}").status_code == 404
    assert api_for(None).post(BASE, {}, content_type="application/json").status_code == 401


def test_signing_is_idempotent_per_person(api_for, collecting, signer):
    client = api_for(signer)
    url = f"{BASE}/{collecting.pk}/signatures"
    first = client.post(url, {"declared_min_age": True}, content_type="application/json")
    again = client.post(
        url, {"declared_min_age": True, "public_name": True}, content_type="application/json"
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and again.json()["public_name"] is True
    assert Signature.objects.filter(initiative=collecting).count() == 1
    assert client.delete(f"{url}/me").status_code == 204
    assert client.delete(f"{url}/me").status_code == 404
    assert not Signature.objects.exists()


def test_not_eligible_is_403_with_the_reason_and_not_collecting_is_409(
    api_for, collecting, in_moderation, signer
):
    client = api_for(signer)
    refused = client.post(f"{BASE}/{collecting.pk}/signatures", {}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["error"] == "forbidden" and "16" in refused.json()["message"]
    Initiative.objects.filter(pk=collecting.pk).update(status=Status.EXPIRED)
    closed = client.post(
        f"{BASE}/{collecting.pk}/signatures",
        {"declared_min_age": True},
        content_type="application/json",
    )
    assert closed.status_code == 409 and closed.json()["error"] == "not_collecting"


def test_the_answer_needs_a_reason(api_for, collecting, responder):
    initiative = reach_threshold(collecting)
    response = api_for(responder).post(
        f"{BASE}/{initiative.pk}/answer",
        {"outcome": "noted", "reason": "  "},
        content_type="application/json",
    )
    assert response.status_code == 422 and "reason" in response.json()["details"]
    missing = api_for(responder).post(
        f"{BASE}/{initiative.pk}/answer", {"outcome": "noted"}, content_type="application/json"
    )
    assert missing.status_code == 422
    assert Initiative.objects.get(pk=initiative.pk).status == Status.THRESHOLD_REACHED


def test_the_export_is_for_the_addressed_institution_audited_and_formula_safe(
    api_for, collecting, responder, other_officer, coordinator
):
    evil = factories.UserFactory(full_name='=HYPERLINK("http://evil","x")')
    services.signature_add(signer=evil, initiative=collecting, declared_min_age=True)
    url = f"{BASE}/{collecting.pk}/signatures/export"
    for outsider in (other_officer, coordinator, evil):
        assert api_for(outsider).get(url).status_code == 403
    assert api_for(None).get(url).status_code == 401
    response = api_for(responder).get(url, {"format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://evil","x")' and rows[1][2] == evil.email
    xlsx = api_for(responder).get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=2).value.startswith("'=")
    assert AuditEntry.objects.filter(action="initiative.signatures_export").count() == 2
