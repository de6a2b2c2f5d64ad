"""The eID pages (ours and allauth's social-account pages) read as the rest of the site in
Latvian: every word known to the Latvian dictionary or the allow-list, the site's words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lidzdaliba.testing import factories, spelling

pytestmark = pytest.mark.django_db

ALLOWED = spelling.allow_list(
    Path(__file__).parents[3] / "tests" / "language" / "allowed_words.txt"
)


def _eid_pages(client, eid) -> dict[str, str]:
    pages = {"login": client.get("/accounts/login/").content.decode()}
    pages["cancelled"] = client.get("/accounts/3rdparty/login/cancelled/").content.decode()
    pages["error"] = client.get("/accounts/3rdparty/login/error/").content.decode()
    pages["refused"] = eid.sign_in(client, "nocode").content.decode()
    eid.sign_in(client, "noemail")
    pages["signup"] = client.get("/accounts/3rdparty/signup/").content.decode()
    client.logout()
    client.force_login(factories.UserFactory(email="pages@example.lv"))
    pages["profile"] = client.get("/profile/").content.decode()
    eid.sign_in(client, "anna", process="connect")
    pages["connections"] = client.get("/accounts/3rdparty/").content.decode()
    pages["profile_verified"] = client.get("/profile/").content.decode()
    return pages


def test_the_eid_pages_are_in_correct_latvian(client, eid):
    pages = _eid_pages(client, eid)
    problems = {}
    for name, html in pages.items():
        text = re.sub(r"\s+", " ", spelling.visible_text(html))
        wrong = spelling.misspelt(spelling.words(text), ALLOWED)
        if wrong:
            problems[name] = sorted(wrong)
    assert problems == {}
    assert "Pieteikties ar eID" in pages["login"]
    assert "Apstiprināta ar eID" in pages["profile_verified"]
