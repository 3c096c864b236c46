"""Meetings over the API: shapes, filters, cursor pagination, private meetings hidden, no account
details, and query counts that do not grow with the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opengov.accounts.tokens import create_api_token
from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.meetings.models import ActionItemReview, Decision
from opengov.meetings.tests.factories import (
    ActionItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    MinutesSectionFactory,
    held_on,
)
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.urls("opengov.meetings.tests.feed_test_urls")

API = "/api/v1"


def get(client, path: str, **kwargs):
    return client.get(f"{API}{path}", **kwargs)


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(by=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def ids(client, path: str, key: str = "id", **kwargs) -> list:
    response = get(client, path, **kwargs)
    assert response.status_code == 200, response.content
    return [item[key] for item in response.json()["items"]]


@pytest.fixture
def world(db, commitment, lead_organisation, civil_society_organisation, participant):
    """A public meeting with everything in it, a later one that reviews its action, a private
    meeting with its own action, and a commitment of a draft plan named in the minutes."""
    series = MeetingSeriesFactory(name="OGN and Cabinet Office", slug="ogn-co")
    meeting = MeetingFactory(
        title="Where we've got to",
        series=series,
        starts_at=held_on(dt.date(2016, 11, 10), 14),
        place="70 Whitehall",
        organiser=lead_organisation,
        summary="Progress on NAP3",
    )
    ana = PersonFactory(name="Ana Example", user=participant)
    attendance = AttendanceFactory(
        meeting=meeting, person=ana, organisation=civil_society_organisation, role="chair"
    )
    apology = AttendanceFactory(meeting=meeting, person=PersonFactory(name="Ben Absent"))
    apology.sent_apologies = True
    apology.save()
    draft = CommitmentFactory(plan=ActionPlanFactory(published_at=None), title="Draft only")
    section = MinutesSectionFactory(
        meeting=meeting, heading="Open contracting", commitments=[commitment, draft]
    )
    decision = Decision.objects.create(meeting=meeting, section=section, text="Meet monthly")
    action = ActionItemFactory(
        meeting=meeting,
        text="Write to the Minister",
        owner_organisation=lead_organisation,
        owner_person=ana,
        due_on=dt.date(2016, 12, 1),
        commitment=commitment,
    )
    later = MeetingFactory(
        title="Follow-up", series=series, starts_at=held_on(dt.date(2016, 12, 8)), status="planned"
    )
    review = ActionItemReview.objects.create(
        action_item=action, meeting=later, status="open", note="Letter drafted"
    )
    private = MeetingFactory(
        title="Secretariat only", starts_at=held_on(dt.date(2016, 11, 20)), is_public=False
    )
    private_action = ActionItemFactory(meeting=private, text="Private action")
    ActionItemReview.objects.create(
        action_item=action, meeting=private, status="open", note="Private note"
    )
    return locals()


# Shapes ------------------------------------------------------------------------------------

MEETING_KEYS = """id title series starts_at ends_at place online_url organiser status summary
source_url minutes_published_at version url history_url"""
ACTION_KEYS = """id meeting position text owner owner_organisation owner_person due_on due_phrase
status done_on status_note is_overdue commitment version url history_url"""


def test_meeting_list_shape(client, world):
    body = get(client, "/meetings").json()
    assert set(body) == {"items", "next"}
    item = body["items"][0]
    assert set(item) == set(MEETING_KEYS.split())
    assert item["id"] == world["later"].pk
    first = body["items"][1]
    assert first["series"]["slug"] == "ogn-co"
    assert first["organiser"]["slug"] == "cabinet-office"
    assert first["status"] == {"key": "held", "label": "Held"}
    assert first["url"] == world["meeting"].get_absolute_url()
    assert first["history_url"] == f"/history/?object=meetings.meeting:{world['meeting'].pk}"


def test_meeting_detail_shape(client, world):
    meeting = world["meeting"]
    body = get(client, f"/meetings/{meeting.pk}").json()
    keys = {"attendees", "apologies", "sections", "decisions", "action_items"}
    assert set(body) == set(MEETING_KEYS.split()) | keys
    assert body["attendees"] == [
        {
            "person": {
                "slug": world["ana"].slug,
                "name": "Ana Example",
                "url": world["ana"].get_absolute_url(),
            },
            "organisation": {
                "slug": "involve",
                "name": "Involve",
                "url": world["civil_society_organisation"].get_absolute_url(),
            },
            "role": {"key": "chair", "label": "Chair"},
        }
    ]
    assert [a["person"]["name"] for a in body["apologies"]] == ["Ben Absent"]
    assert body["apologies"][0]["organisation"] is None
    section = body["sections"][0]
    assert section["heading"] == "Open contracting"
    assert section["commitment_ids"] == [world["commitment"].pk]
    decision = {"id": world["decision"].pk, "position": 0, "text": "Meet monthly"}
    assert body["decisions"] == [decision | {"section_id": world["section"].pk}]
    assert [a["text"] for a in body["action_items"]] == ["Write to the Minister"]


def test_action_item_shape(client, world):
    action = world["action"]
    item = get(client, "/action-items").json()["items"][0]
    assert set(item) == set(ACTION_KEYS.split())
    assert item["id"] == action.pk
    assert item["meeting"]["id"] == world["meeting"].pk
    assert item["meeting"]["title"] == "Where we've got to"
    assert item["owner"] == "Ana Example"
    assert item["owner_organisation"]["slug"] == "cabinet-office"
    assert item["owner_person"]["name"] == "Ana Example"
    assert item["status"] == {"key": "open", "label": "Open"}
    assert item["is_overdue"] is True
    assert item["commitment"]["id"] == world["commitment"].pk
    assert item["url"] == action.get_absolute_url()


def test_action_item_detail_lists_reviews_at_visible_meetings(client, world):
    body = get(client, f"/action-items/{world['action'].pk}").json()
    assert body["reviews"] == [
        {
            "meeting": {
                "id": world["later"].pk,
                "title": "Follow-up",
                "starts_at": "2016-12-08T10:00:00Z",
                "url": world["later"].get_absolute_url(),
            },
            "status": {"key": "open", "label": "Open"},
            "note": "Letter drafted",
        }
    ]


def test_secretariat_sees_reviews_at_private_meetings(client, world, secretariat):
    body = get(client, f"/action-items/{world['action'].pk}", **bearer(secretariat)).json()
    assert [r["note"] for r in body["reviews"]] == ["Private note", "Letter drafted"]  # by date


def test_action_on_a_draft_commitment_does_not_name_it(client, world):
    world["action"].commitment = world["draft"]
    world["action"].save()
    assert get(client, f"/action-items/{world['action'].pk}").json()["commitment"] is None


# Visibility and privacy --------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "participant", "lead"])
def test_private_meeting_is_hidden(client, world, who, user_for_role):
    headers = {} if who == "anonymous" else bearer(user_for_role(who))
    private = world["private"]
    assert get(client, f"/meetings/{private.pk}", **headers).status_code == 404
    assert get(client, f"/action-items/{world['private_action'].pk}", **headers).status_code == 404
    assert private.pk not in ids(client, "/meetings", **headers)
    assert world["private_action"].pk not in ids(client, "/action-items", **headers)


@pytest.mark.parametrize("who", ["secretariat", "administrator"])
def test_secretariat_sees_private_meeting(client, world, who, user_for_role):
    headers = bearer(user_for_role(who))
    assert get(client, f"/meetings/{world['private'].pk}", **headers).status_code == 200
    assert world["private"].pk in ids(client, "/meetings", **headers)
    assert world["private_action"].pk in ids(client, "/action-items", **headers)


def test_unknown_meeting_is_404_with_detail(client, db):
    response = get(client, "/meetings/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    "path", ["/meetings", "/meetings/{meeting}", "/action-items", "/action-items/{action}"]
)
def test_no_email_address_or_user_id_in_any_response(client, world, path):
    path = path.format(meeting=world["meeting"].pk, action=world["action"].pk)
    response = get(client, path)
    assert response.status_code == 200
    text = response.content.decode()
    assert "@example.org" not in text
    assert '"user' not in text and "email" not in text


def test_openapi_lists_meeting_paths(client, db):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    expected = [
        "/meetings",
        "/meetings/{meeting_id}",
        "/action-items",
        "/action-items/{action_item_id}",
    ]
    assert {f"{API}{p}" for p in expected} <= set(paths)


# Filters -----------------------------------------------------------------------------------


def test_meeting_filters(client, world):
    meeting, later = world["meeting"], world["later"]
    other = MeetingFactory(series=MeetingSeriesFactory(slug="other"))
    assert ids(client, "/meetings?series=ogn-co") == [later.pk, meeting.pk]
    assert other.pk in ids(client, "/meetings?series=other")
    assert ids(client, "/meetings?status=planned") == [later.pk]
    assert ids(client, "/meetings?from=2016-12-08") == [later.pk]
    assert ids(client, "/meetings?to=2016-11-10&series=ogn-co") == [meeting.pk]
    assert ids(client, "/meetings?from=2016-11-11&to=2016-12-07") == []
    assert get(client, "/meetings?status=cancelled").status_code == 422
    assert get(client, "/meetings?from=10 November").status_code == 422


def test_action_item_filters(client, world, lead_organisation):
    action, meeting = world["action"], world["meeting"]
    today = timezone.localdate()
    future = ActionItemFactory(meeting=world["later"], due_on=today + dt.timedelta(days=30))
    done = ActionItemFactory(
        meeting=world["later"],
        owner_organisation=lead_organisation,
        due_on=dt.date(2016, 1, 1),
        status="done",
        done_on=dt.date(2016, 1, 2),
    )
    assert ids(client, "/action-items?owner=cabinet-office") == [action.pk, done.pk]
    assert ids(client, "/action-items?status=done") == [done.pk]
    assert ids(client, "/action-items?overdue=true") == [action.pk]
    assert ids(client, "/action-items?overdue=false") == [future.pk, done.pk]
    assert ids(client, f"/action-items?meeting={meeting.pk}") == [action.pk]
    assert ids(client, "/action-items?series=ogn-co") == [action.pk, future.pk, done.pk]
    assert ids(client, "/action-items?series=nothing") == []
    assert get(client, "/action-items?status=late").status_code == 422


# Pagination --------------------------------------------------------------------------------


def walk(client, path: str, limit: int) -> list:
    seen, cursor = [], None
    while True:
        query = f"limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        separator = "&" if "?" in path else "?"
        response = get(client, f"{path}{separator}{query}")
        assert response.status_code == 200, response.content
        body = response.json()
        assert len(body["items"]) <= limit
        seen += [item["id"] for item in body["items"]]
        cursor = body["next"]
        if cursor is None:
            return seen


def test_cursor_pagination_walks_meetings_newest_first_with_ties(client, db):
    created = [MeetingFactory(starts_at=held_on(dt.date(2017, 1, 1 + n % 3))).pk for n in range(11)]
    seen = walk(client, "/meetings", limit=4)
    assert sorted(seen) == sorted(created) and len(seen) == len(set(seen))
    assert seen == ids(client, "/meetings?limit=200")


def test_cursor_pagination_walks_action_items(client, db):
    meetings = [MeetingFactory() for _ in range(3)]
    created = [ActionItemFactory(meeting=meetings[n % 3], position=n % 2).pk for n in range(13)]
    seen = walk(client, "/action-items", limit=5)
    assert sorted(seen) == sorted(created) and len(seen) == len(set(seen))


def test_bad_cursor_is_400(client, db):
    response = get(client, "/meetings?cursor=not-a-cursor!!")
    assert response.status_code == 400
    assert response.json()["field"] == "cursor"


# Query counts ------------------------------------------------------------------------------


def build(n: int, series, organisation, commitment):
    """A meeting with n of everything, and n more meetings each with an action."""
    meeting = MeetingFactory(series=series, organiser=organisation)
    for i in range(n):
        person = PersonFactory()
        AttendanceFactory(meeting=meeting, person=person, organisation=organisation)
        section = MinutesSectionFactory(meeting=meeting, commitments=[commitment])
        Decision.objects.create(meeting=meeting, section=section, position=i, text=f"D{i}")
        other = MeetingFactory(series=series, organiser=OrganisationFactory())
        action = ActionItemFactory(
            meeting=meeting,
            owner_organisation=OrganisationFactory(),
            owner_person=person,
            commitment=commitment,
        )
        ActionItemFactory(meeting=other, owner_person=person, commitment=commitment)
        ActionItemReview.objects.create(action_item=action, meeting=other, status="open")
    return meeting


@pytest.mark.parametrize("path", ["/meetings", "/action-items", "/meetings/{meeting}"])
@pytest.mark.parametrize("who", ["anonymous", "secretariat"])
def test_query_count_does_not_grow(client, db, commitment, path, who, user_for_role):
    series = MeetingSeriesFactory()
    headers = {} if who == "anonymous" else bearer(user_for_role(who))

    def count(n: int) -> int:
        meeting = build(n, series, OrganisationFactory(), commitment)
        url = f"{path.format(meeting=meeting.pk)}?limit=200"
        get(client, url, **headers)  # the token is marked used at most once a minute
        with CaptureQueriesContext(connection) as queries:
            response = get(client, url, **headers)
        assert response.status_code == 200
        return len(queries)

    assert count(3) == count(30)


def test_action_item_detail_query_count_does_not_grow(client, db, commitment):
    series = MeetingSeriesFactory()

    def count(n: int) -> int:
        action = ActionItemFactory(meeting=build(1, series, OrganisationFactory(), commitment))
        for _ in range(n):
            ActionItemReview.objects.create(
                action_item=action, meeting=MeetingFactory(series=series), status="open"
            )
        with CaptureQueriesContext(connection) as queries:
            assert get(client, f"/action-items/{action.pk}").status_code == 200
        return len(queries)

    assert count(3) == count(30)
