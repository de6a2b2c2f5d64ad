from __future__ import annotations

from django.db.models import QuerySet

from .models import Institution


def institution_list() -> QuerySet[Institution]:
    """Every institution, state ones first. What each has open is not known here:
    institutions is below the participation apps (the web edge adds their counts)."""
    return Institution.objects.select_related("territory", "parent").order_by("kind", "name")
