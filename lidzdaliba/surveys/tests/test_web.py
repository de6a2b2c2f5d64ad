"""The survey pages over HTTP: building, answering (with saved progress), results with the
small-number rule, groups side by side, filters, word clouds, exports."""

import csv
import io

import pytest
from openpyxl import load_workbook

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.surveys import services
from lidzdaliba.surveys.models import Question, Response, Survey
from lidzdaliba.testing import factories

Kind = Question.Kind
pytestmark = pytest.mark.django_db


def test_officer_builds_previews_and_publishes(client_for, editor, ministry):
    client = client_for(editor)
    response = client.post(
        "/officer/surveys/",
        {
            "institution": ministry.pk,
            "title": "Jauna aptauja",
            "audience": "both",
            "requires_sign_in": "on",
            "results_public": "on",
        },
    )
    assert response.status_code == 302
    survey = Survey.objects.get(title="Jauna aptauja")
    url = f"/officer/surveys/{survey.pk}/"
    assert client.post(url, {"action": "section", "section-title": "Ievads"}).status_code == 302
    response = client.post(
        url,
        {
            "action": "question",
            "question-kind": "single",
            "question-text": "Vai?",
            "question-options": "Jā\nNē",
            "question-scale_max": 10,
        },
    )
    assert response.status_code == 302
    choice = survey.questions.get()
    response = client.post(
        url,
        {
            "action": "question",
            "question-kind": "matrix",
            "question-text": "Novērtējiet",
            "question-rows": "A\nB",
            "question-scale_max": 5,
            "question-show_if": choice.pk,
            "question-show_if_values": "Jā",
        },
    )
    assert response.status_code == 302
    bad = client.post(
        url,
        {
            "action": "question",
            "question-kind": "single",
            "question-text": "X",
            "question-options": "viens",
            "question-scale_max": 10,
        },
    )
    assert bad.status_code == 400
    preview = client.get(f"/officer/surveys/{survey.pk}/preview/")
    assert (
        "Novērtējiet" in preview.content.decode() and "Priekšskatījums" in preview.content.decode()
    )
    assert client.post(url, {"action": "publish"}).status_code == 302
    survey.refresh_from_db()
    assert survey.is_published
    assert AuditEntry.objects.filter(action="survey.publish", target_id=str(survey.pk)).exists()


def test_resident_saves_progress_then_submits(client_for, survey, resident):
    q = survey.q
    client = client_for(resident)
    page = client.get(f"/surveys/{survey.pk}/")
    assert page.status_code == 200
    r = client.post(f"/surveys/{survey.pk}/", {f"q{q['Cik apmierināts?'].pk}": "8", "save": "1"})
    assert r.status_code == 302
    saved = Response.objects.get(survey=survey, person=resident)
    assert saved.submitted_at is None
    again = client.get(f"/surveys/{survey.pk}/").content.decode()
    assert 'value="8" checked' in again
    incomplete = client.post(f"/surveys/{survey.pk}/", {f"q{q['Cik apmierināts?'].pk}": "8"})
    assert incomplete.status_code == 400  # the required choice is missing
    r = client.post(
        f"/surveys/{survey.pk}/",
        {
            f"q{q['Cik apmierināts?'].pk}": "8",
            f"q{q['Vai piedalījāties?'].pk}": "Jā",
            f"q{q['Kā?'].pk}": ["sanāksme", "__other__"],
            f"q{q['Kā?'].pk}_other": "radio",
        },
    )
    assert r.status_code == 302
    saved.refresh_from_db()
    assert saved.submitted_at is not None and saved.group == "public"
    assert saved.answers.filter(choice="__other__", text="radio").exists()


def test_officer_answers_as_institution_whatever_the_request_says(
    client_for, survey, other_officer
):
    q = survey.q
    client_for(other_officer).post(
        f"/surveys/{survey.pk}/",
        {
            f"q{q['Cik apmierināts?'].pk}": "2",
            f"q{q['Vai piedalījāties?'].pk}": "Nē",
            "group": "public",
        },
    )
    assert Response.objects.get(person=other_officer).group == "institutions"


def _answer(survey, person, scale, took_part, why=""):
    q = survey.q
    values = {
        q["Cik apmierināts?"].pk: scale,
        q["Vai piedalījāties?"].pk: took_part,
        q["Kāpēc?"].pk: why,
    }
    if took_part == "Jā":
        values[q["Kā?"].pk] = ["e-pasts"]
    services.response_save(person=person, survey=survey, answers=values)


