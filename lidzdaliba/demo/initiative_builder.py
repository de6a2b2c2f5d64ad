"""Demo initiatives, made through the initiatives' services in different stages (Latvian
content): collecting, one answered with implementation milestones, one whose answer is
overdue, one waiting for moderation, one returned to its author, and a draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from lidzdaliba.core.enums import Outcome
from lidzdaliba.initiatives import services
from lidzdaliba.initiatives.models import Initiative, InitiativeRules, Kind
from lidzdaliba.institutions.models import Territory, Topic

from .world import World, paragraphs

VALMIERA = "valmieras-novada-pasvaldiba"
VARAM = "vides-aizsardzibas-un-regionalas-attistibas-ministrija"
SIGNERS = (
    "janis", "liga", "martins", "ilze", "inese", "raimonds", "kristine", "aivars", "gunta",
    "roberts", "sandra", "oskars", "zane", "valdis", "peteris",
)  # fmt: skip


@dataclass(frozen=True)
class InitiativeSpec:
    institution: str
    author: str
    kind: str
    title: str
    problem: str
    solution: str
    topic: str
    territory: str
    cosponsors: tuple[str, ...] = ()
    stage: str = "collecting"  # draft · moderation · returned · collecting · answered · overdue
    signers: int = 0
    answer: tuple[str, str] | None = None
    milestones: tuple[tuple[int, str], ...] = field(default_factory=tuple)


INITIATIVES = (
    InitiativeSpec(
        institution=VALMIERA,
        author="anna",
        kind=Kind.COLLECTIVE_SUBMISSION,
        title="Apgaismot gājēju un velosipēdistu celiņu gar Gauju",
        problem="""Celiņš gar Gauju no Tērbatas ielas līdz Kazas krācei ir iecienīts, bet
            rudenī un ziemā pēc pulksten pieciem tas ir pilnīgi tumšs. Skolēni un cilvēki ar
            suņiem to izmanto arī tumsā, un vairākkārt ir bijuši kritieni.""",
        solution="""Uzstādīt taupīgu LED apgaismojumu ar kustības sensoriem visā celiņa
            garumā, sākot ar posmu pie tilta, un paredzēt to 2027. gada budžetā.""",
        topic="regionala-attistiba",
        territory="valmieras-novads",
        cosponsors=("janis", "liga"),
        signers=12,
    ),
    InitiativeSpec(
        institution=VALMIERA,
        author="liga",
        kind=Kind.COLLECTIVE_SUBMISSION,
        title="Suņu pastaigu laukums Pārgaujā",
        problem="""Pārgaujas apkaimē dzīvo daudz suņu īpašnieku, bet nav nevienas iežogotas
            vietas, kur suņus palaist brīvi, tāpēc tie skraida pa bērnu laukumiem.""",
        solution="""Iežogot daļu no zaļās zonas pie Pārgaujas ielas un ierīkot tur suņu
            pastaigu laukumu ar soliņiem, atkritumu urnām un dzeramā ūdens vietu.""",
        topic="regionala-attistiba",
        territory="valmieras-novads",
        cosponsors=("martins", "ilze"),
        stage="answered",
        signers=15,
        answer=(
            Outcome.TAKEN_INTO_ACCOUNT,
            """Dome 2026. gada budžetā paredzēja 18 000 eiro laukuma izbūvei. Vieta
            saskaņota ar apkaimes biedrību; darbus veiks pašvaldības iestāde
            "Valmieras novada komunālā pārvalde".""",
        ),
        milestones=(
            (-60, "Izstrādāts un apkaimes biedrībai prezentēts laukuma skiču projekts."),
            (-20, "Noslēgts līgums par žoga un aprīkojuma piegādi."),
        ),
    ),
    InitiativeSpec(
        institution=VALMIERA,
        author="raimonds",
        kind=Kind.COLLECTIVE_SUBMISSION,
        title="Ātruma valnis pie Valmieras 2. vidusskolas",
        problem="""Pie skolas Rīgas ielā automašīnas brauc ātri, un gājēju pāreja nav
            labi redzama. Rītos pie skolas ir daudz bērnu.""",
        solution="""Ierīkot ātruma valni un paaugstinātu gājēju pāreju ar apgaismojumu.""",
        topic="transports",
        territory="valmieras-novads",
        cosponsors=("gunta", "zane"),
        stage="overdue",
        signers=15,
    ),
    InitiativeSpec(
        institution=VALMIERA,
        author="kristine",
        kind=Kind.COLLECTIVE_SUBMISSION,
        title="Bezmaksas dzeramā ūdens krāni pilsētas parkos",
        problem="""Vasarā parkos nav kur padzerties, un daudzi pērk ūdeni plastmasas
            pudelēs.""",
        solution="""Uzstādīt dzeramā ūdens krānus Valmieras lielākajos parkos.""",
        topic="vide-klimats",
        territory="valmieras-novads",
        cosponsors=("aivars", "sandra"),
        stage="moderation",
    ),
    InitiativeSpec(
        institution=VARAM,
        author="peteris",
        kind=Kind.IDEA,
        title="Atvērtie dati par peldvietu ūdens kvalitāti",
        problem="""Peldvietu ūdens kvalitātes mērījumi tiek publicēti PDF dokumentos, tos
            nevar izmantot lietotnēs un kartēs.""",
        solution="""Publicēt mērījumus atvērto datu portālā mašīnlasāmā formātā reizi
            nedēļā peldsezonas laikā.""",
        topic="vide-klimats",
        territory="latvija",
        stage="collecting",  # an idea needs no signatures: it awaits the answer at once
    ),
    InitiativeSpec(
        institution=VARAM,
        author="oskars",
        kind=Kind.IDEA,
        title="Visas pašvaldības, lūdzu, izdariet kaut ko",
        problem="""Viss ir slikti.""",
        solution="""Jāuzlabo.""",
        topic="regionala-attistiba",
        territory="latvija",
        stage="returned",
    ),
    InitiativeSpec(
        institution=VALMIERA,
        author="anna",
        kind=Kind.COLLECTIVE_SUBMISSION,
        title="Velonovietnes pie Valmieras dzelzceļa stacijas",
        problem="""Pie stacijas velosipēdus piesien pie kokiem un žogiem.""",
        solution="""Uzstādīt nojumi ar vismaz 40 velonovietnēm.""",
        topic="transports",
        territory="valmieras-novads",
        stage="draft",
    ),
)


def _rules(world: World) -> None:
    """Valmiera's rules (a municipality sets its own threshold, as Līvāni's 100); the
    ministry keeps the defaults. Reference data, like the institutions themselves."""
    valmiera = world.institutions[VALMIERA]
    valmiera.population = 50_000
    valmiera.save(update_fields=["population"])
    InitiativeRules.objects.update_or_create(
        institution=valmiera,
        kind=Kind.COLLECTIVE_SUBMISSION,
        defaults={"threshold_absolute": 15, "min_cosponsors": 2},
    )


def build_initiative(world: World, spec: InitiativeSpec) -> Initiative:
    institution = world.institutions[spec.institution]
    moderator = world.editors[spec.institution]
    responder = world.responders[spec.institution]
    initiative = services.initiative_create(
        author=world.people[spec.author],
        institution=institution,
        kind=spec.kind,
        title=spec.title,
        problem=paragraphs(spec.problem),
        solution=paragraphs(spec.solution),
        topic=Topic.objects.get(slug=spec.topic),
        territory=Territory.objects.get(slug=spec.territory),
    )
    if spec.stage == "draft":
        return initiative
    author = world.people[spec.author]
    if spec.cosponsors:
        invitations = services.cosponsor_invite(
            actor=author,
            initiative=initiative,
            emails=[world.people[key].email for key in spec.cosponsors],
        )
        for invitation in invitations:
            services.cosponsor_accept(
                user=next(p for p in world.people.values() if p.email == invitation.email),
                token=invitation.token,
            )
    services.initiative_submit(actor=author, initiative=initiative)
    if spec.stage == "moderation":
        return initiative
    if spec.stage == "returned":
        services.initiative_moderate(
            actor=moderator,
            initiative=initiative,
            decision="returned",
            reason="not_an_initiative",
            text="Lūdzu, aprakstiet konkrētu problēmu un konkrētu risinājumu, ko ministrija var "
            "īstenot savā kompetencē.",
        )
        return initiative
    services.initiative_moderate(actor=moderator, initiative=initiative, decision="approved")
    initiative = Initiative.objects.select_related("institution").get(pk=initiative.pk)
    for key in SIGNERS[: spec.signers]:
        services.signature_add(
            signer=world.people[key],
            initiative=initiative,
            public_name=key in {"janis", "liga", "gunta"},
            declared_min_age=True,
        )
    initiative.refresh_from_db()
    if spec.stage == "overdue":
        # Reached four months ago: the three months to answer have passed.
        reached = timezone.now() - timedelta(days=120)
        Initiative.objects.filter(pk=initiative.pk).update(
            threshold_reached_at=reached, answer_due_at=reached + timedelta(days=91)
        )
    if spec.answer:
        outcome, reason = spec.answer
        services.consideration_start(actor=responder, initiative=initiative)
        services.answer_give(
            actor=responder, initiative=initiative, outcome=outcome, reason=paragraphs(reason)
        )
        today = timezone.localdate()
        for days, text in spec.milestones:
            services.milestone_add(
                actor=responder,
                initiative=initiative,
                date=today + dt.timedelta(days=days),
                text=text,
            )
    return initiative


def build_initiatives(world: World) -> None:
    _rules(world)
    for spec in INITIATIVES:
        build_initiative(world, spec)
