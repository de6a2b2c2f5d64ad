"""Demo surveys: the source evaluation's twin survey of the public (155 answers) and of
institutions (98) recreated as an imported survey, so its charts, word clouds and group
comparison can be seen at once; and the standard questions asked and answered for every
consultation whose feedback is published."""

from __future__ import annotations

import csv
import io
import random

from lidzdaliba.surveys import services
from lidzdaliba.surveys.models import Question, Survey

from .world import World

SEED = 2024
PUBLIC, INSTITUTIONS = "Iedzīvotāji", "Iestādes"
GROUP = "Respondentu grupa"
SCALE = "Cik lielā mērā sabiedrības viedoklis tiek ņemts vērā lēmumu pieņemšanā? (1–10)"
STAGE = "Kurā politikas cikla posmā sabiedrība būtu jāiesaista vispirms?"
INFORM = "Kā jūs informējat vai uzzināt par līdzdalības iespējām?"
TOOK_PART = "Kā esat piedalījies vai iesaistījis sabiedrību?"
WHY = "Kāpēc jūs piedalāties vai iesaistāt sabiedrību?"
STAGES = ("problēmas definēšana", "risinājumu izstrāde", "lēmuma pieņemšana", "īstenošana")
CHANNELS = ("iestādes tīmekļvietne", "sociālie tīkli", "e-pasts", "TAP portāls", "preses relīzes")
FORMS = ("rakstisks viedoklis", "sabiedriskā apspriede", "darba grupa", "konsultatīvā padome")
MOTIVES = {
    PUBLIC: (
        "Gribu ietekmēt lēmumus, kas skar manu ģimeni.",
        "Lēmumi par manu novadu jāpieņem kopā ar iedzīvotājiem.",
        "Man rūp vide un pilsētvide.",
        "Vēlos, lai mans viedoklis tiktu ņemts vērā.",
        "Piedalos, jo iestādes bieži neņem vērā iedzīvotāju viedokli.",
        "Mana biedrība pārstāv cilvēkus, kurus lēmums skar.",
        "Gribu saprast, kāpēc lēmumi tiek pieņemti.",
    ),
    INSTITUTIONS: (
        "Likums prasa iesaistīt sabiedrību.",
        "Sabiedrības viedoklis uzlabo lēmumu kvalitāti.",
        "Iesaistām nevalstiskās organizācijas, jo tām ir zināšanas.",
        "Lēmumi ir labāk saprotami, ja iedzīvotāji tos apspriež.",
        "Gribam uzzināt iedzīvotāju vajadzības.",
    ),
}
# Weights of the answers 1–10: the public is more sceptical than institutions.
SCALE_WEIGHTS = {
    PUBLIC: (6, 8, 12, 13, 17, 14, 12, 9, 5, 4),
    INSTITUTIONS: (1, 2, 3, 5, 10, 14, 20, 22, 13, 10),
}
COUNTS = {PUBLIC: 155, INSTITUTIONS: 98}
STANDARD_VALUES = ((8, 7, 9), (5, 3, 8), (7, 6, 7), (3, 2, 6), (9, 8, 9), (6, 5, 8))


def twin_survey_csv(seed: int = SEED) -> bytes:
    """The answers, one row per respondent, as an external survey tool exports them."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([GROUP, SCALE, STAGE, INFORM, TOOK_PART, WHY])
    for group, count in COUNTS.items():
        for _n in range(count):
            writer.writerow(
                [
                    group,
                    rng.choices(range(1, 11), SCALE_WEIGHTS[group])[0],
                    rng.choice(STAGES),
                    ";".join(rng.sample(CHANNELS, rng.randint(1, 3))),
                    ";".join(rng.sample(FORMS, rng.randint(1, 2))),
                    rng.choice(MOTIVES[group]) if rng.random() < 0.7 else "",
                ]
            )
    return out.getvalue().encode()


def build_surveys(world: World) -> None:
    coordinator = next(p for p in world.people.values() if p.is_coordinator)
    services.survey_import(
        actor=coordinator,
        institution=None,
        title="Sabiedrības līdzdalības izvērtējums: iedzīvotāju un iestāžu aptauja",
        content=twin_survey_csv(),
        filename="lidzdalibas-aptauja.csv",
        group_column=GROUP,
        kinds={WHY: Question.Kind.TEXT, STAGE: Question.Kind.SINGLE},
        results_public=True,
    )
    _standard_answers()


def _standard_answers() -> None:
    """Every consultation with published feedback gets its standard survey (as the event
    would), and its invited participants answer."""
    from lidzdaliba.consultations.models import Consultation

    for consultation_id in Consultation.objects.filter(
        feedback_published_at__isnull=False
    ).values_list("pk", flat=True):
        survey = services.standard_survey_for_consultation(consultation_id=consultation_id)
        if survey is None:
            continue
        survey = Survey.objects.get(pk=survey.pk)
        questions = list(survey.questions.all())
        for n, invitation in enumerate(survey.invitations.order_by("email")):
            values = STANDARD_VALUES[(consultation_id + n) % len(STANDARD_VALUES)]
            services.response_save(
                person=None,
                survey=survey,
                invitation=invitation,
                answers={q.pk: v for q, v in zip(questions, values, strict=True)},
            )
