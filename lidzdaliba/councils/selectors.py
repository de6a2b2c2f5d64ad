"""Reads of bodies and meetings: lists with their filters, pages, the answer record and the
secretary's desk. Views, the API and the consumers (calendar) ask these."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lidzdaliba.core.subjects import (
    SubjectType,
    content_type_of,
    subject_type_by_kind,
    subject_type_for,
)
from lidzdaliba.institutions.models import AffectedGroup, Institution

from .models import Application, Body, Meeting, Member, Recommendation, Registration


def body_content_type() -> ContentType:
    return ContentType.objects.get_for_model(Body)


@dataclass(frozen=True)
class BodyFilters:
    institution: Institution | None = None
    kind: str | None = None


def body_list(*, filters: BodyFilters | None = None) -> QuerySet[Body]:
    filters = filters or BodyFilters()
    bodies = Body.objects.select_related("institution")
    if filters.institution is not None:
        bodies = bodies.filter(institution=filters.institution)
    if filters.kind:
        bodies = bodies.filter(kind=filters.kind)
    return bodies.order_by("institution__name", "name", "id")


def body_get(*, pk: int) -> Body:
    return get_object_or_404(Body.objects.select_related("institution", "secretary"), pk=pk)


def members_of(body: Body, *, current: bool = True, on: date | None = None) -> list[Member]:
    """Current members (or past ones, `current=False`), chair first."""
    today = on or timezone.localdate()
    members = Member.objects.filter(body=body).select_related("person", "organisation")
    is_current = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    members = members.filter(is_current) if current else members.exclude(is_current)
    order = [Member.Role.CHAIR, Member.Role.DEPUTY, Member.Role.SECRETARY, Member.Role.MEMBER]
    rank: dict[str, int] = {role: n for n, role in enumerate([*order, Member.Role.OBSERVER])}
    result = list(members.prefetch_related("represented_groups"))
    return sorted(result, key=lambda m: (rank.get(m.role, 9), m.name))


@dataclass(frozen=True)
class Representation:
    represented: list[AffectedGroup]
    unrepresented: list[AffectedGroup]


def representation_of(body: Body, members: list[Member] | None = None) -> Representation:
    """Which of the groups the body should represent its current members represent."""
    members = members if members is not None else members_of(body)
    expected = list(body.affected_groups.all()) or list(AffectedGroup.objects.all())
    covered = {group.pk for member in members for group in member.represented_groups.all()}
    return Representation(
        represented=[g for g in expected if g.pk in covered],
        unrepresented=[g for g in expected if g.pk not in covered],
    )


def recommendations_of(body: Body) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(body=body).select_related("addressed_to", "meeting")


@dataclass(frozen=True)
class AnswerRecord:
    total: int
    answered: int
    answered_on_time: int
    median_days: float | None

    @property
    def share_answered(self) -> float | None:
        return self.answered / self.total if self.total else None

    @property
    def share_on_time(self) -> float | None:
        return self.answered_on_time / self.total if self.total else None


def answer_record(body: Body) -> AnswerRecord:
    """How the institutions answered the body: the share answered, the share answered by
    the deadline (of all recommendations), and the median days from adoption to answer."""
    rows = list(recommendations_of(body).values("adopted_on", "due_on", "answered_at"))
    answered = [r for r in rows if r["answered_at"] is not None]
    days = [(timezone.localdate(r["answered_at"]) - r["adopted_on"]).days for r in answered]
    on_time = [r for r in answered if timezone.localdate(r["answered_at"]) <= r["due_on"]]
    return AnswerRecord(
        total=len(rows),
        answered=len(answered),
        answered_on_time=len(on_time),
        median_days=statistics.median(days) if days else None,
    )


def applications_of(body: Body) -> QuerySet[Application]:
    return Application.objects.filter(body=body).select_related("applicant", "organisation")


# --- Meetings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingFilters:
    body: int | None = None
    institution: Institution | None = None
    consultation: int | None = None
    starts_from: datetime | None = None
    starts_to: datetime | None = None


def meeting_list(*, filters: MeetingFilters | None = None) -> QuerySet[Meeting]:
    filters = filters or MeetingFilters()
    meetings = Meeting.objects.select_related("institution", "subject_type")
    if filters.body is not None:
        meetings = meetings.filter(subject_type=body_content_type(), subject_id=filters.body)
    if filters.consultation is not None:
        meetings = meetings.filter(
            subject_type=content_type_of("consultations.consultation"),
            subject_id=filters.consultation,
        )
    if filters.institution is not None:
        meetings = meetings.filter(institution=filters.institution)
    if filters.starts_from is not None:
        meetings = meetings.filter(starts_at__gte=filters.starts_from)
    if filters.starts_to is not None:
        meetings = meetings.filter(starts_at__lt=filters.starts_to)
    return meetings.order_by("-starts_at", "-id")


def attach_subjects(meetings: list[Meeting]) -> list[Meeting]:
    """Load the subject of every meeting with one query per subject type (not one per
    meeting) and set it as `meeting.subject`; None when the type is not registered."""
    by_type: dict[int, set[int]] = {}
    for meeting in meetings:
        by_type.setdefault(meeting.subject_type_id, set()).add(meeting.subject_id)
    loaded: dict[tuple[int, int], object] = {}
    for type_id, ids in by_type.items():
        content_type = ContentType.objects.get_for_id(type_id)
        label = f"{content_type.app_label}.{content_type.model}"
        if content_type.model_class() is None or subject_type_for(label) is None:
            continue
        for obj in content_type.get_all_objects_for_this_type(pk__in=ids):
            loaded[(type_id, obj.pk)] = obj
    for meeting in meetings:
        meeting.__dict__["subject"] = loaded.get((meeting.subject_type_id, meeting.subject_id))
    return meetings


def subject_get(*, kind: str, pk: int, user) -> tuple[Model, SubjectType]:
    """The subject of kind `kind` ("consultation", "body": core/subjects.py) with id `pk`, and
    its type, for someone who may see it; 404 otherwise (a draft stays unknown)."""
    subject_type = subject_type_by_kind(kind)
    if subject_type is None:
        raise Http404
    subject = content_type_of(subject_type.label).get_all_objects_for_this_type(pk=pk).first()
    if subject is None or not user.has_perm(subject_type.view_permission, subject):
        raise Http404
    return subject, subject_type


def meeting_subject_key(meeting_id: int) -> tuple[str, int] | None:
    """The subject of a meeting as (model label, id), without loading it; None if the
    meeting is gone. For consumers that refresh the subject's pages."""
    row = (
        Meeting.objects.filter(pk=meeting_id)
        .values_list("subject_type__app_label", "subject_type__model", "subject_id")
        .first()
    )
    return (f"{row[0]}.{row[1]}", row[2]) if row else None


