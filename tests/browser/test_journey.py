"""The whole life of one consultation, through the browser: an officer prepares and publishes
it, a resident gives an opinion on a clause, the officer answers and publishes the feedback
table, and the resident reads the answer and downloads the table.

Only time is moved by hand (the consultation "closes" with an update), everything else is
clicked and typed as people would.
"""

from __future__ import annotations

import re
from datetime import timedelta

import openpyxl
from django.utils import timezone, translation
from playwright.sync_api import expect

from lidzdaliba.consultations.models import Clause, Consultation, Opinion
from lidzdaliba.core.enums import Outcome
from lidzdaliba.institutions.models import AffectedGroup, Territory, Topic
from lidzdaliba.testing import factories

from .conftest import BROWSER_MARKS, Browsing, sign_in

pytestmark = BROWSER_MARKS

TITLE = "Noteikumi par peldvietu ūdens kvalitātes uzraudzību"
SUMMARY = "Kā pašvaldības pārbaudīs peldvietu ūdeni un kā par to uzzinās iedzīvotāji."
DRAFT = """Noteikumi par peldvietu ūdens kvalitātes uzraudzību
1. Noteikumi nosaka kārtību, kādā uzrauga peldvietu ūdens kvalitāti.
2. Pašvaldība peldsezonas laikā ņem ūdens paraugus:
2.1. ne retāk kā reizi mēnesī;
2.2. pēc katras spēcīgas lietusgāzes.
3. Rezultātus publicē pašvaldības tīmekļvietnē."""
OPINION = "Ierosinu ņemt paraugus reizi divās nedēļās: jūlijā dažās peldvietās ļaudis peld daudz."
WORDING = "2. Pašvaldība peldsezonas laikā ņem ūdens paraugus ne retāk kā reizi divās nedēļās."
REASON = (
    "Daļēji ņemts vērā: jūlijā un augustā, kad peldvietās ir visvairāk ģimeņu, paraugus ņems "
    "reizi divās nedēļās; ķīmiskās analīzes paliek reizi mēnesī. Čaklāk — ja ūdens ir zaļš."
)
NEW_WORDING = "2.1. jūnijā reizi mēnesī, jūlijā un augustā — reizi divās nedēļās;"
LATVIAN_LETTERS = "āčēģīķļņšūž"


