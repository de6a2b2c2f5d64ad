"""Surveys as the page of their subject shows them (core/subjects.py, "What is attached to
a subject"): a consultation, initiative or meeting page lists the surveys about it — the
standard questions asked after a consultation's feedback, an evaluation of a meeting —
without importing this app. Only published surveys the reader may see are listed."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext

from lidzdaliba.core.subjects import AttachAction, AttachedItem

from .models import Survey


def survey_status(survey: Survey, now) -> str:
    """Whether the reader can still answer, in the reader's language."""
    if survey.opens_at and now < survey.opens_at:
        return pgettext("survey", "Not open yet")
    if survey.is_open(now):
        return pgettext("survey", "Open for answers")
    return pgettext("survey", "Closed")


def surveys_attached(subject: models.Model, user: Any) -> list[AttachedItem]:
    now = timezone.now()
    surveys = Survey.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        status=Survey.Status.PUBLISHED,
    ).order_by("opens_at", "id")
    return [
        AttachedItem(
            title=survey.title,
            url=reverse("surveys:detail", args=[survey.pk]),
            when=survey.opens_at,
            status=survey_status(survey, now),
        )
        for survey in surveys
        if user.has_perm("surveys.view_survey", survey)
    ]


def no_actions(subject: models.Model, user: Any) -> list[AttachAction]:
    """Surveys are built on the officer's survey desk, where the subject is chosen."""
    return []
