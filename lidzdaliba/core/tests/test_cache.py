"""The production cache backend against a real Redis: Django's cache semantics unchanged,
one Redis client per pool, safe to share between threads."""

from __future__ import annotations

import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from lidzdaliba.core.cache import SharedClientRedisCache


@pytest.fixture
def redis_cache():
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    cache = SharedClientRedisCache(url, {"KEY_PREFIX": f"cachetest{uuid.uuid4().hex[:8]}"})
    yield cache
    cache.delete_many([f"k{i}" for i in range(50)] + ["counter", "a", "b"])


def test_the_cache_behaves_like_djangos(redis_cache):
    assert redis_cache.get("a") is None
    redis_cache.set("a", {"page": b"\x1f\x8b", "n": 1}, 60)
    assert redis_cache.get("a") == {"page": b"\x1f\x8b", "n": 1}
    assert redis_cache.add("a", "other") is False
    redis_cache.set("counter", 1)
    assert redis_cache.incr("counter") == 2
    with pytest.raises(ValueError):
        redis_cache.incr("b")  # what page versions rely on
    assert redis_cache.get_many(["a", "counter", "b"]) == {
        "a": {"page": b"\x1f\x8b", "n": 1},
        "counter": 2,
    }


def test_one_client_is_reused_and_shared_by_threads(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=True) is client  # one server: one pool

    def work(i: int) -> int:
        redis_cache.set(f"k{i}", i)
        redis_cache.incr(f"k{i}", 10)
        return redis_cache.get(f"k{i}")

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(work, range(50))) == [i + 10 for i in range(50)]
    assert redis_cache._cache.get_client() is client
