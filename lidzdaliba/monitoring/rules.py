"""Who may see what of monitoring. The public page and the open data are for everyone;
the dashboard (with exports of the same numbers and the reports) is the coordinator's."""

from __future__ import annotations

import rules

from lidzdaliba.institutions.rules import is_coordinator

may_see_dashboard = is_coordinator
may_write_reports = is_coordinator

rules.add_perm("monitoring.view_dashboard", may_see_dashboard)
rules.add_perm("monitoring.view_report", may_see_dashboard)
rules.add_perm("monitoring.change_report", may_write_reports)
