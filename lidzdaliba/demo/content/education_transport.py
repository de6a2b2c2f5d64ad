"""Izglītības un zinātnes ministrija and Satiksmes ministrija."""

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

IZM = "izglitibas-un-zinatnes-ministrija"
SAM = "satiksmes-ministrija"

SCHOOL_YEAR = ConsultationSpec(
    key="izm-macibu-gads",
    status=Status.OPEN,
    institution=IZM,
    title="Grozījumi Izglītības likumā (mācību gada ilgums un brīvlaiki)",
    summary="""
        Mācību gads visās skolās ilgs 36 nedēļas, un brīvlaiki būs vienādi visā valstī:
        ziemā divas nedēļas, rudenī un pavasarī pa vienai. Skolām nākamā gada kalendārs būs
        jāpublicē jau jūnijā, lai ģimenes var plānot atvaļinājumus.""",
    problem="""
        Mācību gada garums un brīvlaiki tiek noteikti ik gadu ar atsevišķiem noteikumiem,
        tāpēc ģimenes un skolas uzzina par tiem vēlu, un slodze mācību gada beigās ir
        nesamērīgi liela.""",
    goal="""
        Paredzams mācību gads un vienmērīgāka skolēnu slodze.""",
    topic="izglitiba-zinatne",
    groups=("studenti", "gimenes", "pasvaldibas", "jauniesi"),
    stage="drafting",
    form="written_consultation",
    act_type="law",
    official="Agnese Priede",
    contact_email="agnese.priede@izm.gov.lv",
    contact_phone="+371 67047811",
    dates=Dates(announced=-25, opens=-23, closes=7),
    text="""
        Grozījumi Izglītības likumā
        Izdarīt Izglītības likumā šādus grozījumus:
        1. Papildināt likumu ar 30.1 pantu šādā redakcijā: "30.1 pants. Mācību gada ilgums.
          Mācību gads vispārējās izglītības iestādēs sākas 1. septembrī un ilgst 36 nedēļas,
          ieskaitot valsts pārbaudījumu laiku."
        2. Papildināt likumu ar 30.2 pantu šādā redakcijā: "30.2 pants. Brīvlaiki. Skolēniem
          ir rudens brīvlaiks vienu nedēļu, ziemas brīvlaiks divas nedēļas, pavasara
          brīvlaiks vienu nedēļu un vasaras brīvlaiks ne mazāk kā 11 nedēļas."
        3. Papildināt 30.2 pantu ar otro daļu šādā redakcijā: "Pašvaldība var noteikt papildu
          brīvdienas ne vairāk kā trīs dienas mācību gadā, par tām informējot vecākus vismaz
          mēnesi iepriekš."
        4. Papildināt 30.1 pantu ar otro daļu šādā redakcijā: "Mācību stundu skaits dienā
          1.–4. klasē nepārsniedz piecas, 5.–9. klasē – septiņas un 10.–12. klasē – astoņas."
        5. Papildināt likumu ar 30.3 pantu šādā redakcijā: "30.3 pants. Mācību gada kalendārs.
          Skola katru gadu līdz 1. jūnijam publicē nākamā mācību gada kalendāru."
        6. Papildināt pārejas noteikumus ar jaunu punktu šādā redakcijā: "Šā likuma 30.1,
          30.2 un 30.3 pants stājas spēkā 2027. gada 1. septembrī."
        """,
    opinions=(
        Op(
            "kristine",
            OBJECTION,
            "1",
            """
            36 nedēļas ir par daudz. Bērni jau tagad maijā ir ļoti noguruši, un garāks mācību
            gads to tikai pasliktinās.""",
            org="vecaki",
        ),
        Op(
            "zane",
            SUPPORT,
            "2",
            """
            Divu nedēļu ziemas brīvlaiks ir labs risinājums – ģimenēm beidzot būs laiks būt
            kopā.""",
        ),
        Op(
            "arturs",
            QUESTION,
            "2",
            """
            Vai 11 nedēļu vasaras brīvlaiks attieksies arī uz 12. klasi, kurai eksāmeni ir
            jūnijā?""",
        ),
        Op(
            "elina",
            PROPOSAL,
            "4",
            """
            1.–4. klasē stundu skaitam jābūt ne vairāk kā piecām, ieskaitot fakultatīvās
            nodarbības, citādi bērni skolā pavada visu dienu.""",
            wording="""
            Mācību stundu skaits dienā, ieskaitot fakultatīvās nodarbības, 1.–4. klasē
            nepārsniedz piecas, 5.–9. klasē – septiņas un 10.–12. klasē – astoņas.""",
        ),
        Op(
            "linda",
            OBJECTION,
            "3",
            """
            Pašvaldības papildu brīvdienas rada problēmas strādājošiem vecākiem. Ja tās tiek
            noteiktas, skolai jānodrošina bērnu pieskatīšana.""",
            wording="""
            Pašvaldība var noteikt papildu brīvdienas ne vairāk kā trīs dienas mācību gadā, par
            tām informējot vecākus vismaz mēnesi iepriekš un nodrošinot 1.–4. klašu skolēnu
            pieskatīšanu.""",
        ),
        Op(
            "valdis",
            PROPOSAL,
            "5",
            """
            Kalendārs jāpublicē līdz 1. maijam – jūnijā atvaļinājumi jau ir saplānoti.""",
            wording="""
            Skola katru gadu līdz 1. maijam publicē nākamā mācību gada kalendāru.""",
        ),
        Op(
            "ilze",
            OBJECTION,
            "1",
            """
            Esmu skolotāja. Garāks mācību gads bez papildu samaksas nozīmē lielāku slodzi
            pedagogiem. Vai tas tiks kompensēts?""",
        ),
        Op(
            "janis",
            SUPPORT,
            None,
            """
            Atbalstu, ka brīvlaiki būs noteikti likumā un nemainīsies katru gadu.""",
        ),
        Op(
            "tatjana",
            QUESTION,
            "6",
            """
            Kas notiks ar skolām, kuras 2027./2028. mācību gadu jau saplānojušas pēc līdzšinējās
            kārtības?""",
            show=False,
        ),
        Op(
            "gunta",
            PROPOSAL,
            "2",
            """
            Rudens brīvlaikam jābūt divām nedēļām, kā daudzās Eiropas valstīs, bet pavasara
            brīvlaiku var saīsināt līdz trim dienām.""",
        ),
    ),
)

SCOOTERS_V1 = """
    Grozījumi Ministru kabineta 2015. gada 2. jūnija noteikumos Nr. 279 "Ceļu satiksmes
      noteikumi"
    Izdarīt Ceļu satiksmes noteikumos šādus grozījumus:
    1. Papildināt noteikumus ar 64.1 punktu šādā redakcijā: "Vadīt elektrisko skrejriteni
      atļauts personām no 14 gadu vecuma; personām līdz 18 gadu vecumam jālieto aizsargķivere."
    2. Izteikt 65. punktu šādā redakcijā: "Elektriskā skrejriteņa ātrums nedrīkst pārsniegt
      25 km/h. Uz ietves vadītājs pārvietojas ar ātrumu, kas nepārsniedz gājēja ātrumu."
    3. Papildināt noteikumus ar 65.1 punktu šādā redakcijā: "Elektriskā skrejriteņa vadītājs
      pārvietojas pa veloceliņu vai brauktuvi; pa ietvi braukt aizliegts, ja blakus ir
      veloceliņš."
    4. Papildināt noteikumus ar 65.2 punktu šādā redakcijā: "Elektriskajam skrejritenim
      jābūt ieslēgtam priekšējam baltam un aizmugurējam sarkanam lukturim, un vadītājam
      jāvalkā atstarojošs apģērbs."
    5. Papildināt noteikumus ar 65.3 punktu šādā redakcijā: "Elektrisko skrejriteni aizliegts
      vadīt divām personām vienlaikus."
    6. Papildināt noteikumus ar 65.4 punktu šādā redakcijā: "Koplietošanas elektriskos
      skrejriteņus novieto tikai nomas operatora norādītajās vietās; tos aizliegts novietot uz
      ietves tā, ka tiek traucēta gājēju pārvietošanās."
    7. Papildināt noteikumus ar 65.5 punktu šādā redakcijā: "Elektriskā skrejriteņa
      vadītājam aizliegts lietot mobilo tālruni, to turot rokā."
    8. Grozījumi stājas spēkā 2027. gada 1. aprīlī.
    """

