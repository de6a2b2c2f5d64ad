"""Demo consultative bodies and meetings, made through the councils services.

A ministry council with members from several groups and one group unrepresented, a
municipal residents' council accepting applications, and a working group; past and upcoming
meetings (one hybrid, one whose minutes were published late, one whose minutes are
overdue); recommendations answered, pending and overdue. The services refuse meetings in
the past, so past ones are scheduled ahead and then moved back with their deadlines
recomputed, as the consultation builder does with its dates.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from lidzdaliba.councils import services
from lidzdaliba.councils.models import Body, Meeting, Recommendation
from lidzdaliba.institutions.models import AffectedGroup

from .world import World

VM = "veselibas-ministrija"
VALMIERA = "valmieras-novada-pasvaldiba"
VARAM = "vides-aizsardzibas-un-regionalas-attistibas-ministrija"


def _groups(*slugs: str) -> list[AffectedGroup]:
    return list(AffectedGroup.objects.filter(slug__in=slugs))


def _move_to_past(meeting: Meeting, days_ago: int) -> Meeting:
    start = meeting.starts_at - timedelta(days=(meeting.starts_at - timezone.now()).days + days_ago)
    due = services.due_dates_for(
        institution=meeting.institution,
        is_body_meeting=True,
        starts_at=start,
        duration=meeting.duration,
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start,
        agenda_due_at=due.agenda_due_at,
        minutes_due_at=due.minutes_due_at,
        agenda_published_at=due.agenda_due_at - timedelta(days=1),
    )
    meeting.refresh_from_db()
    return meeting


def _schedule(actor, body: Body, *, days: int, hour: int, **fields) -> Meeting:
    local = timezone.localtime(timezone.now() + timedelta(days=days))
    return services.meeting_schedule(
        actor=actor,
        subject=body,
        starts_at=local.replace(hour=hour, minute=0, second=0, microsecond=0),
        **fields,
    )


def _health_council(world: World) -> None:
    secretary = world.responders[VM]
    today = timezone.localdate()
    body = services.body_create(
        actor=secretary,
        institution=world.institutions[VM],
        kind=Body.Kind.COUNCIL,
        name="Pacientu tiesību konsultatīvā padome",
        purpose=(
            "Padome sniedz ministrijai ieteikumus par pacientu tiesībām, veselības aprūpes "
            "pieejamību un pacientu organizāciju iesaisti politikas izstrādē."
        ),
        term_starts_on=today.replace(month=1, day=1),
        term_ends_on=today.replace(year=today.year + 2, month=12, day=31),
        secretary=secretary,
        terms_of_reference_url="https://www.vm.gov.lv/",
        affected_groups=_groups("iedzivotaji", "nvo", "pensionari", "personas-ar-invaliditati"),
    )
    services.member_add(
        actor=secretary,
        body=body,
        organisation=world.organisations["pacienti"],
        role="chair",
        starts_on=body.term_starts_on,
        represented_groups=_groups("nvo", "personas-ar-invaliditati"),
    )
    services.member_add(
        actor=secretary,
        body=body,
        person=world.people["janis"],
        role="member",
        starts_on=body.term_starts_on,
        represented_groups=_groups("iedzivotaji"),
    )
    services.member_add(
        actor=secretary,
        body=body,
        person=world.people["gunta"],
        role="observer",
        starts_on=body.term_starts_on,
    )
    past = services.member_add(
        actor=secretary,
        body=body,
        person=world.people["oskars"],
        role="member",
        starts_on=body.term_starts_on - timedelta(days=400),
        represented_groups=_groups("pensionari"),
    )
    services.member_end(
        actor=secretary, member=past, ends_on=body.term_starts_on - timedelta(days=1)
    )

    held = _schedule(
        secretary,
        body,
        days=3,
        hour=14,
        title="Padomes sēde: pacientu rindas",
        mode=Meeting.Mode.IN_PERSON,
        place="Brīvības iela 72, Rīga, 3. stāva zāle",
        accessibility="Ieeja bez pakāpieniem no pagalma, lifts uz 3. stāvu.",
    )
    services.agenda_item_add(
        actor=secretary,
        meeting=held,
        title="Rindu garums valsts apmaksātiem izmeklējumiem",
        presenter="NVD pārstāvis",
    )
    asked, _created = services.registration_register(
        person=world.people["raimonds"],
        meeting=held,
        mode="in_person",
        question="Vai rindu dati būs pieejami arī par reģionu slimnīcām?",
    )
    services.question_answer(
        actor=secretary,
        registration=asked,
        answer="Jā, dati tiks publicēti par katru ārstniecības iestādi atsevišķi.",
    )
    held = _move_to_past(held, days_ago=45)
    services.minutes_publish(
        actor=secretary,
        meeting=held,
        minutes="Padome apsprieda rindu garumu un vienojās par diviem ieteikumiem.",
        decisions="Ieteikt ministrijai publicēt rindu garumu katru mēnesi.",
        summary="Pacientu organizācijas uzsvēra, ka rindu dati jāpublicē regulāri.",
        late_reason="Protokols saskaņots ar visiem padomes locekļiem pēc termiņa.",
    )
    overdue = _schedule(
        secretary,
        body,
        days=3,
        hour=10,
        title="Padomes sēde: e-veselība",
        mode=Meeting.Mode.IN_PERSON,
        place="Brīvības iela 72, Rīga",
    )
    _move_to_past(overdue, days_ago=20)  # its minutes are overdue
    upcoming = _schedule(
        secretary,
        body,
        days=12,
        hour=15,
        title="Padomes sēde: pacientu tiesību likums",
        mode=Meeting.Mode.HYBRID,
        place="Brīvības iela 72, Rīga, 3. stāva zāle",
        accessibility="Ieeja bez pakāpieniem no pagalma, lifts, indukcijas cilpa.",
        remote_url="https://meet.example.lv/vm-padome",
        capacity=30,
        description="Atklāta sēde; piedalīties var klātienē vai attālināti.",
    )
    services.agenda_item_add(
        actor=secretary,
        meeting=upcoming,
        title="Pacientu tiesību likuma grozījumi",
        presenter="Juridiskais departaments",
        document_url="https://www.vm.gov.lv/",
    )
    services.agenda_item_add(actor=secretary, meeting=upcoming, title="Dažādi")
    services.agenda_publish(actor=secretary, meeting=upcoming)
    services.registration_register(
        person=world.people["anna"],
        meeting=upcoming,
        mode="remote",
        question="Vai grozījumi attieksies arī uz privātajām klīnikām?",
    )

    answered = services.recommendation_adopt(
        actor=secretary,
        body=body,
        meeting=held,
        addressed_to=world.institutions[VM],
        text="Publicēt valsts apmaksāto izmeklējumu rindu garumu katru mēnesi.",
        adopted_on=timezone.localdate(held.starts_at),
    )
    services.recommendation_answer(
        actor=secretary,
        recommendation=answered,
        outcome="taken_into_account",
        reason="Dati tiks publicēti NVD tīmekļvietnē katra mēneša sākumā.",
    )
    Recommendation.objects.filter(pk=answered.pk).update(
        answered_at=held.starts_at + timedelta(days=21)
    )
    services.recommendation_adopt(
        actor=secretary,
        body=body,
        meeting=held,
        addressed_to=world.institutions[VM],
        text="Iesaistīt pacientu organizācijas e-veselības sistēmas izmaiņu testēšanā.",
        adopted_on=timezone.localdate(held.starts_at),
    )  # unanswered after 45 days: overdue
    services.recommendation_adopt(
        actor=secretary,
        body=body,
        addressed_to=world.institutions[VM],
        text="Izstrādāt vienotu pacientu sūdzību izskatīšanas kārtību.",
        adopted_on=today - timedelta(days=5),
    )  # pending


def _residents_council(world: World) -> None:
    secretary = world.editors[VALMIERA]
    today = timezone.localdate()
    body = services.body_create(
        actor=secretary,
        institution=world.institutions[VALMIERA],
        kind=Body.Kind.RESIDENTS_COUNCIL,
        name="Valmieras apkaimju iedzīvotāju padome",
        purpose="Apkaimju iedzīvotāju padome pārstāv iedzīvotāju intereses pašvaldībā.",
        term_starts_on=today - timedelta(days=200),
        secretary=secretary,
        accepting_applications=True,
        affected_groups=_groups("iedzivotaji", "jauniesi", "gimenes"),
    )
    services.call_publish(
        actor=secretary,
        body=body,
        text="Padome aicina pieteikties Putriņu un Dārzniecības apkaimju iedzīvotājus, "
        "īpaši jauniešus un ģimenes ar bērniem.",
        open_until=today + timedelta(days=21),
    )
    for key, groups in [("liga", ("iedzivotaji", "gimenes")), ("raimonds", ("jauniesi",))]:
        services.member_add(
            actor=secretary,
            body=body,
            person=world.people[key],
            starts_on=body.term_starts_on,
            represented_groups=_groups(*groups),
        )
    services.application_submit(
        applicant=world.people["kristine"],
        body=body,
        motivation="Dzīvoju Putriņos 12 gadus un vēlos pārstāvēt ģimenes ar bērniem.",
    )
    _schedule(
        secretary,
        body,
        days=5,
        hour=18,
        title="Padomes sēde: apkaimju budžets",
        mode=Meeting.Mode.IN_PERSON,
        place="Lāčplēša iela 2, Valmiera",
        capacity=40,
    )


def _working_group(world: World) -> None:
    secretary = world.editors[VARAM]
    today = timezone.localdate()
    body = services.body_create(
        actor=secretary,
        institution=world.institutions[VARAM],
        kind=Body.Kind.WORKING_GROUP,
        name="Klimata pielāgošanās plāna darba grupa",
        term_starts_on=today - timedelta(days=90),
        term_ends_on=today + timedelta(days=270),
        secretary=secretary,
        affected_groups=_groups("nvo", "pasvaldibas", "zinatnieki"),
    )
    for key, groups in [("zalas", ("nvo",)), ("riteni", ("nvo",))]:
        services.member_add(
            actor=secretary,
            body=body,
            organisation=world.organisations[key],
            starts_on=body.term_starts_on,
            represented_groups=_groups(*groups),
        )
    _schedule(
        secretary,
        body,
        days=20,
        hour=10,
        title="Darba grupas sanāksme",
        mode=Meeting.Mode.REMOTE,
        remote_url="https://meet.example.lv/varam-klimats",
    )


def build_councils(world: World) -> None:
    _health_council(world)
    _residents_council(world)
    _working_group(world)
