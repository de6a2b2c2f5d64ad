"""Short locks that serialise a check and the write it guards, across app servers."""

from __future__ import annotations

from django.db import connection


def lock_for(key: str, *, shared: bool = False) -> None:
    """Hold a lock on `key` until the current transaction ends.

    Shared holders do not wait for each other, only for an exclusive holder (and it for
    them): many people may give opinions on one consultation at once, but publishing its
    feedback table waits until every opinion already being written is committed, and
    opinions wait until the publication is committed (then they see it and are refused).

    PostgreSQL: a transaction-level advisory lock. SQLite: nothing to do — with IMMEDIATE
    transactions (settings) a writing transaction holds the database's write lock from its
    first statement (`BEGIN IMMEDIATE`), so writers are serialised anyway. Call it inside
    `transaction.atomic()`.
    """
    if connection.vendor == "postgresql":
        function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {function}(hashtext(%s))", [key])
