"""Factories for tests: realistic defaults, every relation created on demand."""

from __future__ import annotations

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from lidzdaliba.accounts.models import Organisation, Representation, User
from lidzdaliba.core.enums import OpinionKind, Outcome, ParticipationForm, PolicyStage
from lidzdaliba.institutions.models import Institution, OfficerRole, Territory, Topic

PASSWORD = "testa-parole-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.lv")
    full_name = factory.Sequence(lambda n: f"Jānis Bērziņš {n}")
    preferred_language = "lv"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class TerritoryRef:
    @staticmethod
    def country() -> Territory:
        return Territory.objects.get(slug="latvija")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"iestade-{n}")
    name = factory.Sequence(lambda n: f"Ministrija Nr. {n}")
    kind = Institution.Kind.STATE
    territory = factory.LazyFunction(TerritoryRef.country)


def officer(institution: Institution, *roles: str, **user_fields) -> User:
    user = UserFactory(**user_fields)
    for role in roles:
        OfficerRole.objects.create(user=user, institution=institution, role=role)
    return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Biedrība Nr. {n}")
    kind = Organisation.Kind.NGO
    registration_number = factory.Sequence(lambda n: f"{40008000000 + n}")


def representative(organisation: Organisation, **user_fields) -> User:
    user = UserFactory(**user_fields)
    Representation.objects.create(organisation=organisation, user=user, is_admin=True)
    return user


def consultation_fields(**overrides) -> dict:
    now = timezone.now()
    fields = {
        "title": "Noteikumi par pašvaldību līdzfinansējumu biedrībām",
        "summary": "Kas mainīsies biedrībām, kas saņem līdzfinansējumu.",
        "problem": "Līdzfinansējuma kārtība ir neskaidra.",
        "goal": "Vienota un skaidra kārtība.",
        "topic": Topic.objects.get(slug="valsts-parvalde"),
        "territory": Territory.objects.get(slug="latvija"),
        "policy_stage": PolicyStage.DRAFTING,
        "participation_form": ParticipationForm.WRITTEN_CONSULTATION,
        "responsible_official": "Līga Kalniņa",
        "contact_email": "liga.kalnina@example.gov.lv",
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=30),
    }
    fields.update(overrides)
    return fields


DRAFT_TEXT = """Noteikumi par pašvaldību līdzfinansējumu biedrībām
I. Vispārīgie jautājumi
1. Noteikumi nosaka kārtību, kādā pašvaldība piešķir līdzfinansējumu biedrībām.
2. Līdzfinansējumu piešķir:
2.1. sabiedriskā labuma projektiem;
2.2. kultūras pasākumiem.
II. Pieteikumu vērtēšana
3. Pieteikumus vērtē komisija 30 dienu laikā."""


def published_consultation(editor, institution, *, text: str = DRAFT_TEXT, **overrides):
    """A consultation created, filled and published through the services, then moved in
    time with `overrides` (e.g. closes_at in the past) as a plain update."""
    from lidzdaliba.consultations import services
    from lidzdaliba.consultations.models import Consultation

    consultation = services.consultation_create(
        actor=editor, institution=institution, **consultation_fields()
    )
    if text:
        services.document_version_create(actor=editor, consultation=consultation, text=text)
    services.consultation_publish(actor=editor, consultation=consultation)
    if overrides:
        Consultation.objects.filter(pk=consultation.pk).update(**overrides)
    return Consultation.objects.select_related("institution").get(pk=consultation.pk)


def commentable_clauses(consultation):
    version = consultation.versions.order_by("-number").first()
    return list(version.clauses.filter(is_heading=False).order_by("position"))


def opinion(consultation, author, **fields):
    """An opinion row created directly (for closed consultations, where the service refuses)."""
    from lidzdaliba.consultations.models import Opinion

    fields.setdefault("kind", OpinionKind.PROPOSAL)
    fields.setdefault("text", "Ierosinu precizēt termiņu.")
    return Opinion.objects.create(consultation=consultation, author=author, **fields)


def close(consultation):
    from lidzdaliba.consultations.models import Consultation

    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=1)
    )
    consultation.refresh_from_db()
    return consultation


OUTCOMES = list(Outcome.values)
