"""Who may report, read the queue and appoint moderators. Hiding and restoring an opinion is
consultations' rule (`consultations.moderate_opinions`), asked here, never restated.

- report: anyone signed in, of an opinion whose text is shown (object: an Opinion);
- the queue: the officers of any institution (their institution's opinions), moderators
  (every opinion) and the coordinator (reads every opinion, acts on none);
- moderators: appointed and removed by the coordinator only (DESIGN.md "Roles").
"""

from __future__ import annotations

import rules

from lidzdaliba.institutions.rules import is_any_officer, is_coordinator, is_moderator


@rules.predicate
def opinion_is_shown(user, opinion) -> bool:
    return opinion is not None and not opinion.is_hidden


rules.add_perm("moderation.report_opinion", rules.is_authenticated & opinion_is_shown)
rules.add_perm("moderation.view_queue", is_any_officer | is_moderator | is_coordinator)
rules.add_perm("moderation.appoint_moderators", is_coordinator)
