"""One initiative from draft to answer, through the browser, with axe on every page: a
resident drafts it and attaches a map, invites a co-sponsor who accepts, submits it; the
institution publishes it; two people sign; the institution looks at the signatures and
their trends and answers with a reason; everyone reads the answer.

People are signed in with a session made server-side (the sign-in form has its own
journey); everything else is clicked and typed.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from lidzdaliba.initiatives.models import CoSponsor, Initiative, InitiativeRules, Kind, Status
from lidzdaliba.institutions.models import OfficerRole
from lidzdaliba.testing import factories

from .conftest import BROWSER_MARKS, Browsing
from .test_accessibility import axe_violations, describe

pytestmark = BROWSER_MARKS

TITLE = "Droša gājēju pāreja pie Valmieras skolas"
PROBLEM = "Rītos bērni šķērso ielu bez luksofora, un autovadītāji brauc ātri."
SOLUTION = "Ierīkot gājēju pāreju ar luksoforu un ātrumvaļņiem pie skolas ieejas."
REASON = "Pāreju ierīkosim nākamgad: tā ir iekļauta ceļu remonta plānā, ātrumvaļņi — jau šoruden."
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def accessible(page: Page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{what} ({page.url}):\n{describe(violations)}"


def test_initiative_from_draft_to_answer(browsing: Browsing, settings, tmp_path):
    settings.SIGNATURE_COUNT_STALE_SECONDS = 0
    institution = factories.InstitutionFactory(slug="valmiera", name="Valmieras pašvaldība")
    InitiativeRules.objects.create(
        institution=institution,
        kind=Kind.COLLECTIVE_SUBMISSION,
        threshold_absolute=2,
        min_cosponsors=1,
    )
    author = factories.UserFactory(email="autore@example.lv", full_name="Ilze Kalniņa")
    cosponsor = factories.UserFactory(email="liepa@example.lv", full_name="Rūta Liepa")
    officer = factories.officer(
        institution,
        OfficerRole.Role.EDITOR,
        OfficerRole.Role.RESPONDER,
        email="ierednis@example.lv",
    )
    signers = [factories.UserFactory(email=f"iedzivotajs{n}@example.lv") for n in range(2)]

    # The resident drafts the initiative.
    page = browsing.new_page(user=author)
    page.goto("/initiatives/new/")
    accessible(page, "draft form")
    page.select_option("#id_institution", value=institution.slug)
    page.check("input[name=kind][value=collective_submission]")
    page.fill("#id_title", TITLE)
    page.fill("#id_problem", PROBLEM)
    page.fill("#id_solution", SOLUTION)
    page.select_option("#id_topic", index=1)
    page.select_option("#id_territory", index=1)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    initiative = Initiative.objects.get(title=TITLE)
    expect(page.locator("main h1")).to_have_text(TITLE)
    accessible(page, "draft page")

    # A map attached, checked by its content.
    page.locator("main a[href$='/attachments/']").click()
    accessible(page, "attachments page")
    map_file = tmp_path / "karte.pdf"
    map_file.write_bytes(PDF)
    page.set_input_files("#id_files", str(map_file))
    page.locator("main form[enctype] button[type=submit]").click()
    expect(page.locator("main ul a", has_text="karte.pdf")).to_be_visible()

    # A co-sponsor invited by e-mail accepts.
    page.goto(f"/initiatives/{initiative.pk}/cosponsors/")
    accessible(page, "co-sponsors page")
    page.fill("#id_emails", cosponsor.email)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main li", has_text=cosponsor.email)).to_be_visible()
    token = CoSponsor.objects.get(initiative=initiative).token
    cosponsor_page = browsing.new_page(user=cosponsor)
    cosponsor_page.goto(f"/initiatives/cosponsor/{token}/")
    accessible(cosponsor_page, "invitation page")
    cosponsor_page.locator("main form button[type=submit]").click()
    cosponsor_page.wait_for_url(re.compile(rf"/initiatives/{initiative.pk}/$"))

    # The author submits; with its co-sponsor it goes straight to moderation.
    page.goto(f"/initiatives/{initiative.pk}/")
    page.locator("main form[action$='/submit/'] button").click()
    page.wait_for_url(re.compile(rf"/initiatives/{initiative.pk}/$"))
    assert Initiative.objects.get(pk=initiative.pk).status == Status.IN_MODERATION

    # The institution publishes it.
    desk = browsing.new_page(user=officer)
    desk.goto("/initiatives/desk/")
    accessible(desk, "officer desk")
    desk.locator("main a", has_text=TITLE).click()
    accessible(desk, "moderation page")
    desk.check("input[name=decision][value=approved]")
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url(re.compile(rf"/initiatives/{initiative.pk}/$"))
    assert Initiative.objects.get(pk=initiative.pk).status == Status.COLLECTING

    # People sign.
    for signer in signers:
        signing = browsing.new_page(user=signer)
        signing.goto(f"/initiatives/{initiative.pk}/")
        accessible(signing, "initiative page before signing")
        signing.check("#id_declared_min_age")
        signing.locator("main form.sign-form button[type=submit]").click()
        expect(signing.locator("body")).to_contain_text("Paldies! Jūsu paraksts ir reģistrēts.")
        accessible(signing, "initiative page after signing")
    assert Initiative.objects.get(pk=initiative.pk).status == Status.THRESHOLD_REACHED

    # The institution reviews the signatures and their trends, then answers.
    desk.goto(f"/initiatives/{initiative.pk}/signatures/")
    expect(desk.locator("main table tbody tr")).to_have_count(2)
    accessible(desk, "signatures page")
    desk.goto(f"/initiatives/{initiative.pk}/trends/")
    accessible(desk, "trends page")
    desk.goto(f"/initiatives/{initiative.pk}/signatures/invalidate/")
    accessible(desk, "invalidation rule page")
    desk.goto(f"/initiatives/{initiative.pk}/answer/")
    accessible(desk, "answer page")
    desk.check("input[name=outcome][value=taken_into_account]")
    desk.fill("#id_reason", REASON)
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url(re.compile(rf"/initiatives/{initiative.pk}/$"))

    # The institution's manager keeps its rules on their own page.
    manager = factories.officer(institution, OfficerRole.Role.MANAGER, email="vaditajs@example.lv")
    rules = browsing.new_page(user=manager)
    rules.goto("/initiatives/rules/")
    accessible(rules, "rules page")
    rules.locator("main a[href$='/collective_submission/']").click()
    accessible(rules, "rules form")
    rules.fill("#id_min_age", "18")
    rules.locator("main form button[type=submit]").click()
    rules.wait_for_url(re.compile(r"/initiatives/rules/$"))
    assert (
        InitiativeRules.objects.get(
            institution=institution, kind=Kind.COLLECTIVE_SUBMISSION
        ).min_age
        == 18
    )

    # Everyone reads the answer.
    reader = browsing.new_page()
    reader.goto(f"/initiatives/{initiative.pk}/")
    expect(reader.locator("main .answer")).to_contain_text(REASON)
    expect(reader.locator("main")).to_contain_text("karte.pdf")
    accessible(reader, "answered initiative")
    assert not browsing.problems.all, browsing.problems.all
