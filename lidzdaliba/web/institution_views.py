"""Each institution's public-participation page: what is open, announced and past, its
answer record, and answers that are overdue. It gathers several participation apps, so it
lives at the edge rather than in `institutions`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from lidzdaliba.consultations import selectors as consultation_selectors
from lidzdaliba.core.views import paginate
from lidzdaliba.institutions.models import Institution
from lidzdaliba.institutions.selectors import institution_list


def institution_index(request: HttpRequest) -> HttpResponse:
    institutions = list(institution_list())
    return render(
        request,
        "institutions/list.html",
        {
            "state": [i for i in institutions if i.kind == Institution.Kind.STATE],
            "municipal": [i for i in institutions if i.kind == Institution.Kind.MUNICIPAL],
        },
    )


def institution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    institution = get_object_or_404(
        Institution.objects.select_related("territory", "parent"), slug=slug
    )
    groups = consultation_selectors.institution_consultations(institution)
    return render(
        request,
        "institutions/detail.html",
        {
            "institution": institution,
            "open": groups["open"],
            "upcoming": groups["upcoming"],
            "past": paginate(request, groups["past"]),
            "record": consultation_selectors.institution_answer_record(institution),
            "overdue": list(consultation_selectors.overdue_consultations(institution=institution)),
        },
    )
