"""Accessibility in a real browser: axe-core (WCAG 2.1 A/AA and best practices) on the pages
people use most, in Latvian and English, and the opinion form driven by the keyboard alone.

On a failure every violation is listed with its rule, impact, help text and the HTML of each
failing element, so it can be fixed without re-running anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Consultation, Opinion
from lidzdaliba.core.enums import OpinionKind, Outcome
from lidzdaliba.institutions.models import OfficerRole
from lidzdaliba.testing import factories

from .conftest import BROWSER_MARKS, Browsing, switch_language

pytestmark = BROWSER_MARKS

Role = OfficerRole.Role
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
SHELTER = "Pieturvietās, kur iespējams, ir nojume."


# --- Demo-like data ------------------------------------------------------------------------


@dataclass
class World:
    officer: object
    resident: object
    open: Consultation
    closed: Consultation
    answered: Consultation
    unanswered_opinion: Opinion
    answered_opinion: Opinion


@pytest.fixture
def world(ministry, resident, ngo, ngo_rep) -> World:
    """An open consultation with opinions, a closed one being answered, and one whose
    feedback table is published — as in the demo, on the factories' draft text."""
    officer = factories.officer(
        ministry,
        Role.EDITOR,
        Role.RESPONDER,
        Role.MANAGER,
        email="liga@example.lv",
        full_name="Līga Kalniņa",
    )
    ministry.participation_info = "Ministrija publicē visus projektus vismaz 30 dienas."
    ministry.email = "pasts@vm.example.lv"
    ministry.website = "https://www.vm.example.lv"
    ministry.save()
    now = timezone.now()

    open_ = factories.published_consultation(officer, ministry)
    _first, _second, sub_one, *_rest = factories.commentable_clauses(open_)
    services.opinion_submit(
        author=resident,
        consultation=open_,
        kind=OpinionKind.PROPOSAL,
        text="Ierosinu noteikt, ka pieteikumus var iesniegt arī elektroniski.",
        clause_id=sub_one.pk,
        proposed_wording="2.1. sabiedriskā labuma projektiem, tostarp tiešsaistē;",
        show_name=True,
    )
    services.opinion_submit(
        author=ngo_rep,
        consultation=open_,
        kind=OpinionKind.OBJECTION,
        text="Iebilstam: 30 dienas vērtēšanai ir par ilgu mazām biedrībām.",
        organisation_id=ngo.pk,
    )
    services.opinion_submit(
        author=resident,
        consultation=open_,
        kind=OpinionKind.QUESTION,
        text="Vai līdzfinansējumu var saņemt arī reliģiskās organizācijas?",
    )

    closed = factories.published_consultation(
        officer, ministry, title="Kārtība, kādā pašvaldības atbalsta jauniešu centrus"
    )
    _c_first, c_second, *_rest = factories.commentable_clauses(closed)
    unanswered = factories.opinion(
        closed, resident, clause=c_second, text="Kāpēc jauniešu centri nav minēti?"
    )
    answered_here = factories.opinion(
        closed, ngo_rep, organisation=ngo, kind=OpinionKind.SUPPORT, text="Atbalstām."
    )
    factories.close(closed)
    services.answer_give(
        actor=officer,
        opinion=answered_here,
        outcome=Outcome.NOTED,
        reason="Paldies par atbalstu.",
    )

    answered = factories.published_consultation(
        officer, ministry, title="Noteikumi par sabiedriskā transporta pieturvietām"
    )
    a_clauses = factories.commentable_clauses(answered)
    kinds = list(OpinionKind.values)
    opinions = [
        factories.opinion(
            answered,
            resident if index % 2 else ngo_rep,
            organisation=None if index % 2 else ngo,
            clause=a_clauses[index % len(a_clauses)] if index < 4 else None,
            kind=kinds[index % len(kinds)],
            text=f"Viedoklis Nr. {index + 1}: pieturvietās vajag soliņus un nojumes.",
            proposed_wording="Pieturvietā ir nojume un soliņš." if index == 0 else "",
            show_name=bool(index % 2),
        )
        for index in range(5)
    ]
    factories.close(answered)
    for opinion, outcome in zip(opinions, Outcome.values, strict=True):
        services.answer_give(
            actor=officer,
            opinion=opinion,
            outcome=outcome,
            reason=f"Pamatojums: {Outcome(outcome).label}. Ņemts vērā budžeta ierobežojums.",
            new_wording=SHELTER if outcome == Outcome.TAKEN_INTO_ACCOUNT else "",
        )
    services.feedback_publish(actor=officer, consultation=answered)
    Consultation.objects.filter(pk=answered.pk).update(
        opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=20)
    )
    return World(
        officer=officer,
        resident=resident,
        open=open_,
        closed=closed,
        answered=answered,
        unanswered_opinion=unanswered,
        answered_opinion=opinions[1],
    )


