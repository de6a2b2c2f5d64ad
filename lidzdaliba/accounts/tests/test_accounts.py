"""Accounts over HTTP: registering and confirming the e-mail address (allauth, real SMTP),
password reset, the profile, organisations and their representatives, and API tokens."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from lidzdaliba.accounts.models import ApiToken, Organisation, Representation, User
from lidzdaliba.testing import factories
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "zils-kalns-pie-juras-42"
LINK = re.compile(r"https?://[^\s\"'<>]+")


def link_in(message, path_part: str) -> str:
    links = [link for link in LINK.findall(body_text(message)) if path_part in link]
    assert links, body_text(message)
    return re.sub(r"^https?://[^/]+", "", links[0])


def signed_in_user_id(client: Client):
    return client.session.get("_auth_user_id")


def sign_up(client: Client, email: str = "janis@example.lv", **extra):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "full_name": "Jānis Kalniņš",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            **extra,
        },
    )


# --- Registration ---------------------------------------------------------------------------


def test_registration_confirms_the_address_before_signing_in(
    mailbox, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="janis@example.lv")
    assert user.full_name == "Jānis Kalniņš" and user.preferred_language == "lv"
    assert signed_in_user_id(client) is None
    message = mailbox.wait_for(1)[0]
    assert message["X-Envelope-To"] == "janis@example.lv"
    confirm_url = link_in(message, "/accounts/confirm-email/")

    # Not confirmed yet: neither a password sign-in nor an API token.
    other = Client()
    with django_capture_on_commit_callbacks(execute=True):
        other.post(
            reverse("account_login"), {"login": "janis@example.lv", "password": NEW_PASSWORD}
        )
    assert signed_in_user_id(other) is None
    assert other.get(reverse("accounts:profile")).status_code == 302

    # Opening the link shows a page with a button; only the POST confirms (mail scanners GET).
    assert client.get(confirm_url).status_code == 200
    assert not user.emailaddress_set.get().verified
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_unconfirmed_account_gets_no_api_token(mailbox, django_capture_on_commit_callbacks):
    """The API must not be a way around confirming the e-mail address: otherwise anyone can
    register with someone else's address and give opinions in their name."""
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(Client())
    response = Client().post(
        "/api/v1/auth/token",
        json.dumps({"email": "janis@example.lv", "password": NEW_PASSWORD}),
        content_type="application/json",
    )
    assert response.status_code in (401, 403), response.content
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"password2": "cita-parole-123456"}, "password2"),
        ({"password1": "123", "password2": "123"}, "password1"),
        ({"full_name": ""}, "full_name"),
        ({"email": "nav-adrese"}, "email"),
    ],
)
def test_invalid_registration(fields, error_field, mailbox):
    response = sign_up(Client(), **fields)
    assert response.status_code == 200
    assert error_field in response.context["form"].errors
    assert not User.objects.filter(email="janis@example.lv").exists()
    assert mailbox.messages == []


def test_registering_a_taken_address_creates_no_second_account(resident, mailbox):
    sign_up(Client(), email="RESIDENT@example.lv")
    assert User.objects.filter(email__iexact="resident@example.lv").count() == 1


