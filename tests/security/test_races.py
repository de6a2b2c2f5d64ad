"""Fifty identical requests at the same moment, against a real server: what must exist once
exists once, and every limit holds — because a constraint or a lock enforces it, not because
the requests happened to arrive one after another.

The requests wait at a barrier and are released together against Django's threaded live
server, every request thread with its own database connection: to the test database on
PostgreSQL; on SQLite to a file copy of it, configured like the embedded deployment (WAL,
IMMEDIATE transactions, a busy timeout). pytest-django's `live_server` is not used: over
in-memory SQLite it shares one connection between all its threads, which cannot stand for
concurrent requests, and its listen queue of ten resets a burst of fifty connects.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from http.client import HTTPConnection
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core import mail
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

from lidzdaliba.accounts.services import api_token_create
from lidzdaliba.consultations.models import Answer, Opinion
from lidzdaliba.core import ratelimits
from lidzdaliba.notifications import services as subscription_services
from lidzdaliba.notifications.models import Subscription
from lidzdaliba.testing import factories

# Tests that open ~50 database connections at once run one after another on one worker
# (xdist group "many_connections"): two at once would pass PostgreSQL's 100 connections.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("many_connections"),
]

PARALLEL = 50
TIMEOUT = 60


@dataclass
class Reply:
    status_code: int
    text: str

    def json(self):
        return json.loads(self.text)


@dataclass
class Server:
    url: str
    read: Callable  # runs a query against the database the server writes to


def _in_a_new_thread(query):
    """A new thread connects afresh, i.e. to the database the server threads use."""

    def run():
        try:
            return query()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


class _Server(ThreadedWSGIServer):
    request_queue_size = 128  # Django's default of 10 resets a burst of fifty connects


class _ServerThread(LiveServerThread):
    server_class = _Server


@pytest.fixture
def race_server(tmp_path):
    """`race_server()` → a running server over everything created so far."""
    started: list[tuple[LiveServerThread, dict | None]] = []

    def start() -> Server:
        default = connections["default"]
        original = None
        if default.vendor == "sqlite" and default.is_in_memory_db():
            path = tmp_path / "race.sqlite3"
            default.ensure_connection()
            with closing(sqlite3.connect(path)) as copy:
                default.connection.backup(copy)
                # A copy of an in-memory database starts in rollback-journal mode; switching
                # needs an exclusive lock, which fifty first connections racing to switch it
                # fail to get ("database is locked"). A deployed file is switched to WAL by
                # `migrate`, before any request.
                copy.execute("PRAGMA journal_mode=WAL")
            original = connections.settings["default"]
            connections.settings["default"] = {**original, "NAME": str(path)}
        thread = _ServerThread("127.0.0.1", StaticFilesHandler)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        started.append((thread, original))
        if thread.error:
            raise thread.error
        read = _in_a_new_thread if original is not None else (lambda query: query())
        return Server(url=f"http://127.0.0.1:{thread.port}", read=read)

    yield start
    for thread, original in started:
        thread.terminate()
        if original is not None:
            connections.settings["default"] = original


def at_once(server: Server, requests_of, count: int = PARALLEL) -> list[Reply]:
    """Send `requests_of(i)` = (method, path, body, headers) from `count` threads at once.

    Each thread connects first and waits at the barrier before it sends, so the requests,
    not the connects, arrive together.
    """
    barrier = threading.Barrier(count)
    address = urlsplit(server.url)

    def run(i: int) -> Reply:
        method, path, body, headers = requests_of(i)
        connection = HTTPConnection(address.hostname, address.port, timeout=TIMEOUT)
        connection.connect()
        try:
            barrier.wait(timeout=TIMEOUT)
            connection.request(
                method,
                path,
                body=json.dumps(body),
                headers={"Content-Type": "application/json", **headers},
            )
            response = connection.getresponse()
            return Reply(response.status, response.read().decode("utf-8", errors="replace"))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def statuses(responses) -> Counter:
    return Counter(response.status_code for response in responses)


def errors(responses, ok=frozenset({200, 201})) -> list[str]:
    return [f"{r.status_code} {r.text[:200]}" for r in responses if r.status_code not in ok][:3]


def bearer(user) -> dict:
    _token, key = api_token_create(user=user, name="race")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """The race is the subject here, not the per-hour limits: raise them so all fifty
    requests reach the service."""
    settings.RATE_LIMITS = {"subscribe.client": "10000/hour", "subscribe.address": "10000/hour"}
    ratelimits.reset()
    yield
    ratelimits.reset()


# --- Opinions -------------------------------------------------------------------------------


def test_same_idempotency_key_makes_one_opinion(race_server, editor, ministry, resident):
    consultation = factories.published_consultation(editor, ministry)
    path = f"/api/v1/consultations/{consultation.pk}/opinions"
    headers = {**bearer(resident), "Idempotency-Key": "3f1c-vienreiz"}
    body = {"kind": "proposal", "text": "Lūdzu pagarināt termiņu.", "show_name": False}

    server = race_server()
    responses = at_once(server, lambda _i: ("POST", path, body, headers))

    assert set(statuses(responses)) <= {200, 201}, errors(responses)
    assert statuses(responses)[201] == 1, statuses(responses)
    assert {response.json()["id"] for response in responses} == set(
        server.read(lambda: list(Opinion.objects.values_list("pk", flat=True)))
    )
    assert server.read(Opinion.objects.count) == 1


def test_different_keys_make_one_opinion_each(race_server, editor, ministry, resident):
    """The other side of the same coin: ten distinct keys are ten opinions."""
    consultation = factories.published_consultation(editor, ministry)
    path = f"/api/v1/consultations/{consultation.pk}/opinions"
    auth = bearer(resident)
    body = {"kind": "support", "text": "Atbalstu."}

    server = race_server()
    responses = at_once(
        server, lambda i: ("POST", path, body, {**auth, "Idempotency-Key": f"k-{i % 10}"})
    )

    assert set(statuses(responses)) <= {200, 201}, errors(responses)
    assert statuses(responses)[201] == 10
    assert server.read(Opinion.objects.count) == 10


# --- Subscriptions --------------------------------------------------------------------------

SUBSCRIPTIONS = "/api/v1/subscriptions"


def test_same_address_and_target_make_one_subscription(race_server, ministry):
    body = {"email": "Sekotajs@Example.lv", "frequency": "daily", "institution": ministry.slug}

    server = race_server()
    responses = at_once(server, lambda _i: ("POST", SUBSCRIPTIONS, body, {}))

    assert statuses(responses) == Counter({202: PARALLEL}), errors(responses, ok={202})
    emails = server.read(lambda: list(Subscription.objects.values_list("email", flat=True)))
    assert emails == ["sekotajs@example.lv"]


def test_same_address_and_target_send_one_confirmation(race_server, ministry):
    """A confirmation is re-sent at most every ten minutes — also to fifty requests at once
    (otherwise anybody can flood an address with our mails)."""
    body = {"email": "sekotajs@example.lv", "institution": ministry.slug}

    server = race_server()
    responses = at_once(server, lambda _i: ("POST", SUBSCRIPTIONS, body, {}))

    assert statuses(responses) == Counter({202: PARALLEL}), errors(responses, ok={202})
    confirmations = [m for m in mail.outbox if "sekotajs@example.lv" in m.to]
    assert len(confirmations) == 1, len(confirmations)


def test_signed_in_person_subscribing_own_address(race_server, ministry, resident):
    headers = bearer(resident)
    body = {"email": resident.email, "institution": ministry.slug}

    server = race_server()
    responses = at_once(server, lambda _i: ("POST", SUBSCRIPTIONS, body, headers))

    assert statuses(responses) == Counter({202: PARALLEL}), errors(responses, ok={202})
    rows = server.read(lambda: list(Subscription.objects.values_list("user", "confirmed_at")))
    assert len(rows) == 1 and rows[0][0] == resident.pk and rows[0][1] is not None
    assert not mail.outbox


def test_limit_of_subscriptions_per_address_holds(race_server):
    """At most MAX_SUBSCRIPTIONS_PER_ADDRESS per address, even when the last free place is
    asked for fifty times at the same moment (the count must be taken under a lock)."""
    limit = subscription_services.MAX_SUBSCRIPTIONS_PER_ADDRESS
    email = "kolekcionars@example.lv"
    institutions = [factories.InstitutionFactory() for _ in range(PARALLEL)]
    Subscription.objects.bulk_create(
        Subscription(email=email, kind=Subscription.Kind.CONSULTATION, target_key=f"c:{n}")
        for n in range(limit - 1)
    )

    server = race_server()
    responses = at_once(
        server,
        lambda i: (
            "POST",
            SUBSCRIPTIONS,
            {"email": email, "institution": institutions[i].slug},
            {},
        ),
    )

    assert set(statuses(responses)) <= {202, 422}, errors(responses, ok={202, 422})
    assert server.read(Subscription.objects.filter(email=email).count) == limit


# --- Answers --------------------------------------------------------------------------------


def test_parallel_answers_to_one_opinion(
    race_server, editor, responder, manager, ministry, resident
):
    """Two officers (or one double-click) answering the same opinion at once: one answer,
    the last one wins, nobody gets a server error."""
    consultation = factories.close(factories.published_consultation(editor, ministry))
    opinion = factories.opinion(consultation, resident)
    path = f"/api/v1/opinions/{opinion.pk}/answer"
    officers = [bearer(responder), bearer(manager)]

    server = race_server()
    responses = at_once(
        server,
        lambda i: (
            "POST",
            path,
            {"outcome": "noted", "reason": f"Pamatojums {i}."},
            officers[i % 2],
        ),
        count=20,
    )

    assert statuses(responses) == Counter({200: 20}), errors(responses, ok={200})
    assert server.read(Answer.objects.filter(opinion=opinion).count) == 1
