"""history.newest_public_about: the newest public events about an object, read without sorting
all of them, must be exactly what `public_events().about(key)` gives, newest first."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from opengov.core import audit
from opengov.core.actors import SYSTEM
from opengov.core.audit import object_key
from opengov.core.history import (
    HistoryFilter,
    hidden_keys,
    newest_for,
    newest_public_about,
    page_for,
    public_events,
    visible_event,
)
from opengov.core.models import AuditEvent
from opengov.meetings.models import Meeting
from opengov.meetings.tests.factories import ActionItemFactory, MeetingFactory
from opengov.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def reference(key: str, limit: int):
    return list(public_events().about(key).order_by("-sequence")[:limit])


@pytest.fixture
def world():
    """An organisation with events about it and within it, some of them about meetings and
    action items; then two of the four meetings are made private, as a secretariat can."""
    rng = random.Random(20161110)
    target, other = OrganisationFactory(), OrganisationFactory()
    meetings = [MeetingFactory() for _ in range(4)]
    items = [ActionItemFactory(meeting=meeting) for meeting in meetings for _ in range(2)]
    shapes = [
        lambda: (target, None),
        lambda: (target, other),
        lambda: (target, rng.choice(meetings)),  # within a meeting: hidden with it
        lambda: (target, rng.choice(items)),  # "within" an action item: never hidden for it
        lambda: (rng.choice(meetings), target),
        lambda: (rng.choice(items), target),
        lambda: (other, target),
        lambda: (other, rng.choice(meetings)),
    ]
    with transaction.atomic():
        for number in range(120):
            obj, scope = rng.choice(shapes)()
            audit.record(
                actor=SYSTEM,
                verb=f"test.event.{number}",
                obj=obj,
                scope=scope,
                is_public=rng.random() < 0.85,
            )
    Meeting.objects.filter(pk__in=[meetings[0].pk, meetings[2].pk]).update(is_public=False)
    return {"target": target, "other": other, "meetings": meetings, "items": items}


@pytest.mark.parametrize("limit", [1, 2, 5, 10, 30, 200])
def test_the_newest_public_events_about_an_object_are_those_of_the_query_it_replaces(world, limit):
    for obj in [world["target"], world["other"], *world["meetings"], *world["items"]]:
        key = object_key(obj)
        assert newest_public_about(key, limit) == reference(key, limit), key


def test_a_private_meeting_has_no_public_events(world):
    hidden = world["meetings"][0]

    assert newest_public_about(object_key(hidden), 10) == []
    assert reference(object_key(hidden), 10) == []


def test_hidden_keys_names_only_private_meetings_and_their_action_items(world):
    meetings, items = world["meetings"], world["items"]
    keys = {object_key(m) for m in meetings} | {object_key(i) for i in items}
    keys |= {object_key(world["target"]), "meetings.meeting:not-a-number", ""}

    assert hidden_keys(keys) == {
        object_key(meetings[0]),
        object_key(meetings[2]),
        *(object_key(i) for i in items if i.meeting_id in (meetings[0].pk, meetings[2].pk)),
    }


def test_the_queries_do_not_grow_with_the_events_about_the_object(world):
    key = object_key(world["target"])
    with CaptureQueriesContext(connection) as before:
        newest_public_about(key, 3)
    with transaction.atomic():
        for number in range(50):
            audit.record(actor=SYSTEM, verb=f"test.more.{number}", obj=world["target"])
    with CaptureQueriesContext(connection) as after:
        shown = newest_public_about(key, 3)

    assert [e.verb for e in shown] == ["test.more.49", "test.more.48", "test.more.47"]
    assert len(after) <= len(before)


def test_events_hidden_among_the_newest_are_made_up_from_older_ones():
    """The newest events about an organisation happened within a meeting made private since:
    the preview shows the newest ones that are still public, as many as asked for."""
    organisation, meeting = OrganisationFactory(), MeetingFactory()
    with transaction.atomic():
        for number in range(5):
            audit.record(actor=SYSTEM, verb=f"test.public.{number}", obj=organisation)
        for number in range(8):
            audit.record(
                actor=SYSTEM, verb=f"test.within.{number}", obj=organisation, scope=meeting
            )
    Meeting.objects.filter(pk=meeting.pk).update(is_public=False)
    key = object_key(organisation)

    shown = newest_public_about(key, 3)

    assert [e.verb for e in shown] == ["test.public.4", "test.public.3", "test.public.2"]
    assert shown == reference(key, 3)


@pytest.mark.parametrize("events", [5, 60])
def test_a_private_meeting_with_many_events_is_answered_in_the_same_few_queries(events):
    """Every event about a private meeting is hidden: it is not read batch by batch."""
    meeting = MeetingFactory()
    item = ActionItemFactory(meeting=meeting)
    with transaction.atomic():
        for number in range(events):
            audit.record(actor=SYSTEM, verb=f"test.meeting.{number}", obj=meeting)
            audit.record(actor=SYSTEM, verb=f"test.item.{number}", obj=item, scope=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(is_public=False)

    for obj in (meeting, item):
        key = object_key(obj)
        with CaptureQueriesContext(connection) as queries:
            shown = newest_public_about(key, 3)
        assert shown == reference(key, 3) == []
        assert len(queries) <= 2, key


def reference_pages(events, size: int) -> list[list[int]]:
    """The pages `page_of_events(public_events()...)` gave: sequences, newest first."""
    sequences = list(events.order_by("-sequence").values_list("sequence", flat=True))
    return [sequences[start : start + size] for start in range(0, len(sequences), size)] or [[]]


def walk(filters: HistoryFilter, size: int) -> list[list[int]]:
    pages, before = [], None
    while True:
        rows, before = page_for(AnonymousUser(), filters, before=before, size=size)
        pages.append([event.sequence for event in rows])
        if before is None:
            return pages


@pytest.mark.parametrize("size", [1, 3, 7, 50])
def test_every_page_of_the_public_history_is_that_of_the_query_it_replaces(world, size):
    """Paged through to the end, unfiltered, by app, by date and by each object: the same events
    on the same pages as `public_events()` filtered, newest first."""
    keys = [object_key(o) for o in [world["target"], *world["meetings"], *world["items"]]]
    cases = [HistoryFilter(), HistoryFilter(app="core"), *(HistoryFilter(object=k) for k in keys)]
    cases.append(HistoryFilter(since=dt.date(2000, 1, 1)))
    for filters in cases:
        assert walk(filters, size) == reference_pages(filters.apply(public_events()), size), filters


def test_the_home_feed_and_one_event_follow_the_same_rule(world):
    newest = list(public_events().order_by("-sequence")[:10])
    assert newest_for(AnonymousUser(), 10) == newest

    shown = set(public_events().values_list("sequence", flat=True))
    for sequence in AuditEvent.objects.values_list("sequence", flat=True):
        event = visible_event(AnonymousUser(), sequence)
        assert (event is not None) == (sequence in shown), sequence
    assert visible_event(AnonymousUser(), 10**9) is None


def test_a_page_of_the_history_does_not_read_every_private_meeting(world):
    """The queries of a page of the public history do not grow with the private meetings."""
    with CaptureQueriesContext(connection) as before:
        page_for(AnonymousUser(), HistoryFilter(), before=None, size=5)
    for _ in range(20):
        MeetingFactory(is_public=False)
    with CaptureQueriesContext(connection) as after:
        page_for(AnonymousUser(), HistoryFilter(), before=None, size=5)

    assert len(after) == len(before)
    # Meetings are read only by the keys the page's events name, never all the private ones.
    meeting_reads = [q["sql"] for q in after if "meetings_meeting" in q["sql"]]
    assert all('."id" IN (' in sql for sql in meeting_reads), meeting_reads


@pytest.mark.parametrize("limit", [1, 7, 50])
def test_the_api_history_paged_by_its_cursor_lists_exactly_the_public_events(client, world, limit):
    """Anonymous readers of /api/v1/history, following `next` to the end, get the events of
    `public_events()`, newest first: none of the private meetings' events, none twice."""
    key = object_key(world["target"])
    for params in ({}, {"object": key}):
        seen, cursor = [], None
        while True:
            query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
            body = client.get("/api/v1/history", query).json()
            seen += [item["sequence"] for item in body["items"]]
            cursor = body["next"]
            if cursor is None:
                break
        events = public_events().about(key) if params else public_events()
        assert seen == list(events.order_by("-sequence").values_list("sequence", flat=True))
