"""Scale-out: two app servers and one job worker, separate processes, sharing one PostgreSQL
database and one Redis, all with production settings from the environment.

What one server does, the other sees at once: an opinion given through server A is listed
by server B; a job enqueued by A runs on the worker (and its mail arrives); a cached page
changed through A is fresh on B; failed logins count against one limit whichever server
they reach.
"""

from __future__ import annotations

import contextlib
import re
import time
import uuid

import psycopg
import pytest
import requests

from lidzdaliba.testing.smtp import body_text, start_smtp_server

from . import seed
from .stack import (
    PROXY_HEADERS,
    database_url,
    free_port,
    gunicorn,
    huey_worker,
    manage,
    private_redis,
    production_env,
    temporary_database,
    wait_until_serving,
)

pytestmark = pytest.mark.xdist_group("production")


class Server:
    def __init__(self, name: str, port: int) -> None:
        self.name, self.base = name, f"http://127.0.0.1:{port}"

    def get(self, path: str, **kwargs) -> requests.Response:
        headers = {**PROXY_HEADERS, **kwargs.pop("headers", {})}
        return requests.get(self.base + path, headers=headers, timeout=20, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        headers = {**PROXY_HEADERS, **kwargs.pop("headers", {})}
        return requests.post(
            self.base + path, headers=headers, timeout=20, allow_redirects=False, **kwargs
        )


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _give_opinion(server: Server, consultation: int, token: str, text: str) -> dict:
    response = server.post(
        f"/api/v1/consultations/{consultation}/opinions",
        json={"kind": "proposal", "text": text},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 201, response.text
    return response.json()


def _failed_login(server: Server, email: str) -> requests.Response:
    """One failed sign-in through allauth's form, CSRF token included (the cookie is
    Secure, so it is sent by hand: the proxy would have done TLS)."""
    page = server.get("/accounts/login/", headers={"Accept-Language": "en"})
    assert page.status_code == 200, page.text[:500]
    csrf_cookie = page.cookies.get("csrftoken")
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return server.post(
        "/accounts/login/",
        data={"csrfmiddlewaretoken": form_token, "login": email, "password": "vēl-nepareizi-1"},
        headers={
            "Accept-Language": "en",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Origin": "https://127.0.0.1",
            "Referer": "https://127.0.0.1/accounts/login/",
        },
    )


def _stop_all(processes: list) -> None:
    for process in reversed(processes):
        process.stop()


def test_two_app_servers_and_a_worker_share_database_cache_queue_and_limits(
    tmp_path, static_var_dir
):
    processes: list = []
    with contextlib.ExitStack() as stack:
        controller, mailbox = start_smtp_server()
        stack.callback(controller.stop)
        db_name = stack.enter_context(temporary_database())
        redis_url = stack.enter_context(private_redis())
        stack.callback(_stop_all, processes)  # runs first: processes before their database
        url = database_url(db_name)
        env = production_env(
            database_url=url,
            redis_url=redis_url,
            var_dir=static_var_dir,
            email_port=controller.port,
            MEDIA_ROOT=str(tmp_path / "uploads"),
            PUBLIC_PAGE_CACHE_SECONDS="60",
            WEB_CONCURRENCY="1",
            WORKER_THREADS="2",
            PROMETHEUS_MULTIPROC_DIR=str(tmp_path),
        )
        manage("migrate", "--noinput", "-v0", env=env)
        data = seed.parse(
            manage(
                "shell", "-c", "from tests.production.seed import scale_out; scale_out()", env=env
            )
        )
        consultation, token = data["consultation"], data["token"]

        port_a, port_b = free_port(), free_port()
        app_a = gunicorn("app-a", port_a, env, tmp_path)
        app_b = gunicorn("app-b", port_b, env, tmp_path)
        worker = huey_worker("worker", env, tmp_path, "--no-periodic")
        processes += [app_a, app_b, worker]
        wait_until_serving(app_a, port_a)
        wait_until_serving(app_b, port_b)
        a, b = Server("A", port_a), Server("B", port_b)

        # 1. An opinion made through A is listed by B.
        made = _give_opinion(a, consultation, token, "Viedoklis caur serveri A.")
        listed = b.get(f"/api/v1/consultations/{consultation}/opinions?page_size=100")
        assert listed.status_code == 200
        assert made["id"] in [o["id"] for o in listed.json()["results"]]

        # 2. A job enqueued by A runs on the worker: the confirmation mail arrives, and the
        # delivery log (written by the worker) says sent.
        address = "sekotajs@example.lv"
        accepted = a.post(
            "/api/v1/subscriptions", json={"email": address, "consultation": consultation}
        )
        assert accepted.status_code == 202, accepted.text
        assert accepted.json()["status"] == "pending_confirmation"
        _wait(lambda: mailbox.to(address), 30, "the confirmation mail")
        [mail] = mailbox.to(address)
        assert "https://127.0.0.1/subscriptions/confirm/" in body_text(mail)

        def logged_as_sent() -> bool:
            with psycopg.connect(url) as conn:
                row = conn.execute(
                    'SELECT status FROM core_emaildelivery WHERE "to" = %s', [address]
                ).fetchone()
            return bool(row) and row[0] == "sent"

        _wait(logged_as_sent, 10, "the delivery log to say sent")
        executed = "Executing lidzdaliba.notifications.tasks.send_subscription_confirmation"
        assert executed in worker.log(tail=1_000_000)
        for app in (app_a, app_b):  # the web servers only enqueue
            assert "Executing" not in app.log(tail=1_000_000)

        # 3. A cached page changed through A is fresh on B (and the cache is shared).
        page = f"/consultations/{consultation}/"
        first = b.get(page)
        assert first.status_code == 200 and first.headers["X-Page-Cache"] == "miss"
        assert b.get(page).headers["X-Page-Cache"] == "hit"
        assert a.get(page).headers["X-Page-Cache"] == "hit"  # rendered by B, served by A
        text = f"Svaigs viedoklis {uuid.uuid4().hex[:8]}"
        assert text not in first.text
        _give_opinion(a, consultation, token, text)
        fresh = b.get(page)
        assert fresh.headers["X-Page-Cache"] == "miss"
        assert text in fresh.text
        assert b.get(page).headers["X-Page-Cache"] == "hit"

        # 4. Rate limits are shared: at most 5 failed logins in 5 minutes per account,
        # counted in Redis whichever server is asked; the 6th attempt is refused.
        for attempt in range(1, 7):
            server = a if attempt % 2 else b
            response = _failed_login(server, data["resident"])
            limited = response.status_code == 429 or "Too many failed" in response.text
            if attempt <= 5:
                assert response.status_code == 200, (attempt, response.status_code)
                assert not limited, attempt
                assert "not correct" in response.text, response.text[:3000]
            else:
                assert limited, (server.name, response.status_code, response.text[:3000])

        for process in processes:
            assert process.alive(), process.log()
    for process in processes:  # stopped cleanly by SIGTERM
        assert process.popen.returncode in (0, -15), (process.name, process.log())
