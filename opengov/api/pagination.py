"""Keyset (cursor) pagination for every API list: `{"items": [...], "next": <cursor or null>}`.

A cursor is the URL-safe base64 of the JSON list of the last item's ordering key, so a page costs
the same however deep it is and rows added meanwhile never shift a page. The ordering must end
with a unique field (the primary key or the audit sequence) and use no nullable field."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from ninja import Field, Schema

from opengov.core.errors import DomainError

T = TypeVar("T")


class InvalidCursorError(DomainError):
    """The `cursor` parameter was not one this API handed out."""


class PageIn(Schema):
    cursor: str | None = Field(
        None, description="The `next` value of the previous page; omit it for the first page."
    )
    limit: int | None = Field(
        None,
        ge=1,
        description="Items per page (default 50); values above the maximum (200) are lowered.",
    )


class Page(Schema, Generic[T]):
    items: list[T]
    next: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


def page_size(limit: int | None) -> int:
    """The requested page size, defaulted and clamped to the configured maximum."""
    if limit is None:
        return int(settings.OPENGOV_API_PAGE_SIZE)
    return max(1, min(int(limit), int(settings.OPENGOV_API_MAX_PAGE_SIZE)))


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps([_json_value(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, model: type[models.Model], names: Sequence[str]) -> list[Any]:
    """The ordering key a cursor holds, each value converted to its field's Python type."""
    invalid = InvalidCursorError(
        "The cursor is not valid: use the `next` value of a previous page exactly as it was "
        "given, or leave the cursor out to start from the first page.",
        field="cursor",
    )
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error):
        raise invalid from None
    if not isinstance(values, list) or len(values) != len(names):
        raise invalid
    converted = []
    for name, value in zip(names, values, strict=True):
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise invalid
        try:
            field: Any = model._meta.pk if name == "pk" else model._meta.get_field(name)
            converted.append(field.to_python(value))
        except (FieldDoesNotExist, ValidationError, ValueError, TypeError):
            raise invalid from None
    return converted


def _after(names: Sequence[str], descending: Sequence[bool], values: Sequence[Any]) -> models.Q:
    """Rows strictly after `values` in the ordering: (a > x) or (a = x and b > y) or …"""
    condition = models.Q(pk__in=[])
    for i, name in enumerate(names):
        step = models.Q(**{f"{name}__{'lt' if descending[i] else 'gt'}": values[i]})
        for j in range(i):
            step &= models.Q(**{names[j]: values[j]})
        condition |= step
    return condition


def paginate(
    queryset: models.QuerySet[Any],
    *,
    ordering: Sequence[str],
    cursor: str | None,
    limit: int | None,
) -> dict[str, Any]:
    """One page of `queryset` in `ordering` ("-field" for descending), after `cursor`. Prefetches
    on the queryset run once per page, so the number of queries does not grow with its size."""
    names = [field.lstrip("-") for field in ordering]
    descending = [field.startswith("-") for field in ordering]
    size = page_size(limit)
    queryset = queryset.order_by(*ordering)
    if cursor:
        values = decode_cursor(cursor, queryset.model, names)
        queryset = queryset.filter(_after(names, descending, values))
    rows = list(queryset[: size + 1])
    items, more = rows[:size], len(rows) > size
    next_cursor = encode_cursor([getattr(items[-1], n) for n in names]) if more else None
    return {"items": items, "next": next_cursor}
