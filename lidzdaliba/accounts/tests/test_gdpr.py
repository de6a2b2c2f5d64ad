"""A person's data: the downloadable copy (ZIP with data.json and their files) and deleting
the account (opinions stay, anonymous; everything else about the person goes)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from lidzdaliba.accounts import gdpr
from lidzdaliba.accounts.models import ApiToken, Organisation, Representation, User
from lidzdaliba.accounts.services import api_token_create
from lidzdaliba.audit.models import AuditEntry
from lidzdaliba.consultations import services as consultation_services
from lidzdaliba.consultations.models import Opinion, OpinionAttachment
from lidzdaliba.core import events
from lidzdaliba.core.enums import OpinionKind, Outcome
from lidzdaliba.core.models import EmailDelivery
from lidzdaliba.institutions.models import OfficerRole
from lidzdaliba.notifications.models import DigestItem, NotificationEvent, Subscription
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db

Role = OfficerRole.Role
PASSWORD = factories.PASSWORD
FILE_CONTENT = "Pielikums: ģimenes ārsta prakšu tīkls.\n".encode()


def private_person() -> str:
    with translation.override("lv"):
        return str(translation.gettext("Private person"))


def subscription(email: str, institution, *, user=None, confirmed: bool = True) -> Subscription:
    return Subscription.objects.create(
        email=email,
        user=user,
        kind=Subscription.Kind.INSTITUTION,
        institution=institution,
        target_key=f"institution:{institution.pk}",
        confirmed_at=timezone.now() if confirmed else None,
    )


@pytest.fixture
def history(resident, ngo, editor, responder, ministry):
    """The resident's traces everywhere: opinions (one answered and published, one answered
    but not yet published, one with a file), a subscription, a token, mails, a session."""
    Representation.objects.create(organisation=ngo, user=resident, is_admin=False)
    answered = factories.published_consultation(editor, ministry, title="Ārstniecības likums")
    pending = factories.published_consultation(editor, ministry, title="Veselības aprūpe")
    open_ = factories.published_consultation(editor, ministry, title="Pacientu tiesības")
    clause = factories.commentable_clauses(open_)[1]
    with_file, _created = consultation_services.opinion_submit(
        author=resident,
        consultation=open_,
        kind=OpinionKind.PROPOSAL,
        text="Lūdzu ņemt vērā ģimenes ārstu noslodzi.",
        clause_id=clause.pk,
        proposed_wording="2. Līdzfinansējumu piešķir ģimenes ārstiem;",
        show_name=True,
        idempotency_key="viens",
    )
    OpinionAttachment.objects.create(
        opinion=with_file,
        file=ContentFile(FILE_CONTENT, name="upload"),
        original_name="Priekšlikums ārstiem.txt",
        content_type="text/plain",
        size=len(FILE_CONTENT),
    )
    published_opinion = factories.opinion(answered, resident, text="Pirmais viedoklis.")
    unpublished_opinion = factories.opinion(pending, resident, text="Otrais viedoklis.")
    factories.close(answered)
    factories.close(pending)
    consultation_services.answer_give(
        actor=responder,
        opinion=published_opinion,
        outcome=Outcome.TAKEN_INTO_ACCOUNT,
        reason="Ņemts vērā pilnībā.",
    )
    consultation_services.feedback_publish(actor=responder, consultation=answered)
    consultation_services.answer_give(
        actor=responder,
        opinion=unpublished_opinion,
        outcome=Outcome.NOTED,
        reason="Slepena atbilde, vēl nav publicēta.",
    )
    subscription(resident.email, ministry, user=resident)
    api_token_create(user=resident, name="Mana programma")
    EmailDelivery.objects.create(
        to=resident.email, template="consultations/email/opinion_receipt", subject="Saņemts"
    )
    EmailDelivery.objects.create(to="cits@example.lv", template="x", subject="Citam")
    return {
        "with_file": with_file,
        "published": published_opinion,
        "unpublished": unpublished_opinion,
    }


def exported(user) -> tuple[dict, zipfile.ZipFile, bytes]:
    content = gdpr.personal_data_export(user=user)
    archive = zipfile.ZipFile(io.BytesIO(content))
    raw = archive.read("data.json")
    return json.loads(raw.decode("utf-8")), archive, raw


# --- Export -----------------------------------------------------------------------------------


def test_export_holds_everything_about_the_person(resident, history):
    data, archive, raw = exported(resident)

    assert data["profile"]["email"] == "resident@example.lv"
    assert data["profile"]["full_name"] == "Anna Bērziņa"
    assert "Anna Bērziņa".encode() in raw  # UTF-8, not \\u escapes
    datetime.fromisoformat(data["profile"]["date_joined"].replace("Z", "+00:00"))
    assert data["email_addresses"] == [
        {"email": "resident@example.lv", "verified": True, "primary": True}
    ]
    assert [o["name"] for o in data["organisations"]] == ["Biedrība „Zaļā Latvija”"]
    assert [s["target"] for s in data["subscriptions"]] == ["Veselības ministrija"]
    assert data["api_tokens"][0]["name"] == "Mana programma"
    assert [d["subject"] for d in data["email_deliveries"]] == ["Saņemts"]

    opinions = {o["reference"]: o for o in data["opinions"]}
    assert len(opinions) == 3
    with_file = opinions[history["with_file"].reference]
    assert with_file["consultation"]["title"] == "Pacientu tiesības"
    assert with_file["clause"]["label"]
    assert with_file["proposed_wording"] == "2. Līdzfinansējumu piešķir ģimenes ārstiem;"
    (attachment,) = with_file["attachments"]
    assert attachment["name"] == "Priekšlikums ārstiem.txt"
    assert archive.read(attachment["file"]) == FILE_CONTENT
    assert attachment["file"].startswith(f"files/{history['with_file'].reference}/")

    published = opinions[history["published"].reference]
    assert published["answer"]["reason"] == "Ņemts vērā pilnībā."
    assert published["answer_published"] is True
    unpublished = opinions[history["unpublished"].reference]
    assert unpublished["answer"] is None and unpublished["answer_published"] is False
    assert "Slepena atbilde" not in raw.decode()
    assert data["notes"]["answers"]


def test_export_never_contains_secrets(resident, history):
    _data, _archive, raw = exported(resident)
    text = raw.decode()
    token = ApiToken.objects.get(user=resident)
    assert token.key_hash not in text
    assert "key_hash" not in text and "password" not in text
    assert Subscription.objects.get(user=resident).token not in text


def test_export_lists_sessions_second_factors_and_officer_actions(editor, open_consultation):
    client = Client()
    signed_in = client.post(
        reverse("account_login"),
        {"login": editor.email, "password": PASSWORD},
        HTTP_USER_AGENT="Firefox uz Linux",
    )
    assert signed_in.status_code == 302  # a session is recorded when it signs in
    Authenticator.objects.create(user=editor, type=Authenticator.Type.TOTP, data={"secret": "S"})
    data, _archive, raw = exported(editor)
    assert [s["user_agent"] for s in data["sessions"]] == ["Firefox uz Linux"]
    assert [a["type"] for a in data["two_factor_authenticators"]] == ["totp"]
    assert '"S"' not in raw.decode()
    actions = [entry["action"] for entry in data["audit_entries"]]
    assert actions and all(entry["target"] for entry in data["audit_entries"])
    (role,) = data["officer_roles"]
    assert (role["institution"], role["role"]) == ("Veselības ministrija", "editor")


def test_a_file_missing_from_storage_is_marked_not_fatal(resident, history):
    attachment = history["with_file"].attachments.get()
    attachment.file.storage.delete(attachment.file.name)
    data, archive, _raw = exported(resident)
    opinion = next(o for o in data["opinions"] if o["attachments"])
    assert opinion["attachments"][0]["missing"] is True
    assert opinion["attachments"][0]["file"] not in archive.namelist()


def test_download_my_data_is_a_signed_in_post(resident, history, client_for):
    url = reverse("accounts:data_export")
    assert Client().post(url).status_code == 302  # to the sign-in page
    client = client_for(resident)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="lidzdaliba-my-data-{today}.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert data["profile"]["email"] == resident.email


def test_profile_links_to_data_sessions_and_second_factor(resident, client_for):
    page = client_for(resident).get(reverse("accounts:profile")).content.decode()
    for name in ("accounts:account_delete", "usersessions_list", "mfa_index"):
        assert f'href="{reverse(name)}"' in page
    assert f'action="{reverse("accounts:data_export")}"' in page


# --- Deletion ---------------------------------------------------------------------------------


def test_a_wrong_password_deletes_nothing(resident, history):
    with pytest.raises(ValidationError) as raised:
        gdpr.account_delete(user=resident, password="nepareiza-parole")
    assert "password" in raised.value.message_dict
    assert User.objects.filter(pk=resident.pk).exists()
    assert Opinion.objects.filter(author=resident).count() == 3


def test_deleting_keeps_opinions_anonymous_and_removes_the_rest(
    resident, ngo, ministry, history, client_for
):
    colleague = factories.representative(ngo, email="kolēģis@example.lv")
    Representation.objects.filter(user=colleague).update(is_admin=False)
    Representation.objects.filter(user=resident).update(is_admin=True)
    lonely = factories.OrganisationFactory(name="Vientuļā biedrība")
    Representation.objects.create(organisation=lonely, user=resident, is_admin=True)
    anonymous_sub = subscription(resident.email.upper(), ministry, confirmed=False)
    anonymous_sub.target_key = "topic:1"
    anonymous_sub.save()
    strangers_sub = subscription("svesais@example.lv", ministry)
    event = NotificationEvent.objects.create(
        key="k", kind="announced", consultation=history["published"].consultation
    )
    DigestItem.objects.create(event=event, email=resident.email, frequency="daily", token="t")
    client = Client()
    signed_in = client.post(
        reverse("account_login"), {"login": resident.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302  # a recorded session
    session_key = UserSession.objects.get(user=resident).session_key
    Authenticator.objects.create(user=resident, type=Authenticator.Type.TOTP, data={})

    gdpr.account_delete(user=resident, password=PASSWORD)

    assert not User.objects.filter(email="resident@example.lv").exists()
    opinions = Opinion.objects.filter(pk__in=[o.pk for o in history.values()])
    assert opinions.count() == 3
    assert set(opinions.values_list("author", "show_name", "idempotency_key")) == {
        (None, False, None)
    }
    assert opinions.get(pk=history["with_file"].pk).text == (
        "Lūdzu ņemt vērā ģimenes ārstu noslodzi."
    )
    assert OpinionAttachment.objects.filter(opinion=history["with_file"]).exists()
    assert list(Subscription.objects.all()) == [strangers_sub]
    assert not DigestItem.objects.exists()
    assert not ApiToken.objects.exists()
    assert not EmailAddress.objects.filter(email__iexact="resident@example.lv").exists()
    assert not UserSession.objects.filter(session_key=session_key).exists()
    assert not Session.objects.filter(session_key=session_key).exists()
    assert not Authenticator.objects.exists()
    assert list(EmailDelivery.objects.values_list("to", flat=True)) == ["cits@example.lv"]
    # Organisations stay; the one with people left keeps an administrator.
    assert Organisation.objects.filter(pk__in=[ngo.pk, lonely.pk]).count() == 2
    assert not Representation.objects.filter(organisation=lonely).exists()
    assert Representation.objects.get(organisation=ngo, user=colleague).is_admin
    # The signed-out session no longer works.
    assert client.get(reverse("accounts:profile")).status_code == 302

    page = Client().get(reverse("consultations:opinion", args=[history["with_file"].pk]))
    assert page.status_code == 200
    assert private_person() in page.content.decode()
    assert "Anna Bērziņa" not in page.content.decode()


def test_an_organisations_opinion_keeps_the_organisations_name(ngo, ngo_rep, open_consultation):
    opinion = factories.opinion(open_consultation, ngo_rep, organisation=ngo, show_name=True)
    assert opinion.public_submitter == "Biedrība „Zaļā Latvija” (Pēteris Ozols)"
    gdpr.account_delete(user=ngo_rep, password=PASSWORD)
    opinion.refresh_from_db()
    assert opinion.author is None
    assert opinion.public_submitter == "Biedrība „Zaļā Latvija”"


def test_audit_entries_keep_the_officers_name_but_lose_the_link(editor, open_consultation):
    assert AuditEntry.objects.filter(actor=editor).exists()
    label = AuditEntry.objects.filter(actor=editor).first().actor_label
    count = AuditEntry.objects.count()
    gdpr.account_delete(user=editor, password=PASSWORD)
    assert AuditEntry.objects.count() == count
    assert AuditEntry.objects.filter(actor__isnull=True, actor_label=label).exists()


def test_the_last_manager_must_hand_over_first(manager, ministry):
    with pytest.raises(ValidationError) as raised:
        gdpr.account_delete(user=manager, password=PASSWORD)
    assert "Veselības ministrija" in " ".join(raised.value.messages)
    assert User.objects.filter(pk=manager.pk).exists()

    factories.officer(ministry, Role.MANAGER, email="cits.vaditajs@example.lv")
    gdpr.account_delete(user=manager, password=PASSWORD)
    assert not User.objects.filter(pk=manager.pk).exists()


def test_erasers_of_other_apps_run_before_the_account_goes(resident, monkeypatch):
    seen = []

    def erase_personal_codes(user):
        seen.append((user.pk, User.objects.filter(pk=user.pk).exists(), user.email))

    monkeypatch.setattr(gdpr, "ERASERS", [])
    assert gdpr.register_eraser(erase_personal_codes) is erase_personal_codes
    gdpr.register_eraser(erase_personal_codes)  # registering twice runs it once
    pk = resident.pk
    gdpr.account_delete(user=resident, password=PASSWORD)
    assert seen == [(pk, True, "resident@example.lv")]


def test_a_failing_eraser_rolls_everything_back(resident, history, monkeypatch):
    def broken(user):
        raise RuntimeError("the signatures table is locked")

    monkeypatch.setattr(gdpr, "ERASERS", [broken])
    with pytest.raises(RuntimeError):
        gdpr.account_delete(user=resident, password=PASSWORD)
    assert User.objects.filter(pk=resident.pk).exists()
    assert Opinion.objects.filter(author=resident).count() == 3


def test_anonymised_opinions_are_announced_to_consumers(
    resident, history, monkeypatch, django_capture_on_commit_callbacks
):
    announced = []
    monkeypatch.setitem(
        events._handlers, "opinion.anonymised", [lambda **payload: announced.append(payload)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        gdpr.account_delete(user=resident, password=PASSWORD)
    assert sorted(p["opinion_id"] for p in announced) == sorted(o.pk for o in history.values())


# --- The deletion page ------------------------------------------------------------------------


def test_delete_page_explains_and_asks_for_password_and_confirmation(resident, client_for):
    url = reverse("accounts:account_delete")
    assert Client().get(url).status_code == 302
    client = client_for(resident)
    page = client.get(url)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("label[for=id_password]") and soup.select_one("label[for=id_confirm]")
    assert soup.select_one(f'form[action="{reverse("accounts:data_export")}"]')

    unconfirmed = client.post(url, {"password": PASSWORD})
    assert unconfirmed.status_code == 400
    assert BeautifulSoup(unconfirmed.content, "html.parser").select_one("#error-summary")
    wrong = client.post(url, {"password": "nepareiza", "confirm": "on"})
    assert wrong.status_code == 400 and "id_password_errors" in wrong.content.decode()
    assert User.objects.filter(pk=resident.pk).exists()

    done = client.post(url, {"password": PASSWORD, "confirm": "on"}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("web:home")
    assert not User.objects.filter(pk=resident.pk).exists()
    assert "_auth_user_id" not in client.session
    assert done.context["messages"] and list(done.context["messages"])


def test_the_last_manager_is_told_on_the_page(manager, client_for):
    response = client_for(manager).post(
        reverse("accounts:account_delete"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 400
    assert "Veselības ministrija" in response.content.decode()
    assert User.objects.filter(pk=manager.pk).exists()
