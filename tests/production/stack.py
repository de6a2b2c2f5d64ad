"""Helpers that run the real production stack in separate processes: throwaway PostgreSQL
databases, a private Redis database, gunicorn app servers and huey workers.

Used by the tests in this folder and by bench/load.py and bench/durability.py. Everything
started here is stopped by its own process id; every database and Redis database made here
is removed again.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import redis
import requests

from lidzdaliba.testing import servers

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
free_port = servers.free_port
GUNICORN_CONFIG = str(ROOT / "deploy" / "gunicorn.conf.py")
# Every request goes through the (simulated) TLS-terminating proxy: production redirects
# plain HTTP, and a load balancer hands every server the same public host name.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}

# Variables of the calling environment that must not leak into a stack we start.
_DROPPED = (
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "REDIS_URL",
    "LIDZDALIBA_TESTING",
    "LIDZDALIBA_DEPLOYMENT",
    "LIDZDALIBA_BENCH_VIEWS",
    "STORAGE_BACKEND",
    "SQLITE_PATH",
    "MEDIA_ROOT",
    "JOBS_IMMEDIATE",
    "JOBS_QUEUE_NAME",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "PUBLIC_PAGE_CACHE_SECONDS",
    "WEB_CONCURRENCY",
    "PROMETHEUS_MULTIPROC_DIR",
    "TRUSTED_PROXY_COUNT",
)


def clean_env(**values: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "COV_")) and key not in _DROPPED
    }
    env["DJANGO_SETTINGS_MODULE"] = "lidzdaliba.settings"
    env["PYTHONUNBUFFERED"] = "1"
    env.update({key: str(value) for key, value in values.items()})
    return env


def production_env(
    *,
    database_url: str,
    redis_url: str,
    var_dir: Path,
    email_port: int = 25,
    **extra: str,
) -> dict[str, str]:
    """Production settings, from the environment only (README, 'Running in production');
    `extra` adds or overrides variables. Clients talk to the app servers directly unless a
    test puts a proxy in front (TRUSTED_PROXY_COUNT then says so)."""
    values = dict(
        LIDZDALIBA_DEPLOYMENT="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1",
        REDIS_URL=redis_url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(email_port),
        SITE_URL="https://127.0.0.1",
        LIDZDALIBA_VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(var_dir / "uploads"),
        JOBS_QUEUE_NAME=f"lidzdalibatest{uuid.uuid4().hex[:10]}",
        TRUSTED_PROXY_COUNT="0",
    )
    return clean_env(**{**values, **extra})


def manage(*args: str, env: dict[str, str], timeout: float = 300) -> str:
    """Run `manage.py ARGS` to completion; its output, or an error showing it."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)[:80]} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
        )
    return result.stdout


def collect_static(env: dict[str, str]) -> None:
    """Production serves static files through a manifest (whitenoise); templates need it."""
    manage("collectstatic", "--noinput", "-v0", env=env)


# --- PostgreSQL -----------------------------------------------------------------------------


def postgres_admin_url() -> str:
    """The PostgreSQL server of the suite (lidzdaliba/testing/servers.py decides which), with
    the maintenance database `postgres`."""
    return servers.postgres_url("postgres")


def database_url(name: str) -> str:
    return servers.postgres_url(name)


def create_database(prefix: str = "lidzdaliba_prod_test", template: str | None = None) -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    statement = f'CREATE DATABASE "{name}"'
    if template:
        statement += f' TEMPLATE "{template}"'
    with psycopg.connect(postgres_admin_url(), autocommit=True) as conn:
        conn.execute(statement)
    return name


def drop_database(name: str) -> None:
    with psycopg.connect(postgres_admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def temporary_database(prefix: str = "lidzdaliba_prod_test") -> Iterator[str]:
    """A fresh, empty PostgreSQL database (its name), dropped afterwards."""
    name = create_database(prefix)
    try:
        yield name
    finally:
        drop_database(name)


# --- Redis ----------------------------------------------------------------------------------

_CLAIM = "lidzdaliba:test-claim"


@contextlib.contextmanager
def private_redis() -> Iterator[str]:
    """The URL of a Redis database nobody else uses (claimed by a marker key), emptied after.

    The page cache, the rate limits and the job queue of the stack all live in it, so
    nothing of another test or a local installation is read, changed or deleted."""
    candidates = list(range(1, 16))
    secrets.SystemRandom().shuffle(candidates)
    claimed = None
    for number in candidates:
        client = redis.Redis.from_url(servers.redis_url(number))
        if client.dbsize() == 0 and client.set(_CLAIM, os.getpid(), nx=True):
            if client.dbsize() == 1:
                claimed = (number, client)
                break
            client.delete(_CLAIM)
    if claimed is None:
        raise RuntimeError("No empty Redis database (1–15) is free for the test.")
    number, client = claimed
    try:
        yield servers.redis_url(number)
    finally:
        client.flushdb()
        client.close()


# --- Processes ------------------------------------------------------------------------------


class Process:
    """A child process writing to a log file, stopped by its own id."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self._log = self.log_path.open("ab")
        self.popen = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log(self, tail: int = 4000) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-tail:]

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int | None:
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.popen.send_signal(sig)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)
        self._log.close()
        return self.popen.returncode


_TICKS = os.sysconf("SC_CLK_TCK")


def processes() -> Iterator[tuple[int, str, int, float]]:
    """(pid, name, parent pid, CPU seconds) of every process (from /proc, Linux). The CPU
    seconds include those of its children that have exited, so that summing over a server's
    processes still counts a worker or database backend that ended meanwhile."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid …": comm may contain spaces, so split after the last ')'.
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        ticks = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        yield int(entry.name), name, int(fields[1]), ticks / _TICKS


def children_of(pid: int) -> list[int]:
    """Direct children of a process."""
    return [child for child, _name, parent, _cpu in processes() if parent == pid]


def gunicorn(name: str, port: int, env: dict[str, str], log_dir: Path) -> Process:
    """gunicorn with the deployment's configuration (deploy/gunicorn.conf.py), its own
    control socket in `log_dir`."""
    return Process(
        name,
        [
            PYTHON,
            "-m",
            "gunicorn",
            "lidzdaliba.wsgi",
            "-c",
            GUNICORN_CONFIG,
            "--bind",
            f"127.0.0.1:{port}",
            # gunicorn ≥ 25 opens a control socket at one path per user by default
            # (~/.gunicorn/gunicorn.ctl): a second server would take it over.
            "--control-socket",
            str(log_dir / f"{name}.ctl"),
        ],
        env,
        log_dir,
    )


def huey_worker(name: str, env: dict[str, str], log_dir: Path, *args: str) -> Process:
    return Process(name, [PYTHON, "manage.py", "run_huey", *args], env, log_dir)


def wait_until_serving(process: Process, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    url = f"http://127.0.0.1:{port}/healthz"
    while time.monotonic() < deadline:
        if not process.alive():
            raise RuntimeError(f"{process.name} exited:\n{process.log()}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, headers=PROXY_HEADERS, timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{process.name} did not answer on port {port}:\n{process.log()}")
