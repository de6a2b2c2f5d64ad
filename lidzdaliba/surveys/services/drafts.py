"""Saved progress that names no one: drafts of anonymous surveys, of answers given without
signing in and of answers given through an invitation link.

A non-anonymous, signed-in respondent's progress is their `Response` with no `submitted_at`
(`responses.py`). For everyone else that would tie the answers to a person, so progress is a
`Draft` found only by a random resume token the person holds: in a cookie of their browser
(never in the session, which the database keeps with the user's id) and in a private link
shown once after saving; through an invitation, the invitation link itself is the token.
The database holds the token's hash only, and submitting deletes the draft
(`response_save(draft_token=…)`), so neither the draft nor the response can be joined to
the person. Drafts older than `KEEP_DRAFT` and those of closed surveys are deleted by the
retention rule `survey-drafts`.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.core.exceptions import Conflict

from ..answers import check_answers
from ..models import Draft, Invitation, Participation, Survey

TOKEN_CHARS = 200  # a longer "token" is not one of ours


def draft_key(token: str) -> str:
    """The stored hash of a resume token. The prefix keeps it apart from `token_hash`: an
    invitation's draft (keyed by the invitation's own token) must not share the hash that
    `Invitation` stores, or the two rows could be joined."""
    return hashlib.sha256(f"survey-draft:{token}".encode()).hexdigest()


def uses_drafts(*, person, survey: Survey, invitation: Invitation | None = None) -> bool:
    """Whether saved progress must be a draft rather than the person's own response."""
    signed_in = bool(person is not None and person.is_authenticated)
    return invitation is not None or survey.anonymous or not signed_in


def draft_values(*, survey: Survey, token: str | None) -> dict[int, Any] | None:
    """The saved values behind `token` ({question id: value}), or None when it finds none.
    (A read, kept beside the writes of the same rows.)"""
    if not token or len(token) > TOKEN_CHARS:
        return None
    draft = Draft.objects.filter(survey=survey, key_hash=draft_key(token)).first()
    if draft is None:
        return None
    return {int(qid): value for qid, value in draft.answers.items()}


@transaction.atomic
def draft_save(
    *,
    person,
    survey: Survey,
    answers: Mapping[int, Any],
    token: str | None = None,
    invitation: Invitation | None = None,
    invitation_token: str = "",
) -> str:
    """Save progress as a draft; returns its resume token (the one given, or a new one when
    none was given or it holds another survey's draft). Through an invitation the token is
    the invitation link's own (`invitation_token`)."""
    signed_in = bool(person is not None and person.is_authenticated)
    if invitation is not None:
        if invitation.survey_id != survey.pk or not survey.is_open() or not invitation_token:
            raise PermissionDenied(_("This invitation is not valid for an open survey."))
        if Invitation.objects.filter(pk=invitation.pk, used=True).exists():
            raise Conflict(_("This invitation link has already been used."), code="used")
        token = invitation_token
    else:
        if survey.invitation_only:
            raise PermissionDenied(_("This survey is answered by invitation only."))
        if not person.has_perm("surveys.respond", survey):
            raise PermissionDenied(_("You may not answer this survey."))
        # Asking is no record: nothing about the person is written here.
        if (
            survey.anonymous
            and signed_in
            and Participation.objects.filter(survey=survey, person=person).exists()
        ):
            raise Conflict(_("You have already answered this survey."), code="already_answered")
    rows = check_answers(list(survey.questions.all()), answers, complete=False)
    kept = {row.question_id for row in rows}
    stored = {str(qid): value for qid, value in answers.items() if qid in kept}
    today = timezone.localdate()
    if token and len(token) <= TOKEN_CHARS:
        updated = Draft.objects.filter(survey=survey, key_hash=draft_key(token)).update(
            answers=stored, saved_on=today
        )
        if updated:
            return token
        if invitation is not None:
            # Two tabs of one invitation saving at once: the second updates the first's draft.
            Draft.objects.update_or_create(
                key_hash=draft_key(token),
                defaults={"survey": survey, "answers": stored, "saved_on": today},
            )
            return token
    while True:  # a fresh token (a clash of 192 random bits would only try again)
        token = secrets.token_urlsafe(24)
        try:
            with transaction.atomic():
                Draft.objects.create(
                    survey=survey, key_hash=draft_key(token), answers=stored, saved_on=today
                )
        except IntegrityError:
            continue
        return token


def draft_discard(*, survey: Survey, token: str | None) -> int:
    """Delete the draft behind `token` (its answers were submitted)."""
    if not token or len(token) > TOKEN_CHARS:
        return 0
    deleted, _by_model = Draft.objects.filter(survey=survey, key_hash=draft_key(token)).delete()
    return deleted
