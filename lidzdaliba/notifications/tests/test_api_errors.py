"""Errors of the subscription API are wholly in the caller's language: the name of the
unknown thing is translated with the rest of the sentence."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

UNKNOWN = {
    "institution": {"en": "Unknown institution", "lv": "Nezināma iestāde"},
    "topic": {"en": "Unknown policy area", "lv": "Nezināma politikas joma"},
    "territory": {"en": "Unknown territory", "lv": "Nezināma teritorija"},
    "group": {"en": "Unknown affected group", "lv": "Nezināma mērķgrupa"},
    "consultation": {"en": "Unknown consultation", "lv": "Nezināma apspriede"},
}
PENDING = {
    "en": "A confirmation link was sent to the address.",
    "lv": "Uz adresi nosūtīta apstiprinājuma saite.",
}
CONFIRMED = {"en": "Subscribed.", "lv": "Abonements izveidots."}


def subscribe(language: str, **target):
    return Client(headers={"Accept-Language": language}).post(
        "/api/v1/subscriptions",
        {"email": "api@example.lv", **target},
        content_type="application/json",
    )


@pytest.mark.parametrize("language", ["en", "lv"])
@pytest.mark.parametrize("field", list(UNKNOWN))
def test_unknown_target_is_named_in_the_callers_language(field, language):
    value = 999999 if field == "consultation" else "nav-tadas"
    response = subscribe(language, **{field: value})
    assert response.status_code == 422, response.content
    body = response.json()
    expected = f"{UNKNOWN[field][language]}: {value}"
    assert body["message"] == expected, body
    assert body["details"] == {field: [expected]}


@pytest.mark.parametrize("language", ["en", "lv"])
def test_accepted_messages_in_the_callers_language(language, ministry, resident, api_for):
    response = subscribe(language, institution=ministry.slug)
    assert response.status_code == 202, response.content
    assert response.json() == {"status": "pending_confirmation", "message": PENDING[language]}
    # The signed-in person's own confirmed address needs no confirmation.
    response = api_for(resident).post(
        "/api/v1/subscriptions",
        {"email": resident.email, "institution": ministry.slug},
        content_type="application/json",
        headers={"Accept-Language": language},
    )
    assert response.status_code == 202, response.content
    assert response.json() == {"status": "confirmed", "message": CONFIRMED[language]}
