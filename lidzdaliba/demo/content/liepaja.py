"""Liepājas valstspilsētas pašvaldība: an announced participatory budget (idea collection,
no draft) and answered beach rules."""

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

LIEPAJA = "liepajas-valstspilsetas-pasvaldiba"

PARTICIPATORY_BUDGET = ConsultationSpec(
    key="liepaja-lidzdalibas-budzets",
    status=Status.ANNOUNCED,
    institution=LIEPAJA,
    title="Liepājas līdzdalības budžets 2027: ideju vākšana",
    summary="""
        Liepājnieki var iesniegt idejas pilsētvides uzlabojumiem līdz 50 000 eiro katra –
        soliņiem, rotaļu laukumiem, apgaismojumam vai pagalmiem. Idejas, par kurām
        nobalsos iedzīvotāji, pašvaldība īstenos 2027. gadā.""",
    problem="""
        Iedzīvotāji vislabāk zina, kas viņu apkaimē jāuzlabo, bet līdz šim ietekmēt
        pašvaldības budžetu varēja tikai ar deputātu starpniecību.""",
    goal="""
        Īstenot iedzīvotāju idejas par 250 000 eiro un iesaistīt budžeta plānošanā vairāk
        liepājnieku.""",
    topic="regionala-attistiba",
    groups=("iedzivotaji", "nvo", "jauniesi"),
    stage="problem_identification",
    form="idea_collection",
    act_type="municipal_decision",
    official="Inga Vītiņa",
    contact_email="inga.vitina@liepaja.lv",
    contact_phone="+371 63404791",
    dates=Dates(announced=-1, opens=7, closes=37),
)

