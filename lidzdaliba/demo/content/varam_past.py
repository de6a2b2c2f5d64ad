"""Vides aizsardzības un reģionālās attīstības ministrija: a closed consultation waiting for
answers and an answered one."""

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
from .varam import VARAM

NOISE = ConsultationSpec(
    key="varam-troksnis",
    status=Status.CLOSED,
    institution=VARAM,
    title="Vides trokšņa novērtēšanas un pārvaldības noteikumi",
    summary="""
        Noteikumi nosaka, cik skaļš drīkst būt satiksmes, rūpniecības un izklaides vietu
        troksnis pie dzīvojamām mājām dienā un naktī. Trokšņa kartes būs publiski pieejamas,
        un pēc iedzīvotāja sūdzības pašvaldībai 30 dienu laikā būs jāorganizē mērījumi.""",
    problem="""
        Trokšņa sūdzību skaits lielajās pilsētās pēdējos piecos gados ir divkāršojies, bet
        pašreizējie noteikumi neparedz termiņus sūdzību izskatīšanai.""",
    goal="""
        Mazāk trokšņa pie dzīvojamām mājām un skaidra kārtība, kā panākt mērījumus.""",
    topic="vide-klimats",
    groups=("iedzivotaji", "uznemumi", "pasvaldibas"),
    stage="drafting",
    form="written_consultation",
    act_type="cabinet_regulation",
    official="Kārlis Siliņš",
    contact_email="karlis.silins@varam.gov.lv",
    contact_phone="+371 66016487",
    dates=Dates(announced=-40, opens=-38, closes=-6),
    text="""
        Vides trokšņa novērtēšanas un pārvaldības noteikumi
        I. Vispārīgie jautājumi
        1. Noteikumi nosaka vides trokšņa robežlielumus, trokšņa novērtēšanas kārtību un
          rīcības plānu izstrādi trokšņa samazināšanai.
        2. Noteikumi neattiecas uz troksni, ko rada mājsaimniecības darbības dzīvoklī,
          sabiedriskās kārtības pārkāpumi un militārās darbības.
        II. Trokšņa robežlielumi
        3. Dzīvojamās apbūves teritorijās trokšņa robežlielums ir 55 dB dienā, 50 dB vakarā
          un 45 dB naktī.
        4. Klusajos rajonos pilsētās un dabas teritorijās robežlielumi ir par 5 dB zemāki nekā
          3. punktā noteiktie.
        5. Izklaides vietas, kas darbojas pēc plkst. 23.00, nodrošina, ka mūzikas troksnis
          tuvākās dzīvojamās mājas fasādē nepārsniedz nakts robežlielumu.
        III. Trokšņa kartes un rīcības plāni
        6. Pilsētas ar vairāk nekā 100 000 iedzīvotāju ik pēc pieciem gadiem izstrādā
          stratēģiskās trokšņa kartes.
        7. Ja trokšņa robežlielumi ir pārsniegti, pašvaldība vai ceļa pārvaldītājs gada laikā
          izstrādā rīcības plānu trokšņa samazināšanai.
        8. Rīcības plāna projektu publisko apspriešanai vismaz uz 30 dienām.
        9. Trokšņa kartes un rīcības plānus publicē tīmekļvietnē, lai ikviens var uzzināt
          trokšņa līmeni pie savas mājas.
        IV. Sūdzību izskatīšana
        10. Iedzīvotājs var iesniegt sūdzību par troksni pašvaldībai, kas 30 dienu laikā
          organizē trokšņa mērījumus.
        11. Ja mērījumi apstiprina robežlieluma pārsniegumu, trokšņa radītājs sedz mērījumu
          izmaksas.
        """,
    opinions=(
        Op(
            "janis",
            OBJECTION,
            "3",
            """
            Nakts robežlielums 45 dB ir par augstu mājām pie lielām ielām. Dzīvoju pie Brīvības
            ielas, un jau tagad naktī nevaru gulēt ar atvērtu logu.""",
        ),
        Op(
            "peteris",
            PROPOSAL,
            "8",
            """
            Rīcības plāna apspriešanā jāiesaista apkaimes, kuras troksnis skar visvairāk.
            Ierosinām noteikt, ka pašvaldība rīko vismaz vienu klātienes sanāksmi attiecīgajā
            apkaimē.""",
            org="zalas",
            wording="""
            Rīcības plāna projektu publisko apspriešanai vismaz uz 30 dienām un rīko par to
            vismaz vienu klātienes sanāksmi apkaimē, kuru troksnis skar visvairāk.""",
        ),
        Op(
            "linda",
            QUESTION,
            "5",
            """
            Kā tiks kontrolēts mūzikas troksnis no āra kafejnīcām vasarā? Policija parasti
            atbrauc, kad mūzika jau beigusies.""",
        ),
        Op(
            "roberts",
            OBJECTION,
            "11",
            """
            Lūdzam precizēt, ka trokšņa radītājs sedz tikai pirmā mērījuma izmaksas pēc
            sūdzības, nevis visu atkārtoto kontroles mērījumu izmaksas. Citādi loģistikas
            centri maksās par katru sūdzību vairākkārt.""",
            org="logistika",
        ),
        Op(
            "ilze",
            SUPPORT,
            "9",
            """
            Ļoti atbalstu, ka trokšņa kartes būs publiski pieejamas. Pērkot dzīvokli, tā ir
            svarīga informācija.""",
        ),
        Op(
            "nikolajs",
            PROPOSAL,
            "10",
            """
            30 dienas mērījumu organizēšanai ir par ilgu, ja troksnis ir katru nakti. Ierosinu
            10 darba dienas.""",
            show=False,
            wording="""
            Iedzīvotājs var iesniegt sūdzību par troksni pašvaldībai, kas 10 darba dienu
            laikā organizē trokšņa mērījumus.""",
        ),
        Op(
            "gunta",
            OBJECTION,
            "2",
            """
            Nav saprotams, kāpēc noteikumi neattiecas uz troksni no kaimiņu dzīvokļiem. Tā ir
            biežākā trokšņa problēma daudzdzīvokļu mājās.""",
        ),
        Op(
            "arturs",
            QUESTION,
            "6",
            """
            Vai trokšņa kartes tiks izstrādātas arī mazākām pilsētām, piemēram, Jelgavai un
            Jūrmalai, kur arī ir intensīva satiksme?""",
        ),
        Op(
            "elina",
            PROPOSAL,
            "4",
            """
            Klusajos rajonos jāiekļauj arī slimnīcu un skolu apkārtne, ne tikai parki.""",
            wording="""
            Klusajos rajonos pilsētās, slimnīcu un skolu apkārtnē un dabas teritorijās
            robežlielumi ir par 5 dB zemāki nekā 3. punktā noteiktie.""",
        ),
        Op(
            "agris",
            SUPPORT,
            None,
            """
            Kopumā noteikumi ir vajadzīgi un sen gaidīti. Ceru, ka tie tiks ieviesti dzīvē,
            nevis paliks uz papīra.""",
            show=False,
        ),
    ),
)

