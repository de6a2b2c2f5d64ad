"""Initiatives for tests and demo-like setups, made through the services in each stage."""

from __future__ import annotations

from lidzdaliba.institutions.models import Territory, Topic


def initiative_fields(**overrides) -> dict:
    fields = {
        "kind": "collective_submission",
        "title": "Apgaismot gājēju ceļu gar Gaujas krastu",
        "problem": "Vakaros gājēju ceļš gar upi ir tumšs un bīstams.",
        "solution": "Uzstādīt ielu apgaismojumu visā ceļa garumā.",
        "topic": Topic.objects.get(slug="valsts-parvalde"),
        "territory": Territory.objects.get(slug="latvija"),
    }
    fields.update(overrides)
    return fields


def draft_initiative(author, institution, **overrides):
    from lidzdaliba.initiatives import services

    return services.initiative_create(
        author=author, institution=institution, **initiative_fields(**overrides)
    )


def initiative_in_moderation(author, institution, cosponsor, **overrides):
    """Drafted, one co-sponsor invited and accepted, submitted (the rules need one)."""
    from lidzdaliba.initiatives import services
    from lidzdaliba.initiatives.models import Initiative

    initiative = draft_initiative(author, institution, **overrides)
    (invitation,) = services.cosponsor_invite(
        actor=author, initiative=initiative, emails=[cosponsor.email]
    )
    services.cosponsor_accept(user=cosponsor, token=invitation.token)
    services.initiative_submit(actor=author, initiative=initiative)
    return Initiative.objects.get(pk=initiative.pk)


def collecting_initiative(author, institution, cosponsor, moderator, **overrides):
    from lidzdaliba.initiatives import services
    from lidzdaliba.initiatives.models import Initiative

    initiative = initiative_in_moderation(author, institution, cosponsor, **overrides)
    services.initiative_moderate(actor=moderator, initiative=initiative, decision="approved")
    return Initiative.objects.select_related("institution").get(pk=initiative.pk)
