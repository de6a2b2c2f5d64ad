"""Stored and reflected XSS, checked where it matters: in a real browser.

`lidzdaliba/consultations/tests/test_xss.py` parses the HTML; here Chromium runs every page
that shows what people typed — names, organisations, opinions, wordings, reasons, titles,
clauses, file names — and the query parameters of lists, search and feeds. Every payload sets
`window.__xss` and opens a dialog if it ever runs, so a page is safe when no dialog appeared,
`window.__xss` is undefined, the payload reads as plain text, and the Content-Security-Policy
forbids inline scripts (the second line of defence, tried by clicking stored `javascript:`
links that no form would accept).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import Page, Response

from lidzdaliba.accounts.models import Organisation
from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Attachment, Consultation, OpinionAttachment
from lidzdaliba.core.enums import OpinionKind, Outcome
from lidzdaliba.institutions.models import Institution, OfficerRole
from lidzdaliba.notifications.models import Subscription
from lidzdaliba.testing import factories

from .conftest import BROWSER_MARKS, Browsing

pytestmark = BROWSER_MARKS

# Each part sets window.__xss and alerts if it ever runs as script.
XSS = (
    '<img src=x onerror="__xss=1;alert(1)">'
    '<svg/onload="__xss=2;alert(2)">'
    '"><script>__xss=3;alert(document.domain)</script>'
    "';__xss=4;alert(4)//"
    "{{7*7}}"
    '<a href="javascript:__xss=5;alert(5)">x</a>'
)
JS_URL = "javascript:__xss=6;alert(6)"
SCRIPT = "<script>__xss=7;alert(7)</script>"

TITLE = f"Nosaukums {XSS}"
SUMMARY = f"Kopsavilkums {XSS}"
CLAUSE = f"Punkts {XSS}"
PERSON = f"Anna {XSS}"
ORGANISATION = f"Biedrība {XSS}"
INSTITUTION = f"Ministrija {XSS}"
OPINION = f"Viedoklis {XSS}"
WORDING = f"Redakcija {XSS}"
REASON = f"Pamatojums {XSS}"
FILE_NAME = f"Pielikums {XSS}.pdf"
DOCUMENT = f"Dokuments {XSS}"
DECISION = f"Lēmums {XSS}"


@dataclass
class World:
    """Everything a person or an officer can type, stored through the services."""

    institution: Institution
    answered: Consultation
    open: Consultation
    opinion_id: int
    organisation: Organisation
    author: object
    responder: object
    manager: object
    subscription_token: str


def build_world() -> World:
    institution = factories.InstitutionFactory(slug="xss-ministrija", name=INSTITUTION)
    # The admin's URL field refuses javascript: (tests/security/test_redirects_and_urls.py);
    # stored anyway, the CSP must keep it inert.
    Institution.objects.filter(pk=institution.pk).update(website=JS_URL)
    editor = factories.officer(institution, OfficerRole.Role.EDITOR, email="ed@example.lv")
    responder = factories.officer(institution, OfficerRole.Role.RESPONDER, email="rs@example.lv")
    manager = factories.officer(institution, OfficerRole.Role.MANAGER, email="mg@example.lv")
    organisation = factories.OrganisationFactory(name=ORGANISATION)
    author = factories.representative(organisation, email="anna@example.lv", full_name=PERSON)

    text = f"{TITLE}\n1. {CLAUSE}\n2. Otrais punkts."
    answered = factories.published_consultation(editor, institution, text=text)
    Consultation.objects.filter(pk=answered.pk).update(title=TITLE, summary=SUMMARY)
    services.attachment_add(
        actor=editor,
        consultation=answered,
        upload=SimpleUploadedFile("anotacija.txt", b"Anotacija."),
        title=DOCUMENT,
    )
    Attachment.objects.filter(consultation=answered).update(original_name=FILE_NAME)
    clause = factories.commentable_clauses(answered)[0]
    opinion, _created = services.opinion_submit(
        author=author,
        consultation=answered,
        kind=OpinionKind.OBJECTION,
        text=OPINION,
        clause_id=clause.pk,
        proposed_wording=WORDING,
        organisation_id=organisation.pk,
        show_name=True,
        attachments=[SimpleUploadedFile("pielikums.txt", b"Pielikuma teksts.")],
    )
    OpinionAttachment.objects.filter(opinion=opinion).update(original_name=FILE_NAME)
    factories.close(answered)
    services.answer_give(
        actor=responder,
        opinion=opinion,
        outcome=Outcome.PARTLY_TAKEN_INTO_ACCOUNT,
        reason=REASON,
        new_wording=WORDING,
    )
    services.feedback_publish(actor=responder, consultation=answered)
    services.decision_record(
        actor=editor,
        consultation=answered,
        decision_url="https://likumi.lv/ta/id/1",
        decision_summary=DECISION,
    )
    # A link no form accepts (the decision form refuses javascript:), stored anyway.
    Consultation.objects.filter(pk=answered.pk).update(decision_url=JS_URL)

    open_one = factories.published_consultation(editor, institution)
    Consultation.objects.filter(pk=open_one.pk).update(title=TITLE, summary=SUMMARY)
    subscription = Subscription.objects.create(
        email="sekotajs@example.lv",
        kind=Subscription.Kind.CONSULTATION,
        consultation=answered,
        target_key=f"consultation:{answered.pk}",
    )
    Subscription.objects.create(
        email="sekotajs@example.lv",
        kind=Subscription.Kind.INSTITUTION,
        institution=institution,
        target_key=f"institution:{institution.pk}",
    )
    return World(
        institution=institution,
        answered=Consultation.objects.get(pk=answered.pk),
        open=open_one,
        opinion_id=opinion.pk,
        organisation=organisation,
        author=author,
        responder=responder,
        manager=manager,
        subscription_token=subscription.token,
    )


class Visitor:
    """One person's browser tab, recording every dialog any page opens."""

    def __init__(self, browsing: Browsing, user=None):
        self.page: Page = browsing.new_page(user=user)
        self.problems = browsing.problems
        self.dialogs: list[str] = []

        def on_dialog(dialog) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message} on {self.page.url}")
            dialog.dismiss()

        self.page.on("dialog", on_dialog)

    def visit(self, url: str, *shown: str, region: str = "main") -> Page:
        """Open `url`; `shown` are texts that must read as plain text in `region`."""
        response = self.page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        assert_strict_csp(response)
        self.assert_inert(url)
        text_of_region = self.page.locator(region).inner_text()
        for text in shown:
            assert text in text_of_region, f"{text!r} is not shown as text on {url}"
        return self.page

    def assert_inert(self, where: str) -> None:
        page = self.page
        page.wait_for_timeout(50)  # onerror/onload of anything injected would have run by now
        assert self.dialogs == [], self.dialogs
        assert page.evaluate("typeof window.__xss") == "undefined", where
        injected = page.evaluate(
            """() => [...document.querySelectorAll('*')].filter(el =>
                   [...el.attributes].some(a => a.name.startsWith('on'))
                   || (el.tagName === 'IMG' && el.getAttribute('src') === 'x')
                   || (el.tagName === 'SCRIPT' && el.textContent.includes('__xss'))
               ).map(el => el.outerHTML.slice(0, 120))"""
        )
        assert injected == [], (where, injected)

    def assert_no_link_to(self, url: str) -> None:
        """Stored URLs are filtered to http(s) before they reach an href."""
        assert self.page.locator(f'a[href="{url}"]').count() == 0, url
        assert self.page.locator('a[href^="javascript:" i]').count() == 0


