"""Every page the journeys visit, for residents, officers and visitors: it fits a phone and
its HTML is valid.

Phones: at 320, 390 and 1280 px wide no page scrolls sideways (the page is never wider than
the window; wide tables scroll inside a focusable region or become stacked rows), and at
390 px axe finds no scrollable region the keyboard cannot reach. A screenshot of each page at
each width is saved under var/test-artefacts/screenshots/ (ignored by git) to look at.

Valid HTML: the server's response for each page goes through the Nu HTML Checker
(lidzdaliba/testing/html_validator.py) in one run; every error fails the test.

The data is demo-like, with what breaks layouts: a long e-mail address, long words and a long
URL without spaces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, Response, expect

from lidzdaliba.accounts.services import api_token_create
from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Consultation, Opinion
from lidzdaliba.core.enums import OpinionKind, Outcome
from lidzdaliba.councils import services as meeting_services
from lidzdaliba.institutions.models import OfficerRole
from lidzdaliba.testing import factories
from lidzdaliba.testing.html_validator import describe, validate_html

from .conftest import BROWSER_MARKS, Browsing, switch_language

pytestmark = BROWSER_MARKS

Role = OfficerRole.Role
WIDTHS = (320, 390, 1280)
AXE_WIDTH = 390
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "test-artefacts" / "screenshots"

LONG_EMAIL = "liga.kalnina-berzina.lidzdalibas-nodala@veselibas-ministrija.example.gov.lv"
LONG_WORD = "pretkorupcijasnoteikumugrozījumuprojektssaskaņošanai"
LONG_URL = "https://www.example.lv/dokumenti/2026/noteikumu-projekts-par-pasvaldibu-lidzfinansejumu"
LONG_TEXT = f"Ierosinu papildināt: {LONG_WORD}. Sīkāk: {LONG_URL} un {LONG_EMAIL}."


@dataclass
class Tour:
    """The people and the consultations in each state the journeys pass through."""

    resident: object
    ngo_rep: object
    officer: object
    manager: object
    organisation_pk: int
    open: Consultation
    closed: Consultation
    answered: Consultation
    unanswered_opinion: Opinion
    answered_opinion: Opinion
    meeting_pk: int = 0
    initiative_pk: int = 0


@pytest.fixture
def tour(ministry, resident, ngo, ngo_rep) -> Tour:
    officer = factories.officer(
        ministry, Role.EDITOR, Role.RESPONDER, email=LONG_EMAIL, full_name="Līga Kalniņa-Bērziņa"
    )
    manager = factories.officer(ministry, Role.MANAGER, email="vadītāja@example.lv")
    api_token_create(user=resident, name=f"Pieturvietu karte: {LONG_WORD}")
    ministry.participation_info = f"Ministrija publicē visus projektus: {LONG_URL}"
    ministry.email = LONG_EMAIL
    ministry.website = LONG_URL
    ministry.save()
    long_contact = {
        "contact_email": LONG_EMAIL,
        "responsible_official": "Līga Kalniņa-Bērziņa, Sabiedrības līdzdalības nodaļa",
    }

    open_ = factories.published_consultation(
        officer, ministry, title=f"Noteikumi par {LONG_WORD}", **long_contact
    )
    _first, _second, sub_one, *_rest = factories.commentable_clauses(open_)
    services.opinion_submit(
        author=resident,
        consultation=open_,
        kind=OpinionKind.PROPOSAL,
        text=LONG_TEXT,
        clause_id=sub_one.pk,
        proposed_wording=f"2.1. {LONG_WORD} projektiem;",
        show_name=True,
    )
    services.opinion_submit(
        author=ngo_rep,
        consultation=open_,
        kind=OpinionKind.OBJECTION,
        text="Iebilstam: 30 dienas vērtēšanai ir par ilgu mazām biedrībām.",
        organisation_id=ngo.pk,
    )

    closed = factories.published_consultation(
        officer, ministry, title="Kārtība, kādā pašvaldības atbalsta jauniešu centrus"
    )
    _c_first, c_second, *_rest = factories.commentable_clauses(closed)
    unanswered = factories.opinion(closed, resident, clause=c_second, text=LONG_TEXT)
    answered_here = factories.opinion(
        closed, ngo_rep, organisation=ngo, kind=OpinionKind.SUPPORT, text="Atbalstām."
    )
    factories.close(closed)
    services.answer_give(
        actor=officer, opinion=answered_here, outcome=Outcome.NOTED, reason=LONG_TEXT
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
            text=f"Viedoklis Nr. {index + 1}: {LONG_TEXT}",
            proposed_wording=f"Pieturvietā ir {LONG_WORD}." if index == 0 else "",
            show_name=bool(index % 2),
        )
        for index in range(5)
    ]
    factories.close(answered)
    for opinion, outcome in zip(opinions, Outcome.values, strict=True):
        taken = outcome == Outcome.TAKEN_INTO_ACCOUNT
        services.answer_give(
            actor=officer,
            opinion=opinion,
            outcome=outcome,
            reason=f"Pamatojums: {Outcome(outcome).label}. {LONG_TEXT}",
            new_wording=f"Pieturvietās ir {LONG_WORD}." if taken else "",
        )
    services.feedback_publish(actor=officer, consultation=answered)
    now = timezone.now()
    Consultation.objects.filter(pk=answered.pk).update(
        opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=20)
    )
    # A public meeting of the open consultation: its page lists it (core/subjects.py).
    meeting = meeting_services.meeting_schedule(
        actor=officer,
        subject=open_,
        title=f"Publiskā apspriešana: {LONG_WORD}",
        starts_at=now + timedelta(days=30),
        mode="hybrid",
        place=f"Brīvības iela 72, Rīga ({LONG_WORD})",
        remote_url=LONG_URL,
        capacity=40,
    )
    meeting_services.agenda_item_add(actor=officer, meeting=meeting, title=LONG_TEXT)
    from lidzdaliba.testing.initiatives import collecting_initiative

    idea = collecting_initiative(
        resident, ministry, ngo_rep, officer, kind="idea", title=f"Ideja par {LONG_WORD}"
    )
    return Tour(
        initiative_pk=idea.pk,
        resident=resident,
        ngo_rep=ngo_rep,
        officer=officer,
        manager=manager,
        organisation_pk=ngo.pk,
        open=open_,
        closed=closed,
        answered=answered,
        unanswered_opinion=unanswered,
        answered_opinion=opinions[1],
        meeting_pk=meeting.pk,
    )


# --- The pages -----------------------------------------------------------------------------


def submit_empty_opinion(page: Page) -> None:
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .error-summary")).to_be_visible()


def submit_empty_form(page: Page) -> None:
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .error-summary")).to_be_visible()


@dataclass(frozen=True)
class Visit:
    path: Callable[[Tour], str]
    who: str | None = None  # "resident", "ngo_rep", "officer" or "manager"; None: a visitor
    language: str = "lv"
    then: Callable[[Page], None] | None = None
    ours: bool = True  # False: a page a library renders whole (the API's Swagger UI)


PAGES = {
    # Visitors
    "home": Visit(lambda t: "/"),
    "consultation-list": Visit(lambda t: "/consultations/"),
    "consultation-list-filtered": Visit(
        lambda t: "/consultations/?status=open&topic=valsts-parvalde&q=biedr%C4%ABb%C4%81m"
    ),
    "consultation-open": Visit(lambda t: f"/consultations/{t.open.pk}/"),
    "consultation-answered": Visit(lambda t: f"/consultations/{t.answered.pk}/"),
    "opinion-answered": Visit(lambda t: f"/opinions/{t.answered_opinion.pk}/"),
    "feedback-table": Visit(lambda t: f"/consultations/{t.answered.pk}/feedback/"),
    "institutions": Visit(lambda t: "/institutions/"),
    "initiatives": Visit(lambda t: "/initiatives/"),
    "bodies": Visit(lambda t: "/bodies/"),
    "meetings": Visit(lambda t: "/meetings/"),
    "meeting": Visit(lambda t: f"/meetings/{t.meeting_pk}/"),
    "institution": Visit(lambda t: "/institutions/ministrija/"),
    "search": Visit(lambda t: "/search/?q=biedribam"),
    "subscribe": Visit(lambda t: "/subscriptions/new/"),
    "accessibility-statement": Visit(lambda t: "/accessibility/"),
    "login": Visit(lambda t: "/accounts/login/"),
    "signup": Visit(lambda t: "/accounts/signup/"),
    "password-reset": Visit(lambda t: "/accounts/password/reset/"),
    "api-docs": Visit(lambda t: "/api/v1/docs", ours=False),
    "en-consultation-open": Visit(lambda t: f"/consultations/{t.open.pk}/", language="en"),
    "en-feedback-table": Visit(
        lambda t: f"/consultations/{t.answered.pk}/feedback/", language="en"
    ),
    # Residents
    "opinion-form": Visit(lambda t: f"/consultations/{t.open.pk}/opinions/new/", "resident"),
    "opinion-form-errors": Visit(
        lambda t: f"/consultations/{t.open.pk}/opinions/new/",
        "resident",
        then=submit_empty_opinion,
    ),
    "opinion-own-unanswered": Visit(lambda t: f"/opinions/{t.unanswered_opinion.pk}/", "resident"),
    "meeting-registration": Visit(lambda t: f"/meetings/{t.meeting_pk}/", "resident"),
    "profile": Visit(lambda t: "/profile/", "resident"),
    "initiative-new": Visit(lambda t: "/initiatives/new/", "resident"),
    "my-initiatives": Visit(lambda t: "/initiatives/mine/", "resident"),
    "my-opinions": Visit(lambda t: "/my-opinions/", "resident"),
    "my-subscriptions": Visit(lambda t: "/subscriptions/", "resident"),
    "delete-account": Visit(lambda t: "/profile/delete/", "resident"),
    "account-email": Visit(lambda t: "/accounts/email/", "resident"),
    "password-change": Visit(lambda t: "/accounts/password/change/", "resident"),
    "organisation": Visit(lambda t: f"/profile/organisations/{t.organisation_pk}/", "ngo_rep"),
    # Officers
    "officer-desk": Visit(lambda t: "/officer/", "officer"),
    "initiatives-desk": Visit(lambda t: "/initiatives/desk/", "officer"),
    "bodies-desk": Visit(lambda t: "/officer/bodies/", "officer"),
    "officer-new-consultation": Visit(lambda t: "/officer/consultations/new/", "officer"),
    "officer-manage-open": Visit(lambda t: f"/officer/consultations/{t.open.pk}/", "officer"),
    "officer-manage-answered": Visit(
        lambda t: f"/officer/consultations/{t.answered.pk}/", "officer"
    ),
    "officer-edit": Visit(lambda t: f"/officer/consultations/{t.open.pk}/edit/", "officer"),
    "officer-new-version": Visit(
        lambda t: f"/officer/consultations/{t.open.pk}/versions/new/", "officer"
    ),
    "officer-new-attachment": Visit(
        lambda t: f"/officer/consultations/{t.open.pk}/attachments/new/", "officer"
    ),
    "officer-answers": Visit(
        lambda t: f"/officer/consultations/{t.closed.pk}/answers/?show=all", "officer"
    ),
    "officer-answer": Visit(
        lambda t: f"/officer/opinions/{t.unanswered_opinion.pk}/answer/", "officer"
    ),
    "officer-feedback-draft": Visit(lambda t: f"/consultations/{t.closed.pk}/feedback/", "officer"),
    "officer-feedback-publish": Visit(
        lambda t: f"/officer/consultations/{t.closed.pk}/feedback/publish/", "officer"
    ),
    "officer-decision": Visit(
        lambda t: f"/officer/consultations/{t.answered.pk}/decision/", "officer"
    ),
    "officer-consultation-meetings": Visit(lambda t: f"/consultations/{t.open.pk}/", "officer"),
    "officer-schedule-meeting": Visit(
        lambda t: f"/meetings/new/?subject=consultation:{t.open.pk}", "officer"
    ),
    "officer-schedule-meeting-errors": Visit(
        lambda t: f"/meetings/new/?subject=consultation:{t.open.pk}",
        "officer",
        then=submit_empty_form,
    ),
    "officer-meeting": Visit(lambda t: f"/meetings/{t.meeting_pk}/", "officer"),
    "initiative-signatures": Visit(
        lambda t: f"/initiatives/{t.initiative_pk}/signatures/", "officer"
    ),
    "initiative-trends": Visit(lambda t: f"/initiatives/{t.initiative_pk}/trends/", "officer"),
    "initiative-invalidate": Visit(
        lambda t: f"/initiatives/{t.initiative_pk}/signatures/invalidate/", "officer"
    ),
    "initiative-rules": Visit(lambda t: "/initiatives/rules/", "manager"),
    "initiative-rules-edit": Visit(
        lambda t: "/initiatives/rules/ministrija/collective_submission/", "manager"
    ),
    "audit-log": Visit(lambda t: "/officer/audit/", "manager"),
    "institution-roles": Visit(lambda t: "/institutions/ministrija/officers/", "manager"),
}


class Visitor:
    """One browser page per person and language, kept for the whole tour."""

    def __init__(self, browsing: Browsing, tour: Tour) -> None:
        self.browsing = browsing
        self.tour = tour
        self.pages: dict[tuple[str | None, str], Page] = {}

    def page_for(self, visit: Visit) -> Page:
        key = (visit.who, visit.language)
        if key not in self.pages:
            user = getattr(self.tour, visit.who) if visit.who else None
            page = self.browsing.new_page(user=user)
            if visit.language != "lv":
                page.goto("/")
                switch_language(page, visit.language)
            self.pages[key] = page
        return self.pages[key]

    def open(self, name: str, visit: Visit) -> Page:
        page, _response = self.arrive(name, visit)
        self.act(page, visit)
        return page

    def arrive(self, name: str, visit: Visit) -> tuple[Page, Response]:
        """Go to the page; the server's response (after any redirects) comes back too."""
        page = self.page_for(visit)
        response = page.goto(visit.path(self.tour))
        assert response is not None and response.ok, (
            f"{name}: HTTP {response and response.status} ({page.url})"
        )
        if visit.ours:
            expect(page.locator("html")).to_have_attribute("lang", visit.language)
        return page, response

    def act(self, page: Page, visit: Visit) -> None:
        """Do what the visit does on the page (such as sending a form), if anything."""
        if visit.then:
            visit.then(page)


