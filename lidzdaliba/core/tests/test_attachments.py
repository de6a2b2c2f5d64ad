"""The registry of what is attached to a subject (core/subjects.py): groups per provider,
items sorted by date (undated last), a group with nothing to show left out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from lidzdaliba.core import subjects
from lidzdaliba.core.subjects import AttachAction, AttachedItem, AttachmentProvider

SUBJECT = object()


def _item(title: str, when: datetime | None) -> AttachedItem:
    return AttachedItem(title=title, url=f"/{title}/", when=when, status="")


@pytest.fixture
def only_these_providers(monkeypatch):
    """The registry with no provider but the ones a test adds (the apps' are set aside)."""
    monkeypatch.setattr(subjects, "_providers", {})


def test_items_in_date_order_and_the_reader_decides_the_actions(only_these_providers):
    seen = []

    def items(subject, user):
        seen.append((subject, user))
        return [
            _item("undated", None),
            _item("later", datetime(2027, 3, 1, tzinfo=UTC)),
            _item("sooner", datetime(2027, 1, 1, tzinfo=UTC)),
        ]

    def actions(subject, user):
        return [AttachAction("Add", "/add/")] if user == "editor" else []

    subjects.register_attachment_provider(
        AttachmentProvider(name="things", heading=lambda: "Things", items=items, actions=actions)
    )
    reader = AnonymousUser()
    [group] = subjects.attachments_for(SUBJECT, reader)
    assert (group.provider, group.heading) == ("things", "Things")
    assert [i.title for i in group.items] == ["sooner", "later", "undated"]
    assert group.actions == []
    assert seen == [(SUBJECT, reader)]
    assert subjects.attachments_for(SUBJECT, "editor")[0].actions == [AttachAction("Add", "/add/")]


def test_a_provider_with_nothing_to_show_is_left_out(only_these_providers):
    subjects.register_attachment_provider(
        AttachmentProvider(
            name="empty", heading=lambda: "Empty", items=lambda s, u: [], actions=lambda s, u: []
        )
    )
    subjects.register_attachment_provider(
        AttachmentProvider(
            name="offer",
            heading=lambda: "Offer",
            items=lambda s, u: [],
            actions=lambda s, u: [AttachAction("Add", "/add/")],
        )
    )
    assert [g.provider for g in subjects.attachments_for(SUBJECT, None)] == ["offer"]


def test_councils_registers_its_meetings():
    assert "meetings" in subjects._providers
