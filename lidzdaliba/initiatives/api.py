"""API endpoints of initiatives: thin — parse, call a selector or service, shape the reply.

Conventions of v1 (DESIGN.md): pages `{count, page, page_size, pages, results}`, snake_case
enums, errors `{error, message, details}`. Signing is idempotent per person: a repeat
answers 200 with the standing signature (its public-name choice updated), a first 201.
"""

from __future__ import annotations

import math
from datetime import datetime
from enum import Enum, StrEnum

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as HttpStatus

from lidzdaliba.accounts.api_auth import bearer, optional_bearer
from lidzdaliba.core.api_schemas import ERRORS as API_ERRORS
from lidzdaliba.core.api_schemas import ErrorOut, InstitutionRef, PageMeta, schema_enum
from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.limits import LONG_TEXT_CHARS
from lidzdaliba.institutions.models import Institution, Territory, Topic

from . import selectors, services
from .forms import InitiativeFilterForm
from .models import UNPUBLISHED_STATUSES, Initiative, Kind, Signature, Status
from .views.officer import export_response

router = Router(tags=["initiatives"], auth=optional_bearer)

ERRORS = {**API_ERRORS, 409: ErrorOut}

InitiativeStatus = schema_enum("InitiativeStatus", Status)
InitiativeKind = schema_enum("InitiativeKind", Kind)
PublicStatus = schema_enum(  # the list is public: unpublished stages are never in it
    "InitiativePublicStatus", {s.name: s.value for s in Status if s not in UNPUBLISHED_STATUSES}
)
ExportFormat = StrEnum("ExportFormat", {"CSV": "csv", "XLSX": "xlsx"})


class InitiativeAnswerOut(Schema):
    outcome: Outcome
    reason: str
    answered_at: datetime


class MilestoneOut(Schema):
    date: str
    text: str


class InitiativeOut(Schema):
    id: int
    url: str
    title: str
    kind: InitiativeKind
    status: InitiativeStatus  # type: ignore[valid-type]
    institution: InstitutionRef
    topic: str
    territory: str
    problem: str
    solution: str
    published_at: datetime | None
    threshold: int
    signatures_count: int
    collection_ends_at: datetime | None
    answer_due_at: datetime | None
    answer_overdue: bool


class InitiativeDetailOut(InitiativeOut):
    paper_signatures_count: int
    answer: InitiativeAnswerOut | None = None
    milestones: list[MilestoneOut] = []


class InitiativePage(PageMeta):
    results: list[InitiativeOut]


class InitiativeListQuery(Schema):
    institution: str | None = None
    kind: InitiativeKind | None = None
    status: PublicStatus | None = None  # type: ignore[valid-type]
    topic: str | None = None
    territory: str | None = None
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(settings.PAGE_SIZE, ge=1, le=settings.API_PAGE_SIZE_MAX)


class InitiativeIn(Schema):
    institution: str = Field(..., description="The slug of the addressed institution.")
    kind: InitiativeKind
    title: str = Field(..., min_length=1, max_length=300)
    problem: str = Field(..., min_length=1, max_length=LONG_TEXT_CHARS)
    solution: str = Field(..., min_length=1, max_length=LONG_TEXT_CHARS)
    topic: str = Field(..., description="The slug of the policy area.")
    territory: str = Field(..., description="The slug of the territory.")


class SignatureIn(Schema):
    public_name: bool = False
    declared_min_age: bool = False
    declared_citizenship: bool = False
    declared_residence: bool = False


class SignatureOut(Schema):
    id: int
    initiative_id: int
    public_name: bool
    declared_min_age: bool
    declared_citizenship: bool
    declared_residence: bool
    # What the eID vouched for instead (then nothing about it was declared).
    age_verified: bool
    citizenship_verified: bool
    residence_verified: bool
    created_at: datetime


class InitiativeAnswerIn(Schema):
    outcome: Outcome
    reason: str = Field(..., max_length=LONG_TEXT_CHARS)


def _out(request, initiative: Initiative, *, detail: bool = False) -> dict:
    online, paper = selectors.signature_counts(initiative)
    data = {
        "id": initiative.pk,
        "url": request.build_absolute_uri(reverse("initiatives:detail", args=[initiative.pk])),
        "title": initiative.title,
        "kind": initiative.kind,
        "status": initiative.status,
        "institution": {
            "id": initiative.institution.pk,
            "slug": initiative.institution.slug,
            "name": initiative.institution.name,
        },
        "topic": initiative.topic.slug,
        "territory": initiative.territory.slug,
        "problem": initiative.problem,
        "solution": initiative.solution,
        "published_at": initiative.published_at,
        "threshold": initiative.threshold,
        "signatures_count": online + paper,
        "collection_ends_at": initiative.collection_ends_at,
        "answer_due_at": initiative.answer_due_at,
        "answer_overdue": initiative.is_answer_overdue,
    }
    if detail:
        answer = selectors.answer_of(initiative)
        data["paper_signatures_count"] = paper
        data["answer"] = (
            {"outcome": answer.outcome, "reason": answer.reason, "answered_at": answer.answered_at}
            if answer is not None
            else None
        )
        data["milestones"] = [
            {"date": milestone.date.isoformat(), "text": milestone.text}
            for milestone in selectors.milestones_of(initiative)
        ]
    return data


