"""The pages signed-in people use most run a fixed number of queries, however many opinions,
clauses and institutions there are (the page bodies are not cached here: every request
renders, PUBLIC_PAGE_CACHE_SECONDS is 0 in tests)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lidzdaliba.consultations.models import Answer, Opinion
from lidzdaliba.core.enums import OpinionKind, Outcome
from lidzdaliba.institutions.models import OfficerRole
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

# Today's counts, the same with 10 opinions on 5 clauses in 1 institution and with 1,000
# opinions on 60 clauses in 9: a query per row would blow them at once.
MAX_QUERIES = {
    # +2: what is attached to the consultation (core/subjects.py): one query for all its
    # meetings, one for all its surveys.
    "consultation page": 14,
    "list page": 9,
    "feedback table page": 6,
    # 7 before the desk's filters; +1 lists the consultations to filter by. Filtered by
    # consultation, +2: that consultation and its clauses (the clause choices).
    "officer desk": 8,
    "officer desk, filtered": 10,
    "answers page": 7,
}


def draft(clauses: int) -> str:
    return "Noteikumi\n" + "\n".join(
        f"{n}. Punkts numur {n} par kārtību." for n in range(1, clauses)
    )


@pytest.fixture(params=[(10, 5, 1), (1000, 60, 8)], ids=["10 opinions", "1000 opinions"])
def world(request, ministry, responder, resident):
    opinions, clauses, institutions = request.param
    editor = factories.officer(ministry, OfficerRole.Role.EDITOR)
    consultation = factories.published_consultation(editor, ministry, text=draft(clauses))
    commentable = factories.commentable_clauses(consultation)
    people = [factories.UserFactory() for _ in range(5)]
    organisation = factories.OrganisationFactory()
    Opinion.objects.bulk_create(
        Opinion(
            consultation=consultation,
            clause=commentable[n % len(commentable)] if n % 3 else None,
            author=people[n % len(people)],
            organisation=organisation if n % 4 == 0 else None,
            kind=OpinionKind.values[n % len(OpinionKind.values)],
            text=f"Viedoklis {n}",
            show_name=n % 2 == 0,
            reference=f"LDZ-{n:04d}-TEST",
        )
        for n in range(opinions)
    )
    factories.close(consultation)
    Answer.objects.bulk_create(
        Answer(opinion=opinion, outcome=Outcome.NOTED, reason="Pamatojums.", answered_by=responder)
        for opinion in consultation.opinions.order_by("pk")[: opinions // 2]
    )
    for number in range(institutions):
        other = factories.InstitutionFactory()
        OfficerRole.objects.create(
            user=responder, institution=other, role=OfficerRole.Role.RESPONDER
        )
        factories.published_consultation(editor, ministry, title=f"Cita apspriede {number}")
    return consultation


@pytest.mark.parametrize(
    ("page", "who", "url"),
    [
        ("consultation page", "resident", lambda c: reverse("consultations:detail", args=[c.pk])),
        ("list page", "resident", lambda c: reverse("consultations:list")),
        (
            "feedback table page",
            "responder",
            lambda c: reverse("consultations:feedback", args=[c.pk]),
        ),
        ("officer desk", "responder", lambda c: reverse("officer:dashboard")),
        (
            "officer desk, filtered",
            "responder",
            lambda c: (
                reverse("officer:dashboard")
                + f"?consultation={c.pk}&clause=whole&kind=objection&state=all"
            ),
        ),
        ("answers page", "responder", lambda c: reverse("officer:answers", args=[c.pk])),
    ],
)
def test_queries_do_not_grow_with_the_data(
    page, who, url, world, request, client_for, django_assert_max_num_queries
):
    client = client_for(request.getfixturevalue(who))
    client.get(url(world))  # sessions and such settle
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(url(world))
    assert response.status_code == 200
