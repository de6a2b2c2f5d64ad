"""Sessions, second factor for officers, security headers."""

from __future__ import annotations

import secrets
import subprocess
import sys
import time

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse

from lidzdaliba.accounts import rules as account_rules
from lidzdaliba.accounts.models import ApiToken
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def _production_env(**overrides: str | None) -> dict[str, str]:
    """Every variable production requires, with throw-away values; None leaves one out."""
    env = {
        "LIDZDALIBA_DEPLOYMENT": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
        "ALLOWED_HOSTS": "lidzdaliba.example.lv",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_HOST": "mail.example.lv",
        "TRUSTED_PROXY_COUNT": "1",
        "PATH": "/usr/bin:/bin",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    env = _production_env()
    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    show = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SESSION_COOKIE_AGE, s.SESSION_IDLE_TIMEOUT, s.REQUIRE_OFFICER_MFA,"
        " s.SECURE_PROXY_SSL_HEADER, s.TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    shown = _manage(env, "shell", "-c", show).stdout
    assert "True True 31536000 43200 1800 True ('HTTP_X_FORWARDED_PROTO', 'https') 1 1" in shown


def test_production_refuses_to_start_without_its_settings():
    result = _manage({"LIDZDALIBA_DEPLOYMENT": "production", "PATH": "/usr/bin:/bin"}, "check")
    assert result.returncode != 0
    assert (
        "SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, REDIS_URL, EMAIL_HOST, TRUSTED_PROXY_COUNT"
        in result.stderr
    )


def test_production_needs_the_number_of_trusted_proxies_stated():
    """Behind a proxy, a default of 0 would key every rate limit on the proxy's address:
    one client could lock everyone out. Only the operator knows, so they must say."""
    result = _manage(_production_env(TRUSTED_PROXY_COUNT=None), "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "need these environment variables: TRUSTED_PROXY_COUNT." in result.stderr
    assert "1 behind the nginx of deploy/nginx.conf, 0 when clients" in result.stderr


def test_zero_trusted_proxies_is_a_valid_answer():
    env = _production_env(TRUSTED_PROXY_COUNT="0")
    result = _manage(
        env, "shell", "-c", "from django.conf import settings as s; print(s.TRUSTED_PROXY_COUNT)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0"


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_the_number_of_trusted_proxies_must_be_a_whole_number(value):
    result = _manage(_production_env(TRUSTED_PROXY_COUNT=value), "check")
    assert result.returncode != 0
    assert f"TRUSTED_PROXY_COUNT must be a whole number, 0 or more (not '{value}')." in (
        result.stderr
    )


def test_idle_sessions_end_after_the_idle_timeout(client_for, resident, settings):
    client = client_for(resident)
    assert client.get(reverse("accounts:profile")).status_code == 200
    session = client.session
    session["_last_activity"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_person_sees_and_ends_their_sessions(client_for, resident):
    client = client_for(resident)
    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200


@pytest.fixture
def mfa_required(settings):
    settings.REQUIRE_OFFICER_MFA = True


def test_officers_must_add_a_second_factor_first(mfa_required, client_for, editor, resident):
    officer = client_for(editor)
    response = officer.get(reverse("officer:dashboard"))
    assert response.status_code == 302 and reverse("mfa_index") in response["Location"]
    assert officer.get(reverse("mfa_index")).status_code == 200  # the way out stays open
    assert client_for(resident).get(reverse("accounts:profile")).status_code == 200
    Authenticator.objects.create(user=editor, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert officer.get(reverse("officer:dashboard")).status_code == 200


def test_coordinators_and_staff_need_it_too(mfa_required, client_for, coordinator):
    response = client_for(coordinator).get("/")
    assert response.status_code == 302 and reverse("mfa_index") in response["Location"]


def test_a_role_an_app_above_accounts_declares_privileged_needs_it_too(
    mfa_required, client_for, resident, monkeypatch
):
    """Accounts knows no roles of the apps above it: they register them (institutions its
    officers; a future councils app its secretaries) and the same rule then applies to the
    pages and to getting an API token with a password."""
    monkeypatch.setattr(account_rules, "_privileged_roles", list(account_rules._privileged_roles))
    client = client_for(resident)
    assert client.get(reverse("accounts:profile")).status_code == 200

    secretaries = {resident.pk}
    account_rules.register_privileged_role(lambda user: user.pk in secretaries)

    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and reverse("mfa_index") in response["Location"]
    token = client.post(
        "/api/v1/auth/token",
        {"email": resident.email, "password": factories.PASSWORD},
        content_type="application/json",
    )
    assert token.status_code == 401 and not ApiToken.objects.filter(user=resident).exists()


def test_institutions_declares_its_officers_privileged(editor, resident):
    assert account_rules.needs_second_factor(editor)
    assert not account_rules.needs_second_factor(resident)
