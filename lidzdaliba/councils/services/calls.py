"""Calls for members: a body publishes what members it looks for and until when.

Publishing opens applications (`Body.accepting_applications`) and announces the call: the
`body.call_published` event, which the notifications app turns into e-mail to the
subscribers of the body's institution and of the groups it should represent, and into an
entry of the institution's Atom feed. Publishing again (a corrected text, a later date) is
a new announcement. Closing stops applications and keeps the text for the record.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record, snapshot
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.limits import check_lengths

from ..models import Body

CALL_FIELDS = ["accepting_applications", "call_text", "call_open_until", "call_published_at"]


def _require_runner(actor, body: Body) -> None:
    if not actor.has_perm("councils.publish_call", body):
        raise PermissionDenied(
            _("Only the secretary of this body and officers of its institution may do this.")
        )


@transaction.atomic
def call_publish(*, actor, body: Body, text: str, open_until: date | None = None) -> Body:
    """Publish (or republish) the body's call for members; applications open."""
    _require_runner(actor, body)
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Say whom the body is looking for.")]})
    check_lengths({"text": text})
    if open_until is not None and open_until < timezone.localdate():
        raise ValidationError({"open_until": [_("Choose today or a later day.")]})
    body = Body.objects.select_for_update().get(pk=body.pk)
    before = snapshot(body, CALL_FIELDS)
    body.call_text = text
    body.call_open_until = open_until
    body.call_published_at = timezone.now()
    body.accepting_applications = True
    body.save(update_fields=[*CALL_FIELDS, "updated_at"])
    audit_record(
        actor=actor,
        action="body.call_publish",
        target=body,
        institution=body.institution,
        before=before,
        after=snapshot(body, CALL_FIELDS),
    )
    publish_on_commit(
        "body.call_published", body_id=body.pk, published_at=body.call_published_at.isoformat()
    )
    return body


@transaction.atomic
def call_close(*, actor, body: Body) -> Body:
    """Stop taking applications; the call's text stays for the record."""
    _require_runner(actor, body)
    body = Body.objects.select_for_update().get(pk=body.pk)
    if not body.accepting_applications:
        return body
    before = snapshot(body, CALL_FIELDS)
    body.accepting_applications = False
    body.save(update_fields=["accepting_applications", "updated_at"])
    audit_record(
        actor=actor,
        action="body.call_close",
        target=body,
        institution=body.institution,
        before=before,
        after=snapshot(body, CALL_FIELDS),
    )
    publish_on_commit("body.call_closed", body_id=body.pk)
    return body
