"""Who may do what with surveys. Views, the API and services ask these; none restate them.

A survey's owners are the officers of its institution; a survey without an institution is a
cross-institution survey of the coordinator. The coordinator reads every survey's results.
Who may *answer* depends on the audience: officers answer as institutions, everyone else as
the public (`respondent_group`), never as the request says.
"""

from __future__ import annotations

import rules

from lidzdaliba.institutions.rules import is_any_officer, is_coordinator, is_officer_of

from .models import INSTITUTIONS, PUBLIC, Survey


@rules.predicate
def owns_survey(user, survey) -> bool:
    if survey is None or not (user and user.is_authenticated):
        return False
    if survey.institution_id is None:
        return bool(user.is_coordinator)
    return is_officer_of(user, survey.institution_id)


@rules.predicate
def is_published(user, survey) -> bool:
    return survey is not None and survey.is_published


@rules.predicate
def has_public_results(user, survey) -> bool:
    return survey is not None and survey.is_published and survey.results_public


def respondent_group(user) -> str:
    """The group a person answers in: institutions for any officer, else the public."""
    return INSTITUTIONS if is_any_officer(user) else PUBLIC


@rules.predicate
def in_audience(user, survey) -> bool:
    if survey is None:
        return False
    if survey.audience == Survey.Audience.BOTH:
        return True
    return respondent_group(user) == (
        INSTITUTIONS if survey.audience == Survey.Audience.OFFICERS else PUBLIC
    )


@rules.predicate
def may_answer_unsigned(user, survey) -> bool:
    return survey is not None and not survey.requires_sign_in


@rules.predicate
def is_open(user, survey) -> bool:
    return survey is not None and survey.is_open()


rules.add_perm("surveys.use_desk", is_any_officer | is_coordinator)
rules.add_perm("surveys.add_survey", is_officer_of)  # object: an Institution (None: coordinator)
rules.add_perm("surveys.add_coordinator_survey", is_coordinator)
rules.add_perm("surveys.change_survey", owns_survey)
rules.add_perm("surveys.view_survey", is_published | owns_survey | is_coordinator)
rules.add_perm("surveys.view_full_results", owns_survey | is_coordinator)
rules.add_perm("surveys.view_results", has_public_results | owns_survey | is_coordinator)
rules.add_perm(
    "surveys.respond",
    is_open & in_audience & (rules.is_authenticated | may_answer_unsigned),
)
rules.add_perm("surveys.import_survey", is_any_officer | is_coordinator)
