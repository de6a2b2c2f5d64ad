"""Web flows end to end through the test client: giving an opinion, answering, publishing the
feedback, lists and pages, the language switch, and fixed query counts however many opinions."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Answer, Consultation, Opinion
from lidzdaliba.core.enums import Outcome
from lidzdaliba.institutions.models import Topic
from lidzdaliba.testing import factories
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def docx_file(text: str, name: str = "pamatojums.docx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


# --- Giving an opinion ----------------------------------------------------------------------


def test_resident_gives_an_opinion_and_gets_a_receipt(
    resident, open_consultation, client_for, mailbox, django_capture_on_commit_callbacks
):
    client = client_for(resident)
    clause = factories.commentable_clauses(open_consultation)[2]
    url = reverse("consultations:opinion_create", args=[open_consultation.pk])
    form = soup_of(client.get(url, {"clause": clause.pk}))
    token = form.find("input", {"name": "token"})["value"]
    assert form.find("option", selected=True)["value"] == str(clause.pk)
    data = {
        "kind": "objection",
        "clause": clause.pk,
        "text": "Divi mēneši ir par īsu.",
        "proposed_wording": "60 dienu laikā",
        "token": token,
        "attachments": docx_file("Mūsu aprēķini."),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    opinion = Opinion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:opinion", args=[opinion.pk])
    assert (opinion.clause, opinion.proposed_wording) == (clause, "60 dienu laikā")
    attachment = opinion.attachments.get()
    assert attachment.original_name == "pamatojums.docx"

    mail = mailbox.wait_for(1)[0]
    assert mail["X-Envelope-To"] == resident.email
    assert opinion.reference in mail["Subject"]
    assert "Divi mēneši ir par īsu." in body_text(mail)

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert opinion.reference in html and "60 dienu laikā" in html
    download = client.get(reverse("consultations:opinion_attachment", args=[attachment.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")

    # Sending the same form again (a double click, a reload) makes no second opinion or mail.
    # The same bytes as before (a browser resends the file it has; a new DOCX would carry
    # another timestamp and be other content).
    attachment.file.open("rb")
    data["attachments"] = SimpleUploadedFile("pamatojums.docx", attachment.file.read())
    attachment.file.close()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, data)
    assert again.status_code == 302 and again["Location"] == response["Location"]
    assert Opinion.objects.count() == 1 and len(mailbox.messages) == 1


def test_invalid_opinion_form_is_400_with_an_error_summary(resident, open_consultation, client_for):
    url = reverse("consultations:opinion_create", args=[open_consultation.pk])
    response = client_for(resident).post(url, {"kind": "", "text": "", "token": "abc"})
    assert response.status_code == 400
    summary = soup_of(response).find(class_="error-summary")
    assert summary is not None and len(summary.find_all("li")) >= 2
    assert soup_of(response).find("textarea", {"name": "text"})["aria-invalid"] == "true"
    assert Opinion.objects.count() == 0


def test_opinion_with_a_disguised_attachment_is_400(resident, open_consultation, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("dokuments.pdf", b"<html><script>alert(1)</script></html>")
    response = client_for(resident).post(
        reverse("consultations:opinion_create", args=[open_consultation.pk]),
        {"kind": "proposal", "text": "Skat. pielikumu.", "token": "t", "attachments": fake},
    )
    assert response.status_code == 400
    assert soup_of(response).find(class_="error-summary") is not None
    assert Opinion.objects.count() == 0


# --- Answering and publishing ---------------------------------------------------------------


@pytest.fixture
def closed_with_opinions(editor, ministry, resident, ngo_rep):
    consultation = factories.close(factories.published_consultation(editor, ministry))
    opinions = [
        factories.opinion(consultation, author, text=f"Viedoklis {n}.")
        for n, author in enumerate([resident, ngo_rep, resident])
    ]
    return consultation, opinions


def test_answer_page_saves_and_moves_to_the_next_unanswered(
    responder, closed_with_opinions, client_for
):
    consultation, opinions = closed_with_opinions
    client = client_for(responder)
    answer = {"outcome": Outcome.NOT_TAKEN_INTO_ACCOUNT, "reason": "Pretrunā ar likumu."}
    response = client.post(reverse("officer:answer", args=[opinions[1].pk]), answer)
    assert response["Location"] == reverse("officer:answer", args=[opinions[0].pk])
    response = client.post(reverse("officer:answer", args=[opinions[0].pk]), answer)
    assert response["Location"] == reverse("officer:answer", args=[opinions[2].pk])
    response = client.post(reverse("officer:answer", args=[opinions[2].pk]), answer)
    assert response["Location"] == reverse("officer:answers", args=[consultation.pk])
    assert Answer.objects.count() == 3
    # Changing an answer keeps one answer; the form shows the saved values.
    changed = {"outcome": Outcome.TAKEN_INTO_ACCOUNT, "reason": "Pārdomājām.", "new_wording": "X"}
    client.post(reverse("officer:answer", args=[opinions[0].pk]), changed)
    assert Answer.objects.get(opinion=opinions[0]).outcome == Outcome.TAKEN_INTO_ACCOUNT
    page = soup_of(client.get(reverse("officer:answer", args=[opinions[0].pk])))
    assert page.find("textarea", {"name": "reason"}).get_text().strip() == "Pārdomājām."
    invalid = client.post(reverse("officer:answer", args=[opinions[0].pk]), {"outcome": "noted"})
    assert invalid.status_code == 400 and soup_of(invalid).find(class_="error-summary")


def test_bulk_answers(responder, closed_with_opinions, editor, ministry, resident, client_for):
    consultation, opinions = closed_with_opinions
    client = client_for(responder)
    url = reverse("officer:answers", args=[consultation.pk])
    page = soup_of(client.get(url))
    assert len(page.find_all("input", {"name": "opinions"})) == 3
    response = client.post(
        url,
        {
            "opinions": [opinions[0].pk, opinions[2].pk],
            "outcome": Outcome.NOTED,
            "reason": "Abi ierosinājumi jau ir spēkā esošajā regulējumā.",
        },
    )
    assert response.status_code == 302
    answers = Answer.objects.filter(opinion__in=[opinions[0], opinions[2]])
    assert answers.count() == 2 and len({a.batch for a in answers}) == 1
    assert len(soup_of(client.get(url)).find_all("input", {"name": "opinions"})) == 1
    foreign = factories.opinion(factories.published_consultation(editor, ministry), resident)
    response = client.post(
        url, {"opinions": [opinions[1].pk, foreign.pk], "outcome": "noted", "reason": "x"}
    )
    assert response.status_code == 400
    assert Answer.objects.count() == 2
    response = client.post(url, {"opinions": [], "outcome": "noted", "reason": "x"})
    assert response.status_code == 400


def test_feedback_publish_then_the_public_sees_the_answers(
    responder, closed_with_opinions, client_for, mailbox, django_capture_on_commit_callbacks
):
    consultation, opinions = closed_with_opinions
    services.answer_give(
        actor=responder, opinion=opinions[0], outcome=Outcome.TAKEN_INTO_ACCOUNT, reason="Jā."
    )
    services.answers_give_bulk(
        actor=responder,
        consultation=consultation,
        opinion_ids=[opinions[1].pk],
        outcome=Outcome.OUT_OF_SCOPE,
        reason="Neattiecas uz projektu.",
    )
    client = client_for(responder)
    url = reverse("officer:feedback_publish", args=[consultation.pk])
    refused = client.post(url, {"justification": " "})
    assert refused.status_code == 400
    assert soup_of(refused).find(class_="error-summary") is not None
    assert Consultation.objects.get(pk=consultation.pk).feedback_published_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"justification": "Trešais viedoklis nodots ministrijai."})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.feedback_published_at is not None

    mails = mailbox.wait_for(2)
    assert sorted(m["X-Envelope-To"] for m in mails) == sorted(
        [opinions[0].author.email, opinions[1].author.email]
    )
    public = client_for(None)
    for page_url in (
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:feedback", args=[consultation.pk]),
        reverse("consultations:opinion", args=[opinions[1].pk]),
    ):
        html = public.get(page_url).content.decode()
        assert "Neattiecas uz projektu." in html
        assert "Trešais viedoklis nodots ministrijai." in html or "opinions" in page_url
    again = client.post(url, {"justification": "Vēlreiz."})
    assert again.status_code == 400


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_feedback_downloads_from_the_web_page(
    fmt, content_type, responder, closed_with_opinions, client_for
):
    consultation, _opinions = closed_with_opinions
    services.feedback_publish(actor=responder, consultation=consultation, justification="Vēlāk.")
    url = reverse("consultations:feedback", args=[consultation.pk])
    links = [a["href"] for a in soup_of(client_for(None).get(url)).find_all("a", download=True)]
    assert f"?format={fmt}" in links
    response = client_for(None).get(url, {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment;")
    if fmt == "csv":
        assert "Viedoklis 1." in response.content.decode("utf-8-sig")
    assert client_for(None).get(url, {"format": "pdf"}).status_code == 400


def test_feedback_page_shows_the_table_in_pages_and_the_download_holds_every_row(
    editor, ministry, resident, responder, client_for
):
    consultation = factories.close(factories.published_consultation(editor, ministry))
    for n in range(1, 53):
        factories.opinion(consultation, resident, text=f"Viedoklis numur {n}.")
    services.feedback_publish(actor=responder, consultation=consultation, justification="Vēlāk.")
    url = reverse("consultations:feedback", args=[consultation.pk])

    first = soup_of(client_for(None).get(url))
    rows = first.select("table.data tbody tr")
    assert len(rows) == 50
    assert rows[0].td.get_text() == "1" and "Viedoklis numur 1." in rows[0].get_text()
    assert "52" in first.select_one("table.data caption").get_text()
    assert first.select_one("a[rel=next]")["href"] == "?page=2"

    second = soup_of(client_for(None).get(url, {"page": 2}))
    rows = second.select("table.data tbody tr")
    assert [row.td.get_text() for row in rows] == ["51", "52"]
    assert "Viedoklis numur 52." in rows[-1].get_text()
    # Past the end or malformed: a valid page, never an error.
    assert client_for(None).get(url, {"page": "999"}).status_code == 200
    assert client_for(None).get(url, {"page": "x"}).status_code == 200

    csv = client_for(None).get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert all(f"Viedoklis numur {n}." in csv for n in range(1, 53))


# --- Lists and pages ------------------------------------------------------------------------


def test_list_page_filters_and_paginates(editor, ministry, client_for):
    health = factories.published_consultation(
        editor, ministry, topic=Topic.objects.get(slug="veseliba")
    )
    for _ in range(21):
        factories.published_consultation(editor, ministry)
    client = client_for(None)
    url = reverse("consultations:list")
    first = soup_of(client.get(url))
    assert len(first.select("ul.cards > li")) == 20
    next_link = first.find("a", rel="next")
    second = soup_of(client.get(url + next_link["href"]))
    assert len(second.select("ul.cards > li")) == 2
    for page in ("999", "abc", "-1", "0"):
        assert client.get(url, {"page": page}).status_code == 200
    filtered = soup_of(client.get(url, {"topic": "veseliba"}))
    cards = filtered.select("ul.cards > li a")
    assert [a["href"] for a in cards] == [reverse("consultations:detail", args=[health.pk])]
    assert client.get(url, {"topic": "nav-tadas", "status": "x"}).status_code == 200
    partial = client.get(url, {"topic": "veseliba"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and b"<html" not in partial.content


def test_version_diff_shows_added_removed_and_changed_clauses(
    editor, open_consultation, client_for
):
    text = factories.DRAFT_TEXT.replace("30 dienu", "60 dienu").replace(
        "2.2. kultūras pasākumiem.\n", ""
    )
    response = client_for(editor).post(
        reverse("officer:version_create", args=[open_consultation.pk]),
        {
            "text": text + "\n4. Noteikumi stājas spēkā 2027. gada 1. janvārī.",
            "change_note": "Labots",
        },
    )
    assert response.status_code == 302
    page = client_for(None).get(
        reverse("consultations:version_diff", args=[open_consultation.pk, 2])
    )
    soup = soup_of(page)
    # changed, added, removed, unchanged
    stats = [li.find("strong").get_text() for li in soup.select("ul.stats li")]
    assert stats == ["1", "1", "1", "6"]
    assert "30" in [tag.get_text() for tag in soup.find_all("del")]
    assert "60" in [tag.get_text() for tag in soup.find_all("ins")]
    assert "kultūras pasākumiem." in soup.get_text()
    assert (
        client_for(None)
        .get(reverse("consultations:version_diff", args=[open_consultation.pk, 1]))
        .status_code
        == 404
    )


def test_language_switch(resident, client_for):
    client = client_for(None)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/consultations/"})
    assert response.status_code == 302 and response["Location"] == "/consultations/"
    assert response.cookies["lidzdaliba_language"].value == "en"
    assert client.get("/consultations/")["Content-Language"] == "en"
    for evil in (
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
    ):
        response = client.post(reverse("set_language"), {"language": "lv", "next": evil})
        assert response["Location"] == "/", evil
    signed_in = client_for(resident)
    response = signed_in.post(reverse("set_language"), {"language": "en", "next": "/profile/"})
    assert response["Location"] == "/profile/"
    resident.refresh_from_db()
    assert resident.preferred_language == "en"
    assert signed_in.get("/profile/")["Content-Language"] == "en"
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    assert client.get("/")["Content-Language"] == "lv"  # the last valid choice still holds


def test_home_page_sections(editor, responder, ministry, client_for):
    now = timezone.now()
    made = {
        "open-now": factories.published_consultation(
            editor, ministry, closes_at=now + timedelta(days=20)
        ),
        "closing-soon": factories.published_consultation(
            editor, ministry, closes_at=now + timedelta(days=3)
        ),
        "upcoming": factories.published_consultation(
            editor, ministry, opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=40)
        ),
        "answered": factories.close(factories.published_consultation(editor, ministry)),
    }
    services.feedback_publish(actor=responder, consultation=made["answered"])
    for key, consultation in made.items():
        Consultation.objects.filter(pk=consultation.pk).update(title=f"Apspriešana {key}")
    soup = soup_of(client_for(None).get("/"))

    def titles(section_id: str) -> set[str]:
        section = soup.find(id=section_id).find_parent("section")
        return {a.get_text() for a in section.select("li.card h3 a")}

    # Each consultation appears once: closing soon is not repeated among the open ones.
    assert titles("open-now") == {"Apspriešana open-now"}
    assert titles("closing-soon") == {"Apspriešana closing-soon"}
    assert titles("upcoming") == {"Apspriešana upcoming"}
    assert titles("answered") == {"Apspriešana answered"}


def test_institution_page_shows_the_answer_record(
    editor, responder, ministry, resident, client_for
):
    consultation = factories.close(factories.published_consultation(editor, ministry))
    opinions = [factories.opinion(consultation, resident) for _ in range(4)]
    for opinion in opinions[:3]:
        services.answer_give(actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason="Jā.")
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - timedelta(days=4)
    )
    response = client_for(None).get(reverse("institutions:detail", args=[ministry.slug]))
    stats = [li.find("strong").get_text() for li in soup_of(response).select("ul.stats li")]
    assert stats[0].replace(",", ".") == "75.0%"
    assert stats[1].replace(",", ".") == "4.0"
    assert stats[2] == "4"


# --- Query counts ---------------------------------------------------------------------------


def count_queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params, headers={"Accept": "*/*"})
    assert response.status_code == 200, url
    return len(context.captured_queries)


def _opinions(consultation, authors, n, responder=None):
    clauses = factories.commentable_clauses(consultation)
    for i in range(n):
        author, organisation = authors[i % len(authors)]
        opinion = factories.opinion(
            consultation,
            author,
            organisation=organisation,
            clause=clauses[i % 3] if i % 4 else None,
            show_name=True,
        )
        if responder is not None and i % 2 == 0:
            services.answer_give(actor=responder, opinion=opinion, outcome="noted", reason="Jā.")


@pytest.fixture
def authors(resident, ngo, ngo_rep):
    """A private person and an organisation's representative."""
    return [(resident, None), (ngo_rep, ngo)]


