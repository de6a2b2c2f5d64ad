"""Labklājības ministrija: an urgent consultation with a shortened period, and an answered
one published with a justification for the opinions still unanswered."""

from __future__ import annotations

from lidzdaliba.consultations.models import Status

from ..specs import (
    NOT_TAKEN,
    NOTED,
    OBJECTION,
    PROPOSAL,
    QUESTION,
    SUPPORT,
    TAKEN,
    ConsultationSpec,
    Dates,
    Op,
    Reply,
)

LM = "labklajibas-ministrija"

HEATING_SUPPORT = ConsultationSpec(
    key="lm-apkure",
    status=Status.OPEN,
    institution=LM,
    title="Noteikumi par vienreizēju atbalstu apkures izdevumu segšanai 2026./2027. gada "
    "apkures sezonā",
    summary="""
        Mājsaimniecības ar nelieliem ienākumiem šoziem varēs saņemt vienreizēju atbalstu
        150 eiro apmērā, bet tās, kas kurina ar malku vai granulām, – 200 eiro. Pensionāriem,
        kuri jau saņem mājokļa pabalstu, nekur nebūs jāpiesakās.""",
    problem="""
        Apkures cenas šajā sezonā ir pieaugušas, un mājsaimniecībām ar zemiem ienākumiem
        rēķini veido pat trešdaļu no ienākumiem.""",
    goal="""
        Palīdzēt mājsaimniecībām ar zemiem ienākumiem samaksāt par apkuri šajā ziemā.""",
    topic="socialie-jautajumi",
    groups=("iedzivotaji", "pensionari", "personas-ar-invaliditati", "pasvaldibas"),
    stage="adoption",
    form="written_consultation",
    act_type="cabinet_regulation",
    official="Sanita Krūze",
    contact_email="sanita.kruze@lm.gov.lv",
    contact_phone="+371 67021588",
    dates=Dates(announced=-7, opens=-6, closes=4),
    short_period_justification="""
        Apkures sezona jau sākusies, un atbalsts jāizmaksā līdz janvārim. Lai Ministru
        kabinets noteikumus varētu pieņemt decembra sākumā, apspriešanai atvēlētas 10 dienas,
        nevis 30. Projekts ir līdzīgs pagājušās sezonas noteikumiem, par kuriem sabiedrība jau
        izteicās.""",
    text="""
        Noteikumi par vienreizēju atbalstu apkures izdevumu segšanai 2026./2027. gada apkures
          sezonā
        I. Vispārīgie jautājumi
        1. Noteikumi nosaka, kam un kādā apmērā valsts izmaksā vienreizēju atbalstu apkures
          izdevumu segšanai.
        2. Atbalstu izmaksā no valsts budžeta līdzekļiem ar pašvaldības sociālā dienesta
          starpniecību.
        II. Atbalsta saņēmēji un apmērs
        3. Atbalstu var saņemt mājsaimniecība, kuras ienākumi uz vienu locekli mēnesī
          nepārsniedz 800 eiro.
        4. Vientuļi pensionāri un personas ar invaliditāti atbalstu saņem, ja viņu ienākumi
          nepārsniedz 1000 eiro mēnesī.
        5. Atbalsta apmērs ir 150 eiro mājsaimniecībai ar centralizētu apkuri un 200 eiro
          mājsaimniecībai, kas apkurei izmanto malku vai granulas.
        III. Pieteikšanās
        6. Atbalstam piesakās pašvaldības sociālajā dienestā vai portālā Latvija.gov.lv līdz
          2027. gada 31. martam.
        7. Sociālais dienests lēmumu pieņem 10 darba dienu laikā un atbalstu izmaksā piecu
          darba dienu laikā pēc lēmuma.
        8. Pensionāriem, kuri jau saņem mājokļa pabalstu, atbalstu piešķir bez atsevišķa
          iesnieguma.
        """,
    opinions=(
        Op(
            "inese",
            OBJECTION,
            "3",
            """
            800 eiro robeža ir par zemu. Pensionāru pārim ar 850 eiro pensiju katram apkure
            vecā mājā tāpat ir liels slogs.""",
        ),
        Op(
            "sandra",
            PROPOSAL,
            "4",
            """
            Personām ar invaliditāti ir lieli papildu izdevumi par zālēm un palīglīdzekļiem.
            Ierosinām ienākumu slieksni 1200 eiro.""",
            org="piekluve",
            wording="""
            Vientuļi pensionāri atbalstu saņem, ja viņu ienākumi nepārsniedz 1000 eiro mēnesī,
            bet personas ar invaliditāti – ja ienākumi nepārsniedz 1200 eiro mēnesī.""",
        ),
        Op(
            "aivars",
            SUPPORT,
            "5",
            """
            Pareizi, ka malkas apkurei paredzēts lielāks atbalsts. Laukos malkas cena šogad
            pieaugusi par trešdaļu.""",
        ),
        Op(
            "gunta",
            QUESTION,
            "6",
            """
            Vai var pieteikties, ja dzīvoklī esmu deklarēta, bet īres līgums noslēgts uz cita
            ģimenes locekļa vārda?""",
        ),
        Op(
            "maija",
            PROPOSAL,
            "8",
            """
            Atbalsts bez iesnieguma jāpiešķir arī personām ar invaliditāti, kuras saņem
            mājokļa pabalstu, ne tikai pensionāriem.""",
            wording="""
            Pensionāriem un personām ar invaliditāti, kuri jau saņem mājokļa pabalstu,
            atbalstu piešķir bez atsevišķa iesnieguma.""",
        ),
        Op(
            "nikolajs",
            OBJECTION,
            None,
            """
            Desmit dienas apspriešanai ir par maz. Daudzi seniori par projektu uzzinās tikai
            tad, kad tas jau būs pieņemts.""",
            show=False,
        ),
    ),
)

