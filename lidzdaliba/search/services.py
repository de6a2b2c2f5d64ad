"""Writes to the search index. Called by jobs (`tasks.py`) and the rebuild command.

The rule of visibility lives here and only here: an entry exists exactly when everybody may
read the thing it points to.
- a consultation, once published (`Consultation.is_published`), with its summary, problem, goal and
  decision;
- the clauses (not headings) of its current draft version; earlier versions drop out;
- every opinion on it: text, proposed wording, the organisation, and the person's name only
  when they agreed to show it; none for an opinion whose text is hidden by moderation;
- answers, only once the consultation's feedback is published;
- a published initiative (title, problem, solution and its answer), never a draft.
Drafts and unpublished answers are never written, so search needs no per-user filtering.

Every function recomputes what should be indexed from the database and converges the index
to it (create, update, delete), so running one twice, or out of order, is harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse

from lidzdaliba.consultations.models import (
    Clause,
    Consultation,
    DocumentVersion,
    Opinion,
    published_q,
)
from lidzdaliba.initiatives.models import Initiative

from . import facets
from .backends import backend_for
from .models import Kind, SearchEntry
from .text import index_text

logger = logging.getLogger(__name__)

CONSULTATION_KINDS = (Kind.CONSULTATION, Kind.CLAUSE, Kind.OPINION, Kind.ANSWER)
SYNCED_FIELDS = (
    "consultation_id",
    "institution_id",
    "facets",
    "title",
    "body",
    "title_tokens",
    "tokens",
    "url",
)
REBUILD_BATCH = 100


@dataclass(frozen=True)
class EntryData:
    """What one entry should contain, computed from the domain objects."""

    consultation_id: int | None
    institution_id: int
    facets: str
    title: str
    body: str
    title_tokens: str
    tokens: str
    url: str


def _entry(
    consultation: Consultation,
    kind: str,
    *,
    title: str,
    body: str,
    url: str,
    weight_title: bool = True,
) -> EntryData:
    return EntryData(
        consultation_id=consultation.pk,
        institution_id=consultation.institution_id,
        facets=" ".join(
            [facets.token(facets.KIND, kind), *consultation.search_facets]  # type: ignore[attr-defined]
        ),
        title=title[:500],
        body=body,
        title_tokens=index_text(title) if weight_title else "",
        tokens=index_text(body),
        url=url,
    )


def _with_facets(consultations: Iterable[Consultation]) -> list[Consultation]:
    """Attach `search_facets` to each consultation (two queries for the whole batch)."""
    consultations = list(consultations)
    ids = [c.pk for c in consultations]
    groups: dict[int, list[int]] = {pk: [] for pk in ids}
    for consultation_id, group_id in Consultation.affected_groups.through.objects.filter(
        consultation_id__in=ids
    ).values_list("consultation_id", "affectedgroup_id"):
        groups[consultation_id].append(group_id)
    parents = dict(
        Consultation.objects.filter(pk__in=ids).values_list("pk", "territory__parent_id")
    )
    for consultation in consultations:
        # Not a field: attached to the instances of this batch for `_entry`.
        consultation.search_facets = facets.consultation_facets(  # type: ignore[attr-defined]
            consultation,
            group_ids=groups[consultation.pk],
            territory_parent_id=parents.get(consultation.pk),
        )
    return consultations


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def public_submitter_name(opinion: Opinion) -> str:
    """The organisation always (it acts in public), the person only with their consent."""
    person = opinion.author.display_name if (opinion.author and opinion.show_name) else ""
    organisation = opinion.organisation  # no query when there is none
    if organisation is not None:
        return f"{organisation.name} ({person})" if person else organisation.name
    return person


def _consultation_entries(consultations: list[Consultation]) -> Iterator[tuple[tuple, EntryData]]:
    """Every entry a batch of public consultations should have, in a fixed number of queries."""
    by_id = {c.pk: c for c in consultations}
    current: dict[int, int] = {}  # consultation id → id of its latest version
    for version_id, consultation_id in (
        DocumentVersion.objects.filter(consultation_id__in=by_id)
        .order_by("consultation_id", "number")
        .values_list("id", "consultation_id")
    ):
        current[consultation_id] = version_id
    for consultation in consultations:
        url = reverse("consultations:detail", args=[consultation.pk])
        body = _paragraphs(
            consultation.summary,
            consultation.problem,
            consultation.goal,
            consultation.decision_summary,
        )
        yield (
            (Kind.CONSULTATION, consultation.pk),
            _entry(consultation, Kind.CONSULTATION, title=consultation.title, body=body, url=url),
        )
    clauses = Clause.objects.filter(version_id__in=current.values(), is_heading=False).values_list(
        "id", "version__consultation_id", "number", "text"
    )
    for clause_id, consultation_id, number, text in clauses.order_by("version_id", "position"):
        clause = Clause(number=number, text=text)  # for its `label` ("2.1.", «opening words»)
        consultation = by_id[consultation_id]
        url = reverse("consultations:detail", args=[consultation_id]) + f"#clause-{clause_id}"
        yield (
            (Kind.CLAUSE, clause_id),
            _entry(
                consultation,
                Kind.CLAUSE,
                title=clause.label,
                body=text,
                url=url,
                weight_title=False,
            ),
        )
    opinions = (
        Opinion.objects.filter(consultation_id__in=by_id)
        .select_related("author", "organisation", "answer")
        .order_by("id")
    )
    for opinion in opinions:
        consultation = by_id[opinion.consultation_id]
        yield from _opinion_entries(consultation, opinion)


def _opinion_entries(
    consultation: Consultation, opinion: Opinion
) -> Iterator[tuple[tuple, EntryData]]:
    if opinion.withdrawn_at is not None:
        return  # its text left the public pages, so it leaves the index too
    url = reverse("consultations:opinion", args=[opinion.pk])
    if not opinion.is_hidden:  # hidden words are no one's to find (services/moderation.py)
        body = _paragraphs(public_submitter_name(opinion), opinion.text, opinion.proposed_wording)
        yield (
            (Kind.OPINION, opinion.pk),
            _entry(consultation, Kind.OPINION, title=opinion.reference, body=body, url=url),
        )
    answer = opinion.answer_or_none
    if answer is not None and consultation.feedback_published_at is not None:
        body = _paragraphs(answer.reason, answer.new_wording)
        yield (
            (Kind.ANSWER, answer.pk),
            _entry(consultation, Kind.ANSWER, title=opinion.reference, body=body, url=url),
        )


def _sync(existing: Iterable[SearchEntry], desired: dict[tuple, EntryData]) -> int:
    """Converge `existing` (the entries in scope) to `desired`; returns rows written."""
    changed: list[SearchEntry] = []
    stale: list[int] = []
    for entry in existing:
        key = (entry.kind, entry.object_id)
        data = desired.pop(key, None)
        if data is None:
            stale.append(entry.pk)
        elif tuple(getattr(entry, name) for name in SYNCED_FIELDS) != astuple(data):
            changed.append(SearchEntry(kind=entry.kind, object_id=entry.object_id, **data.__dict__))
    changed.extend(
        SearchEntry(kind=kind, object_id=object_id, **data.__dict__)
        for (kind, object_id), data in desired.items()
    )
    if stale:
        SearchEntry.objects.filter(pk__in=stale).delete()
    if changed:
        # An upsert, so two jobs indexing the same thing at once cannot collide.
        SearchEntry.objects.bulk_create(
            changed,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=[*SYNCED_FIELDS, "updated_at"],
        )
    return len(changed) + len(stale)


def _index_consultations(consultation_ids: list[int]) -> int:
    with transaction.atomic():
        # Lock the consultations (PostgreSQL; SQLite writes are serialised anyway) so two jobs
        # for one consultation run one after the other, each reading the latest state.
        consultations = _with_facets(
            Consultation.objects.select_for_update()
            .published()
            .filter(pk__in=consultation_ids)
            .order_by("pk")
        )
        desired = dict(_consultation_entries(consultations))
        existing = SearchEntry.objects.filter(
            consultation_id__in=consultation_ids, kind__in=CONSULTATION_KINDS
        ).only("id", "kind", "object_id", *[name.removesuffix("_id") for name in SYNCED_FIELDS])
        return _sync(existing, desired)


def index_consultation(*, consultation_id: int) -> int:
    """Re-index a consultation with its clauses, opinions and answers: after it is published,
    changed, gets a version, publishes feedback or is decided. A draft (or a consultation
    that no longer exists) loses all its entries. Returns the number of entries written."""
    return _index_consultations([consultation_id])


def index_opinion(*, opinion_id: int) -> int:
    """Re-index one opinion and its answer (submitted, answered, answer changed): cheaper than
    the whole consultation, which matters when a consultation has thousands of opinions."""
    with transaction.atomic():
        opinion = (
            Opinion.objects.select_related("author", "organisation", "answer")
            .filter(pk=opinion_id)
            .first()
        )
        scope = Q(kind=Kind.OPINION, object_id=opinion_id)
        desired: dict[tuple, EntryData] = {}
        if opinion is not None:
            answer = opinion.answer_or_none
            if answer is not None:
                scope |= Q(kind=Kind.ANSWER, object_id=answer.pk)
            consultation = (
                Consultation.objects.select_for_update()
                .published()
                .filter(pk=opinion.consultation_id)
                .first()
            )
            if consultation is not None:
                (consultation,) = _with_facets([consultation])
                desired = dict(_opinion_entries(consultation, opinion))
        return _sync(SearchEntry.objects.filter(scope), desired)


def _initiative_entry(initiative: Initiative) -> EntryData:
    """A published initiative: its title, problem, solution and the answer once given.
    Facets as a consultation's where they mean the same (institution, policy area,
    territory and its parent), so the list filters narrow initiatives too."""
    terms = [
        facets.token(facets.KIND, Kind.INITIATIVE),
        facets.token(facets.INSTITUTION, initiative.institution_id),
        facets.token(facets.TOPIC, initiative.topic_id),
        facets.token(facets.TERRITORY, initiative.territory_id),
    ]
    if initiative.territory.parent_id is not None:
        terms.append(facets.token(facets.TERRITORY, initiative.territory.parent_id))
    answer = getattr(initiative, "answer", None)
    body = _paragraphs(
        initiative.problem, initiative.solution, answer.reason if answer is not None else ""
    )
    return EntryData(
        consultation_id=None,
        institution_id=initiative.institution_id,
        facets=" ".join(terms),
        title=initiative.title[:500],
        body=body,
        title_tokens=index_text(initiative.title),
        tokens=index_text(body),
        url=reverse("initiatives:detail", args=[initiative.pk]),
    )


def index_initiative(*, initiative_id: int) -> int:
    """Re-index one initiative (published, changed, answered); an unpublished one, or one
    that no longer exists, loses its entry."""
    with transaction.atomic():
        initiative = (
            Initiative.objects.published()
            .select_related("territory", "answer")
            .filter(pk=initiative_id)
            .first()
        )
        desired = (
            {(Kind.INITIATIVE, initiative.pk): _initiative_entry(initiative)}
            if initiative is not None
            else {}
        )
        existing = SearchEntry.objects.filter(kind=Kind.INITIATIVE, object_id=initiative_id)
        return _sync(existing, desired)


def _rebuild_initiatives() -> int:
    published = Initiative.objects.published()
    SearchEntry.objects.filter(kind=Kind.INITIATIVE).exclude(
        object_id__in=published.values("pk")
    ).delete()
    written = 0
    for initiative_id in published.order_by("pk").values_list("pk", flat=True):
        written += index_initiative(initiative_id=initiative_id)
    return written


def rebuild_index(*, batch_size: int = REBUILD_BATCH) -> int:
    """Recompute the whole index (after a deployment, a restore, or a change of the
    normalisation) without emptying it first, so search keeps working meanwhile. Batches
    keep memory and transactions small. Returns the number of entries afterwards."""
    backend = backend_for(connection)
    repair = not backend.installed(connection)
    if repair:
        backend.install(connection)
    # Entries whose consultation is gone or not public (any kind this module owns).
    SearchEntry.objects.filter(kind__in=CONSULTATION_KINDS).exclude(
        published_q("consultation__")
    ).delete()
    ids = list(Consultation.objects.published().order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), batch_size):
        written += _index_consultations(ids[start : start + batch_size])
    written += _rebuild_initiatives()
    backend.refresh(connection, repair=repair)
    total = SearchEntry.objects.count()
    logger.info("Search index rebuilt: %s entries, %s written.", total, written)
    return total
