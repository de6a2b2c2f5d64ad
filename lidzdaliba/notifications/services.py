"""Subscribing, confirming, changing and ending subscriptions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.core import ratelimits
from lidzdaliba.core.locks import lock_for
from lidzdaliba.core.tasks import enqueue_on_commit

from .models import Subscription
from .selectors import email_of_token, is_confirmed_address_of
from .tasks import send_subscription_confirmation

Kind = Subscription.Kind
# A pending subscription's confirmation is not re-sent more often than this.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)
MAX_SUBSCRIPTIONS_PER_ADDRESS = 200


@dataclass(frozen=True)
class Target:
    kind: str
    obj: Model

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.obj.pk}"


def target_from(**targets) -> Target:
    """Exactly one followed thing, e.g. `target_from(institution=…)`."""
    given = [(kind, obj) for kind, obj in targets.items() if obj is not None]
    if len(given) != 1:
        raise ValidationError(
            _(
                "Choose exactly one thing to follow: an institution, a policy area, a "
                "territory, an affected group or a consultation."
            )
        )
    kind, obj = given[0]
    if kind not in Kind.values:
        raise ValidationError(_("Unknown kind of subscription."))
    if kind == Kind.CONSULTATION and not obj.is_published:
        raise ValidationError(_("This consultation is not published."))
    if kind == Kind.INITIATIVE and not obj.is_published:
        raise ValidationError(_("This initiative is not published."))
    return Target(kind, obj)


def counts_against_address_limit(*, user, email: str) -> bool:
    """The signed-in person's own (confirmed) address gets no confirmation mail, so
    subscribing it many times floods nobody and is not limited per address."""
    own = getattr(user, "email", "") if getattr(user, "is_authenticated", False) else ""
    return email.strip().lower() != (own or "").lower()


@transaction.atomic
def subscription_request(
    *,
    email: str,
    frequency: str,
    target: Target,
    client: str | None = None,
    user=None,
    language: str = "lv",
) -> tuple[Subscription, bool]:
    """Subscribe `email` to `target`. Returns (subscription, needs_confirmation).

    An address the signed-in person has confirmed is subscribed at once; any other gets a
    confirmation mail first (double opt-in), so nobody can subscribe someone else.
    Repeating a request is harmless: it updates the frequency and, at most every ten
    minutes, re-sends the confirmation.

    Requests are limited per `client` (the edges pass it; None for the platform's own
    calls) and, unless the address is the person's own confirmed one, per address, whether
    they come from the page or the API (RateLimited).
    """
    email = email.strip().lower()
    limits = [("subscribe.client", client)] if client is not None else []
    if counts_against_address_limit(user=user, email=email):
        limits.append(("subscribe.address", email))
    ratelimits.hit(limits)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [_("Enter a valid e-mail address.")]}) from None
    if frequency not in Subscription.Frequency.values:
        raise ValidationError({"frequency": [_("Choose how often to get e-mails.")]})
    if language not in dict(settings.LANGUAGES):
        language = "lv"
    lock_for(f"subscriptions:{email}")  # the limit below holds under parallel requests
    if Subscription.objects.filter(email=email).count() >= MAX_SUBSCRIPTIONS_PER_ADDRESS:
        raise ValidationError(_("This address has too many subscriptions."))
    verified = is_confirmed_address_of(user, email)
    fields = {
        "kind": target.kind,
        target.kind: target.obj,
        "frequency": frequency,
        "language": language,
    }
    try:
        with transaction.atomic():
            subscription, created = Subscription.objects.get_or_create(
                email=email, target_key=target.key, defaults=fields
            )
    except IntegrityError:  # a concurrent identical request won
        subscription, created = Subscription.objects.get(email=email, target_key=target.key), False
    if not created:
        subscription.frequency = frequency
        subscription.language = language
    if verified:
        subscription.user = user
        subscription.confirmed_at = subscription.confirmed_at or timezone.now()
    subscription.save()
    if subscription.is_confirmed:
        return subscription, False
    now = timezone.now()
    last = subscription.confirmation_sent_at
    if last is None or now - last >= CONFIRMATION_RESEND_AFTER:
        Subscription.objects.filter(pk=subscription.pk).update(confirmation_sent_at=now)
        enqueue_on_commit(send_subscription_confirmation, subscription.pk)
    return subscription, True


def subscription_confirm(*, token: str) -> Subscription:
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        raise ValidationError(_("This confirmation link is not valid (any more)."))
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def subscription_cancel(*, token: str) -> bool:
    """One-click unsubscribe: the token in the mail is the only credential needed.
    Deleting keeps nothing about the person (minimum data)."""
    deleted, _detail = Subscription.objects.filter(token=token).delete()
    return bool(deleted)


def _owned(subscription: Subscription, *, user=None, token: str = "") -> bool:
    if token and subscription.email == email_of_token(token):
        return True
    return bool(
        user is not None
        and user.is_authenticated
        and (subscription.user_id == user.pk or is_confirmed_address_of(user, subscription.email))
    )


def subscription_update(
    *, subscription: Subscription, frequency: str, user=None, token: str = ""
) -> Subscription:
    if not _owned(subscription, user=user, token=token):
        raise PermissionDenied(_("This subscription is not yours."))
    if frequency not in Subscription.Frequency.values:
        raise ValidationError({"frequency": [_("Choose how often to get e-mails.")]})
    subscription.frequency = frequency
    subscription.save(update_fields=["frequency"])
    return subscription


def subscription_delete(*, subscription: Subscription, user=None, token: str = "") -> None:
    if not _owned(subscription, user=user, token=token):
        raise PermissionDenied(_("This subscription is not yours."))
    subscription.delete()
