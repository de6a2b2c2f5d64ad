"""Calls for members of consultative bodies, told to the people who follow them.

`body.call_published` (a councils domain event, published on commit) becomes one job per
publication. Its recipients are the confirmed subscribers of the body's institution and of
each affected group the body should represent — the same subscriptions that bring news of
consultations, so following an institution is enough to hear of its calls. Like the
initiatives' news, a call goes out at once whatever the subscription's frequency: a call
has a closing day, and a weekly digest could arrive after it. The deliveries share one
group in the delivery log, unique per address, so a retried job tells nobody twice and a
person following both the institution and a group gets one e-mail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from lidzdaliba.core.events import subscriber
from lidzdaliba.core.mail import send_templated_mail
from lidzdaliba.core.models import EmailDelivery
from lidzdaliba.core.tasks import enqueue_on_commit, job
from lidzdaliba.councils.models import Body

from .dispatch import LIST_HEADERS, link_builder
from .models import Subscription

TEMPLATE = "notifications/email/body_call"


@subscriber("body.call_published")
def on_call_published(*, body_id: int, published_at: str, **_) -> None:
    enqueue_on_commit(notify_call_published, body_id, published_at)


def call_recipients(body: Body) -> dict[str, Subscription]:
    """Address → the subscription that brings them the call (the first one made)."""
    keys = [f"institution:{body.institution_id}"]
    keys += [f"group:{group_id}" for group_id in body.affected_groups.values_list("pk", flat=True)]
    chosen: dict[str, Subscription] = {}
    for subscription in Subscription.objects.filter(
        target_key__in=keys, confirmed_at__isnull=False
    ).order_by("id"):
        chosen.setdefault(subscription.email.lower(), subscription)
    return chosen


@job()
def notify_call_published(body_id: int, published_at: str) -> int:
    """Mail the call to its followers; returns how many were told by this run. A later
    publication of the same body (a new `published_at`) is a new announcement."""
    body = Body.objects.select_related("institution").filter(pk=body_id).first()
    if body is None or body.call_published_at is None:
        return 0
    if body.call_published_at.isoformat() != published_at:
        return 0  # republished since: the newer event's job announces the current text
    group = f"body-call:{body_id}:{published_at}"[:100]
    url = settings.SITE_URL + reverse("councils:body", args=[body_id]) + "#call"
    told = set(EmailDelivery.objects.filter(group=group).values_list("to", flat=True))
    links = link_builder()
    sent = 0
    for email, subscription in call_recipients(body).items():
        if email in told:  # an earlier run of this job reached them
            continue
        personal = {f"personal_{key}": value for key, value in links(subscription.token).items()}
        try:
            with transaction.atomic():
                send_templated_mail(
                    to=email,
                    template=TEMPLATE,
                    context={"body": body, "url": url, **personal},
                    language=subscription.language,
                    headers={
                        name: value.replace(
                            "{{ personal_unsubscribe_url }}", personal["personal_unsubscribe_url"]
                        )
                        for name, value in LIST_HEADERS.items()
                    },
                    group=group,
                )
        except IntegrityError:  # a parallel run of this job reached them first
            continue
        sent += 1
    return sent
