"""Bodies, their members, applications to join, and recommendations with their answers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record, snapshot
from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.limits import check_lengths
from lidzdaliba.institutions.models import AffectedGroup, Institution
from lidzdaliba.institutions.rules import is_officer_of

from ..models import Application, Body, Member, Recommendation
from .meetings import deadline_rules_for

BODY_FIELDS = [
    "kind",
    "name",
    "purpose",
    "terms_of_reference_url",
    "term_starts_on",
    "term_ends_on",
    "secretary",
    "accepting_applications",
]


def _require(actor, permission: str, obj, message: str) -> None:
    if not actor.has_perm(permission, obj):
        raise PermissionDenied(message)


def _not_allowed_to_run(body: Body) -> str:
    return _("Only the secretary of this body and officers of its institution may do this.")


@transaction.atomic
def body_create(
    *,
    actor,
    institution: Institution,
    kind: str,
    name: str,
    term_starts_on: date,
    purpose: str = "",
    term_ends_on: date | None = None,
    secretary=None,
    accepting_applications: bool = False,
    terms_of_reference_url: str = "",
    affected_groups: Iterable[AffectedGroup] = (),
) -> Body:
    _require(
        actor, "councils.add_body", institution, _("Only officers of the institution may do this.")
    )
    if secretary is not None and not is_officer_of(secretary, institution.pk):
        raise ValidationError(
            {"secretary": [_("The secretary must be an officer of the institution.")]}
        )
    body = Body(
        institution=institution,
        kind=kind,
        name=name,
        purpose=purpose,
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
        secretary=secretary,
        accepting_applications=accepting_applications,
        terms_of_reference_url=terms_of_reference_url,
    )
    body.full_clean()
    body.save()
    body.affected_groups.set(affected_groups)
    audit_record(
        actor=actor,
        action="body.create",
        target=body,
        institution=institution,
        after=snapshot(body, BODY_FIELDS),
    )
    publish_on_commit("body.changed", body_id=body.pk)
    return body


@transaction.atomic
def member_add(
    *,
    actor,
    body: Body,
    starts_on: date,
    person=None,
    organisation=None,
    role: str = Member.Role.MEMBER,
    ends_on: date | None = None,
    represented_groups: Iterable[AffectedGroup] = (),
) -> Member:
    _require(actor, "councils.manage_body", body, _not_allowed_to_run(body))
    if (person is None) == (organisation is None):
        raise ValidationError(_("A member is either a person or an organisation."))
    member = Member(
        body=body,
        person=person,
        organisation=organisation,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    member.full_clean()
    member.save()
    member.represented_groups.set(represented_groups)
    audit_record(
        actor=actor,
        action="body.member_add",
        target=body,
        institution=body.institution,
        after={
            "member": member.name,
            "role": role,
            "starts_on": starts_on,
            "represented_groups": sorted(g.pk for g in member.represented_groups.all()),
        },
    )
    publish_on_commit("body.changed", body_id=body.pk)
    return member


@transaction.atomic
def member_end(*, actor, member: Member, ends_on: date) -> Member:
    """End a membership; the member stays in the body's history."""
    body = member.body
    _require(actor, "councils.manage_body", body, _not_allowed_to_run(body))
    if ends_on < member.starts_on:
        raise ValidationError({"ends_on": [_("A membership cannot end before it starts.")]})
    before = snapshot(member, ["ends_on"])
    member.ends_on = ends_on
    member.save(update_fields=["ends_on"])
    audit_record(
        actor=actor,
        action="body.member_end",
        target=body,
        institution=body.institution,
        before={"member": member.name, **before},
        after={"member": member.name, "ends_on": ends_on},
    )
    publish_on_commit("body.changed", body_id=body.pk)
    return member


