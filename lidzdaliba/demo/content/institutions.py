"""Demo institutions: ministries, agencies, the State Chancellery and four municipalities.

Names, websites and general contacts are the public ones; the people are invented.
"""

from __future__ import annotations

from ..specs import InstitutionSpec

EDIT_AND_ANSWER = ("editor", "responder")

INSTITUTIONS: tuple[InstitutionSpec, ...] = (
    InstitutionSpec(
        slug="valsts-kanceleja",
        name="Valsts kanceleja",
        name_en="State Chancellery",
        kind="state",
        territory="latvija",
        website="https://www.mk.gov.lv",
        email="vk@mk.gov.lv",
        phone="+371 67082800",
        participation_info="""
            Valsts kanceleja koordinē sabiedrības līdzdalību valsts pārvaldē un uzrauga, kā
            iestādes atbild uz iedzīvotāju viedokļiem. Mūsu pašu projektus publicējam šeit
            vismaz 30 dienas, un uz katru viedokli atbildam ar pamatojumu.""",
        officers=(("vk_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="veselibas-ministrija",
        name="Veselības ministrija",
        name_en="Ministry of Health",
        kind="state",
        territory="latvija",
        website="https://www.vm.gov.lv",
        email="vm@vm.gov.lv",
        phone="+371 67876000",
        participation_info="""
            Par veselības aprūpes izmaiņām aicinām izteikties pacientus, ārstus un pacientu
            organizācijas. Lielākiem projektiem rīkojam arī tiešsaistes sanāksmes; to ierakstus
            pievienojam konsultācijai.""",
        officers=(("vm_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="nacionalais-veselibas-dienests",
        name="Nacionālais veselības dienests",
        name_en="National Health Service",
        kind="state",
        territory="latvija",
        parent="veselibas-ministrija",
        website="https://www.vmnvd.gov.lv",
        email="nvd@vmnvd.gov.lv",
        phone="+371 80001234",
        participation_info="""
            Dienests konsultējas par pakalpojumu saņemšanas kārtību: pierakstu, rindām un
            kompensējamiem medikamentiem. Viedokļus izvērtējam kopā ar ārstniecības iestādēm.""",
        officers=(("nvd_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="izglitibas-un-zinatnes-ministrija",
        name="Izglītības un zinātnes ministrija",
        name_en="Ministry of Education and Science",
        kind="state",
        territory="latvija",
        website="https://www.izm.gov.lv",
        email="info@izm.gov.lv",
        phone="+371 67226209",
        participation_info="""
            Pārmaiņas izglītībā skar skolēnus, vecākus un pedagogus, tāpēc projektus
            publicējam, pirms tie nonāk Ministru kabinetā. Skolēnu pašpārvaldes aicinām
            iesaistīties arī ar kopīgiem viedokļiem.""",
        officers=(("izm_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="satiksmes-ministrija",
        name="Satiksmes ministrija",
        name_en="Ministry of Transport",
        kind="state",
        territory="latvija",
        website="https://www.sam.gov.lv",
        email="satiksmes.ministrija@sam.gov.lv",
        phone="+371 67028210",
        participation_info="""
            Konsultējamies par satiksmes drošību, sabiedrisko transportu un ceļu tīklu.
            Priekšlikumus ar konkrētu redakciju izvērtējam kopā ar Ceļu satiksmes drošības
            direkciju.""",
        officers=(("sam_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="vides-aizsardzibas-un-regionalas-attistibas-ministrija",
        name="Vides aizsardzības un reģionālās attīstības ministrija",
        name_en="Ministry of Environmental Protection and Regional Development",
        kind="state",
        territory="latvija",
        website="https://www.varam.gov.lv",
        email="pasts@varam.gov.lv",
        phone="+371 66016300",
        participation_info="""
            Vides un reģionālās attīstības jautājumos viedokli var izteikt ikviens. Katru
            viedokli izvērtējam un publicējam atbildi ar pamatojumu ne vēlāk kā 30 dienas pēc
            konsultācijas beigām.""",
        officers=(("officer", EDIT_AND_ANSWER), ("manager", ("manager",))),
    ),
    InstitutionSpec(
        slug="labklajibas-ministrija",
        name="Labklājības ministrija",
        name_en="Ministry of Welfare",
        kind="state",
        territory="latvija",
        website="https://www.lm.gov.lv",
        email="lm@lm.gov.lv",
        phone="+371 67021600",
        participation_info="""
            Sociālās palīdzības un pakalpojumu izmaiņas apspriežam ar pašvaldībām, nevalstiskajām
            organizācijām un pašiem pakalpojumu saņēmējiem. Projektus publicējam arī vieglajā
            valodā.""",
        officers=(("lm_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="zemkopibas-ministrija",
        name="Zemkopības ministrija",
        name_en="Ministry of Agriculture",
        kind="state",
        territory="latvija",
        website="https://www.zm.gov.lv",
        email="info@zm.gov.lv",
        phone="+371 67027010",
        participation_info="""
            Atbalsta noteikumus lauksaimniekiem gatavojam kopā ar nozares organizācijām
            darba grupās. Ikviens var izteikt viedokli arī rakstiski šajā vietnē.""",
        officers=(("zm_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="finansu-ministrija",
        name="Finanšu ministrija",
        name_en="Ministry of Finance",
        kind="state",
        territory="latvija",
        website="https://www.fm.gov.lv",
        email="pasts@fm.gov.lv",
        phone="+371 67095405",
        participation_info="""
            Nodokļu izmaiņas publicējam apspriešanai ne vēlāk kā pusgadu pirms to stāšanās
            spēkā. Īpaši gaidām aprēķinus un piemērus, kā izmaiņas ietekmētu jūsu mājsaimniecību
            vai uzņēmumu.""",
        officers=(("fm_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="valsts-ienemumu-dienests",
        name="Valsts ieņēmumu dienests",
        name_en="State Revenue Service",
        kind="state",
        territory="latvija",
        parent="finansu-ministrija",
        website="https://www.vid.gov.lv",
        email="vid@vid.gov.lv",
        phone="+371 67120000",
        participation_info="""
            Dienests aicina nodokļu maksātājus vērtēt Elektroniskās deklarēšanas sistēmu un
            skaidrojumus. Jūsu ieteikumi palīdz padarīt deklarēšanu vienkāršāku.""",
        officers=(("vid_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="rigas-valstspilsetas-pasvaldiba",
        name="Rīgas valstspilsētas pašvaldība",
        name_en="Riga State City Municipality",
        kind="municipal",
        territory="riga",
        website="https://www.riga.lv",
        email="pasts@riga.lv",
        phone="+371 80000800",
        participation_info="""
            Saistošo noteikumu projektus publicējam vismaz uz divām nedēļām, un apkaimju
            biedrības aicinām uz tikšanās reizēm. Atbildes uz viedokļiem pievienojam domes
            lēmuma materiāliem.""",
        officers=(("riga_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="valmieras-novada-pasvaldiba",
        name="Valmieras novada pašvaldība",
        name_en="Valmiera Municipality",
        kind="municipal",
        territory="valmieras-novads",
        website="https://www.valmierasnovads.lv",
        email="pasts@valmierasnovads.lv",
        phone="+371 64207120",
        participation_info="""
            Novada iedzīvotājus aicinām izteikties par saistošajiem noteikumiem un attīstības
            plāniem šeit vai klātienē pagastu pārvaldēs. Katru viedokli izskata atbildīgā
            komiteja.""",
        officers=(("officer2", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="liepajas-valstspilsetas-pasvaldiba",
        name="Liepājas valstspilsētas pašvaldība",
        name_en="Liepāja State City Municipality",
        kind="municipal",
        territory="liepaja",
        website="https://www.liepaja.lv",
        email="pasts@liepaja.lv",
        phone="+371 63404750",
        participation_info="""
            Liepājā ik gadu rīkojam līdzdalības budžeta ideju konkursu, un saistošo noteikumu
            projektus apspriežam publiski. Jautājumus var uzdot arī Klientu apkalpošanas
            centrā.""",
        officers=(("liepaja_staff", EDIT_AND_ANSWER),),
    ),
    InstitutionSpec(
        slug="cesu-novada-pasvaldiba",
        name="Cēsu novada pašvaldība",
        name_en="Cēsis Municipality",
        kind="municipal",
        territory="cesu-novads",
        website="https://www.cesis.lv",
        email="dome@cesis.lv",
        phone="+371 64161800",
        participation_info="""
            Lielas pārmaiņas, piemēram, skolu tīkla izmaiņas, apspriežam sanāksmēs katrā
            pagastā un rakstiski šeit. Sanāksmju protokolus publicējam pie konsultācijas.""",
        officers=(("cesis_staff", EDIT_AND_ANSWER),),
    ),
)
