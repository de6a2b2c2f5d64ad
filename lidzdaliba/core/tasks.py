"""The one task interface of the code base.

Jobs are declared with `@job` and started with `enqueue_on_commit`, never called directly
from a request: that keeps e-mail and other slow work off the request path and makes sure a
job never runs for data that was rolled back. Jobs take ids (not objects) and must be
idempotent, because a retried job runs again. A failing job is retried with exponential
back-off (30 s, 60 s, 120 s, …) and every failure is recorded in `JobFailure` (admin).

Backed by huey: a SQLite-file queue in the embedded default (`make run` starts a worker),
Redis in production (any number of `manage.py run_huey` workers), inline in tests.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from django.db import transaction
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task
from huey.signals import SIGNAL_ERROR

logger = logging.getLogger(__name__)

DEFAULT_RETRIES = 5
DEFAULT_RETRY_DELAY = 30
RETRY_BACKOFF = 2

__all__ = [
    "crontab",
    "deliver_prepared_mail",
    "enqueue_on_commit",
    "job",
    "periodic_job",
    "queue",
]


def job(
    *,
    retries: int = DEFAULT_RETRIES,
    retry_delay: int = DEFAULT_RETRY_DELAY,
    **options: Any,
) -> Callable[[Callable[..., Any]], Any]:
    """Declare a background job (a huey task with database connection handling)."""
    return db_task(retries=retries, retry_delay=retry_delay, retry_backoff=RETRY_BACKOFF, **options)


def periodic_job(schedule: Any) -> Callable[[Callable[..., Any]], Any]:
    """Declare a job the worker runs on a schedule (`crontab(minute="*/5")`, UTC)."""
    return db_periodic_task(schedule)


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue `task(*args, **kwargs)` once the current transaction commits."""
    transaction.on_commit(lambda: task(*args, **kwargs))


def queue() -> Any:
    return HUEY


@job()
def deliver_prepared_mail(delivery_id: int, parts: dict) -> None:
    from .mail import deliver_prepared

    deliver_prepared(delivery_id, parts)


@HUEY.signal(SIGNAL_ERROR)
def _record_failure(signal: str, task: Any, exc: BaseException | None = None) -> None:
    from .models import JobFailure

    try:
        JobFailure.objects.create(
            task=task.name,
            task_id=str(task.id),
            arguments=repr((task.args, task.kwargs))[:2000],
            error=f"{type(exc).__name__}: {exc}"[:2000] if exc else "unknown",
            traceback="".join(traceback.format_exception(exc))[-8000:] if exc else "",
            will_retry=bool(task.retries),
        )
    except Exception:  # the failure log must never break the worker
        logger.exception("Could not record the failure of %s", task.name)
