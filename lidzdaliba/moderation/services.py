"""Reports, the queue's decisions and the moderator role. Keyword-only, each in one
transaction, each audited.

Why the hiding itself is not here: the hidden state belongs to the opinion, and
consultations' own readers (pages, downloads, API, search) must know it without importing an
app above them (.importlinter: consultations may not import moderation). So consultations
exposes `opinion_hide`, `opinion_restore` and the review services, and this app — a
consumer, above consultations — calls them and closes the open reports in the same
transaction. The rule of who may hide is consultations' too (`consultations.moderate_opinions`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.accounts.models import User
from lidzdaliba.audit.services import audit_record
from lidzdaliba.consultations import services as consultation_services
from lidzdaliba.consultations.models import HiddenReason, Opinion
from lidzdaliba.core import ratelimits
from lidzdaliba.core.limits import check_lengths

from .models import Report


def _institution(opinion: Opinion):
    return opinion.consultation.institution


def report_create(
    *, reporter, opinion: Opinion, reason: str, note: str = ""
) -> tuple[Report, bool]:
    """Report an opinion's text to the moderators. A person has at most one open report per
    opinion: reporting again returns it unchanged (`created` False)."""
    if not reporter.has_perm("moderation.report_opinion", opinion):
        raise PermissionDenied(_("Sign in to report an opinion; a hidden one cannot be reported."))
    errors: dict[str, list[str]] = {}
    if reason not in HiddenReason.values:
        errors["reason"] = [_("Choose a reason.")]
    if reason == HiddenReason.OTHER and not note.strip():
        errors["note"] = [_("Say what the other reason is.")]
    if errors:
        raise ValidationError(errors)
    check_lengths({"note": note})
    existing = Report.objects.filter(
        opinion=opinion, reporter=reporter, handled_at__isnull=True
    ).first()
    if existing is not None:
        return existing, False
    ratelimits.hit([("report.account", str(reporter.pk))])
    try:
        with transaction.atomic():
            report = Report.objects.create(
                opinion=opinion, reporter=reporter, reason=reason, note=note.strip()
            )
            audit_record(
                actor=reporter,
                action="opinion.report",
                target=opinion,
                institution=_institution(opinion),
                after={"reason": reason, "note": report.note},
            )
    except IntegrityError:  # the same person reporting twice at once
        existing = Report.objects.get(opinion=opinion, reporter=reporter, handled_at__isnull=True)
        return existing, False
    return report, True


def _close_reports(*, actor, opinion: Opinion, resolution: str) -> int:
    return Report.objects.filter(opinion=opinion, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=actor, resolution=resolution
    )


@transaction.atomic
def opinion_hide(*, actor, opinion: Opinion, reason: str, note: str = "") -> Opinion:
    """Hide the text (consultations' service: checks, audits, tells the author) and close
    the opinion's open reports as acted on."""
    opinion = consultation_services.opinion_hide(
        actor=actor, opinion=opinion, reason=reason, note=note
    )
    closed = _close_reports(actor=actor, opinion=opinion, resolution=Report.Resolution.HIDDEN)
    if closed:
        audit_record(
            actor=actor,
            action="report.close",
            target=opinion,
            institution=_institution(opinion),
            after={"resolution": Report.Resolution.HIDDEN, "reports": closed},
        )
    return opinion


@transaction.atomic
def reports_dismiss(*, actor, opinion: Opinion, note: str = "") -> int:
    """The text may stay: close the opinion's open reports without hiding it."""
    if not actor.has_perm("consultations.moderate_opinions", opinion.consultation):
        raise PermissionDenied(
            _("Only the institution's officers and moderators may handle reports.")
        )
    check_lengths({"note": note})
    closed = _close_reports(actor=actor, opinion=opinion, resolution=Report.Resolution.DISMISSED)
    if closed:
        audit_record(
            actor=actor,
            action="report.dismiss",
            target=opinion,
            institution=_institution(opinion),
            after={"reports": closed, "note": note.strip()},
        )
    return closed


def _require_coordinator(actor) -> None:
    if not actor.has_perm("moderation.appoint_moderators"):
        raise PermissionDenied(_("Only the coordinator appoints and removes moderators."))


@transaction.atomic
def moderator_appoint(*, actor, email: str) -> User:
    _require_coordinator(actor)
    user = User.objects.select_for_update().filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            {"email": [_("No account uses this e-mail address. Ask the person to register first.")]}
        )
    if user.is_moderator:
        raise ValidationError({"email": [_("This person is a moderator already.")]})
    user.is_moderator = True
    user.save(update_fields=["is_moderator"])
    audit_record(
        actor=actor,
        action="moderator.appoint",
        target=user,
        before={"is_moderator": False},
        after={"is_moderator": True},
    )
    return user


@transaction.atomic
def moderator_remove(*, actor, user_id: int) -> User:
    _require_coordinator(actor)
    user = User.objects.select_for_update().filter(pk=user_id, is_moderator=True).first()
    if user is None:
        raise ValidationError(_("This person is not a moderator."))
    user.is_moderator = False
    user.save(update_fields=["is_moderator"])
    audit_record(
        actor=actor,
        action="moderator.remove",
        target=user,
        before={"is_moderator": True},
        after={"is_moderator": False},
    )
    return user
