"""API endpoints of bodies, meetings and recommendations: thin — parse, call a selector or
service, shape the reply. Same conventions and errors as the rest of v1 (DESIGN.md)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as HttpStatus

from lidzdaliba.accounts.api_auth import bearer, optional_bearer
from lidzdaliba.core.api_schemas import ERRORS as API_ERRORS
from lidzdaliba.core.api_schemas import (
    ErrorOut,
    InstitutionRef,
    PageMeta,
    PageQuery,
    SubjectOut,
    schema_enum,
)
from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.subjects import load_subject, subject_type_of
from lidzdaliba.institutions.models import Institution

from . import selectors, services
from .models import Body, Meeting, Member, Recommendation, Registration

bodies_router = Router(tags=["bodies"], auth=optional_bearer)
meetings_router = Router(tags=["meetings"], auth=optional_bearer)
recommendations_router = Router(tags=["recommendations"], auth=optional_bearer)

ERRORS = {**API_ERRORS, 409: ErrorOut}
NOTE_CHARS = 2000


BodyKind = schema_enum("BodyKind", Body.Kind)
MemberRole = schema_enum("MemberRole", Member.Role)
MeetingMode = schema_enum("MeetingMode", Meeting.Mode)
RegistrationMode = schema_enum("RegistrationMode", Registration.Mode)
RegistrationStatus = schema_enum("RegistrationStatus", Registration.Status)
RecommendationStatus = schema_enum("RecommendationStatus", Recommendation.Status)


# --- Schemas --------------------------------------------------------------------------------


class GroupOut(Schema):
    slug: str
    name: str


class MemberOut(Schema):
    name: str
    kind: str  # person | organisation
    role: MemberRole
    starts_on: str
    ends_on: str | None
    represented_groups: list[str]


class BodyOut(Schema):
    id: int
    url: str
    name: str
    kind: BodyKind
    institution: InstitutionRef
    term_starts_on: str
    term_ends_on: str | None
    accepting_applications: bool


class BodyDetailOut(BodyOut):
    purpose: str
    terms_of_reference_url: str
    members: list[MemberOut]
    represented_groups: list[GroupOut]
    unrepresented_groups: list[GroupOut]


class BodyPage(PageMeta):
    results: list[BodyOut]


class MeetingOut(Schema):
    id: int
    url: str
    title: str
    institution: InstitutionRef
    subject: SubjectOut | None
    starts_at: datetime
    ends_at: datetime
    mode: MeetingMode
    place: str
    accessibility: str
    live_url: str
    recording_url: str
    capacity: int | None
    cancelled: bool
    agenda_published_at: datetime | None
    agenda_due_at: datetime | None
    materials_due_at: datetime | None
    minutes_published_at: datetime | None
    minutes_due_at: datetime | None
    agenda_late: bool
    minutes_late: bool
    agenda_late_reason: str
    minutes_late_reason: str


class AgendaItemOut(Schema):
    title: str
    presenter: str
    document_url: str


class MeetingDetailOut(MeetingOut):
    description: str
    remote_url: str | None = Field(
        None, description="Only for registered participants and the organisers."
    )
    agenda: list[AgendaItemOut]
    minutes: str
    decisions: str
    summary: str


class MeetingPage(PageMeta):
    results: list[MeetingOut]


class MeetingIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    starts_at: datetime
    mode: MeetingMode
    duration_minutes: int = Field(120, ge=15, le=24 * 60)
    place: str = Field("", max_length=300)
    remote_url: str = Field("", max_length=500)
    capacity: int | None = Field(None, ge=1)
    description: str = Field("", max_length=20000)


class RegistrationIn(Schema):
    mode: RegistrationMode
    needs: str = Field("", max_length=NOTE_CHARS)
    question: str = Field("", max_length=NOTE_CHARS)


class RegistrationOut(Schema):
    id: int
    meeting_id: int
    mode: RegistrationMode
    status: RegistrationStatus
    needs: str
    question: str
    remote_url: str | None
    created_at: datetime


class RecommendationOut(Schema):
    id: int
    body_id: int
    text: str
    adopted_on: str
    meeting_id: int | None
    addressed_to: InstitutionRef
    due_on: str
    status: RecommendationStatus
    outcome: Outcome | None
    reason: str
    answered_at: datetime | None


class RecommendationPage(PageMeta):
    results: list[RecommendationOut]


class RecommendationAnswerIn(Schema):
    outcome: Outcome
    reason: str = Field(..., max_length=20000)


class BodyQuery(PageQuery):
    institution: str | None = None
    kind: BodyKind | None = None


class MeetingQuery(PageQuery):
    body: int | None = None
    institution: str | None = None
    consultation: int | None = None
    from_: datetime | None = Field(None, alias="from")
    to: datetime | None = None


# --- Shaping --------------------------------------------------------------------------------


def _page(items, page: int, page_size: int, shape, prepare=list) -> dict:
    count = items.count()
    start = (page - 1) * page_size
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": max(1, math.ceil(count / page_size)),
        "results": [shape(item) for item in prepare(items[start : start + page_size])],
    }


def _institution(institution: Institution) -> dict:
    return {"id": institution.pk, "slug": institution.slug, "name": institution.name}


def _body_out(request, body: Body) -> dict:
    return {
        "id": body.pk,
        "url": request.build_absolute_uri(reverse("councils:body", args=[body.pk])),
        "name": body.name,
        "kind": body.kind,
        "institution": _institution(body.institution),
        "term_starts_on": body.term_starts_on.isoformat(),
        "term_ends_on": body.term_ends_on.isoformat() if body.term_ends_on else None,
        "accepting_applications": body.accepting_applications,
    }


def _group(group) -> dict:
    return {"slug": group.slug, "name": group.display_name}


def _meeting_out(request, meeting: Meeting, now: datetime) -> dict:
    subject = (
        meeting.__dict__["subject"]
        if "subject" in meeting.__dict__
        else load_subject(meeting.subject_type_id, meeting.subject_id)
    )
    subject_type = subject_type_of(subject) if subject else None
    return {
        "id": meeting.pk,
        "url": request.build_absolute_uri(reverse("councils:meeting", args=[meeting.pk])),
        "title": meeting.title,
        "institution": _institution(meeting.institution),
        "subject": {"kind": subject_type.kind, "id": subject.pk, "title": str(subject)}
        if subject_type
        else None,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "mode": meeting.mode,
        "place": meeting.place,
        "accessibility": meeting.accessibility,
        "live_url": meeting.live_url,
        "recording_url": meeting.recording_url,
        "capacity": meeting.capacity,
        "cancelled": meeting.cancelled_at is not None,
        "agenda_published_at": meeting.agenda_published_at,
        "agenda_due_at": meeting.agenda_due_at,
        "materials_due_at": meeting.materials_due_at,
        "minutes_published_at": meeting.minutes_published_at,
        "minutes_due_at": meeting.minutes_due_at,
        "agenda_late": meeting.agenda_late_at(now),
        "minutes_late": meeting.minutes_late_at(now),
        "agenda_late_reason": meeting.agenda_late_reason,
        "minutes_late_reason": meeting.minutes_late_reason,
    }


def _meeting_detail_out(request, meeting: Meeting) -> dict:
    data = _meeting_out(request, meeting, timezone.now())
    organiser = request.user.has_perm("councils.organise_meeting", meeting)
    show_agenda = meeting.agenda_published_at is not None or organiser
    data.update(
        description=meeting.description,
        remote_url=meeting.remote_url
        if request.user.has_perm("councils.view_remote_link", meeting)
        else None,
        agenda=[
            {"title": i.title, "presenter": i.presenter, "document_url": i.document_url}
            for i in meeting.agenda_items.all()
        ]
        if show_agenda
        else [],
        minutes=meeting.minutes if meeting.minutes_published_at else "",
        decisions=meeting.decisions if meeting.minutes_published_at else "",
        summary=meeting.summary if meeting.minutes_published_at else "",
    )
    return data


def _registration_out(registration: Registration) -> dict:
    meeting = registration.meeting
    confirmed = registration.status == Registration.Status.CONFIRMED
    return {
        "id": registration.pk,
        "meeting_id": meeting.pk,
        "mode": registration.mode,
        "status": registration.status,
        "needs": registration.needs,
        "question": registration.question,
        "remote_url": meeting.remote_url or None if confirmed and meeting.has_remote_part else None,
        "created_at": registration.created_at,
    }


def _recommendation_out(recommendation: Recommendation) -> dict:
    return {
        "id": recommendation.pk,
        "body_id": recommendation.body_id,
        "text": recommendation.text,
        "adopted_on": recommendation.adopted_on.isoformat(),
        "meeting_id": recommendation.meeting_id,
        "addressed_to": _institution(recommendation.addressed_to),
        "due_on": recommendation.due_on.isoformat(),
        "status": recommendation.status,
        "outcome": recommendation.outcome or None,
        "reason": recommendation.reason,
        "answered_at": recommendation.answered_at,
    }


def _institution_by_slug(slug: str | None) -> Institution | None:
    """The institution a filter names; an unknown one is invalid input (422), as in the
    consultation list."""
    if not slug:
        return None
    institution = Institution.objects.filter(slug=slug).first()
    if institution is None:
        raise ValidationError({"institution": [_("No such institution.")]})
    return institution


# --- Bodies ---------------------------------------------------------------------------------


@bodies_router.get("", response={200: BodyPage, **ERRORS})
def list_bodies(request, query: Query[BodyQuery]):
    """Consultative bodies; filters: institution (slug), kind."""
    filters = selectors.BodyFilters(
        institution=_institution_by_slug(query.institution),
        kind=query.kind.value if query.kind else None,
    )
    bodies = selectors.body_list(filters=filters)
    return _page(bodies, query.page, query.page_size, lambda b: _body_out(request, b))


@bodies_router.get("/{int:body_id}", response={200: BodyDetailOut, **ERRORS})
def get_body(request, body_id: int):
    """A body with its current members (roles, represented groups) and which of the
    groups it should represent are represented and which are not."""
    body = selectors.body_get(pk=body_id)
    members = selectors.members_of(body)
    representation = selectors.representation_of(body, members)
    return {
        **_body_out(request, body),
        "purpose": body.purpose,
        "terms_of_reference_url": body.terms_of_reference_url,
        "members": [
            {
                "name": m.name,
                "kind": "organisation" if m.organisation_id else "person",
                "role": m.role,
                "starts_on": m.starts_on.isoformat(),
                "ends_on": m.ends_on.isoformat() if m.ends_on else None,
                "represented_groups": [g.slug for g in m.represented_groups.all()],
            }
            for m in members
        ],
        "represented_groups": [_group(g) for g in representation.represented],
        "unrepresented_groups": [_group(g) for g in representation.unrepresented],
    }


@bodies_router.post(
    "/{int:body_id}/meetings", response={201: MeetingDetailOut, **ERRORS}, auth=bearer
)
def create_meeting(request, body_id: int, payload: MeetingIn):
    """Schedule a meeting of the body (its secretary and its institution's officers). The
    answer carries the computed deadlines for the agenda and the minutes."""
    body = selectors.body_get(pk=body_id)
    fields = payload.dict()
    fields["duration"] = timedelta(minutes=fields.pop("duration_minutes"))
    meeting = services.meeting_schedule(actor=request.user, subject=body, **fields)
    return HttpStatus(201, _meeting_detail_out(request, selectors.meeting_get(pk=meeting.pk)))


@bodies_router.get("/{int:body_id}/recommendations", response={200: RecommendationPage, **ERRORS})
def list_recommendations(request, body_id: int, query: Query[PageQuery]):
    """The body's recommendations, newest first, each with its status and answer."""
    body = selectors.body_get(pk=body_id)
    return _page(
        selectors.recommendations_of(body), query.page, query.page_size, _recommendation_out
    )


# --- Meetings -------------------------------------------------------------------------------


@meetings_router.get("", response={200: MeetingPage, **ERRORS})
def list_meetings(request, query: Query[MeetingQuery]):
    """Meetings, latest first; filters: body (id), institution (slug), consultation (id),
    from and to (the start, ISO 8601)."""
    filters = selectors.MeetingFilters(
        body=query.body,
        institution=_institution_by_slug(query.institution),
        consultation=query.consultation,
        starts_from=query.from_,
        starts_to=query.to,
    )
    now = timezone.now()
    return _page(
        selectors.meeting_list(filters=filters),
        query.page,
        query.page_size,
        lambda m: _meeting_out(request, m, now),
        prepare=lambda rows: selectors.attach_subjects(list(rows)),
    )


@meetings_router.get("/{int:meeting_id}", response={200: MeetingDetailOut, **ERRORS})
def get_meeting(request, meeting_id: int):
    """One meeting. `remote_url` only for registered participants and the organisers."""
    return _meeting_detail_out(request, selectors.meeting_get(pk=meeting_id))


@meetings_router.post(
    "/{int:meeting_id}/registrations",
    response={200: RegistrationOut, 201: RegistrationOut, **ERRORS},
    auth=bearer,
)
def register(request, meeting_id: int, payload: RegistrationIn):
    """Register (201); registering again answers 200 with the same registration, its mode,
    needs and question updated. A full meeting puts you on the waiting list
    (`status: waiting`); a cancellation gives the first one waiting the place."""
    meeting = selectors.meeting_get(pk=meeting_id)
    registration, created = services.registration_register(
        person=request.user,
        meeting=meeting,
        mode=payload.mode.value,
        needs=payload.needs,
        question=payload.question,
    )
    registration.meeting = meeting
    return HttpStatus(201 if created else 200, _registration_out(registration))


@meetings_router.delete(
    "/{int:meeting_id}/registrations/me", response={204: None, **ERRORS}, auth=bearer
)
def unregister(request, meeting_id: int):
    """Cancel your registration (404 if you have none)."""
    meeting = selectors.meeting_get(pk=meeting_id)
    services.registration_cancel(person=request.user, meeting=meeting)
    return HttpStatus(204, None)


# --- Recommendations ------------------------------------------------------------------------


@recommendations_router.post(
    "/{int:recommendation_id}/answer", response={200: RecommendationOut, **ERRORS}, auth=bearer
)
def answer_recommendation(request, recommendation_id: int, payload: RecommendationAnswerIn):
    """Answer a recommendation (responders of the addressed institution): an outcome and,
    always, a reason."""
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("addressed_to"), pk=recommendation_id
    )
    if not request.user.has_perm("councils.answer_recommendation", recommendation):
        raise PermissionDenied(
            _("Only responders of the addressed institution may answer this recommendation.")
        )
    recommendation = services.recommendation_answer(
        actor=request.user,
        recommendation=recommendation,
        outcome=payload.outcome.value,
        reason=payload.reason,
    )
    recommendation.addressed_to = recommendation.addressed_to
    return _recommendation_out(recommendation)
