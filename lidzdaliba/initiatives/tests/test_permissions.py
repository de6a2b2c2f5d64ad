"""Who may do what, as a table: every role against every action, on the web and through the
API. A refused write leaves the database as it was; an allowed one has its effect.

Roles: the author, an accepted co-sponsor, a signer, another resident, officers of the
addressed institution (editor: moderates; responder: answers), an officer of another
institution, the coordinator, and an anonymous visitor (web: sent to sign in; API: 401).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lidzdaliba.core.enums import Outcome
from lidzdaliba.initiatives import services
from lidzdaliba.initiatives.models import Initiative, Signature, Status
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "author",
    "cosponsor",
    "signer",
    "resident",
    "editor",
    "responder",
    "other_officer",
    "coordinator",
]
LOGIN = "login"


@pytest.fixture
def world(author, cosponsor, signer, editor, ministry, small_rules, collecting, in_moderation):
    """A collecting initiative the signer signed, one in moderation and one at its threshold
    (all by the author, with the co-sponsor accepted), and a plain draft."""
    services.signature_add(signer=signer, initiative=collecting, declared_min_age=True)
    from lidzdaliba.testing.initiatives import collecting_initiative, draft_initiative

    reached = collecting_initiative(
        author, ministry, cosponsor, editor, title="Sasniegusi slieksni"
    )
    for _n in range(3):
        services.signature_add(
            signer=factories.UserFactory(), initiative=reached, declared_min_age=True
        )
    return {
        "collecting": collecting,
        "in_moderation": in_moderation,
        "reached": Initiative.objects.get(pk=reached.pk),
        "draft": draft_initiative(author, ministry, title="Melnraksts"),
    }


@pytest.fixture
def as_role(request, client_for):
    def make(role: str):
        user = None if role == "anonymous" else request.getfixturevalue(role)
        return client_for(user)

    return make


@pytest.fixture
def api_as(request, api_for):
    def make(role: str):
        user = None if role == "anonymous" else request.getfixturevalue(role)
        return api_for(user)

    return make


def outcome(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def status_of(initiative) -> str:
    return Initiative.objects.get(pk=initiative.pk).status


# --- Web ----------------------------------------------------------------------------------

# Reading an unpublished initiative: its people, the institution and the coordinator only.
VIEW_UNPUBLISHED = {
    "anonymous": 404,
    "author": 200,
    "cosponsor": 200,
    "signer": 404,
    "resident": 404,
    "editor": 200,
    "responder": 200,
    "other_officer": 404,
    "coordinator": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_web_view_unpublished(role, world, as_role):
    url = reverse("initiatives:detail", args=[world["in_moderation"].pk])
    assert outcome(as_role(role).get(url)) == VIEW_UNPUBLISHED[role]
    # The published one is public.
    assert (
        as_role(role).get(reverse("initiatives:detail", args=[world["collecting"].pk])).status_code
        == 200
    )


EDIT_DRAFT = {
    "anonymous": LOGIN,
    "author": 200,
    "cosponsor": 404,  # not invited to this draft
    "signer": 404,
    "resident": 404,
    "editor": 403,
    "responder": 403,
    "other_officer": 404,
    "coordinator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_web_edit_draft(role, world, as_role):
    url = reverse("initiatives:edit", args=[world["draft"].pk])
    assert outcome(as_role(role).get(url)) == EDIT_DRAFT[role]


MODERATE = {
    "anonymous": LOGIN,
    "author": 403,
    "cosponsor": 403,
    "signer": 404,
    "resident": 404,
    "editor": 302,
    "responder": 403,
    "other_officer": 404,
    "coordinator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_web_moderate(role, world, as_role):
    initiative = world["in_moderation"]
    response = as_role(role).post(
        reverse("initiatives:moderate", args=[initiative.pk]), {"decision": "approved"}
    )
    assert outcome(response) == MODERATE[role]
    expected = Status.COLLECTING if MODERATE[role] == 302 else Status.IN_MODERATION
    assert status_of(initiative) == expected


SIGN = {role: (LOGIN if role == "anonymous" else 302) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_web_sign(role, world, as_role):
    initiative = world["collecting"]
    before = Signature.objects.filter(initiative=initiative).count()
    response = as_role(role).post(
        reverse("initiatives:sign", args=[initiative.pk]), {"declared_min_age": "on"}
    )
    assert outcome(response) == SIGN[role]
    after = Signature.objects.filter(initiative=initiative).count()
    # Everyone signed in may sign once; the signer had signed already.
    assert after - before == (0 if role in {"anonymous", "signer"} else 1)


ANSWER = {
    "anonymous": LOGIN,
    "author": 403,
    "cosponsor": 403,
    "signer": 403,
    "resident": 403,
    "editor": 403,
    "responder": 302,
    "other_officer": 403,
    "coordinator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_web_answer(role, world, as_role):
    initiative = world["reached"]
    response = as_role(role).post(
        reverse("initiatives:answer", args=[initiative.pk]),
        {"outcome": Outcome.NOTED, "reason": "Pieņemts zināšanai."},
    )
    assert outcome(response) == ANSWER[role]
    expected = Status.ANSWERED if ANSWER[role] == 302 else Status.THRESHOLD_REACHED
    assert status_of(initiative) == expected


EXPORT = {
    "anonymous": LOGIN,
    "author": 403,
    "cosponsor": 403,
    "signer": 403,
    "resident": 403,
    "editor": 200,
    "responder": 200,
    "other_officer": 403,
    "coordinator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_web_export(role, world, as_role):
    url = reverse("initiatives:export", args=[world["collecting"].pk]) + "?format=csv"
    assert outcome(as_role(role).get(url)) == EXPORT[role]


WITHDRAW = {
    "anonymous": LOGIN,
    "author": 302,
    "cosponsor": 403,
    "signer": 403,
    "resident": 403,
    "editor": 403,
    "responder": 403,
    "other_officer": 403,
    "coordinator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_web_withdraw_initiative(role, world, as_role):
    initiative = world["collecting"]
    response = as_role(role).post(reverse("initiatives:withdraw", args=[initiative.pk]))
    assert outcome(response) == WITHDRAW[role]
    expected = Status.WITHDRAWN if WITHDRAW[role] == 302 else Status.COLLECTING
    assert status_of(initiative) == expected


QUEUE = {
    "anonymous": LOGIN,
    "author": 403,
    "cosponsor": 403,
    "signer": 403,
    "resident": 403,
    "editor": 200,
    "responder": 200,
    "other_officer": 200,  # their own (empty) queue
    "coordinator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_web_moderation_queue(role, world, as_role):
    response = as_role(role).get(reverse("initiatives:queue"))
    assert outcome(response) == QUEUE[role]
    if QUEUE[role] == 200:
        shown = world["in_moderation"].title in response.content.decode()
        assert shown == (role == "editor")


# --- API ----------------------------------------------------------------------------------

API = "/api/v1/initiatives"


def api_outcome(response) -> int:
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_api_view_unpublished(role, world, api_as):
    response = api_as(role).get(f"{API}/{world['in_moderation'].pk}")
    assert response.status_code == VIEW_UNPUBLISHED[role]


API_SIGN = {
    role: (401 if role == "anonymous" else (200 if role == "signer" else 201)) for role in ROLES
}


@pytest.mark.parametrize("role", ROLES)
def test_api_sign(role, world, api_as):
    response = api_as(role).post(
        f"{API}/{world['collecting'].pk}/signatures",
        {"declared_min_age": True},
        content_type="application/json",
    )
    assert response.status_code == API_SIGN[role]


API_ANSWER = {**ANSWER, "anonymous": 401, "responder": 200}


@pytest.mark.parametrize("role", ROLES)
def test_api_answer(role, world, api_as):
    initiative = world["reached"]
    response = api_as(role).post(
        f"{API}/{initiative.pk}/answer",
        {"outcome": "noted", "reason": "Pieņemts zināšanai."},
        content_type="application/json",
    )
    assert response.status_code == API_ANSWER[role]
    expected = Status.ANSWERED if API_ANSWER[role] == 200 else Status.THRESHOLD_REACHED
    assert status_of(initiative) == expected


API_EXPORT = {**EXPORT, "anonymous": 401}


@pytest.mark.parametrize("role", ROLES)
def test_api_export(role, world, api_as):
    response = api_as(role).get(f"{API}/{world['collecting'].pk}/signatures/export")
    assert response.status_code == API_EXPORT[role]


API_CREATE = {role: (401 if role == "anonymous" else 201) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_api_create(role, world, api_as, ministry):
    response = api_as(role).post(
        API,
        {
            "institution": ministry.slug,
            "kind": "idea",
            "title": "Ideja",
            "problem": "Problēma.",
            "solution": "Risinājums.",
            "topic": "valsts-parvalde",
            "territory": "latvija",
        },
        content_type="application/json",
    )
    assert response.status_code == API_CREATE[role]
