"""Background jobs of surveys: thin, take ids, call mail."""

from __future__ import annotations

from django.conf import settings

from lidzdaliba.core.mail import send_templated_mail
from lidzdaliba.core.tasks import job

from .models import Invitation


@job()
def send_invitation(invitation_id: int, link: str) -> None:
    """The link carries the token, which is stored only as a hash: it travels in the job."""
    invitation = Invitation.objects.select_related("survey").filter(pk=invitation_id).first()
    if invitation is None or invitation.used:
        return
    send_templated_mail(
        to=invitation.email,
        template="surveys/email/invitation",
        context={"survey": invitation.survey, "url": settings.SITE_URL + link},
        group=f"survey-{invitation.survey_id}",
    )
