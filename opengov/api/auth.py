"""Who is calling the API: personal bearer tokens (hashed at rest, revocable), never the session.

Writes require a token (`ApiTokenAuth`), so a browser's session cookie can never be used to make a
cross-site write. Reads are public; a caller that sends a token reads as its user (`viewer`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from opengov.accounts.models import ApiToken, TokenScope, hash_token

LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def token_for(raw: str) -> ApiToken | None:
    """The active token with this raw value, or None. Marks it used, at most once a minute so
    that busy clients do not write on every request."""
    raw = raw.strip()
    if not raw:
        return None
    token = (
        ApiToken.objects.active().select_related("user").filter(token_hash=hash_token(raw)).first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def user_for_token(raw: str) -> Any | None:
    """The active user the raw token belongs to, or None."""
    token = token_for(raw)
    return token.user if token is not None else None


class ApiTokenAuth(HttpBearer):
    """Writes: `Authorization: Bearer og_…` of a token that may write gives its user; no valid
    token is a 401, a read-only token a 403."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        found = token_for(token)
        if found is None:
            return None
        if found.scope != TokenScope.WRITE:
            raise HttpError(403, "This API token is read-only: it cannot change anything.")
        return found.user


def viewer(request: HttpRequest) -> Any:
    """The reader of a public endpoint: anonymous without an Authorization header, the token's
    user with a valid one. A header that is not a valid bearer token is refused (401), so a
    mistyped token never silently reads as anonymous."""
    header = request.headers.get("Authorization", "").strip()
    if not header:
        return AnonymousUser()
    scheme, _, raw = header.partition(" ")
    user = user_for_token(raw) if scheme.lower() == "bearer" else None
    if user is None:
        raise AuthenticationError(401, "The API token is not valid or has been revoked.")
    return user


token_auth = ApiTokenAuth()
