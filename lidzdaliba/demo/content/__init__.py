"""The demo's Latvian texts as data: people, institutions and consultations (all invented).

One module per institution or pair of institutions, so that each stays readable.
"""

from __future__ import annotations

from . import (
    cesis,
    chancellery,
    education_transport,
    finance_farming,
    health,
    health_service,
    liepaja,
    riga,
    valmiera,
    varam,
    varam_past,
    welfare,
)
from .institutions import INSTITUTIONS
from .people import DEMO_PASSWORD, LOGINS, ORGANISATIONS, PEOPLE

CONSULTATIONS = (
    *varam.CONSULTATIONS,
    *varam_past.CONSULTATIONS,
    *health.CONSULTATIONS,
    *health_service.CONSULTATIONS,
    *welfare.CONSULTATIONS,
    *education_transport.CONSULTATIONS,
    *finance_farming.CONSULTATIONS,
    *chancellery.CONSULTATIONS,
    *riga.CONSULTATIONS,
    *liepaja.CONSULTATIONS,
    *valmiera.CONSULTATIONS,
    *cesis.CONSULTATIONS,
)

__all__ = ["CONSULTATIONS", "DEMO_PASSWORD", "INSTITUTIONS", "LOGINS", "ORGANISATIONS", "PEOPLE"]
