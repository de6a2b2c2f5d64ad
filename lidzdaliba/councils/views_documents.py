"""Web pages of the councils documents: the minutes and member-list downloads (DOCX, ODT,
PDF/A), the organisers' answers to the questions sent in advance, and the call for members.
Thin, like views.py: check the rule, call a selector or a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.views import posted_id

from . import selectors, selectors_documents, services
from .exports import FORMATS, filename, member_list_document, minutes_document
from .exports import render as render_export
from .forms import QuestionAnswerForm
from .models import Registration


def _download(document, fmt: str) -> HttpResponse:
    rendered = render_export(document, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{filename(document, rendered.extension)}"'
    )
    return response


def meeting_minutes_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The published minutes as a document. Before publication there is nothing to give:
    404 for everyone, organisers included (they publish first)."""
    if fmt not in FORMATS:
        raise Http404
    meeting = selectors.meeting_get(pk=pk)
    if not request.user.has_perm("councils.download_minutes", meeting):
        raise Http404(_("The minutes are not published yet."))
    return _download(minutes_document(selectors_documents.minutes_data(meeting)), fmt)


def body_members_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The body's current members, as its public page lists them."""
    if fmt not in FORMATS:
        raise Http404
    body = selectors.body_get(pk=pk)
    return _download(member_list_document(selectors_documents.member_list_data(body)), fmt)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_questions(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisers' list of questions sent in advance, each with its answer form."""
    meeting = selectors.meeting_get(pk=pk)
    if not request.user.has_perm("councils.answer_questions", meeting):
        raise PermissionDenied
    questions = list(selectors_documents.questions_of(meeting))
    forms = {
        r.pk: QuestionAnswerForm(prefix=f"q{r.pk}", initial={"answer": r.answer}) for r in questions
    }
    status = 200
    if request.method == "POST":
        registration = get_object_or_404(
            Registration.objects.exclude(question=""),
            pk=posted_id(request, "registration") or 0,
            meeting=meeting,
        )
        registration.meeting = meeting
        form = QuestionAnswerForm(request.POST, prefix=f"q{registration.pk}")
        if form.is_valid():
            try:
                services.question_answer(
                    actor=request.user,
                    registration=registration,
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The answer was recorded and sent to the asker."))
                url = reverse("councils:questions", args=[meeting.pk])
                return redirect(f"{url}#question-{registration.pk}")
        forms[registration.pk] = form
        status = 400
    return render(
        request,
        "councils/questions.html",
        {"meeting": meeting, "rows": [(r, forms[r.pk]) for r in questions]},
        status=status,
    )
