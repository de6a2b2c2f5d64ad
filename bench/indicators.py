#!/usr/bin/env python
"""Indicators benchmark: the indicator API and the coordinator's dashboard over a large
history, beside the same figures computed straight from the raw rows in the same run.

Builds a throwaway PostgreSQL database (created and dropped), fills it with institutions,
people, organisations, consultations (bulk_create) and opinions and answers (one
INSERT … SELECT generate_series each, the fastest way to 2,000,000 rows), builds the
precomputed figures with `figures_rebuild_all` (set-based; a test holds it equal to the
bucket-by-bucket rebuild the event jobs do), then
times, for the same varied selections (everything, each kind, single institutions, recent
periods):
- `GET /api/v1/indicators` and the dashboard page (in-process Django client: middleware,
  the selector and the rendering, no network);
- the direct computation (`indicators(direct=True)`: one aggregate query per figure over the
  consultations and opinions, grouped per institution, kind and month — the baseline).

    .venv/bin/python bench/indicators.py                       # full size (see README)
    .venv/bin/python bench/indicators.py --scale 0.1           # a tenth of it
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(database_url: str, workdir: Path, reuse: str | None = None) -> str:
    import psycopg

    os.environ["DJANGO_SETTINGS_MODULE"] = "lidzdaliba.settings"
    os.environ["LIDZDALIBA_VAR_DIR"] = str(workdir)
    os.environ.pop("REDIS_URL", None)
    database = reuse or f"lidzdaliba_indicators_bench_{uuid.uuid4().hex[:8]}"
    if not reuse:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
    os.environ["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + database
    import django

    django.setup()
    return database


def drop(database_url: str, database: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def generate(rng: random.Random, *, institutions: int, consultations: int, opinions: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from lidzdaliba.accounts.models import Organisation, User
    from lidzdaliba.consultations.models import Consultation
    from lidzdaliba.core.enums import ParticipationForm, PolicyStage
    from lidzdaliba.institutions.models import Institution, Territory, Topic

    now = timezone.now()
    territories = list(Territory.objects.all())
    topics = list(Topic.objects.all())
    made = Institution.objects.bulk_create(
        Institution(
            slug=f"iestade-{i}",
            name=f"Iestāde {i:03d}",
            kind=Institution.Kind.STATE if i % 3 == 0 else Institution.Kind.MUNICIPAL,
            territory=rng.choice(territories),
        )
        for i in range(institutions)
    )
    people = max(1000, opinions // 10)
    unusable = make_password(None)
    User.objects.bulk_create(
        (
            User(email=f"p{i}@example.lv", full_name=f"Persona {i}", password=unusable)
            for i in range(people)
        ),
        batch_size=5000,
    )
    Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"Biedrība {i}",
                kind=Organisation.Kind.values[i % 3],
                registration_number=f"4000{i:07d}",
            )
            for i in range(max(50, people // 100))
        ),
        batch_size=5000,
    )
    forms = list(ParticipationForm.values)
    stages = list(PolicyStage.values)
    rows = []
    for _i in range(consultations):
        opens = now - timedelta(days=rng.randint(-20, 730), hours=rng.randint(0, 23))
        closes = opens + timedelta(days=rng.choice([7, 14, 21, 30, 45]))
        feedback = None
        if closes < now and rng.random() < 0.7:
            feedback = min(now, closes + timedelta(days=rng.randint(1, 60)))
        rows.append(
            Consultation(
                institution=rng.choice(made),
                title="Noteikumu projekts",
                summary="Kas mainīsies.",
                topic=rng.choice(topics),
                territory=rng.choice(territories),
                policy_stage=rng.choice(stages),
                participation_form=rng.choice(forms),
                responsible_official="Līga Kalniņa",
                contact_email="liga@example.gov.lv",
                opens_at=opens,
                closes_at=closes,
                announced_at=opens - timedelta(days=3),
                feedback_published_at=feedback,
            )
        )
    Consultation.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM consultations_consultation")
        c_low, c_high = cursor.fetchone()
        cursor.execute("SELECT min(id), max(id) FROM accounts_user")
        u_low, u_high = cursor.fetchone()
        cursor.execute("SELECT min(id), max(id) FROM accounts_organisation")
        o_low, o_high = cursor.fetchone()
        cursor.execute(
            f"""
            INSERT INTO consultations_opinion (
                consultation_id, author_id, organisation_id, kind, text, proposed_wording,
                show_name, reference, idempotency_fingerprint, created_at, hidden_reason,
                hidden_note, review_request_text, review_decision_note)
            SELECT c.id, {u_low} + floor(random() * {u_high - u_low + 1})::int,
                   CASE WHEN random() < 0.15
                        THEN {o_low} + floor(random() * {o_high - o_low + 1})::int END,
                   'proposal', 'Ierosinu precizēt termiņu.', '', false, 'B' || g, '',
                   c.opens_at + random() * (c.closes_at - c.opens_at), '', '', '', ''
            FROM generate_series(1, {opinions}) AS g
            JOIN consultations_consultation c
              ON c.id = {c_low} + (hashint4(g) & 2147483647) % {c_high - c_low + 1}
            """
        )
        # Declared affected groups on about four in five personal opinions (1.5 on average).
        cursor.execute(
            """
            INSERT INTO consultations_opinion_declared_groups (opinion_id, affectedgroup_id)
            SELECT o.id, g.id FROM consultations_opinion o
            JOIN institutions_affectedgroup g
              ON (hashint4((o.id * 31 + g.id)::int) & 2147483647) % 8 = 0
            WHERE o.organisation_id IS NULL
            """
        )
        cursor.execute(
            """
            INSERT INTO consultations_answer (opinion_id, outcome, reason, new_wording,
                                              answered_at, updated_at)
            SELECT o.id, 'noted', 'Pieņemts zināšanai.', '',
                   o.created_at + random() * interval '45 days', now()
            FROM consultations_opinion o WHERE random() < 0.75
            """
        )
        cursor.execute("ANALYZE")


def timed(function, repeat: int = 1) -> list[float]:
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        found.append((time.perf_counter() - start) * 1000)
    return found


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument(
        "--reuse", metavar="DATABASE", help="time again a database kept by --keep (not dropped)"
    )
    args = parser.parse_args()
    import tempfile

    workdir = Path(tempfile.mkdtemp(prefix="indicators-bench-"))
    database = configure(args.database_url, workdir, reuse=args.reuse)
    print(f"database: {database}")
    try:
        run(args)
    finally:
        if not args.keep and not args.reuse:
            drop(args.database_url, database)


def run(args) -> None:
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from lidzdaliba.accounts.models import User
    from lidzdaliba.institutions.models import Institution
    from lidzdaliba.monitoring.groups import group_figures
    from lidzdaliba.monitoring.selectors import IndicatorFilters, indicators
    from lidzdaliba.monitoring.services import bucket_refresh, figures_rebuild_all

    call_command("migrate", verbosity=0)
    rng = random.Random(13)
    sizes = {
        "institutions": max(10, int(300 * args.scale)),
        "consultations": int(50_000 * args.scale),
        "opinions": int(2_000_000 * args.scale),
    }
    print(f"sizes: {sizes}", flush=True)
    if not args.reuse:
        started = time.perf_counter()
        generate(rng, **sizes)
        generated = time.perf_counter() - started
        print(f"generated in {generated:.0f} s", flush=True)
        started = time.perf_counter()
        buckets = figures_rebuild_all()
        rebuilt = time.perf_counter() - started
        print(f"{buckets} buckets built (figures_rebuild_all) in {rebuilt:.0f} s", flush=True)
        # What autovacuum does in production; both sides profit (index-only scans need it).
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    slugs = list(Institution.objects.values_list("slug", "pk"))
    today = timezone.localdate()
    selections: list[tuple[dict, IndicatorFilters]] = [
        ({}, IndicatorFilters()),
        ({"kind": "state"}, IndicatorFilters(kind="state")),
        ({"kind": "municipal"}, IndicatorFilters(kind="municipal")),
        (
            {"from": str(today - timedelta(days=365)), "to": str(today)},
            IndicatorFilters(start=today - timedelta(days=365), end=today),
        ),
        (
            {"kind": "municipal", "from": str(today - timedelta(days=90))},
            IndicatorFilters(kind="municipal", start=today - timedelta(days=90)),
        ),
    ]
    # Its own generator: the same institutions whether the data was just made or reused.
    for slug, pk in random.Random(14).sample(sorted(slugs), min(15, len(slugs))):
        selections.append(({"institution": slug}, IndicatorFilters(institution_ids=(pk,))))

    coordinator, _new = User.objects.get_or_create(
        email="coordinator@example.lv", defaults={"is_coordinator": True}
    )
    public = Client()
    desk = Client()
    desk.force_login(coordinator)
    # Warm up (connections, templates, caches of Python code): not measured.
    public.get("/api/v1/indicators")
    desk.get("/officer/indicators/")
    indicators(filters=IndicatorFilters(institution_ids=(slugs[0][1],)), direct=True)

    def direct_with_groups(f, **kwargs):
        # The pages and the API show the figures by affected group too.
        return indicators(filters=f, direct=True, **kwargs), group_figures(filters=f, direct=True)

    api, page, direct, direct_api, by_group, by_group_direct = [], [], [], [], [], []
    for query, filters in selections:
        api += timed(lambda q=query: public.get("/api/v1/indicators", q))
        page += timed(lambda q=query: desk.get("/officer/indicators/", q))
        direct += timed(lambda f=filters: direct_with_groups(f))
        direct_api += timed(lambda f=filters: direct_with_groups(f, groups=("institution",)))
        by_group += timed(lambda f=filters: group_figures(filters=f))
        by_group_direct += timed(lambda f=filters: group_figures(filters=f, direct=True))
    equal = all(
        _plain(indicators(filters=f)) == _plain(indicators(filters=f, direct=True))
        and group_figures(filters=f) == group_figures(filters=f, direct=True)
        for _q, f in selections[:3]
    )
    institution_id, month = _some_bucket()
    refresh = timed(lambda: bucket_refresh(institution_id=institution_id, month=month), 5)
    print(f"selections measured: {len(selections)} (everything, kinds, periods, institutions)")
    for label, values in (
        ("API /api/v1/indicators", api),
        ("dashboard page", page),
        ("direct, the API's figures", direct_api),
        ("direct, the dashboard's", direct),
        ("by affected group", by_group),
        ("by affected group, direct", by_group_direct),
    ):
        print(f"{label:28} p50 {statistics.median(values):8.1f} ms   p95 {p95(values):8.1f} ms")
    print(
        f"speed-up at p95: API {p95(direct_api) / p95(api):.1f}x, "
        f"dashboard {p95(direct) / p95(page):.1f}x"
    )
    print(f"one bucket rebuild (what an event costs) p50 {statistics.median(refresh):.1f} ms")
    print(f"precomputed == direct for the first selections: {equal}")


def _plain(result) -> tuple:
    from dataclasses import asdict

    return (
        asdict(result.overall),
        {inst.pk: asdict(f) for inst, f in result.institutions},
        {str(m): asdict(f) for m, f in result.months},
    )


def _some_bucket():
    from lidzdaliba.monitoring.models import ConsultationFact

    fact = ConsultationFact.objects.order_by("-opinions").first()
    return fact.institution_id, fact.month


if __name__ == "__main__":
    main()
