"""API schemas shared by every app (a choice as key and label, links to an object's history) and
the audit event as the API shows it: every field its hash covers, so anyone can verify it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from django.db import models
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator

from .audit import object_key
from .models import AuditEvent
from .text import clean_line

HISTORY_PATH = "/history/"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    """Pydantic alone reads 0, "0" or a timestamp as a date (1 January 1970): a date in the API
    is written YYYY-MM-DD, as its schema says, or it is refused."""
    if isinstance(value, dt.date) or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return value
    raise ValueError(_("Enter a date as YYYY-MM-DD."))


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]


def _one_line(value: Any) -> Any:
    return clean_line(value) if isinstance(value, str) else value


# A one-line text input (a title, a name): cleaned by opengov.core.text.clean_line, as a form's
# text input is; long text is cleaned by the API's parser (opengov.core.request_text).
OneLineText = Annotated[str, BeforeValidator(_one_line)]


def history_url(obj: models.Model) -> str:
    """The public history page of one object."""
    return f"{HISTORY_PATH}?object={object_key(obj)}"


class PublicPage(Schema):
    """Every public object: its HTML page and its history page (the apps' output schemas add
    their own fields to it)."""

    url: str
    history_url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())

    @staticmethod
    def resolve_history_url(obj: Any) -> str:
        return history_url(obj)


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
    withheld: bool = Field(
        description="True when a person this event names deleted their account: their name is "
        "withheld from actor_label, object_repr and changes, so this event cannot be verified "
        "on its own; its hash still links the chain."
    )
    history_url: str

    @staticmethod
    def resolve_occurred_at(obj: AuditEvent) -> str:
        return obj.occurred_at.astimezone(dt.UTC).isoformat()

    @staticmethod
    def resolve_withheld(obj: AuditEvent) -> bool:
        return bool(getattr(obj, "withheld", False))

    @staticmethod
    def resolve_history_url(obj: AuditEvent) -> str:
        return f"{HISTORY_PATH}?object={obj.object_key}"