REGIONAL_POLICY = ConsultationSpec(
    key="varam-regionala-politika",
    status=Status.ANSWERED,
    institution=VARAM,
    title="Reģionālās politikas pamatnostādnes 2027.–2033. gadam",
    summary="""
        Pamatnostādnes nosaka, kā valsts palīdzēs novadiem noturēt iedzīvotājus: īres
        mājokļi speciālistiem un ģimenēm, lielāks atbalsts uzņēmējiem reģionos un
        sabiedriskais transports, kas saskaņots ar skolu un darba laikiem.""",
    problem="""
        Iedzīvotāju skaits ārpus Rīgas samazinās, un atšķirības ienākumos starp reģioniem
        saglabājas. Novados trūkst mājokļu un darbinieku.""",
    goal="""
        Mazināt atšķirības starp reģioniem un nodrošināt pamatpakalpojumus katrā novadā.""",
    topic="regionala-attistiba",
    groups=("iedzivotaji", "pasvaldibas", "uznemumi", "nvo"),
    stage="solution_design",
    form="working_group",
    act_type="policy_planning_document",
    official="Gints Vilks",
    contact_email="gints.vilks@varam.gov.lv",
    contact_phone="+371 66016510",
    dates=Dates(announced=-95, opens=-92, closes=-62, feedback=-30),
    text="""
        Reģionālās politikas pamatnostādnes 2027.–2033. gadam
        I. Pašreizējā situācija
        1. Iedzīvotāju skaits ārpus Rīgas metropoles areāla pēdējos desmit gados samazinājies
          par 12 procentiem, un atšķirības ienākumos starp reģioniem saglabājas.
        2. Reģionos trūkst kvalificētu darbinieku, mājokļu jaunām ģimenēm un sabiedriskā
          transporta savienojumu.
        II. Mērķi
        3. Līdz 2033. gadam samazināt atšķirību starp reģionu un Rīgas iekšzemes kopproduktu
          uz vienu iedzīvotāju par 10 procentiem.
        4. Katrā novada centrā nodrošināt pamatpakalpojumus – izglītību, veselības aprūpi un
          sociālos pakalpojumus – ne tālāk kā 30 minūšu braucienā.
        III. Rīcības virzieni
        5. Atbalsts īres mājokļu būvniecībai reģionos, prioritāri speciālistiem, kas pārceļas
          darbā uz novadu.
        6. Uzņēmējdarbības atbalsta programmas ar augstāku atbalsta intensitāti teritorijās ar
          zemāku attīstības līmeni.
        7. Reģionālā sabiedriskā transporta kustības sarakstu saskaņošana ar skolu un darba
          laikiem.
        8. Pašvaldību kapacitātes stiprināšana projektu sagatavošanā un iedzīvotāju iesaistē.
        IV. Uzraudzība
        9. Pamatnostādņu īstenošanu vērtē ik pēc trim gadiem, publicējot rezultatīvo
          rādītāju izpildi.
        """,
    opinions=(
        Op(
            "aivars",
            PROPOSAL,
            "6",
            """
            Atbalsta programmās jāparedz sadaļa mazajām lauku saimniecībām, kas dažādo
            darbību, piemēram, tūrismā vai pārstrādē.""",
            org="saimnieki",
            answer=Reply(
                PARTLY,
                """
            Augstākā atbalsta intensitāte attieksies arī uz lauku saimniecību darbības
            dažādošanu. Atsevišķu sadaļu pamatnostādnēs neveidojam, jo konkrētās programmas
            nosaka Zemkopības ministrijas atbalsta noteikumi.""",
            ),
        ),
        Op(
            "inese",
            OBJECTION,
            "4",
            """
            30 minūtes ar automašīnu nav tas pats, kas 30 minūtes ar autobusu. Daudziem
            pensionāriem laukos automašīnas nav.""",
            answer=Reply(
                TAKEN,
                """
            Piekrītam. Rādītājs precizēts: pakalpojumu pieejamību mērīsim ar sabiedrisko
            transportu.""",
                new_wording="""
            Katrā novada centrā nodrošināt pamatpakalpojumus – izglītību, veselības aprūpi un
            sociālos pakalpojumus – ne tālāk kā 30 minūšu braucienā ar sabiedrisko
            transportu.""",
            ),
        ),
        Op(
            "kristine",
            PROPOSAL,
            "5",
            """
            Īres mājokļi jāparedz ne tikai speciālistiem, bet arī jaunām ģimenēm, kas vēlas
            atgriezties dzimtajā novadā.""",
            org="vecaki",
            answer=Reply(
                TAKEN,
                """
            Priekšlikums atbalstīts, jaunās ģimenes iekļautas mērķa grupā.""",
                new_wording="""
            Atbalsts īres mājokļu būvniecībai reģionos speciālistiem un jaunām ģimenēm, kas
            pārceļas uz novadu vai atgriežas tajā.""",
            ),
        ),
        Op(
            "valdis",
            QUESTION,
            "3",
            """
            Kā tiks mērīts IKP atšķirības samazinājums, ja dati par reģioniem tiek publicēti
            ar divu gadu nobīdi?""",
            answer=Reply(
                NOTED,
                """
            Reģionu IKP datus Centrālā statistikas pārvalde publicē ar aptuveni divu gadu
            nobīdi. Tāpēc starpposma vērtējumā izmantosim arī operatīvākus rādītājus –
            nodarbinātību un iedzīvotāju ienākumus. Teksts nav jāmaina.""",
            ),
        ),
        Op(
            "sergejs",
            OBJECTION,
            None,
            """
            Pamatnostādnēs nav ne vārda par Latgales pierobežu, kur situācija ir vissmagākā.
            Vajag atsevišķu rīcības plānu pierobežai.""",
            show=False,
            answer=Reply(
                NOT_TAKEN,
                """
            Atsevišķu rīcības plānu pierobežai šajā dokumentā neveidosim, jo pamatnostādnes
            nosaka vienotus principus visiem reģioniem. Pierobežas teritorijām paredzēta
            augstākā atbalsta intensitāte 6. punktā minētajās programmās.""",
            ),
        ),
        Op(
            "peteris",
            PROPOSAL,
            "8",
            """
            Iedzīvotāju iesaistei jāparedz konkrēti rīki – līdzdalības budžets un ciemu vai
            apkaimju padomes –, nevis vispārīga kapacitātes stiprināšana.""",
            org="zalas",
            answer=Reply(
                PARTLY,
                """
            Līdzdalības budžetu iekļaujam kā konkrētu rīku. Ciemu un apkaimju padomju izveide
            ir katras pašvaldības ziņā, tāpēc pamatnostādnēs to neuzliekam par pienākumu.""",
                new_wording="""
            Pašvaldību kapacitātes stiprināšana projektu sagatavošanā un iedzīvotāju
            iesaistē, tostarp līdzdalības budžeta ieviešanā.""",
            ),
        ),
        Op(
            "janis",
            PROPOSAL,
            None,
            """
            Jāsamazina akcīzes nodoklis degvielai lauku iedzīvotājiem, jo viņiem uz darbu
            jābrauc daudz tālāk.""",
            answer=Reply(
                OUT_OF_SCOPE,
                """
            Akcīzes nodokļa likmes nosaka likums "Par akcīzes nodokli", un tās nav šo
            pamatnostādņu jautājums. Priekšlikumu nosūtījām Finanšu ministrijai.""",
            ),
        ),
        Op(
            "martins",
            SUPPORT,
            "7",
            """
            Atbalstām kustības sarakstu saskaņošanu. Lūdzam ņemt vērā arī velosipēdu
            pārvadāšanu reģionālajos autobusos.""",
            org="riteni",
            answer=Reply(
                NOTED,
                """
            Paldies par atbalstu. Velosipēdu pārvadāšanu reģionālajos autobusos nosaka
            pārvadājumu līgumi, ko slēdz Autotransporta direkcija; priekšlikumu esam tai
            nodevuši.""",
            ),
        ),
    ),
)

CONSULTATIONS = (NOISE, REGIONAL_POLICY)
