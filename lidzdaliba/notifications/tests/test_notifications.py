"""Subscriptions and what they deliver, through a real SMTP server."""

from __future__ import annotations

from dataclasses import astuple
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.consultations import services as consultation_services
from lidzdaliba.consultations.models import Consultation
from lidzdaliba.core.models import EmailDelivery
from lidzdaliba.institutions.models import AffectedGroup, Territory, Topic
from lidzdaliba.notifications import dispatch, services
from lidzdaliba.notifications.models import DigestItem, NotificationEvent, Subscription
from lidzdaliba.notifications.tasks import notify, send_digest_batch
from lidzdaliba.testing import factories
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db
Kind = NotificationEvent.Kind


def subscribe(email, frequency="immediate", **target):
    subscription, _ = services.subscription_request(
        email=email, frequency=frequency, target=services.target_from(**target)
    )
    return services.subscription_confirm(token=subscription.token)


def draft(editor, institution, **fields):
    return consultation_services.consultation_create(
        actor=editor, institution=institution, **factories.consultation_fields(**fields)
    )


# --- Subscribing ---------------------------------------------------------------------------


def test_anonymous_subscription_needs_confirmation(
    ministry, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscription, pending = services.subscription_request(
            email="Anna@Example.LV",
            frequency="daily",
            target=services.target_from(institution=ministry),
        )
    assert pending and subscription.email == "anna@example.lv"
    assert not subscription.is_confirmed
    [message] = mailbox.wait_for(1)
    assert reverse("notifications:confirm", args=[subscription.token]) in body_text(message)
    assert "Veselības ministrija" in body_text(message)


def test_repeating_a_request_does_not_spam_confirmations(
    ministry, mailbox, django_capture_on_commit_callbacks
):
    target = services.target_from(institution=ministry)
    with django_capture_on_commit_callbacks(execute=True):
        for frequency in ("immediate", "daily", "weekly"):
            services.subscription_request(email="a@example.lv", frequency=frequency, target=target)
    assert len(mailbox.wait_for(1, timeout=1)) == 1
    assert Subscription.objects.get().frequency == "weekly"


def test_a_confirmed_signed_in_person_is_subscribed_at_once(resident, ministry, mailbox):
    subscription, pending = services.subscription_request(
        email=resident.email,
        frequency="immediate",
        target=services.target_from(institution=ministry),
        user=resident,
    )
    assert not pending and subscription.is_confirmed and subscription.user == resident


def test_someone_elses_address_still_needs_confirmation(resident, ministry):
    _subscription, pending = services.subscription_request(
        email="someone.else@example.lv",
        frequency="immediate",
        target=services.target_from(institution=ministry),
        user=resident,
    )
    assert pending


def test_exactly_one_target(ministry):
    with pytest.raises(services.ValidationError):
        services.target_from(institution=ministry, topic=Topic.objects.first())
    with pytest.raises(services.ValidationError):
        services.target_from()


def test_confirmation_page_confirms_only_on_post(client, ministry):
    subscription, _ = services.subscription_request(
        email="a@example.lv",
        frequency="immediate",
        target=services.target_from(institution=ministry),
    )
    url = reverse("notifications:confirm", args=[subscription.token])
    assert client.get(url).status_code == 200
    subscription.refresh_from_db()
    assert not subscription.is_confirmed  # a mail scanner opening the link confirms nothing
    assert client.post(url).status_code == 302
    subscription.refresh_from_db()
    assert subscription.is_confirmed


def test_one_click_unsubscribe_without_session_or_csrf(ministry):
    from django.test import Client

    subscription = subscribe("a@example.lv", institution=ministry)
    client = Client(enforce_csrf_checks=True)
    url = reverse("notifications:unsubscribe", args=[subscription.token])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert client.post(url).status_code == 200  # a second click is harmless


def test_web_subscribe_form(client, ministry, mailbox, django_capture_on_commit_callbacks):
    url = reverse("notifications:subscribe")
    assert client.get(url, {"institution": ministry.slug}).status_code == 200
    bad = client.post(url, {"email": "nav-adrese", "frequency": "daily"})
    assert bad.status_code == 400 and "error-summary" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"email": "b@example.lv", "frequency": "daily", "institution": ministry.slug}
        )
    assert response.status_code == 302
    assert Subscription.objects.get().frequency == "daily"
    assert len(mailbox.wait_for(1)) == 1


