"""Builder and conditions: kinds validated, conditions only on earlier questions, hidden
questions' answers dropped and their `required` not applied, locked once answered, copies."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.surveys import services
from lidzdaliba.surveys.models import Answer, Question

Kind = Question.Kind
pytestmark = pytest.mark.django_db


def test_each_kind_needs_its_shape(editor, ministry):
    s = services.survey_create(actor=editor, institution=ministry, title="A")
    with pytest.raises(ValidationError):
        services.question_add(actor=editor, survey=s, kind=Kind.SINGLE, text="x", options=["a"])
    with pytest.raises(ValidationError):
        services.question_add(actor=editor, survey=s, kind=Kind.MATRIX, text="x")
    with pytest.raises(ValidationError):
        services.question_add(actor=editor, survey=s, kind=Kind.SCALE, text="x", scale_max=11)
    with pytest.raises(ValidationError):
        services.question_add(
            actor=editor, survey=s, kind=Kind.RANKING, text="x", options=["a", "a"]
        )
    m = services.question_add(
        actor=editor, survey=s, kind=Kind.MATRIX, text="m", rows=["r1", "r2"], scale_max=5
    )
    assert m.rows == ["r1", "r2"]


def test_condition_must_name_an_answer_of_an_earlier_question(editor, ministry):
    s = services.survey_create(actor=editor, institution=ministry, title="A")
    text = services.question_add(actor=editor, survey=s, kind=Kind.TEXT, text="t")
    choice = services.question_add(
        actor=editor, survey=s, kind=Kind.SINGLE, text="c", options=["a", "b"]
    )
    with pytest.raises(ValidationError):  # not on free text
        services.question_add(
            actor=editor, survey=s, kind=Kind.TEXT, text="x", show_if=text, show_if_values=["a"]
        )
    with pytest.raises(ValidationError):  # not an option
        services.question_add(
            actor=editor, survey=s, kind=Kind.TEXT, text="x", show_if=choice, show_if_values=["z"]
        )


def test_hidden_question_is_not_required_and_its_answer_is_dropped(survey, resident):
    q = survey.q
    _response, created = services.response_save(
        person=resident,
        survey=survey,
        answers={
            q["Cik apmierināts?"].pk: 7,
            q["Vai piedalījāties?"].pk: "Nē",
            q["Kā?"].pk: ["e-pasts"],
        },
    )
    assert created
    assert not Answer.objects.filter(question=q["Kā?"]).exists()


def test_shown_required_question_needs_an_answer(survey, resident):
    q = survey.q
    with pytest.raises(ValidationError) as error:
        services.response_save(
            person=resident,
            survey=survey,
            answers={q["Cik apmierināts?"].pk: 7, q["Vai piedalījāties?"].pk: "Jā"},
        )
    assert str(q["Kā?"].pk) in error.value.message_dict


def test_other_answer_is_kept_with_its_words(survey, resident):
    q = survey.q
    services.response_save(
        person=resident,
        survey=survey,
        answers={
            q["Cik apmierināts?"].pk: 7,
            q["Vai piedalījāties?"].pk: "Jā",
            q["Kā?"].pk: ["e-pasts", "vēstule pa pastu"],
        },
    )
    rows = set(Answer.objects.filter(question=q["Kā?"]).values_list("choice", "text"))
    assert rows == {("e-pasts", ""), ("__other__", "vēstule pa pastu")}


def test_survey_with_answers_is_locked_and_a_copy_is_editable(survey, resident, editor):
    q = survey.q
    services.response_save(
        person=resident,
        survey=survey,
        answers={q["Cik apmierināts?"].pk: 3, q["Vai piedalījāties?"].pk: "Nē"},
    )
    with pytest.raises(Conflict):
        services.question_add(actor=editor, survey=survey, kind=Kind.TEXT, text="jauns")
    copy = services.survey_copy(actor=editor, survey=survey)
    assert copy.status == "draft" and copy.copied_from == survey
    copied = {x.text: x for x in copy.questions.all()}
    assert copied["Kā?"].show_if == copied["Vai piedalījāties?"]
    services.question_add(actor=editor, survey=copy, kind=Kind.TEXT, text="jauns")
    assert AuditEntry.objects.filter(action="survey.copy", target_id=str(survey.pk)).exists()


def test_only_owners_build(survey, other_officer, resident, coordinator):
    for outsider in (other_officer, resident):
        with pytest.raises(PermissionDenied):
            services.survey_copy(actor=outsider, survey=survey)
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=other_officer, institution=survey.institution, title="x")
    own = services.survey_create(actor=coordinator, institution=None, title="Valsts aptauja")
    services.question_add(actor=coordinator, survey=own, kind=Kind.TEXT, text="?")
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=resident, institution=None, title="x")


def test_survey_about_a_consultation_needs_the_right_to_attach(
    editor, other_officer, ministry, municipality, open_consultation, api_for
):
    survey = services.survey_create(
        actor=editor, institution=ministry, title="Par apspriedi", subject=open_consultation
    )
    services.question_add(actor=editor, survey=survey, kind=Kind.TEXT, text="?")
    services.survey_publish(actor=editor, survey=survey)
    data = api_for(None).get(f"/api/v1/surveys/{survey.pk}").json()
    assert data["subject"] == {
        "kind": "consultation",
        "id": open_consultation.pk,
        "title": str(open_consultation),
    }
    with pytest.raises(PermissionDenied):
        services.survey_create(
            actor=other_officer,
            institution=municipality,
            title="x",
            subject=open_consultation,
        )


def test_initiatives_and_meetings_are_subject_types():
    from lidzdaliba.core.subjects import subject_type_by_kind

    assert subject_type_by_kind("initiative").label == "initiatives.initiative"
    assert subject_type_by_kind("meeting").label == "councils.meeting"
