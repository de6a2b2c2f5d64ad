"""Dates read as Latvian is written, on every page, feed, calendar and e-mail that shows one
(issue 10, item 1): year first, "gada", the month in the sentence's case, "plkst. 23.59";
English: "10 December 2026 at 23:59"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Consultation
from lidzdaliba.testing import factories
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db

RIGA = ZoneInfo("Europe/Riga")
NOW = datetime(2026, 12, 6, 12, 0, tzinfo=RIGA)
OPENS = datetime(2026, 12, 1, 9, 0, tzinfo=RIGA)
CLOSES = datetime(2026, 12, 10, 23, 59, tzinfo=RIGA)


@pytest.fixture
def consultation(editor, ministry):
    with time_machine.travel(datetime(2026, 11, 30, 12, 0, tzinfo=RIGA), tick=False):
        made = factories.published_consultation(editor, ministry)
    Consultation.objects.filter(pk=made.pk).update(opens_at=OPENS, closes_at=CLOSES)
    made.refresh_from_db()
    return made


@pytest.fixture(autouse=True)
def _at_noon_on_the_sixth():
    with time_machine.travel(NOW, tick=False):
        yield


def page(url: str, language: str = "lv") -> str:
    return Client(headers={"Accept-Language": language}).get(url).content.decode()


def test_the_consultation_page_in_latvian(consultation):
    html = page(reverse("consultations:detail", args=[consultation.pk]))
    assert "līdz 2026. gada 10. decembrim plkst. 23.59" in html
    assert "vēl 4 dienas" in html
    assert "01.12.2026." in html  # the timeline's short dates
    assert "10. decembris 2026" not in html and "10.12.2026, 23:59" not in html


def test_the_deadline_day_says_it_ends_today(consultation):
    with time_machine.travel(datetime(2026, 12, 10, 8, 0, tzinfo=RIGA), tick=False):
        html = page(reverse("consultations:detail", args=[consultation.pk]))
    assert "beidzas šodien" in html


def test_english_dates(consultation):
    html = page(reverse("consultations:detail", args=[consultation.pk]), "en")
    assert "Open until 10 December 2026 at 23:59." in html
    assert "4 days left" in html


def test_the_list_card_and_the_feed(consultation):
    assert "atvērta līdz 2026. gada 10. decembrim" in page(reverse("consultations:list"))
    feed = page(reverse("feeds:consultations"))
    assert "līdz 2026. gada 10. decembrim plkst. 23.59" in feed


def test_the_calendar_says_when_in_latvian(consultation):
    calendar = page(reverse("feeds:calendar")).replace("\r\n ", "")
    assert "2026. gada 10. decembrim plkst. 23.59 (Latvijas laiks)" in calendar


def test_the_receipt_mail(consultation, resident, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_submit(
            author=resident, consultation=consultation, kind="support", text="Atbalstu."
        )
    [message] = mailbox.wait_for(1)
    assert "līdz 2026. gada 10. decembrim plkst. 23.59" in body_text(message)


def test_a_closed_consultation_says_from_and_until_in_their_cases(consultation, resident):
    with time_machine.travel(datetime(2026, 12, 11, 8, 0, tzinfo=RIGA), tick=False):
        client = Client()
        client.force_login(resident)
        html = client.get(
            reverse("consultations:opinion_create", args=[consultation.pk])
        ).content.decode()
    assert "no 2026. gada 1. decembra plkst. 09.00 līdz 2026. gada 10. decembrim plkst. 23.59" in (
        html
    )


def test_english_pages_mark_latvian_content_as_latvian(consultation, resident):
    """Issue 10, item 8 (WCAG 3.1.2): what institutions and people wrote stays in Latvian on
    English pages, and says so, so a screen reader reads it with Latvian rules."""
    from bs4 import BeautifulSoup

    factories.opinion(consultation, resident, text="Lūdzu pagarināt termiņu.")
    soup = BeautifulSoup(
        page(reverse("consultations:detail", args=[consultation.pk]), "en"), "html.parser"
    )
    assert soup.html["lang"] == "en"
    main = soup.find("main")
    for text in (consultation.title, consultation.summary, "Lūdzu pagarināt termiņu."):
        element = main.find(string=lambda s, text=text: s and text in s).parent
        assert element.find_parent(attrs={"lang": "lv"}) or element.get("lang") == "lv", text
    clause = factories.commentable_clauses(consultation)[0]
    assert soup.select_one(f"#clause-{clause.pk} .clause__text")["lang"] == "lv"
    card = BeautifulSoup(page(reverse("consultations:list"), "en"), "html.parser")
    assert card.select_one(".card h3")["lang"] == "lv"
