"""Stored and reflected XSS: payloads typed into every field people and officers fill, then
every page that shows them parsed as a browser would (BeautifulSoup).

A page is safe when no script element carries the payload, no element has an event-handler
attribute, no link or source starts with `javascript:`, and the payload reads as plain text.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Consultation, Opinion, OpinionAttachment
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<script>alert("xss")</script>',
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "{{7*7}}",
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}


def soup_of(response_or_html) -> BeautifulSoup:
    html = response_or_html
    if not isinstance(html, str):
        assert response_or_html.status_code == 200, response_or_html.status_code
        html = response_or_html.content.decode()
    return BeautifulSoup(html, "html.parser")


def assert_safe(page, payload: str, *, visible: bool = True) -> BeautifulSoup:
    """`page` is a response or HTML; `visible`: the payload must also be readable as text."""
    soup = soup_of(page)
    for script in soup.find_all("script"):
        text = script.string or ""
        assert payload not in text and "alert(" not in text, script
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), (tag.name, attribute, value)
            if attribute.lower() in URL_ATTRIBUTES:
                joined = value if isinstance(value, str) else " ".join(value)
                assert not joined.strip().lower().startswith("javascript:"), tag
    assert not soup.find("img", src="x"), "an injected <img> was parsed as an element"
    assert not soup.find("svg"), "an injected <svg> was parsed as an element"
    if visible:
        assert payload in soup.get_text(), f"{payload!r} is not shown as text"
    return soup


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def publish_feedback_and_decide(consultation, payload, responder_client, editor_client):
    factories.close(consultation)
    response = responder_client.post(
        reverse("officer:feedback_publish", args=[consultation.pk]), {"justification": payload}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = editor_client.post(
        reverse("officer:decision", args=[consultation.pk]),
        {"decision_url": "https://likumi.lv/ta/id/1", "decision_summary": payload},
    )
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.fixture
def anonymous(client_for):
    return client_for(None)


# --- What officers type ---------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_consultation_fields(payload, editor, manager, ministry, client_for, anonymous):
    editor_client = client_for(editor)
    fields = factories.consultation_fields()
    response = editor_client.post(
        reverse("officer:create"),
        {
            "institution": ministry.slug,
            "title": payload,
            "summary": payload,
            "problem": payload,
            "goal": payload,
            "topic": fields["topic"].pk,
            "territory": fields["territory"].pk,
            "policy_stage": fields["policy_stage"],
            "participation_form": fields["participation_form"],
            "act_type": "other",
            "responsible_official": payload,
            "contact_email": "liga@example.gov.lv",
            "contact_phone": "",
            "opens_at": local(timezone.now() - timedelta(days=1)),
            "closes_at": local(timezone.now() + timedelta(days=5)),
            "short_period_justification": payload,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    consultation = Consultation.objects.get()
    assert consultation.title == payload and consultation.short_period_justification == payload
    response = editor_client.post(
        reverse("officer:attachment_create", args=[consultation.pk]),
        {"title": payload, "file": SimpleUploadedFile(f"{payload}.txt", b"Paskaidrojums.")},
    )
    assert response.status_code == 302
    assert editor_client.post(reverse("officer:publish", args=[consultation.pk])).status_code == 302

    detail = assert_safe(
        anonymous.get(reverse("consultations:detail", args=[consultation.pk])), payload
    )
    text = detail.get_text()
    assert text.count(payload) >= 7  # title, summary, problem, goal, official, reason, file
    assert detail.find("h1").get_text() == payload
    if payload == "{{7*7}}":
        assert "49" not in detail.find("h1").get_text()
    for url in (
        reverse("consultations:list"),
        reverse("consultations:list") + "?status=open",
        reverse("web:home"),
        reverse("institutions:detail", args=[ministry.slug]),
        reverse("consultations:feedback", args=[consultation.pk]),
    ):
        assert_safe(anonymous.get(url), payload)
    for url in (
        reverse("officer:manage", args=[consultation.pk]),
        reverse("officer:dashboard"),
        reverse("officer:answers", args=[consultation.pk]),
        reverse("consultations:feedback", args=[consultation.pk]),
    ):
        assert_safe(editor_client.get(url), payload)
    # Forms echo the values inside attributes and textareas only.
    edit = assert_safe(editor_client.get(reverse("officer:edit", args=[consultation.pk])), payload)
    assert edit.find("input", {"name": "title"})["value"] == payload
    assert edit.find("textarea", {"name": "summary"}).get_text().strip() == payload
    assert_safe(client_for(manager).get(reverse("audit:list")), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_clause_text_and_version_diff(payload, editor, ministry, resident, client_for, anonymous):
    consultation = factories.published_consultation(
        editor, ministry, text=f"1. Sākotnējais teksts {payload}\n2. Otrais punkts."
    )
    response = client_for(editor).post(
        reverse("officer:version_create", args=[consultation.pk]),
        {
            "text": f"1. Labotais teksts {payload} beigas\n2. Otrais punkts.\n3. {payload}",
            "change_note": payload,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert consultation.versions.count() == 2
    diff = assert_safe(
        anonymous.get(reverse("consultations:version_diff", args=[consultation.pk, 2])), payload
    )
    assert diff.find("ins") is not None
    detail = assert_safe(
        anonymous.get(reverse("consultations:detail", args=[consultation.pk])), payload
    )
    assert payload in detail.find(class_="clauses").get_text()
    form = assert_safe(
        client_for(resident).get(reverse("consultations:opinion_create", args=[consultation.pk])),
        payload,
        visible=False,
    )
    options = [
        option.get_text() for option in form.find("select", {"name": "clause"}).find_all("option")
    ]
    assert any(payload in option for option in options)
    clause = factories.commentable_clauses(consultation)[0]
    opinion = factories.opinion(consultation, resident, clause=clause)
    assert_safe(client_for(editor).get(reverse("officer:answer", args=[opinion.pk])), payload)
    assert_safe(anonymous.get(reverse("consultations:opinion", args=[opinion.pk])), payload)
    assert_safe(client_for(editor).get(reverse("officer:manage", args=[consultation.pk])), payload)


def test_decision_link_must_not_be_javascript(editor, responder, ministry, resident, client_for):
    consultation = factories.close(factories.published_consultation(editor, ministry))
    services.feedback_publish(actor=responder, consultation=consultation)
    url = reverse("officer:decision", args=[consultation.pk])
    for bad in (
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,x",
    ):
        response = client_for(editor).post(
            url, {"decision_url": bad, "decision_summary": "Pieņemts."}
        )
        assert response.status_code == 400
        soup = assert_safe(response.content.decode(), bad.strip(), visible=False)
        assert soup.find(class_="error-summary") is not None
        with pytest.raises(ValidationError):
            services.decision_record(
                actor=editor, consultation=consultation, decision_url=bad, decision_summary="x"
            )
    consultation.refresh_from_db()
    assert consultation.decided_at is None and consultation.decision_url == ""


# --- What the public types, and the answers to it -------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_opinion_answer_and_feedback(
    payload,
    settings,
    editor,
    responder,
    manager,
    ministry,
    ngo,
    client_for,
    anonymous,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ngo.name = payload
    ngo.save()
    author = factories.representative(ngo, full_name=payload)
    consultation = factories.published_consultation(editor, ministry)
    clause = factories.commentable_clauses(consultation)[0]
    author_client = client_for(author)
    with django_capture_on_commit_callbacks(execute=True):
        response = author_client.post(
            reverse("consultations:opinion_create", args=[consultation.pk]),
            {
                "kind": "objection",
                "clause": clause.pk,
                "text": payload,
                "proposed_wording": payload,
                "organisation": ngo.pk,
                "show_name": "on",
                "token": "xss-token",
                "attachments": SimpleUploadedFile("pielikums.txt", b"Pielikuma teksts."),
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    opinion = Opinion.objects.get()
    assert opinion.text == payload and opinion.show_name
    # Whatever a browser sends as the file name is kept as data; make it the payload.
    OpinionAttachment.objects.update(original_name=payload)
    responder_client = client_for(responder)
    response = responder_client.post(
        reverse("officer:answer", args=[opinion.pk]),
        {"outcome": Outcome.PARTLY_TAKEN_INTO_ACCOUNT, "reason": payload, "new_wording": payload},
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    officer_pages = [
        reverse("officer:answers", args=[consultation.pk]) + "?show=all",
        reverse("officer:answer", args=[opinion.pk]),
        reverse("consultations:feedback", args=[consultation.pk]),
        reverse("consultations:detail", args=[consultation.pk]),
    ]
    for url in officer_pages:
        assert_safe(responder_client.get(url), payload)
    answer_page = soup_of(responder_client.get(reverse("officer:answer", args=[opinion.pk])))
    assert answer_page.find("textarea", {"name": "reason"}).get_text().strip() == payload

    with django_capture_on_commit_callbacks(execute=True):
        publish_feedback_and_decide(consultation, payload, responder_client, client_for(editor))
    public_pages = [
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:opinion", args=[opinion.pk]),
        reverse("consultations:feedback", args=[consultation.pk]),
    ]
    for url in public_pages:
        soup = assert_safe(anonymous.get(url), payload)
        assert soup.get_text().count(payload) >= 4
    assert_safe(client_for(manager).get(reverse("audit:list")), payload)
    assert_safe(author_client.get(reverse("accounts:profile")), payload)
    assert_safe(author_client.get(reverse("accounts:organisation", args=[ngo.pk])), payload)

    download = anonymous.get(
        reverse("consultations:opinion_attachment", args=[opinion.attachments.get().pk])
    )
    assert download.status_code == 200
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "<" not in disposition and '"' not in disposition.split("filename=", 1)[1].strip('"')

    # The receipt and the answer e-mails: their HTML parts are escaped too.
    html_parts = [m.alternatives[0][0] for m in mail.outbox]
    assert len(html_parts) == 2
    for html in html_parts:
        assert_safe(html, payload, visible=False)


# --- Reflected: query parameters ------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_parameters_are_not_reflected_as_markup(
    payload, editor, manager, ministry, open_consultation, client_for, anonymous
):
    list_url = reverse("consultations:list")
    for name in (
        "q",
        "page",
        "institution",
        "status",
        "stage",
        "topic",
        "territory",
        "group",
        "form",
    ):
        response = anonymous.get(
            list_url, {name: payload, "q": payload} if name != "q" else {"q": payload}
        )
        soup = assert_safe(response, payload, visible=False)
        assert soup.find("input", {"name": "q"})["value"] == payload
        partial = anonymous.get(list_url, {name: payload}, headers={"HX-Request": "true"})
        assert_safe(partial, payload, visible=False)
    for _ in range(21):
        factories.published_consultation(editor, ministry)
    paged = assert_safe(
        anonymous.get(list_url, {"q": "", "x": payload, "page": 1}), payload, visible=False
    )
    next_link = paged.find("a", rel="next")
    assert next_link is not None and not next_link["href"].lower().startswith("javascript:")
    for client, url, params in (
        (anonymous, reverse("web:home"), {"q": payload}),
        (anonymous, reverse("institutions:detail", args=[ministry.slug]), {"page": payload}),
        (
            anonymous,
            reverse("consultations:detail", args=[open_consultation.pk]),
            {"page": payload},
        ),
        (client_for(editor), reverse("officer:dashboard"), {"page": payload}),
        (
            client_for(editor),
            reverse("officer:answers", args=[open_consultation.pk]),
            {"show": payload},
        ),
        (client_for(manager), reverse("audit:list"), {"action": payload, "institution": payload}),
        (client_for(manager), reverse("audit:list"), {"page": payload}),
    ):
        response = client.get(url, params)
        assert_safe(response, payload, visible=False)
