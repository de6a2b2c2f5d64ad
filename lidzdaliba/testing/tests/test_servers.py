"""Where no usable PostgreSQL or Redis answers on the standard ports, the tests get private
throw-away servers: started on free ports from the installed binaries, seen by every process
a test starts, and gone with their folders when the process that started them ends.

Run in a separate process, as an xdist worker or a benchmark script would be: the servers of
this test run itself are left alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from lidzdaliba.testing import servers

PROBE = """
import json, subprocess, sys
import psycopg, redis
from lidzdaliba.testing import servers

nothing_there = ("127.0.0.1", int(sys.argv[1]))
postgres = servers.postgres_url("postgres", standard=nothing_there)
cache = servers.redis_url(2, standard=nothing_there)
child = subprocess.run(
    [sys.executable, "-c",
     "from lidzdaliba.testing import servers; print(servers.postgres_url('other'));"
     "print(servers.redis_url(3))"],
    capture_output=True, text=True, check=True,
).stdout.split()
with psycopg.connect(postgres, autocommit=True) as conn:
    conn.execute("CREATE DATABASE other")
    data = conn.execute("SHOW data_directory").fetchone()[0]
with psycopg.connect(child[0]) as conn:
    database = conn.execute("SELECT current_database()").fetchone()[0]
client = redis.Redis.from_url(cache)
client.set("written", "by the probe")
folder = client.config_get("dir")["dir"]
print(json.dumps({"postgres": postgres, "redis": cache, "child": child, "data": data,
                  "database": database, "redis_dir": folder,
                  "read": redis.Redis.from_url(cache).get("written").decode()}))
"""


def _without_servers() -> dict[str, str]:
    """This environment, less every variable that names a server."""
    named = {"DATABASE_URL", "REDIS_URL", servers.POSTGRES_VARIABLE, servers.REDIS_VARIABLE}
    return {key: value for key, value in os.environ.items() if key not in named}


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def _nobody() -> Iterator[int]:
    """A port where nothing listens."""
    yield servers.free_port()


@contextlib.contextmanager
def _not_the_server() -> Iterator[int]:
    """A port where something accepts connections and closes them at once, as a server
    that refuses the tests (a password asked, another program) does."""
    listener = socket.create_server(("127.0.0.1", 0))

    def refuse() -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _address = listener.accept()
                connection.close()

    threading.Thread(target=refuse, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


@pytest.mark.parametrize("standard_port", [_nobody, _not_the_server])
def test_private_servers_start_where_none_serves_and_are_gone_after(standard_port):
    with standard_port() as nothing_there:
        result = subprocess.run(
            [sys.executable, "-c", PROBE, str(nothing_there)],
            cwd=settings.BASE_DIR,
            env=_without_servers(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.splitlines()[-1])
    postgres, cache = urlsplit(seen["postgres"]), urlsplit(seen["redis"])
    # Private servers on free ports of their own, not the standard ones.
    assert postgres.port not in (5432, nothing_there)
    assert cache.port not in (6379, nothing_there)
    assert seen["read"] == "by the probe"
    # A process started by the tests talks to the same servers.
    assert [urlsplit(url).netloc for url in seen["child"]] == [postgres.netloc, cache.netloc]
    assert seen["database"] == "other"
    assert seen["child"][1].endswith("/3")
    # The servers stopped with the process that started them; their folders are gone.
    assert not _answers(postgres.port)
    assert not _answers(cache.port)
    assert not Path(seen["data"]).exists()
    assert not Path(seen["redis_dir"]).exists()


def test_a_named_server_is_used_as_it_is():
    env = {
        **_without_servers(),
        servers.POSTGRES_VARIABLE: "postgres://someone@db.example.lv:6543/postgres?sslmode=require",
        servers.REDIS_VARIABLE: "redis://cache.example.lv:6380/0",
    }
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from lidzdaliba.testing import servers;"
            "print(servers.postgres_url('x')); print(servers.redis_url(4))",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert shown == [
        "postgres://someone@db.example.lv:6543/x?sslmode=require",
        "redis://cache.example.lv:6380/4",
    ]
