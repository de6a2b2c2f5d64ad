"""Vides aizsardzības un reģionālās attīstības ministrija: a draft, an announced plan and an
open consultation with a second version (the institution of officer@demo.lv)."""

from __future__ import annotations

from lidzdaliba.consultations.models import Status

from ..specs import OBJECTION, PROPOSAL, QUESTION, SUPPORT, ConsultationSpec, Dates, Op

VARAM = "vides-aizsardzibas-un-regionalas-attistibas-ministrija"

BATHING_SITES = ConsultationSpec(
    key="varam-peldvietas",
    status=Status.DRAFT,
    institution=VARAM,
    title="Noteikumi par peldvietu izveidi un apsaimniekošanu",
    summary="""
        Pašvaldībām būs skaidri jānosaka, kur ir oficiālās peldvietas, un jāizvieto tajās
        glābšanas riņķi un informācija par ūdens kvalitāti. Peldētāji par sliktu ūdens
        kvalitāti uzzinās tās pašas dienas laikā.""",
    problem="""
        Daudzās vietās, kur cilvēki peldas, nav ne glābšanas līdzekļu, ne informācijas par
        ūdens kvalitāti, un brīdinājumi par piesārņojumu tiek publicēti ar nokavēšanos.""",
    goal="""
        Drošākas peldvietas un laicīga informācija par ūdens kvalitāti visā Latvijā.""",
    topic="vide-klimats",
    groups=("iedzivotaji", "pasvaldibas", "gimenes"),
    stage="drafting",
    form="written_consultation",
    act_type="cabinet_regulation",
    official="Ilze Kalniņa",
    contact_email="ilze.kalnina@varam.gov.lv",
    contact_phone="+371 66016421",
    dates=Dates(created=-3, opens=10, closes=41),
    text="""
        Noteikumi par peldvietu izveidi un apsaimniekošanu
        Izdoti saskaņā ar Ūdens apsaimniekošanas likuma 10. panta trešo daļu
        I. Vispārīgie jautājumi
        1. Noteikumi nosaka kārtību, kādā pašvaldība izveido peldvietu, informē sabiedrību par
          ūdens kvalitāti un apsaimnieko peldvietas teritoriju.
        2. Peldvieta ir ūdensmalas posms, kurā pašvaldība nodrošina glābšanas līdzekļus,
          informācijas stendu un regulāru ūdens kvalitātes kontroli.
        II. Peldvietas izveide
        3. Pašvaldība par peldvietu paziņo līdz kārtējā gada 1. maijam, norādot tās robežas un
          peldsezonas ilgumu.
        4. Peldsezona ilgst no 15. maija līdz 15. septembrim, ja pašvaldība nav noteikusi
          garāku laiku.
        5. Peldvietā izvieto:
        5.1. informācijas stendu ar ūdens kvalitātes novērtējumu un glābšanas dienesta tālruni;
        5.2. glābšanas riņķi ar virvi ne tālāk kā 50 metru attālumā no jebkura peldvietas punkta;
        5.3. tvertnes dalītai atkritumu vākšanai.
        III. Ūdens kvalitātes uzraudzība
        6. Veselības inspekcija peldsezonā ņem ūdens paraugus ne retāk kā reizi divās nedēļās.
        7. Ja ūdens kvalitāte neatbilst prasībām, pašvaldība tās pašas dienas laikā izvieto
          brīdinājumu peldvietā un publicē to savā tīmekļvietnē.
        8. Informāciju par ūdens kvalitāti visās peldvietās publicē vienotā valsts tīmekļvietnē
          ne vēlāk kā nākamajā darba dienā pēc analīžu rezultātu saņemšanas.
        IV. Noslēguma jautājums
        9. Noteikumi stājas spēkā 2027. gada 1. aprīlī.
        """,
)

