"""The one way an initiative's status moves: stored, dated in the history, announced."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from lidzdaliba.core.events import publish_on_commit

from ..models import Initiative, Status, StatusChange


def move(
    initiative: Initiative,
    status: Status,
    *,
    actor=None,
    at: datetime | None = None,
    extra_fields: tuple[str, ...] = (),
) -> Initiative:
    """Set `status`, save it with `extra_fields`, add the dated history row and tell the
    consumers (followers hear of every move; search indexes what is public)."""
    at = at or timezone.now()
    initiative.status = status
    initiative.save(update_fields=["status", "updated_at", *extra_fields])
    StatusChange.objects.create(
        initiative=initiative,
        status=status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        at=at,
    )
    publish_on_commit("initiative.status_changed", initiative_id=initiative.pk, status=status)
    return initiative


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months later (the month's last day when that
    month is shorter)."""
    import calendar

    year, month_index = divmod(moment.year * 12 + moment.month - 1 + months, 12)
    month = month_index + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def initiative_lock_key(initiative_id: int) -> str:
    """Signing holds it shared; ending the collection (expiry, withdrawal) exclusively, so
    no signature lands after the end."""
    return f"initiative:{initiative_id}"
