"""Background jobs of initiatives. They take ids and are safe to run twice."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from lidzdaliba.core.mail import send_templated_mail
from lidzdaliba.core.tasks import crontab, job, periodic_job

from .models import CoSponsor


@job()
def send_cosponsor_invitation(invitation_id: int) -> None:
    invitation = (
        CoSponsor.objects.select_related("initiative__author", "initiative__institution")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    send_templated_mail(
        to=invitation.email,
        template="initiatives/email/cosponsor_invitation",
        context={
            "invitation": invitation,
            "initiative": invitation.initiative,
            "accept_url": settings.SITE_URL
            + reverse("initiatives:cosponsor_accept", args=[invitation.token]),
        },
        group=f"cosponsor-invitation:{invitation.pk}",
    )


@periodic_job(crontab(minute="*/10"))
def close_finished_collections() -> None:
    """Every ten minutes: collections whose period ended reach their threshold or expire."""
    from .services import check_all_thresholds, expire_finished_collections

    check_all_thresholds()
    expire_finished_collections()
