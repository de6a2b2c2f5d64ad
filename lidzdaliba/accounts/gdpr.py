"""A person's rights over their data (GDPR articles 15, 17 and 20): a copy of everything we
hold about them, and the deletion of their account.

Accounts is a base layer, yet a person's data lives in the apps above it too (their opinions,
subscriptions, the delivery log). This module is the one place that knows all of it; it
reaches the other apps' models through function-level imports, as the rest of accounts does,
so importing accounts never imports them. Apps added later (initiatives with signatures
and personal codes, meeting registrations) add what they must erase through `ERASERS`
instead of editing this module.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from lidzdaliba.core import ratelimits
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.models import EmailDelivery

from . import passwords
from .models import ApiToken, Organisation, Representation, User

EXPORT_FORMAT = "lidzdaliba-personal-data/1"

Eraser = Callable[[User], None]

# Callables taking the user, run by `account_delete` inside its transaction, before
# anything else is removed (so they still see the whole account: its e-mail addresses,
# organisations, opinions). Each removes or anonymises what its app holds about the person —
# e.g. an initiatives app erasing the personal codes of the person's signatures:
#
#     from lidzdaliba.accounts.gdpr import register_eraser
#
#     @register_eraser
#     def erase_signatures(user):
#         Signature.objects.filter(user=user).update(personal_code="", user=None)
#
# Register from the app's AppConfig.ready(). If an eraser raises, the whole deletion is
# rolled back and the account stays as it was.
ERASERS: list[Eraser] = []


def register_eraser(eraser: Eraser) -> Eraser:
    """Add `eraser` to ERASERS once (usable as a decorator)."""
    if eraser not in ERASERS:
        ERASERS.append(eraser)
    return eraser


# --- Helpers ----------------------------------------------------------------------------------


def _addresses(user: User) -> set[str]:
    """Every address of the person, confirmed or not (for what was sent to them)."""
    listed = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    return {user.email.lower()} | {e.lower() for e in listed}


def _own_addresses(user: User) -> set[str]:
    """The sign-in address and the confirmed ones: only what was subscribed with these is
    the person's (an unconfirmed address may belong to someone else)."""
    confirmed = EmailAddress.objects.filter(user=user, verified=True)
    return {user.email.lower()} | {e.lower() for e in confirmed.values_list("email", flat=True)}


def _any_address(field: str, addresses: set[str]) -> Q:
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return query


def _subscriptions_of(user: User):
    from lidzdaliba.notifications.models import Subscription

    return Subscription.objects.filter(Q(user=user) | _any_address("email", _own_addresses(user)))


# --- Export -------------------------------------------------------------------------------------


def _profile(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_coordinator": user.is_coordinator,
        "is_staff": user.is_staff,
    }


def _opinions(user: User) -> tuple[list[dict[str, Any]], list[tuple[str, Any]]]:
    """The person's opinions, and the (path in the ZIP, attachment) of each of their files."""
    from lidzdaliba.consultations.models import Opinion

    opinions = (
        Opinion.objects.filter(author=user)
        .select_related("consultation__institution", "clause", "organisation", "answer")
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )
    rows, files = [], []
    for opinion in opinions:
        consultation = opinion.consultation
        attachments = []
        for attachment in opinion.attachments.all():
            name = get_valid_filename(attachment.original_name) or "file"
            path = f"files/{opinion.reference}/{attachment.pk}-{name}"
            files.append((path, attachment))
            attachments.append(
                {
                    "name": attachment.original_name,
                    "content_type": attachment.content_type,
                    "size": attachment.size,
                    "file": path,
                }
            )
        answer = opinion.answer_or_none
        published = consultation.feedback_published_at is not None
        rows.append(
            {
                "reference": opinion.reference,
                "created_at": opinion.created_at,
                "consultation": {
                    "id": consultation.pk,
                    "title": consultation.title,
                    "institution": consultation.institution.name,
                },
                "clause": (
                    {"label": opinion.clause.label, "text": opinion.clause.text}
                    if opinion.clause
                    else None
                ),
                "kind": opinion.kind,
                "text": opinion.text,
                "proposed_wording": opinion.proposed_wording,
                "show_name": opinion.show_name,
                "on_behalf_of": opinion.organisation.name if opinion.organisation else None,
                "attachments": attachments,
                "answer": (
                    {
                        "outcome": answer.outcome,
                        "outcome_label": answer.get_outcome_display(),
                        "reason": answer.reason,
                        "new_wording": answer.new_wording,
                        "answered_at": answer.answered_at,
                    }
                    if answer is not None and published
                    else None
                ),
                "answer_published": bool(answer is not None and published),
            }
        )
    return rows, files


