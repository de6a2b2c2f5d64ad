"""`manage.py serve` — what `make run` starts — as a real process on its own port.

Under load it holds no more database connections than it has threads, so a PostgreSQL
server is never run out of connections; and a stop signal (a terminal's Ctrl-C or hang-up,
a process manager's SIGTERM) stops it together with everything it started.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings

from tests.production.stack import (
    PYTHON,
    Process,
    clean_env,
    database_url,
    free_port,
    manage,
    postgres_admin_url,
    processes,
    temporary_database,
    wait_until_serving,
)

# Threads of the web server (WEB_THREADS, as in production): at most one connection each.
WEB_THREADS = 4


def _start_time(pid: int) -> int | None:
    """When a process started (clock ticks after boot), None once it has ended: with its
    pid, it names one process even if the pid is reused. A zombie has ended."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] in ("Z", "X") else int(fields[19])


def _command_line(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    return ""


class ServeProcess:
    """`manage.py serve` and every process it started, remembered so that they can be
    checked — and killed — even after `serve` itself has gone and they were re-parented."""

    def __init__(self, env: dict[str, str], log_dir: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = Process(
            "serve",
            [PYTHON, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env,
            log_dir,
        )
        # Every process seen below `serve`: pid -> (start time, command line).
        self.seen: dict[int, tuple[int, str]] = {}

    def look(self) -> None:
        """Remember the processes below `serve` now. Not once `serve` has been reaped: its
        pid may then belong to someone else."""
        if not self.process.alive():
            return
        parents = {pid: parent for pid, _name, parent, _cpu in processes()}
        frontier = {self.process.pid}
        while frontier:
            frontier = {pid for pid, parent in parents.items() if parent in frontier}
            for pid in frontier:
                started = _start_time(pid)
                if started is not None:
                    self.seen.setdefault(pid, (started, _command_line(pid)))

    def started_a_worker(self) -> bool:
        return any("run_huey" in command for _started, command in self.seen.values())

    def survivors(self) -> list[str]:
        """Remembered processes that are still running, with their command lines."""
        return [
            f"{pid}: {command}"
            for pid, (started, command) in self.seen.items()
            if _start_time(pid) == started
        ]

    def wait_for_the_end(self, timeout: float = 30) -> None:
        """Until `serve` and everything it started have exited (or `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.look()
            if not self.process.alive() and not self.survivors():
                return
            time.sleep(0.1)

    def kill_everything(self) -> None:
        self.look()
        for pid, (started, _command) in self.seen.items():
            if _start_time(pid) == started:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self.process.stop(signal.SIGKILL, timeout=10)


@contextlib.contextmanager
def started(env: dict[str, str], log_dir: Path, port: int | None = None) -> Iterator[ServeProcess]:
    """`serve` just started; afterwards nothing it started is left running, whatever the
    test did."""
    server = ServeProcess(env, log_dir, port)
    try:
        yield server
    finally:
        server.kill_everything()


@contextlib.contextmanager
def serving(env: dict[str, str], log_dir: Path) -> Iterator[ServeProcess]:
    """`serve` answering HTTP."""
    with started(env, log_dir) as server:
        wait_until_serving(server.process, server.port)
        server.look()
        yield server


def _embedded_env(var_dir: Path, **values: str) -> dict[str, str]:
    """The settings of `make run` (embedded: no Redis, a local job queue) in `var_dir`."""
    return clean_env(
        LIDZDALIBA_VAR_DIR=str(var_dir),
        SQLITE_PATH=str(var_dir / "lidzdaliba.sqlite3"),
        WEB_THREADS=str(WEB_THREADS),
        **values,
    )


@pytest.fixture(scope="module")
def migrated_var_dir(tmp_path_factory) -> Path:
    var_dir = tmp_path_factory.mktemp("migrated-var")
    manage("migrate", "--noinput", "-v0", env=_embedded_env(var_dir))
    return var_dir


@pytest.fixture
def sqlite_env(migrated_var_dir, tmp_path) -> dict[str, str]:
    """`make run`'s settings with a migrated SQLite database of this test's own."""
    var_dir = tmp_path / "var"
    shutil.copytree(migrated_var_dir, var_dir)
    return _embedded_env(var_dir)


@pytest.mark.parametrize(
    "stop_signal", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda sig: sig.name
)
def test_a_stop_signal_stops_the_server_and_its_job_worker(sqlite_env, tmp_path, stop_signal):
    with serving(sqlite_env, tmp_path) as server:
        assert server.started_a_worker(), server.survivors()

        server.process.popen.send_signal(stop_signal)

        server.wait_for_the_end()
        assert not server.process.alive(), server.process.log()
        assert server.survivors() == [], server.process.log()
        assert server.process.popen.returncode == 0, server.process.log()


def test_when_the_web_server_cannot_start_serve_stops_the_job_worker_and_fails(
    sqlite_env, tmp_path
):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with started(sqlite_env, tmp_path, port=taken.getsockname()[1]) as server:
            server.wait_for_the_end(timeout=60)
            assert not server.process.alive(), server.process.log()
            assert server.started_a_worker(), server.process.log()
            assert server.survivors() == [], server.process.log()
            assert server.process.popen.returncode != 0, server.process.log()


def _connections_to(database: str) -> int:
    with psycopg.connect(postgres_admin_url(), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchone()
    return row[0]


@pytest.mark.xdist_group("many_connections")  # 50 connections at once: one such test at a time
def test_serve_holds_a_bounded_number_of_postgresql_connections_under_load(tmp_path):
    """200 requests over 50 parallel connections, each request using the database, with
    persistent connections on (DATABASE_CONN_MAX_AGE). Only threads hold connections: the
    web server's WEB_THREADS and the job worker's threads."""
    worker_threads = settings.HUEY["consumer"]["workers"]  # the embedded queue's, as serve's
    with temporary_database("lidzdaliba_serve_test") as name:
        env = _embedded_env(tmp_path, DATABASE_URL=database_url(name), DATABASE_CONN_MAX_AGE="60")
        manage("migrate", "--noinput", "-v0", env=env)
        with serving(env, tmp_path) as server:

            def four_requests(_index: int) -> list[int]:
                with requests.Session() as session:
                    return [
                        session.get(f"{server.base}/healthz", timeout=60).status_code
                        for _ in range(4)
                    ]

            with ThreadPoolExecutor(max_workers=50) as pool:
                statuses = [
                    status for batch in pool.map(four_requests, range(50)) for status in batch
                ]
            assert statuses == [200] * 200
            connections = _connections_to(name)
            assert server.process.alive(), server.process.log()
        assert connections <= WEB_THREADS + worker_threads, (
            f"{connections} connections for {WEB_THREADS} web threads and {worker_threads} "
            "job threads"
        )
