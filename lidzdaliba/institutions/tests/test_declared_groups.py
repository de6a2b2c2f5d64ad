"""A person's declaration of the affected groups they belong to: on the profile, in the
opinion form (stored with the opinion as given), seen by nobody else, in the copy of their
data and gone with their account."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.translation import gettext as _

from lidzdaliba.accounts import gdpr
from lidzdaliba.consultations.models import Opinion
from lidzdaliba.institutions.forms import GROUPS_WHY
from lidzdaliba.institutions.models import AffectedGroup, AffectedGroupDeclaration
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def young():
    return AffectedGroup.objects.get(slug="jauniesi")


@pytest.fixture
def disabled():
    return AffectedGroup.objects.get(slug="personas-ar-invaliditati")


def declared(user) -> set[str]:
    return set(
        AffectedGroupDeclaration.objects.filter(user=user).values_list("group__slug", flat=True)
    )


def test_the_profile_declares_changes_and_withdraws_the_groups(
    resident, client_for, young, disabled
):
    client = client_for(resident)
    profile = client.get(reverse("accounts:profile"))
    assert soup(profile).find("a", href=reverse("declared_groups"))
    page = soup(client.get(reverse("declared_groups")))
    fieldset = page.find("fieldset")
    assert fieldset.find("legend").get_text(strip=True) == _("I belong to these affected groups")
    assert str(GROUPS_WHY) in fieldset.get_text()  # why it is asked, optional, aggregate only
    boxes = fieldset.find_all("input", type="checkbox")
    assert len(boxes) == AffectedGroup.objects.count() and not any(
        b.has_attr("checked") for b in boxes
    )

    saved = client.post(reverse("declared_groups"), {"groups": [young.pk, disabled.pk]})
    assert saved.status_code == 302
    assert declared(resident) == {"jauniesi", "personas-ar-invaliditati"}
    page = soup(client.get(reverse("declared_groups")))
    assert {b["value"] for b in page.find_all("input", checked=True)} == {
        str(young.pk),
        str(disabled.pk),
    }
    client.post(reverse("declared_groups"), {"groups": [young.pk]})
    assert declared(resident) == {"jauniesi"}
    client.post(reverse("declared_groups"), {})
    assert declared(resident) == set()


def test_bad_input_is_400_and_changes_nothing(resident, client_for, young):
    client = client_for(resident)
    client.post(reverse("declared_groups"), {"groups": [young.pk]})
    for bad in (["999999"], ["abc"]):
        response = client.post(reverse("declared_groups"), {"groups": bad})
        assert response.status_code == 400
        assert soup(response).select(".field__errors")
    assert declared(resident) == {"jauniesi"}


def test_nobody_else_sees_the_declaration(
    resident, ngo_rep, coordinator, client_for, young, open_consultation, editor
):
    client_for(resident).post(reverse("declared_groups"), {"groups": [young.pk]})
    anonymous = client_for(None).get(reverse("declared_groups"))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    # Each person's page shows only their own: another person and the coordinator see none.
    for other in (ngo_rep, coordinator):
        page = soup(client_for(other).get(reverse("declared_groups")))
        assert not page.find_all("input", checked=True)
    # An opinion given as a member of the group does not show it, to anyone.
    opinion = factories.opinion(open_consultation, resident, show_name=True)
    opinion.declared_groups.set([young])
    for viewer in (None, resident, editor, coordinator):
        html = client_for(viewer).get(reverse("consultations:opinion", args=[opinion.pk]))
        assert (
            young.name not in html.content.decode() and young.name_en not in html.content.decode()
        )
    detail = client_for(None).get(reverse("consultations:detail", args=[open_consultation.pk]))
    assert young.name_en not in detail.content.decode()


def test_the_opinion_form_is_prefilled_and_its_choice_is_stored_as_given(
    resident, client_for, open_consultation, young, disabled, django_capture_on_commit_callbacks
):
    client = client_for(resident)
    client.post(reverse("declared_groups"), {"groups": [young.pk]})
    url = reverse("consultations:opinion_create", args=[open_consultation.pk])
    form = soup(client.get(url))
    legend = form.find("input", {"name": "declared_groups"}).find_parent("fieldset")
    assert legend.legend.get_text(strip=True) == _(
        "I give this opinion as a member of … (optional)"
    )
    assert str(GROUPS_WHY) in legend.get_text()
    assert {b["value"] for b in legend.find_all("input", checked=True)} == {str(young.pk)}
    token = form.find("input", {"name": "token"})["value"]
    data = {
        "kind": "proposal",
        "text": "Lūdzu ņemt vērā jauniešus.",
        "token": token,
        "declared_groups": [young.pk, disabled.pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    opinion = Opinion.objects.get()
    assert set(opinion.declared_groups.all()) == {young, disabled}
    # A later change of the profile leaves the opinion as given.
    client.post(reverse("declared_groups"), {})
    assert set(opinion.declared_groups.all()) == {young, disabled}

    # Nothing chosen: the opinion carries no group; a group that does not exist is a 400.
    form = soup(client.get(url))
    assert not [b for b in form.find_all("input", checked=True) if b["name"] == "declared_groups"]
    token = form.find("input", {"name": "token"})["value"]
    bad = client.post(url, {**data, "token": token, "declared_groups": ["424242"]})
    assert bad.status_code == 400 and Opinion.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "token": token, "declared_groups": [], "text": "Otrs."})
    assert not Opinion.objects.get(text="Otrs.").declared_groups.exists()


def test_an_organisation_opinion_carries_no_personal_groups(
    ngo, ngo_rep, client_for, open_consultation, young, django_capture_on_commit_callbacks
):
    client = client_for(ngo_rep)
    url = reverse("consultations:opinion_create", args=[open_consultation.pk])
    token = soup(client.get(url)).find("input", {"name": "token"})["value"]
    data = {
        "kind": "proposal",
        "text": "Biedrības viedoklis.",
        "token": token,
        "organisation": ngo.pk,
        "declared_groups": [young.pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    opinion = Opinion.objects.get()
    assert opinion.organisation == ngo and not opinion.declared_groups.exists()


def test_the_copy_of_ones_data_has_them_and_deleting_the_account_removes_them(
    resident, client_for, young, open_consultation
):
    client_for(resident).post(reverse("declared_groups"), {"groups": [young.pk]})
    opinion = factories.opinion(open_consultation, resident)
    opinion.declared_groups.set([young])
    response = client_for(resident).post(reverse("accounts:data_export"))
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert [row["group_en"] for row in data["affected_groups"]] == [young.name_en]
    assert "affected_groups" in data["notes"]
    assert data["opinions"][0]["as_member_of"] == [young.name]

    gdpr.account_delete(user=resident, password=factories.PASSWORD)
    assert not AffectedGroupDeclaration.objects.exists()
    opinion.refresh_from_db()
    assert opinion.author is None and not opinion.declared_groups.exists()
