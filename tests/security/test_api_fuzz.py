"""The JSON API fuzzed from its own OpenAPI document with schemathesis.

Every operation of /api/v1/openapi.json gets generated requests — valid ones and, in
schemathesis' negative mode, invalid ones (wrong types, malformed bodies) — sent straight to
the WSGI application inside the test database. A response must never be a 5xx, and its
status code, content type and body must be the ones the document declares.

Path parameters are mapped onto real rows (open, closed, answered and draft consultations,
their opinions, a subscription), so the fuzzer reaches the code behind the 404s, and every
request carries the bearer token of a manager of the institution: the widest view there is.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lidzdaliba.accounts.services import api_token_create
from lidzdaliba.consultations import services
from lidzdaliba.core.enums import Outcome
from lidzdaliba.notifications.models import Subscription
from lidzdaliba.testing import factories
from lidzdaliba.wsgi import application

# Hypothesis keeps caches (Unicode tables, constants) in .hypothesis/ of the working folder;
# not in the project.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "lidzdaliba-hypothesis")

# Loaded from the application itself, as a client would (no database needed for it).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Per operation; the coverage phase adds its own cases. The whole run stays well under a
# minute on two cores.
MAX_EXAMPLES = 40
# Filled by the `world` fixture, read by the hooks below (which schemathesis calls while
# generating, inside the test).
WORLD: dict = {}


@schema.hook
def map_path_parameters(context, path_parameters):
    """Mostly real ids (one slot keeps the generated value, so unknown ids are tried too)."""
    if not path_parameters:
        return path_parameters
    mapped = dict(path_parameters)
    for name, value in path_parameters.items():
        known = WORLD.get(name)
        if known and isinstance(value, int) and not isinstance(value, bool):
            choices = [*known, value]
            mapped[name] = choices[value % len(choices)]
    return mapped


@schema.hook
def map_query(context, query):
    """Half the searches use a word the data contains, so results are produced and checked."""
    if query and isinstance(query.get("q"), str) and len(query["q"]) % 2 == 0:
        return {**query, "q": "noteikumi"}
    return query


@pytest.fixture
def world(db, editor, responder, manager, ministry, resident, django_capture_on_commit_callbacks):
    # The WSGI handler closes "old" connections around each request, which would end the
    # test's transaction; Django's test client does the same thing to avoid it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_capture_on_commit_callbacks(execute=True):  # search indexing, as on commit
        open_one = factories.published_consultation(editor, ministry)
        closed = factories.close(factories.published_consultation(editor, ministry))
        clause = factories.commentable_clauses(closed)[0]
        first = factories.opinion(closed, resident, text="Ierosinu precizēt noteikumus.")
        second = factories.opinion(closed, resident, clause=clause, proposed_wording="Jauns.")
        services.answer_give(actor=responder, opinion=first, outcome=Outcome.NOTED, reason="X.")
        answered = factories.close(factories.published_consultation(editor, ministry))
        third = factories.opinion(answered, resident, text="Noteikumi ir labi.")
        services.answer_give(
            actor=responder, opinion=third, outcome=Outcome.NOTED, reason="Paldies, noteikumi."
        )
        services.feedback_publish(actor=responder, consultation=answered)
        draft = services.consultation_create(
            actor=editor, institution=ministry, **factories.consultation_fields()
        )
    subscription = Subscription.objects.create(
        email=manager.email,
        user=manager,
        kind=Subscription.Kind.INSTITUTION,
        institution=ministry,
        target_key=f"institution:{ministry.pk}",
    )
    _token, key = api_token_create(user=manager, name="fuzzing")
    WORLD.update(
        consultation_id=[open_one.pk, closed.pk, answered.pk, draft.pk],
        opinion_id=[first.pk, second.pk, third.pk],
        subscription_id=[subscription.pk],
        headers={"Authorization": f"Bearer {key}"},
    )
    yield WORLD
    WORLD.clear()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,  # no example database written into the project
    derandomize=True,  # the same requests on every CI run: a failure is reproducible
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, world):
    case.call_and_validate(headers=world["headers"], checks=CHECKS)


# --- Requests the fuzzer seldom makes -------------------------------------------------------

CONSULTATION = "/api/v1/consultations/{consultation_id}"
KNOWN = {
    # id: (path, method, path parameters (index into the world's ids, or a raw value), query)
    "search-everything": ("/api/v1/search", "GET", {}, {"q": "noteikumi"}),
    "search-opinions": ("/api/v1/search", "GET", {}, {"q": "noteikumi", "kind": "opinion"}),
    "search-answers": ("/api/v1/search", "GET", {}, {"q": "paldies", "kind": "answer"}),
    "institutions": ("/api/v1/institutions", "GET", {}, {}),
    "my-subscriptions": ("/api/v1/subscriptions", "GET", {}, {}),
    "draft": (CONSULTATION, "GET", {"consultation_id": 3}, {}),
    "answered-opinions": (CONSULTATION + "/opinions", "GET", {"consultation_id": 1}, {}),
    "feedback-table": (CONSULTATION + "/feedback-table", "GET", {"consultation_id": 2}, {}),
    "id-not-a-number": (CONSULTATION, "GET", {"consultation_id": "septiņi"}, {}),
    "opinion-id-not-a-number": ("/api/v1/opinions/{opinion_id}", "GET", {"opinion_id": "x"}, {}),
}


@pytest.mark.parametrize("known", KNOWN)
def test_known_requests_conform_to_the_schema(known, world):
    path, method, parameters, query = KNOWN[known]
    parameters = {
        name: world[name][value] if isinstance(value, int) else value
        for name, value in parameters.items()
    }
    case = schema[path][method].Case(path_parameters=parameters, query=query)
    case.call_and_validate(headers=world["headers"], checks=CHECKS)


# --- What the document does not say ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "ods", "docx"])
def test_feedback_table_formats_are_declared(fmt, world, client):
    """The document declares no content at all for the feedback table's 200, so neither the
    JSON table nor the files can be checked (or generated into a client) from it."""
    path = "/api/v1/consultations/{consultation_id}/feedback-table"
    declared = schema.raw_schema["paths"][path]["get"]["responses"]["200"].get("content", {})
    response = client.get(
        f"/api/v1/consultations/{world['consultation_id'][2]}/feedback-table",
        {"format": fmt},
        headers=world["headers"],
    )
    assert response.status_code == 200
    media_type = response["Content-Type"].split(";")[0]
    assert media_type in declared, (media_type, sorted(declared))
    if media_type == "application/json":
        assert "$ref" in str(declared[media_type].get("schema", {}))
