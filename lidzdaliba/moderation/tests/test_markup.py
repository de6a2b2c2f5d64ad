"""The moderation pages are valid HTML (the Nu HTML Checker, as for the other pages)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import HiddenReason
from lidzdaliba.moderation.models import Report
from lidzdaliba.testing import factories
from lidzdaliba.testing.html_validator import describe, validate_html

pytestmark = pytest.mark.django_db


def test_the_moderation_pages_are_valid_html(
    open_consultation, author, resident, moderator, coordinator, client_for, tmp_path
):
    shown = factories.opinion(open_consultation, author, text="Rādāms")
    hidden = factories.opinion(open_consultation, author, text="Paslēpjams")
    Report.objects.create(opinion=shown, reporter=resident, reason="other", note="Kāpēc")
    services.opinion_hide(actor=moderator, opinion=hidden, reason=HiddenReason.ABUSIVE)
    services.opinion_review_request(author=author, opinion=hidden, text="Lūdzu pārskatīt.")
    pages = {
        "report": client_for(resident).get(reverse("moderation:report", args=[shown.pk])),
        "queue": client_for(moderator).get(reverse("moderation:queue")),
        "hide": client_for(moderator).get(reverse("moderation:hide", args=[shown.pk])),
        "restore": client_for(moderator).get(reverse("moderation:restore", args=[hidden.pk])),
        "moderators": client_for(coordinator).get(reverse("moderation:moderators")),
        "hidden opinion, author": client_for(author).get(
            reverse("consultations:opinion", args=[hidden.pk])
        ),
        "hidden opinion, moderator": client_for(moderator).get(
            reverse("consultations:opinion", args=[hidden.pk])
        ),
    }
    assert {name: r.status_code for name, r in pages.items()} == dict.fromkeys(pages, 200)
    errors = validate_html({name: r.content.decode() for name, r in pages.items()}, tmp_path)
    assert not errors, describe(errors)
