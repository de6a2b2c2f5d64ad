"""Nacionālais veselības dienests (under Veselības ministrija): a decided procedure."""

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

NVD = "nacionalais-veselibas-dienests"

E_QUEUE = ConsultationSpec(
    key="nvd-e-rinda",
    status=Status.DECIDED,
    institution=NVD,
    title="Vienotās e-rindas kārtība valsts apmaksātiem speciālistu izmeklējumiem",
    summary="""
        Pacienti ar ģimenes ārsta nosūtījumu vienuviet redzēs visu slimnīcu un poliklīniku
        brīvos laikus un varēs izvēlēties ātrāko. Par vizīti atgādinās īsziņa, bet tam, kurš
        atkārtoti neierodas un neatsakās, turpmāk būs jāpiesakās ar iestādes starpniecību.""",
    problem="""
        Pacienti stāv vairākās rindās vienlaikus, tāpēc aptuveni katrs desmitais pieraksta
        laiks paliek neizmantots, bet citi gaida mēnešiem.""",
    goal="""
        Īsāka gaidīšana un mazāk neizmantotu vizīšu laiku.""",
    topic="veseliba",
    groups=("iedzivotaji", "pensionari", "personas-ar-invaliditati"),
    stage="implementation",
    form="written_consultation",
    act_type="other",
    official="Raivis Dzenis",
    contact_email="raivis.dzenis@vmnvd.gov.lv",
    contact_phone="+371 67043700",
    dates=Dates(announced=-130, opens=-128, closes=-98, feedback=-75, decided=-45),
    text="""
        Vienotās e-rindas kārtība valsts apmaksātiem speciālistu izmeklējumiem
        I. Vispārīgie jautājumi
        1. Kārtība nosaka, kā pacients ar ģimenes ārsta nosūtījumu piesakās valsts apmaksātai
          speciālista konsultācijai vai izmeklējumam vienotajā e-rindā.
        2. Vienotajā e-rindā redzami visu to ārstniecības iestāžu brīvie laiki, kuras sniedz
          valsts apmaksātus pakalpojumus.
        II. Pieteikšanās
        3. Pacients piesakās e-veselības portālā, pa tālruni 8303 vai ārstniecības iestādes
          reģistratūrā.
        4. Uz vienu un to pašu pakalpojumu pacients vienlaikus var atrasties tikai vienā rindā.
        5. Pacients var izvēlēties tuvāko pieejamo laiku jebkurā iestādē vai gaidīt laiku
          izvēlētajā iestādē.
        III. Atteikšanās un neierašanās
        6. Ja pacients nevar ierasties, viņš atsakās no vizītes ne vēlāk kā divas darba dienas
          iepriekš.
        7. Ja pacients divas reizes gada laikā neierodas uz vizīti un laikus neatsakās, nākamo
          pierakstu viņš var veikt tikai ar ārstniecības iestādes starpniecību.
        8. Iestāde atgādina pacientam par vizīti ar īsziņu vai e-pastu trīs darba dienas
          iepriekš.
        IV. Ieviešana
        9. Vienotā e-rinda darbojas no 2026. gada 1. oktobra.
        """,
    opinions=(
        Op(
            "dace",
            OBJECTION,
            "7",
            """
            Sankcija par neierašanos ir nesamērīga gados veciem pacientiem, kuri vizītes
            aizmirst. Vispirms jānodrošina atgādinājumi.""",
            org="pacienti",
            answer=Reply(
                PARTLY,
                """
            Atgādinājumi paredzēti 8. punktā. Sankciju saglabājam, bet to piemēros tikai tad,
            ja pacients atgādinājumu ir saņēmis.""",
                new_wording="""
            Ja pacients divas reizes gada laikā neierodas uz vizīti un laikus neatsakās, lai
            gan saņēmis atgādinājumu, nākamo pierakstu viņš var veikt tikai ar ārstniecības
            iestādes starpniecību.""",
            ),
        ),
        Op(
            "ilze",
            PROPOSAL,
            "8",
            """
            Lūdzu atgādināt arī dienu pirms vizītes – trīs dienas iepriekš to ir viegli
            aizmirst.""",
            answer=Reply(
                TAKEN,
                """
            Piekrītam, otrs atgādinājums tiks sūtīts dienu pirms vizītes.""",
                new_wording="""
            Iestāde atgādina pacientam par vizīti ar īsziņu vai e-pastu trīs darba dienas un
            vienu dienu iepriekš.""",
            ),
        ),
        Op(
            "nikolajs",
            QUESTION,
            "3",
            """
            Vai zvans uz 8303 būs bez maksas? Un kādā laikā tālrunis strādās?""",
            show=False,
            answer=Reply(
                NOTED,
                """
            Zvanu uz 8303 tarificē kā parastu zvanu uz fiksēto tālruni; tālrunis darbojas darba
            dienās no plkst. 8.00 līdz 17.00. Šo informāciju publicēsim pieteikšanās lapā.""",
            ),
        ),
        Op(
            "gunta",
            SUPPORT,
            "5",
            """
            Beidzot varēšu redzēt, kur izmeklējums ir pieejams ātrāk. Esmu gatava braukt uz
            citu pilsētu, ja tas nozīmē gaidīt mēnesi, nevis pusgadu.""",
            answer=Reply(
                NOTED,
                """
            Paldies. Tieši tas ir vienotās e-rindas mērķis.""",
            ),
        ),
        Op(
            "raimonds",
            PROPOSAL,
            "4",
            """
            Ierosinu atļaut atrasties divās rindās, lai varētu izvēlēties ātrāko, un
            automātiski izņemt no otras rindas, kad vizīte notikusi.""",
            answer=Reply(
                NOT_TAKEN,
                """
            Atrašanās vairākās rindās bloķē laikus citiem pacientiem. Tā vietā 5. punkts ļauj
            izvēlēties tuvāko brīvo laiku jebkurā iestādē.""",
            ),
        ),
        Op(
            "valdis",
            OBJECTION,
            "6",
            """
            Divas darba dienas iepriekš ne vienmēr var atteikties – piemēram, ja saslimst pats
            vai bērns. Tad sods par neierašanos būtu netaisnīgs.""",
            answer=Reply(
                PARTLY,
                """
            Termiņu saglabājam, lai atbrīvoto laiku varētu piedāvāt citiem. Vēlāku atteikšanos
            slimības dēļ neuzskatīs par neierašanos.""",
                new_wording="""
            Ja pacients nevar ierasties, viņš atsakās no vizītes ne vēlāk kā divas darba dienas
            iepriekš. Vēlāku atteikšanos slimības dēļ neuzskata par neierašanos.""",
            ),
        ),
        Op(
            "linda",
            PROPOSAL,
            None,
            """
            Jāpalielina ārstu algas, tad speciālistu būs vairāk un rindas būs īsākas.""",
            answer=Reply(
                OUT_OF_SCOPE,
                """
            Ārstniecības personu darba samaksu nosaka Veselības ministrija un valsts budžets,
            nevis pieteikšanās kārtība. Viedoklis nodots Veselības ministrijai.""",
            ),
        ),
    ),
    decision_url="https://www.vmnvd.gov.lv/lv/jaunums/no-1-oktobra-darbojas-vienota-e-rinda",
    decision_summary="""
        Vienotā e-rinda darbojas kopš 2026. gada 1. oktobra. Pēc konsultācijas pievienots
        atgādinājums dienu pirms vizītes, un atteikšanos slimības dēļ neuzskata par
        neierašanos.""",
)

CONSULTATIONS = (E_QUEUE,)