def _subscriptions(user: User) -> list[dict[str, Any]]:
    subscriptions = _subscriptions_of(user).select_related(
        "institution", "topic", "territory", "group", "consultation"
    )
    return [
        {
            "email": subscription.email,
            "follows": subscription.kind,
            "target": str(subscription.target),
            "frequency": subscription.frequency,
            "language": subscription.language,
            "created_at": subscription.created_at,
            "confirmed_at": subscription.confirmed_at,
        }
        for subscription in subscriptions.order_by("created_at", "id")
    ]


def _sessions(user: User) -> list[dict[str, Any]]:
    from allauth.usersessions.models import UserSession

    return [
        {
            "created_at": session.created_at,
            "last_seen_at": session.last_seen_at,
            "ip": session.ip,
            "user_agent": session.user_agent,
        }
        for session in UserSession.objects.filter(user=user).order_by("created_at")
    ]


def _authenticators(user: User) -> list[dict[str, Any]]:
    from allauth.mfa.models import Authenticator

    # The kind and dates only: the secrets stay secret even in the person's own copy.
    return [
        {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
        for a in Authenticator.objects.filter(user=user).order_by("created_at")
    ]


def _deliveries(user: User) -> list[dict[str, Any]]:
    deliveries = EmailDelivery.objects.filter(_any_address("to", _addresses(user)))
    return [
        {
            "to": d.to,
            "template": d.template,
            "subject": d.subject,
            "status": d.status,
            "created_at": d.created_at,
            "sent_at": d.sent_at,
        }
        for d in deliveries.order_by("created_at", "id")
    ]


def _audit_entries(user: User) -> list[dict[str, Any]]:
    from lidzdaliba.audit.models import AuditEntry

    entries = AuditEntry.objects.filter(actor=user).select_related("institution")
    return [
        {
            "created_at": entry.created_at,
            "action": entry.action,
            "institution": entry.institution.name if entry.institution else None,
            "target_type": entry.target_type,
            "target_id": entry.target_id,
            "target": entry.target_label,
        }
        for entry in entries.order_by("created_at", "id")
    ]


def _data(user: User) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    from lidzdaliba.institutions.models import OfficerRole

    opinions, files = _opinions(user)
    data = {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now(),
        "notes": {
            "dates": _("Dates and times are in ISO 8601, in UTC."),
            "answers": _(
                "An institution's answer to an opinion is included once the institution has "
                "published its answers to the consultation; until then it may still change."
            ),
            "files": _("The files attached to your opinions are in the folder “files”."),
            "api_tokens": _("Only names and dates: the tokens themselves are never stored."),
            "audit_entries": _(
                "Actions you took as an officer: what and when. The full record, with the "
                "content before and after each change, is kept by the institution."
            ),
        },
        "profile": _profile(user),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "organisations": [
            {
                "name": r.organisation.name,
                "kind": r.organisation.kind,
                "registration_number": r.organisation.registration_number,
                "administrator": r.is_admin,
                "since": r.created_at,
            }
            for r in Representation.objects.filter(user=user)
            .select_related("organisation")
            .order_by("organisation__name")
        ],
        "officer_roles": [
            {"institution": role.institution.name, "role": role.role, "since": role.created_at}
            for role in OfficerRole.objects.filter(user=user)
            .select_related("institution")
            .order_by("institution__name", "role")
        ],
        "opinions": opinions,
        "subscriptions": _subscriptions(user),
        "api_tokens": [
            {
                "name": token.name,
                "created_at": token.created_at,
                "last_used_at": token.last_used_at,
                "revoked_at": token.revoked_at,
            }
            for token in ApiToken.objects.filter(user=user).order_by("created_at")
        ],
        "sessions": _sessions(user),
        "two_factor_authenticators": _authenticators(user),
        "email_deliveries": _deliveries(user),
        "audit_entries": _audit_entries(user),
    }
    return data, files


def personal_data_export(*, user: User) -> bytes:
    """Everything we hold about `user`, as a ZIP: `data.json` (UTF-8, ISO 8601 dates) and the
    files they attached to their opinions under `files/`.

    Files are read through the storage API, so they come from S3 just as from a local
    folder; a file missing from storage is listed with `"missing": true` instead of
    failing the whole copy.
    """
    # Building the copy reads every file of the person: a few times an hour is plenty.
    ratelimits.hit([("data_export.account", str(user.pk))])
    data, files = _data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        by_path = {
            item["file"]: item for opinion in data["opinions"] for item in opinion["attachments"]
        }
        for path, attachment in files:
            stored = attachment.file
            if not stored.name or not stored.storage.exists(stored.name):
                by_path[path]["missing"] = True
                continue
            with stored.open("rb") as source, archive.open(path, "w") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
        archive.writestr(
            "data.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode(),
        )
    return buffer.getvalue()


# --- Deletion -----------------------------------------------------------------------------------


def _check_not_last_manager(user: User) -> None:
    from lidzdaliba.institutions.models import Institution, OfficerRole

    manager = OfficerRole.Role.MANAGER
    managed = OfficerRole.objects.filter(user=user, role=manager).values("institution_id")
    alone = Institution.objects.filter(pk__in=managed).exclude(
        pk__in=OfficerRole.objects.filter(role=manager, user__is_active=True)
        .exclude(user=user)
        .values("institution_id")
    )
    names = sorted(institution.name for institution in alone)
    if names:
        raise ValidationError(
            _(
                "You are the last manager of %(institutions)s. Give the manager role to "
                "someone else first, then delete your account."
            )
            % {"institutions": ", ".join(names)}
        )


def _leave_organisations(user: User) -> None:
    """End the person's representations. An organisation stays even without
    representatives (it is a legal person, and its opinions keep its name); one left with
    representatives but no administrator gets its longest-standing representative as one,
    so someone can still add people."""
    organisation_ids = list(
        Representation.objects.filter(user=user).values_list("organisation_id", flat=True)
    )
    Representation.objects.filter(user=user).delete()
    for organisation in Organisation.objects.filter(pk__in=organisation_ids):
        remaining = Representation.objects.filter(organisation=organisation)
        if remaining.exists() and not remaining.filter(is_admin=True).exists():
            first = remaining.order_by("created_at", "id").first()
            Representation.objects.filter(pk=first.pk).update(is_admin=True)


def _anonymise_opinions(user: User) -> list[int]:
    from lidzdaliba.consultations.models import Opinion

    opinion_ids = list(Opinion.objects.filter(author=user).values_list("pk", flat=True))
    Opinion.objects.filter(pk__in=opinion_ids).update(
        author=None, show_name=False, idempotency_key=None
    )
    return opinion_ids


def _end_sessions(user: User) -> None:
    from allauth.usersessions.models import UserSession

    for session in UserSession.objects.filter(user=user):
        session.end()  # deletes the session itself, not only allauth's record of it


@transaction.atomic
def account_delete(*, user: User, password: str, client: str = "") -> None:
    """Delete `user`'s account, after checking their current password.

    What was said in public stays, without the name: an opinion is part of the public
    record of a consultation, and the institution's answer and its table of answers refer
    to it, so its text, attachments and answer remain, shown as from a "Private person" (or
    from the organisation on whose behalf it was given). Its link to the person (author,
    consent to show the name, idempotency key) is removed.

    Everything else about the person is deleted: subscriptions (also those of their
    confirmed addresses) and pending digests, API tokens, representations of organisations
    (the organisations stay), e-mail addresses, sessions, second-factor authenticators,
    the delivery log of mails to their addresses, and the account. Entries of the audit
    log keep `actor_label`: they are the legal record of what an officer did; their link to
    the account becomes empty with it.

    Refused while the person is the last manager of an institution: someone must be able to
    manage its officers, so a manager hands over first.
    """
    from allauth.mfa.models import Authenticator

    from lidzdaliba.notifications.models import DigestItem

    # The password is asked again: a few tries an hour whoever holds the session, and the
    # failures count against the limits of every other way to present it.
    ratelimits.hit([("account_delete.account", str(user.pk))])
    if not passwords.password_matches(user=user, password=password, client=client):
        raise ValidationError({"password": [_("The password is not correct.")]})
    _check_not_last_manager(user)
    for eraser in list(ERASERS):
        eraser(user)

    addresses, own = _addresses(user), _own_addresses(user)
    opinion_ids = _anonymise_opinions(user)
    _subscriptions_of(user).delete()
    DigestItem.objects.filter(_any_address("email", own)).delete()
    ApiToken.objects.filter(user=user).delete()
    _leave_organisations(user)
    _end_sessions(user)
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    EmailDelivery.objects.filter(_any_address("to", addresses)).delete()
    user.delete()
    for opinion_id in opinion_ids:
        # Consumers (search index, page cache) drop the name from what they keep.
        publish_on_commit("opinion.anonymised", opinion_id=opinion_id)
