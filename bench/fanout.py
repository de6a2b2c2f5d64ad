#!/usr/bin/env python
"""Fan-out benchmark: N subscribers follow an institution; one of its consultations opens.

Measures the time until every notification is rendered and handed to SMTP, first for
immediate subscribers (NotificationEvent → EmailDelivery rows → batch jobs → SMTP), then
the same subscribers on daily digests (DigestItems → one digest each → SMTP).

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
    .venv/bin/python bench/fanout.py --smtp aiosmtpd
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
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


def configure(args, workdir: Path, port: int) -> str | None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "lidzdaliba.settings"
    os.environ["LIDZDALIBA_VAR_DIR"] = str(workdir)
    os.environ["EMAIL_HOST"] = "127.0.0.1"
    os.environ["EMAIL_PORT"] = str(port)
    os.environ["JOBS_IMMEDIATE"] = "1"
    os.environ.pop("REDIS_URL", None)
    database = None
    if args.database_url:
        import psycopg

        database = f"lidzdaliba_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.database_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = args.database_url.rsplit("/", 1)[0] + "/" + database
    else:
        os.environ["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    import django

    django.setup()
    return database


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
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
    database = configure(args, workdir, port)

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from lidzdaliba.accounts.models import User
    from lidzdaliba.consultations import services
    from lidzdaliba.core import mail
    from lidzdaliba.core.models import EmailDelivery
    from lidzdaliba.institutions.models import Institution, OfficerRole, Territory, Topic
    from lidzdaliba.notifications import dispatch
    from lidzdaliba.notifications.models import NotificationEvent, Subscription

    try:
        call_command("migrate", verbosity=0)
        print(
            f"database: {connection.vendor}, SMTP server: {args.smtp}, "
            f"subscribers: {args.subscribers:,}, "
            f"SMTP connections per batch: {mail.BULK_CONNECTIONS}, CPUs: {os.cpu_count()}"
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
        from lidzdaliba.consultations.models import Consultation

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

        # Immediate fan-out.
        received = counter.value if counter is not None else 0
        started = time.perf_counter()
        batches = dispatch.fan_out(consultation_id=consultation.pk, kind="opened")
        queued_at = time.perf_counter() - started
        for event_id, first_id, last_id in batches:
            dispatch.send_event_batch(event_id=event_id, first_id=first_id, last_id=last_id)
        wait_for(counter, received + args.subscribers)
        immediate = time.perf_counter() - started
        sent = EmailDelivery.objects.filter(status="sent").count()
        print(
            f"immediate: {args.subscribers:,} notifications rendered and handed to SMTP in "
            f"{immediate:.1f} s ({args.subscribers / immediate:,.0f}/s; recipients found and "
            f"queued in {queued_at:.1f} s; {len(batches)} batch jobs; log says {sent:,} sent)"
        )
        print(f"  ratio to raw SMTP baseline: {args.subscribers / immediate / base_rate:.2f}")

        # Daily digest for the same people.
        Subscription.objects.update(frequency="daily")
        received = counter.value if counter is not None else 0
        started = time.perf_counter()
        dispatch.fan_out(consultation_id=consultation.pk, kind="feedback_published")
        result = dispatch.send_digests(frequency="daily")
        wait_for(counter, received + args.subscribers)
        digest = time.perf_counter() - started
        print(
            f"daily digest: {result['sent']:,} digests rendered and handed to SMTP in "
            f"{digest:.1f} s ({result['sent'] / digest:,.0f}/s); ratio to baseline "
            f"{result['sent'] / digest / base_rate:.2f}"
        )
        print(f"events: {list(NotificationEvent.objects.values_list('key', flat=True))}")
    finally:
        stop_server()
        if database:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(args.database_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}"')


if __name__ == "__main__":
    main()