# --- The pages -----------------------------------------------------------------------------


def submit_empty_opinion(page: Page) -> None:
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .error-summary")).to_be_visible()
    expect(page.locator("main .field--error").first).to_be_visible()


@dataclass(frozen=True)
class Visit:
    path: Callable[[World], str]
    shows: str = "main h1"  # what must be on the page, so axe checks the interesting state
    who: str | None = None  # "resident" or "officer"; None: not signed in
    language: str = "lv"
    then: Callable[[Page], None] | None = None


PAGES = {
    "home": Visit(lambda w: "/", "main .cards .card"),
    "consultation-list-filtered": Visit(
        lambda w: "/consultations/?status=open&topic=valsts-parvalde&q=biedr%C4%ABb%C4%81m",
        "main #results .cards .card",
    ),
    "consultation-open": Visit(lambda w: f"/consultations/{w.open.pk}/", "main article.opinion"),
    "consultation-answered": Visit(
        lambda w: f"/consultations/{w.answered.pk}/", "main article.opinion .answer"
    ),
    "opinion-form-errors": Visit(
        lambda w: f"/consultations/{w.open.pk}/opinions/new/",
        "main form #id_text",
        who="resident",
        then=submit_empty_opinion,
    ),
    "opinion-answered": Visit(lambda w: f"/opinions/{w.answered_opinion.pk}/", "main .answer"),
    "officer-answer": Visit(
        lambda w: f"/officer/opinions/{w.unanswered_opinion.pk}/answer/",
        "main form input[name=outcome]",
        who="officer",
    ),
    "officer-answers-list": Visit(
        lambda w: f"/officer/consultations/{w.closed.pk}/answers/?show=all",
        "main .opinion .answer",
        who="officer",
    ),
    "officer-desk": Visit(
        lambda w: "/officer/?state=all", "main table.data tbody tr", who="officer"
    ),
    "audit-log": Visit(lambda w: "/officer/audit/", "main table.data tbody tr", who="officer"),
    "feedback-table": Visit(
        lambda w: f"/consultations/{w.answered.pk}/feedback/", "main table.data tbody tr"
    ),
    "institution": Visit(lambda w: "/institutions/ministrija/", "main .cards .card"),
    "search-results": Visit(lambda w: "/search/?q=biedribam", "main mark"),
    "search-nothing-found": Visit(lambda w: "/search/?q=zzzneatrodams", "main h1"),
    "subscribe": Visit(lambda w: "/subscriptions/new/", "main form input[name=email]"),
    "my-subscriptions": Visit(lambda w: "/subscriptions/", "main h1", who="resident"),
    "delete-account": Visit(lambda w: "/profile/delete/", "main form", who="resident"),
    "en-search-results": Visit(lambda w: "/search/?q=biedribam", "main mark", language="en"),
    "accessibility-statement": Visit(lambda w: "/accessibility/"),
    "login": Visit(lambda w: "/accounts/login/", "main input[name=login]"),
    "en-home": Visit(lambda w: "/", "main .cards .card", language="en"),
    "en-consultation-open": Visit(
        lambda w: f"/consultations/{w.open.pk}/", "main article.opinion", language="en"
    ),
    "en-opinion-form-errors": Visit(
        lambda w: f"/consultations/{w.open.pk}/opinions/new/",
        "main form #id_text",
        who="resident",
        language="en",
        then=submit_empty_opinion,
    ),
    "en-feedback-table": Visit(
        lambda w: f"/consultations/{w.answered.pk}/feedback/",
        "main table.data tbody tr",
        language="en",
    ),
}


