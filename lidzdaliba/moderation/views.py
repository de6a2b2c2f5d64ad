"""The moderation pages: report an opinion, the queue, hide / restore / dismiss / uphold, and
the coordinator's list of moderators. Thin: parse, ask rules, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lidzdaliba.consultations import selectors as consultation_selectors
from lidzdaliba.consultations import services as consultation_services
from lidzdaliba.consultations.models import Opinion
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.views import paginate

from . import selectors, services
from .forms import AppointForm, NoteForm, ReasonForm, RequiredNoteForm


def _opinion(request: HttpRequest, pk: int) -> Opinion:
    """The opinion, if the reader may see its consultation (404 otherwise)."""
    return consultation_selectors.opinion_get(user=request.user, pk=pk)


def _require_moderation(request: HttpRequest, opinion: Opinion) -> None:
    if not request.user.has_perm("consultations.moderate_opinions", opinion.consultation):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """A signed-in reader reports an opinion's text to the moderators."""
    opinion = _opinion(request, pk)
    if not request.user.has_perm("moderation.report_opinion", opinion):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _report, created = services.report_create(
                reporter=request.user,
                opinion=opinion,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you. The moderators will look at this opinion.")
                if created
                else _("You have reported this opinion already; the moderators will look at it."),
            )
            return redirect("consultations:opinion", pk=opinion.pk)
    return render(
        request,
        "moderation/report.html",
        {"opinion": opinion, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Reported opinions, the most reported first, and the authors' requests for review."""
    if not request.user.has_perm("moderation.view_queue"):
        raise PermissionDenied
    return render(
        request,
        "moderation/queue.html",
        {
            "page": paginate(request, selectors.reported_opinions(user=request.user)),
            "reviews": list(selectors.review_requests(user=request.user)[:50]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = _opinion(request, pk)
    _require_moderation(request, opinion)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.opinion_hide(
                actor=request.user,
                opinion=opinion,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The text is hidden; the author is told why."))
            return redirect("consultations:opinion", pk=opinion.pk)
    return render(
        request,
        "moderation/hide.html",
        {"opinion": opinion, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the text again; when the author asked for a review, this is the answer "yes"."""
    opinion = _opinion(request, pk)
    _require_moderation(request, opinion)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation_services.opinion_restore(
                actor=request.user, opinion=opinion, note=form.cleaned_data["note"]
            )
        except Conflict as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The text is shown again."))
        return redirect("consultations:opinion", pk=opinion.pk)
    return render(
        request,
        "moderation/restore.html",
        {"opinion": opinion, "form": form, "uphold_form": RequiredNoteForm(prefix="uphold")},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def uphold(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer "no" to the author's request for a review, with the reason."""
    opinion = _opinion(request, pk)
    _require_moderation(request, opinion)
    form = RequiredNoteForm(request.POST, prefix="uphold")  # beside the restore form
    if form.is_valid():
        try:
            consultation_services.opinion_review_uphold(
                actor=request.user, opinion=opinion, note=form.cleaned_data["note"]
            )
        except Conflict as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The text stays hidden; the author is told why."))
        return redirect("moderation:queue")
    return render(
        request,
        "moderation/restore.html",
        {"opinion": opinion, "form": NoteForm(), "uphold_form": form},
        status=400,
    )


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = _opinion(request, pk)
    _require_moderation(request, opinion)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    closed = services.reports_dismiss(actor=request.user, opinion=opinion, note=note)
    if closed:
        messages.success(request, _("The reports are dismissed; the text stays shown."))
    return redirect("moderation:queue")


@login_required
@require_http_methods(["GET", "POST"])
def moderators(request: HttpRequest) -> HttpResponse:
    """The coordinator appoints and removes moderators."""
    if not request.user.has_perm("moderation.appoint_moderators"):
        raise PermissionDenied
    form = AppointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appointed = services.moderator_appoint(
                actor=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request, _("%(email)s is a moderator now.") % {"email": appointed.email}
            )
            return redirect("moderation:moderators")
    return render(
        request,
        "moderation/moderators.html",
        {"form": form, "moderators": selectors.moderators()},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def moderator_remove(request: HttpRequest, user_id: int) -> HttpResponse:
    if not request.user.has_perm("moderation.appoint_moderators"):
        raise PermissionDenied
    try:
        removed = services.moderator_remove(actor=request.user, user_id=user_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(email)s is no longer a moderator.") % {"email": removed.email}
        )
    return redirect("moderation:moderators")
