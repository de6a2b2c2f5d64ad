"""Reports: one open report per person and opinion, rate-limited, audited; the queue counts
them per opinion, most reported first, in pages; hiding closes them as acted on, dismissing
closes them without hiding."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import HiddenReason
from lidzdaliba.core import ratelimits
from lidzdaliba.moderation import services as moderation_services
from lidzdaliba.moderation.models import Report
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def report(client, opinion, reason="abusive", note=""):
    return client.post(
        reverse("moderation:report", args=[opinion.pk]), {"reason": reason, "note": note}
    )


def test_the_public_pages_offer_to_report(reported, client_for):
    url = reverse("moderation:report", args=[reported.pk])
    for page in ("consultations:detail", "consultations:opinion"):
        pk = reported.consultation_id if page == "consultations:detail" else reported.pk
        assert url in client_for(None).get(reverse(page, args=[pk])).content.decode()
    form = client_for(factories.UserFactory()).get(url)
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()


def test_one_open_report_per_person_and_it_is_audited(reported, resident, client_for):
    client = client_for(resident)
    assert report(client, reported, note="Lamājas.").status_code == 302
    assert report(client, reported, reason="spam").status_code == 302
    [only] = Report.objects.all()
    assert (only.reason, only.note, only.reporter) == ("abusive", "Lamājas.", resident)
    entry = AuditEntry.objects.get(action="opinion.report")
    assert entry.actor == resident and entry.institution == reported.consultation.institution


def test_other_needs_a_note(reported, resident, client_for):
    assert report(client_for(resident), reported, reason="other").status_code == 400
    assert not Report.objects.exists()


def test_reporting_is_rate_limited(open_consultation, author, resident, client_for, settings):
    settings.RATE_LIMITS = {"report.account": "2/hour"}
    ratelimits.reset()
    opinions = [factories.opinion(open_consultation, author) for _ in range(3)]
    client = client_for(resident)
    assert [report(client, o).status_code for o in opinions] == [302, 302, 429]
    assert Report.objects.count() == 2


def test_a_hidden_opinion_cannot_be_reported(reported, responder, resident, client_for):
    services.opinion_hide(actor=responder, opinion=reported, reason=HiddenReason.SPAM)
    assert report(client_for(resident), reported).status_code == 403


def test_the_queue_counts_reports_most_reported_first(
    open_consultation, author, moderator, client_for
):
    few, many = (factories.opinion(open_consultation, author, text=t) for t in ("Mazāk", "Vairāk"))
    for _ in range(3):
        Report.objects.create(opinion=many, reporter=factories.UserFactory(), reason="spam")
    Report.objects.create(opinion=few, reporter=factories.UserFactory(), reason="abusive")
    html = client_for(moderator).get(reverse("moderation:queue")).content.decode()
    assert html.index(f'id="reported-{many.pk}"') < html.index(f'id="reported-{few.pk}"')
    assert "3 ziņojumi" in html and "1 ziņojums" in html


def test_the_queue_is_paginated_and_has_an_empty_state(
    open_consultation, author, moderator, client_for, settings
):
    client = client_for(moderator)
    empty = client.get(reverse("moderation:queue")).content.decode()
    assert "Neizskatītu ziņojumu nav." in empty and "Lūgumu pārskatīt nav." in empty
    settings.PAGE_SIZE = 2
    for _ in range(3):
        opinion = factories.opinion(open_consultation, author)
        Report.objects.create(opinion=opinion, reporter=author, reason="spam")
    first = client.get(reverse("moderation:queue")).content.decode()
    second = client.get(reverse("moderation:queue"), {"page": 2}).content.decode()
    assert first.count('id="reported-') == 2 and second.count('id="reported-') == 1


def test_hiding_closes_the_open_reports(reported, resident, moderator, client_for):
    Report.objects.create(opinion=reported, reporter=resident, reason="personal_data")
    response = client_for(moderator).post(
        reverse("moderation:hide", args=[reported.pk]), {"reason": "personal_data"}
    )
    assert response.status_code == 302
    closed = Report.objects.get()
    assert (closed.resolution, closed.handled_by) == ("hidden", moderator)
    assert AuditEntry.objects.filter(action="report.close").exists()
    html = client_for(moderator).get(reverse("moderation:queue")).content.decode()
    assert f'id="reported-{reported.pk}"' not in html


def test_dismissing_keeps_the_text_and_is_audited(reported, resident, responder, client_for):
    Report.objects.create(opinion=reported, reporter=resident, reason="spam")
    response = client_for(responder).post(reverse("moderation:dismiss", args=[reported.pk]))
    assert response.status_code == 302
    assert Report.objects.get().resolution == "dismissed"
    reported.refresh_from_db()
    assert not reported.is_hidden
    entry = AuditEntry.objects.get(action="report.dismiss")
    assert entry.actor == responder and entry.after["reports"] == 1
    # Once dismissed, the person may report again (a new open report).
    report(client_for(resident), reported)
    assert Report.objects.filter(handled_at__isnull=True).count() == 1


def test_dismissing_is_refused_to_another_institution(
    reported, resident, other_officer, client_for
):
    Report.objects.create(opinion=reported, reporter=resident, reason="spam")
    assert (
        client_for(other_officer)
        .post(reverse("moderation:dismiss", args=[reported.pk]))
        .status_code
        == 403
    )
    assert Report.objects.get().handled_at is None


def test_reports_are_in_the_reporters_data_copy_and_go_with_the_account(reported, resident):
    from lidzdaliba.accounts.gdpr import EXPORTERS, account_delete
    from lidzdaliba.testing.factories import PASSWORD

    moderation_services.report_create(
        reporter=resident, opinion=reported, reason="abusive", note="Rupji."
    )
    [exported] = EXPORTERS["opinion_reports"](resident)
    assert exported["opinion"] == reported.reference and exported["note"] == "Rupji."
    account_delete(user=resident, password=PASSWORD)
    assert not Report.objects.exists()
