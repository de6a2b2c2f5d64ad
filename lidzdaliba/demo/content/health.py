"""Veselības ministrija: an open regulation and an answered evaluation (survey)."""

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

VM = "veselibas-ministrija"

FAMILY_DOCTORS = ConsultationSpec(
    key="vm-gimenes-arsti",
    status=Status.OPEN,
    institution=VM,
    title="Noteikumi par ģimenes ārstu prakšu darba laiku un pieejamību",
    summary="""
        Ģimenes ārsta praksei vismaz vienu vakaru nedēļā būs jāpieņem pacienti līdz
        plkst. 19.00, un ar akūtu saslimšanu pacientam palīdzība būs jāsaņem tās pašas vai
        nākamās darba dienas laikā. Praksē būs jāatbild uz zvaniem vismaz četras stundas dienā
        un jāpiedāvā elektronisks pieraksts.""",
    problem="""
        Pacienti sūdzas, ka praksē nevar sazvanīt ārstu un ka strādājošiem pieņemšanas laiki
        nav piemēroti. Prasības praksēm pašlaik ir atšķirīgas un neskaidras.""",
    goal="""
        Vienādas un skaidras prasības visām praksēm, lai ikviens laikus saņemtu palīdzību.""",
    topic="veseliba",
    groups=("iedzivotaji", "gimenes", "pensionari", "uznemumi"),
    stage="drafting",
    form="written_consultation",
    act_type="cabinet_regulation",
    official="Laura Strazdiņa",
    contact_email="laura.strazdina@vm.gov.lv",
    contact_phone="+371 67876112",
    dates=Dates(announced=-30, opens=-27, closes=3),
    text="""
        Noteikumi par ģimenes ārstu prakšu darba laiku un pieejamību
        Izdoti saskaņā ar Ārstniecības likuma 4. panta otro daļu
        I. Vispārīgie jautājumi
        1. Noteikumi nosaka prasības ģimenes ārsta prakses darba laikam, pacientu pierakstam un
          saziņai ar pacientiem.
        2. Noteikumi attiecas uz ģimenes ārstu praksēm, kas noslēgušas līgumu ar Nacionālo
          veselības dienestu.
        II. Darba laiks un pieņemšana
        3. Prakse pieņem pacientus ne mazāk kā 20 stundas nedēļā, tostarp vismaz vienu darba
          dienu nedēļā līdz plkst. 19.00.
        4. Pacientu ar akūtu saslimšanu pieņem vai konsultē tās pašas vai nākamās darba dienas
          laikā.
        5. Plānveida vizīti nodrošina ne vēlāk kā piecu darba dienu laikā no pieraksta.
        6. Prakse nodrošina mājas vizītes pacientiem, kuri veselības stāvokļa dēļ nevar
          ierasties praksē.
        III. Saziņa ar pacientiem
        7. Prakse nodrošina telefonisku saziņu ne mazāk kā četras stundas katru darba dienu,
          tostarp vismaz vienu stundu no plkst. 8.00 līdz 9.00.
        8. Prakse nodrošina iespēju pierakstīties vizītei elektroniski.
        9. Prakses darba laiku un aizvietotāja kontaktinformāciju izvieto pie prakses ieejas un
          publicē tīmekļvietnē.
        IV. Aizvietošana
        10. Ģimenes ārsta prombūtnes laikā, kas ilgst vairāk nekā trīs darba dienas, prakse
          nodrošina aizvietotāju, kas pieņem pacientus tajā pašā novadā.
        V. Noslēguma jautājums
        11. Noteikumi stājas spēkā 2027. gada 1. jūlijā.
        """,
    opinions=(
        Op(
            "anna",
            SUPPORT,
            "3",
            """
            Vakara pieņemšana ir ļoti vajadzīga strādājošiem. Tagad, lai aizvestu bērnu pie
            ārsta, man jāņem brīvdiena.""",
        ),
        Op(
            "dace",
            PROPOSAL,
            "4",
            """
            Ar akūtu saslimšanu pacientam jāsaņem vismaz telefoniska konsultācija tās pašas
            dienas laikā. "Nākamā darba diena" piektdienas vakarā nozīmē pirmdienu.""",
            org="pacienti",
            wording="""
            Pacientu ar akūtu saslimšanu tās pašas darba dienas laikā konsultē vismaz pa
            tālruni un, ja nepieciešams, pieņem ne vēlāk kā nākamajā darba dienā.""",
        ),
        Op(
            "gunta",
            OBJECTION,
            "7",
            """
            Uz mūsu praksi nav iespējams piezvanīt – līnija vienmēr aizņemta. Četras stundas
            dienā nepalīdzēs, ja ir viena māsa un viens tālrunis. Vajag prasību par zvanu
            rindu vai atzvanīšanu.""",
        ),
        Op(
            "linda",
            QUESTION,
            "5",
            """
            Vai piecas darba dienas attiecas arī uz bērnu profilaktiskajām apskatēm un
            vakcinācijām?""",
        ),
        Op(
            "janis",
            OBJECTION,
            "10",
            """
            "Tajā pašā novadā" lielos novados var nozīmēt 50 km. Vajadzētu noteikt, cik tālu
            drīkst būt aizvietotājs.""",
        ),
        Op(
            "aivars",
            PROPOSAL,
            "6",
            """
            Laukos mājas vizītes ir vienīgā iespēja daudziem senioriem. Jānosaka, cik ātri
            mājas vizīte jānodrošina, piemēram, divu darba dienu laikā.""",
            wording="""
            Prakse divu darba dienu laikā nodrošina mājas vizīti pacientiem, kuri veselības
            stāvokļa dēļ nevar ierasties praksē.""",
        ),
        Op(
            "tatjana",
            SUPPORT,
            "8",
            """
            Elektroniskais pieraksts ir ērts. Lūdzu, lai sistēma būtu vienkārša arī senioriem,
            ar lieliem burtiem un bez sarežģītas reģistrācijas.""",
            show=False,
        ),
        Op(
            "raimonds",
            QUESTION,
            "2",
            """
            Kā noteikumi attieksies uz praksēm, kurām nav līguma ar dienestu un kuras strādā
            tikai par maksu?""",
        ),
        Op(
            "liga",
            PROPOSAL,
            "9",
            """
            Darba laikam jābūt redzamam arī e-veselības portālā, ne tikai prakses tīmekļvietnē
            – daudzām praksēm tīmekļvietnes nav vispār.""",
            wording="""
            Prakses darba laiku un aizvietotāja kontaktinformāciju izvieto pie prakses ieejas
            un publicē e-veselības portālā un prakses tīmekļvietnē, ja tāda ir.""",
        ),
        Op(
            "maija",
            OBJECTION,
            "3",
            """
            Esmu ģimenes ārste laukos. Vakara pieņemšana nozīmē papildu māsas darba stundas,
            kuras netiek apmaksātas. Bez papildu finansējuma šo prasību nevarēs izpildīt.""",
        ),
        Op(
            "valdis",
            SUPPORT,
            None,
            """
            Atbalstu projektu kopumā. Beidzot būs skaidrs, ko pacients var sagaidīt no sava
            ģimenes ārsta.""",
        ),
        Op(
            "sandra",
            PROPOSAL,
            "9",
            """
            Informācijai pie prakses ieejas jābūt salasāmai arī cilvēkiem ar redzes
            traucējumiem – lielā, kontrastējošā drukā. Tīmekļvietnēm jāatbilst piekļūstamības
            prasībām.""",
            org="piekluve",
        ),
    ),
)

