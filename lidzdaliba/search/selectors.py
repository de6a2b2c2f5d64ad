"""Search reads: ranked, filtered, paginated hits with highlighted snippets.

A search costs at most four queries whatever the size of the index: the consultations in a
time-derived status (only with such a status filter; every other filter is a facet term, see
`facets.py`), the newest matches with their rank (which also counts them), the title
matches (only when the newest do not hold every match), and the entries of the page.
Snippets are computed only for that page. The work per query is bounded too: at most
MAX_RESULTS are counted and paged, and ranking looks at the title matches plus the newest
RANK_WINDOW matches.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from lidzdaliba.consultations.models import Consultation, Status
from lidzdaliba.consultations.selectors import ConsultationFilters, filtered, status_q
from lidzdaliba.institutions.models import Institution

from . import facets
from .backends import Restriction, backend_for
from .highlight import highlight, snippet
from .models import Kind, SearchEntry
from .text import ParsedQuery, parse_query

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Counting every match of a very common word costs as much as ranking them all; beyond this
# many, the count says "at least" and pages stop (nobody reads page 500 of a search).
MAX_RESULTS = 1000
MAX_PAGE_SIZE = 100
# Ranked: every title match plus the newest this many matches (see backends.py): as many as
# can be paged through, so whenever all matches can be shown the ranking is exact. Ranking
# every one of 60,000 matches of a common word would cost more than the rest of a search.
RANK_WINDOW = MAX_RESULTS + 1


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: int
    title: str
    title_html: SafeString
    snippet: SafeString
    url: str
    consultation_id: int | None
    consultation_title: str
    institution: Institution
    score: float

    @property
    def kind_label(self) -> StrPromise:
        return Kind(self.kind).label


@dataclass(frozen=True)
class SearchResults:
    query: str
    page: int
    page_size: int
    count: int = 0
    hits: list[SearchHit] = field(default_factory=list)
    # True when there are more matches than `count` (MAX_RESULTS) says.
    more: bool = False

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))


def filtered_consultations(
    filters: ConsultationFilters, *, now: datetime | None = None
) -> QuerySet[Consultation]:
    """Public consultations matching the list filters (not `q`: the query is ours), without
    the opinion counts of the list. Used only for the time-derived statuses, where it
    selects few consultations (see `_restriction`)."""
    published = Consultation.objects.published()
    return filtered(published, filters, now or timezone.now()).order_by()


def _ids(consultations: QuerySet[Consultation]) -> tuple[str, ...]:
    return tuple(
        facets.token(facets.CONSULTATION, pk) for pk in consultations.values_list("pk", flat=True)
    )


def _restriction(filters: ConsultationFilters, kinds: Sequence[str]) -> Restriction | None:
    """The list filters as facet terms (see `facets.py`); None when they select nothing."""
    required: list[tuple[str, ...]] = []
    if kinds:
        required.append(tuple(facets.token(facets.KIND, Kind(k).value) for k in sorted(set(kinds))))
    for facet, value in (
        (facets.INSTITUTION, filters.institution and filters.institution.pk),
        (facets.TOPIC, filters.topic and filters.topic.pk),
        (facets.TERRITORY, filters.territory and filters.territory.pk),
        (facets.GROUP, filters.group and filters.group.pk),
        (facets.STAGE, filters.stage),
        (facets.FORM, filters.form),
    ):
        if value:
            required.append((facets.token(facet, value),))
    excluded: tuple[str, ...] = ()
    consultations = None
    if filters.status in (Status.ANSWERED, Status.DECIDED):
        required.append((facets.token(facets.LIFECYCLE, Status(filters.status).value),))
    elif filters.status in (Status.ANNOUNCED, Status.OPEN):
        # By the clock: the consultations in that status now (few: those being consulted).
        ids = filtered_consultations(filters).values_list("pk", flat=True)
        consultations = tuple(ids)
        if not consultations:
            return None
    elif filters.status == Status.CLOSED:
        # Live (not answered or decided) and not announced or open now.
        required.append((facets.token(facets.LIFECYCLE, facets.LIVE),))
        now = timezone.now()
        not_closed = filtered_consultations(replace(filters, status=None), now=now).filter(
            status_q(Status.ANNOUNCED, now) | status_q(Status.OPEN, now)
        )
        excluded = _ids(not_closed)
    elif filters.status:
        return None  # a draft is never in the index
    return Restriction(required=tuple(required), excluded=excluded, consultations=consultations)


def _ranked(backend, parsed: ParsedQuery, restriction: Restriction) -> list[tuple[int, float]]:
    """(entry id, score), best first: the newest RANK_WINDOW matches, and — when there are
    more matches than that — every title match too, so the best matches of a common word
    are not only the recent ones. Ties go to the newer entry."""
    scores = dict(backend.newest(connection, parsed, restriction, window=RANK_WINDOW))
    if len(scores) >= RANK_WINDOW:
        for pk, score in backend.title_matches(connection, parsed, restriction):
            scores[pk] = max(score, scores.get(pk, score))
    return sorted(scores.items(), key=lambda item: (-item[1], -item[0]))


def _hits(ranked: list[tuple[int, float]], parsed: ParsedQuery) -> list[SearchHit]:
    entries = SearchEntry.objects.select_related("consultation", "institution").in_bulk(
        [pk for pk, _score in ranked]
    )
    hits = []
    for pk, score in ranked:
        entry = entries.get(pk)
        if entry is None:  # deleted between the two queries
            continue
        hits.append(
            SearchHit(
                kind=entry.kind,
                id=entry.object_id,
                title=entry.title,
                title_html=highlight(entry.title, parsed),
                snippet=snippet(entry.body, parsed),
                url=entry.url,
                consultation_id=entry.consultation_id,
                consultation_title=entry.consultation.title if entry.consultation else "",
                institution=entry.institution,
                score=score,
            )
        )
    return hits


def search(
    *,
    query: str,
    filters: ConsultationFilters | None = None,
    user=None,
    page: int = 1,
    page_size: int = 20,
    kinds: Sequence[str] = (),
) -> SearchResults:
    """Entries matching every word of `query` (any inflection, with or without diacritics),
    best first, within the consultations the list `filters` select and the given `kinds`.

    `user` is accepted for the selector convention and future per-user content; today the
    index holds only what everybody may read (see `services.py`), so it does not narrow.
    An empty, punctuation-only or over-long query is not an error: it is empty or truncated.
    """
    page = max(1, int(page))
    page_size = min(max(1, int(page_size)), MAX_PAGE_SIZE)
    results = SearchResults(query=query, page=page, page_size=page_size)
    parsed = parse_query(query)
    if not parsed:
        return results
    offset = (page - 1) * page_size
    backend = backend_for(connection)
    restriction = _restriction(filters or ConsultationFilters(), kinds)
    if restriction is None:
        return results  # the filters select no consultation
    ranked = _ranked(backend, parsed, restriction)
    # The window holds one more than can be shown, which tells "exactly MAX_RESULTS" from
    # "more than that"; when it is not full it holds every match, so its size is the count.
    count, more = min(len(ranked), MAX_RESULTS), len(ranked) > MAX_RESULTS
    ranked = ranked[offset : min(offset + page_size, count)]
    return SearchResults(
        query=query,
        page=page,
        page_size=page_size,
        count=count,
        hits=_hits(ranked, parsed),
        more=more,
    )
