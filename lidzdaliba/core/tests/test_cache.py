"""The cache of a deployment with `REDIS_URL`, run as the settings configure it, in separate
processes against a real Redis: Django's own Redis backend, shared by every app process (the
page cache, page versions and the token cache rely on that), and a Redis that stops
answering fails a request instead of holding its server thread."""

from __future__ import annotations

import json
import socket
import subprocess
import threading

import pytest

from tests.production.stack import clean_env, manage, private_redis

USE_THE_CACHE = """
import json
from concurrent.futures import ThreadPoolExecutor
from django.core.cache import caches
cache = caches["default"]
cache.set("page", {"body": b"\\x1f\\x8b", "n": 1}, 60)
first_add = cache.add("page", "other")
cache.set("counter", 1)
counted = cache.incr("counter")
try:
    cache.incr("missing")
    missing = "no error"
except ValueError:
    missing = "ValueError"

def work(i):
    cache.set(f"k{i}", i)
    cache.incr(f"k{i}", 10)
    return cache.get(f"k{i}")

with ThreadPoolExecutor(8) as pool:
    threads = list(pool.map(work, range(50)))
print("RESULT " + json.dumps({
    "backend": f"{type(cache).__module__}.{type(cache).__name__}",
    "add": first_add, "incr": counted, "missing": missing, "threads": threads,
}))
"""

READ_THE_CACHE = """
import json
from django.core.cache import caches
cache = caches["default"]
found = cache.get_many(["page", "counter", "absent"])
print("RESULT " + json.dumps({"page_n": found["page"]["n"], "keys": sorted(found)}))
"""


def run(code: str, redis_url: str, tmp_path) -> dict:
    env = clean_env(REDIS_URL=redis_url, LIDZDALIBA_VAR_DIR=str(tmp_path))
    return json.loads(manage("shell", "-c", code, env=env, timeout=120).split("RESULT ", 1)[1])


def test_the_redis_cache_is_djangos_own_and_shared_by_processes(tmp_path):
    with private_redis() as redis_url:
        written = run(USE_THE_CACHE, redis_url, tmp_path)
        read = run(READ_THE_CACHE, redis_url, tmp_path)
    assert written == {
        "backend": "django.core.cache.backends.redis.RedisCache",
        "add": False,
        "incr": 2,
        "missing": "ValueError",
        "threads": [i + 10 for i in range(50)],
    }
    assert read == {"page_n": 1, "keys": ["counter", "page"]}


@pytest.fixture
def silent_redis():
    """A server that accepts connections and never answers: a Redis that hangs."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_a_redis_that_stops_answering_fails_the_call_instead_of_hanging(silent_redis, tmp_path):
    code = (
        "from django.core.cache import cache\n"
        "try:\n"
        "    cache.get('page')\n"
        "except Exception as error:\n"
        "    print('RESULT ' + repr(type(error).__name__))\n"
    )
    env = clean_env(REDIS_URL=silent_redis, LIDZDALIBA_VAR_DIR=str(tmp_path))
    try:
        output = manage("shell", "-c", code, env=env, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the cache call was still waiting for Redis after a minute")
    assert output.split("RESULT ", 1)[1].strip() == "'TimeoutError'"
