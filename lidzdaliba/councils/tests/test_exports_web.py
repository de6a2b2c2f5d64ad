"""The minutes and member-list downloads over HTTP: public once the minutes are published,
named participants only with their consent, safe file names."""

from __future__ import annotations

import io

import pytest
from docx import Document

from lidzdaliba.councils import services
from lidzdaliba.councils.models import Registration

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(parts)


@pytest.fixture
def published(past_meeting, secretary, resident, member):
    """A past meeting with one participant who may be named and one who may not."""
    named = Registration.objects.create(
        meeting=past_meeting, person=resident, mode="remote", status="confirmed", publish_name=True
    )
    unnamed = Registration.objects.create(
        meeting=past_meeting, person=member, mode="in_person", status="confirmed"
    )
    services.attendance_record(
        actor=secretary,
        meeting=past_meeting,
        attendance={named.pk: "remote", unnamed.pk: "present"},
    )
    return past_meeting


@pytest.mark.parametrize("fmt", ["docx", "odt", "pdf"])
def test_unpublished_minutes_cannot_be_downloaded_by_anyone(
    fmt, past_meeting, client_for, secretary
):
    for user in (None, secretary):
        response = client_for(user).get(f"/meetings/{past_meeting.pk}/minutes.{fmt}")
        assert response.status_code == 404


def test_published_minutes_download_names_only_those_who_consented(
    published, secretary, client_for
):
    services.minutes_publish(
        actor=secretary, meeting=published, minutes="Protokola teksts.", late_reason="Slimība."
    )
    page = client_for(None).get(f"/meetings/{published.pk}/").content.decode()
    assert f"/meetings/{published.pk}/minutes.odt" in page
    response = client_for(None).get(f"/meetings/{published.pk}/minutes.docx")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="protokols-pagajusi-sede-')
    assert disposition.isascii()
    text = docx_text(response.content)
    assert "Veselības ministrija" in text and "Veselības konsultatīvā padome" in text
    assert "Protokola teksts." in text and "Slimība." in text
    assert "Anna Bērziņa\tAttālināti" in text
    assert "Ilze Kalniņa" not in text  # a member who did not allow her name
    assert "Citi dalībnieki (pēc viņu vēlēšanās nav nosaukti): 1" in text
    for fmt, kind in (("odt", "opendocument.text"), ("pdf", "pdf")):
        response = client_for(None).get(f"/meetings/{published.pk}/minutes.{fmt}")
        assert response.status_code == 200 and response["Content-Type"].endswith(kind)


def test_unknown_formats_are_not_found(published, body, client_for):
    assert client_for(None).get(f"/meetings/{published.pk}/minutes.xlsx").status_code == 404
    assert client_for(None).get(f"/bodies/{body.pk}/members.exe").status_code == 404


def test_the_member_list_is_public_with_roles_groups_and_terms(body, groups, client_for):
    page = client_for(None).get(f"/bodies/{body.pk}/").content.decode()
    assert f"/bodies/{body.pk}/members.docx" in page
    response = client_for(None).get(f"/bodies/{body.pk}/members.docx")
    assert response.status_code == 200
    assert 'filename="biedri-veselibas-konsultativa-padome-' in response["Content-Disposition"]
    text = docx_text(response.content)
    represented = ", ".join(g.display_name for g in groups[:2])
    assert f"1\tIlze Kalniņa\tPriekšsēdētājs\t{represented}\t01.01.2025. – bez termiņa" in text
    assert f"Nav pārstāvētas: {groups[2].display_name}" in text
    assert "Jānis Liepa" not in text  # an applicant is not a member
