"""After signing in or switching the language, people are only ever sent back to this site;
and no form stores a link that would run script when clicked."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from lidzdaliba.institutions.models import Institution
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

HOSTILE_NEXT = [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "///evil.example",
    "/\t/evil.example",
    "https:evil.example",
    "http://testserver@evil.example/",
    "javascript:alert(1)",
    "JavaScript:alert(document.domain)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]
BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
]


def assert_on_site(url: str) -> None:
    # What a browser does with it: tabs and newlines vanish, backslashes are slashes.
    seen = url.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    parts = urlsplit(seen.strip())
    assert parts.scheme in ("", "http", "https"), url
    assert parts.netloc in ("", "testserver"), url


def assert_stays_on_site(response) -> None:
    assert response.status_code in (301, 302, 303), response.status_code
    assert_on_site(response["Location"])
    assert "evil.example" not in response["Location"], response["Location"]


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_sign_in_redirects_only_to_this_site(next_url, resident):
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": resident.email, "password": factories.PASSWORD, "next": next_url},
    )
    assert_stays_on_site(response)
    # Signed in all the same: the hostile address changed only where we were sent.
    assert client.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_sign_in_page_never_links_to_a_hostile_next(next_url, resident):
    response = Client().get(reverse("account_login"), {"next": next_url})
    # A query string with a control character (the tab) is refused before any page is made;
    # the error page must not link to it either.
    assert response.status_code == (400 if "\t" in next_url else 200)
    soup = BeautifulSoup(response.content, "html.parser")
    for tag in soup.find_all(href=True):
        assert_on_site(tag["href"])
    for tag in soup.find_all("form", action=True):
        assert_on_site(tag["action"])


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "resident"])
def test_language_switch_redirects_only_to_this_site(next_url, signed_in, resident, client_for):
    client = client_for(resident if signed_in else None)
    response = client.post(reverse("set_language"), {"language": "en", "next": next_url})
    assert_stays_on_site(response)


def test_sign_out_redirects_only_to_this_site(resident, client_for):
    for next_url in HOSTILE_NEXT:
        client = client_for(resident)
        response = client.post(reverse("account_logout"), {"next": next_url})
        assert_stays_on_site(response)


# --- Stored links ---------------------------------------------------------------------------


def admin_form_data(html: bytes) -> dict:
    """The values a browser would send from the admin change form as it is."""
    form = BeautifulSoup(html, "html.parser").find("form", id=lambda v: v and v.endswith("_form"))
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.get_text()
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def institution_admin_form(institution, client_for):
    """An administrator's client, the institution's admin page and its form as it stands."""
    admin = factories.UserFactory(email="admin@example.lv", is_staff=True, is_superuser=True)
    client = client_for(admin)
    url = reverse("admin:institutions_institution_change", args=[institution.pk])
    return client, url, admin_form_data(client.get(url).content)


@pytest.mark.parametrize("bad_url", BAD_URLS)
def test_institution_website_refuses_script_links(bad_url, ministry, client_for):
    client, url, data = institution_admin_form(ministry, client_for)
    # The unchanged form saves (so the refusal below is about the link, nothing else).
    data["website"] = "https://www.vm.gov.lv"
    assert client.post(url, data).status_code == 302
    data["website"] = bad_url
    response = client.post(url, data)
    assert response.status_code == 200
    assert "website" in response.context["adminform"].form.errors
    assert Institution.objects.get(pk=ministry.pk).website == "https://www.vm.gov.lv"


def test_a_link_typed_without_a_scheme_is_saved_as_https(ministry, client_for):
    client, url, data = institution_admin_form(ministry, client_for)
    data["website"] = "www.vm.gov.lv"
    assert client.post(url, data).status_code == 302
    assert Institution.objects.get(pk=ministry.pk).website == "https://www.vm.gov.lv"


@pytest.mark.parametrize("bad_url", BAD_URLS)
def test_decision_link_refuses_script_links(
    bad_url, editor, responder, ministry, resident, client_for
):
    """The decision form (test_xss.py tries javascript:; here the other schemes too)."""
    from lidzdaliba.consultations import services

    consultation = factories.close(factories.published_consultation(editor, ministry))
    services.feedback_publish(actor=responder, consultation=consultation, justification="x")
    response = client_for(editor).post(
        reverse("officer:decision", args=[consultation.pk]),
        {"decision_url": bad_url, "decision_summary": "Pieņemts."},
    )
    assert response.status_code == 400
    consultation.refresh_from_db()
    assert consultation.decision_url == "" and consultation.decided_at is None
