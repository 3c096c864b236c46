"""Reads of the audit trail for pages: public events, filtered by known fields only, in keyset
pages (by sequence) so the cost does not grow with the length of the log."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat

from opengov.accounts.predicates import is_administrator

from .models import AuditEvent, AuditEventQuerySet

OBJECT_KEY = re.compile(r"^[a-z_]+\.[a-z_]+:\d+$")
APP_LABELS = ["accounts", "action_plans", "organisations", "meetings", "core"]


def _keys(objects: QuerySet[Any], label: str) -> QuerySet[Any]:
    """The audit object keys ("app.model:pk") of these objects, as a subquery."""
    key = Concat(Value(f"{label}:"), Cast("pk", CharField()), output_field=CharField())
    return objects.annotate(audit_key=key).values("audit_key")


def public_events() -> AuditEventQuerySet:
    """Events recorded as public, less those about a meeting that is not public now, or about
    anything within it: a meeting made private after it was recorded keeps its earlier events in
    the chain (ADR 3), but they leave every public door with it."""
    from opengov.meetings.models import ActionItem, Meeting  # meetings is built on core

    hidden = Meeting.objects.filter(is_public=False)
    meetings = _keys(hidden, "meetings.meeting")
    actions = _keys(ActionItem.objects.filter(meeting__in=hidden), "meetings.actionitem")
    return (
        AuditEvent.objects.public()
        .exclude(object_key__in=meetings)
        .exclude(scope_key__in=meetings)
        .exclude(object_key__in=actions)
    )


def visible_events(user: Any) -> AuditEventQuerySet:
    """Every event for administrators; the public ones for anyone else."""
    return AuditEvent.objects.all() if is_administrator(user) else public_events()


@dataclass
class HistoryFilter:
    object: str = ""
    app: str = ""
    since: dt.date | None = None

    @classmethod
    def from_query(cls, query: Any) -> HistoryFilter:
        """Unknown or malformed values are ignored, never passed to the database as names."""
        key = str(query.get("object", ""))[:170]
        app = str(query.get("app", ""))
        since: dt.date | None = None
        try:
            since = (
                dt.date.fromisoformat(str(query.get("since", ""))) if query.get("since") else None
            )
        except ValueError:
            since = None
        return cls(
            object=key if OBJECT_KEY.match(key) else "",
            app=app if app in APP_LABELS else "",
            since=since,
        )

    def apply(self, events: AuditEventQuerySet) -> AuditEventQuerySet:
        if self.object:
            events = events.about(self.object)
        if self.app:
            events = events.filter(verb__startswith=f"{self.app}.")
        if self.since:
            events = events.filter(occurred_at__date__gte=self.since)
        return events


def page_of_events(
    events: AuditEventQuerySet, *, before: int | None, size: int
) -> tuple[list[AuditEvent], int | None]:
    """Newest first; `before` is the sequence to continue from. Returns (events, next before)."""
    if before is not None:
        events = events.filter(sequence__lt=before)
    rows = list(events.order_by("-sequence")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return rows, (rows[-1].sequence if more and rows else None)
