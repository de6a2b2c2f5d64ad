"""API endpoints of consultations: thin — parse, call a selector or service, shape the reply."""

from __future__ import annotations

import math
from datetime import datetime
from enum import Enum, StrEnum
from typing import TypeVar

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as HttpStatus

from lidzdaliba.accounts.api_auth import bearer, optional_bearer
from lidzdaliba.core.api_schemas import ERRORS as API_ERRORS
from lidzdaliba.core.api_schemas import ErrorOut, InstitutionRef, PageMeta, PageQuery, schema_enum
from lidzdaliba.core.enums import (
    ActType,
    OpinionKind,
    Outcome,
    ParticipationForm,
    PolicyStage,
)
from lidzdaliba.core.limits import LONG_TEXT_CHARS

from . import selectors, services
from .exports import CONTENT_TYPES as EXPORT_CONTENT_TYPES
from .exports import FORMATS, filename
from .exports import render as render_export
from .feedback import feedback_table_for
from .forms import ConsultationFilterForm
from .models import Consultation, HiddenReason, Opinion, OpinionStatus, Status

router = Router(tags=["consultations"], auth=optional_bearer)
opinions_router = Router(tags=["opinions"], auth=optional_bearer)

ERRORS = {**API_ERRORS, 409: ErrorOut}


# --- Schemas --------------------------------------------------------------------------------


ConsultationStatus = schema_enum("ConsultationStatus", Status)


class ConsultationOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    institution: InstitutionRef
    topic: str
    territory: str
    policy_stage: PolicyStage
    participation_form: ParticipationForm
    act_type: ActType
    affected_groups: list[str]
    status: ConsultationStatus  # type: ignore[valid-type]
    announced_at: datetime | None
    opens_at: datetime
    closes_at: datetime
    short_period_justification: str
    responsible_official: str
    contact_email: str
    feedback_published_at: datetime | None
    decided_at: datetime | None
    decision_url: str
    opinion_count: int = 0

    @staticmethod
    def resolve_url(obj: Consultation, context) -> str:
        return context["request"].build_absolute_uri(reverse("consultations:detail", args=[obj.pk]))

    @staticmethod
    def resolve_topic(obj: Consultation) -> str:
        return obj.topic.slug

    @staticmethod
    def resolve_territory(obj: Consultation) -> str:
        return obj.territory.slug

    @staticmethod
    def resolve_affected_groups(obj: Consultation) -> list[str]:
        return [group.slug for group in obj.affected_groups.all()]

    @staticmethod
    def resolve_institution(obj: Consultation) -> dict:
        return {
            "id": obj.institution.pk,
            "slug": obj.institution.slug,
            "name": obj.institution.name,
        }


class ClauseOut(Schema):
    id: int
    number: str
    is_heading: bool
    text: str
    opinion_count: int = 0


class ConsultationDetailOut(ConsultationOut):
    problem: str
    goal: str
    version: int | None = None
    clauses: list[ClauseOut] = []


class ConsultationPage(PageMeta):
    results: list[ConsultationOut]


class AnswerOut(Schema):
    outcome: Outcome
    reason: str
    new_wording: str
    answered_at: datetime


class OpinionOut(Schema):
    id: int
    reference: str
    url: str
    consultation_id: int
    clause_id: int | None
    clause_number: str | None
    kind: OpinionKind
    # "withdrawn": the author took it back while the consultation was open; its text is
    # then empty except for its author's side and the institution. "answered" only for
    # those who may know before the feedback is published (author's side, officers).
    status: OpinionStatus
    text: str = Field(
        description='For a hidden opinion: "Hidden: <reason>", unless the reader may see it.'
    )
    proposed_wording: str
    submitter: str
    created_at: datetime
    edited_at: datetime | None = None
    withdrawn_at: datetime | None = None
    hidden_reason: HiddenReason | None = Field(
        None, description="Why the text is withheld from the public; null when it is shown."
    )
    answer: AnswerOut | None = None


class OpinionPage(PageMeta):
    results: list[OpinionOut]


class OpinionIn(Schema):
    kind: OpinionKind
    text: str = Field(..., min_length=1, max_length=LONG_TEXT_CHARS)
    clause_id: int | None = None
    proposed_wording: str = Field("", max_length=LONG_TEXT_CHARS)
    organisation_id: int | None = None
    show_name: bool = False


class AnswerIn(Schema):
    outcome: Outcome
    reason: str = Field(..., max_length=LONG_TEXT_CHARS)
    new_wording: str = Field("", max_length=LONG_TEXT_CHARS)


PublicStatus = schema_enum(  # the list is public: drafts are never in it
    "ConsultationPublicStatus", {s.name: s.value for s in Status if s != Status.DRAFT}
)


class ListQuery(Schema):
    q: str = ""
    institution: str | None = None
    status: PublicStatus | None = None
    stage: PolicyStage | None = None
    topic: str | None = None
    territory: str | None = None
    group: str | None = None
    form: ParticipationForm | None = None
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(settings.PAGE_SIZE, ge=1, le=settings.API_PAGE_SIZE_MAX)