ASSISTANT_V1 = """
    Noteikumi par asistenta pakalpojumu personām ar invaliditāti
    I. Vispārīgie jautājumi
    1. Noteikumi nosaka kārtību, kādā pašvaldība nodrošina asistenta pakalpojumu personām ar
      I vai II grupas invaliditāti un bērniem ar invaliditāti.
    2. Asistents palīdz personai pārvietoties ārpus mājokļa, apmeklēt darbu, izglītības
      iestādi, ārstu un sociālās aktivitātes.
    II. Pakalpojuma piešķiršana
    3. Pakalpojumu piešķir, pamatojoties uz Veselības un darbspēju ekspertīzes ārstu valsts
      komisijas atzinumu par asistenta nepieciešamību.
    4. Pašvaldība lēmumu pieņem viena mēneša laikā no iesnieguma saņemšanas.
    5. Pakalpojuma apjoms ir ne vairāk kā 40 stundas nedēļā.
    6. Persona var izvēlēties asistentu pati, tostarp ģimenes locekli, kas nedzīvo ar personu
      vienā mājsaimniecībā.
    III. Uzskaite un samaksa
    7. Asistents reizi mēnesī iesniedz pašvaldībai rakstisku pārskatu par sniegtajām stundām.
    8. Pašvaldība asistentam izmaksā atlīdzību reizi mēnesī.
    9. Asistenta atlīdzība ir 5,50 eiro stundā.
    10. Bērniem ar invaliditāti pakalpojuma apjoms ir ne vairāk kā 20 stundas nedēļā.
    IV. Noslēguma jautājums
    11. Noteikumi stājas spēkā 2027. gada 1. janvārī.
    """