@pytest.fixture
def visitor(browsing: Browsing, tour: Tour) -> Visitor:
    return Visitor(browsing, tour)


# --- Phones --------------------------------------------------------------------------------

OVERFLOW = """() => {
    const root = document.documentElement;
    const right = el => el.getBoundingClientRect().right;
    // Content scrolled inside a region that fits is not overflow. An absolutely positioned
    // box is clipped only from its containing block (its offsetParent) outwards.
    const clipped = (el, edge) => {
        const position = getComputedStyle(el).position;
        if (position === 'fixed') return false;
        let up = position === 'absolute' ? el.offsetParent : el.parentElement;
        for (; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== 'visible' && right(up) <= edge) return true;
        }
        return false;
    };
    const sticksOut = (el, edge) => right(el) > edge + 0.5 && !clipped(el, edge);
    const label = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className ? '.' + el.className : '')
        + ` (${Math.round(right(el))} px: "${(el.textContent || '').trim().slice(0, 40)}")`;
    const culprits = (elements, edge) => {
        const wide = elements.filter(el => sticksOut(el, edge));
        // Where it starts (the parent still fits) and what pushes (no child sticks out).
        const outermost = wide.filter(el => !sticksOut(el.parentElement, edge));
        const innermost = wide.filter(el => ![...el.children].some(c => sticksOut(c, edge)));
        return [...new Set([...outermost.slice(0, 3), ...innermost.slice(0, 3)])].map(label);
    };
    // Also on a wide screen nothing may stick out of the content column (a long e-mail
    // address out of the box beside the text, say), even where the window has room.
    const main = document.querySelector('main');
    return {
        scrollWidth: root.scrollWidth,
        innerWidth: window.innerWidth,
        wide: culprits([...document.querySelectorAll('body *')], window.innerWidth),
        outOfMain: main ? culprits([...main.querySelectorAll('*')], right(main)) : [],
    };
}"""
AXE_SCROLLABLE = {"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}}


def test_every_page_fits_narrow_screens(visitor: Visitor):
    """No page scrolls sideways at 320, 390 or 1280 px, nothing sticks out of the content,
    and every scrolling region can be reached with the keyboard (axe at 390 px)."""
    problems: list[str] = []
    for name, visit in PAGES.items():
        page = visitor.page_for(visit)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            visitor.open(name, visit)
            folder = SCREENSHOTS / str(width)
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=folder / f"{name}.png", full_page=True)
            measured = page.evaluate(OVERFLOW)
            if measured["scrollWidth"] > measured["innerWidth"]:
                problems.append(
                    f"{name} at {width} px: the page is {measured['scrollWidth']} px wide;"
                    f" too wide: {'; '.join(measured['wide']) or '?'}"
                )
            if measured["outOfMain"]:
                problems.append(
                    f"{name} at {width} px: sticks out of the content:"
                    f" {'; '.join(measured['outOfMain'])}"
                )
            if width == AXE_WIDTH:
                response = Axe().run(page, options=AXE_SCROLLABLE).response
                for violation in response["violations"]:
                    for node in violation["nodes"]:
                        problems.append(
                            f"{name} at {width} px: {violation['id']}: {violation['help']}:"
                            f" {node['html'][:200]}"
                        )
    assert not problems, f"{len(problems)} problem(s) on narrow screens:\n" + "\n".join(problems)


# --- Valid HTML ----------------------------------------------------------------------------


def test_every_page_is_valid_html(visitor: Visitor, tmp_path):
    """The HTML the server sends for each page (also the one after a form is sent) has no
    errors by the Nu HTML Checker."""
    documents: dict[str, str] = {}
    for name, visit in PAGES.items():
        page, response = visitor.arrive(name, visit)
        documents[name] = response.text()
        if visit.then:
            with page.expect_navigation() as navigation:
                visitor.act(page, visit)
            documents[f"{name}--then"] = navigation.value.text()

    errors = validate_html(documents, tmp_path / "pages")

    assert not errors, describe(errors)
