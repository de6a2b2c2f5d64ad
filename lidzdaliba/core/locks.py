"""Short locks that serialise a check and the write it guards, across app servers."""

from __future__ import annotations

from django.db import connection


def lock_for(key: str) -> None:
    """Hold a lock on `key` until the current transaction ends.

    PostgreSQL: a transaction-level advisory lock. SQLite: nothing to do — with IMMEDIATE
    transactions (settings) a writing transaction already holds the database's write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])
