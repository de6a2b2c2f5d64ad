"""A request body the API cannot read is a 400 that says why — not UTF-8, not JSON, a NUL
character — in the caller's language (Accept-Language)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token"
BODIES = {
    # Latin-1 "ā" (0xE2) followed by ASCII: not a UTF-8 sequence.
    "not_utf8": b'{"email": "j\xe2nis@example.lv", "password": "x"}',
    "not_json": b'{"email": "janis@example.lv", "password": ',
    "nul": b'{"email": "a\\u0000b@example.lv", "password": "x"}',
}
EXPECTED = {
    ("not_utf8", "en"): "not valid UTF-8",
    ("not_utf8", "lv"): "nav derīgā UTF-8",
    ("not_json", "en"): "not valid JSON",
    ("not_json", "lv"): "nav derīgs JSON",
    ("nul", "en"): "NUL",
    ("nul", "lv"): "NUL",
}


@pytest.mark.parametrize("language", ["en", "lv"])
@pytest.mark.parametrize("case", list(BODIES))
def test_unreadable_body_says_why(case, language):
    response = Client(headers={"Accept-Language": language}).post(
        TOKEN, BODIES[case], content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert response["Content-Language"] == language
    body = response.json()
    assert body["error"] == "bad_request"
    assert EXPECTED[case, language] in body["message"], body
    if case != "nul":
        assert "NUL" not in body["message"], body


def test_a_utf8_body_with_a_byte_order_mark_is_read():
    response = Client().post(
        TOKEN,
        '\ufeff{"email": "nav@example.lv", "password": "x"}'.encode(),
        content_type="application/json",
    )
    assert response.status_code == 401, response.content
