"""The eID sign-in button and the profile's eID section in a real browser: axe finds
nothing on them, and the button is reached and pressed with the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lidzdaliba.testing import factories

from .conftest import BROWSER_MARKS
from .test_accessibility import axe_violations, describe

pytestmark = BROWSER_MARKS


@pytest.fixture
def eid_configured(settings):
    """eID on (the button needs only the configuration; the flow itself is tested against a
    real provider in accounts/tests/test_eid_signin.py)."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "eid",
                    "name": "eID",
                    "client_id": "lidzdaliba",
                    "secret": "secret",
                    "settings": {"server_url": "http://127.0.0.1:9/o"},
                }
            ]
        }
    }


def test_the_login_page_with_eid_has_no_axe_violations(browsing, eid_configured):
    page = browsing.new_page()
    page.goto("/accounts/login/")
    button = page.get_by_role("button", name="Pieteikties ar eID")
    expect(button).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    # The keyboard reaches the button (Tab from the last field before it).
    for _press in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Pieteikties ar eID":
            break
    else:
        raise AssertionError("the eID button is not reached with Tab")


def test_the_profile_with_the_eid_section_has_no_axe_violations(browsing, eid_configured):
    person = factories.UserFactory(email="profile-eid@example.lv")
    page = browsing.new_page(user=person)
    page.goto("/profile/")
    expect(page.get_by_role("button", name="Apstiprināt ar eID")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
