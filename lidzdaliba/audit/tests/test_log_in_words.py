"""The audit log reads as sentences in the reader's language: no action codes, no coded
values, local times; it is filtered by an action picked from a list and by dates, and a
filter value that is not one gives a form error, never a server error."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.audit.services import audit_record
from lidzdaliba.consultations import services
from lidzdaliba.core.enums import Outcome
from lidzdaliba.institutions.services import officer_role_grant
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

# Codes the log stores; none may reach the page.
CODES = re.compile(
    r"consultation\.|opinion\.answer|officer_role|not_taken_into_account|_published_at|"
    r"announced_at|closes_at|\bnew_wording|\bnoted\b"
)
SENTENCES = {
    "lv": [
        "responder@example.lv publicēja izziņu par apspriedi “Grozījumi noteikumos”",
        "responder@example.lv atbildēja uz viedokli",
        "editor@example.lv izveidoja apspriedi “Grozījumi noteikumos”",
        "manager@example.lv piešķīra iestādes darbinieka lomu",
    ],
    "en": [
        "responder@example.lv published the feedback table of “Grozījumi noteikumos”",
        "responder@example.lv answered the opinion",
        "editor@example.lv created the consultation “Grozījumi noteikumos”",
        "manager@example.lv gave an officer role",
    ],
}
OUTCOME = {"lv": "Nav ņemts vērā", "en": "Not taken into account"}


@pytest.fixture
def history(editor, responder, manager, resident, ministry):
    """A consultation from creation to published feedback, and a role granted."""
    consultation = services.consultation_create(
        actor=editor,
        institution=ministry,
        **factories.consultation_fields(title="Grozījumi noteikumos"),
    )
    services.consultation_publish(actor=editor, consultation=consultation)
    consultation = factories.close(consultation)
    opinion = factories.opinion(consultation, resident)
    services.answer_give(
        actor=responder,
        opinion=opinion,
        outcome=Outcome.NOT_TAKEN_INTO_ACCOUNT,
        reason="Neatbilst mērķim.",
    )
    services.feedback_publish(actor=responder, consultation=consultation)
    newcomer = factories.UserFactory(email="jauna@example.lv")
    officer_role_grant(actor=manager, institution=ministry, email=newcomer.email, role="editor")
    return consultation


def page_text(response) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one("main").get_text(" ", strip=True)


def table_text(response) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one("table.data").get_text(" ", strip=True)


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_log_reads_as_sentences(language, history, manager, client_for):
    manager.preferred_language = language
    manager.save(update_fields=["preferred_language"])
    response = client_for(manager).get(reverse("audit:list"))
    assert response.status_code == 200
    text = table_text(response)
    for sentence in SENTENCES[language]:
        assert sentence in text, text
    assert OUTCOME[language] in text
    assert not CODES.findall(text), CODES.findall(text)
    # Times in Riga's time, written for people: no ISO "2026-12-06T09:30:00+00:00".
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", text)
    published = timezone.localtime(history.feedback_published_at)
    assert f"{published.hour:02d}" in text


def test_times_are_local(manager, editor, ministry, client_for):
    consultation = services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields()
    )
    # 22:30 UTC is 00:30 the next day in Riga (winter): the page shows the Riga date and time.
    moment = dt.datetime(2026, 12, 5, 22, 30, tzinfo=dt.UTC)
    entry = audit_record(
        actor=editor,
        action="consultation.publish",
        target=consultation,
        institution=ministry,
        before={"announced_at": None},
        after={"announced_at": moment},
    )
    assert entry.after["announced_at"] == "2026-12-05T22:30:00+00:00"
    text = table_text(client_for(manager).get(reverse("audit:list")))
    assert "2026. gada 6. decembris plkst. 00.30" in text, text


def test_an_unregistered_action_still_reads_as_a_sentence(manager, editor, ministry, client_for):
    consultation = services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields(title="Plāns")
    )
    audit_record(
        actor=editor,
        action="moderation.opinion_hide",
        target=consultation,
        institution=ministry,
        after={"reason_code": "spam"},
    )
    text = table_text(client_for(manager).get(reverse("audit:list")))
    assert "editor@example.lv: darbība “moderation opinion hide” ar “Plāns”" in text, text
    assert "Reason code spam" in text
    assert "moderation.opinion_hide" not in text
    # …and it can be picked in the filter.
    filtered = client_for(manager).get(reverse("audit:list"), {"action": "moderation.opinion_hide"})
    assert filtered.status_code == 200
    assert len(BeautifulSoup(filtered.content.decode(), "html.parser").select("tbody tr")) == 1


def test_filter_by_action_from_a_list(history, manager, client_for):
    client = client_for(manager)
    response = client.get(reverse("audit:list"))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    select = soup.select_one("select[name=action]")
    labels = [option.get_text() for option in select.select("option")][1:]
    assert "Izziņa publicēta" in labels and "Apspriede izveidota" in labels
    # Latvian order: "Apspriede…" before "Atbilde…" before "Izziņa…" before "Viedoklis…".
    assert labels == sorted(
        labels,
        key=lambda label: [
            "aābcčdeēfgģhiījkķlļmnņoprsštuūvzž".find(c) for c in label.casefold() if c.isalpha()
        ],
    )
    only = client.get(reverse("audit:list"), {"action": "consultation.feedback_publish"})
    rows = BeautifulSoup(only.content.decode(), "html.parser").select("tbody tr")
    assert len(rows) == 1
    assert "publicēja izziņu" in rows[0].get_text()


@pytest.mark.parametrize(
    "query",
    [
        {"action": "consultation.nothing"},
        {"action": "<script>"},
        {"date_from": "vakar"},
        {"date_from": "2026-12-10", "date_to": "2026-12-01"},
    ],
)
def test_a_bad_filter_is_a_form_error(query, history, manager, client_for):
    response = client_for(manager).get(reverse("audit:list"), query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one(".error-summary") is not None
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_filter_by_dates(history, manager, client_for):
    client = client_for(manager)
    today = timezone.localdate()
    count = AuditEntry.objects.count()
    rows = lambda query: BeautifulSoup(  # noqa: E731
        client.get(reverse("audit:list"), query).content.decode(), "html.parser"
    ).select("tbody tr")
    assert len(rows({"date_from": today.isoformat(), "date_to": today.isoformat()})) == count
    assert rows({"date_from": (today + dt.timedelta(days=1)).isoformat()}) == []
    assert rows({"date_to": (today - dt.timedelta(days=1)).isoformat()}) == []


def test_pages_keep_the_filter(editor, ministry, manager, client_for):
    for n in range(55):
        services.consultation_create(
            actor=editor, institution=ministry, **factories.consultation_fields(title=f"Nr. {n}")
        )
    client = client_for(manager)
    first = client.get(reverse("audit:list"), {"action": "consultation.create"})
    soup = BeautifulSoup(first.content.decode(), "html.parser")
    assert len(soup.select("tbody tr")) == 50
    next_link = soup.select_one("a[rel=next]")["href"]
    assert "action=consultation.create" in next_link
    second = client.get(reverse("audit:list") + next_link)
    assert len(BeautifulSoup(second.content.decode(), "html.parser").select("tbody tr")) == 5


def test_queries_do_not_grow_with_the_entries(editor, ministry, manager, client_for):
    """Telling entries in words reads nothing more from the database."""
    client = client_for(manager)

    def queries_for_the_page() -> int:
        client.get(reverse("audit:list"))  # sessions and such settle
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("audit:list")).status_code == 200
        return len(captured)

    services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields()
    )
    few = queries_for_the_page()
    for n in range(30):
        consultation = services.consultation_create(
            actor=editor, institution=ministry, **factories.consultation_fields(title=f"Nr. {n}")
        )
        services.consultation_publish(actor=editor, consultation=consultation)
    assert queries_for_the_page() == few
