"""Every write to initiatives goes through these functions (HackSoft-style services).

Each runs in one transaction, checks the actor's right with `rules`, validates, writes,
records the audit entry for officer actions, and publishes domain events on commit:
`initiative.status_changed` (initiative_id, status) at every move of the lifecycle and
`initiative.changed` (initiative_id) when a published initiative's content changes.
"""

from .answers import (
    answer_give,
    consideration_start,
    implemented_mark,
    milestone_add,
    signatures_export_record,
)
from .initiatives import (
    cosponsor_accept,
    cosponsor_invite,
    initiative_create,
    initiative_moderate,
    initiative_submit,
    initiative_update,
    initiative_withdraw,
    rules_for,
    rules_update,
)
from .invalidation import RuleSpec, invalidation_preview, signatures_invalidate
from .signatures import (
    check_all_thresholds,
    expire_finished_collections,
    paper_batch_record,
    signature_add,
    signature_withdraw,
    threshold_check,
)

__all__ = [
    "RuleSpec",
    "answer_give",
    "check_all_thresholds",
    "consideration_start",
    "cosponsor_accept",
    "cosponsor_invite",
    "expire_finished_collections",
    "implemented_mark",
    "initiative_create",
    "initiative_moderate",
    "initiative_submit",
    "initiative_update",
    "initiative_withdraw",
    "invalidation_preview",
    "milestone_add",
    "paper_batch_record",
    "rules_for",
    "rules_update",
    "signature_add",
    "signature_withdraw",
    "signatures_export_record",
    "signatures_invalidate",
    "threshold_check",
]