def test_manage_by_token_changes_frequency_and_deletes(client, ministry):
    first = subscribe("a@example.lv", institution=ministry)
    second = subscribe("a@example.lv", topic=Topic.objects.first())
    stranger = subscribe("z@example.lv", institution=ministry)
    url = reverse("notifications:manage", args=[first.token])
    page = client.get(url).content.decode()
    assert "a@example.lv" in page and "z@example.lv" not in page
    client.post(url, {"subscription": second.pk, "frequency": "weekly"})
    second.refresh_from_db()
    assert second.frequency == "weekly"
    assert client.post(url, {"subscription": stranger.pk, "delete": "1"}).status_code == 404
    client.post(url, {"subscription": second.pk, "delete": "1"})
    assert set(Subscription.objects.values_list("pk", flat=True)) == {first.pk, stranger.pk}


# --- Who is told --------------------------------------------------------------------------


def test_matching_by_institution_topic_territory_group_and_consultation(editor, ministry):
    region = Territory.objects.get(slug="vidzemes-region")
    group = AffectedGroup.objects.get(slug="pensionari")
    consultation = draft(editor, ministry, territory=Territory.objects.get(slug="valmieras-novads"))
    consultation.affected_groups.set([group])
    consultation = consultation_services.consultation_publish(
        actor=editor, consultation=consultation
    )
    subscribe("institution@example.lv", institution=ministry)
    subscribe("topic@example.lv", topic=consultation.topic)
    subscribe("region@example.lv", territory=region)  # covers its municipalities
    subscribe("group@example.lv", group=group)
    subscribe("follower@example.lv", consultation=consultation)
    subscribe("other-topic@example.lv", topic=Topic.objects.exclude(pk=consultation.topic_id)[0])
    subscribe("other-region@example.lv", territory=Territory.objects.get(slug="latgales-region"))
    services.subscription_request(  # unconfirmed
        email="unconfirmed@example.lv",
        frequency="immediate",
        target=services.target_from(institution=ministry),
    )
    announced = {r.email for r in dispatch.recipients(consultation, Kind.ANNOUNCED)}
    assert announced == {
        "institution@example.lv",
        "topic@example.lv",
        "region@example.lv",
        "group@example.lv",
        "follower@example.lv",
    }
    closing = {r.email for r in dispatch.recipients(consultation, Kind.CLOSING_SOON)}
    assert closing == {"follower@example.lv"}


def test_an_address_matched_twice_hears_once_at_its_most_frequent(editor, ministry):
    consultation = factories.published_consultation(editor, ministry)
    subscribe("a@example.lv", "weekly", institution=ministry)
    subscribe("a@example.lv", "immediate", topic=consultation.topic)
    [recipient] = dispatch.recipients(consultation, Kind.ANNOUNCED)
    assert recipient.frequency == "immediate"


