"""`manage.py restore_database --input PATH [--force]`: put a backup made by
`backup_database` back into the configured database.

- SQLite: SQLite's backup API copies the backup into the configured database file (under
  SQLite's own locks, WAL and all, so no process ever reads a half-copied file), which
  then returns to WAL mode.
- PostgreSQL: `pg_restore --clean --if-exists --no-owner --single-transaction
  --exit-on-error`: all or nothing.

A database that already holds tables is only overwritten with `--force`. Stop the app
servers and workers first: they would otherwise go on writing into the restored data.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from .backup_database import run_pg_tool, sqlite_path


class Command(BaseCommand):
    help = "Restore the database from a file made by backup_database."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="the backup file to restore")
        parser.add_argument("--database", default="default", help="database alias")
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite a database that already has tables",
        )

    def handle(self, *args, input: str, database: str, force: bool, **options):
        source = Path(input).resolve()
        if not source.is_file():
            raise CommandError(f"The backup file {source} does not exist.")
        connection = connections[database]
        if connection.vendor not in ("sqlite", "postgresql"):
            raise CommandError(f"Restoring {connection.vendor} databases is not supported.")
        tables = connection.introspection.table_names()
        if tables and not force:
            raise CommandError(
                f"The database is not empty ({len(tables)} tables). Restoring replaces all of "
                "its data: add --force to do so."
            )
        connections.close_all()
        if connection.vendor == "sqlite":
            self._sqlite(source, sqlite_path(connection.settings_dict))
        else:
            self._postgresql(source, connection.settings_dict)
        self.stdout.write(
            self.style.SUCCESS(f"Restored the {connection.vendor} database from {source}")
        )

    def _sqlite(self, source_path: Path, target_path: Path) -> None:
        try:
            source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
            check = source.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise CommandError(f"{source_path} is not an SQLite database: {error}") from error
        if check != "ok":
            source.close()
            raise CommandError(f"{source_path} failed its integrity check: {check}")
        target_path.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(target_path, timeout=60)
        try:
            source.backup(target, pages=-1)
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
            source.close()

    def _postgresql(self, source_path: Path, settings_dict: dict) -> None:
        run_pg_tool(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                str(settings_dict["NAME"]),
                str(source_path),
            ],
            settings_dict,
        )
