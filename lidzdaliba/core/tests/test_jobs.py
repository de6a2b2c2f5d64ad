"""The job system: retries with back-off, the failure log, and the Redis path with a real
worker process."""

from __future__ import annotations

import datetime
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings

from lidzdaliba.core.models import JobFailure
from lidzdaliba.core.tasks import RETRY_BACKOFF, job, queue
from lidzdaliba.testing import servers

ROOT = Path(settings.BASE_DIR)


@job(retries=3, retry_delay=10)
def _always_fails(label: str) -> None:
    raise RuntimeError(f"broken {label}")


@pytest.mark.django_db
def test_jobs_retry_with_exponential_back_off():
    """Each retry waits twice as long as the one before: 10 s, 20 s, 40 s."""
    queue().storage.flush_schedule()
    try:
        _always_fails("a")
        delays = []
        for _attempt in range(3):
            [task] = [t for t in queue().scheduled() if t.name.endswith("_always_fails")]
            delays.append(
                round(
                    (
                        task.eta - datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
                    ).total_seconds()
                )
            )
            queue().storage.flush_schedule()
            task.eta = None  # its time has come, as for the worker's scheduler
            queue().execute(task)
        assert delays == [10, 20, 40]
        assert not queue().scheduled()  # retries used up
        assert JobFailure.objects.filter(will_retry=False).count() == 1
        assert RETRY_BACKOFF == 2
    finally:
        queue().storage.flush_schedule()


@pytest.mark.django_db
def test_a_failing_job_is_recorded_for_administrators():
    _always_fails("x")
    failure = JobFailure.objects.get()
    assert failure.task.endswith("_always_fails")
    assert "RuntimeError: broken x" in failure.error
    assert "Traceback" in failure.traceback
    assert failure.will_retry


def _run(args, env, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


def test_redis_queue_with_a_real_worker_process(tmp_path):
    """Production path: a job enqueued by one process waits in Redis until a separate
    `run_huey` worker takes it and runs it against the shared database."""
    name = f"lidzdalibatest{uuid.uuid4().hex[:8]}"  # huey keeps only letters and digits
    redis_url = servers.redis_url()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "lidzdaliba.settings",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "LIDZDALIBA_VAR_DIR": str(tmp_path),
        "REDIS_URL": redis_url,
        "JOBS_QUEUE_NAME": name,
    }
    env.pop("DATABASE_URL", None)
    env.pop("LIDZDALIBA_TESTING", None)
    _run(["migrate", "-v0"], env)
    enqueue = (
        "from lidzdaliba.institutions.models import Institution, Territory;"
        "from lidzdaliba.notifications.models import Subscription;"
        "from lidzdaliba.notifications.tasks import send_subscription_confirmation;"
        "from huey.contrib.djhuey import HUEY;"
        "i = Institution.objects.create(slug='x', name='X', kind='state',"
        " territory=Territory.objects.get(slug='latvija'));"
        "s = Subscription.objects.create(email='q@example.lv', kind='institution',"
        " institution=i, target_key='institution:1');"
        "send_subscription_confirmation(s.pk);"
        "print(type(HUEY).__name__)"
    )
    shown = _run(["shell", "-c", enqueue], env).stdout
    assert "RedisHuey" in shown
    client = redis.Redis.from_url(redis_url)
    queued = [key for key in client.keys(f"*{name}*")]
    assert queued, "the job should wait in Redis"

    def delivered() -> int:
        with sqlite3.connect(tmp_path / "db.sqlite3") as db:
            return db.execute(
                "SELECT count(*) FROM core_emaildelivery WHERE status = 'sent'"
            ).fetchone()[0]

    assert delivered() == 0  # nothing ran inline
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while delivered() == 0 and time.monotonic() < deadline:
            assert worker.poll() is None, worker.stderr.read()
            time.sleep(0.2)
        assert delivered() == 1
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        for key in client.keys(f"*{name}*"):
            client.delete(key)
