#!/usr/bin/env python
"""Fan-out benchmark: N subscribers follow an institution; one of its consultations opens.

Measures the time until every notification is rendered and handed to SMTP, first for
immediate subscribers, then for the same people on daily digests — through the real job
queue and real worker processes (`manage.py run_huey`, as deployed), nothing run inline:
the script only enqueues the job a domain event or the schedule would enqueue (`notify`,
`send_daily_digests`) and watches the delivery log until every delivery says *sent*.

- immediate: `notify` finds the subscribers and writes an `EmailDelivery` row each, then
  enqueues a `send_event_batch` job per 2,000 rows; the workers share them;
- digest: `notify` (feedback published) writes a `DigestItem` each; `send_daily_digests`
  queues one digest per address and enqueues a `send_digest_batch` job per 2,000.

Queue and workers: Redis and `--workers` processes of `manage.py run_huey --no-periodic`
(WORKER_THREADS threads each), as in production; `--queue sqlite` runs the embedded
deployment instead (`make run`: a SQLite-file queue and one worker process).

A real SMTP server runs in its own process: Postfix's `smtp-sink` (C, made for measuring
mail senders; Debian package `postfix`) when installed, otherwise aiosmtpd (Python, ~2,000
messages/s here, which then limits the result). "Handed to SMTP" means the server answered
250 to the message, which is also when the delivery log marks it sent. As a baseline in the
same run, the script hands pre-built messages straight to that server with smtplib over the
same number of connections: the ratio shows how close the platform gets to what plain
smtplib achieves against the same server on this machine.

    .venv/bin/python bench/fanout.py                         # SQLite, 100,000 subscribers
    .venv/bin/python bench/fanout.py --subscribers 10000
    .venv/bin/python bench/fanout.py --database-url postgres://postgres@127.0.0.1:5432/postgres
    .venv/bin/python bench/fanout.py --queue sqlite --workers 1   # the embedded deployment
    .venv/bin/python bench/fanout.py --smtp aiosmtpd
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.production.stack import clean_env, huey_worker, private_redis  # noqa: E402


def smtp_sink(port: int, counter, ready) -> None:
    """A minimal real SMTP server in its own process, counting accepted messages."""
    from aiosmtpd.controller import Controller

    class Counting:
        async def handle_DATA(self, server, session, envelope):
            with counter.get_lock():
                counter.value += 1
            return "250 OK"

    controller = Controller(Counting(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


SMTP_SINK = shutil.which("smtp-sink") or (
    "/usr/sbin/smtp-sink" if Path("/usr/sbin/smtp-sink").exists() else None
)


def start_server(kind: str, port: int):
    """Start the SMTP server; returns (stop function, counter or None)."""
    if kind == "smtp-sink":
        process = subprocess.Popen(
            [SMTP_SINK, "-u", "nobody", f"127.0.0.1:{port}", "1024"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        return process.terminate, None
    counter = multiprocessing.Value("i", 0)
    ready = multiprocessing.Event()
    sink = multiprocessing.Process(target=smtp_sink, args=(port, counter, ready), daemon=True)
    sink.start()
    ready.wait(10)
    return sink.terminate, counter


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(counter, target: int, timeout: float = 600) -> None:
    """aiosmtpd counts in its own process; smtp-sink has answered 250 already (no counter)."""
    deadline = time.monotonic() + timeout
    while counter is not None and counter.value < target and time.monotonic() < deadline:
        time.sleep(0.01)


def configure(args, workdir: Path, port: int, redis_url: str | None) -> tuple[dict, str | None]:
    """The environment of this process and of the workers (one deployment), and the name
    of the PostgreSQL database made for the run."""
    values = {
        "LIDZDALIBA_VAR_DIR": str(workdir),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "SITE_URL": "https://lidzdaliba.example.lv",
        "WORKER_THREADS": str(args.worker_threads),
    }
    if redis_url:
        values["REDIS_URL"] = redis_url
        values["JOBS_QUEUE_NAME"] = f"fanoutbench{uuid.uuid4().hex[:8]}"
    database = None
    if args.database_url:
        import psycopg

        database = f"lidzdaliba_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.database_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        values["DATABASE_URL"] = args.database_url.rsplit("/", 1)[0] + "/" + database
    else:
        values["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    env = clean_env(**values)
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    return env, database


def start_workers(args, env: dict, workdir: Path) -> list:
    """`manage.py run_huey` processes, as deployed; returns once each has started."""
    workers = [
        huey_worker(f"worker{n}", env, workdir, "--no-periodic") for n in range(args.workers)
    ]
    deadline = time.monotonic() + 60
    for worker in workers:
        while "started with" not in worker.log() and time.monotonic() < deadline:
            if not worker.alive():
                raise RuntimeError(f"{worker.name} exited:\n{worker.log()}")
            time.sleep(0.1)
    return workers


def wait_until_sent(template: str, expected: int, timeout: float = 900) -> None:
    """Until the delivery log says every delivery of `template` was handed to SMTP."""
    from lidzdaliba.core.models import EmailDelivery, JobFailure

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if EmailDelivery.objects.filter(template=template, status="sent").count() >= expected:
            return
        if JobFailure.objects.filter(will_retry=False).exists():
            raise RuntimeError(f"a job failed: {JobFailure.objects.values('task', 'error')[:3]}")
        time.sleep(1)  # counting is a scan of the log: not too often, it takes CPU too
    raise RuntimeError(f"not every {template} delivery was sent within {timeout:.0f} s")


def baseline(count: int, port: int, counter, connections: int) -> float:
    """Pre-built messages straight to SMTP: the ceiling of this machine's SMTP exchange."""
    raw = b"From: a@example.lv\r\nTo: b@example.lv\r\nSubject: x\r\n\r\n" + b"Teksts.\r\n" * 40
    start_count = counter.value if counter is not None else 0

    def chunk(n: int) -> None:
        smtp = smtplib.SMTP("127.0.0.1", port)
        for _ in range(n):
            smtp.sendmail("a@example.lv", ["b@example.lv"], raw)
        smtp.quit()

    started = time.perf_counter()
    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(chunk, [count // connections] * connections))
    wait_for(counter, start_count + (count // connections) * connections)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--queue",
        choices=["redis", "sqlite"],
        default="redis",
        help="redis: production's queue; sqlite: the embedded deployment's (make run)",
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes (run_huey)")
    parser.add_argument("--worker-threads", type=int, default=4, help="threads per worker")
    parser.add_argument(
        "--smtp",
        choices=["auto", "smtp-sink", "aiosmtpd"],
        default="auto",
        help="the receiving SMTP server (auto: smtp-sink when installed)",
    )
    args = parser.parse_args()
    if args.smtp == "auto":
        args.smtp = "smtp-sink" if SMTP_SINK else "aiosmtpd"

    port = free_port()
    stop_server, counter = start_server(args.smtp, port)
    workdir = Path(tempfile.mkdtemp(prefix="lidz-fanout-"))
    with contextlib.ExitStack() as stack:
        redis_url = stack.enter_context(private_redis()) if args.queue == "redis" else None
        env, database = configure(args, workdir, port, redis_url)
        workers: list = []
        try:
            workers = run(args, env, workdir, port, counter)
        finally:
            for worker in workers:
                worker.stop(signal.SIGINT)  # huey: finish the running jobs
            stop_server()
            if database:
                from django.db import connections

                connections.close_all()
                import psycopg

                with psycopg.connect(args.database_url, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            shutil.rmtree(workdir, ignore_errors=True)


def run(args, env: dict, workdir: Path, port: int, counter) -> list:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from lidzdaliba.accounts.models import User
    from lidzdaliba.consultations import services
    from lidzdaliba.consultations.models import Consultation
    from lidzdaliba.core import mail
    from lidzdaliba.core.models import EmailDelivery, JobFailure
    from lidzdaliba.institutions.models import Institution, OfficerRole, Territory, Topic
    from lidzdaliba.notifications import dispatch, tasks
    from lidzdaliba.notifications.models import NotificationEvent, Subscription

    call_command("migrate", verbosity=0)
    workers = start_workers(args, env, workdir)
    print(
        f"database: {connection.vendor}, queue: {settings.HUEY['huey_class']}, workers: "
        f"{args.workers} × run_huey ({settings.HUEY['consumer']['workers']} threads), "
        f"SMTP server: {args.smtp}, subscribers: {args.subscribers:,}, "
        f"SMTP connections per batch job: {mail.BULK_CONNECTIONS}, CPUs: {os.cpu_count()}, "
        f"load average: {os.getloadavg()[0]:.2f}"
    )
    institution = Institution.objects.create(
        slug="bench",
        name="Bench ministrija",
        kind="state",
        territory=Territory.objects.get(slug="latvija"),
    )
    editor = User.objects.create_user("editor@bench.lv", "x" * 16)
    OfficerRole.objects.create(user=editor, institution=institution, role="editor")
    now = timezone.now()
    consultation = services.consultation_create(
        actor=editor,
        institution=institution,
        title="Noteikumi par etalonu",
        summary="Kas mainīsies: etalona pārbaude ar simt tūkstošiem abonentu.",
        topic=Topic.objects.first(),
        territory=institution.territory,
        policy_stage="drafting",
        participation_form="written_consultation",
        responsible_official="Jānis",
        contact_email="j@bench.lv",
        opens_at=now,
        closes_at=now + timezone.timedelta(days=31),
    )
    Consultation.objects.filter(pk=consultation.pk).update(announced_at=now)
    started = time.perf_counter()
    Subscription.objects.bulk_create(
        (
            Subscription(
                email=f"abonents{n}@example.lv",
                kind="institution",
                institution=institution,
                target_key=f"institution:{institution.pk}",
                frequency="immediate",
                language="lv" if n % 5 else "en",
                confirmed_at=now,
            )
            for n in range(args.subscribers)
        ),
        batch_size=5000,
    )
    print(
        f"setup: {args.subscribers:,} subscriptions created in "
        f"{time.perf_counter() - started:.1f} s"
    )

    # Baseline: the SMTP server's own ceiling, same connections, same run.
    base_count = min(args.subscribers, 20_000)
    base_seconds = baseline(base_count, port, counter, mail.BULK_CONNECTIONS)
    base_rate = base_count / base_seconds
    print(f"baseline: raw smtplib → SMTP server: {base_rate:,.0f} messages/s")

    # Immediate: the job a domain event enqueues; the workers do the rest.
    started = time.perf_counter()
    tasks.notify(consultation.pk, "opened")
    queued_at = None
    while queued_at is None and time.perf_counter() - started < 600:
        if NotificationEvent.objects.filter(key=f"opened:{consultation.pk}", immediate_count__gt=0):
            queued_at = time.perf_counter() - started
        time.sleep(0.1)
    wait_until_sent(dispatch.EVENT_TEMPLATE, args.subscribers)
    immediate = time.perf_counter() - started
    batches = args.subscribers // dispatch.BATCH_SIZE + bool(args.subscribers % dispatch.BATCH_SIZE)
    print(
        f"immediate: {args.subscribers:,} notifications rendered and handed to SMTP in "
        f"{immediate:.1f} s ({args.subscribers / immediate:,.0f}/s; recipients found and "
        f"queued after ~{queued_at:.1f} s; {batches} batch jobs; load average "
        f"{os.getloadavg()[0]:.2f})"
    )
    print(f"  ratio to raw SMTP baseline: {args.subscribers / immediate / base_rate:.2f}")

    # Daily digest for the same people: the event, then the scheduled job, through the queue.
    Subscription.objects.update(frequency="daily")
    started = time.perf_counter()
    tasks.notify(consultation.pk, "feedback_published")
    while (
        NotificationEvent.objects.filter(
            key=f"feedback_published:{consultation.pk}", digest_count__gt=0
        ).count()
        == 0
        and time.perf_counter() - started < 600
    ):
        time.sleep(0.1)
    tasks.send_daily_digests()
    wait_until_sent(dispatch.DIGEST_TEMPLATE, args.subscribers)
    digest = time.perf_counter() - started
    print(
        f"daily digest: {args.subscribers:,} digests rendered and handed to SMTP in "
        f"{digest:.1f} s ({args.subscribers / digest:,.0f}/s; the event and the scheduled "
        f"job included); ratio to baseline {args.subscribers / digest / base_rate:.2f}"
    )
    sent = EmailDelivery.objects.filter(status="sent").count()
    print(
        f"delivery log: {sent:,} sent, "
        f"{EmailDelivery.objects.exclude(status='sent').count()} not; job failures: "
        f"{JobFailure.objects.count()}; events: "
        f"{list(NotificationEvent.objects.values_list('key', flat=True))}"
    )
    return workers


if __name__ == "__main__":
    main()
