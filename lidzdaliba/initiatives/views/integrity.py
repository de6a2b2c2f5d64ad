"""The addressed institution's integrity pages: the signers' review list, invalidating one
signature or many by a stated rule (a preview of the count before confirming), and the
trends of signing. Thin: permissions in rules.py, writes in services/invalidation.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.views import paginate

from .. import selectors, services, trends
from ..forms_integrity import InvalidateOneForm, InvalidationRuleForm
from ..models import InvalidationRule, Signature


def _initiative(request: HttpRequest, pk: int, permission: str):
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not request.user.has_perm(permission, initiative):
        raise PermissionDenied(_("Only the addressed institution's officers may do this."))
    return initiative


def _done(request: HttpRequest, record) -> None:
    total = record.online_count + record.paper_count
    messages.success(
        request,
        ngettext(
            "%(n)s signature was invalidated; its signer is told by e-mail.",
            "%(n)s signatures were invalidated; their signers are told by e-mail.",
            total,
        )
        % {"n": total},
    )


@login_required
def signatures(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk, "initiatives.review_signatures")
    page = paginate(request, selectors.signatures_for_review(initiative), per_page=50)
    return render(
        request,
        "initiatives/signatures.html",
        {
            "initiative": initiative,
            "page": page,
            "invalidations": selectors.invalidations_of(initiative),
            "can_invalidate": request.user.has_perm(
                "initiatives.invalidate_signatures", initiative
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invalidate_one(request: HttpRequest, pk: int, signature_id: int) -> HttpResponse:
    initiative = _initiative(request, pk, "initiatives.invalidate_signatures")
    signature = get_object_or_404(
        Signature.objects.select_related("signer"), pk=signature_id, initiative=initiative
    )
    form = InvalidateOneForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                record = services.signatures_invalidate(
                    actor=request.user,
                    initiative=initiative,
                    spec=services.RuleSpec(rule=InvalidationRule.SINGLE, signature_id=signature.pk),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                _done(request, record)
                return redirect("initiatives:signatures", pk=pk)
        status = 400
    return render(
        request,
        "initiatives/invalidate_one.html",
        {"initiative": initiative, "signature": signature, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invalidate_rule(request: HttpRequest, pk: int) -> HttpResponse:
    """First POST previews the count; the confirming POST (same fields, `confirm`) applies."""
    initiative = _initiative(request, pk, "initiatives.invalidate_signatures")
    form = InvalidationRuleForm(
        request.POST or None, initiative=initiative, initial={"rule": request.GET.get("rule")}
    )
    preview = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if "confirm" in request.POST:
                    record = services.signatures_invalidate(
                        actor=request.user,
                        initiative=initiative,
                        spec=form.spec(),
                        reason=form.cleaned_data["reason"],
                    )
                    _done(request, record)
                    return redirect("initiatives:signatures", pk=pk)
                online, paper = services.invalidation_preview(
                    actor=request.user, initiative=initiative, spec=form.spec()
                )
                preview = {"online": online, "paper": paper, "total": online + paper}
                status = 200
            except ValidationError as error:
                apply_service_error(form, error, field_map={"paper_batch_id": "paper_batch"})
    return render(
        request,
        "initiatives/invalidate_rule.html",
        {"initiative": initiative, "form": form, "preview": preview},
        status=status,
    )


@login_required
def signature_trends(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk, "initiatives.view_signature_trends")
    try:
        hours = int(request.GET.get("hours", trends.DEFAULT_WINDOW))
    except ValueError:
        hours = trends.DEFAULT_WINDOW
    return render(
        request,
        "initiatives/trends.html",
        {
            "initiative": initiative,
            "trends": trends.signature_trends(initiative, window_hours=hours),
            "windows": [
                (1, _("last hour")),
                (24, _("last 24 hours")),
                (168, _("last 7 days")),
                (0, _("since publication")),
            ],
            "can_invalidate": request.user.has_perm(
                "initiatives.invalidate_signatures", initiative
            ),
        },
    )
