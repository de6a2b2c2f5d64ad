"""A survey in a real browser: a resident answers every kind of question (scale, choice with
"other", ranking, matrix, free text), saving progress first; the results page shows charts
and tables; axe finds no violations on the form, the results, the builder and the desk, and
the Nu HTML Checker no errors."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from lidzdaliba.surveys import services
from lidzdaliba.surveys.models import Question, Response, Survey
from lidzdaliba.testing import factories
from lidzdaliba.testing.html_validator import describe, validate_html

from .conftest import BROWSER_MARKS, Browsing

pytestmark = BROWSER_MARKS
Kind = Question.Kind
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture
def survey(editor, ministry) -> Survey:
    s = services.survey_create(
        actor=editor,
        institution=ministry,
        title="Kā jums veicas ar līdzdalību?",
        audience=Survey.Audience.BOTH,
    )
    section = services.section_add(actor=editor, survey=s, title="Pieredze")
    services.question_add(
        actor=editor,
        survey=s,
        section=section,
        kind=Kind.SCALE,
        text="Cik lielā mērā jūsu viedoklis tiek ņemts vērā?",
        required=True,
        label_low="nemaz",
        label_high="pilnībā",
    )
    services.question_add(
        actor=editor,
        survey=s,
        section=section,
        kind=Kind.MULTIPLE,
        text="Kā uzzināt par apspriedēm?",
        options=["e-pasts", "TAP portāls"],
        allow_other=True,
    )
    services.question_add(
        actor=editor,
        survey=s,
        kind=Kind.RANKING,
        text="Kas ir svarīgākais?",
        options=["termiņi", "atgriezeniskā saite", "skaidra valoda"],
    )
    services.question_add(
        actor=editor,
        survey=s,
        kind=Kind.MATRIX,
        text="Novērtējiet",
        rows=["informācija", "atbildes"],
        scale_max=5,
    )
    services.question_add(actor=editor, survey=s, kind=Kind.TEXT, text="Kāpēc piedalāties?")
    s = services.survey_publish(actor=editor, survey=s)
    return s


def _axe(page) -> list[dict]:
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def _describe(violations) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n  "
        + "\n  ".join(node["html"] for node in v["nodes"])
        for v in violations
    )


def test_resident_answers_and_results_are_accessible(
    browsing: Browsing, survey, resident, editor, tmp_path
):
    page = browsing.new_page(user=resident)
    page.goto(f"/surveys/{survey.pk}/")
    violations = _axe(page)
    assert not violations, _describe(violations)
    documents = {"survey form": page.content()}

    page.get_by_label("7", exact=True).check()
    page.get_by_role("button", name="Saglabāt un pabeigt vēlāk").click()
    expect(page.locator("body")).to_contain_text("atbildes ir saglabātas")
    expect(page.get_by_label("7", exact=True)).to_be_checked()

    page.get_by_label("TAP portāls").check()
    page.locator("input[value=__other__]").check()
    page.get_by_label("Cits: Kā uzzināt par apspriedēm?").fill("kaimiņi")
    page.get_by_label("atgriezeniskā saite").select_option("1")
    page.get_by_label("termiņi").select_option("2")
    page.get_by_label("informācija: 4").check()
    page.get_by_label("Kāpēc piedalāties?").fill("Gribu, lai iestādes ņem vērā atzinumus.")
    page.get_by_role("button", name="Iesniegt atbildes").click()
    expect(page.locator("body")).to_contain_text("Jūsu atbildes ir saņemtas")

    response = Response.objects.get(person=resident)
    assert response.submitted_at is not None
    ranked = list(
        response.answers.filter(question__kind=Kind.RANKING)
        .order_by("number")
        .values_list("choice", flat=True)
    )
    assert ranked == ["atgriezeniskā saite", "termiņi"]

    # Four more respondents, so the public results show figures (five or more).
    q = {x.kind: x for x in survey.questions.all()}
    for n in range(4):
        services.response_save(
            person=factories.UserFactory(),
            survey=survey,
            answers={q[Kind.SCALE].pk: 3 + n, q[Kind.TEXT].pk: "Atzinumi netiek ņemti vērā."},
        )
    visitor = browsing.new_page()
    visitor.goto(f"/surveys/{survey.pk}/results/")
    expect(visitor.locator("main svg").first).to_be_visible()
    expect(visitor.locator("main table").first).to_contain_text("7")
    violations = _axe(visitor)
    assert not violations, _describe(violations)
    documents["results"] = visitor.content()
    visitor.get_by_role("link", name="atzinums").first.click()
    expect(visitor).to_have_url(re.compile(r"/answers/\?word=atzinums"))
    expect(visitor.locator("main")).to_contain_text("Atzinumi netiek ņemti vērā.")

    officer = browsing.new_page(user=editor)
    for name, url in (("builder", f"/officer/surveys/{survey.pk}/"), ("desk", "/officer/surveys/")):
        officer.goto(url)
        violations = _axe(officer)
        assert not violations, f"{name}: {_describe(violations)}"
        documents[name] = officer.content()

    errors = validate_html(documents, tmp_path / "pages")
    assert not errors, describe(errors)
