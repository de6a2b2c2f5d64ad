"""Public pages: the list, a consultation with its clauses, opinions and the feedback table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lidzdaliba.accounts.selectors import organisations_represented_by
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.forms import apply_service_error, submission_token
from lidzdaliba.core.fragments import cached_fragment
from lidzdaliba.core.subjects import attachments_for
from lidzdaliba.core.views import download, paginate
from lidzdaliba.institutions.selectors import affected_groups_declared_by

from .. import selectors
from ..documents import diff_clauses, diff_summary
from ..exports import FORMAT_LABELS, FORMATS, filename
from ..exports import render as render_export
from ..feedback import feedback_table_for
from ..forms import ConsultationFilterForm, OpinionForm, ReviewRequestForm
from ..models import Attachment, DocumentVersion, OpinionAttachment
from ..services import opinion_review_request, opinion_submit

FEEDBACK_ROWS_PER_PAGE = 50
# Where _detail_body.html leaves room for what is attached to the consultation. Readers'
# text is escaped, so no opinion or title can contain it.
ATTACHED_SLOT = "<!--attached-->"


def consultation_list(request: HttpRequest) -> HttpResponse:
    form = ConsultationFilterForm(request.GET or None)
    partial = bool(request.htmx)

    def body() -> str:
        filters = form.filters()
        page = paginate(request, selectors.consultation_list(filters=filters))
        query = request.GET.copy()
        query.pop("page", None)
        template = (
            "consultations/_list_results.html" if partial else "consultations/_list_body.html"
        )
        context = {"form": form, "page": page, "query": query.urlencode(), "filters": filters}
        return render_to_string(template, context, request=request)

    # The list is the same for every reader: kept until anything listed changes (core/fragments).
    html = cached_fragment(
        name="consultation-list",
        scopes=["site"],
        vary=[request.get_full_path(), partial],
        render=body,
    )
    if partial:
        return HttpResponse(html)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "consultations/list.html", {"body": html, "query": query.urlencode()})


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    can_see_answers = request.user.has_perm("consultations.view_answers", consultation)
    can_see_hidden = request.user.has_perm("consultations.view_hidden_text", consultation)

    def body() -> str:
        version = selectors.current_version(consultation)
        context = {
            "consultation": consultation,
            "version": version,
            "clauses": selectors.clauses_with_counts(version),
            "versions": selectors.versions_of(consultation),
            "attachments": selectors.attachments_of(consultation),
            "counts": selectors.opinion_counts(consultation),
            "opinions": paginate(request, selectors.opinions_of(consultation)),
            "can_see_answers": can_see_answers,
            "can_see_hidden": can_see_hidden,
        }
        return render_to_string("consultations/_detail_body.html", context, request=request)

    # The body is what every reader with the same right to see answers sees: kept until the
    # consultation changes, and per status (so it flips at the opening and the deadline).
    html = cached_fragment(
        name="consultation-detail",
        scopes=["site", f"consultation:{consultation.pk}"],
        vary=[request.get_full_path(), consultation.status, can_see_answers, can_see_hidden],
        render=body,
    )
    # What other apps attached (its meetings) depends on the reader and changes apart from
    # the consultation, so it is rendered for each request and put in its place in the
    # cached body (core/subjects.py).
    attached = render_to_string(
        "consultations/_attached.html",
        {"groups": attachments_for(consultation, request.user)},
        request=request,
    )
    html = mark_safe(html.replace(ATTACHED_SLOT, attached, 1))  # noqa: S308  (our templates)
    return render(
        request, "consultations/detail.html", {"consultation": consultation, "body": html}
    )


def version_diff(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    new = get_object_or_404(DocumentVersion, consultation=consultation, number=number)
    old = (
        DocumentVersion.objects.filter(consultation=consultation, number__lt=number)
        .order_by("-number")
        .first()
    )
    if old is None:
        raise Http404
    changes = diff_clauses(
        list(old.clauses.order_by("position")), list(new.clauses.order_by("position"))
    )
    return render(
        request,
        "consultations/diff.html",
        {
            "consultation": consultation,
            "old": old,
            "new": new,
            "changes": changes,
            "summary": diff_summary(changes),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opinion_create(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    version = selectors.current_version(consultation)
    clauses = list(version.clauses.order_by("position")) if version else []
    organisations = list(organisations_represented_by(user=request.user))
    if not consultation.is_open_for_opinions:
        return render(
            request,
            "consultations/not_open.html",
            {"consultation": consultation},
            status=409,
        )
    if request.method == "POST":
        form = OpinionForm(
            request.POST, request.FILES, clauses=clauses, organisations=organisations
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                opinion, _created = opinion_submit(
                    author=request.user,
                    consultation=consultation,
                    kind=data["kind"],
                    text=data["text"],
                    clause_id=data["clause"],
                    proposed_wording=data["proposed_wording"],
                    organisation_id=data["organisation"],
                    show_name=data["show_name"],
                    attachments=data["attachments"],
                    idempotency_key=f"web:{data['token']}",
                    declared_group_ids=data["declared_groups"],
                )
            except Conflict as error:
                return render(
                    request,
                    "consultations/not_open.html",
                    {"consultation": consultation, "message": error.message},
                    status=409,
                )
            except PermissionDenied as error:
                form.add_error("organisation", str(error))
            except ValidationError as error:
                apply_service_error(form, error, {"clause_id": "clause"})
                if "idempotency_key" in getattr(error, "error_dict", {}):
                    # This form was sent before with other content: what is typed now is a
                    # new opinion, which the person may send with a new token.
                    form.data = form.data.copy()
                    form.data["token"] = submission_token()
            else:
                messages.success(
                    request,
                    _("Thank you! Your opinion was received. Reference number: %(ref)s.")
                    % {"ref": opinion.reference},
                )
                return redirect("consultations:opinion", pk=opinion.pk)
        status = 400
    else:
        initial = {
            "token": submission_token(),
            "clause": request.GET.get("clause") or "",
            # Pre-filled from the profile; the person may change it for this opinion.
            "declared_groups": [
                group.pk for group in affected_groups_declared_by(user=request.user)
            ],
        }
        form = OpinionForm(initial=initial, clauses=clauses, organisations=organisations)
        status = 200
    commentable = [clause for clause in clauses if not clause.is_heading]
    chosen = str(form["clause"].value() or "")
    return render(
        request,
        "consultations/opinion_form.html",
        {
            "consultation": consultation,
            "form": form,
            # The full text of every clause one may choose, and of the chosen one: a select
            # can only show the first words (issue 10, item 6).
            "clauses": commentable,
            "chosen_clause": next((c for c in commentable if str(c.pk) == chosen), None),
        },
        status=status,
    )


def opinion_detail(
    request: HttpRequest, pk: int, review_form: ReviewRequestForm | None = None
) -> HttpResponse:
    opinion = selectors.opinion_get(user=request.user, pk=pk)
    consultation = opinion.consultation
    user = request.user
    is_author = user.has_perm("consultations.read_own_opinion", opinion)
    return render(
        request,
        "consultations/opinion_detail.html",
        {
            "opinion": opinion,
            "consultation": consultation,
            "can_see_answers": user.has_perm("consultations.view_answers", consultation),
            # The author knows their own words: only the public is spared them.
            "can_see_hidden": is_author
            or user.has_perm("consultations.view_hidden_text", consultation),
            "can_moderate": user.has_perm("consultations.moderate_opinions", consultation),
            "can_request_review": user.has_perm("consultations.request_review", opinion),
            "review_form": review_form or ReviewRequestForm(),
            "is_author": is_author,
            # Its author's side and the officers still read a withdrawn opinion's text.
            "show_withdrawn_text": _may_read_withdrawn(request, opinion),
            "can_change": user.has_perm("consultations.change_opinion", opinion),
        },
        status=400 if review_form is not None else 200,
    )


@login_required
@require_POST
def review_request(request: HttpRequest, pk: int) -> HttpResponse:
    """The author of a hidden opinion asks, once, for the decision to be reviewed."""
    opinion = selectors.opinion_get(user=request.user, pk=pk)
    form = ReviewRequestForm(request.POST)
    if form.is_valid():
        try:
            opinion_review_request(
                author=request.user, opinion=opinion, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            apply_service_error(form, error, {})
        else:
            messages.success(request, _("Your request for a review was sent."))
            return redirect("consultations:opinion", pk=opinion.pk)
    return opinion_detail(request, pk, review_form=form)


def feedback_table(request: HttpRequest, pk: int) -> HttpResponse:
    """The izziņa: every opinion with its outcome and reason, as a page or a download."""
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    fmt = request.GET.get("format", "")
    if fmt and fmt not in FORMATS:
        return render(
            request,
            "400.html",
            {"message": _("Unknown format. Choose one of: %(f)s.") % {"f": ", ".join(FORMATS)}},
            status=400,
        )
    if not request.user.has_perm("consultations.view_answers", consultation):
        # The page says the answers are not published yet; a download that cannot be given
        # is refused (403), as the API refuses it, so no client saves that page as the file.
        return render(
            request,
            "consultations/feedback_pending.html",
            {"consultation": consultation},
            status=403 if fmt else 200,
        )
    can_see_hidden = request.user.has_perm("consultations.view_hidden_text", consultation)
    if fmt:
        table = feedback_table_for(consultation, show_hidden=can_see_hidden)
        rendered = render_export(table, fmt)
        response = HttpResponse(rendered.content, content_type=rendered.content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{filename(table, rendered.extension)}"'
        )
        return response

    def body() -> str:
        # The page shows the table in pages (a thousand rows would be a megabyte of HTML,
        # slow to load and to read with a screen reader); the downloads hold every row.
        page = paginate(
            request, selectors.opinions_of(consultation), per_page=FEEDBACK_ROWS_PER_PAGE
        )
        table = feedback_table_for(
            consultation, opinions=page.object_list, show_hidden=can_see_hidden
        )
        context = {
            "consultation": consultation,
            "table": table,
            "page": page,
            "formats": FORMAT_LABELS.items(),
        }
        return render_to_string("consultations/_feedback_body.html", context, request=request)

    html = cached_fragment(
        name="feedback-table",
        scopes=["site", f"consultation:{consultation.pk}"],
        vary=[request.get_full_path(), can_see_hidden],
        render=body,
    )
    return render(
        request, "consultations/feedback.html", {"consultation": consultation, "body": html}
    )


def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment, pk=pk)
    selectors.consultation_get(user=request.user, pk=attachment.consultation_id)
    return download(
        attachment.file,
        original_name=attachment.original_name,
        content_type=attachment.content_type,
    )


def _may_read_withdrawn(request: HttpRequest, opinion) -> bool:
    return request.user.has_perm("consultations.follow_opinion", opinion) or (
        request.user.has_perm("consultations.view_internal", opinion.consultation)
    )


def opinion_attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(OpinionAttachment, pk=pk)
    opinion = selectors.opinion_get(user=request.user, pk=attachment.opinion_id)
    if opinion.withdrawn_at is not None and not _may_read_withdrawn(request, opinion):
        raise Http404
    if opinion.is_hidden and not (
        request.user.has_perm("consultations.read_own_opinion", opinion)
        or request.user.has_perm("consultations.view_hidden_text", opinion.consultation)
    ):
        raise Http404  # a hidden opinion's files are withheld like its words
    return download(
        attachment.file,
        original_name=attachment.original_name,
        content_type=attachment.content_type,
    )


def version_source_download(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    version = get_object_or_404(
        DocumentVersion, consultation=consultation, number=number, source_file__gt=""
    )
    return download(
        version.source_file,
        original_name=version.source_name,
        content_type=version.source_content_type,
    )
