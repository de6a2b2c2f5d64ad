"""Opinions and participants by affected group: hand-counted figures, the pages (small groups
of people withheld in public, whole for the coordinator), the exports and the API."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from lidzdaliba.accounts.models import Organisation
from lidzdaliba.institutions.models import AffectedGroup
from lidzdaliba.monitoring import services
from lidzdaliba.monitoring.groups import group_figures
from lidzdaliba.monitoring.selectors import IndicatorFilters
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(editor, ministry, municipality, ngo, ngo_rep):
    """6 young people (one of them also a pensioner) with 7 opinions; 2 pensioners in
    all; 1 person who declared nothing, with 2 opinions; 2 opinions of one NGO and 1 of a
    company; a withdrawn opinion (not counted); a municipality's opinion (another
    selection)."""
    young = AffectedGroup.objects.get(slug="jauniesi")
    old = AffectedGroup.objects.get(slug="pensionari")
    consultation = factories.published_consultation(editor, ministry)
    people = [factories.UserFactory() for _ in range(8)]
    for index, person in enumerate(people[:6]):
        groups = [young, old] if index == 0 else [young]
        for _repeat in range(2 if index == 1 else 1):
            factories.opinion(consultation, person).declared_groups.set(groups)
    factories.opinion(consultation, people[6]).declared_groups.set([old])
    factories.opinion(consultation, people[7])
    factories.opinion(consultation, people[7])
    factories.opinion(consultation, ngo_rep, organisation=ngo)
    factories.opinion(consultation, ngo_rep, organisation=ngo)
    company = Organisation.objects.create(
        name="SIA Piemērs", kind=Organisation.Kind.COMPANY, registration_number="40003000001"
    )
    factories.opinion(consultation, people[7], organisation=company)
    withdrawn = factories.opinion(consultation, people[6])
    withdrawn.declared_groups.set([young])
    from django.utils import timezone

    type(withdrawn).objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    elsewhere = factories.published_consultation(
        factories.officer(municipality, "editor", email="novads@example.lv"), municipality
    )
    factories.opinion(elsewhere, people[7]).declared_groups.set([young])
    services.figures_rebuild_all()
    return {"ministry": ministry, "young": young, "old": old}


def table(rows) -> dict[str, tuple]:
    return {row.code: (row.opinions, row.participants) for row in rows}


def test_figures_of_a_known_history(history):
    ministry = IndicatorFilters(institution_ids=(history["ministry"].pk,))
    expected = {
        "jauniesi": (7, 6),
        "pensionari": (2, 2),
        "not_declared": (2, 1),
        "ngo": (2, 1),
        "company": (1, 1),
    }
    assert table(group_figures(filters=ministry)) == expected
    assert table(group_figures(filters=ministry, direct=True)) == expected
    assert [row.kind for row in group_figures(filters=ministry)] == [
        "affected_group",
        "affected_group",
        "not_declared",
        "organisation_kind",
        "organisation_kind",
    ]
    everywhere = table(group_figures(filters=IndicatorFilters()))
    assert everywhere["jauniesi"] == (8, 7)
    assert table(group_figures(filters=IndicatorFilters(kind="municipal"))) == {"jauniesi": (1, 1)}


def _group_table(response) -> dict[str, list[str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    caption = soup.find("caption", id="groups-caption")
    rows = caption.find_parent("table").select("tbody tr")
    return {r.th.get_text(strip=True): [td.get_text(strip=True) for td in r("td")] for r in rows}


def test_the_public_page_withholds_small_groups_of_people(history, client_for, resident):
    url = reverse("monitoring:public") + f"?institution={history['ministry'].slug}"
    response = client_for(resident).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(id="groups-privacy")  # the page says why some numbers are missing
    assert 'id="by-group-title"' in html  # the chart
    found = _group_table(response)
    young, old = history["young"].name, history["old"].name
    assert found[young] == ["7", "6", "–"]
    withheld = soup.select("td.withheld")
    assert len(withheld) == 2 and "5" in withheld[0].get_text()
    assert found[old] == [withheld[0].get_text(strip=True)]
    assert found[_("Not declared")] == [withheld[0].get_text(strip=True)]
    assert found[str(Organisation.Kind.NGO.label)] == ["2", "–", "1"]


def test_the_coordinator_sees_every_group(history, client_for, coordinator):
    url = reverse("monitoring:dashboard") + f"?institution={history['ministry'].slug}"
    response = client_for(coordinator).get(url)
    assert not BeautifulSoup(response.content, "html.parser").find(id="groups-privacy")
    found = _group_table(response)
    assert found[history["old"].name] == ["2", "2", "–"]
    assert found[_("Not declared")] == ["2", "1", "–"]


def test_exports_have_the_groups(history, client_for, coordinator):
    query = f"?institution={history['ministry'].slug}"
    body = client_for(None).get(reverse("monitoring:export_groups_csv") + query)
    rows = list(csv.reader(io.StringIO(body.content.decode("utf-8-sig"))))
    assert rows[0] == [
        _("Group"),
        _("Kind of group"),
        _("Opinions"),
        _("People"),
        _("Organisations"),
    ]
    by_name = {row[0]: row[2:] for row in rows[1:]}
    assert by_name[history["young"].name] == ["7", "6", ""]
    assert "5" in by_name[history["old"].name][0] and by_name[history["old"].name][2] == ""
    whole = client_for(coordinator).get(reverse("monitoring:export_groups_csv") + query)
    assert ",2,2," in whole.content.decode("utf-8-sig")

    book = load_workbook(
        io.BytesIO(client_for(None).get(reverse("monitoring:export_xlsx") + query).content)
    )
    assert book.sheetnames == [_("Indicators"), _("By affected group")]
    sheet = book[_("By affected group")]
    cells = {row[0]: row[2:] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells[history["young"].name] == (7, 6, None)


def test_api_by_group(history, api_for, coordinator):
    query = {"institution": history["ministry"].slug}
    body = api_for(None).get("/api/v1/indicators", query).json()
    rows = {row["group"]: row for row in body["by_group"]}
    assert rows["jauniesi"] == {
        "kind": "affected_group",
        "group": "jauniesi",
        "name": history["young"].name,
        "opinions": 7,
        "people": 6,
        "organisations": None,
        "hidden": False,
    }
    assert rows["pensionari"]["hidden"] and rows["pensionari"]["opinions"] is None
    assert rows["ngo"]["organisations"] == 1 and rows["ngo"]["people"] is None
    whole = {
        r["group"]: r
        for r in api_for(coordinator).get("/api/v1/indicators", query).json()["by_group"]
    }
    assert whole["pensionari"]["people"] == 2 and not whole["pensionari"]["hidden"]
    schema = api_for(None).get("/api/v1/openapi.json").json()
    assert "by_group" in schema["components"]["schemas"]["IndicatorsOut"]["properties"]


def test_an_organisation_without_a_kind_is_not_taken_for_not_declared(editor, ministry, resident):
    """A row without a kind (written around the form) counts as "other", never as a
    person who declared nothing: both computations agree."""
    consultation = factories.published_consultation(editor, ministry)
    bare = Organisation.objects.create(name="Bez veida", kind="", registration_number="1")
    factories.opinion(consultation, resident)
    factories.opinion(consultation, resident, organisation=bare)
    services.figures_rebuild_all()
    expected = {"not_declared": (1, 1), "other": (1, 1)}
    assert table(group_figures(filters=IndicatorFilters())) == expected
    assert table(group_figures(filters=IndicatorFilters(), direct=True)) == expected