def describe(violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation['impact']}] {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html']}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def axe_violations(page: Page) -> list[dict]:
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_violations(name: str, browsing: Browsing, world: World):
    visit = PAGES[name]
    user = {"resident": world.resident, "officer": world.officer, None: None}[visit.who]
    page = browsing.new_page(user=user)
    response = page.goto(visit.path(world))
    assert response is not None and response.ok, f"{name}: HTTP {response and response.status}"
    if visit.language != "lv":
        switch_language(page, visit.language)
    expect(page.locator("html")).to_have_attribute("lang", visit.language)
    if visit.then:
        visit.then(page)
    expect(page.locator(visit.shows).first).to_be_visible()

    violations = axe_violations(page)

    assert not violations, f"{name} ({page.url}):\n{describe(violations)}"


# --- The keyboard alone --------------------------------------------------------------------

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
        id: el.id, name: el.getAttribute('name'), tag: el.tagName.toLowerCase(),
        type: el.getAttribute('type'), cls: el.className, text: el.textContent.trim(),
        visible: outline || style.boxShadow !== 'none',
        outline: `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow,
    };
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUS_STYLE)


def test_opinion_form_with_the_keyboard_alone(browsing: Browsing, world: World):
    page = browsing.new_page(user=world.resident)
    page.goto(f"/consultations/{world.open.pk}/opinions/new/")

    # The first Tab stop is the skip link; it is visible and takes focus to the content.
    page.keyboard.press("Tab")
    skip = focused(page)
    assert "skip-link" in skip["cls"], f"first Tab stop is {skip}"
    assert skip["visible"], f"no visible focus indicator on the skip link: {skip}"
    expect(page.locator("a.skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#content")).to_be_focused()

    # Tab through the form: every field is reached, each with a visible focus indicator.
    text = "Ierosinu pagarināt termiņu līdz 45 dienām — mazām biedrībām ļoti vajag laiku."
    wanted = {"id_kind", "id_clause", "id_text", "id_proposed_wording", "id_show_name"}
    wanted |= {"id_attachments", "submit"}
    reached: list[str] = []
    without_indicator: list[dict] = []
    for _step in range(40):
        page.keyboard.press("Tab")
        current = focused(page)
        if not current["visible"]:
            without_indicator.append(current)
        key = "submit" if current["type"] == "submit" and current["tag"] == "button" else None
        key = key or re.sub(r"_\d+$", "", current["id"] or "") or current["tag"]
        reached.append(key)
        if current["name"] == "kind":
            page.keyboard.press("Space")  # the first kind, "objection"...
            expect(page.locator("#id_kind_0")).to_be_checked()
            page.keyboard.press("ArrowDown")  # ...then the next one, "proposal"
            expect(page.locator("main input[name=kind][value=proposal]")).to_be_checked()
            expect(page.locator("main input[name=kind][value=proposal]")).to_be_focused()
        elif current["id"] == "id_text":
            page.keyboard.type(text)
        elif current["id"] == "id_show_name":
            page.keyboard.press("Space")
            expect(page.locator("#id_show_name")).to_be_checked()
        elif key == "submit":
            break
    assert wanted <= set(reached), f"not reached with Tab: {wanted - set(reached)}; {reached}"
    assert reached.index("id_kind") < reached.index("id_text") < reached.index("submit")
    assert not without_indicator, f"focused without a visible indicator: {without_indicator}"

    # Enter on the focused submit button sends the opinion.
    page.keyboard.press("Enter")
    # (The skip link's "#content" stays on the URL through the redirect, as browsers do.)
    page.wait_for_url(re.compile(r"/opinions/\d+/(#content)?$"))
    opinion = Opinion.objects.get(author=world.resident, text=text)
    assert (opinion.kind, opinion.show_name) == (OpinionKind.PROPOSAL, True)
    expect(page.locator("main h1")).to_contain_text(opinion.reference)
