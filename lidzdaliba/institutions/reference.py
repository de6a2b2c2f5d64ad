"""Reference lists every deployment needs: Latvia's territories, policy areas and the
groups of the public named by the State Chancellery's evaluation. Loaded by a data
migration (idempotent, by slug) so production starts with them too."""

from __future__ import annotations

REGIONS = {
    "rigas-region": (
        "Rīgas plānošanas reģions",
        "Riga Planning Region",
        [
            ("riga", "Rīga", "Riga"),
            ("jurmala", "Jūrmala", "Jūrmala"),
            ("adazu-novads", "Ādažu novads", "Ādaži Municipality"),
            ("kekavas-novads", "Ķekavas novads", "Ķekava Municipality"),
            ("marupes-novads", "Mārupes novads", "Mārupe Municipality"),
            ("olaines-novads", "Olaines novads", "Olaine Municipality"),
            ("ropazu-novads", "Ropažu novads", "Ropaži Municipality"),
            ("salaspils-novads", "Salaspils novads", "Salaspils Municipality"),
            ("saulkrastu-novads", "Saulkrastu novads", "Saulkrasti Municipality"),
            ("siguldas-novads", "Siguldas novads", "Sigulda Municipality"),
            ("ogres-novads", "Ogres novads", "Ogre Municipality"),
            ("tukuma-novads", "Tukuma novads", "Tukums Municipality"),
            ("limbazu-novads", "Limbažu novads", "Limbaži Municipality"),
        ],
    ),
    "vidzemes-region": (
        "Vidzemes plānošanas reģions",
        "Vidzeme Planning Region",
        [
            ("aluksnes-novads", "Alūksnes novads", "Alūksne Municipality"),
            ("cesu-novads", "Cēsu novads", "Cēsis Municipality"),
            ("gulbenes-novads", "Gulbenes novads", "Gulbene Municipality"),
            ("madonas-novads", "Madonas novads", "Madona Municipality"),
            ("smiltenes-novads", "Smiltenes novads", "Smiltene Municipality"),
            ("valkas-novads", "Valkas novads", "Valka Municipality"),
            ("valmieras-novads", "Valmieras novads", "Valmiera Municipality"),
        ],
    ),
    "kurzemes-region": (
        "Kurzemes plānošanas reģions",
        "Kurzeme Planning Region",
        [
            ("liepaja", "Liepāja", "Liepāja"),
            ("ventspils", "Ventspils", "Ventspils"),
            ("dienvidkurzemes-novads", "Dienvidkurzemes novads", "South Kurzeme Municipality"),
            ("kuldigas-novads", "Kuldīgas novads", "Kuldīga Municipality"),
            ("saldus-novads", "Saldus novads", "Saldus Municipality"),
            ("talsu-novads", "Talsu novads", "Talsi Municipality"),
            ("ventspils-novads", "Ventspils novads", "Ventspils Municipality"),
        ],
    ),
    "zemgales-region": (
        "Zemgales plānošanas reģions",
        "Zemgale Planning Region",
        [
            ("jelgava", "Jelgava", "Jelgava"),
            ("aizkraukles-novads", "Aizkraukles novads", "Aizkraukle Municipality"),
            ("bauskas-novads", "Bauskas novads", "Bauska Municipality"),
            ("dobeles-novads", "Dobeles novads", "Dobele Municipality"),
            ("jelgavas-novads", "Jelgavas novads", "Jelgava Municipality"),
            ("jekabpils-novads", "Jēkabpils novads", "Jēkabpils Municipality"),
        ],
    ),
    "latgales-region": (
        "Latgales plānošanas reģions",
        "Latgale Planning Region",
        [
            ("daugavpils", "Daugavpils", "Daugavpils"),
            ("rezekne", "Rēzekne", "Rēzekne"),
            ("augsdaugavas-novads", "Augšdaugavas novads", "Augšdaugava Municipality"),
            ("balvu-novads", "Balvu novads", "Balvi Municipality"),
            ("kraslavas-novads", "Krāslavas novads", "Krāslava Municipality"),
            ("livanu-novads", "Līvānu novads", "Līvāni Municipality"),
            ("ludzas-novads", "Ludzas novads", "Ludza Municipality"),
            ("preilu-novads", "Preiļu novads", "Preiļi Municipality"),
            ("rezeknes-novads", "Rēzeknes novads", "Rēzekne Municipality"),
            ("varaklanu-novads", "Varakļānu novads", "Varakļāni Municipality"),
        ],
    ),
}

