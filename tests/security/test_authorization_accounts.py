"""What belongs to one person or organisation stays theirs: subscriptions, API tokens,
organisations — and private exports, which need authorisation every time they are fetched.

Every role tries somebody else's object over the web and the API; the answer is a refusal
(401/403/404, or "sign in first"), the object is unchanged, and the body does not carry the
owner's e-mail address.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.accounts.models import ApiToken, Representation
from lidzdaliba.consultations import services
from lidzdaliba.core.enums import Outcome
from lidzdaliba.notifications.models import Subscription
from lidzdaliba.testing import factories

from .conftest import ROLES, post_json

pytestmark = pytest.mark.django_db

VICTIM = "cietusais@example.lv"
LOGIN = "login"


@pytest.fixture
def victim(db):
    return factories.UserFactory(email=VICTIM, full_name="Cietušais Upuris")


@pytest.fixture
def victims_subscription(victim, ministry) -> Subscription:
    return Subscription.objects.create(
        email=VICTIM,
        user=victim,
        kind=Subscription.Kind.INSTITUTION,
        institution=ministry,
        target_key=f"institution:{ministry.pk}",
        confirmed_at=timezone.now(),
    )


@pytest.fixture
def user_of(request):
    return lambda role: None if role == "anonymous" else request.getfixturevalue(role)


def assert_refused(response, expected, *, secret: str = VICTIM) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("account_login")), response["Location"]
    elif isinstance(expected, tuple):
        assert response.status_code in expected, response.status_code
    else:
        assert response.status_code == expected, response.status_code
    assert secret not in response.content.decode("utf-8", errors="replace")


# --- Subscriptions --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_subscription_by_a_wrong_token(
    role, victims_subscription, lenient_client, user_of
):
    client = lenient_client(user_of(role))
    real = victims_subscription.token
    wrong = {"x" * 43, real[:-1] + ("A" if real[-1] != "A" else "B"), real.swapcase(), ""}
    for token in sorted(wrong - {real}):
        url = f"/subscriptions/manage/{token}/"
        assert_refused(client.get(url), 404)
        assert_refused(
            client.post(url, {"subscription": victims_subscription.pk, "delete": "1"}), 404
        )
    assert Subscription.objects.filter(pk=victims_subscription.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_subscription_with_ones_own_token(
    role, victims_subscription, ministry, lenient_client, user_of
):
    """A manage link of one's own address must not reach another address's subscription."""
    own = Subscription.objects.create(
        email="citam@example.lv",
        kind=Subscription.Kind.TOPIC,
        topic=factories.consultation_fields()["topic"],
        target_key="topic:own",
    )
    client = lenient_client(user_of(role))
    url = reverse("notifications:manage", args=[own.token])
    page = client.get(url)
    assert page.status_code == 200 and VICTIM not in page.content.decode()
    for data in (
        {"subscription": victims_subscription.pk, "delete": "1"},
        {"subscription": victims_subscription.pk, "frequency": "weekly"},
    ):
        assert_refused(client.post(url, data), 404)
    victims_subscription.refresh_from_db()
    assert victims_subscription.frequency == Subscription.Frequency.IMMEDIATE


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_subscription_on_my_subscriptions_page(
    role, victims_subscription, lenient_client, user_of
):
    client = lenient_client(user_of(role))
    url = reverse("notifications:mine")
    if role == "anonymous":
        assert_refused(client.get(url), LOGIN)
        assert_refused(client.post(url, {"subscription": victims_subscription.pk}), LOGIN)
    else:
        page = client.get(url)
        assert page.status_code == 200 and VICTIM not in page.content.decode()
        data = {"subscription": victims_subscription.pk, "delete": "1"}
        assert_refused(client.post(url, data), 404)
    assert Subscription.objects.filter(pk=victims_subscription.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_subscription_over_the_api(
    role, victims_subscription, lenient_client, user_of, token_of
):
    user = user_of(role)
    client = lenient_client(token=token_of(user)) if user else lenient_client()
    listed = client.get("/api/v1/subscriptions")
    deleted = client.delete(f"/api/v1/subscriptions/{victims_subscription.pk}")
    if user is None:
        assert_refused(listed, 401)
        assert_refused(deleted, 401)
    else:
        assert listed.status_code == 200 and VICTIM not in listed.content.decode()
        assert_refused(deleted, 404)
    assert Subscription.objects.filter(pk=victims_subscription.pk).exists()


# --- API tokens -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_api_token_cannot_be_revoked(
    role, victim, lenient_client, user_of, token_of, open_consultation
):
    key = token_of(victim)
    token = ApiToken.objects.get(user=victim)
    response = lenient_client(user_of(role)).post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is None
    assert lenient_client(token=key).get("/api/v1/subscriptions").status_code == 200
    # Refused like any other object of somebody else's, not "The token was revoked." (a 302
    # to the profile with a success message, although nothing happened).
    assert_refused(response, LOGIN if role == "anonymous" else (403, 404))


@pytest.mark.parametrize("role", ROLES)
def test_profile_lists_only_ones_own_tokens(role, victim, lenient_client, user_of, token_of):
    token_of(victim)
    ApiToken.objects.filter(user=victim).update(name="Cietušā žetons")
    response = lenient_client(user_of(role)).get(reverse("accounts:profile"))
    if role == "anonymous":
        assert_refused(response, LOGIN)
    else:
        assert response.status_code == 200
        assert "Cietušā žetons" not in response.content.decode()


# --- Organisations --------------------------------------------------------------------------

REP_EMAIL = "ngo@example.lv"


@pytest.mark.parametrize("role", ROLES)
def test_organisation_page_is_for_its_representatives(role, ngo, ngo_rep, lenient_client, user_of):
    client = lenient_client(user_of(role))
    url = reverse("accounts:organisation", args=[ngo.pk])
    response = client.get(url)
    if role == "ngo_rep":
        assert response.status_code == 200 and REP_EMAIL in response.content.decode()
        return
    expected = LOGIN if role == "anonymous" else 403
    assert_refused(response, expected, secret=REP_EMAIL)
    outsider = factories.UserFactory(email="outsider@example.lv")
    before = list(Representation.objects.values_list("organisation", "user", "is_admin"))
    assert_refused(client.post(url, {"email": outsider.email}), expected, secret=REP_EMAIL)
    assert_refused(client.post(url, {"remove": ngo_rep.pk}), expected, secret=REP_EMAIL)
    assert list(Representation.objects.values_list("organisation", "user", "is_admin")) == before


@pytest.mark.parametrize("role", ROLES)
def test_opinion_for_an_organisation_one_does_not_represent(
    role, ngo, open_consultation, lenient_client, user_of, token_of
):
    user = user_of(role)
    if user is None or role == "ngo_rep":
        return  # anonymous: 401 in test_permissions_api.py; the representative may
    response = post_json(
        lenient_client(token=token_of(user)),
        f"/api/v1/consultations/{open_consultation.pk}/opinions",
        {"kind": "proposal", "text": "Biedrības vārdā.", "organisation_id": ngo.pk},
    )
    assert_refused(response, 403)
    assert not open_consultation.opinions.exists()


# --- Exports: authorised every time -----------------------------------------------------------

FORMATS = ["csv", "xlsx", "ods", "docx"]
SECRET_REASON = "Nepublicēts pamatojums K8D."


@pytest.fixture
def closed_with_private_answer(editor, responder, ministry, resident):
    consultation = factories.close(factories.published_consultation(editor, ministry))
    opinion = factories.opinion(consultation, resident, text="Viedoklis izziņai.")
    services.answer_give(
        actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason=SECRET_REASON
    )
    return consultation


def assert_not_shared_cacheable(response) -> None:
    cache_control = response.get("Cache-Control", "").lower()
    assert "public" not in cache_control, cache_control
    personal = "private" in cache_control or "no-store" in cache_control
    assert personal or "cookie" in response.get("Vary", "").lower(), dict(response.headers)


@pytest.mark.parametrize("fmt", FORMATS)
def test_private_export_link_does_not_work_for_others(
    fmt, closed_with_private_answer, responder, lenient_client, token_of
):
    consultation = closed_with_private_answer
    page = lenient_client(responder).get(reverse("consultations:feedback", args=[consultation.pk]))
    links = [f"?format={f}" for f in FORMATS]
    assert all(link in page.content.decode() for link in links)  # plain links, no secret token
    url = reverse("consultations:feedback", args=[consultation.pk]) + f"?format={fmt}"
    officer = lenient_client(responder).get(url)
    assert officer.status_code == 200
    assert officer["Content-Disposition"].startswith("attachment")
    assert_not_shared_cacheable(officer)
    for client in (lenient_client(), lenient_client(factories.UserFactory())):
        again = client.get(url)  # the very same address, without the officer's session
        assert "attachment" not in again.get("Content-Disposition", "")
        assert SECRET_REASON not in again.content.decode("utf-8", errors="replace")

    api_url = f"/api/v1/consultations/{consultation.pk}/feedback-table?format={fmt}"
    officer = lenient_client(token=token_of(responder)).get(api_url)
    assert officer.status_code == 200 and officer["Content-Disposition"].startswith("attachment")
    assert "public" not in officer.get("Cache-Control", "")
    for client in (lenient_client(), lenient_client(token=token_of(factories.UserFactory()))):
        assert_refused(client.get(api_url), 403, secret=SECRET_REASON)
