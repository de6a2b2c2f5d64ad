"""The mails allauth writes (password reset, address confirmation, unknown account) name the
site and link to `SITE_URL`, in the reader's language, over real SMTP."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db

SITE_URL = "https://lidzdaliba.example.lv"
GREETING = {"lv": "Labdien! Jums raksta Līdzdalība.", "en": "Hello from Līdzdalība!"}
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def _site_url(settings):
    # The request comes to "testserver": links must still point at the public address.
    settings.SITE_URL = SITE_URL


def client_in(language: str) -> Client:
    return Client(headers={"Accept-Language": language})


def assert_names_the_site(message, language: str, link_path: str) -> None:
    text = body_text(message)
    assert GREETING[language] in text, text
    assert "no !" not in text and "from !" not in text, text
    assert "lidzdaliba.example.lv" in text.split(GREETING[language], 1)[1], text
    links = LINK.findall(text)
    assert any(link.startswith(SITE_URL + link_path) for link in links), text
    assert all(link.startswith(SITE_URL + "/") for link in links), text
    # strip(): Python folds a long encoded subject onto the next line, read back with a space.
    assert message["Subject"].strip().startswith("[Līdzdalība] "), message["Subject"]


@pytest.mark.parametrize("language", ["lv", "en"])
def test_password_reset_mail(language, resident, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_in(language).post(
            reverse("account_reset_password"), {"email": resident.email}
        )
    assert response.status_code == 302
    (message,) = mailbox.wait_for(1)
    assert_names_the_site(message, language, "/accounts/password/reset/key/")


@pytest.mark.parametrize("language", ["lv", "en"])
def test_reset_for_an_unknown_address(language, db, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_in(language).post(reverse("account_reset_password"), {"email": "nav@example.lv"})
    (message,) = mailbox.wait_for(1)
    assert_names_the_site(message, language, reverse("account_signup"))
    assert "nav@example.lv" in body_text(message)


@pytest.mark.parametrize("language", ["lv", "en"])
def test_confirmation_mail(language, db, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_in(language).post(
            reverse("account_signup"),
            {
                "email": "janis@example.lv",
                "full_name": "Jānis Kalniņš",
                "password1": "zils-kalns-pie-juras-42",
                "password2": "zils-kalns-pie-juras-42",
            },
        )
    assert response.status_code == 302
    (message,) = mailbox.wait_for(1)
    assert_names_the_site(message, language, "/accounts/confirm-email/")
