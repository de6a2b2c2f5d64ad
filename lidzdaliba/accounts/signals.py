"""What follows from allauth's documented signals: a new password ends every other way in,
and a wrong second-factor code counts against the account's limit."""

from __future__ import annotations

import contextlib

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.usersessions.adapter import get_adapter as usersessions_adapter
from allauth.usersessions.models import UserSession
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lidzdaliba.core import ratelimits

from .models import ApiToken, User
from .services import api_tokens_revoke_all, forget_token_users


def end_other_ways_in(*, user: User, keep_session_key: str | None) -> None:
    """Revoke every API token and end every session but the one that made the change.

    Django already refuses sessions signed in with the old password (their hash no longer
    matches); ending them here also takes them off the person's list of sessions."""
    api_tokens_revoke_all(user=user)
    # Not `purge_and_list`: it would check the current session too, whose stored copy still
    # holds the old password's hash until the response saves it, and end it.
    others = UserSession.objects.filter(user=user).exclude(session_key=keep_session_key or "")
    usersessions_adapter().end_sessions(list(others))


@receiver(account_signals.password_changed)
@receiver(account_signals.password_set)
def _password_changed(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    end_other_ways_in(user=user, keep_session_key=getattr(session, "session_key", None))


@receiver(account_signals.password_reset)
def _password_reset(sender, request, user, **kwargs) -> None:
    end_other_ways_in(user=user, keep_session_key=None)


@receiver(mfa_signals.authentication_failed)
def _second_factor_failed(sender, request, user, **kwargs) -> None:
    # Past the limit the next code is refused before it is checked (allauth_forms.py).
    with contextlib.suppress(ratelimits.RateLimited):
        ratelimits.hit([("second_factor.account", str(user.pk))])


@receiver(post_save, sender=User)
def _account_changed(sender, instance: User, **kwargs) -> None:
    """A deactivated account's tokens stop at once (the token cache is told)."""
    if not instance.is_active:
        hashes = ApiToken.objects.filter(user=instance).values_list("key_hash", flat=True)
        forget_token_users(hashes)


@receiver(post_delete, sender=ApiToken)
def _token_deleted(sender, instance: ApiToken, **kwargs) -> None:
    """Tokens go with a deleted account: the token cache is told at once."""
    forget_token_users([instance.key_hash])
