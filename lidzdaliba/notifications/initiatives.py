"""Initiatives' status changes told to their followers and to the addressed institution.

`initiative.status_changed` (a domain event, published on commit) becomes one job per
change; its deliveries share one group in the delivery log, unique per address, so a
retried job tells nobody twice. Followers
are the confirmed subscribers of the initiative, and — once it is published — of its
institution; its author and accepted co-sponsors hear of every move, the institution (its
public address) of each move that asks something of it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from lidzdaliba.core.events import subscriber
from lidzdaliba.core.mail import send_templated_mail
from lidzdaliba.core.models import EmailDelivery
from lidzdaliba.core.tasks import enqueue_on_commit, job
from lidzdaliba.initiatives.models import Initiative, Status

from .dispatch import link_builder
from .models import Subscription

logger = logging.getLogger(__name__)

TEMPLATE = "notifications/email/initiative_status"
# Moves the institution must act on, told to its public address.
INSTITUTION_STATUSES = {Status.IN_MODERATION, Status.THRESHOLD_REACHED}
# Moves everyone following the institution hears of: it is public now, or it has an answer.
BROAD_STATUSES = {Status.COLLECTING, Status.THRESHOLD_REACHED, Status.ANSWERED}


@subscriber("initiative.status_changed")
def on_status_changed(*, initiative_id: int, status: str, **_) -> None:
    enqueue_on_commit(notify_initiative_status, initiative_id, status)


def recipients(initiative: Initiative, status: str) -> dict[str, dict]:
    """Address → personal values (empty for people who have no subscription token)."""
    chosen: dict[str, dict] = {}
    links = link_builder()
    keys = []
    if initiative.is_published:
        keys.append(f"initiative:{initiative.pk}")
        if status in BROAD_STATUSES:
            keys.append(f"institution:{initiative.institution_id}")
    for email, token in (
        Subscription.objects.filter(target_key__in=keys, confirmed_at__isnull=False)
        .order_by("id")
        .values_list("email", "token")
    ):
        chosen.setdefault(email, links(token))
    people = [initiative.author.email] if initiative.author else []
    people += [
        cosponsor.user.email
        for cosponsor in initiative.cosponsors.filter(accepted_at__isnull=False)
        .exclude(user=None)
        .select_related("user")
    ]
    if status in INSTITUTION_STATUSES and initiative.institution.email:
        people.append(initiative.institution.email)
    for email in people:
        chosen.setdefault(email.lower(), {})
    return chosen


@job()
def notify_initiative_status(initiative_id: int, status: str) -> None:
    initiative = (
        Initiative.objects.select_related("institution", "author").filter(pk=initiative_id).first()
    )
    if initiative is None:
        return
    group = f"initiative-status:{initiative_id}:{status}"
    url = settings.SITE_URL + reverse("initiatives:detail", args=[initiative_id])
    told = set(EmailDelivery.objects.filter(group=group).values_list("to", flat=True))
    for email, personal in recipients(initiative, status).items():
        if email in told:  # an earlier run of this job reached them
            continue
        try:
            with transaction.atomic():
                send_templated_mail(
                    to=email,
                    template=TEMPLATE,
                    context={
                        "initiative": initiative,
                        "status_label": Status(status).label,
                        "url": url,
                        **{f"personal_{key}": value for key, value in personal.items()},
                    },
                    group=group,
                )
        except IntegrityError:  # a parallel run of this job reached them first
            continue
