"""Finanšu ministrija, Valsts ieņēmumu dienests and Zemkopības ministrija."""

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

INCOME_TAX = ConsultationSpec(
    key="fm-iin",
    status=Status.ANNOUNCED,
    institution="finansu-ministrija",
    title='Grozījumi likumā "Par iedzīvotāju ienākuma nodokli" (atvieglojumi ģimenēm)',
    summary="""
        Atvieglojums par katru apgādībā esošu bērnu pieaugs līdz 300 eiro mēnesī, un izdevumus
        par bērnu pulciņiem un sporta nodarbībām varēs atgūt kā attaisnotos izdevumus.
        Pensionāriem neapliekamais minimums pensijai būs 1000 eiro mēnesī.""",
    problem="""
        Ģimenēm ar bērniem nodokļu slogs Latvijā ir augstāks nekā kaimiņvalstīs, un
        attaisnoto izdevumu limits nav mainīts kopš 2019. gada.""",
    goal="""
        Mazāks nodokļu slogs ģimenēm ar bērniem un pensionāriem.""",
    topic="finanses-nodokli",
    groups=("gimenes", "pensionari", "iedzivotaji"),
    stage="drafting",
    form="written_consultation",
    act_type="law",
    official="Normunds Kociņš",
    contact_email="normunds.kocins@fm.gov.lv",
    contact_phone="+371 67083912",
    dates=Dates(announced=-4, opens=3, closes=33),
    text="""
        Grozījumi likumā "Par iedzīvotāju ienākuma nodokli"
        Izdarīt likumā "Par iedzīvotāju ienākuma nodokli" šādus grozījumus:
        1. Izteikt 12. panta pirmo daļu šādā redakcijā: "Neapliekamais minimums ir 550 eiro
          mēnesī visiem nodokļa maksātājiem neatkarīgi no ienākumu apmēra."
        2. Izteikt 13. panta otro daļu šādā redakcijā: "Par katru apgādībā esošu bērnu nodokļa
          atvieglojums ir 300 eiro mēnesī."
        3. Papildināt 10. pantu ar jaunu daļu šādā redakcijā: "Attaisnotajos izdevumos var
          iekļaut izdevumus par bērnu interešu izglītību un sporta nodarbībām līdz 600 eiro
          gadā par katru bērnu."
        4. Izteikt 10. panta ceturto daļu šādā redakcijā: "Kopējā attaisnoto izdevumu summa
          gadā nepārsniedz 800 eiro par nodokļa maksātāju un katru ģimenes locekli."
        5. Papildināt 12. pantu ar jaunu daļu šādā redakcijā: "Pensijas saņēmējam neapliekamais
          minimums pensijai ir 1000 eiro mēnesī."
        6. Grozījumi stājas spēkā 2027. gada 1. jūlijā, un tos pirmoreiz piemēro, aprēķinot
          nodokli par 2027. gada jūliju.
        """,
)