ASSISTANT_V2 = """
    Noteikumi par asistenta pakalpojumu personām ar invaliditāti
    I. Vispārīgie jautājumi
    1. Noteikumi nosaka kārtību, kādā pašvaldība nodrošina asistenta pakalpojumu personām ar
      I vai II grupas invaliditāti un bērniem ar invaliditāti.
    2. Asistents palīdz personai pārvietoties ārpus mājokļa, apmeklēt darbu, izglītības
      iestādi, ārstu un sociālās aktivitātes.
    II. Pakalpojuma piešķiršana
    3. Pakalpojumu piešķir, pamatojoties uz Veselības un darbspēju ekspertīzes ārstu valsts
      komisijas atzinumu par asistenta nepieciešamību.
    4. Pašvaldība lēmumu pieņem 10 darba dienu laikā no iesnieguma saņemšanas.
    5. Pakalpojuma apjoms ir ne vairāk kā 40 stundas nedēļā.
    6. Persona var izvēlēties asistentu pati, tostarp ģimenes locekli.
    III. Uzskaite un samaksa
    7. Asistents reizi mēnesī iesniedz pašvaldībai pārskatu par sniegtajām stundām; pārskatu
      var iesniegt arī elektroniski portālā Latvija.gov.lv.
    8. Pašvaldība asistentam izmaksā atlīdzību reizi mēnesī.
    9. Asistenta atlīdzība ir 5,50 eiro stundā.
    10. Bērniem ar invaliditāti pakalpojuma apjoms ir ne vairāk kā 20 stundas nedēļā.
    11. Pašvaldība pārskata pakalpojuma apjomu pēc personas lūguma, ja mainījušās tās
      vajadzības.
    IV. Noslēguma jautājums
    12. Noteikumi stājas spēkā 2027. gada 1. janvārī.
    """

