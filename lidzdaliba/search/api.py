"""GET /api/v1/search: the search page as JSON. Thin — parse, call the selector, shape."""

from __future__ import annotations

from ninja import Query, Router, Schema

from lidzdaliba.accounts.api_auth import optional_bearer
from lidzdaliba.consultations.api import ListQuery, valid_filter_form
from lidzdaliba.core.api_schemas import ErrorOut, InstitutionRef, PageMeta, schema_enum

from . import selectors
from .forms import SearchForm
from .models import Kind

SearchKind = schema_enum("SearchKind", Kind)

router = Router(tags=["search"], auth=optional_bearer)


class SearchQuery(ListQuery):
    """The consultation list's filters and pages, plus the kind of result."""

    kind: SearchKind | None = None


class SearchResultOut(Schema):
    kind: SearchKind
    id: int
    title: str
    snippet: str
    url: str
    consultation_id: int | None
    consultation_title: str
    institution: InstitutionRef


class SearchPage(PageMeta):
    results: list[SearchResultOut]


@router.get("", response={200: SearchPage, 422: ErrorOut})
def search(request, query: Query[SearchQuery]):
    """Consultations, draft clauses, opinions and published answers matching every word of
    `q` (any inflection, with or without Latvian letters), best first. `snippet` is HTML:
    escaped text with the matching words in `<mark>`. Filters as in /consultations; at most
    1000 results are counted and paged."""
    form = valid_filter_form(SearchForm, query)
    filters = form.filters()
    results = selectors.search(
        query=filters.q,
        filters=filters,
        user=request.user,
        page=query.page,
        page_size=query.page_size,
        kinds=form.kinds(),
    )
    return {
        "count": results.count,
        "page": results.page,
        "page_size": results.page_size,
        "pages": results.pages,
        "results": [
            {
                "kind": hit.kind,
                "id": hit.id,
                "title": hit.title,
                "snippet": str(hit.snippet),
                "url": request.build_absolute_uri(hit.url),
                "consultation_id": hit.consultation_id,
                "consultation_title": hit.consultation_title,
                "institution": {
                    "id": hit.institution.pk,
                    "slug": hit.institution.slug,
                    "name": hit.institution.name,
                },
            }
            for hit in results.hits
        ],
    }
