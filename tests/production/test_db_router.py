"""Read replicas: with DATABASE_REPLICA_URL set, the reads of safe anonymous requests go to
the replica; signed-in requests, requests with a token, every POST, reads inside a
transaction and all writes go to the primary.

Two real PostgreSQL databases play primary and replica: the replica is a copy of the
migrated and seeded primary (CREATE DATABASE … TEMPLATE …), and one consultation's title
then differs between them, so what a request shows says which database answered.
"""

from __future__ import annotations

import json

import psycopg
import pytest

from . import seed
from .stack import clean_env, create_database, database_url, drop_database, manage

pytestmark = pytest.mark.xdist_group("production")


def _probe_output(text: str) -> dict:
    for line in text.splitlines():
        if line.startswith("PROBE "):
            return json.loads(line[6:])
    raise AssertionError(text[-3000:])


def test_replica_router_with_two_database_aliases(tmp_path):
    primary = create_database("lidzdaliba_primary")
    replica = None
    try:
        env = clean_env(
            DATABASE_URL=database_url(primary),
            LIDZDALIBA_VAR_DIR=str(tmp_path),
            MEDIA_ROOT=str(tmp_path / "uploads"),
            PUBLIC_PAGE_CACHE_SECONDS="0",
        )
        manage("migrate", "--noinput", "-v0", env=env)
        data = seed.parse(
            manage(
                "shell", "-c", "from tests.production.seed import scale_out; scale_out()", env=env
            )
        )
        consultation = data["consultation"]
        update = "UPDATE consultations_consultation SET title = %s WHERE id = %s"
        with psycopg.connect(database_url(primary), autocommit=True) as conn:
            conn.execute(update, ["PRIMARY-TITLE Noteikumi", consultation])
        replica = create_database("lidzdaliba_replica", template=primary)
        with psycopg.connect(database_url(replica), autocommit=True) as conn:
            conn.execute(update, ["REPLICA-TITLE Noteikumi", consultation])

        probe = _probe_output(
            manage(
                "shell",
                "-c",
                f"from tests.production.replica_probe import run; run({consultation})",
                env={**env, "DATABASE_REPLICA_URL": database_url(replica)},
            )
        )
        assert probe["aliases"] == ["default", "replica"]
        # Safe anonymous requests read the replica.
        assert probe["anonymous GET page"] == "REPLICA"
        assert probe["anonymous GET list"] == "REPLICA"
        assert probe["anonymous GET API"] == "REPLICA"
        assert probe["anonymous HEAD page status"] == 200
        # Anything else reads the primary: people see their own changes at once.
        assert probe["anonymous POST page"] == "PRIMARY"
        assert probe["token GET API"] == "PRIMARY"
        assert probe["signed-in GET page"] == "PRIMARY"
        assert probe["signed-in GET list"] == "PRIMARY"
        assert probe["token POST API status"] == 201
        assert probe["query outside a request"] == "PRIMARY"
        assert probe["query, replica allowed"] == "REPLICA"
        assert probe["db_for_read, replica allowed"] == "replica"
        assert probe["query in a transaction"] == "PRIMARY"
        assert probe["db_for_read in a transaction"] == "default"
        assert probe["db_for_write, replica allowed"] == "default"
        assert probe["allow_migrate replica"] is False
        assert probe["allow_migrate default"] is True

        # Writes went to the primary only.
        written = [probe["written opinion"], probe["token POST API opinion"]]
        opinions = "SELECT id FROM consultations_opinion WHERE id = ANY(%s)"
        summary = "SELECT summary FROM consultations_consultation WHERE id = %s"
        with psycopg.connect(database_url(primary)) as conn:
            assert sorted(r[0] for r in conn.execute(opinions, [written])) == sorted(written)
            assert conn.execute(summary, [consultation]).fetchone()[0] == "Mainīts primārajā"
        with psycopg.connect(database_url(replica)) as conn:
            assert conn.execute(opinions, [written]).fetchall() == []
            assert conn.execute(summary, [consultation]).fetchone()[0] != "Mainīts primārajā"
    finally:
        if replica:
            drop_database(replica)
        drop_database(primary)