@transaction.atomic
def application_submit(
    *,
    applicant,
    body: Body,
    motivation: str,
    organisation=None,
    represented_groups: Iterable[AffectedGroup] = (),
) -> Application:
    """A person (or, with `organisation`, their NGO) applies to join a body."""
    if not applicant.has_perm("councils.apply_to_body", body):
        raise PermissionDenied(_("This body is not accepting applications from you now."))
    if not motivation.strip():
        raise ValidationError({"motivation": [_("Tell the body why you would like to join.")]})
    check_lengths({"motivation": motivation})
    if (
        organisation is not None
        and not organisation.representatives.filter(pk=applicant.pk).exists()
    ):
        raise PermissionDenied(_("You may apply only for an organisation you represent."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                body=body, applicant=applicant, organisation=organisation, motivation=motivation
            )
    except IntegrityError as error:
        raise Conflict(
            _("You have already applied to this body; the secretary will answer."),
            code="already_applied",
        ) from error
    application.represented_groups.set(represented_groups)
    publish_on_commit("body.application_submitted", application_id=application.pk)
    return application


@transaction.atomic
def application_decide(
    *, actor, application: Application, accept: bool, reason: str = ""
) -> Application:
    """Accept (the applicant becomes a member from today) or decline with a reason."""
    body = application.body
    _require(actor, "councils.manage_body", body, _not_allowed_to_run(body))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        raise Conflict(_("This application has already been decided."), code="decided")
    if not accept and not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for declining.")]})
    check_lengths({"reason": reason}, limit=2000)
    application.status = Application.Status.ACCEPTED if accept else Application.Status.DECLINED
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decision_reason", "decided_at"])
    if accept:
        member = Member.objects.create(
            body=body,
            person=None if application.organisation_id else application.applicant,
            organisation=application.organisation,
            starts_on=timezone.localdate(),
        )
        member.represented_groups.set(application.represented_groups.all())
    audit_record(
        actor=actor,
        action="body.application_decide",
        target=body,
        institution=body.institution,
        after={"application": application.pk, "status": application.status, "reason": reason},
    )
    publish_on_commit("body.application_decided", application_id=application.pk)
    return application


@transaction.atomic
def recommendation_adopt(
    *,
    actor,
    body: Body,
    text: str,
    addressed_to: Institution,
    adopted_on: date,
    meeting=None,
    due_on: date | None = None,
) -> Recommendation:
    """Record a recommendation the body adopted. The answer is due `answer_days` (the
    addressed institution's rule, 30 by default) after adoption unless `due_on` says."""
    _require(actor, "councils.manage_body", body, _not_allowed_to_run(body))
    if not text.strip():
        raise ValidationError({"text": [_("Write the recommendation.")]})
    check_lengths({"text": text})
    if due_on is None:
        due_on = adopted_on + timedelta(days=deadline_rules_for(addressed_to).answer_days)
    recommendation = Recommendation.objects.create(
        body=body,
        text=text,
        addressed_to=addressed_to,
        adopted_on=adopted_on,
        meeting=meeting,
        due_on=due_on,
    )
    audit_record(
        actor=actor,
        action="recommendation.adopt",
        target=recommendation,
        institution=body.institution,
        after=snapshot(recommendation, ["text", "addressed_to", "adopted_on", "due_on"]),
    )
    publish_on_commit("recommendation.adopted", recommendation_id=recommendation.pk)
    return recommendation


@transaction.atomic
def recommendation_answer(
    *, actor, recommendation: Recommendation, outcome: str, reason: str
) -> Recommendation:
    """The addressed institution answers: an outcome and, always, the reason."""
    _require(
        actor,
        "councils.answer_recommendation",
        recommendation,
        _("Only responders of the addressed institution may answer this recommendation."),
    )
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Choose an outcome.")]
    if not reason.strip():
        errors["reason"] = [_("Give the reason for the answer.")]
    if errors:
        raise ValidationError(errors)
    check_lengths({"reason": reason})
    before = snapshot(recommendation, ["outcome", "reason", "answered_at"])
    recommendation.outcome = outcome
    recommendation.reason = reason
    # The first answer's moment counts for the record; a corrected reason does not reset it.
    recommendation.answered_at = recommendation.answered_at or timezone.now()
    recommendation.answered_by = actor
    recommendation.save(update_fields=["outcome", "reason", "answered_at", "answered_by"])
    audit_record(
        actor=actor,
        action="recommendation.answer",
        target=recommendation,
        institution=recommendation.addressed_to,
        before=before,
        after=snapshot(recommendation, ["outcome", "reason", "answered_at"]),
    )
    publish_on_commit("recommendation.answered", recommendation_id=recommendation.pk)
    return recommendation
