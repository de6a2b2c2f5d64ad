"""Rate limits behind the shipped nginx: one client cannot lock everyone else out.

A real nginx (Debian's, installed by `make test-deps`) runs the `location /` block and the
request-rate zone of deploy/nginx.conf, unchanged, in front of a gunicorn app server with
production settings and the TRUSTED_PROXY_COUNT of deploy/systemd/lidzdaliba.env.example.
Left out are TLS, static files and /metrics; the upstream is the test's app server. The
clients connect from distinct loopback addresses (127.0.0.2, 127.0.0.3: all of 127.0.0.0/8
is loopback on Linux), so nginx sees distinct peers as it would on the Internet, while
nginx itself reaches the app from 127.0.0.1 for everyone.

Client A fails to sign in with a new e-mail address every time (the per-address limit, not
the per-account one), each time claiming another address in its own X-Forwarded-For, until
it is refused; client B is then still served. Behind the same nginx with
TRUSTED_PROXY_COUNT=0 (the old default) every client is the proxy's 127.0.0.1 and B is
refused as well, which shows the check can fail.

The assertions are about HTTP answers only (the form's "too many attempts" error or a 429),
so they hold whichever limiter counts the failures.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

from .stack import (
    ROOT,
    Process,
    database_url,
    free_port,
    gunicorn,
    manage,
    private_redis,
    production_env,
    temporary_database,
    wait_until_serving,
)

pytestmark = pytest.mark.xdist_group("production")

NGINX = Path("/usr/sbin/nginx")
SHIPPED_NGINX = ROOT / "deploy" / "nginx.conf"
SHIPPED_ENV = ROOT / "deploy" / "systemd" / "lidzdaliba.env.example"
CLIENT_A, CLIENT_B = "127.0.0.2", "127.0.0.3"
# The per-address limit of failed sign-ins is 10 a minute; a limiter counting in fixed
# windows may let through up to twice that across a window's end.
MAX_ATTEMPTS_BEFORE_LIMIT = 40


def shipped_setting(name: str) -> str:
    """The value the example environment file gives `name`."""
    for line in SHIPPED_ENV.read_text().splitlines():
        key, equals, value = line.partition("=")
        if equals and key.strip() == name:
            return value.strip()
    raise AssertionError(f"{SHIPPED_ENV.relative_to(ROOT)} does not set {name}")


def _shipped(pattern: str, what: str) -> str:
    found = re.search(pattern, SHIPPED_NGINX.read_text(), re.MULTILINE | re.DOTALL)
    assert found, f"{SHIPPED_NGINX.relative_to(ROOT)} has no {what}"
    return found.group(0)


def nginx(name: str, port: int, app_port: int, log_dir: Path) -> Process:
    """nginx in the foreground with every path of its own under `log_dir`, listening on
    127.0.0.1:`port` with the shipped rate zone and `location /` (verbatim) in front of
    the app server on `app_port`."""
    if not NGINX.exists():
        pytest.fail(
            f"{NGINX} is missing: `make test-deps` installs Debian's nginx package.",
            pytrace=False,
        )
    rate_zone = _shipped(r"^limit_req_zone [^;]*;", "limit_req_zone")
    location = _shipped(r"^(\s*)location / \{\n.*?^\1\}$", "`location /` block")
    prefix = log_dir / name
    prefix.mkdir()
    # As root, nginx's workers would switch to `nobody`, who cannot enter the test's
    # private temporary folder: they stay the user running the test.
    user = ""
    if os.geteuid() == 0:
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    config = prefix / "nginx.conf"
    config.write_text(f"""daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
{user}
events {{ worker_connections 64; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    upstream lidzdaliba {{
        server 127.0.0.1:{app_port};
        keepalive 32;
    }}
    {rate_zone}
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1;
{location}
    }}
}}
""")
    return Process(
        name,
        [str(NGINX), "-p", str(prefix), "-c", str(config), "-e", str(prefix / "error.log")],
        dict(os.environ),
        log_dir,
    )


class _FromAddress(HTTPAdapter):
    """Connections from one local address (requests has no option of its own for it)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, source_address=(self.address, 0), **kwargs)


