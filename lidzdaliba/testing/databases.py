"""A test database that several threads can write at once.

On PostgreSQL every thread already opens its own connection to the test database. SQLite's
in-memory test database is shared between threads through one shared cache, whose table
locks fail at once ("database table is locked") instead of waiting as a real deployment's
file does. For tests that race threads, `database_for_threads()` copies it to a file
configured like the embedded deployment (WAL, IMMEDIATE transactions, a busy timeout) and
points the default alias there — for the test's own thread too — until the block ends.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from django.db import connections


@contextmanager
def database_for_threads(folder: Path) -> Iterator[bool]:
    """Yields True when the default alias was moved to a file copy (SQLite in memory)."""
    default = connections["default"]
    if default.vendor != "sqlite" or not default.is_in_memory_db():
        yield False
        return
    path = folder / "threads.sqlite3"
    default.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        default.connection.backup(copy)
        # A copy of an in-memory database starts in rollback-journal mode; switching needs
        # an exclusive lock, which many first connections racing to switch it fail to get.
        # A deployed file is switched to WAL by `migrate`, before any request.
        copy.execute("PRAGMA journal_mode=WAL")
    original = connections.settings["default"]
    connections.settings["default"] = {**original, "NAME": str(path)}
    del connections["default"]  # the in-memory database lives on in `default`
    try:
        yield True
    finally:
        connections["default"].close()
        connections.settings["default"] = original
        connections["default"] = default
