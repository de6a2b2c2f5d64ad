"""Data for a stack started in other processes, created inside one of them:

    manage.py shell -c "from tests.production.seed import scale_out; scale_out()"

Each function prints one JSON line (ids, token) that the caller reads from the output.
Imports are inside the functions: Django is set up only in the process that runs them.
"""

from __future__ import annotations

import json
import sys


def emit(data: dict) -> None:
    sys.stdout.write("SEED " + json.dumps(data) + "\n")


def parse(output: str) -> dict:
    for line in output.splitlines():
        if line.startswith("SEED "):
            return json.loads(line[5:])
    raise ValueError(f"no seed output in:\n{output[-2000:]}")


def people():
    from lidzdaliba.accounts.services import api_token_create
    from lidzdaliba.institutions.models import OfficerRole
    from lidzdaliba.testing import factories

    ministry = factories.InstitutionFactory(slug="ministrija", name="Veselības ministrija")
    editor = factories.officer(
        ministry,
        OfficerRole.Role.EDITOR,
        OfficerRole.Role.RESPONDER,
        email="editor@example.lv",
    )
    # REQUIRE_OFFICER_MFA is on in production: API writes are made by a resident.
    resident = factories.UserFactory(email="resident@example.lv", full_name="Anna Bērziņa")
    _token, key = api_token_create(user=resident, name="production tests")
    return ministry, editor, resident, key


def scale_out() -> None:
    """An institution, an editor, a resident with an API token, one open consultation."""
    from lidzdaliba.testing import factories

    ministry, editor, resident, key = people()
    consultation = factories.published_consultation(editor, ministry)
    emit(
        {
            "consultation": consultation.pk,
            "token": key,
            "resident": resident.email,
            "password": factories.PASSWORD,
        }
    )


def durability() -> None:
    """One open consultation and a resident with an API token."""
    scale_out()


def replica(title: str) -> None:
    """Two published consultations; the second one's title is `title`."""
    from lidzdaliba.consultations.models import Consultation
    from lidzdaliba.testing import factories

    ministry, editor, resident, key = people()
    first = factories.published_consultation(editor, ministry)
    second = factories.published_consultation(editor, ministry)
    Consultation.objects.filter(pk=second.pk).update(title=title)
    emit({"first": first.pk, "second": second.pk, "token": key, "resident": resident.email})


def backup(opinions: int = 40) -> None:
    """A consultation with opinions (some with answers), an organisation, subscriptions."""
    from lidzdaliba.consultations import services
    from lidzdaliba.core.enums import Outcome
    from lidzdaliba.notifications.models import Subscription
    from lidzdaliba.testing import factories

    ministry, editor, resident, _key = people()
    open_one = factories.published_consultation(editor, ministry)
    closed = factories.published_consultation(editor, ministry)
    clauses = factories.commentable_clauses(closed)
    ngo = factories.OrganisationFactory(name="Biedrība „Zaļā Latvija”")
    for number in range(opinions):
        factories.opinion(
            closed,
            resident,
            clause=clauses[number % len(clauses)],
            organisation=ngo if number % 3 == 0 else None,
            text=f"Viedoklis Nr. {number}: ierosinu precizēt termiņu — ūdens, ķēde, ņaudēt.",
        )
    factories.close(closed)
    for number, opinion in enumerate(closed.opinions.order_by("pk")[: opinions // 2]):
        services.answer_give(
            actor=editor,
            opinion=opinion,
            outcome=Outcome.values[number % len(Outcome.values)],
            reason=f"Pamatojums {number}.",
        )
    for number in range(5):
        Subscription.objects.create(
            email=f"sekotajs{number}@example.lv",
            kind="institution",
            institution=ministry,
            target_key=f"institution:{ministry.pk}",
        )
    emit({"open": open_one.pk, "closed": closed.pk})


def write_opinions(consultation_id: int, stop_file: str, done_file: str) -> None:
    """The app writing: opinions one by one (each its own transaction) until `stop_file`
    exists; then the number written goes to `done_file`."""
    import os
    import time

    from lidzdaliba.accounts.models import User
    from lidzdaliba.consultations.models import Consultation, Opinion

    consultation = Consultation.objects.get(pk=consultation_id)
    author = User.objects.get(email="resident@example.lv")
    written = 0
    progress = f"{done_file}.progress"
    while not os.path.exists(stop_file):
        Opinion.objects.create(
            consultation=consultation,
            author=author,
            kind="support",
            text=f"Rakstītājs {written}",
        )
        written += 1
        if written % 10 == 0:
            with open(progress, "w") as handle:
                handle.write(str(written))
        time.sleep(0.002)
    with open(done_file, "w") as handle:
        handle.write(str(written))
