"""Retention: saved progress that names no one (`Draft`, see services/drafts.py) is deleted
30 days after it was last saved, or once its survey has closed (rule `survey-drafts`).

An uploaded survey export waits in storage only between the import's preview
and its confirmation. A preview that was never confirmed (the browser closed) leaves the file,
which may hold people's answers: it is deleted a day later (registered from
SurveysConfig.ready(); the daily retention job and `manage.py apply_retention` run it)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone

from .models import Draft

PENDING_IMPORTS = "survey-imports"
KEEP_PENDING_IMPORT = timedelta(days=1)
KEEP_DRAFT = timedelta(days=30)


def drop_abandoned_imports(now: datetime, cutoff: datetime) -> int:
    if not default_storage.exists(PENDING_IMPORTS):
        return 0
    _folders, files = default_storage.listdir(PENDING_IMPORTS)
    dropped = 0
    for name in files:
        path = f"{PENDING_IMPORTS}/{name}"
        if default_storage.get_modified_time(path) < now - KEEP_PENDING_IMPORT:
            default_storage.delete(path)
            dropped += 1
    return dropped


def drop_stale_drafts(now: datetime, cutoff: datetime) -> int:
    """Retention rule `survey-drafts`: drafts not saved for `KEEP_DRAFT`, and every draft of
    a survey that has closed (it can no longer be submitted). Idempotent."""
    oldest = timezone.localdate(now) - KEEP_DRAFT
    deleted, _by_model = Draft.objects.filter(
        Q(saved_on__lt=oldest) | Q(survey__closes_at__lte=now)
    ).delete()
    return deleted
