"""The tallies the results page reads stay exact: after random submissions, saved progress,
changed answers (also into another group) and deletions, the results from the tallies equal
the results aggregated from the answer rows, for every group and in public and full views;
a rebuild from the rows gives the same counters; an import is tallied; the public view still
hides fewer than 5 respondents; the answers behind a word follow changed answers.
(SQLite by default; DATABASE_URL=postgres://… runs the same on PostgreSQL.)"""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command

from lidzdaliba.institutions.models import OfficerRole
from lidzdaliba.surveys import selectors, services
from lidzdaliba.surveys.models import (
    AnswerCount,
    AnswerLemma,
    LemmaCount,
    Question,
    RespondentCount,
    Response,
    Survey,
)
from lidzdaliba.testing import factories

Kind = Question.Kind
Role = OfficerRole.Role
# inflected forms of a few lemmas, and stop words
_WORDS = (
    "atzinums atzinumu atzinumiem iestāde iestādes iestādēm lēmums lēmumu viedoklis viedokļi "
    "pašvaldība pašvaldībai termiņš termiņu projekts informācija un ka par netika ņemts vērā "
    "sanāksme sanāksmē budžets skola skolas ceļš"
)
WORDS = _WORDS.split()


def full_survey(editor, ministry) -> Survey:
    """Every kind of question, "other" allowed, a condition, answers may be changed."""
    survey = services.survey_create(
        actor=editor,
        institution=ministry,
        title="Visi jautājumi",
        audience=Survey.Audience.BOTH,
        allow_changes=True,
    )

    def add(kind, text, **fields):
        return services.question_add(actor=editor, survey=survey, kind=kind, text=text, **fields)

    add(Kind.SCALE, "Vērtējums", scale_max=7)
    took_part = add(Kind.SINGLE, "Piedalījāties?", options=["Jā", "Nē"], allow_other=True)
    add(
        Kind.MULTIPLE,
        "Kā?",
        options=["e-pasts", "TAP", "sanāksme"],
        allow_other=True,
        show_if=took_part,
        show_if_values=["Jā"],
    )
    add(Kind.RANKING, "Secība", options=["A", "B", "C", "D"])
    add(Kind.MATRIX, "Matrica", rows=["x", "y", "z"], scale_max=5)
    add(Kind.TEXT, "Kāpēc?")
    services.survey_publish(actor=editor, survey=survey)
    return Survey.objects.get(pk=survey.pk)


def random_values(rng: random.Random, survey: Survey) -> dict:
    values: dict = {}
    for q in survey.questions.all():
        if rng.random() < 0.15:
            continue  # left unanswered
        if q.kind == Kind.SCALE:
            values[q.pk] = rng.randint(1, q.scale_max)
        elif q.kind == Kind.SINGLE:
            values[q.pk] = rng.choice([*q.options, "Cits variants"])
        elif q.kind == Kind.MULTIPLE:
            picked = rng.sample(q.options, rng.randint(0, 2))
            values[q.pk] = picked + (["Vēstule"] if rng.random() < 0.3 else [])
        elif q.kind == Kind.RANKING:
            values[q.pk] = rng.sample(q.options, rng.randint(1, len(q.options)))
        elif q.kind == Kind.MATRIX:
            values[q.pk] = {row: rng.choice(["", 1, 2, 3, 4, 5]) for row in q.rows}
        elif q.kind == Kind.TEXT:
            values[q.pk] = " ".join(rng.choices(WORDS, k=rng.randint(0, 9)))
    return values


def counters(survey: Survey) -> dict[str, set]:
    questions = list(survey.questions.values_list("pk", flat=True))
    mine = {"question_id__in": questions, "count__gt": 0}
    return {
        "answers": set(
            AnswerCount.objects.filter(**mine).values_list(
                "question_id", "group", "choice", "number", "count"
            )
        ),
        "respondents": set(
            RespondentCount.objects.filter(**mine).values_list("question_id", "group", "count")
        ),
        "lemmas": set(
            LemmaCount.objects.filter(**mine).values_list("question_id", "group", "lemma", "count")
        ),
        "answer_lemmas": set(
            AnswerLemma.objects.filter(question_id__in=questions).values_list(
                "answer_id", "question_id", "group", "lemma"
            )
        ),
    }


def assert_same_both_ways(survey: Survey) -> None:
    survey = Survey.objects.get(pk=survey.pk)
    for group in (None, "public", "institutions", "nobody"):
        for public in (False, True):
            tallied = selectors.survey_results(survey=survey, group=group, public=public)
            from_rows = selectors.survey_results(
                survey=survey, group=group, public=public, from_rows=True
            )
            assert tallied == from_rows, (group, public)


