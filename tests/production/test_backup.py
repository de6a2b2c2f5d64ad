"""Backup and restore round trips (`manage.py backup_database` / `restore_database`) on SQLite
and PostgreSQL, each taken while another process keeps writing opinions.

A backup taken under writes must be one consistent moment: every table as in the live
database, and the opinions a gap-free prefix of what the writer wrote. A restore must give
back exactly what was backed up — into a wiped database, and with --force over a used one
(without --force a used database is refused).
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import time
from pathlib import Path

import psycopg
import pytest

from . import seed
from .stack import (
    PYTHON,
    Process,
    clean_env,
    create_database,
    database_url,
    drop_database,
    manage,
)

pytestmark = pytest.mark.xdist_group("production")

# Fails (SystemExit 1) when the restored database misses a migration.
MIGRATED = (
    "from django.core.management import call_command;"
    "call_command('migrate', check_unapplied=True, verbosity=0);"
    "from lidzdaliba.consultations.models import Opinion;"
)
WRITER = re.compile(r"Rakstītājs (\d+)")


def _refused(env: dict, backup: Path) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", "restore_database", "--input", str(backup)],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    return result.stderr


class Writer:
    """The app writing: a separate process creating opinions one transaction at a time."""

    def __init__(self, env: dict, consultation: int, folder: Path) -> None:
        self.stop_file, self.done_file = folder / "stop-writer", folder / "writer-done"
        self.progress_file = Path(f"{self.done_file}.progress")
        call = (
            "from tests.production.seed import write_opinions; "
            f"write_opinions({consultation}, {str(self.stop_file)!r}, {str(self.done_file)!r})"
        )
        self.process = Process("writer", [PYTHON, "manage.py", "shell", "-c", call], env, folder)

    def written(self) -> int:
        try:
            return int(self.progress_file.read_text() or 0)
        except (FileNotFoundError, ValueError):
            return 0

    def wait_for(self, count: int, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while self.written() < count:
            assert self.process.alive(), self.process.log()
            assert time.monotonic() < deadline, "the writer is too slow"
            time.sleep(0.02)
        return self.written()

    def finish(self) -> int:
        self.stop_file.touch()
        assert self.process.popen.wait(timeout=30) == 0, self.process.log()
        self.process.stop()
        return int(self.done_file.read_text())


# --- Comparing databases --------------------------------------------------------------------


def sqlite_tables(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        tables = {}
        for name in names:
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()  # noqa: S608
            tables[name] = sorted(rows, key=repr)
        tables["(schema)"] = sorted(
            conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall(), key=repr
        )
        return tables
    finally:
        conn.close()


def postgres_tables(name: str) -> dict[str, list]:
    with psycopg.connect(database_url(name)) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        tables = {}
        for table in names:
            rows = conn.execute(f'SELECT t::text FROM "{table}" t').fetchall()  # noqa: S608
            tables[table] = sorted(row[0] for row in rows)
        sequences = conn.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall()
        tables["(sequences)"] = sorted(sequences, key=repr)
        return tables


def writer_numbers(rows: list) -> list[int]:
    return sorted(int(m.group(1)) for row in rows if (m := WRITER.search(str(row))))


def assert_consistent_moment(backup: dict, live: dict, written_before: int) -> int:
    """The backup is the live database at one moment: every table equal except the opinions
    the writer added afterwards; the writer's opinions in it are 0…k-1 without a gap."""
    assert set(backup) == set(live)
    for table in backup:
        if table in ("consultations_opinion", "(sequences)"):
            continue
        assert backup[table] == live[table], table
    in_backup = writer_numbers(backup["consultations_opinion"])
    in_live = writer_numbers(live["consultations_opinion"])
    count = len(in_backup)
    assert in_backup == list(range(count)), "the backup has a gap in the writer's opinions"
    assert written_before <= count < len(in_live), (written_before, count, len(in_live))
    seeded = [r for r in backup["consultations_opinion"] if not WRITER.search(str(r))]
    assert seeded == [r for r in live["consultations_opinion"] if not WRITER.search(str(r))]
    assert len(seeded) >= 40
    return count


def assert_same(restored: dict, original: dict) -> None:
    assert set(restored) == set(original)
    for table in original:
        assert restored[table] == original[table], table
    assert sum(len(rows) for rows in original.values()) > 500  # a real amount of data


# --- SQLite ---------------------------------------------------------------------------------


