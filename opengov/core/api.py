"""The audit trail over the API: GET /history and /history/{sequence}, newest first.

Only public events are listed, except to administrators. Each event carries everything its hash
covers, so anyone can check that nothing in the published history was altered (see `VERIFY`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from opengov.accounts.withheld import withhold_names
from opengov.api.auth import viewer
from opengov.api.pagination import Page, PageIn, paginate

from .history import visible_events
from .models import AuditEvent, AuditEventQuerySet
from .schemas import HistoryEventOut, IsoDate

VERIFY = """Every change is an event in an append-only, hash-chained log.

To verify an event, build the JSON object with exactly these keys from the response:
`sequence`, `occurred_at`, `actor_id`, `actor_label`, `verb`, `object_type`, `object_id`,
`object_repr`, `scope_key`, `changes`, `is_public`, `prev_hash`; serialise it with sorted keys,
no whitespace (separators `,` and `:`) and non-ASCII characters kept as UTF-8 (in Python:
`json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`). The SHA-256
of its UTF-8 bytes, in lowercase hex, is the event's `hash`. Each event's `prev_hash` is the
`hash` of the event with the previous sequence number; the first event's is 64 zeros. Events
that are not public (token management, drafts) are left out of the public list, so the chain
shows gaps there; every listed event still verifies on its own, except one marked `withheld`:
a person it names deleted their account, so their name is replaced here by "former participant"
or "withheld" and the fields shown are not those its hash covers. Its `hash` and `prev_hash`
still link the chain."""

router = Router(tags=["history"])


class HistoryFilters(Schema):
    object: str | None = Field(
        None,
        description='An object key such as "action_plans.commitment:12": its events and those '
        "of everything within it.",
    )
    verb: str | None = Field(None, description='Such as "action_plans.milestone.completed".')
    since: IsoDate | None = Field(None, description="Events on or after this date (ISO 8601).")


def events_for(user: Any) -> AuditEventQuerySet:
    """The same events as the history pages show the user (opengov.core.history)."""
    return visible_events(user)


@router.get("/history", response=Page[HistoryEventOut], description=VERIFY)
def list_history(
    request: HttpRequest, filters: Query[HistoryFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """The audit trail, newest first."""
    events = events_for(viewer(request))
    if filters.object:
        events = events.about(filters.object)
    if filters.verb:
        events = events.filter(verb=filters.verb)
    if filters.since:
        start = dt.datetime.combine(filters.since, dt.time.min)
        events = events.filter(occurred_at__gte=timezone.make_aware(start))
    result = paginate(events, ordering=["-sequence"], cursor=page.cursor, limit=page.limit)
    result["items"] = withhold_names(result["items"])
    return result


@router.get("/history/{sequence}", response=HistoryEventOut, description=VERIFY)
def get_history_event(request: HttpRequest, sequence: int) -> AuditEvent:
    """One event of the audit trail."""
    event = events_for(viewer(request)).filter(sequence=sequence).first()
    if event is None:
        raise Http404
    return withhold_names([event])[0]
