"""Pages of the public and of authors: the list, an initiative, drafting, co-sponsors,
signing. Thin: parse, call a selector or service, render."""

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
from lidzdaliba.core.views import download, paginate

from .. import selectors, services
from ..forms import InitiativeFilterForm, InitiativeForm, InvitationForm, SignForm
from ..models import TIMELINE, AnswerDocument, CoSponsor, Status


def initiative_list(request: HttpRequest) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None)
    page = paginate(request, selectors.initiative_list(filters=form.filters()))
    for initiative in page.object_list:
        initiative.signature_total = selectors.signature_total(initiative)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _timeline(initiative, history) -> list[dict]:
    """The happy path with the date each step was reached; a side exit (returned,
    rejected, expired, withdrawn) is shown where it happened."""
    reached = {}
    for change in history:
        reached[change.status] = change.at
    steps = [
        {"status": status, "label": status.label, "at": reached.get(status)}
        for status in TIMELINE
        if status != Status.AWAITING_COSPONSORS or status in reached
    ]
    for change in history:
        if change.status in {Status.RETURNED, Status.REJECTED, Status.EXPIRED, Status.WITHDRAWN}:
            steps.append(
                {"status": change.status, "label": Status(change.status).label, "at": change.at}
            )
    return steps


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    user = request.user
    history = selectors.history_of(initiative)
    online, paper = selectors.signature_counts(initiative)
    can_see_internal = user.has_perm("initiatives.view_internal", initiative)
    context = {
        "initiative": initiative,
        "timeline": _timeline(initiative, history),
        "online_count": online,
        "paper_count": paper,
        "total_count": online + paper,
        "progress": min(100, round(100 * (online + paper) / initiative.threshold))
        if initiative.threshold
        else 100,
        "answer": selectors.answer_of(initiative),
        "milestones": selectors.milestones_of(initiative),
        "paper_batches": selectors.paper_batches_of(initiative),
        "public_signers": selectors.public_signers(initiative) if initiative.is_published else [],
        "my_signature": selectors.signature_of(user=user, initiative=initiative),
        "attachments": selectors.attachments_of(initiative),
        "sign_form": SignForm(initiative=initiative, signer=user),
        "can_see_internal": can_see_internal,
        "cosponsors": selectors.cosponsors_of(initiative) if can_see_internal else [],
        "moderation_decisions": selectors.moderation_decisions_of(initiative)
        if can_see_internal
        else [],
    }
    return render(request, "initiatives/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = InitiativeForm(request.POST)
        if form.is_valid():
            try:
                initiative = services.initiative_create(author=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your draft is saved. Invite co-sponsors and submit it when it is ready."),
                )
                return redirect("initiatives:detail", pk=initiative.pk)
        status = 400
    else:
        form = InitiativeForm(initial={"institution": request.GET.get("institution")})
        status = 200
    return render(
        request, "initiatives/form.html", {"form": form, "initiative": None}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not request.user.has_perm("initiatives.change_initiative", initiative):
        raise PermissionDenied(_("Only the author may edit the initiative before publication."))
    if request.method == "POST":
        form = InitiativeForm(request.POST, editing=True)
        if form.is_valid():
            try:
                services.initiative_update(
                    actor=request.user, initiative=initiative, **form.cleaned_data
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("initiatives:detail", pk=initiative.pk)
        status = 400
    else:
        form = InitiativeForm(
            editing=True,
            initial={
                "kind": initiative.kind,
                "title": initiative.title,
                "problem": initiative.problem,
                "solution": initiative.solution,
                "topic": initiative.topic_id,
                "territory": initiative.territory_id,
            },
        )
        status = 200
    return render(
        request, "initiatives/form.html", {"form": form, "initiative": initiative}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def cosponsors(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    if not request.user.has_perm("initiatives.view_internal", initiative):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not request.user.has_perm("initiatives.invite_cosponsors", initiative):
            raise PermissionDenied(_("Only the author may invite co-sponsors, before moderation."))
        if form.is_valid():
            try:
                invited = services.cosponsor_invite(
                    actor=request.user, initiative=initiative, emails=form.addresses()
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Invitations sent: %(n)s.") % {"n": len(invited)},
                )
                return redirect("initiatives:cosponsors", pk=initiative.pk)
        status = 400
    return render(
        request,
        "initiatives/cosponsors.html",
        {
            "initiative": initiative,
            "form": form,
            "cosponsors": selectors.cosponsors_of(initiative),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cosponsor_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(CoSponsor.objects.select_related("initiative"), token=token)
    initiative = invitation.initiative
    if request.method == "POST":
        try:
            services.cosponsor_accept(user=request.user, token=token)
        except Conflict as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("You are now a co-sponsor of this initiative."))
            return redirect("initiatives:detail", pk=initiative.pk)
    elif invitation.email.lower() != request.user.email.lower():
        raise PermissionDenied(
            _("This invitation was sent to another e-mail address. Sign in with that address.")
        )
    return render(
        request,
        "initiatives/accept.html",
        {"invitation": invitation, "initiative": initiative},
    )


@login_required
@require_POST
def initiative_submit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    try:
        initiative = services.initiative_submit(actor=request.user, initiative=initiative)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if initiative.status == Status.IN_MODERATION:
            messages.success(request, _("The initiative was sent to the institution's moderation."))
        else:
            messages.success(
                request,
                _(
                    "The initiative waits for its co-sponsors to accept; then it goes to "
                    "moderation."
                ),
            )
    return redirect("initiatives:detail", pk=pk)


@login_required
@require_POST
def initiative_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    services.initiative_withdraw(actor=request.user, initiative=initiative)
    messages.success(request, _("The initiative was withdrawn."))
    return redirect("initiatives:detail", pk=pk)


@login_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    form = SignForm(request.POST, initiative=initiative, signer=request.user)
    form.is_valid()
    data = form.cleaned_data
    try:
        _signature, created = services.signature_add(
            signer=request.user,
            initiative=initiative,
            public_name=data.get("public_name", False),
            declared_min_age=data.get("declared_min_age", False),
            declared_citizenship=data.get("declared_citizenship", False),
            declared_residence=data.get("declared_residence", False),
        )
    except Conflict as error:
        messages.error(request, error.message)
        return redirect("initiatives:detail", pk=pk)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("initiatives:detail", pk=pk)
    if created:
        messages.success(request, _("Thank you! Your signature was recorded."))
    else:
        messages.success(
            request, _("You had signed already; your choice about your name is saved.")
        )
    return redirect("initiatives:detail", pk=pk)


@login_required
@require_POST
def unsign(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    try:
        withdrawn = services.signature_withdraw(signer=request.user, initiative=initiative)
    except Conflict as error:
        messages.error(request, error.message)
    else:
        if withdrawn:
            messages.success(request, _("Your signature was withdrawn."))
    return redirect("initiatives:detail", pk=pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "initiatives/mine.html",
        {"initiatives": selectors.initiatives_of_author(user=request.user)},
    )


def answer_document(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(AnswerDocument.objects.select_related("answer"), pk=pk)
    selectors.initiative_get(user=request.user, pk=document.answer.initiative_id)
    return download(
        document.file, original_name=document.original_name, content_type=document.content_type
    )
