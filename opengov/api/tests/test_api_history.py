"""The audit history through the API: each event verifiable from its response, public events
only unless an administrator's token asks, filters, and pagination by sequence."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.utils import timezone

from opengov.core import audit

from . import helpers
from .helpers import bearer, get, ids, record, walk

# The shared fixtures, named here so that pytest finds them for this module.
draft_plan, world = helpers.draft_plan, helpers.world


def test_history_event_can_be_verified_from_the_response(client, world, participant):
    event = record(
        world["commitment"], actor=participant, changes={"title": ["Ancien", "Nouveau é"]}
    )
    body = get(client, f"/history/{event.sequence}").json()
    hashed = "sequence occurred_at actor_id actor_label verb object_type object_id object_repr"
    payload = {
        key: body[key]
        for key in [*hashed.split(), "scope_key", "changes", "is_public", "prev_hash"]
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == body["hash"]
    assert body["actor_id"] == participant.pk


def test_history_lists_public_events_newest_first_with_filters(client, world):
    first = record(world["commitment"], verb="test.one")
    second = record(world["milestone"], verb="test.two")
    hidden = record(world["commitment"], verb="test.hidden", is_public=False)
    listed = ids(client, "/history", key="sequence")
    assert listed.index(second.sequence) < listed.index(first.sequence)
    assert hidden.sequence not in listed
    assert get(client, f"/history/{hidden.sequence}").status_code == 404
    assert ids(client, "/history?verb=test.two", key="sequence") == [second.sequence]
    key = audit.object_key(world["commitment"])
    about = ids(client, f"/history?object={key}", key="sequence")
    assert first.sequence in about and second.sequence not in about
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert ids(client, f"/history?since={tomorrow.isoformat()}", key="sequence") == []
    assert first.sequence in ids(client, f"/history?since={timezone.localdate()}", key="sequence")


def test_administrator_sees_private_history(client, world, administrator):
    hidden = record(world["commitment"], verb="test.hidden", is_public=False)
    response = get(client, f"/history/{hidden.sequence}", **bearer(administrator))
    assert response.status_code == 200


def test_history_pagination_by_sequence(client, world):
    created = [record(world["commitment"], verb="test.page").sequence for _ in range(9)]
    seen = walk(client, "/history?verb=test.page", limit=4, key="sequence")
    assert seen == sorted(created, reverse=True)
