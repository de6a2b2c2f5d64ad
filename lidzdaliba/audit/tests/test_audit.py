"""The audit log: every officer action done through the web writes one entry (who, which
institution, what, before and after); entries never change; each manager reads only the
entries of his institutions and the coordinator reads them all."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.audit.services import audit_record
from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Consultation
from lidzdaliba.core.actions import action_description
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def form_data(consultation: Consultation | None = None, **overrides) -> dict:
    data = factories.consultation_fields()
    if consultation is not None:
        data = {name: getattr(consultation, name) for name in data}
    data.update(
        topic=data["topic"].pk,
        territory=data["territory"].pk,
        opens_at=local(data["opens_at"]),
        closes_at=local(data["closes_at"]),
        act_type="other",
        contact_phone="",
        short_period_justification="",
    )
    data.update(overrides)
    return data


def docx_upload() -> SimpleUploadedFile:
    document = Document()
    document.add_paragraph("Sākotnējās ietekmes novērtējums.")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("anotacija.docx", buffer.getvalue())


class Stage:
    """Consultations in the stages the actions need, made through the services."""

    def __init__(self, editor, responder, resident, ministry):
        self.editor, self.responder, self.resident, self.ministry = (
            editor,
            responder,
            resident,
            ministry,
        )

    def draft(self) -> Consultation:
        return services.consultation_create(
            actor=self.editor, institution=self.ministry, **factories.consultation_fields()
        )

    def closed(self, opinions: int = 2):
        consultation = factories.close(factories.published_consultation(self.editor, self.ministry))
        return consultation, [
            factories.opinion(consultation, self.resident) for _ in range(opinions)
        ]

    def answered(self) -> Consultation:
        consultation, opinions = self.closed(1)
        services.answer_give(
            actor=self.responder, opinion=opinions[0], outcome=Outcome.NOTED, reason="Jā."
        )
        return services.feedback_publish(actor=self.responder, consultation=consultation)


@pytest.fixture
def stage(editor, responder, resident, ministry) -> Stage:
    return Stage(editor, responder, resident, ministry)


def _create(s):
    return reverse("officer:create"), {**form_data(title="Jauna"), "institution": "ministrija"}


def _update(s):
    c = s.draft()
    # The form edits dates to the minute; start from whole minutes, as the web form makes them.
    Consultation.objects.filter(pk=c.pk).update(
        opens_at=c.opens_at.replace(second=0, microsecond=0),
        closes_at=c.closes_at.replace(second=0, microsecond=0),
    )
    c.refresh_from_db()
    return reverse("officer:edit", args=[c.pk]), form_data(c, title="Labots nosaukums")


def _publish(s):
    return reverse("officer:publish", args=[s.draft().pk]), {}


def _version(s):
    return reverse("officer:version_create", args=[s.draft().pk]), {"text": "1. Teksts."}


def _attachment(s):
    c = s.draft()
    return reverse("officer:attachment_create", args=[c.pk]), {
        "title": "Anotācija",
        "file": docx_upload(),
    }


def _answer(s):
    _c, opinions = s.closed(1)
    return reverse("officer:answer", args=[opinions[0].pk]), {"outcome": "noted", "reason": "Jā."}


def _answer_change(s):
    _c, opinions = s.closed(1)
    services.answer_give(actor=s.responder, opinion=opinions[0], outcome="noted", reason="Jā.")
    return reverse("officer:answer", args=[opinions[0].pk]), {
        "outcome": "taken_into_account",
        "reason": "Pārdomājām.",
    }


def _bulk(s):
    c, opinions = s.closed(3)
    return reverse("officer:answers", args=[c.pk]), {
        "opinions": [o.pk for o in opinions],
        "outcome": "out_of_scope",
        "reason": "Neattiecas.",
    }


def _feedback(s):
    c, _opinions = s.closed(1)
    return reverse("officer:feedback_publish", args=[c.pk]), {"justification": "Vēlāk."}


def _decision(s):
    c = s.answered()
    return reverse("officer:decision", args=[c.pk]), {
        "decision_url": "https://likumi.lv/ta/id/1",
        "decision_summary": "Pieņemts.",
    }


ACTIONS = [
    # (name, who acts, prepare, audit action, entries, changed field: (before, after))
    ("create", "editor", _create, "consultation.create", 1, ("title", (None, "Jauna"))),
    ("update", "manager", _update, "consultation.update", 1, ("title", ("_", "Labots nosaukums"))),
    ("publish", "editor", _publish, "consultation.publish", 1, ("announced_at", (None, "*"))),
    ("version", "editor", _version, "document.version_create", 1, ("number", (None, 1))),
    ("attachment", "editor", _attachment, "attachment.add", 1, ("title", (None, "Anotācija"))),
    ("answer", "responder", _answer, "opinion.answer", 1, ("reason", (None, "Jā."))),
    (
        "answer_change",
        "manager",
        _answer_change,
        "opinion.answer_change",
        1,
        ("reason", ("Jā.", "Pārdomājām.")),
    ),
    ("bulk_answer", "responder", _bulk, "opinion.answer", 3, ("outcome", (None, "out_of_scope"))),
    (
        "feedback_publish",
        "responder",
        _feedback,
        "consultation.feedback_publish",
        1,
        ("justification", (None, "Vēlāk.")),
    ),
    (
        "decision",
        "manager",
        _decision,
        "consultation.decision",
        1,
        ("decision_summary", ("", "Pieņemts.")),
    ),
]


@pytest.mark.parametrize(
    ("who", "prepare", "action", "entries", "change"),
    [pytest.param(*row[1:], id=row[0]) for row in ACTIONS],
)
def test_every_officer_action_is_audited(
    who, prepare, action, entries, change, stage, ministry, client_for, request
):
    actor = request.getfixturevalue(who)
    url, data = prepare(stage)
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client_for(actor).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    new = list(AuditEntry.objects.filter(pk__gt=last).order_by("pk"))
    assert [entry.action for entry in new] == [action] * entries
    # The app that records it says what it means, so the log reads it as a sentence.
    assert action_description(action) is not None, f"register {action!r} (core.actions)"
    field, (before, after) = change
    for entry in new:
        assert entry.actor == actor and entry.actor_label == actor.email
        assert entry.institution == ministry
        assert entry.target_id and entry.target_label and entry.target_type
        assert entry.created_at is not None
        if before is None:
            assert entry.before is None or entry.before.get(field) is None
        elif before != "_":
            assert entry.before[field] == before
        assert entry.after[field] == after if after != "*" else entry.after[field]
    if action == "consultation.update":
        # Only what changed is kept, so the log reads as a list of edits.
        assert set(new[0].before) == set(new[0].after) == {"title"}, (new[0].before, new[0].after)


def test_refused_actions_write_nothing(stage, coordinator, other_officer, client_for):
    consultation = stage.draft()
    before = AuditEntry.objects.count()
    for user in (coordinator, other_officer):
        client_for(user).post(reverse("officer:publish", args=[consultation.pk]))
        client_for(user).post(
            reverse("officer:edit", args=[consultation.pk]), form_data(consultation)
        )
    assert AuditEntry.objects.count() == before


def test_entries_cannot_be_changed_or_deleted(editor, ministry):
    consultation = services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields()
    )
    entry = AuditEntry.objects.get()
    entry.action = "consultation.nothing"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()
    fresh = AuditEntry.objects.get()
    assert fresh.action == "consultation.create"
    again = audit_record(actor=editor, action="test.x", target=consultation, institution=ministry)
    with pytest.raises(RuntimeError):
        again.save(update_fields=["action"])
    assert AuditEntry.objects.count() == 2


def test_entries_outlive_the_actor_account(editor, ministry):
    services.consultation_create(
        actor=editor, institution=ministry, **factories.consultation_fields()
    )
    email = editor.email
    editor.delete()
    entry = AuditEntry.objects.get()
    assert entry.actor is None and entry.actor_label == email


# --- Who reads the log ----------------------------------------------------------------------


@pytest.fixture
def two_institutions(stage, other_officer, municipality):
    stage.draft()
    services.consultation_create(
        actor=other_officer,
        institution=municipality,
        **factories.consultation_fields(title="Pašvaldības apspriešana"),
    )


def listed(response) -> list[tuple[str, str]]:
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    rows = soup.select("table.data tbody tr")
    return [(row.find_all("td")[1].get_text(), row.find_all("td")[2].get_text()) for row in rows]


def test_manager_reads_only_his_institution(two_institutions, manager, client_for):
    client = client_for(manager)
    rows = listed(client.get(reverse("audit:list")))
    assert rows == [("editor@example.lv", "Veselības ministrija")]
    assert listed(client.get(reverse("audit:list"), {"institution": "pasvaldiba"})) == []
    assert "Pašvaldības apspriešana" not in client.get(reverse("audit:list")).content.decode()


def test_manager_of_the_other_institution(two_institutions, other_officer, client_for):
    rows = listed(client_for(other_officer).get(reverse("audit:list")))
    assert rows == [("other@example.lv", "Valmieras novada pašvaldība")]


def test_coordinator_reads_all_and_filters(two_institutions, stage, coordinator, client_for):
    client = client_for(coordinator)
    assert len(listed(client.get(reverse("audit:list")))) == 2
    only = listed(client.get(reverse("audit:list"), {"institution": "pasvaldiba"}))
    assert only == [("other@example.lv", "Valmieras novada pašvaldība")]
    consultation = Consultation.objects.get(institution__slug="ministrija")
    services.consultation_publish(actor=stage.editor, consultation=consultation)
    published = listed(client.get(reverse("audit:list"), {"action": "consultation.publish"}))
    assert published == [("editor@example.lv", "Veselības ministrija")]


@pytest.mark.parametrize("who", ["editor", "responder", "resident"])
def test_others_may_not_read_the_log(who, two_institutions, client_for, request):
    assert client_for(request.getfixturevalue(who)).get(reverse("audit:list")).status_code == 403


def test_log_pages(editor, ministry, manager, client_for):
    for n in range(55):
        services.consultation_create(
            actor=editor, institution=ministry, **factories.consultation_fields(title=f"Nr. {n}")
        )
    client = client_for(manager)
    assert len(listed(client.get(reverse("audit:list")))) == 50
    assert len(listed(client.get(reverse("audit:list"), {"page": 2}))) == 5
    assert client.get(reverse("audit:list"), {"page": "x"}).status_code == 200
