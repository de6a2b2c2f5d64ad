from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import Institution


def institution_list() -> QuerySet[Institution]:
    now = timezone.now()
    return (
        Institution.objects.select_related("territory", "parent")
        .annotate(
            open_count=Count(
                "consultations",
                filter=Q(
                    consultations__announced_at__isnull=False,
                    consultations__opens_at__lte=now,
                    consultations__closes_at__gt=now,
                    consultations__feedback_published_at__isnull=True,
                    consultations__decided_at__isnull=True,
                ),
            ),
            public_count=Count(
                "consultations", filter=Q(consultations__announced_at__isnull=False)
            ),
        )
        .order_by("kind", "name")
    )


def institutions_with_role(*, user, roles) -> QuerySet[Institution]:
    """The institutions where `user` holds any of `roles` (e.g. where they may create
    consultations: the editor's and manager's), by name."""
    if user is None or not user.is_authenticated:
        return Institution.objects.none()
    return (
        Institution.objects.filter(roles__user=user, roles__role__in=list(roles))
        .distinct()
        .order_by("name")
    )
