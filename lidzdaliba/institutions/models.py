"""Institutions, the people who work in them, and the reference lists people filter by."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lidzdaliba.core.models import BilingualNameModel


class Territory(BilingualNameModel):
    """Where a decision applies: the whole country, a planning region or a municipality."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Whole country")
        REGION = "region", _("Planning region")
        MUNICIPALITY = "municipality", _("Municipality")

    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["kind", "name"]


class Topic(BilingualNameModel):
    """A policy area (health, education, transport, …)."""

    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")
        ordering = ["name"]


class AffectedGroup(BilingualNameModel):
    """A group of the public a decision concerns (residents, NGOs, farmers, …)."""

    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("affected group")
        verbose_name_plural = _("affected groups")
        ordering = ["position", "name"]


class AffectedGroupDeclaration(models.Model):
    """A person's own statement that they belong to an affected group: optional, and
    personal data of special care (a group can reveal a disability or an origin). Only the
    person sees it (their profile); it pre-fills the opinion form, whose choice is stored
    with the opinion, and is counted only in aggregate. Kept out of the admin on purpose."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(AffectedGroup, on_delete=models.CASCADE, related_name="+")
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="unique_group_declaration")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.group_id}"


class Institution(BilingualNameModel):
    class Kind(models.TextChoices):
        STATE = "state", _("State institution")
        MUNICIPAL = "municipal", _("Municipal institution")

    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent institution"),
    )
    territory = models.ForeignKey(
        Territory,
        on_delete=models.PROTECT,
        related_name="institutions",
        verbose_name=_("territory"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    participation_info = models.TextField(
        _("about public participation"),
        blank=True,
        help_text=_("How this institution involves the public, in plain language."),
    )
    # The people an institution serves (a municipality's residents, the country's for the
    # Saeima): an initiative's threshold may be a share of it.
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_(
            "Residents the institution serves; initiative thresholds may be a share of it."
        ),
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="OfficerRole", related_name="institutions", blank=True
    )

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]


class OfficerRole(models.Model):
    """What one person may do in one institution. A person may hold several roles.

    editor: prepares and publishes consultations and their documents;
    responder: answers opinions and publishes the feedback table;
    manager: everything an editor and responder may do, plus the audit log and the roles.
    """

    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor")
        RESPONDER = "responder", _("Responder")
        MANAGER = "manager", _("Manager")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer_roles"
    )
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("officer role")
        verbose_name_plural = _("officer roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution", "role"], name="unique_officer_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.institution} ({self.get_role_display()})"
