"""Helpers every service uses: the permission check that raises a DomainError."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext as _

from .errors import PermissionDeniedError


def require(permission: str, by: Any, obj: Any = None) -> None:
    """Refuse the change unless `by` holds the named permission on `obj`."""
    if not rules.has_perm(permission, by, obj):
        raise PermissionDeniedError(_("You do not have permission to do this."))