@pytest.fixture
def answered(survey):
    public = [factories.UserFactory() for _ in range(6)]
    for i, person in enumerate(public):
        _answer(
            survey,
            person,
            i + 3,
            "Jā" if i % 2 else "Nē",
            "Iestādes neņem vērā atzinumus" if i % 2 else "Mans atzinums tika ignorēts",
        )
    officers = [factories.officer(factories.InstitutionFactory(), "editor") for _ in range(3)]
    for person in officers:
        _answer(survey, person, 9, "Jā")
    return survey


def test_public_results_hide_small_groups_and_show_side_by_side(client, answered):
    page = client.get(f"/surveys/{answered.pk}/results/").content.decode()
    assert "n = 9" in page
    assert "<svg" in page and "<table" in page
    assert "Atbildēja mazāk nekā 5 cilvēki" not in page  # overall n 9
    # the institutions' column (n 3) is hidden; the public one is shown
    assert "<td>–</td>" in page
    only_officers = client.get(f"/surveys/{answered.pk}/results/?group=institutions")
    assert "Atbildēja mazāk nekā 5 cilvēki" in only_officers.content.decode()


def test_owner_sees_small_groups_and_filters_by_another_answer(client_for, editor, answered):
    q = answered.q
    client = client_for(editor)
    page = client.get(
        f"/surveys/{answered.pk}/results/?q={q['Vai piedalījāties?'].pk}&v=Jā"
    ).content.decode()
    assert "n = 6" in page  # 3 public + 3 officers answered "Jā"
    assert "Atbildēja mazāk nekā 5" not in page


def test_word_cloud_links_to_the_answers_behind_a_word(client, answered):
    q = answered.q["Kāpēc?"]
    page = client.get(f"/surveys/{answered.pk}/results/").content.decode()
    assert f"/surveys/{answered.pk}/results/{q.pk}/answers/?word=atzinums" in page
    behind = client.get(f"/surveys/{answered.pk}/results/{q.pk}/answers/?word=iestāde")
    text = behind.content.decode()
    assert text.count("Iestādes neņem vērā atzinumus") == 3
    assert "ignorēts" not in text
    svg = client.get(f"/surveys/{answered.pk}/results/{q.pk}.svg")
    assert svg["Content-Type"].startswith("image/svg+xml") and b"atzinums" in svg.content


def test_exports_have_no_personal_data_and_are_formula_safe(client_for, editor, survey):
    q = survey.q
    person = factories.UserFactory(email="secret@example.lv", full_name="Slepenā Persona")
    services.response_save(
        person=person,
        survey=survey,
        answers={
            q["Cik apmierināts?"].pk: 5,
            q["Vai piedalījāties?"].pk: "Nē",
            q["Kāpēc?"].pk: '=HYPERLINK("http://x")',
        },
    )
    client = client_for(editor)
    text = client.get(f"/officer/surveys/{survey.pk}/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][:2] == ["1", "public"] and "5" in rows[1]
    assert '\'=HYPERLINK("http://x")' in rows[1]
    assert "secret@" not in text and "Slepenā" not in text
    book = load_workbook(
        io.BytesIO(client.get(f"/officer/surveys/{survey.pk}/export.xlsx").content)
    )
    values = [c.value for c in next(book.active.iter_rows(min_row=2, max_row=2))]
    assert 5 in values and '\'=HYPERLINK("http://x")' in values


def test_invitation_link_works_once(
    client, editor, survey, mailbox, django_capture_on_commit_callbacks
):
    from lidzdaliba.testing.smtp import body_text

    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(actor=editor, survey=survey, emails=["viesis@example.lv"])
    (message,) = mailbox.wait_for(1)
    link = "/surveys/i/" + body_text(message).split("/surveys/i/")[1].split("/")[0] + "/"
    q = survey.q
    data = {f"q{q['Cik apmierināts?'].pk}": "4", f"q{q['Vai piedalījāties?'].pk}": "Nē"}
    assert client.post(link, data).status_code == 302
    assert Response.objects.filter(survey=survey, invitation__isnull=False).count() == 1
    assert "jau ir izmantota" in client.get(link).content.decode()