def meetings_of_body(body: Body) -> QuerySet[Meeting]:
    return meeting_list(filters=MeetingFilters(body=body.pk))


def meeting_get(*, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("institution", "subject_type").prefetch_related(
            "agenda_items"
        ),
        pk=pk,
    )


def registration_of(*, user, meeting: Meeting) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(meeting=meeting, person=user).first()


def registrations_of(meeting: Meeting) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(meeting=meeting)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("person")
        .order_by("status", "queued_at", "id")
    )


def seats_taken(meeting: Meeting) -> int:
    return Registration.objects.filter(
        meeting=meeting, status=Registration.Status.CONFIRMED
    ).count()


def public_attendance(meeting: Meeting) -> list[str]:
    """Names of those present, as the minutes may show them: private persons only with
    their consent (the rest are counted, not named)."""
    rows = registrations_of(meeting).exclude(attended="").filter(publish_name=True)
    return [r.person.display_name for r in rows]


def calendar_meetings(
    *, institution: Institution | None = None, since: datetime, limit: int = 500
) -> list[Meeting]:
    """Meetings not cancelled that start after `since`, soonest first (for calendars)."""
    meetings = Meeting.objects.filter(starts_at__gte=since, cancelled_at__isnull=True)
    if institution is not None:
        meetings = meetings.filter(institution=institution)
    return list(meetings.select_related("institution").order_by("starts_at", "id")[:limit])


# --- The secretary's desk ---------------------------------------------------------------


@dataclass(frozen=True)
class SecretaryDesk:
    bodies: list[Body]
    upcoming: list[Meeting]
    minutes_overdue: list[Meeting]
    pending_applications: list[Application]
    recommendations_to_answer: list[Recommendation]


def bodies_run_by(*, user) -> QuerySet[Body]:
    from lidzdaliba.institutions.models import OfficerRole

    institutions = OfficerRole.objects.filter(user=user).values("institution_id")
    return Body.objects.filter(Q(secretary=user) | Q(institution_id__in=institutions)).distinct()


def secretary_desk(*, user, now: datetime | None = None) -> SecretaryDesk:
    from lidzdaliba.institutions.models import OfficerRole

    now = now or timezone.now()
    bodies = Body.objects.all() if user.is_coordinator else bodies_run_by(user=user)
    body_ids = list(bodies.values_list("pk", flat=True))
    institution_ids = list(
        OfficerRole.objects.filter(user=user).values_list("institution_id", flat=True)
    )
    own_meetings = Meeting.objects.filter(
        Q(subject_type=body_content_type(), subject_id__in=body_ids)
        | Q(institution_id__in=institution_ids)
    )
    if user.is_coordinator:
        own_meetings = Meeting.objects.all()
    return SecretaryDesk(
        bodies=list(bodies.select_related("institution").order_by("name")),
        upcoming=list(
            own_meetings.filter(starts_at__gte=now, cancelled_at__isnull=True).order_by(
                "starts_at"
            )[:50]
        ),
        minutes_overdue=list(own_meetings.minutes_overdue(now).order_by("minutes_due_at")[:50]),
        pending_applications=list(
            Application.objects.filter(body_id__in=body_ids, status=Application.Status.PENDING)
            .select_related("body", "applicant")
            .order_by("created_at")[:50]
        ),
        recommendations_to_answer=list(
            Recommendation.objects.filter(
                addressed_to_id__in=institution_ids, answered_at__isnull=True
            )
            .select_related("body")
            .order_by("due_on")[:50]
        ),
    )


def registration_prefetch() -> Prefetch:
    return Prefetch("registrations", queryset=Registration.objects.select_related("person"))
