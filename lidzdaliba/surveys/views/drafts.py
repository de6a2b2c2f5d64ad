"""Saved progress that names no one (`services/drafts.py`): the resume token lives in a
cookie of the person's browser, scoped to the survey's pages, and in the private link shown
after saving. The cookie, not the session: the session is stored with the user's id, and the
token beside it would tie the draft to the person."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import selectors, services
from ..models import Survey
from ..retention import KEEP_DRAFT


def _cookie(survey: Survey) -> str:
    return f"survey-draft-{survey.pk}"


def _path(survey: Survey) -> str:
    # Sent back only to this survey's pages (the form, the saved page, the resume link).
    return reverse("surveys:detail", args=[survey.pk])


def draft_token(request: HttpRequest, survey: Survey) -> str | None:
    return request.COOKIES.get(_cookie(survey))


def remember(response: HttpResponse, survey: Survey, token: str) -> None:
    response.set_cookie(
        _cookie(survey),
        token,
        max_age=int(KEEP_DRAFT.total_seconds()),
        path=_path(survey),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget(response: HttpResponse, survey: Survey) -> None:
    response.delete_cookie(_cookie(survey), path=_path(survey), samesite="Lax")


def _survey(request: HttpRequest, pk: int) -> Survey:
    survey = selectors.survey_get(pk=pk)
    if not request.user.has_perm("surveys.view_survey", survey):
        raise Http404
    return survey


@never_cache
@require_GET
def draft_saved(request: HttpRequest, pk: int) -> HttpResponse:
    """After saving: the private link to continue elsewhere (shown here, nowhere else)."""
    survey = _survey(request, pk)
    token = draft_token(request, survey)
    if services.draft_values(survey=survey, token=token) is None:
        return redirect("surveys:detail", survey.pk)
    link = settings.SITE_URL.rstrip("/") + reverse("surveys:resume", args=[survey.pk, token])
    return render(
        request,
        "surveys/draft_saved.html",
        {"survey": survey, "resume_url": link, "days": KEEP_DRAFT.days},
    )


@never_cache
@require_GET
def draft_resume(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The private link: puts the token in this browser's cookie and opens the form (the
    address bar then no longer shows the token). An unknown token is a 404."""
    survey = _survey(request, pk)
    if services.draft_values(survey=survey, token=token) is None:
        raise Http404
    response = redirect("surveys:detail", survey.pk)
    remember(response, survey, token)
    return response
