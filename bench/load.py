#!/usr/bin/env python
"""Load benchmark: the read and write paths of the production stack under 64 connections.

Starts the production stack itself — gunicorn with deploy/gunicorn.conf.py (gthread) and
production settings from the environment, a fresh PostgreSQL database, a private Redis
database for cache and queue — with `LIDZDALIBA_BENCH_VIEWS=1`, which adds two trivial
views served by the same server through the same middleware: a read view that returns a
short text without touching the database, and an insert view that parses a JSON body and
inserts one row. Every figure is put beside its trivial view measured in the same run, so
the ratio is what counts on a noisy machine.

Seeded data: a closed consultation with a 40-clause draft and 1,000 opinions (the default),
each answered, the feedback table published; 40 more published consultations for the list
page; one open consultation that receives the opinions of the write path.

Read path (wrk, GET, with the Accept-Encoding header every browser sends): the trivial
view, the consultation page, the list page, the feedback table page — first with the page
cache on (PUBLIC_PAGE_CACHE_SECONDS=60, anonymous readers
are served from Redis), then on a restarted server with the cache off (=0: every request
renders). Target: cached public pages at ≥ 50% of the trivial view's requests/s.
Write path (wrk with a Lua script): POST /api/v1/consultations/{id}/opinions with a bearer
token and a unique Idempotency-Key per request, beside POST /bench/insert/, in three
alternating rounds (the median round's ratio counts: the machine's load drifts between
measurements). Target: ≥ 40%.
The jobs each opinion enqueues (receipt mail, search index) are consumed while it is
measured by a job worker (`manage.py run_huey`, WORKER_THREADS threads) on the same two
cores, sending the receipts to a real SMTP server (Postfix's smtp-sink when installed,
else aiosmtpd). Each trivial round starts with the queue empty; after each opinion round
the script reports the jobs still queued and how long the worker took to finish them.

    .venv/bin/python bench/load.py                      # 3 workers × 4 threads, 15 s each
    .venv/bin/python bench/load.py --workers 5 --duration 10
    .venv/bin/python bench/load.py --profile            # + py-spy profiles of the workers

Needs Debian's `wrk` (apt-get install -y wrk); PostgreSQL and Redis are those of the tests
(lidzdaliba/testing/servers.py: named by a variable, else the local servers on their standard
ports, else private throw-away ones). `--profile` needs py-spy (pip install py-spy) and ptrace
rights.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from bench.loadtools import (  # noqa: E402
    POST_SCRIPT,
    READ_HEADERS,
    Result,
    choose_median_write_round,
    jobs_pending,
    print_profiles,
    profile_workers,
    report,
    run_wrk,
    smtp_server,
    wait_for_jobs,
    warm,
)
from tests.production import seed as seeding  # noqa: E402
from tests.production.stack import (  # noqa: E402
    collect_static,
    database_url,
    free_port,
    gunicorn,
    huey_worker,
    manage,
    private_redis,
    production_env,
    temporary_database,
    wait_until_serving,
)

# --- Seed (runs inside `manage.py shell`) --------------------------------------------------

WORDS = (  # noqa: SIM905 (a word list reads best as words)
    "pašvaldība iedzīvotāji termiņš finansējums noteikumi biedrība projekts pieteikums "
    "komisija budžets skola transports atbalsts kārtība vērtēšana līdzfinansējums "
    "sabiedrība ilgtspējīgs pieejams drošs vietējais reģionālais priekšlikums grozījumi"
).split()


def _sentence(rng, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def seed(opinions: int = 1000, consultations: int = 40) -> None:
    """The benchmark's data; prints the ids (SEED {json})."""
    import random
    from datetime import timedelta

    from django.utils import timezone

    from lidzdaliba.accounts.models import Organisation, User
    from lidzdaliba.consultations.models import Answer, Consultation, Opinion
    from lidzdaliba.core.enums import OpinionKind, Outcome
    from lidzdaliba.testing import factories

    rng = random.Random(2026)
    ministry, editor, _resident, key = seeding.people()
    lines = ["Noteikumi par pašvaldību līdzfinansējumu biedrībām", "I. Vispārīgie jautājumi"]
    for number in range(1, 41):
        lines.append(f"{number}. {_sentence(rng, 18)}")
        if number % 10 == 0:
            lines.append(f"{['II', 'III', 'IV', 'V'][number // 10 - 1]}. Nodaļa")
    big = factories.published_consultation(editor, ministry, text="\n".join(lines))
    for _ in range(consultations):
        factories.published_consultation(editor, ministry)
    open_one = factories.published_consultation(editor, ministry)

    authors = User.objects.bulk_create(
        User(email=f"iedzivotajs{n}@example.lv", full_name=f"Iedzīvotājs {n}", password="!")
        for n in range(50)
    )
    organisations = [factories.OrganisationFactory(name=f"Biedrība Nr. {n}") for n in range(5)] + [
        None
    ] * 15
    clauses = factories.commentable_clauses(big)
    kinds = list(OpinionKind.values)
    Opinion.objects.bulk_create(
        Opinion(
            consultation=big,
            clause=rng.choice([*clauses, None]),
            author=authors[n % len(authors)],
            organisation=rng.choice(organisations),
            kind=kinds[n % len(kinds)],
            text=" ".join(_sentence(rng, rng.randint(8, 30)) for _ in range(rng.randint(1, 4))),
            proposed_wording=_sentence(rng, 15) if n % 3 == 0 else "",
            show_name=n % 2 == 0,
        )
        for n in range(opinions)
    )
    outcomes = list(Outcome.values)
    Answer.objects.bulk_create(
        Answer(
            opinion=opinion,
            outcome=outcomes[n % len(outcomes)],
            reason=_sentence(rng, rng.randint(10, 40)),
            new_wording=_sentence(rng, 12) if n % 4 == 0 else "",
            answered_by=editor,
        )
        for n, opinion in enumerate(big.opinions.order_by("pk"))
    )
    now = timezone.now()
    Consultation.objects.filter(pk=big.pk).update(
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        feedback_published_at=now - timedelta(days=1),
    )
    assert Organisation.objects.count() >= 5
    seeding.emit(
        {
            "big": big.pk,
            "open": open_one.pk,
            "token": key,
            "sessions": signed_in_sessions(editor, _resident),
            "opinions": big.opinions.count(),
            "answers": Answer.objects.filter(opinion__consultation=big).count(),
        }
    )


