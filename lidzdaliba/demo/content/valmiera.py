"""Valmieras novada pašvaldība (the institution of officer2@demo.lv): a draft youth plan,
open grant rules for NGOs, and closed public-order rules waiting for answers."""

from __future__ import annotations

from lidzdaliba.consultations.models import Status

from ..specs import OBJECTION, PROPOSAL, QUESTION, SUPPORT, ConsultationSpec, Dates, Op

VALMIERA = "valmieras-novada-pasvaldiba"

YOUTH_PLAN = ConsultationSpec(
    key="valmiera-jaunatne",
    status=Status.DRAFT,
    institution=VALMIERA,
    title="Valmieras novada jaunatnes politikas rīcības plāns 2027.–2029. gadam",
    summary="""
        Plāns paredz jauniešu telpas lielākajos pagastos, mobilos jaunatnes darbiniekus un
        bezmaksas braucienus uz pulciņiem. Jaunieši paši varēs īstenot savas idejas ar
        iniciatīvu fonda atbalstu.""",
    problem="""
        Trešdaļa novada jauniešu dzīvo pagastos, kur nav jauniešu centra, un nokļūt uz
        pulciņiem ir sarežģīti.""",
    goal="""
        Lai jauniešiem visā novadā būtu kur pulcēties un ko darīt, un lai viņi paliktu
        novadā.""",
    topic="jaunatne-sports",
    groups=("jauniesi", "studenti", "gimenes", "nvo"),
    stage="problem_identification",
    form="working_group",
    act_type="policy_planning_document",
    official="Edgars Zariņš",
    contact_email="edgars.zarins@valmierasnovads.lv",
    contact_phone="+371 64207166",
    dates=Dates(created=-6, opens=14, closes=35),
    text="""
        Valmieras novada jaunatnes politikas rīcības plāns 2027.–2029. gadam
        I. Situācijas apraksts
        1. Novadā dzīvo aptuveni 7000 jauniešu vecumā no 13 līdz 25 gadiem; trešdaļa no
          viņiem dzīvo pagastos, kur nav jauniešu centra.
        2. Jauniešu aptaujā 42 procenti norādīja, ka brīvajā laikā nav kur pulcēties, un
          35 procenti – ka uz pulciņiem nokļūt ir sarežģīti.
        II. Darbības virzieni
        3. Izveidot mobilo jaunatnes darbinieku komandu, kas regulāri apmeklē pagastus.
        4. Atvērt jauniešu telpas katrā pagastā, kurā dzīvo vairāk nekā 100 jauniešu.
        5. Nodrošināt jauniešiem bezmaksas braucienus novada autobusos uz interešu izglītības
          nodarbībām.
        6. Izveidot jauniešu iniciatīvu fondu ar 20 000 eiro gadā jauniešu pašu projektiem.
        7. Iesaistīt Jauniešu domi visu jauniešiem svarīgo lēmumu apspriešanā.
        III. Īstenošana
        8. Plāna īstenošanu koordinē novada Jaunatnes lietu nodaļa, kas par to reizi gadā
          atskaitās domei.
        """,
)

