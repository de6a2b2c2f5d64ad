"""The backend-specific full-text index over SearchEntry (see lidzdaliba/search/backends.py):
an FTS5 table with sync triggers on SQLite, a generated tsvector column with a GIN index on
PostgreSQL. The DDL lives in backends.py so `rebuild_search_index` can reinstall it."""

from django.db import migrations


def install(apps, schema_editor):
    from lidzdaliba.search.backends import backend_for

    backend_for(schema_editor.connection).install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from lidzdaliba.search.backends import backend_for

    backend_for(schema_editor.connection).uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
