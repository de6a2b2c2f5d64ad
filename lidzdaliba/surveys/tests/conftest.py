import pytest

from lidzdaliba.surveys import services
from lidzdaliba.surveys.models import Question, Survey

Kind = Question.Kind


@pytest.fixture
def survey(editor, ministry):
    """A published survey of the ministry for both groups: a scale, a choice, a condition
    on the choice, a free text."""
    s = services.survey_create(
        actor=editor,
        institution=ministry,
        title="Līdzdalības aptauja",
        audience=Survey.Audience.BOTH,
    )
    scale = services.question_add(
        actor=editor,
        survey=s,
        kind=Kind.SCALE,
        text="Cik apmierināts?",
        required=True,
        scale_max=10,
        label_low="nemaz",
        label_high="ļoti",
    )
    took_part = services.question_add(
        actor=editor,
        survey=s,
        kind=Kind.SINGLE,
        text="Vai piedalījāties?",
        options=["Jā", "Nē"],
        required=True,
    )
    services.question_add(
        actor=editor,
        survey=s,
        kind=Kind.MULTIPLE,
        text="Kā?",
        options=["e-pasts", "sanāksme"],
        allow_other=True,
        required=True,
        show_if=took_part,
        show_if_values=["Jā"],
    )
    services.question_add(actor=editor, survey=s, kind=Kind.TEXT, text="Kāpēc?")
    services.survey_publish(actor=editor, survey=s)
    s.refresh_from_db()
    s.q = {q.text: q for q in s.questions.all()}
    assert scale
    return s
