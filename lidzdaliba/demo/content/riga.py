"""Rīgas valstspilsētas pašvaldība: decided dog rules (with a small campaign of near-identical
opinions answered together) and an open cycling programme."""

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

RIGA = "rigas-valstspilsetas-pasvaldiba"

PARK_HOURS = Reply(
    PARTLY,
    """
    Līdzīgus priekšlikumus saņēmām no vairākiem iedzīvotājiem, tāpēc atbildam kopā.
    Noteikumos pievienota iespēja pašvaldībai noteikt zonas lielajos parkos, kur suņus bez
    pavadas drīkst vest no plkst. 6.00 līdz 8.00; pirmās zonas būs Mežaparkā un Uzvaras parkā.
    Pārējā laikā un citos parkos suņus ved pavadā, lai parkos droši justos arī bērni un
    citi apmeklētāji.""",
    new_wording="""
    Suni bez pavadas drīkst palaist iežogotos suņu pastaigu laukumos, kā arī pašvaldības
    noteiktās parku zonās no plkst. 6.00 līdz 8.00.""",
)

DOGS = ConsultationSpec(
    key="riga-suni",
    status=Status.DECIDED,
    institution=RIGA,
    title='Saistošie noteikumi "Par suņu turēšanu un pastaigu laukumiem"',
    summary="""
        Parkos un uz ielām suņi būs jāved pavadā, bet bez pavadas tos varēs palaist
        iežogotos laukumos, kādu pašvaldība ierīkos katrā lielākajā apkaimē. Suņiem nebūs
        atļauts atrasties bērnu rotaļu laukumos un pludmalēs peldsezonā.""",
    problem="""
        Rīgā ir vairāk nekā 40 000 suņu, bet tikai 19 suņu pastaigu laukumi. Parkos bieži
        rodas konflikti starp suņu īpašniekiem un ģimenēm ar bērniem.""",
    goal="""
        Skaidri noteikumi, kas ļauj sadzīvot suņu īpašniekiem un citiem parku apmeklētājiem.""",
    topic="drosiba",
    groups=("iedzivotaji", "gimenes", "nvo"),
    stage="adoption",
    form="written_consultation",
    act_type="municipal_binding_regulation",
    official="Andris Tomsons",
    contact_email="andris.tomsons@riga.lv",
    contact_phone="+371 67012455",
    dates=Dates(announced=-110, opens=-105, closes=-91, feedback=-70, decided=-40),
    text="""
        Rīgas valstspilsētas pašvaldības saistošie noteikumi "Par suņu turēšanu un pastaigu
          laukumiem"
        Izdoti saskaņā ar Pašvaldību likuma 45. panta otro daļu
        I. Vispārīgie jautājumi
        1. Saistošie noteikumi nosaka suņu pastaigu kārtību publiskās vietās Rīgā un suņu
          pastaigu laukumu ierīkošanu.
        2. Noteikumi neattiecas uz asistēšanas suņiem un suņiem, kas pilda dienesta
          pienākumus.
        II. Pastaigas publiskās vietās
        3. Parkos, skvēros un uz ielām suni ved pavadā, kas nav garāka par trim metriem.
        4. Suņiem aizliegts atrasties bērnu rotaļu laukumos, sporta laukumos un peldsezonas
          laikā – pludmalēs.
        5. Suni bez pavadas drīkst palaist tikai iežogotos suņu pastaigu laukumos.
        6. Suņa īpašnieks nekavējoties savāc suņa ekskrementus un izmet tos atkritumu tvertnē.
        III. Suņu pastaigu laukumi
        7. Pašvaldība katrā apkaimē ar vairāk nekā 5000 iedzīvotāju ierīko vismaz vienu
          iežogotu suņu pastaigu laukumu.
        8. Suņu pastaigu laukumus aprīko ar atkritumu tvertnēm, soliņiem un apgaismojumu.
        IV. Atbildība
        9. Par šo noteikumu pārkāpšanu piemēro brīdinājumu vai naudas sodu līdz 350 eiro.
        """,
    opinions=(
        # A small campaign: dog owners sent almost the same text.
        Op(
            "anna",
            PROPOSAL,
            "5",
            """
            Lūdzu atļaut suņus bez pavadas vest arī lielos parkos agrā rītā līdz plkst. 8.00,
            piemēram, Mežaparkā un Uzvaras parkā. Suņu laukumu ir par maz, un tie ir
            pārpildīti.""",
            batch="park-hours",
            answer=PARK_HOURS,
        ),
        Op(
            "janis",
            PROPOSAL,
            "5",
            """
            Lūdzu atļaut suņus bez pavadas vest lielos parkos agrā rītā līdz plkst. 8.00,
            piemēram, Mežaparkā un Uzvaras parkā. Suņu laukumu ir par maz, un tie ir pārpildīti.
            """,
            batch="park-hours",
        ),
        Op(
            "zane",
            PROPOSAL,
            "5",
            """
            Atbalstu kaimiņu priekšlikumu: atļaut suņus bez pavadas lielos parkos rītos līdz
            plkst. 8.00. Suņu laukumu ir par maz, un tie ir pārpildīti.""",
            batch="park-hours",
        ),
        Op(
            "linda",
            PROPOSAL,
            "5",
            """
            Lūdzu atļaut suņus bez pavadas vest arī lielos parkos agri no rīta, piemēram,
            Mežaparkā. Laukumi ir par maz un pārpildīti.""",
            batch="park-hours",
            show=False,
        ),
        Op(
            "guntis",
            PROPOSAL,
            "5",
            """
            Lūdzu atļaut suņus bez pavadas vest lielos parkos agrā rītā līdz plkst. 8.00. Suņu
            laukumu ir par maz, un tie ir pārpildīti.""",
            batch="park-hours",
        ),
        Op(
            "maija",
            PROPOSAL,
            "5",
            """
            Lūdzu atļaut suņus bez pavadas vest arī lielos parkos agrā rītā līdz plkst. 8.00,
            piemēram, Uzvaras parkā. Suņu laukumu ir par maz, un tie ir pārpildīti.""",
            batch="park-hours",
            show=False,
        ),
        Op(
            "peteris",
            SUPPORT,
            "7",
            """
            Atbalstām laukumu ierīkošanu katrā apkaimē. Lūdzam laukumu vietas izvēlēties kopā
            ar apkaimju biedrībām, lai tie netiktu ierīkoti tieši zem dzīvokļu logiem.""",
            org="zalas",
            answer=Reply(
                TAKEN,
                """
            Piekrītam, laukumu vietas saskaņosim ar apkaimes iedzīvotājiem.""",
                new_wording="""
            Pašvaldība katrā apkaimē ar vairāk nekā 5000 iedzīvotāju ierīko vismaz vienu
            iežogotu suņu pastaigu laukumu, tā vietu saskaņojot ar apkaimes iedzīvotājiem.""",
            ),
        ),
        Op(
            "kristine",
            SUPPORT,
            "4",
            """
            Vecāki atbalsta aizliegumu suņiem atrasties rotaļu laukumos. Diemžēl tas bieži
            netiek ievērots.""",
            org="vecaki",
            answer=Reply(
                NOTED,
                """
            Paldies. Pirmajos mēnešos pēc noteikumu stāšanās spēkā pašvaldības policija
            rotaļu laukumus kontrolēs pastiprināti.""",
            ),
        ),
        Op(
            "sergejs",
            OBJECTION,
            "3",
            """
            Trīs metru pavada ir par īsu lieliem suņiem. Ruletes pavadas parasti ir piecus
            metrus garas.""",
            show=False,
            answer=Reply(
                NOT_TAKEN,
                """
            Trīs metri ļauj suni kontrolēt arī tad, ja garām iet bērni vai brauc riteņbraucēji.
            Garāku pavadu var lietot suņu pastaigu laukumos.""",
            ),
        ),
        Op(
            "sandra",
            PROPOSAL,
            "2",
            """
            Lūdzam precizēt, ka noteikumi neattiecas arī uz suņiem, kurus apmāca par
            asistēšanas suņiem.""",
            org="piekluve",
            answer=Reply(
                TAKEN,
                """
            Precizēts.""",
                new_wording="""
            Noteikumi neattiecas uz asistēšanas suņiem, suņiem, kurus apmāca par asistēšanas
            suņiem, un suņiem, kas pilda dienesta pienākumus.""",
            ),
        ),
        Op(
            "raimonds",
            QUESTION,
            "9",
            """
            Vai nauda no sodiem tiks izlietota suņu laukumu ierīkošanai?""",
            answer=Reply(
                NOTED,
                """
            Naudas sodus ieskaita pašvaldības budžetā kopumā, tie nav piesaistīti konkrētiem
            izdevumiem. Suņu laukumiem 2027. gada budžetā paredzēti 300 000 eiro.""",
            ),
        ),
        Op(
            "valdis",
            PROPOSAL,
            "6",
            """
            Pie parku ieejām vajag maisiņu dozatorus – tad ekskrementus savāks vairāk cilvēku.
            """,
            answer=Reply(
                NOTED,
                """
            Dozatorus uzstādīsim pie visiem suņu laukumiem un lielāko parku ieejām. Tas ir
            apsaimniekošanas jautājums, tāpēc noteikumu teksts nav jāmaina.""",
            ),
        ),
        Op(
            "ilze",
            OBJECTION,
            None,
            """
            Noteikumi ir vērsti tikai pret suņu īpašniekiem. Vairums no mums ir atbildīgi,
            problēmas rada tikai daži.""",
            answer=Reply(
                NOT_TAKEN,
                """
            Noteikumi attiecas uz visiem vienādi, un to mērķis ir skaidrība gan suņu
            īpašniekiem, gan citiem parku apmeklētājiem. Jaunie laukumi un parku zonas suņu
            īpašnieku iespējas paplašina.""",
            ),
        ),
        Op(
            "tatjana",
            PROPOSAL,
            None,
            """
            Pensionāriem vajadzētu samazināt suņu nodevu.""",
            show=False,
            answer=Reply(
                OUT_OF_SCOPE,
                """
            Suņu nodevu nosaka citi saistošie noteikumi – "Par pašvaldības nodevu par suņa
            turēšanu". Priekšlikumu nodevām Finanšu departamentam, kas gatavo to grozījumus.
            """,
            ),
        ),
    ),
    decision_url="https://www.riga.lv/lv/saistosie-noteikumi/par-sunu-turesanu-un-pastaigu-laukumiem",
    decision_summary="""
        Rīgas dome saistošos noteikumus pieņēma ar izmaiņām: noteiktās parku zonās suņus bez
        pavadas drīkst vest no plkst. 6.00 līdz 8.00, un laukumu vietas saskaņo ar apkaimju
        iedzīvotājiem. Noteikumi stājas spēkā 2027. gada 1. janvārī.""",
)

