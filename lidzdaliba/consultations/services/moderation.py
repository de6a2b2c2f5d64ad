"""Hiding and restoring an opinion's words, and the author's one request for a review.

These live here, not in the moderation app, because the hidden state is the opinion's own:
every public reader of consultations (the pages, the feedback table and its downloads, the
API, the search index) must know it without asking an app above consultations, which the
layers forbid. The moderation app (a consumer, above consultations) keeps the reports and
the queue and calls these services; an officer acting from an opinion's page calls the same.

A hidden opinion is not withdrawn: its row stays in the feedback table as "Hidden: <reason>"
and still needs the institution's answer. Every step is audited and published as an event
(`opinion.hidden`, `opinion.restored`), so the search index and the page cache follow.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record, snapshot
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.limits import check_lengths
from lidzdaliba.core.tasks import enqueue_on_commit

from ..models import HiddenReason, Opinion
from ..tasks import send_hiding_notice, send_review_decision

HIDDEN_FIELDS = ["hidden_reason", "hidden_note", "hidden_at", "hidden_by_id"]
REVIEW_FIELDS = ["review_requested_at", "review_decided_at", "review_decision_note"]


def _locked(opinion: Opinion) -> Opinion:
    """The opinion's row, locked, with what the checks and the audit entry read."""
    return (
        Opinion.objects.select_for_update(of=("self",))
        .select_related("consultation__institution")
        .get(pk=opinion.pk)
    )


def _require_moderator(actor, opinion: Opinion) -> None:
    if not actor.has_perm("consultations.moderate_opinions", opinion.consultation):
        raise PermissionDenied(
            _("Only the institution's officers and moderators may hide or restore opinions.")
        )


def _validate_reason(reason: str, note: str) -> None:
    errors: dict[str, list[str]] = {}
    if reason not in HiddenReason.values:
        errors["reason"] = [_("Choose a reason.")]
    if reason == HiddenReason.OTHER and not note.strip():
        errors["note"] = [_("Say what the other reason is.")]
    try:
        check_lengths({"note": note})
    except ValidationError as too_long:
        for name, messages in too_long.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _published(opinion: Opinion, event: str) -> None:
    publish_on_commit(event, opinion_id=opinion.pk, consultation_id=opinion.consultation_id)


@transaction.atomic
def opinion_hide(*, actor, opinion: Opinion, reason: str, note: str = "") -> Opinion:
    """Withhold the opinion's words from the public, saying why; the author is told by mail
    with a link to ask for a review. Hiding a hidden opinion again changes the reason."""
    opinion = _locked(opinion)
    _require_moderator(actor, opinion)
    _validate_reason(reason, note)
    before = snapshot(opinion, HIDDEN_FIELDS)
    opinion.hidden_reason = reason
    opinion.hidden_note = note.strip()
    opinion.hidden_at = timezone.now()
    opinion.hidden_by = actor
    # A new decision: the author may ask once to have this one reviewed.
    opinion.review_requested_at = None
    opinion.review_request_text = ""
    opinion.review_decided_at = None
    opinion.review_decision_note = ""
    opinion.save(update_fields=[*HIDDEN_FIELDS, *REVIEW_FIELDS, "review_request_text"])
    audit_record(
        actor=actor,
        action="opinion.hide",
        target=opinion,
        institution=opinion.consultation.institution,
        before=before,
        after=snapshot(opinion, HIDDEN_FIELDS),
    )
    if opinion.author_id:
        enqueue_on_commit(send_hiding_notice, opinion.pk)
    _published(opinion, "opinion.hidden")
    return opinion


def _show_again(opinion: Opinion) -> None:
    opinion.hidden_reason = ""
    opinion.hidden_note = ""
    opinion.hidden_at = None
    opinion.hidden_by = None


@transaction.atomic
def opinion_restore(*, actor, opinion: Opinion, note: str = "") -> Opinion:
    """Show a hidden opinion's words again (a mistake, or the reason no longer holds)."""
    opinion = _locked(opinion)
    _require_moderator(actor, opinion)
    if not opinion.is_hidden:
        raise Conflict(_("This opinion is not hidden."), code="not_hidden")
    check_lengths({"note": note})
    before = snapshot(opinion, HIDDEN_FIELDS)
    _show_again(opinion)
    decided_review = opinion.review_pending
    if decided_review:
        opinion.review_decided_at = timezone.now()
        opinion.review_decision_note = note.strip()
    opinion.save(update_fields=[*HIDDEN_FIELDS, *REVIEW_FIELDS])
    audit_record(
        actor=actor,
        action="opinion.restore",
        target=opinion,
        institution=opinion.consultation.institution,
        before={**before, "note": ""},
        after={**snapshot(opinion, HIDDEN_FIELDS), "note": note.strip()},
    )
    if decided_review and opinion.author_id:
        enqueue_on_commit(send_review_decision, opinion.pk, restored=True)
    _published(opinion, "opinion.restored")
    return opinion


@transaction.atomic
def opinion_review_request(*, author, opinion: Opinion, text: str) -> Opinion:
    """The author asks, once per hiding, for the decision to be looked at again; the request
    joins the moderation queue."""
    opinion = _locked(opinion)
    if not author.has_perm("consultations.request_review", opinion):
        raise PermissionDenied(_("You cannot ask for a review of this opinion."))
    if not text.strip():
        raise ValidationError({"text": [_("Say why the opinion should be shown.")]})
    check_lengths({"text": text})
    opinion.review_requested_at = timezone.now()
    opinion.review_request_text = text.strip()
    opinion.save(update_fields=["review_requested_at", "review_request_text"])
    audit_record(
        actor=author,
        action="opinion.review_request",
        target=opinion,
        institution=opinion.consultation.institution,
        after={"review_request_text": opinion.review_request_text},
    )
    return opinion


@transaction.atomic
def opinion_review_uphold(*, actor, opinion: Opinion, note: str) -> Opinion:
    """Keep the opinion hidden after the author's request, saying why; the author is told."""
    opinion = _locked(opinion)
    _require_moderator(actor, opinion)
    if not opinion.review_pending:
        raise Conflict(_("No review of this opinion is waiting."), code="no_review")
    if not note.strip():
        raise ValidationError({"note": [_("Give the reason for keeping it hidden.")]})
    check_lengths({"note": note})
    opinion.review_decided_at = timezone.now()
    opinion.review_decision_note = note.strip()
    opinion.save(update_fields=["review_decided_at", "review_decision_note"])
    audit_record(
        actor=actor,
        action="opinion.review_uphold",
        target=opinion,
        institution=opinion.consultation.institution,
        after={"review_decision_note": opinion.review_decision_note},
    )
    if opinion.author_id:
        enqueue_on_commit(send_review_decision, opinion.pk, restored=False)
    return opinion