ASSISTANT = ConsultationSpec(
    key="lm-asistents",
    status=Status.ANSWERED,
    institution=LM,
    title="Noteikumi par asistenta pakalpojumu personām ar invaliditāti",
    summary="""
        Cilvēki ar invaliditāti asistentu saņems ātrāk, un par asistentu varēs būt arī
        ģimenes loceklis, kas dzīvo kopā. Asistents stundu pārskatu varēs iesniegt
        elektroniski.""",
    problem="""
        Lēmums par asistentu pašlaik jāgaida līdz mēnesim, un laukos bieži nav neviena, kas
        varētu būt asistents, izņemot ģimenes locekļus.""",
    goal="""
        Ātrāks un elastīgāks asistenta pakalpojums, kas palīdz dzīvot patstāvīgi.""",
    topic="socialie-jautajumi",
    groups=("personas-ar-invaliditati", "gimenes", "pasvaldibas", "nvo"),
    stage="drafting",
    form="written_consultation",
    act_type="cabinet_regulation",
    official="Sanita Krūze",
    contact_email="sanita.kruze@lm.gov.lv",
    contact_phone="+371 67021588",
    dates=Dates(announced=-75, opens=-73, closes=-43, version2=-60, feedback=-12),
    text=ASSISTANT_V1,
    version2_text=ASSISTANT_V2,
    version2_note="""
        Lēmuma termiņš saīsināts līdz 10 darba dienām, asistents var būt arī kopā dzīvojošs
        ģimenes loceklis, pārskatu var iesniegt elektroniski, pievienots punkts par apjoma
        pārskatīšanu.""",
    feedback_justification="""
        Trīs viedokļi par asistenta atlīdzību un stundu skaitu bērniem (9. un 10. punkts) ir
        atkarīgi no 2027. gada valsts budžeta. Uz tiem atbildēsim pēc budžeta pieņemšanas
        Saeimā, bet pārējās atbildes publicējam jau tagad, lai pašvaldības varētu
        sagatavoties.""",
    opinions=(
        Op(
            "sandra",
            OBJECTION,
            "4",
            """
            Viens mēnesis lēmuma pieņemšanai ir par ilgu. Cilvēkam, kurš tikko ieguvis
            invaliditāti, asistents vajadzīgs uzreiz.""",
            org="piekluve",
            answer=Reply(
                TAKEN,
                """
            Termiņš saīsināts līdz 10 darba dienām.""",
                new_wording="""
            Pašvaldība lēmumu pieņem 10 darba dienu laikā no iesnieguma saņemšanas.""",
            ),
        ),
        Op(
            "elina",
            PROPOSAL,
            "6",
            """
            Ierobežojums, ka ģimenes loceklis nedrīkst dzīvot vienā mājsaimniecībā, laukos
            nozīmē, ka asistenta nebūs vispār.""",
            answer=Reply(
                TAKEN,
                """
            Ierobežojums svītrots – asistents var būt arī ģimenes loceklis, kas dzīvo kopā ar
            personu.""",
                new_wording="""
            Persona var izvēlēties asistentu pati, tostarp ģimenes locekli.""",
            ),
        ),
        Op(
            "raimonds",
            QUESTION,
            "3",
            """
            Cik ilgi jāgaida komisijas atzinums? Tagad rinda ir vairāki mēneši.""",
            answer=Reply(
                NOTED,
                """
            Atzinuma termiņu – 30 dienas – nosaka Veselības un darbspēju ekspertīzes ārstu
            valsts komisijas nolikums; šie noteikumi to nemaina. Ar komisiju esam vienojušies
            par rindas samazināšanas plānu.""",
            ),
        ),
        Op(
            "kristine",
            OBJECTION,
            "10",
            """
            20 stundas nedēļā bērnam ar smagu invaliditāti nepietiek, ja bērns skolu apmeklē
            piecas dienas nedēļā.""",
            org="vecaki",
        ),
        Op(
            "sergejs",
            OBJECTION,
            "9",
            """
            5,50 eiro stundā ir mazāk nekā minimālā stundas likme. Par tādu samaksu asistentus
            neatradīs.""",
            show=False,
        ),
        Op(
            "zane",
            PROPOSAL,
            "7",
            """
            Rakstiski pārskati katru mēnesi ir liels slogs. Lūdzu atļaut pārskatu iesniegt
            elektroniski.""",
            answer=Reply(
                TAKEN,
                """
            Papildināts 7. punkts.""",
                new_wording="""
            Asistents reizi mēnesī iesniedz pašvaldībai pārskatu par sniegtajām stundām;
            pārskatu var iesniegt arī elektroniski portālā Latvija.gov.lv.""",
            ),
        ),
        Op(
            "sandra",
            SUPPORT,
            "11",
            """
            Atbalstām jauno 11. punktu par apjoma pārskatīšanu – vajadzības mainās, un
            līdz šim tas nebija iespējams.""",
            org="piekluve",
            v=2,
            answer=Reply(
                NOTED,
                """
            Paldies par atbalstu.""",
            ),
        ),
        Op(
            "maija",
            PROPOSAL,
            "9",
            """
            Atlīdzību jāpiesaista minimālajai stundas tarifa likmei, lai noteikumi nav jāgroza
            katru gadu.""",
            v=2,
        ),
        Op(
            "janis",
            QUESTION,
            "5",
            """
            Vai 40 stundās ieskaita arī laiku, ko asistents pavada ceļā kopā ar personu?""",
            v=2,
            answer=Reply(
                NOTED,
                """
            Jā, ieskaita visu laiku, ko asistents pavada kopā ar personu, arī ceļā. To
            paskaidrosim metodiskajos ieteikumos pašvaldībām.""",
            ),
        ),
        Op(
            "linda",
            OBJECTION,
            "2",
            """
            Asistentam jāpalīdz arī mājās, ne tikai ārpus mājokļa.""",
            v=2,
            answer=Reply(
                NOT_TAKEN,
                """
            Palīdzību mājās nodrošina aprūpes mājās pakalpojums, ko regulē citi noteikumi.
            Asistenta pakalpojums paredzēts dalībai sabiedrības dzīvē ārpus mājokļa.""",
            ),
        ),
    ),
)

CONSULTATIONS = (HEATING_SUPPORT, ASSISTANT)
