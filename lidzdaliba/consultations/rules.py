"""Who may do what with consultations, and when. Views, the API, templates and services ask
these; none re-implement them.

Object-level permissions take a Consultation (`add_consultation` takes an Institution).
Coordinators read everything and edit nothing. State rules (published, open, may still be
edited) are the model's properties and queryset methods (`Consultation.is_published`,
`Consultation.objects.published()`…); the predicates below name them for permissions.
"""

from __future__ import annotations

import rules

from lidzdaliba.accounts.rules import represents
from lidzdaliba.institutions.rules import (
    is_any_officer,
    is_coordinator,
    is_editor_of,
    is_moderator,
    is_officer_of,
    is_responder_of,
)


@rules.predicate
def is_published(user, consultation) -> bool:
    return consultation is not None and consultation.is_published


@rules.predicate
def is_draft(user, consultation) -> bool:
    return consultation is not None and not consultation.is_published


@rules.predicate
def is_open_for_opinions(user, consultation) -> bool:
    return consultation is not None and consultation.is_open_for_opinions


@rules.predicate
def may_still_be_edited(user, consultation) -> bool:
    return consultation is not None and consultation.may_be_edited


@rules.predicate
def is_closed_awaiting_feedback(user, consultation) -> bool:
    return consultation is not None and consultation.is_awaiting_feedback


@rules.predicate
def feedback_is_published(user, consultation) -> bool:
    return consultation is not None and consultation.feedback_published_at is not None


@rules.predicate
def is_decided(user, consultation) -> bool:
    return consultation is not None and consultation.decided_at is not None


@rules.predicate
def edits_consultation(user, consultation) -> bool:
    return consultation is not None and is_editor_of(user, consultation.institution_id)


@rules.predicate
def answers_consultation(user, consultation) -> bool:
    return consultation is not None and is_responder_of(user, consultation.institution_id)


@rules.predicate
def works_on_consultation(user, consultation) -> bool:
    return consultation is not None and is_officer_of(user, consultation.institution_id)


insider = works_on_consultation | is_coordinator


@rules.predicate
def wrote_opinion(user, opinion) -> bool:
    return bool(opinion is not None and user.is_authenticated and opinion.author_id == user.pk)


@rules.predicate
def opinion_is_hidden(user, opinion) -> bool:
    return opinion is not None and opinion.is_hidden


@rules.predicate
def review_not_requested(user, opinion) -> bool:
    return opinion is not None and opinion.review_requested_at is None


# Reading.
rules.add_perm("consultations.view_consultation", is_published | insider)
rules.add_perm("consultations.view_internal", insider)
rules.add_perm("consultations.view_answers", (is_published & feedback_is_published) | insider)
rules.add_perm("consultations.use_officer_desk", is_any_officer | is_coordinator)
# The editor's work. `change_consultation` is the role; the others add when it is allowed.
rules.add_perm("consultations.add_consultation", is_editor_of)  # object: an Institution
rules.add_perm("consultations.change_consultation", edits_consultation)
rules.add_perm("consultations.edit_details", edits_consultation & may_still_be_edited)
rules.add_perm("consultations.publish_consultation", edits_consultation & is_draft)
rules.add_perm(
    "consultations.record_decision", edits_consultation & feedback_is_published & ~is_decided
)
# The public's.
rules.add_perm(
    "consultations.give_opinion", rules.is_authenticated & is_published & is_open_for_opinions
)
# Moderation (services/moderation.py). The words of a hidden opinion are read by its
# institution, the coordinator and moderators; the institution's officers and moderators hide
# and restore (the coordinator never edits an institution's content). Objects: a Consultation,
# except `request_review`, which takes the Opinion.
rules.add_perm("consultations.view_hidden_text", insider | is_moderator)
rules.add_perm("consultations.read_own_opinion", wrote_opinion)  # object: an Opinion
rules.add_perm("consultations.moderate_opinions", works_on_consultation | is_moderator)
rules.add_perm(
    "consultations.request_review", wrote_opinion & opinion_is_hidden & review_not_requested
)
# The responder's.
rules.add_perm("consultations.answer_opinion", answers_consultation)
rules.add_perm("consultations.publish_feedback", answers_consultation & is_closed_awaiting_feedback)


# --- One opinion (object: an Opinion) -------------------------------------------------------


@rules.predicate
def speaks_for_opinion(user, opinion) -> bool:
    """Its author, or a current representative of the organisation it was given for: the
    opinion is the organisation's, so whoever speaks for it now may follow and change it."""
    if opinion is None or not (user is not None and user.is_authenticated):
        return False
    if opinion.author_id is not None and opinion.author_id == user.pk:
        return True
    if getattr(opinion, "followed_by", None) == user.pk:
        return True  # read through `selectors.opinions_followed_by(user=user)`
    return opinion.organisation_id is not None and represents(user, opinion.organisation_id)


@rules.predicate
def opinion_consultation_is_open(user, opinion) -> bool:
    return opinion is not None and opinion.consultation.is_open_for_opinions


@rules.predicate
def opinion_is_withdrawn(user, opinion) -> bool:
    return opinion is not None and opinion.withdrawn_at is not None


@rules.predicate
def works_on_opinion(user, opinion) -> bool:
    return opinion is not None and is_officer_of(user, opinion.consultation.institution_id)


# Following one's own opinions ("Mani viedokļi"): the answer state before publication too.
rules.add_perm("consultations.follow_opinion", speaks_for_opinion)
# Editing or withdrawing: only while the consultation is open, and not once withdrawn.
rules.add_perm(
    "consultations.change_opinion",
    speaks_for_opinion & opinion_consultation_is_open & ~opinion_is_withdrawn,
)
# The history of edits and withdrawals (with the answers they made void) is the officers'.
rules.add_perm("consultations.view_opinion_history", works_on_opinion | is_coordinator)
