"""Atom feeds of published consultations, filtered exactly like the public list.

The query string is parsed by the list page's own `ConsultationFilterForm` and the rows come
from `consultation_list`, so `?topic=veseliba` means the same thing in the list, the feed and
the calendar (`calendar.py` reuses `selection_from` below). Unlike the list page, which drops
an invalid value and shows everything, a feed answers 400: a subscription that silently
widened to every consultation would be worse than one that visibly fails.

Links in a feed are built from the request's host (as Django's syndication framework does),
so they work at whatever address the reader used; identifiers (entry ids here, calendar
UIDs) use the host of `SITE_URL`, so they stay the same whichever address was used.

Text typed elsewhere may hold characters XML 1.0 cannot carry (a vertical tab pasted from
Word into a title); the feed leaves them out rather than failing (`WritableAtom1Feed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from lidzdaliba.consultations.forms import ConsultationFilterForm
from lidzdaliba.consultations.models import Consultation
from lidzdaliba.consultations.selectors import ConsultationFilters, consultation_list
from lidzdaliba.core.text import writable
from lidzdaliba.councils.models import Body
from lidzdaliba.councils.selectors_documents import published_calls
from lidzdaliba.institutions.models import Institution

SITE_NAME = "Līdzdalība"
FEED_LIMIT = 50


class InvalidFilters(Exception):
    """The query string has a filter value the list page does not know."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Selection:
    """What a feed or a calendar shows: the list filters, in words and as a clean query.

    `institution` is set when the address names the institution (`/institutions/<slug>/…`);
    the query then leaves it out, because the path already says it.
    """

    filters: ConsultationFilters
    institution: Institution | None
    query: str
    # (label, value) of each filter other than the institution, e.g. ("Policy area", "Health")
    described: tuple[tuple[str, str], ...]

    @property
    def query_suffix(self) -> str:
        return f"?{self.query}" if self.query else ""

    @property
    def named_institution(self) -> Institution | None:
        """The institution filtered by, whether named by the path or by the query."""
        return self.institution or self.filters.institution

    def title(self, *, everything: str, of_institution: str) -> str:
        """E.g. "Līdzdalība – consultations of Veselības ministrija (Health, Rīga)".

        `of_institution` has an `%(institution)s` placeholder."""
        institution = self.named_institution
        what = (
            of_institution % {"institution": institution.display_name}
            if institution is not None
            else everything
        )
        title = f"{SITE_NAME} – {what}"
        if self.described:
            title += f" ({', '.join(value for _label, value in self.described)})"
        return title

    def description(self) -> str:
        """The filters in words, or "" when there are none."""
        if not self.described:
            return ""
        filters = "; ".join(f"{label}: {value}" for label, value in self.described)
        return _("Filters: %(filters)s.") % {"filters": filters}


def identity_host() -> str:
    """The host that names things (Atom ids, calendar UIDs): stable, unlike Host headers."""
    return urlsplit(settings.SITE_URL).hostname or "lidzdaliba.invalid"


def _value_label(field: forms.Field, value) -> str:
    if isinstance(field, forms.ModelChoiceField):
        return value.display_name
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    return f"“{value}”"


def _query_value(value) -> str:
    return value.slug if hasattr(value, "slug") else str(value).strip()


def selection_from(
    data: QueryDict, *, institution: Institution | None = None, strict: bool = True
) -> Selection:
    """Parse list filters from a query string. `strict`: raise `InvalidFilters` for a value
    the list page would drop; otherwise drop it, as the list page does."""
    data = data.copy()
    if institution is not None:
        data["institution"] = institution.slug
    form = ConsultationFilterForm(data)
    if not form.is_valid() and strict:
        problems = []
        for name, errors in form.errors.items():
            value = str(data.get(name, ""))[:100]
            problems.append(f"{name}={value}: {' '.join(errors)}")
        raise InvalidFilters(problems)
    query = QueryDict(mutable=True)
    described = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        if name == "institution" and institution is not None:
            continue
        query[name] = _query_value(value)
        if name != "institution":
            described.append((str(field.label), _value_label(field, value)))
    return Selection(
        filters=form.filters(),
        institution=institution,
        query=query.urlencode(),
        described=tuple(described),
    )


