"""The councils documents in a real browser: the body page with its call for members and
member-list downloads, the meeting page with the minutes downloads and the answered
questions, and the organisers' questions and call forms — axe (WCAG 2.1 AA) on each, valid
HTML (Nu HTML Checker), and a download that arrives as a file with a safe name."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lidzdaliba.councils import services
from lidzdaliba.councils.models import Body, Meeting
from lidzdaliba.institutions.models import AffectedGroup, OfficerRole
from lidzdaliba.testing import factories
from lidzdaliba.testing.html_validator import describe as describe_html
from lidzdaliba.testing.html_validator import validate_html

from .conftest import BROWSER_MARKS, Browsing
from .test_accessibility import axe_violations, describe

pytestmark = BROWSER_MARKS

QUESTION = "Vai sanāksmē runās par ūdens ņemšanas vietām?"
ANSWER = "Jā, darba kārtības otrajā punktā."
CALL = "Meklējam pacientu organizāciju pārstāvjus."


@pytest.fixture
def councils(ministry, resident):
    secretary = factories.officer(
        ministry, OfficerRole.Role.RESPONDER, email="sekretare@example.lv", full_name="Līga Ozola"
    )
    groups = list(AffectedGroup.objects.order_by("position", "pk")[:3])
    body = services.body_create(
        actor=secretary,
        institution=ministry,
        kind=Body.Kind.COUNCIL,
        name="Veselības konsultatīvā padome",
        term_starts_on=date(2025, 1, 1),
        secretary=secretary,
        affected_groups=groups,
    )
    services.member_add(
        actor=secretary,
        body=body,
        organisation=factories.OrganisationFactory(name="Pacientu biedrība"),
        role="member",
        starts_on=date(2025, 1, 1),
        represented_groups=groups[:1],
    )
    services.call_publish(
        actor=secretary, body=body, text=CALL, open_until=timezone.localdate() + timedelta(9)
    )
    meeting = services.meeting_schedule(
        actor=secretary,
        subject=body,
        title="Padomes sēde",
        starts_at=timezone.now() + timedelta(days=10),
        mode=Meeting.Mode.HYBRID,
        place="Brīvības iela 72, Rīga",
        remote_url="https://meet.example.lv/padome",
    )
    registration, _created = services.registration_register(
        person=resident, meeting=meeting, mode="remote", question=QUESTION
    )
    services.question_answer(actor=secretary, registration=registration, answer=ANSWER)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(days=1))
    meeting.refresh_from_db()
    services.minutes_publish(actor=secretary, meeting=meeting, minutes="Sēdi atklāj.")
    return secretary, body, meeting


def test_documents_pages_pass_axe_and_the_html_checker(browsing: Browsing, councils, tmp_path):
    secretary, body, meeting = councils
    visits = [
        ("body", None, f"/bodies/{body.pk}/", CALL),
        ("bodies", None, "/bodies/", "Atvērta pieteikšanās dalībai"),
        ("meeting", None, f"/meetings/{meeting.pk}/", ANSWER),
        ("questions", secretary, f"/meetings/{meeting.pk}/questions/", QUESTION),
        ("call", secretary, f"/bodies/{body.pk}/call/", "Kādus locekļus institūcija meklē?"),
        ("body-secretary", secretary, f"/bodies/{body.pk}/", "Slēgt aicinājumu"),
    ]
    documents = {}
    for name, user, path, shows in visits:
        page = browsing.new_page(user=user)
        response = page.goto(path)
        assert response is not None and response.ok, (name, response and response.status)
        expect(page.get_by_text(shows).first).to_be_visible()
        violations = axe_violations(page)
        assert not violations, f"{name} ({page.url}):\n{describe(violations)}"
        documents[name] = response.text()
    errors = validate_html(documents, tmp_path / "pages")
    assert not errors, describe_html(errors)


def test_the_minutes_download_arrives_as_a_file(browsing: Browsing, councils):
    _secretary, _body, meeting = councils
    page = browsing.new_page()
    page.goto(f"/meetings/{meeting.pk}/")
    with page.expect_download() as info:
        page.get_by_role("link", name="ODT").click()
    download = info.value
    assert download.suggested_filename.startswith("protokols-padomes-sede-")
    assert download.suggested_filename.endswith(".odt")
