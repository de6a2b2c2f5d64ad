"""Anti-automation on the anonymous forms: the human-time check, the honeypot and the rate
limits — on registration, the subscribe page and the subscription API."""

from __future__ import annotations

import threading

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from lidzdaliba.core import antiautomation
from lidzdaliba.core.antiautomation import HONEYPOT_FIELD, TIMESTAMP_FIELD
from lidzdaliba.notifications.models import Subscription

pytestmark = pytest.mark.django_db

PASSWORD = "zils-kalns-pie-juras-42"


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.ANTI_AUTOMATION_MIN_SECONDS = 3
    cache.clear()
    yield
    cache.clear()


class Clock:
    """The module's clock, moved by the test instead of sleeping. Starts on an hour."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(antiautomation, "_now", lambda: clock.now)
    return clock


def lv(message) -> str:
    with translation.override("lv"):
        return str(message)


def page_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


def stamp_in(response) -> str:
    field = BeautifulSoup(response.content, "html.parser").select_one(
        f"input[name={TIMESTAMP_FIELD}]"
    )
    assert field is not None and field["type"] == "hidden"
    return field["value"]


def signup_data(stamp: str | None, **extra) -> dict:
    data = {
        "email": "janis@example.lv",
        "full_name": "Jānis Kalniņš",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    if stamp is not None:
        data[TIMESTAMP_FIELD] = stamp
    return data


def registered() -> bool:
    return get_user_model().objects.filter(email="janis@example.lv").exists()


# --- The human-time check and the honeypot on registration -------------------------------------


def test_signup_form_carries_a_stamp_and_an_accessible_honeypot(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert stamp_in(response)
    honeypot = soup.select_one(f"input[name={HONEYPOT_FIELD}]")
    assert honeypot["tabindex"] == "-1" and honeypot["autocomplete"] == "off"
    assert honeypot["type"] == "text" and honeypot["value"] == ""
    wrapper = honeypot.find_parent("span")
    assert "visually-hidden" in wrapper["class"]
    label = soup.select_one(f"label[for={honeypot['id']}]")
    assert label.get_text() == lv(translation.gettext_lazy("Leave this field empty"))


def test_a_too_fast_signup_is_refused_and_can_be_sent_again(client, clock):
    stamp = stamp_in(client.get(reverse("account_signup")))
    clock.advance(1)
    refused = client.post(reverse("account_signup"), signup_data(stamp))
    assert refused.status_code == 200
    assert lv(antiautomation.CHECK_MESSAGE) in page_text(refused)
    assert not registered()

    fresh = stamp_in(refused)  # the form shown again carries a new stamp
    assert fresh != stamp
    clock.advance(4)
    accepted = client.post(reverse("account_signup"), signup_data(fresh))
    assert accepted.status_code == 302, page_text(accepted)[:2000]
    assert registered()


def test_a_form_with_other_errors_does_not_mention_the_check(client, clock):
    stamp = stamp_in(client.get(reverse("account_signup")))
    refused = client.post(reverse("account_signup"), signup_data(stamp, full_name=""))
    assert refused.status_code == 200 and not registered()
    assert lv(antiautomation.CHECK_MESSAGE) not in page_text(refused)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda stamp: stamp[:-1] + ("A" if stamp[-1] != "A" else "B"), id="tampered"),
        pytest.param(lambda stamp: stamp.replace("rendered", "rendereD"), id="changed-value"),
        pytest.param(lambda stamp: "", id="missing"),
        pytest.param(lambda stamp: "nonsense", id="garbage"),
    ],
)
def test_a_tampered_or_missing_stamp_is_refused(change, client, clock):
    stamp = stamp_in(client.get(reverse("account_signup")))
    clock.advance(60)
    refused = client.post(reverse("account_signup"), signup_data(change(stamp)))
    assert lv(antiautomation.CHECK_MESSAGE) in page_text(refused)
    assert not registered()


def test_a_stamp_older_than_a_day_is_refused(client, clock):
    stamp = stamp_in(client.get(reverse("account_signup")))
    clock.advance(antiautomation.MAX_AGE_SECONDS + 1)
    refused = client.post(reverse("account_signup"), signup_data(stamp))
    assert lv(antiautomation.CHECK_MESSAGE) in page_text(refused)
    assert not registered()


def test_a_filled_honeypot_is_refused_and_not_echoed(client, clock):
    stamp = stamp_in(client.get(reverse("account_signup")))
    clock.advance(10)
    refused = client.post(
        reverse("account_signup"), signup_data(stamp, **{HONEYPOT_FIELD: "http://spam.example"})
    )
    assert lv(antiautomation.CHECK_MESSAGE) in page_text(refused)
    assert "spam.example" not in refused.content.decode()
    assert not registered()


def test_zero_seconds_turns_the_time_check_off_but_not_the_honeypot(client, settings):
    settings.ANTI_AUTOMATION_MIN_SECONDS = 0
    caught = client.post(reverse("account_signup"), signup_data(None, **{HONEYPOT_FIELD: "x"}))
    assert lv(antiautomation.CHECK_MESSAGE) in page_text(caught) and not registered()
    assert client.post(reverse("account_signup"), signup_data(None)).status_code == 302
    assert registered()


# --- The subscribe page -------------------------------------------------------------------------


def test_subscribe_page_refuses_a_too_fast_submission_and_a_honeypot(client, clock, ministry):
    url = reverse("notifications:subscribe")
    stamp = stamp_in(client.get(url, {"institution": ministry.slug}))
    data = {"email": "b@example.lv", "frequency": "daily", "institution": ministry.slug}
    refused = client.post(url, {**data, TIMESTAMP_FIELD: stamp})
    assert refused.status_code == 400
    soup = BeautifulSoup(refused.content, "html.parser")
    assert lv(antiautomation.CHECK_MESSAGE) in soup.select_one("#error-summary").get_text()
    clock.advance(5)
    trapped = client.post(url, {**data, TIMESTAMP_FIELD: stamp, HONEYPOT_FIELD: "x"})
    assert trapped.status_code == 400
    assert not Subscription.objects.exists()
    accepted = client.post(url, {**data, TIMESTAMP_FIELD: stamp})
    assert accepted.status_code == 302
    assert Subscription.objects.get().email == "b@example.lv"


# --- Rate limits --------------------------------------------------------------------------------


def test_rate_limit_counts_within_a_window_and_resets_after_it(clock):
    assert [antiautomation.rate_limit("k", 3, 60) for _ in range(4)] == [True, True, True, False]
    assert antiautomation.rate_limit("other", 3, 60)  # keys are counted apart
    clock.advance(60)
    assert antiautomation.rate_limit("k", 3, 60)


def test_rate_limit_is_atomic_across_separate_cache_clients():
    """Eight threads, each with its own cache connection (as separate servers have), hit one
    key at once: exactly `limit` hits are allowed. With Redis the connections would be on
    different machines; the add/incr pattern is the same."""
    allowed: list[bool] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker() -> None:
        own_cache = caches.create_connection("default")
        results = []
        start.wait()
        for _ in range(10):
            results.append(antiautomation._hit("shared", 25, 3600, backend=own_cache)[0])
        with lock:
            allowed.extend(results)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 80 and allowed.count(True) == 25


def test_client_ip_trusts_forwarded_for_only_behind_configured_proxies(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4")
    settings.TRUSTED_PROXY_COUNT = 0
    assert antiautomation.client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert antiautomation.client_ip(request) == "1.2.3.4"
    settings.TRUSTED_PROXY_COUNT = 2
    assert antiautomation.client_ip(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 1
    ipv6 = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8:1:2::99")
    assert antiautomation.client_ip(ipv6) == "2001:db8:1:2::/64"


def test_subscribe_page_limits_each_ip_and_two_clients_share_it(clock, ministry):
    url = reverse("notifications:subscribe")
    first, second = Client(REMOTE_ADDR="192.0.2.7"), Client(REMOTE_ADDR="192.0.2.7")
    for number in range(20):
        client = first if number % 2 else second
        assert client.post(url, {"email": "nav-adrese"}).status_code == 400
    for client in (first, second):
        limited = client.post(url, {"email": "nav-adrese"})
        assert limited.status_code == 429
        assert lv(antiautomation.RATE_LIMITED_MESSAGE) in page_text(limited)
        assert 0 < int(limited["Retry-After"]) <= 3600
    assert first.get(url).status_code == 200  # reading is not limited
    assert Client(REMOTE_ADDR="192.0.2.8").post(url, {"email": "x"}).status_code == 400
    clock.advance(3600)
    assert first.post(url, {"email": "nav-adrese"}).status_code == 400


def test_subscribe_page_limits_each_address(settings, ministry, client):
    settings.ANTI_AUTOMATION_MIN_SECONDS = 0
    url = reverse("notifications:subscribe")
    data = {"email": "cietusais@example.lv", "frequency": "daily", "institution": ministry.slug}
    for _ in range(5):
        assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 429
    assert client.post(url, {**data, "email": "cits@example.lv"}).status_code == 302


def test_api_answers_429_in_the_error_format(api_for, resident, ministry, clock):
    anonymous = api_for(None)

    def subscribe(client, email):
        return client.post(
            "/api/v1/subscriptions",
            {"email": email, "institution": ministry.slug},
            content_type="application/json",
        )

    for _ in range(5):
        assert subscribe(anonymous, "cietusais@example.lv").status_code == 202
    limited = subscribe(anonymous, "cietusais@example.lv")
    assert limited.status_code == 429
    body = limited.json()
    assert body["error"] == "rate_limited"
    assert body["message"] == lv(antiautomation.RATE_LIMITED_MESSAGE)
    assert int(limited["Retry-After"]) > 0

    # The signed-in person's own address is not limited per address (no mail goes out)…
    mine = api_for(resident)
    for _ in range(6):
        assert subscribe(mine, resident.email).status_code == 202
    # …but every client address is, on the counter the subscribe page uses too.
    for number in range(8):  # 6 + 6 hits above, 20 in all
        assert subscribe(anonymous, f"n{number}@example.lv").status_code == 202
    assert subscribe(anonymous, "vel@example.lv").status_code == 429
    page = Client().post(reverse("notifications:subscribe"), {"email": "x"})
    assert page.status_code == 429
    clock.advance(3600)
    assert subscribe(anonymous, "vel@example.lv").status_code == 202
