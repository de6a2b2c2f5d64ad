"""The institutions list and each institution's public-participation page: what is open,
announced and past, its answer record, and answers that are overdue.

They gather what the participation apps hold about an institution (today consultations;
initiatives, councils and meetings later), and `institutions` is below those apps and may not
import them, so these views and their templates (`web/institutions/`) live at the edge. The
institutions app keeps only what is its own: the officer-roles page."""

from __future__ import annotations

from typing import NamedTuple

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from lidzdaliba.consultations import selectors as consultation_selectors
from lidzdaliba.consultations.selectors import ConsultationCounts
from lidzdaliba.core.views import paginate
from lidzdaliba.initiatives import selectors as initiative_selectors
from lidzdaliba.institutions.models import Institution
from lidzdaliba.institutions.selectors import institution_list


class InstitutionRow(NamedTuple):
    institution: Institution
    consultations: ConsultationCounts


def institution_index(request: HttpRequest) -> HttpResponse:
    counts = consultation_selectors.consultation_counts_by_institution()
    rows = [
        InstitutionRow(institution, counts.get(institution.pk, ConsultationCounts()))
        for institution in institution_list()
    ]
    return render(
        request,
        "web/institutions/list.html",
        {
            "state": [r for r in rows if r.institution.kind == Institution.Kind.STATE],
            "municipal": [r for r in rows if r.institution.kind == Institution.Kind.MUNICIPAL],
        },
    )


# The newest published initiatives on an institution's page; the list page has the rest.
INITIATIVES_SHOWN = 10


def institution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    institution = get_object_or_404(
        Institution.objects.select_related("territory", "parent"), slug=slug
    )
    groups = consultation_selectors.institution_consultations(institution)
    return render(
        request,
        "web/institutions/detail.html",
        {
            "institution": institution,
            "open": groups["open"],
            "upcoming": groups["upcoming"],
            "past": paginate(request, groups["past"]),
            "record": consultation_selectors.institution_answer_record(institution),
            "overdue": list(consultation_selectors.overdue_consultations(institution=institution)),
            "initiatives": list(
                initiative_selectors.initiatives_of_institution(institution)[:INITIATIVES_SHOWN]
            ),
            "overdue_initiatives": list(
                initiative_selectors.overdue_answers(institution=institution)
            ),
        },
    )
