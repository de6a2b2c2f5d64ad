"""A person's subscriptions in the copy of their data, and their removal with the account.
Registered with accounts' GDPR registries from NotificationsConfig.ready()."""

from __future__ import annotations

from typing import Any

from lidzdaliba.accounts.selectors import any_address_q, own_addresses_of

from .models import DigestItem
from .selectors import subscriptions_of_person


def export_subscriptions(user) -> list[dict[str, Any]]:
    subscriptions = subscriptions_of_person(user).select_related(
        "institution", "topic", "territory", "group", "consultation"
    )
    return [
        {
            "email": subscription.email,
            "follows": subscription.kind,
            "target": str(subscription.target),
            "frequency": subscription.frequency,
            "language": subscription.language,
            "created_at": subscription.created_at,
            "confirmed_at": subscription.confirmed_at,
        }
        for subscription in subscriptions.order_by("created_at", "id")
    ]


def erase_subscriptions(user) -> None:
    """The person's subscriptions (also those of their confirmed addresses) and the digest
    items still waiting for those addresses: nothing of them is kept."""
    own = own_addresses_of(user)
    subscriptions_of_person(user).delete()
    DigestItem.objects.filter(any_address_q("email", own)).delete()