def local_input(moment) -> str:
    """A datetime-local value in the site's time zone, as a person types it."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_consultation_from_draft_to_downloaded_feedback(
    browsing: Browsing, ministry, resident, tmp_path
):
    officer = factories.officer(
        ministry, "editor", "responder", email="liga@example.lv", full_name="Līga Kalniņa"
    )

    # --- The officer prepares the consultation -------------------------------------------
    desk = browsing.new_page()
    sign_in(desk, officer.email, next_url="/officer/consultations/new/")
    expect(desk.locator("main h1")).to_be_visible()
    now = timezone.now()
    desk.locator("main #id_title").fill(TITLE)
    desk.locator("main #id_summary").fill(SUMMARY)
    desk.locator("main #id_topic").select_option(str(Topic.objects.get(slug="veseliba").pk))
    desk.locator("main #id_territory").select_option(str(Territory.objects.get(slug="latvija").pk))
    desk.locator("main #id_policy_stage").select_option("drafting")
    desk.locator("main #id_participation_form").select_option("written_consultation")
    desk.locator("main #id_act_type").select_option("cabinet_regulation")
    desk.locator("main #id_responsible_official").fill("Līga Kalniņa")
    desk.locator("main #id_contact_email").fill("liga.kalnina@example.gov.lv")
    desk.locator("main #id_opens_at").fill(local_input(now - timedelta(hours=1)))
    desk.locator("main #id_closes_at").fill(local_input(now + timedelta(days=32)))
    residents = AffectedGroup.objects.get(slug="iedzivotaji")
    desk.locator(f"main input[name=affected_groups][value='{residents.pk}']").check()
    desk.locator("main form button[type=submit]").click()

    desk.wait_for_url(re.compile(r"/officer/consultations/\d+/$"))
    pk = int(re.search(r"/officer/consultations/(\d+)/$", desk.url).group(1))
    expect(desk.locator("main h1")).to_have_text(TITLE)
    consultation = Consultation.objects.get(pk=pk)
    assert list(consultation.affected_groups.all()) == [residents]

    # ...adds the draft text as a version...
    desk.locator(f"main a[href='/officer/consultations/{pk}/versions/new/']").click()
    desk.locator("main #id_text").fill(DRAFT)
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url(f"**/officer/consultations/{pk}/")
    clauses = {c.number: c for c in Clause.objects.filter(version__consultation_id=pk)}
    assert {"1", "2", "2.1", "2.2", "3"} <= set(clauses)
    expect(desk.locator("main .messages")).to_contain_text(str(len(clauses)))

    # ...and publishes it.
    desk.locator(f"main form[action='/officer/consultations/{pk}/publish/'] button").click()
    desk.wait_for_url(f"**/officer/consultations/{pk}/")
    expect(desk.locator("main .status--open")).to_be_visible()

    # --- A resident gives an opinion on clause 2 -----------------------------------------
    home = browsing.new_page()
    sign_in(home, resident.email, next_url=f"/consultations/{pk}/")
    expect(home.locator("main h1")).to_have_text(TITLE)
    clause_two = home.locator(f"main li#clause-{clauses['2'].pk}")
    expect(clause_two.locator(".clause__number")).to_have_text("2.")
    clause_two.locator(f"a[href$='?clause={clauses['2'].pk}']").click()

    home.wait_for_url(re.compile(rf"/consultations/{pk}/opinions/new/\?clause="))
    expect(home.locator("main #id_clause")).to_have_value(str(clauses["2"].pk))
    preview = home.locator("main [data-clause-preview-body]")
    expect(preview).to_contain_text(clauses["2"].text)
    # Choosing another clause shows its whole text beside the choice (opinion-form.js).
    home.locator("main #id_clause").select_option(str(clauses["3"].pk))
    expect(preview).to_contain_text(clauses["3"].text)
    home.locator("main #id_clause").select_option(str(clauses["2"].pk))
    expect(preview).to_contain_text(clauses["2"].text)
    home.locator("main input[name=kind][value=proposal]").check()
    home.locator("main #id_text").fill(OPINION)
    home.locator("main #id_proposed_wording").fill(WORDING)
    home.locator("main #id_show_name").check()
    home.locator("main form button[type=submit]").click()

    home.wait_for_url(re.compile(r"/opinions/\d+/$"))
    opinion = Opinion.objects.get(consultation_id=pk)
    assert opinion.clause_id == clauses["2"].pk
    assert (opinion.kind, opinion.text, opinion.show_name) == ("proposal", OPINION, True)
    assert re.fullmatch(r"LDZ-[2-9A-Z]{4}-[2-9A-Z]{4}", opinion.reference)
    expect(home.locator("main .messages")).to_contain_text(opinion.reference)
    expect(home.locator("main h1")).to_contain_text(opinion.reference)
    expect(home.locator("main .opinion__text")).to_have_text(OPINION)

    # --- Time passes: the consultation closes --------------------------------------------
    Consultation.objects.filter(pk=pk).update(
        opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=1)
    )

    # --- The officer answers and publishes the feedback table ----------------------------
    desk.goto(f"/officer/consultations/{pk}/")
    expect(desk.locator("main .status--closed")).to_be_visible()
    desk.locator(f"main a[href='/officer/consultations/{pk}/answers/']").click()
    expect(desk.locator("main .opinion__text")).to_have_text(OPINION)
    desk.locator(f"main a[href='/officer/opinions/{opinion.pk}/answer/']").click()
    desk.wait_for_url(f"**/officer/opinions/{opinion.pk}/answer/")
    expect(desk.locator("main")).to_contain_text(WORDING)
    desk.locator("main input[name=outcome][value=partly_taken_into_account]").check()
    desk.locator("main #id_reason").fill(REASON)
    desk.locator("main #id_new_wording").fill(NEW_WORDING)
    desk.locator("main form button[type=submit]").click()
    # The last unanswered opinion: back to the list, which now has nothing left to answer.
    desk.wait_for_url(re.compile(rf"/officer/consultations/{pk}/answers/"))
    expect(desk.locator("main .messages")).to_contain_text(opinion.reference)

    desk.locator(f"main a[href='/officer/consultations/{pk}/']").first.click()
    desk.locator(f"main a[href='/officer/consultations/{pk}/feedback/publish/']").click()
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url(f"**/officer/consultations/{pk}/")
    expect(desk.locator("main .status--answered")).to_be_visible()

    # --- The resident reads the answer and downloads the table ---------------------------
    home.goto(f"/opinions/{opinion.pk}/")
    with translation.override("lv"):
        outcome_label = str(Outcome.PARTLY_TAKEN_INTO_ACCOUNT.label)
    expect(home.locator("main .answer .outcome")).to_have_text(outcome_label)
    expect(home.locator("main .answer")).to_contain_text(REASON)
    expect(home.locator("main .answer")).to_contain_text(NEW_WORDING)

    home.locator(f"main a[href='/consultations/{pk}/feedback/']").click()
    home.wait_for_url(f"**/consultations/{pk}/feedback/")
    table = home.locator("main table.data")
    expect(table).to_contain_text(OPINION)
    expect(table).to_contain_text(REASON)
    expect(table).to_contain_text(resident.full_name)  # she allowed her name to be shown

    with home.expect_download() as download_info:
        home.locator("main a[href='?format=xlsx']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = openpyxl.load_workbook(saved, read_only=True)
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    workbook.close()
    assert OPINION in cells
    assert REASON in cells
    assert NEW_WORDING in cells
    assert opinion.reference in cells
    typed = OPINION + WORDING + REASON + NEW_WORDING + resident.full_name
    assert set(LATVIAN_LETTERS) <= set(typed.lower())  # the test really sends all of them
    assert set(LATVIAN_LETTERS) <= set("\n".join(cells).lower()), "Latvian letters lost"

    # No console errors or uncaught exceptions on any page of the journey...
    assert browsing.problems.all == [], "\n".join(browsing.problems.all)
    # ...including the site icon every browser asks for (by <link rel=icon> or /favicon.ico).
    icon = home.locator("link[rel~=icon]")
    icon_url = icon.first.get_attribute("href") if icon.count() else "/favicon.ico"
    icon_response = home.request.get(icon_url)
    assert icon_response.ok, f"site icon {icon_url}: HTTP {icon_response.status}"
