"""Random query strings against every public page, feed, calendar and download.

The JSON API is fuzzed from its OpenAPI document (`test_api_fuzz.py`); the pages have no such
document, so hypothesis builds the query strings here: names among the filters the pages know
(and any others, and names repeated), values that are real (slugs, statuses, formats, page
numbers) or not — any Unicode text, control characters, bytes that are not UTF-8, very long
values. Every query goes to every endpoint, over a small world of published consultations.

What must hold: never a 5xx; a 400 whenever a name or value holds a control character, DEL
or bytes that are not UTF-8 (worked out here from what was generated, not by the code under
test); a feed or calendar that answers 200 parses.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote, quote_from_bytes

import pytest
from defusedxml import ElementTree
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from icalendar import Calendar

from lidzdaliba.consultations import services
from lidzdaliba.consultations.exports import FORMATS
from lidzdaliba.consultations.models import Status
from lidzdaliba.core.enums import Outcome, ParticipationForm, PolicyStage
from lidzdaliba.search.models import Kind
from lidzdaliba.testing import factories

# Hypothesis keeps caches in .hypothesis/ of the working folder; not in the project.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "lidzdaliba-hypothesis")

pytestmark = pytest.mark.django_db

# Each generated query goes to every endpoint (19 requests); the file runs in 10–20 s here.
MAX_EXAMPLES = 40

FILTER_NAMES = [
    "institution",
    "status",
    "stage",
    "topic",
    "territory",
    "group",
    "form",
    "q",
    "page",
    "kind",
    "format",
]
REAL_VALUES = [
    "ministrija",
    "pasvaldiba",
    "veseliba",
    "valsts-parvalde",
    "latvija",
    "riga",
    "valmieras-novads",
    "pensionari",
    *(value for value in Status.values if value != Status.DRAFT),
    *PolicyStage.values,
    *ParticipationForm.values,
    *Kind.values,
    *FORMATS,
    "json",
    "noteikumi",
    "pasvaldibam*",
    "1",
    "2",
    "0",
    "-1",
    "99999999999999999999",
    "",
]

# A piece of a query: its percent-encoded form, and whether the server can read it.
Piece = tuple[str, bool]


def _readable(text: str) -> bool:
    return not any(ord(char) < 0x20 or ord(char) == 0x7F for char in text)


def _text_piece(text: str) -> Piece:
    return quote(text, safe=""), _readable(text)


def _bytes_piece(raw: bytes) -> Piece:
    try:
        readable = _readable(raw.decode("utf-8"))
    except UnicodeDecodeError:
        readable = False
    return quote_from_bytes(raw, safe=""), readable


# Any Unicode from the space up, but DEL and lone surrogates (a percent-encoded string cannot
# hold them; bytes that are not UTF-8 come from `binary` below): letters, combining marks, C1
# controls, emoji, U+FFFF.
readable_text = st.text(
    st.characters(min_codepoint=0x20, exclude_categories=["Cs"], exclude_characters="\x7f"),
    max_size=30,
)
long_text = st.builds(
    lambda chunk, times: chunk * times,
    st.sampled_from(["a", "ā", "noteikumi ", "*", "%", "\u0301"]),
    st.integers(min_value=500, max_value=4000),
)
# Text with a C0 control character or DEL somewhere (tab and line breaks included).
control = st.one_of(st.characters(max_codepoint=0x1F), st.just("\x7f"))
with_control = st.builds(
    lambda before, char, after: before + char + after,
    st.text(max_size=8),
    control,
    st.text(max_size=8),
)
filter_name = st.sampled_from(FILTER_NAMES).map(_text_piece)
other_name = readable_text.map(_text_piece)
readable_values = st.one_of(
    st.sampled_from(REAL_VALUES).map(_text_piece),
    readable_text.map(_text_piece),
    long_text.map(_text_piece),
)
# Mostly not readable: raw bytes are seldom valid UTF-8 (when they are, the oracle says so).
unreadable = st.one_of(
    with_control.map(_text_piece), st.binary(min_size=1, max_size=12).map(_bytes_piece)
)
poison = st.one_of(
    st.tuples(unreadable, readable_values),
    st.tuples(st.one_of(filter_name, other_name), unreadable),
)


@st.composite
def queries(draw) -> list[tuple[Piece, Piece]]:
    """Filters (their names repeat often), a few other parameters, in any order, and in
    about one query in three one that is not readable, anywhere among them."""
    filters = draw(st.lists(st.tuples(filter_name, readable_values), max_size=5))
    others = draw(st.lists(st.tuples(other_name, readable_values), max_size=2))
    pairs = list(draw(st.permutations(filters + others)))
    bad = draw(st.one_of(st.none(), st.none(), poison))
    if bad is not None:
        pairs.insert(draw(st.integers(min_value=0, max_value=len(pairs))), bad)
    return pairs


def query_string(pairs: list[tuple[Piece, Piece]]) -> str:
    return "&".join(f"{name}={value}" for (name, _n), (value, _v) in pairs)


def is_readable(pairs: list[tuple[Piece, Piece]]) -> bool:
    return all(name_ok and value_ok for (_n, name_ok), (_v, value_ok) in pairs)


@pytest.fixture
def endpoints(editor, responder, ministry, other_officer, municipality, resident):
    """Every public GET endpoint, over published consultations in each phase."""
    open_one = factories.published_consultation(editor, ministry)
    factories.published_consultation(other_officer, municipality)
    closed = factories.close(factories.published_consultation(editor, ministry))
    factories.opinion(closed, resident)
    answered = factories.close(factories.published_consultation(editor, ministry))
    opinion = factories.opinion(answered, resident, text="Noteikumi ir labi.")
    services.answer_give(actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason="Paldies.")
    services.feedback_publish(actor=responder, consultation=answered)
    feedback = f"/consultations/{answered.pk}/feedback/"
    return {
        "home": "/",
        "list": "/consultations/",
        "open-consultation": f"/consultations/{open_one.pk}/",
        "answered-consultation": f"/consultations/{answered.pk}/",
        "opinion": f"/opinions/{opinion.pk}/",
        "feedback-table": feedback,
        "feedback-pending": f"/consultations/{closed.pk}/feedback/",
        # The downloads, with whatever the query adds after the format.
        **{f"feedback-{fmt}": f"{feedback}?format={fmt}" for fmt in FORMATS},
        "search": "/search/",
        "feed": "/feeds/consultations.atom",
        "institution-feed": f"/institutions/{ministry.slug}/feed.atom",
        "calendar": "/calendar.ics",
        "institution-calendar": f"/institutions/{ministry.slug}/calendar.ics",
        "feed-links": "/feeds/links/",
        "institutions": "/institutions/",
        "institution": f"/institutions/{ministry.slug}/",
    }


def _get(client: Client, url: str, query: str):
    path, _sep, fixed = url.partition("?")
    return client.get(path, QUERY_STRING="&".join(part for part in (fixed, query) if part))


def _check_parses(name: str, response) -> None:
    if name.endswith("feed"):
        ElementTree.fromstring(response.content)
    elif name.endswith("calendar"):
        Calendar.from_ical(response.content)


@given(pairs=queries())
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,  # no example database written into the project
    derandomize=True,  # the same queries on every run: a failure is reproducible
    # The endpoints' rows are only read, so one set serves every example.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_query_string_breaks_a_public_endpoint(pairs, endpoints):
    query, readable = query_string(pairs), is_readable(pairs)
    client = Client(raise_request_exception=False)
    for name, url in endpoints.items():
        response = _get(client, url, query)
        assert response.status_code < 500, (name, query, response.status_code)
        if not readable:
            assert response.status_code == 400, (name, query, response.status_code)
        elif response.status_code == 200:
            _check_parses(name, response)
