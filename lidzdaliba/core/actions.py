"""Recording officers' actions from the apps below the audit log.

The audit log (`lidzdaliba.audit`) sits above institutions: each entry belongs to an
institution, and its managers read them. Yet institutions' own writes (granting and revoking
officer roles) are officer actions too, and must be recorded in the same transaction as the
change. So the audit app registers its writer here from its AppConfig.ready(), and an app
below it calls `record_action`, which writes at once (not on commit): the change and its
record are committed together or not at all. Apps above the audit log may call
`lidzdaliba.audit.services.audit_record` directly; it is the same write.

Every app that records actions also says here what they mean (`register_action`,
`register_detail_field`, below), so the audit log can tell them in words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

Recorder = Callable[..., Any]

_recorder: Recorder | None = None


def register_action_recorder(recorder: Recorder) -> Recorder:
    """Make `recorder` the writer of every recorded action (registering again replaces)."""
    global _recorder
    _recorder = recorder
    return recorder


def record_action(
    *,
    actor,
    action: str,
    target,
    institution=None,
    before: dict | None = None,
    after: dict | None = None,
) -> Any:
    """Record that `actor` did `action` to `target` (a model instance), with the fields
    that changed (`before`, `after`). Refuses to act unrecorded: without a recorder this
    raises, and so rolls the caller's transaction back."""
    if _recorder is None:
        raise ImproperlyConfigured(
            "No action recorder is registered: is lidzdaliba.audit in INSTALLED_APPS?"
        )
    return _recorder(
        actor=actor,
        action=action,
        target=target,
        institution=institution,
        before=before,
        after=after,
    )


# --- What the recorded actions mean, in words -----------------------------------------------
#
# The log stores codes ("consultation.feedback_publish", "outcome": "noted") so it reads the
# same in every language and survives renamed labels. The app that records an action knows
# what it means, so it registers a sentence for it here (from its AppConfig.ready()), and the
# audit log page turns codes into sentences in the reader's language without importing the
# apps above it. Registering a code or field again replaces the earlier words.


@dataclass(frozen=True)
class ActionDescription:
    """`label` names the action in a list ("Feedback table published"); `sentence` tells
    what happened, with `%(actor)s` (who) and `%(subject)s` (what it was done to)."""

    code: str
    label: str
    sentence: str


@dataclass(frozen=True)
class DetailField:
    """A field of an entry's before and after: its label and the labels of its coded
    values (outcome codes → "Taken into account")."""

    name: str
    label: str
    values: Mapping[str, str]


_actions: dict[str, ActionDescription] = {}
_fields: dict[str, DetailField] = {}


def register_action(code: str, *, label: str, sentence: str) -> ActionDescription:
    """Say what action `code` means: pass lazy translations (gettext_lazy), so each reader
    sees them in their own language."""
    description = ActionDescription(code=code, label=label, sentence=sentence)
    _actions[code] = description
    return description


def register_detail_field(
    name: str, *, label: str, values: Mapping[str, str] | Iterable[tuple[str, str]] = ()
) -> DetailField:
    """Name a field that actions record in their before and after, and label its coded
    values (a model field's `choices` fit as they are)."""
    field = DetailField(name=name, label=label, values=dict(values))
    _fields[name] = field
    return field


def action_description(code: str) -> ActionDescription | None:
    return _actions.get(code)


def registered_actions() -> list[ActionDescription]:
    return list(_actions.values())


def detail_field(name: str) -> DetailField | None:
    return _fields.get(name)
