"""Every write to user accounts and role grants. Administrators only; each change is recorded in
the audit trail as a private event (accounts are not public objects)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.errors import DomainError
from opengov.core.services import require

from . import rules as _rules  # noqa: F401  (registers accounts.manage_users)
from .models import Role, RoleGrant, User

if TYPE_CHECKING:
    from opengov.action_plans.models import Commitment
    from opengov.organisations.models import Organisation

# Roles whose grant may name a commitment; a commitment lead's grant must name what it covers.
SCOPED_TO_COMMITMENT = {Role.COMMITMENT_LEAD}


def create_user(
    *,
    by: Any,
    email: str,
    name: str,
    password: str | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create an account. The e-mail address must be valid and not already in use (ignoring case);
    a password, when given, must pass the deployment's password rules, otherwise the account has
    no usable password until its owner resets it. The audit event never holds the e-mail address
    or the password."""
    require("accounts.manage_users", by)
    email = User.objects.normalize_email(email.strip()).lower()
    name = " ".join(name.split())
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError(_("Enter a valid e-mail address."), field="email") from error
    candidate = User(email=email, name=name)
    if password is not None:
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="password") from error
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise DomainError(
                _("A user with the e-mail address %(email)s already exists.") % {"email": email},
                field="email",
            )
        user = User.objects.create_user(
            email=email,
            password=password,
            name=name,
            is_staff=is_staff,
            is_superuser=is_superuser,
        )
        changes = audit.created(user, ["name", "is_staff", "is_superuser"])
        changes["has_password"] = [None, password is not None]
        audit.record(
            actor=by, verb="accounts.user.created", obj=user, changes=changes, is_public=False
        )
    return user


def grant_role(
    *,
    by: Any,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    commitment: Commitment | None = None,
) -> RoleGrant:
    """Give a user a role. A commitment lead's grant names the organisation whose commitments it
    covers or one commitment; other roles may be scoped to an organisation (a civil-society member
    speaks for it) but never to a commitment. Granting the same role and scope twice is refused."""
    require("accounts.manage_users", by)
    if role not in Role.values:
        raise DomainError(_("Choose a role."), field="role")
    if organisation is not None and commitment is not None:
        raise DomainError(
            _("Scope the role to an organisation or to a commitment, not both."),
            field="commitment",
        )
    if commitment is not None and role not in SCOPED_TO_COMMITMENT:
        raise DomainError(_("Only a commitment lead's role can name a commitment."), "commitment")
    if role == Role.COMMITMENT_LEAD and organisation is None and commitment is None:
        raise DomainError(
            _("Choose the organisation or the commitment this commitment lead is responsible for."),
            field="organisation",
        )
    with transaction.atomic():
        duplicate = RoleGrant.objects.filter(
            user=user, role=role, organisation=organisation, commitment=commitment
        )
        if duplicate.exists():
            raise DomainError(_("%(user)s already has this role.") % {"user": user}, field="role")
        grant = RoleGrant.objects.create(
            user=user, role=role, organisation=organisation, commitment=commitment
        )
        audit.record(
            actor=by,
            verb="accounts.role.granted",
            obj=grant,
            changes=audit.created(grant, ["user", "role", "organisation", "commitment"]),
            scope=user,
            is_public=False,
        )
    # The user's grants are cached per instance; drop the cache so the new role counts at once.
    user.__dict__.pop("_role_grants_cache", None)
    return grant


def set_notification_frequency(*, by: Any, frequency: str) -> User:
    """Set how `by` gets notification e-mails (opengov.core.notifications). A personal setting of
    one's own account, like a password: not part of the public record, so no audit event."""
    from .models import NotificationFrequency

    if not getattr(by, "is_authenticated", False):
        raise DomainError(_("Sign in to change your notification settings."))
    if frequency not in NotificationFrequency.values:
        raise DomainError(_("Choose one of the options shown"), field="frequency")
    with transaction.atomic():
        User.objects.filter(pk=by.pk).update(notification_frequency=frequency)
        if frequency != NotificationFrequency.DAILY:
            # Nothing is lost: what waited for the digest is sent now, as the person now wants it.
            _flush_digest(by, send=frequency == NotificationFrequency.IMMEDIATELY)
    by.notification_frequency = frequency
    return by


def _flush_digest(user: User, *, send: bool) -> None:
    from opengov.core.models import DigestItem
    from opengov.core.notifications import send_digests_for

    if send:
        send_digests_for(user)
    DigestItem.objects.filter(recipient=user).delete()
