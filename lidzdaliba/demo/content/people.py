"""Demo people and the organisations they represent (all invented)."""

from __future__ import annotations

from ..specs import OrganisationSpec, Person

DEMO_PASSWORD = "demo-parole-2026"  # noqa: S105 - published on purpose, demo only

# The accounts people sign in with, and what each shows (printed by `load_demo`).
LOGINS: tuple[tuple[str, str], ...] = (
    ("resident@demo.lv", "resident (Anna Bērziņa) – gives opinions"),
    ("ngo@demo.lv", 'NGO representative – Biedrība "Zaļās apkaimes" (may add representatives)'),
    (
        "officer@demo.lv",
        "officer: editor and responder – Vides aizsardzības un reģionālās attīstības ministrija",
    ),
    ("officer2@demo.lv", "officer: editor and responder – Valmieras novada pašvaldība"),
    (
        "manager@demo.lv",
        "manager (roles, audit log) – Vides aizsardzības un reģionālās attīstības ministrija",
    ),
    ("coordinator@demo.lv", "coordinator (Valsts kanceleja) – reads everything, edits nothing"),
    ("moderator@demo.lv", "moderator – hides and restores opinions' text, handles reports"),
    (
        "eid@demo.lv",
        "eID-verified resident of Valmieras novads, a citizen – signs without declaring",
    ),
)

