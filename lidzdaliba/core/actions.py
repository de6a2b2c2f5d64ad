"""Recording officers' actions from the apps below the audit log.

The audit log (`lidzdaliba.audit`) sits above institutions: each entry belongs to an
institution, and its managers read them. Yet institutions' own writes (granting and revoking
officer roles) are officer actions too, and must be recorded in the same transaction as the
change. So the audit app registers its writer here from its AppConfig.ready(), and an app
below it calls `record_action`, which writes at once (not on commit): the change and its
record are committed together or not at all. Apps above the audit log may call
`lidzdaliba.audit.services.audit_record` directly; it is the same write.
"""

from __future__ import annotations

from collections.abc import Callable
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