SCOOTERS_V2 = """
    Grozījumi Ministru kabineta 2015. gada 2. jūnija noteikumos Nr. 279 "Ceļu satiksmes
      noteikumi"
    Izdarīt Ceļu satiksmes noteikumos šādus grozījumus:
    1. Papildināt noteikumus ar 64.1 punktu šādā redakcijā: "Vadīt elektrisko skrejriteni
      atļauts personām no 16 gadu vecuma vai no 14 gadu vecuma, ja personai ir velosipēda
      vadītāja apliecība; personām līdz 18 gadu vecumam jālieto aizsargķivere."
    2. Izteikt 65. punktu šādā redakcijā: "Elektriskā skrejriteņa ātrums nedrīkst pārsniegt
      25 km/h. Uz ietves vadītājs pārvietojas ar ātrumu, kas nepārsniedz 10 km/h, un dod ceļu
      gājējiem."
    3. Papildināt noteikumus ar 65.1 punktu šādā redakcijā: "Elektriskā skrejriteņa vadītājs
      pārvietojas pa veloceliņu vai brauktuvi; pa ietvi braukt aizliegts, ja blakus ir
      veloceliņš."
    4. Papildināt noteikumus ar 65.2 punktu šādā redakcijā: "Diennakts tumšajā laikā
      elektriskajam skrejritenim jābūt ieslēgtam priekšējam baltam un aizmugurējam sarkanam
      lukturim."
    5. Papildināt noteikumus ar 65.3 punktu šādā redakcijā: "Elektrisko skrejriteni aizliegts
      vadīt divām personām vienlaikus."
    6. Papildināt noteikumus ar 65.4 punktu šādā redakcijā: "Koplietošanas elektriskos
      skrejriteņus novieto tikai nomas operatora norādītajās vietās; tos aizliegts novietot uz
      ietves tā, ka tiek traucēta gājēju pārvietošanās."
    7. Papildināt noteikumus ar 65.5 punktu šādā redakcijā: "Elektriskā skrejriteņa
      vadītājam aizliegts lietot mobilo tālruni, to turot rokā."
    8. Papildināt noteikumus ar 65.6 punktu šādā redakcijā: "Koplietošanas elektrisko
      skrejriteņu nomas operators nodrošina civiltiesiskās atbildības apdrošināšanu par
      zaudējumiem, ko skrejriteņa vadītājs nodara trešajām personām."
    9. Grozījumi stājas spēkā 2027. gada 1. aprīlī.
    """