def test_password_reset(resident, mailbox, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": resident.email})
    assert response.status_code == 302
    message = mailbox.wait_for(1)[0]
    assert message["X-Envelope-To"] == resident.email
    reset_url = link_in(message, "/accounts/password/reset/key/")
    response = client.get(reset_url)
    if response.status_code == 302:  # allauth moves the key into the session first
        reset_url = response["Location"]
        response = client.get(reset_url)
    assert response.status_code == 200
    response = client.post(reset_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)
    # A reset for an unknown address reveals nothing on the page and sends no reset link.
    response = Client().post(reverse("account_reset_password"), {"email": "nav@example.lv"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    for message in mailbox.messages[1:]:
        assert message["X-Envelope-To"] == "nav@example.lv"
        assert "/accounts/password/reset/key/" not in body_text(message)


# --- Profile --------------------------------------------------------------------------------


def test_profile_updates_name_and_language(resident, client_for):
    client = client_for(resident)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Anna Liepa", "preferred_language": "en"}
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.full_name, resident.preferred_language) == ("Anna Liepa", "en")
    page = client.get(reverse("accounts:profile"))
    assert page["Content-Language"] == "en"
    bad = client.post(reverse("accounts:profile"), {"full_name": " ", "preferred_language": "de"})
    assert bad.status_code == 400
    resident.refresh_from_db()
    assert resident.full_name == "Anna Liepa"


def test_profile_needs_signing_in(db):
    response = Client().get(reverse("accounts:profile"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- Organisations --------------------------------------------------------------------------


def register_organisation(client: Client, number: str, name: str = "Biedrība „Mežs”"):
    return client.post(
        reverse("accounts:organisation_create"),
        {"name": name, "kind": "ngo", "registration_number": number},
    )


def test_organisation_registration(resident, client_for):
    client = client_for(resident)
    response = register_organisation(client, "4000 8123 456")
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:organisation", args=[organisation.pk])
    assert organisation.registration_number == "40008123456"
    assert Representation.objects.get(organisation=organisation).user == resident
    assert Representation.objects.get(organisation=organisation).is_admin
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Biedrība „Mežs”" in page


@pytest.mark.parametrize("number", ["12AB45678", "123", "1" * 21, "", "-4000812345"])
def test_organisation_with_a_bad_registration_number(number, resident, client_for):
    response = register_organisation(client_for(resident), number)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.find(class_="error-summary") is not None
    assert not Organisation.objects.exists()


def test_organisation_registered_twice(resident, ngo, client_for):
    response = register_organisation(client_for(resident), f" {ngo.registration_number} ")
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert Organisation.objects.count() == 1
    assert not Representation.objects.filter(user=resident).exists()


def test_only_administrators_add_representatives(ngo, ngo_rep, resident, client_for):
    url = reverse("accounts:organisation", args=[ngo.pk])
    # Someone outside the organisation does not even see its page.
    assert client_for(resident).get(url).status_code == 403
    assert client_for(resident).post(url, {"email": resident.email}).status_code == 403
    assert not Representation.objects.filter(user=resident).exists()

    admin = client_for(ngo_rep)
    response = admin.post(url, {"email": "RESIDENT@example.lv"})
    assert response.status_code == 302
    added = Representation.objects.get(organisation=ngo, user=resident)
    assert not added.is_admin
    assert admin.post(url, {"email": resident.email}).status_code == 400  # already there
    assert admin.post(url, {"email": "nav@example.lv"}).status_code == 400  # no such account

    # A representative who is not an administrator may not add anyone.
    newcomer = factories.UserFactory(email="jauns@example.lv")
    response = client_for(resident).post(url, {"email": newcomer.email})
    assert response.status_code == 403
    assert not Representation.objects.filter(user=newcomer).exists()
    response = client_for(resident).post(url, {"remove": ngo_rep.pk})
    assert Representation.objects.filter(user=ngo_rep, organisation=ngo).exists()

    # The administrator removes the representative, but never the last administrator.
    admin.post(url, {"remove": resident.pk})
    assert not Representation.objects.filter(user=resident).exists()
    admin.post(url, {"remove": ngo_rep.pk})
    assert Representation.objects.filter(user=ngo_rep, organisation=ngo).exists()


# --- API tokens -----------------------------------------------------------------------------


def test_api_token_is_shown_once_and_revoking_stops_it(resident, open_consultation, client_for):
    client = client_for(resident)
    response = client.post(reverse("accounts:token_create"), {"name": "Mana programma"})
    assert response.status_code == 302
    page = BeautifulSoup(client.get(reverse("accounts:profile")).content.decode(), "html.parser")
    key = page.find("code", class_="token").get_text()
    token = ApiToken.objects.get(user=resident)
    assert key.startswith("ldz_") and token.name == "Mana programma"
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    again = client.get(reverse("accounts:profile")).content.decode()
    assert key not in again and f"ldz_{token.prefix}" in again

    api = Client(headers={"Authorization": f"Bearer {key}"})
    url = f"/api/v1/consultations/{open_consultation.pk}/opinions"
    body = json.dumps({"kind": "support", "text": "Atbalstu."})
    assert api.post(url, body, content_type="application/json").status_code == 201

    # Someone else cannot revoke it; its owner can, and then it is refused.
    other = factories.UserFactory()
    client_for(other).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert api.post(url, body, content_type="application/json").status_code == 201
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    refused = api.post(url, body, content_type="application/json")
    assert refused.status_code == 401 and refused.json()["error"] == "unauthenticated"
    assert api.get("/api/v1/consultations").status_code == 401
    assert f"ldz_{token.prefix}" not in client.get(reverse("accounts:profile")).content.decode()


def test_api_token_needs_a_name_and_a_post(resident, client_for):
    client = client_for(resident)
    assert client.get(reverse("accounts:token_create")).status_code == 405
    client.post(reverse("accounts:token_create"), {"name": ""})
    assert not ApiToken.objects.exists()
    assert Client().post(reverse("accounts:token_create"), {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_api_token_use_is_recorded_at_most_once_a_minute(resident, open_consultation):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from lidzdaliba.accounts.services import api_token_create, api_token_user

    token, key = api_token_create(user=resident, name="skripts")
    assert token.last_used_at is None
    assert api_token_user(key) == resident
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first_use is not None and timezone.now() - first_use < timedelta(seconds=5)
    assert api_token_user(key) == resident
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use  # within the minute
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert api_token_user(key) == resident
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first_use
    assert api_token_user("ldz_" + "x" * 43) is None
