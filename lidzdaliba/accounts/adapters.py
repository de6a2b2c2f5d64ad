"""allauth's adapter: how its flows fit the platform.

Its mails are queued like every other mail, name the site and link to `SITE_URL`. Its
password checks, sign-ups and confirmation mails count against the project's limits
(core/ratelimits.py, shared with the API), through hooks allauth documents for its adapter:
`pre_authenticate` and `authentication_failed` around each password check (sign-in and
re-authentication), `save_user` before an account is created, `send_confirmation_mail`,
`get_client_ip`. allauth's own limiter is switched off (ACCOUNT_RATE_LIMITS = False).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from lidzdaliba.core import ratelimits
from lidzdaliba.core.mail import queue_prepared_mail

from . import passwords


def _account(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email") or credentials.get("username") or "")


@dataclass(frozen=True)
class MailSite:
    """What allauth's mail templates read as `current_site`: its `name` and `domain`.

    allauth would take them from `django.contrib.sites`, which the platform does not use (one
    site, its address in `SITE_URL`); without them the mails read "Hello from !"."""

    name: str
    domain: str


def mail_site() -> MailSite:
    return MailSite(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def on_site(url: str) -> str:
    """`url` at the public address: allauth builds links from the host of the request,
    which behind a proxy or on an internal name is not the address people use."""
    parts = urlsplit(url)
    return settings.SITE_URL.rstrip("/") + urlunsplit(("", "", parts.path, parts.query, ""))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Confirmation and password-reset mails are logged and sent by a job, so the
        request never waits for SMTP; they are written in the reader's current language.

        The context gets what allauth's own `send_mail` adds (`email`, `current_site`), and
        every link in it (allauth names them `…_url`: `activate_url`, `password_reset_url`,
        `signup_url`) is moved to `SITE_URL`."""
        context = {"email": email, "current_site": mail_site(), **context}
        for key, value in context.items():
            if key.endswith("_url") and isinstance(value, str):
                context[key] = on_site(value)
        message = self.render_mail(template_prefix, email, context)
        queue_prepared_mail(
            message, template=template_prefix, language=translation.get_language() or "lv"
        )

    def get_client_ip(self, request: HttpRequest) -> str:
        return ratelimits.client_ip(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Before a password is checked: refuse once the account or the client has used up
        its failed attempts (the form shows why)."""
        try:
            passwords.attempts_allowed(
                account=_account(credentials), client=ratelimits.client_ip(request)
            )
        except ratelimits.RateLimited as limited:
            raise forms.ValidationError(limited.message, code="too_many_login_attempts") from None

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        passwords.attempt_failed(
            account=_account(credentials), client=ratelimits.client_ip(request)
        )

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        """Sign-ups per client are limited before the account exists."""
        ratelimits.hit([("signup.client", ratelimits.client_ip(request))])
        return super().save_user(request, user, form, commit=commit)

    def send_confirmation_mail(self, request: HttpRequest, emailconfirmation, signup: bool):
        """At most one confirmation mail per address every few minutes, however it is
        asked for: nobody's inbox can be flooded."""
        address = emailconfirmation.email_address.email
        try:
            ratelimits.hit([("confirmation_mail.address", address)])
        except ratelimits.RateLimited:
            return None  # one is on its way already: the page says to look for it
        return super().send_confirmation_mail(request, emailconfirmation, signup)
