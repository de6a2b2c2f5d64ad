"""`manage.py load_demo`: complete, idempotent demo data, never in production."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from lidzdaliba.accounts.models import Organisation, Representation, User
from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.consultations.models import (
    Answer,
    Clause,
    Consultation,
    DocumentVersion,
    Opinion,
    Status,
)
from lidzdaliba.core.enums import ActType, Outcome, ParticipationForm, PolicyStage
from lidzdaliba.demo.content import DEMO_PASSWORD, LOGINS
from lidzdaliba.institutions.models import Institution, OfficerRole

VARAM = "vides-aizsardzibas-un-regionalas-attistibas-ministrija"
VALMIERA = "valmieras-novada-pasvaldiba"
COUNTED = (
    User,
    EmailAddress,
    Organisation,
    Representation,
    Institution,
    OfficerRole,
    Consultation,
    DocumentVersion,
    Clause,
    Opinion,
    Answer,
    AuditEntry,
)


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def demo(db):
    load()


@pytest.mark.django_db
def test_second_run_creates_nothing_and_prints_the_logins():
    first = load()
    before = counts()
    second = load()
    assert counts() == before
    assert "already loaded" in second
    for output in (first, second):
        for email, _role in LOGINS:
            assert email in output
        assert DEMO_PASSWORD in output


@pytest.mark.django_db
def test_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        load()
    assert not User.objects.exists()


def test_institutions(demo):
    assert Institution.objects.count() >= 10
    municipal = Institution.objects.filter(kind=Institution.Kind.MUNICIPAL)
    assert municipal.count() >= 3
    for institution in municipal:
        assert institution.territory.kind == "municipality"
    assert Institution.objects.filter(parent__isnull=False).count() >= 2
    for institution in Institution.objects.all():
        assert institution.website and institution.email and institution.participation_info


def test_logins_roles_and_coordinator(demo):
    assert len(LOGINS) >= 5
    for email, _role in LOGINS:
        user = authenticate(username=email, password=DEMO_PASSWORD)
        assert user is not None, email
        assert EmailAddress.objects.filter(user=user, email=email, verified=True).exists()
    assert User.objects.get(email="coordinator@demo.lv").is_coordinator
    assert User.objects.get(email="moderator@demo.lv").is_moderator
    assert not OfficerRole.objects.filter(user__email="coordinator@demo.lv").exists()

    def roles(email: str, slug: str) -> set[str]:
        return set(
            OfficerRole.objects.filter(user__email=email, institution__slug=slug).values_list(
                "role", flat=True
            )
        )

    assert roles("officer@demo.lv", VARAM) == {"editor", "responder"}
    assert roles("officer2@demo.lv", VALMIERA) == {"editor", "responder"}
    assert roles("manager@demo.lv", VARAM) == {"manager"}
    ngo = Representation.objects.get(user__email="ngo@demo.lv")
    assert ngo.is_admin and ngo.organisation.kind == Organisation.Kind.NGO
    assert len(ngo.organisation.registration_number) == 11
    assert Organisation.objects.filter(kind=Organisation.Kind.COMPANY).exists()


def test_consultations_cover_every_status_stage_and_form(demo):
    now = timezone.now()
    consultations = list(Consultation.objects.all())
    assert len(consultations) >= 20
    statuses = [c.status_at(now) for c in consultations]
    assert set(statuses) == set(Status)
    assert statuses.count(Status.OPEN) >= 3
    assert {c.policy_stage for c in consultations} == set(PolicyStage.values)
    assert {c.participation_form for c in consultations} == set(ParticipationForm.values)
    binding = [c for c in consultations if c.act_type == ActType.MUNICIPAL_BINDING_REGULATION]
    assert len(binding) >= 2
    assert any(c.period_days == 14 for c in binding)
    assert any(c.short_period_justification for c in consultations)
    closing_soon = [
        c
        for c in consultations
        if c.status_at(now) == Status.OPEN and c.closes_at <= now + timedelta(days=7)
    ]
    assert closing_soon
    assert DocumentVersion.objects.filter(number=2).count() >= 3
    for consultation in consultations:
        assert consultation.summary and consultation.responsible_official
        assert 2 <= consultation.affected_groups.count() <= 4


def test_officers_see_every_state(demo):
    now = timezone.now()
    varam = Consultation.objects.filter(institution__slug=VARAM)
    assert {c.status_at(now) for c in varam} >= {
        Status.DRAFT,
        Status.ANNOUNCED,
        Status.OPEN,
        Status.CLOSED,
        Status.ANSWERED,
    }
    for slug in (VARAM, VALMIERA):
        mine = Consultation.objects.filter(institution__slug=slug)
        assert any(c.status_at(now) == Status.OPEN and c.opinions.exists() for c in mine)
        assert any(
            c.status_at(now) == Status.CLOSED and c.opinions.filter(answer__isnull=True).exists()
            for c in mine
        )


def test_opinions_and_answers(demo):
    now = timezone.now()
    assert 150 <= Opinion.objects.count() <= 300
    assert Opinion.objects.filter(clause__isnull=True).exists()
    assert Opinion.objects.filter(clause__isnull=False).count() > Opinion.objects.count() / 2
    assert Opinion.objects.filter(organisation__isnull=False).exists()
    assert Opinion.objects.exclude(proposed_wording="").exists()
    assert {True, False} == set(Opinion.objects.values_list("show_name", flat=True))
    assert set(Answer.objects.values_list("outcome", flat=True)) == set(Outcome.values)
    assert Answer.objects.filter(batch__isnull=False).count() >= 3
    for opinion in Opinion.objects.select_related("consultation"):
        c = opinion.consultation
        assert c.opens_at <= opinion.created_at <= min(c.closes_at, now)

    justified = 0
    for consultation in Consultation.objects.filter(feedback_published_at__isnull=False):
        assert consultation.status_at(now) in {Status.ANSWERED, Status.DECIDED}
        unanswered = consultation.opinions.filter(answer__isnull=True)
        if consultation.feedback_justification:
            justified += 1
            assert unanswered.exists()
        else:
            assert not unanswered.exists(), consultation.title
        for answer in Answer.objects.filter(opinion__consultation=consultation):
            assert answer.reason.strip()
        if consultation.status_at(now) == Status.DECIDED:
            assert consultation.decision_url and consultation.decision_summary
    assert justified == 1
    assert AuditEntry.objects.filter(action="consultation.publish").count() == (
        Consultation.objects.filter(announced_at__isnull=False).count()
    )


def test_initiatives_in_different_stages(demo, client):
    from django.urls import reverse

    from lidzdaliba.initiatives.models import Initiative, Status

    statuses = set(Initiative.objects.values_list("status", flat=True))
    assert {
        Status.DRAFT,
        Status.IN_MODERATION,
        Status.RETURNED,
        Status.COLLECTING,
        Status.THRESHOLD_REACHED,
        Status.ANSWERED,
    } <= statuses
    answered = Initiative.objects.get(status=Status.ANSWERED)
    assert answered.milestones.count() == 2 and answered.answer.reason
    overdue = Initiative.objects.get(status=Status.THRESHOLD_REACHED, kind="collective_submission")
    assert overdue.is_answer_overdue
    page = client.get(reverse("initiatives:list")).content.decode()
    assert "Suņu pastaigu laukums Pārgaujā" in page
    assert "Velonovietnes" not in page  # a draft stays private


def test_an_eid_verified_demo_resident(demo):
    person = User.objects.get(email="eid@demo.lv")
    assert person.eid_verified and person.verified_birth_date is not None
    assert person.verified_latvian_citizen is True
    assert person.verified_municipality == "Valmieras novads"


@pytest.mark.django_db
def test_demo_people_declared_groups_and_the_public_table_has_numbers(demo, client):
    """Some residents declared affected groups; their opinions carry them, so the public
    table by group shows numbers (at least one group of 5 or more people)."""
    from lidzdaliba.institutions.models import AffectedGroupDeclaration
    from lidzdaliba.monitoring.groups import group_figures, suppressed
    from lidzdaliba.monitoring.selectors import IndicatorFilters

    assert AffectedGroupDeclaration.objects.values("user").distinct().count() >= 10
    assert Opinion.objects.filter(declared_groups__isnull=False).exists()
    assert not Opinion.objects.filter(
        organisation__isnull=False, declared_groups__isnull=False
    ).exists()
    public = suppressed(group_figures(filters=IndicatorFilters()))
    assert any(row.kind == "affected_group" and not row.hidden for row in public)
    assert client.get("/indicators/").status_code == 200
