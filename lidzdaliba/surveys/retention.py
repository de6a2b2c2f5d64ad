"""Retention: an uploaded survey export waits in storage only between the import's preview
and its confirmation. A preview that was never confirmed (the browser closed) leaves the file,
which may hold people's answers: it is deleted a day later (registered from
SurveysConfig.ready(); the daily retention job and `manage.py apply_retention` run it)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.files.storage import default_storage

PENDING_IMPORTS = "survey-imports"
KEEP_PENDING_IMPORT = timedelta(days=1)


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
