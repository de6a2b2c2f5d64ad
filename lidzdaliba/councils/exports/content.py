"""Minutes and member lists as `Document`s, from plain data a selector made public-safe
(`councils.selectors_documents`): names of private persons appear only if they were given
here, so nothing in this package can decide to show one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import get_language, gettext

from lidzdaliba.core import dates

from .document import Document, Section, Table, paragraphs


@dataclass(frozen=True)
class AnsweredQuestion:
    question: str
    answer: str
    asker: str = ""  # an organisation's name; "" for a private person


@dataclass(frozen=True)
class MinutesData:
    institution: str
    body: str  # the body's name, or the consultation's title for a consultation meeting
    meeting_title: str
    starts_at: datetime
    mode: str  # translated display value
    place: str
    minutes: str
    decisions: str = ""
    summary: str = ""
    late_reason: str = ""
    # (name, attendance) of participants who may be named: organisations, and persons who
    # agreed; the others are only counted.
    participants: list[tuple[str, str]] = field(default_factory=list)
    unnamed_participants: int = 0
    answers: list[AnsweredQuestion] = field(default_factory=list)


@dataclass(frozen=True)
class MemberRow:
    name: str
    role: str  # translated display value
    represents: list[str]
    starts_on: date
    ends_on: date | None = None


@dataclass(frozen=True)
class MemberListData:
    institution: str
    body: str
    kind: str  # translated display value
    term_starts_on: date
    term_ends_on: date | None
    generated_on: date
    members: list[MemberRow]
    represented: list[str] = field(default_factory=list)
    unrepresented: list[str] = field(default_factory=list)


def _language() -> str:
    return (get_language() or "lv")[:2]


def _term(starts_on: date, ends_on: date | None) -> str:
    end = dates.format_short_date(ends_on) if ends_on else gettext("open-ended")
    return f"{dates.format_short_date(starts_on)} – {end}"


def minutes_document(data: MinutesData) -> Document:
    start = data.starts_at
    if timezone.is_aware(start):
        start = timezone.localtime(start)
    facts = [
        gettext("Time: %(time)s") % {"time": dates.format_datetime(start)},
        gettext("Form: %(mode)s") % {"mode": data.mode},
    ]
    if data.place:
        facts.append(gettext("Place: %(place)s") % {"place": data.place})
    sections = [Section(gettext("Meeting"), facts)]
    sections.append(Section(gettext("Minutes"), paragraphs(data.minutes)))
    if data.decisions.strip():
        sections.append(Section(gettext("Decisions"), paragraphs(data.decisions)))
    if data.summary.strip():
        sections.append(Section(gettext("What we heard"), paragraphs(data.summary)))
    if data.participants or data.unnamed_participants:
        note = []
        if data.unnamed_participants:
            note.append(
                gettext("Other participants (not named at their wish): %(n)s")
                % {"n": data.unnamed_participants}
            )
        table = (
            Table(
                [gettext("No."), gettext("Participant"), gettext("Attendance")],
                [[str(n), name, how] for n, (name, how) in enumerate(data.participants, 1)],
                [1, 8, 3],
            )
            if data.participants
            else None
        )
        sections.append(Section(gettext("Participants"), note, table))
    if data.answers:
        sections.append(
            Section(
                gettext("Answers to questions sent in advance"),
                table=Table(
                    [gettext("No."), gettext("Question"), gettext("Answer")],
                    [
                        [
                            str(n),
                            f"{item.asker}: {item.question}" if item.asker else item.question,
                            item.answer,
                        ]
                        for n, item in enumerate(data.answers, 1)
                    ],
                    [1, 6, 6],
                ),
            )
        )
    if data.late_reason.strip():
        sections.append(
            Section(gettext("Published after the deadline"), paragraphs(data.late_reason))
        )
    return Document(
        kind="protokols",
        document_title=gettext("Minutes of the meeting"),
        institution=data.institution,
        body=data.body,
        title=data.meeting_title,
        date=start,
        sections=sections,
        language=_language(),
    )


def member_list_document(data: MemberListData) -> Document:
    rows = [
        [
            str(number),
            member.name,
            member.role,
            ", ".join(member.represents) or "—",
            _term(member.starts_on, member.ends_on),
        ]
        for number, member in enumerate(data.members, start=1)
    ]
    about = [
        gettext("Kind: %(kind)s") % {"kind": data.kind},
        gettext("Term: %(term)s") % {"term": _term(data.term_starts_on, data.term_ends_on)},
    ]
    sections = [
        Section(gettext("Consultative body"), about),
        Section(
            gettext("Current members"),
            [] if rows else [gettext("The body has no members yet.")],
            Table(
                [
                    gettext("No."),
                    gettext("Member"),
                    gettext("Role"),
                    gettext("Represents"),
                    gettext("Term"),
                ],
                rows,
                [1, 5, 3, 5, 4],
            )
            if rows
            else None,
        ),
        Section(
            gettext("Whom the members represent"),
            [
                gettext("Represented: %(groups)s")
                % {"groups": ", ".join(data.represented) or gettext("none yet")},
                gettext("Not represented: %(groups)s")
                % {
                    "groups": ", ".join(data.unrepresented) or gettext("every group is represented")
                },
            ],
        ),
    ]
    return Document(
        kind="biedri",
        document_title=gettext("List of members"),
        institution=data.institution,
        body=data.body,
        title=data.body,
        date=data.generated_on,
        sections=sections,
        language=_language(),
    )
