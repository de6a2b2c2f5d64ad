"""Citizenship and the declared municipality from the eID provider's claims, against the real
provider (accounts/tests/conftest.py): kept on the verified identity, in the data copy, and
gone with the identity."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount

from lidzdaliba.accounts.gdpr import export_identity
from lidzdaliba.accounts.identity import citizenship_from_claim, identity_from_claims
from lidzdaliba.accounts.models import User
from lidzdaliba.accounts.services import eid_identity_remove

pytestmark = pytest.mark.django_db


def test_the_default_claims_give_citizenship_and_municipality(client, eid):
    assert eid.sign_in(client, "ilze").status_code == 302
    user = User.objects.get(email="ilze@example.lv")
    assert user.verified_latvian_citizen is True
    assert user.verified_municipality == "Siguldas novads"
    copy = export_identity(user)
    assert copy["latvian_citizen_verified"] is True
    assert copy["municipality_verified"] == "Siguldas novads"
    # allauth's stored copy of the claims keeps neither.
    stored = str(SocialAccount.objects.get(user=user).extra_data)
    assert "Sigulda" not in stored and "nationalities" not in stored


def test_another_citizenship_is_verified_as_not_latvian(client, eid):
    eid.sign_in(client, "pjotrs")
    user = User.objects.get(email="pjotrs@example.lv")
    assert user.verified_latvian_citizen is False
    assert user.verified_municipality == "Cēsu novads"


def test_without_the_claims_nothing_is_verified(client, eid):
    eid.sign_in(client, "janis")
    user = User.objects.get(email="janis@example.lv")
    assert user.verified_latvian_citizen is None and user.verified_municipality == ""
    copy = export_identity(user)
    assert copy["latvian_citizen_verified"] is None and copy["municipality_verified"] is None


def test_claim_names_are_configurable_with_dotted_paths(client, eid, settings):
    # With the defaults, marta's provider says nothing the platform reads.
    eid.sign_in(client, "marta")
    user = User.objects.get(email="marta@example.lv")
    assert user.verified_latvian_citizen is None and user.verified_municipality == ""
    client.logout()
    settings.EID_CLAIM_CITIZENSHIP = "citizenship"
    settings.EID_CLAIM_MUNICIPALITY = "address.region"
    assert eid.sign_in(client, "marta").status_code == 302  # signing in again re-verifies
    user.refresh_from_db()
    assert user.verified_latvian_citizen is True
    assert user.verified_municipality == "Siguldas novads"


def test_unlinking_forgets_them(client, eid):
    eid.sign_in(client, "ilze")
    user = User.objects.get(email="ilze@example.lv")
    eid_identity_remove(user=user)
    user.refresh_from_db()
    assert user.verified_latvian_citizen is None and user.verified_municipality == ""


@pytest.mark.parametrize(
    ("value", "citizen"),
    [
        (["LV"], True),
        (["EE", "lva"], True),
        ("Latvija", True),
        (True, True),
        (["LT"], False),
        (False, False),
        ([], None),
        ("", None),
        (None, None),
    ],
)
def test_citizenship_claim_values(value, citizen):
    assert citizenship_from_claim(value) is citizen


def test_an_object_municipality_claim_gives_its_name(settings):
    claims = {
        "personal_code": "150385-12345",
        "municipality": {"name": " Rīga ", "code": "0010000"},
    }
    assert identity_from_claims(claims).municipality == "Rīga"


def test_the_profile_shows_what_the_eid_verified(client, eid):
    eid.sign_in(client, "ilze")
    page = client.get("/profile/").content.decode()
    assert "Latvijas pilsonis." in page
    assert "Deklarētā dzīvesvieta: Siguldas novads." in page
    client.logout()
    eid.sign_in(client, "janis")
    page = client.get("/profile/").content.decode()
    assert "pilsonis" not in page and "Deklarētā dzīvesvieta" not in page


def test_the_claims_survive_the_sign_up_form(client, eid):
    import re

    answer = eid.sign_in(client, "valdis")
    assert answer["Location"] == "/accounts/3rdparty/signup/"
    assert "Cēsu" not in str(client.session.items())  # sealed while the form is open
    form = client.get("/accounts/3rdparty/signup/").content.decode()
    stamp = re.search(r'name="human_check" value="([^"]+)"', form).group(1)
    done = client.post(
        "/accounts/3rdparty/signup/",
        {"email": "valdis@example.lv", "full_name": "Valdis Kalns", "human_check": stamp},
    )
    assert done.status_code == 302
    user = User.objects.get(email="valdis@example.lv")
    assert user.verified_latvian_citizen is True
    assert user.verified_municipality == "Cēsu novads"