class Client:
    """A browser at one address, signing in through nginx on `port`."""

    def __init__(self, address: str, port: int) -> None:
        self.address, self.base = address, f"http://127.0.0.1:{port}"
        self.session = requests.Session()
        self.session.mount("http://", _FromAddress(address))
        page = self.session.get(
            self.base + "/accounts/login/", headers={"Accept-Language": "en"}, timeout=20
        )
        assert page.status_code == 200, page.text[:500]
        # The CSRF cookie is Secure (nginx would have done TLS), so it is sent by hand.
        self.csrf_cookie = page.cookies["csrftoken"]
        self.csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(
            1
        )

    def failed_sign_in(self, *, claimed_address: str | None = None) -> requests.Response:
        """One sign-in with a wrong password for a new e-mail address, so only the limit
        per client address can stop it; `claimed_address` is sent as X-Forwarded-For."""
        headers = {
            "Accept-Language": "en",
            "Cookie": f"csrftoken={self.csrf_cookie}",
            "Origin": "https://127.0.0.1",
            "Referer": "https://127.0.0.1/accounts/login/",
        }
        if claimed_address:
            headers["X-Forwarded-For"] = claimed_address
        response = self.session.post(
            self.base + "/accounts/login/",
            data={
                "csrfmiddlewaretoken": self.csrf_token,
                "login": f"nobody-{uuid.uuid4().hex[:12]}@example.lv",
                "password": "vēl-nepareizi-1",
            },
            headers=headers,
            allow_redirects=False,
            timeout=20,
        )
        assert response.status_code in (200, 429), (self.address, response.status_code)
        if response.status_code == 200 and not refused(response):
            assert "not correct" in response.text, response.text[:3000]
        return response


def refused(response: requests.Response) -> bool:
    """Whether a sign-in was refused for too many attempts (not for a wrong password)."""
    return response.status_code == 429 or "Too many" in response.text


def lock_out(client: Client) -> None:
    """Fail to sign in from `client` until refused, each time claiming another address."""
    for attempt in range(1, MAX_ATTEMPTS_BEFORE_LIMIT + 1):
        if refused(client.failed_sign_in(claimed_address=f"198.51.100.{attempt}")):
            return
    raise AssertionError(
        f"{client.address} was never refused in {MAX_ATTEMPTS_BEFORE_LIMIT} failed sign-ins"
    )


def refused_while_other_is_locked_out(locked: Client, other: Client) -> bool:
    """Whether `other` is refused while `locked` is. `locked` is asked again afterwards:
    if its limit ended in between (a window rolled over), the answer proves nothing and
    the whole round is repeated."""
    for _round in range(3):
        lock_out(locked)
        other_refused = refused(other.failed_sign_in())
        if refused(locked.failed_sign_in()):
            return other_refused
    raise AssertionError(f"{locked.address}'s limit kept ending between two requests")


def _stop_all(processes: list[Process]) -> None:
    for process in reversed(processes):
        process.stop()


@dataclass
class Proxied:
    """nginx on `port` in front of an app server with `trusted_proxies`."""

    trusted_proxies: str
    port: int


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory, static_var_dir) -> Iterator[dict[str, Proxied]]:
    """One database and Redis; two app servers, each behind its own nginx: "shipped" with
    the example environment's TRUSTED_PROXY_COUNT, "untrusted" with 0."""
    log_dir = tmp_path_factory.mktemp("behind-nginx")
    processes: list[Process] = []
    with contextlib.ExitStack() as stack:
        db_name = stack.enter_context(temporary_database())
        redis_url = stack.enter_context(private_redis())
        stack.callback(_stop_all, processes)  # runs first: processes before their database
        setups = {"shipped": shipped_setting("TRUSTED_PROXY_COUNT"), "untrusted": "0"}
        proxied = {}
        for name, trusted_proxies in setups.items():
            env = production_env(
                database_url=database_url(db_name),
                redis_url=redis_url,
                var_dir=static_var_dir,
                MEDIA_ROOT=str(log_dir / "uploads"),
                WEB_CONCURRENCY="1",
                TRUSTED_PROXY_COUNT=trusted_proxies,
            )
            if not proxied:
                manage("migrate", "--noinput", "-v0", env=env)
            app_port, proxy_port = free_port(), free_port()
            app = gunicorn(f"app-{name}", app_port, env, log_dir)
            processes.append(app)
            proxy = nginx(f"nginx-{name}", proxy_port, app_port, log_dir)
            processes.append(proxy)
            wait_until_serving(app, app_port)
            wait_until_serving(proxy, proxy_port)
            proxied[name] = Proxied(trusted_proxies, proxy_port)
        yield proxied
        for process in processes:
            assert process.alive(), process.log()


def test_one_client_locked_out_leaves_the_others_served(behind_nginx):
    setup = behind_nginx["shipped"]
    a, b = Client(CLIENT_A, setup.port), Client(CLIENT_B, setup.port)
    # A is refused although every attempt claimed another address: nothing the client
    # writes in X-Forwarded-For counts. B, at another address, is still served.
    assert not refused_while_other_is_locked_out(a, b)


def test_without_a_trusted_proxy_every_client_shares_the_proxys_limit(behind_nginx):
    """The misconfiguration production now refuses to start with by default: behind
    nginx, TRUSTED_PROXY_COUNT=0 makes every client 127.0.0.1, so A locks B out."""
    setup = behind_nginx["untrusted"]
    a, b = Client(CLIENT_A, setup.port), Client(CLIENT_B, setup.port)
    assert refused_while_other_is_locked_out(a, b)
