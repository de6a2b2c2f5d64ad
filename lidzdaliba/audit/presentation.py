"""Audit entries in words, for the people who read the log.

An entry stores codes: the action ("consultation.feedback_publish") and, in its before and
after, field names and coded values ("outcome": "not_taken_into_account") and moments in UTC.
The app that records an action registers what its codes mean (`core.actions.register_action`,
`register_detail_field`, from its AppConfig.ready()); this module turns an entry into a
sentence in the reader's language, with labels for the fields and values and local times.
A code nobody registered still reads as a sentence, with its words spelled out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from lidzdaliba.core.actions import action_description, detail_field, registered_actions
from lidzdaliba.core.collation import latvian_key
from lidzdaliba.core.dates import format_datetime

from .models import AuditEntry

# How `audit.services` stores a moment: ISO 8601, in UTC.
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$")
MAX_VALUE_CHARS = 200


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class DescribedEntry:
    entry: AuditEntry
    sentence: str
    changes: list[Change]


def _spelled_out(code: str) -> str:
    """ "moderation.opinion_hide" → "moderation opinion hide": readable, if not translated."""
    return re.sub(r"[._]+", " ", code).strip()


def action_label(code: str) -> str:
    description = action_description(code)
    return str(description.label) if description else _spelled_out(code)


def action_choices(codes_in_use: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Every registered action, and any other code found in the log, by label in Latvian
    alphabetical order (which also orders English sensibly)."""
    codes = {description.code for description in registered_actions()} | set(codes_in_use)
    choices = [(code, action_label(code)) for code in codes]
    return sorted(choices, key=lambda choice: latvian_key(choice[1]))


def _actor(entry: AuditEntry) -> str:
    if entry.actor_id is None and entry.actor_label == "system":
        return _("The system")
    return entry.actor_label


def entry_sentence(entry: AuditEntry) -> str:
    words = {"actor": _actor(entry), "subject": entry.target_label}
    description = action_description(entry.action)
    if description is not None:
        return str(description.sentence) % words
    return _("%(actor)s: action “%(action)s” on “%(subject)s”") % {
        **words,
        "action": _spelled_out(entry.action),
    }


def _moment(value: str) -> dt.datetime | None:
    if not _ISO_MOMENT.match(value):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def format_value(name: str, value: Any) -> str:
    """A stored value as the reader should see it: a label for a code, local time for a
    moment, "yes"/"no", a dash for nothing."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(format_value(name, item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    field = detail_field(name)
    if field is not None and str(value) in field.values:
        return str(field.values[str(value)])
    if isinstance(value, str) and (moment := _moment(value)) is not None:
        return format_datetime(moment)
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def field_label(name: str) -> str:
    field = detail_field(name)
    if field is not None:
        return str(field.label)
    return _spelled_out(name).capitalize()


def _given(values: dict, name: str) -> bool:
    return values.get(name) not in (None, "", [])


def entry_changes(entry: AuditEntry) -> list[Change]:
    """Each field with its value before (left empty when there was none) and after."""
    before, after = entry.before or {}, entry.after or {}
    return [
        Change(
            label=field_label(name),
            before=format_value(name, before[name]) if _given(before, name) else "",
            after=format_value(name, after.get(name)) if name in after else "",
        )
        for name in dict.fromkeys([*before, *after])
    ]


def describe(entries: Iterable[AuditEntry]) -> list[DescribedEntry]:
    return [
        DescribedEntry(entry=entry, sentence=entry_sentence(entry), changes=entry_changes(entry))
        for entry in entries
    ]