PEOPLE: tuple[Person, ...] = (
    # --- Demo logins ---
    Person("anna", "resident@demo.lv", "Anna Bērziņa", login=True, groups=("iedzivotaji",)),
    Person("peteris", "ngo@demo.lv", "Pēteris Kalējs", login=True),
    Person("officer", "officer@demo.lv", "Ilze Kalniņa", login=True),
    Person("officer2", "officer2@demo.lv", "Edgars Zariņš", login=True),
    Person("manager", "manager@demo.lv", "Gints Vilks", login=True),
    Person("coordinator", "coordinator@demo.lv", "Marta Zvaigzne", login=True, is_coordinator=True),
    Person("moderator", "moderator@demo.lv", "Dace Liepa", login=True, is_moderator=True),
    Person(
        "eid_resident",
        "eid@demo.lv",
        "Laila Rozīte",
        login=True,
        eid=("32999999901", "1988-06-14", True, "Valmieras novads"),
    ),
    # --- Officers of the other institutions (no password: they cannot sign in) ---
    Person("vm_staff", "laura.strazdina@demo.lv", "Laura Strazdiņa"),
    Person("nvd_staff", "raivis.dzenis@demo.lv", "Raivis Dzenis"),
    Person("izm_staff", "agnese.priede@demo.lv", "Agnese Priede"),
    Person("sam_staff", "kaspars.lusis@demo.lv", "Kaspars Lūsis"),
    Person("lm_staff", "sanita.kruze@demo.lv", "Sanita Krūze"),
    Person("zm_staff", "uldis.berzkalns@demo.lv", "Uldis Bērzkalns"),
    Person("fm_staff", "normunds.kocins@demo.lv", "Normunds Kociņš"),
    Person("vid_staff", "evija.medne@demo.lv", "Evija Medne"),
    Person("vk_staff", "ruta.saulite@demo.lv", "Rūta Saulīte"),
    Person("riga_staff", "andris.tomsons@demo.lv", "Andris Tomsons"),
    Person("liepaja_staff", "inga.vitina@demo.lv", "Inga Vītiņa"),
    Person("cesis_staff", "aigars.kronbergs@demo.lv", "Aigars Kronbergs"),
    # --- Residents who gave opinions ---
    Person("janis", "janis.ozols@demo.lv", "Jānis Ozols", groups=("iedzivotaji", "gimenes")),
    Person("liga", "liga.petersone@demo.lv", "Līga Pētersone", groups=("iedzivotaji", "jauniesi")),
    Person("martins", "martins.liepins@demo.lv", "Mārtiņš Liepiņš", groups=("iedzivotaji",)),
    Person("ilze", "ilze.krumina@demo.lv", "Ilze Krūmiņa", groups=("iedzivotaji", "gimenes")),
    Person("inese", "inese.vitola@demo.lv", "Inese Vītola", groups=("iedzivotaji", "pensionari")),
    Person("raimonds", "raimonds.balodis@demo.lv", "Raimonds Balodis", groups=("iedzivotaji",)),
    Person(
        "kristine", "kristine.jansone@demo.lv", "Kristīne Jansone", groups=("jauniesi", "studenti")
    ),
    Person("aivars", "aivars.eglitis@demo.lv", "Aivars Eglītis", groups=("lauksaimnieki",)),
    Person("gunta", "gunta.abele@demo.lv", "Gunta Ābele", groups=("pensionari",)),
    Person(
        "roberts", "roberts.klavins@demo.lv", "Roberts Kļaviņš", groups=("iedzivotaji", "jauniesi")
    ),
    Person("sandra", "sandra.abolina@demo.lv", "Sandra Āboliņa", groups=("gimenes",)),
    Person("oskars", "oskars.lacis@demo.lv", "Oskars Lācis", groups=("iedzivotaji",)),
    Person("zane", "zane.meiere@demo.lv", "Zane Meiere", groups=("jauniesi",)),
    Person(
        "valdis", "valdis.grinbergs@demo.lv", "Valdis Grīnbergs", groups=("jauniesi", "studenti")
    ),
    Person(
        "elina",
        "elina.purina@demo.lv",
        "Elīna Puriņa",
        groups=("jauniesi", "personas-ar-invaliditati"),
    ),
    Person("tatjana", "tatjana.ivanova@demo.lv", "Tatjana Ivanova", groups=("pensionari",)),
    Person("sergejs", "sergejs.petrovs@demo.lv", "Sergejs Petrovs"),
    Person("arturs", "arturs.vanags@demo.lv", "Artūrs Vanags", groups=("lauksaimnieki",)),
    Person("dace", "dace.krastina@demo.lv", "Dace Krastiņa"),
    Person("linda", "linda.rozite@demo.lv", "Linda Rozīte", groups=("jauniesi",)),
    Person("guntis", "guntis.kalns@demo.lv", "Guntis Kalns"),
    Person("maija", "maija.auzina@demo.lv", "Maija Auziņa", groups=("gimenes",)),
    Person("nikolajs", "nikolajs.smirnovs@demo.lv", "Nikolajs Smirnovs", groups=("pensionari",)),
    Person("agris", "agris.dumpis@demo.lv", "Agris Dumpis"),
)

ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec(
        "zalas", 'Biedrība "Zaļās apkaimes"', "ngo", "50008271634", (("peteris", True),)
    ),
    OrganisationSpec(
        "riteni", 'Biedrība "Riteņu kustība"', "ngo", "40008190327", (("martins", True),)
    ),
    OrganisationSpec(
        "saimnieki",
        'Biedrība "Mazo saimniecību apvienība"',
        "ngo",
        "40008112458",
        (("aivars", True),),
    ),
    OrganisationSpec(
        "pacienti", 'Biedrība "Pacientu balss"', "ngo", "50008205719", (("dace", True),)
    ),
    OrganisationSpec(
        "vecaki",
        'Biedrība "Vecāki par izglītību"',
        "ngo",
        "40008237785",
        (("kristine", True),),
    ),
    OrganisationSpec(
        "piekluve",
        'Biedrība "Vienlīdzīga piekļuve"',
        "ngo",
        "40008254490",
        (("sandra", True),),
    ),
    OrganisationSpec(
        "logistika",
        'SIA "Ziemeļu Loģistika"',
        "company",
        "40103948271",
        (("roberts", True),),
    ),
    OrganisationSpec(
        "vides_serviss",
        'SIA "Kurzemes Vides Serviss"',
        "company",
        "42103057715",
        (("oskars", True), ("guntis", False)),
    ),
)
