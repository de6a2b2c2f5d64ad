"""People, the organisations they represent, and their API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in with an e-mail address; holds the minimum personal data we need."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="lv"
    )
    is_coordinator = models.BooleanField(
        _("coordinator"),
        default=False,
        help_text=_("Reads everything across all institutions, edits nothing."),
    )
    # Appointed and removed by the coordinator (lidzdaliba/moderation), never by the person.
    is_moderator = models.BooleanField(
        _("moderator"),
        default=False,
        help_text=_("Hides and restores opinions of any institution, with reasons."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # The eID identity (accounts/identity.py): when it was last verified, the keyed hash of
    # the personal code (unique: one identity, one account), the code encrypted (only the
    # verification export reads it) and the date of birth the eID vouched for.
    eid_verified_at = models.DateTimeField(_("eID verified"), null=True, blank=True)
    personal_code_hash = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )
    personal_code_encrypted = models.TextField(blank=True, editable=False)
    verified_birth_date = models.DateField(
        _("date of birth (eID-verified)"), null=True, blank=True, editable=False
    )
    # Only when the eID provider gives them (settings EID_CLAIM_CITIZENSHIP and
    # EID_CLAIM_MUNICIPALITY), and only what signing's eligibility needs: whether the person
    # is a citizen of Latvia (None: not given) and the declared municipality's name.
    verified_latvian_citizen = models.BooleanField(
        _("citizen of Latvia (eID-verified)"), null=True, blank=True, editable=False
    )
    verified_municipality = models.CharField(
        _("declared municipality (eID-verified)"),
        max_length=100,
        blank=True,
        default="",
        editable=False,
    )

    objects = UserManager()
    # Not stored: the person's officer roles by institution, read once per request by
    # institutions.rules (the app that knows roles; accounts does not import it).
    officer_roles_cache: dict[int, set[str]] | None = None

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.email.split("@")[0]

    @property
    def eid_verified(self) -> bool:
        return self.eid_verified_at is not None and bool(self.personal_code_hash)


class Organisation(models.Model):
    """An NGO, company or other legal person on whose behalf people give opinions."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("Association or foundation (NGO)")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    registration_number = models.CharField(
        _("registration number"),
        max_length=32,
        unique=True,
        help_text=_("As in the Register of Enterprises, e.g. 40008000000."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Representation",
        related_name="organisations",
        blank=True,
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Representation(models.Model):
    """A person may submit opinions on an organisation's behalf."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    is_admin = models.BooleanField(_("may add representatives"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_representation")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class ApiTokenQuerySet(models.QuerySet):
    def live(self) -> ApiTokenQuerySet:
        """Tokens that still open the API: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now())
        )


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the token is shown once."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    # Not stored: set on the tokens accounts/services.py hands back, for the edge to show.
    replaced: ApiToken | None  # the token a new one revoked (api_token_create)
    key: str  # the secret, only when it was just issued (api_token_for_credentials)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def generate_key() -> str:
        return "ldz_" + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )
