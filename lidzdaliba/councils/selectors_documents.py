"""Reads behind the councils documents: minutes and member lists as plain export data
(`councils.exports`), and the questions sent in advance with their answers.

The public-safety rules live here, once, for the page and every download alike: a private
person's name is shown only with their consent (`Registration.publish_name`), an
organisation's always; an asker of a question is never named unless they asked on behalf
of an organisation; answers are public only once the minutes are.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from lidzdaliba.core.subjects import load_subject

from . import selectors
from .exports import AnsweredQuestion, MemberListData, MemberRow, MinutesData
from .models import Body, Meeting, Registration


def subject_name(meeting: Meeting) -> str:
    subject = load_subject(meeting.subject_type_id, meeting.subject_id)
    return str(subject) if subject is not None else ""


def questions_of(meeting: Meeting) -> QuerySet[Registration]:
    """Every registration that asked a question in advance (organisers see them all,
    cancelled ones included: the question was still sent)."""
    return (
        Registration.objects.filter(meeting=meeting)
        .exclude(question="")
        .select_related("person", "organisation", "answered_by")
        .order_by("created_at", "id")
    )


def public_answers(meeting: Meeting) -> list[AnsweredQuestion]:
    """The answered questions as the public sees them, once the minutes are published."""
    if meeting.minutes_published_at is None:
        return []
    return [
        AnsweredQuestion(
            question=registration.question,
            answer=registration.answer,
            asker=registration.organisation.name if registration.organisation_id else "",
        )
        for registration in questions_of(meeting).filter(answered_at__isnull=False)
    ]


def _attendance_label(value: str) -> str:
    choices = dict(Registration._meta.get_field("attended").choices or [])
    return str(choices.get(value, value))


def minutes_data(meeting: Meeting) -> MinutesData:
    """The published minutes of `meeting` as export data. Participants who recorded an
    attendance are named only with their consent; the others are counted."""
    attended = list(
        Registration.objects.filter(meeting=meeting)
        .exclude(attended="")
        .select_related("person")
        .order_by("id")
    )
    named = [r for r in attended if r.publish_name]
    return MinutesData(
        institution=meeting.institution.display_name,
        body=subject_name(meeting),
        meeting_title=meeting.title,
        starts_at=meeting.starts_at,
        mode=str(meeting.get_mode_display()),
        place=meeting.place,
        minutes=meeting.minutes,
        decisions=meeting.decisions,
        summary=meeting.summary,
        late_reason=meeting.minutes_late_reason,
        participants=sorted(
            ((r.person.display_name, _attendance_label(r.attended)) for r in named),
            key=lambda row: row[0],
        ),
        unnamed_participants=len(attended) - len(named),
        answers=public_answers(meeting),
    )


def member_list_data(body: Body) -> MemberListData:
    """The body's current members as its public page lists them (chair first)."""
    members = selectors.members_of(body)
    representation = selectors.representation_of(body, members)
    return MemberListData(
        institution=body.institution.display_name,
        body=body.name,
        kind=str(body.get_kind_display()),
        term_starts_on=body.term_starts_on,
        term_ends_on=body.term_ends_on,
        generated_on=timezone.localdate(),
        members=[
            MemberRow(
                name=member.name,
                role=str(member.get_role_display()),
                represents=[group.display_name for group in member.represented_groups.all()],
                starts_on=member.starts_on,
                ends_on=member.ends_on,
            )
            for member in members
        ],
        represented=[group.display_name for group in representation.represented],
        unrepresented=[group.display_name for group in representation.unrepresented],
    )


# --- Calls for members ------------------------------------------------------------------


def applications_open(body: Body, *, today=None) -> bool:
    """The body takes applications (the same test as the apply rule): open, and not past
    the closing day of its call, if it has one."""
    today = today or timezone.localdate()
    return body.accepting_applications and (
        body.call_open_until is None or body.call_open_until >= today
    )


def call_is_open(body: Body, *, today=None) -> bool:
    """A published call that still takes applications."""
    return body.call_published_at is not None and applications_open(body, today=today)


def open_calls(*, institution=None) -> QuerySet[Body]:
    """Bodies with an open published call for members, newest call first."""
    today = timezone.localdate()
    bodies = Body.objects.filter(
        call_published_at__isnull=False, accepting_applications=True
    ).exclude(call_open_until__lt=today)
    if institution is not None:
        bodies = bodies.filter(institution=institution)
    return bodies.select_related("institution").order_by("-call_published_at", "-id")


def published_calls(*, institution=None, limit: int = 50) -> list[Body]:
    """Bodies whose call for members was ever published, newest first (for feeds)."""
    bodies = Body.objects.filter(call_published_at__isnull=False)
    if institution is not None:
        bodies = bodies.filter(institution=institution)
    return list(
        bodies.select_related("institution")
        .prefetch_related("affected_groups")
        .order_by("-call_published_at", "-id")[:limit]
    )