TOPICS = [
    ("veseliba", "Veselība", "Health"),
    ("izglitiba-zinatne", "Izglītība un zinātne", "Education and science"),
    ("transports", "Transports un satiksme", "Transport"),
    ("vide-klimats", "Vide un klimats", "Environment and climate"),
    ("socialie-jautajumi", "Sociālā aizsardzība", "Social protection"),
    ("nodarbinatiba", "Darbs un nodarbinātība", "Labour and employment"),
    ("uznemejdarbiba", "Ekonomika un uzņēmējdarbība", "Economy and business"),
    ("finanses-nodokli", "Finanses un nodokļi", "Finance and taxes"),
    ("lauksaimnieciba", "Lauksaimniecība un zivsaimniecība", "Agriculture and fisheries"),
    ("kultura", "Kultūra", "Culture"),
    ("tieslietas", "Tieslietas", "Justice"),
    ("drosiba", "Iekšlietas un drošība", "Home affairs and security"),
    ("regionala-attistiba", "Reģionālā attīstība", "Regional development"),
    ("digitala-parvalde", "Digitālā pārvalde", "Digital government"),
    ("majokli-buvnieciba", "Mājokļi un būvniecība", "Housing and construction"),
    ("energetika", "Enerģētika", "Energy"),
    ("valsts-parvalde", "Valsts pārvalde", "Public administration"),
    ("jaunatne-sports", "Jaunatne un sports", "Youth and sport"),
]

AFFECTED_GROUPS = [
    ("iedzivotaji", "Iedzīvotāji", "Residents"),
    ("nvo", "Biedrības un nodibinājumi (NVO)", "NGOs"),
    ("uznemumi", "Uzņēmumi", "Companies"),
    ("studenti", "Studenti un skolēni", "Students"),
    ("lauksaimnieki", "Lauksaimnieki un zvejnieki", "Farmers and fishers"),
    ("pensionari", "Pensionāri", "Pensioners"),
    ("zinatnieki", "Zinātnieki", "Scientists"),
    ("jauniesi", "Jaunieši", "Young people"),
    ("personas-ar-invaliditati", "Personas ar invaliditāti", "People with disabilities"),
    ("gimenes", "Ģimenes ar bērniem", "Families with children"),
    ("pasvaldibas", "Pašvaldības", "Municipalities"),
    ("citas-grupas", "Citas grupas", "Other groups"),
]


def load_reference_data(Territory, Topic, AffectedGroup) -> None:
    """Create or refresh the reference lists. Takes model classes so migrations can use it."""
    country, _ = Territory.objects.update_or_create(
        slug="latvija",
        defaults={
            "name": "Visa Latvija",
            "name_en": "All of Latvia",
            "kind": "country",
            "parent": None,
        },
    )
    for region_slug, (name, name_en, municipalities) in REGIONS.items():
        region, _ = Territory.objects.update_or_create(
            slug=region_slug,
            defaults={"name": name, "name_en": name_en, "kind": "region", "parent": country},
        )
        for slug, m_name, m_name_en in municipalities:
            Territory.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": m_name,
                    "name_en": m_name_en,
                    "kind": "municipality",
                    "parent": region,
                },
            )
    for slug, name, name_en in TOPICS:
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name_en})
    for position, (slug, name, name_en) in enumerate(AFFECTED_GROUPS):
        AffectedGroup.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )
