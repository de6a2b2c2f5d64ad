"""Calls for members: who may publish and close them (role × action), what the body page
and the body list show, the closing day closing applications, and the notifications side —
subscribers of the institution and of the body's groups told over real SMTP, once, and the
institution's Atom feed carrying the call."""

from __future__ import annotations

from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.councils import services
from lidzdaliba.councils.models import Body
from lidzdaliba.notifications import services as subscriptions
from lidzdaliba.notifications.councils import notify_call_published

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CALL = "Meklējam pacientu organizāciju pārstāvjus, īpaši no Latgales."
ROLES = ["anonymous", "resident", "member", "secretary", "editor", "other_officer", "coordinator"]
RUNNERS = {"secretary", "editor"}


def _expected(role: str, ok: int) -> int:
    if role in RUNNERS:
        return ok
    return 302 if role == "anonymous" else 403


def subscribe(email: str, **target):
    subscription, _created = subscriptions.subscription_request(
        email=email, frequency="weekly", target=subscriptions.target_from(**target)
    )
    return subscriptions.subscription_confirm(token=subscription.token)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_publish_and_close_a_call(role, request, client_for, body):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    assert client.get(f"/bodies/{body.pk}/call/").status_code == _expected(role, 200)
    until = timezone.localdate() + timedelta(days=20)
    response = client.post(f"/bodies/{body.pk}/call/", {"text": CALL, "open_until": until})
    assert response.status_code == _expected(role, 302)
    body.refresh_from_db()
    assert (body.call_text == CALL) == (role in RUNNERS)
    response = client.post(f"/bodies/{body.pk}/call/close/")
    assert response.status_code == _expected(role, 302)
    body.refresh_from_db()
    assert body.accepting_applications == (role not in RUNNERS)
    actions = set(
        AuditEntry.objects.filter(target_id=str(body.pk)).values_list("action", flat=True)
    )
    assert ({"body.call_publish", "body.call_close"} <= actions) == (role in RUNNERS)


def test_a_published_call_is_on_the_body_page_and_list_until_its_day(
    client_for, body, secretary, applicant, resident
):
    page = client_for(None).get(f"/bodies/{body.pk}/").content.decode()
    assert 'id="call"' not in page  # accepting applications, but no call published
    until = timezone.localdate() + timedelta(days=5)
    services.call_publish(actor=secretary, body=body, text=CALL, open_until=until)
    page = client_for(None).get(f"/bodies/{body.pk}/").content.decode()
    assert CALL in page
    assert f"/subscriptions/new/?institution={body.institution.slug}" in page
    listing = client_for(None).get("/bodies/").content.decode()
    assert "Atvērta pieteikšanās dalībai" in listing and "līdz" in listing
    assert client_for(resident).get(f"/bodies/{body.pk}/apply/").status_code == 200
    # The closing day passes: the call and applications close without anyone acting.
    Body.objects.filter(pk=body.pk).update(call_open_until=timezone.localdate() - timedelta(1))
    assert client_for(resident).get(f"/bodies/{body.pk}/apply/").status_code == 403
    assert CALL not in client_for(None).get(f"/bodies/{body.pk}/").content.decode()
    assert "Atvērta pieteikšanās" not in client_for(None).get("/bodies/").content.decode()


def test_a_call_needs_text_and_a_day_not_in_the_past(client_for, body, secretary):
    client = client_for(secretary)
    assert client.post(f"/bodies/{body.pk}/call/", {"text": " "}).status_code == 400
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(f"/bodies/{body.pk}/call/", {"text": CALL, "open_until": yesterday})
    assert response.status_code == 400
    assert Body.objects.get(pk=body.pk).call_published_at is None


def test_followers_of_the_institution_and_groups_are_told_over_smtp_once(
    body, groups, secretary, municipality, mailbox, django_capture_on_commit_callbacks
):
    subscribe("institution@example.lv", institution=body.institution)
    subscribe("group@example.lv", group=groups[2])
    subscribe("both@example.lv", institution=body.institution)
    subscribe("both@example.lv", group=groups[0])
    subscribe("elsewhere@example.lv", institution=municipality)
    subscriptions.subscription_request(  # never confirmed
        email="unconfirmed@example.lv",
        frequency="immediate",
        target=subscriptions.target_from(institution=body.institution),
    )
    mailbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.call_publish(actor=secretary, body=body, text=CALL)
    messages = mailbox.wait_for(3)
    assert sorted(m["To"] for m in messages) == [
        "both@example.lv",
        "group@example.lv",
        "institution@example.lv",
    ]
    message = mailbox.to("group@example.lv")[0]
    assert body.name in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert CALL in text and f"/bodies/{body.pk}/#call" in text
    assert "/subscriptions/unsubscribe/" in text
    assert message["List-Unsubscribe"].strip().startswith("<http")
    # The job run again (a retry) tells nobody twice.
    body.refresh_from_db()
    assert notify_call_published.call_local(body.pk, body.call_published_at.isoformat()) == 0
    # A new publication is a new announcement.
    with django_capture_on_commit_callbacks(execute=True):
        services.call_publish(actor=secretary, body=body, text=CALL + " Pagarināts.")
    assert len(mailbox.wait_for(6)) == 6


def test_the_institution_feed_carries_the_call(client, body, secretary):
    services.call_publish(actor=secretary, body=body, text=CALL)
    for url in (f"/institutions/{body.institution.slug}/feed.atom", "/feeds/consultations.atom"):
        root = ElementTree.fromstring(client.get(url).content)
        entries = root.findall(f"{ATOM}entry")
        [entry] = [e for e in entries if body.name in e.findtext(f"{ATOM}title")]
        assert entry.findtext(f"{ATOM}title") == f"Aicinājums pieteikties dalībai: {body.name}"
        assert entry.find(f"{ATOM}link").get("href").endswith(f"/bodies/{body.pk}/#call")
        assert CALL in entry.findtext(f"{ATOM}summary")


def test_the_audit_log_tells_the_call_and_the_answer_in_words(
    client_for, body, secretary, manager, meeting, resident
):
    services.call_publish(actor=secretary, body=body, text=CALL)
    services.call_close(actor=secretary, body=body)
    registration, _created = services.registration_register(
        person=resident, meeting=meeting, mode="remote", question="Kāpēc?"
    )
    services.question_answer(actor=secretary, registration=registration, answer="Tāpēc.")
    page = client_for(manager).get("/officer/audit/").content.decode()
    for sentence in (
        f"publicēja aicinājumu pieteikties dalībai institūcijā „{body.name}”",
        f"slēdza aicinājumu pieteikties dalībai institūcijā „{body.name}”",
        f"atbildēja uz iepriekš iesūtītu jautājumu sanāksmei „{meeting.title}”",
    ):
        assert sentence in page, sentence


def test_an_english_subscriber_reads_the_call_in_english(
    body, secretary, mailbox, django_capture_on_commit_callbacks
):
    subscription, _created = subscriptions.subscription_request(
        email="reader@example.com",
        frequency="immediate",
        target=subscriptions.target_from(institution=body.institution),
        language="en",
    )
    subscriptions.subscription_confirm(token=subscription.token)
    mailbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.call_publish(actor=secretary, body=body, text=CALL)
    [message] = mailbox.wait_for(1)
    assert message["Subject"].strip().endswith(f"Call for members: {body.name}")
    assert "The body is looking for members." in message.get_body(("plain",)).get_content()
