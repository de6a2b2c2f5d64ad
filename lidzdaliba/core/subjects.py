"""What a meeting (or a survey) belongs to: its *subject* (DESIGN.md "Attaching
participation to each other").

Participation apps never import each other. An app whose objects can be subjects registers
their type here from its `AppConfig.ready()` — by model label, with the permission that
decides who may attach things to one and the URL name of its page — and an attaching app
stores the subject as a content type and an id, and asks this registry instead of importing
the owner. Every subject has `institution_id` and a `__str__` that is its title.

The other way round, the owner's page shows what is attached to it through the registry of
attachment providers below: the attaching app says, for a subject and a reader, what is
attached (title, address, date, a status line) and what the reader may add.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


@dataclass(frozen=True)
class SubjectType:
    label: str  # "consultations.consultation"
    view_permission: str  # may see it (and what is attached to it)
    attach_permission: str  # may attach a meeting to it
    url_name: str  # its public page, reversed with the subject's pk
    kind: str  # short snake_case name used by APIs: "body", "consultation"
    # The e-mail addresses of the people who took part in one (by pk), for an app that asks
    # them something afterwards (surveys' standard questions); None: not offered.
    participant_emails: Callable[[int], list[str]] | None = None


_types: dict[str, SubjectType] = {}


def register_subject_type(subject_type: SubjectType) -> None:
    _types[subject_type.label] = subject_type


def subject_type_for(label: str) -> SubjectType | None:
    return _types.get(label)


def subject_type_of(obj: models.Model) -> SubjectType | None:
    return _types.get(obj._meta.label_lower)


def subject_type_by_kind(kind: str) -> SubjectType | None:
    return next((t for t in _types.values() if t.kind == kind), None)


def content_type_of(label: str) -> ContentType:
    app_label, model = label.split(".")
    return ContentType.objects.get_by_natural_key(app_label, model)


def subject_url(obj: models.Model) -> str:
    subject_type = subject_type_of(obj)
    return reverse(subject_type.url_name, args=[obj.pk]) if subject_type else ""


def load_subject(content_type_id: int, object_id: int) -> models.Model | None:
    """The registered subject, or None when the type is not registered or it is gone."""
    content_type = ContentType.objects.get_for_id(content_type_id)
    label = f"{content_type.app_label}.{content_type.model}"
    if label not in _types:
        return None
    if content_type.model_class() is None:
        return None
    return content_type.get_all_objects_for_this_type(pk=object_id).first()


# --- What is attached to a subject ------------------------------------------------------------
#
# The app that owns a subject (consultations) shows what other apps attached to it (councils'
# meetings, later surveys) without importing them: each attaching app registers a provider
# here, and the owner's page asks `attachments_for`.


@dataclass(frozen=True)
class AttachedItem:
    """One thing attached to a subject, as the subject's page lists it."""

    title: str
    url: str
    when: datetime | None  # when it happens (a meeting's start); lists are sorted by it
    status: str  # a short status line in the reader's language ("Registration open")


@dataclass(frozen=True)
class AttachAction:
    """A link to attach something new to the subject, for those who may."""

    label: str
    url: str


@dataclass(frozen=True)
class AttachmentProvider:
    """An attaching app's part of a subject's page: a heading ("Meetings"), the items it
    attached to the subject that the reader may see, and the actions the reader may take."""

    name: str  # "meetings": unique, also the id of the section on the page
    heading: Callable[[], str]
    items: Callable[[models.Model, Any], list[AttachedItem]]
    actions: Callable[[models.Model, Any], list[AttachAction]]


@dataclass(frozen=True)
class Attachments:
    provider: str
    heading: str
    items: list[AttachedItem]
    actions: list[AttachAction]


_providers: dict[str, AttachmentProvider] = {}


def register_attachment_provider(provider: AttachmentProvider) -> None:
    _providers[provider.name] = provider


def attachments_for(subject: models.Model, user: Any) -> list[Attachments]:
    """What is attached to `subject` that `user` may see, one group per provider, with the
    actions `user` may take; a group with neither items nor actions is left out, so a page
    shows no empty section."""
    groups = []
    for provider in _providers.values():
        items = sorted(
            provider.items(subject, user),
            key=lambda item: (item.when is None, item.when or datetime.min, item.title),
        )
        actions = provider.actions(subject, user)
        if items or actions:
            groups.append(Attachments(provider.name, str(provider.heading()), items, actions))
    return groups
