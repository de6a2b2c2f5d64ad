"""The daily job reminds the secretary, once, of minutes that are overdue."""

from __future__ import annotations

import pytest

from lidzdaliba.councils import services
from lidzdaliba.councils.tasks import remind_of_overdue_minutes

pytestmark = pytest.mark.django_db


def test_overdue_minutes_are_reminded_once(past_meeting, meeting, secretary, mailbox):
    remind_of_overdue_minutes.call_local()
    messages = mailbox.wait_for(1)
    assert [m["To"] for m in messages] == ["secretary@example.lv"]
    assert "Pagājusī sēde" in messages[0]["Subject"]
    remind_of_overdue_minutes.call_local()
    assert len(mailbox.wait_for(2, timeout=1)) == 1


def test_published_minutes_are_not_reminded(past_meeting, secretary, mailbox):
    services.minutes_publish(
        actor=secretary, meeting=past_meeting, minutes="Protokols.", late_reason="Slimība."
    )
    remind_of_overdue_minutes.call_local()
    assert mailbox.wait_for(1, timeout=1) == []
