"""eID sign-in through OpenID Connect, against a real provider in its own process."""

from __future__ import annotations

import re
from datetime import date

import pytest
from allauth.socialaccount.models import SocialAccount

from lidzdaliba.accounts.identity import decrypt, personal_code_hash
from lidzdaliba.accounts.models import User
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def test_the_login_page_offers_eid_only_when_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Sign in with eID" not in page.content.decode()
    assert client.post("/accounts/oidc/eid/login/").status_code == 404


def test_the_login_page_shows_the_eid_button_in_latvian(client, eid):
    page = client.get("/accounts/login/").content.decode()
    assert "Pieteikties ar eID" in page
    assert 'action="/accounts/oidc/eid/login/?process=login"' in page


def test_a_new_person_signs_in_and_is_eid_verified(client, eid):
    answer = eid.sign_in(client, "janis")
    assert answer.status_code == 302, answer.content[:300]
    user = User.objects.get(email="janis@example.lv")
    assert client.get("/profile/").wsgi_request.user == user
    assert user.full_name == "Jānis Bērziņš"
    assert user.eid_verified and user.eid_verified_at is not None
    # Born 15 March 1985: from the old-format code.
    assert user.verified_birth_date == date(1985, 3, 15)
    assert user.personal_code_hash == personal_code_hash("15038512345")
    assert decrypt(user.personal_code_encrypted) == "15038512345"
    assert "15038512345" not in user.personal_code_encrypted
    # allauth's stored copy of the claims has no personal code.
    stored = SocialAccount.objects.get(user=user).extra_data
    assert "personal_code" not in str(stored) and "150385" not in str(stored)
    assert stored["userinfo"]["given_name"] == "Jānis"


def test_a_new_format_code_takes_the_birthdate_claim(client, eid):
    eid.sign_in(client, "anna")
    user = User.objects.get(email="anna@example.lv")
    assert user.verified_birth_date == date(1990, 2, 3)
    assert decrypt(user.personal_code_encrypted) == "32123456789"


def test_signing_in_again_finds_the_same_account(client, eid):
    eid.sign_in(client, "janis")
    client.logout()
    answer = eid.sign_in(client, "janis")
    assert answer.status_code == 302
    assert User.objects.filter(email="janis@example.lv").count() == 1
    assert client.get("/profile/").wsgi_request.user.email == "janis@example.lv"
    assert "personal_code" not in str(SocialAccount.objects.get().extra_data)


def test_an_existing_account_links_its_eid(client, eid):
    person = factories.UserFactory(email="ilze@example.lv", full_name="Ilze")
    client.force_login(person)
    answer = eid.sign_in(client, "anna", process="connect")
    assert answer.status_code == 302
    person.refresh_from_db()
    assert person.eid_verified
    assert person.full_name == "Ilze"  # a name the person set stays
    assert SocialAccount.objects.get(provider="eid").user == person
    assert not User.objects.filter(email="anna@example.lv").exists()


def test_one_identity_cannot_hold_two_accounts(client, eid):
    eid.sign_in(client, "janis")
    client.logout()
    # The same personal code through another provider account: refused with the reason.
    answer = eid.sign_in(client, "janis_again")
    assert answer.status_code == 403
    assert "jau ir piesaistīta citam kontam" in answer.content.decode()
    assert not User.objects.filter(email="janis.other@example.lv").exists()
    assert "_auth_user_id" not in client.session


def test_linking_an_identity_another_account_holds_is_refused(client, eid):
    eid.sign_in(client, "janis")
    client.logout()
    other = factories.UserFactory(email="other@example.lv")
    client.force_login(other)
    answer = eid.sign_in(client, "janis_again", process="connect")
    assert answer.status_code == 403
    other.refresh_from_db()
    assert not other.eid_verified


def test_a_provider_without_a_personal_code_is_refused(client, eid):
    answer = eid.sign_in(client, "nocode")
    assert answer.status_code == 403
    assert "personas kodu" in answer.content.decode()
    assert not User.objects.filter(email="nocode@example.lv").exists()


def test_without_an_email_the_person_gives_one_and_confirms_it(
    client, eid, mailbox, django_capture_on_commit_callbacks
):
    answer = eid.sign_in(client, "noemail")
    assert answer.status_code == 302 and answer["Location"] == "/accounts/3rdparty/signup/"
    form = client.get("/accounts/3rdparty/signup/")
    assert form.status_code == 200
    assert "010101" not in str(client.session.items())
    stamp = re.search(r'name="human_check" value="([^"]+)"', form.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/accounts/3rdparty/signup/",
            {"email": "liga@example.lv", "full_name": "Līga Zariņa", "human_check": stamp},
        )
    assert done.status_code == 302
    user = User.objects.get(email="liga@example.lv")
    assert user.eid_verified and user.verified_birth_date == date(2001, 1, 1)
    # The address is not vouched for by the provider: it is confirmed by mail first.
    assert "liga@example.lv" in mailbox.wait_for(1)[0]["To"]


def test_the_profile_offers_linking_until_verified(client, eid):
    person = factories.UserFactory(email="link@example.lv")
    client.force_login(person)
    page = client.get("/profile/").content.decode()
    assert "Apstiprināt ar eID" in page
    assert 'action="/accounts/oidc/eid/login/?process=connect"' in page
    eid.sign_in(client, "anna", process="connect")
    assert "Apstiprināt ar eID" not in client.get("/profile/").content.decode()


def _real_id_token(provider, username: str) -> str:
    """An ID token the provider signs, fetched the way a client does: authorise with PKCE,
    sign in at the "bank", exchange the code."""
    import base64
    import hashlib
    import secrets
    from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

    import requests

    from .conftest import CALLBACK, CLIENT_ID, CLIENT_SECRET

    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    config = requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=10).json()
    browser = requests.Session()
    url = (
        config["authorization_endpoint"]
        + "?"
        + urlencode(
            {
                "response_type": "code",
                "client_id": CLIENT_ID,
                "redirect_uri": CALLBACK,
                "scope": "openid profile",
                "state": "s",
                "nonce": "n",
                "code_challenge": challenge.decode(),
                "code_challenge_method": "S256",
            }
        )
    )
    while not url.startswith(CALLBACK):
        if urlsplit(url).path == "/login/":
            answer = browser.post(url, data={"username": username}, allow_redirects=False)
        else:
            answer = browser.get(url, allow_redirects=False)
        url = urljoin(url, answer.headers["Location"])
    code = parse_qs(urlsplit(url).query)["code"][0]
    tokens = requests.post(
        config["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "code_verifier": verifier,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
        },
        timeout=10,
    ).json()
    return tokens["id_token"]


def test_a_signed_id_token_is_accepted_and_a_tampered_one_refused(rf, eid):
    import base64
    import json

    from allauth.socialaccount.adapter import get_adapter
    from django.core.exceptions import ValidationError

    request = rf.get("/")
    provider = get_adapter().get_provider(request, "eid")
    token = _real_id_token(eid, "janis")
    login = provider.verify_token(request, {"id_token": token})
    assert login.account.extra_data["personal_code"] == "150385-12345"

    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["personal_code"] = "010101-21234"  # someone else's code, same signature
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(ValidationError):
        provider.verify_token(request, {"id_token": f"{header}.{forged}.{signature}"})
    with pytest.raises(ValidationError):  # no signature at all
        provider.verify_token(request, {"id_token": f"{header}.{payload}."})