# JSON, and every file format the exports render: one list, so the API cannot offer a
# format that `render_export` would not know.
FeedbackFormat = StrEnum(
    "FeedbackFormat", {"JSON": "json", **{fmt.upper(): fmt for fmt in FORMATS}}
)


class FeedbackRowOut(Schema):
    reference: str
    clause: str
    submitter: str
    kind: str
    opinion: str
    proposed_wording: str
    outcome: str
    reason: str
    new_wording: str
    submitted_at: datetime


class FeedbackTableOut(Schema):
    title: str
    institution: str
    published: bool
    generated_at: datetime
    rows: list[FeedbackRowOut]


# --- Helpers --------------------------------------------------------------------------------


def _page(queryset, page: int, page_size: int) -> dict:
    count = queryset.count()
    start = (page - 1) * page_size
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": max(1, math.ceil(count / page_size)),
        "results": list(queryset[start : start + page_size]),
    }


class _Reader:
    """What one request's reader may know of opinions beyond the public view: asked per
    opinion by `_opinion_out`, with the organisations they represent read at most once."""

    def __init__(self, request, consultation: Consultation | None = None) -> None:
        self.user = request.user
        self.consultation = consultation
        self._organisation_ids: set[int] | None = None
        self._insider: dict[int, bool] = {}

    def speaks_for(self, opinion: Opinion) -> bool:
        if not self.user.is_authenticated:
            return False
        if opinion.author_id == self.user.pk:
            return True
        if opinion.organisation_id is None:
            return False
        if self._organisation_ids is None:
            self._organisation_ids = set(selectors.organisation_ids_represented_by(user=self.user))
        return opinion.organisation_id in self._organisation_ids

    def is_insider(self, opinion: Opinion) -> bool:
        if opinion.consultation_id not in self._insider:
            consultation = self.consultation or opinion.consultation
            self._insider[opinion.consultation_id] = self.user.has_perm(
                "consultations.view_internal", consultation
            )
        return self._insider[opinion.consultation_id]


def _opinion_out(
    request, opinion: Opinion, *, show_answer: bool, reader=None, show_hidden: bool = False
) -> dict:
    """`show_hidden`: the reader may see a hidden opinion's words (the rule
    `consultations.view_hidden_text`, asked once per consultation by the caller)."""
    withdrawn = opinion.withdrawn_at is not None
    # Only what is not public needs the reader: an answer not yet published, a withdrawn
    # opinion's text.
    needs_reader = withdrawn or (not show_answer and opinion.answer_or_none is not None)
    reader = reader or _Reader(request)
    private = needs_reader and (reader.speaks_for(opinion) or reader.is_insider(opinion))
    answer = opinion.answer_or_none if show_answer and not withdrawn else None
    hidden = withdrawn and not private
    withheld = opinion.is_hidden and not show_hidden
    return {
        "id": opinion.pk,
        "reference": opinion.reference,
        "url": request.build_absolute_uri(reverse("consultations:opinion", args=[opinion.pk])),
        "consultation_id": opinion.consultation_id,
        "clause_id": opinion.clause_id,
        "clause_number": opinion.clause.number if opinion.clause else None,
        "kind": opinion.kind,
        "status": opinion.status_for(sees_answer_state=show_answer or private),
        "text": "" if hidden else (opinion.hidden_label if withheld else opinion.text),
        "proposed_wording": "" if (hidden or withheld) else opinion.proposed_wording,
        "submitter": opinion.public_submitter,
        "created_at": opinion.created_at,
        "edited_at": opinion.edited_at,
        "withdrawn_at": opinion.withdrawn_at,
        "hidden_reason": opinion.hidden_reason or None,
        "answer": answer,
    }


# --- Consultations --------------------------------------------------------------------------


F = TypeVar("F", bound=forms.Form)


def valid_filter_form(form_class: type[F], query: Schema) -> F:
    """The list filters of an API query checked by the same form as the list page, so both
    accept the same values; 422 with the form's messages otherwise."""
    data = {
        key: (value.value if isinstance(value, Enum) else value)
        for key, value in query.dict().items()
        if key not in {"page", "page_size"} and value not in (None, "")
    }
    form = form_class(data)
    if not form.is_valid():
        raise ValidationError(
            {
                field: [str(message) for message in messages]
                for field, messages in form.errors.items()
            }
        )
    return form


@router.get("", response={200: ConsultationPage, 422: ErrorOut})
def list_consultations(request, query: Query[ListQuery]):
    """Published consultations, newest first; filters as on the list page (slugs and enums)."""
    form = valid_filter_form(ConsultationFilterForm, query)
    consultations = selectors.consultation_list(filters=form.filters())
    return _page(consultations, query.page, query.page_size)


@router.get("/{int:consultation_id}", response={200: ConsultationDetailOut, **ERRORS})
def get_consultation(request, consultation_id: int):
    """One consultation with the clauses of its current draft version."""
    consultation = selectors.consultation_get(user=request.user, pk=consultation_id)
    version = selectors.current_version(consultation)
    consultation.opinion_count = consultation.opinions.count()
    consultation.version = version.number if version else None
    consultation.clauses = selectors.clauses_with_counts(version)
    return consultation


