"""A real OpenID provider for the eID tests (lidzdaliba/testing/oidc_provider.py), started
once per test session in its own process, and the platform configured to use it."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import pytest
import requests

CALLBACK = "http://testserver/accounts/oidc/eid/login/callback/"
CLIENT_ID = "lidzdaliba-test"
CLIENT_SECRET = "test-secret-of-the-platform-at-the-provider"

# People the provider knows. Personal codes: an old format one (date of birth inside), a
# new one (none: the birthdate claim gives it), and a young one of 15.
PEOPLE = {
    "janis": {
        "personal_code": "150385-12345",
        "given_name": "Jānis",
        "family_name": "Bērziņš",
        "email": "janis@example.lv",
        "email_verified": True,
    },
    "anna": {
        "personal_code": "321234-56789",
        "name": "Anna Kalniņa",
        "birthdate": "1990-02-03",
        "email": "anna@example.lv",
        "email_verified": True,
    },
    "noemail": {"personal_code": "010101-21234", "name": "Līga Zariņa"},
    "nocode": {"name": "Bez Koda", "email": "nocode@example.lv", "email_verified": True},
    # Providers that vouch for citizenship and the declared municipality: in the default
    # claims (`nationalities`, `municipality`), and in other names (`citizenship`, and the
    # address object's `region`: settings EID_CLAIM_CITIZENSHIP, EID_CLAIM_MUNICIPALITY).
    "ilze": {
        "personal_code": "020388-12345",
        "name": "Ilze Ozola",
        "email": "ilze@example.lv",
        "email_verified": True,
        "nationalities": ["LV"],
        "municipality": "Siguldas novads",
    },
    "pjotrs": {
        "personal_code": "040475-12345",
        "name": "Pjotrs Ivanovs",
        "email": "pjotrs@example.lv",
        "email_verified": True,
        "nationalities": ["RUS"],
        "municipality": "Cēsu novads",
    },
    "marta": {
        "personal_code": "050592-12345",
        "name": "Marta Liepa",
        "email": "marta@example.lv",
        "email_verified": True,
        "citizenship": "LVA",
        "address": {"country": "LV", "region": "Siguldas novads"},
    },
    "valdis": {  # no e-mail: the claims travel through the sign-up form sealed
        "personal_code": "060680-12345",
        "name": "Valdis Kalns",
        "nationalities": "LV",
        "municipality": "Cēsu novads",
    },
    "janis_again": {
        # The same person as "janis" at another provider account (another `sub`).
        "personal_code": "PNOLV-150385-12345",
        "name": "Jānis Bērziņš",
        "email": "janis.other@example.lv",
        "email_verified": True,
    },
}


@dataclass
class Provider:
    issuer: str

    def sign_in(self, client, username: str, *, process: str = "login", next_url: str = ""):
        """The whole eID flow over HTTP: the platform's button (a POST), the provider's
        authorisation and "bank" login (real requests), back to the platform's callback.
        Returns the platform's answer to the callback."""
        data = {"next": next_url} if next_url else {}
        start = client.post(f"/accounts/oidc/eid/login/?process={process}", data)
        assert start.status_code == 302, start.content[:500]
        location = start["Location"]
        assert location.startswith(self.issuer), location
        assert "code_challenge=" in location and "code_challenge_method=S256" in location
        browser = requests.Session()
        url = location
        for _hop in range(6):
            answer = browser.get(url, allow_redirects=False, timeout=10)
            if urlsplit(url).path == "/login/":
                answer = browser.post(
                    url, data={"username": username}, allow_redirects=False, timeout=10
                )
            assert answer.status_code == 302, answer.text[:500]
            url = urljoin(url, answer.headers["Location"])
            if url.startswith("http://testserver/"):
                parts = urlsplit(url)
                return client.get(f"{parts.path}?{parts.query}")
        raise AssertionError("the provider never sent the browser back")


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    config = tmp_path_factory.mktemp("oidc") / "provider.json"
    config.write_text(
        json.dumps(
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [CALLBACK],
                "people": PEOPLE,
            }
        )
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "lidzdaliba.testing.oidc_provider", str(config)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("PORT "), f"the provider did not start: {line!r}"
        yield Provider(issuer=f"http://127.0.0.1:{int(line.split()[1])}/o")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def eid(settings, oidc_provider):
    """The platform with eID configured against the test provider."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "eid",
                    "name": "eID",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {
                        "server_url": oidc_provider.issuer,
                        "oauth_pkce_enabled": True,
                        "scope": ["openid", "profile", "email"],
                    },
                }
            ]
        }
    }
    return oidc_provider
