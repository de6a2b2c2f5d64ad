"""A person's rights over their data (GDPR articles 15, 17 and 20): a copy of everything we
hold about them, and the deletion of their account.

Accounts is a base layer, yet a person's data lives in the apps above it too (their opinions,
subscriptions, officer roles, audit entries). Accounts never imports those apps: each app
registers what it holds from its own AppConfig.ready() —

- `register_exporter(key, exporter, notes=...)`: a section of the copy (`data.json[key]`);
- `register_eraser(eraser)`: removes or anonymises the app's data when the account goes;
- `register_deletion_check(check)`: refuses the deletion with a reason the person can act on
  (the last manager of an institution hands over first).

This module holds the account's own data (profile, addresses, organisations, tokens,
sessions, second factors) and the delivery log of `core`, which is below accounts; it builds
the ZIP and runs the deletion in one transaction. Apps added later (initiatives with
signatures and personal codes, meeting registrations) register the same way.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lidzdaliba.core import ratelimits
from lidzdaliba.core.models import EmailDelivery

from . import passwords
from .models import ApiToken, Organisation, Representation, User
from .selectors import addresses_of, any_address_q, identity_level, masked_personal_code

EXPORT_FORMAT = "lidzdaliba-personal-data/1"


@dataclass(frozen=True)
class ExportedFile:
    """A stored file that goes into the ZIP at `path`. `entry` is the dict in the section's
    data that lists it: it gets `"missing": true` when storage no longer has the file."""

    path: str
    file: FieldFile
    entry: dict[str, Any]


@dataclass(frozen=True)
class ExportSection:
    """What an exporter returns when its section brings files along; an exporter without
    files may return the JSON-ready data itself."""

    data: Any
    files: list[ExportedFile] = field(default_factory=list)


Exporter = Callable[[User], Any]
Eraser = Callable[[User], None]
DeletionCheck = Callable[[User], None]

# Sections of `data.json` (key → exporter), in the order the apps registered them.
EXPORTERS: dict[str, Exporter] = {}
# Explanations in `data.json["notes"]` (key → text, translated when the copy is made).
EXPORT_NOTES: dict[str, Any] = {"dates": gettext_lazy("Dates and times are in ISO 8601, in UTC.")}
_RESERVED_KEYS = {"format", "generated_at", "notes"}

# Callables taking the user, run by `account_delete` inside its transaction, before
# anything of the account itself is removed (so they still see the whole account: its e-mail
# addresses, organisations). Each removes or anonymises what its app holds about the person —
# e.g. an initiatives app erasing the personal codes of the person's signatures:
#
#     from lidzdaliba.accounts.gdpr import register_eraser
#
#     def erase_signatures(user):
#         Signature.objects.filter(user=user).update(personal_code="", user=None)
#
#     register_eraser(erase_signatures)  # in InitiativesConfig.ready()
#
# If an eraser raises, the whole deletion is rolled back and the account stays as it was.
ERASERS: list[Eraser] = []

# Callables taking the user that raise ValidationError (with a message for the person) when
# the account may not be deleted yet; run before any eraser.
DELETION_CHECKS: list[DeletionCheck] = []


def register_exporter(
    key: str, exporter: Exporter, *, notes: Mapping[str, Any] | None = None
) -> Exporter:
    """Add the section `key` of the copy (registering a key again replaces its exporter),
    with `notes` (key → lazily translated text) explaining it."""
    if key in _RESERVED_KEYS:
        raise ValueError(f"{key!r} is not a section name: data.json uses it itself.")
    EXPORTERS[key] = exporter
    EXPORT_NOTES.update(notes or {})
    return exporter


def register_eraser(eraser: Eraser) -> Eraser:
    """Add `eraser` to ERASERS once (usable as a decorator)."""
    if eraser not in ERASERS:
        ERASERS.append(eraser)
    return eraser


def register_deletion_check(check: DeletionCheck) -> DeletionCheck:
    """Add `check` to DELETION_CHECKS once (usable as a decorator)."""
    if check not in DELETION_CHECKS:
        DELETION_CHECKS.append(check)
    return check


# --- The account's own sections (registered by AccountsConfig.ready) ---------------------------


def export_profile(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_coordinator": user.is_coordinator,
        "is_staff": user.is_staff,
    }


def export_identity(user: User) -> dict[str, Any]:
    """The identity level and the eID identity: the personal code masked (the copy may be
    stored or sent anywhere; the person knows their own code)."""
    from allauth.socialaccount.models import SocialAccount

    return {
        "level": identity_level(user),
        "eid_verified_at": user.eid_verified_at,
        "personal_code": masked_personal_code(user) or None,
        "birth_date_verified": user.verified_birth_date,
        "latvian_citizen_verified": user.verified_latvian_citizen,
        "municipality_verified": user.verified_municipality or None,
        "eid_links": [
            {"provider": link.provider, "linked_at": link.date_joined}
            for link in SocialAccount.objects.filter(user=user).order_by("date_joined")
        ],
    }


def export_email_addresses(user: User) -> list[dict[str, Any]]:
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    ]


def export_organisations(user: User) -> list[dict[str, Any]]:
    return [
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
    ]


def export_api_tokens(user: User) -> list[dict[str, Any]]:
    return [
        {
            "name": token.name,
            "created_at": token.created_at,
            "last_used_at": token.last_used_at,
            "revoked_at": token.revoked_at,
        }
        for token in ApiToken.objects.filter(user=user).order_by("created_at")
    ]


def export_sessions(user: User) -> list[dict[str, Any]]:
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


def export_authenticators(user: User) -> list[dict[str, Any]]:
    from allauth.mfa.models import Authenticator

    # The kind and dates only: the secrets stay secret even in the person's own copy.
    return [
        {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
        for a in Authenticator.objects.filter(user=user).order_by("created_at")
    ]


def export_email_deliveries(user: User) -> list[dict[str, Any]]:
    """The delivery log of `core` (below accounts, so accounts reads it itself)."""
    deliveries = EmailDelivery.objects.filter(any_address_q("to", addresses_of(user)))
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


def register_account_sections() -> None:
    register_exporter("profile", export_profile)
    register_exporter(
        "identity",
        export_identity,
        notes={
            "identity": gettext_lazy(
                "Your personal code is shown masked; it is stored only encrypted, and in "
                "full only the institution that verifies an initiative's signatures sees it."
            )
        },
    )
    register_exporter("email_addresses", export_email_addresses)
    register_exporter("organisations", export_organisations)
    register_exporter(
        "api_tokens",
        export_api_tokens,
        notes={
            "api_tokens": gettext_lazy(
                "Only names and dates: the tokens themselves are never stored."
            )
        },
    )
    register_exporter("sessions", export_sessions)
    register_exporter("two_factor_authenticators", export_authenticators)
    register_exporter("email_deliveries", export_email_deliveries)


# --- Export -------------------------------------------------------------------------------------


def _data(user: User) -> tuple[dict[str, Any], list[ExportedFile]]:
    sections: dict[str, Any] = {}
    files: list[ExportedFile] = []
    for key, exporter in list(EXPORTERS.items()):
        section = exporter(user)
        if isinstance(section, ExportSection):
            files.extend(section.files)
            section = section.data
        sections[key] = section
    data = {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now(),
        "notes": {key: str(text) for key, text in EXPORT_NOTES.items()},
        **sections,
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
        for exported in files:
            stored = exported.file
            if not stored.name or not stored.storage.exists(stored.name):
                exported.entry["missing"] = True
                continue
            with stored.open("rb") as source, archive.open(exported.path, "w") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
        archive.writestr(
            "data.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode(),
        )
    return buffer.getvalue()


# --- Deletion -----------------------------------------------------------------------------------


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


def _end_sessions(user: User) -> None:
    from allauth.usersessions.models import UserSession

    for session in UserSession.objects.filter(user=user):
        session.end()  # deletes the session itself, not only allauth's record of it


@transaction.atomic
def account_delete(*, user: User, password: str, client: str = "") -> None:
    """Delete `user`'s account, after checking their current password.

    What was said in public stays, without the name: the consultations app's eraser keeps
    an opinion (part of the public record of a consultation, which the institution's answer
    and its table of answers refer to) and removes its link to the person.

    Everything else about the person is deleted: what the other apps' erasers remove
    (subscriptions, also those of their confirmed addresses, and pending digests), API
    tokens, representations of organisations (the organisations stay), e-mail addresses,
    sessions, second-factor authenticators, the delivery log of mails to their addresses,
    and the account. Entries of the audit log keep `actor_label`: they are the legal record
    of what an officer did; their link to the account becomes empty with it.

    Refused (ValidationError) when a registered check says so — while the person is the last
    manager of an institution, someone must be able to manage its officers, so a manager
    hands over first.
    """
    from allauth.mfa.models import Authenticator

    # The password is asked again: a few tries an hour whoever holds the session, and the
    # failures count against the limits of every other way to present it.
    ratelimits.hit([("account_delete.account", str(user.pk))])
    if not passwords.password_matches(user=user, password=password, client=client):
        raise ValidationError({"password": [_("The password is not correct.")]})
    for check in list(DELETION_CHECKS):
        check(user)
    addresses = addresses_of(user)
    for eraser in list(ERASERS):
        eraser(user)

    ApiToken.objects.filter(user=user).delete()
    _leave_organisations(user)
    _end_sessions(user)
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    EmailDelivery.objects.filter(any_address_q("to", addresses)).delete()
    user.delete()
