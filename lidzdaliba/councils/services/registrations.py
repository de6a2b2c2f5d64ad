"""Registration for meetings: a seat or the waiting list, and promotion on cancellation.

The last seat is race-safe: the count of confirmed registrations and the insert happen
under a lock on the meeting (core/locks.py on PostgreSQL, plus a row lock; SQLite's
IMMEDIATE transactions serialise writers anyway), so two people never both get it. One row
per person (a unique constraint) makes a repeated registration return the existing one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.limits import check_lengths
from lidzdaliba.core.locks import lock_for
from lidzdaliba.core.tasks import enqueue_on_commit

from ..models import Meeting, Registration

Status = Registration.Status


def _lock(meeting: Meeting) -> Meeting:
    lock_for(f"meeting:{meeting.pk}")
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _has_free_seat(meeting: Meeting) -> bool:
    if meeting.capacity is None:
        return True
    taken = Registration.objects.filter(meeting=meeting, status=Status.CONFIRMED).count()
    return taken < meeting.capacity


def _check_mode(meeting: Meeting, mode: str) -> None:
    if mode not in Registration.Mode.values:
        raise ValidationError({"mode": [_("Choose how you will take part.")]})
    modes: dict[str, set[str]] = {
        Meeting.Mode.IN_PERSON: {Registration.Mode.IN_PERSON},
        Meeting.Mode.REMOTE: {Registration.Mode.REMOTE},
        Meeting.Mode.HYBRID: {Registration.Mode.IN_PERSON, Registration.Mode.REMOTE},
    }
    allowed = modes[meeting.mode]
    if mode not in allowed:
        raise ValidationError({"mode": [_("This meeting cannot be attended this way.")]})


@transaction.atomic
def registration_register(
    *,
    person,
    meeting: Meeting,
    mode: str,
    needs: str = "",
    question: str = "",
    publish_name: bool = False,
    organisation=None,
) -> tuple[Registration, bool]:
    """Register `person`; returns (registration, created). Registering again returns the
    same registration with mode, needs and question updated (created False); after a
    cancellation it queues the person anew (created True). With `organisation` (one the
    person represents) the question is asked, and published, in the organisation's name."""
    if not person.has_perm("councils.register_for_meeting", meeting):
        if not person.is_authenticated:
            raise PermissionDenied(_("Sign in to register."))
        raise Conflict(_("Registration for this meeting is closed."), code="registration_closed")
    _check_mode(meeting, mode)
    check_lengths({"needs": needs, "question": question}, limit=2000)
    if organisation is not None and not organisation.representatives.filter(pk=person.pk).exists():
        raise PermissionDenied(_("You may register only for an organisation you represent."))
    meeting = _lock(meeting)
    registration = (
        Registration.objects.select_for_update().filter(meeting=meeting, person=person).first()
    )
    if registration is not None and registration.status != Status.CANCELLED:
        registration.mode = mode
        registration.needs = needs
        registration.question = question
        registration.publish_name = publish_name
        registration.organisation = organisation
        registration.save(
            update_fields=[
                "mode",
                "needs",
                "question",
                "publish_name",
                "organisation",
                "updated_at",
            ]
        )
        return registration, False
    status = Status.CONFIRMED if _has_free_seat(meeting) else Status.WAITING
    if registration is None:
        registration = Registration.objects.create(
            meeting=meeting,
            person=person,
            mode=mode,
            needs=needs,
            question=question,
            publish_name=publish_name,
            organisation=organisation,
            status=status,
        )
    else:
        registration.mode, registration.needs, registration.question = mode, needs, question
        registration.publish_name = publish_name
        registration.organisation = organisation
        registration.status = status
        registration.queued_at = timezone.now()
        registration.invitation_sequence_sent = -1
        registration.save()
    if status == Status.CONFIRMED:
        from ..tasks import send_invitation

        enqueue_on_commit(send_invitation, registration.pk)
    publish_on_commit("meeting.registration_changed", registration_id=registration.pk)
    return registration, True


@transaction.atomic
def registration_cancel(*, person, meeting: Meeting) -> Registration:
    """Cancel `person`'s registration; the first on the waiting list takes the seat."""
    from ..tasks import send_cancellation, send_invitation

    meeting = _lock(meeting)
    registration = (
        Registration.objects.select_for_update()
        .filter(meeting=meeting, person=person)
        .exclude(status=Status.CANCELLED)
        .first()
    )
    if registration is None:
        from django.http import Http404

        raise Http404
    had_seat = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if had_seat:
        enqueue_on_commit(send_cancellation, registration.pk)
        if meeting.cancelled_at is None and _has_free_seat(meeting):
            promoted = (
                Registration.objects.select_for_update()
                .filter(meeting=meeting, status=Status.WAITING)
                .order_by("queued_at", "id")
                .first()
            )
            if promoted is not None:
                promoted.status = Status.CONFIRMED
                promoted.save(update_fields=["status", "updated_at"])
                enqueue_on_commit(send_invitation, promoted.pk)
                publish_on_commit("meeting.registration_changed", registration_id=promoted.pk)
    publish_on_commit("meeting.registration_changed", registration_id=registration.pk)
    return registration