BEACH = ConsultationSpec(
    key="liepaja-pludmale",
    status=Status.ANSWERED,
    institution=LIEPAJA,
    title='Saistošie noteikumi "Par pludmales un kāpu apsaimniekošanu"',
    summary="""
        Noteikumi nosaka, kur pludmalē drīkst kurināt ugunskurus, vest suņus un atskaņot
        mūziku, un aizliedz pludmalē iebraukt ar automašīnām. Ik pēc 300 metriem būs pieeja
        pludmalei, un katra trešā būs piemērota cilvēkiem ratiņkrēslā.""",
    problem="""
        Kāpas tiek izbradātas, pludmalē iebrauc kvadricikli, un cilvēkiem ar kustību
        traucējumiem nokļūt līdz jūrai ir gandrīz neiespējami.""",
    goal="""
        Sakopta un visiem pieejama pludmale, aizsargātas kāpas.""",
    topic="vide-klimats",
    groups=("iedzivotaji", "personas-ar-invaliditati", "uznemumi"),
    stage="implementation",
    form="written_consultation",
    act_type="municipal_binding_regulation",
    official="Inga Vītiņa",
    contact_email="inga.vitina@liepaja.lv",
    contact_phone="+371 63404791",
    dates=Dates(announced=-70, opens=-68, closes=-50, feedback=-20),
    text="""
        Liepājas valstspilsētas pašvaldības saistošie noteikumi "Par pludmales un kāpu
          apsaimniekošanu"
        Izdoti saskaņā ar Pašvaldību likuma 44. panta pirmo daļu
        I. Vispārīgie jautājumi
        1. Saistošie noteikumi nosaka pludmales un kāpu uzturēšanas un lietošanas kārtību
          Liepājas pilsētā.
        2. Noteikumi attiecas uz pludmali no Karostas ziemeļu mola līdz pilsētas dienvidu
          robežai.
        II. Pludmales lietošana
        3. Pludmalē aizliegts kurināt ugunskurus, izņemot pašvaldības ierīkotās ugunskuru
          vietas.
        4. Suņus pludmalē peldsezonā drīkst vest tikai posmā no Vētru ielas līdz Karostai.
        5. Transportlīdzekļiem pludmalē iebraukt aizliegts, izņemot operatīvos un
          apsaimniekošanas transportlīdzekļus.
        6. Pludmales centrālajā daļā no plkst. 23.00 līdz 7.00 aizliegts atskaņot mūziku.
        III. Kāpu aizsardzība
        7. Pa kāpām pārvietoties atļauts tikai pa ierīkotām laipām un celiņiem.
        8. Pašvaldība ik pēc 300 metriem ierīko pieeju pludmalei, no kurām katra trešā ir
          piemērota cilvēkiem ar kustību traucējumiem.
        IV. Atbildība
        9. Par noteikumu pārkāpšanu piemēro brīdinājumu vai naudas sodu līdz 350 eiro.
        """,
    opinions=(
        Op(
            "oskars",
            OBJECTION,
            "4",
            """
            Suņu pastaigas pludmalē nav problēma, ja īpašnieki savāc aiz saviem suņiem.
            Ierobežojums gandrīz visai pilsētas pludmalei ir pārāk stingrs.""",
            answer=Reply(
                PARTLY,
                """
            Peldsezonā ierobežojumu saglabājam, jo centrālā pludmale tad ir pārpildīta, bet
            ārpus peldsezonas suņus drīkstēs vest pa visu pludmali.""",
                new_wording="""
            Suņus pludmalē no 15. maija līdz 15. septembrim drīkst vest tikai posmā no Vētru
            ielas līdz Karostai, pārējā laikā – visā pludmalē.""",
            ),
        ),
        Op(
            "sandra",
            SUPPORT,
            "8",
            """
            Ļoti atbalstām pieejamās nobrauktuves. Lūdzam tās aprīkot ar cietu segumu līdz pat
            ūdenim.""",
            org="piekluve",
            answer=Reply(
                TAKEN,
                """
            Peldsezonā pie pieejamajām nobrauktuvēm ieklāsim segumu līdz ūdens malai.""",
                new_wording="""
            Pašvaldība ik pēc 300 metriem ierīko pieeju pludmalei, no kurām katra trešā ir
            piemērota cilvēkiem ar kustību traucējumiem un peldsezonā aprīkota ar cietu
            segumu līdz ūdens malai.""",
            ),
        ),
        Op(
            "guntis",
            PROPOSAL,
            "3",
            """
            Ugunskuru vietām jābūt vismaz trīs pludmales posmos, ne tikai centrā.""",
            answer=Reply(
                NOTED,
                """
            Ugunskuru vietas ierīkosim trīs posmos – Karostā, centrā un Dienvidrietumu
            rajonā. Tas ir apsaimniekošanas jautājums, noteikumu teksts nav jāmaina.""",
            ),
        ),
        Op(
            "linda",
            OBJECTION,
            "6",
            """
            Mūzikas aizliegums no plkst. 23.00 vasarā ir par agru – jūlija vakaros pludmalē
            cilvēki ir līdz pusnaktij.""",
            answer=Reply(
                NOT_TAKEN,
                """
            Pludmales centrālā daļa robežojas ar dzīvojamām mājām, un naktsmiers pilsētā sākas
            plkst. 23.00. Pasākumiem ar pašvaldības atļauju var noteikt citu laiku.""",
            ),
        ),
        Op(
            "janis",
            QUESTION,
            "5",
            """
            Vai pludmalē drīkstēs iebraukt ar laivas piekabi, lai nolaistu laivu ūdenī?""",
            answer=Reply(
                NOTED,
                """
            Laivu nolaišanai paredzēta vieta pie Karostas kanāla; pludmalē ar piekabēm
            iebraukt nedrīkst. Teksts nav jāmaina.""",
            ),
        ),
        Op(
            "peteris",
            PROPOSAL,
            "7",
            """
            Lūdzam papildināt, ka kāpās aizliegts stādīt svešzemju augus un izmest dārza
            atkritumus.""",
            org="zalas",
            answer=Reply(
                TAKEN,
                """
            Punkts papildināts.""",
                new_wording="""
            Pa kāpām pārvietoties atļauts tikai pa ierīkotām laipām un celiņiem. Kāpās
            aizliegts stādīt augus un izmest dārza atkritumus.""",
            ),
        ),
        Op(
            "gunta",
            SUPPORT,
            None,
            """
            Labi, ka beidzot būs skaidri noteikumi. Pagājušajā vasarā pa pludmali pie
            Jūrmalas parka brauca kvadricikli.""",
            answer=Reply(
                NOTED,
                """
            Paldies. Transportlīdzekļu aizliegumu kontrolēs pašvaldības policija.""",
            ),
        ),
        Op(
            "sergejs",
            PROPOSAL,
            None,
            """
            Vajadzētu pagarināt tramvaja līniju līdz Karostai, lai uz pludmali var nokļūt bez
            automašīnas.""",
            show=False,
            answer=Reply(
                OUT_OF_SCOPE,
                """
            Sabiedriskā transporta maršruti nav šo saistošo noteikumu jautājums. Priekšlikumu
            nodevām pašvaldības satiksmes plānotājiem.""",
            ),
        ),
    ),
)

CONSULTATIONS = (PARTICIPATORY_BUDGET, BEACH)
