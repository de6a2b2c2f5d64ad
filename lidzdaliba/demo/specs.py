"""The shapes of the demo data: plain frozen dataclasses that the content modules fill in.

Texts in the content modules may be wrapped over several lines and indented; the builder
joins wrapped lines with a space and keeps blank lines as paragraph (clause) boundaries.
Dates are whole days relative to the day the demo is loaded (negative = in the past).
"""

from __future__ import annotations

from dataclasses import dataclass

from lidzdaliba.consultations.models import Status
from lidzdaliba.core.enums import OpinionKind, Outcome

# Short names the content modules use, so that hundreds of opinions stay readable.
OBJECTION = OpinionKind.OBJECTION.value
PROPOSAL = OpinionKind.PROPOSAL.value
SUPPORT = OpinionKind.SUPPORT.value
QUESTION = OpinionKind.QUESTION.value

TAKEN = Outcome.TAKEN_INTO_ACCOUNT.value
PARTLY = Outcome.PARTLY_TAKEN_INTO_ACCOUNT.value
NOT_TAKEN = Outcome.NOT_TAKEN_INTO_ACCOUNT.value
NOTED = Outcome.NOTED.value
OUT_OF_SCOPE = Outcome.OUT_OF_SCOPE.value


@dataclass(frozen=True)
class Person:
    key: str
    email: str
    full_name: str
    # Demo logins get the demo password and are printed at the end; others cannot sign in.
    login: bool = False
    is_coordinator: bool = False
    is_moderator: bool = False
    # An eID-verified identity, as if the person had signed in with eID once: an invented
    # personal code (new format, so the birth date is given), citizenship, municipality.
    eid: tuple[str, str, bool, str] | None = None  # (code, ISO birth date, citizen, municipality)
    # The affected groups (slugs) the person declared on their profile: their opinions are
    # given as a member of them (the form's pre-filled choice), so the indicators by group
    # have something to show.
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    kind: str  # Organisation.Kind value
    registration_number: str
    # (person key, may add representatives)
    representatives: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class InstitutionSpec:
    slug: str
    name: str
    name_en: str
    kind: str  # Institution.Kind value
    territory: str  # Territory slug
    website: str
    email: str
    phone: str
    participation_info: str
    parent: str | None = None  # slug of the parent institution
    # (person key, OfficerRole values)
    officers: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Reply:
    """The institution's answer to one opinion."""

    outcome: str
    reason: str
    new_wording: str = ""


@dataclass(frozen=True)
class Op:
    """One opinion. `clause` is a clause number of version `v`; None means the whole draft."""

    by: str  # person key
    kind: str
    clause: str | None
    text: str
    wording: str = ""
    org: str | None = None  # organisation key; the person must represent it
    show: bool = True
    v: int = 1
    answer: Reply | None = None
    # Opinions with the same batch label are answered together with the first one's reply.
    batch: str = ""


@dataclass(frozen=True)
class Dates:
    opens: int
    closes: int
    announced: int | None = None  # None: never published (a draft)
    created: int | None = None  # default: a few days before the announcement
    version2: int | None = None
    feedback: int | None = None
    decided: int | None = None


@dataclass(frozen=True)
class ConsultationSpec:
    key: str
    status: Status  # what the dates must produce; the builder checks it
    institution: str  # slug
    title: str
    summary: str
    problem: str
    goal: str
    topic: str  # Topic slug
    groups: tuple[str, ...]  # AffectedGroup slugs
    stage: str  # PolicyStage value
    form: str  # ParticipationForm value
    act_type: str  # ActType value
    official: str
    contact_email: str
    contact_phone: str
    dates: Dates
    text: str = ""  # the draft; empty for an idea collection without one
    opinions: tuple[Op, ...] = ()
    territory: str | None = None  # default: the institution's territory
    short_period_justification: str = ""
    version2_text: str = ""
    version2_note: str = ""
    feedback_justification: str = ""
    decision_url: str = ""
    decision_summary: str = ""
