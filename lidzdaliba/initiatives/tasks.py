"""Background jobs of initiatives. They take ids and are safe to run twice."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from lidzdaliba.core.mail import send_templated_mail
from lidzdaliba.core.tasks import crontab, job, periodic_job

from .models import CoSponsor, Signature


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


@job()
def send_invalidation_notices(invalidation_id: int) -> None:
    """Tell each signer whose signature an invalidation caught, with its reason. A signer
    already told (a retried job) is not told twice."""
    from lidzdaliba.core.models import EmailDelivery

    signatures = Signature.objects.filter(invalidation_id=invalidation_id).select_related(
        "signer", "invalidation", "initiative__institution"
    )
    for signature in signatures.order_by("pk").iterator():
        group = f"signature-invalidated:{signature.pk}"
        if EmailDelivery.objects.filter(group=group, status=EmailDelivery.Status.SENT).exists():
            continue
        send_templated_mail(
            to=signature.signer.email,
            template="initiatives/email/signature_invalidated",
            language=signature.signer.preferred_language,
            context={
                "initiative": signature.initiative,
                "reason": signature.invalidation.reason,
                "initiative_url": settings.SITE_URL
                + reverse("initiatives:detail", args=[signature.initiative_id]),
            },
            group=group,
        )


@periodic_job(crontab(minute="*/10"))
def close_finished_collections() -> None:
    """Every ten minutes: collections whose period ended reach their threshold or expire."""
    from .services import check_all_thresholds, expire_finished_collections

    check_all_thresholds()
    expire_finished_collections()
