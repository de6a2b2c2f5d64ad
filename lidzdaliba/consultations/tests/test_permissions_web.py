"""Who may open which web page and do which action, as a table: every officer page and action
against every role, and the public pages that must not show drafts or unpublished answers.

A refused write must leave the database exactly as it was; an allowed one must have its effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import (
    Answer,
    Attachment,
    Consultation,
    DocumentVersion,
    Opinion,
)
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "editor", "responder", "manager", "other_officer", "coordinator"]
LOGIN = "login"  # the expected "status" of an anonymous visitor: a redirect to sign in


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def consultation_form_data(consultation: Consultation | None = None, **overrides) -> dict:
    fields = factories.consultation_fields()
    if consultation is not None:
        fields = {name: getattr(consultation, name) for name in fields}
    data = {
        **fields,
        "topic": fields["topic"].pk,
        "territory": fields["territory"].pk,
        "opens_at": local(fields["opens_at"]),
        "closes_at": local(fields["closes_at"]),
        "act_type": "other",
        "contact_phone": "",
        "short_period_justification": "",
    }
    data.update(overrides)
    return data


class World:
    """The consultations the table needs, in each stage, made on first use."""

    def __init__(self, editor, responder, resident, ministry):
        self.editor, self.responder, self.resident, self.ministry = (
            editor,
            responder,
            resident,
            ministry,
        )

    @cached_property
    def draft(self) -> Consultation:
        consultation = services.consultation_create(
            actor=self.editor, institution=self.ministry, **factories.consultation_fields()
        )
        services.document_version_create(
            actor=self.editor, consultation=consultation, text=factories.DRAFT_TEXT
        )
        return consultation

    @cached_property
    def open(self) -> Consultation:
        return factories.published_consultation(self.editor, self.ministry)

    @cached_property
    def closed(self) -> Consultation:
        consultation = factories.close(factories.published_consultation(self.editor, self.ministry))
        self.opinions = [
            factories.opinion(consultation, self.resident, text="Pirmais viedoklis."),
            factories.opinion(consultation, self.resident, text="Otrais viedoklis."),
        ]
        return consultation

    @property
    def first_opinion(self) -> Opinion:
        return self.closed and self.opinions[0]

    @cached_property
    def answered(self) -> Consultation:
        """Closed, every opinion answered, the feedback table published."""
        consultation = factories.close(factories.published_consultation(self.editor, self.ministry))
        opinion = factories.opinion(consultation, self.resident)
        services.answer_give(
            actor=self.responder,
            opinion=opinion,
            outcome=Outcome.NOTED,
            reason="Pieņemts zināšanai.",
        )
        services.feedback_publish(actor=self.responder, consultation=consultation)
        return Consultation.objects.get(pk=consultation.pk)


@pytest.fixture
def world(editor, responder, resident, ministry) -> World:
    return World(editor, responder, resident, ministry)


@pytest.fixture
def as_role(request, client_for):
    def make(role: str):
        user = None if role == "anonymous" else request.getfixturevalue(role)
        return client_for(user)

    return make


def assert_status(response, expected) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("account_login")), response["Location"]
    else:
        assert response.status_code == expected, (response.status_code, expected)


def database_state() -> tuple:
    """Everything an officer action could change."""
    return (
        list(Consultation.objects.order_by("pk").values()),
        DocumentVersion.objects.count(),
        Attachment.objects.count(),
        list(Answer.objects.order_by("pk").values("opinion_id", "outcome", "reason")),
        Opinion.objects.count(),
        AuditEntry.objects.count(),
    )


# --- Officer pages (GET) --------------------------------------------------------------------

RES, ED, RSP, MGR, OTH, CRD = (
    "resident",
    "editor",
    "responder",
    "manager",
    "other_officer",
    "coordinator",
)
PAGES = {
    # page: (url, {role: status}); anonymous visitors are always sent to sign in.
    "dashboard": (
        lambda w: reverse("officer:dashboard"),
        {RES: 403, ED: 200, RSP: 200, MGR: 200, OTH: 200, CRD: 200},
    ),
    "create": (
        lambda w: reverse("officer:create"),
        {RES: 403, ED: 200, RSP: 403, MGR: 200, OTH: 200, CRD: 403},
    ),
    "manage": (
        lambda w: reverse("officer:manage", args=[w.draft.pk]),
        {RES: 403, ED: 200, RSP: 200, MGR: 200, OTH: 403, CRD: 200},
    ),
    "edit": (
        lambda w: reverse("officer:edit", args=[w.draft.pk]),
        {RES: 403, ED: 200, RSP: 403, MGR: 200, OTH: 403, CRD: 200},
    ),
    "version_create": (
        lambda w: reverse("officer:version_create", args=[w.draft.pk]),
        {RES: 403, ED: 200, RSP: 403, MGR: 200, OTH: 403, CRD: 200},
    ),
    "attachment_create": (
        lambda w: reverse("officer:attachment_create", args=[w.draft.pk]),
        {RES: 403, ED: 200, RSP: 403, MGR: 200, OTH: 403, CRD: 200},
    ),
    "answers": (
        lambda w: reverse("officer:answers", args=[w.closed.pk]),
        {RES: 403, ED: 200, RSP: 200, MGR: 200, OTH: 403, CRD: 200},
    ),
    "answer": (
        lambda w: reverse("officer:answer", args=[w.first_opinion.pk]),
        {RES: 403, ED: 200, RSP: 200, MGR: 200, OTH: 403, CRD: 200},
    ),
    "feedback_publish": (
        lambda w: reverse("officer:feedback_publish", args=[w.closed.pk]),
        {RES: 403, ED: 403, RSP: 200, MGR: 200, OTH: 403, CRD: 200},
    ),
    "decision": (
        lambda w: reverse("officer:decision", args=[w.answered.pk]),
        {RES: 403, ED: 200, RSP: 403, MGR: 200, OTH: 403, CRD: 200},
    ),
    "audit_log": (
        lambda w: reverse("audit:list"),
        {RES: 403, ED: 403, RSP: 403, MGR: 200, OTH: 200, CRD: 200},
    ),
}
PAGE_CASES = [
    pytest.param(page, role, LOGIN if role == "anonymous" else table[role], id=f"{page}-{role}")
    for page, (_url, table) in PAGES.items()
    for role in ROLES
]


@pytest.mark.parametrize(("page", "role", "expected"), PAGE_CASES)
def test_officer_page(page, role, expected, world, as_role):
    url = PAGES[page][0](world)
    response = as_role(role).get(url)
    assert_status(response, expected)


# --- Officer actions (POST) -----------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    url: object  # World -> str
    data: object  # World -> dict
    allowed: frozenset[str]
    done: object  # World -> bool, checked after an allowed POST


def _docx_upload() -> SimpleUploadedFile:
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("Ietekmes novērtējums.")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("anotacija.docx", buffer.getvalue())


ACTIONS = {
    "create": Action(
        url=lambda w: reverse("officer:create"),
        data=lambda w: consultation_form_data(institution="ministrija", title="Jauna apspriešana"),
        allowed=frozenset({ED, MGR}),
        done=lambda w: Consultation.objects.filter(
            title="Jauna apspriešana", institution=w.ministry
        ).exists(),
    ),
    "edit": Action(
        url=lambda w: reverse("officer:edit", args=[w.draft.pk]),
        data=lambda w: consultation_form_data(w.draft, title="Labots nosaukums"),
        allowed=frozenset({ED, MGR}),
        done=lambda w: Consultation.objects.get(pk=w.draft.pk).title == "Labots nosaukums",
    ),
    "publish": Action(
        url=lambda w: reverse("officer:publish", args=[w.draft.pk]),
        data=lambda w: {},
        allowed=frozenset({ED, MGR}),
        done=lambda w: Consultation.objects.get(pk=w.draft.pk).announced_at is not None,
    ),
    "version_create": Action(
        url=lambda w: reverse("officer:version_create", args=[w.open.pk]),
        data=lambda w: {"text": "1. Jauns teksts.\n2. Vēl viens punkts.", "change_note": "Jauns"},
        allowed=frozenset({ED, MGR}),
        done=lambda w: w.open.versions.count() == 2,
    ),
    "attachment_create": Action(
        url=lambda w: reverse("officer:attachment_create", args=[w.draft.pk]),
        data=lambda w: {"title": "Anotācija", "file": _docx_upload()},
        allowed=frozenset({ED, MGR}),
        done=lambda w: w.draft.attachments.filter(title="Anotācija").exists(),
    ),
    "answers_bulk": Action(
        url=lambda w: reverse("officer:answers", args=[w.closed.pk]),
        data=lambda w: {
            "opinions": [o.pk for o in w.opinions],
            "outcome": Outcome.NOTED,
            "reason": "Abi viedokļi ņemti vērā zināšanai.",
            "new_wording": "",
        },
        allowed=frozenset({RSP, MGR}),
        done=lambda w: Answer.objects.filter(opinion__consultation=w.closed).count() == 2,
    ),
    "answer": Action(
        url=lambda w: reverse("officer:answer", args=[w.first_opinion.pk]),
        data=lambda w: {"outcome": Outcome.TAKEN_INTO_ACCOUNT, "reason": "Precizēsim."},
        allowed=frozenset({RSP, MGR}),
        done=lambda w: Answer.objects.filter(opinion=w.opinions[0]).exists(),
    ),
    "feedback_publish": Action(
        url=lambda w: reverse("officer:feedback_publish", args=[w.closed.pk]),
        data=lambda w: {"justification": "Atbildes sagatavo citā iestādē."},
        allowed=frozenset({RSP, MGR}),
        done=lambda w: Consultation.objects.get(pk=w.closed.pk).feedback_published_at is not None,
    ),
    "decision": Action(
        url=lambda w: reverse("officer:decision", args=[w.answered.pk]),
        data=lambda w: {
            "decision_url": "https://likumi.lv/ta/id/1",
            "decision_summary": "Noteikumi pieņemti.",
        },
        allowed=frozenset({ED, MGR}),
        done=lambda w: Consultation.objects.get(pk=w.answered.pk).decided_at is not None,
    ),
}
ACTION_CASES = [
    pytest.param(action, role, id=f"{action}-{role}") for action in ACTIONS for role in ROLES
]


@pytest.mark.parametrize(("action", "role"), ACTION_CASES)
def test_officer_action(action, role, world, as_role):
    spec = ACTIONS[action]
    url = spec.url(world)
    data = spec.data(world)
    client = as_role(role)
    before = database_state()
    response = client.post(url, data)
    if role in spec.allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert spec.done(world)
    elif role == "anonymous":
        assert_status(response, LOGIN)
        assert database_state() == before
    else:
        # An editor of another institution asking to create in ours is refused (403, or a
        # form error), not quietly given a consultation in their own institution.
        expected = (400, 403) if (action, role) == ("create", OTH) else (403,)
        assert response.status_code in expected, response.status_code
        assert database_state() == before


# --- Public pages ---------------------------------------------------------------------------

INSIDERS = {ED, RSP, MGR, CRD}


@pytest.mark.parametrize("role", ROLES)
def test_draft_detail_only_for_insiders(role, world, as_role):
    response = as_role(role).get(reverse("consultations:detail", args=[world.draft.pk]))
    assert response.status_code == (200 if role in INSIDERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_everything_of_a_draft_is_hidden_from_the_public(role, world, as_role):
    draft = world.draft
    Consultation.objects.filter(pk=draft.pk).update(title="Slepens melnraksts")
    world.open  # noqa: B018 -- a published consultation beside it, so the lists are not empty
    attachment = services.attachment_add(
        actor=world.editor, consultation=draft, upload=_docx_upload(), title="Anotācija"
    )
    services.document_version_create(actor=world.editor, consultation=draft, upload=_docx_upload())
    opinion = factories.opinion(draft, world.resident)
    client = as_role(role)
    urls = [
        reverse("consultations:detail", args=[draft.pk]),
        reverse("consultations:attachment", args=[attachment.pk]),
        reverse("consultations:version_diff", args=[draft.pk, 2]),
        reverse("consultations:version_source", args=[draft.pk, 2]),
        reverse("consultations:feedback", args=[draft.pk]),
        reverse("consultations:opinion", args=[opinion.pk]),
    ]
    statuses = [client.get(url).status_code for url in urls]
    assert statuses == [200 if role in INSIDERS else 404] * len(urls)
    # The opinion form: sign in first, then "not there" — or, for insiders, "not open".
    opinion_form = client.get(reverse("consultations:opinion_create", args=[draft.pk]))
    expected = {"anonymous": 302, **dict.fromkeys(INSIDERS, 409)}.get(role, 404)
    assert opinion_form.status_code == expected
    # Lists never show drafts, not even to insiders; the officer desk shows them to insiders.
    for url in (
        "/",
        reverse("consultations:list"),
        reverse("institutions:detail", args=["ministrija"]),
    ):
        page = client.get(url).content.decode()
        assert "Slepens melnraksts" not in page and world.open.title in page
    if role in {ED, RSP, MGR, CRD, OTH}:
        desk = client.get(reverse("officer:dashboard")).content.decode()
        assert (reverse("officer:manage", args=[draft.pk]) in desk) == (role in INSIDERS)


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_feedback_table(role, world, as_role):
    consultation = world.closed
    services.answer_give(
        actor=world.responder,
        opinion=world.opinions[0],
        outcome=Outcome.NOT_TAKEN_INTO_ACCOUNT,
        reason="Slepens iekšējais pamatojums.",
    )
    client = as_role(role)
    response = client.get(reverse("consultations:feedback", args=[consultation.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    if role in INSIDERS:
        assert "Slepens iekšējais pamatojums." in html
        assert "Pirmais viedoklis." in html
        assert "consultations/feedback.html" in [t.name for t in response.templates]
    else:
        assert "consultations/feedback_pending.html" in [t.name for t in response.templates]
        assert "Slepens iekšējais pamatojums." not in html
        assert "Pirmais viedoklis." not in html
        for fmt in ("csv", "xlsx"):
            download = client.get(
                reverse("consultations:feedback", args=[consultation.pk]), {"format": fmt}
            )
            assert "attachment" not in download.get("Content-Disposition", "")
            assert b"Slepens" not in download.content
    # The public consultation and opinion pages do not show the answer before publication.
    for url in (
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:opinion", args=[world.opinions[0].pk]),
    ):
        page = client.get(url).content.decode()
        assert ("Slepens iekšējais pamatojums." in page) == (role in INSIDERS)


@pytest.mark.parametrize("role", ROLES)
def test_published_feedback_table_is_public(role, world, as_role):
    response = as_role(role).get(reverse("consultations:feedback", args=[world.answered.pk]))
    assert response.status_code == 200
    assert "Pieņemts zināšanai." in response.content.decode()


@pytest.mark.parametrize(
    ("stage", "expected"),
    [("open", 200), ("closed", 409), ("announced", 409), ("answered", 409)],
)
def test_opinion_form_depends_on_the_stage(stage, expected, world, resident, client_for):
    if stage == "announced":
        consultation = factories.published_consultation(
            world.editor,
            world.ministry,
            opens_at=timezone.now() + timedelta(days=2),
            closes_at=timezone.now() + timedelta(days=40),
        )
    else:
        consultation = getattr(world, stage)
    url = reverse("consultations:opinion_create", args=[consultation.pk])
    response = client_for(resident).get(url)
    assert response.status_code == expected
    before = Opinion.objects.count()
    posted = client_for(resident).post(url, {"kind": "proposal", "text": "Vēlu.", "token": "t1"})
    assert posted.status_code == (302 if expected == 200 else 409)
    assert Opinion.objects.count() == before + (1 if expected == 200 else 0)


def test_opinion_form_asks_anonymous_visitors_to_sign_in(world, client_for):
    url = reverse("consultations:opinion_create", args=[world.open.pk])
    response = client_for(None).get(url)
    assert_status(response, LOGIN)
    assert Opinion.objects.count() == 0
    response = client_for(None).post(url, {"kind": "proposal", "text": "Anonīms.", "token": "x"})
    assert_status(response, LOGIN)
    assert Opinion.objects.count() == 0


def test_author_name_and_address_stay_private_without_consent(world, client_for):
    consultation = world.closed
    services.feedback_publish(actor=world.responder, consultation=consultation, justification="x")
    public = client_for(None)
    for url in (
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:opinion", args=[world.first_opinion.pk]),
        reverse("consultations:feedback", args=[consultation.pk]),
        reverse("consultations:feedback", args=[consultation.pk]) + "?format=csv",
    ):
        page = public.get(url).content.decode("utf-8-sig")
        assert "Anna Bērziņa" not in page and "resident@example.lv" not in page, url
