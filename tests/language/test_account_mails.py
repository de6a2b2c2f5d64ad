"""allauth's mails in Latvian (confirm the address, reset the password, an address with no
account, the password changed), from our catalogue: natural wording, every word known to the
Latvian dictionary or on the allow-list, the site's name in the nominative."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from lidzdaliba.testing import factories, spelling
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db

ALLOWED = spelling.allow_list(Path(__file__).with_name("allowed_words.txt"))
NEW_PASSWORD = "zils-kalns-pie-juras-42"


def _mails(mailbox, capture) -> list:
    person = factories.UserFactory(email="anna@example.lv")
    visitor = Client(headers={"Accept-Language": "lv"})
    with capture(execute=True):
        visitor.post(reverse("account_reset_password"), {"email": person.email})
        visitor.post(reverse("account_reset_password"), {"email": "nav@example.lv"})
        visitor.post(
            reverse("account_signup"),
            {
                "email": "janis@example.lv",
                "full_name": "Jānis Kalniņš",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
    return mailbox.wait_for(3)


def test_account_mails_are_in_good_latvian(mailbox, django_capture_on_commit_callbacks):
    mails = _mails(mailbox, django_capture_on_commit_callbacks)
    texts = [f"{message['Subject']}\n{body_text(message)}" for message in mails]
    words = set().union(*(spelling.words(text) for text in texts))
    assert not spelling.misspelt(words, ALLOWED), "\n\n".join(texts)
    joined = "\n".join(texts)
    assert "Sveiciens no" not in joined and "atiestat" not in joined, joined
    assert joined.count("Labdien! Jums raksta Līdzdalība.") == 3, joined
    subjects = sorted(str(message["Subject"]).strip() for message in mails)
    assert subjects == [
        "[Līdzdalība] Konts nav atrasts",
        "[Līdzdalība] Lūdzu, apstipriniet savu e-pasta adresi",
        "[Līdzdalība] Paroles atjaunošana",
    ], subjects
