"""Input no form would send — a NUL character, a word where an id belongs — is refused with a
4xx, never a server error ("Bad input never gives a 500", README).

NUL characters in bodies matter on PostgreSQL only, which refuses them in text (SQLite stores
them), so those cases fail only in the PostgreSQL run; Django's form fields refuse NUL, the
API schemas and views that read `request.POST` directly do not. In a query string any control
character, DEL or bytes that are not UTF-8 get a 400 before a view runs
(`core.middleware.UnreadableQueryMiddleware`), on every database; random query strings against
every public page are in `test_public_fuzz.py`.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lidzdaliba.notifications.models import Subscription
from lidzdaliba.testing import factories

from .conftest import post_json

pytestmark = pytest.mark.django_db

NUL = "a\x00b"


@pytest.fixture
def world(editor, ministry, resident):
    open_one = factories.published_consultation(editor, ministry)
    closed = factories.close(factories.published_consultation(editor, ministry))
    return {
        "open": open_one.pk,
        "opinion": factories.opinion(closed, resident).pk,
        "institution": ministry.slug,
    }


API_POSTS = {
    "token-email": ("/api/v1/auth/token", {"email": NUL, "password": NUL}),
    "opinion-text": (
        "/api/v1/consultations/{open}/opinions",
        {"kind": "proposal", "text": NUL, "proposed_wording": NUL},
    ),
    "answer-reason": (
        "/api/v1/opinions/{opinion}/answer",
        {"outcome": "noted", "reason": NUL, "new_wording": NUL},
    ),
    "subscription-email": ("/api/v1/subscriptions", {"email": NUL, "institution": "{institution}"}),
    "subscription-slug": ("/api/v1/subscriptions", {"email": "a@example.lv", "institution": NUL}),
    "subscription-topic": ("/api/v1/subscriptions", {"email": "a@example.lv", "topic": NUL}),
}


@pytest.mark.parametrize("case", API_POSTS)
def test_nul_characters_in_api_bodies(case, world, manager, lenient_client, token_of):
    path, body = API_POSTS[case]
    body = {key: value.format(**world) for key, value in body.items()}
    response = post_json(lenient_client(token=token_of(manager)), path.format(**world), body)
    assert response.status_code < 500, (response.status_code, path)
    assert response["Content-Type"].startswith("application/json")


API_GETS = {
    "list-words": ("/api/v1/consultations", {"q": NUL}),
    "list-institution": ("/api/v1/consultations", {"institution": NUL}),
    "search-words": ("/api/v1/search", {"q": NUL}),
    "search-topic": ("/api/v1/search", {"topic": NUL}),
}
WEB_GETS = {
    "list": ("consultations:list", {"q": NUL, "institution": NUL}),
    "search": ("search:search", {"q": NUL, "territory": NUL}),
    "feed": ("feeds:consultations", {"topic": NUL}),
    "calendar": ("feeds:calendar", {"group": NUL}),
    "feed-links": ("feeds:links", {"q": NUL}),
    "subscribe-page": ("notifications:subscribe", {"institution": NUL, "consultation": NUL}),
    "audit-action": ("audit:list", {"action": NUL}),
    "audit-institution": ("audit:list", {"institution": NUL}),
}


@pytest.mark.parametrize("case", [*API_GETS, *WEB_GETS])
def test_nul_characters_in_query_strings(case, world, manager, lenient_client, token_of):
    if case in API_GETS:
        path, query = API_GETS[case]
        client = lenient_client(token=token_of(manager))
    else:
        name, query = WEB_GETS[case]
        path, client = reverse(name), lenient_client(manager)
    response = client.get(path, query)
    assert response.status_code == 400, (response.status_code, path)


WEB_POSTS = {
    "subscribe-email": ("notifications:subscribe", {"email": NUL, "frequency": "daily"}),
    "subscribe-target": (
        "notifications:subscribe",
        {"email": "a@example.lv", "frequency": "daily", "institution": NUL},
    ),
    "sign-in": ("account_login", {"login": NUL, "password": NUL}),
    "sign-up": ("account_signup", {"email": NUL, "password1": NUL, "password2": NUL}),
    "password-reset": ("account_reset_password", {"email": NUL}),
    "profile": ("accounts:profile", {"full_name": NUL, "preferred_language": "lv"}),
    "token-name": ("accounts:token_create", {"name": NUL}),
}


@pytest.mark.parametrize("case", WEB_POSTS)
def test_nul_characters_in_forms(case, world, resident, lenient_client, settings):
    settings.ANTI_AUTOMATION_MIN_SECONDS = 0
    name, data = WEB_POSTS[case]
    signed_in = name.startswith("accounts:")
    response = lenient_client(resident if signed_in else None).post(reverse(name), data)
    assert response.status_code < 500, (response.status_code, name)


@pytest.mark.parametrize(
    "name", ["notifications:manage", "notifications:confirm", "notifications:unsubscribe"]
)
def test_nul_characters_in_mail_link_tokens(name, lenient_client):
    """The links in every mail carry a token in the path; anybody can send one back altered."""
    url = reverse(name, args=["x"]).replace("/x/", "/%00/")
    for response in (lenient_client().get(url), lenient_client().post(url)):
        assert response.status_code < 500, (response.status_code, url)


# --- Words where ids belong -----------------------------------------------------------------


@pytest.fixture
def own_subscription(resident, ministry):
    return Subscription.objects.create(
        email=resident.email,
        user=resident,
        kind=Subscription.Kind.INSTITUTION,
        institution=ministry,
        target_key=f"institution:{ministry.pk}",
        confirmed_at=timezone.now(),
    )


@pytest.mark.parametrize("value", ["abc", "1.5", "-", "9" * 30])
@pytest.mark.parametrize("action", ["delete", "frequency"])
def test_subscription_forms_with_a_word_for_an_id(
    action, value, own_subscription, resident, lenient_client
):
    data = (
        {"subscription": value, "delete": "1"}
        if action == "delete"
        else {
            "subscription": value,
            "frequency": "weekly",
        }
    )
    for client, url in (
        (lenient_client(), reverse("notifications:manage", args=[own_subscription.token])),
        (lenient_client(resident), reverse("notifications:mine")),
    ):
        response = client.post(url, data)
        assert response.status_code in (400, 404), (response.status_code, url)
    assert Subscription.objects.filter(pk=own_subscription.pk).exists()


@pytest.mark.parametrize("value", ["abc", "1.5", "9" * 30])
def test_removing_a_representative_by_a_word(value, ngo, ngo_rep, lenient_client):
    response = lenient_client(ngo_rep).post(
        reverse("accounts:organisation", args=[ngo.pk]), {"remove": value}
    )
    assert response.status_code in (302, 400, 404), response.status_code
    assert ngo.representation_set.filter(user=ngo_rep).exists()


# --- Control characters and bytes that are not UTF-8 in query strings -------------------------

# Reported by the security probe: each was a 500 (the XML writer of the feed refuses control
# characters; icalendar's serializer asserts there is no line break in the calendar's name).
REPORTED = [
    "/calendar.ics?q=a%0Ab",
    "/feeds/consultations.atom?q=a%0Bb",
    "/feeds/consultations.atom?q=a%0Cb",
    "/feeds/consultations.atom?q=a%1Fb",
]


@pytest.mark.parametrize("url", REPORTED)
def test_control_characters_in_feed_and_calendar_filters_are_a_plain_400(url, world):
    response = Client(raise_request_exception=False).get(url)

    assert response.status_code == 400, response.status_code
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Adresē ir vadības rakstzīme" in text  # Latvian, the site's default language
    assert "“q”" in text


# Raw query strings as a client sends them (WSGI hands them over as Latin-1 text).
UNREADABLE = {
    "nul": "q=a%00b",
    "tab": "q=a%09b",
    "line-feed": "q=a%0Ab",
    "carriage-return": "topic=%0D",
    "unit-separator": "territory=x%1F",
    "delete": "q=a%7Fb",
    "in-the-name": "q%0B=x",
    "after-a-good-parameter": "status=open&group=%0B",
    "not-utf8": "q=%FF",
    "cut-utf8-sequence": "q=%C4",
    "encoded-surrogate": "q=%ED%A0%80",
    "raw-control-character": "q=a\x0bb",
    "raw-byte-not-utf8": "q=\xff",
}


@pytest.mark.parametrize("case", UNREADABLE)
def test_unreadable_query_strings_are_a_400_page(case, world):
    response = Client(raise_request_exception=False, headers={"Accept-Language": "en"}).get(
        "/consultations/", QUERY_STRING=UNREADABLE[case]
    )

    assert response.status_code == 400, response.status_code
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "The request could not be understood" in response.content.decode()
    assert "contains a control character" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/", "/search/", "/institutions/ministrija/", "/feeds/links/", "/accessibility/"],
)
def test_every_page_refuses_them(path, world):
    response = Client(raise_request_exception=False).get(path, QUERY_STRING="q=a%0Ab")

    assert response.status_code == 400, (response.status_code, path)
    assert "Adresē ir vadības rakstzīme" in response.content.decode()


def test_the_api_refuses_them_in_its_json_error_format(world):
    response = Client(headers={"Accept-Language": "en"}).get(
        "/api/v1/consultations", QUERY_STRING="status=open&q=a%0Ab&x%7F=1"
    )

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["error"] == "bad_request"
    assert "control character" in body["message"]
    assert [detail["loc"] for detail in body["details"]] == [["query", "q"], ["query", "x%7F"]]


# Text people do search for: Latvian letters, typographic quotes, emoji, a space written as
# "+" and a real U+FFFD (sent encoded, so it is not a replaced byte).
READABLE = [
    "q=%C4%81rsts",
    "q=%E2%80%9Cnoteikumi%E2%80%9D",
    "q=%F0%9F%98%80",
    "q=a+b",
    "q=%EF%BF%BD",
]


@pytest.mark.parametrize("query", READABLE)
@pytest.mark.parametrize("path", ["/consultations/", "/feeds/consultations.atom", "/calendar.ics"])
def test_readable_text_is_not_refused(path, query, world):
    response = Client().get(path, QUERY_STRING=query)

    assert response.status_code == 200, (response.status_code, path, query)