PUBLIC_HEALTH_REVIEW = ConsultationSpec(
    key="vm-sabiedribas-veseliba",
    status=Status.ANSWERED,
    institution=VM,
    title="Sabiedrības veselības pamatnostādņu 2021.–2027. gadam vidusposma izvērtējums",
    summary="""
        Ministrija izvērtēja, kas izdevies un kas ne pamatnostādņu pirmajā pusē, un piedāvā
        ieteikumus atlikušajiem gadiem. Aptaujā jautājām, kuras problēmas iedzīvotāji uzskata
        par svarīgākajām: rindas pie speciālistiem, jauniešu smēķēšanu, garīgo veselību.""",
    problem="""
        Daļa pamatnostādņu mērķu netiek sasniegti, īpaši reģionos, un jauniešu vidū strauji
        izplatās elektroniskās cigaretes.""",
    goal="""
        Noteikt prioritātes pamatnostādņu otrajam posmam, balstoties uz datiem un iedzīvotāju
        pieredzi.""",
    topic="veseliba",
    groups=("iedzivotaji", "jauniesi", "nvo", "zinatnieki"),
    stage="evaluation",
    form="survey",
    act_type="policy_planning_document",
    official="Laura Strazdiņa",
    contact_email="laura.strazdina@vm.gov.lv",
    contact_phone="+371 67876112",
    dates=Dates(announced=-80, opens=-78, closes=-57, feedback=-35),
    text="""
        Sabiedrības veselības pamatnostādņu 2021.–2027. gadam vidusposma izvērtējums
        I. Galvenie secinājumi
        1. Vidējais paredzamais mūža ilgums ir pieaudzis, taču joprojām ir par sešiem gadiem
          īsāks nekā vidēji Eiropas Savienībā.
        2. Smēķētāju īpatsvars pieaugušo vidū ir samazinājies, bet elektronisko cigarešu
          lietošana jauniešu vidū ir divkāršojusies.
        3. Rindas uz valsts apmaksātiem speciālistu izmeklējumiem reģionos ir vidēji divreiz
          garākas nekā Rīgā.
        4. Garīgās veselības pakalpojumu pieejamība bērniem un jauniešiem ir uzlabojusies, bet
          ārpus lielajām pilsētām joprojām trūkst psihologu.
        II. Ieteikumi otrajam posmam
        5. Ierobežot elektronisko cigarešu un aromatizēto šķidrumu pieejamību nepilngadīgajiem.
        6. Novirzīt papildu finansējumu speciālistu izmeklējumiem reģionos.
        7. Paplašināt skolu veselības veicināšanas programmas ar uztura un fiziskās aktivitātes
          nodarbībām.
        8. Ieviest attālinātas psihologu konsultācijas visos novados.
        III. Aptaujas jautājums
        9. Kuras no minētajām problēmām jūs uzskatāt par svarīgākajām? Lūdzam norādīt arī
          problēmas, kuras izvērtējumā nav minētas.
        """,
    opinions=(
        Op(
            "dace",
            PROPOSAL,
            "6",
            """
            Papildu finansējums jāsasaista ar konkrētu mērķi, piemēram, ka gaidīšanas laiks uz
            izmeklējumu nepārsniedz 90 dienas nevienā reģionā.""",
            org="pacienti",
            answer=Reply(
                TAKEN,
                """
            Ieteikums papildināts ar rezultatīvo rādītāju, kas tiks iekļauts arī otrā posma
            rīcības plānā.""",
                new_wording="""
            Novirzīt papildu finansējumu speciālistu izmeklējumiem reģionos, lai gaidīšanas
            laiks nevienā reģionā nepārsniegtu 90 dienas.""",
            ),
        ),
        Op(
            "kristine",
            SUPPORT,
            "5",
            """
            Vecāki ļoti atbalsta e-cigarešu ierobežošanu. Skolās tās lieto jau divpadsmit gadus
            veci bērni.""",
            org="vecaki",
            answer=Reply(
                NOTED,
                """
            Paldies par atbalstu. Grozījumi par aromatizēto šķidrumu tirdzniecības aizliegumu
            jau ir iesniegti Saeimā.""",
            ),
        ),
        Op(
            "elina",
            PROPOSAL,
            "8",
            """
            Attālinātas konsultācijas nav piemērotas pusaudžiem krīzē. Katrā novadā vajadzīgs
            vismaz viens psihologs klātienē.""",
            answer=Reply(
                PARTLY,
                """
            Attālinātās konsultācijas būs papildinājums, nevis aizstājējs. Klātienes psihologu
            katra novada centrā iekļaujam ieteikumā kā prioritāti, taču tā īstenošana būs
            atkarīga no speciālistu pieejamības.""",
                new_wording="""
            Nodrošināt psihologa konsultācijas klātienē katra novada centrā un attālināti
            visos novados.""",
            ),
        ),
        Op(
            "arturs",
            OBJECTION,
            "1",
            """
            Salīdzinājums ar ES vidējo neko nepasaka par atšķirībām Latvijas iekšienē. Latgalē
            mūža ilgums ir vēl īsāks.""",
            answer=Reply(
                TAKEN,
                """
            Secinājumam pievienoti reģionu dati.""",
                new_wording="""
            Vidējais paredzamais mūža ilgums ir pieaudzis, taču joprojām ir par sešiem gadiem
            īsāks nekā vidēji Eiropas Savienībā, bet Latgalē – vēl par diviem gadiem īsāks
            nekā vidēji valstī.""",
            ),
        ),
        Op(
            "janis",
            PROPOSAL,
            None,
            """
            Jāsamazina PVN augļiem un dārzeņiem, tad cilvēki ēdīs veselīgāk.""",
            answer=Reply(
                OUT_OF_SCOPE,
                """
            PVN likmes nosaka Pievienotās vērtības nodokļa likums, par ko atbild Finanšu
            ministrija. Izvērtējums vērtē pamatnostādņu izpildi, nevis nodokļu politiku.
            Priekšlikums nodots Finanšu ministrijai.""",
            ),
        ),
        Op(
            "zane",
            QUESTION,
            "7",
            """
            Vai programmās iesaistīs sporta skolotājus, vai nodarbības vadīs ārpusskolas
            speciālisti?""",
            answer=Reply(
                NOTED,
                """
            Programmas vadīs skolu veselības koordinatori kopā ar sporta skolotājiem, bet uztura
            nodarbībām piesaistīs ārpusskolas speciālistus. Teksts nav jāmaina.""",
            ),
        ),
        Op(
            "sergejs",
            OBJECTION,
            "3",
            """
            Rindas nav vienīgā problēma – reģionos nav pašu speciālistu. Nauda rindas
            neatrisinās, ja nav ārstu.""",
            show=False,
            answer=Reply(
                NOT_TAKEN,
                """
            Speciālistu trūkums ir būtiska problēma, tomēr šis secinājums balstās uz gaidīšanas
            laika datiem, tāpēc to nemainām. Speciālistu piesaisti reģioniem risina Veselības
            nozares cilvēkresursu attīstības plāns.""",
            ),
        ),
    ),
)

CONSULTATIONS = (FAMILY_DOCTORS, PUBLIC_HEALTH_REVIEW)
