"""Time a 100,000-response survey's results: the selector behind the results page and the
API (reading the tallies kept as answers are written), and the whole page over HTTP (Django's
test client, rendering every SVG chart), beside, in the same run, the same selector
aggregating the answer rows (`from_rows=True`: `GROUP BY`s, the path of a filter by another
answer, and what the page did before the tallies) and a direct computation (every row read
into Python, the same figures computed there). Also: the rebuild of the tallies from the
rows (what an import and the migration do) and the cost of one submission with the tallies
kept up to date.

    .venv/bin/python bench/surveys_results.py [--responses 100000] [--database-url postgres://…]

Prints p50/p95 of each; target: the page < 1 s. Timings are never pass/fail tests.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = [
    "iestāde",
    "atzinums",
    "viedoklis",
    "lēmums",
    "apspriede",
    "iedzīvotāji",
    "pašvaldība",
    "termiņš",
    "projekts",
    "informācija",
    "atbilde",
    "līdzdalība",
    "sabiedrība",
    "vide",
    "skola",
    "ceļš",
    "budžets",
]


def configure(database_url: str, workdir: Path) -> str | None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "lidzdaliba.settings"
    os.environ["LIDZDALIBA_VAR_DIR"] = str(workdir)
    os.environ.pop("REDIS_URL", None)
    database = None
    if database_url:
        import psycopg

        database = f"lidzdaliba_surveys_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + database
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    import django

    django.setup()
    import logging

    logging.getLogger("lidzdaliba.requests").setLevel(logging.WARNING)  # one line per request
    return database


def build(responses: int, seed: int):
    from django.core.management import call_command
    from django.utils import timezone

    from lidzdaliba.accounts.models import User
    from lidzdaliba.surveys import services
    from lidzdaliba.surveys.models import Answer, Question, Response, Survey

    call_command("migrate", verbosity=0)
    coordinator = User.objects.create_user(
        email="bench@example.lv", password=None, is_coordinator=True
    )
    survey = services.survey_create(
        actor=coordinator, institution=None, title="Bench", audience=Survey.Audience.BOTH
    )
    kind = Question.Kind
    scale = services.question_add(actor=coordinator, survey=survey, kind=kind.SCALE, text="S")
    single = services.question_add(
        actor=coordinator, survey=survey, kind=kind.SINGLE, text="C", options=list("ABCDE")
    )
    multiple = services.question_add(
        actor=coordinator,
        survey=survey,
        kind=kind.MULTIPLE,
        text="M",
        options=["e-pasts", "TAP", "sociālie tīkli", "prese"],
        allow_other=True,
    )
    matrix = services.question_add(
        actor=coordinator,
        survey=survey,
        kind=kind.MATRIX,
        text="X",
        rows=["a", "b", "c"],
        scale_max=5,
    )
    text = services.question_add(actor=coordinator, survey=survey, kind=kind.TEXT, text="T")
    services.survey_publish(actor=coordinator, survey=survey)
    rng = random.Random(seed)
    now = timezone.now()
    started = time.perf_counter()
    batch = 5000
    for start in range(0, responses, batch):
        rows = Response.objects.bulk_create(
            Response(
                survey=survey,
                group="public" if rng.random() < 0.6 else "institutions",
                submitted_at=now,
                updated_at=now,
            )
            for _ in range(min(batch, responses - start))
        )
        answers = []
        for r in rows:

            def add(q, r=r, answers=answers, **values):
                answers.append(
                    Answer(response=r, question=q, group=r.group, submitted=True, **values)
                )

            add(scale, number=rng.randint(1, 10))
            add(single, choice=rng.choice("ABCDE"))
            for option in rng.sample(multiple.options, rng.randint(1, 2)):
                add(multiple, choice=option)
            for row in matrix.rows:
                add(matrix, choice=row, number=rng.randint(1, 5))
            if rng.random() < 0.3:
                add(text, text=" ".join(rng.choices(WORDS, k=8)))
        Answer.objects.bulk_create(answers, batch_size=5000)
    print(
        f"built {responses:,} responses, {Answer.objects.count():,} answer rows "
        f"in {time.perf_counter() - started:.1f} s"
    )
    from lidzdaliba.surveys.models import AnswerCount, AnswerLemma, LemmaCount, RespondentCount
    from lidzdaliba.surveys.services.tallies import tallies_rebuild

    # The rows went in with bulk_create, as an import's do: count them once, as it does.
    started = time.perf_counter()
    tallies_rebuild(survey_id=survey.pk)
    print(
        f"tallies rebuilt from the rows in {time.perf_counter() - started:.1f} s: "
        f"{AnswerCount.objects.count():,} value counts, {RespondentCount.objects.count()} "
        f"respondent counts, {LemmaCount.objects.count()} lemma counts, "
        f"{AnswerLemma.objects.count():,} answer lemmas"
    )
    return coordinator, Survey.objects.get(pk=survey.pk)


def submissions(survey, count: int, seed: int) -> list[float]:
    """`count` new people submit a full response through the service (the tallies moved in
    the same transaction); returns each submission's time in ms."""
    from lidzdaliba.accounts.models import User
    from lidzdaliba.surveys import services

    rng = random.Random(seed)
    questions = list(survey.questions.all())
    times = []
    for n in range(count):
        person = User.objects.create_user(email=f"respondent{n}@example.lv", password=None)
        values = {}
        for q in questions:
            if q.kind == "scale":
                values[q.pk] = rng.randint(1, q.scale_max)
            elif q.kind == "single":
                values[q.pk] = rng.choice(q.options)
            elif q.kind == "multiple":
                values[q.pk] = rng.sample(q.options, 2)
            elif q.kind == "matrix":
                values[q.pk] = {row: rng.randint(1, q.scale_max) for row in q.rows}
            elif q.kind == "text":
                values[q.pk] = " ".join(rng.choices(WORDS, k=8))
        started = time.perf_counter()
        services.response_save(person=person, survey=survey, answers=values)
        times.append((time.perf_counter() - started) * 1000)
    return times


