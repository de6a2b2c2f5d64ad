"""The pages the Latvian checks read: every allauth page a person of this site can reach
(sign-in, sign-up, password reset, e-mail addresses, second factor, sessions), as a visitor,
signed in and signed in with a second factor, with their error messages, and a few of the
site's main pages. All in Latvian: the site's default language and the profiles' language."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from lidzdaliba.testing import factories

# Names of pages the assertions look at.
SIGN_IN = "sign-in"
SIGNED_IN_HOME = "home, signed in"

VISITOR_PAGES = [
    ("home", "web:home"),
    ("consultations", "consultations:list"),
    ("institutions", "institutions:list"),
    ("search", "search:search"),
    ("accessibility", "web:accessibility"),
    ("subscribe", "notifications:subscribe"),
    (SIGN_IN, "account_login"),
    ("sign-up", "account_signup"),
    ("password reset", "account_reset_password"),
    ("password reset sent", "account_reset_password_done"),
    ("password reset done", "account_reset_password_from_key_done"),
    ("confirmation sent", "account_email_verification_sent"),
    ("account inactive", "account_inactive"),
]
SIGNED_IN_PAGES = [
    (SIGNED_IN_HOME, "web:home"),
    ("profile", "accounts:profile"),
    ("sign-out", "account_logout"),
    ("change password", "account_change_password"),
    ("e-mail addresses", "account_email"),
    ("two-factor", "mfa_index"),
    ("activate authenticator", "mfa_activate_totp"),
    ("security keys", "mfa_list_webauthn"),
    ("add security key", "mfa_add_webauthn"),
    ("sessions", "usersessions_list"),
]
SECOND_FACTOR_PAGES = [
    ("two-factor, active", "mfa_index"),
    ("deactivate authenticator", "mfa_deactivate_totp"),
    ("recovery codes", "mfa_view_recovery_codes"),
    ("new recovery codes", "mfa_generate_recovery_codes"),
]


class Pages(dict[str, str]):
    """Page name -> HTML, filled by `visit` and `submit` (which follow redirects, so a message
    shown after a redirect is on the page)."""

    def visit(self, name: str, client: Client, url: str) -> None:
        response = client.get(url, follow=True)
        assert response.status_code == 200, (name, response.status_code)
        self[name] = response.content.decode()

    def submit(self, name: str, client: Client, url: str, data: dict) -> None:
        response = client.post(url, data, follow=True)
        assert response.status_code in (200, 400), (name, response.status_code)
        self[name] = response.content.decode()


def _sign_in(pages: Pages, name: str, user) -> Client:
    """A client signed in through the sign-in form (allauth's pages that ask for a recent
    authentication show themselves, not a re-authentication); the page it lands on, with
    its "signed in" message, is kept as `name`."""
    client = Client()
    pages.submit(
        name,
        client,
        reverse("account_login"),
        {"login": user.email, "password": factories.PASSWORD},
    )
    return client


def _reauthenticate(pages: Pages, client: Client) -> None:
    """Confirm the password again: pages that change how one signs in ask for it."""
    pages.submit(
        "re-authenticated",
        client,
        reverse("account_reauthenticate"),
        {"password": factories.PASSWORD},
    )


def rendered_pages() -> dict[str, str]:
    pages = Pages()
    visitor = Client()
    for name, url_name in VISITOR_PAGES:
        pages.visit(name, visitor, reverse(url_name))
    pages.submit(
        "sign-in error",
        Client(),
        reverse("account_login"),
        {"login": "nav@example.lv", "password": "nepareiza"},
    )
    pages.submit(
        "sign-up errors",
        Client(),
        reverse("account_signup"),
        {"email": "jauns@example.lv", "full_name": "Anna", "password1": "12345", "password2": "1"},
    )

    person = factories.UserFactory(email="anna@example.lv", full_name="Anna Liepa")
    reset = {
        "uidb36": user_pk_to_url_str(person),
        "key": default_token_generator.make_token(person),
    }
    pages.visit("new password", Client(), reverse("account_reset_password_from_key", kwargs=reset))
    reset["key"] = "nederigs"
    pages.visit(
        "bad reset link", Client(), reverse("account_reset_password_from_key", kwargs=reset)
    )
    pages.submit(
        "password reset error", Client(), reverse("account_reset_password"), {"email": "x"}
    )

    newcomer = factories.UserFactory(email="peteris@example.lv", verified=False)
    address = EmailAddress.objects.create(user=newcomer, email=newcomer.email, primary=True)
    confirm = reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])
    pages.visit("confirm e-mail", Client(), confirm)
    pages.visit("bad confirmation link", Client(), reverse("account_confirm_email", args=["x"]))

    signed_in = _sign_in(pages, "signed in", person)
    pages.visit("re-authenticate", signed_in, reverse("account_reauthenticate"))
    pages.visit("code instead", signed_in, reverse("account_request_reauthentication_code"))
    pages.submit(
        "code sent",
        signed_in,
        reverse("account_request_reauthentication_code"),
        {"recipient": person.email},
    )
    pages.submit(
        "wrong code", signed_in, reverse("account_confirm_reauthentication_code"), {"code": "1"}
    )
    _reauthenticate(pages, signed_in)
    for name, url_name in SIGNED_IN_PAGES:
        pages.visit(name, signed_in, reverse(url_name))
    pages.submit(
        "change password errors",
        signed_in,
        reverse("account_change_password"),
        {"oldpassword": "nepareiza", "password1": "abc", "password2": "abd"},
    )
    pages.submit(
        "e-mail address added",
        signed_in,
        reverse("account_email"),
        {"action_add": "", "email": "anna.darbs@example.lv"},
    )

    protected = factories.UserFactory(email="karlis@example.lv", full_name="Kārlis Liepa")
    TOTP.activate(protected, generate_totp_secret())
    recovery_code = RecoveryCodes.activate(protected).get_unused_codes()[0]
    with_factor = _sign_in(pages, "second factor", protected)
    pages.submit("second factor error", with_factor, reverse("mfa_authenticate"), {"code": "1"})
    pages.submit(
        "signed in with a second factor",
        with_factor,
        reverse("mfa_authenticate"),
        {"code": recovery_code},
    )
    pages.visit("re-authenticate with a code", with_factor, reverse("mfa_reauthenticate"))
    _reauthenticate(pages, with_factor)
    for name, url_name in SECOND_FACTOR_PAGES:
        pages.visit(name, with_factor, reverse(url_name))

    pages.submit("signed out", signed_in, reverse("account_logout"), {})
    return dict(pages)
