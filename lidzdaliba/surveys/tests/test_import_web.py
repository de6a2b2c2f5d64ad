"""The import page over HTTP: upload shows each column's detected kind with a select; the
file is kept (for the uploader only) until they confirm, with the kinds they chose."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from lidzdaliba.surveys.models import Question, Survey

pytestmark = pytest.mark.django_db

CSV = (
    "Vērtējums;Vai piedalījāties?;Komentārs;Grupa\n"
    "3;Jā;Labi;public\n"
    "5;Nē;Slikti;public\n"
    "4;Jā;Viduvēji;institutions\n"
    "3;Jā;Nezinu;public\n"
).encode()


def _upload(client, ministry, **extra):
    return client.post(
        "/officer/surveys/import/",
        {
            "institution": ministry.pk,
            "title": "Importēta aptauja",
            "group_column": "Grupa",
            "file": SimpleUploadedFile("dati.csv", CSV, content_type="text/csv"),
            **extra,
        },
    )


def test_detected_kinds_are_shown_changed_and_imported(client_for, editor, coordinator, ministry):
    client = client_for(editor)
    preview = _upload(client, ministry)
    page = preview.content.decode()
    assert preview.status_code == 200 and not Survey.objects.exists()  # nothing imported yet
    token = preview.context["token"]
    assert token and 'name="token"' in page
    columns = {name: (i, kind) for i, name, kind, _label in preview.context["columns"]}
    assert set(columns) == {"Vērtējums", "Vai piedalījāties?", "Komentārs"}  # not the group
    assert columns["Vērtējums"][1] == "scale"
    assert columns["Vai piedalījāties?"][1] == "single"
    assert '<select name="kind-0" id="kind-0">' in page and 'for="kind-0"' in page
    assert "Atpazīts kā" in page and "Skala" in page
    kept = client.session["survey_imports"][token]["path"]
    assert default_storage.exists(kept)

    # Someone else cannot use the token: it lives in the uploader's session only.
    other = client_for(coordinator).post(
        "/officer/surveys/import/",
        {"title": "X", "token": token, "confirm": "1", "group_column": "Grupa"},
    )
    assert other.status_code == 400
    assert "vairs netiek glabāta" in other.content.decode()
    assert not Survey.objects.exists()

    # A kind that is not offered is refused, the file stays kept.
    bad = client.post(
        "/officer/surveys/import/",
        {
            "institution": ministry.pk,
            "title": "Importēta aptauja",
            "group_column": "Grupa",
            "token": token,
            "confirm": "1",
            "kind-0": "matrix",
        },
    )
    assert bad.status_code == 400 and not Survey.objects.exists()
    assert default_storage.exists(kept) and bad.context["columns"]

    # Confirm with the scale imported as free text instead.
    text_index = columns["Vērtējums"][0]
    choice_index = columns["Vai piedalījāties?"][0]
    done = client.post(
        "/officer/surveys/import/",
        {
            "institution": ministry.pk,
            "title": "Importēta aptauja",
            "group_column": "Grupa",
            "token": token,
            "confirm": "1",
            f"kind-{text_index}": "text",
            f"kind-{choice_index}": "single",
            f"kind-{columns['Komentārs'][0]}": "text",
        },
    )
    survey = Survey.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/surveys/{survey.pk}/results/"
    kinds = dict(survey.questions.values_list("text", "kind"))
    assert kinds == {
        "Vērtējums": Question.Kind.TEXT,
        "Vai piedalījāties?": Question.Kind.SINGLE,
        "Komentārs": Question.Kind.TEXT,
    }
    assert survey.responses.count() == 4
    assert survey.responses.filter(group="institutions").count() == 1
    assert not default_storage.exists(kept) and token not in client.session["survey_imports"]


def test_a_bad_file_gets_a_clear_error_and_nothing_is_kept(client_for, editor, ministry):
    client = client_for(editor)
    response = client.post(
        "/officer/surveys/import/",
        {
            "institution": ministry.pk,
            "title": "T",
            "file": SimpleUploadedFile("dati.csv", b"a;a\n1;2\n"),
        },
    )
    assert response.status_code == 400 and not response.context["token"]
    assert "survey_imports" not in client.session or not client.session["survey_imports"]
    missing = client.post(
        "/officer/surveys/import/", {"institution": ministry.pk, "title": "T", "group_column": ""}
    )
    assert missing.status_code == 400 and not Survey.objects.exists()


def test_a_new_upload_drops_the_abandoned_file(client_for, editor, ministry):
    client = client_for(editor)
    first = _upload(client, ministry)
    kept = client.session["survey_imports"][first.context["token"]]["path"]
    second = _upload(client, ministry)
    assert second.context["token"] != first.context["token"]
    assert not default_storage.exists(kept)
    assert list(client.session["survey_imports"]) == [second.context["token"]]
    default_storage.delete(client.session["survey_imports"][second.context["token"]]["path"])