def signed_in_sessions(officer, resident) -> dict[str, str]:
    """Session cookies of a signed-in resident and of an officer (who, as production requires,
    has a second factor), for the signed-in pages."""
    from allauth.mfa.models import Authenticator
    from django.test import Client

    Authenticator.objects.create(user=officer, type=Authenticator.Type.TOTP, data={"secret": "B"})
    sessions = {}
    for role, user in (("resident", resident), ("officer", officer)):
        client = Client()
        client.force_login(user)
        sessions[role] = client.cookies["sessionid"].value
    return sessions


def query_counts(paths: list[str], consultation: int, token: str) -> None:
    """SQL queries and in-process time of one request each, median of 5 (page cache off):
    the GET paths anonymously, then the two POSTs of the write path."""
    import statistics

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"X-Forwarded-Proto": "https"}, HTTP_HOST="127.0.0.1")
    api = Client(
        headers={"X-Forwarded-Proto": "https", "Authorization": f"Bearer {token}"},
        HTTP_HOST="127.0.0.1",
    )

    def opinion(n: int):
        return api.post(
            f"/api/v1/consultations/{consultation}/opinions",
            {"kind": "proposal", "text": f"Mērījums {uuid.uuid4().hex}"},
            content_type="application/json",
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )

    def insert(n: int):
        return client.post("/bench/insert/", {"text": "x"}, content_type="application/json")

    requests = [(path, lambda n, path=path: client.get(path)) for path in paths]
    requests += [("POST /bench/insert/", insert), ("POST opinion via API", opinion)]
    result = {}
    for name, call in requests:
        call(0)  # warm
        runs = []
        for n in range(5):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = call(n)
                elapsed = (time.perf_counter() - started) * 1000
            sql = sum(float(q["time"]) for q in captured.captured_queries) * 1000
            runs.append((elapsed, sql, len(captured.captured_queries)))
        result[name] = {
            "status": response.status_code,
            "queries": runs[-1][2],
            "ms": round(statistics.median(r[0] for r in runs), 1),
            "db_ms": round(statistics.median(r[1] for r in runs), 1),
            "bytes": len(response.content),
        }
    sys.stdout.write("COUNTS " + json.dumps(result) + "\n")


# --- The benchmark ---------------------------------------------------------------------------


