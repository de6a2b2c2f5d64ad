"""The generated content of bench/search.py: a small Latvian vocabulary with the endings of
its declensions, drawn with a Zipf-like distribution, turned into consultations, clauses,
opinions and answers; and the mix of queries that is measured."""

from __future__ import annotations

import itertools
import random
import uuid
from collections import defaultdict
from datetime import timedelta

# --- A small Latvian vocabulary: stems with the endings of their declension ----------------
ENDINGS = {
    "s": ["s", "a", "am", "u", "ā", "i", "u", "iem", "us", "os"],  # 1st declension
    "a": ["a", "as", "ai", "u", "ā", "ām", "ās"],  # 4th declension
    "e": ["e", "es", "ei", "i", "ē", "ēm", "ēs"],  # 5th declension
    "adj": ["s", "ais", "ā", "ajā", "ie", "ās", "ajām", "o", "ajiem", "a"],
}
STEMS = {
    "s": "likumprojekt noteikum iedzīvotāj budžet termiņ projekt pakalpojum atzinum "
    "priekšlikum iebildum lēmum grozījum pasākum mež ezer park transport autobus tramvaj "
    "velosipēd atbalst finansējum konkurs uzņēmum pieteikum dokument plān risinājum "
    "jautājum gadījum pienākum apjom maksājum skolotāj ārst pacient student skolēn "
    "bērnudārz stadion tilt laukum kvartāl rajon centr ciemat īpašum atkritum nodokļ "
    "pabalst līgum ieguldījum savienojum apgaismojum ietv stāvlaukum",
    "a": "pašvaldīb līdzdalīb sabiedrīb ministrij izglītīb veselīb drošīb attīstīb "
    "kārtīb programm stratēģij politik infrastruktūr skol bibliotēk slimnīc aptiek "
    "ekonomik kultūr teritorij pilsēt apkaim iel komisij padom organizācij biedrīb "
    "kopien sistēm platform māj pieej telp vid aizsardzīb ainav upj dab",
    "e": "iestād nozar ģimen sanāksm apspried vēlm izvēl praks zem pils",
    "adj": "sabiedrisk vietēj jaun nacionāl reģionāl sociāl publisk ilgtspējīg pieejam "
    "droš zaļ efektīv atklāt vecāk mazāk lielāk",
}
FUNCTION_WORDS = (  # noqa: SIM905 (a word list reads best as words)
    "un vai par ar uz no kas ka lai ir nav tā šo to arī jo bet pie pēc līdz kā ļoti "
    "vairāk būtu tiek var mums viņu"
).split()
PLACES = (  # noqa: SIM905
    "Valmiera Cēsis Ogre Jelgava Liepāja Ventspils Rēzekne Daugavpils Tukums Sigulda "
    "Kuldīga Bauska Madona Talsi Limbaži Aizkraukle Preiļi Ludza Krāslava Dobele Saldus "
    "Alūksne Gulbene Balvi Smiltene Valka Jēkabpils Olaine Salaspils Ķekava Mārupe Ādaži"
).split()


