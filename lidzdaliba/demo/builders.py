"""Loading the demo: people, organisations, institutions, then the consultations and the
initiatives.

`load_demo()` is the entry point the `load_demo` command calls. It runs in one transaction
and does nothing when the demo logins already exist, so it can run on every `make run`.
"""

from __future__ import annotations

from datetime import date

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from lidzdaliba.accounts.identity import EidIdentity
from lidzdaliba.accounts.models import Organisation, Representation, User
from lidzdaliba.accounts.services import eid_identity_record
from lidzdaliba.institutions.models import AffectedGroup, Institution, OfficerRole, Territory
from lidzdaliba.institutions.services import affected_groups_declare

from .consultation_builder import build_consultation
from .content import CONSULTATIONS, DEMO_PASSWORD, INSTITUTIONS, LOGINS, ORGANISATIONS, PEOPLE
from .councils_builder import build_councils
from .initiative_builder import build_initiatives
from .surveys_builder import build_surveys
from .world import Clock, World, paragraphs


def login_emails() -> list[str]:
    return [email for email, _description in LOGINS]


def is_loaded() -> bool:
    return User.objects.filter(email__in=login_emails()).exists()


def build_people(world: World) -> None:
    for person in PEOPLE:
        user = User.objects.create_user(
            person.email,
            password=DEMO_PASSWORD if person.login else None,
            full_name=person.full_name,
            preferred_language="lv",
            is_coordinator=person.is_coordinator,
            is_moderator=person.is_moderator,
        )
        # E-mail verification is mandatory: without a verified address nobody can sign in.
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        if person.eid:
            code, born, citizen, municipality = person.eid
            eid_identity_record(
                user=user,
                identity=EidIdentity(
                    personal_code=code,
                    full_name=person.full_name,
                    birth_date=date.fromisoformat(born),
                    latvian_citizen=citizen,
                    municipality=municipality,
                ),
            )
        if person.groups:
            groups = AffectedGroup.objects.filter(slug__in=person.groups)
            affected_groups_declare(user=user, group_ids=[g.pk for g in groups])
        world.people[person.key] = user


def build_organisations(world: World) -> None:
    for spec in ORGANISATIONS:
        organisation, _created = Organisation.objects.get_or_create(
            registration_number=spec.registration_number,
            defaults={"name": spec.name, "kind": spec.kind},
        )
        for person_key, is_admin in spec.representatives:
            Representation.objects.get_or_create(
                organisation=organisation,
                user=world.people[person_key],
                defaults={"is_admin": is_admin},
            )
        world.organisations[spec.key] = organisation


def build_institutions(world: World) -> None:
    """Create the institutions (reusing any with the same slug) and the officers' roles.

    Roles are all created before any service runs: the rules cache a user's roles on the
    user object the first time they are asked.
    """
    for spec in INSTITUTIONS:
        institution, _created = Institution.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "name_en": spec.name_en,
                "kind": spec.kind,
                "parent": world.institutions[spec.parent] if spec.parent else None,
                "territory": Territory.objects.get(slug=spec.territory),
                "website": spec.website,
                "email": spec.email,
                "phone": spec.phone,
                "participation_info": paragraphs(spec.participation_info),
            },
        )
        world.institutions[spec.slug] = institution
        for person_key, roles in spec.officers:
            user = world.people[person_key]
            for role in roles:
                OfficerRole.objects.get_or_create(user=user, institution=institution, role=role)
            if world.editors.get(spec.slug) is None and {"editor", "manager"} & set(roles):
                world.editors[spec.slug] = user
            if world.responders.get(spec.slug) is None and {"responder", "manager"} & set(roles):
                world.responders[spec.slug] = user


def load_demo() -> bool:
    """Load everything in one transaction. Returns False when the demo was already there."""
    with transaction.atomic():
        if is_loaded():
            return False
        world = World(clock=Clock(timezone.now()))
        build_people(world)
        build_organisations(world)
        build_institutions(world)
        keys = [spec.key for spec in CONSULTATIONS]
        if len(keys) != len(set(keys)):
            raise ValueError("Demo consultation keys must be unique.")
        for spec in CONSULTATIONS:
            build_consultation(world, spec)
        build_councils(world)
        build_initiatives(world)
        build_surveys(world)
        # The demo moves dates with plain updates (no events): build the indicator buckets
        # from the final rows, as `manage.py rebuild_indicators` would.
        from lidzdaliba.monitoring.services import figures_rebuild_all

        figures_rebuild_all()
    return True
