"""Officer pages: prepare and publish consultations, answer opinions, publish feedback
(the desk itself is in `desk.py`).

Coordinators may open every page here read-only; every write is decided by the service's
own permission check, so a page and its action can never disagree.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.views import paginate
from lidzdaliba.institutions.models import OfficerRole
from lidzdaliba.institutions.rules import is_coordinator
from lidzdaliba.institutions.selectors import institutions_with_role

from .. import selectors, services
from ..forms import (
    AnswerForm,
    AttachmentForm,
    BulkAnswerForm,
    ConsultationForm,
    DecisionForm,
    DocumentVersionForm,
    FeedbackPublishForm,
)
from ..models import Consultation, Opinion, awaiting_answer_q


def _require_insider(request: HttpRequest, consultation: Consultation) -> None:
    if not request.user.has_perm("consultations.view_internal", consultation):
        raise PermissionDenied


def _require(request: HttpRequest, perm: str, consultation: Consultation) -> None:
    if not request.user.has_perm(perm, consultation):
        raise PermissionDenied


def _may_submit(request: HttpRequest, perm: str, consultation: Consultation) -> bool:
    """Whether the page's form may be sent. The coordinator reads it without the button;
    anyone else without the right gets 403."""
    if request.user.has_perm(perm, consultation):
        return True
    if request.method == "GET" and is_coordinator(request.user):
        return False
    raise PermissionDenied


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.select_related("institution", "topic", "territory"), pk=pk
    )
    _require_insider(request, consultation)
    return consultation


def permission_flags(user, consultation: Consultation, **perms: str) -> dict[str, bool]:
    """Template flags, each the answer of one rule (rules.py): templates never restate one."""
    return {flag: user.has_perm(perm, consultation) for flag, perm in perms.items()}


# Roles whose holders may create consultations (`consultations.add_consultation`).
EDITOR_ROLES = [OfficerRole.Role.EDITOR, OfficerRole.Role.MANAGER]


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest) -> HttpResponse:
    institutions = institutions_with_role(user=request.user, roles=EDITOR_ROLES)
    institution_slug = request.POST.get("institution") or request.GET.get("institution")
    institution = (
        institutions.filter(slug=institution_slug).first()
        if institution_slug
        else institutions.first()
    )
    if not request.user.has_perm("consultations.add_consultation", institution):
        raise PermissionDenied
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        groups = data.pop("affected_groups")
        try:
            consultation = services.consultation_create(
                actor=request.user, institution=institution, affected_groups=groups, **data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The draft consultation was created. Add its document."))
            return redirect("officer:manage", pk=consultation.pk)
    return render(
        request,
        "consultations/officer/consultation_form.html",
        {
            "form": form,
            "institutions": institutions,
            "institution": institution,
            "can_submit": True,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    can_submit = _may_submit(request, "consultations.change_consultation", consultation)
    form = ConsultationForm(request.POST or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        groups = data.pop("affected_groups")
        try:
            services.consultation_update(
                actor=request.user,
                consultation=Consultation.objects.get(pk=pk),
                affected_groups=groups,
                **data,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("officer:manage", pk=pk)
    return render(
        request,
        "consultations/officer/consultation_form.html",
        {
            "form": form,
            "consultation": consultation,
            "institution": consultation.institution,
            "can_submit": can_submit,
        },
        status=400 if form.errors else 200,
    )


@login_required
def consultation_manage(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    return render(
        request,
        "consultations/officer/manage.html",
        {
            "consultation": consultation,
            "versions": selectors.versions_of(consultation),
            "attachments": selectors.attachments_of(consultation),
            "counts": selectors.opinion_counts(consultation),
            **permission_flags(
                request.user,
                consultation,
                can_edit="consultations.change_consultation",
                can_edit_details="consultations.edit_details",
                can_publish="consultations.publish_consultation",
                can_answer="consultations.answer_opinion",
                can_publish_feedback="consultations.publish_feedback",
                can_record_decision="consultations.record_decision",
            ),
        },
    )


@login_required
@require_POST
def consultation_publish(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    try:
        services.consultation_publish(actor=request.user, consultation=consultation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("officer:manage", pk=pk)
    messages.success(request, _("The consultation is published."))
    return redirect("officer:manage", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    can_submit = _may_submit(request, "consultations.change_consultation", consultation)
    form = DocumentVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_version_create(
                actor=request.user,
                consultation=consultation,
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["upload"],
                change_note=form.cleaned_data["change_note"],
            )
        except ValidationError as error:
            apply_service_error(form, error, {"upload": "upload", "text": "text"})
        else:
            messages.success(
                request,
                _("Version %(n)s saved with %(c)s clauses.")
                % {"n": version.number, "c": version.clauses.count()},
            )
            return redirect("officer:manage", pk=pk)
    return render(
        request,
        "consultations/officer/version_form.html",
        {
            "can_submit": can_submit,
            "form": form,
            "consultation": consultation,
            "heading": _("Add a version of the draft"),
            "submit_label": _("Save the version"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachment_create(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    can_submit = _may_submit(request, "consultations.change_consultation", consultation)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                actor=request.user,
                consultation=consultation,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The attachment was added."))
            return redirect("officer:manage", pk=pk)
    return render(
        request,
        "consultations/officer/attachment_form.html",
        {
            "can_submit": can_submit,
            "form": form,
            "consultation": consultation,
            "heading": _("Attach a document"),
            "submit_label": _("Upload"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def answers(request: HttpRequest, pk: int) -> HttpResponse:
    """All opinions of a consultation with their answers; several can be answered at once."""
    consultation = _consultation(request, pk)
    show = request.GET.get("show", "unanswered")
    opinions = selectors.opinions_for_answering(consultation, only_unanswered=show == "unanswered")
    page = paginate(request, opinions, per_page=50)
    choices = [(opinion.pk, opinion.reference) for opinion in page]
    form = BulkAnswerForm(request.POST or None, opinion_choices=choices)
    if request.method == "POST":
        _require(request, "consultations.answer_opinion", consultation)
        form.fields["opinions"].choices = [
            (o.pk, o.reference) for o in consultation.opinions.only("pk", "reference")
        ]
        if form.is_valid():
            data = form.cleaned_data
            try:
                answered = services.answers_give_bulk(
                    actor=request.user,
                    consultation=consultation,
                    opinion_ids=data["opinions"],
                    outcome=data["outcome"],
                    reason=data["reason"],
                    new_wording=data["new_wording"],
                )
            except ValidationError as error:
                apply_service_error(form, error, {"opinion_ids": "opinions"})
            except Conflict as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("%(n)s opinions answered.") % {"n": len(answered)})
                return redirect(f"{request.path}?show={show}")
    return render(
        request,
        "consultations/officer/answers.html",
        {
            "consultation": consultation,
            "page": page,
            "form": form,
            "show": show,
            "counts": selectors.opinion_counts(consultation),
            "can_answer": request.user.has_perm("consultations.answer_opinion", consultation),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = get_object_or_404(
        Opinion.objects.select_related(
            "consultation__institution", "clause", "author", "organisation", "answer"
        ),
        pk=pk,
    )
    consultation = opinion.consultation
    _require_insider(request, consultation)
    current = opinion.answer_or_none
    initial = (
        {"outcome": current.outcome, "reason": current.reason, "new_wording": current.new_wording}
        if current
        else {}
    )
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST":
        _require(request, "consultations.answer_opinion", consultation)
        if form.is_valid():
            try:
                services.answer_give(actor=request.user, opinion=opinion, **form.cleaned_data)
            except ValidationError as error:
                apply_service_error(form, error)
            except Conflict as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("Answer to %(ref)s saved.") % {"ref": opinion.reference}
                )
                next_opinion = (
                    consultation.opinions.filter(awaiting_answer_q()).order_by("created_at", "id")
                ).first()
                if next_opinion is not None:
                    return redirect("officer:answer", pk=next_opinion.pk)
                return redirect("officer:answers", pk=consultation.pk)
    return render(
        request,
        "consultations/officer/answer_form.html",
        {
            "opinion": opinion,
            "consultation": consultation,
            "form": form,
            "can_answer": request.user.has_perm("consultations.answer_opinion", consultation),
            "revisions": (
                selectors.opinion_history(opinion)
                if request.user.has_perm("consultations.view_opinion_history", opinion)
                else []
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback_publish(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    # The role decides who may use the page; the service says when (closed, not yet published).
    can_submit = _may_submit(request, "consultations.answer_opinion", consultation)
    counts = selectors.opinion_counts(consultation)
    unanswered = counts["total"] - counts["answered"]
    form = FeedbackPublishForm(request.POST or None, unanswered=unanswered)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_publish(
                actor=request.user,
                consultation=consultation,
                justification=form.cleaned_data.get("justification", ""),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        except Conflict as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The feedback table is published and the authors are being told.")
            )
            return redirect("officer:manage", pk=pk)
    return render(
        request,
        "consultations/officer/feedback_publish.html",
        {
            "can_submit": can_submit,
            "consultation": consultation,
            "form": form,
            "counts": counts,
            "unanswered": unanswered,
            "heading": _("Publish the feedback table"),
            "submit_label": _("Publish"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    can_submit = _may_submit(request, "consultations.change_consultation", consultation)
    form = DecisionForm(
        request.POST or None,
        initial={
            "decision_url": consultation.decision_url,
            "decision_summary": consultation.decision_summary,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("officer:manage", pk=pk)
    return render(
        request,
        "consultations/officer/decision_form.html",
        {
            "can_submit": can_submit,
            "consultation": consultation,
            "form": form,
            "heading": _("Record the final decision"),
            "submit_label": _("Save"),
        },
        status=400 if form.errors else 200,
    )