NGO_GRANTS = ConsultationSpec(
    key="valmiera-nvo-lidzfinansejums",
    status=Status.OPEN,
    institution=VALMIERA,
    title='Saistošie noteikumi "Par līdzfinansējumu biedrību un nodibinājumu projektiem"',
    summary="""
        Biedrības varēs saņemt līdz 5000 eiro savu projektu īstenošanai, un konkursi notiks
        divreiz gadā. Daļu līdzfinansējuma varēs segt ar brīvprātīgo darbu, un komisijas
        vērtējums būs publisks.""",
    problem="""
        Līdzšinējā kārtība paredzēja vienu konkursu gadā un neļāva ieskaitīt brīvprātīgo
        darbu, tāpēc mazās lauku biedrības pieteicās reti.""",
    goal="""
        Vairāk kopienu projektu visā novadā un pārskatāma līdzekļu sadale.""",
    topic="kultura",
    groups=("nvo", "iedzivotaji", "jauniesi"),
    stage="drafting",
    form="written_consultation",
    act_type="municipal_binding_regulation",
    official="Edgars Zariņš",
    contact_email="edgars.zarins@valmierasnovads.lv",
    contact_phone="+371 64207166",
    dates=Dates(announced=-17, opens=-15, closes=15),
    text="""
        Valmieras novada pašvaldības saistošie noteikumi "Par līdzfinansējumu biedrību un
          nodibinājumu projektiem"
        Izdoti saskaņā ar Pašvaldību likuma 44. panta otro daļu
        I. Vispārīgie jautājumi
        1. Noteikumi nosaka kārtību, kādā pašvaldība piešķir līdzfinansējumu novadā reģistrētu
          biedrību un nodibinājumu projektiem.
        2. Līdzfinansējumu piešķir projektiem kultūras, sporta, sociālās palīdzības, vides un
          kopienu attīstības jomā.
        II. Līdzfinansējuma apmērs
        3. Viena projekta līdzfinansējums nepārsniedz 5000 eiro un 80 procentus no projekta
          kopējām izmaksām.
        4. Biedrība savu līdzfinansējumu var nodrošināt arī ar brīvprātīgo darbu, ko novērtē
          8 eiro stundā.
        5. Vienai biedrībai gadā piešķir līdzfinansējumu ne vairāk kā diviem projektiem.
        III. Pieteikšanās un vērtēšana
        6. Projektu konkursu izsludina divreiz gadā – līdz 1. februārim un līdz 1. augustam.
        7. Pieteikumus vērtē komisija, kurā ir trīs pašvaldības darbinieki un divi
          nevalstisko organizāciju pārstāvji.
        8. Komisija lēmumu pieņem 30 dienu laikā pēc pieteikumu iesniegšanas termiņa beigām un
          publicē vērtējumu tīmekļvietnē.
        IV. Atskaites
        9. Biedrība mēneša laikā pēc projekta beigām iesniedz saturisko un finanšu atskaiti.
        10. Ja projekts nav īstenots, biedrība atmaksā saņemto līdzfinansējumu.
        """,
    opinions=(
        Op(
            "peteris",
            PROPOSAL,
            "4",
            """
            8 eiro stundā ir pārāk zems brīvprātīgā darba vērtējums – tas jāpiesaista
            minimālajai stundas tarifa likmei.""",
            org="zalas",
            wording="""
            Biedrība savu līdzfinansējumu var nodrošināt arī ar brīvprātīgo darbu, ko novērtē
            atbilstoši valstī noteiktajai minimālajai stundas tarifa likmei.""",
        ),
        Op(
            "martins",
            SUPPORT,
            "6",
            """
            Divas kārtas gadā ir ļoti labi – vasaras projektiem vairs nebūs jāpiesakās jau
            ziemā.""",
            org="riteni",
        ),
        Op(
            "kristine",
            QUESTION,
            "1",
            """
            Vai līdzfinansējumu var saņemt biedrība, kas reģistrēta Rīgā, bet darbojas tikai
            Valmieras novadā?""",
            org="vecaki",
        ),
        Op(
            "inese",
            PROPOSAL,
            "7",
            """
            Komisijā jābūt arī jauniešu pārstāvim no Jauniešu domes, jo daudzi projekti ir
            paredzēti jauniešiem.""",
        ),
        Op(
            "agris",
            OBJECTION,
            "10",
            """
            Pilna atmaksa ir netaisnīga, ja projekts nav īstenots nepārvaramas varas dēļ,
            piemēram, ja pasākums atcelts vētras dēļ.""",
            show=False,
        ),
        Op(
            "elina",
            PROPOSAL,
            "3",
            """
            Mazām biedrībām 20 procentu līdzfinansējums ir grūti nodrošināms. Ierosinu
            projektiem līdz 1000 eiro segt visas izmaksas.""",
            wording="""
            Viena projekta līdzfinansējums nepārsniedz 5000 eiro un 80 procentus no projekta
            kopējām izmaksām; projektiem līdz 1000 eiro var segt visas izmaksas.""",
        ),
        Op(
            "aivars",
            QUESTION,
            "2",
            """
            Vai lauku kopienu pasākumi, piemēram, tirdziņi un talkas, atbilst kopienu
            attīstības jomai?""",
            org="saimnieki",
        ),
        Op(
            "valdis",
            SUPPORT,
            "8",
            """
            Labi, ka vērtējums būs publisks. Līdz šim nebija saprotams, kāpēc viens projekts
            atbalstīts, bet cits ne.""",
        ),
    ),
)

