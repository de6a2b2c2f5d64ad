"""Fraud measures on signing: one mailbox signs once (case, +tags, Gmail's dots), burst
limits per account and per client (429), disposable domains flagged or refused, and the
trends page (per hour, domains, networks, bursts) with who may see it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lidzdaliba.initiatives import trends
from lidzdaliba.initiatives.integrity import client_network, is_disposable, normalise_email
from lidzdaliba.initiatives.models import InitiativeRules, Kind, Signature
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_rules(ministry):
    return InitiativeRules.objects.create(
        institution=ministry,
        kind=Kind.COLLECTIVE_SUBMISSION,
        threshold_absolute=1000,
        min_cosponsors=1,
    )


def post_sign(initiative, user, *, ip="192.0.2.10"):
    client = Client(REMOTE_ADDR=ip)
    client.force_login(user)
    return client.post(
        reverse("initiatives:sign", args=[initiative.pk]), {"declared_min_age": "on"}
    )


@pytest.mark.parametrize(
    ("address", "canonical"),
    [
        ("Jan.Ozols@Gmail.com", "janozols@gmail.com"),
        ("j.a.n.ozols+petition@googlemail.com", "janozols@gmail.com"),
        ("Anna+x@Inbox.lv", "anna@inbox.lv"),
        ("anna.berzina@inbox.lv", "anna.berzina@inbox.lv"),  # dots matter outside Gmail
    ],
)
def test_normalise_email(address, canonical):
    assert normalise_email(address) == canonical


def test_networks_and_disposable_domains():
    assert client_network("198.51.100.200") == "198.51.100.0/24"
    assert client_network("2001:db8:aa:bb::/64") == "2001:db8:aa::/48"
    assert client_network("") == ""
    assert is_disposable("mailinator.com") and is_disposable("sub.mailinator.com")
    assert not is_disposable("inbox.lv")


def test_one_mailbox_signs_once_whatever_the_spelling(collecting, api_for):
    first = factories.UserFactory(email="jan.ozols@gmail.com")
    second = factories.UserFactory(email="JanOzols+2@gmail.com")
    assert post_sign(collecting, first).status_code == 302
    response = api_for(second).post(
        f"/api/v1/initiatives/{collecting.pk}/signatures",
        {"declared_min_age": True},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["error"] == "mailbox_signed"
    assert Signature.objects.filter(initiative=collecting).count() == 1


def test_burst_limit_per_client_answers_429(collecting, settings):
    # A day, not a minute: a fixed window that ended between two posts of a slow run
    # would let the fourth one through.
    settings.RATE_LIMITS = {"signature.client.burst": "3/day"}
    codes = [
        post_sign(collecting, factories.UserFactory(), ip="203.0.113.9").status_code
        for _n in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    # Another network is not held back.
    assert post_sign(collecting, factories.UserFactory(), ip="198.51.100.1").status_code == 302
    assert Signature.objects.filter(initiative=collecting).count() == 4


def test_burst_limit_per_account_in_the_api(collecting, settings, resident, api_for):
    settings.RATE_LIMITS = {"signature.account.burst": "2/day"}  # a day: see above
    api = api_for(resident)
    codes = [
        api.post(
            f"/api/v1/initiatives/{collecting.pk}/signatures",
            {"declared_min_age": True},
            content_type="application/json",
        ).status_code
        for _n in range(3)
    ]
    assert codes == [201, 200, 429]


def test_disposable_addresses_are_flagged_or_refused(collecting, settings, api_for):
    flagged = factories.UserFactory(email="x@mailinator.com")
    assert post_sign(collecting, flagged).status_code == 302
    assert Signature.objects.get(signer=flagged).disposable_email
    settings.INITIATIVE_DISPOSABLE_EMAIL = "refuse"
    refused = factories.UserFactory(email="y@mailinator.com")
    response = api_for(refused).post(
        f"/api/v1/initiatives/{collecting.pk}/signatures",
        {"declared_min_age": True},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "disposable" in response.json()["message"] or "vienreiz" in response.json()["message"]
    assert not Signature.objects.filter(signer=refused).exists()


def test_trends_count_hours_domains_networks_and_mark_bursts(collecting, editor, client_for):
    for n in range(trends.BURST_FLOOR):
        post_sign(collecting, factories.UserFactory(email=f"s{n}@spam.example"), ip="203.0.113.4")
    post_sign(collecting, factories.UserFactory(email="janis@inbox.lv"), ip="198.51.100.3")
    found = trends.signature_trends(collecting, window_hours=24)
    assert found.total == trends.BURST_FLOOR + 1
    assert found.domains[0].label == "spam.example" and found.domains[0].sudden
    assert found.networks[0].label == "203.0.113.0/24"
    assert found.networks[0].count == trends.BURST_FLOOR
    assert found.bursts == 1
    page = client_for(editor).get(reverse("initiatives:trends", args=[collecting.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "203.0.113.0/24" in html and "spam.example" in html
    assert "203.0.113.4" not in html


TRENDS = {
    "anonymous": "login",
    "author": 403,
    "resident": 403,
    "editor": 200,
    "responder": 200,
    "other_officer": 403,
    "coordinator": 200,
    "moderator": 200,
}


@pytest.fixture
def moderator(db):
    return factories.UserFactory(email="moderator@example.lv", is_moderator=True)


@pytest.mark.parametrize("role", list(TRENDS))
def test_who_sees_the_trends(role, request, collecting, client_for):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).get(reverse("initiatives:trends", args=[collecting.pk]))
    code = response.status_code
    if code == 302 and "/accounts/login/" in response["Location"]:
        code = "login"
    assert code == TRENDS[role]
