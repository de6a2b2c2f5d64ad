"""The addressed institution's pages: the moderation queue, moderating, paper batches,
consideration, the answer, milestones and the export of signers. Permissions come from
rules.py through the services; the views only render and redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lidzdaliba.accounts.selectors import personal_code_for_verification as personal_code_of
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.forms import apply_service_error

from .. import exports, selectors, services
from ..forms import AnswerForm, MilestoneForm, ModerationForm, PaperBatchForm


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("initiatives.use_desk"):
        raise PermissionDenied(_("Only officers of an institution moderate initiatives."))
    return render(
        request,
        "initiatives/queue.html",
        {
            "to_moderate": selectors.moderation_queue(user=request.user),
            "to_answer": selectors.awaiting_answer(user=request.user),
            "manages_rules": selectors.manages_any_institution(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not request.user.has_perm("initiatives.moderate_initiative", initiative):
        raise PermissionDenied(
            _(
                "Only the addressed institution moderates this initiative, while it is in "
                "moderation."
            )
        )
    form = ModerationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.initiative_moderate(
                    actor=request.user, initiative=initiative, **form.cleaned_data
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The decision was recorded."))
                return redirect("initiatives:detail", pk=pk)
        status = 400
    return render(
        request,
        "initiatives/moderate.html",
        {"initiative": initiative, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not request.user.has_perm("initiatives.answer_initiative", initiative):
        raise PermissionDenied(
            _(
                "Only a responder of the addressed institution may answer, once the threshold "
                "is reached."
            )
        )
    form = AnswerForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.answer_give(
                    actor=request.user,
                    initiative=initiative,
                    outcome=form.cleaned_data["outcome"],
                    reason=form.cleaned_data["reason"],
                    documents=form.cleaned_data["documents"],
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The answer was published."))
                return redirect("initiatives:detail", pk=pk)
        status = 400
    return render(
        request, "initiatives/answer.html", {"initiative": initiative, "form": form}, status=status
    )


@login_required
@require_POST
def consider(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    services.consideration_start(actor=request.user, initiative=initiative)
    messages.success(request, _("The initiative is now under consideration."))
    return redirect("initiatives:detail", pk=pk)


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not request.user.has_perm("initiatives.add_milestone", initiative):
        raise PermissionDenied
    form = MilestoneForm(request.POST)
    if form.is_valid():
        services.milestone_add(actor=request.user, initiative=initiative, **form.cleaned_data)
        messages.success(request, _("The milestone was added."))
    else:
        messages.error(request, _("Give the date and say what happened."))
    return redirect("initiatives:detail", pk=pk)


@login_required
@require_POST
def implemented(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    services.implemented_mark(actor=request.user, initiative=initiative)
    messages.success(request, _("The initiative is marked implemented."))
    return redirect("initiatives:detail", pk=pk)


@login_required
@require_POST
def paper_batch(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not request.user.has_perm("initiatives.record_paper_batch", initiative):
        raise PermissionDenied
    form = PaperBatchForm(request.POST)
    if form.is_valid():
        try:
            services.paper_batch_record(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except (ValidationError, Conflict) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("The paper signatures were recorded."))
    else:
        messages.error(request, _("Give the number of signatures and the reference."))
    return redirect("initiatives:detail", pk=pk)


def signer_rows(initiative) -> list[exports.SignerRow]:
    return [
        exports.SignerRow(
            name=signature.signer.full_name or signature.signer.display_name,
            email=signature.signer.email,
            signed_at=signature.created_at,
            public_name=signature.public_name,
            declared_min_age=signature.declared_min_age,
            declared_citizenship=signature.declared_citizenship,
            declared_residence=signature.declared_residence,
            eid_verified=signature.eid_verified,
            citizenship_verified=signature.citizenship_verified,
            residence_verified=signature.residence_verified,
            # The code in clear: only for signatures made with the eID identity the account
            # still holds (an erased or unlinked identity leaves nothing to decrypt).
            personal_code=personal_code_of(signature.signer)
            if signature.eid_verified
            and signature.signer.personal_code_hash == signature.identity_hash
            else "",
            age_verified=signature.age_verified,
            invalidation_reason=signature.invalidation.reason if signature.invalidation else None,
            disposable_email=signature.disposable_email,
        )
        for signature in selectors.signatures_for_export(initiative)
    ]


def export_response(request, initiative, file_format: str) -> HttpResponse:
    """Check, audit and send the list of signers (shared by the page and the API)."""
    if file_format not in exports.FORMATS:
        raise Http404
    if not request.user.has_perm("initiatives.export_signatures", initiative):
        raise PermissionDenied(
            _("Only the addressed institution's officers may export the signatures.")
        )
    rows = signer_rows(initiative)
    services.signatures_export_record(
        actor=request.user, initiative=initiative, file_format=file_format, rows=len(rows)
    )
    response = HttpResponse(
        exports.render(rows, file_format), content_type=exports.CONTENT_TYPES[file_format]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="initiative-{initiative.pk}-signatures.{file_format}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def signatures_export(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    return export_response(request, initiative, request.GET.get("format", "csv"))