PUBLIC_ORDER = ConsultationSpec(
    key="valmiera-sabiedriska-kartiba",
    status=Status.CLOSED,
    institution=VALMIERA,
    title='Saistošie noteikumi "Par sabiedrisko kārtību Valmieras novadā"',
    summary="""
        Noteikumi ierobežo pirotehniku (atļauta tikai Jaungada naktī), nosaka naktsmiera
        laiku un laiku, kad brīvdienās drīkst veikt būvdarbus, kā arī aizliedz novietot
        automašīnas uz zālājiem.""",
    problem="""
        Pēc novadu apvienošanas katrā bijušajā novadā bija savi sabiedriskās kārtības
        noteikumi, un iedzīvotāji nezina, kas kur ir atļauts.""",
    goal="""
        Vienoti, skaidri noteikumi visā novadā.""",
    topic="drosiba",
    groups=("iedzivotaji", "uznemumi", "gimenes"),
    stage="drafting",
    form="written_consultation",
    act_type="municipal_binding_regulation",
    official="Edgars Zariņš",
    contact_email="edgars.zarins@valmierasnovads.lv",
    contact_phone="+371 64207166",
    dates=Dates(announced=-27, opens=-25, closes=-4),
    text="""
        Valmieras novada pašvaldības saistošie noteikumi "Par sabiedrisko kārtību Valmieras
          novadā"
        Izdoti saskaņā ar Pašvaldību likuma 45. panta otro daļu
        I. Vispārīgie jautājumi
        1. Noteikumi nosaka sabiedriskās kārtības prasības publiskās vietās Valmieras novadā un
          atbildību par to pārkāpšanu.
        II. Troksnis un pirotehnika
        2. No plkst. 23.00 līdz 7.00 aizliegts traucēt naktsmieru ar skaļu mūziku, būvdarbiem
          vai citu troksni.
        3. Pirotehniku lietot atļauts tikai no 31. decembra plkst. 22.00 līdz 1. janvāra
          plkst. 2.00 un pašvaldības saskaņotos pasākumos.
        4. Būvdarbus dzīvojamās mājās brīvdienās un svētku dienās atļauts veikt no
          plkst. 10.00 līdz 18.00.
        III. Publiskās vietas
        5. Publiskās vietās aizliegts lietot alkoholiskos dzērienus, izņemot pašvaldības
          saskaņotos pasākumos un āra kafejnīcās.
        6. Aizliegts ar transportlīdzekli braukt pa zālājiem un apstādījumiem vai novietot to
          uz tiem.
        7. Nekustamā īpašuma īpašnieks notīra sniegu un ledu no ietves gar savu īpašumu līdz
          plkst. 8.00.
        IV. Atbildība
        8. Par noteikumu pārkāpšanu piemēro brīdinājumu vai naudas sodu līdz 350 eiro
          fiziskām personām un līdz 1400 eiro juridiskām personām.
        """,
    opinions=(
        Op(
            "liga",
            SUPPORT,
            "3",
            """
            Ļoti atbalstu pirotehnikas ierobežošanu. Mūsu suns pēc katras uguņošanas vairākas
            dienas baidās iziet ārā.""",
        ),
        Op(
            "guntis",
            OBJECTION,
            "3",
            """
            Aizliegums atņem iespēju uguņot kāzās un jubilejās lauku sētās, kur tas nevienu
            netraucē. Lauku teritorijās jāpieļauj izņēmumi.""",
            wording="""
            Pirotehniku lietot atļauts tikai no 31. decembra plkst. 22.00 līdz 1. janvāra
            plkst. 2.00 un pašvaldības saskaņotos pasākumos, bet ārpus ciemiem – arī privātos
            pasākumos līdz plkst. 23.00.""",
        ),
        Op(
            "oskars",
            OBJECTION,
            "7",
            """
            Notīrīt ietvi līdz plkst. 8.00 nav iespējams, ja snieg visu nakti. Ierosinu līdz
            plkst. 10.00.""",
            show=False,
        ),
        Op(
            "maija",
            PROPOSAL,
            "4",
            """
            Būvdarbi brīvdienās jāatļauj no plkst. 9.00, jo privātmāju īpašnieki remontus var
            veikt tikai nedēļas nogalēs.""",
        ),
        Op(
            "arturs",
            QUESTION,
            "5",
            """
            Vai alkohola aizliegums attiecas arī uz piknikiem Gaujas krastā?""",
        ),
        Op(
            "zane",
            PROPOSAL,
            "6",
            """
            Aizliegumu novietot automašīnas uz zālājiem pagalmos jāpapildina ar pašvaldības
            pienākumu ierīkot stāvvietas, citādi iedzīvotājiem nebūs kur novietot auto.""",
        ),
        Op(
            "janis",
            OBJECTION,
            "8",
            """
            1400 eiro sods juridiskām personām par nenotīrītu sniegu ir nesamērīgs mazam
            uzņēmumam.""",
        ),
        Op(
            "anna",
            QUESTION,
            "2",
            """
            Vai naktsmiera prasība attiecas arī uz skaļiem kaimiņiem dzīvoklī, vai tikai uz
            publiskām vietām?""",
        ),
        Op(
            "tatjana",
            SUPPORT,
            None,
            """
            Atbalstu noteikumus. Svarīgi, lai pašvaldības policija tos tiešām kontrolē, īpaši
            vasaras naktīs.""",
            show=False,
        ),
    ),
)

CONSULTATIONS = (YOUTH_PLAN, NGO_GRANTS, PUBLIC_ORDER)
