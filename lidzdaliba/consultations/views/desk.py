"""The officer desk: the opinions of the officer's institutions, each with its text, its
answer due date and whether the answer is overdue, filtered by consultation, clause, kind
and state; and the consultations with their answer progress."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lidzdaliba.core.views import paginate
from lidzdaliba.institutions.models import OfficerRole
from lidzdaliba.institutions.selectors import institutions_with_role

from .. import selectors
from ..forms import DeskFilterForm
from .officer import EDITOR_ROLES


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("consultations.use_officer_desk"):
        raise PermissionDenied
    now = timezone.now()
    form = DeskFilterForm(
        request.GET,
        consultations=selectors.desk_consultations(user=request.user),
        clauses_of=selectors.desk_clauses,
    )
    form.is_valid()  # the valid filters apply; the others are shown as errors
    opinions = paginate(
        request, selectors.desk_opinions(user=request.user, now=now, **form.filters())
    )
    return render(
        request,
        "consultations/officer/dashboard.html",
        {
            "form": form,
            "filtered": form.filters() != DeskFilterForm.UNFILTERED,
            "answer_deadline_days": settings.ANSWER_DEADLINE_DAYS,
            "consultations": selectors.officer_consultations(user=request.user)[:50],
            "opinions": opinions,
            "editor_institutions": institutions_with_role(user=request.user, roles=EDITOR_ROLES),
            "managed_institutions": institutions_with_role(
                user=request.user, roles=[OfficerRole.Role.MANAGER]
            ),
            "now": now,
        },
    )
