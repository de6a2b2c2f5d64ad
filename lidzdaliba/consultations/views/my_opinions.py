"""“Mani viedokļi”: a person's opinions (and their organisations'), and editing or
withdrawing one while its consultation is open. Plain forms and POST: works without JS."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.views import paginate

from .. import selectors
from ..forms import OpinionEditForm
from ..models import Opinion
from ..services import opinion_edit, opinion_withdraw


@login_required
def my_opinions(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.opinions_followed_by(user=request.user))
    rows = [
        {
            "opinion": opinion,
            "status": opinion.status_for(sees_answer_state=True),
            "can_change": request.user.has_perm("consultations.change_opinion", opinion),
        }
        for opinion in page
    ]
    return render(request, "consultations/my_opinions.html", {"page": page, "rows": rows})


def _followed_opinion(request: HttpRequest, pk: int) -> Opinion:
    """The opinion, if the person speaks for it; 404 otherwise (an opinion's author is not
    public, so a stranger must not learn more than the public page says)."""
    opinion = selectors.opinions_followed_by(user=request.user).filter(pk=pk).first()
    if opinion is None or not request.user.has_perm("consultations.follow_opinion", opinion):
        raise Http404
    return opinion


def _refused(request: HttpRequest, opinion: Opinion, message: str) -> HttpResponse:
    return render(
        request,
        "consultations/opinion_change_refused.html",
        {"opinion": opinion, "consultation": opinion.consultation, "message": message},
        status=409,
    )


def _why_not_changeable(opinion: Opinion) -> str:
    if opinion.withdrawn_at is not None:
        return _("This opinion has been withdrawn; it can no longer be changed.")
    return _(
        "The consultation is closed, so the opinion can no longer be edited or withdrawn. "
        "The institution answers it as it was given."
    )


@login_required
@require_http_methods(["GET", "POST"])
def opinion_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = _followed_opinion(request, pk)
    if not request.user.has_perm("consultations.change_opinion", opinion):
        return _refused(request, opinion, _why_not_changeable(opinion))
    consultation = opinion.consultation
    version = selectors.current_version(consultation)
    clauses = list(version.clauses.order_by("position")) if version else []
    if request.method == "POST":
        form = OpinionEditForm(request.POST, clauses=clauses)
        if form.is_valid():
            data = form.cleaned_data
            was_answered = opinion.answer_or_none is not None
            try:
                opinion_edit(
                    actor=request.user,
                    opinion=opinion,
                    kind=data["kind"],
                    text=data["text"],
                    clause_id=data["clause"],
                    proposed_wording=data["proposed_wording"],
                )
            except Conflict as error:
                return _refused(request, opinion, error.message)
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as error:
                apply_service_error(form, error, {"clause_id": "clause"})
            else:
                messages.success(request, _("Your opinion was changed."))
                if was_answered:
                    messages.info(
                        request,
                        _(
                            "The institution had already answered it; it will answer the "
                            "changed opinion again."
                        ),
                    )
                return redirect("consultations:my_opinions")
        status = 400
    else:
        form = OpinionEditForm(
            initial={
                "kind": opinion.kind,
                "clause": opinion.clause_id or "",
                "text": opinion.text,
                "proposed_wording": opinion.proposed_wording,
            },
            clauses=clauses,
        )
        status = 200
    return render(
        request,
        "consultations/opinion_edit.html",
        {"opinion": opinion, "consultation": consultation, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def opinion_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST withdraws."""
    opinion = _followed_opinion(request, pk)
    if not request.user.has_perm("consultations.change_opinion", opinion):
        return _refused(request, opinion, _why_not_changeable(opinion))
    if request.method == "POST":
        try:
            opinion_withdraw(actor=request.user, opinion=opinion)
        except Conflict as error:
            return _refused(request, opinion, error.message)
        except PermissionDenied:
            raise Http404 from None
        messages.success(
            request,
            _("Your opinion %(ref)s was withdrawn.") % {"ref": opinion.reference},
        )
        return redirect("consultations:my_opinions")
    return render(
        request,
        "consultations/opinion_withdraw.html",
        {"opinion": opinion, "consultation": opinion.consultation},
    )
