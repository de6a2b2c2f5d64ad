"""Building a survey: its settings, sections and questions; publishing; copying.

A survey with answers is locked: changing a question under existing answers would change
what they mean. An officer who needs a changed survey makes a copy (`survey_copy`)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record, snapshot
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.subjects import subject_type_of
from lidzdaliba.institutions.models import Institution

from ..models import Question, Section, Survey

SURVEY_FIELDS = [
    "title",
    "description",
    "audience",
    "anonymous",
    "requires_sign_in",
    "invitation_only",
    "allow_changes",
    "results_public",
    "opens_at",
    "closes_at",
]
MAX_OPTIONS = 50
MAX_SCALE = 10

Kind = Question.Kind


def _require(actor, permission: str, obj) -> None:
    if not actor.has_perm(permission, obj):
        raise PermissionDenied(_("Only the officers who own this survey may do this."))


def ensure_editable(survey: Survey) -> None:
    """Refuse changes to a survey that has answers (they would change their meaning)."""
    if survey.responses.exists():
        raise Conflict(
            _("This survey already has answers and cannot be changed; make a copy to edit."),
            code="survey_locked",
        )


def _validate_dates(opens_at: datetime | None, closes_at: datetime | None) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError({"closes_at": [_("A survey must close after it opens.")]})


@transaction.atomic
def survey_create(
    *,
    actor,
    institution: Institution | None,
    title: str,
    description: str = "",
    audience: str = Survey.Audience.PUBLIC,
    anonymous: bool = False,
    requires_sign_in: bool = True,
    invitation_only: bool = False,
    allow_changes: bool = False,
    results_public: bool = True,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    subject: models.Model | None = None,
    purpose: str = "",
    audited: bool = True,
) -> Survey:
    """A draft survey of `institution` (None: a coordinator's cross-institution survey),
    optionally about a `subject` (a consultation, initiative or meeting, core/subjects.py)."""
    if institution is None:
        if not actor.has_perm("surveys.add_coordinator_survey"):
            raise PermissionDenied(_("Only the coordinator may create a survey of no institution."))
    elif not actor.has_perm("surveys.add_survey", institution):
        raise PermissionDenied(_("Only officers of the institution may do this."))
    _validate_dates(opens_at, closes_at)
    survey = Survey(
        institution=institution,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        title=title,
        description=description,
        audience=audience,
        anonymous=anonymous,
        requires_sign_in=requires_sign_in or anonymous,
        invitation_only=invitation_only,
        allow_changes=allow_changes and not anonymous,
        results_public=results_public,
        opens_at=opens_at,
        closes_at=closes_at,
        purpose=purpose,
    )
    if subject is not None:
        subject_type = subject_type_of(subject)
        if subject_type is None:
            raise ValidationError(_("A survey cannot be attached to this."))
        if not actor.has_perm(subject_type.attach_permission, subject):
            raise PermissionDenied(_("You may not attach a survey to this."))
        survey.subject_type = ContentType.objects.get_for_model(subject)
        survey.subject_id = subject.pk
    survey.full_clean()
    survey.save()
    if audited:
        audit_record(
            actor=actor,
            action="survey.create",
            target=survey,
            institution=institution,
            after=snapshot(survey, SURVEY_FIELDS),
        )
    return survey


@transaction.atomic
def survey_update(*, actor, survey: Survey, **changes) -> Survey:
    _require(actor, "surveys.change_survey", survey)
    ensure_editable(survey)
    unknown = set(changes) - set(SURVEY_FIELDS)
    if unknown:
        raise ValueError(f"Not survey settings: {sorted(unknown)}")
    before = snapshot(survey, SURVEY_FIELDS)
    for name, value in changes.items():
        setattr(survey, name, value)
    if survey.anonymous:
        survey.requires_sign_in = True
        survey.allow_changes = False
    _validate_dates(survey.opens_at, survey.closes_at)
    survey.full_clean()
    survey.save()
    audit_record(
        actor=actor,
        action="survey.update",
        target=survey,
        institution=survey.institution,
        before=before,
        after=snapshot(survey, SURVEY_FIELDS),
    )
    return survey


@transaction.atomic
def section_add(*, actor, survey: Survey, title: str, description: str = "") -> Section:
    _require(actor, "surveys.change_survey", survey)
    ensure_editable(survey)
    position = (survey.sections.aggregate(m=Max("position"))["m"] or 0) + 1
    section = Section(survey=survey, title=title, description=description, position=position)
    section.full_clean()
    section.save()
    audit_record(
        actor=actor,
        action="survey.update",
        target=survey,
        institution=survey.institution,
        after={"section_added": title},
    )
    return section


def _clean_labels(values, field: str) -> list[str]:
    labels = [" ".join(str(v).split()) for v in values or []]
    labels = [v for v in labels if v]
    if len(set(labels)) != len(labels):
        raise ValidationError({field: [_("Each option must be different.")]})
    if len(labels) > MAX_OPTIONS:
        raise ValidationError({field: [_("A question may have at most 50 options.")]})
    if any(len(v) > 300 for v in labels):
        raise ValidationError({field: [_("An option may have at most 300 characters.")]})
    return labels


def validate_question(question: Question) -> None:
    """The shape each kind needs: options for choices and rankings, rows for a matrix, a
    scale of 2–10, and a condition only on an earlier question of the same survey."""
    kind = question.kind
    question.options = _clean_labels(question.options, "options")
    question.rows = _clean_labels(question.rows, "rows")
    if kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING) and len(question.options) < 2:
        raise ValidationError({"options": [_("Give at least two options.")]})
    if kind == Kind.MATRIX and not question.rows:
        raise ValidationError({"rows": [_("Give at least one row.")]})
    if kind in (Kind.SCALE, Kind.MATRIX) and not 2 <= question.scale_max <= MAX_SCALE:
        raise ValidationError({"scale_max": [_("A scale goes from 1 to between 2 and 10.")]})
    if kind not in (Kind.SINGLE, Kind.MULTIPLE):
        question.allow_other = False
    earlier = question.show_if if question.show_if_id else None
    if earlier is not None:
        if earlier.survey_id != question.survey_id or (
            question.pk and earlier.position >= question.position
        ):
            raise ValidationError({"show_if": [_("A condition must be on an earlier question.")]})
        if earlier.kind not in (Kind.SCALE, Kind.SINGLE, Kind.MULTIPLE):
            raise ValidationError(
                {"show_if": [_("A condition may be on a scale or a choice question only.")]}
            )
        values = [str(v) for v in question.show_if_values or []]
        allowed = (
            {str(n) for n in range(1, earlier.scale_max + 1)}
            if earlier.kind == Kind.SCALE
            else set(earlier.options)
        )
        if not values or not set(values) <= allowed:
            raise ValidationError(
                {"show_if_values": [_("Choose the answers that show this question.")]}
            )
        question.show_if_values = values
    else:
        question.show_if_values = []
    section = question.section if question.section_id else None
    if section is not None and section.survey_id != question.survey_id:
        raise ValidationError({"section": [_("The section belongs to another survey.")]})
    question.full_clean()


@transaction.atomic
def question_add(
    *,
    actor,
    survey: Survey,
    kind: str,
    text: str,
    section: Section | None = None,
    required: bool = False,
    help_text: str = "",
    scale_max: int = 10,
    label_low: str = "",
    label_high: str = "",
    options: list[str] | None = None,
    rows: list[str] | None = None,
    allow_other: bool = False,
    show_if: Question | None = None,
    show_if_values: list | None = None,
    standard_key: str = "",
    audited: bool = True,
) -> Question:
    _require(actor, "surveys.change_survey", survey)
    ensure_editable(survey)
    position = (survey.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = Question(
        survey=survey,
        section=section,
        position=position,
        kind=kind,
        text=text,
        help_text=help_text,
        required=required,
        scale_max=scale_max,
        label_low=label_low,
        label_high=label_high,
        options=options or [],
        rows=rows or [],
        allow_other=allow_other,
        show_if=show_if,
        show_if_values=show_if_values or [],
        standard_key=standard_key,
    )
    validate_question(question)
    question.save()
    if audited:
        audit_record(
            actor=actor,
            action="survey.update",
            target=survey,
            institution=survey.institution,
            after={"question_added": text, "kind": kind},
        )
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    survey = question.survey
    _require(actor, "surveys.change_survey", survey)
    ensure_editable(survey)
    Question.objects.filter(show_if=question).update(show_if=None, show_if_values=[])
    text = question.text
    question.delete()
    audit_record(
        actor=actor,
        action="survey.update",
        target=survey,
        institution=survey.institution,
        before={"question_removed": text},
    )


@transaction.atomic
def survey_publish(*, actor, survey: Survey, audited: bool = True) -> Survey:
    _require(actor, "surveys.change_survey", survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.is_published:
        return survey
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before publishing."))
    survey.status = Survey.Status.PUBLISHED
    survey.published_at = timezone.now()
    survey.save(update_fields=["status", "published_at"])
    if audited:
        audit_record(
            actor=actor, action="survey.publish", target=survey, institution=survey.institution
        )
    publish_on_commit("survey.published", survey_id=survey.pk)
    return survey


@transaction.atomic
def survey_copy(*, actor, survey: Survey) -> Survey:
    """An editable draft with the same settings, sections and questions (conditions kept,
    pointing at the copied questions); the original and its answers stay as they are."""
    _require(actor, "surveys.change_survey", survey)
    copy = Survey.objects.get(pk=survey.pk)
    copy.pk = None
    copy.title = _("Copy of %(title)s") % {"title": survey.title}
    copy.title = copy.title[:300]
    copy.status = Survey.Status.DRAFT
    copy.published_at = None
    copy.copied_from = survey
    copy.created_by = actor
    copy.created_at = timezone.now()
    copy.purpose = ""
    copy.imported = False
    copy.save()
    sections = {}
    for section in survey.sections.all():
        old = section.pk
        section.pk = None
        section.survey = copy
        section.save()
        sections[old] = section
    questions: dict[int, Question] = {}
    for question in survey.questions.all():
        old = question.pk
        question.pk = None
        question.survey = copy
        question.section = sections[question.section_id] if question.section_id else None
        question.show_if = questions[question.show_if_id] if question.show_if_id else None
        question.save()
        questions[old] = question
    audit_record(
        actor=actor,
        action="survey.copy",
        target=survey,
        institution=survey.institution,
        after={"copy": copy.pk},
    )
    return copy
