"""The standard survey of a consultation: created when its feedback is published, its
participants invited by e-mail. A system action (no officer asked for it), audited as such."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lidzdaliba.audit.services import audit_record
from lidzdaliba.core.subjects import content_type_of, load_subject, subject_type_for
from lidzdaliba.institutions.models import Institution

from ..models import Question, Survey
from ..standard import ANSWER_DAYS, STANDARD_LABELS, STANDARD_QUESTIONS
from .responses import invitations_send

LABEL = "consultations.consultation"


def standard_survey_for_consultation(*, consultation_id: int) -> Survey | None:
    """Create (once) the standard survey about a consultation and invite its participants.
    Repeated calls (a retried job, a repeated event) find the survey made the first time."""
    subject_type = subject_type_for(LABEL)
    if subject_type is None:
        return None
    content_type: ContentType = content_type_of(LABEL)
    consultation = load_subject(content_type.pk, consultation_id)
    if consultation is None:
        return None
    existing = Survey.objects.filter(
        subject_type=content_type, subject_id=consultation_id, purpose="standard"
    ).first()
    if existing is not None:
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            with override("lv"):  # stored text is the site's first language
                survey = Survey.objects.create(
                    institution=Institution.objects.get(
                        pk=consultation.institution_id  # type: ignore[attr-defined]  # every subject has one (core/subjects.py)
                    ),
                    title=_("How was it to take part in “%(title)s”?")
                    % {"title": str(consultation)[:240]},
                    audience=Survey.Audience.BOTH,
                    anonymous=True,
                    requires_sign_in=False,
                    invitation_only=True,
                    results_public=True,
                    status=Survey.Status.PUBLISHED,
                    published_at=now,
                    opens_at=now,
                    closes_at=now + timedelta(days=ANSWER_DAYS),
                    purpose="standard",
                    subject_type=content_type,
                    subject_id=consultation_id,
                )
                for position, (key, text) in enumerate(STANDARD_QUESTIONS.items(), 1):
                    low, high = STANDARD_LABELS[key]
                    Question.objects.create(
                        survey=survey,
                        position=position,
                        kind=Question.Kind.SCALE,
                        text=str(text),
                        scale_max=10,
                        label_low=str(low),
                        label_high=str(high),
                        required=True,
                        standard_key=key,
                    )
            audit_record(
                actor=None,
                action="survey.create",
                target=survey,
                institution=survey.institution,
                after={"standard_for": LABEL, "subject_id": consultation_id},
            )
            emails = (
                subject_type.participant_emails(consultation_id)
                if subject_type.participant_emails
                else []
            )
            invitations_send(actor=None, survey=survey, emails=emails, audited=False)
    except IntegrityError:  # made by a parallel run of the same event
        return Survey.objects.filter(
            subject_type=content_type, subject_id=consultation_id, purpose="standard"
        ).first()
    return survey
