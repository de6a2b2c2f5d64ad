"""Notification jobs. They take ids, are idempotent, and fan out into batch jobs that any
number of workers can share."""

from __future__ import annotations

import logging
from dataclasses import astuple

from django.conf import settings
from django.urls import reverse

from lidzdaliba.consultations.models import OpinionRevision
from lidzdaliba.core.mail import DeliveriesPending, send_templated_mail
from lidzdaliba.core.models import EmailDelivery
from lidzdaliba.core.tasks import crontab, job, periodic_job
from lidzdaliba.institutions.models import OfficerRole

from . import dispatch
from .models import Subscription

logger = logging.getLogger(__name__)


@job()
def send_subscription_confirmation(subscription_id: int) -> None:
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None or subscription.is_confirmed:
        return
    send_templated_mail(
        to=subscription.email,
        template="notifications/email/confirm",
        context={
            "subscription": subscription,
            "target": subscription.target,
            "confirm_url": settings.SITE_URL
            + reverse("notifications:confirm", args=[subscription.token]),
        },
        language=subscription.language,
    )


@job()
def notify(consultation_id: int, kind: str, detail: str = "") -> None:
    """Tell the subscribers of a consultation about `kind`, in batches."""
    for event_id, first_id, last_id in dispatch.fan_out(
        consultation_id=consultation_id, kind=kind, detail=detail
    ):
        send_event_batch(event_id, first_id, last_id)


@job()
def send_event_batch(event_id: int, first_id: int, last_id: int) -> None:
    result = dispatch.send_event_batch(event_id=event_id, first_id=first_id, last_id=last_id)
    if result["failed"]:
        raise DeliveriesPending(f"{result['failed']} deliveries of event {event_id} pending")


@periodic_job(crontab(minute="*/5"))
def notify_time_events() -> None:
    """Every five minutes: consultations that opened or will close within three days."""
    for consultation_id, kind in dispatch.due_time_events():
        notify(consultation_id, kind)


@periodic_job(crontab(minute="0", hour="5"))
def send_daily_digests() -> None:
    for batch in dispatch.queue_digests(frequency=Subscription.Frequency.DAILY):
        send_digest_batch(*astuple(batch))


@periodic_job(crontab(minute="0", hour="5", day_of_week="1"))
def send_weekly_digests() -> None:
    for batch in dispatch.queue_digests(frequency=Subscription.Frequency.WEEKLY):
        send_digest_batch(*astuple(batch))


@job()
def send_digest_batch(
    group: str, event_ids: list[int], frequency: str, first_id: int, last_id: int
) -> None:
    batch = dispatch.DigestBatch(group, tuple(event_ids), frequency, first_id, last_id)
    if dispatch.send_digest_batch(batch)["failed"]:
        raise DeliveriesPending(f"{group}: digest deliveries pending")


@periodic_job(crontab(minute="30", hour="6"))
def remind_officers_of_overdue_answers() -> None:
    result = dispatch.remind_officers()
    if result["failed"]:
        raise DeliveriesPending("officer reminders pending")


@job()
def tell_responders_of_edited_opinion(revision_id: int) -> None:
    """Tell the responders (and managers) of the institution that an opinion they had
    answered was changed by its author, so its answer was cleared. Safe to retry: whoever
    was already told (a sent delivery of this revision's group) is not told again."""
    revision = (
        OpinionRevision.objects.select_related("opinion__consultation__institution")
        .filter(pk=revision_id)
        .first()
    )
    if revision is None:
        return
    opinion = revision.opinion
    consultation = opinion.consultation
    group = f"opinion-edited:{revision_id}"
    told = set(
        EmailDelivery.objects.filter(group=group, status=EmailDelivery.Status.SENT).values_list(
            "to", flat=True
        )
    )
    officers = {
        role.user
        for role in OfficerRole.objects.filter(
            institution_id=consultation.institution_id,
            role__in=[OfficerRole.Role.RESPONDER, OfficerRole.Role.MANAGER],
        ).select_related("user")
        if role.user.is_active
    }
    url = settings.SITE_URL + reverse("officer:answer", args=[opinion.pk])
    for officer in sorted(officers, key=lambda user: user.pk):
        if officer.email in told:
            continue
        send_templated_mail(
            to=officer.email,
            template="notifications/email/opinion_edited",
            context={
                "consultation": consultation,
                "opinion": opinion,
                "revision": revision,
                "url": url,
            },
            language=officer.preferred_language,
            group=group,
        )
