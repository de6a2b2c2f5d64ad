"""Keeping `DistinctMonths` (see models.py) equal to what the `Participant` rows (people and
organisations) and the `GroupParticipation` rows with a key (per affected group, kinds
"g:…"/"o:…", see `group_kind`) imply.

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
from itertools import product

from django.db import connection
from django.db.models import F, Q

from .models import DistinctMonths, FiguresLock, GroupParticipation, Participant

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


def group_kind(affected_group_id: int | None, organisation_kind: str) -> str:
    """The `DistinctMonths.kind` of a `GroupParticipation` group (never a Participant kind)."""
    if organisation_kind:
        return f"o:{organisation_kind}"
    return f"g:{affected_group_id}" if affected_group_id is not None else "g:-"


def _group_q(kind: str) -> Q:
    """The `GroupParticipation` rows of a group kind (see `group_kind`)."""
    prefix, _colon, value = kind.partition(":")
    if prefix == "o":
        return Q(affected_group__isnull=True, organisation_kind=value)
    if value == "-":
        return Q(affected_group__isnull=True, organisation_kind="")
    return Q(affected_group_id=int(value), organisation_kind="")


def _months(by_kind: dict[str, list[int]]) -> Iterable[tuple[str, int, int, str, date]]:
    """(kind, key, institution id, institution kind, month) of every bucket of these keys:
    from `Participant` for people and organisations, from `GroupParticipation` for groups."""
    participant_kinds = set(Participant.Kind.values)
    condition = Q()
    for kind, found in by_kind.items():
        if kind in participant_kinds:
            condition |= Q(kind=kind, key__in=found)
    if condition:
        yield from Participant.objects.filter(condition).values_list(
            "kind", "key", "institution_id", "institution_kind", "month"
        )
    for kind, found in by_kind.items():
        if kind in participant_kinds:
            continue
        rows = GroupParticipation.objects.filter(_group_q(kind), key__in=found).values_list(
            "key", "institution_id", "institution_kind", "month"
        )
        for key, institution_id, institution_kind, month in rows:
            yield kind, key, institution_id, institution_kind, month


def contributions(keys: Iterable[tuple[str, int]], scopes: Scopes) -> Counter[Row]:
    """The histogram rows that these participants (a person or organisation, or a key in a
    group: see `group_kind`) make up, in every scope they are in; `scopes` learns the scopes
    met."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, key in keys:
        by_kind[kind].append(key)
    if not by_kind:
        return Counter()
    months: dict[tuple[str, str, int], set[date]] = defaultdict(set)
    for kind, key, institution_id, institution_kind, month in _months(by_kind):
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


def build_all(*, groups_only: bool = False) -> None:
    """Fill the (emptied) histogram from every `Participant` row and every
    `GroupParticipation` row with a key: per level of scope, the participants' distinct
    months, each with the one before (LAG), counted. `groups_only`: only the groups' rows
    (for the migration that adds them to an existing histogram)."""
    qn = connection.ops.quote_name
    target = qn(DistinctMonths._meta.db_table)
    kind, key, month = qn("kind"), qn("key"), qn("month")
    institution, institution_kind = qn("institution_id"), qn("institution_kind")
    group, organisation_kind = qn("affected_group_id"), qn("organisation_kind")
    # The group as its kind string, as `group_kind` spells it.
    group_kind_sql = (
        f"CASE WHEN {organisation_kind} <> '' THEN 'o:' || {organisation_kind} "
        f"WHEN {group} IS NULL THEN 'g:-' "
        f"ELSE 'g:' || CAST({group} AS VARCHAR(20)) END"
    )
    # Constant identifiers only, as below.
    groups = qn(GroupParticipation._meta.db_table)
    selected = f"{institution}, {institution_kind}, {month}, {group_kind_sql} AS {kind}, {key}"
    sources = [
        qn(Participant._meta.db_table),
        f"(SELECT {selected} FROM {groups} WHERE {key} IS NOT NULL) s",  # noqa: S608
    ]
    if groups_only:
        sources = sources[1:]
    # (scope expression, institution id, institution kind, the columns that split scopes)
    levels = [
        ("'all'", "NULL", "''", []),
        ("'kind:' || " + institution_kind, "NULL", institution_kind, [institution_kind]),
        ("'institution:' || " + institution, institution, "''", [institution]),
    ]
    with connection.cursor() as cursor:
        for source, (scope, institution_value, kind_value, split) in product(sources, levels):
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