def _filters(query: InitiativeListQuery):
    data = {
        key: (value.value if isinstance(value, Enum) else value)
        for key, value in query.dict().items()
        if key not in {"page", "page_size"} and value not in (None, "")
    }
    form = InitiativeFilterForm(data)
    if not form.is_valid():
        raise ValidationError(
            {field: [str(message) for message in errors] for field, errors in form.errors.items()}
        )
    return form.filters()


@router.get("", response={200: InitiativePage, **API_ERRORS})
def list_initiatives(request, query: Query[InitiativeListQuery]):
    """Published initiatives, newest first; filters as on the list page (slugs and enums)."""
    initiatives = selectors.initiative_list(filters=_filters(query))
    count = initiatives.count()
    start = (query.page - 1) * query.page_size
    return {
        "count": count,
        "page": query.page,
        "page_size": query.page_size,
        "pages": max(1, math.ceil(count / query.page_size)),
        "results": [
            _out(request, initiative) for initiative in initiatives[start : start + query.page_size]
        ],
    }


@router.get("/{int:initiative_id}", response={200: InitiativeDetailOut, **ERRORS})
def get_initiative(request, initiative_id: int):
    """One initiative with its signature count, threshold, dates and the answer when given."""
    initiative = selectors.initiative_get(user=request.user, pk=initiative_id)
    return _out(request, initiative, detail=True)


def _by_slug(model, slug: str, field: str):
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise ValidationError({field: [_("Unknown value: %(value)s.") % {"value": slug}]})
    return found


@router.post("", response={201: InitiativeDetailOut, **ERRORS}, auth=bearer)
def create_initiative(request, payload: InitiativeIn):
    """Draft an initiative (visible to its author, co-sponsors, the institution and the
    coordinator until the institution publishes it)."""
    initiative = services.initiative_create(
        author=request.user,
        institution=_by_slug(Institution, payload.institution, "institution"),
        kind=payload.kind,
        title=payload.title,
        problem=payload.problem,
        solution=payload.solution,
        topic=_by_slug(Topic, payload.topic, "topic"),
        territory=_by_slug(Territory, payload.territory, "territory"),
    )
    initiative = selectors.initiative_get(user=request.user, pk=initiative.pk)
    return HttpStatus(201, _out(request, initiative, detail=True))


@router.post(
    "/{int:initiative_id}/signatures",
    response={200: SignatureOut, 201: SignatureOut, **ERRORS},
    auth=bearer,
)
def sign_initiative(request, initiative_id: int, payload: SignatureIn):
    """Sign (201). A repeat answers 200 with the same signature; 409 when the initiative is
    not collecting; 403 with the reason when the signer is not eligible."""
    initiative = selectors.initiative_get(user=request.user, pk=initiative_id)
    signature, created = services.signature_add(
        signer=request.user,
        initiative=initiative,
        public_name=payload.public_name,
        declared_min_age=payload.declared_min_age,
        declared_citizenship=payload.declared_citizenship,
        declared_residence=payload.declared_residence,
    )
    return HttpStatus(201 if created else 200, signature)


@router.delete("/{int:initiative_id}/signatures/me", response={204: None, **ERRORS}, auth=bearer)
def withdraw_signature(request, initiative_id: int):
    """Withdraw one's signature while the initiative collects (204; 404 when there was none)."""
    initiative = selectors.initiative_get(user=request.user, pk=initiative_id)
    if not Signature.objects.filter(initiative=initiative, signer=request.user).exists():
        raise Http404
    services.signature_withdraw(signer=request.user, initiative=initiative)
    return HttpStatus(204, None)


@router.post(
    "/{int:initiative_id}/answer", response={200: InitiativeDetailOut, **ERRORS}, auth=bearer
)
def answer_initiative(request, initiative_id: int, payload: InitiativeAnswerIn):
    """Answer (the addressed institution's responders): an outcome and, always, a reason."""
    initiative = selectors.initiative_get(user=request.user, pk=initiative_id)
    services.answer_give(
        actor=request.user, initiative=initiative, outcome=payload.outcome, reason=payload.reason
    )
    initiative = selectors.initiative_get(user=request.user, pk=initiative_id)
    return _out(request, initiative, detail=True)


@router.get(
    "/{int:initiative_id}/signatures/export",
    response={200: None, **ERRORS},
    auth=bearer,
    openapi_extra={
        "responses": {
            200: {
                "description": "The signers as CSV or XLSX (the addressed institution only).",
                "content": {
                    "text/csv": {"schema": {"type": "string", "format": "binary"}},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                },
            }
        }
    },
)
def export_signatures(request, initiative_id: int, format: ExportFormat = ExportFormat.CSV):
    """The list of signers for official verification; audited."""
    initiative = selectors.initiative_get(user=request.user, pk=initiative_id)
    if not request.user.has_perm("initiatives.export_signatures", initiative):
        raise PermissionDenied(
            _("Only the addressed institution's officers may export the signatures.")
        )
    return export_response(request, initiative, format.value)
