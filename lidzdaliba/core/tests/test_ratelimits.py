"""The project's one rate limiter: named limits, counted per subject, shared by every edge.

Time is moved with time-machine (the `limits` library reads the real clock); the Redis
store is the real server production uses.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import redis
import time_machine
from bs4 import BeautifulSoup
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from lidzdaliba.core import ratelimits
from lidzdaliba.core.ratelimits import RATE_LIMITED_MESSAGE, RateLimited
from lidzdaliba.testing import servers

START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def traveller():
    with time_machine.travel(START, tick=False) as traveller:
        ratelimits.reset()
        yield traveller


def lv(message) -> str:
    with translation.override("lv"):
        return str(message)


def page_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


def test_a_limit_counts_per_subject_and_frees_up_as_time_passes(traveller, settings):
    settings.RATE_LIMITS = {"subscribe.client": "3/hour"}
    for _ in range(3):
        ratelimits.hit([("subscribe.client", "192.0.2.1")])
    with pytest.raises(RateLimited) as refused:
        ratelimits.hit([("subscribe.client", "192.0.2.1")])
    assert 0 < refused.value.retry_after <= 3600
    ratelimits.hit([("subscribe.client", "192.0.2.2")])  # another subject, its own count
    traveller.shift(timedelta(hours=2))
    ratelimits.hit([("subscribe.client", "192.0.2.1")])


def test_check_does_not_count(traveller, settings):
    settings.RATE_LIMITS = {"password.account": "2/5 minutes"}
    for _ in range(10):
        ratelimits.check([("password.account", "a@example.lv")])
    ratelimits.hit([("password.account", "a@example.lv")])
    ratelimits.hit([("password.account", "a@example.lv")])
    with pytest.raises(RateLimited):
        ratelimits.check([("password.account", "A@Example.lv ")])  # one account, any spelling


def test_an_unknown_limit_is_a_programming_error():
    with pytest.raises(KeyError):
        ratelimits.hit([("no.such.limit", "x")])


def test_counts_in_redis_are_shared_by_separate_connections(settings):
    """Eight threads, each with its own limiter and Redis connection (as separate app
    servers have), hit one subject at once: exactly the limit is allowed."""
    url = servers.redis_url(13)
    redis.Redis.from_url(url).flushdb()
    settings.RATE_LIMITS = {"subscribe.client": "25/hour"}
    allowed: list[bool] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker() -> None:
        from limits import storage, strategies

        own = strategies.SlidingWindowCounterRateLimiter(
            storage.storage_from_string(url, key_prefix="lidzdaliba-limits")
        )
        item = ratelimits.rate_of("subscribe.client")
        start.wait()
        shared = ratelimits.subject_key("shared")
        results = [own.hit(item, "subscribe.client", shared) for _ in range(10)]
        with lock:
            allowed.extend(results)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 80 and allowed.count(True) == 25
    # The project's limiter reads the same store when REDIS_URL points at it.
    settings.REDIS_URL = url
    try:
        with pytest.raises(RateLimited):
            ratelimits.hit([("subscribe.client", "shared")])
    finally:
        redis.Redis.from_url(url).flushdb()


def test_client_ip_trusts_forwarded_for_only_behind_configured_proxies(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4")
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimits.client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert ratelimits.client_ip(request) == "1.2.3.4"
    settings.TRUSTED_PROXY_COUNT = 2
    assert ratelimits.client_ip(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 1
    ipv6 = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8:1:2::99")
    assert ratelimits.client_ip(ipv6) == "2001:db8:1:2::/64"


# --- Subscribing: the page and the API count against the same numbers ----------------------


def _subscribe_page(client, email, institution):
    return client.post(
        reverse("notifications:subscribe"),
        {"email": email, "frequency": "daily", "institution": institution.slug},
    )


def _subscribe_api(client, email, institution):
    return client.post(
        "/api/v1/subscriptions",
        {"email": email, "institution": institution.slug},
        content_type="application/json",
    )


def test_subscribing_is_limited_per_client_on_page_and_api_together(traveller, ministry):
    page, api = Client(REMOTE_ADDR="192.0.2.7"), Client(REMOTE_ADDR="192.0.2.7")
    for number in range(10):
        assert _subscribe_page(page, f"p{number}@example.lv", ministry).status_code == 302
        assert _subscribe_api(api, f"a{number}@example.lv", ministry).status_code == 202
    limited = _subscribe_page(page, "vel@example.lv", ministry)
    assert limited.status_code == 429
    assert lv(RATE_LIMITED_MESSAGE) in page_text(limited)
    assert 0 < int(limited["Retry-After"]) <= 3600
    refused = _subscribe_api(api, "vel@example.lv", ministry)
    assert refused.status_code == 429
    assert refused.json()["error"] == "rate_limited"
    assert int(refused["Retry-After"]) > 0
    assert page.get(reverse("notifications:subscribe")).status_code == 200  # reading is free
    other = Client(REMOTE_ADDR="192.0.2.8")
    assert _subscribe_page(other, "cits@example.lv", ministry).status_code == 302
    traveller.shift(timedelta(hours=2))
    assert _subscribe_page(page, "vel@example.lv", ministry).status_code == 302


def test_subscribing_is_limited_per_address_but_not_for_ones_own(
    traveller, ministry, resident, api_for
):
    anonymous = Client()
    for _ in range(5):
        assert _subscribe_page(anonymous, "cietusais@example.lv", ministry).status_code == 302
    assert _subscribe_api(anonymous, "cietusais@example.lv", ministry).status_code == 429
    mine = api_for(resident)
    for _ in range(8):  # no mail goes to one's own confirmed address
        assert _subscribe_api(mine, resident.email, ministry).status_code == 202
