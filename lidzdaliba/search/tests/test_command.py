"""`rebuild_search_index`: recomputes the entries and repairs the full-text structure."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from lidzdaliba.search.backends import backend_for
from lidzdaliba.search.models import SearchEntry
from lidzdaliba.testing import factories

from .conftest import find

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_what_bypassed_the_services_and_drops_the_stale(publish, resident):
    consultation = publish(title="Kapsētu noteikumi", text="")
    opinion = factories.opinion(consultation, resident, text="Kapsētā trūkst soliņu.")
    SearchEntry.objects.filter(kind="consultation").update(title="veco", tokens="vecais")
    SearchEntry.objects.create(
        kind="opinion",
        object_id=opinion.pk + 1000,
        consultation=consultation,
        institution=consultation.institution,
        title="Bāreņa ieraksts",
        tokens="barenis",
        url="/",
    )
    assert find("soliņi") == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "2 entries" in out.getvalue()
    assert find("soliņi") == [("opinion", opinion.pk)]
    assert find("noteikumiem") == [("consultation", consultation.pk)]
    assert find("barenis") == [] and find("vecais") == []


def test_rebuild_reinstalls_a_missing_full_text_structure(publish):
    consultation = publish(title="Kapsētu noteikumi", text="")
    backend = backend_for(connection)
    if connection.vendor == "postgresql":
        # The test's open transaction holds deferred foreign-key checks, which ALTER TABLE
        # refuses to run past; outside tests the command runs in autocommit.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    backend.uninstall(connection)
    assert not backend.installed(connection)
    call_command("rebuild_search_index", stdout=StringIO())
    assert backend.installed(connection)
    assert find("kapsēta") == [("consultation", consultation.pk)]
