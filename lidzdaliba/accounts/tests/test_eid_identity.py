"""The eID identity kept on the account: personal codes, their hash and encryption, key
rotation, identity levels, the GDPR copy and erasure."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command

from lidzdaliba.accounts import identity
from lidzdaliba.accounts.identity import (
    EidIdentity,
    InvalidPersonalCode,
    birth_date_from_code,
    identity_from_claims,
    normalise_personal_code,
)
from lidzdaliba.accounts.models import User
from lidzdaliba.accounts.selectors import identity_level
from lidzdaliba.accounts.services import EidIdentityTaken, eid_identity_record
from lidzdaliba.testing import factories

JANIS = EidIdentity(personal_code="15038512345", full_name="Jānis", birth_date=date(1985, 3, 15))


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("150385-12345", "15038512345"),
        ("15038512345", "15038512345"),
        ("PNOLV-150385-12345", "15038512345"),
        (" 321234-56789 ", "32123456789"),
    ],
)
def test_personal_codes_are_normalised(raw, digits):
    assert normalise_personal_code(raw) == digits


@pytest.mark.parametrize("raw", ["", "1503851234", "ABCDEF-12345", "310285-12345", "150385-42345"])
def test_what_is_not_a_personal_code_is_refused(raw):
    with pytest.raises(InvalidPersonalCode):
        normalise_personal_code(raw)


def test_birth_dates_come_from_old_codes_only():
    assert birth_date_from_code("15038512345") == date(1985, 3, 15)
    assert birth_date_from_code("01010121234") == date(2001, 1, 1)
    assert birth_date_from_code("01010101234") == date(1801, 1, 1)
    assert birth_date_from_code("32123456789") is None


def test_a_birthdate_claim_wins_and_new_codes_have_only_that(settings):
    claims = {"personal_code": "321234-56789", "birthdate": "1990-02-03", "name": "Anna"}
    assert identity_from_claims(claims).birth_date == date(1990, 2, 3)
    assert identity_from_claims({"personal_code": "321234-56789"}).birth_date is None
    settings.EID_CLAIM_PERSONAL_CODE = "lv_code"
    settings.EID_CLAIM_BIRTHDATE = "born"
    found = identity_from_claims({"lv_code": "150385-12345", "born": "1985-03-16"})
    assert (found.personal_code, found.birth_date) == ("15038512345", date(1985, 3, 16))


def test_the_hash_is_keyed(settings):
    first = identity.personal_code_hash("15038512345")
    settings.EID_HASH_KEY = "another-key"
    assert identity.personal_code_hash("15038512345") != first
    assert len(first) == 64 and "15038512345" not in first


def test_the_code_is_encrypted_and_needs_the_key(settings):
    settings.EID_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    token = identity.encrypt("15038512345")
    assert "15038512345" not in token
    assert identity.decrypt(token) == "15038512345"
    settings.EID_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(InvalidToken):
        identity.decrypt(token)


@pytest.mark.django_db
def test_one_identity_one_account():
    first, second = factories.UserFactory(), factories.UserFactory()
    eid_identity_record(user=first, identity=JANIS)
    with pytest.raises(EidIdentityTaken):
        eid_identity_record(user=second, identity=JANIS)
    eid_identity_record(user=first, identity=JANIS)  # the same account again: fine
    second.refresh_from_db()
    assert not second.eid_verified


@pytest.mark.django_db
def test_keys_rotate(settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.EID_ENCRYPTION_KEYS = [old_key]
    settings.EID_HASH_KEY = "old-hash-key"
    person = eid_identity_record(user=factories.UserFactory(), identity=JANIS)
    old_hash = person.personal_code_hash
    seen = []
    identity.register_rehash_hook(lambda mapping: seen.append(dict(mapping)) or len(mapping))
    try:
        settings.EID_ENCRYPTION_KEYS = [new_key, old_key]
        settings.EID_HASH_KEY = "new-hash-key"
        out = io.StringIO()
        call_command("rotate_eid_keys", stdout=out)
    finally:
        identity._rehash_hooks.pop()
    assert "Re-encrypted 1 personal codes; 1 hashes changed (1 rows elsewhere)" in out.getvalue()
    person.refresh_from_db()
    settings.EID_ENCRYPTION_KEYS = [new_key]  # the old key can go now
    assert identity.decrypt(person.personal_code_encrypted) == "15038512345"
    assert person.personal_code_hash == identity.personal_code_hash("15038512345") != old_hash
    assert seen == [{old_hash: person.personal_code_hash}]


@pytest.mark.django_db
def test_identity_levels():
    person = factories.UserFactory(email="level@example.lv")
    EmailAddress.objects.filter(user=person).delete()
    assert identity_level(person) == "none"
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    assert identity_level(person) == "email"
    eid_identity_record(user=person, identity=JANIS)
    assert identity_level(person) == "eid"


@pytest.mark.django_db
def test_the_profile_shows_the_identity_level(client):
    person = factories.UserFactory(email="profile@example.lv", preferred_language="en")
    client.force_login(person)
    eid_identity_record(user=person, identity=JANIS)
    page = client.get("/profile/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Verified with eID on" in page and "******-*2345" in page
    assert "15038512345" not in page and "150385-12345" not in page


def _copy(client) -> dict:
    answer = client.post("/profile/data/")
    assert answer.status_code == 200
    raw = b"".join(answer.streaming_content) if answer.streaming else answer.content
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return json.loads(archive.read("data.json"))


@pytest.mark.django_db
def test_the_gdpr_copy_shows_the_code_masked(client):
    person = factories.UserFactory(email="copy@example.lv")
    eid_identity_record(user=person, identity=JANIS)
    client.force_login(person)
    data = _copy(client)
    assert data["identity"]["level"] == "eid"
    assert data["identity"]["personal_code"] == "******-*2345"
    assert data["identity"]["birth_date_verified"] == "1985-03-15"
    text = json.dumps(data)
    assert "15038512345" not in text and "150385" not in text
    assert person.personal_code_encrypted not in text


@pytest.mark.django_db
def test_erasure_removes_the_identity(client):
    person = factories.UserFactory(email="gone@example.lv")
    eid_identity_record(user=person, identity=JANIS)
    code_hash = person.personal_code_hash
    client.force_login(person)
    answer = client.post("/profile/delete/", {"password": factories.PASSWORD, "confirm": "on"})
    assert answer.status_code == 302
    assert not User.objects.filter(personal_code_hash=code_hash).exists()
    # The identity is free again: a new account may verify it.
    eid_identity_record(user=factories.UserFactory(), identity=JANIS)