def test_sqlite_online_backup_while_writing_and_restore(tmp_path):
    live = tmp_path / "live.sqlite3"
    env = clean_env(
        SQLITE_PATH=str(live),
        LIDZDALIBA_VAR_DIR=str(tmp_path),
        MEDIA_ROOT=str(tmp_path / "uploads"),
    )
    manage("migrate", "--noinput", "-v0", env=env)
    data = seed.parse(
        manage("shell", "-c", "from tests.production.seed import backup; backup()", env=env)
    )
    writer = Writer(env, data["open"], tmp_path)
    backup = tmp_path / "backups" / "lidzdaliba.sqlite3"
    try:
        written_before = writer.wait_for(30)
        wal = Path(f"{live}-wal")
        assert wal.exists() and wal.stat().st_size > 0  # committed pages still in the WAL
        shown = manage("backup_database", "--output", str(backup), env=env)
        assert "Backed up the sqlite database" in shown
        writer.wait_for(writer.written() + 30)  # the app went on writing during and after
    finally:
        total = writer.finish()
    assert backup.exists() and not list(backup.parent.glob(".*partial"))
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
    in_backup = sqlite_tables(backup)
    count = assert_consistent_moment(in_backup, sqlite_tables(live), written_before)
    assert count < total

    # Without --force a database with tables is refused and left alone.
    before = sqlite_tables(live)
    assert "not empty" in _refused(env, backup)
    assert sqlite_tables(live) == before
    # With --force the used database becomes the backup again.
    manage("restore_database", "--input", str(backup), "--force", env=env)
    assert_same(sqlite_tables(live), in_backup)

    # Wiped: the file is gone; restoring recreates it.
    for path in (live, Path(f"{live}-wal"), Path(f"{live}-shm")):
        path.unlink(missing_ok=True)
    manage("restore_database", "--input", str(backup), env=env)
    assert_same(sqlite_tables(live), in_backup)
    with sqlite3.connect(live) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # The platform works on the restored database: no migration missing, writes go on.
    shown = manage("shell", "-c", f"{MIGRATED}print('opinions', Opinion.objects.count())", env=env)
    assert f"opinions {len(in_backup['consultations_opinion'])}" in shown


# --- PostgreSQL -----------------------------------------------------------------------------


def test_postgresql_dump_while_writing_and_restore(tmp_path):
    live = create_database("lidzdaliba_backup_live")
    copy = create_database("lidzdaliba_backup_copy")
    try:
        env = clean_env(
            DATABASE_URL=database_url(live),
            LIDZDALIBA_VAR_DIR=str(tmp_path),
            MEDIA_ROOT=str(tmp_path / "uploads"),
        )
        copy_env = {**env, "DATABASE_URL": database_url(copy)}
        manage("migrate", "--noinput", "-v0", env=env)
        data = seed.parse(
            manage("shell", "-c", "from tests.production.seed import backup; backup()", env=env)
        )
        # 1. A dump taken while the app writes is one consistent moment.
        writer = Writer(env, data["open"], tmp_path)
        during = tmp_path / "during.dump"
        try:
            written_before = writer.wait_for(30)
            manage("backup_database", "--output", str(during), env=env)
            writer.wait_for(writer.written() + 30)
        finally:
            writer.finish()
        manage("restore_database", "--input", str(during), env=copy_env)
        assert_consistent_moment(postgres_tables(copy), postgres_tables(live), written_before)

        # 2. A database that is in use is refused without --force.
        final = tmp_path / "final.dump"
        manage("backup_database", "--output", str(final), env=env)
        original = postgres_tables(live)
        before = postgres_tables(copy)
        assert "not empty" in _refused(copy_env, final)
        assert postgres_tables(copy) == before
        # With --force it becomes the backup exactly (tables and sequences).
        manage("restore_database", "--input", str(final), "--force", env=copy_env)
        assert_same(postgres_tables(copy), original)

        # 3. Wiped and recreated: restoring gives back exactly the original.
        drop_database(live)
        with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{live}"')
        manage("restore_database", "--input", str(final), env=env)
        assert_same(postgres_tables(live), original)
        shown = manage(
            "shell",
            "-c",
            f"{MIGRATED}from lidzdaliba.accounts.models import User;"
            f"o = Opinion.objects.create(consultation_id={data['open']},"
            " author=User.objects.first(), kind='support', text='Pēc atjaunošanas');"
            "print('new opinion', o.pk, Opinion.objects.count())",
            env=env,
        )
        assert "new opinion" in shown  # sequences were restored: no key collision
    finally:
        drop_database(live)
        drop_database(copy)
