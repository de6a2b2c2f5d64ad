"""Who may do what with consultations. Views, API and templates ask these; none re-implement.

Object-level permissions take a Consultation. Coordinators read everything and edit nothing.
"""

from __future__ import annotations

import rules

from lidzdaliba.institutions.rules import (
    is_coordinator,
    is_editor_of,
    is_officer_of,
    is_responder_of,
)


@rules.predicate
def is_published(user, consultation) -> bool:
    return consultation is not None and consultation.announced_at is not None


@rules.predicate
def feedback_is_published(user, consultation) -> bool:
    return consultation is not None and consultation.feedback_published_at is not None


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

rules.add_perm("consultations.view_consultation", is_published | insider)
rules.add_perm("consultations.view_internal", insider)
rules.add_perm("consultations.view_answers", (is_published & feedback_is_published) | insider)
rules.add_perm("consultations.change_consultation", edits_consultation)
rules.add_perm("consultations.give_opinion", rules.is_authenticated & is_published)
rules.add_perm("consultations.answer_opinion", answers_consultation)
rules.add_perm("consultations.publish_feedback", answers_consultation)
# Creating needs an institution, not a consultation: see `can_create_in`.
rules.add_perm("consultations.add_consultation", is_editor_of)
