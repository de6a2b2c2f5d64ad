"""Reads of the moderation queue, filtered by who is asking (rules.py says who may ask)."""

from __future__ import annotations

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from lidzdaliba.accounts.models import User
from lidzdaliba.consultations.models import Opinion
from lidzdaliba.institutions.models import OfficerRole

from .models import Report

OPEN = Q(reports__handled_at__isnull=True)  # Count skips the opinions without any report


def _opinions_in_reach(*, user) -> QuerySet[Opinion]:
    """Every opinion for moderators and the coordinator; their institutions' for officers."""
    opinions = Opinion.objects.all()
    if user.is_moderator or user.is_coordinator:
        return opinions
    mine = OfficerRole.objects.filter(user=user).values("institution_id")
    return opinions.filter(consultation__institution_id__in=mine)


def reported_opinions(*, user) -> QuerySet[Opinion]:
    """Opinions with open reports, the most reported first (then the longest waiting), each
    with `open_report_count` and its open reports (`open_reports`, newest first)."""
    return (
        _opinions_in_reach(user=user)
        .annotate(
            open_report_count=Count("reports", filter=OPEN),
            last_report=Max("reports__created_at", filter=OPEN),
        )
        .filter(open_report_count__gt=0)
        .select_related("consultation__institution", "clause", "author", "organisation")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(handled_at__isnull=True).order_by("-created_at"),
                to_attr="open_reports",
            )
        )
        .order_by("-open_report_count", "last_report", "id")
    )


def review_requests(*, user) -> QuerySet[Opinion]:
    """Hidden opinions whose authors asked for a review, the oldest request first."""
    return (
        _opinions_in_reach(user=user)
        .filter(review_requested_at__isnull=False, review_decided_at__isnull=True)
        .select_related("consultation__institution", "clause")
        .order_by("review_requested_at", "id")
    )


def moderators() -> QuerySet[User]:
    return User.objects.filter(is_moderator=True).order_by("email")