CLIMATE_PLAN = ConsultationSpec(
    key="varam-klimats",
    status=Status.ANNOUNCED,
    institution=VARAM,
    title="Latvijas pielāgošanās klimata pārmaiņām plāns 2027.–2031. gadam",
    summary="""
        Plāns nosaka, kā valsts un pašvaldības sagatavosies plūdiem, karstuma viļņiem un krasta
        erozijai. Iedzīvotājiem tas nozīmē brīdinājumus karstuma laikā, vēsas telpas senioriem
        un vairāk koku pilsētās. Par plānu rīkosim arī klātienes un tiešsaistes sanāksmi.""",
    problem="""
        Klimata pārmaiņu radītie zaudējumi pieaug: biežāki plūdi Daugavas un Lielupes baseinā,
        karstuma viļņi pilsētās un jūras krasta noskalošana.""",
    goal="""
        Mazināt zaudējumus cilvēku veselībai, īpašumam un dabai un laikus sagatavot
        pašvaldības.""",
    topic="vide-klimats",
    groups=("iedzivotaji", "pasvaldibas", "lauksaimnieki", "pensionari"),
    stage="solution_design",
    form="public_meeting",
    act_type="policy_planning_document",
    official="Kārlis Siliņš",
    contact_email="karlis.silins@varam.gov.lv",
    contact_phone="+371 66016487",
    dates=Dates(announced=-2, opens=5, closes=26),
    text="""
        Latvijas pielāgošanās klimata pārmaiņām plāns 2027.–2031. gadam
        I. Plāna mērķis
        1. Plāna mērķis ir mazināt klimata pārmaiņu radītos zaudējumus cilvēku veselībai,
          īpašumam un dabai, kā arī izmantot pārmaiņu sniegtās iespējas.
        2. Plāns aptver plūdu riskus, karstuma viļņus, krasta eroziju, meža ugunsgrēkus un
          lauksaimniecības pielāgošanos.
        II. Rīcības virzieni
        3. Plūdu riska teritorijās līdz 2029. gadam izstrādā pašvaldību rīcības plānus un
          atjauno valsts nozīmes meliorācijas sistēmas.
        4. Karstuma viļņu laikā pašvaldības nodrošina vēsas telpas senioriem un bērniem, un
          iedzīvotāji saņem brīdinājumus mobilajos tālruņos.
        5. Jūras krasta erozijas apdraudētās vietās prioritāri atjauno kāpas ar dabiskiem
          risinājumiem, nevis betona konstrukcijām.
        6. Pilsētās palielina koku un zaļo platību īpatsvaru, lai mazinātu karstuma salu efektu.
        7. Lauksaimniekiem piedāvā konsultācijas un atbalstu sausumizturīgu kultūru ieviešanai
          un ūdens aizturēšanai laukos.
        III. Īstenošana un uzraudzība
        8. Plāna īstenošanu koordinē Vides aizsardzības un reģionālās attīstības ministrija
          kopā ar pašvaldībām un plānošanas reģioniem.
        9. Ministrija reizi divos gados publicē pārskatu par plāna izpildi un sasniegtajiem
          rādītājiem.
        """,
)

WASTE_V1 = """
    Noteikumi par sadzīves atkritumu dalīto savākšanu
    Izdoti saskaņā ar Atkritumu apsaimniekošanas likuma 8. panta pirmās daļas 2. punktu
    I. Vispārīgie jautājumi
    1. Noteikumi nosaka prasības sadzīves atkritumu dalītajai savākšanai, tostarp bioloģiski
      noārdāmo atkritumu un tekstila savākšanai.
    2. Noteikumi attiecas uz visiem atkritumu radītājiem – mājsaimniecībām, uzņēmumiem un
      iestādēm.
    II. Dalītās savākšanas prasības
    3. Pašvaldība nodrošina, ka pie katras daudzdzīvokļu mājas vai ne tālāk kā 150 metru
      attālumā no tās ir konteineri papīram, plastmasai, stiklam un bioloģiski noārdāmajiem
      atkritumiem.
    4. Privātmājās bioloģiski noārdāmos atkritumus var kompostēt savā īpašumā; šādā gadījumā
      īpašniekam nav pienākuma slēgt līgumu par bioatkritumu izvešanu.
    5. Lietotu tekstilu savāc atsevišķi. Pašvaldība nodrošina vismaz vienu tekstila
      savākšanas vietu uz katriem 5000 iedzīvotājiem.
    6. Nešķiroto sadzīves atkritumu izvešanas maksa ir vismaz par 20 procentiem augstāka
      nekā dalīti savākto atkritumu izvešanas maksa.
    7. Bioloģiski noārdāmo atkritumu konteinerus iztukšo ne retāk kā reizi nedēļā no
      1. maija līdz 30. septembrim un ne retāk kā reizi divās nedēļās pārējā laikā.
    III. Informēšana un uzraudzība
    8. Atkritumu apsaimniekotājs reizi gadā informē katru klientu par viņa radīto atkritumu
      daudzumu un dalītās vākšanas iespējām.
    9. Pašvaldība kontrolē noteikumu izpildi un sodu par atkritumu nešķirošanu var piemērot
      tikai pēc rakstiska brīdinājuma.
    IV. Noslēguma jautājumi
    10. Noteikumu 5. punkts stājas spēkā 2027. gada 1. jūlijā.
    11. Pārējie noteikumi stājas spēkā 2027. gada 1. aprīlī.
    """

