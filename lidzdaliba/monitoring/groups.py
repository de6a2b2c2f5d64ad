"""Opinions, and the distinct people and organisations who gave them, by affected group.

A person's opinion counts in each affected group they declared with it (a snapshot taken
when it was given, so a later change of the profile changes no figure), or as "not
declared"; an organisation's opinion counts under the organisation's kind. An opinion
declared for several groups counts in each, so the groups do not add up to the total.

Kept exact like the other figures: `groups_rebuild` rewrites a bucket's
`GroupParticipation` rows (and their sums, `GroupOpinions`) from the raw opinions whenever
`services.bucket_refresh` rebuilds the bucket, and keeps the by-group distinct-month
histograms (`DistinctMonths` with a group as kind, see distinct.py) for the keys that
entered or left a group. A single-scope selection (everything, a kind, one institution; any
months) reads only those small tables; several institutions count COUNT(DISTINCT key) over
the `GroupParticipation` rows.
`group_figures(direct=True)` computes the same from the raw rows (the baseline the tests
hold the precomputed rows to).

Declared groups are personal data of special care: only counts leave this module, and
`suppressed` hides any group of people with fewer than `MIN_PEOPLE` of them in public.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import Count, DateField, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from lidzdaliba.accounts.models import Organisation
from lidzdaliba.consultations.models import Opinion
from lidzdaliba.institutions.models import AffectedGroup, Institution

from . import distinct
from .models import DistinctMonths, GroupOpinions, GroupParticipation, Participant
from .selectors import IndicatorFilters, PrecomputedCollector

# A group of fewer people than this is not shown in public (the figures could point at a
# person and at what they declared, e.g. a disability).
MIN_PEOPLE = 5

AFFECTED_GROUP = "affected_group"
ORGANISATION_KIND = "organisation_kind"
NOT_DECLARED = "not_declared"

# (affected group id or None, organisation kind or "") → (opinions, distinct participants)
Counts = dict[tuple[int | None, str], tuple[int, int]]


@dataclass(frozen=True)
class GroupFigures:
    """One row of the table: `participants` are distinct people (affected groups, not
    declared) or organisations (organisation kinds). `hidden`: withheld in public (fewer
    than MIN_PEOPLE people); its numbers are then None."""

    kind: str
    code: str
    label: str
    opinions: int | None
    participants: int | None
    hidden: bool = False

    @property
    def counts_people(self) -> bool:
        return self.kind != ORGANISATION_KIND


def groups_rebuild(
    *, institution_id: int, institution_kind: str, month: date, opinions: QuerySet[Opinion]
) -> None:
    """Rewrite the bucket's rows from `opinions` (the bucket's live opinions), and the
    by-group distinct-month histograms of the keys that entered or left one of its groups
    (all of them if the institution changed kind), as `services.bucket_refresh` does for
    people and organisations. Runs inside its transaction, under its lock (`distinct.lock`)."""
    counts = _bucket_counts(opinions)
    bucket = GroupParticipation.objects.filter(institution_id=institution_id, month=month)
    old = {
        (distinct.group_kind(group_id, kind), key)
        for group_id, kind, key in bucket.filter(key__isnull=False).values_list(
            "affected_group_id", "organisation_kind", "key"
        )
    }
    new = {
        (distinct.group_kind(group_id, kind), key)
        for group_id, kind, key in counts
        if key is not None
    }
    stale_kind = bucket.exclude(institution_kind=institution_kind).exists()
    moved = old | new if stale_kind else old ^ new
    scopes: distinct.Scopes = {}
    before = distinct.contributions(moved, scopes)
    bucket.delete()
    GroupOpinions.objects.filter(institution_id=institution_id, month=month).delete()
    common = {
        "institution_id": institution_id,
        "institution_kind": institution_kind,
        "month": month,
    }
    GroupParticipation.objects.bulk_create(
        GroupParticipation(
            affected_group_id=group_id, organisation_kind=kind, key=key, opinions=n, **common
        )
        for (group_id, kind, key), n in counts.items()
    )
    summed: Counter[tuple[int | None, str]] = Counter()
    for (group_id, kind, _key), n in counts.items():
        summed[(group_id, kind)] += n
    GroupOpinions.objects.bulk_create(
        GroupOpinions(affected_group_id=group_id, organisation_kind=kind, opinions=n, **common)
        for (group_id, kind), n in summed.items()
    )
    distinct.apply(before, distinct.contributions(moved, scopes), scopes)


def _bucket_counts(opinions: QuerySet[Opinion]) -> Counter[tuple[int | None, str, int | None]]:
    """(affected group id, organisation kind, key) → opinions, for one bucket's opinions."""
    people = opinions.filter(organisation__isnull=True)
    declared: dict[int, list[int]] = defaultdict(list)
    for opinion_id, group_id in Opinion.declared_groups.through.objects.filter(
        opinion__in=people.values("pk")
    ).values_list("opinion_id", "affectedgroup_id"):
        declared[opinion_id].append(group_id)
    counts: Counter[tuple[int | None, str, int | None]] = Counter()
    for opinion_id, author_id in people.values_list("pk", "author_id"):
        for group_id in declared.get(opinion_id) or [None]:
            counts[(group_id, "", author_id)] += 1
    for organisation_id, kind in opinions.filter(organisation__isnull=False).values_list(
        "organisation_id", "organisation__kind"
    ):
        counts[(None, _organisation_kind(kind), organisation_id)] += 1
    return counts


def groups_rebuild_all(live: QuerySet[Opinion]) -> None:
    """Every bucket's rows at once from `live` (every live opinion of a published
    consultation), for `services.figures_rebuild_all`: three grouped queries instead of a
    rebuild per bucket; the same rows `groups_rebuild` writes bucket by bucket (a test holds
    the two equal). The by-group distinct-month histograms are built after it
    (`distinct.build_all`)."""
    GroupParticipation.objects.all().delete()
    bucket = {
        "institution_id": F("consultation__institution_id"),
        "institution_kind": F("consultation__institution__kind"),
        "month": TruncMonth("consultation__opens_at", output_field=DateField()),
    }
    people = live.filter(organisation__isnull=True)
    declared = (
        Opinion.declared_groups.through.objects.filter(opinion__in=people.values("pk"))
        .annotate(
            institution_id=F("opinion__consultation__institution_id"),
            institution_kind=F("opinion__consultation__institution__kind"),
            month=TruncMonth("opinion__consultation__opens_at", output_field=DateField()),
            key=F("opinion__author_id"),
        )
        .values("institution_id", "institution_kind", "month", "affectedgroup_id", "key")
        .annotate(n=Count("id"))
        .order_by()
    )
    undeclared = (
        people.filter(declared_groups__isnull=True)
        .annotate(**bucket, key=F("author_id"))
        .values("institution_id", "institution_kind", "month", "key")
        .annotate(n=Count("id"))
        .order_by()
    )
    organisations = (
        live.filter(organisation__isnull=False)
        .annotate(**bucket, key=F("organisation_id"), org_kind=F("organisation__kind"))
        .values("institution_id", "institution_kind", "month", "key", "org_kind")
        .annotate(n=Count("id"))
        .order_by()
    )

    def rows():
        for row in declared.iterator(chunk_size=5000):
            yield _row(row, group_id=row["affectedgroup_id"], kind="")
        for row in undeclared.iterator(chunk_size=5000):
            yield _row(row, group_id=None, kind="")
        for row in organisations.iterator(chunk_size=5000):
            yield _row(row, group_id=None, kind=_organisation_kind(row["org_kind"]))

    GroupParticipation.objects.bulk_create(rows(), batch_size=5000)
    GroupOpinions.objects.all().delete()
    GroupOpinions.objects.bulk_create(
        (
            GroupOpinions(**row)
            for row in GroupParticipation.objects.values(
                "institution_id",
                "institution_kind",
                "month",
                "affected_group_id",
                "organisation_kind",
            )
            .annotate(opinions=Sum("opinions"))
            .order_by()
            .iterator(chunk_size=5000)
        ),
        batch_size=5000,
    )


def _row(row: dict, *, group_id: int | None, kind: str) -> GroupParticipation:
    return GroupParticipation(
        institution_id=row["institution_id"],
        institution_kind=row["institution_kind"],
        month=row["month"],
        affected_group_id=group_id,
        organisation_kind=kind,
        key=row["key"],
        opinions=row["n"],
    )


def _organisation_kind(kind: str) -> str:
    """An organisation row is told from a "not declared" one by its kind, so it is never
    empty (a row written without one counts as "other")."""
    return kind or Organisation.Kind.OTHER


def _precomputed(filters: IndicatorFilters) -> Counts:
    """Opinions summed from `GroupOpinions`; distinct participants from the by-group
    distinct-month histograms (`DistinctMonths`) when the selection is one scope
    (everything, a kind or one institution, any range of months): both read a few rows per
    institution, month and group. Several institutions are no scope: their distinct counts
    are COUNT(DISTINCT key) over the `GroupParticipation` rows (`_counted`)."""
    collector = PrecomputedCollector(filters, timezone.now())
    ids: set[int] | None = None
    if filters.institution_ids is not None:
        ids = set(filters.institution_ids)
        if filters.kind:
            ids &= set(
                Institution.objects.filter(pk__in=ids, kind=filters.kind).values_list(
                    "pk", flat=True
                )
            )
        if len(ids) > 1:
            return _counted(collector)
    opinions = (
        collector._narrow(GroupOpinions.objects.all())
        .values("affected_group_id", "organisation_kind")
        .annotate(n=Sum("opinions"))
        .order_by()
    )
    rows = DistinctMonths.objects.exclude(kind__in=Participant.Kind.values)
    if ids is not None:
        rows = rows.filter(institution_id__in=ids)
    elif filters.kind:
        rows = rows.filter(institution__isnull=True, institution_kind=filters.kind)
    else:
        rows = rows.filter(scope=distinct.ALL)
    first = filters.start.replace(day=1) if filters.start else None
    first_in_range = Q(previous__isnull=True)  # each participant once (see the model)
    if first:
        rows = rows.filter(month__gte=first)
        first_in_range |= Q(previous__lt=first)
    if filters.end:
        rows = rows.filter(month__lte=filters.end.replace(day=1))
    participants = dict(
        rows.filter(first_in_range).values("kind").annotate(n=Sum("count")).values_list("kind", "n")
    )
    return {
        (row["affected_group_id"], row["organisation_kind"]): (
            row["n"],
            participants.get(
                distinct.group_kind(row["affected_group_id"], row["organisation_kind"]), 0
            ),
        )
        for row in opinions
    }


