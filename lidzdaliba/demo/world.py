"""Small helpers shared by the demo builders: text clean-up, the clock, the lookups."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from lidzdaliba.accounts.models import Organisation, User
from lidzdaliba.institutions.models import Institution


def paragraphs(text: str) -> str:
    """Join wrapped lines with a space; keep blank lines as paragraph boundaries."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(block.split()) for block in blocks if block.strip())


def draft_text(text: str) -> str:
    """A draft written in a content module: one clause per line, wrapped lines indented.

    A line that starts at the draft's left margin opens a new paragraph (the title, a
    heading or a numbered clause); an indented line continues the previous one. Returns the
    paragraphs separated by blank lines, which is how `split_into_clauses` reads them.
    """
    result: list[str] = []
    for line in textwrap.dedent(text).strip("\n").split("\n"):
        if not line.strip():
            continue
        if line[0].isspace() and result:
            result[-1] += " " + line.strip()
        else:
            result.append(line.strip())
    return "\n\n".join(result)


def one_line(text: str) -> str:
    return " ".join(text.split())


class Clock:
    """Whole days relative to the local day the demo is loaded, at a given time of day."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)

    def at(self, day: int, hour: int = 0, minute: int = 0) -> datetime:
        return self.today + timedelta(days=day, hours=hour, minutes=minute)


@dataclass
class World:
    """What the consultation builder needs to look up by key."""

    clock: Clock
    people: dict[str, User] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    institutions: dict[str, Institution] = field(default_factory=dict)
    editors: dict[str, User] = field(default_factory=dict)
    responders: dict[str, User] = field(default_factory=dict)
