"""The three standard questions asked of every consultation's participants once its
feedback is published — the source evaluation's questions, now measured continuously."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

STANDARD_QUESTIONS = {
    "taken_into_account": _("Was your opinion taken into account?"),
    "explained_why": _(
        "Did the institution explain why your opinion was or was not taken into account?"
    ),
    "ease_of_taking_part": _("How easy was it to take part?"),
}
STANDARD_LABELS = {
    "taken_into_account": (_("not at all"), _("fully")),
    "explained_why": (_("not at all"), _("fully")),
    "ease_of_taking_part": (_("very hard"), _("very easy")),
}
ANSWER_DAYS = 30