@router.get("/{int:consultation_id}/opinions", response={200: OpinionPage, **ERRORS})
def list_opinions(request, consultation_id: int, query: Query[PageQuery]):
    """Opinions in the order they arrived. Answers appear once the feedback is published
    (earlier for the institution's officers and the coordinator)."""
    consultation = selectors.consultation_get(user=request.user, pk=consultation_id)
    show_answer = request.user.has_perm("consultations.view_answers", consultation)
    page = _page(selectors.opinions_of(consultation), query.page, query.page_size)
    reader = _Reader(request, consultation)
    show_hidden = request.user.has_perm("consultations.view_hidden_text", consultation)
    page["results"] = [
        _opinion_out(request, o, show_answer=show_answer, reader=reader, show_hidden=show_hidden)
        for o in page["results"]
    ]
    return page


@router.post(
    "/{int:consultation_id}/opinions",
    response={200: OpinionOut, 201: OpinionOut, **ERRORS},
    auth=bearer,
)
def create_opinion(request, consultation_id: int, payload: OpinionIn):
    """Give an opinion on the whole draft or one clause (`clause_id`), while it is open.

    Send an `Idempotency-Key` header to make retries safe: the same key returns the first
    opinion (200) instead of creating another (201).
    """
    consultation = selectors.consultation_for_opinion(user=request.user, pk=consultation_id)
    key = request.headers.get("Idempotency-Key")
    opinion, created = services.opinion_submit(
        author=request.user,
        consultation=consultation,
        kind=payload.kind,
        text=payload.text,
        clause_id=payload.clause_id,
        proposed_wording=payload.proposed_wording,
        organisation_id=payload.organisation_id,
        show_name=payload.show_name,
        idempotency_key=f"api:{key}" if key else None,
    )
    if created:
        # Everything the answer shows is in memory already, and a new opinion has no answer:
        # no second read (this is the write a flash crowd makes).
        return HttpStatus(201, _opinion_out(request, opinion, show_answer=False))
    opinion = selectors.opinion_get(user=request.user, pk=opinion.pk)
    show_answer = request.user.has_perm("consultations.view_answers", consultation)
    return HttpStatus(
        200, _opinion_out(request, opinion, show_answer=show_answer, show_hidden=True)
    )


@router.get(
    "/{int:consultation_id}/feedback-table",
    response={200: FeedbackTableOut, **ERRORS},
    openapi_extra={
        "responses": {
            200: {
                "description": (
                    "The table as JSON (format=json), or a CSV, XLSX, ODS, DOCX or PDF/A file."
                ),
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/FeedbackTableOut"}
                    },
                    **{
                        content_type: {"schema": {"type": "string", "format": "binary"}}
                        for content_type in EXPORT_CONTENT_TYPES
                    },
                },
            }
        }
    },
)
def get_feedback_table(request, consultation_id: int, format: FeedbackFormat = FeedbackFormat.JSON):
    """The feedback table (izziņa): every opinion with outcome and reason. Public once the
    feedback is published; before that a draft for the institution and the coordinator."""
    consultation = selectors.consultation_get(user=request.user, pk=consultation_id)
    if not request.user.has_perm("consultations.view_answers", consultation):
        raise PermissionDenied(_("The feedback table of this consultation is not published yet."))
    table = feedback_table_for(
        consultation,
        show_hidden=request.user.has_perm("consultations.view_hidden_text", consultation),
    )
    if format == FeedbackFormat.JSON:
        return table
    rendered = render_export(table, format.value)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{filename(table, rendered.extension)}"'
    )
    return response


# --- Opinions -------------------------------------------------------------------------------


@opinions_router.get("/{int:opinion_id}", response={200: OpinionOut, **ERRORS})
def get_opinion(request, opinion_id: int):
    opinion = selectors.opinion_get(user=request.user, pk=opinion_id)
    consultation = opinion.consultation
    show_answer = request.user.has_perm("consultations.view_answers", consultation)
    show_hidden = request.user.has_perm(
        "consultations.view_hidden_text", consultation
    ) or request.user.has_perm("consultations.read_own_opinion", opinion)
    return _opinion_out(request, opinion, show_answer=show_answer, show_hidden=show_hidden)


@opinions_router.post("/{int:opinion_id}/answer", response={200: OpinionOut, **ERRORS}, auth=bearer)
def answer_opinion(request, opinion_id: int, payload: AnswerIn):
    """Answer an opinion (responders of its institution): an outcome and, always, a reason."""
    opinion = get_object_or_404(
        Opinion.objects.select_related("consultation__institution"), pk=opinion_id
    )
    selectors.consultation_get(user=request.user, pk=opinion.consultation_id)
    services.answer_give(
        actor=request.user,
        opinion=opinion,
        outcome=payload.outcome,
        reason=payload.reason,
        new_wording=payload.new_wording,
    )
    opinion = selectors.opinion_get(user=request.user, pk=opinion_id)
    return _opinion_out(request, opinion, show_answer=True, show_hidden=True)
