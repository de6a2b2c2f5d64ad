"""Notifications' retention rule, registered from NotificationsConfig.ready() with
`core.retention.register_rule`."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models

from .models import Subscription

UNCONFIRMED_SUBSCRIPTION_DAYS = 7


def delete_unconfirmed_subscriptions(now: datetime, cutoff: datetime) -> int:
    """A subscription nobody confirmed within a week never will be: the address may not
    even belong to whoever typed it. Kept while a confirmation link sent in the last week
    may still be used."""
    stale = now - timedelta(days=UNCONFIRMED_SUBSCRIPTION_DAYS)
    not_recently_sent = models.Q(confirmation_sent_at__isnull=True) | models.Q(
        confirmation_sent_at__lt=stale
    )
    deleted, _detail = (
        Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=stale)
        .filter(not_recently_sent)
        .delete()
    )
    return deleted
