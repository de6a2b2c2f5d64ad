"""An opinion is accepted once per idempotency key (API header or web form token): a retry,
a double click or a concurrent request gets the first opinion, even when the consultation
has closed or something the first one relied on has changed since."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lidzdaliba.accounts.models import Representation
from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import Opinion
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def submit(author, consultation, key: str, text: str, *, kind: str = "proposal", **extra):
    return services.opinion_submit(
        author=author,
        consultation=consultation,
        kind=kind,
        text=text,
        idempotency_key=key,
        **extra,
    )


def test_same_idempotency_key_creates_one_opinion(resident, open_consultation):
    first, created = submit(resident, open_consultation, "k-1", "Atbalstu.", kind="support")
    again, created_again = submit(resident, open_consultation, "k-1", "Atbalstu.", kind="support")
    assert created and not created_again and first.pk == again.pk
    assert Opinion.objects.count() == 1


def test_a_retry_after_closing_gets_the_accepted_opinion_not_a_conflict(
    resident, open_consultation
):
    first, _ = submit(resident, open_consultation, "retry-1", "Pieņemts pirms slēgšanas.")
    closed = factories.close(open_consultation)
    again, created = submit(resident, closed, " retry-1 ", "Pieņemts pirms slēgšanas.")
    assert not created and again.pk == first.pk
    with pytest.raises(Conflict):
        submit(resident, closed, "retry-2", "Jauns pēc slēgšanas.")
    assert Opinion.objects.count() == 1


def test_a_retry_is_answered_even_after_the_representation_ended(ngo, ngo_rep, open_consultation):
    text = "Biedrības viedoklis"
    first, _ = submit(ngo_rep, open_consultation, "ngo-1", text, organisation_id=ngo.pk)
    Representation.objects.filter(organisation=ngo, user=ngo_rep).delete()
    again, created = submit(ngo_rep, open_consultation, "ngo-1", text, organisation_id=ngo.pk)
    assert not created and again.pk == first.pk
    with pytest.raises(PermissionDenied):  # a new key is judged on today's facts
        submit(ngo_rep, open_consultation, "ngo-2", "Vēl viens", organisation_id=ngo.pk)


# --- The same key with other content is refused, never answered with the first opinion ----


API_OPINION = {"kind": "proposal", "text": "Pagarināt termiņu līdz 60 dienām.", "show_name": False}


def _post(client, consultation, body, key):
    return client.post(
        f"/api/v1/consultations/{consultation.pk}/opinions",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": key, "Accept-Language": "en"},
    )


@pytest.mark.parametrize(
    "change",
    [
        {"text": "Cits teksts"},
        {"kind": "objection"},
        {"show_name": True},
        {"proposed_wording": "Jauna redakcija"},
    ],
)
def test_api_key_reused_with_another_body_is_422(change, resident, open_consultation, api_for):
    client = api_for(resident)
    first = _post(client, open_consultation, API_OPINION, "key-1")
    assert first.status_code == 201
    reused = _post(client, open_consultation, {**API_OPINION, **change}, "key-1")
    assert reused.status_code == 422, reused.content
    body = reused.json()
    assert body["error"] == "invalid"
    assert "idempotency_key" in body["details"]
    assert first.json()["reference"] in body["message"]
    assert "already sent once with different content" in body["message"]
    # Nothing was created or changed, and the same body again is still the first opinion.
    assert Opinion.objects.count() == 1
    assert Opinion.objects.get().text == API_OPINION["text"]
    again = _post(client, open_consultation, API_OPINION, "key-1")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]


def test_api_key_reused_after_closing_with_another_body_is_422(
    resident, open_consultation, api_for
):
    client = api_for(resident)
    assert _post(client, open_consultation, API_OPINION, "key-2").status_code == 201
    factories.close(open_consultation)
    reused = _post(client, open_consultation, {**API_OPINION, "text": "Vēlāk"}, "key-2")
    assert reused.status_code == 422


def test_web_form_sent_again_with_other_content_is_shown_again_not_dropped(
    resident, open_consultation, client_for
):
    """Back button, edit, send: the same form token with new text. The person is told and
    gets the form back with their new text and a fresh token, so nothing they typed is lost."""
    client = client_for(resident)
    url = reverse("consultations:opinion_create", args=[open_consultation.pk])
    form = {"kind": "proposal", "text": "Pirmais teksts", "token": "tok-1", "clause": ""}
    assert client.post(url, form).status_code == 302
    resent = client.post(url, {**form, "text": "Labots teksts"})
    assert resent.status_code == 400
    page = resent.content.decode()
    assert "Labots teksts" in page
    assert Opinion.objects.get().reference in page
    assert 'value="tok-1"' not in page
    assert Opinion.objects.count() == 1
