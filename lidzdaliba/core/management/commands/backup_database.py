"""`manage.py backup_database --output PATH`: a consistent backup of the configured database,
taken while the platform keeps running.

- SQLite: SQLite's online backup API (`sqlite3.Connection.backup`), in one step, i.e. one
  read transaction: in WAL mode writers go on while it runs and the copy is the database as
  it was at one moment, committed transactions in the WAL included. The copy is switched
  to the rollback journal, so it is one self-contained file.
- PostgreSQL: `pg_dump --format=custom` with the connection settings of DATABASE_URL (the
  password through the environment, never on the command line).

The file is written next to PATH first and renamed into place when complete, so PATH is
never a half-written backup. Restore with `manage.py restore_database --input PATH`.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

__all__ = ["Command", "pg_environment", "run_pg_tool", "sqlite_path", "tool"]


def sqlite_path(settings_dict: dict) -> Path:
    name = str(settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise CommandError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(name)


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """libpq variables for pg_dump / pg_restore from Django's connection settings."""
    env = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGOPTIONS": options.get("options"),
    }
    for name, value in values.items():
        if value not in (None, ""):
            env[name] = str(value)
        else:
            env.pop(name, None)
    return env


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CommandError(
            f"{name} was not found. Install the PostgreSQL client tools of the server's major "
            "version (Debian: postgresql-client)."
        )
    return path


def run_pg_tool(name: str, arguments: list[str], settings_dict: dict) -> None:
    """Run a PostgreSQL client tool against the configured database; CommandError with its
    message if it fails."""
    result = subprocess.run(  # noqa: S603 (a resolved tool, fixed arguments)
        [tool(name), *arguments],
        env=pg_environment(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandError(f"{name} failed: {result.stderr.strip()}")


class Command(BaseCommand):
    help = "Back up the database to a file (SQLite online backup, or pg_dump for PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="the backup file to write")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, output: str, database: str, **options):
        connection = connections[database]
        target = Path(output).resolve()
        if target.is_dir():
            raise CommandError(f"{target} is a folder; give the path of the backup file.")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        try:
            if connection.vendor == "sqlite":
                self._sqlite(sqlite_path(connection.settings_dict), partial)
            elif connection.vendor == "postgresql":
                self._postgresql(connection.settings_dict, partial)
            else:
                raise CommandError(f"Backups of {connection.vendor} databases are not supported.")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        size = target.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(f"Backed up the {connection.vendor} database to {target}")
            + f" ({size:,} bytes)"
        )

    def _sqlite(self, source_path: Path, partial: Path) -> None:
        if not source_path.exists():
            raise CommandError(f"The database file {source_path} does not exist.")
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=60)
        destination = sqlite3.connect(partial)
        try:
            # pages=-1: every page in one step, i.e. within one read transaction, so the
            # copy is consistent while other connections write (WAL readers never block
            # writers). A step-wise copy would restart each time another process wrote.
            source.backup(destination, pages=-1)
            destination.execute("PRAGMA journal_mode=DELETE")
            result = destination.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise CommandError(f"The backup failed its integrity check: {result}")
        finally:
            destination.close()
            source.close()

    def _postgresql(self, settings_dict: dict, partial: Path) -> None:
        run_pg_tool("pg_dump", ["--format=custom", "--file", str(partial)], settings_dict)
