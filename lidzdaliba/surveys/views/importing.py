"""Importing a survey in two steps: upload (the kind of each column is detected and shown),
then confirm or change the kinds and import.

Between the steps the file is kept in the default storage under a random token that is
remembered only in the uploader's session, so nobody else can confirm (or read) it, the
file is never posted twice, and a failed confirmation keeps it for another try. It is
deleted once imported."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lidzdaliba.core.forms import apply_service_error

from .. import services
from ..forms import ImportForm
from ..models import Question
from ..retention import PENDING_IMPORTS
from ..services.imports import IMPORT_KINDS
from .officer import _institutions, _require

SESSION_KEY = "survey_imports"
KIND_CHOICES = [(k.value, k.label) for k in IMPORT_KINDS]


def _pending(request: HttpRequest, token: str) -> dict | None:
    return request.session.get(SESSION_KEY, {}).get(token) if token else None


def _keep(request: HttpRequest, content: bytes, filename: str, group_column: str | None) -> str:
    # One import at a time per session: a file left from an abandoned preview goes now.
    for old in list(request.session.get(SESSION_KEY, {})):
        _forget(request, old)
    token = secrets.token_urlsafe(24)
    suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    path = default_storage.save(f"{PENDING_IMPORTS}/{token}{suffix}", ContentFile(content))
    kept = request.session.get(SESSION_KEY, {})
    kept[token] = {
        "path": path,
        "filename": PurePath(filename).name,
        "group_column": group_column or "",
    }
    request.session[SESSION_KEY] = kept
    return token


def _forget(request: HttpRequest, token: str) -> None:
    kept = request.session.get(SESSION_KEY, {})
    item = kept.pop(token, None)
    request.session[SESSION_KEY] = kept
    if item:
        default_storage.delete(item["path"])


def _chosen_kinds(request: HttpRequest, columns: list[tuple[str, str]]) -> dict[str, str]:
    allowed = {k.value for k in IMPORT_KINDS}
    kinds = {}
    for i, (name, detected) in enumerate(columns):
        kind = request.POST.get(f"kind-{i}", detected)
        if kind not in allowed:
            raise ValidationError(_("Choose a kind of question for every column."))
        kinds[name] = kind
    return kinds


@login_required
@require_http_methods(["GET", "POST"])
def import_survey(request: HttpRequest) -> HttpResponse:
    _require(request, "surveys.import_survey")
    token = request.POST.get("token", "")
    pending = _pending(request, token)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        institutions=_institutions(request.user),
        coordinator=request.user.is_coordinator,
    )
    if pending is not None and not request.FILES:
        form.keep_file()
    elif token and pending is None and not request.FILES:
        form.add_error(None, _("The uploaded file is no longer kept: please upload it again."))
    columns: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        group_column = form.cleaned_data["group_column"] or None
        upload = form.cleaned_data["file"]
        if upload:  # the first step (or a new file instead of the kept one)
            if pending is not None:
                _forget(request, token)
            pending, token = None, ""
            content, filename = upload.read(), upload.name
        else:
            with default_storage.open(pending["path"], "rb") as kept:
                content = kept.read()
            filename = pending["filename"]
        try:
            columns = services.import_preview(
                content=content, filename=filename, group_column=group_column
            )
            # A changed group column changes the columns: show them again, do not import.
            confirmed = (
                pending is not None
                and "confirm" in request.POST
                and pending["group_column"] == (group_column or "")
            )
            if pending is not None:
                pending["group_column"] = group_column or ""
                request.session.modified = True
            if confirmed:
                kinds = _chosen_kinds(request, columns)
                survey = services.survey_import(
                    actor=request.user,
                    institution=form.cleaned_data["institution"],
                    title=form.cleaned_data["title"],
                    content=content,
                    filename=filename,
                    group_column=group_column,
                    kinds=kinds,
                )
                _forget(request, token)
                messages.success(request, _("The survey was imported."))
                return redirect("surveys:results", survey.pk)
        except ValidationError as error:
            apply_service_error(form, error)  # the columns stay shown if they were read
        else:
            if pending is None:
                token = _keep(request, content, filename, group_column)
                pending = _pending(request, token)
    context = {
        "form": form,
        "token": token if pending is not None else "",
        "kept_name": pending["filename"] if pending else "",
        "columns": [
            (i, name, kind, Question.Kind(kind).label) for i, (name, kind) in enumerate(columns)
        ],
        "kind_choices": KIND_CHOICES,
    }
    return render(request, "surveys/import.html", context, status=400 if form.errors else 200)