CYCLING = ConsultationSpec(
    key="riga-velo",
    status=Status.OPEN,
    institution=RIGA,
    title="Rīgas velosatiksmes attīstības programma 2027.–2030. gadam",
    summary="""
        Programma paredz sešus nepārtrauktus velomaršrutus no apkaimēm uz centru, no
        brauktuves atdalītas velojoslas un drošas velonovietnes pie skolām. Par programmu
        rīkosim arī publisku apspriešanas sanāksmi Rīgas domē un tiešsaistē.""",
    problem="""
        Rīgas veloceliņi ir sadrumstaloti un krustojumos pārtrūkst, tāpēc daudzi, īpaši
        vecāki ar bērniem, ar velosipēdu braukt baidās.""",
    goal="""
        Līdz 2030. gadam divkāršot to rīdzinieku skaitu, kas ikdienā pārvietojas ar
        velosipēdu.""",
    topic="transports",
    groups=("iedzivotaji", "gimenes", "jauniesi", "uznemumi"),
    stage="solution_design",
    form="public_meeting",
    act_type="policy_planning_document",
    official="Andris Tomsons",
    contact_email="andris.tomsons@riga.lv",
    contact_phone="+371 67012455",
    dates=Dates(announced=-14, opens=-12, closes=6),
    text="""
        Rīgas velosatiksmes attīstības programma 2027.–2030. gadam
        I. Esošā situācija
        1. Rīgā ir 140 km veloinfrastruktūras, taču tā ir sadrumstalota, un daudzi maršruti
          pārtrūkst krustojumos.
        2. Ar velosipēdu ikdienā pārvietojas 6 procenti rīdzinieku; mērķis ir 12 procenti
          līdz 2030. gadam.
        II. Velotīkla attīstība
        3. Līdz 2030. gadam izveido sešus nepārtrauktus velomaršrutus no apkaimēm uz centru,
          tostarp no Purvciema, Imantas, Ķengaraga un Sarkandaugavas.
        4. Velojoslas uz ielām ar intensīvu satiksmi atdala no brauktuves ar fizisku barjeru.
        5. Krustojumos ierīko atsevišķus luksoforus velosipēdistiem un gaidīšanas zonas.
        III. Novietnes un pakalpojumi
        6. Pie katras skolas, bibliotēkas un lielākajām sabiedriskā transporta pieturām
          ierīko drošas velonovietnes.
        7. Rīgas centrā ierīko slēgtas velonovietnes, kurām piekļūst ar e-talonu.
        IV. Drošība un uzturēšana
        8. Veloceliņus ziemā tīra tikpat prioritāri kā ietves.
        9. Pašvaldība ik gadu publicē velosatiksmes negadījumu karti un novērš bīstamākās
          vietas.
        """,
    opinions=(
        Op(
            "martins",
            PROPOSAL,
            "3",
            """
            Starp sešiem maršrutiem jābūt arī maršrutam no Pļavniekiem un Ziepniekkalna, kur
            dzīvo daudz ģimeņu ar bērniem.""",
            org="riteni",
            wording="""
            Līdz 2030. gadam izveido sešus nepārtrauktus velomaršrutus no apkaimēm uz centru,
            tostarp no Purvciema, Pļavniekiem, Imantas, Ķengaraga, Ziepniekkalna un
            Sarkandaugavas.""",
        ),
        Op(
            "arturs",
            SUPPORT,
            "4",
            """
            Fiziski atdalītas velojoslas ir vienīgais veids, kā bērni var droši braukt uz
            skolu.""",
        ),
        Op(
            "roberts",
            OBJECTION,
            "4",
            """
            Fiziskas barjeras uz šaurām ielām apgrūtinās preču piegādi veikaliem. Lūdzam
            paredzēt piegādes zonas vismaz ik pēc 100 metriem.""",
            org="logistika",
        ),
        Op(
            "gunta",
            QUESTION,
            "7",
            """
            Cik maksās slēgtās velonovietnes lietošana, un vai tā būs pieejama arī tiem, kam
            nav e-talona?""",
        ),
        Op(
            "liga",
            PROPOSAL,
            "8",
            """
            Ziemā veloceliņi jānotīra līdz plkst. 7.00, jo daudzi uz darbu brauc agri.""",
            wording="""
            Veloceliņus ziemā tīra tikpat prioritāri kā ietves un darba dienās notīra līdz
            plkst. 7.00.""",
        ),
        Op(
            "nikolajs",
            OBJECTION,
            "2",
            """
            12 procenti Rīgas klimatā nav reāls mērķis. Līdzekļus labāk ieguldīt sabiedriskajā
            transportā.""",
            show=False,
        ),
        Op(
            "zane",
            PROPOSAL,
            "6",
            """
            Velonovietnēm pie skolām jābūt zem jumta, citādi lietainā laikā bērni ar
            velosipēdu nebrauks.""",
        ),
        Op(
            "elina",
            SUPPORT,
            "9",
            """
            Negadījumu karte ir lieliska ideja. Lūdzu iekļaut arī gadījumus, par kuriem ziņo
            iedzīvotāji, ne tikai policijā reģistrētos.""",
        ),
        Op(
            "peteris",
            PROPOSAL,
            None,
            """
            Programmai vajadzīgs ikgadējs rīcības plāns ar konkrētām ielām un budžetu, citādi
            izpildei nav iespējams sekot līdzi.""",
            org="zalas",
        ),
    ),
)

CONSULTATIONS = (DOGS, CYCLING)
