"""PostgreSQL keeps the statements the app repeats prepared (server-side binding,
`prepare_threshold` 5), unless DATABASE_PREPARED_STATEMENTS=0 (for a pooler in transaction
mode). Checked on a real server: the session's `pg_prepared_statements`."""

from __future__ import annotations

import json

import pytest

from .stack import clean_env, database_url, manage, temporary_database

pytestmark = pytest.mark.xdist_group("production")

PROBE = """
import json
from django.db import connection
with connection.cursor() as cursor:
    for n in range(7):
        cursor.execute("SELECT %s::int + 1 AS probe", [n])
        assert cursor.fetchone()[0] == n + 1
    cursor.execute("SELECT statement FROM pg_prepared_statements")
    print("PROBE " + json.dumps([row[0] for row in cursor.fetchall()]))
"""


def _prepared(env: dict) -> list[str]:
    output = manage("shell", "-c", PROBE, env=env)
    return json.loads(output.split("PROBE ", 1)[1].splitlines()[0])


@pytest.mark.parametrize("setting, prepared", [(None, True), ("0", False)])
def test_repeated_statements_are_prepared_unless_turned_off(tmp_path, setting, prepared):
    with temporary_database("lidzdaliba_prepared") as name:
        env = clean_env(DATABASE_URL=database_url(name), LIDZDALIBA_VAR_DIR=str(tmp_path))
        if setting is not None:
            env["DATABASE_PREPARED_STATEMENTS"] = setting
        statements = _prepared(env)
    probe = [s for s in statements if "AS probe" in s]
    if prepared:
        assert probe == ["SELECT $1::int + 1 AS probe"]
    else:
        assert probe == []
