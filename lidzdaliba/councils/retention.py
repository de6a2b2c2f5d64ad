"""Retention: accessibility needs are health-related data, needed only to prepare the
meeting. They are erased once the meeting is over (registered from CouncilsConfig.ready())."""

from __future__ import annotations

from datetime import datetime, timedelta

from .models import Registration

KEEP_AFTER_MEETING = timedelta(days=1)


def erase_accessibility_needs(now: datetime, cutoff: datetime) -> int:
    return (
        Registration.objects.filter(meeting__starts_at__lt=now - KEEP_AFTER_MEETING)
        .exclude(needs="")
        .update(needs="")
    )
