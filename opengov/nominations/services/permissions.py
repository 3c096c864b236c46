"""The rule check of the taking-part services, refusing with the reason (rules.refusal_reason):
the window that is closed, or what the user lacks, rather than a bare "no permission"."""

from __future__ import annotations

from typing import Any

import rules

from opengov.core.errors import PermissionDeniedError

from ..rules import refusal_reason


def require_to(permission: str, by: Any, obj: Any) -> None:
    """Refuse (PermissionDeniedError, 403 on the API) unless `by` holds `permission` on `obj`."""
    if not rules.has_perm(permission, by, obj):
        raise PermissionDeniedError(refusal_reason(permission, by, obj))