def _counted(collector: PrecomputedCollector) -> Counts:
    """Over several institutions: COUNT(DISTINCT key) over their `GroupParticipation` rows
    (one row per person, group and bucket: costs about what the direct count costs)."""
    rows = (
        collector._narrow(GroupParticipation.objects.all())
        .values("affected_group_id", "organisation_kind")
        .annotate(opinions=Sum("opinions"), participants=Count("key", distinct=True))
        .order_by()
    )
    return {
        (row["affected_group_id"], row["organisation_kind"]): (
            row["opinions"],
            row["participants"],
        )
        for row in rows
    }


def _direct(filters: IndicatorFilters) -> Counts:
    """From the raw rows: one aggregate query per kind of group."""
    from .direct import DirectCollector

    live = DirectCollector(filters, timezone.now())._opinions()
    people = live.filter(organisation__isnull=True)
    found: Counts = {}
    for row in (
        Opinion.declared_groups.through.objects.filter(opinion__in=people.values("pk"))
        .values("affectedgroup_id")
        .annotate(
            opinions=Count("opinion_id"), participants=Count("opinion__author", distinct=True)
        )
        .order_by()
    ):
        found[(row["affectedgroup_id"], "")] = (row["opinions"], row["participants"])
    undeclared = people.filter(declared_groups__isnull=True).aggregate(
        opinions=Count("id"), participants=Count("author", distinct=True)
    )
    if undeclared["opinions"]:
        found[(None, "")] = (undeclared["opinions"], undeclared["participants"])
    for row in (
        live.filter(organisation__isnull=False)
        .values("organisation__kind")
        .annotate(opinions=Count("id"), participants=Count("organisation", distinct=True))
        .order_by()
    ):
        # An organisation has one kind, so two kinds' distinct counts add up.
        key = (None, _organisation_kind(row["organisation__kind"]))
        opinions, participants = found.get(key, (0, 0))
        found[key] = (opinions + row["opinions"], participants + row["participants"])
    return found


def group_figures(*, filters: IndicatorFilters, direct: bool = False) -> list[GroupFigures]:
    """The table for a selection: each affected group with opinions (in the groups' own
    order), then "not declared", then each kind of organisation."""
    counts = _direct(filters) if direct else _precomputed(filters)
    rows: list[GroupFigures] = []
    groups = AffectedGroup.objects.in_bulk([g for g, _kind in counts if g is not None])
    for group in sorted(groups.values(), key=lambda g: (g.position, g.name)):
        opinions, participants = counts[(group.pk, "")]
        rows.append(
            GroupFigures(AFFECTED_GROUP, group.slug, group.display_name, opinions, participants)
        )
    if (None, "") in counts:
        opinions, participants = counts[(None, "")]
        rows.append(
            GroupFigures(NOT_DECLARED, NOT_DECLARED, _("Not declared"), opinions, participants)
        )
    for kind, label in Organisation.Kind.choices:
        if (None, kind) in counts:
            opinions, participants = counts[(None, kind)]
            rows.append(GroupFigures(ORGANISATION_KIND, kind, str(label), opinions, participants))
    return rows


def suppressed(rows: list[GroupFigures]) -> list[GroupFigures]:
    """The rows for the public: a group of fewer than MIN_PEOPLE people keeps its name but
    not its numbers (organisations are not people: their rows stay whole)."""
    return [
        replace(row, opinions=None, participants=None, hidden=True)
        if row.counts_people and (row.participants or 0) < MIN_PEOPLE
        else row
        for row in rows
    ]


def as_dicts(rows: list[GroupFigures]) -> list[dict[str, Any]]:
    """For the API and the tests."""
    return [
        {
            "kind": row.kind,
            "group": row.code,
            "name": row.label,
            "opinions": row.opinions,
            "people": row.participants if row.counts_people else None,
            "organisations": None if row.counts_people else row.participants,
            "hidden": row.hidden,
        }
        for row in rows
    ]
