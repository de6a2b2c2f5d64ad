"""Fixtures shared by every test: an isolated upload folder, a real SMTP server, people in
every role, and HTTP clients for the web and the API. PostgreSQL and Redis, where a test
needs them, come from lidzdaliba/testing/servers.py."""

from __future__ import annotations

import pytest
from django.test import Client

from lidzdaliba.institutions.models import Institution, OfficerRole, Territory
from lidzdaliba.testing import factories, servers
from lidzdaliba.testing.smtp import start_smtp_server

# The `libreoffice` fixture: one LibreOffice profile per test process.
pytest_plugins = ["lidzdaliba.testing.libreoffice"]

Role = OfficerRole.Role


# Checks whose subject does not depend on the leg's database — the Latvian spell-check, the Nu HTML
# Checker, LibreOffice opening the exports, the phone-width screenshots — run in the SQLite
# leg only (DATABASE_URL unset), so that CI's PostgreSQL leg does not repeat them (README,
# "Tests"). They are deselected, and say so, rather than skipped.
DATABASE_FREE_PATHS = (
    "tests/language/",
    "tests/browser/test_every_page.py",
    "lidzdaliba/consultations/tests/test_exports_office.py",
    "lidzdaliba/councils/tests/test_exports_office.py",
    "lidzdaliba/testing/tests/test_html_validator.py",
    "lidzdaliba/moderation/tests/test_markup.py",
    "lidzdaliba/monitoring/tests/test_markup.py",
    # Tests that never touch the leg's database: each starts its own stack on throw-away
    # databases it creates (PostgreSQL and SQLite side by side), so both legs would run the
    # very same thing. They still run against a real PostgreSQL in the SQLite leg.
    "tests/production/test_backup.py",
    "tests/production/test_behind_nginx.py",
    "tests/production/test_db_router.py",
    "tests/production/test_scale_out.py",
    "lidzdaliba/web/tests/test_serve.py",
)


def _transactional_without_restore(item) -> bool:
    """A transactional test flushes every table when it ends; without serialized rollback
    the content types it leaves are re-created in another order, and the next test that
    restores the serialized database fails on them (and the reference data of the data
    migrations is gone). Every transactional test must restore."""
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    transactional = marker.kwargs.get("transaction", False)
    return transactional and not marker.kwargs.get("serialized_rollback", False)


def pytest_collection_modifyitems(config, items):
    import os

    careless = [item.nodeid for item in items if _transactional_without_restore(item)]
    if careless:
        raise pytest.UsageError(
            "Transactional tests must use serialized_rollback=True "
            "(pytest.mark.django_db(transaction=True, serialized_rollback=True)): "
            + ", ".join(careless)
        )
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    kept, deselected = [], []
    for item in items:
        (deselected if item.nodeid.startswith(DATABASE_FREE_PATHS) else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_unconfigure(config):
    """Stop the private PostgreSQL and Redis this process started, if any (each xdist
    worker stops its own at the end of its session)."""
    servers.stop_started()


@pytest.fixture(autouse=True)
def _isolated_uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.LANGUAGE_CODE = "lv"
    # Test transactions never commit, so events that keep cached pages fresh never fire:
    # the page cache is tested on its own (lidzdaliba/web/tests/test_page_cache.py).
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    # Tests post forms at once; the human-time check has its own tests.
    settings.ANTI_AUTOMATION_MIN_SECONDS = 0
    from django.core.cache import cache

    from lidzdaliba.core import ratelimits

    cache.clear()
    ratelimits.reset()  # rate-limit counters must not carry over between tests


@pytest.fixture
def mailbox(settings):
    """Mail goes to a real SMTP server on localhost; the fixture returns what arrived."""
    controller, collector = start_smtp_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    yield collector
    controller.stop()


@pytest.fixture
def ministry(db) -> Institution:
    return factories.InstitutionFactory(slug="ministrija", name="Veselības ministrija")


@pytest.fixture
def municipality(db) -> Institution:
    return factories.InstitutionFactory(
        slug="pasvaldiba",
        name="Valmieras novada pašvaldība",
        kind=Institution.Kind.MUNICIPAL,
        territory=Territory.objects.get(slug="valmieras-novads"),
    )


@pytest.fixture
def editor(ministry):
    return factories.officer(ministry, Role.EDITOR, email="editor@example.lv")


@pytest.fixture
def responder(ministry):
    return factories.officer(ministry, Role.RESPONDER, email="responder@example.lv")


@pytest.fixture
def manager(ministry):
    return factories.officer(ministry, Role.MANAGER, email="manager@example.lv")


@pytest.fixture
def other_officer(municipality):
    """Editor, responder and manager — of another institution."""
    return factories.officer(
        municipality, Role.EDITOR, Role.RESPONDER, Role.MANAGER, email="other@example.lv"
    )


@pytest.fixture
def coordinator(db):
    return factories.UserFactory(email="coordinator@example.lv", is_coordinator=True)


@pytest.fixture
def resident(db):
    return factories.UserFactory(email="resident@example.lv", full_name="Anna Bērziņa")


@pytest.fixture
def ngo(db):
    return factories.OrganisationFactory(name="Biedrība „Zaļā Latvija”")


@pytest.fixture
def ngo_rep(ngo):
    return factories.representative(ngo, email="ngo@example.lv", full_name="Pēteris Ozols")


@pytest.fixture
def open_consultation(editor, ministry):
    return factories.published_consultation(editor, ministry)


@pytest.fixture
def client_for():
    def make(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_for(db):
    """A test client that sends a real bearer token of `user` (or none)."""
    from lidzdaliba.accounts.services import api_token_create

    def make(user) -> Client:
        if user is None:
            return Client()
        _token, key = api_token_create(user=user, name="tests")
        return Client(headers={"Authorization": f"Bearer {key}"})

    return make
