"""The surveys API: shapes of the issue, 201/200/409 for a repeated response, results with
the small-number rule, import over multipart."""

import pytest

from lidzdaliba.surveys import services
from lidzdaliba.surveys.models import Question, Response
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_list_and_detail(api_for, survey):
    page = api_for(None).get("/api/v1/surveys").json()
    assert set(page) == {"count", "page", "page_size", "pages", "results"}
    assert page["results"][0]["id"] == survey.pk
    detail = api_for(None).get(f"/api/v1/surveys/{survey.pk}").json()
    kinds = [q["kind"] for q in detail["questions"]]
    assert kinds == ["scale", "single", "multiple", "text"]
    condition = detail["questions"][2]["show_if"]
    assert condition == {"question_id": detail["questions"][1]["id"], "values": ["Jā"]}


def test_response_201_then_409_without_changes_and_200_with(api_for, survey, resident, editor):
    q = survey.q
    body = {
        "answers": {
            str(q["Cik apmierināts?"].pk): 7,
            str(q["Vai piedalījāties?"].pk): "Jā",
            str(q["Kā?"].pk): ["e-pasts", "radio"],
        }
    }
    client = api_for(resident)
    first = _post(client, f"/api/v1/surveys/{survey.pk}/responses", body)
    assert first.status_code == 201, first.content
    assert first.json() == {"survey_id": survey.pk, "group": "public", "submitted": True}
    again = _post(client, f"/api/v1/surveys/{survey.pk}/responses", body)
    assert again.status_code == 409 and again.json()["error"] == "already_answered"
    survey.allow_changes = True
    survey.save()
    body["answers"][str(q["Cik apmierināts?"].pk)] = 2
    changed = _post(client, f"/api/v1/surveys/{survey.pk}/responses", body)
    assert changed.status_code == 200
    response = Response.objects.get(person=resident)
    assert response.answers.get(question=q["Cik apmierināts?"]).number == 2


def test_invalid_answers_are_422_with_the_question(api_for, survey, resident):
    q = survey.q
    r = _post(
        api_for(resident),
        f"/api/v1/surveys/{survey.pk}/responses",
        {"answers": {str(q["Cik apmierināts?"].pk): 11}},
    )
    assert r.status_code == 422
    assert str(q["Cik apmierināts?"].pk) in r.json()["details"]


def test_anonymous_caller_must_sign_in(api_for, survey):
    r = _post(api_for(None), f"/api/v1/surveys/{survey.pk}/responses", {"answers": {}})
    assert r.status_code == 401


def test_results_shape_and_public_hiding(api_for, survey, editor):
    q = survey.q
    for i in range(5):
        services.response_save(
            person=factories.UserFactory(),
            survey=survey,
            answers={
                q["Cik apmierināts?"].pk: i + 1,
                q["Vai piedalījāties?"].pk: "Nē",
                q["Kāpēc?"].pk: "Atzinumi netiek ņemti vērā",
            },
        )
    officer = factories.officer(factories.InstitutionFactory(), "editor")
    services.response_save(
        person=officer,
        survey=survey,
        answers={q["Cik apmierināts?"].pk: 10, q["Vai piedalījāties?"].pk: "Nē"},
    )
    data = api_for(None).get(f"/api/v1/surveys/{survey.pk}/results").json()
    assert data["n"] == 6
    assert {g["group"]: g["n"] for g in data["groups"]} == {"public": 5, "institutions": 1}
    scale = data["questions"][0]
    assert scale["counts"]["10"] == 1 and scale["mean"] == pytest.approx(25 / 6)
    assert scale["median"] == 3.5 and len(scale["ci95"]) == 2
    text = data["questions"][3]
    assert {"lemma": "atzinums", "count": 5} in text["words"]
    public_only = api_for(None).get(f"/api/v1/surveys/{survey.pk}/results?group=public").json()
    assert public_only["questions"][0]["mean"] == 3
    officers = api_for(None).get(f"/api/v1/surveys/{survey.pk}/results?group=institutions")
    assert officers.json()["questions"][0]["hidden"] is True
    assert officers.json()["questions"][0]["counts"] == {}
    owner = api_for(editor).get(f"/api/v1/surveys/{survey.pk}/results?group=institutions")
    assert owner.json()["questions"][0]["mean"] == 10


CSV = (
    "Grupa,Cik apmierināts?,Kā informējat?,Kāpēc piedalāties?\n"
    "Iedzīvotāji,7,e-pasts;sociālie tīkli,Gribu ietekmēt lēmumus\n"
    "Iedzīvotāji,5,sociālie tīkli,Lēmumi ietekmē mani\n"
    "Iestādes,9,e-pasts;mājaslapa,Likums to prasa\n"
    "Iestādes,8,mājaslapa,Sabiedrības viedoklis ir svarīgs\n"
)


def test_import_csv_over_the_api(api_for, editor, resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("aptauja.csv", CSV.encode(), content_type="text/csv")
    r = api_for(editor).post(
        "/api/v1/surveys/import",
        {"file": upload, "title": "Ārēja aptauja", "group_column": "Grupa"},
    )
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["responses"] == 4
    assert [q["kind"] for q in data["questions"]] == ["scale", "multiple", "text"]
    upload.seek(0)
    denied = api_for(resident).post("/api/v1/surveys/import", {"file": upload, "title": "x"})
    assert denied.status_code == 403
    results = api_for(editor).get(f"/api/v1/surveys/{data['id']}/results").json()
    assert {g["group"]: g["n"] for g in results["groups"]} == {"Iedzīvotāji": 2, "Iestādes": 2}
    assert results["questions"][1]["counts"] == {"e-pasts": 2, "sociālie tīkli": 2, "mājaslapa": 2}
    assert Question.objects.get(pk=data["questions"][0]["id"]).scale_max == 10