def invalid_filters_response(error: InvalidFilters) -> HttpResponse:
    """A short plain-text 400: feed readers and calendar apps show text, not our pages."""
    lines = [
        _("This address has a filter value that is not valid:"),
        *error.problems,
        _("Use the filters of the consultation list to build the address again."),
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


def _writable_values(value):
    """`value` with `writable` applied to its text, inside lists and tuples too (categories)."""
    if isinstance(value, str):
        return writable(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_writable_values(item) for item in value)
    return value


class WritableAtom1Feed(Atom1Feed):
    """Atom 1.0 without the characters XML 1.0 cannot carry.

    Django's XML writer refuses them with an exception, so a single title with a control
    character would turn the feed into a 500 for every reader. Every text of the feed and
    of its entries passes through here, whichever `Feed` method produced it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*_writable_values(args), **_writable_values_of(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*_writable_values(args), **_writable_values_of(kwargs))


def _writable_values_of(kwargs: dict) -> dict:
    return {name: _writable_values(value) for name, value in kwargs.items()}


class ConsultationFeed(Feed):
    """The newest published consultations of a selection, as Atom 1.0.

    Made per request (see the views below), so it may keep the request and the selection.
    """

    feed_type = WritableAtom1Feed

    def __init__(self, *, request: HttpRequest, selection: Selection):
        self.request = request
        self.selection = selection

    def get_object(self, request, *args, **kwargs) -> Selection:
        return self.selection

    def _absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def _self_path(self) -> str:
        if self.selection.institution is not None:
            path = reverse("feeds:institution", args=[self.selection.institution.slug])
        else:
            path = reverse("feeds:consultations")
        return path + self.selection.query_suffix

    # --- The feed ---------------------------------------------------------------------------

    def title(self, selection: Selection) -> str:
        return selection.title(
            everything=_("consultations"),
            of_institution=_("consultations of %(institution)s"),
        )

    def subtitle(self, selection: Selection) -> str:
        intro = _("Public consultations published on %(site)s, newest first.") % {"site": SITE_NAME}
        return f"{intro} {selection.description()}".strip()

    def link(self, selection: Selection) -> str:
        if selection.institution is not None and not selection.query:
            return reverse("institutions:detail", args=[selection.institution.slug])
        query = selection.query
        if selection.institution is not None:
            query = f"institution={selection.institution.slug}&{query}"
        return reverse("consultations:list") + (f"?{query}" if query else "")

    def feed_url(self, selection: Selection) -> str:
        return self._self_path()

    def feed_guid(self, selection: Selection) -> str:
        return self._absolute(self._self_path())

    def author_name(self, selection: Selection) -> str:
        institution = selection.named_institution
        return institution.display_name if institution is not None else SITE_NAME

    def items(self, selection: Selection) -> list[Consultation | Body]:
        """The newest consultations and, unless the feed filters by something a body does
        not have (a policy area, a territory, a status…), the bodies' calls for members."""
        consultations = consultation_list(filters=selection.filters).order_by(
            "-announced_at", "-id"
        )
        items: list[Consultation | Body] = list(consultations[:FEED_LIMIT])
        if not selection.described:
            items += published_calls(institution=selection.named_institution, limit=FEED_LIMIT)
            items.sort(key=self.item_pubdate, reverse=True)
        return items[:FEED_LIMIT]

    # --- One entry per consultation ---------------------------------------------------------

    def item_title(self, consultation: Consultation | Body) -> str:
        # Atom titles are text: the XML writer escapes them, so no HTML escaping here
        # (Django's default double-escapes for RSS).
        if isinstance(consultation, Body):
            return _("Call for members: %(name)s") % {"name": consultation.name}
        return consultation.title

    def item_link(self, consultation: Consultation | Body) -> str:
        if isinstance(consultation, Body):
            return reverse("councils:body", args=[consultation.pk]) + "#call"
        return reverse("consultations:detail", args=[consultation.pk])

    def item_description(self, consultation: Consultation | Body) -> str:
        # Rendered without the request: context processors would run once per entry.
        if isinstance(consultation, Body):
            return render_to_string(
                "notifications/feeds/call_entry.html",
                {"body": consultation, "url": self._absolute(self.item_link(consultation))},
            )
        return render_to_string(
            "notifications/feeds/entry.html",
            {
                "consultation": consultation,
                "url": self._absolute(self.item_link(consultation)),
            },
        )

    def item_guid(self, consultation: Consultation | Body) -> str:
        if isinstance(consultation, Body):  # one entry per publication of a call
            return (
                f"tag:{identity_host()},{consultation.created_at:%Y-%m-%d}:"
                f"body-{consultation.pk}-call-{consultation.call_published_at:%Y%m%d%H%M%S}"
            )
        return (
            f"tag:{identity_host()},{consultation.created_at:%Y-%m-%d}:"
            f"consultation-{consultation.pk}"
        )

    def item_pubdate(self, consultation: Consultation | Body):
        if isinstance(consultation, Body):
            return consultation.call_published_at
        return consultation.announced_at

    def item_updateddate(self, consultation: Consultation | Body):
        if isinstance(consultation, Body):
            return consultation.call_published_at
        return max(consultation.updated_at, consultation.announced_at)

    def item_author_name(self, consultation: Consultation | Body) -> str:
        return consultation.institution.display_name

    def item_author_link(self, consultation: Consultation | Body) -> str:
        return self._absolute(reverse("institutions:detail", args=[consultation.institution.slug]))

    def item_categories(self, consultation: Consultation | Body) -> list[str]:
        if isinstance(consultation, Body):
            return [
                str(_("Call for members")),
                *(group.display_name for group in consultation.affected_groups.all()),
            ]
        return [
            consultation.topic.display_name,
            *(group.display_name for group in consultation.affected_groups.all()),
        ]


def _feed_response(request: HttpRequest, *, institution: Institution | None) -> HttpResponse:
    try:
        selection = selection_from(request.GET, institution=institution)
    except InvalidFilters as error:
        return invalid_filters_response(error)
    return ConsultationFeed(request=request, selection=selection)(request)


def consultation_feed(request: HttpRequest) -> HttpResponse:
    """`/feeds/consultations.atom?institution=…&topic=…&territory=…&group=…`"""
    return _feed_response(request, institution=None)


def institution_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """`/institutions/<slug>/feed.atom`: one institution's consultations (more filters may
    follow in the query)."""
    institution = get_object_or_404(Institution, slug=slug)
    return _feed_response(request, institution=institution)


def feed_links(request: HttpRequest) -> HttpResponse:
    """The list page's "feed and calendar for these filters" links, re-rendered by htmx when
    the filters change (the results are swapped without reloading the page)."""
    selection = selection_from(request.GET, strict=False)
    return render(request, "notifications/feeds/links.html", {"query": selection.query})
