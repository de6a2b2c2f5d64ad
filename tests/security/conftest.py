"""Fixtures of the security tests.

The browser fixtures are those of `tests/browser/conftest.py`, re-exported so the stored-XSS
checks run in the same headless Debian Chromium. One thing differs: Playwright's sync API can
run only once per thread (it keeps an asyncio loop running between calls), and the browser
tests' `playwright` fixture lives for the whole session. When their Playwright is already
running in this process (both folders in one run, e.g. `make test`), ours reuses it; otherwise
ours starts one for this module only, so theirs can start after us.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from lidzdaliba.accounts.services import api_token_create
from tests.browser import conftest as browser_conftest
from tests.browser.conftest import (
    BROWSER_MARKS,
    Browsing,
    browsing,
)

__all__ = ["BROWSER_MARKS", "Browsing", "browser", "browsing", "playwright"]


# Every role the authorisation tests try, as fixture names ("anonymous": no one signed in).
ROLES = [
    "anonymous",
    "resident",
    "ngo_rep",
    "editor",
    "responder",
    "manager",
    "other_officer",
    "coordinator",
]


def _running_elsewhere(request: pytest.FixtureRequest, name: str):
    """The value of a fixture called `name` that another folder's conftest already holds."""
    manager = request._fixturemanager
    for parent in {item.parent for item in request.session.items}:
        for fixturedef in manager.getfixturedefs(name, parent) or ():
            cached = fixturedef.cached_result
            if cached is not None and cached[2] is None:
                return cached[0]
    return None


@pytest.fixture(scope="module")
def playwright(request, django_db_setup, django_db_blocker):
    running = _running_elsewhere(request, "playwright")
    if running is not None:
        yield running
        return
    # The browser tests' own fixture, started and stopped around this module.
    start = browser_conftest.playwright.__wrapped__
    yield from start(django_db_setup, django_db_blocker)


@pytest.fixture(scope="module")
def browser(playwright):
    browser = playwright.chromium.launch(
        executable_path=browser_conftest.CHROMIUM,
        headless=True,
        args=browser_conftest.CHROMIUM_ARGS,
    )
    yield browser
    browser.close()


# --- HTTP clients ---------------------------------------------------------------------------


@pytest.fixture
def lenient_client():
    """A test client that answers like the real server: a crash is a 500 response, not an
    exception in the test (so a test can say which request crashed)."""

    def make(user=None, *, token: str | None = None) -> Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = Client(raise_request_exception=False, headers=headers)
        if user is not None and token is None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def token_of(db):
    def make(user) -> str:
        _token, key = api_token_create(user=user, name="security tests")
        return key

    return make


def post_json(client: Client, url: str, payload, **headers):
    return client.post(url, json.dumps(payload), content_type="application/json", headers=headers)