class Language:
    """Lemmas (stem + paradigm), frequency-ranked: real words first, then a long tail of
    compounds, with a Zipf–Mandelbrot weight so the top word is in about a third of texts."""

    def __init__(self, rng: random.Random, compounds: int = 3000) -> None:
        self.rng = rng
        real = [(stem, kind) for kind, stems in STEMS.items() for stem in stems.split()]
        rng.shuffle(real)
        nouns = [(stem, kind) for stem, kind in real if kind != "adj"]
        tail = set()
        while len(tail) < compounds:
            (first, _k), (second, kind) = rng.choice(nouns), rng.choice(nouns)
            if first != second:
                tail.add((first + second, kind))
        self.lemmas = real + sorted(tail)
        weights = [1 / (rank + 10) for rank in range(1, len(self.lemmas) + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def form(self, lemma: int) -> str:
        stem, kind = self.lemmas[lemma]
        return stem + self.rng.choice(ENDINGS[kind])

    def words(self, count: int) -> list[str]:
        lemmas = self.rng.choices(range(len(self.lemmas)), cum_weights=self.cumulative, k=count)
        out = []
        for lemma in lemmas:
            roll = self.rng.random()
            if roll < 0.35:
                out.append(self.rng.choice(FUNCTION_WORDS))
            elif roll < 0.36:
                out.append(self.rng.choice(PLACES))
            elif roll < 0.37:
                out.append(str(self.rng.randint(1, 2030)))
            out.append(self.form(lemma))
        return out[:count]

    def text(self, low: int, high: int) -> str:
        words = self.words(self.rng.randint(low, high))
        sentences, start = [], 0
        while start < len(words):
            end = start + self.rng.randint(6, 14)
            sentence = " ".join(words[start:end])
            sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            start = end
        return " ".join(sentences)


def generate(args, rng: random.Random, language: Language) -> dict:
    """Bulk-create the content (no services, no events: the index is built afterwards)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from lidzdaliba.accounts.models import User
    from lidzdaliba.consultations.models import (
        Answer,
        Clause,
        Consultation,
        DocumentVersion,
        Opinion,
        new_reference,
    )
    from lidzdaliba.core.enums import OpinionKind, Outcome, ParticipationForm, PolicyStage
    from lidzdaliba.institutions.models import Institution, Territory, Topic

    now = timezone.now()
    territories = list(Territory.objects.all())
    topics = list(Topic.objects.all())
    institutions = Institution.objects.bulk_create(
        Institution(
            slug=f"iestade-{i}",
            name=f"{rng.choice(PLACES)} {language.form(i)} iestāde {i}",
            kind=rng.choice(Institution.Kind.values),
            territory=rng.choice(territories),
        )
        for i in range(60)
    )
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"person{i}@example.lv", full_name=f"Persona {i}", password=unusable)
        for i in range(3000)
    )
    consultations = []
    for i in range(args.consultations):
        opens = now - timedelta(days=rng.randint(-30, 700))
        closes = opens + timedelta(days=rng.choice([14, 21, 30, 45]))
        published = i % 20 != 0  # one in twenty stays a draft (never indexed)
        answered = published and closes < now and rng.random() < 0.5
        consultations.append(
            Consultation(
                institution=rng.choice(institutions),
                title=language.text(5, 10).rstrip("."),
                summary=language.text(30, 70),
                problem=language.text(15, 40),
                goal=language.text(10, 25),
                topic=rng.choice(topics),
                territory=rng.choice(territories),
                policy_stage=rng.choice(PolicyStage.values),
                participation_form=rng.choice(ParticipationForm.values),
                responsible_official="Līga Kalniņa",
                contact_email="liga@example.gov.lv",
                opens_at=opens,
                closes_at=closes,
                announced_at=opens - timedelta(days=5) if published else None,
                feedback_published_at=closes + timedelta(days=20) if answered else None,
            )
        )
    consultations = Consultation.objects.bulk_create(consultations, batch_size=500)
    versions = DocumentVersion.objects.bulk_create(
        (DocumentVersion(consultation=c, number=1, text="") for c in consultations),
        batch_size=500,
    )
    clauses = Clause.objects.bulk_create(
        (
            Clause(version=v, position=p, number=f"{p}", text=language.text(12, 45))
            for v in versions
            for p in range(1, rng.randint(4, 13))
        ),
        batch_size=1000,
    )
    clauses_of = defaultdict(list)
    for clause, version in ((c, c.version) for c in clauses):
        clauses_of[version.consultation_id].append(clause)
    public = [c for c in consultations if c.announced_at]
    popularity = [rng.paretovariate(1.2) for _ in public]
    references = set()
    while len(references) < args.opinions:
        references.add(new_reference())
    opinions = []
    for reference, consultation in zip(
        references, rng.choices(public, weights=popularity, k=args.opinions), strict=True
    ):
        own_clauses = clauses_of[consultation.pk]
        opinions.append(
            Opinion(
                consultation=consultation,
                clause=rng.choice(own_clauses) if rng.random() < 0.6 else None,
                author=rng.choice(users),
                kind=rng.choice(OpinionKind.values),
                text=language.text(15, 90),
                proposed_wording=language.text(8, 30) if rng.random() < 0.2 else "",
                show_name=rng.random() < 0.3,
                reference=reference,
            )
        )
    opinions = Opinion.objects.bulk_create(opinions, batch_size=2000)
    answered = {c.pk for c in public if c.feedback_published_at}
    Answer.objects.bulk_create(
        (
            Answer(opinion=o, outcome=rng.choice(Outcome.values), reason=language.text(10, 40))
            for o in opinions
            if o.consultation_id in answered
        ),
        batch_size=2000,
    )
    return {"institutions": institutions, "topics": topics}


def queries(rng: random.Random, language: Language, refs: dict, count: int) -> list[tuple]:
    """(category, query text, filters, page): a fixed mix, scaled to `count`."""
    from lidzdaliba.consultations.selectors import ConsultationFilters
    from lidzdaliba.core.enums import PolicyStage
    from lidzdaliba.search.text import fold

    plain = ConsultationFilters()
    n = len(language.lemmas)

    def word(low: int, high: int) -> str:
        text = language.form(rng.randrange(low, min(high, n)))
        return fold(text) if rng.random() < 0.3 else text  # typed without diacritics

    def filters() -> ConsultationFilters:
        return rng.choice(
            [
                ConsultationFilters(institution=rng.choice(refs["institutions"])),
                ConsultationFilters(topic=rng.choice(refs["topics"])),
                ConsultationFilters(status=rng.choice(["open", "closed", "answered"])),
                ConsultationFilters(stage=rng.choice(PolicyStage.values)),
            ]
        )

    mix = {
        "common word": (0.20, lambda: (word(0, 15), plain, 1)),
        "mid word": (0.20, lambda: (word(40, 400), plain, 1)),
        "rare word": (0.15, lambda: (rng.choice([word(2000, n), rng.choice(PLACES)]), plain, 1)),
        "two words": (0.15, lambda: (f"{word(0, 200)} {word(0, 2000)}", plain, 1)),
        "with filter": (0.10, lambda: (word(0, 300), filters(), 1)),
        "prefix": (0.08, lambda: (word(0, 500)[: rng.randint(4, 7)] + "*", plain, 1)),
        "page 2-5": (0.07, lambda: (word(0, 40), plain, rng.randint(2, 5))),
        "miss": (0.05, lambda: (f"xq{uuid.uuid4().hex[:6]}", plain, 1)),
    }
    out = []
    for category, (share, make) in mix.items():
        out.extend((category, *make()) for _ in range(max(1, round(share * count))))
    rng.shuffle(out)
    return out[:count]
