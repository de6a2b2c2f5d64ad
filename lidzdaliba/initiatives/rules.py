"""Who may do what with initiatives, and when. Views, the API, templates and services ask
these; none re-implement them.

Object-level permissions take an Initiative (`moderate_queue` and `manage_rules` take an
Institution). Moderation belongs to the addressed institution's editors and managers and to
the moderators the coordinator appoints (DESIGN.md "Roles"), who also see what waits for
them. The coordinator reads everything and acts on
nothing; exporting signers is for the addressed institution's officers only (it holds
personal data the coordinator does not need).
"""

from __future__ import annotations

import rules

from lidzdaliba.institutions.rules import (
    is_any_officer,
    is_coordinator,
    is_editor_of,
    is_manager_of,
    is_moderator,
    is_officer_of,
    is_responder_of,
)

from .models import (
    ANSWERABLE_STATUSES,
    EDITABLE_STATUSES,
    WITHDRAWABLE_STATUSES,
    Status,
)


@rules.predicate
def is_published(user, initiative) -> bool:
    return initiative is not None and initiative.is_published


@rules.predicate
def is_author(user, initiative) -> bool:
    return (
        initiative is not None
        and user is not None
        and user.is_authenticated
        and initiative.author_id == user.pk
    )


@rules.predicate
def is_cosponsor(user, initiative) -> bool:
    if initiative is None or user is None or not user.is_authenticated:
        return False
    return initiative.cosponsors.filter(user=user, accepted_at__isnull=False).exists()


@rules.predicate
def may_be_edited(user, initiative) -> bool:
    return initiative is not None and initiative.status in EDITABLE_STATUSES


@rules.predicate
def may_invite(user, initiative) -> bool:
    return initiative is not None and initiative.status in (
        EDITABLE_STATUSES | {Status.AWAITING_COSPONSORS}
    )


@rules.predicate
def may_be_withdrawn(user, initiative) -> bool:
    return initiative is not None and initiative.status in WITHDRAWABLE_STATUSES


@rules.predicate
def is_in_moderation(user, initiative) -> bool:
    return initiative is not None and initiative.status == Status.IN_MODERATION


@rules.predicate
def is_collecting(user, initiative) -> bool:
    return initiative is not None and initiative.is_collecting


@rules.predicate
def awaits_answer(user, initiative) -> bool:
    return initiative is not None and initiative.status in ANSWERABLE_STATUSES


@rules.predicate
def threshold_is_reached(user, initiative) -> bool:
    return initiative is not None and initiative.status == Status.THRESHOLD_REACHED


@rules.predicate
def is_answered(user, initiative) -> bool:
    return initiative is not None and initiative.status == Status.ANSWERED


@rules.predicate
def counts_signatures(user, initiative) -> bool:
    return initiative is not None and initiative.status in {
        Status.COLLECTING,
        Status.THRESHOLD_REACHED,
    }


@rules.predicate
def signatures_may_be_invalidated(user, initiative) -> bool:
    return initiative is not None and initiative.status in {
        Status.COLLECTING,
        Status.THRESHOLD_REACHED,
        Status.UNDER_CONSIDERATION,
        Status.EXPIRED,
    }


@rules.predicate
def moderates_initiative(user, initiative) -> bool:
    return initiative is not None and (
        is_editor_of(user, initiative.institution_id) or is_moderator(user)
    )


@rules.predicate
def answers_initiative(user, initiative) -> bool:
    return initiative is not None and is_responder_of(user, initiative.institution_id)


@rules.predicate
def works_on_initiative(user, initiative) -> bool:
    return initiative is not None and is_officer_of(user, initiative.institution_id)


insider = works_on_initiative | is_coordinator

# Reading.
rules.add_perm(
    "initiatives.view_initiative",
    is_published | is_author | is_cosponsor | insider | (is_moderator & is_in_moderation),
)
rules.add_perm("initiatives.view_internal", is_author | insider)
# The author's.
rules.add_perm("initiatives.add_initiative", rules.is_authenticated)
rules.add_perm("initiatives.change_initiative", is_author & may_be_edited)
rules.add_perm("initiatives.invite_cosponsors", is_author & may_invite)
rules.add_perm("initiatives.submit_initiative", is_author & may_be_edited)
rules.add_perm("initiatives.withdraw_initiative", is_author & may_be_withdrawn)
# The public's.
rules.add_perm("initiatives.sign_initiative", rules.is_authenticated & is_collecting)
# The institution's.
rules.add_perm("initiatives.moderate_initiative", moderates_initiative & is_in_moderation)
rules.add_perm("initiatives.moderate_queue", is_editor_of)  # object: an Institution
# The officers' desk of initiatives (what to moderate, what to answer): any officer, a moderator.
rules.add_perm("initiatives.use_desk", is_any_officer | is_moderator)
rules.add_perm("initiatives.manage_rules", is_manager_of)  # object: an Institution
rules.add_perm("initiatives.record_paper_batch", works_on_initiative & counts_signatures)
# What others attach to an initiative (a survey about it, core/subjects.py): its officers.
rules.add_perm("initiatives.attach_to_initiative", works_on_initiative)
rules.add_perm("initiatives.take_into_consideration", answers_initiative & threshold_is_reached)
rules.add_perm("initiatives.answer_initiative", answers_initiative & awaits_answer)
rules.add_perm("initiatives.add_milestone", works_on_initiative & is_answered)
rules.add_perm("initiatives.mark_implemented", works_on_initiative & is_answered)
rules.add_perm("initiatives.export_signatures", works_on_initiative & is_published)
# Signature integrity: the signers' list and invalidating are the addressed institution's
# (personal data); the trends (counts, domains, networks — no person) also the moderators'
# and the coordinator's.
rules.add_perm("initiatives.review_signatures", works_on_initiative & is_published)
rules.add_perm(
    "initiatives.invalidate_signatures", works_on_initiative & signatures_may_be_invalidated
)
rules.add_perm(
    "initiatives.view_signature_trends",
    is_published & (works_on_initiative | is_moderator | is_coordinator),
)
# Draft attachments: the author's, while the text may change.
rules.add_perm("initiatives.attach_files", is_author & may_be_edited)
