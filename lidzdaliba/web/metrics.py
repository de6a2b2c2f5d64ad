"""Prometheus metrics: request latency histograms (django-prometheus), job queue depth and
failed jobs. Served only to a caller with the METRICS_TOKEN, never to the public."""

from __future__ import annotations

import hmac
import os

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily


class JobsCollector:
    """Read at scrape time, so every app process reports the shared queue's state."""

    def collect(self):
        from huey.contrib.djhuey import HUEY

        from lidzdaliba.core.models import EmailDelivery, JobFailure

        try:
            pending = HUEY.pending_count()
            scheduled = HUEY.scheduled_count()
        except Exception:  # the queue being down must not hide the other metrics
            pending = scheduled = -1
        yield GaugeMetricFamily("lidzdaliba_jobs_pending", "Jobs waiting in the queue", pending)
        yield GaugeMetricFamily(
            "lidzdaliba_jobs_scheduled", "Jobs scheduled for later (retries, eta)", scheduled
        )
        yield GaugeMetricFamily(
            "lidzdaliba_jobs_failed_total", "Job failures recorded", JobFailure.objects.count()
        )
        failed = EmailDelivery.objects.filter(status=EmailDelivery.Status.FAILED).count()
        queued = EmailDelivery.objects.filter(status=EmailDelivery.Status.QUEUED).count()
        yield GaugeMetricFamily("lidzdaliba_mail_failed", "E-mails that failed for good", failed)
        yield GaugeMetricFamily("lidzdaliba_mail_queued", "E-mails waiting to be sent", queued)


_registered = False


def _register() -> None:
    global _registered
    if not _registered:
        REGISTRY.register(JobsCollector())
        _registered = True


def metrics(request: HttpRequest) -> HttpResponse:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Several gunicorn workers: add up what every process recorded.
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(JobsCollector())
        return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
    _register()
    return ExportToDjangoView(request)