def assert_strict_csp(response: Response) -> None:
    policy = response.headers.get("content-security-policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    script_src = directives.get("script-src", directives.get("default-src"))
    assert script_src, policy
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, policy
    assert "data:" not in script_src and "*" not in script_src, policy


def test_payloads_stay_inert_everywhere(browsing: Browsing):
    world = build_world()
    c, opinion_id = world.answered, world.opinion_id

    public = Visitor(browsing)
    public.visit(reverse("consultations:detail", args=[c.pk]), TITLE, SUMMARY, CLAUSE, OPINION)
    detail = public.page.locator("main").inner_text()
    for text in (WORDING, REASON, ORGANISATION, PERSON, DOCUMENT, FILE_NAME, DECISION):
        assert text in detail, f"{text!r} is not on the consultation page"
    public.assert_no_link_to(JS_URL)  # the stored decision link is not rendered as a link
    public.visit(
        reverse("consultations:opinion", args=[opinion_id]),
        OPINION,
        WORDING,
        REASON,
        ORGANISATION,
        FILE_NAME,
    )
    public.visit(reverse("consultations:feedback", args=[c.pk]), OPINION, WORDING, REASON)
    public.visit(reverse("web:home"), TITLE)
    public.visit(reverse("institutions:detail", args=[world.institution.slug]), INSTITUTION)
    public.assert_no_link_to(JS_URL)  # the stored website link is not rendered as a link

    # Reflected: the list's words and filters, the search page, the feed links.
    hostile = {"q": XSS, "institution": SCRIPT, "page": SCRIPT, "topic": JS_URL}
    page = public.visit(f"{reverse('consultations:list')}?{urlencode(hostile)}")
    assert page.locator("main input[name=q]").input_value() == XSS
    public.visit(f"{reverse('consultations:list')}?{urlencode({'q': 'Nosaukums'})}", TITLE)
    public.visit(f"{reverse('consultations:list')}?{urlencode({'page': SCRIPT})}", TITLE)
    page = public.visit(f"{reverse('search:search')}?{urlencode({'q': XSS, 'page': SCRIPT})}")
    assert page.locator("main input[name=q]").input_value() == XSS
    public.visit(f"{reverse('search:search')}?{urlencode({'q': 'Nosaukums'})}", TITLE)
    public.visit(f"{reverse('search:search')}?{urlencode({'q': 'Pamatojums'})}", "Pamatojums")
    feed_query = urlencode({"institution": world.institution.slug, "q": XSS})
    page = public.visit(f"{reverse('feeds:links')}?{feed_query}", region="body")
    assert page.locator("a").count() == 2
    public.visit(
        reverse("notifications:manage", args=[world.subscription_token]), TITLE, INSTITUTION
    )

    author = Visitor(browsing, world.author)
    page = author.visit(reverse("accounts:profile"), ORGANISATION)
    assert page.locator("main input[name=full_name]").input_value() == PERSON
    author.visit(reverse("accounts:organisation", args=[world.organisation.pk]), ORGANISATION)

    responder = Visitor(browsing, world.responder)
    responder.visit(reverse("officer:dashboard"), TITLE)
    page = responder.visit(reverse("officer:answer", args=[opinion_id]), OPINION, WORDING)
    assert page.locator("main textarea[name=reason]").input_value() == REASON
    responder.visit(reverse("officer:answers", args=[c.pk]) + "?show=all", OPINION)

    manager = Visitor(browsing, world.manager)
    manager.visit(reverse("audit:list"), TITLE)
