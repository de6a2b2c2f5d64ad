"""Domain events: how lower apps tell consumers (notifications, search) what happened.

A domain never imports its consumers (DESIGN.md). Services call `publish_on_commit`; a
consumer registers with `@subscriber("opinion.answered")`. Handlers run after the writing
transaction commits, so they never see data that is later rolled back, and they should only
enqueue jobs (a web request never waits for e-mail).

Events published today (payload in brackets):
- consultation.published (consultation_id) – announced; public from now on
- consultation.changed (consultation_id) – details edited after publication
- consultation.version_added (consultation_id, version_id) – a new draft version
- consultation.feedback_published (consultation_id) – answers are public
- consultation.decided (consultation_id) – the final decision is linked
- opinion.submitted (opinion_id, consultation_id)
- opinion.answered (opinion_id) – an answer was given or changed
- opinion.anonymised (opinion_id) – the author deleted their account; the name is gone
- opinion.edited (opinion_id, consultation_id, revision_id, answer_cleared) – its author
  changed it while the consultation was open; answer_cleared: an answer was made void
- opinion.withdrawn (opinion_id, consultation_id) – its author withdrew it
- opinion.hidden (opinion_id, consultation_id) – its text is withheld from the public
- opinion.restored (opinion_id, consultation_id) – its text is shown again
Time-driven changes (a consultation opens or is about to close) are not events: status is
derived from dates, so consumers detect them with periodic jobs.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

Handler = Callable[..., None]
_handlers: dict[str, list[Handler]] = defaultdict(list)


def subscriber(event: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        if handler not in _handlers[event]:
            _handlers[event].append(handler)
        return handler

    return register


def handlers_for(event: str) -> list[Handler]:
    return list(_handlers.get(event, ()))


def publish(event: str, **payload: Any) -> None:
    """Call every handler now. Services should prefer `publish_on_commit`."""
    for handler in handlers_for(event):
        handler(**payload)


def publish_on_commit(event: str, **payload: Any) -> None:
    transaction.on_commit(lambda: publish(event, **payload))
