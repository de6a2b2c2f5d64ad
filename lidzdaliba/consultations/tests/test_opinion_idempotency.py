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


def test_same_idempotency_key_creates_one_opinion(resident, open_consultation):
    first, created = services.opinion_submit(
        author=resident,
        consultation=open_consultation,
        kind="support",
        text="Atbalstu.",
        idempotency_key="k-1",
    )
    again, created_again = services.opinion_submit(
        author=resident,
        consultation=open_consultation,
        kind="support",
        text="Atbalstu.",
        idempotency_key="k-1",
    )
    assert created and not created_again and first.pk == again.pk
    assert Opinion.objects.count() == 1


def test_a_retry_after_closing_gets_the_accepted_opinion_not_a_conflict(
    resident, open_consultation
):
    first, _ = services.opinion_submit(
        author=resident,
        consultation=open_consultation,
        kind="proposal",
        text="Pieņemts pirms slēgšanas.",
        idempotency_key="retry-1",
    )
    closed = factories.close(open_consultation)
    again, created = services.opinion_submit(
        author=resident,
        consultation=closed,
        kind="proposal",
        text="Pieņemts pirms slēgšanas.",
        idempotency_key=" retry-1 ",
    )
    assert not created and again.pk == first.pk
    with pytest.raises(Conflict):
        services.opinion_submit(
            author=resident,
            consultation=closed,
            kind="proposal",
            text="Jauns pēc slēgšanas.",
            idempotency_key="retry-2",
        )
    assert Opinion.objects.count() == 1


def test_a_retry_is_answered_even_after_the_representation_ended(ngo, ngo_rep, open_consultation):
    first, _ = services.opinion_submit(
        author=ngo_rep,
        consultation=open_consultation,
        kind="proposal",
        text="Biedrības viedoklis",
        organisation_id=ngo.pk,
        idempotency_key="ngo-1",
    )
    Representation.objects.filter(organisation=ngo, user=ngo_rep).delete()
    again, created = services.opinion_submit(
        author=ngo_rep,
        consultation=open_consultation,
        kind="proposal",
        text="Biedrības viedoklis",
        organisation_id=ngo.pk,
        idempotency_key="ngo-1",
    )
    assert not created and again.pk == first.pk
    with pytest.raises(PermissionDenied):  # a new key is judged on today's facts
        services.opinion_submit(
            author=ngo_rep,
            consultation=open_consultation,
            kind="proposal",
            text="Vēl viens",
            organisation_id=ngo.pk,
            idempotency_key="ngo-2",
        )
