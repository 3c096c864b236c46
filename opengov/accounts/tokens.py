"""Personal API tokens: creating one (its raw value is returned once and only its SHA-256 is kept)
and revoking one. Both are recorded in the audit trail, privately."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.errors import DomainError, PermissionDeniedError

from .models import ApiToken, TokenScope, hash_token
from .predicates import is_administrator, is_signed_in

TOKEN_PREFIX = "og_"  # noqa: S105 - a public marker that makes leaked tokens easy to spot
PREFIX_LENGTH = 10
MAX_NAME = 100
MAX_ACTIVE_TOKENS = 20


def create_api_token(*, by: Any, name: str, scope: str = TokenScope.WRITE) -> tuple[ApiToken, str]:
    """Give the signed-in user a new token named `name`, able to read only or to read and write
    (`scope`) as them. Returns the token and its raw value, which is not stored and cannot be
    shown again. A user holds at most MAX_ACTIVE_TOKENS."""
    if not is_signed_in(by) or getattr(by, "pk", None) is None:
        raise PermissionDeniedError(_("Sign in to create an API token."))
    if scope not in TokenScope.values:
        raise DomainError(_("Choose what the token may do."), field="scope")
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Enter a name for the token."), field="name")
    if len(name) > MAX_NAME:
        raise DomainError(
            _("The name must be %(max)s characters or fewer.") % {"max": MAX_NAME}, field="name"
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        if ApiToken.objects.active().filter(user=by).count() >= MAX_ACTIVE_TOKENS:
            raise DomainError(
                _("You already have %(max)s tokens: revoke one you no longer use first.")
                % {"max": MAX_ACTIVE_TOKENS},
                field="name",
            )
        token = ApiToken.objects.create(
            user=by,
            name=name,
            prefix=raw[:PREFIX_LENGTH],
            token_hash=hash_token(raw),
            scope=scope,
        )
        audit.record(
            actor=by,
            verb="accounts.apitoken.created",
            obj=token,
            changes=audit.created(token, ["name", "prefix", "scope"]),
            is_public=False,
        )
    return token, raw


def revoke_api_token(*, by: Any, token: ApiToken) -> ApiToken:
    """Revoke a token: it stops working at once. Only its owner or an administrator may; a token
    is revoked once."""
    if not is_signed_in(by) or (token.user_id != by.pk and not is_administrator(by)):
        raise PermissionDeniedError(_("You can only revoke your own API tokens."))
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise DomainError(_("This token has already been revoked."))
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit.record(
            actor=by,
            verb="accounts.apitoken.revoked",
            obj=locked,
            changes={"revoked_at": [None, audit.to_json_value(locked.revoked_at)]},
            is_public=False,
        )
    return locked
