"""Who may sign, from the verified identity: eID-only initiatives, the minimum age from the
eID's birth date, declarations at e-mail level, one signature per personal code, and what
the verification export says was verified or declared."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.accounts.identity import EidIdentity, personal_code_hash
from lidzdaliba.accounts.services import eid_identity_record
from lidzdaliba.initiatives import services
from lidzdaliba.initiatives.forms import SignForm
from lidzdaliba.initiatives.models import Initiative, Signature
from lidzdaliba.initiatives.services.signatures import rehash_identities
from lidzdaliba.testing import factories

BASE = "/api/v1/initiatives"


def code_for(born: date, tail: str = "1234") -> str:
    century = {18: "0", 19: "1", 20: "2"}[born.year // 100]
    return born.strftime("%d%m%y") + century + tail


def years_ago(years: int, days: int = 0) -> date:
    today = timezone.localdate()
    return date(today.year - years, today.month, min(today.day, 28)) - timezone.timedelta(days)


def verified(person, born: date | None, code: str | None = None):
    code = code or (code_for(born) if born else "32111122222")
    identity = EidIdentity(personal_code=code, full_name="", birth_date=born)
    return eid_identity_record(user=person, identity=identity)


def fresh(initiative) -> Initiative:
    return Initiative.objects.get(pk=initiative.pk)


def needs_eid(initiative) -> Initiative:
    Initiative.objects.filter(pk=initiative.pk).update(identity_level="eid")
    return fresh(initiative)


def test_an_eid_initiative_refuses_email_level_signers_everywhere(
    collecting, signer, client_for, api_for
):
    initiative = needs_eid(collecting)
    with pytest.raises(PermissionDenied, match="eID"):
        services.signature_add(signer=signer, initiative=initiative, declared_min_age=True)
    page = client_for(signer).get(reverse("initiatives:detail", args=[initiative.pk]))
    assert "Apstipriniet savu identitāti ar eID" in page.content.decode()
    web = client_for(signer).post(
        reverse("initiatives:sign", args=[initiative.pk]), {"declared_min_age": "on"}, follow=True
    )
    assert "eID" in web.content.decode()
    api = api_for(signer).post(
        f"{BASE}/{initiative.pk}/signatures",
        {"declared_min_age": True},
        content_type="application/json",
    )
    assert api.status_code == 403 and "eID" in api.json()["message"]
    assert not Signature.objects.exists()


def test_an_eid_signer_signs_with_the_age_from_the_eid(collecting, signer):
    initiative = needs_eid(collecting)
    verified(signer, date(1985, 3, 15))
    signature, created = services.signature_add(signer=signer, initiative=initiative)
    assert created and signature.age_verified and not signature.declared_min_age
    assert signature.identity_hash == personal_code_hash("15038511234")


@pytest.mark.parametrize(("years", "days", "allowed"), [(16, 0, True), (16, -1, False)])
def test_the_minimum_age_is_the_eids_not_a_declaration(collecting, signer, years, days, allowed):
    verified(signer, years_ago(years, days))
    if allowed:
        signature, _created = services.signature_add(signer=signer, initiative=collecting)
        assert signature.age_verified
    else:
        # Declaring the age does not help against the eID's birth date.
        with pytest.raises(PermissionDenied, match="16"):
            services.signature_add(signer=signer, initiative=collecting, declared_min_age=True)
        assert not Signature.objects.exists()


def test_without_a_birth_date_the_eid_signer_declares_the_age(collecting, signer):
    initiative = needs_eid(collecting)
    verified(signer, None)  # a new-format code and no birth-date claim
    with pytest.raises(PermissionDenied, match="16"):
        services.signature_add(signer=signer, initiative=initiative)
    signature, _created = services.signature_add(
        signer=signer, initiative=initiative, declared_min_age=True
    )
    assert signature.declared_min_age and not signature.age_verified and signature.eid_verified


def test_the_form_asks_for_the_age_only_when_the_eid_does_not_give_it(collecting, signer):
    assert "declared_min_age" in SignForm(initiative=collecting, signer=signer).fields
    verified(signer, date(1985, 3, 15))
    assert "declared_min_age" not in SignForm(initiative=collecting, signer=signer).fields


def test_one_signature_per_personal_code_across_accounts(collecting, signer):
    verified(signer, date(1985, 3, 15))
    services.signature_add(signer=signer, initiative=collecting)
    # The identity left that account (unlinked) and was verified on another one.
    signer.personal_code_hash = None
    signer.save(update_fields=["personal_code_hash"])
    other = verified(factories.UserFactory(), date(1985, 3, 15))
    with pytest.raises(PermissionDenied, match="cita konta"):
        services.signature_add(signer=other, initiative=collecting)
    assert Signature.objects.filter(initiative=collecting).count() == 1


def test_signatures_follow_a_new_hash_key(collecting, signer):
    verified(signer, date(1985, 3, 15))
    signature, _created = services.signature_add(signer=signer, initiative=collecting)
    assert rehash_identities({signature.identity_hash: "f" * 64}) == 1
    signature.refresh_from_db()
    assert signature.identity_hash == "f" * 64


def _export(client, initiative) -> list[dict]:
    answer = client.get(
        reverse("initiatives:export", args=[initiative.pk]) + "?format=csv",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 200
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))


def test_the_export_marks_what_was_verified_and_what_declared(
    collecting, signer, editor, client_for
):
    Initiative.objects.filter(pk=collecting.pk).update(
        requires_citizenship=True, requires_residence=True
    )
    initiative = fresh(collecting)
    declarations = {"declared_citizenship": True, "declared_residence": True}
    services.signature_add(
        signer=signer, initiative=initiative, declared_min_age=True, **declarations
    )
    eid_signer = verified(factories.UserFactory(full_name="Jānis Bērziņš"), date(1985, 3, 15))
    services.signature_add(signer=eid_signer, initiative=initiative, **declarations)
    editor.preferred_language = "en"
    editor.save(update_fields=["preferred_language"])
    by_email = {row["E-mail address"]: row for row in _export(client_for(editor), initiative)}
    plain, with_eid = by_email[signer.email], by_email[eid_signer.email]
    assert (plain["Identity"], plain["Personal code"], plain["Minimum age"]) == (
        "e-mail",
        "",
        "declared",
    )
    assert (with_eid["Identity"], with_eid["Personal code"], with_eid["Minimum age"]) == (
        "eID-verified",
        "150385-11234",
        "verified (eID)",
    )
    assert with_eid["Citizenship"] == with_eid["Residence"] == "declared"


def test_only_the_addressed_institution_sees_personal_codes(collecting, client_for):
    eid_signer = verified(factories.UserFactory(), date(1985, 3, 15))
    services.signature_add(signer=eid_signer, initiative=collecting)
    url = reverse("initiatives:export", args=[collecting.pk]) + "?format=csv"
    other_officer = factories.officer(factories.InstitutionFactory(), "editor")
    for person in (eid_signer, other_officer, factories.UserFactory()):
        answer = client_for(person).get(url)
        assert answer.status_code in (403, 404)
        assert b"150385" not in answer.content
    page = client_for(eid_signer).get(reverse("initiatives:detail", args=[collecting.pk]))
    assert b"150385" not in page.content


def test_the_data_copy_says_the_signature_was_eid_verified_without_the_hash(collecting, signer):
    from lidzdaliba.initiatives import gdpr

    verified(signer, date(1985, 3, 15))
    signature, _created = services.signature_add(signer=signer, initiative=collecting)
    (entry,) = gdpr.export_initiatives(signer).data["signatures"]
    assert entry["eid_verified"] and entry["age_verified"]
    assert signature.identity_hash not in str(entry)
