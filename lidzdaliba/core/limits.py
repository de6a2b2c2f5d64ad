"""How much text people and officers may write into one field: one number for every path.

The web forms, the API schemas and the services all take their limits from here, so a text
the API refuses is refused by the form too, and the service (the last word) refuses it
whatever edge it came through. Every export holds whatever was accepted: a spreadsheet cell
that cannot (XLSX: 32,767 characters) says so in the cell instead of cutting silently.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# An opinion, a proposed wording, an answer's reason and new wording, a summary, a
# justification: a long letter, about eight printed pages.
LONG_TEXT_CHARS = 20_000
# A typed or extracted draft act (the same bound as the text taken from an uploaded PDF).
DOCUMENT_TEXT_CHARS = 2_000_000
# A short note, such as what changed in a new version of the draft.
NOTE_CHARS = 500


def check_lengths(values: Mapping[str, str | None], *, limit: int = LONG_TEXT_CHARS) -> None:
    """Raise ValidationError naming every field of `values` longer than `limit`."""
    errors = {
        name: [
            _("This text is too long: at most %(limit)s characters (it has %(length)s).")
            % {
                "limit": number_format(limit, force_grouping=True),
                "length": number_format(len(value), force_grouping=True),
            }
        ]
        for name, value in values.items()
        if value is not None and len(value) > limit
    }
    if errors:
        raise ValidationError(errors)
