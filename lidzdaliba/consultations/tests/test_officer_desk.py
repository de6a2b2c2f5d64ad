"""The officer desk: each opinion with its text, its answer due date and whether the answer
is overdue — counted from the consultation's close, as the officer reminders count — and
filters by consultation, clause, kind and state that never crash on a bad value."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.consultations import selectors, services
from lidzdaliba.consultations.models import Consultation, Opinion
from lidzdaliba.core.dates import format_short_date
from lidzdaliba.core.enums import OpinionKind, Outcome
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

LONG_TEXT = "Ierosinu precizēt termiņu. " * 30


def closed_days_ago(consultation: Consultation, days: int) -> Consultation:
    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=days + 30), closes_at=now - timedelta(days=days)
    )
    consultation.refresh_from_db()
    return consultation


@pytest.fixture
def desk(editor, responder, resident, ministry, other_officer, municipality):
    """Two consultations of the ministry — one closed long ago (answers overdue), one closed
    yesterday — and one of another institution."""
    late = closed_days_ago(
        factories.published_consultation(editor, ministry, title="Vecā apspriede"),
        settings.ANSWER_DEADLINE_DAYS + 5,
    )
    recent = closed_days_ago(
        factories.published_consultation(editor, ministry, title="Jaunā apspriede"), 1
    )
    clause = factories.commentable_clauses(late)[0]
    # Submitted long ago but on a consultation that closed yesterday: not overdue.
    old_submission = factories.opinion(recent, resident, text="Sens iesniegums.")
    Opinion.objects.filter(pk=old_submission.pk).update(
        created_at=timezone.now() - timedelta(days=90)
    )
    opinions = {
        "late_long": factories.opinion(late, resident, clause=clause, text=LONG_TEXT),
        "late_objection": factories.opinion(
            late, resident, kind=OpinionKind.OBJECTION, text="Iebilstu pret grozījumiem."
        ),
        "late_answered": factories.opinion(late, resident, text="Atbildētais viedoklis."),
        "old_submission": old_submission,
        "elsewhere": factories.opinion(
            closed_days_ago(
                factories.published_consultation(other_officer, municipality, title="Cita"), 60
            ),
            resident,
            text="Citas iestādes viedoklis.",
        ),
    }
    services.answer_give(
        actor=responder,
        opinion=opinions["late_answered"],
        outcome=Outcome.NOTED,
        reason="Pieņemts zināšanai.",
    )
    return {"late": late, "recent": recent, "clause": clause, **opinions}


def rows(response) -> dict[str, BeautifulSoup]:
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    table = soup.find(id="opinions").find_next("table")
    if table is None:
        return {}
    return {row.find("td").get_text(strip=True): row for row in table.select("tbody tr")}


def desk_rows(client, **query) -> dict[str, BeautifulSoup]:
    return rows(client.get(reverse("officer:dashboard"), query))


def test_each_opinion_shows_its_text_due_date_and_state(desk, responder, client_for):
    shown = desk_rows(client_for(responder))
    # The default: opinions still waiting for an answer, of the officer's institutions only.
    assert set(shown) == {
        desk["late_long"].reference,
        desk["late_objection"].reference,
        desk["old_submission"].reference,
    }
    long_row = shown[desk["late_long"].reference]
    details = long_row.find("details")
    assert details is not None, "a long opinion can be read in full"
    assert LONG_TEXT.strip() in details.get_text(), details
    assert len(details.find("summary").get_text()) < len(LONG_TEXT)
    assert "Iebilstu pret grozījumiem." in shown[desk["late_objection"].reference].get_text()
    due = desk["late"].closes_at + timedelta(days=settings.ANSWER_DEADLINE_DAYS)
    assert format_short_date(due, language="lv") in long_row.get_text()
    assert "Atbilde nokavēta" in long_row.get_text()
    recent = shown[desk["old_submission"].reference]
    # Due counting from the close (yesterday), not from the submission 90 days ago.
    recent_due = desk["recent"].closes_at + timedelta(days=settings.ANSWER_DEADLINE_DAYS)
    assert format_short_date(recent_due, language="lv") in recent.get_text()
    assert "nokavēta" not in recent.get_text() and "Gaida atbildi" in recent.get_text()


def test_overdue_follows_the_reminders_rule(desk):
    """The desk's overdue opinions are exactly the unanswered ones of the consultations the
    officer reminders are sent for."""
    overdue = Opinion.objects.filter(selectors.opinion_overdue_q(timezone.now()))
    reminded = selectors.overdue_consultations()
    assert set(overdue.values_list("consultation_id", flat=True)) == {c.pk for c in reminded}
    assert set(overdue) == {desk["late_long"], desk["late_objection"], desk["elsewhere"]}


def test_the_english_desk(desk, responder, client_for):
    responder.preferred_language = "en"
    responder.save(update_fields=["preferred_language"])
    shown = desk_rows(client_for(responder), state="all")
    assert "Answer overdue" in shown[desk["late_objection"].reference].get_text()
    assert "Answered" in shown[desk["late_answered"].reference].get_text()
    assert "Waiting for an answer" in shown[desk["old_submission"].reference].get_text()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": "all"}, {"late_long", "late_objection", "late_answered", "old_submission"}),
        ({"state": "answered"}, {"late_answered"}),
        ({"state": "overdue"}, {"late_long", "late_objection"}),
        ({"state": "unanswered"}, {"late_long", "late_objection", "old_submission"}),
        ({"kind": "objection"}, {"late_objection"}),
        ({"consultation": "recent"}, {"old_submission"}),
        ({"consultation": "late", "clause": "clause"}, {"late_long"}),
        (
            {"consultation": "late", "clause": "whole", "state": "all"},
            {"late_objection", "late_answered"},
        ),
    ],
)
def test_filters(query, expected, desk, responder, client_for):
    resolved = {
        name: str(desk[value].pk) if value in {"late", "recent", "clause"} else value
        for name, value in query.items()
    }
    shown = desk_rows(client_for(responder), **resolved)
    assert set(shown) == {desk[name].reference for name in expected}


def test_the_clause_choices_are_the_chosen_consultations(desk, responder, client_for):
    client = client_for(responder)
    soup = BeautifulSoup(
        client.get(reverse("officer:dashboard"), {"consultation": desk["late"].pk}).content,
        "html.parser",
    )
    values = [option["value"] for option in soup.select("select[name=clause] option")]
    assert values == ["", "whole", str(desk["clause"].pk)]
    consultations = [o.get_text() for o in soup.select("select[name=consultation] option")]
    assert "Vecā apspriede" in consultations and "Cita" not in consultations


@pytest.mark.parametrize(
    "query",
    [
        {"state": "sometimes"},
        {"kind": "<script>"},
        {"consultation": "abc"},
        {"consultation": "99999999999999999999999"},
        {"clause": "12345"},
        {"page": "x"},
    ],
)
def test_a_bad_filter_is_a_message_not_a_crash(query, desk, responder, client_for):
    response = client_for(responder).get(reverse("officer:dashboard"), query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    if "page" not in query:
        assert soup.select_one(".error-summary") is not None


def test_another_institutions_consultation_cannot_be_chosen(desk, responder, client_for):
    other = Opinion.objects.get(pk=desk["elsewhere"].pk).consultation_id
    response = client_for(responder).get(
        reverse("officer:dashboard"), {"consultation": other, "state": "all"}
    )
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one(".error-summary") is not None
    assert "Citas iestādes viedoklis." not in response.content.decode()


def test_empty_states(desk, responder, client_for):
    client = client_for(responder)
    page = client.get(reverse("officer:dashboard"), {"kind": "question"}).content.decode()
    assert "Neviens viedoklis neatbilst šiem filtriem." in page
    for opinion in Opinion.objects.filter(
        answer__isnull=True, consultation__in=[desk["late"], desk["recent"]]
    ):
        services.answer_give(actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason="Jā.")
    assert (
        "Uz visiem viedokļiem ir atbildēts."
        in client.get(reverse("officer:dashboard")).content.decode()
    )


def test_pages_keep_the_filters(editor, responder, resident, ministry, client_for):
    consultation = factories.close(factories.published_consultation(editor, ministry))
    Opinion.objects.bulk_create(
        Opinion(
            consultation=consultation,
            author=resident,
            kind=OpinionKind.QUESTION,
            text=f"Jautājums {n}",
            reference=f"LDZ-{n:04d}-DESK",
        )
        for n in range(settings.PAGE_SIZE + 3)
    )
    client = client_for(responder)
    first = client.get(reverse("officer:dashboard"), {"kind": "question"})
    soup = BeautifulSoup(first.content.decode(), "html.parser")
    next_link = soup.select_one("a[rel=next]")["href"]
    assert "kind=question" in next_link
    second = rows(client.get(reverse("officer:dashboard") + next_link))
    assert len(second) == 3
