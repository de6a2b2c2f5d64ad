#!/usr/bin/env python
"""Search benchmark: latency of varied queries over a large, realistic Latvian index.

Builds a throwaway database (a temporary SQLite file, or a fresh PostgreSQL database that it
creates and drops), fills it with generated consultations, draft clauses, opinions and
answers in Latvian (inflected forms from a vocabulary with a Zipf-like distribution, so
some words are in a third of all texts and others in a handful), indexes everything with
the service the rebuild command uses, and then times queries: single words (common, mid,
rare), other inflections and spellings without diacritics, two words, prefixes, filters,
later pages, and misses. Each measured query is timed once, in a fresh process (nothing
cached from building the index) warmed up on other queries: first through the same
`lidzdaliba.search.selectors.search` the page and the API call, then over HTTP
(`GET /api/v1/search`) from a gunicorn server. Baselines in the same run: fetching one
SearchEntry by primary key, and `GET /healthz` over HTTP, so the ratio is visible on a
noisy machine.

    .venv/bin/python bench/search.py                        # SQLite: 100,000 opinions
    .venv/bin/python bench/search.py --opinions 10000 --consultations 200
    .venv/bin/python bench/search.py --database-url postgres://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.searchdata import Language, generate, queries  # noqa: E402


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


def as_data(plan: list[tuple]) -> list[dict]:
    """A query plan as JSON-ready data (filters by slug), for another process."""
    return [
        {
            "category": category,
            "q": text,
            "filters": {
                name: getattr(value, "slug", value)
                for name, value in vars(filters).items()
                if name != "q" and value not in (None, "")
            },
            "page": page,
        }
        for category, text, filters, page in plan
    ]


def filters_from(data: dict):
    from lidzdaliba.consultations.selectors import ConsultationFilters
    from lidzdaliba.institutions.models import Institution, Topic

    values = dict(data)
    if "institution" in values:
        values["institution"] = Institution.objects.get(slug=values["institution"])
    if "topic" in values:
        values["topic"] = Topic.objects.get(slug=values["topic"])
    return ConsultationFilters(**values)


def run(args, workdir: Path) -> None:
    """Build the content and the index, then measure in fresh processes: in-process through
    the selector, then over HTTP through gunicorn."""
    from django.core.management import call_command
    from django.db import connection, connections

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

    measured = queries(rng, language, refs, args.queries)
    # Warm-up queries of their own: none of the measured texts, so what is measured finds
    # no cache of its words (the stemmer's, the database's pages of those terms) warmed
    # for it by an earlier identical query.
    texts = {text for _category, text, _filters, _page in measured}
    warmup_rng = random.Random(args.seed + 1)
    warmup = [
        item for item in queries(warmup_rng, language, refs, args.queries) if item[1] not in texts
    ][: args.warmup]
    plan_path = workdir / "plan.json"
    plan_path.write_text(json.dumps({"warmup": as_data(warmup), "measured": as_data(measured)}))
    connections.close_all()

    # In a fresh process: no stemmer cache or compiled query from building the index.
    sys.stdout.flush()
    subprocess.run(
        [sys.executable, __file__, "--measure", str(plan_path)], check=True, env=os.environ
    )
    over_http(args, workdir, plan_path)


def measure(plan_path: Path) -> None:
    """In this fresh process: warm up on the warm-up queries, then time each measured query
    once through the selector, and the baseline."""
    import django

    django.setup()
    from lidzdaliba.search import selectors
    from lidzdaliba.search.models import SearchEntry

    plan = json.loads(plan_path.read_text())
    for item in plan["warmup"]:
        selectors.search(query=item["q"], filters=filters_from(item["filters"]), page=item["page"])
    timings, by_category, counts, slowest = [], defaultdict(list), [], []
    for item in plan["measured"]:
        filters = filters_from(item["filters"])  # its lookups are not the search's time
        started = time.perf_counter()
        results = selectors.search(
            query=item["q"], filters=filters, page=item["page"], page_size=20
        )
        elapsed = (time.perf_counter() - started) * 1000
        timings.append(elapsed)
        by_category[item["category"]].append(elapsed)
        slowest.append(
            (elapsed, item["category"], item["q"], describe(filters), item["page"], results.count)
        )
        counts.append(results.count)
    rng = random.Random(0)
    ids = list(SearchEntry.objects.values_list("pk", flat=True))
    baseline = []
    for pk in rng.sample(ids, 200):
        started = time.perf_counter()
        SearchEntry.objects.filter(pk=pk).first()
        baseline.append((time.perf_counter() - started) * 1000)

    print(
        f"in a fresh process, after {len(plan['warmup'])} warm-up queries of other words; "
        "each query timed once:"
    )
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
    sys.stdout.flush()


def over_http(args, workdir: Path, plan_path: Path) -> None:
    """GET /api/v1/search for every measured query, one at a time, from a fresh gunicorn
    (the deployment's configuration, WEB_CONCURRENCY workers) warmed up on the warm-up
    queries; baseline: GET /healthz (the same middleware and one database query)."""
    import requests

    from tests.production.stack import (
        PROXY_HEADERS,
        clean_env,
        free_port,
        gunicorn,
        wait_until_serving,
    )

    plan = json.loads(plan_path.read_text())
    port = free_port()
    env = clean_env(
        **{
            name: os.environ[name]
            for name in ("DATABASE_URL", "SQLITE_PATH", "LIDZDALIBA_VAR_DIR")
            if name in os.environ
        },
        WEB_CONCURRENCY=str(args.web_workers),
        GUNICORN_CMD_ARGS="--max-requests 0",
    )
    server = gunicorn("search-bench", port, env, workdir)
    try:
        wait_until_serving(server, port, timeout=90)
        session = requests.Session()
        session.headers.update(PROXY_HEADERS)
        base = f"http://127.0.0.1:{port}"

        def get(item: dict) -> tuple[float, dict]:
            params = {"q": item["q"], "page": item["page"], "page_size": 20, **item["filters"]}
            started = time.perf_counter()
            response = session.get(f"{base}/api/v1/search", params=params, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{params}: {response.status_code} {response.text[:300]}")
            return elapsed, response.json()

        for item in plan["warmup"]:
            get(item)
        timings, by_category = [], defaultdict(list)
        for item in plan["measured"]:
            elapsed, _body = get(item)
            timings.append(elapsed)
            by_category[item["category"]].append(elapsed)
        baseline = []
        for _ in range(200):
            started = time.perf_counter()
            session.get(f"{base}/healthz", timeout=30).raise_for_status()
            baseline.append((time.perf_counter() - started) * 1000)
    finally:
        server.stop()
    print(
        f"over HTTP: gunicorn ({args.web_workers} workers, deploy/gunicorn.conf.py), one "
        f"client, keep-alive; after the same {len(plan['warmup'])} warm-up queries:"
    )
    print(f"queries       {len(timings)}: {summary(timings)}")
    print(f"baseline      GET /healthz: {summary(baseline)}")
    print(
        f"ratio         p50 {percentile(timings, 50) / percentile(baseline, 50):.0f}x, "
        f"p95 {percentile(timings, 95) / percentile(baseline, 95):.0f}x the baseline"
    )
    print(f"load average  {os.getloadavg()[0]:.1f}")
    for category, values in by_category.items():
        print(f"  {category:<12} n={len(values):<3} {summary(values)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="", help="a PostgreSQL server (any database)")
    parser.add_argument("--opinions", type=int, default=100_000)
    parser.add_argument("--consultations", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=40, help="warm-up queries, not timed")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the fresh process
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    with tempfile.TemporaryDirectory(prefix="lidz-search-bench-") as workdir:
        database = configure(args.database_url, Path(workdir))
        try:
            run(args, Path(workdir))
        finally:
            if database:
                drop(args.database_url, database)


if __name__ == "__main__":
    main()
