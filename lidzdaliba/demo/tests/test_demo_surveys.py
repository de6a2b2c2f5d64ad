"""The demo's surveys: the source's twin survey with its two groups, and the standard
questions answered for consultations whose feedback is published."""

import pytest
from django.core.management import call_command

from lidzdaliba.surveys import selectors
from lidzdaliba.surveys.models import Survey

pytestmark = pytest.mark.django_db


def test_twin_survey_and_standard_answers(client):
    call_command("load_demo", stdout=None)
    twin = Survey.objects.get(imported=True)
    results = selectors.survey_results(survey=twin, public=True)
    assert results.groups == {"Iedzīvotāji": 155, "Iestādes": 98}
    kinds = [item.question.kind for item in results.questions]
    assert kinds == ["scale", "single", "multiple", "multiple", "text"]
    by_group = results.questions[0].groups
    assert by_group["Iedzīvotāji"].mean < by_group["Iestādes"].mean
    assert 5 < results.questions[0].all.mean < 7
    assert results.questions[4].all.words  # a word cloud of motivations
    page = client.get(f"/surveys/{twin.pk}/results/")
    assert page.status_code == 200 and b"<svg" in page.content
    means = selectors.standard_question_means()
    assert means["taken_into_account"]["n"] > 0
