"""Keeping personal data only as long as it is needed.

A retention rule is a callable `rule(now, cutoff) -> int` that removes or anonymises what
is older than it must be kept and returns how many rows it changed. `cutoff` is `now`
minus `RETENTION_MONTHS` (default 6); a rule with a fixed period of its own (unconfirmed
subscriptions: 7 days) uses `now`. Rules must be idempotent: the daily job and
`manage.py apply_retention` run them again and again.

Apps register their rules with `register_rule(name, rule)` (or `@register_rule(name)`),
from their AppConfig.ready(), so core never imports them: notifications registers
"unconfirmed-subscriptions" (`notifications/retention.py`); core's own rules (the delivery
log, failed jobs) are registered below. Initiatives (signers) and meetings (registrants) will
register theirs the same way, e.g. "anonymise the signatures of initiatives closed before the
cutoff".
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from .logging import mask
from .models import EmailDelivery, JobFailure
from .tasks import crontab, periodic_job

logger = logging.getLogger(__name__)

Rule = Callable[[datetime, datetime], int]

DEFAULT_RETENTION_MONTHS = 6
ANONYMOUS_DOMAIN = "@invalid"  # a reserved top-level domain (RFC 2606): never delivered

_rules: dict[str, Rule] = {}


def register_rule(name: str, rule: Rule | None = None):
    """Register `rule` under `name` (again: replaces it). Without `rule`, a decorator."""
    if rule is None:
        return lambda function: register_rule(name, function)
    _rules[name] = rule
    return rule


def registered_rules() -> dict[str, Rule]:
    return dict(_rules)


def retention_months() -> int:
    months = int(getattr(settings, "RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))
    if months < 1:
        raise ImproperlyConfigured("RETENTION_MONTHS must be at least 1.")
    return months


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the month's last day when
    that month is shorter: 31 August minus 6 months is 28 or 29 February)."""
    year, month_index = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month = month_index + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def retention_cutoff(*, now: datetime) -> datetime:
    return months_before(now, retention_months())


def apply_rules(*, now: datetime | None = None, names: list[str] | None = None) -> dict[str, int]:
    """Run the registered rules (or only `names`), each in its own transaction.

    Returns rows changed per rule. A failing rule does not stop the others: each is logged,
    and once all have run a RuntimeError names the failed ones (so the job is recorded as
    failed and retried by the next run).
    """
    now = now or timezone.now()
    cutoff = retention_cutoff(now=now)
    unknown = sorted(set(names or ()) - set(_rules))
    if unknown:
        raise ValueError(f"Unknown retention rules: {', '.join(unknown)}")
    results: dict[str, int] = {}
    failed: list[str] = []
    for name, rule in _rules.items():
        if names and name not in names:
            continue
        try:
            with transaction.atomic():
                results[name] = int(rule(now, cutoff) or 0)
        except Exception:
            logger.exception("Retention rule %s failed", name)
            failed.append(name)
    if failed:
        raise RuntimeError(f"Retention rules failed: {', '.join(failed)}")
    return results


# --- Rules for what exists today ---------------------------------------------------------------


def anonymise_email_deliveries(now: datetime, cutoff: datetime) -> int:
    """The delivery log shows administrators what was sent and whether it arrived; after
    the retention period it keeps that, but not to whom. The address becomes
    `anonymised-<id>@invalid` (unique per row, because one fan-out may not hold the same
    address twice), the per-recipient values (unsubscribe tokens) are emptied and any
    address in the error text is masked."""
    old = EmailDelivery.objects.filter(created_at__lt=cutoff).exclude(to__endswith=ANONYMOUS_DOMAIN)
    with_error = [
        EmailDelivery(pk=pk, error=mask(error))
        for pk, error in old.exclude(error="").values_list("pk", "error")
        if mask(error) != error
    ]
    EmailDelivery.objects.bulk_update(with_error, ["error"], batch_size=1000)
    return old.update(
        to=Concat(
            models.Value("anonymised-"),
            Cast("pk", output_field=models.CharField()),
            models.Value(ANONYMOUS_DOMAIN),
            output_field=models.CharField(),
        ),
        personal={},
    )


def clear_job_failure_arguments(now: datetime, cutoff: datetime) -> int:
    """A failed job's arguments may hold addresses or texts; after the retention period
    only what failed and why is kept."""
    return (
        JobFailure.objects.filter(created_at__lt=cutoff).exclude(arguments="").update(arguments="")
    )


register_rule("email-deliveries", anonymise_email_deliveries)
register_rule("job-failure-arguments", clear_job_failure_arguments)


@periodic_job(crontab(minute="0", hour="3"))
def apply_retention_daily() -> None:
    """Every day at 03:00 UTC, when the site is quiet."""
    results = apply_rules()
    logger.info("Retention rules applied: %s", results)
