"""API endpoints of surveys: thin — parse, call a selector or service, shape the reply.
Same conventions and errors as the rest of v1 (DESIGN.md "API conventions")."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import AuthenticationError
from ninja.files import UploadedFile

from lidzdaliba.accounts.api_auth import bearer, optional_bearer
from lidzdaliba.core.api_schemas import ERRORS as API_ERRORS
from lidzdaliba.core.api_schemas import ErrorOut, PageMeta, PageQuery, SubjectOut
from lidzdaliba.core.subjects import load_subject, subject_type_of
from lidzdaliba.institutions.models import Institution

from . import selectors, services
from .models import Survey

router = Router(tags=["surveys"], auth=optional_bearer)
ERRORS = {**API_ERRORS, 409: ErrorOut}
MAX_UPLOAD = 20 * 1024 * 1024


class SurveyOut(Schema):
    id: int
    url: str
    title: str
    institution: str | None  # slug; None: a survey across institutions
    audience: str
    anonymous: bool
    open: bool
    opens_at: datetime | None
    closes_at: datetime | None
    results_public: bool
    subject: SubjectOut | None


class SurveyPage(PageMeta):
    results: list[SurveyOut]


class QuestionOut(Schema):
    id: int
    kind: str
    text: str
    help_text: str
    required: bool
    section: str | None
    scale_max: int | None
    label_low: str
    label_high: str
    options: list[str]
    rows: list[str]
    allow_other: bool
    show_if: dict | None  # {question_id, values}


class SurveyDetailOut(SurveyOut):
    description: str
    allow_changes: bool
    questions: list[QuestionOut]


class ResponseIn(Schema):
    answers: dict[int, Any]
    submit: bool = True


class ResponseOut(Schema):
    survey_id: int
    group: str
    submitted: bool


class WordOut(Schema):
    lemma: str
    count: int


class QuestionResultOut(Schema):
    id: int
    text: str
    kind: str
    n: int
    hidden: bool
    counts: dict[str, int]
    mean: float | None = None
    median: float | None = None
    ci95: list[float] | None = None
    words: list[WordOut] | None = None


class RespondentGroupOut(Schema):
    group: str
    n: int


class ResultsOut(Schema):
    survey_id: int
    n: int
    group: str | None
    groups: list[RespondentGroupOut]
    questions: list[QuestionResultOut]


class ImportOut(Schema):
    id: int
    url: str
    responses: int
    questions: list[dict]


class ResultsQuery(Schema):
    group: str | None = Field(None, max_length=100)


def _survey_out(request, survey: Survey) -> dict:
    subject = (
        load_subject(survey.subject_type_id, survey.subject_id) if survey.subject_type_id else None
    )
    subject_type = subject_type_of(subject) if subject is not None else None
    return {
        "id": survey.pk,
        "url": request.build_absolute_uri(reverse("surveys:detail", args=[survey.pk])),
        "title": survey.title,
        "institution": survey.institution.slug if survey.institution else None,
        "audience": survey.audience,
        "anonymous": survey.anonymous,
        "open": survey.is_open(),
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "results_public": survey.results_public,
        "subject": {"kind": subject_type.kind, "id": subject.pk, "title": str(subject)}
        if subject_type
        else None,
    }


def _visible(request, survey_id: int) -> Survey:
    survey = selectors.survey_get(pk=survey_id)
    if not request.user.has_perm("surveys.view_survey", survey):
        raise Http404
    return survey


@router.get("", response={200: SurveyPage, **ERRORS})
def list_surveys(request, query: Query[PageQuery]):
    """Published surveys, newest first."""
    items = selectors.survey_list_public()
    count = items.count()
    start = (query.page - 1) * query.page_size
    return {
        "count": count,
        "page": query.page,
        "page_size": query.page_size,
        "pages": max(1, math.ceil(count / query.page_size)),
        "results": [_survey_out(request, s) for s in items[start : start + query.page_size]],
    }


@router.get("/{int:survey_id}", response={200: SurveyDetailOut, **ERRORS})
def get_survey(request, survey_id: int):
    """A survey with its questions, in order."""
    survey = _visible(request, survey_id)
    data = _survey_out(request, survey)
    data.update(
        description=survey.description,
        allow_changes=survey.allow_changes,
        questions=[
            {
                "id": q.pk,
                "kind": q.kind,
                "text": q.text,
                "help_text": q.help_text,
                "required": q.required,
                "section": q.section.title if q.section else None,
                "scale_max": q.scale_max if q.kind in ("scale", "matrix") else None,
                "label_low": q.label_low,
                "label_high": q.label_high,
                "options": q.options,
                "rows": q.rows,
                "allow_other": q.allow_other,
                "show_if": {"question_id": q.show_if_id, "values": q.show_if_values}
                if q.show_if_id
                else None,
            }
            for q in selectors.questions_of(survey)
        ],
    )
    return data


@router.post("/{int:survey_id}/responses", response={200: ResponseOut, 201: ResponseOut, **ERRORS})
def respond(request, survey_id: int, payload: ResponseIn):
    """Answer (201): `{answers: {question_id: value}}` — a number for a scale, the option's
    label for single choice, a list of labels for multiple choice and for ranking (in
    order), `{row label: number}` for a matrix, text for free text. Your group follows
    from who you are (officers answer as institutions). Answering again answers 200 with
    your response updated when the survey allows changes, else 409. `submit: false` saves
    progress without requiring every required question."""
    survey = _visible(request, survey_id)
    if survey.requires_sign_in and not request.user.is_authenticated:
        raise AuthenticationError()
    response, created = services.response_save(
        person=request.user, survey=survey, answers=payload.answers, submit=payload.submit
    )
    body = {
        "survey_id": survey.pk,
        "group": response.group,
        "submitted": response.submitted_at is not None,
    }
    return HttpStatus(201 if created else 200, body)


@router.get("/{int:survey_id}/results", response={200: ResultsOut, **ERRORS})
def results(request, survey_id: int, query: Query[ResultsQuery]):
    """Per question: `n`, `counts` {option label: count}; for scales `mean`, `median`,
    `ci95` [low, high] (Student's t); for free text `words` [{lemma, count}] (Latvian
    lemmas, stop words left out). For everyone but the survey's owners and the coordinator,
    figures of fewer than 5 respondents are hidden (`hidden: true`)."""
    survey = _visible(request, survey_id)
    if not request.user.has_perm("surveys.view_results", survey):
        raise PermissionDenied(_("The results of this survey are not public."))
    public = not request.user.has_perm("surveys.view_full_results", survey)
    data = selectors.survey_results(survey=survey, group=query.group or None, public=public)
    questions = []
    for item in data.questions:
        f = item.all
        out: dict[str, Any] = {
            "id": item.question.pk,
            "text": item.question.text,
            "kind": item.question.kind,
            "n": f.n,
            "hidden": f.hidden,
            "counts": f.counts,
        }
        if item.question.kind == "scale":
            out.update(mean=f.mean, median=f.median, ci95=list(f.ci95) if f.ci95 else None)
        if item.question.kind == "text":
            out["words"] = [{"lemma": w, "count": c} for w, c in f.words]
        questions.append(out)
    return {
        "survey_id": survey.pk,
        "n": data.n,
        "group": query.group or None,
        "groups": [{"group": g, "n": n} for g, n in data.groups.items()],
        "questions": questions,
    }


@router.post("/import", response={201: ImportOut, **ERRORS}, auth=bearer)
def import_survey(
    request,
    file: File[UploadedFile],
    title: Form[str],
    group_column: Form[str | None] = None,
    institution: Form[str | None] = None,
):
    """Import an external survey's export (CSV or XLSX, one row per response, the first
    row the question texts; `group_column` names the column that splits respondent
    groups). Officers and the coordinator; `institution` (slug) defaults to the officer's
    own, and is none (a survey across institutions) for the coordinator."""
    if not request.user.has_perm("surveys.import_survey"):
        raise PermissionDenied(_("Only officers and the coordinator may import surveys."))
    if file.size > MAX_UPLOAD:
        raise ValidationError({"file": [_("The file is larger than 20 MB.")]})
    if institution:
        owner = Institution.objects.filter(slug=institution).first()
        if owner is None:
            raise ValidationError({"institution": [_("There is no such institution.")]})
    elif request.user.is_coordinator:
        owner = None
    else:
        owner = Institution.objects.filter(roles__user=request.user).first()
    survey = services.survey_import(
        actor=request.user,
        institution=owner,
        title=title[:300],
        content=file.read(),
        filename=file.name or "",
        group_column=group_column or None,
    )
    return HttpStatus(
        201,
        {
            "id": survey.pk,
            "url": request.build_absolute_uri(reverse("surveys:results", args=[survey.pk])),
            "responses": survey.responses.count(),
            "questions": [
                {"id": q.pk, "text": q.text, "kind": q.kind} for q in survey.questions.all()
            ],
        },
    )
