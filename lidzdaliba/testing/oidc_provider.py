"""A real OpenID Connect provider for the eID tests, run in its own process.

The eID is a true external border: the platform's sign-in talks to the state's (or a bank's)
OpenID provider over HTTP. The tests start this script, a small Django project of its own
with django-oauth-toolkit's OIDC server (discovery, JWKS, the code flow with PKCE required,
RS256-signed ID tokens, userinfo), and sign in through it over real HTTP. It stands in for
the bank: its "login" asks for nothing but which of the configured people signs in.

    python -m lidzdaliba.testing.oidc_provider CONFIG.json

CONFIG: {"client_id", "client_secret", "redirect_uris": [...], "people": {username: claims}}.
It prints `PORT <n>` once it listens on 127.0.0.1 (a free port) and serves until killed.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _configure(config: dict, workdir: Path, port: int) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.conf import settings

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    settings.configure(
        DEBUG=False,
        SECRET_KEY="oidc-test-provider-only",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.sessions",
            "oauth2_provider",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(workdir / "provider.sqlite3"),
            }
        },
        TEMPLATES=[],
        USE_TZ=True,
        LOGIN_URL="/login/",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        OAUTH2_PROVIDER={
            "OIDC_ENABLED": True,
            "OIDC_RSA_PRIVATE_KEY": pem,
            "PKCE_REQUIRED": True,
            "OIDC_ISS_ENDPOINT": f"http://127.0.0.1:{port}/o",
            "SCOPES": {"openid": "OpenID Connect", "profile": "Name", "email": "E-mail"},
            "OAUTH2_VALIDATOR_CLASS": f"{__name__}.ClaimsValidator",
        },
    )


PEOPLE: dict[str, dict] = {}


def _validator_class():
    from oauth2_provider.oauth2_validators import OAuth2Validator

    class ClaimsValidator(OAuth2Validator):
        # Every configured claim goes out, whatever its scope: the state's service sends
        # the personal code with the profile, under its own claim name.
        oidc_claim_scope = None

        def get_additional_claims(self, request):
            return dict(PEOPLE.get(request.user.username, {}))

    return ClaimsValidator


def _login(request):
    """The stand-in for the bank: POST `username` (one of the configured people)."""
    from django.contrib.auth import login
    from django.contrib.auth.models import User
    from django.http import HttpResponse, HttpResponseRedirect
    from django.utils.http import url_has_allowed_host_and_scheme

    if request.method != "POST":
        return HttpResponse("<form method=post><input name=username><button>Log in</button></form>")
    user = User.objects.get(username=request.POST["username"])
    login(request, user)
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)


def main(config_path: str) -> None:
    import django

    config = json.loads(Path(config_path).read_text())
    PEOPLE.update(config["people"])
    workdir = Path(tempfile.mkdtemp(prefix="oidc-provider-"))
    server = make_server(
        "127.0.0.1", 0, lambda e, s: app(e, s), _ThreadingServer, handler_class=_QuietHandler
    )
    port = server.server_address[1]
    _configure(config, workdir, port)
    django.setup()
    globals()["ClaimsValidator"] = _validator_class()

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.urls import include, path
    from django.views.decorators.csrf import csrf_exempt
    from oauth2_provider.models import Application

    globals()["urlpatterns"] = [
        path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
        path("login/", csrf_exempt(_login)),
    ]
    call_command("migrate", verbosity=0, interactive=False)
    for username in PEOPLE:
        User.objects.create_user(username=username)
    Application.objects.create(
        name="Līdzdalība",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(config["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    app = get_wsgi_application()
    print(f"PORT {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
