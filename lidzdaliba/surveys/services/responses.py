"""Answering a survey: one response per person (or per invitation link), saved progress,
and, for anonymous surveys, a participation record that cannot be joined to the answers.

One response per person is decided by unique constraints, never by a lookup before the
insert: fifty parallel submissions of one person make one row (tests/test_response_race.py).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.audit.services import audit_record
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.tasks import enqueue_on_commit

from ..answers import check_answers
from ..models import PUBLIC, Answer, Invitation, Participation, Response, Survey
from ..rules import respondent_group
from .drafts import draft_discard
from .tallies import answers_replace


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _already_answered() -> Conflict:
    return Conflict(
        _("You have already answered this survey, and it does not allow changes."),
        code="already_answered",
    )


def _write_answers(response: Response, rows, *, submitted: bool) -> None:
    # Through tallies.answers_replace, so the results' counts move with the rows.
    answers_replace(
        response,
        (
            Answer(
                response=response,
                question_id=row.question_id,
                group=response.group,
                submitted=submitted,
                number=row.number,
                choice=row.choice,
                text=row.text,
            )
            for row in rows
        ),
    )


@transaction.atomic
def response_save(
    *,
    person,
    survey: Survey,
    answers: Mapping[int, Any],
    submit: bool = True,
    invitation: Invitation | None = None,
    draft_token: str | None = None,
) -> tuple[Response | None, bool]:
    """Save `person`'s answers (`submit=False`: progress, required questions may wait).

    `draft_token`: the resume token of the draft these answers were continued from
    (`drafts.py`); the submission deletes that draft in the same transaction.

    Returns (response, created). For an anonymous survey the response is returned only to
    the caller of this request and is never found again by person. A person who already
    submitted gets their response updated when the survey allows changes, else Conflict.
    """
    signed_in = bool(person is not None and person.is_authenticated)
    if invitation is not None:
        if invitation.survey_id != survey.pk or not survey.is_open():
            raise PermissionDenied(_("This invitation is not valid for an open survey."))
    else:
        if survey.invitation_only:
            raise PermissionDenied(_("This survey is answered by invitation only."))
        if not person.has_perm("surveys.respond", survey):
            raise PermissionDenied(_("You may not answer this survey."))
    group = respondent_group(person) if signed_in else PUBLIC
    questions = list(survey.questions.all())
    anonymous = survey.anonymous or not signed_in
    rows = check_answers(questions, answers, complete=submit or anonymous)
    now = timezone.now()
    if invitation is not None:
        # The link is single-use: the one request that flips `used` may answer.
        if not Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True):
            raise Conflict(_("This invitation link has already been used."), code="used")
        if survey.anonymous and signed_in:
            _take_part(survey, person)
        response = Response.objects.create(
            survey=survey,
            group=group,
            person=person if signed_in and not survey.anonymous else None,
            invitation=None if survey.anonymous else invitation,
            submitted_at=_coarse(now, survey),
            updated_at=_coarse(now, survey),
        )
        _write_answers(response, rows, submitted=True)
        draft_discard(survey=survey, token=draft_token)
        publish_on_commit("survey.response_submitted", survey_id=survey.pk)
        return response, True
    if anonymous:
        if signed_in:
            _take_part(survey, person)
        response = Response.objects.create(
            survey=survey,
            group=group,
            submitted_at=_coarse(now, survey),
            updated_at=_coarse(now, survey),
        )
        _write_answers(response, rows, submitted=True)
        draft_discard(survey=survey, token=draft_token)
        publish_on_commit("survey.response_submitted", survey_id=survey.pk)
        return response, True
    created = False
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey, group=group, person=person, updated_at=now
            )
            created = True
    except IntegrityError:
        response = Response.objects.select_for_update().get(survey=survey, person=person)
    if response.submitted_at is not None and not survey.allow_changes:
        raise _already_answered()
    response.group = group
    response.updated_at = now
    if submit and response.submitted_at is None:
        response.submitted_at = now
    response.save(update_fields=["group", "updated_at", "submitted_at"])
    _write_answers(response, rows, submitted=response.submitted_at is not None)
    if response.submitted_at is not None:
        publish_on_commit("survey.response_submitted", survey_id=survey.pk)
    return response, created


def _coarse(moment, survey: Survey):
    """An anonymous response keeps only the day: a time to the second could be matched to
    a person's other traces (a sign-in, a log line)."""
    if survey.anonymous:
        return moment.replace(hour=12, minute=0, second=0, microsecond=0)
    return moment


def _take_part(survey: Survey, person) -> None:
    try:
        with transaction.atomic():
            Participation.objects.create(survey=survey, person=person)
    except IntegrityError as error:
        raise Conflict(
            _("You have already answered this survey."), code="already_answered"
        ) from error


def has_answered(*, person, survey: Survey) -> bool:
    if not (person and person.is_authenticated):
        return False
    if survey.anonymous:
        return Participation.objects.filter(survey=survey, person=person).exists()
    return Response.objects.filter(
        survey=survey, person=person, submitted_at__isnull=False
    ).exists()


def invitation_use(*, token: str) -> Invitation | None:
    """The invitation of a link, or None when the link is unknown."""
    return Invitation.objects.select_related("survey").filter(token_hash=token_hash(token)).first()


@transaction.atomic
def invitations_send(*, actor, survey: Survey, emails: Iterable[str], audited: bool = True) -> int:
    """E-mail a single-use link to each address not invited yet; returns how many."""
    if actor is not None and not actor.has_perm("surveys.change_survey", survey):
        raise PermissionDenied(_("Only the officers who own this survey may do this."))
    from ..tasks import send_invitation

    sent = 0
    for email in dict.fromkeys(e.strip().lower() for e in emails if e and e.strip()):
        token = secrets.token_urlsafe(24)
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    survey=survey, email=email, token_hash=token_hash(token)
                )
        except IntegrityError:
            continue  # invited before
        link = reverse("surveys:invitation", args=[token])
        enqueue_on_commit(send_invitation, invitation.pk, link)
        sent += 1
    if audited and actor is not None:
        audit_record(
            actor=actor,
            action="survey.invite",
            target=survey,
            institution=survey.institution,
            after={"invitations": sent},
        )
    return sent
