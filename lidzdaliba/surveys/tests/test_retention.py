"""An uploaded export whose import was never confirmed may hold people's answers: the
retention run deletes it a day after upload, and leaves a fresh one alone."""

from __future__ import annotations

import os
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from lidzdaliba.surveys.retention import drop_abandoned_imports


def _age(path: str, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(default_storage.path(path), (then, then))


def test_abandoned_imports_go_after_a_day_and_fresh_ones_stay(db):
    old = default_storage.save("survey-imports/old.csv", ContentFile(b"Vecums\n42\n"))
    fresh = default_storage.save("survey-imports/fresh.csv", ContentFile(b"Vecums\n17\n"))
    _age(old, 25)
    _age(fresh, 2)
    now = timezone.now()
    assert drop_abandoned_imports(now, now - timedelta(days=180)) == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(fresh)
    _age(fresh, 30)
    call_command("apply_retention")  # the registered rule runs with the others
    assert not default_storage.exists(fresh)


def test_nothing_uploaded_is_nothing_to_do():
    now = timezone.now()
    assert drop_abandoned_imports(now, now) == 0