def test_publishing_mails_immediate_subscribers_once_with_unsubscribe_headers(
    editor, ministry, mailbox, django_capture_on_commit_callbacks
):
    for n in range(3):
        subscribe(f"s{n}@example.lv", institution=ministry)
    subscribe("digest@example.lv", "daily", institution=ministry)
    consultation = draft(editor, ministry)
    with django_capture_on_commit_callbacks(execute=True):
        consultation_services.consultation_publish(actor=editor, consultation=consultation)
    messages = mailbox.wait_for(3)
    assert sorted(m["To"] for m in messages) == [f"s{n}@example.lv" for n in range(3)]
    message = messages[0]
    token = Subscription.objects.get(email=message["To"]).token
    unsubscribe = reverse("notifications:unsubscribe", args=[token])
    assert unsubscribe in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in body_text(message) and unsubscribe in body_text(message, "html")
    assert consultation.title in body_text(message)
    assert len({m["Message-ID"] for m in messages}) == 3
    assert EmailDelivery.objects.filter(status="sent", template__contains="event").count() == 3
    assert DigestItem.objects.filter(email="digest@example.lv", sent_at__isnull=True).count() == 1
    # Running the job again tells nobody twice.
    notify(consultation.pk, Kind.ANNOUNCED)
    assert len(mailbox.wait_for(4, timeout=0.5)) == 3


def test_mails_are_in_each_subscribers_language(editor, ministry, mailbox):
    subscription = subscribe("en@example.lv", institution=ministry)
    Subscription.objects.filter(pk=subscription.pk).update(language="en")
    subscribe("lv@example.lv", institution=ministry)
    consultation = factories.published_consultation(editor, ministry)
    notify(consultation.pk, Kind.OPENED)
    messages = {m["To"]: m for m in mailbox.wait_for(2)}
    assert "Open for opinions" in messages["en@example.lv"]["Subject"]
    assert "Open for opinions" not in messages["lv@example.lv"]["Subject"]


def test_daily_digest_collects_events_per_address(editor, ministry, mailbox):
    subscribe("d@example.lv", "daily", institution=ministry)
    subscribe("w@example.lv", "weekly", institution=ministry)
    first = factories.published_consultation(editor, ministry)
    second = factories.published_consultation(editor, ministry)
    notify(first.pk, Kind.ANNOUNCED)
    notify(second.pk, Kind.ANNOUNCED)
    assert dispatch.send_digests(frequency="daily")["sent"] == 1
    [message] = mailbox.wait_for(1)
    assert message["To"] == "d@example.lv"
    text = body_text(message)
    assert first.title in text and text.count(first.title) == 2  # both consultations listed
    assert "List-Unsubscribe" in message
    assert dispatch.send_digests(frequency="daily")["sent"] == 0  # nothing new
    assert DigestItem.objects.filter(frequency="weekly", sent_at__isnull=True).count() == 2


def test_the_scheduled_digest_is_sent_in_batch_jobs_each_digest_once(
    editor, ministry, mailbox, monkeypatch
):
    """The digest job only queues: batches of BATCH_SIZE go to `send_digest_batch` jobs,
    which any worker may take, so 100,000 digests are not one job on one worker."""
    monkeypatch.setattr(dispatch, "BATCH_SIZE", 2)
    for n in range(5):
        subscribe(f"d{n}@example.lv", "daily", institution=ministry)
    notify(factories.published_consultation(editor, ministry).pk, Kind.ANNOUNCED)
    batches = dispatch.queue_digests(frequency="daily")
    assert [batch.last_id - batch.first_id + 1 for batch in batches] == [2, 2, 1]
    assert dispatch.queue_digests(frequency="daily") == []  # queued once
    for batch in batches:
        send_digest_batch(*astuple(batch))
    assert sorted(m["To"] for m in mailbox.wait_for(5)) == [f"d{n}@example.lv" for n in range(5)]
    send_digest_batch(*astuple(batches[0]))
    assert len(mailbox.wait_for(6, timeout=0.5)) == 5  # a batch run twice sends nothing again


def test_time_events_opened_and_closing_soon_are_found_once(editor, ministry):
    now = timezone.now()
    upcoming = factories.published_consultation(
        editor, ministry, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=40)
    )
    closing = factories.published_consultation(editor, ministry, closes_at=now + timedelta(days=2))
    assert (upcoming.pk, Kind.OPENED) not in dispatch.due_time_events(now)
    later = now + timedelta(days=1, hours=1)
    due = dispatch.due_time_events(later)
    assert (upcoming.pk, Kind.OPENED) in due and (closing.pk, Kind.CLOSING_SOON) in due
    for consultation_id, kind in due:
        dispatch.fan_out(consultation_id=consultation_id, kind=kind)
    assert dispatch.due_time_events(later) == []


