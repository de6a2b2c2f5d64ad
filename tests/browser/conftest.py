"""Browser fixtures: one headless Debian Chromium per test session, a fresh context per page.

Playwright's sync API runs an asyncio loop in the test thread, so Django's guard against
ORM calls from async code must be relaxed for these tests (the ORM is still only used
synchronously, from the test thread and the live server's threads), and the test thread
must keep using the same database connections once that loop runs (see `playwright`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Playwright,
    sync_playwright,
)

from lidzdaliba.testing.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000

# Every browser test needs the live server's database, and the reference data (territories,
# topics, minimum periods) comes from data migrations: a transactional test flushes the
# tables afterwards, so it must be restored for the next test (serialized rollback).
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="session")
def playwright(django_db_setup, django_db_blocker) -> Iterator[Playwright]:
    """Playwright, started after the test database exists.

    While Playwright's sync API is active, the test thread has a running asyncio loop, and
    Django then keeps its database connections in a context variable instead of a plain
    thread-local. Without help the test code would get a second connection object: one that
    lacks the serialized reference data and differs from the one the live server shares.
    So the connections made before Playwright started are installed for the loop as well.
    """
    with django_db_blocker.unblock():
        before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as p:
        for alias, connection in before.items():
            connections[alias] = connection
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@dataclass
class Problems:
    """What went wrong inside the page: console errors and uncaught exceptions."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            url = (message.location or {}).get("url", "?")
            # Chromium asks for /favicon.ico once per browser session, so whether its 404
            # shows up here depends on which test ran first; tests check the icon directly.
            if message.type == "error" and not url.endswith("/favicon.ico"):
                self.console_errors.append(f"{message.text} ({url})")

        def on_page_error(error: Error) -> None:
            self.page_errors.append(f"{error.name}: {error.message}\n{error.stack or ''}")

        page.on("console", on_console)
        page.on("pageerror", on_page_error)

    @property
    def all(self) -> list[str]:
        return self.console_errors + self.page_errors


@dataclass
class Browsing:
    """Opens pages in fresh browser contexts (separate cookies: separate people)."""

    browser: Browser
    base_url: str
    problems: Problems = field(default_factory=Problems)
    contexts: list[BrowserContext] = field(default_factory=list)

    def new_page(self, *, user=None, locale: str = "lv-LV") -> Page:
        context = self.browser.new_context(
            base_url=self.base_url,
            locale=locale,
            timezone_id="Europe/Riga",
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        if user is not None:
            context.add_cookies([session_cookie(user, self.base_url)])
        page = context.new_page()
        self.problems.watch(page)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def session_cookie(user, base_url: str) -> dict:
    """A signed-in session for `user`, made server-side (faster than the sign-in form)."""
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


@pytest.fixture
def browsing(browser: Browser, live_server) -> Iterator[Browsing]:
    browsing = Browsing(browser=browser, base_url=live_server.url)
    yield browsing
    browsing.close()


@pytest.fixture
def page(browsing: Browsing) -> Page:
    return browsing.new_page()


def sign_in(page: Page, email: str, *, next_url: str = "/") -> None:
    """Sign in through the allauth form, as a person would."""
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("main input[name=login]").fill(email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_url.split("?")[0]) + r"(\?.*)?$"))


def switch_language(page: Page, code: str) -> None:
    """Press the language button in the header and wait for the page to come back in it."""
    page.locator(f"header form.language-switch button[value={code}]").click()
    page.wait_for_selector(f"html[lang={code}]")
