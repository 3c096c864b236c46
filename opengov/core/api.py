"""The audit trail over the API: GET /history and /history/{sequence}, newest first.

Only public events are listed, except to administrators. Each event carries everything its hash
covers, so anyone can check that nothing in the published history was altered (see `VERIFY`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from opengov.accounts.predicates import is_administrator
from opengov.accounts.withheld import withhold_names
from opengov.api.auth import viewer
from opengov.api.pagination import Page, PageIn, decode_cursor, encode_cursor, page_size, paginate

from .history import public_page, visible_event
from .models import AuditEvent
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


@router.get("/history", response=Page[HistoryEventOut], description=VERIFY)
def list_history(
    request: HttpRequest, filters: Query[HistoryFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """The audit trail, newest first."""
    user = viewer(request)
    events = AuditEvent.objects.all()
    if filters.verb:
        events = events.filter(verb=filters.verb)
    if filters.since:
        start = dt.datetime.combine(filters.since, dt.time.min)
        events = events.filter(occurred_at__gte=timezone.make_aware(start))
    if is_administrator(user):
        if filters.object:
            events = events.about(filters.object)
        result = paginate(events, ordering=["-sequence"], cursor=page.cursor, limit=page.limit)
    else:
        # The public events, read as the history page reads them (`public_page`): the cost
        # follows the page, not the number of meetings. The cursor is the one `paginate` writes.
        before = None
        if page.cursor:
            (before,) = decode_cursor(page.cursor, AuditEvent, ["sequence"])
        items, next_before = public_page(
            events,
            about=filters.object or "",
            before=before,
            size=page_size(page.limit),
        )
        result = {
            "items": items,
            "next": encode_cursor([next_before]) if next_before is not None else None,
        }
    result["items"] = withhold_names(result["items"])
    return result


@router.get("/history/{sequence}", response=HistoryEventOut, description=VERIFY)
def get_history_event(request: HttpRequest, sequence: int) -> AuditEvent:
    """One event of the audit trail."""
    event = visible_event(viewer(request), sequence)
    if event is None:
        raise Http404
    return withhold_names([event])[0]