EDS_SURVEY = ConsultationSpec(
    key="vid-eds",
    status=Status.OPEN,
    institution="valsts-ienemumu-dienests",
    title="Elektroniskās deklarēšanas sistēmas uzlabojumu plāns 2027. gadam: lietotāju aptauja",
    summary="""
        VID plāno iepriekš aizpildītu gada ienākumu deklarāciju, soli pa solim vedni un ērtu
        mobilo versiju. Pastāstiet, kas jums deklarējot sagādāja grūtības un kuri uzlabojumi ir
        svarīgākie.""",
    problem="""
        Katrs piektais EDS lietotājs deklarācijas aizpildīšanu atzīst par sarežģītu, un
        konsultāciju tālrunis deklarēšanas laikā ir pārslogots.""",
    goal="""
        Vienkāršāka deklarēšana un mazāk kļūdu deklarācijās.""",
    topic="finanses-nodokli",
    groups=("iedzivotaji", "uznemumi", "pensionari"),
    stage="evaluation",
    form="survey",
    act_type="other",
    official="Evija Medne",
    contact_email="evija.medne@vid.gov.lv",
    contact_phone="+371 67122689",
    dates=Dates(announced=-9, opens=-8, closes=12),
    text="""
        Elektroniskās deklarēšanas sistēmas uzlabojumu plāns 2027. gadam
        I. Ko esam noskaidrojuši
        1. Pērn gada ienākumu deklarāciju EDS iesniedza vairāk nekā 600 000 iedzīvotāju; katrs
          piektais atzina, ka aizpildīšana bija sarežģīta.
        2. Visbiežāk lietotāji neizprot, kuri izdevumi ir attaisnotie un kā deklarēt ienākumus
          no ārvalstīm.
        II. Plānotie uzlabojumi
        3. Gada ienākumu deklarācija tiks iepriekš aizpildīta ar visiem VID rīcībā esošajiem
          datiem, arī par attaisnotajiem izdevumiem.
        4. Deklarācijas aizpildīšanai būs soli pa solim vednis ar jautājumiem vienkāršā valodā.
        5. EDS būs pieejama ērti lietojamā versijā mobilajā tālrunī.
        6. Atmaksas statuss būs redzams EDS sākumlapā, un par atmaksas pārskaitīšanu lietotājs
          saņems paziņojumu e-pastā.
        7. Konsultāciju par deklarēšanu varēs pieteikt video zvanā.
        III. Aptaujas jautājumi
        8. Kuri no plānotajiem uzlabojumiem jums ir vissvarīgākie un kāpēc?
        9. Kas jums sagādāja visvairāk grūtību pēdējā deklarēšanas reizē?
        """,
    opinions=(
        Op(
            "anna",
            SUPPORT,
            "3",
            """
            Iepriekš aizpildīta deklarācija būtu lielākais atvieglojums. Pērn čekus par bērna
            peldēšanas nodarbībām ievadīju ar roku, un tas aizņēma stundu.""",
        ),
        Op(
            "sergejs",
            PROPOSAL,
            "9",
            """
            Visgrūtāk bija deklarēt ienākumus no dzīvokļa izīrēšanas. Vajadzīgs atsevišķs
            skaidrojums ar piemēru.""",
            show=False,
        ),
        Op(
            "maija",
            QUESTION,
            "6",
            """
            Vai paziņojumu varēs saņemt arī īsziņā? Mana mamma e-pastu nelieto.""",
        ),
        Op(
            "roberts",
            PROPOSAL,
            "5",
            """
            Mobilajā versijā svarīgākais ir iespēja nofotografēt čeku un pievienot to kā
            attaisnoto izdevumu dokumentu.""",
        ),
        Op(
            "elina",
            OBJECTION,
            "4",
            """
            Vednis ir labs, bet tas nedrīkst aizstāt iespēju ātri aizpildīt deklarāciju tiem,
            kas to dara katru gadu. Lūdzu saglabāt arī pilno formu.""",
        ),
        Op(
            "nikolajs",
            QUESTION,
            "8",
            """
            Vai EDS būs pieejama arī angļu valodā? Ārzemniekiem, kas strādā Latvijā, pašlaik
            deklarēties ir ļoti grūti.""",
        ),
    ),
)

