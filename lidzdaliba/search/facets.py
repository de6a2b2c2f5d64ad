"""Facets: what the list filters select by, written into the index as terms.

A filter then costs the full-text index one more term to intersect ("_t3" for a policy
area), on both backends, instead of a lookup of the consultation of every match — which is
what made a filtered search of a common word slow. Facet terms start with "_", which no
normalised word ever contains (`text.WORD_RE` splits on it), so a person's query cannot
produce or match one.

The only filter that cannot be a stored term is the time-derived part of the status
(announced → open → closed happens by the clock, without an event); `selectors` expresses it
with the `_c<id>` terms of the consultations that are announced or open right now.
"""

from __future__ import annotations

import re

from lidzdaliba.consultations.models import Consultation

KIND = "k"
CONSULTATION = "c"
INSTITUTION = "i"
TOPIC = "t"
TERRITORY = "r"
GROUP = "g"
STAGE = "s"
FORM = "f"
LIFECYCLE = "l"
# Lifecycle values: stored, because they change only through events that re-index.
LIVE, ANSWERED, DECIDED = "live", "answered", "decided"

_TOKEN = re.compile(r"_[a-z][a-z0-9_]*")


def token(facet: str, value: object) -> str:
    text = f"_{facet}{value}".lower()
    if not _TOKEN.fullmatch(text):
        raise ValueError(f"Not a facet term: {text!r}")
    return text


def lifecycle(consultation: Consultation) -> str:
    if consultation.decided_at is not None:
        return DECIDED
    if consultation.feedback_published_at is not None:
        return ANSWERED
    return LIVE


def consultation_facets(
    consultation: Consultation, *, group_ids: list[int], territory_parent_id: int | None
) -> list[str]:
    """The facet terms every entry of a consultation carries (the kind is added per entry).

    A territory filter selects a territory and the territories inside it (as
    `consultation_list` does), so an entry carries its territory and that one's parent."""
    terms = [
        token(CONSULTATION, consultation.pk),
        token(INSTITUTION, consultation.institution_id),
        token(TOPIC, consultation.topic_id),
        token(TERRITORY, consultation.territory_id),
        token(STAGE, consultation.policy_stage),
        token(FORM, consultation.participation_form),
        token(LIFECYCLE, lifecycle(consultation)),
    ]
    if territory_parent_id is not None:
        terms.append(token(TERRITORY, territory_parent_id))
    terms.extend(token(GROUP, group_id) for group_id in sorted(group_ids))
    return terms
