"""Anti-automation on the anonymous forms: the human-time check, the honeypot and the rate
limits — on registration, the subscribe page and the subscription API."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache
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
