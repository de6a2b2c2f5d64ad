"""Cēsu novada pašvaldība: a closed school-network plan with a second version and only some
opinions answered so far. The schools named are invented."""

from __future__ import annotations

from lidzdaliba.consultations.models import Status

from ..specs import (
    NOTED,
    OBJECTION,
    PARTLY,
    PROPOSAL,
    QUESTION,
    SUPPORT,
    TAKEN,
    ConsultationSpec,
    Dates,
    Op,
    Reply,
)

SCHOOLS_V1 = """
    Cēsu novada izglītības iestāžu tīkla attīstības plāns 2027.–2030. gadam
    I. Situācija
    1. Novadā ir 14 vispārējās izglītības skolas; piecās no tām mācās mazāk nekā 100
      skolēnu, un skolēnu skaits turpina samazināties.
    2. Trīs skolu vidusskolas klasēs mācās mazāk nekā 30 skolēnu, tāpēc tās nevar piedāvāt
      izvēles kursus.
    II. Plānotās izmaiņas
    3. No 2027. gada 1. septembra Ozolmuižas pamatskolu pievieno Cēsu Pilsētas pamatskolai
      kā filiāli, Ozolmuižā saglabājot 1.–6. klasi.
    4. Vidusskolas posmu no 2028. gada nodrošina divas skolas – novada centrā un Priekuļos.
    5. Skolās, kurās pamatizglītības posmā ir mazāk nekā 60 skolēnu, 7.–9. klasi apvieno
      ar tuvāko skolu.
    III. Skolēnu pārvadājumi
    6. Pašvaldība nodrošina bezmaksas skolēnu autobusus uz skolām, kuras maina pakāpi vai
      tiek apvienotas.
    7. Brauciena laiks vienā virzienā nepārsniedz 45 minūtes.
    IV. Atbrīvoto telpu izmantošana
    8. Atbrīvotās skolu ēkas izmanto pirmsskolas izglītībai, kopienas centriem vai interešu
      izglītībai.
    """

SCHOOLS_V2 = """
    Cēsu novada izglītības iestāžu tīkla attīstības plāns 2027.–2030. gadam
    I. Situācija
    1. Novadā ir 14 vispārējās izglītības skolas; piecās no tām mācās mazāk nekā 100
      skolēnu, un skolēnu skaits turpina samazināties.
    2. Trīs skolu vidusskolas klasēs mācās mazāk nekā 30 skolēnu, tāpēc tās nevar piedāvāt
      izvēles kursus.
    II. Plānotās izmaiņas
    3. No 2029. gada 1. septembra Ozolmuižas pamatskolu pievieno Cēsu Pilsētas pamatskolai
      kā filiāli, Ozolmuižā saglabājot 1.–6. klasi.
    4. Vidusskolas posmu no 2028. gada nodrošina divas skolas – novada centrā un Priekuļos.
    5. Skolās, kurās pamatizglītības posmā ir mazāk nekā 60 skolēnu, 7.–9. klasi apvieno
      ar tuvāko skolu, iepriekš rīkojot sanāksmi ar skolēnu vecākiem.
    III. Skolēnu pārvadājumi
    6. Pašvaldība nodrošina bezmaksas skolēnu autobusus uz skolām, kuras maina pakāpi vai
      tiek apvienotas.
    7. Brauciena laiks vienā virzienā nepārsniedz 40 minūtes.
    IV. Atbrīvoto telpu izmantošana
    8. Atbrīvotās skolu ēkas izmanto pirmsskolas izglītībai, kopienas centriem vai interešu
      izglītībai.
    9. Pašvaldība pēc katra mācību gada izvērtē pārmaiņu ietekmi uz skolēnu sekmēm un
      publicē izvērtējumu.
    """

