"""The public figures as open data: one CSV row per institution and month, and a DCAT-AP
description of the data set (JSON-LD, which the national open data portal, data.gov.lv,
harvests as DCAT-AP through its CKAN DCAT extension). Column names are stable English
codes, not translated labels: programs read them."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone

from lidzdaliba.institutions.models import Institution

from .figures import Figures
from .selectors import IndicatorFilters, PrecomputedCollector

COLUMNS = [
    "month",
    "institution",
    "institution_name",
    "institution_kind",
    "consultations",
    "minimum_period_kept_share",
    "opinions",
    "people",
    "organisations",
    "answered_share",
    "feedback_published_share",
    "median_days_to_answer",
    "feedback_on_time_share",
]


def _cells(figures: Figures) -> list:
    return [
        figures.consultations,
        figures.minimum_period_kept_share,
        figures.opinions,
        figures.people,
        figures.organisations,
        figures.answered_share,
        figures.feedback_published_share,
        figures.median_days_to_answer,
        figures.feedback_on_time_share,
    ]


def rows() -> list[list]:
    """Every institution's every month with a consultation (a query per institution-month
    group is avoided: one collector run per institution would be 300; one per month is
    as exact and far fewer)."""
    now = timezone.now()
    institutions = Institution.objects.in_bulk()
    months = PrecomputedCollector(IndicatorFilters(), now).collect("month")
    found = []
    for month in sorted(months):
        filters = IndicatorFilters(start=month, end=month)
        per_institution = PrecomputedCollector(filters, now).collect("institution")
        for pk, figures in sorted(per_institution.items(), key=lambda p: institutions[p[0]].slug):
            inst = institutions[pk]
            found.append([f"{month:%Y-%m}", inst.slug, inst.name, inst.kind, *_cells(figures)])
    return found


def dcat(*, page_url: str, csv_url: str, metadata_url: str) -> dict:
    today = date.today().isoformat()
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": metadata_url,
        "@type": "dcat:Dataset",
        "dct:title": [
            {"@language": "lv", "@value": "Sabiedrības līdzdalības rādītāji iestādēs"},
            {"@language": "en", "@value": "Public participation indicators of institutions"},
        ],
        "dct:description": [
            {
                "@language": "lv",
                "@value": (
                    "Katras iestādes sabiedriskās apspriedes, atzinumi, dalībnieki, atbildēto "
                    "atzinumu daļa, atbildes laiks un atgriezeniskās saites termiņu ievērošana "
                    "pa mēnešiem."
                ),
            },
            {
                "@language": "en",
                "@value": (
                    "Each institution's public consultations, opinions, participants, share "
                    "answered, time to answer and feedback deadlines kept, by month."
                ),
            },
        ],
        "dct:publisher": {
            "@type": "foaf:Agent",
            "foaf:name": settings.SITE_NAME,
        },
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": settings.SITE_NAME,
            "vcard:hasEmail": f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}",
        },
        "dcat:landingPage": {"@id": page_url},
        "dcat:theme": {"@id": "http://publications.europa.eu/resource/authority/data-theme/GOVE"},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/LAV"},
        "dct:accrualPeriodicity": {
            "@id": "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
        },
        "dct:modified": {"@type": "xsd:date", "@value": today},
        "dcat:keyword": ["līdzdalība", "sabiedriskā apspriede", "atzinumi"],
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": "CSV",
                "dcat:accessURL": {"@id": page_url},
                "dcat:downloadURL": {"@id": csv_url},
                "dcat:mediaType": {"@id": "https://www.iana.org/assignments/media-types/text/csv"},
                "dct:format": {
                    "@id": "http://publications.europa.eu/resource/authority/file-type/CSV"
                },
                "dct:license": {"@id": "https://creativecommons.org/publicdomain/zero/1.0/"},
            }
        ],
    }
