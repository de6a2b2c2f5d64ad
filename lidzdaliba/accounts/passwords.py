"""Every way to present a password counts against one pair of limits.

Signing in on the web (allauth's adapter hooks), asking the API for a token, changing the
password, re-authenticating and deleting the account all ask `attempts_allowed` before the
password is checked and call `attempt_failed` when it was wrong. The limits count failures
per account and per client (core/ratelimits.py: "password.account", "password.client"),
so guessing through the API locks the web sign-in too, and one client cannot try many
accounts. Once a limit is passed the answer is the same whether the password is right.
"""

from __future__ import annotations

import contextlib

from django.utils.translation import gettext_lazy as _

from lidzdaliba.core import ratelimits

TOO_MANY_ATTEMPTS = _(
    "Too many failed attempts to sign in with a password. For your safety, wait a few minutes "
    "before you try again."
)


def _limits(account: str, client: str) -> list[tuple[str, str]]:
    return [("password.account", (account or "").strip().lower()), ("password.client", client)]


def attempts_allowed(*, account: str, client: str) -> None:
    """Raise RateLimited when `account` or `client` has no attempt left."""
    ratelimits.check(_limits(account, client), message=str(TOO_MANY_ATTEMPTS))


def attempt_failed(*, account: str, client: str) -> None:
    """Count a wrong password against `account` and `client`."""
    # Past the limit the next attempt is refused by `attempts_allowed`, not this one.
    with contextlib.suppress(ratelimits.RateLimited):
        ratelimits.hit(_limits(account, client), message=str(TOO_MANY_ATTEMPTS))


def password_matches(*, user, password: str, client: str) -> bool:
    """Check `user`'s password under the limits (for forms that ask it again)."""
    attempts_allowed(account=user.email, client=client)
    if password and user.check_password(password):
        return True
    attempt_failed(account=user.email, client=client)
    return False
