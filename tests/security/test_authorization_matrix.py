"""Who may see what: every role against every kind of private object, over the web and the API.

`lidzdaliba/consultations/tests/test_permissions_*.py` check the statuses of the officer desk;
this table adds the representative of an NGO, the objects outside consultations (audit log,
roles page) and, for every refusal, that the body carries none of the private content: not
the draft's title, not an unpublished answer's reason, not somebody else's e-mail address.

Each row says who is let in; everybody else gets the row's refusal. A refusal is
"login" (a redirect to sign in), a status (403, 404, 401), or "shell": the public page
that exists anyway (e.g. the feedback table "not published yet") without the secret.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Consultation, Opinion, OpinionAttachment
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories

from .conftest import ROLES

pytestmark = pytest.mark.django_db

INSIDERS = frozenset({"editor", "responder", "manager", "coordinator"})
NOBODY: frozenset[str] = frozenset()

DRAFT_TITLE = "Slepens melnraksts Q7X"
DRAFT_FILE = b"Slepens pielikums Z4K."
DRAFT_OPINION = "Viedoklis par slepenu melnrakstu W2M."
REASON = "Slepens iekšējais pamatojums R5P."
AUTHOR_EMAIL = "autors@example.lv"
AUTHOR_NAME = "Slepenais Autors"


class World:
    """The private objects, each made on first use (a test builds only what it reads)."""

    def __init__(self, editor, responder, ministry):
        self.editor, self.responder, self.ministry = editor, responder, ministry

    @cached_property
    def author(self):
        return factories.UserFactory(email=AUTHOR_EMAIL, full_name=AUTHOR_NAME)

    @cached_property
    def draft(self) -> Consultation:
        draft = services.consultation_create(
            actor=self.editor,
            institution=self.ministry,
            **factories.consultation_fields(title=DRAFT_TITLE),
        )
        services.document_version_create(
            actor=self.editor, consultation=draft, text=f"1. {DRAFT_TITLE} teksts."
        )
        services.document_version_create(
            actor=self.editor,
            consultation=draft,
            upload=SimpleUploadedFile("projekts.txt", f"1. {DRAFT_TITLE} labots.".encode()),
        )
        return draft

    @cached_property
    def draft_attachment(self):
        return services.attachment_add(
            actor=self.editor,
            consultation=self.draft,
            upload=SimpleUploadedFile("anotacija.txt", DRAFT_FILE),
            title="Anotācija",
        )

    @cached_property
    def draft_opinion(self) -> Opinion:
        opinion = factories.opinion(self.draft, self.author, text=DRAFT_OPINION)
        attachment = OpinionAttachment(
            opinion=opinion, original_name="x.txt", content_type="text/plain", size=22
        )
        attachment.file.save("upload", SimpleUploadedFile("x.txt", DRAFT_FILE), save=False)
        attachment.save()
        return opinion

    @cached_property
    def answered_privately(self) -> Opinion:
        """Closed, answered, the feedback table not yet published."""
        consultation = factories.close(factories.published_consultation(self.editor, self.ministry))
        opinion = factories.opinion(consultation, self.author, text="Publisks viedoklis.")
        services.answer_give(
            actor=self.responder, opinion=opinion, outcome=Outcome.NOTED, reason=REASON
        )
        return opinion


@pytest.fixture
def world(editor, responder, ministry) -> World:
    return World(editor, responder, ministry)


@pytest.fixture
def as_role(request, lenient_client, token_of):
    """`as_role(role)` → web client; `as_role(role, api=True)` → API client with a token."""

    def make(role: str, *, api: bool = False):
        if role == "anonymous":
            return lenient_client()
        user = request.getfixturevalue(role)
        return lenient_client(token=token_of(user)) if api else lenient_client(user)

    return make


@dataclass(frozen=True)
class Row:
    url: object  # World -> str
    allowed: frozenset[str]
    refusal: object  # "login", "shell" or a status code
    secrets: tuple[str, ...]
    api: bool = False
    anonymous: object = None  # the refusal for anonymous callers, when it differs

    def refusal_for(self, role: str):
        return self.anonymous if role == "anonymous" and self.anonymous else self.refusal


def _source(w: World) -> str:
    w.draft  # noqa: B018 -- makes the draft and its versions
    return reverse("consultations:version_source", args=[w.draft.pk, 2])


def _opinion_attachment(w: World) -> str:
    return reverse("consultations:opinion_attachment", args=[w.draft_opinion.attachments.get().pk])


ROLES_PAGE_SECRET = "editor@example.lv"
ROWS = {
    # --- a draft and everything in it -------------------------------------------------------
    "draft-page": Row(
        lambda w: reverse("consultations:detail", args=[w.draft.pk]),
        INSIDERS,
        404,
        (DRAFT_TITLE,),
    ),
    "draft-diff": Row(
        lambda w: reverse("consultations:version_diff", args=[w.draft.pk, 2]),
        INSIDERS,
        404,
        (DRAFT_TITLE,),
    ),
    "draft-source-download": Row(_source, INSIDERS, 404, (DRAFT_TITLE,)),
    "draft-attachment-download": Row(
        lambda w: reverse("consultations:attachment", args=[w.draft_attachment.pk]),
        INSIDERS,
        404,
        (DRAFT_FILE.decode(),),
    ),
    "draft-feedback-page": Row(
        lambda w: reverse("consultations:feedback", args=[w.draft.pk]),
        INSIDERS,
        404,
        (DRAFT_TITLE,),
    ),
    "draft-opinion-page": Row(
        lambda w: reverse("consultations:opinion", args=[w.draft_opinion.pk]),
        INSIDERS,
        404,
        (DRAFT_OPINION,),
    ),
    "draft-opinion-attachment": Row(_opinion_attachment, INSIDERS, 404, (DRAFT_FILE.decode(),)),
    "api-draft": Row(
        lambda w: f"/api/v1/consultations/{w.draft.pk}", INSIDERS, 404, (DRAFT_TITLE,), api=True
    ),
    "api-draft-opinions": Row(
        lambda w: f"/api/v1/consultations/{w.draft_opinion.consultation_id}/opinions",
        INSIDERS,
        404,
        (DRAFT_OPINION,),
        api=True,
    ),
    "api-draft-opinion": Row(
        lambda w: f"/api/v1/opinions/{w.draft_opinion.pk}",
        INSIDERS,
        404,
        (DRAFT_OPINION,),
        api=True,
    ),
    "api-draft-feedback": Row(
        lambda w: f"/api/v1/consultations/{w.draft.pk}/feedback-table",
        INSIDERS,
        404,
        (DRAFT_TITLE,),
        api=True,
    ),
    "api-search-draft": Row(
        lambda w: w.draft and "/api/v1/search?q=Slepens",
        NOBODY,  # search lists published consultations only, even for insiders
        "shell",
        (DRAFT_TITLE,),
        api=True,
    ),
    # --- an answer before the feedback table is published -----------------------------------
    "answer-on-opinion-page": Row(
        lambda w: reverse("consultations:opinion", args=[w.answered_privately.pk]),
        INSIDERS,
        "shell",
        (REASON,),
    ),
    "answer-on-consultation-page": Row(
        lambda w: reverse("consultations:detail", args=[w.answered_privately.consultation_id]),
        INSIDERS,
        "shell",
        (REASON,),
    ),
    "answer-in-feedback-table": Row(
        lambda w: reverse("consultations:feedback", args=[w.answered_privately.consultation_id]),
        INSIDERS,
        "shell",
        (REASON,),
    ),
    "answer-in-feedback-csv": Row(
        lambda w: (
            reverse("consultations:feedback", args=[w.answered_privately.consultation_id])
            + "?format=csv"
        ),
        INSIDERS,
        403,  # the page is a shell; a download that cannot be given is refused, as in the API
        (REASON,),
    ),
    "api-answer-in-opinion": Row(
        lambda w: f"/api/v1/opinions/{w.answered_privately.pk}",
        INSIDERS,
        "shell",
        (REASON,),
        api=True,
    ),
    "api-answer-in-opinions": Row(
        lambda w: f"/api/v1/consultations/{w.answered_privately.consultation_id}/opinions",
        INSIDERS,
        "shell",
        (REASON,),
        api=True,
    ),
    "api-answer-in-feedback": Row(
        lambda w: f"/api/v1/consultations/{w.answered_privately.consultation_id}/feedback-table",
        INSIDERS,
        403,
        (REASON,),
        api=True,
    ),
    "api-answer-in-feedback-xlsx": Row(
        lambda w: (
            f"/api/v1/consultations/{w.answered_privately.consultation_id}/feedback-table"
            "?format=xlsx"
        ),
        INSIDERS,
        403,
        (),
        api=True,
    ),
    "api-answer-in-search": Row(
        lambda w: w.answered_privately and "/api/v1/search?q=pamatojums",
        NOBODY,
        "shell",
        (REASON,),
        api=True,
    ),
    # --- officer-only pages -----------------------------------------------------------------
    "audit-log": Row(
        lambda w: w.draft and reverse("audit:list"),
        frozenset({"manager", "coordinator"}),
        403,
        (DRAFT_TITLE,),
        anonymous="login",
    ),
    "roles-page": Row(
        lambda w: reverse("institutions:roles", args=[w.ministry.slug]),
        frozenset({"manager", "coordinator"}),
        403,
        (ROLES_PAGE_SECRET,),
        anonymous="login",
    ),
}
# An officer of another institution reads their own audit log, which must not show ours.
SHELL_FOR = {("audit-log", "other_officer")}
CASES = [pytest.param(row, role, id=f"{row}-{role}") for row in ROWS for role in ROLES]


def body_of(response) -> str:
    """The body as text; JSON re-encoded so non-ASCII letters are not escaped."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", errors="replace")
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json"):
        return json.dumps(json.loads(text), ensure_ascii=False)
    if content_type.startswith("text/calendar"):
        return text.replace("\r\n ", "")  # unfold lines (RFC 5545, 3.1)
    return text