FARM_SUPPORT = ConsultationSpec(
    key="zm-atbalsts",
    status=Status.CLOSED,
    institution="zemkopibas-ministrija",
    title="Noteikumi par valsts atbalstu lauksaimniecībai 2027. gadā",
    summary="""
        Noteikumi nosaka, kādu valsts atbalstu lauksaimnieki varēs saņemt 2027. gadā:
        ciltsdarbam, sējumu apdrošināšanai, bioloģiskās produkcijas pārstrādei un jauno
        lauksaimnieku tehnikas iegādei. Projekts sagatavots darba grupā ar nozares
        organizācijām.""",
    problem="""
        Pēc sausās 2026. gada vasaras apdrošināšanas prēmijas ir augušas, un jaunajiem
        lauksaimniekiem ir grūti iegādāties tehniku.""",
    goal="""
        Paredzams atbalsts, kas sasniedz arī mazās un jaunās saimniecības.""",
    topic="lauksaimnieciba",
    groups=("lauksaimnieki", "uznemumi", "nvo"),
    stage="implementation",
    form="working_group",
    act_type="cabinet_regulation",
    official="Uldis Bērzkalns",
    contact_email="uldis.berzkalns@zm.gov.lv",
    contact_phone="+371 67027245",
    dates=Dates(announced=-50, opens=-48, closes=-20),
    text="""
        Noteikumi par valsts atbalstu lauksaimniecībai 2027. gadā
        I. Vispārīgie jautājumi
        1. Noteikumi nosaka valsts atbalsta veidus, apmēru un piešķiršanas kārtību
          lauksaimniecībai 2027. gadā.
        2. Atbalstu administrē Lauku atbalsta dienests, un iesniegumus pieņem Elektroniskās
          pieteikšanās sistēmā.
        II. Atbalsta veidi
        3. Atbalsts ciltsdarbam un dzīvnieku audzēšanai – līdz 40 procentiem no
          attiecināmajām izmaksām.
        4. Atbalsts apdrošināšanas prēmiju daļējai segšanai – līdz 65 procentiem no sējumu un
          dzīvnieku apdrošināšanas prēmijas.
        5. Atbalsts bioloģiskās lauksaimniecības produkcijas pārstrādei un realizācijai
          vietējā tirgū.
        6. Atbalsts jaunajiem lauksaimniekiem līdz 40 gadu vecumam tehnikas iegādei – līdz
          10 000 eiro vienam saņēmējam.
        III. Piešķiršanas kārtība
        7. Iesniegumus pieņem no 2027. gada 1. marta līdz 30. aprīlim.
        8. Ja pieprasījums pārsniedz pieejamo finansējumu, atbalstu piešķir proporcionāli
          visiem pretendentiem.
        9. Atbalsta saņēmējs piecus gadus nodrošina iegādātās tehnikas izmantošanu savā
          saimniecībā.
        """,
    opinions=(
        Op(
            "aivars",
            OBJECTION,
            "8",
            """
            Proporcionāla samazināšana nozīmē, ka mazās saimniecības saņems tik maz, ka nav
            vērts pieteikties. Lūdzam noteikt prioritāti saimniecībām līdz 50 hektāriem.""",
            org="saimnieki",
            answer=Reply(
                PARTLY,
                """
            Prioritāti saimniecībām līdz 50 ha noteiksim atbalstam jaunajiem lauksaimniekiem.
            Pārējiem atbalsta veidiem proporcionālo pieeju saglabājam, lai atbalstu saņemtu
            visi pretendenti.""",
                new_wording="""
            Ja pieprasījums pārsniedz pieejamo finansējumu, atbalstu piešķir proporcionāli
            visiem pretendentiem, bet 6. punktā minēto atbalstu – vispirms saimniecībām, kuru
            platība nepārsniedz 50 hektārus.""",
            ),
        ),
        Op(
            "janis",
            QUESTION,
            "6",
            """
            Vai jaunais lauksaimnieks atbalstu var saņemt arī lietotas tehnikas iegādei?""",
            answer=Reply(
                NOTED,
                """
            Jā, arī lietotai tehnikai, kas nav vecāka par septiņiem gadiem. To precizēs Lauku
            atbalsta dienesta skaidrojums; noteikumu teksts nav jāmaina.""",
            ),
        ),
        Op(
            "guntis",
            PROPOSAL,
            "7",
            """
            Pieteikšanās no marta līdz aprīļa beigām sakrīt ar pavasara darbiem. Lūdzam sākt
            pieņemšanu agrāk.""",
            answer=Reply(
                TAKEN,
                """
            Pieteikšanās sākums pārcelts uz 1. februāri.""",
                new_wording="""
            Iesniegumus pieņem no 2027. gada 1. februāra līdz 30. aprīlim.""",
            ),
        ),
        Op(
            "zane",
            SUPPORT,
            "5",
            """
            Ļoti atbalstu bioloģiskās produkcijas realizāciju vietējā tirgū. Skolu ēdnīcām
            vajadzīgi vietējie piegādātāji.""",
            answer=Reply(
                NOTED,
                """
            Paldies par atbalstu.""",
            ),
        ),
        Op(
            "aivars",
            PROPOSAL,
            "4",
            """
            Prēmiju segšana jāpalielina līdz 70 procentiem, jo pēc sausās vasaras
            apdrošināšanas prēmijas ir būtiski augušas.""",
            org="saimnieki",
            wording="""
            Atbalsts apdrošināšanas prēmiju daļējai segšanai – līdz 70 procentiem no sējumu
            un dzīvnieku apdrošināšanas prēmijas.""",
        ),
        Op(
            "inese",
            OBJECTION,
            "9",
            """
            Piecu gadu saistības jaunajam lauksaimniekam ir pārāk ilgas. Ja saimniecība
            veselības dēļ jāslēdz, vai atbalsts būs jāatmaksā?""",
        ),
        Op(
            "valdis",
            QUESTION,
            "3",
            """
            Vai ciltsdarba atbalsts attiecas arī uz biškopību?""",
        ),
        Op(
            "agris",
            PROPOSAL,
            "2",
            """
            Lūdzam ļaut iesniegumu iesniegt arī papīra formā pagasta pārvaldē – ne visiem
            lauksaimniekiem ir internets.""",
            wording="""
            Atbalstu administrē Lauku atbalsta dienests. Iesniegumus pieņem Elektroniskās
            pieteikšanās sistēmā vai papīra formā pagasta pārvaldē.""",
        ),
        Op(
            "raimonds",
            OBJECTION,
            None,
            """
            Atbalsts ir pārāk sadrumstalots. Labāk mazāk programmu, bet ar lielāku
            finansējumu katrai.""",
            show=False,
        ),
    ),
)

CONSULTATIONS = (INCOME_TAX, EDS_SURVEY, FARM_SUPPORT)
