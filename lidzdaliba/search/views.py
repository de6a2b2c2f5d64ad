"""The search page: thin — parse the form, call the selector, render."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors
from .forms import SearchForm


def _page_number(value: str | None) -> int:
    """Like `core.views.paginate`: a missing or malformed page number means the first."""
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    filters = form.filters()
    arguments = {
        "query": filters.q,
        "filters": filters,
        "user": request.user,
        "page_size": settings.PAGE_SIZE,
        "kinds": form.kinds(),
    }
    results = selectors.search(page=_page_number(request.GET.get("page")), **arguments)
    if results.count and results.page > results.pages:  # past the end: show the last page
        results = selectors.search(page=results.pages, **arguments)
    # A Page over the count alone, so the site's pagination template works unchanged.
    page = Page(results.hits, results.page, Paginator(range(results.count), results.page_size))
    template = "search/_results.html" if request.htmx else "search/search.html"
    return render(request, template, {"form": form, "results": results, "page": page})
