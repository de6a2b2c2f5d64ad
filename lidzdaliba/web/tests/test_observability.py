"""Metrics only for the monitoring system; logs without personal data."""

from __future__ import annotations

import logging

import pytest

from lidzdaliba.core.logging import MaskPersonalData, mask

pytestmark = pytest.mark.django_db


def test_metrics_are_hidden_without_the_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404


def test_metrics_show_latency_histograms_and_the_job_queue(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    client.get("/")
    body = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").content.decode()
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in body
    for gauge in (
        "lidzdaliba_jobs_pending",
        "lidzdaliba_jobs_failed_total",
        "lidzdaliba_mail_queued",
    ):
        assert gauge in body


def test_logs_mask_addresses_and_secret_tokens():
    assert mask("sent to anna.berzina@example.lv") == "sent to [e-mail]"
    assert mask("GET /subscriptions/unsubscribe/abcDEF123_-x/") == (
        "GET /subscriptions/unsubscribe/[secret]/"
    )
    assert mask("Bearer ldz_Zm9vYmFy-xyz") == "Bearer ldz_[secret]"
    record = logging.LogRecord("x", logging.INFO, "f", 1, "to %s", ("a@b.lv",), None)
    MaskPersonalData().filter(record)
    assert record.getMessage() == "to [e-mail]"


def test_request_log_has_no_ip_and_no_tokens(client, caplog):
    with caplog.at_level(logging.INFO, logger="lidzdaliba.requests"):
        client.get("/subscriptions/manage/verysecrettoken123/", REMOTE_ADDR="203.0.113.9")
    lines = [r.getMessage() for r in caplog.records if r.name == "lidzdaliba.requests"]
    assert lines and "verysecrettoken123" not in lines[-1] and "203.0.113.9" not in lines[-1]
