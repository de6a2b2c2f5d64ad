"""Saved progress that names no one: an anonymous survey's (or an unsigned respondent's, or
an invitation's) unsent answers wait in a draft found only by a resume token, which the
person keeps in a cookie and as a private link. Submitting makes one response and deletes
the draft; nothing in the database joins the draft or the response to the person; a wrong
token reads nothing; old drafts and those of closed surveys are deleted."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from lidzdaliba.surveys import services
from lidzdaliba.surveys.models import Draft, Invitation, Participation, Response, Survey

pytestmark = pytest.mark.django_db


def _set(survey: Survey, **fields) -> Survey:
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.save(update_fields=list(fields))
    return survey


def _cookie(survey: Survey) -> str:
    return f"survey-draft-{survey.pk}"


def _resume_path(page: str) -> str:
    found = re.search(r'href="https?://[^"/]+(/surveys/\d+/resume/[A-Za-z0-9_-]+/)"', page)
    assert found, page
    return found.group(1)


def test_anonymous_progress_resumes_by_cookie_and_by_link_and_submits_once(
    client_for, survey, resident
):
    _set(survey, anonymous=True)
    scale, took_part = survey.q["Cik apmierināts?"], survey.q["Vai piedalījāties?"]
    url = f"/surveys/{survey.pk}/"
    browser = client_for(resident)
    assert "Saglabāt un pabeigt vēlāk" in browser.get(url).content.decode()
    saved = browser.post(url, {f"q{scale.pk}": "8", "save": "1"})
    assert saved.status_code == 302 and saved["Location"] == f"/surveys/{survey.pk}/saved/"
    cookie = saved.cookies[_cookie(survey)]
    token = cookie.value
    assert cookie["httponly"] and cookie["path"] == url and int(cookie["max-age"]) == 30 * 86400

    # What the database holds: the answers and the token's hash, and nothing of the person.
    draft = Draft.objects.get()
    assert draft.answers == {str(scale.pk): "8"} and draft.saved_on == timezone.localdate()
    assert token not in draft.key_hash
    assert {f.name for f in Draft._meta.get_fields()} == {
        "id",
        "survey",
        "key_hash",
        "answers",
        "saved_on",
    }
    assert not Participation.objects.exists() and not Response.objects.exists()
    for session in Session.objects.all():  # the token never goes into the session
        assert token not in session.session_data and token not in str(session.get_decoded())

    page = browser.get(saved["Location"])
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    link = _resume_path(page.content.decode())
    assert "Jūsu privātā saite" in page.content.decode()

    # Back in the same browser: the form has the answer.
    assert 'value="8" checked' in browser.get(url).content.decode()
    # Another device of the same person: nothing until the private link is opened.
    device = client_for(resident)
    assert 'value="8" checked' not in device.get(url).content.decode()
    opened = device.get(link)
    assert opened.status_code == 302 and opened["Location"] == url
    assert 'value="8" checked' in device.get(url).content.decode()

    # Saving again updates the same draft; submitting makes one response and drops it.
    device.post(url, {f"q{scale.pk}": "9", "save": "1"})
    assert Draft.objects.get().answers == {str(scale.pk): "9"}
    sent = device.post(url, {f"q{scale.pk}": "9", f"q{took_part.pk}": "Nē"})
    assert sent.status_code == 302 and sent["Location"] == url
    assert sent.cookies[_cookie(survey)].value == ""  # the cookie is cleared
    assert not Draft.objects.exists()
    response = Response.objects.get(survey=survey)
    assert response.person_id is None and response.invitation_id is None
    assert response.answers.get(question=scale).number == 9
    assert Participation.objects.filter(survey=survey, person=resident).count() == 1
    assert device.get(link).status_code == 404  # the link died with the draft
    again = browser.get(url).content.decode()  # the first browser's cookie finds nothing
    assert "Jūs jau atbildējāt" in again and 'value="8" checked' not in again
    assert browser.post(url, {f"q{scale.pk}": "5", "save": "1"}).status_code == 302
    assert not Draft.objects.exists()  # who already took part saves nothing
    assert Response.objects.count() == 1


def test_a_wrong_token_reads_nothing(client_for, survey, resident):
    _set(survey, anonymous=True)
    scale = survey.q["Cik apmierināts?"]
    url = f"/surveys/{survey.pk}/"
    mine = client_for(resident)
    token = mine.post(url, {f"q{scale.pk}": "8", "save": "1"}).cookies[_cookie(survey)].value
    stranger = client_for(None)
    assert stranger.get(f"/surveys/{survey.pk}/resume/{'A' * 32}/").status_code == 404
    near = token[:-1] + ("x" if token[-1] != "x" else "y")
    assert stranger.get(f"/surveys/{survey.pk}/resume/{near}/").status_code == 404
    stranger.cookies[_cookie(survey)] = "guessed-token"
    assert 'value="8" checked' not in stranger.get(url).content.decode()
    assert stranger.get(f"/surveys/{survey.pk}/saved/")["Location"] == url
    other = services.survey_copy(actor=survey.created_by, survey=survey)
    _set(other, status=Survey.Status.PUBLISHED, anonymous=True)
    assert stranger.get(f"/surveys/{other.pk}/resume/{token}/").status_code == 404


def test_request_logs_mask_the_resume_and_invitation_tokens():
    from lidzdaliba.core.logging import mask

    assert mask("GET /surveys/12/resume/hoXdF-_q/ 302") == "GET /surveys/12/resume/[secret]/ 302"
    assert mask("GET /surveys/i/abc_DEF-1/ 200") == "GET /surveys/i/[secret]/ 200"


def test_unsigned_respondent_saves_a_draft_not_a_response(client_for, survey):
    _set(survey, requires_sign_in=False)
    scale, took_part = survey.q["Cik apmierināts?"], survey.q["Vai piedalījāties?"]
    url = f"/surveys/{survey.pk}/"
    guest = client_for(None)
    assert guest.post(url, {f"q{scale.pk}": "3", "save": "1"}).status_code == 302
    assert Draft.objects.count() == 1 and not Response.objects.exists()
    assert 'value="3" checked' in guest.get(url).content.decode()
    bad = guest.post(url, {f"q{scale.pk}": "99", "save": "1"})
    assert bad.status_code == 400 and Draft.objects.get().answers == {str(scale.pk): "3"}
    guest.post(url, {f"q{scale.pk}": "3", f"q{took_part.pk}": "Nē"})
    assert not Draft.objects.exists()
    assert Response.objects.get().person_id is None


def test_invitation_link_keeps_progress_without_naming_the_invitee(
    client, editor, survey, mailbox, django_capture_on_commit_callbacks
):
    from lidzdaliba.testing.smtp import body_text

    _set(survey, anonymous=True, invitation_only=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(actor=editor, survey=survey, emails=["viesis@example.lv"])
    (message,) = mailbox.wait_for(1)
    link = "/surveys/i/" + body_text(message).split("/surveys/i/")[1].split("/")[0] + "/"
    scale, took_part = survey.q["Cik apmierināts?"], survey.q["Vai piedalījāties?"]
    saved = client.post(link, {f"q{scale.pk}": "4", "save": "1"})
    assert saved.status_code == 302 and saved["Location"] == link
    assert _cookie(survey) not in saved.cookies  # the invitation link is the token
    draft = Draft.objects.get()
    invitation = Invitation.objects.get()
    assert not invitation.used and draft.key_hash != invitation.token_hash
    assert 'value="4" checked' in client_for_fresh(client).get(link).content.decode()
    assert client.post(link, {f"q{scale.pk}": "4", f"q{took_part.pk}": "Jā"}).status_code == 400
    sent = client.post(link, {f"q{scale.pk}": "4", f"q{took_part.pk}": "Nē"})
    assert sent.status_code == 302
    assert not Draft.objects.exists()
    invitation.refresh_from_db()
    assert invitation.used
    response = Response.objects.get()
    assert response.invitation_id is None and response.person_id is None


def client_for_fresh(client):
    """Another browser: no cookies at all."""
    return type(client)()


def test_retention_drops_old_drafts_and_those_of_closed_surveys(survey, editor, ministry):
    today = timezone.localdate()
    old = Draft.objects.create(survey=survey, key_hash="a" * 64, saved_on=today - timedelta(31))
    fresh = Draft.objects.create(survey=survey, key_hash="b" * 64, saved_on=today - timedelta(29))
    closed = services.survey_copy(actor=editor, survey=survey)
    _set(closed, closes_at=timezone.now() - timedelta(hours=1))
    of_closed = Draft.objects.create(survey=closed, key_hash="c" * 64, saved_on=today)
    call_command("apply_retention")
    left = set(Draft.objects.values_list("pk", flat=True))
    assert fresh.pk in left and old.pk not in left and of_closed.pk not in left
    call_command("apply_retention")  # idempotent
    assert set(Draft.objects.values_list("pk", flat=True)) == {fresh.pk}


def test_saved_page_and_form_are_valid_html(client_for, survey, resident, tmp_path):
    from lidzdaliba.testing.html_validator import describe, validate_html

    _set(survey, anonymous=True)
    scale = survey.q["Cik apmierināts?"]
    browser = client_for(resident)
    saved = browser.post(f"/surveys/{survey.pk}/", {f"q{scale.pk}": "8", "save": "1"})
    pages = {
        "draft saved": browser.get(saved["Location"]),
        "form with a draft": browser.get(f"/surveys/{survey.pk}/"),
        "results": browser.get(f"/surveys/{survey.pk}/results/"),
    }
    assert {name: r.status_code for name, r in pages.items()} == dict.fromkeys(pages, 200)
    errors = validate_html({name: r.content.decode() for name, r in pages.items()}, tmp_path)
    assert not errors, describe(errors)
