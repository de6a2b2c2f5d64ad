"""Run inside a process whose settings have both DATABASE_URL and DATABASE_REPLICA_URL:

    manage.py shell -c "from tests.production.replica_probe import run; run(ID)"

The two databases hold the same rows except the title of consultation ID, so the title a
request or query sees tells which database answered. Prints one JSON line of observations
("REPLICA" / "PRIMARY" / "?" per case); test_db_router.py asserts on them.
"""

from __future__ import annotations

import json
import sys


def run(consultation_id: int) -> None:
    from django.conf import settings
    from django.db import connections, router, transaction
    from django.test import Client

    from lidzdaliba.accounts.models import User
    from lidzdaliba.consultations.models import Consultation, Opinion
    from lidzdaliba.core.db_router import use_replica

    def which(text: str) -> str:
        has_replica, has_primary = "REPLICA-TITLE" in text, "PRIMARY-TITLE" in text
        if has_replica == has_primary:
            return "?"
        return "REPLICA" if has_replica else "PRIMARY"

    def title() -> str:
        return Consultation.objects.get(pk=consultation_id).title

    seen: dict[str, object] = {"aliases": sorted(settings.DATABASES)}
    page = f"/consultations/{consultation_id}/"
    api = f"/api/v1/consultations/{consultation_id}"
    anonymous = Client()
    seen["anonymous GET page"] = which(anonymous.get(page).content.decode())
    seen["anonymous GET list"] = which(anonymous.get("/consultations/").content.decode())
    seen["anonymous GET API"] = which(anonymous.get(api).content.decode())
    seen["anonymous HEAD page status"] = anonymous.head(page).status_code
    seen["anonymous POST page"] = which(anonymous.post(page).content.decode())

    resident = User.objects.get(email="resident@example.lv")
    from lidzdaliba.accounts.services import api_token_create

    _token, key = api_token_create(user=resident, name="probe")
    with_token = Client(headers={"Authorization": f"Bearer {key}"})
    seen["token GET API"] = which(with_token.get(api).content.decode())
    signed_in = Client()
    signed_in.force_login(resident)
    seen["signed-in GET page"] = which(signed_in.get(page).content.decode())
    seen["signed-in GET list"] = which(signed_in.get("/consultations/").content.decode())
    # A POST through the API writes and then reads: both on the primary.
    created = with_token.post(
        f"{api}/opinions",
        {"kind": "support", "text": "Caur API"},
        content_type="application/json",
        headers={"Idempotency-Key": "probe-1"},
    )
    seen["token POST API status"] = created.status_code
    seen["token POST API opinion"] = created.json().get("id")

    # The router itself, outside a request.
    seen["query outside a request"] = which(title())
    with use_replica(True):
        seen["query, replica allowed"] = which(title())
        seen["db_for_read, replica allowed"] = router.db_for_read(Consultation)
        with transaction.atomic():
            seen["query in a transaction"] = which(title())
            seen["db_for_read in a transaction"] = router.db_for_read(Consultation)
        seen["db_for_write, replica allowed"] = router.db_for_write(Consultation)
        opinion = Opinion.objects.create(
            consultation_id=consultation_id, author=resident, kind="support", text="Rakstīts"
        )
        Consultation.objects.filter(pk=consultation_id).update(summary="Mainīts primārajā")
        seen["written opinion"] = opinion.pk
    seen["allow_migrate replica"] = router.allow_migrate("replica", "consultations")
    seen["allow_migrate default"] = router.allow_migrate("default", "consultations")
    connections.close_all()
    sys.stdout.write("PROBE " + json.dumps(seen) + "\n")
