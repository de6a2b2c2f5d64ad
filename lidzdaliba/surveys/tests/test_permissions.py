"""Who may open which survey page: role × page, for a draft and for a published survey
whose results are not public. Expected codes: 200 allowed, 302 to sign-in, 403/404 refused
(404 where even the survey's existence is not public)."""

import pytest

from lidzdaliba.surveys import services
from lidzdaliba.surveys.models import Question

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "owner", "other_officer", "coordinator"]


@pytest.fixture
def users(resident, editor, other_officer, coordinator):
    return {
        "anonymous": None,
        "resident": resident,
        "owner": editor,
        "other_officer": other_officer,
        "coordinator": coordinator,
    }


@pytest.fixture
def draft(editor, ministry):
    s = services.survey_create(actor=editor, institution=ministry, title="Melnraksts")
    services.question_add(actor=editor, survey=s, kind=Question.Kind.TEXT, text="?")
    return s


@pytest.fixture
def closed_results(editor, ministry):
    s = services.survey_create(
        actor=editor, institution=ministry, title="Slēgti rezultāti", results_public=False
    )
    services.question_add(actor=editor, survey=s, kind=Question.Kind.TEXT, text="?")
    services.survey_publish(actor=editor, survey=s)
    return s


#              anonymous resident owner other_officer coordinator
MATRIX = {
    "desk":          (302, 403, 200, 200, 200),
    "build_draft":   (302, 403, 200, 403, 403),
    "preview_draft": (302, 403, 200, 403, 403),
    "detail_draft":  (404, 404, 200, 404, 200),
    "results_draft": (404, 404, 200, 404, 200),
    "results_closed": (404, 404, 200, 404, 200),
    "detail_closed": (200, 200, 200, 200, 200),
    "export_closed": (302, 403, 200, 403, 200),
    "import":        (302, 403, 200, 200, 200),
}  # fmt: skip


def _url(page, draft, closed):
    return {
        "desk": "/officer/surveys/",
        "build_draft": f"/officer/surveys/{draft.pk}/",
        "preview_draft": f"/officer/surveys/{draft.pk}/preview/",
        "detail_draft": f"/surveys/{draft.pk}/",
        "results_draft": f"/surveys/{draft.pk}/results/",
        "results_closed": f"/surveys/{closed.pk}/results/",
        "detail_closed": f"/surveys/{closed.pk}/",
        "export_closed": f"/officer/surveys/{closed.pk}/export.csv",
        "import": "/officer/surveys/import/",
    }[page]


@pytest.mark.parametrize("page", list(MATRIX))
def test_permission_matrix(page, users, draft, closed_results, client_for):
    for role, expected in zip(ROLES, MATRIX[page], strict=True):
        response = client_for(users[role]).get(_url(page, draft, closed_results))
        assert response.status_code == expected, (page, role, response.status_code)


def test_writes_are_refused_to_non_owners(users, draft, client_for):
    for role in ("resident", "other_officer", "coordinator"):
        client = client_for(users[role])
        r = client.post(f"/officer/surveys/{draft.pk}/", {"action": "publish"})
        assert r.status_code == 403
        assert client.post(f"/officer/surveys/{draft.pk}/copy/").status_code == 403
    draft.refresh_from_db()
    assert not draft.is_published


def test_coordinator_owns_cross_institution_surveys(coordinator, editor, client_for):
    own = services.survey_create(actor=coordinator, institution=None, title="Valsts")
    assert client_for(coordinator).get(f"/officer/surveys/{own.pk}/").status_code == 200
    assert client_for(editor).get(f"/officer/surveys/{own.pk}/").status_code == 403


def test_audiences(users, editor, ministry):
    from lidzdaliba.surveys.models import Survey

    expected = {
        Survey.Audience.PUBLIC: {"resident": True, "owner": False, "anonymous": False},
        Survey.Audience.OFFICERS: {"resident": False, "owner": True, "anonymous": False},
        Survey.Audience.BOTH: {"resident": True, "owner": True, "anonymous": False},
    }
    from django.contrib.auth.models import AnonymousUser

    for audience, by_role in expected.items():
        s = services.survey_create(
            actor=editor, institution=ministry, title=audience, audience=audience
        )
        services.question_add(actor=editor, survey=s, kind=Question.Kind.TEXT, text="?")
        s = services.survey_publish(actor=editor, survey=s)
        for role, allowed in by_role.items():
            user = users[role] or AnonymousUser()
            assert user.has_perm("surveys.respond", s) is allowed, (audience, role)
