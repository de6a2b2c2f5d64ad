"""Meetings as the page of their subject shows them (core/subjects.py, "What is attached
to a subject"): a consultation's page lists its meetings and, for its editors, a link to
schedule one, without importing this app. A body's page lists its meetings itself."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lidzdaliba.core.subjects import AttachAction, AttachedItem, subject_type_of

from .models import Body, Meeting
from .services import subject_is_public


def subject_ref(subject: models.Model) -> str:
    """How a subject is named in the schedule page's address: "consultation:5"."""
    subject_type = subject_type_of(subject)
    return f"{subject_type.kind}:{subject.pk}" if subject_type else ""


def meeting_status(meeting: Meeting, now) -> str:
    """One short line about where the meeting stands, in the reader's language."""
    if meeting.cancelled_at:
        return pgettext("meeting", "Cancelled")
    if meeting.minutes_published_at:
        return _("Minutes published")
    if meeting.starts_at <= now:
        if meeting.minutes_late_at(now):
            return _("Minutes overdue")
        return _("Took place; minutes not yet published")
    parts = [str(meeting.get_mode_display())]
    parts.append(
        _("agenda published") if meeting.agenda_published_at else _("agenda not yet published")
    )
    return " · ".join(parts)


def meetings_attached(subject: models.Model, user: Any) -> list[AttachedItem]:
    """The meetings of a subject. Meetings are public (`councils.view_meeting`)."""
    if isinstance(subject, Body):
        return []  # the body's own page lists its meetings
    now = timezone.now()
    meetings = Meeting.objects.of_subject(subject).order_by("starts_at", "id")
    return [
        AttachedItem(
            title=meeting.title,
            url=reverse("councils:meeting", args=[meeting.pk]),
            when=meeting.starts_at,
            status=meeting_status(meeting, now),
        )
        for meeting in meetings
        if user.has_perm("councils.view_meeting", meeting)
    ]


def schedule_actions(subject: models.Model, user: Any) -> list[AttachAction]:
    """The "Schedule a meeting" link, for those the subject's owner lets attach meetings to it."""
    subject_type = subject_type_of(subject)
    if isinstance(subject, Body) or subject_type is None:
        return []
    if not user.has_perm(subject_type.attach_permission, subject):
        return []
    if not subject_is_public(subject):
        return []  # a draft's meetings would be public before the draft is
    url = (
        reverse("councils:subject_meeting_create")
        + "?"
        + urlencode({"subject": subject_ref(subject)})
    )
    return [AttachAction(label=_("Schedule a meeting"), url=url)]
