"""The PostgreSQL and Redis servers of the tests and benchmarks — decided in this one place.

For each server, the first that applies:

1. a variable naming it: for PostgreSQL `DATABASE_URL` when it is PostgreSQL (the CI leg
   that runs the whole suite there), else `LIDZDALIBA_TEST_POSTGRES`; for Redis
   `LIDZDALIBA_TEST_REDIS`, else `REDIS_URL`;
2. the local server on its standard port (127.0.0.1:5432 as user postgres, 127.0.0.1:6379)
   when it answers and lets the tests in;
3. a private throw-away server started from the installed binaries (Debian's `postgresql`
   and `redis-server`, which `make test-deps` installs) in a temporary folder on a free
   port, on first use. It is stopped, and its folder removed, when the process that started
   it ends its test session (`stop_started`, called by the root conftest; with
   pytest-xdist each worker that needs one has its own) or exits.

The answer is exported as LIDZDALIBA_TEST_POSTGRES / LIDZDALIBA_TEST_REDIS, so that every
process a test starts finds the same servers. Not as REDIS_URL: that would move the suite's
own cache and rate limits to Redis.

The servers are started with pytest-postgresql's and pytest-redis's executors rather than
their fixture factories: benchmark scripts need the same servers outside pytest, and one
process must own each server to stop it. PostgreSQL refuses to run as root, so under root
its `pg_ctl` runs as the `postgres` system user (runuser), through a small wrapper script
that the executor takes as its `pg_ctl`.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shlex
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from mirakuru import TCPExecutor

POSTGRES_VARIABLE = "LIDZDALIBA_TEST_POSTGRES"
REDIS_VARIABLE = "LIDZDALIBA_TEST_REDIS"
STANDARD_POSTGRES = ("127.0.0.1", 5432)
STANDARD_REDIS = ("127.0.0.1", 6379)
# A throw-away server need not survive a crash of the machine.
_POSTGRES_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"

_lock = threading.Lock()
_started: list[TCPExecutor] = []  # servers this process started, stopped by stop_started()
_folders: list[Path] = []
_exported: list[str] = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_serves(url: str) -> bool:
    """Whether the PostgreSQL at `url` lets the tests in (Debian's own cluster, say, asks
    for a password over TCP: then the tests use a private one)."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
            return True
    except psycopg.Error:
        return False


def _redis_serves(url: str) -> bool:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def postgres_url(database: str = "postgres", standard: tuple[str, int] = STANDARD_POSTGRES) -> str:
    """A URL of database `database` on the PostgreSQL server of the tests (superuser)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        url = os.environ.get(POSTGRES_VARIABLE, "")
    if not url:
        with _lock:
            url = os.environ.get(POSTGRES_VARIABLE, "")
            if not url:
                url = f"postgres://postgres@{standard[0]}:{standard[1]}/postgres"
                if not _postgres_serves(url):
                    url = _start_postgres()
                _export(POSTGRES_VARIABLE, url)
    parts = urlsplit(url)
    return urlunsplit(("postgres", parts.netloc, f"/{database}", parts.query, ""))


def redis_url(database: int = 0, standard: tuple[str, int] = STANDARD_REDIS) -> str:
    """A URL of database number `database` on the Redis server of the tests."""
    url = os.environ.get(REDIS_VARIABLE) or os.environ.get("REDIS_URL", "")
    if not url:
        with _lock:
            url = os.environ.get(REDIS_VARIABLE, "")
            if not url:
                url = f"redis://{standard[0]}:{standard[1]}/0"
                if not _redis_serves(url):
                    url = _start_redis()
                _export(REDIS_VARIABLE, url)
    return _with_path(url, f"/{database}")


def _export(name: str, value: str) -> None:
    os.environ[name] = value
    _exported.append(name)


def _private_folder() -> Path:
    """A temporary folder for one server, readable by the postgres user (it must reach its
    data directory inside)."""
    folder = Path(tempfile.mkdtemp(prefix="lidzdaliba-server-"))
    folder.chmod(0o755)
    _folders.append(folder)
    if len(_folders) == 1:
        atexit.register(stop_started)
    return folder


def _pg_ctl() -> Path:
    """The newest installed pg_ctl: on PATH, else in Debian's versioned folders."""
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path)
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if not candidates:
        raise RuntimeError(
            "No PostgreSQL answers on 127.0.0.1:5432 and no PostgreSQL server is installed to "
            "start a private one: run `make system-packages` (Debian's postgresql), or set "
            f"{POSTGRES_VARIABLE}=postgres://…"
        )
    return candidates[-1]


def _as_postgres_user(pg_ctl: Path, folder: Path, data: Path) -> Path:
    """Under root, a pg_ctl that runs as the postgres system user, owner of `data`."""
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError(
            "PostgreSQL refuses to run as root, and there is no `postgres` system user to run "
            "it as (Debian's postgresql package creates it)."
        ) from None
    os.chown(data, account.pw_uid, account.pw_gid)
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    wrapper = folder / "pg_ctl"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'cd / && exec {shlex.quote(runuser)} -u postgres -- {shlex.quote(str(pg_ctl))} "$@"\n'
    )
    wrapper.chmod(0o755)
    return wrapper


def _start_postgres() -> str:
    from pytest_postgresql.executors import PostgreSQLExecutor

    pg_ctl = _pg_ctl()
    folder = _private_folder()
    home = folder / "postgresql"  # data, socket and log, all the server's own
    home.mkdir(mode=0o700)
    if os.geteuid() == 0:
        pg_ctl = _as_postgres_user(pg_ctl, folder, home)
    port = free_port()
    executor = PostgreSQLExecutor(
        executable=str(pg_ctl),
        host="127.0.0.1",
        port=port,
        datadir=str(home / "data"),
        unixsocketdir=str(home),
        logfile=str(home / "server.log"),
        startparams="-w",
        dbname="postgres",
        user="postgres",
        postgres_options=_POSTGRES_OPTIONS,
    )
    executor.start()
    _started.append(executor)
    url = f"postgres://postgres@127.0.0.1:{port}/postgres"
    _wait_until_postgres_serves(url, home / "server.log")
    return url


def _wait_until_postgres_serves(url: str, log: Path, timeout: float = 120) -> None:
    """The executor is content once the port is open; PostgreSQL then still refuses
    connections for a moment ("the database system is starting up")."""
    deadline = time.monotonic() + timeout
    while not _postgres_serves(url):
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"The private PostgreSQL did not serve within {timeout:.0f} s:\n"
                + log.read_text(errors="replace")[-3000:]
            )
        time.sleep(0.1)


def _start_redis() -> str:
    from pytest_redis.executor import RedisExecutor

    executable = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(executable).exists():
        raise RuntimeError(
            "No Redis answers on 127.0.0.1:6379 and redis-server is not installed to start a "
            "private one: run `make system-packages`, or set LIDZDALIBA_TEST_REDIS=redis://…"
        )
    folder = _private_folder()
    port = free_port()
    executor = RedisExecutor(
        executable=executable,
        databases=16,
        redis_timeout=30,
        loglevel="warning",
        host="127.0.0.1",
        port=port,
        datadir=folder,
    )
    executor.start()
    _started.append(executor)
    return f"redis://127.0.0.1:{port}/0"


def stop_started() -> None:
    """Stop every server this process started and remove its folder; forget the URLs this
    process exported. Safe to call more than once."""
    with _lock:
        while _started:
            _started.pop().stop()
        while _folders:
            shutil.rmtree(_folders.pop(), ignore_errors=True)
        while _exported:
            os.environ.pop(_exported.pop(), None)
