"""Valsts kanceleja: an open idea collection without a draft, and decided participation
rules."""

from __future__ import annotations

from lidzdaliba.consultations.models import Status

from ..specs import (
    NOT_TAKEN,
    NOTED,
    OBJECTION,
    OUT_OF_SCOPE,
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

VK = "valsts-kanceleja"

OPEN_GOVERNMENT_IDEAS = ConsultationSpec(
    key="vk-atverta-parvaldiba",
    status=Status.OPEN,
    institution=VK,
    title="Atvērtās pārvaldības rīcības plāns 2027.–2029. gadam: ideju vākšana",
    summary="""
        Valsts kanceleja vāc idejas nākamajam atvērtās pārvaldības rīcības plānam: kā padarīt
        valsts pārvaldi atklātāku, saprotamāku un vairāk iesaistīt iedzīvotājus. Labākās
        idejas apspriedīsim darba grupā kopā ar to autoriem.""",
    problem="""
        Daudzi iedzīvotāji nezina, kā valsts pieņem lēmumus un kā tos ietekmēt, un
        publiskie dati bieži nav atrodami vai saprotami.""",
    goal="""
        Savākt konkrētas un īstenojamas idejas, kas padarīs pārvaldi atvērtāku.""",
    topic="valsts-parvalde",
    groups=("iedzivotaji", "nvo", "jauniesi", "zinatnieki"),
    stage="problem_identification",
    form="idea_collection",
    act_type="policy_planning_document",
    official="Rūta Saulīte",
    contact_email="ruta.saulite@mk.gov.lv",
    contact_phone="+371 67082934",
    dates=Dates(announced=-12, opens=-10, closes=20),
    opinions=(
        Op(
            "peteris",
            PROPOSAL,
            None,
            """
            Ierosinām vienotu publisko līgumu reģistru, kurā redzami visi valsts un pašvaldību
            līgumi virs 10 000 eiro ar pilnu tekstu.""",
            org="zalas",
        ),
        Op(
            "anna",
            PROPOSAL,
            None,
            """
            Visi ministriju lēmumi, kas skar iedzīvotājus, jāpublicē arī vieglajā valodā ar
            īsu kopsavilkumu.""",
        ),
        Op(
            "arturs",
            PROPOSAL,
            None,
            """
            Saeimas komisiju sēžu ierakstiem jābūt meklējamiem pēc runātāja un tēmas, ne tikai
            pēc datuma.""",
        ),
        Op(
            "kristine",
            PROPOSAL,
            None,
            """
            Skolēnu pašpārvaldēm jādod iespēja oficiāli iesniegt viedokli par izglītības
            politiku, līdzīgi kā biedrībām.""",
            org="vecaki",
        ),
        Op(
            "tatjana",
            QUESTION,
            None,
            """
            Kā izvēlēsiet idejas, kas nonāks rīcības plānā? Vai autori uzzinās, kāpēc viņu
            ideja netika iekļauta?""",
            show=False,
        ),
        Op(
            "valdis",
            PROPOSAL,
            None,
            """
            Valsts budžeta izdevumiem jābūt pieejamiem kā atvērtiem datiem pa mēnešiem un
            iestādēm, ar vienkāršu vizualizāciju iedzīvotājiem.""",
        ),
        Op(
            "nikolajs",
            PROPOSAL,
            None,
            """
            Iestāžu atbildēm uz iedzīvotāju iesniegumiem anonimizētā veidā jābūt publiski
            pieejamām, lai citi var atrast atbildi uz līdzīgu jautājumu.""",
        ),
        Op(
            "liga",
            SUPPORT,
            None,
            """
            Laba iniciatīva. Svarīgi, lai pēc ideju vākšanas būtu redzams, kas ar tām notika –
            citādi cilvēki vairs nepiedalīsies.""",
        ),
    ),
)

PARTICIPATION_RULES = ConsultationSpec(
    key="vk-lidzdalibas-kartiba",
    status=Status.DECIDED,
    institution=VK,
    title="Sabiedrības līdzdalības kārtība attīstības plānošanas procesā",
    summary="""
        Noteikumi nosaka, kā ministrijas un citas iestādes iesaista sabiedrību: projekti
        jāpublicē vienuviet uz vismaz 30 dienām, un uz katru viedokli jāatbild ar
        pamatojumu. Valsts kanceleja katru gadu publicēs pārskatu, kā iestādes to pilda.""",
    problem="""
        Iestādes sabiedrību iesaista atšķirīgi, un iedzīvotāji bieži neuzzina, kas notika ar
        viņu viedokli.""",
    goal="""
        Vienota, saprotama un pārskatatbildīga līdzdalības kārtība visā valsts pārvaldē.""",
    topic="valsts-parvalde",
    groups=("iedzivotaji", "nvo", "pasvaldibas"),
    stage="adoption",
    form="written_consultation",
    act_type="cabinet_regulation",
    official="Rūta Saulīte",
    contact_email="ruta.saulite@mk.gov.lv",
    contact_phone="+371 67082934",
    dates=Dates(announced=-200, opens=-196, closes=-160, feedback=-130, decided=-100),
    text="""
        Sabiedrības līdzdalības kārtība attīstības plānošanas procesā
        I. Vispārīgie jautājumi
        1. Noteikumi nosaka, kā valsts pārvaldes iestādes iesaista sabiedrību politikas
          plānošanas dokumentu un tiesību aktu izstrādē.
        2. Sabiedrības līdzdalības mērķis ir laikus uzzināt iedzīvotāju un organizāciju
          viedokli un ņemt to vērā lēmumu pieņemšanā.
        II. Līdzdalības veidi
        3. Iestāde publicē projektu apspriešanai vienotajā tiešsaistes platformā un nodrošina
          vismaz 30 dienas viedokļu sniegšanai.
        4. Īsāku termiņu var noteikt tikai steidzamos gadījumos, publiski norādot pamatojumu.
        5. Iestāde var rīkot arī publiskas apspriedes, darba grupas, aptaujas un ideju vākšanu.
        III. Viedokļu izvērtēšana
        6. Iestāde izvērtē katru saņemto viedokli un sniedz atbildi ar pamatojumu.
        7. Viedokļu apkopojumu (izziņu) iestāde publicē ne vēlāk kā 30 dienas pēc apspriešanas
          beigām.
        8. Izziņā norāda, vai viedoklis ņemts vērā, daļēji ņemts vērā vai nav ņemts vērā, un
          pamatojumu.
        IV. Pārskatatbildība
        9. Valsts kanceleja reizi gadā publicē pārskatu par sabiedrības līdzdalību iestādēs,
          tostarp par atbilžu sniegšanas termiņu ievērošanu.
        """,
    opinions=(
        Op(
            "peteris",
            PROPOSAL,
            "3",
            """
            30 dienas ir minimums, bet lieliem ilgtermiņa dokumentiem vajag vismaz 45 dienas,
            lai biedrības paspēj apspriesties ar biedriem.""",
            org="zalas",
            answer=Reply(
                PARTLY,
                """
            Vispārējo termiņu saglabājam 30 dienas, bet ilgtermiņa politikas plānošanas
            dokumentiem nosakām 45 dienas.""",
                new_wording="""
            Iestāde publicē projektu apspriešanai vienotajā tiešsaistes platformā un nodrošina
            vismaz 30 dienas viedokļu sniegšanai, bet ilgtermiņa politikas plānošanas
            dokumentiem – vismaz 45 dienas.""",
            ),
        ),
        Op(
            "arturs",
            OBJECTION,
            "4",
            """
            Steidzamība tiek izmantota pārāk bieži. Jānosaka, ka īsākais termiņš nevar būt
            mazāks par 10 dienām.""",
            answer=Reply(
                TAKEN,
                """
            Piekrītam, noteikts minimālais termiņš.""",
                new_wording="""
            Īsāku termiņu, bet ne īsāku par 10 dienām, var noteikt tikai steidzamos
            gadījumos, publiski norādot pamatojumu.""",
            ),
        ),
        Op(
            "dace",
            PROPOSAL,
            "8",
            """
            Izziņā jānorāda arī iesniedzējs, lai var redzēt, kuru intereses ņemtas vērā.""",
            org="pacienti",
            answer=Reply(
                PARTLY,
                """
            Organizācijas nosaukumu izziņā norādīs vienmēr, bet privātpersonas vārdu – tikai ar
            tās piekrišanu, ievērojot datu aizsardzības prasības.""",
                new_wording="""
            Izziņā norāda iesniedzēju (organizācijas nosaukumu vai, ar personas piekrišanu, tās
            vārdu), vai viedoklis ņemts vērā, daļēji ņemts vērā vai nav ņemts vērā, un
            pamatojumu.""",
            ),
        ),
        Op(
            "janis",
            QUESTION,
            "6",
            """
            Vai atbilde būs jāsniedz arī uz viedokļiem, kas atkārto jau teikto?""",
            answer=Reply(
                NOTED,
                """
            Jā, atbildi saņem katrs viedoklis, bet līdzīgiem viedokļiem iestāde var sniegt
            vienu kopīgu atbildi. Teksts nav jāmaina.""",
            ),
        ),
        Op(
            "liga",
            SUPPORT,
            "9",
            """
            Ļoti atbalstu gada pārskatu – tas motivēs iestādes atbildēt laikus.""",
            answer=Reply(
                NOTED,
                """
            Paldies par atbalstu.""",
            ),
        ),
        Op(
            "sandra",
            PROPOSAL,
            "5",
            """
            Publiskām apspriedēm jābūt piekļūstamām: telpas bez šķēršļiem un zīmju valodas
            tulks pēc pieprasījuma.""",
            org="piekluve",
            answer=Reply(
                TAKEN,
                """
            Punkts papildināts ar piekļūstamības prasībām.""",
                new_wording="""
            Iestāde var rīkot arī publiskas apspriedes, darba grupas, aptaujas un ideju
            vākšanu. Publiskas apspriedes rīko piekļūstamās telpās un pēc pieprasījuma
            nodrošina zīmju valodas tulku.""",
            ),
        ),
        Op(
            "raimonds",
            PROPOSAL,
            None,
            """
            Jāievieš referendums par katru likumu, ja to pieprasa 10 000 iedzīvotāju.""",
            answer=Reply(
                OUT_OF_SCOPE,
                """
            Tautas nobalsošanas kārtību nosaka Satversme un likums "Par tautas nobalsošanu,
            likumu ierosināšanu un Eiropas pilsoņu iniciatīvu"; Ministru kabineta noteikumi to
            mainīt nevar.""",
            ),
        ),
        Op(
            "sergejs",
            OBJECTION,
            "7",
            """
            30 dienas izziņai ir par ilgu – līdz tam lēmums jau būs pieņemts.""",
            show=False,
            answer=Reply(
                NOT_TAKEN,
                """
            Lielos projektos saņem simtiem viedokļu, un to izvērtēšanai vajag laiku. Projektu
            nevar virzīt pieņemšanai, pirms izziņa publicēta, tāpēc lēmumu bez atbildēm
            nepieņem.""",
            ),
        ),
    ),
    decision_url="https://likumi.lv/ta/id/358731-sabiedribas-lidzdalibas-kartiba-attistibas-"
    "planosanas-procesa",
    decision_summary="""
        Ministru kabinets noteikumus pieņēma ar konsultācijā ieviestajām izmaiņām:
        ilgtermiņa dokumentiem apspriešana 45 dienas, īsākais termiņš 10 dienas un publisko
        apspriežu piekļūstamība.""",
)

CONSULTATIONS = (OPEN_GOVERNMENT_IDEAS, PARTICIPATION_RULES)
