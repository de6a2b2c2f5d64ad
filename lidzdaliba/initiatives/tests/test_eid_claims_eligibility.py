"""Citizenship and the declared residence from the eID's claims: checked when signing, never
asked for again, a declaration counting for nothing against them, and marked "verified by
eID" (not "declared by the signer") in the institution's verification export."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lidzdaliba.accounts.identity import EidIdentity
from lidzdaliba.accounts.models import User
from lidzdaliba.accounts.services import eid_identity_record
from lidzdaliba.accounts.tests.conftest import eid, oidc_provider  # noqa: F401 (fixtures)
from lidzdaliba.initiatives import services
from lidzdaliba.initiatives.forms import SignForm
from lidzdaliba.initiatives.models import Initiative, Kind, Signature
from lidzdaliba.institutions.models import Territory
from lidzdaliba.testing import factories

DECLARED = {"declared_citizenship": True, "declared_residence": True}


def verified(person, *, citizen: bool | None = None, municipality: str = "", tail="1234"):
    identity = EidIdentity(
        personal_code="150385" + "1" + tail,
        full_name="",
        birth_date=date(1985, 3, 15),
        latvian_citizen=citizen,
        municipality=municipality,
    )
    return eid_identity_record(user=person, identity=identity)


def with_rules(initiative, *, territory: str = "siguldas-novads", **rules) -> Initiative:
    Initiative.objects.filter(pk=initiative.pk).update(
        territory=Territory.objects.get(slug=territory), **rules
    )
    return Initiative.objects.select_related("territory").get(pk=initiative.pk)


@pytest.fixture
def strict(collecting) -> Initiative:
    return with_rules(collecting, requires_citizenship=True, requires_residence=True)


def test_a_verified_citizen_and_resident_signs_without_declaring(strict, signer):
    verified(signer, citizen=True, municipality="Siguldas novads")
    signature, created = services.signature_add(signer=signer, initiative=strict)
    assert created and signature.citizenship_verified and signature.residence_verified
    assert not signature.declared_citizenship and not signature.declared_residence


def test_declaring_does_not_help_against_the_eid(strict, signer):
    verified(signer, citizen=False, municipality="Siguldas novads")
    with pytest.raises(PermissionDenied, match="pilso"):
        services.signature_add(signer=signer, initiative=strict, **DECLARED)
    verified(signer, citizen=True, municipality="Cēsu novads")
    with pytest.raises(PermissionDenied, match="Siguldas novads"):
        services.signature_add(signer=signer, initiative=strict, **DECLARED)
    assert not Signature.objects.exists()


@pytest.mark.parametrize(
    ("territory", "municipality", "allowed"),
    [
        ("siguldas-novads", "siguldas novads", True),  # the case of the claim does not matter
        ("siguldas-novads", "Sigulda Municipality", True),  # nor its language
        ("siguldas-novads", "siguldas-novads", True),  # the slug
        ("rigas-region", "Siguldas novads", True),  # a municipality inside the region
        ("vidzemes-region", "Siguldas novads", False),
        ("latvija", "Cēsu novads", True),  # the whole country: any municipality
        ("siguldas-novads", "Sigulda", False),  # not the municipality's name
    ],
)
def test_residence_is_the_territory_or_inside_it(
    collecting, signer, territory, municipality, allowed
):
    initiative = with_rules(collecting, territory=territory, requires_residence=True)
    verified(signer, municipality=municipality)
    if allowed:
        signature, _created = services.signature_add(signer=signer, initiative=initiative)
        assert signature.residence_verified
    else:
        with pytest.raises(PermissionDenied):
            services.signature_add(signer=signer, initiative=initiative, declared_residence=True)


def test_without_the_claims_the_eid_signer_declares(strict, signer):
    verified(signer)
    with pytest.raises(PermissionDenied, match="pilso"):
        services.signature_add(signer=signer, initiative=strict)
    signature, _created = services.signature_add(signer=signer, initiative=strict, **DECLARED)
    assert signature.declared_citizenship and signature.declared_residence
    assert not signature.citizenship_verified and not signature.residence_verified


def test_only_the_facts_the_rules_ask_for_are_marked_verified(collecting, signer):
    verified(signer, citizen=True, municipality="Siguldas novads")
    signature, _created = services.signature_add(signer=signer, initiative=collecting)
    assert not signature.citizenship_verified and not signature.residence_verified


def test_the_form_asks_only_for_what_the_eid_did_not_give(strict, signer):
    fields = SignForm(initiative=strict, signer=signer).fields
    assert {"declared_citizenship", "declared_residence"} <= set(fields)
    verified(signer, citizen=True)
    fields = SignForm(initiative=strict, signer=signer).fields
    assert "declared_citizenship" not in fields and "declared_residence" in fields
    verified(signer, citizen=True, municipality="Cēsu novads")  # verified elsewhere
    fields = SignForm(initiative=strict, signer=signer).fields
    assert "declared_citizenship" not in fields and "declared_residence" not in fields


def test_a_saeima_submission_needs_citizens_by_default(ministry):
    rules = services.rules_for(institution=ministry, kind=Kind.SAEIMA_SUBMISSION)
    assert rules.requires_citizenship
    other = services.rules_for(institution=ministry, kind=Kind.COLLECTIVE_SUBMISSION)
    assert not other.requires_citizenship


def _export(client, initiative, language: str) -> dict[str, list[str]]:
    answer = client.get(
        reverse("initiatives:export", args=[initiative.pk]) + "?format=csv",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    return {row[2]: row for row in rows[1:]}


def test_the_export_marks_verified_and_declared_facts(strict, signer, editor, client_for):
    services.signature_add(signer=signer, initiative=strict, declared_min_age=True, **DECLARED)
    by_eid = verified(
        factories.UserFactory(email="eid@example.lv"), citizen=True, municipality="Siguldas novads"
    )
    services.signature_add(signer=by_eid, initiative=strict)
    half = verified(factories.UserFactory(email="half@example.lv"), citizen=True, tail="5678")
    services.signature_add(signer=half, initiative=strict, declared_residence=True)
    rows = _export(client_for(editor), strict, "lv")
    # Columns: … minimum age, citizenship, residence (8–10 from the left, counted from 1).
    assert rows[signer.email][7:10] == ["apliecina parakstītājs"] * 3
    assert rows["eid@example.lv"][7:10] == ["apstiprina eID"] * 3
    assert rows["half@example.lv"][7:10] == [
        "apstiprina eID",
        "apstiprina eID",
        "apliecina parakstītājs",
    ]


def test_signing_after_an_eid_sign_in_at_the_real_provider(
    client,
    eid,  # noqa: F811 (the fixture imported from the accounts tests)
    strict,
    editor,
    client_for,
):
    assert eid.sign_in(client, "ilze").status_code == 302
    page = client.get(reverse("initiatives:detail", args=[strict.pk])).content.decode()
    assert 'name="declared_citizenship"' not in page
    assert 'name="declared_residence"' not in page
    answer = client.post(reverse("initiatives:sign", args=[strict.pk]), {})
    assert answer.status_code == 302
    signature = Signature.objects.get(signer__email="ilze@example.lv")
    assert signature.citizenship_verified and signature.residence_verified
    # A non-citizen living elsewhere is refused, whatever they tick.
    client.logout()
    eid.sign_in(client, "pjotrs")
    client.post(
        reverse("initiatives:sign", args=[strict.pk]),
        {"declared_citizenship": "on", "declared_residence": "on"},
    )
    assert not Signature.objects.filter(signer=User.objects.get(email="pjotrs@example.lv")).exists()
    row = _export(client_for(editor), strict, "lv")["ilze@example.lv"]
    assert row[8:10] == ["apstiprina eID", "apstiprina eID"]


def test_the_api_says_what_the_eid_verified(strict, signer, api_for):
    verified(signer, citizen=True, municipality="Siguldas novads")
    answer = api_for(signer).post(
        f"/api/v1/initiatives/{strict.pk}/signatures", {}, content_type="application/json"
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["age_verified"] and body["citizenship_verified"] and body["residence_verified"]
    assert not body["declared_citizenship"] and not body["declared_residence"]
    other = verified(factories.UserFactory(), citizen=False, tail="9999")
    refused = api_for(other).post(
        f"/api/v1/initiatives/{strict.pk}/signatures",
        {"declared_citizenship": True, "declared_residence": True},
        content_type="application/json",
    )
    assert refused.status_code == 403 and "pilso" in refused.json()["message"]