PAGES = {
    "detail": ("anonymous", lambda c: reverse("consultations:detail", args=[c.pk])),
    "detail-officer": ("editor", lambda c: reverse("consultations:detail", args=[c.pk])),
    "list": ("anonymous", lambda c: reverse("consultations:list")),
    "feedback": ("anonymous", lambda c: reverse("consultations:feedback", args=[c.pk])),
    "answers": ("responder", lambda c: reverse("officer:answers", args=[c.pk]) + "?show=all"),
    "dashboard": ("responder", lambda c: reverse("officer:dashboard")),
    "api-list": ("anonymous", lambda c: "/api/v1/consultations"),
    "api-opinions": ("anonymous", lambda c: f"/api/v1/consultations/{c.pk}/opinions"),
    "api-feedback": ("anonymous", lambda c: f"/api/v1/consultations/{c.pk}/feedback-table"),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_query_count_does_not_grow_with_opinions(
    page, editor, responder, ministry, authors, client_for, request
):
    role, url_of = PAGES[page]
    client = client_for(None if role == "anonymous" else request.getfixturevalue(role))
    consultations = [
        factories.close(factories.published_consultation(editor, ministry)) for _ in range(2)
    ]
    for consultation in consultations:
        _opinions(consultation, authors, 3, responder)
        services.feedback_publish(actor=responder, consultation=consultation, justification="x")
    url = url_of(consultations[0])
    client.get(url)  # warm caches (sessions, content types)
    few = count_queries(client, url)
    for consultation in consultations:
        _opinions(consultation, authors, 27, responder)
    factories.published_consultation(editor, ministry)
    many = count_queries(client, url)
    assert few == many, f"{page}: {few} queries with 3 opinions, {many} with 30"


def test_list_query_count_does_not_grow_with_consultations(editor, ministry, resident, client_for):
    client = client_for(None)
    for _ in range(3):
        factories.opinion(factories.published_consultation(editor, ministry), resident)
    client.get("/consultations/")
    few = count_queries(client, "/consultations/")
    few_api = count_queries(client, "/api/v1/consultations")
    for _ in range(20):
        factories.opinion(factories.published_consultation(editor, ministry), resident)
    assert count_queries(client, "/consultations/") == few
    assert count_queries(client, "/api/v1/consultations") == few_api
    assert count_queries(client, "/") == count_queries(client, "/")


def test_the_opinion_form_shows_the_full_text_of_the_chosen_clause(
    resident, open_consultation, client_for
):
    """Issue 10, item 6: the select cut clause texts off; arriving from "give an opinion on
    clause 3" preselects it and shows all of its text."""
    clause = factories.commentable_clauses(open_consultation)[2]
    url = reverse("consultations:opinion_create", args=[open_consultation.pk])
    client = client_for(resident)
    page = soup_of(client.get(f"{url}?clause={clause.pk}"))
    assert page.select_one(f'select[name=clause] option[value="{clause.pk}"]').has_attr("selected")
    preview = page.select_one("[data-clause-preview-body]")
    assert clause.text in preview.get_text() and clause.label in preview.get_text()
    # Every clause's whole text is on the page (the script shows the chosen one beside the
    # choice; without it the list is there to read).
    listed = page.select_one(".clause-texts").get_text()
    for other in factories.commentable_clauses(open_consultation):
        assert other.text in listed
    # Sent back with an error, the chosen clause is still shown.
    again = client.post(url, {"kind": "proposal", "text": "", "clause": clause.pk, "token": "t"})
    assert again.status_code == 400
    assert clause.text in soup_of(again).select_one("[data-clause-preview-body]").get_text()
    # Without a choice, the whole draft.
    whole = soup_of(client.get(url)).select_one("[data-clause-preview-body]").get_text()
    assert clause.text not in whole
