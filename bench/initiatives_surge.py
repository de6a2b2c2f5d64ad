#!/usr/bin/env python
"""Surge and durability of signing an initiative (issue 11) on the production stack.

Starts the production stack itself — gunicorn with deploy/gunicorn.conf.py and production
settings from the environment, a fresh PostgreSQL database (dropped at the end), a private
Redis database for cache, rate limits and queue, and a job worker (`manage.py run_huey`) —
with `LIDZDALIBA_BENCH_VIEWS=1`, which adds the trivial insert view POST /bench/insert/
(parse a JSON body, insert one row) served through the same middleware.

Seeded with bulk_create (no services, no mails): an institution whose rules for collective
submissions need an e-mail-level identity (minimum age 16, declared), one initiative
collecting through the services (threshold far away), and thousands of distinct signers,
each with a verified e-mail address and an API token.

1. **Surge.** 64 client threads (each a `requests` session, keep-alive) send
   POST /api/v1/initiatives/{id}/signatures, every signer once, with the rate limits ON:
   every signer comes from its own address in X-Forwarded-For and the stack runs with
   TRUSTED_PROXY_COUNT=1, as behind nginx — so the per-client limit (60 a minute) and the
   per-account limit are both checked, and neither is hit by honest signers. The baseline
   is the trivial insert, POST /bench/insert/ with the same headers, the same client and
   the same 64 threads, measured before and after the signing (the mean of the two counts:
   the machine is shared). Printed: the signing rate as a share of the baseline (target
   ≥ 50 %), p50/p99 latency (target p99 < 500 ms), signatures a minute.
2. **Durability.** Another pool of signers signs while, `--kills` times (20) at a random
   moment, SIGKILL goes to the gunicorn master and every worker at once, and gunicorn is
   started again. A request that fails on the network or with a 5xx is retried for the
   same signer (signing is idempotent by person) until answered; every 2xx answer is
   recorded with the signature id given. Afterwards the database is read: every
   acknowledged signature must be stored exactly once with the id the client got, and once
   the count cache settles (SIGNATURE_COUNT_STALE_SECONDS) the public `signatures_count`
   of GET /api/v1/initiatives/{id} must equal the rows.

    .venv/bin/python bench/initiatives_surge.py            # 4,200 + 8,000 signers, 20 kills
    .venv/bin/python bench/initiatives_surge.py --quick    # 800 + 1,500 signers, 3 kills

The client threads run on the same cores as the stack; they cost the same per request for
the baseline and for signing, so the ratio is fair, but the absolute rates are lower than
with a separate load generator.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
import requests  # noqa: E402

from bench.load import start_worker  # noqa: E402
from bench.loadtools import smtp_server  # noqa: E402
from tests.production.stack import (  # noqa: E402
    PROXY_HEADERS,
    children_of,
    collect_static,
    database_url,
    free_port,
    gunicorn,
    manage,
    private_redis,
    production_env,
    temporary_database,
    wait_until_serving,
)

SHARE_TARGET = 0.50
P99_TARGET_MS = 500
WARM_SIGNERS = 200


# --- seeding (runs inside `manage.py shell` of the stack's environment) -------------------


def seed(signers: int, out: str) -> None:
    """The institution, its rules, one collecting initiative and `signers` signers with a
    verified address and an API token each; ids and token secrets go to the file `out`."""
    from datetime import timedelta

    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from lidzdaliba.accounts.models import ApiToken, User
    from lidzdaliba.initiatives.models import IdentityLevel, InitiativeRules, Kind
    from lidzdaliba.testing import factories
    from lidzdaliba.testing.initiatives import collecting_initiative
    from tests.production.seed import people

    ministry, editor, author, _key = people()
    InitiativeRules.objects.create(
        institution=ministry,
        kind=Kind.COLLECTIVE_SUBMISSION,
        threshold_absolute=10_000_000,  # never reached: the whole run collects
        min_cosponsors=1,
        identity_level=IdentityLevel.EMAIL,
        min_age=16,
    )
    cosponsor = factories.UserFactory(email="lidzautore@example.lv", full_name="Rūta Liepa")
    initiative = collecting_initiative(author, ministry, cosponsor, editor)
    password = make_password(None)  # unusable: they sign with their tokens only
    users = User.objects.bulk_create(
        [
            User(
                email=f"parakstitajs{n}@example.lv",
                full_name=f"Parakstītājs {n}",
                preferred_language="lv",
                password=password,
            )
            for n in range(signers)
        ],
        batch_size=2000,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=2000,
    )
    expires = timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)
    keys = [ApiToken.generate_key() for _ in users]
    ApiToken.objects.bulk_create(
        [
            ApiToken(
                user=u,
                name="surge",
                prefix=key[4 : 4 + ApiToken.PREFIX_LENGTH],
                key_hash=ApiToken.hash_key(key),
                expires_at=expires,
            )
            for u, key in zip(users, keys, strict=True)
        ],
        batch_size=2000,
    )
    Path(out).write_text(
        json.dumps(
            {
                "initiative": initiative.pk,
                "signers": [[u.pk, key] for u, key in zip(users, keys, strict=True)],
            }
        )
    )


# --- the stack ------------------------------------------------------------------------------


class Server:
    """gunicorn on a fixed port, killed with SIGKILL (master and workers) and started again."""

    def __init__(self, env: dict, folder: Path, port: int) -> None:
        self.env, self.folder, self.port = env, folder, port
        self.starts = 0
        self.process = None
        self.start()

    def start(self) -> None:
        self.starts += 1
        self.process = gunicorn(f"gunicorn-{self.starts}", self.port, self.env, self.folder)
        wait_until_serving(self.process, self.port, timeout=180)

    def kill_all(self) -> int:
        pids = [self.process.pid, *children_of(self.process.pid)]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.popen.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{pid}").exists() for pid in pids[1:]):
            if time.monotonic() > deadline:
                raise RuntimeError(f"workers survived SIGKILL: {pids}")
            time.sleep(0.02)
        self.process.stop()
        return len(pids)

    def stop(self) -> None:
        if self.process:
            self.process.stop()


def forwarded_for(n: int) -> str:
    """A distinct client address per signer (10.0.0.0/8), as nginx would forward it."""
    n += 1
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


# --- load -----------------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, every answered request
    statuses: Counter = field(default_factory=Counter)
    acknowledged: dict[int, tuple[int, int]] = field(default_factory=dict)  # signer → (id, st)
    retried: int = 0
    needed_retry: set[int] = field(default_factory=set)
    failures: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def run_clients(base: str, jobs: list, clients: int, send, stop: threading.Event | None = None):
    """`clients` threads, each with its own session, take jobs until none is left (or
    `stop`); `send(session, job, tally)` does one job. Returns (tally, seconds)."""
    work: queue.SimpleQueue = queue.SimpleQueue()
    for job in jobs:
        work.put(job)
    tally = Tally()

    def client() -> None:
        session = requests.Session()
        while not (stop and stop.is_set()):
            try:
                job = work.get_nowait()
            except queue.Empty:
                return
            session = send(session, job, tally)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def insert_sender(base: str):
    url = f"{base}/bench/insert/"

    def send(session, n: int, tally: Tally):
        headers = {**PROXY_HEADERS, "X-Forwarded-For": forwarded_for(n)}
        started = time.perf_counter()
        response = session.post(url, json={"text": f"bāze {n}"}, headers=headers, timeout=60)
        with tally.lock:
            tally.latencies.append(time.perf_counter() - started)
            tally.statuses[response.status_code] += 1
        return session

    return send


def sign_sender(base: str, initiative: int, *, retry: bool):
    """One signer signs; with `retry`, network errors, 5xx and 429 are tried again for
    the same signer until a final answer (the durability run)."""
    url = f"{base}/api/v1/initiatives/{initiative}/signatures"
    body = {"public_name": False, "declared_min_age": True}

    def send(session, job, tally: Tally):
        number, (signer, token) = job
        headers = {
            **PROXY_HEADERS,
            "X-Forwarded-For": forwarded_for(number),
            "Authorization": f"Bearer {token}",
        }
        while True:
            started = time.perf_counter()
            try:
                response = session.post(url, json=body, headers=headers, timeout=60)
            except requests.RequestException as error:
                outcome = type(error).__name__
                session.close()
                session = requests.Session()
            else:
                elapsed = time.perf_counter() - started
                with tally.lock:
                    tally.latencies.append(elapsed)
                    tally.statuses[response.status_code] += 1
                if response.status_code in (200, 201):
                    with tally.lock:
                        tally.acknowledged[signer] = (response.json()["id"], response.status_code)
                    return session
                if response.status_code < 500 and response.status_code != 429:
                    with tally.lock:
                        tally.errors.append(
                            f"{signer}: {response.status_code} {response.text[:200]}"
                        )
                    return session
                outcome = f"HTTP {response.status_code}"
            if not retry:
                with tally.lock:
                    tally.failures[outcome] += 1
                return session
            with tally.lock:
                tally.retried += 1
                tally.needed_retry.add(signer)
                tally.failures[outcome] += 1
            time.sleep(0.05)

    return send


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0


def stored_rows(url: str, initiative: int) -> list[tuple[int, int]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT id, signer_id FROM initiatives_signature WHERE initiative_id = %s",
            [initiative],
        ).fetchall()


def public_count(base: str, initiative: int) -> int:
    response = requests.get(
        f"{base}/api/v1/initiatives/{initiative}", headers=PROXY_HEADERS, timeout=30
    )
    response.raise_for_status()
    return response.json()["signatures_count"]


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small run (minutes)")
    parser.add_argument("--surge-signers", type=int, default=None)
    parser.add_argument("--durability-signers", type=int, default=None)
    parser.add_argument("--kills", type=int, default=None)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (2 cores)")
    parser.add_argument("--web-threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--min-gap", type=float, default=1.0, help="seconds between kills, min")
    parser.add_argument("--max-gap", type=float, default=4.0, help="seconds between kills, max")
    parser.add_argument("--seed", type=int, default=None, help="random seed of the kill times")
    args = parser.parse_args()
    surge = args.surge_signers or (800 if args.quick else 4200)
    lasting = args.durability_signers or (1500 if args.quick else 8000)
    kills = args.kills if args.kills is not None else (3 if args.quick else 20)

    folder = Path(tempfile.mkdtemp(prefix="lidz-surge-"))
    email_port = free_port()
    print(f"{uptime()}\n{os.cpu_count()} CPUs", flush=True)
    try:
        with (
            temporary_database("lidzdaliba_surge") as db,
            private_redis() as redis_url,
            smtp_server(email_port),
        ):
            url = database_url(db)
            env = production_env(
                database_url=url,
                redis_url=redis_url,
                var_dir=folder,
                email_port=email_port,
                LIDZDALIBA_BENCH_VIEWS="1",
                WEB_CONCURRENCY=str(args.workers),
                WEB_THREADS=str(args.web_threads),
                TRUSTED_PROXY_COUNT="1",  # as behind nginx: the client is X-Forwarded-For
                GUNICORN_CMD_ARGS="--max-requests 0",
            )
            started = time.perf_counter()
            collect_static(env)
            manage("migrate", "--noinput", "-v0", env=env)
            seed_file = folder / "seed.json"
            manage(
                "shell",
                "-c",
                "import bench.initiatives_surge as b; "
                f"b.seed({surge + lasting}, {str(seed_file)!r})",
                env=env,
                timeout=900,
            )
            data = json.loads(seed_file.read_text())
            initiative, signers = data["initiative"], data["signers"]
            print(
                f"PostgreSQL {db}, Redis {redis_url}; seeded initiative {initiative} and "
                f"{len(signers):,} signers in {time.perf_counter() - started:.0f} s; gunicorn "
                f"{args.workers} workers × {args.web_threads} threads, {args.clients} clients",
                flush=True,
            )
            worker = start_worker(env, folder)
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            server = Server(env, folder, port)
            try:
                results = surge_run(base, initiative, signers[:surge], args)
                results.update(
                    durability_run(server, base, url, initiative, signers[surge:], kills, args)
                )
                print(f"\n{uptime()}")
                report(results)
            finally:
                server.stop()
                worker.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def surge_run(base: str, initiative: int, signers: list, args) -> dict:
    # Warm every worker (imports, connections) with both requests, not measured: the first
    # `WARM_SIGNERS` signers sign here.
    run_clients(base, list(range(10**6, 10**6 + 200)), args.clients, insert_sender(base))
    warm, _seconds = run_clients(
        base,
        list(enumerate(signers[:WARM_SIGNERS])),
        args.clients,
        sign_sender(base, initiative, retry=False),
    )
    signers = signers[WARM_SIGNERS:]
    count = len(signers)
    baseline = [run_clients(base, list(range(count)), args.clients, insert_sender(base))]
    load = os.getloadavg()[0]
    sign_tally, sign_seconds = run_clients(
        base,
        list(enumerate(signers, WARM_SIGNERS)),
        args.clients,
        sign_sender(base, initiative, retry=False),
    )
    baseline.append(
        run_clients(base, list(range(count, 2 * count)), args.clients, insert_sender(base))
    )
    base_rate = sum(len(t.latencies) / s for t, s in baseline) / len(baseline)
    rate = len(sign_tally.acknowledged) / sign_seconds
    return {
        "baseline": base_rate,
        "baseline each": [len(t.latencies) / s for t, s in baseline],
        "baseline p50": percentile(baseline[0][0].latencies + baseline[1][0].latencies, 0.5),
        "baseline p99": percentile(baseline[0][0].latencies + baseline[1][0].latencies, 0.99),
        "baseline statuses": dict(baseline[0][0].statuses + baseline[1][0].statuses),
        "signers": len(signers),
        "signed": len(sign_tally.acknowledged),
        "statuses": dict(sign_tally.statuses),
        "rate": rate,
        "share": rate / base_rate,
        "p50": percentile(sign_tally.latencies, 0.5),
        "p99": percentile(sign_tally.latencies, 0.99),
        "load": load,
        "surge errors": sign_tally.errors[:5],
        "surge acknowledged": {**warm.acknowledged, **sign_tally.acknowledged},
    }


def durability_run(server, base, url, initiative, signers, kills, args) -> dict:
    stop = threading.Event()
    outcome: dict = {}

    def load() -> None:
        outcome["tally"], outcome["seconds"] = run_clients(
            base,
            [(n + 10**6, s) for n, s in enumerate(signers)],
            args.clients,
            sign_sender(base, initiative, retry=True),
            stop,
        )

    rng = random.Random(args.seed)
    loader = threading.Thread(target=load)
    killed = 0
    loader.start()
    try:
        for kill in range(1, kills + 1):
            time.sleep(rng.uniform(args.min_gap, args.max_gap))
            if not loader.is_alive():
                print(f"  the signers ran out before kill {kill}", flush=True)
                break
            killed += server.kill_all()
            print(f"  kill {kill:2}/{kills}: {killed} processes so far", flush=True)
            time.sleep(rng.uniform(0, 0.5))  # clients meet a dead port for a moment
            server.start()
        time.sleep(args.min_gap)
    finally:
        stop.set()
        loader.join()
    return {
        "tally": outcome["tally"],
        "durability seconds": outcome["seconds"],
        "killed": killed,
        "kills": kills,
        "base": base,
        "url": url,
        "initiative": initiative,
    }


def report(results: dict) -> None:
    tally: Tally = results["tally"]
    acknowledged = {**results["surge acknowledged"], **tally.acknowledged}
    # The count cache settles: no signature for longer than the stale window, then a read.
    time.sleep(7)
    rows = stored_rows(results["url"], results["initiative"])
    count = public_count(results["base"], results["initiative"])
    by_signer = Counter(signer for _id, signer in rows)
    duplicates = sum(n - 1 for n in by_signer.values() if n > 1)
    stored = {signer: pk for pk, signer in rows}
    lost = [s for s, (pk, _st) in acknowledged.items() if stored.get(s) != pk]
    print(
        f"\nbaseline, POST /bench/insert/ ({results['baseline statuses']}): "
        + " and ".join(f"{r:.0f}" for r in results["baseline each"])
        + f" req/s before and after the signing, mean {results['baseline']:.0f} req/s, "
        f"p50 {results['baseline p50']:.1f} ms, p99 {results['baseline p99']:.1f} ms"
    )
    print(
        f"signing, POST /api/v1/initiatives/{{id}}/signatures, {results['signers']:,} signers "
        f"once each ({results['statuses']}), load average {results['load']:.1f}:\n"
        f"  {results['rate']:.0f} signatures/s = {results['rate'] * 60:,.0f} a minute, "
        f"{results['share']:.0%} of the trivial insert (target ≥ {SHARE_TARGET:.0%}: "
        f"{'met' if results['share'] >= SHARE_TARGET else 'MISSED'}), "
        f"p50 {results['p50']:.0f} ms, p99 {results['p99']:.0f} ms (target < "
        f"{P99_TARGET_MS} ms: {'met' if results['p99'] < P99_TARGET_MS else 'MISSED'})"
    )
    if results["surge errors"]:
        print(f"  refused: {results['surge errors']}")
    print(
        f"durability: {results['kills']} kills ({results['killed']} processes) in "
        f"{results['durability seconds']:.0f} s; {len(tally.acknowledged):,} signatures "
        f"acknowledged ({sum(1 for _pk, st in tally.acknowledged.values() if st == 200)} with "
        f"200: stored before the kill), {tally.retried} attempts retried by "
        f"{len(tally.needed_retry)} signers ({dict(tally.failures)}), statuses "
        f"{dict(tally.statuses)}"
    )
    print(
        f"  in the database: {len(rows):,} rows, {len(acknowledged):,} acknowledged in both "
        f"runs; lost {len(lost)}, duplicates {duplicates}, rows never acknowledged "
        f"{len(rows) - len(acknowledged)}; public signatures_count {count:,} "
        f"({'equals' if count == len(rows) else 'DIFFERS FROM'} the rows)"
    )
    if tally.errors:
        print(f"  refused: {tally.errors[:5]}")
    if lost or duplicates or count != len(rows) or tally.errors:
        raise SystemExit("FAILED")
    print("Every acknowledged signature is stored exactly once; the public count equals the rows.")


if __name__ == "__main__":
    main()