def test_tallies_equal_the_rows_after_random_submissions_changes_and_deletions(editor, ministry):
    rng = random.Random(13)
    survey = full_survey(editor, ministry)
    residents = [factories.UserFactory() for _ in range(14)]
    officers = [factories.officer(factories.InstitutionFactory(), Role.EDITOR) for _ in range(6)]
    people = residents + officers
    submitted, saved, deleted = 0, 0, 0
    for step in range(160):
        person = rng.choice(people)
        roll = rng.random()
        if step == 80:
            # a resident becomes an officer: their next save moves them to the other group
            OfficerRole.objects.create(
                user=residents[0], institution=factories.InstitutionFactory(), role=Role.EDITOR
            )
            person, roll = residents[0], 0.0
        if roll < 0.6:
            services.response_save(
                person=person, survey=survey, answers=random_values(rng, survey), submit=True
            )
            submitted += 1
        elif roll < 0.8:
            services.response_save(
                person=person, survey=survey, answers=random_values(rng, survey), submit=False
            )
            saved += 1
        else:
            response = Response.objects.filter(survey=survey, person=person).first()
            if response is not None:
                services.response_delete(response=response)
                deleted += 1
        if step % 40 == 39:
            assert_same_both_ways(survey)
    assert submitted > 50 and saved > 20 and deleted > 10
    results = selectors.survey_results(survey=survey)
    assert set(results.groups) == {"public", "institutions"}
    assert results.n >= 10
    text = results.questions[-1].all
    assert text.words and dict(text.words)["atzinums"] > 0  # inflected forms as one lemma
    assert_same_both_ways(survey)
    # a rebuild from the rows (import, the command, the migration) gives the same counters
    before = counters(survey)
    assert before["answers"] and before["lemmas"] and before["answer_lemmas"]
    services.tallies_rebuild(survey_id=survey.pk)
    after = counters(survey)
    assert after["answers"] == before["answers"]
    assert after["respondents"] == before["respondents"]
    assert after["lemmas"] == before["lemmas"]
    # the rebuilt links name the same answers and lemmas (their own ids are new)
    assert after["answer_lemmas"] == before["answer_lemmas"]


def test_the_command_refills_tallies_that_were_lost(editor, ministry):
    survey = full_survey(editor, ministry)
    rng = random.Random(5)
    for _ in range(8):
        services.response_save(
            person=factories.UserFactory(), survey=survey, answers=random_values(rng, survey)
        )
    expected = selectors.survey_results(survey=survey)
    for model in (AnswerCount, RespondentCount, LemmaCount, AnswerLemma):
        model.objects.all().delete()
    assert selectors.survey_results(survey=survey) != expected
    call_command("rebuild_survey_tallies", stdout=io.StringIO())
    assert selectors.survey_results(survey=survey) == expected
    for model in (AnswerCount, RespondentCount, LemmaCount, AnswerLemma):
        model.objects.all().delete()
    call_command("rebuild_survey_tallies", "--survey", str(survey.pk), stdout=io.StringIO())
    assert selectors.survey_results(survey=survey) == expected


def test_an_imported_survey_is_tallied(editor, ministry):
    content = (
        "Grupa,Vērtējums,Kanāli,Kāpēc?\n"
        + "".join(
            f"{'iestāde' if i % 3 else 'sabiedrība'},{i % 10 + 1},"
            f"{'e-pasts;TAP' if i % 2 else 'TAP'},Atzinumu neņēma vērā {i}\n"
            for i in range(30)
        )
    ).encode()
    survey = services.survey_import(
        actor=editor,
        institution=ministry,
        title="Imports",
        content=content,
        filename="a.csv",
        group_column="Grupa",
    )
    results = selectors.survey_results(survey=survey)
    assert results.n == 30 and set(results.groups) == {"iestāde", "sabiedrība"}
    assert results.questions[0].all.n == 30 and results.questions[1].all.counts["TAP"] == 30
    assert dict(results.questions[2].all.words)["atzinums"] == 30
    assert_same_both_ways(survey)


def _answer(survey, person, text="Iestāde neņēma vērā atzinumu"):
    q = {q.kind: q for q in survey.questions.all()}
    services.response_save(
        person=person,
        survey=survey,
        answers={
            q[Kind.SCALE].pk: 4,
            q[Kind.SINGLE].pk: "Jā",
            q[Kind.MULTIPLE].pk: ["TAP"],
            q[Kind.RANKING].pk: ["B", "A"],
            q[Kind.MATRIX].pk: {"x": 3},
            q[Kind.TEXT].pk: text,
        },
    )


def test_public_results_hide_fewer_than_five_after_a_deletion(client, editor, ministry):
    survey = full_survey(editor, ministry)
    people = [factories.UserFactory() for _ in range(5)]
    for person in people:
        _answer(survey, person)
    url = f"/surveys/{survey.pk}/results/"
    assert "Atbildēja mazāk nekā 5 cilvēki" not in client.get(url).content.decode()
    services.response_delete(response=Response.objects.get(survey=survey, person=people[0]))
    page = client.get(url).content.decode()
    assert "Atbildēja mazāk nekā 5 cilvēki" in page
    assert "atzinums" not in page  # the word cloud of four answers is hidden too


def test_answers_behind_a_word_follow_a_changed_answer(client_for, editor, ministry):
    survey = full_survey(editor, ministry)
    text_q = survey.questions.get(kind=Kind.TEXT)
    changer = factories.UserFactory()
    for person in [factories.UserFactory() for _ in range(4)]:
        _answer(survey, person)
    _answer(survey, changer, "Budžets skolām ir par mazu")
    client = client_for(editor)
    behind = f"/surveys/{survey.pk}/results/{text_q.pk}/answers/?word="
    assert "Budžets skolām" in client.get(behind + "budžets").content.decode()
    _answer(survey, changer, "Termiņš bija par īsu")
    assert "Budžets skolām" not in client.get(behind + "budžets").content.decode()
    assert "Termiņš bija par īsu" in client.get(behind + "termiņš").content.decode()
    assert client.get(behind + "atzinums").content.decode().count("neņēma vērā") == 4
    assert_same_both_ways(survey)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_data_migration_fills_the_tallies_of_surveys_answered_before(editor, ministry):
    survey = full_survey(editor, ministry)
    rng = random.Random(3)
    for _ in range(6):
        services.response_save(
            person=factories.UserFactory(), survey=survey, answers=random_values(rng, survey)
        )
    expected = selectors.survey_results(survey=survey)
    call_command("migrate", "surveys", "0003_tallies", verbosity=0)  # its reverse empties them
    assert not AnswerCount.objects.exists() and not AnswerLemma.objects.exists()
    call_command("migrate", "surveys", verbosity=0)
    assert selectors.survey_results(survey=survey) == expected
