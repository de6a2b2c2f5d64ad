"""What the consumers make of initiatives: followers hear of every status change, search
finds published initiatives only, and a person's data is exported and erased."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.accounts.gdpr import personal_data_export
from lidzdaliba.initiatives import services
from lidzdaliba.initiatives.models import Initiative, Signature
from lidzdaliba.notifications.models import Subscription
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db


def test_followers_and_the_author_hear_of_each_status_change(
    client, collecting, author, responder, mailbox, django_capture_on_commit_callbacks
):
    # Anyone may follow a published initiative (double opt-in, confirmed here).
    client.post(
        reverse("notifications:subscribe"),
        {"email": "follower@example.lv", "initiative": collecting.pk, "frequency": "immediate"},
    )
    follow = Subscription.objects.get(email="follower@example.lv")
    assert follow.kind == "initiative" and follow.initiative_id == collecting.pk
    Subscription.objects.filter(pk=follow.pk).update(confirmed_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_withdraw(actor=author, initiative=collecting)
    messages = mailbox.wait_for(3)
    told = {message["X-Envelope-To"] for message in messages}
    assert told == {"follower@example.lv", author.email, "cosponsor@example.lv"}
    to_follower = next(m for m in messages if m["X-Envelope-To"] == "follower@example.lv")
    assert collecting.title in to_follower["Subject"]
    assert follow.token in body_text(to_follower)  # the one-click way out


def test_search_finds_published_initiatives_only(client, collecting, draft):
    from lidzdaliba.search.services import index_initiative

    index_initiative(initiative_id=collecting.pk)
    index_initiative(initiative_id=draft.pk)
    page = client.get(reverse("search:search"), {"q": "apgaismojumu"}).content.decode()
    assert reverse("initiatives:detail", args=[collecting.pk]) in page
    assert reverse("initiatives:detail", args=[draft.pk]) not in page


def test_a_person_gets_their_initiatives_and_signatures_and_erasure_removes_them(
    collecting, signer, author
):
    services.signature_add(signer=signer, initiative=collecting, declared_min_age=True)
    archive = zipfile.ZipFile(BytesIO(personal_data_export(user=signer)))
    data = json.loads(archive.read(next(n for n in archive.namelist() if n.endswith(".json"))))
    assert data["initiatives"]["signatures"][0]["initiative_id"] == collecting.pk

    from lidzdaliba.initiatives.gdpr import erase_initiative_data

    erase_initiative_data(signer)
    erase_initiative_data(author)
    assert not Signature.objects.exists()
    initiative = Initiative.objects.get(pk=collecting.pk)
    assert initiative.author is None and initiative.title  # the public record stays


def test_retention_turns_old_signers_into_a_number(collecting, signer):
    from datetime import timedelta

    from lidzdaliba.core.retention import apply_rules
    from lidzdaliba.initiatives import selectors

    services.signature_add(signer=signer, initiative=collecting, declared_min_age=True)
    Initiative.objects.filter(pk=collecting.pk).update(
        status="expired", updated_at=timezone.now() - timedelta(days=400)
    )
    assert apply_rules(names=["closed-initiative-signatures"]) == {
        "closed-initiative-signatures": 1
    }
    assert not Signature.objects.exists()
    assert selectors.signature_total(Initiative.objects.get(pk=collecting.pk)) == 1
