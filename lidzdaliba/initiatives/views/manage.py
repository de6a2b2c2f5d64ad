"""The institution managers' page of initiative rules, and the author's draft attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.views import download
from lidzdaliba.institutions.models import Institution, OfficerRole

from .. import selectors, services
from ..forms_integrity import AttachmentForm, RulesForm
from ..models import DraftAttachment, Kind
from ..services import attachments as attachment_services


@login_required
def rules_index(request: HttpRequest) -> HttpResponse:
    """The institutions the user manages, each with its rules per kind."""
    managed = Institution.objects.filter(
        roles__user=request.user, roles__role=OfficerRole.Role.MANAGER
    ).distinct()
    if not managed:
        raise PermissionDenied(_("Only an institution's managers set its initiative rules."))
    institutions = [
        {
            "institution": institution,
            "rules": [
                services.rules_for(institution=institution, kind=kind) for kind in Kind.values
            ],
        }
        for institution in sorted(managed, key=lambda i: i.display_name)
    ]
    return render(request, "initiatives/rules_index.html", {"institutions": institutions})


@login_required
@require_http_methods(["GET", "POST"])
def rules_edit(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    institution = get_object_or_404(Institution, slug=slug)
    if kind not in Kind.values:
        raise Http404
    if not request.user.has_perm("initiatives.manage_rules", institution):
        raise PermissionDenied(_("Only a manager of this institution may change its rules."))
    current = services.rules_for(institution=institution, kind=kind)
    form = RulesForm(request.POST or None, instance=current)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.rules_update(
                    actor=request.user,
                    institution=institution,
                    kind=kind,
                    **{name: form.cleaned_data[name] for name in form.Meta.fields},
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The rules were saved. New initiatives follow them."))
                return redirect("initiatives:rules")
    return render(
        request,
        "initiatives/rules_edit.html",
        {"institution": institution, "kind_label": Kind(kind).label, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not request.user.has_perm("initiatives.attach_files", initiative):
        raise PermissionDenied(
            _("Only the author may attach files, while the initiative is a draft or returned.")
        )
    form = AttachmentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                added = attachment_services.attachments_add(
                    actor=request.user, initiative=initiative, files=form.cleaned_data["files"]
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("Files attached: %(n)s.") % {"n": len(added)})
                return redirect("initiatives:attachments", pk=pk)
    return render(
        request,
        "initiatives/attachments.html",
        {
            "initiative": initiative,
            "form": form,
            "attachments": selectors.attachments_of(initiative),
        },
        status=status,
    )


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    attachment = get_object_or_404(DraftAttachment, pk=attachment_id, initiative=initiative)
    attachment_services.attachment_remove(actor=request.user, attachment=attachment)
    messages.success(request, _("The file was removed."))
    return redirect("initiatives:attachments", pk=pk)


def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """Whoever may read the initiative may read its files (the public, once published)."""
    attachment = get_object_or_404(DraftAttachment, pk=attachment_id)
    selectors.initiative_get(user=request.user, pk=attachment.initiative_id)
    return download(
        attachment.file,
        original_name=attachment.original_name,
        content_type=attachment.content_type,
    )
