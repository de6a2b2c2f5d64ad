"""How allauth's account flows fit the platform: its mails are queued like every other mail,
name the site and link to `SITE_URL`."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from lidzdaliba.core.mail import queue_prepared_mail


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
