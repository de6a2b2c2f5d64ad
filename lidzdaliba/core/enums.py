"""Vocabulary shared by every participation app.

These are the words of the Latvian participation rules (see DESIGN.md "Vocabulary"); each
participation app (consultations now; initiatives, councils later) answers with the same
outcomes, so they live here rather than in any one app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyStage(models.TextChoices):
    PROBLEM_IDENTIFICATION = "problem_identification", _("Problem identification")
    SOLUTION_DESIGN = "solution_design", _("Solution design")
    DRAFTING = "drafting", _("Drafting")
    ADOPTION = "adoption", _("Adoption")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATION = "evaluation", _("Evaluation")


class ParticipationForm(models.TextChoices):
    WRITTEN_CONSULTATION = "written_consultation", _("Written consultation")
    PUBLIC_MEETING = "public_meeting", _("Public consultation meeting")
    WORKING_GROUP = "working_group", _("Working group")
    SURVEY = "survey", _("Survey")
    IDEA_COLLECTION = "idea_collection", _("Idea collection")


class ActType(models.TextChoices):
    """What kind of act is being drafted; some kinds carry their own minimum period."""

    LAW = "law", _("Law")
    CABINET_REGULATION = "cabinet_regulation", _("Cabinet regulation")
    POLICY_PLANNING_DOCUMENT = "policy_planning_document", _("Policy planning document")
    MUNICIPAL_BINDING_REGULATION = "municipal_binding_regulation", _("Municipal binding regulation")
    MUNICIPAL_DECISION = "municipal_decision", _("Municipal decision")
    OTHER = "other", _("Other document")


class Outcome(models.TextChoices):
    """How an institution took an opinion into account. Every outcome needs a reason."""

    TAKEN_INTO_ACCOUNT = "taken_into_account", _("Taken into account")
    PARTLY_TAKEN_INTO_ACCOUNT = "partly_taken_into_account", _("Partly taken into account")
    NOT_TAKEN_INTO_ACCOUNT = "not_taken_into_account", _("Not taken into account")
    NOTED = "noted", _("Noted (no change needed)")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")


class OpinionKind(models.TextChoices):
    OBJECTION = "objection", _("Objection")
    PROPOSAL = "proposal", _("Proposal")
    SUPPORT = "support", _("Support")
    QUESTION = "question", _("Question")
