#!/usr/bin/env python
"""Search benchmark: latency of varied queries over a large, realistic Latvian index.

Builds a throwaway database (a temporary SQLite file, or a fresh PostgreSQL database that it
creates and drops), fills it with generated consultations, draft clauses, opinions and
answers in Latvian (inflected forms from a vocabulary with a Zipf-like distribution, so
some words are in a third of all texts and others in a handful), indexes everything with
the service the rebuild command uses, and then times queries through the same
`lidzdaliba.search.selectors.search` the page and the API call: single words (common, mid,
rare), other inflections and spellings without diacritics, two words, prefixes, filters,
later pages, and misses. As a baseline in the same run it times fetching one SearchEntry by
primary key, so the ratio is visible on a noisy machine.

    .venv/bin/python bench/search.py                        # SQLite: 100,000 opinions
    .venv/bin/python bench/search.py --opinions 10000 --consultations 200
    .venv/bin/python bench/search.py --database-url postgres://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def configure(database_url: str, workdir: Path) -> str | None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "lidzdaliba.settings"
    os.environ["LIDZDALIBA_VAR_DIR"] = str(workdir)
    os.environ.pop("REDIS_URL", None)
    database = None
    if database_url:
        import psycopg

        database = f"lidzdaliba_search_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + database
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    import django

    django.setup()
    return database


def drop(database_url: str, database: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


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


def sizes(connection) -> str:
    """Database and full-text index sizes (the index: what search adds besides the texts)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT (SELECT page_count * page_size FROM pragma_page_count, pragma_page_size),"
                " (SELECT sum(length(block)) FROM search_searchentry_fts_data)"
            )
        else:
            cursor.execute(
                "SELECT pg_database_size(current_database()),"
                " pg_total_relation_size('search_searchvector')"
                " + pg_relation_size('search_searchentry_title')"
            )
        database, index = cursor.fetchone()
    return f"database {database / 2**20:.0f} MB, full-text index {index / 2**20:.0f} MB"


def describe(filters) -> str:
    chosen = {
        name: getattr(value, "slug", value)
        for name, value in vars(filters).items()
        if value not in (None, "")
    }
    return " ".join(f"{name}={value}" for name, value in chosen.items()) or "-"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 50):7.2f}  p95 {percentile(values, 95):7.2f}  "
        f"p99 {percentile(values, 99):7.2f}  max {max(values):7.2f} ms"
    )


def run(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from lidzdaliba.search import selectors
    from lidzdaliba.search.models import SearchEntry
    from lidzdaliba.search.services import rebuild_index

    rng = random.Random(args.seed)
    call_command("migrate", verbosity=0)
    language = Language(rng)
    started = time.perf_counter()
    refs = generate(args, rng, language)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    entries = rebuild_index()
    indexed = time.perf_counter() - started
    version = (
        connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else connection.cursor().connection.info.server_version
    )
    print(f"database      {connection.vendor} {version}; {os.cpu_count()} CPUs")
    print(
        f"content       {args.consultations} consultations, {args.opinions} opinions "
        f"generated in {generated:.1f} s"
    )
    print(
        f"index         {entries} entries built in {indexed:.1f} s "
        f"({entries / indexed:.0f} entries/s); {sizes(connection)}"
    )

    plan = queries(rng, language, refs, args.queries)
    for _category, text, filters, page in plan[:20]:  # warm caches, not timed
        selectors.search(query=text, filters=filters, page=page)
    timings, by_category, counts, slowest = [], defaultdict(list), [], []
    for category, text, filters, page in plan:
        started = time.perf_counter()
        results = selectors.search(query=text, filters=filters, page=page, page_size=20)
        elapsed = (time.perf_counter() - started) * 1000
        timings.append(elapsed)
        by_category[category].append(elapsed)
        slowest.append((elapsed, category, text, describe(filters), page, results.count))
        counts.append(results.count)
    ids = list(SearchEntry.objects.values_list("pk", flat=True))
    baseline = []
    for pk in rng.sample(ids, 200):
        started = time.perf_counter()
        SearchEntry.objects.filter(pk=pk).first()
        baseline.append((time.perf_counter() - started) * 1000)

    print(f"queries       {len(timings)}: {summary(timings)}")
    print(
        "load average  {:.1f} {:.1f} {:.1f} (1, 5, 15 min; other work on the machine)".format(
            *os.getloadavg()
        )
    )
    print(f"baseline      fetch one entry by pk: {summary(baseline)}")
    print(
        f"ratio         p50 {percentile(timings, 50) / percentile(baseline, 50):.0f}x, "
        f"p95 {percentile(timings, 95) / percentile(baseline, 95):.0f}x the baseline"
    )
    print(
        f"matches       median {statistics.median(counts):.0f}, "
        f"{sum(c == 0 for c in counts)} queries found nothing, "
        f"{sum(c >= selectors.MAX_RESULTS for c in counts)} hit the {selectors.MAX_RESULTS} cap"
    )
    for category, values in by_category.items():
        print(f"  {category:<12} n={len(values):<3} {summary(values)}")
    print("slowest")
    for elapsed, category, text, filters, page, count in sorted(slowest, reverse=True)[:5]:
        print(f"  {elapsed:7.2f} ms  {category:<12} {text!r} {filters} page {page}, {count} found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="", help="a PostgreSQL server (any database)")
    parser.add_argument("--opinions", type=int, default=100_000)
    parser.add_argument("--consultations", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lidz-search-bench-") as workdir:
        database = configure(args.database_url, Path(workdir))
        try:
            run(args)
        finally:
            if database:
                drop(args.database_url, database)


if __name__ == "__main__":
    main()
