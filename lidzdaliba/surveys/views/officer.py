"""The officer's survey desk: create, build, preview, publish, copy, invite, export, import."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lidzdaliba.audit.services import audit_record
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.spreadsheets import clean, neutralise
from lidzdaliba.core.views import paginate
from lidzdaliba.institutions.models import Institution

from .. import selectors, services
from ..forms import InviteForm, QuestionForm, SectionForm, SurveyForm
from .public import _answer_page


def _require(request: HttpRequest, permission: str, obj=None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _institutions(user):
    if user.is_coordinator:
        return Institution.objects.all()
    return Institution.objects.filter(roles__user=user).distinct()


@login_required
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    _require(request, "surveys.use_desk")
    form = SurveyForm(
        request.POST or None,
        institutions=_institutions(request.user),
        coordinator=request.user.is_coordinator,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            survey = services.survey_create(actor=request.user, **data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            return redirect("surveys:build", survey.pk)
    page = paginate(request, selectors.survey_list_owned(request.user))
    return render(
        request,
        "surveys/desk.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def build(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(pk=pk)
    _require(request, "surveys.change_survey", survey)
    question_form = QuestionForm(survey=survey, prefix="question")
    section_form = SectionForm(prefix="section")
    invite_form = InviteForm(prefix="invite")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "question":
                question_form = QuestionForm(request.POST, survey=survey, prefix="question")
                if question_form.is_valid():
                    data = question_form.cleaned_data
                    services.question_add(
                        actor=request.user,
                        survey=survey,
                        kind=data["kind"],
                        text=data["text"],
                        help_text=data["help_text"],
                        required=data["required"],
                        section=data["section"],
                        scale_max=data["scale_max"] or 10,
                        label_low=data["label_low"],
                        label_high=data["label_high"],
                        options=QuestionForm.lines(data["options"]),
                        rows=QuestionForm.lines(data["rows"]),
                        allow_other=data["allow_other"],
                        show_if=data["show_if"],
                        show_if_values=QuestionForm.lines(data["show_if_values"]),
                    )
                    messages.success(request, _("The question was added."))
                    return redirect("surveys:build", survey.pk)
            elif action == "section":
                section_form = SectionForm(request.POST, prefix="section")
                if section_form.is_valid():
                    services.section_add(
                        actor=request.user, survey=survey, title=section_form.cleaned_data["title"]
                    )
                    return redirect("surveys:build", survey.pk)
            elif action == "delete":
                question = get_object_or_404(survey.questions, pk=request.POST.get("question"))
                services.question_delete(actor=request.user, question=question)
                messages.success(request, _("The question was removed."))
                return redirect("surveys:build", survey.pk)
            elif action == "publish":
                services.survey_publish(actor=request.user, survey=survey)
                messages.success(request, _("The survey is published."))
                return redirect("surveys:build", survey.pk)
            elif action == "invite":
                invite_form = InviteForm(request.POST, prefix="invite")
                if invite_form.is_valid():
                    sent = services.invitations_send(
                        actor=request.user, survey=survey, emails=invite_form.cleaned_data["emails"]
                    )
                    messages.success(request, _("Invitations sent: %(n)d.") % {"n": sent})
                    return redirect("surveys:build", survey.pk)
        except ValidationError as error:
            target = question_form if action == "question" else section_form
            apply_service_error(target, error, {"show_if_values": "show_if_values"})
        except Conflict as error:
            messages.error(request, error.message)
            return redirect("surveys:build", survey.pk)
        status = 400
    context = {
        "survey": survey,
        "questions": selectors.questions_of(survey),
        "sections": list(survey.sections.all()),
        "question_form": question_form,
        "section_form": section_form,
        "invite_form": invite_form,
        "locked": survey.responses.exists(),
        "responses": survey.responses.filter(submitted_at__isnull=False).count(),
    }
    return render(request, "surveys/build.html", context, status=status)


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(pk=pk)
    _require(request, "surveys.change_survey", survey)
    return _answer_page(request, survey, preview=True)


@login_required
@require_POST
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(pk=pk)
    _require(request, "surveys.change_survey", survey)
    new = services.survey_copy(actor=request.user, survey=survey)
    messages.success(request, _("This is an editable copy."))
    return redirect("surveys:build", new.pk)


@login_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Raw responses without personal data (formula-safe cells)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    survey = selectors.survey_get(pk=pk)
    _require(request, "surveys.view_full_results", survey)
    header, rows = selectors.export_rows(survey)

    def cell(value):
        return neutralise(clean(value)) if isinstance(value, str) else value

    audit_record(
        actor=request.user,
        action="survey.export",
        target=survey,
        institution=survey.institution,
        after={"format": fmt},
    )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([cell(h) for h in header])
        writer.writerows([cell(v) for v in row] for row in rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Responses")[:31])
        sheet.append([cell(h) for h in header])
        for row in rows:
            sheet.append([cell(v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.{fmt}"'
    return response
