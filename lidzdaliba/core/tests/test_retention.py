"""Retention: each rule acts on what is older than its period and leaves the recent rows;
the command and the daily job run every registered rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from lidzdaliba.core import retention
from lidzdaliba.core.models import EmailDelivery, JobFailure
from lidzdaliba.notifications.models import Subscription
from lidzdaliba.notifications.retention import delete_unconfirmed_subscriptions

pytestmark = pytest.mark.django_db

NOW = timezone.now()
OLD = NOW - timedelta(days=200)  # older than the default 6 months
RECENT = NOW - timedelta(days=30)


def aged(model, when, **fields):
    row = model.objects.create(**fields)
    model.objects.filter(pk=row.pk).update(created_at=when)
    return row


def delivery(to: str, when, **fields) -> EmailDelivery:
    fields.setdefault("template", "notifications/email/event")
    return aged(EmailDelivery, when, to=to, personal={"token": "slepens"}, **fields)


def subscription(email: str, when, *, confirmed=False, sent=None) -> Subscription:
    row = aged(
        Subscription,
        when,
        email=email,
        kind=Subscription.Kind.CONSULTATION,
        target_key=f"x:{email}",
        confirmed_at=timezone.now() if confirmed else None,
    )
    if sent is not None:
        Subscription.objects.filter(pk=row.pk).update(confirmation_sent_at=sent)
    return row


def test_cutoff_is_calendar_months_before_now(settings):
    settings.RETENTION_MONTHS = 6
    moment = datetime(2026, 8, 31, 3, 0, tzinfo=UTC)
    assert retention.retention_cutoff(now=moment) == datetime(2026, 2, 28, 3, 0, tzinfo=UTC)
    assert retention.months_before(datetime(2026, 3, 15, tzinfo=UTC), 14) == datetime(
        2025, 1, 15, tzinfo=UTC
    )
    settings.RETENTION_MONTHS = 0
    with pytest.raises(ImproperlyConfigured):
        retention.retention_cutoff(now=moment)


def test_old_deliveries_lose_their_address_recent_ones_keep_it():
    old = delivery("anna@example.lv", OLD, group="event:1", subject="Jauna apspriede")
    old_twin = delivery("peteris@example.lv", OLD, group="event:1")
    failed = delivery(
        "janis@example.lv",
        OLD,
        status=EmailDelivery.Status.FAILED,
        error="550 <janis@example.lv>: Recipient address rejected",
    )
    recent = delivery("liga@example.lv", RECENT)

    changed = retention.anonymise_email_deliveries(NOW, retention.retention_cutoff(now=NOW))

    assert changed == 3
    for row in (old, old_twin, failed):
        row.refresh_from_db()
        assert row.to == f"anonymised-{row.pk}@invalid"
        assert row.personal == {}
    assert old.subject == "Jauna apspriede" and old.group == "event:1"
    assert "janis@example.lv" not in failed.error and "Recipient address rejected" in failed.error
    recent.refresh_from_db()
    assert recent.to == "liga@example.lv" and recent.personal == {"token": "slepens"}
    # Running again changes nothing.
    assert retention.anonymise_email_deliveries(NOW, retention.retention_cutoff(now=NOW)) == 0


def test_unconfirmed_subscriptions_go_after_a_week():
    stale = subscription("a@example.lv", NOW - timedelta(days=8))
    resent = subscription("b@example.lv", NOW - timedelta(days=8), sent=NOW - timedelta(days=1))
    fresh = subscription("c@example.lv", NOW - timedelta(days=6))
    confirmed = subscription("d@example.lv", OLD, confirmed=True)

    assert delete_unconfirmed_subscriptions(NOW, retention.retention_cutoff(now=NOW)) == 1

    assert not Subscription.objects.filter(pk=stale.pk).exists()
    assert set(Subscription.objects.values_list("pk", flat=True)) == {
        resent.pk,
        fresh.pk,
        confirmed.pk,
    }


def test_old_job_failures_lose_their_arguments():
    old = aged(JobFailure, OLD, task="send", task_id="1", arguments="('a@example.lv',)", error="E")
    recent = aged(JobFailure, RECENT, task="send", task_id="2", arguments="(7,)", error="E")

    assert retention.clear_job_failure_arguments(NOW, retention.retention_cutoff(now=NOW)) == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.arguments == "" and old.error == "E" and old.task == "send"
    assert recent.arguments == "(7,)"


def test_a_shorter_setting_reaches_younger_rows(settings):
    settings.RETENTION_MONTHS = 1
    recent = delivery("liga@example.lv", RECENT - timedelta(days=5))
    retention.apply_rules(now=NOW)
    recent.refresh_from_db()
    assert recent.to.endswith("@invalid")


def test_command_runs_every_rule_and_says_what_it_did():
    delivery("anna@example.lv", OLD)
    subscription("a@example.lv", NOW - timedelta(days=8))
    aged(JobFailure, OLD, task="send", task_id="1", arguments="(1,)", error="E")
    out = StringIO()

    call_command("apply_retention", stdout=out)

    output = out.getvalue()
    assert "Retention period: 6 months" in output
    assert "email-deliveries: 1 row(s) changed" in output
    assert "unconfirmed-subscriptions: 1 row(s) changed" in output
    assert "job-failure-arguments: 1 row(s) changed" in output
    assert "Done: 3 row(s) in all." in output

    again = StringIO()
    call_command("apply_retention", "--rule", "email-deliveries", stdout=again)
    assert "email-deliveries: 0 row(s) changed" in again.getvalue()
    assert "unconfirmed-subscriptions" not in again.getvalue()
    with pytest.raises(CommandError, match="nav-tadas"):
        call_command("apply_retention", "--rule", "nav-tadas", stdout=StringIO())


def test_registered_rules_run_and_a_failing_one_does_not_stop_the_others(monkeypatch):
    calls = []
    monkeypatch.setattr(retention, "_rules", {})

    @retention.register_rule("signers")
    def anonymise_signers(now, cutoff):
        calls.append((now, cutoff))
        return 4

    def broken(now, cutoff):
        raise RuntimeError("boom")

    retention.register_rule("broken", broken)
    retention.register_rule("after", lambda now, cutoff: calls.append("after") or 0)
    with pytest.raises(RuntimeError, match="broken"):
        retention.apply_rules(now=NOW)
    assert calls == [(NOW, retention.retention_cutoff(now=NOW)), "after"]

    retention.register_rule("broken", lambda now, cutoff: 0)  # registering again replaces
    assert retention.apply_rules(now=NOW) == {"signers": 4, "broken": 0, "after": 0}


def test_the_worker_applies_the_rules_daily_at_three_utc():
    periodic = {task.__name__: task for task in HUEY._registry._periodic_tasks}
    task = periodic["apply_retention_daily"]()
    assert task.validate_datetime(datetime(2026, 5, 4, 3, 0))
    assert not task.validate_datetime(datetime(2026, 5, 4, 4, 0))
    assert not task.validate_datetime(datetime(2026, 5, 4, 3, 5))
