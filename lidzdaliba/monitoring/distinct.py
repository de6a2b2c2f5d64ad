"""Keeping `DistinctMonths` (see models.py) equal to what the `Participant` rows imply.

A scope's histogram is a function of the participants' months in that scope: for each
participant, each month they took part in with the one before it. So when a bucket's
participants change, only the participants that entered or left the bucket change rows:
their contribution is computed from all their `Participant` rows before and after, and the
difference applied. The whole table is also built set-based (one window query per level of
scope) for the full rebuild. Both run under `lock()`, inside the caller's transaction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import connection
from django.db.models import F, Q

from .models import DistinctMonths, FiguresLock, Participant

# (scope, participant kind, month, previous month or None)
Row = tuple[str, str, date, date | None]
# scope → (institution id or None, institution kind or "")
Scopes = dict[str, tuple[int | None, str]]

ALL = "all"


def lock() -> None:
    """Serialise every writer of the figures until the transaction ends (see FiguresLock)."""
    if not FiguresLock.objects.filter(pk=1).update(taken=F("taken") + 1):
        FiguresLock.objects.get_or_create(pk=1)
        FiguresLock.objects.filter(pk=1).update(taken=F("taken") + 1)


def kind_scope(institution_kind: str) -> str:
    return f"kind:{institution_kind}"


def institution_scope(institution_id: int) -> str:
    return f"institution:{institution_id}"


def contributions(keys: Iterable[tuple[str, int]], scopes: Scopes) -> Counter[Row]:
    """The histogram rows that these participants make up, in every scope they are in;
    `scopes` learns the scopes met."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, key in keys:
        by_kind[kind].append(key)
    if not by_kind:
        return Counter()
    condition = Q()
    for kind, found in by_kind.items():
        condition |= Q(kind=kind, key__in=found)
    months: dict[tuple[str, str, int], set[date]] = defaultdict(set)
    rows = Participant.objects.filter(condition).values_list(
        "kind", "key", "institution_id", "institution_kind", "month"
    )
    for kind, key, institution_id, institution_kind, month in rows:
        for scope, meta in (
            (ALL, (None, "")),
            (kind_scope(institution_kind), (None, institution_kind)),
            (institution_scope(institution_id), (institution_id, "")),
        ):
            scopes.setdefault(scope, meta)
            months[(scope, kind, key)].add(month)
    found: Counter[Row] = Counter()
    for (scope, kind, _key), taken in months.items():
        previous = None
        for month in sorted(taken):
            found[(scope, kind, month, previous)] += 1
            previous = month
    return found


def apply(before: Counter[Row], after: Counter[Row], scopes: Scopes) -> None:
    """Add `after - before` (per row, negative allowed) to the stored histogram."""
    delta = {row: after[row] - before[row] for row in before.keys() | after.keys()}
    delta = {row: n for row, n in delta.items() if n}
    if not delta:
        return
    stored = {
        (r.scope, r.kind, r.month, r.previous): r
        for r in DistinctMonths.objects.filter(
            scope__in={row[0] for row in delta}, month__in={row[2] for row in delta}
        )
    }
    changed, gone, new = [], [], []
    for row, n in delta.items():
        current = stored.get(row)
        if current is None:
            if n < 0:
                raise ValueError(f"distinct-month histogram below zero at {row}")
            institution_id, institution_kind = scopes[row[0]]
            new.append(
                DistinctMonths(
                    scope=row[0],
                    institution_id=institution_id,
                    institution_kind=institution_kind,
                    kind=row[1],
                    month=row[2],
                    previous=row[3],
                    count=n,
                )
            )
        elif current.count + n == 0:
            gone.append(current.pk)
        elif current.count + n < 0:
            raise ValueError(f"distinct-month histogram below zero at {row}")
        else:
            current.count += n
            changed.append(current)
    DistinctMonths.objects.filter(pk__in=gone).delete()
    DistinctMonths.objects.bulk_update(changed, ["count"])
    DistinctMonths.objects.bulk_create(new)


def build_all() -> None:
    """Fill the (emptied) histogram from every `Participant` row: per level of scope, the
    participants' distinct months, each with the one before (LAG), counted."""
    qn = connection.ops.quote_name
    target = qn(DistinctMonths._meta.db_table)
    source = qn(Participant._meta.db_table)
    kind, key, month = qn("kind"), qn("key"), qn("month")
    institution, institution_kind = qn("institution_id"), qn("institution_kind")
    # (scope expression, institution id, institution kind, the columns that split scopes)
    levels = [
        ("'all'", "NULL", "''", []),
        ("'kind:' || " + institution_kind, "NULL", institution_kind, [institution_kind]),
        ("'institution:' || " + institution, institution, "''", [institution]),
    ]
    with connection.cursor() as cursor:
        for scope, institution_value, kind_value, split in levels:
            columns = ", ".join([*split, kind, key, month])
            partition = ", ".join([*split, kind, key])
            outer = ", ".join([*split, kind, month, "previous"])
            # Constant identifiers only; no values are interpolated.
            cursor.execute(
                f"""
                INSERT INTO {target} ({qn("scope")}, {institution}, {institution_kind},
                                      {kind}, {month}, {qn("previous")}, {qn("count")})
                SELECT {scope}, {institution_value}, {kind_value}, {kind}, {month}, previous,
                       COUNT(*)
                FROM (
                    SELECT {columns},
                           LAG({month}) OVER (PARTITION BY {partition} ORDER BY {month})
                               AS previous
                    FROM (SELECT DISTINCT {columns} FROM {source}) d
                ) w
                GROUP BY {outer}
                """  # noqa: S608
            )
