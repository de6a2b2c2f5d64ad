"""A person's survey answers in the copy of their data, and what deleting the account does.

Answers to anonymous surveys are not in the copy: nothing links them to the person (that is
the point), so only the fact of taking part is listed."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import Participation, Response

EXPORT_NOTES = {
    "survey_responses": _(
        "Your answers to surveys that were not anonymous; for anonymous surveys only that "
        "you took part, because your answers are stored without your name."
    )
}


def export_responses(user) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for response in (
        Response.objects.filter(person=user)
        .select_related("survey")
        .prefetch_related("answers__question")
    ):
        rows.append(
            {
                "survey": response.survey.title,
                "submitted_at": response.submitted_at,
                "answers": [
                    {
                        "question": a.question.text,
                        "number": a.number,
                        "choice": a.choice,
                        "text": a.text,
                    }
                    for a in response.answers.all()
                ],
            }
        )
    for participation in Participation.objects.filter(person=user).select_related("survey"):
        rows.append({"survey": participation.survey.title, "anonymous": True})
    return rows


def erase_person(user) -> None:
    """Answers stay in the figures without the person; participation records go."""
    Response.objects.filter(person=user).update(person=None)
    Participation.objects.filter(person=user).delete()
