#!/usr/bin/env python
"""Durability: kill -9 every app process at random moments under write load; every
acknowledged opinion must be in the database exactly once.

For each database — SQLite in WAL mode (the embedded settings: no LIDZDALIBA_DEPLOYMENT) and
a fresh PostgreSQL database (production settings, with a private Redis for cache and
queue) — the script starts gunicorn with deploy/gunicorn.conf.py and 2 workers, and client
threads give opinions through the API (POST /api/v1/consultations/{id}/opinions), each
with its own Idempotency-Key and its own text. A request that fails on the network (or with
a 5xx) is retried with the SAME key and text until the server, back up, answers; an answer
200/201 with the opinion's id is an acknowledgement. Meanwhile, `--kills` times (20) at a
random moment, SIGKILL goes to every gunicorn process at once (the master and its workers),
and gunicorn is started again.

At the end the database itself is read: every acknowledged opinion must exist exactly once
(by idempotency key, with its text and the id the client was given), no key may have more
than one row, no text may appear twice. Both numbers — duplicates and lost — must be 0.

    .venv/bin/python bench/durability.py                  # both databases, 20 kills each
    .venv/bin/python bench/durability.py --database sqlite --kills 5 --clients 4
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
import requests  # noqa: E402

from tests.production import seed as seeding  # noqa: E402
from tests.production.stack import (  # noqa: E402
    PROXY_HEADERS,
    children_of,
    clean_env,
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


@dataclass
class Tally:
    sent: int = 0  # HTTP attempts
    opinions: int = 0  # distinct opinions (keys) the clients set out to give
    acknowledged: dict[str, tuple[int, str, int]] = field(default_factory=dict)
    retried: int = 0  # attempts that failed (network or 5xx) and were tried again
    needed_retry: set[str] = field(default_factory=set)  # opinions that needed a retry
    replayed: int = 0  # acknowledgements with 200: the first attempt had been saved
    failures: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Server:
    """gunicorn on a fixed port, killed with SIGKILL and started again."""

    def __init__(self, env: dict, folder: Path, port: int) -> None:
        self.env, self.folder, self.port = env, folder, port
        self.starts = 0
        self.process = None
        self.start()

    def start(self) -> None:
        self.starts += 1
        self.process = gunicorn(f"gunicorn-{self.starts}", self.port, self.env, self.folder)
        wait_until_serving(self.process, self.port, timeout=120)

    def kill_all(self) -> int:
        """SIGKILL to the master and every worker at once; returns how many."""
        pids = [self.process.pid, *children_of(self.process.pid)]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.popen.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{pid}").exists() for pid in pids[1:]):
            # Orphaned workers are reaped by init; wait until they are really gone.
            if time.monotonic() > deadline:
                raise RuntimeError(f"workers survived SIGKILL: {pids}")
            time.sleep(0.02)
        self.process.stop()
        return len(pids)

    def stop(self) -> None:
        if self.process:
            self.process.stop()


def client(base: str, consultation: int, token: str, tally: Tally, stop: threading.Event):
    session = requests.Session()
    url = f"{base}/api/v1/consultations/{consultation}/opinions"
    while not stop.is_set():
        key = uuid.uuid4().hex
        text = f"Noturības viedoklis {key}"
        with tally.lock:
            tally.opinions += 1
        while True:  # the same key and text until acknowledged
            with tally.lock:
                tally.sent += 1
            try:
                response = session.post(
                    url,
                    json={"kind": "proposal", "text": text},
                    headers={
                        **PROXY_HEADERS,
                        "Authorization": f"Bearer {token}",
                        "Idempotency-Key": key,
                    },
                    timeout=30,
                )
            except requests.RequestException as error:
                outcome = type(error).__name__
                session.close()
                session = requests.Session()
            else:
                if response.status_code in (200, 201):
                    body = response.json()
                    with tally.lock:
                        tally.acknowledged[key] = (body["id"], text, response.status_code)
                        tally.replayed += response.status_code == 200
                    if body["text"] != text:
                        tally.errors.append(f"{key}: answered with another text")
                    break
                if response.status_code < 500:
                    tally.errors.append(f"{key}: {response.status_code} {response.text[:200]}")
                    break
                outcome = f"HTTP {response.status_code}"
            with tally.lock:
                tally.retried += 1
                tally.needed_retry.add(key)
                tally.failures[outcome] += 1
            time.sleep(0.05)


def rows(vendor: str, location: str, consultation: int) -> list[tuple[int, str, str]]:
    query = "SELECT id, idempotency_key, text FROM consultations_opinion WHERE consultation_id = "
    if vendor == "sqlite":
        with contextlib.closing(sqlite3.connect(location)) as conn:
            return conn.execute(query + "?", [consultation]).fetchall()
    with psycopg.connect(location) as conn:
        return conn.execute(query + "%s", [consultation]).fetchall()


def run(vendor: str, args, folder: Path, database: str, redis_url: str | None) -> dict:
    if vendor == "sqlite":
        location = str(folder / "durability.sqlite3")
        env = clean_env(
            SQLITE_PATH=location,
            LIDZDALIBA_VAR_DIR=str(folder),
            MEDIA_ROOT=str(folder / "uploads"),
            WEB_CONCURRENCY=str(args.workers),
        )
    else:
        location = database_url(database)
        env = production_env(
            database_url=location,
            redis_url=redis_url,
            var_dir=folder,
            email_port=free_port(),  # no worker runs: nothing is sent
            WEB_CONCURRENCY=str(args.workers),
        )
        collect_static(env)
    manage("migrate", "--noinput", "-v0", env=env)
    data = seeding.parse(
        manage("shell", "-c", "from tests.production.seed import durability; durability()", env=env)
    )
    if vendor == "sqlite":
        with contextlib.closing(sqlite3.connect(location)) as conn:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal", mode

    port = free_port()
    server = Server(env, folder, port)
    tally, stop = Tally(), threading.Event()
    threads = [
        threading.Thread(
            target=client,
            args=(f"http://127.0.0.1:{port}", data["consultation"], data["token"], tally, stop),
        )
        for _ in range(args.clients)
    ]
    rng = random.Random(args.seed)
    killed_processes = 0
    started = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        previous = 0
        for kill in range(1, args.kills + 1):
            time.sleep(rng.uniform(args.min_gap, args.max_gap))
            killed_processes += server.kill_all()
            now = len(tally.acknowledged)
            print(
                f"  {vendor}: kill {kill:2}/{args.kills}: {now:,} acknowledged "
                f"(+{now - previous} since the last kill)",
                flush=True,
            )
            previous = now
            time.sleep(rng.uniform(0, 0.5))  # clients meet a dead port for a moment
            server.start()
        time.sleep(args.min_gap)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        server.stop()
    elapsed = time.monotonic() - started

    stored = rows(vendor, location, data["consultation"])
    by_key = Counter(key for _id, key, _text in stored)
    by_text = Counter(text for _id, _key, text in stored)
    duplicates = sum(n - 1 for n in by_key.values() if n > 1) + sum(
        n - 1 for n in by_text.values() if n > 1
    )
    index = {key: (pk, text) for pk, key, text in stored}
    lost = [
        key
        for key, (pk, text, _status) in tally.acknowledged.items()
        if index.get(f"api:{key}") != (pk, text)
    ]
    unacknowledged = len(stored) - len(tally.acknowledged)
    return {
        "database": "SQLite (WAL)" if vendor == "sqlite" else "PostgreSQL",
        "kills": args.kills,
        "processes killed": killed_processes,
        "requests sent": tally.sent,
        "opinions": tally.opinions,
        "acknowledged": len(tally.acknowledged),
        "attempts retried (network error or 5xx)": tally.retried,
        "opinions that needed a retry": len(tally.needed_retry),
        "acknowledged on a retry with 200 (saved before the kill)": tally.replayed,
        "rows in the database": len(stored),
        "rows never acknowledged": unacknowledged,
        "duplicates": duplicates,
        "lost": len(lost),
        "client errors": len(tally.errors),
        "failures seen": dict(tally.failures),
        "seconds": round(elapsed),
        "_errors": tally.errors[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--min-gap", type=float, default=1.0, help="seconds between kills, min")
    parser.add_argument("--max-gap", type=float, default=4.0, help="seconds between kills, max")
    parser.add_argument("--seed", type=int, default=None, help="random seed of the kill times")
    args = parser.parse_args()

    vendors = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    results = []
    for vendor in vendors:
        folder = Path(tempfile.mkdtemp(prefix=f"lidz-durability-{vendor}-"))
        try:
            print(f"{vendor}: {args.clients} clients, {args.workers} gunicorn workers", flush=True)
            if vendor == "sqlite":
                results.append(run(vendor, args, folder, "", None))
            else:
                with temporary_database("lidzdaliba_durability") as db, private_redis() as url:
                    results.append(run(vendor, args, folder, db, url))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    print()
    keys = [key for key in results[0] if not key.startswith("_")]
    print("| " + " | ".join(["", *(r["database"] for r in results)]) + " |")
    print("|" + "---|" * (len(results) + 1))
    for key in keys[1:]:
        print("| " + " | ".join([key, *(str(r[key]) for r in results)]) + " |")
    failed = False
    for result in results:
        if result["duplicates"] or result["lost"] or result["client errors"]:
            failed = True
            print(f"FAILED on {result['database']}: {result['_errors']}")
    if failed:
        raise SystemExit(1)
    print("\nEvery acknowledged opinion is stored exactly once: duplicates = 0, lost = 0.")


if __name__ == "__main__":
    main()
