"""An opinion is accepted once per idempotency key (API header or web form token): a retry,
a double click or a concurrent request gets the first opinion, even when the consultation
has closed or something the first one relied on has changed since."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

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