SCOOTERS = ConsultationSpec(
    key="sam-skrejriteni",
    status=Status.DECIDED,
    institution=SAM,
    title="Grozījumi Ceļu satiksmes noteikumos par elektriskajiem skrejriteņiem",
    summary="""
        Ar elektrisko skrejriteni varēs braukt no 16 gadiem (no 14 gadiem – ar velosipēda
        vadītāja apliecību), pa ietvi – ne ātrāk par 10 km/h, un divatā braukt būs aizliegts.
        Nomas uzņēmumiem būs jāapdrošina zaudējumi, ko skrejriteņu vadītāji nodara gājējiem.""",
    problem="""
        Negadījumu ar elektriskajiem skrejriteņiem skaits trīs gados ir četrkāršojies, un
        gājēji ietvēs jūtas apdraudēti.""",
    goal="""
        Drošāka satiksme gājējiem un skrejriteņu vadītājiem.""",
    topic="transports",
    groups=("iedzivotaji", "jauniesi", "uznemumi", "personas-ar-invaliditati"),
    stage="adoption",
    form="written_consultation",
    act_type="cabinet_regulation",
    official="Kaspars Lūsis",
    contact_email="kaspars.lusis@sam.gov.lv",
    contact_phone="+371 67028145",
    dates=Dates(announced=-160, opens=-155, closes=-120, version2=-140, feedback=-95, decided=-60),
    text=SCOOTERS_V1,
    version2_text=SCOOTERS_V2,
    version2_note="""
        Vecuma robeža paaugstināta līdz 16 gadiem (no 14 gadiem ar velosipēda vadītāja
        apliecību), ātrums uz ietves – 10 km/h, svītrota prasība par atstarojošu apģērbu,
        pievienota nomas operatoru apdrošināšana.""",
    opinions=(
        Op(
            "arturs",
            OBJECTION,
            "1",
            """
            14 gadi ir par agru. Pusaudži ietvēs brauc ar 25 km/h, un negadījumu ar gājējiem
            kļūst arvien vairāk.""",
            answer=Reply(
                PARTLY,
                """
            Vecuma robeža paaugstināta līdz 16 gadiem. No 14 gadiem vadīt drīkstēs tikai ar
            velosipēda vadītāja apliecību, kas apliecina satiksmes noteikumu zināšanas.""",
                new_wording="""
            Vadīt elektrisko skrejriteni atļauts personām no 16 gadu vecuma vai no 14 gadu
            vecuma, ja personai ir velosipēda vadītāja apliecība; personām līdz 18 gadu
            vecumam jālieto aizsargķivere.""",
            ),
        ),
        Op(
            "martins",
            PROPOSAL,
            "3",
            """
            Prasība braukt pa veloceliņu ir pareiza, bet daudzviet veloceliņi ir pārāk šauri.
            Vienlaikus jāplāno to paplašināšana.""",
            org="riteni",
            answer=Reply(
                OUT_OF_SCOPE,
                """
            Veloceliņu platumu un izbūvi nosaka būvnormatīvi un pašvaldību plānojums, nevis
            Ceļu satiksmes noteikumi. Priekšlikumu nosūtījām Latvijas Pašvaldību savienībai.
            """,
            ),
        ),
        Op(
            "gunta",
            OBJECTION,
            "2",
            """
            "Gājēja ātrums" ir neskaidrs jēdziens, policija to nevarēs kontrolēt. Jānosaka
            konkrēts ātrums.""",
            answer=Reply(
                TAKEN,
                """
            Noteikts konkrēts ātrums uz ietves – 10 km/h.""",
                new_wording="""
            Elektriskā skrejriteņa ātrums nedrīkst pārsniegt 25 km/h. Uz ietves vadītājs
            pārvietojas ar ātrumu, kas nepārsniedz 10 km/h, un dod ceļu gājējiem.""",
            ),
        ),
        Op(
            "sergejs",
            SUPPORT,
            "5",
            """
            Pilnībā atbalstu aizliegumu braukt divatā. Katru vakaru redzu uz viena skrejriteņa
            divus pusaudžus.""",
            show=False,
            answer=Reply(
                NOTED,
                """
            Paldies par atbalstu.""",
            ),
        ),
        Op(
            "liga",
            OBJECTION,
            "4",
            """
            Atstarojošs apģērbs ir pārspīlēta prasība, ja skrejritenim ir lukturi.
            Velosipēdistiem tādas prasības nav.""",
            answer=Reply(
                TAKEN,
                """
            Prasība par atstarojošu apģērbu svītrota; lukturi jāieslēdz diennakts tumšajā
            laikā, tāpat kā velosipēdiem.""",
                new_wording="""
            Diennakts tumšajā laikā elektriskajam skrejritenim jābūt ieslēgtam priekšējam
            baltam un aizmugurējam sarkanam lukturim.""",
            ),
        ),
        Op(
            "sandra",
            PROPOSAL,
            "6",
            """
            Uz ietves nomesti skrejriteņi ir bīstami neredzīgiem cilvēkiem. Operatoriem jāmaksā
            sods, ja skrejritenis traucē gājējiem, un tas jānovāc divu stundu laikā.""",
            org="piekluve",
            answer=Reply(
                PARTLY,
                """
            Novietošanas aizliegums saglabāts, un sodus operatoriem pašvaldības var noteikt
            saistošajos noteikumos. Novākšanas termiņu iekļaus nomas atļauju nosacījumos,
            nevis Ceļu satiksmes noteikumos.""",
            ),
        ),
        Op(
            "raimonds",
            QUESTION,
            "7",
            """
            Vai būs aizliegts arī klausīties mūziku austiņās, braucot ar skrejriteni?""",
            answer=Reply(
                NOTED,
                """
            Nē. Austiņas nav aizliegtas arī velosipēdistiem; noteikumi aizliedz turēt tālruni
            rokā. Teksts nav jāmaina.""",
            ),
        ),
        Op(
            "janis",
            PROPOSAL,
            None,
            """
            Elektriskajiem skrejriteņiem jāievieš reģistrācija un numura zīmes, lai pārkāpējus
            varētu identificēt.""",
            answer=Reply(
                NOT_TAKEN,
                """
            Reģistrācija radītu nesamērīgu administratīvo slogu vairāk nekā 200 000
            skrejriteņu īpašniekiem. Koplietošanas skrejriteņus identificē pēc nomas
            operatora numura.""",
            ),
        ),
        Op(
            "dace",
            SUPPORT,
            "8",
            """
            Atbalstu prasību par operatoru apdrošināšanu – līdz šim cietušajiem gājējiem
            bija jātiesājas ar pašu vadītāju.""",
            v=2,
            answer=Reply(
                NOTED,
                """
            Paldies par atbalstu.""",
            ),
        ),
        Op(
            "martins",
            OBJECTION,
            "2",
            """
            10 km/h uz ietves ir pārāk maz – skrejriteņu ātrummēri tik mazu ātrumu precīzi
            nerāda.""",
            org="riteni",
            v=2,
            answer=Reply(
                NOT_TAKEN,
                """
            10 km/h atbilst ātram gājēja solim un ir drošs ātrums ietvē. Kas vēlas braukt
            ātrāk, var izmantot veloceliņu vai brauktuvi.""",
            ),
        ),
        Op(
            "kristine",
            QUESTION,
            "1",
            """
            Kā 14 gadus vecs bērns var iegūt velosipēda vadītāja apliecību? Vai to varēs
            izdarīt skolā?""",
            org="vecaki",
            v=2,
            answer=Reply(
                NOTED,
                """
            Velosipēda vadītāja apliecību var iegūt no 12 gadu vecuma skolā vai CSDD. Ar
            Izglītības un zinātnes ministriju vienojāmies par apmācību skolās.""",
            ),
        ),
        Op(
            "oskars",
            PROPOSAL,
            "8",
            """
            Apdrošināšanai jānosaka minimālā summa, citādi operatori izvēlēsies lētāko polisi
            ar niecīgu atlīdzību.""",
            v=2,
            wording="""
            ... apdrošināšanu ar apdrošinājuma summu ne mazāku kā 100 000 eiro ...""",
            answer=Reply(
                TAKEN,
                """
            Punkts papildināts ar minimālo apdrošinājuma summu.""",
                new_wording="""
            Koplietošanas elektrisko skrejriteņu nomas operators nodrošina civiltiesiskās
            atbildības apdrošināšanu ar apdrošinājuma summu ne mazāku kā 100 000 eiro par
            zaudējumiem, ko skrejriteņa vadītājs nodara trešajām personām.""",
            ),
        ),
    ),
    decision_url=(
        "https://likumi.lv/ta/id/361842-grozijumi-ministru-kabineta-2015-gada-2-junija-"
        "noteikumos-nr-279-celu-satiksmes-noteikumi"
    ),
    decision_summary="""
        Ministru kabinets grozījumus pieņēma ar konsultācijā ieviestajām izmaiņām: vecuma
        robeža 16 gadi (no 14 gadiem ar velosipēda vadītāja apliecību), ātrums uz ietves
        10 km/h un nomas operatoru apdrošināšana vismaz 100 000 eiro apmērā. Grozījumi stājas
        spēkā 2027. gada 1. aprīlī.""",
)

CONSULTATIONS = (SCHOOL_YEAR, SCOOTERS)
