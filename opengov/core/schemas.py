"""API schemas shared by every app (a choice as key and label, links to an object's history) and
the audit event as the API shows it: every field its hash covers, so anyone can verify it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from ninja import Field, Schema

from .audit import object_key
from .models import AuditEvent

HISTORY_PATH = "/history/"


def history_url(obj: models.Model) -> str:
    """The public history page of one object."""
    return f"{HISTORY_PATH}?object={object_key(obj)}"


class ChoiceOut(Schema):
    """A value from a fixed vocabulary: the stable `key` to filter on, the `label` to show."""

    key: str
    label: str


def choice(obj: Any, field: str) -> ChoiceOut | None:
    """`obj.<field>` as key and label; None when empty."""
    key = getattr(obj, field)
    if not key:
        return None
    label = getattr(obj, f"get_{field}_display")()
    return ChoiceOut(key=str(key), label=str(label))


class HistoryEventOut(Schema):
    sequence: int
    occurred_at: str = Field(
        description="When it happened, in UTC, exactly as hashed (Python's isoformat())."
    )
    actor_id: int | None = Field(
        description="The acting account's number (null for the system); part of the hash."
    )
    actor_label: str = Field(description="Who did it, by public name.")
    verb: str
    object_type: str
    object_id: str
    object_key: str
    object_repr: str
    scope_key: str
    changes: dict[str, Any] = Field(description="{field: [old, new]} for each changed field.")
    is_public: bool
    prev_hash: str
    hash: str
    history_url: str

    @staticmethod
    def resolve_occurred_at(obj: AuditEvent) -> str:
        return obj.occurred_at.astimezone(dt.UTC).isoformat()

    @staticmethod
    def resolve_history_url(obj: AuditEvent) -> str:
        return f"{HISTORY_PATH}?object={obj.object_key}"
