"""The officer-roles page of an institution (managers grant and revoke roles), and a
person's own declaration of the affected groups they belong to."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.views import posted_id

from . import selectors, services
from .forms import DeclaredGroupsForm, OfficerRoleForm
from .models import Institution
from .rules import is_coordinator


@login_required
@require_http_methods(["GET", "POST"])
def institution_roles(request: HttpRequest, slug: str) -> HttpResponse:
    """Managers see and change who may act for their institution; the coordinator reads."""
    institution = get_object_or_404(Institution, slug=slug)
    can_manage = request.user.has_perm("institutions.manage_roles", institution)
    if not (can_manage or is_coordinator(request.user)):
        raise PermissionDenied
    form = OfficerRoleForm(request.POST or None)
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                role_id = posted_id(request, "revoke")
                if role_id is None:
                    return HttpResponseBadRequest()
                services.officer_role_revoke(
                    actor=request.user, institution=institution, role_id=role_id
                )
                messages.success(request, _("The role was removed."))
                return redirect("institutions:roles", slug=slug)
            if form.is_valid():
                services.officer_role_grant(
                    actor=request.user, institution=institution, **form.cleaned_data
                )
                messages.success(request, _("The role was granted."))
                return redirect("institutions:roles", slug=slug)
        except ValidationError as error:
            apply_service_error(form, error)
    return render(
        request,
        "institutions/roles.html",
        {
            "institution": institution,
            "roles": institution.roles.select_related("user").order_by("user__email", "role"),
            "form": form,
            "can_manage": can_manage,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def declared_groups(request: HttpRequest) -> HttpResponse:
    """The person's own declaration of the affected groups they belong to (profile)."""
    current = [g.pk for g in selectors.affected_groups_declared_by(user=request.user)]
    # Bound on every POST: unticking every box sends no field at all (withdraws them all).
    data = request.POST if request.method == "POST" else None
    form = DeclaredGroupsForm(data, initial={"groups": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.affected_groups_declare(
                user=request.user, group_ids=form.cleaned_data["groups"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your affected groups are saved."))
            return redirect("declared_groups")
    return render(
        request,
        "institutions/declared_groups.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
