"""The one task interface of the code base.

Jobs are declared with `@job` and started with `enqueue_on_commit`, never called directly
from a request: that keeps e-mail and other slow work off the request path and makes sure a
job never runs for data that was rolled back. Jobs take ids (not objects) and must be
idempotent, because a retried job runs again.

Backed by huey: a SQLite-file queue in the embedded default (`make run` starts a worker),
Redis in production, inline in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from huey.contrib.djhuey import HUEY, db_task

DEFAULT_RETRIES = 5
DEFAULT_RETRY_DELAY = 30


def job(
    *, retries: int = DEFAULT_RETRIES, retry_delay: int = DEFAULT_RETRY_DELAY
) -> Callable[[Callable[..., Any]], Any]:
    """Declare a background job (a huey task with database connection handling)."""
    return db_task(retries=retries, retry_delay=retry_delay)


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue `task(*args, **kwargs)` once the current transaction commits."""
    transaction.on_commit(lambda: task(*args, **kwargs))


def queue() -> Any:
    return HUEY
