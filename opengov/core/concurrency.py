"""Optimistic concurrency for editable records: a save made from a stale version is refused."""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.utils.translation import gettext as _

from .errors import ConflictError

M = TypeVar("M", bound=models.Model)


def lock_for_edit(
    model: type[M], *, pk: object, expected_version: int | None, related: tuple[str, ...] = ()
) -> M:
    """Load and lock the row (with the `related` rows it needs, in the same query); refuse if
    someone saved it after `expected_version` was read. `expected_version=None` means the caller
    did not start from a form (CLI, import)."""
    rows = model._default_manager.select_for_update(of=("self",) if related else ())
    obj = rows.select_related(*related).get(pk=pk)
    current = obj.version  # type: ignore[attr-defined]
    if expected_version is not None and expected_version != current:
        raise ConflictError(
            _(
                "Someone else changed this record while you were editing it. "
                "Your changes have not been saved: reload the page to see the latest version, "
                "then make your changes again."
            ),
            field=None,
        )
    return obj


def bump_version(obj: models.Model) -> None:
    obj.version = obj.version + 1  # type: ignore[attr-defined]
