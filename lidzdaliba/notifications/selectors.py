"""Reads of subscriptions: by the token in a mail, and a person's own (for the management
page, the API and the copy of their data)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet

from lidzdaliba.accounts.selectors import any_address_q, own_addresses_of

from .models import Subscription


def subscription_by_token(token: str) -> Subscription | None:
    return Subscription.objects.filter(token=token).first() if token else None


def email_of_token(token: str) -> str | None:
    """The address a mail's token was sent to (None for an unknown token)."""
    return Subscription.objects.filter(token=token).values_list("email", flat=True).first()


def is_confirmed_address_of(user, email: str) -> bool:
    """`email` is one of the signed-in person's confirmed addresses."""
    return bool(
        user is not None
        and user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )


def subscriptions_of(*, user=None, token: str = "") -> QuerySet[Subscription]:
    """A person's subscriptions: by account and confirmed addresses, or by a mail's token."""
    if token:
        email = email_of_token(token)
        return Subscription.objects.filter(email=email) if email else Subscription.objects.none()
    if user is None or not user.is_authenticated:
        return Subscription.objects.none()
    emails = EmailAddress.objects.filter(user=user, verified=True).values("email")
    return Subscription.objects.filter(Q(user=user) | Q(email__in=emails)).distinct()


def subscriptions_of_person(user) -> QuerySet[Subscription]:
    """Everything a person's data copy and account deletion cover: subscriptions of the
    account and of its sign-in and confirmed addresses, in any letter case."""
    return Subscription.objects.filter(
        Q(user=user) | any_address_q("email", own_addresses_of(user))
    )
