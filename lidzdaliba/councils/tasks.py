"""Background jobs of bodies and meetings. They take ids and are safe to run twice."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from lidzdaliba.core.mail import send_templated_mail
from lidzdaliba.core.tasks import crontab, job, periodic_job
from lidzdaliba.institutions.models import OfficerRole

from . import ics
from .models import Meeting, Registration
from .rules import body_of


def _registration(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related("meeting__institution", "person")
        .filter(pk=registration_id)
        .first()
    )


def _send(registration: Registration, *, method: str, template: str) -> None:
    meeting = registration.meeting
    send_templated_mail(
        to=registration.person.email,
        template=template,
        context={
            "meeting": meeting,
            "registration": registration,
            "url": reverse("councils:meeting", args=[meeting.pk]),
        },
        language=registration.person.preferred_language,
        attachments=[
            (
                "invite.ics",
                ics.invitation(registration, method=method),
                f"text/calendar; method={method}",
            )
        ],
    )


@job()
def send_invitation(registration_id: int) -> None:
    """The invitation (or, for a cancelled meeting, its cancellation) at the meeting's
    current SEQUENCE; a sequence already sent is not sent again."""
    registration = _registration(registration_id)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        return
    sequence = registration.meeting.sequence
    claimed = Registration.objects.filter(
        pk=registration_id, invitation_sequence_sent__lt=sequence
    ).update(invitation_sequence_sent=sequence)
    if not claimed:
        return
    try:
        if registration.meeting.cancelled_at:
            _send(registration, method="CANCEL", template="councils/email/meeting_cancelled")
        else:
            _send(registration, method="REQUEST", template="councils/email/invitation")
    except Exception:
        Registration.objects.filter(pk=registration_id).update(invitation_sequence_sent=-1)
        raise


@job()
def send_cancellation(registration_id: int) -> None:
    """The person cancelled: METHOD:CANCEL takes the meeting out of their calendar."""
    registration = _registration(registration_id)
    if registration is None or registration.status != Registration.Status.CANCELLED:
        return
    if registration.invitation_sequence_sent < 0:
        return  # never invited, nothing to take back
    Registration.objects.filter(pk=registration_id).update(invitation_sequence_sent=-1)
    _send(registration, method="CANCEL", template="councils/email/registration_cancelled")


@job()
def send_minutes_notice(meeting_id: int) -> None:
    """Tell everyone who registered (and did not cancel) that the minutes are published."""
    registrations = Registration.objects.filter(
        meeting_id=meeting_id, minutes_notice_sent_at__isnull=True
    ).exclude(status=Registration.Status.CANCELLED)
    for registration_id in list(registrations.values_list("pk", flat=True)):
        claimed = Registration.objects.filter(
            pk=registration_id, minutes_notice_sent_at__isnull=True
        ).update(minutes_notice_sent_at=timezone.now())
        if not claimed:
            continue
        registration = _registration(registration_id)
        try:
            send_templated_mail(
                to=registration.person.email,
                template="councils/email/minutes_published",
                context={
                    "meeting": registration.meeting,
                    "registration": registration,
                    "url": reverse("councils:meeting", args=[meeting_id]),
                },
                language=registration.person.preferred_language,
            )
        except Exception:
            Registration.objects.filter(pk=registration_id).update(minutes_notice_sent_at=None)
            raise


@job()
def send_answer_notice(registration_id: int) -> None:
    """Tell the asker the answer to their question (once per answer: a corrected answer
    clears `answer_notice_sent_at` and is sent again)."""
    claimed = Registration.objects.filter(
        pk=registration_id, answered_at__isnull=False, answer_notice_sent_at__isnull=True
    ).update(answer_notice_sent_at=timezone.now())
    if not claimed:
        return
    registration = _registration(registration_id)
    try:
        send_templated_mail(
            to=registration.person.email,
            template="councils/email/question_answered",
            context={
                "meeting": registration.meeting,
                "registration": registration,
                "url": reverse("councils:meeting", args=[registration.meeting_id]),
            },
            language=registration.person.preferred_language,
        )
    except Exception:
        Registration.objects.filter(pk=registration_id).update(answer_notice_sent_at=None)
        raise


def minutes_reminder_recipients(meeting: Meeting) -> list:
    """The body's secretary; without one (or for a consultation meeting), the editors and
    managers of the institution."""
    body = body_of(meeting)
    if body is not None and body.secretary is not None and body.secretary.is_active:
        return [body.secretary]
    roles = OfficerRole.objects.filter(
        institution_id=meeting.institution_id,
        role__in=[OfficerRole.Role.EDITOR, OfficerRole.Role.MANAGER],
    ).select_related("user")
    return sorted({r.user for r in roles if r.user.is_active}, key=lambda u: u.pk)


@periodic_job(crontab(minute="45", hour="6"))
def remind_of_overdue_minutes() -> None:
    """Once per meeting whose minutes are overdue, remind whoever must publish them."""
    for meeting_id in list(Meeting.objects.minutes_overdue().values_list("pk", flat=True)):
        send_minutes_reminder(meeting_id)


def send_minutes_reminder(meeting_id: int) -> int:
    claimed = Meeting.objects.filter(pk=meeting_id, minutes_reminder_sent_at__isnull=True).update(
        minutes_reminder_sent_at=timezone.now()
    )
    if not claimed:
        return 0
    meeting = Meeting.objects.select_related("institution").get(pk=meeting_id)
    sent = 0
    try:
        for user in minutes_reminder_recipients(meeting):
            send_templated_mail(
                to=user.email,
                template="councils/email/minutes_overdue",
                context={"meeting": meeting, "url": reverse("councils:minutes", args=[meeting_id])},
                language=user.preferred_language,
            )
            sent += 1
    except Exception:
        Meeting.objects.filter(pk=meeting_id).update(minutes_reminder_sent_at=None)
        raise
    return sent