def direct(survey) -> dict:
    """The baseline: every answer row into Python, the same figures computed there."""
    from lidzdaliba.surveys.models import Answer
    from lidzdaliba.surveys.words import word_frequencies

    by_question: dict[int, list] = {}
    for row in Answer.objects.filter(question__survey=survey, submitted=True).values_list(
        "question_id", "group", "choice", "number", "text"
    ):
        by_question.setdefault(row[0], []).append(row)
    out = {}
    for qid, rows in by_question.items():
        numbers = [r[3] for r in rows if r[3] is not None]
        counts: dict = {}
        for r in rows:
            counts[(r[1], r[2], r[3])] = counts.get((r[1], r[2], r[3]), 0) + 1
        out[qid] = (
            counts,
            statistics.fmean(numbers) if numbers else None,
            statistics.median(numbers) if numbers else None,
            statistics.stdev(numbers) if len(numbers) > 1 else None,
            word_frequencies(r[4] for r in rows if r[4]),
        )
    return out


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(name: str, times: list[float]) -> float:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"{name:<44} p50 {statistics.median(times):8.1f} ms   p95 {p95:8.1f} ms")
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = configure(args.database_url, Path(folder))
        try:
            from django.test import Client

            from lidzdaliba.surveys import selectors

            coordinator, survey = build(args.responses, args.seed)
            client = Client()
            client.force_login(coordinator)
            url = f"/surveys/{survey.pk}/results/"
            assert client.get(url).status_code == 200
            load = os.getloadavg()[0]
            selector = report(
                "selector survey_results (tallies)",
                timed(lambda: selectors.survey_results(survey=survey), args.runs),
            )
            page_times = timed(lambda: client.get(url), args.runs)
            page = report("results page over HTTP (charts, tables)", page_times)
            report(
                "results page, filtered by another answer",
                timed(
                    lambda: client.get(url + f"?q={survey.questions.all()[1].pk}&v=A"), args.runs
                ),
            )
            rows = report(
                "selector from the rows (GROUP BY)",
                timed(
                    lambda: selectors.survey_results(survey=survey, from_rows=True),
                    max(3, args.runs // 2),
                ),
            )
            baseline_times = timed(lambda: direct(survey), max(3, args.runs // 2))
            baseline = report("direct: every row into Python", baseline_times)
            same = selectors.survey_results(survey=survey) == selectors.survey_results(
                survey=survey, from_rows=True
            )
            report("one submission (tallies kept)", submissions(survey, 30, args.seed))
            print(
                f"load average {load:.1f} → {os.getloadavg()[0]:.1f}; tallied results identical "
                f"to the rows': {same}"
            )
            print(
                f"page p95 {page:.0f} ms (target < 1000 ms); the direct computation takes "
                f"{statistics.median(baseline_times) / statistics.median(page_times):.0f}× "
                f"(p50) / {baseline / page:.0f}× (p95) the page's time; the selector from the "
                f"rows {rows / selector:.0f}× (p95) the selector from the tallies"
            )
        finally:
            if database:
                import psycopg
                from django.db import connections

                connections.close_all()
                with psycopg.connect(args.database_url, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
