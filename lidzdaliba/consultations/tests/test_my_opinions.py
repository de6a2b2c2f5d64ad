"""“Mani viedokļi” (issue 10, item 5): a person follows their opinions and those of the
organisations they represent, and edits or withdraws one while the consultation is open.

Through HTTP: the permission matrix (who × what, open and closed), an edit that voids an
answer and tells the responders by real SMTP, a withdrawn opinion in the public table, the
downloads and the API, the counts of unanswered opinions, the officers' history and the
GDPR copy.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from lidzdaliba.accounts import gdpr
from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.consultations import selectors, services
from lidzdaliba.consultations.models import Answer, Opinion, OpinionRevision
from lidzdaliba.core.enums import Outcome
from lidzdaliba.testing import factories
from lidzdaliba.testing.smtp import body_text

pytestmark = pytest.mark.django_db

LOGIN = "login"


@pytest.fixture
def fellow_rep(ngo):
    """Another current representative of the organisation the opinion speaks for."""
    return factories.representative(ngo, email="fellow@example.lv", full_name="Ilze Liepa")


@pytest.fixture
def ngo_opinion(open_consultation, ngo_rep, ngo):
    opinion, _ = services.opinion_submit(
        author=ngo_rep,
        consultation=open_consultation,
        kind="proposal",
        text="Biedrības sākotnējais priekšlikums.",
        organisation_id=ngo.pk,
    )
    return opinion


def edit_data(opinion: Opinion, **overrides) -> dict:
    data = {
        "kind": opinion.kind,
        "clause": opinion.clause_id or "",
        "text": "Labotais teksts pēc pārdomām.",
        "proposed_wording": "",
    }
    data.update(overrides)
    return data


def outcome(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


# --- The permission matrix ------------------------------------------------------------------

WHO = ["author", "fellow_rep", "resident", "anonymous", "responder"]
# (sees it in "Mani viedokļi", edit, withdraw): 302 = done and sent back to the list.
EXPECTED = {
    "author": (True, 302, 302),
    "fellow_rep": (True, 302, 302),
    "resident": (False, 404, 404),
    "anonymous": (LOGIN, LOGIN, LOGIN),
    "responder": (False, 404, 404),
}


@pytest.fixture
def people(ngo_rep, fellow_rep, resident, responder):
    return {
        "author": ngo_rep,
        "fellow_rep": fellow_rep,
        "resident": resident,
        "anonymous": None,
        "responder": responder,
    }


@pytest.mark.parametrize("who", WHO)
def test_who_may_follow_edit_and_withdraw_an_organisation_opinion(
    who, people, ngo_opinion, client_for
):
    client = client_for(people[who])
    sees, may_edit, may_withdraw = EXPECTED[who]

    listing = client.get(reverse("consultations:my_opinions"))
    if sees == LOGIN:
        assert outcome(listing) == LOGIN
    else:
        assert listing.status_code == 200
        assert (ngo_opinion.reference in listing.content.decode()) is sees

    edited = client.post(
        reverse("consultations:opinion_edit", args=[ngo_opinion.pk]), edit_data(ngo_opinion)
    )
    assert outcome(edited) == may_edit
    ngo_opinion.refresh_from_db()
    assert (ngo_opinion.text == "Labotais teksts pēc pārdomām.") is (may_edit == 302)
    assert OpinionRevision.objects.filter(opinion=ngo_opinion).exists() is (may_edit == 302)

    withdrawn = client.post(reverse("consultations:opinion_withdraw", args=[ngo_opinion.pk]))
    assert outcome(withdrawn) == may_withdraw
    ngo_opinion.refresh_from_db()
    assert (ngo_opinion.withdrawn_at is not None) is (may_withdraw == 302)


def test_a_personal_opinion_is_not_the_organisations(resident, ngo_rep, open_consultation):
    """A representative follows the organisation's opinions, not the private ones of a
    fellow representative."""
    personal, _ = services.opinion_submit(
        author=ngo_rep, consultation=open_consultation, kind="question", text="Privāti."
    )
    fellow = factories.representative(personal.author.representation_set.get().organisation)
    assert not fellow.has_perm("consultations.follow_opinion", personal)
    assert ngo_rep.has_perm("consultations.follow_opinion", personal)
    assert list(selectors.opinions_followed_by(user=fellow)) == []


def test_a_former_representative_no_longer_follows_the_organisations_opinions(
    ngo_opinion, fellow_rep, client_for
):
    fellow_rep.representation_set.all().delete()
    client = client_for(fellow_rep)
    assert ngo_opinion.reference not in client.get("/my-opinions/").content.decode()
    response = client.get(reverse("consultations:opinion_edit", args=[ngo_opinion.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("action", ["opinion_edit", "opinion_withdraw"])
def test_after_closing_the_author_is_refused_with_a_clear_message(
    action, ngo_opinion, ngo_rep, client_for
):
    factories.close(ngo_opinion.consultation)
    client = client_for(ngo_rep)
    url = reverse(f"consultations:{action}", args=[ngo_opinion.pk])

    for response in (client.get(url), client.post(url, edit_data(ngo_opinion))):
        assert response.status_code == 409
        assert "Apspriede ir slēgta" in response.content.decode()
    ngo_opinion.refresh_from_db()
    assert ngo_opinion.text == "Biedrības sākotnējais priekšlikums."
    assert ngo_opinion.withdrawn_at is None
    page = client.get("/my-opinions/").content.decode()
    assert reverse("consultations:opinion_edit", args=[ngo_opinion.pk]) not in page


def test_the_service_rechecks_the_window_under_the_lock(ngo_opinion, ngo_rep):
    """A caller holding an opinion read while it was open is still refused once closed."""
    from lidzdaliba.core.exceptions import Conflict

    factories.close(ngo_opinion.consultation)
    with pytest.raises(Conflict):
        services.opinion_edit(actor=ngo_rep, opinion=ngo_opinion, kind="proposal", text="X")
    with pytest.raises(Conflict):
        services.opinion_withdraw(actor=ngo_rep, opinion=ngo_opinion)


def test_a_withdrawn_opinion_cannot_be_edited_or_withdrawn_again(ngo_opinion, ngo_rep, client_for):
    client = client_for(ngo_rep)
    client.post(reverse("consultations:opinion_withdraw", args=[ngo_opinion.pk]))
    response = client.post(
        reverse("consultations:opinion_edit", args=[ngo_opinion.pk]), edit_data(ngo_opinion)
    )
    assert response.status_code == 409
    assert "atsaukts" in response.content.decode()
    assert OpinionRevision.objects.filter(opinion=ngo_opinion).count() == 1


def test_withdrawal_asks_for_confirmation_first(ngo_opinion, ngo_rep, client_for):
    client = client_for(ngo_rep)
    url = reverse("consultations:opinion_withdraw", args=[ngo_opinion.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert "Atsaukt viedokli" in html
    ngo_opinion.refresh_from_db()
    assert ngo_opinion.withdrawn_at is None


def test_an_invalid_edit_shows_the_form_again(ngo_opinion, ngo_rep, client_for):
    response = client_for(ngo_rep).post(
        reverse("consultations:opinion_edit", args=[ngo_opinion.pk]),
        edit_data(ngo_opinion, text="   "),
    )
    assert response.status_code == 400
    ngo_opinion.refresh_from_db()
    assert ngo_opinion.text == "Biedrības sākotnējais priekšlikums."


# --- The list -------------------------------------------------------------------------------


def test_my_opinions_lists_status_and_published_answer(
    resident, editor, responder, ministry, client_for
):
    client = client_for(resident)
    empty = client.get("/my-opinions/").content.decode()
    assert "Šeit vēl nav neviena jūsu viedokļa." in empty

    open_one = factories.published_consultation(editor, ministry, title="Atvērtā apspriede")
    mine, _ = services.opinion_submit(
        author=resident, consultation=open_one, kind="proposal", text="Gaida atbildi."
    )
    answered = factories.published_consultation(editor, ministry, title="Atbildētā apspriede")
    answered_opinion = factories.opinion(answered, resident, text="Atbildētais.")
    factories.close(answered)
    services.answer_give(
        actor=responder,
        opinion=answered_opinion,
        outcome=Outcome.TAKEN_INTO_ACCOUNT,
        reason="Iestrādāsim noteikumos.",
    )
    services.feedback_publish(actor=responder, consultation=answered)

    html = client.get("/my-opinions/").content.decode()
    assert "Atvērtā apspriede" in html and "Atbildētā apspriede" in html
    assert "Vēl nav atbildēts" in html
    assert "Atbilde publicēta" in html
    assert "Iestrādāsim noteikumos." in html
    # Edit and withdraw only where the consultation is open.
    assert reverse("consultations:opinion_edit", args=[mine.pk]) in html
    assert reverse("consultations:opinion_edit", args=[answered_opinion.pk]) not in html
    # The menu links to the page.
    assert 'href="/my-opinions/"' in html


def test_an_answer_not_yet_published_shows_as_answered_without_its_text(
    resident, responder, open_consultation, client_for
):
    opinion, _ = services.opinion_submit(
        author=resident, consultation=open_consultation, kind="proposal", text="Teksts."
    )
    services.answer_give(
        actor=responder,
        opinion=opinion,
        outcome=Outcome.NOT_TAKEN_INTO_ACCOUNT,
        reason="Iekšējs pamatojums.",
    )
    html = client_for(resident).get("/my-opinions/").content.decode()
    assert "Atbildēts, atbilde vēl nav publicēta" in html
    assert "Iekšējs pamatojums." not in html


def test_my_opinions_is_paginated(resident, open_consultation, client_for, settings):
    settings.PAGE_SIZE = 2
    for number in range(3):
        factories.opinion(open_consultation, resident, text=f"Viedoklis {number}")
    client = client_for(resident)
    first = client.get("/my-opinions/").content.decode()
    second = client.get("/my-opinions/?page=2").content.decode()
    assert first.count('id="opinion-') == 2
    assert second.count('id="opinion-') == 1


# --- Editing an answered opinion ------------------------------------------------------------


def test_editing_an_answered_opinion_voids_the_answer_and_tells_the_responders(
    ngo_opinion,
    ngo_rep,
    responder,
    manager,
    client_for,
    mailbox,
    django_capture_on_commit_callbacks,
):
    services.answer_give(
        actor=responder,
        opinion=ngo_opinion,
        outcome=Outcome.NOT_TAKEN_INTO_ACCOUNT,
        reason="Nav pamatots.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ngo_rep).post(
            reverse("consultations:opinion_edit", args=[ngo_opinion.pk]),
            edit_data(ngo_opinion),
        )
    assert response.status_code == 302

    assert not Answer.objects.filter(opinion=ngo_opinion).exists()
    [revision] = OpinionRevision.objects.filter(opinion=ngo_opinion)
    assert revision.text == "Biedrības sākotnējais priekšlikums."
    assert revision.previous_outcome == Outcome.NOT_TAKEN_INTO_ACCOUNT
    assert revision.previous_reason == "Nav pamatots."
    assert revision.edited_by == ngo_rep
    assert ngo_opinion in selectors.opinions_for_answering(
        ngo_opinion.consultation, only_unanswered=True
    )

    messages = mailbox.wait_for(2)
    assert {message["To"] for message in messages} == {responder.email, manager.email}
    message = messages[0]
    assert ngo_opinion.reference in message["Subject"]
    assert "atkal gaida atbildi" in body_text(message)
    assert reverse("officer:answer", args=[ngo_opinion.pk]) in body_text(message)

    entry = AuditEntry.objects.get(action="opinion.edit")
    assert entry.actor == ngo_rep
    assert (
        entry.before["answer"] == Outcome.NOT_TAKEN_INTO_ACCOUNT and entry.after["answer"] is None
    )


def test_an_edit_of_an_unanswered_opinion_tells_nobody(
    ngo_opinion, ngo_rep, responder, client_for, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(ngo_rep).post(
            reverse("consultations:opinion_edit", args=[ngo_opinion.pk]),
            edit_data(ngo_opinion),
        )
    # The receipt of the opinion went out when it was given (not captured); nothing now.
    assert mailbox.to(responder.email) == []


def test_officers_see_the_history_on_the_answer_page(
    ngo_opinion, ngo_rep, responder, resident, client_for
):
    services.answer_give(
        actor=responder,
        opinion=ngo_opinion,
        outcome=Outcome.NOT_TAKEN_INTO_ACCOUNT,
        reason="Nav pamatots.",
    )
    services.opinion_edit(
        actor=ngo_rep, opinion=ngo_opinion, kind="objection", text="Otrā redakcija."
    )
    services.opinion_withdraw(actor=ngo_rep, opinion=ngo_opinion)

    page = client_for(responder).get(reverse("officer:answer", args=[ngo_opinion.pk]))
    html = page.content.decode()
    assert "Viedokļa vēsture" in html
    assert "Biedrības sākotnējais priekšlikums." in html  # before the edit
    assert "Otrā redakcija." in html  # when withdrawn
    assert "Nav pamatots." in html  # the answer the edit voided
    assert "Autors šo viedokli atsauca" in html
    assert AuditEntry.objects.filter(action="opinion.withdraw", actor=ngo_rep).exists()

    # The public page of the opinion shows neither the history nor the text.
    public = client_for(resident).get(reverse("consultations:opinion", args=[ngo_opinion.pk]))
    assert "Otrā redakcija." not in public.content.decode()
    assert "Biedrības sākotnējais priekšlikums." not in public.content.decode()
    assert "Autors viedokli atsauca" in public.content.decode()


# --- Withdrawn: in public, in the downloads and the API, in the counts ------------------------


@pytest.fixture
def published_with_withdrawn(ngo_opinion, ngo_rep, resident, responder):
    """Two opinions; one withdrawn while open. Closed, and published with only the other
    answered — no justification needed, since a withdrawn opinion needs no answer."""
    consultation = ngo_opinion.consultation
    other, _ = services.opinion_submit(
        author=resident, consultation=consultation, kind="support", text="Atbalstu."
    )
    services.opinion_withdraw(actor=ngo_rep, opinion=ngo_opinion)
    factories.close(consultation)
    services.answer_give(actor=responder, opinion=other, outcome=Outcome.NOTED, reason="Ņemts.")
    services.feedback_publish(actor=responder, consultation=consultation)
    return consultation, ngo_opinion, other


def test_withdrawn_row_in_the_public_feedback_table(published_with_withdrawn, client):
    consultation, _withdrawn, _other = published_with_withdrawn
    consultation.refresh_from_db()
    assert consultation.feedback_justification == ""
    html = client.get(reverse("consultations:feedback", args=[consultation.pk])).content.decode()
    assert "Autors viedokli atsauca." in html
    assert "Atsaukts" in html
    assert "Biedrības sākotnējais priekšlikums." not in html
    assert "Atbalstu." in html


def test_withdrawn_row_in_the_downloads(published_with_withdrawn, client):
    consultation, withdrawn, _other = published_with_withdrawn
    response = client.get(reverse("consultations:feedback", args=[consultation.pk]) + "?format=csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    [row] = [row for row in rows if withdrawn.reference in row]
    assert "Atsaukts" in row
    assert "Autors viedokli atsauca." in row
    assert "Biedrības sākotnējais priekšlikums." not in text


def _delimiter(text: str) -> str:
    return ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","


def test_withdrawn_opinion_in_the_api(published_with_withdrawn, client, api_for, ngo_rep):
    consultation, withdrawn, other = published_with_withdrawn
    listing = client.get(f"/api/v1/consultations/{consultation.pk}/opinions").json()
    by_reference = {item["reference"]: item for item in listing["results"]}
    public = by_reference[withdrawn.reference]
    assert public["status"] == "withdrawn"
    assert public["text"] == "" and public["withdrawn_at"] is not None
    assert public["answer"] is None
    assert by_reference[other.reference]["status"] == "feedback_published"

    own = api_for(ngo_rep).get(f"/api/v1/opinions/{withdrawn.pk}").json()
    assert own["status"] == "withdrawn"
    assert own["text"] == "Biedrības sākotnējais priekšlikums."

    table = client.get(f"/api/v1/consultations/{consultation.pk}/feedback-table").json()
    [row] = [row for row in table["rows"] if row["reference"] == withdrawn.reference]
    assert row["outcome"] == "Atsaukts"


def test_api_status_before_publication(ngo_opinion, responder, client, api_for, ngo_rep):
    services.answer_give(
        actor=responder, opinion=ngo_opinion, outcome=Outcome.TAKEN_INTO_ACCOUNT, reason="Jā."
    )
    url = f"/api/v1/opinions/{ngo_opinion.pk}"
    assert client.get(url).json()["status"] == "unanswered"  # answers are not public yet
    assert api_for(ngo_rep).get(url).json()["status"] == "answered"
    assert api_for(responder).get(url).json()["status"] == "answered"


def test_openapi_lists_the_opinion_statuses(db, client):
    document = client.get("/api/v1/openapi.json").json()
    enums = [set(schema.get("enum", ())) for schema in document["components"]["schemas"].values()]
    assert {"unanswered", "answered", "feedback_published", "withdrawn"} in enums


def test_withdrawn_opinions_are_not_counted_as_unanswered(
    ngo_opinion, ngo_rep, resident, responder, ministry, settings
):
    consultation = ngo_opinion.consultation
    services.opinion_submit(author=resident, consultation=consultation, kind="support", text="A")
    services.opinion_withdraw(actor=ngo_rep, opinion=ngo_opinion)
    assert selectors.opinion_counts(consultation)["withdrawn"] == 1
    [row] = selectors.officer_consultations(user=responder).filter(pk=consultation.pk)
    assert row.unanswered_count == 1
    assert list(selectors.desk_opinions(user=responder)) != []
    assert ngo_opinion not in selectors.desk_opinions(user=responder)

    # Overdue: only the opinion still waiting counts; once it is answered, nothing is due and
    # the reminder jobs (which read overdue_consultations) skip the consultation.
    factories.close(consultation)
    from datetime import timedelta

    from django.utils import timezone

    later = timezone.now() + timedelta(days=settings.ANSWER_DEADLINE_DAYS + 1)
    [overdue] = selectors.overdue_consultations(now=later)
    assert overdue.unanswered_count == 1
    other = consultation.opinions.exclude(pk=ngo_opinion.pk).get()
    services.answer_give(actor=responder, opinion=other, outcome=Outcome.NOTED, reason="Ņemts.")
    assert list(selectors.overdue_consultations(now=later)) == []


def test_gdpr_copy_holds_the_revisions(ngo_opinion, ngo_rep, responder):
    services.answer_give(
        actor=responder,
        opinion=ngo_opinion,
        outcome=Outcome.NOT_TAKEN_INTO_ACCOUNT,
        reason="Iekšēji.",
    )
    services.opinion_edit(actor=ngo_rep, opinion=ngo_opinion, kind="proposal", text="Jaunais.")
    services.opinion_withdraw(actor=ngo_rep, opinion=ngo_opinion)

    import json
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(gdpr.personal_data_export(user=ngo_rep)))
    data = json.loads(archive.read("data.json"))
    [exported] = data["opinions"]
    assert exported["withdrawn_at"] is not None and exported["edited_at"] is not None
    assert [revision["change"] for revision in exported["revisions"]] == ["edited", "withdrawn"]
    assert exported["revisions"][0]["text"] == "Biedrības sākotnējais priekšlikums."
    assert exported["revisions"][1]["text"] == "Jaunais."
    assert all(revision["by_me"] for revision in exported["revisions"])
    # The voided answer was never published, so it is not in the copy.
    assert "Iekšēji." not in archive.read("data.json").decode()


@pytest.mark.parametrize("count", [2, 30])
def test_my_opinions_runs_a_fixed_number_of_queries(
    count, ngo, ngo_rep, fellow_rep, open_consultation, client_for, django_assert_max_num_queries
):
    """The organisation's opinions given by a fellow representative are the case a query per
    row would show in: the rule is answered from the selector's mark, not asked again."""
    for number in range(count):
        factories.opinion(open_consultation, ngo_rep, organisation=ngo, text=f"Nr. {number}")
    client = client_for(fellow_rep)
    client.get("/my-opinions/")  # sessions, caches
    with django_assert_max_num_queries(8):
        response = client.get("/my-opinions/")
    assert (
        response.content.decode().count(
            reverse("consultations:opinion_edit", args=[Opinion.objects.last().pk])
        )
        == 1
    )


def test_a_withdrawn_opinions_files_are_no_longer_public(
    open_consultation, resident, client_for, client
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    opinion, _ = services.opinion_submit(
        author=resident,
        consultation=open_consultation,
        kind="proposal",
        text="Ar pielikumu.",
        attachments=[SimpleUploadedFile("piezimes.txt", b"Piezimes.\n", "text/plain")],
    )
    url = reverse("consultations:opinion_attachment", args=[opinion.attachments.get().pk])
    assert client.get(url).status_code == 200
    services.opinion_withdraw(actor=resident, opinion=opinion)
    assert client.get(url).status_code == 404
    assert client_for(resident).get(url).status_code == 200
