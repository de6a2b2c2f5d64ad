"""The monitoring pages are valid HTML (the Nu HTML Checker, as for the other pages)."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.urls import reverse

from lidzdaliba.core import indicators as hook
from lidzdaliba.monitoring import services
from lidzdaliba.testing.html_validator import describe, validate_html

from .helpers import world

pytestmark = pytest.mark.django_db


def test_the_monitoring_pages_are_valid_html(
    ministry, municipality, coordinator, client_for, tmp_path
):
    world(random.Random(3), [ministry, municipality], consultations=6, opinions=20)
    services.figures_rebuild_all()
    report = services.evaluation_report_create(
        actor=coordinator,
        title="Izvērtējums",
        period_start=date(2020, 1, 1),
        period_end=date(2030, 1, 1),
        institutions=[ministry],
        conclusions="Secinājumi.",
    )
    previous = hook.register_standard_means_provider(
        lambda ids, start, end: {"explained_why": hook.Mean(n=9, mean=5.2, low=4.0, high=6.4)}
    )
    try:
        client = client_for(coordinator)
        pages = {
            "public": client_for(None).get(reverse("monitoring:public")),
            "public, one institution": client_for(None).get(
                reverse("monitoring:public"), {"institution": ministry.slug}
            ),
            "dashboard": client.get(reverse("monitoring:dashboard")),
            "report": client.get(reverse("monitoring:report", args=[report.pk])),
            "report form": client.get(reverse("monitoring:report_edit", args=[report.pk])),
        }
    finally:
        hook.register_standard_means_provider(previous)
    assert {name: r.status_code for name, r in pages.items()} == dict.fromkeys(pages, 200)
    errors = validate_html({name: r.content.decode() for name, r in pages.items()}, tmp_path)
    assert not errors, describe(errors)
