"""Invalidating signatures: one by one or by a stated rule (e-mail domain, time window,
client network, disposable addresses, paper batch), a preview before confirming; the
invalid stop counting at once (the cached count stays exact), stay in the export marked
with the reason, are audited, and their signers are told. With the permission matrix."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.initiatives import counts, selectors, services
from lidzdaliba.initiatives.models import (
    Initiative,
    InitiativeRules,
    InvalidationRule,
    Kind,
    PaperBatch,
    Signature,
    Status,
)
from lidzdaliba.testing import factories
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db

Rule = InvalidationRule


@pytest.fixture
def small_rules(ministry):
    """One co-sponsor and ten signatures (the suite's three would stop the signing early)."""
    return InitiativeRules.objects.create(
        institution=ministry,
        kind=Kind.COLLECTIVE_SUBMISSION,
        threshold_absolute=10,
        min_cosponsors=1,
    )


def sign(initiative, email: str, *, ip: str = "192.0.2.10") -> Signature:
    """Sign through the web page, as a person does (the client's network is recorded)."""
    user = factories.UserFactory(email=email)
    client = Client(REMOTE_ADDR=ip)
    client.force_login(user)
    client.post(reverse("initiatives:sign", args=[initiative.pk]), {"declared_min_age": "on"})
    return Signature.objects.get(initiative=initiative, signer=user)


@pytest.fixture
def signed(collecting):
    """Two from a suspicious domain and network, one ordinary signer, one disposable."""
    return {
        "bulk1": sign(collecting, "a@spam.example", ip="203.0.113.5"),
        "bulk2": sign(collecting, "b@spam.example", ip="203.0.113.77"),
        "ok": sign(collecting, "janis@inbox.lv", ip="198.51.100.3"),
        "burner": sign(collecting, "x@mailinator.com", ip="198.51.100.4"),
    }


def test_a_signature_records_domain_network_and_the_disposable_flag(signed):
    bulk = signed["bulk1"]
    assert bulk.email_domain == "spam.example"
    assert bulk.client_network == "203.0.113.0/24"  # never the address itself
    assert "203.0.113.5" not in {f.value_from_object(bulk) for f in Signature._meta.fields}
    assert not bulk.disposable_email
    assert signed["burner"].disposable_email  # flagged, still counted
    assert signed["burner"].invalidation_id is None


def test_preview_counts_and_changes_nothing(collecting, signed, editor):
    spec = services.RuleSpec(rule=Rule.EMAIL_DOMAIN, email_domain="@Spam.Example")
    assert services.invalidation_preview(actor=editor, initiative=collecting, spec=spec) == (2, 0)
    assert not Signature.objects.filter(invalidation__isnull=False).exists()


def test_by_domain_stops_counting_at_once_and_stays_in_the_export_marked(
    collecting, signed, editor, mailbox, django_capture_on_commit_callbacks, settings
):
    settings.SIGNATURE_COUNT_STALE_SECONDS = 3600  # only the version keeps the count exact
    assert selectors.signature_total(collecting) == 4  # cached at the current version
    spec = services.RuleSpec(rule=Rule.EMAIL_DOMAIN, email_domain="spam.example")
    with django_capture_on_commit_callbacks(execute=True):
        record = services.signatures_invalidate(
            actor=editor, initiative=collecting, spec=spec, reason="Viens skripts, viens domēns."
        )
    assert record.online_count == 2
    assert selectors.signature_total(collecting) == 2
    assert counts.exact_counts(collecting) == (2, 0)
    # The public list of names leaves them out; the rows stay.
    assert Signature.objects.filter(initiative=collecting).count() == 4

    # Audited with the rule, its parameter, the reason and the number.
    entry = AuditEntry.objects.get(action="initiative.signatures_invalidate")
    assert entry.after["email_domain"] == "spam.example"
    assert entry.after["online_count"] == 2
    assert entry.actor == editor

    # The signers are told, with the reason.
    messages = mailbox.wait_for(2)
    assert {m["X-Envelope-To"] for m in messages} == {"a@spam.example", "b@spam.example"}
    assert "Viens skripts, viens domēns." in body_text(messages[0])

    # The verification export keeps every row and marks the invalid ones with the reason.
    response = Client()
    response.force_login(editor)
    export = response.get(reverse("initiatives:export", args=[collecting.pk]) + "?format=csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert len(rows) == 5
    by_email = {row[2]: row for row in rows[1:]}
    assert by_email["a@spam.example"][-3:] == ["nē", "Viens skripts, viens domēns.", "nē"]
    assert by_email["janis@inbox.lv"][-3:-1] == ["jā", ""]
    assert by_email["x@mailinator.com"][-1] == "jā"


def test_by_network_time_window_and_disposable(collecting, signed, editor):
    network = services.RuleSpec(rule=Rule.NETWORK, network="203.0.0.0/16")
    assert services.invalidation_preview(actor=editor, initiative=collecting, spec=network) == (
        2,
        0,
    )
    disposable = services.RuleSpec(rule=Rule.DISPOSABLE)
    record = services.signatures_invalidate(
        actor=editor, initiative=collecting, spec=disposable, reason="Vienreizēja adrese."
    )
    assert list(record.signatures.all()) == [signed["burner"]]
    now = timezone.now()
    window = services.RuleSpec(
        rule=Rule.TIME_RANGE, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1)
    )
    # The burner is already invalid: a signature is invalidated once, by the first decision.
    record = services.signatures_invalidate(
        actor=editor, initiative=collecting, spec=window, reason="Uzbrukuma laiks."
    )
    assert record.online_count == 3
    assert selectors.signature_total(collecting) == 0


def test_a_paper_batch_and_a_rule_that_catches_nothing(collecting, signed, editor):
    batch = services.paper_batch_record(
        actor=editor, initiative=collecting, count=40, reference="Nr. 1-7/12"
    )
    assert selectors.signature_counts(collecting) == (4, 40)
    spec = services.RuleSpec(rule=Rule.PAPER_BATCH, paper_batch_id=batch.pk)
    services.signatures_invalidate(
        actor=editor, initiative=collecting, spec=spec, reason="Paraksti bez adresēm."
    )
    assert selectors.signature_counts(collecting) == (4, 0)
    assert PaperBatch.objects.get(pk=batch.pk).invalidation.paper_count == 40
    nothing = services.RuleSpec(rule=Rule.EMAIL_DOMAIN, email_domain="nobody.example")
    with pytest.raises(ValidationError):
        services.signatures_invalidate(
            actor=editor, initiative=collecting, spec=nothing, reason="Nekas."
        )


def test_falling_below_the_threshold_collects_again(collecting, editor):
    Initiative.objects.filter(pk=collecting.pk).update(threshold=3)
    signatures = [sign(collecting, f"p{n}@spam.example") for n in range(3)]
    collecting.refresh_from_db()
    assert collecting.status == Status.THRESHOLD_REACHED
    services.signatures_invalidate(
        actor=editor,
        initiative=collecting,
        spec=services.RuleSpec(rule=Rule.SINGLE, signature_id=signatures[0].pk),
        reason="Dubults paraksts.",
    )
    again = Initiative.objects.get(pk=collecting.pk)
    assert again.status == Status.COLLECTING
    assert again.answer_due_at is None


def test_an_invalidated_signer_cannot_withdraw_or_sign_again(collecting, signed, editor):
    ok = signed["ok"]
    services.signatures_invalidate(
        actor=editor,
        initiative=collecting,
        spec=services.RuleSpec(rule=Rule.SINGLE, signature_id=ok.pk),
        reason="Nav derīgs.",
    )
    client = Client()
    client.force_login(ok.signer)
    client.post(reverse("initiatives:unsign", args=[collecting.pk]))
    assert Signature.objects.filter(pk=ok.pk).exists()
    response = client.post(
        reverse("initiatives:sign", args=[collecting.pk]), {"declared_min_age": "on"}, follow=True
    )
    assert "Nav derīgs." in response.content.decode()
    assert Signature.objects.get(pk=ok.pk).invalidation_id is not None
    assert counts.exact_counts(collecting) == (3, 0)


def test_the_web_preview_then_confirm(collecting, signed, editor, client_for):
    client = client_for(editor)
    url = reverse("initiatives:invalidate_rule", args=[collecting.pk])
    data = {"rule": "email_domain", "email_domain": "spam.example", "reason": "Kampaņa."}
    preview = client.post(url, data)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'name="confirm"' in html
    assert "2" in html
    assert not Signature.objects.filter(invalidation__isnull=False).exists()
    done = client.post(url, {**data, "confirm": "1"})
    assert done.status_code == 302
    assert Signature.objects.filter(invalidation__isnull=False).count() == 2
    # One by one, from the review list.
    one = client.post(
        reverse("initiatives:invalidate_one", args=[collecting.pk, signed["ok"].pk]),
        {"reason": "Nepareizs vārds."},
    )
    assert one.status_code == 302
    review = client.get(reverse("initiatives:signatures", args=[collecting.pk]))
    assert "Nepareizs vārds." in review.content.decode()


ROLES = [
    "anonymous",
    "author",
    "signer",
    "resident",
    "editor",
    "responder",
    "other_officer",
    "coordinator",
]
LOGIN = "login"
# The review list and invalidating: the addressed institution's officers only.
INVALIDATE = {
    "anonymous": LOGIN,
    "author": 403,
    "signer": 403,
    "resident": 403,
    "editor": 302,
    "responder": 302,
    "other_officer": 403,
    "coordinator": 403,
}
REVIEW = {role: (200 if code == 302 else code) for role, code in INVALIDATE.items()}


def _outcome(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, request, collecting, signed, client_for):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    review = client.get(reverse("initiatives:signatures", args=[collecting.pk]))
    assert _outcome(review) == REVIEW[role]
    response = client.post(
        reverse("initiatives:invalidate_one", args=[collecting.pk, signed["ok"].pk]),
        {"reason": "Nav derīgs."},
    )
    assert _outcome(response) == INVALIDATE[role]
    invalid = Signature.objects.get(pk=signed["ok"].pk).invalidation_id is not None
    assert invalid == (INVALIDATE[role] == 302)
    if user is not None:
        spec = services.RuleSpec(rule=Rule.DISPOSABLE)
        if INVALIDATE[role] == 302:
            assert services.invalidation_preview(actor=user, initiative=collecting, spec=spec)
        else:
            with pytest.raises(PermissionDenied):
                services.invalidation_preview(actor=user, initiative=collecting, spec=spec)


def test_the_audit_log_tells_the_invalidation_in_words(collecting, signed, editor, manager):
    services.signatures_invalidate(
        actor=editor,
        initiative=collecting,
        spec=services.RuleSpec(rule=Rule.EMAIL_DOMAIN, email_domain="spam.example"),
        reason="Kampaņa.",
    )
    client = Client()
    client.force_login(manager)
    html = client.get("/officer/audit/").content.decode()
    assert "atzina par nederīgiem iniciatīvas" in html
    assert "Visi paraksti no viena e-pasta domēna" in html
    assert "spam.example" in html
