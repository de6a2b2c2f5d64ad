"""Public pages: the list of open surveys, answering (also by invitation link), results."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.images import chart_download as chart_file
from lidzdaliba.core.subjects import load_subject, subject_url
from lidzdaliba.core.views import paginate

from .. import selectors, services
from ..charts import question_charts
from ..models import Invitation, Survey
from ..services.responses import has_answered, invitation_use
from . import drafts
from .answering import form_items, parse_answers


def survey_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.survey_list_public())
    return render(request, "surveys/list.html", {"page": page})


def _subject(survey: Survey):
    if not survey.subject_type_id:
        return None, ""
    subject = load_subject(survey.subject_type_id, survey.subject_id)
    return subject, subject_url(subject) if subject is not None else ""


def _answer_page(
    request: HttpRequest,
    survey: Survey,
    *,
    invitation: Invitation | None = None,
    invitation_token: str = "",
    preview: bool = False,
) -> HttpResponse:
    questions = selectors.questions_of(survey)
    # Progress that must not name the person is a draft behind a token (views/drafts.py);
    # a signed-in person's progress on a non-anonymous survey is their own response.
    drafted = not preview and services.uses_drafts(
        person=request.user, survey=survey, invitation=invitation
    )
    token = None
    if drafted:
        token = invitation_token if invitation is not None else drafts.draft_token(request, survey)
        draft = services.draft_values(survey=survey, token=token)
        values = draft or {}
        in_progress = draft is not None
    else:
        saved = selectors.response_of(person=request.user, survey=survey)
        values = selectors.saved_values(saved)
        in_progress = saved is not None and saved.submitted_at is None
    errors: dict = {}
    if request.method == "POST" and not preview:
        values = parse_answers(questions, request.POST)
        save = "save" in request.POST
        try:
            if save and drafted:
                token = services.draft_save(
                    person=request.user,
                    survey=survey,
                    answers=values,
                    token=token,
                    invitation=invitation,
                    invitation_token=invitation_token,
                )
            else:
                services.response_save(
                    person=request.user,
                    survey=survey,
                    answers=values,
                    submit=not save,
                    invitation=invitation,
                    draft_token=token,
                )
        except ValidationError as error:
            errors = error.message_dict
            messages.error(request, _("Please correct the errors below."))
        except Conflict as error:
            messages.error(request, error.message)
            return redirect("surveys:detail", survey.pk)
        else:
            return _answered(request, survey, invitation=invitation, save=save, token=token)
    subject, subject_link = _subject(survey)
    answered = has_answered(person=request.user, survey=survey)
    context = {
        "survey": survey,
        "items": form_items(questions, values, errors),
        "errors": errors,
        "preview": preview,
        "invitation": invitation,
        "can_answer": preview
        or invitation is not None
        or (
            not survey.invitation_only
            and request.user.has_perm("surveys.respond", survey)
            and (not answered or survey.allow_changes)
        ),
        "answered": answered,
        "saved": in_progress,
        "can_save": True,
        "can_view_results": request.user.has_perm("surveys.view_results", survey),
        "can_change": request.user.has_perm("surveys.change_survey", survey),
        "subject": subject,
        "subject_url": subject_link,
    }
    return render(request, "surveys/detail.html", context, status=400 if errors else 200)


def _answered(
    request: HttpRequest,
    survey: Survey,
    *,
    invitation: Invitation | None,
    save: bool,
    token: str | None,
) -> HttpResponse:
    """Where a successful post leads, and what happens to the draft's cookie."""
    drafted = services.uses_drafts(person=request.user, survey=survey, invitation=invitation)
    if save and drafted and invitation is not None:
        messages.success(
            request,
            _("Your answers so far are saved. To continue, open the invitation link again."),
        )
        return redirect(request.path)
    if save and drafted and token:
        response = redirect("surveys:draft_saved", survey.pk)
        drafts.remember(response, survey, token)
        return response
    if save:
        messages.success(request, _("Your answers so far are saved; come back to finish."))
    else:
        messages.success(request, _("Thank you: your answers were received."))
    response = redirect("surveys:detail", survey.pk)
    if drafted and invitation is None and token:
        drafts.forget(response, survey)
    return response


@require_http_methods(["GET", "POST"])
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(pk=pk)
    if not request.user.has_perm("surveys.view_survey", survey):
        raise Http404
    return _answer_page(request, survey)


@require_http_methods(["GET", "POST"])
def survey_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_use(token=token)
    if invitation is None:
        raise Http404
    if invitation.used:
        return render(request, "surveys/invitation_used.html", {"survey": invitation.survey})
    return _answer_page(request, invitation.survey, invitation=invitation, invitation_token=token)


def _filters(request: HttpRequest, survey: Survey):
    group = request.GET.get("group") or None
    filter_question = None
    qid = request.GET.get("q", "")
    if qid.isdigit():
        filter_question = survey.questions.filter(pk=int(qid)).first()
    return group, filter_question, request.GET.get("v") or None


def results_context(request: HttpRequest, survey: Survey, *, public: bool) -> dict:
    group, filter_question, filter_value = _filters(request, survey)
    results = selectors.survey_results(
        survey=survey,
        group=group,
        filter_question=filter_question,
        filter_value=filter_value,
        public=public,
    )
    for item in results.questions:
        item.charts = question_charts(survey, item)
    return {
        "survey": survey,
        "results": results,
        "group": group or "",
        "filter_question": filter_question,
        "filter_value": filter_value or "",
        "filterable": [
            q for q in selectors.questions_of(survey) if q.kind in ("scale", "single", "multiple")
        ],
        "public": public,
    }


def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(pk=pk)
    if not request.user.has_perm("surveys.view_results", survey):
        raise Http404
    full = request.user.has_perm("surveys.view_full_results", survey)
    context = results_context(request, survey, public=not full)
    return render(request, "surveys/results.html", context)


def chart_download(request: HttpRequest, pk: int, question_id: int, fmt: str) -> HttpResponse:
    """One question's chart as SVG or PNG: the same SVG the results page shows, so the same
    permission and the same hiding of small numbers."""
    survey = selectors.survey_get(pk=pk)
    if not request.user.has_perm("surveys.view_results", survey):
        raise Http404
    full = request.user.has_perm("surveys.view_full_results", survey)
    context = results_context(request, survey, public=not full)
    item = next((i for i in context["results"].questions if i.question.pk == question_id), None)
    if item is None:
        raise Http404
    svg = item.charts.get("bars") or item.charts.get("cloud")
    if not svg:
        raise Http404
    return chart_file(svg, filename=f"survey-{pk}-q{question_id}", fmt=fmt)


def text_answers(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    """The answers behind a word of the cloud (one click from it)."""
    survey = selectors.survey_get(pk=pk)
    if not request.user.has_perm("surveys.view_results", survey):
        raise Http404
    question = get_object_or_404(survey.questions, pk=question_id, kind="text")
    full = request.user.has_perm("surveys.view_full_results", survey)
    word = request.GET.get("word", "")[:100]
    # Public views hide what fewer than 5 people answered, as the figures do.
    hidden = not full and len(selectors.text_answers(question=question)) < selectors.MIN_PUBLIC_N
    answers = [] if hidden else selectors.text_answers(question=question, word=word)
    return render(
        request,
        "surveys/text_answers.html",
        {
            "survey": survey,
            "question": question,
            "word": word,
            "answers": answers,
            "hidden": hidden,
        },
    )
