"""Issue 10, item 10: the home page shows each consultation once and links to every open one;
the list's filters are in Latvian alphabetical order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.consultations.models import Consultation
from lidzdaliba.core.collation import latvian_key
from lidzdaliba.institutions.models import Territory
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def soup(url: str) -> BeautifulSoup:
    return BeautifulSoup(Client().get(url).content.decode(), "html.parser")


def test_each_consultation_appears_once_and_every_open_one_is_reachable(editor, ministry):
    now = timezone.now()
    soon = [factories.published_consultation(editor, ministry, title=f"Drīz {n}") for n in range(3)]
    later = [
        factories.published_consultation(editor, ministry, title=f"Vēlāk {n}") for n in range(7)
    ]
    for n, consultation in enumerate(soon):
        Consultation.objects.filter(pk=consultation.pk).update(
            closes_at=now + timedelta(days=n + 1)
        )
    for consultation in later:
        Consultation.objects.filter(pk=consultation.pk).update(closes_at=now + timedelta(days=30))
    page = soup(reverse("web:home"))
    titles = [a.get_text(strip=True) for a in page.select(".sections .card h3 a")]
    assert len(titles) == len(set(titles)), titles  # nobody twice
    assert [t for t in titles if t.startswith("Drīz")] == ["Drīz 0", "Drīz 1", "Drīz 2"]
    assert len([t for t in titles if t.startswith("Vēlāk")]) == 6
    more = page.find("a", href=f"{reverse('consultations:list')}?status=open", string=True)
    links = [a for a in page.select("a") if a.get("href", "").endswith("?status=open")]
    assert any("10" in a.get_text() for a in links), [a.get_text() for a in links]
    assert more is not None


def test_filters_list_territories_and_institutions_in_latvian_order(editor, ministry):
    for name in (
        "Ādažu novada pašvaldība",
        "Aizkraukles novada pašvaldība",
        "Ķekavas novada pašvaldība",
        "Kuldīgas novada pašvaldība",
        "Zemkopības ministrija",
        "Ārlietu ministrija",
    ):
        factories.InstitutionFactory(name=name)
    page = soup(reverse("consultations:list"))
    institutions = [o.get_text() for o in page.select("select[name=institution] option")][1:]
    assert institutions == sorted(institutions, key=latvian_key)
    assert (
        institutions.index("Aizkraukles novada pašvaldība")
        < institutions.index("Ādažu novada pašvaldība")
        < institutions.index("Ārlietu ministrija")
    )
    assert institutions.index("Kuldīgas novada pašvaldība") < institutions.index(
        "Ķekavas novada pašvaldība"
    )
    territories = [o.get_text() for o in page.select("select[name=territory] option")][1:]
    by_kind = {}
    for territory in Territory.objects.all():
        by_kind.setdefault(territory.kind, []).append(str(territory))
    for names in by_kind.values():
        shown = [t for t in territories if t in names]
        assert shown == sorted(shown, key=latvian_key)
