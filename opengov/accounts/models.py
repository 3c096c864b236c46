"""Users sign in with an e-mail address; what they may do comes from their role grants."""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    SECRETARIAT = "secretariat", _("Secretariat (network coordinator)")
    GOVERNMENT_CONTACT = "government_contact", _("Government point of contact")
    COMMITMENT_LEAD = "commitment_lead", _("Commitment lead")
    FORUM_MEMBER = "forum_member", _("Forum member")
    CIVIL_SOCIETY_MEMBER = "civil_society_member", _("Civil-society member")
    PARTICIPANT = "participant", _("Participant")


# What a deleted account and its person record are shown as, wherever a name would be.
FORMER_PARTICIPANT = _("former participant")
# A deleted account's e-mail address: "erased-<id>@invalid". It can never belong to a live account:
# the domain has no dot, so no form or service accepts it (and ".invalid" is reserved, RFC 2606).
ERASED_EMAIL_DOMAIN = "invalid"


def erased_email(user_id: int) -> str:
    return f"erased-{user_id}@{ERASED_EMAIL_DOMAIN}"


def contributor_label(name: str, account_id: int | None) -> str:
    """The name shown with a contribution (an update, an assessment, a moved due date): the public
    name copied when it was made; "former participant" once its author deleted their account
    (the copy is emptied then, the link to the account is kept)."""
    if name:
        return name
    return str(FORMER_PARTICIPANT) if account_id else ""


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class NotificationFrequency(models.TextChoices):
    """How a user wants the e-mails the site sends them about what they follow."""

    IMMEDIATELY = "immediately", _("One e-mail for each notification, when it happens")
    DAILY = "daily", _("One e-mail a day with everything that happened (a daily digest)")
    NEVER = "never", _("No e-mails (you can still see everything on the site)")


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    notification_frequency = models.CharField(
        _("notification e-mails"),
        max_length=12,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATELY,
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        if self.is_erased:
            return str(FORMER_PARTICIPANT)
        return self.name or self.email

    @property
    def is_erased(self) -> bool:
        """True once the account has been deleted (opengov.accounts.privacy.delete_account)."""
        return self.email == erased_email(self.pk) if self.pk else False

    @property
    def public_name(self) -> str:
        """The name shown next to what this user did; never the e-mail address."""
        if self.is_erased:
            return str(FORMER_PARTICIPANT)
        return self.name or str(_("a registered user"))

    def role_grants(self) -> list[RoleGrant]:
        """This user's grants, loaded once per request-lived instance."""
        cached: list[RoleGrant] | None = getattr(self, "_role_grants_cache", None)
        if cached is None:
            cached = list(self.grants.all())
            self._role_grants_cache = cached
        return cached


class RoleGrant(models.Model):
    """A role held by a user. A commitment lead's grant is scoped to an organisation (every
    commitment it leads) or to one named commitment."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("organisation"),
    )
    commitment = models.ForeignKey(
        "action_plans.Commitment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("commitment"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role grant")
        # One grant per user, role and scope. Three partial constraints rather than one with
        # NULLS NOT DISTINCT, which SQLite does not support.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(organisation__isnull=True, commitment__isnull=True),
                name="accounts_rolegrant_unique_unscoped",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=models.Q(organisation__isnull=False, commitment__isnull=True),
                name="accounts_rolegrant_unique_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "commitment"],
                condition=models.Q(commitment__isnull=False),
                name="accounts_rolegrant_unique_per_commitment",
            ),
        ]

    def __str__(self) -> str:
        scope = self.commitment or self.organisation
        label = Role(self.role).label
        return f"{self.user} – {label}" + (f" ({scope})" if scope else "")


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class TokenScope(models.TextChoices):
    """What a token may do, on top of what its owner may: read as them, or also write as them."""

    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the raw value is shown once. Its scope
    bounds it further than its owner's roles: a read-only token can never change anything."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(
        _("scope"), max_length=5, choices=TokenScope.choices, default=TokenScope.WRITE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