WASTE_V2 = """
    Noteikumi par sadzīves atkritumu dalīto savākšanu
    Izdoti saskaņā ar Atkritumu apsaimniekošanas likuma 8. panta pirmās daļas 2. punktu
    I. Vispārīgie jautājumi
    1. Noteikumi nosaka prasības sadzīves atkritumu dalītajai savākšanai, tostarp bioloģiski
      noārdāmo atkritumu un tekstila savākšanai.
    2. Noteikumi attiecas uz visiem atkritumu radītājiem – mājsaimniecībām, uzņēmumiem un
      iestādēm.
    II. Dalītās savākšanas prasības
    3. Pašvaldība nodrošina, ka pie katras daudzdzīvokļu mājas vai ne tālāk kā 100 metru
      attālumā no tās ieejas ir konteineri papīram, plastmasai, stiklam un bioloģiski
      noārdāmajiem atkritumiem.
    4. Privātmājās bioloģiski noārdāmos atkritumus var kompostēt savā īpašumā; šādā gadījumā
      īpašniekam nav pienākuma slēgt līgumu par bioatkritumu izvešanu.
    5. Lietotu tekstilu savāc atsevišķi. Pašvaldība nodrošina vismaz vienu tekstila
      savākšanas vietu katrā apdzīvotā vietā, kurā ir vairāk nekā 500 iedzīvotāju.
    6. Bioloģiski noārdāmo atkritumu konteinerus iztukšo ne retāk kā reizi nedēļā no
      1. maija līdz 30. septembrim un ne retāk kā reizi divās nedēļās pārējā laikā.
    7. Konteineru laukumus ierīko bez pakāpieniem, lai tiem var piekļūt cilvēki ratiņkrēslā
      un ar bērnu ratiem.
    III. Informēšana un uzraudzība
    8. Atkritumu apsaimniekotājs reizi gadā informē katru klientu par viņa radīto atkritumu
      daudzumu un dalītās vākšanas iespējām.
    9. Pašvaldība kontrolē noteikumu izpildi un sodu par atkritumu nešķirošanu var piemērot
      tikai pēc rakstiska brīdinājuma.
    IV. Noslēguma jautājumi
    10. Noteikumu 5. punkts stājas spēkā 2028. gada 1. janvārī.
    11. Pārējie noteikumi stājas spēkā 2027. gada 1. aprīlī.
    """

WASTE_SORTING = ConsultationSpec(
    key="varam-atkritumi",
    status=Status.OPEN,
    institution=VARAM,
    title="Noteikumi par sadzīves atkritumu dalīto savākšanu",
    summary="""
        Bioatkritumu un tekstila konteineri būs pieejami visiem, arī daudzdzīvokļu māju
        iedzīvotājiem. Kas kompostē savā dārzā, tam par bioatkritumu izvešanu nebūs jāmaksā.
        Sodu par nešķirošanu drīkstēs piemērot tikai pēc brīdinājuma.""",
    problem="""
        Latvijā dalīti savāc tikai aptuveni trešdaļu sadzīves atkritumu, un ES mērķis 2030.
        gadam ir 60 procenti. Daudzviet tuvumā nav konteineru bioatkritumiem un tekstilam.""",
    goal="""
        Ērta dalītā vākšana ikvienam un mazāk atkritumu, kas nonāk poligonos.""",
    topic="vide-klimats",
    groups=("iedzivotaji", "uznemumi", "pasvaldibas", "personas-ar-invaliditati"),
    stage="drafting",
    form="written_consultation",
    act_type="cabinet_regulation",
    official="Ilze Kalniņa",
    contact_email="ilze.kalnina@varam.gov.lv",
    contact_phone="+371 66016421",
    dates=Dates(announced=-28, opens=-25, closes=5, version2=-8),
    text=WASTE_V1,
    version2_text=WASTE_V2,
    version2_note="""
        Pēc pirmajiem viedokļiem: konteineru attālums samazināts līdz 100 m, tekstila
        savākšana paredzēta katrā apdzīvotā vietā ar vairāk nekā 500 iedzīvotājiem un atlikta
        līdz 2028. gadam, svītrota prasība par 20 % augstāku maksu, pievienots punkts par
        konteineru laukumu piekļūstamību.""",
    opinions=(
        Op(
            "anna",
            PROPOSAL,
            "3",
            """
            150 metri ir par tālu gados veciem cilvēkiem, īpaši ziemā, kad ietves ir slidenas.
            Lūdzu noteikt, ka konteineri ir ne tālāk kā 50 metru attālumā no mājas ieejas.""",
            wording="""
            Pašvaldība nodrošina, ka ne tālāk kā 50 metru attālumā no katras daudzdzīvokļu
            mājas ieejas ir konteineri papīram, plastmasai, stiklam un bioatkritumiem.""",
        ),
        Op(
            "peteris",
            SUPPORT,
            None,
            """
            Biedrība atbalsta bioatkritumu dalītu vākšanu visā valstī. Aicinām ministriju
            vienlaikus sagatavot informatīvu kampaņu, jo citādi cilvēki nezinās, ko drīkst mest
            brūnajā konteinerā.""",
            org="zalas",
        ),
        Op(
            "oskars",
            OBJECTION,
            "7",
            """
            Prasība vasarā bioatkritumus izvest katru nedēļu lauku teritorijās ievērojami
            sadārdzinās pakalpojumu. Ierosinām ļaut pašvaldībai noteikt biežumu atkarībā no
            apbūves blīvuma.""",
            org="vides_serviss",
        ),
        Op(
            "janis",
            QUESTION,
            "4",
            """
            Vai kompostēšana savā īpašumā būs kaut kā jāpierāda? Kurš to pārbaudīs un kā?""",
        ),
        Op(
            "liga",
            OBJECTION,
            "6",
            """
            Maksas starpība 20 % sodīs tos, kam vienkārši nav kur šķirot, piemēram, vecās mājās
            bez konteineru laukuma. Vispirms jānodrošina iespēja šķirot, tikai tad jāceļ maksa.
            """,
        ),
        Op(
            "inese",
            PROPOSAL,
            "5",
            """
            Tekstila konteineriem jābūt arī mazākos ciemos, nevis tikai pilsētās. Mūsu pagastā
            ir 800 iedzīvotāju, un pēc šī punkta mums nepienāktos neviens konteiners.""",
        ),
        Op(
            "guntis",
            PROPOSAL,
            "8",
            """
            Informēt katru klientu par viņa atkritumu daudzumu varam tikai tur, kur konteineri
            aprīkoti ar svēršanas vai identifikācijas sistēmu. Lūdzam paredzēt pārejas periodu
            līdz 2028. gadam.""",
            org="vides_serviss",
            show=False,
        ),
        Op(
            "raimonds",
            OBJECTION,
            "9",
            """
            Brīdinājums pirms soda ir pareizs, bet nav skaidrs, kā pašvaldība pierādīs, kurš
            tieši daudzdzīvokļu mājā nav šķirojis. Kolektīvi sodi visai mājai nebūtu taisnīgi.
            """,
        ),
        Op(
            "sandra",
            PROPOSAL,
            None,
            """
            Noteikumos nekas nav teikts par konteineru pieejamību cilvēkiem ar invaliditāti.
            Lūdzam paredzēt, ka konteineru laukumi ir bez pakāpieniem un konteineru vākus var
            atvērt ar vienu roku.""",
            org="piekluve",
            wording="""
            Konteineru laukumus ierīko bez pakāpieniem, un konteineru vākus var atvērt ar
            vienu roku.""",
        ),
        Op(
            "tatjana",
            QUESTION,
            "3",
            """
            Mūsu mājai konteineru laukums ir kopīgs ar kaimiņu māju. Vai 150 metrus mēra no
            katras mājas vai no laukuma?""",
            show=False,
        ),
        Op(
            "zane",
            SUPPORT,
            "4",
            """
            Ļoti labi, ka kompostētājiem nebūs jāmaksā par bioatkritumu izvešanu. Tas
            motivēs laukos dzīvojošos kompostēt.""",
        ),
        Op(
            "anna",
            SUPPORT,
            "3",
            """
            Paldies, ka attālums samazināts līdz 100 metriem no ieejas. Tas ir labs kompromiss.
            """,
            v=2,
        ),
        Op(
            "sandra",
            PROPOSAL,
            "7",
            """
            Atbalstām jauno 7. punktu. Lūdzam papildināt, ka konteineru vāku rokturi atrodas
            ne augstāk par 1,2 metriem, citādi ratiņkrēslā tos nevar atvērt.""",
            org="piekluve",
            v=2,
            wording="""
            Konteineru laukumus ierīko bez pakāpieniem, un konteineru vāku rokturi atrodas ne
            augstāk par 1,2 metriem, lai tiem var piekļūt cilvēki ratiņkrēslā un ar bērnu
            ratiem.""",
        ),
        Op(
            "oskars",
            OBJECTION,
            "6",
            """
            Jaunajā redakcijā bioatkritumu izvešanas biežums joprojām vienāds pilsētām un
            laukiem. Atkārtoti lūdzam ļaut pašvaldībām to noteikt pašām.""",
            org="vides_serviss",
            v=2,
        ),
        Op(
            "valdis",
            QUESTION,
            "10",
            """
            Kāpēc tekstila savākšana atlikta līdz 2028. gadam? Vai līdz tam tekstilu drīkstēs
            mest sadzīves atkritumos?""",
            v=2,
        ),
        Op(
            "elina",
            PROPOSAL,
            None,
            """
            Ierosinu papildināt noteikumus ar prasību pašvaldībām divreiz gadā rīkot
            bezmaksas lielgabarīta atkritumu savākšanas dienas. Tagad vecas mēbeles bieži
            nonāk mežā.""",
            v=2,
        ),
    ),
)

CONSULTATIONS = (BATHING_SITES, CLIMATE_PLAN, WASTE_SORTING)