class Stack:
    def __init__(self, env: dict, folder: Path, name: str) -> None:
        self.port = free_port()
        self.process = gunicorn(name, self.port, env, folder)
        wait_until_serving(self.process, self.port, timeout=90)
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (2 cores)")
    parser.add_argument("--web-threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--duration", type=int, default=15, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--opinions", type=int, default=1000)
    parser.add_argument(
        "--write-rounds", type=int, default=3, help="alternating trivial/opinion write rounds"
    )
    parser.add_argument(
        "--profile", action="store_true", help="py-spy the workers (PY_SPY=path/to/py-spy)"
    )
    parser.add_argument(
        "--recycle",
        action="store_true",
        help="keep gunicorn's max_requests worker recycling (default: off while measuring, "
        "since a restart costs ~1.5 CPU-seconds and the faster view would pay more of them)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")

    folder = Path(tempfile.mkdtemp(prefix="lidz-load-"))
    results: dict[str, Result] = {}
    backlog: dict[int, tuple[int, float]] = {}
    try:
        email_port = free_port()
        with (
            temporary_database("lidzdaliba_load") as db,
            private_redis() as redis_url,
            smtp_server(email_port) as smtp_kind,
        ):
            (folder / "metrics").mkdir()
            env = production_env(
                database_url=database_url(db),
                redis_url=redis_url,
                var_dir=folder,
                email_port=email_port,  # the receipts the worker sends
                LIDZDALIBA_BENCH_VIEWS="1",
                WEB_CONCURRENCY=str(args.workers),
                WEB_THREADS=str(args.web_threads),
                PROMETHEUS_MULTIPROC_DIR=str(folder / "metrics"),
                LOG_LEVEL="INFO",
            )
            if not args.recycle:
                env["GUNICORN_CMD_ARGS"] = "--max-requests 0"
            started = time.perf_counter()
            collect_static(env)
            manage("migrate", "--noinput", "-v0", env=env)
            data = seeding.parse(
                manage(
                    "shell",
                    "-c",
                    f"import bench.load as b; b.seed({args.opinions})",
                    env=env,
                    timeout=900,
                )
            )
            big, open_one = data["big"], data["open"]
            print(
                f"PostgreSQL {db}, Redis {redis_url}; seeded {data['opinions']:,} opinions and "
                f"{data['answers']:,} answers in {time.perf_counter() - started:.0f} s"
            )
            print(
                f"gunicorn: {args.workers} workers × {args.web_threads} threads (gthread), "
                f"wrk: {args.threads} threads, {args.connections} connections, "
                f"{args.duration} s per measurement; worker recycling "
                f"{'on' if args.recycle else 'off'}; {os.cpu_count()} CPUs; "
                f"load average before: {os.getloadavg()[0]:.2f}"
            )
            signed_in_pages = [
                ("consultation page", f"/consultations/{big}/", "resident"),
                ("list page", "/consultations/", "resident"),
                ("feedback table page", f"/consultations/{big}/feedback/", "resident"),
                ("officer desk", "/officer/", "officer"),
            ]
            pages = [
                ("trivial read view", "/bench/read/"),
                (f"consultation page ({data['opinions']:,} opinions)", f"/consultations/{big}/"),
                ("list page", "/consultations/"),
                ("feedback table page", f"/consultations/{big}/feedback/"),
            ]
            counts = json.loads(
                manage(
                    "shell",
                    "-c",
                    "import bench.load as b; "
                    f"b.query_counts({[p for _, p in pages]!r}, {open_one}, {data['token']!r})",
                    env={**env, "PUBLIC_PAGE_CACHE_SECONDS": "0"},
                ).split("COUNTS ", 1)[1]
            )

            # Run 1: the page cache on, as deployed. Reads, then writes.
            stack = Stack({**env, "PUBLIC_PAGE_CACHE_SECONDS": "60"}, folder, "cached")
            try:
                for name, path in pages:
                    url = stack.base + path
                    warm(url, expect_cache=None if path.startswith("/bench/") else "hit")
                    results[f"cached:{name}"] = measure(
                        stack, folder, args, f"{name}, cache on", path
                    )
                # Signed-in people: their own session each, never the whole-page cache.
                for name, path, role in signed_in_pages:
                    cookie = {"Cookie": f"sessionid={data['sessions'][role]}"}
                    response = requests.get(
                        stack.base + path, headers={**READ_HEADERS, **cookie}, timeout=60
                    )
                    assert response.status_code == 200, (path, response.status_code)
                    assert "X-Page-Cache" not in response.headers, path
                    results[f"signed-in:{name}"] = run_wrk(
                        name, stack.base + path, args, app_pid=stack.process.pid, headers=cookie
                    )
                prefix = uuid.uuid4().hex[:8]
                worker = start_worker(env, folder)
                queue = (redis_url, env["JOBS_QUEUE_NAME"])
                print(f"job worker: run_huey pid {worker.pid}, receipts to {smtp_kind}")
                # Alternating rounds: the machine's load changes from minute to minute, so
                # each opinion round is compared with the trivial round just before it.
                for number in range(1, args.write_rounds + 1):
                    # New keys every round: a repeated key would measure the replay path.
                    insert_script, opinion_script = write_scripts(
                        folder, f"{prefix}-r{number}", open_one, data["token"]
                    )
                    wait_for_jobs(*queue)  # the trivial round starts with the worker idle
                    results[f"write:trivial:{number}"] = run_wrk(
                        "trivial insert view",
                        stack.base + "/bench/insert/",
                        args,
                        insert_script,
                        app_pid=stack.process.pid,
                        worker_pid=worker.pid,
                    )
                    results[f"write:opinion:{number}"] = measure(
                        stack,
                        folder,
                        args,
                        "opinion via API",
                        "/api/v1/",
                        opinion_script,
                        worker_pid=worker.pid,
                    )
                    left = jobs_pending(*queue)
                    backlog[number] = (left, wait_for_jobs(*queue))
                    print(
                        f"  round {number}: {left:,} jobs still queued when wrk stopped; "
                        f"the worker finished them {backlog[number][1]:.0f} s later"
                    )
                worker.stop()
                choose_median_write_round(results, args.write_rounds)
            finally:
                stack.stop()

            # Run 2: the page cache off: every request renders.
            stack = Stack({**env, "PUBLIC_PAGE_CACHE_SECONDS": "0"}, folder, "uncached")
            try:
                for name, path in pages:
                    url = stack.base + path
                    warm(url, expect_cache=None)
                    results[f"uncached:{name}"] = measure(
                        stack, folder, args, f"{name}, cache off", path
                    )
            finally:
                stack.stop()

            shown = manage(
                "shell",
                "-c",
                "from lidzdaliba.consultations.models import Opinion;"
                "from lidzdaliba.core.models import EmailDelivery;"
                f"o = Opinion.objects.filter(idempotency_key__startswith='api:{prefix}-');"
                "r = EmailDelivery.objects.filter(template__endswith='opinion_receipt');"
                "print('WRITTEN', o.count(), o.values('idempotency_key').distinct().count(),"
                " r.filter(status='sent').count(), r.exclude(status='sent').count())",
                env=env,
            )
            written, keys, receipts, unsent = map(int, shown.split("WRITTEN ", 1)[1].split()[:4])
            assert written == keys, f"{written - keys} opinions share an Idempotency-Key"
            print(
                f"receipts: {receipts:,} sent by the worker, {unsent} not (of {written:,} "
                "opinions; the seed's own opinions have none)"
            )
            report(results, counts, pages, written, args, backlog)
            if args.profile:
                print_profiles(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_scripts(folder: Path, prefix: str, consultation: int, token: str) -> tuple[Path, Path]:
    insert_script = folder / f"insert-{prefix}.lua"
    insert_script.write_text(POST_SCRIPT % {"prefix": prefix, "path": "/bench/insert/", "auth": ""})
    opinion_script = folder / f"opinion-{prefix}.lua"
    opinion_script.write_text(
        POST_SCRIPT
        % {
            "prefix": prefix,
            "path": f"/api/v1/consultations/{consultation}/opinions",
            "auth": f'headers["Authorization"] = "Bearer {token}"',
        }
    )
    return insert_script, opinion_script


def start_worker(env: dict, folder: Path):
    """A job worker as deployed (`manage.py run_huey`, without the schedule: the jobs
    measured are the ones the writes create); returns once it consumes."""
    worker = huey_worker("worker", env, folder, "--no-periodic")
    deadline = time.monotonic() + 60
    while "started with" not in worker.log() and time.monotonic() < deadline:
        if not worker.alive():
            raise RuntimeError(f"the job worker exited:\n{worker.log()}")
        time.sleep(0.1)
    return worker


def measure(
    stack: Stack,
    folder: Path,
    args,
    label: str,
    path: str,
    script=None,
    worker_pid: int | None = None,
) -> Result:
    """wrk against `path`; with --profile, py-spy samples the workers meanwhile."""
    import threading

    result_name = label.split(",")[0]
    pids = {"app_pid": stack.process.pid, "worker_pid": worker_pid}
    if not args.profile or path.startswith("/bench/"):
        return run_wrk(result_name, stack.base + path, args, script, **pids)
    number = len(list(folder.glob("*.profile"))) + 1
    output = folder / f"{number:02d}.profile"
    (folder / f"{number:02d}.label").write_text(label)

    def sample() -> None:
        time.sleep(1)
        profile_workers(stack.process.pid, max(1, args.duration - 2), output)

    thread = threading.Thread(target=sample)
    thread.start()
    try:
        return run_wrk(result_name, stack.base + path, args, script, **pids)
    finally:
        thread.join()


if __name__ == "__main__":
    main()
