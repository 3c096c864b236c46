"""Reads of the audit trail for pages: public events, filtered by known fields only, in keyset
pages (by sequence) so the cost does not grow with the length of the log."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from opengov.accounts.predicates import is_administrator

from .models import AuditEvent, AuditEventQuerySet

OBJECT_KEY = re.compile(r"^[a-z_]+\.[a-z_]+:\d+$")
APP_LABELS = ["accounts", "action_plans", "organisations", "meetings", "core"]


def visible_events(user: Any) -> AuditEventQuerySet:
    return AuditEvent.objects.all() if is_administrator(user) else AuditEvent.objects.public()


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
