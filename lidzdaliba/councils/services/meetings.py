"""Scheduling meetings, their publication deadlines, agenda and minutes.

A meeting's deadlines are computed when it is scheduled or moved, from the rules of its
institution (`DeadlineRules`, defaults in `models.DEFAULTS`):
- a body's meeting: the agenda at least `agenda_working_days` working days before (the same
  time of day, core/working_days.py);
- a consultation's public meeting: the materials (agenda included) at least
  `materials_days` days before;
- every meeting: minutes at most `minutes_days` days after it ends.
Publishing after the deadline needs a reason, which is shown publicly with the mark "late".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record, snapshot
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.limits import check_lengths
from lidzdaliba.core.subjects import subject_type_of
from lidzdaliba.core.tasks import enqueue_on_commit
from lidzdaliba.core.working_days import working_days_before
from lidzdaliba.institutions.models import Institution

from ..models import DEFAULTS, AgendaItem, Body, DeadlineRules, Meeting, Registration

SCHEDULE_FIELDS = [
    "title",
    "description",
    "starts_at",
    "duration",
    "mode",
    "place",
    "accessibility",
    "remote_url",
    "live_url",
    "recording_url",
    "capacity",
]
# Changes registrants must be told about (a new invitation with a higher SEQUENCE).
INVITATION_FIELDS = {"title", "starts_at", "duration", "mode", "place", "remote_url"}
AUDITED_FIELDS = [*SCHEDULE_FIELDS, "agenda_due_at", "materials_due_at", "minutes_due_at"]


def _snapshot(meeting: Meeting) -> dict:
    data = snapshot(meeting, AUDITED_FIELDS)
    data["duration"] = meeting.duration_minutes  # minutes: JSON has no timedelta
    return data


def deadline_rules_for(institution: Institution) -> DeadlineRules:
    return DeadlineRules.objects.filter(institution=institution).first() or DEFAULTS


@dataclass(frozen=True)
class DueDates:
    agenda_due_at: datetime | None
    materials_due_at: datetime | None
    minutes_due_at: datetime


def due_dates_for(
    *, institution: Institution, is_body_meeting: bool, starts_at: datetime, duration: timedelta
) -> DueDates:
    rules = deadline_rules_for(institution)
    local_start = timezone.localtime(starts_at)
    minutes_due = timezone.localtime(starts_at + duration) + timedelta(days=rules.minutes_days)
    if is_body_meeting:
        agenda_due = working_days_before(local_start, rules.agenda_working_days)
        return DueDates(agenda_due, None, minutes_due)
    materials_due = local_start - timedelta(days=rules.materials_days)
    return DueDates(materials_due, materials_due, minutes_due)


def _is_body(subject: models.Model) -> bool:
    return isinstance(subject, Body)


def _require_organiser(actor, meeting: Meeting) -> None:
    if not actor.has_perm("councils.organise_meeting", meeting):
        raise PermissionDenied(_("Only the organisers of this meeting may do this."))


def _validate(meeting: Meeting) -> None:
    errors: dict[str, list[str]] = {}
    if meeting.mode in (Meeting.Mode.IN_PERSON, Meeting.Mode.HYBRID) and not meeting.place.strip():
        errors["place"] = [_("Say where the meeting takes place.")]
    if meeting.duration <= timedelta(0):
        errors["duration"] = [_("The duration must be positive.")]
    if errors:
        raise ValidationError(errors)
    check_lengths({"description": meeting.description})
    meeting.full_clean(exclude=["subject_type", "created_by", "institution"])


def _apply_due_dates(meeting: Meeting, subject_is_body: bool) -> None:
    due = due_dates_for(
        institution=meeting.institution,
        is_body_meeting=subject_is_body,
        starts_at=meeting.starts_at,
        duration=meeting.duration,
    )
    meeting.agenda_due_at = due.agenda_due_at
    meeting.materials_due_at = due.materials_due_at
    meeting.minutes_due_at = due.minutes_due_at


def subject_is_public(subject: models.Model) -> bool:
    """Whether everyone may see `subject`. A meeting is public (its page, the lists, the
    calendars name its subject), so it may only be attached to a subject that is: not to a
    consultation that is still an unpublished draft."""
    subject_type = subject_type_of(subject)
    return subject_type is not None and AnonymousUser().has_perm(
        subject_type.view_permission, subject
    )


@transaction.atomic
def meeting_schedule(*, actor, subject: models.Model, **fields) -> Meeting:
    """Schedule a meeting of `subject` (a body, or a consultation: core/subjects.py)."""
    subject_type = subject_type_of(subject)
    if subject_type is None:
        raise ValidationError(_("Meetings cannot be attached to this."))
    if not actor.has_perm(subject_type.attach_permission, subject):
        raise PermissionDenied(_("You may not schedule meetings of this."))
    if not subject_is_public(subject):
        raise ValidationError(_("Meetings are public: first publish what the meeting belongs to."))
    unknown = set(fields) - set(SCHEDULE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    fields = {k: v for k, v in fields.items() if v is not None}
    meeting = Meeting(
        # Every subject has an institution (core/subjects.py).
        institution_id=subject.institution_id,  # type: ignore[attr-defined]
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        created_by=actor,
        **fields,
    )
    _validate(meeting)
    if meeting.starts_at <= timezone.now():
        raise ValidationError({"starts_at": [_("Choose a moment in the future.")]})
    _apply_due_dates(meeting, _is_body(subject))
    meeting.save()
    audit_record(
        actor=actor,
        action="meeting.schedule",
        target=meeting,
        institution=meeting.institution,
        after=_snapshot(meeting),
    )
    publish_on_commit("meeting.scheduled", meeting_id=meeting.pk)
    return meeting


def _send_invitations(meeting: Meeting) -> None:
    from ..tasks import send_invitation

    for registration_id in Registration.objects.filter(
        meeting=meeting, status=Registration.Status.CONFIRMED
    ).values_list("pk", flat=True):
        enqueue_on_commit(send_invitation, registration_id)


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, **fields) -> Meeting:
    """Change a meeting; a change registrants must know raises the invitation SEQUENCE and
    sends every registrant the updated invitation."""
    _require_organiser(actor, meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.cancelled_at:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    before = _snapshot(meeting)
    for name, value in fields.items():
        if name not in SCHEDULE_FIELDS:
            raise TypeError(f"Unknown meeting field: {name}")
        setattr(meeting, name, value)
    _validate(meeting)
    _apply_due_dates(meeting, meeting.subject_type.model_class() is Body)
    after = _snapshot(meeting)
    changed = {k for k in INVITATION_FIELDS if before[k] != after[k]}
    if changed:
        meeting.sequence += 1
    meeting.save()
    audit_record(
        actor=actor,
        action="meeting.update",
        target=meeting,
        institution=meeting.institution,
        before=before,
        after=_snapshot(meeting),
    )
    if changed:
        _send_invitations(meeting)
    publish_on_commit("meeting.changed", meeting_id=meeting.pk)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting) -> Meeting:
    """Cancel a meeting: registrants receive METHOD:CANCEL for their invitation."""
    _require_organiser(actor, meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.cancelled_at:
        return meeting
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    audit_record(
        actor=actor,
        action="meeting.cancel",
        target=meeting,
        institution=meeting.institution,
        after={"cancelled_at": meeting.cancelled_at},
    )
    _send_invitations(meeting)
    publish_on_commit("meeting.changed", meeting_id=meeting.pk)
    return meeting


@transaction.atomic
def agenda_item_add(
    *, actor, meeting: Meeting, title: str, presenter: str = "", document_url: str = ""
) -> AgendaItem:
    _require_organiser(actor, meeting)
    position = meeting.agenda_items.count() + 1
    item = AgendaItem(
        meeting=meeting,
        position=position,
        title=title,
        presenter=presenter,
        document_url=document_url,
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action="meeting.agenda_item_add",
        target=meeting,
        institution=meeting.institution,
        after=snapshot(item, ["title", "presenter", "document_url"]),
    )
    return item


def _late_reason_required(due: datetime | None, now: datetime, reason: str, field: str) -> None:
    if due is not None and now > due and not reason.strip():
        raise ValidationError(
            {
                field: [
                    _(
                        "The deadline has passed. Give the reason for publishing late; "
                        "it is shown publicly."
                    )
                ]
            }
        )


@transaction.atomic
def agenda_publish(*, actor, meeting: Meeting, late_reason: str = "") -> Meeting:
    """Publish the agenda and materials. After the deadline a reason is required."""
    _require_organiser(actor, meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.agenda_published_at:
        raise ValidationError(_("The agenda is already published."))
    if not meeting.agenda_items.exists():
        raise ValidationError(_("Add at least one agenda item first."))
    now = timezone.now()
    _late_reason_required(meeting.publication_due_at, now, late_reason, "late_reason")
    check_lengths({"late_reason": late_reason}, limit=2000)
    meeting.agenda_published_at = now
    meeting.agenda_late_reason = late_reason.strip() if meeting.agenda_late_at(now) else ""
    meeting.save(update_fields=["agenda_published_at", "agenda_late_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="meeting.agenda_publish",
        target=meeting,
        institution=meeting.institution,
        after=snapshot(meeting, ["agenda_published_at", "agenda_late_reason"]),
    )
    publish_on_commit("meeting.agenda_published", meeting_id=meeting.pk)
    return meeting


@transaction.atomic
def minutes_publish(
    *,
    actor,
    meeting: Meeting,
    minutes: str,
    decisions: str = "",
    summary: str = "",
    late_reason: str = "",
) -> Meeting:
    """Publish the minutes, decisions and the "what we heard" summary after the meeting.
    After the deadline a reason is required; registrants are notified (event)."""
    _require_organiser(actor, meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    now = timezone.now()
    if meeting.starts_at > now:
        raise ValidationError(_("Minutes can be published once the meeting has taken place."))
    if meeting.minutes_published_at:
        raise ValidationError(_("The minutes are already published."))
    if not minutes.strip():
        raise ValidationError({"minutes": [_("Write the minutes.")]})
    check_lengths({"minutes": minutes, "decisions": decisions, "summary": summary})
    _late_reason_required(meeting.minutes_due_at, now, late_reason, "late_reason")
    meeting.minutes = minutes
    meeting.decisions = decisions
    meeting.summary = summary
    meeting.minutes_published_at = now
    meeting.minutes_late_reason = late_reason.strip() if meeting.minutes_late_at(now) else ""
    meeting.save()
    audit_record(
        actor=actor,
        action="meeting.minutes_publish",
        target=meeting,
        institution=meeting.institution,
        after=snapshot(meeting, ["minutes_published_at", "minutes_late_reason"]),
    )
    from ..tasks import send_minutes_notice

    enqueue_on_commit(send_minutes_notice, meeting.pk)
    publish_on_commit("meeting.minutes_published", meeting_id=meeting.pk)
    return meeting


ATTENDANCE_VALUES = {"", "present", "remote", "excused"}


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, attendance: dict[int, str]) -> int:
    """Record who attended (present, remote, excused; "" for absent), by registration id.
    Names go into the public minutes only for those who allowed it (`publish_name`)."""
    _require_organiser(actor, meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the meeting has started."))
    if set(attendance.values()) - ATTENDANCE_VALUES:
        raise ValidationError(_("Unknown attendance."))
    registrations = Registration.objects.filter(meeting=meeting, pk__in=list(attendance))
    changed = 0
    for registration in registrations:
        value = attendance[registration.pk]
        if registration.attended != value:
            registration.attended = value
            registration.save(update_fields=["attended", "updated_at"])
            changed += 1
    audit_record(
        actor=actor,
        action="meeting.attendance_record",
        target=meeting,
        institution=meeting.institution,
        after={"attendance": {str(k): v for k, v in sorted(attendance.items())}},
    )
    return changed
