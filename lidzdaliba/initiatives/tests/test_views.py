"""The initiative pages over HTTP: list with filters and an empty state, the page with its
timeline and count, drafting, co-sponsoring, signing, moderating, answering."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lidzdaliba.core.enums import Outcome
from lidzdaliba.initiatives import services
from lidzdaliba.initiatives.models import (
    CoSponsor,
    Initiative,
    ModerationDecision,
    Signature,
    Status,
)
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def test_the_list_filters_and_shows_an_empty_state(client, collecting, draft, ministry):
    page = client.get(reverse("initiatives:list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert collecting.title in html
    assert reverse("initiatives:detail", args=[draft.pk]) not in html  # drafts never listed
    empty = client.get(reverse("initiatives:list"), {"status": "answered"})
    assert "Neviena iniciatīva neatbilst" in empty.content.decode() or (
        "No initiative matches" in empty.content.decode()
    )
    assert (
        collecting.title
        in client.get(
            reverse("initiatives:list"), {"institution": ministry.slug, "kind": collecting.kind}
        ).content.decode()
    )


def test_the_navigation_and_the_institution_page_link_to_initiatives(client, collecting):
    home = client.get(reverse("initiatives:list")).content.decode()
    assert f'href="{reverse("initiatives:list")}"' in home
    institution_page = client.get(
        reverse("institutions:detail", args=[collecting.institution.slug])
    ).content.decode()
    assert reverse("initiatives:detail", args=[collecting.pk]) in institution_page


def test_the_page_shows_the_timeline_count_threshold_and_collection_end(
    client_for, collecting, signer
):
    services.signature_add(signer=signer, initiative=collecting, declared_min_age=True)
    page = client_for(None).get(reverse("initiatives:detail", args=[collecting.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="timeline"' in html
    assert "1 paraksts no 3" in html or "1 signature of 3" in html
    assert str(collecting.collection_ends_at.year) in html


def test_a_resident_signs_and_withdraws_with_a_posted_form(client_for, collecting, signer):
    client = client_for(signer)
    url = reverse("initiatives:sign", args=[collecting.pk])
    assert client.get(url).status_code == 405  # only POST changes anything
    response = client.post(url, {"declared_min_age": "on", "public_name": "on"})
    assert response.status_code == 302
    signature = Signature.objects.get(initiative=collecting, signer=signer)
    assert signature.public_name and signature.declared_min_age
    page = client.get(reverse("initiatives:detail", args=[collecting.pk])).content.decode()
    assert signer.display_name in page  # listed by their choice
    client.post(reverse("initiatives:unsign", args=[collecting.pk]))
    assert not Signature.objects.filter(initiative=collecting, signer=signer).exists()


def test_signing_without_the_age_declaration_is_refused_with_the_reason(
    client_for, collecting, signer
):
    client = client_for(signer)
    response = client.post(reverse("initiatives:sign", args=[collecting.pk]), follow=True)
    assert not Signature.objects.exists()
    assert "16" in response.content.decode()


def test_the_author_drafts_invites_and_the_cosponsor_accepts(
    client_for, author, cosponsor, ministry, small_rules
):
    from lidzdaliba.institutions.models import Territory, Topic

    client = client_for(author)
    assert client.get(reverse("initiatives:create")).status_code == 200
    response = client.post(
        reverse("initiatives:create"),
        {
            "institution": ministry.slug,
            "kind": "collective_submission",
            "title": "Jauns rotaļu laukums",
            "problem": "Apkaimē nav rotaļu laukuma.",
            "solution": "Izbūvēt rotaļu laukumu parkā.",
            "topic": Topic.objects.get(slug="valsts-parvalde").pk,
            "territory": Territory.objects.get(slug="latvija").pk,
        },
    )
    initiative = Initiative.objects.get(title="Jauns rotaļu laukums")
    assert response.status_code == 302 and initiative.author == author
    client.post(
        reverse("initiatives:cosponsors", args=[initiative.pk]), {"emails": cosponsor.email}
    )
    client.post(reverse("initiatives:submit", args=[initiative.pk]))
    assert Initiative.objects.get(pk=initiative.pk).status == Status.AWAITING_COSPONSORS
    invitation = CoSponsor.objects.get(initiative=initiative)
    accept_url = reverse("initiatives:cosponsor_accept", args=[invitation.token])
    # Somebody else signed in cannot accept another person's invitation.
    assert client_for(factories.UserFactory()).post(accept_url).status_code == 403
    assert client_for(cosponsor).get(accept_url).status_code == 200
    client_for(cosponsor).post(accept_url)
    assert Initiative.objects.get(pk=initiative.pk).status == Status.IN_MODERATION


def test_an_empty_draft_form_shows_its_errors(client_for, author):
    response = client_for(author).post(reverse("initiatives:create"), {})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()


def test_the_institution_moderates_from_its_queue(client_for, editor, in_moderation):
    client = client_for(editor)
    queue = client.get(reverse("initiatives:queue")).content.decode()
    assert reverse("initiatives:moderate", args=[in_moderation.pk]) in queue
    url = reverse("initiatives:moderate", args=[in_moderation.pk])
    refused = client.post(url, {"decision": "rejected"})
    assert refused.status_code == 400  # a rejection needs its reason and explanation
    client.post(url, {"decision": "returned", "reason": "duplicate", "text": "Jau ir līdzīga."})
    assert ModerationDecision.objects.get().reason == "duplicate"
    assert Initiative.objects.get(pk=in_moderation.pk).status == Status.RETURNED


def test_the_answer_needs_its_reason(client_for, responder, collecting):
    for _n in range(3):
        services.signature_add(
            signer=factories.UserFactory(), initiative=collecting, declared_min_age=True
        )
    client = client_for(responder)
    url = reverse("initiatives:answer", args=[collecting.pk])
    assert client.get(url).status_code == 200
    missing = client.post(url, {"outcome": Outcome.NOTED, "reason": ""})
    assert missing.status_code == 400
    assert Initiative.objects.get(pk=collecting.pk).status == Status.THRESHOLD_REACHED
    client.post(url, {"outcome": Outcome.NOTED, "reason": "Pieņemts zināšanai."})
    initiative = Initiative.objects.get(pk=collecting.pk)
    assert initiative.status == Status.ANSWERED
    client.post(
        reverse("initiatives:milestone_add", args=[collecting.pk]),
        {"date": "2027-03-01", "text": "Darbi uzsākti."},
    )
    page = client_for(None).get(reverse("initiatives:detail", args=[collecting.pk]))
    html = page.content.decode()
    assert "Pieņemts zināšanai." in html and "Darbi uzsākti." in html
