"""Reads of the audit trail for pages: public events, filtered by known fields only, in keyset
pages (by sequence) so the cost does not grow with the length of the log."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
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


def hidden_keys(keys: Iterable[str]) -> set[str]:
    """Of these audit keys, those whose events `public_events` leaves out: a meeting that is not
    public now, or an action item of one. Reads only the rows the keys name (by primary key)."""
    from opengov.meetings.models import ActionItem, Meeting

    meetings, items = set(), set()
    for key in keys:
        label, _, pk = key.partition(":")
        if pk.isdigit():
            if label == "meetings.meeting":
                meetings.add(int(pk))
            elif label == "meetings.actionitem":
                items.add(int(pk))
    hidden: set[str] = set()
    if meetings:
        private = Meeting.objects.filter(pk__in=meetings, is_public=False)
        hidden.update(f"meetings.meeting:{pk}" for pk in private.values_list("pk", flat=True))
    if items:
        within = ActionItem.objects.filter(pk__in=items, meeting__is_public=False)
        hidden.update(f"meetings.actionitem:{pk}" for pk in within.values_list("pk", flat=True))
    return hidden


def _shown(event: AuditEvent, hidden: set[str]) -> bool:
    """As `public_events()`: left out when its object is a hidden meeting or action item, or its
    scope a hidden meeting."""
    scope_hidden = event.scope_key in hidden and event.scope_key.startswith("meetings.meeting:")
    return event.object_key not in hidden and not scope_hidden


def newest_public(
    events: AuditEventQuerySet, limit: int, *, before: int | None = None
) -> tuple[list[AuditEvent], bool]:
    """The `limit` newest of `events` (public ones, any further filters applied) that
    `public_events()` keeps, newest first, with sequence below `before` if given; and whether
    there are more. Read backwards along the sequence in batches, the few meetings and action items
    each batch names looked up by key (`hidden_keys`), until `limit` are found: the cost follows
    the page, not the number of meetings (the subqueries of `public_events()` read every private
    meeting and its action items on every call: 10 ms of the history page at S=100)."""
    events = events.public().order_by("-sequence")
    if before is not None:
        events = events.filter(sequence__lt=before)
    found: list[AuditEvent] = []
    size = limit + 1
    while True:
        batch = list(events[:size])
        hidden = hidden_keys({k for e in batch for k in (e.object_key, e.scope_key) if k})
        found.extend(event for event in batch if _shown(event, hidden))
        if len(found) > limit or len(batch) < size:
            return found[:limit], len(found) > limit
        events = events.filter(sequence__lt=batch[-1].sequence)
        size = min(size * 2, 1000)  # a run of hidden events: read further at each step


def _about(key: str, events: AuditEventQuerySet) -> list[AuditEventQuerySet]:
    """`events.about(key)` as separate reads, one per indexed column, that `newest_public` can
    walk: none for a private meeting (nothing about it or within it is public); for a private
    meeting's action item, only what is within it."""
    own = hidden_keys({key})
    if key in own and key.startswith("meetings.meeting:"):
        return []
    columns = ("scope_key",) if own else ("object_key", "scope_key")
    return [events.filter(**{column: key}) for column in columns]


def newest_public_of(
    reads: list[AuditEventQuerySet], limit: int, *, before: int | None = None
) -> tuple[list[AuditEvent], bool]:
    """`newest_public` over the union of several reads, merged newest first."""
    found: dict[int, AuditEvent] = {}
    more = False
    for events in reads:
        rows, rows_more = newest_public(events, limit, before=before)
        found.update((event.pk, event) for event in rows)
        more = more or rows_more
    merged = sorted(found.values(), key=lambda event: event.sequence, reverse=True)
    return merged[:limit], more or len(merged) > limit


def newest_public_about(key: str, limit: int) -> list[AuditEvent]:
    """The `limit` newest of the events `public_events()` has whose object or scope is `key`,
    newest first (`public_events().about(key)`). Read as two index scans, (object_key, sequence)
    and (scope_key, sequence), each stopping once it has `limit` events to show: the cost does not
    grow with the number of events about `key`, nor with the number of meetings, as one query
    with OR and the hidden meetings' keys as subqueries did (measured at S=100 on PostgreSQL:
    80 ms for the call for ideas with the most ideas)."""
    return newest_public_of(_about(key, AuditEvent.objects.all()), limit)[0]


def public_page(
    events: AuditEventQuerySet, *, about: str = "", before: int | None, size: int
) -> tuple[list[AuditEvent], int | None]:
    """A page of the public history as `page_of_events(public_events()...)` gives it, read as
    `newest_public` does: `events` carries any filters but the object, `about` the object key."""
    reads = _about(about, events) if about else [events]
    rows, more = newest_public_of(reads, size, before=before)
    return rows, (rows[-1].sequence if more and rows else None)


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
        return self.apply_fields(events)

    def apply_fields(self, events: AuditEventQuerySet) -> AuditEventQuerySet:
        """Every filter but the object's."""
        if self.app:
            events = events.filter(verb__startswith=f"{self.app}.")
        if self.since:
            events = events.filter(occurred_at__date__gte=self.since)
        return events


def page_for(
    user: Any, filters: HistoryFilter, *, before: int | None, size: int
) -> tuple[list[AuditEvent], int | None]:
    """The history page `user` sees: every event for administrators, the public ones for anyone
    else (`public_page`). Newest first; returns (events, the `before` of the next page)."""
    if is_administrator(user):
        return page_of_events(filters.apply(AuditEvent.objects.all()), before=before, size=size)
    events = filters.apply_fields(AuditEvent.objects.all())
    return public_page(events, about=filters.object, before=before, size=size)


def newest_for(user: Any, limit: int) -> list[AuditEvent]:
    """The `limit` newest events `user` may see (the home page's "latest changes")."""
    return page_for(user, HistoryFilter(), before=None, size=limit)[0]


def visible_event(user: Any, sequence: int) -> AuditEvent | None:
    """The event with this sequence if `user` may see it (as `visible_events(user)`), read by its
    sequence alone: the meeting or action item it names is looked up by key."""
    event = AuditEvent.objects.filter(sequence=sequence).first()
    if event is None or is_administrator(user):
        return event
    names = {key for key in (event.object_key, event.scope_key) if key}
    if not event.is_public or not _shown(event, hidden_keys(names)):
        return None
    return event


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