def assert_refused(response, refusal, secrets: tuple[str, ...]) -> None:
    body = body_of(response)
    if refusal == "login":
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("account_login"))
    elif refusal == "shell":
        assert response.status_code == 200, response.status_code
        assert "attachment" not in response.get("Content-Disposition", "")
    else:
        assert response.status_code == refusal, (response.status_code, body[:300])
    for secret in (*secrets, AUTHOR_EMAIL, AUTHOR_NAME):
        assert secret not in body, f"{secret!r} leaked"


@pytest.mark.parametrize(("row", "role"), CASES)
def test_private_objects(row, role, world, as_role, django_capture_on_commit_callbacks):
    spec = ROWS[row]
    with django_capture_on_commit_callbacks(execute=True):  # indexing, as after a commit
        url = spec.url(world)
    response = as_role(role, api=spec.api).get(url)
    if role in spec.allowed:
        assert response.status_code == 200, (response.status_code, body_of(response)[:300])
        body = body_of(response)
        for secret in spec.secrets:
            assert secret in body, f"{secret!r} missing for {role}"
    else:
        refusal = "shell" if (row, role) in SHELL_FOR else spec.refusal_for(role)
        assert_refused(response, refusal, spec.secrets)


@pytest.mark.parametrize("role", ROLES)
def test_lists_never_show_a_draft(role, world, as_role, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world.draft  # noqa: B018
        published = factories.published_consultation(world.editor, world.ministry)
    for url, api in (
        (reverse("web:home"), False),
        (reverse("consultations:list"), False),
        (reverse("institutions:detail", args=[world.ministry.slug]), False),
        (reverse("search:search") + "?q=noteikumi", False),
        (reverse("feeds:consultations"), False),
        (reverse("feeds:calendar"), False),
        ("/api/v1/consultations", True),
        ("/api/v1/search?q=noteikumi", True),
    ):
        body = body_of(as_role(role, api=api).get(url))
        assert DRAFT_TITLE not in body, url
        assert published.title in body, url