SCHOOL_NETWORK = ConsultationSpec(
    key="cesis-skolu-tikls",
    status=Status.CLOSED,
    institution="cesu-novada-pasvaldiba",
    title="Cēsu novada izglītības iestāžu tīkla attīstības plāns 2027.–2030. gadam",
    summary="""
        Pašvaldība plāno apvienot skolas ar ļoti mazu skolēnu skaitu un vidusskolas izglītību
        piedāvāt divās spēcīgākās skolās. Sākumskolas paliek tuvu mājām, un skolēniem būs
        bezmaksas autobusi. Plānu apspriedām sanāksmēs visos pagastos.""",
    problem="""
        Skolēnu skaits samazinās, un mazajās vidusskolās nevar piedāvāt izvēles kursus, bet
        skolu uzturēšanas izmaksas uz vienu skolēnu aug.""",
    goal="""
        Kvalitatīva izglītība visiem novada bērniem, saglabājot sākumskolas tuvu mājām.""",
    topic="izglitiba-zinatne",
    groups=("gimenes", "studenti", "iedzivotaji", "pasvaldibas"),
    stage="solution_design",
    form="public_meeting",
    act_type="municipal_decision",
    official="Aigars Kronbergs",
    contact_email="aigars.kronbergs@cesis.lv",
    contact_phone="+371 64161834",
    dates=Dates(announced=-45, opens=-42, closes=-12, version2=-25),
    text=SCHOOLS_V1,
    version2_text=SCHOOLS_V2,
    version2_note="""
        Pēc sanāksmēm pagastos: Ozolmuižas skolas pievienošana atlikta līdz 2029. gadam,
        brauciena laiks samazināts līdz 40 minūtēm, pirms klašu apvienošanas jārīko sanāksme
        ar vecākiem, pievienots punkts par ikgadēju izvērtējumu.""",
    opinions=(
        Op(
            "kristine",
            OBJECTION,
            "3",
            """
            Ozolmuižas skola ir vienīgā vieta ciemā, kur pulcējas kopiena. Pievienošana kā
            filiālei ir pirmais solis uz slēgšanu.""",
            org="vecaki",
            answer=Reply(
                PARTLY,
                """
            Pievienošana pārcelta uz 2029. gadu, un Ozolmuižā saglabāsies 1.–6. klase.
            Filiāles statuss nenozīmē slēgšanu – ēka paliks kopienas rīcībā.""",
                new_wording="""
            No 2029. gada 1. septembra Ozolmuižas pamatskolu pievieno Cēsu Pilsētas
            pamatskolai kā filiāli, Ozolmuižā saglabājot 1.–6. klasi.""",
            ),
        ),
        Op(
            "janis",
            QUESTION,
            "7",
            """
            Kā tiks skaitītas 45 minūtes – no mājām vai no pieturas? Daudziem bērniem līdz
            pieturai jāiet kilometrs.""",
            answer=Reply(
                NOTED,
                """
            Laiku skaita no pirmās pieturas maršrutā līdz skolai. Pieturu vietas pārskatīsim
            kopā ar vecākiem, lai ceļš līdz pieturai nepārsniegtu vienu kilometru.""",
            ),
        ),
        Op(
            "ilze",
            SUPPORT,
            "4",
            """
            Kā vidusskolas skolotāja atbalstu vidusskolu apvienošanu – tikai lielākā skolā var
            piedāvāt padziļinātos kursus fizikā un programmēšanā.""",
            answer=Reply(
                NOTED,
                """
            Paldies par atbalstu.""",
            ),
        ),
        Op(
            "inese",
            OBJECTION,
            "5",
            """
            60 skolēnu robeža ir mākslīga. Maza skola var dot labākus rezultātus nekā liela,
            tāpēc jāvērtē kvalitāte, nevis skaits.""",
        ),
        Op(
            "valdis",
            PROPOSAL,
            "8",
            """
            Atbrīvotajās ēkās varētu ierīkot arī sociālos dzīvokļus senioriem, ne tikai
            izglītības iestādes.""",
        ),
        Op(
            "aivars",
            OBJECTION,
            "7",
            """
            45 minūtes vienā virzienā sākumskolas bērniem ir par daudz – tas nozīmē celties
            sešos no rīta.""",
            answer=Reply(
                TAKEN,
                """
            Brauciena laiks samazināts līdz 40 minūtēm, un 1.–4. klases skolēniem maršrutus
            plānosim tā, lai brauciens nepārsniegtu 30 minūtes.""",
                new_wording="""
            Brauciena laiks vienā virzienā nepārsniedz 40 minūtes, bet 1.–4. klases
            skolēniem – 30 minūtes.""",
            ),
        ),
        Op(
            "kristine",
            SUPPORT,
            "9",
            """
            Atbalstām ikgadējo izvērtējumu. Lūdzam tajā iekļaut arī skolēnu un vecāku
            aptauju.""",
            org="vecaki",
            v=2,
        ),
        Op(
            "elina",
            QUESTION,
            "5",
            """
            Kura skola tiks uzskatīta par tuvāko – pēc attāluma vai pēc autobusa maršruta?""",
            v=2,
        ),
        Op(
            "agris",
            OBJECTION,
            "3",
            """
            Atlikšana līdz 2029. gadam tikai pagarina neziņu. Vecākiem jāzina skaidri, kas
            notiks ar skolu.""",
            v=2,
            show=False,
        ),
        Op(
            "gunta",
            PROPOSAL,
            None,
            """
            Lūdzu publicēt katras skolas izmaksas uz vienu skolēnu, lai iedzīvotāji var
            salīdzināt un saprast lēmuma pamatojumu.""",
            v=2,
        ),
    ),
)

CONSULTATIONS = (SCHOOL_NETWORK,)
