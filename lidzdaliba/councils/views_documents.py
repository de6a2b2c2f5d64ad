"""Web pages of the councils documents: the minutes and member-list downloads (DOCX, ODT,
PDF/A), the organisers' answers to the questions sent in advance, and the call for members.
Thin, like views.py: check the rule, call a selector or a service, render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from . import selectors, selectors_documents
from .exports import FORMATS, filename, member_list_document, minutes_document
from .exports import render as render_export


def _download(document, fmt: str) -> HttpResponse:
    rendered = render_export(document, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{filename(document, rendered.extension)}"'
    )
    return response


def meeting_minutes_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The published minutes as a document. Before publication there is nothing to give:
    404 for everyone, organisers included (they publish first)."""
    if fmt not in FORMATS:
        raise Http404
    meeting = selectors.meeting_get(pk=pk)
    if not request.user.has_perm("councils.download_minutes", meeting):
        raise Http404(_("The minutes are not published yet."))
    return _download(minutes_document(selectors_documents.minutes_data(meeting)), fmt)


def body_members_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The body's current members, as its public page lists them."""
    if fmt not in FORMATS:
        raise Http404
    body = selectors.body_get(pk=pk)
    return _download(member_list_document(selectors_documents.member_list_data(body)), fmt)
