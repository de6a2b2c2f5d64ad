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
from django.views.decorators.http import require_http_methods, require_POST

from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.views import posted_id

from . import selectors, selectors_documents, services
from .exports import FORMATS, filename, member_list_document, minutes_document
from .exports import render as render_export
from .forms import CallForm, QuestionAnswerForm
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


@login_required
@require_http_methods(["GET", "POST"])
def body_call(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish (or republish) the body's call for members."""
    body = selectors.body_get(pk=pk)
    if not request.user.has_perm("councils.publish_call", body):
        raise PermissionDenied
    initial = {"text": body.call_text, "open_until": body.call_open_until}
    form = CallForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_publish(
                actor=request.user,
                body=body,
                text=form.cleaned_data["text"],
                open_until=form.cleaned_data["open_until"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The call for members is published."))
            return redirect(reverse("councils:body", args=[body.pk]) + "#call")
    return render(
        request,
        "councils/form.html",
        {
            "form": form,
            "back": body,
            "back_url": reverse("councils:body", args=[body.pk]),
            "heading": _("Publish a call for members"),
            "submit_label": _("Publish"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def body_call_close(request: HttpRequest, pk: int) -> HttpResponse:
    body = selectors.body_get(pk=pk)
    if not request.user.has_perm("councils.publish_call", body):
        raise PermissionDenied
    services.call_close(actor=request.user, body=body)
    messages.success(request, _("The call for members is closed."))
    return redirect(reverse("councils:body", args=[body.pk]) + "#call")