def test_followers_hear_of_new_versions_and_answers(
    editor, responder, ministry, resident, mailbox, django_capture_on_commit_callbacks
):
    consultation = factories.published_consultation(editor, ministry)
    subscribe("follower@example.lv", consultation=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        consultation_services.document_version_create(
            actor=editor, consultation=consultation, text="1. Jauns teksts."
        )
    [message] = mailbox.wait_for(1)
    assert message["To"] == "follower@example.lv"
    opinion = factories.opinion(consultation, resident)
    factories.close(consultation)
    consultation_services.answer_give(actor=responder, opinion=opinion, outcome="noted", reason="x")
    with django_capture_on_commit_callbacks(execute=True):
        consultation_services.feedback_publish(actor=responder, consultation=consultation)
    messages = mailbox.wait_for(3)
    subjects = [m["Subject"] for m in messages if m["To"] == "follower@example.lv"]
    assert len(subjects) == 2  # the new version, then the answers
    assert any(m["To"] == resident.email for m in messages)  # the author's own answer


def test_overdue_answers_remind_responders_then_escalate_to_managers(
    editor, responder, manager, ministry, resident, mailbox, settings
):
    settings.ANSWER_DEADLINE_DAYS = 30
    consultation = factories.published_consultation(editor, ministry)
    factories.opinion(consultation, resident)
    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=70), closes_at=now - timedelta(days=31)
    )
    assert dispatch.remind_officers(now) == {"reminders": 2, "escalations": 0, "failed": 0}
    reminded = sorted(m["To"] for m in mailbox.wait_for(2))
    assert reminded == sorted([responder.email, manager.email])
    assert dispatch.remind_officers(now)["reminders"] == 0  # once
    result = dispatch.remind_officers(now + timedelta(days=8))
    assert result["escalations"] == 1
    assert mailbox.wait_for(3)[-1]["To"] == manager.email
    page = factories_page(consultation.institution.slug)
    assert consultation.title in page


def factories_page(slug: str) -> str:
    from django.test import Client

    return Client().get(reverse("institutions:detail", args=[slug])).content.decode()


# --- API --------------------------------------------------------------------------------------


def test_api_subscribe_list_and_delete(api_for, resident, ministry, mailbox):
    anonymous = api_for(None)
    response = anonymous.post(
        "/api/v1/subscriptions",
        {"email": "api@example.lv", "frequency": "weekly", "institution": ministry.slug},
        content_type="application/json",
    )
    assert response.status_code == 202 and response.json()["status"] == "pending_confirmation"
    bad = anonymous.post(
        "/api/v1/subscriptions",
        {"email": "api@example.lv", "institution": "nav-tadas"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    both = anonymous.post(
        "/api/v1/subscriptions",
        {"email": "api@example.lv", "institution": ministry.slug, "topic": "veseliba"},
        content_type="application/json",
    )
    assert both.status_code == 422
    client = api_for(resident)
    mine = client.post(
        "/api/v1/subscriptions",
        {"email": resident.email, "topic": "veseliba"},
        content_type="application/json",
    )
    assert mine.json()["status"] == "confirmed"
    listed = client.get("/api/v1/subscriptions").json()
    assert [s["kind"] for s in listed] == ["topic"] and listed[0]["confirmed"]
    foreign = Subscription.objects.get(email="api@example.lv")
    assert client.delete(f"/api/v1/subscriptions/{foreign.pk}").status_code == 404
    assert client.delete(f"/api/v1/subscriptions/{listed[0]['id']}").status_code == 204
    assert anonymous.get("/api/v1/subscriptions").status_code == 401
