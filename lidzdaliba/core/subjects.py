"""What a meeting (or a survey) belongs to: its *subject* (DESIGN.md "Attaching
participation to each other").

Participation apps never import each other. An app whose objects can be subjects registers
their type here from its `AppConfig.ready()` — by model label, with the permission that
decides who may attach things to one and the URL name of its page — and an attaching app
stores the subject as a content type and an id, and asks this registry instead of importing
the owner. Every subject has `institution_id` and a `__str__` that is its title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
