"""Public pages of meetings: status codes, private meetings hidden, the list's order and filter,
the meeting page's content, the action register's filters and overdue marks, the commitment and
organisation pages' links to meetings, and query counts that do not grow with the rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opengov.action_plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    ProgressUpdateFactory,
)
from opengov.core.actors import SYSTEM
from opengov.meetings import services
from opengov.meetings.choices import ActionStatus, AttendanceRole
from opengov.meetings.models import ActionItemReview
from opengov.meetings.tests.factories import (
    ActionItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    MinutesSectionFactory,
    held_on,
)
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

REGISTER = "meetings:action-register"


def count_queries(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def series():
    return MeetingSeriesFactory(name="OGN and Cabinet Office", slug="ogn-cabinet-office")


@pytest.fixture
def meeting(series):
    return MeetingFactory(title="Where we've got to; the OGP Summit", series=series)


@pytest.fixture
def private_meeting(series):
    return MeetingFactory(title="Steering committee (closed)", series=series, is_public=False)


# Status codes and visibility -------------------------------------------------------------------


def test_anonymous_can_see_the_public_pages(client, meeting, series):
    item = ActionItemFactory(meeting=meeting)
    for url in [
        reverse("meetings:meeting-list"),
        series.get_absolute_url(),
        meeting.get_absolute_url(),
        reverse(REGISTER),
        item.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "govuk-breadcrumbs" in response.text or "<h1" in response.text


@pytest.mark.parametrize("role", ["anonymous", "participant", "lead", "government_contact"])
def test_private_meeting_is_404_for_the_public(client, private_meeting, user_for_role, role):
    user = user_for_role(role)
    if role != "anonymous":
        client.force_login(user)
    item = ActionItemFactory(meeting=private_meeting, text="A closed action")
    assert client.get(private_meeting.get_absolute_url()).status_code == 404
    assert client.get(item.get_absolute_url()).status_code == 404
    assert private_meeting.title not in client.get(reverse("meetings:meeting-list")).text
    assert "A closed action" not in client.get(reverse(REGISTER)).text


@pytest.mark.parametrize("role", ["secretariat", "administrator"])
def test_private_meeting_is_visible_to_the_secretariat(
    client, private_meeting, user_for_role, role
):
    client.force_login(user_for_role(role))
    item = ActionItemFactory(meeting=private_meeting, text="A closed action")
    response = client.get(private_meeting.get_absolute_url())
    assert response.status_code == 200
    assert "This meeting is not public" in response.text
    assert client.get(item.get_absolute_url()).status_code == 200
    assert private_meeting.title in client.get(reverse("meetings:meeting-list")).text
    assert "A closed action" in client.get(reverse(REGISTER)).text


def test_missing_objects_give_404(client, db):
    for name in ["meeting-detail", "action-detail"]:
        assert client.get(reverse(f"meetings:{name}", args=[999_999])).status_code == 404
    assert client.get(reverse("meetings:series-detail", args=["nobody"])).status_code == 404


def test_navigation_offers_meetings_and_actions(client, db):
    page = client.get(reverse("meetings:meeting-list")).text
    assert 'href="/meetings/"' in page and 'href="/actions/"' in page
    assert 'aria-current="page"' in page


# The meetings list -----------------------------------------------------------------------------


def test_meeting_list_shows_upcoming_then_past(client, series):
    today = timezone.localdate()
    MeetingFactory(title="Last year", starts_at=held_on(today - dt.timedelta(days=365)))
    MeetingFactory(title="Last month", starts_at=held_on(today - dt.timedelta(days=30)))
    MeetingFactory(title="Next year", starts_at=held_on(today + dt.timedelta(days=365)))
    MeetingFactory(title="Next month", starts_at=held_on(today + dt.timedelta(days=30)))
    page = client.get(reverse("meetings:meeting-list")).text
    order = [page.index(t) for t in ["Upcoming meetings", "Next month", "Next year"]]
    order += [page.index(t) for t in ["Past meetings", "Last month", "Last year"]]
    assert order == sorted(order)


def test_meeting_list_filters_by_series_and_ignores_unknown_values(client, meeting, series):
    MeetingFactory(title="A meeting of no series")
    url = reverse("meetings:meeting-list")
    filtered = client.get(url, {"series": series.slug}).text
    assert meeting.title.replace("'", "&#x27;") in filtered
    assert "A meeting of no series" not in filtered
    unknown = client.get(url, {"series": "'; DROP TABLE", "page": "x"})
    assert unknown.status_code == 200
    assert "A meeting of no series" in unknown.text


def test_meeting_list_is_paginated(client, db, settings):
    settings.OPENGOV_LIST_PAGE_SIZE = 2
    for n in range(5):
        MeetingFactory(title=f"Meeting number {n}")
    first = client.get(reverse("meetings:meeting-list")).text
    assert "govuk-pagination" in first
    assert client.get(reverse("meetings:meeting-list"), {"page": 3}).status_code == 200


def test_meeting_list_pages_run_across_the_upcoming_past_boundary(client, db, settings):
    settings.OPENGOV_LIST_PAGE_SIZE = 2
    today = timezone.localdate()
    for days, title in [(3, "Soon"), (30, "Later"), (300, "Much later")]:
        MeetingFactory(title=title, starts_at=held_on(today + dt.timedelta(days=days)))
    for days, title in [(3, "Just held"), (30, "Held a month ago")]:
        MeetingFactory(title=title, starts_at=held_on(today - dt.timedelta(days=days)))
    url = reverse("meetings:meeting-list")
    pages = [client.get(url, {"page": n}).context["page_obj"] for n in (1, 2, 3)]
    titles = [[m.title for m in page.object_list] for page in pages]
    assert titles == [["Soon", "Later"], ["Much later", "Just held"], ["Held a month ago"]]
    assert [[m.is_past for m in page.object_list] for page in pages] == [[0, 0], [0, 1], [1]]
    assert pages[0].paginator.count == 5


# The meeting page -----------------------------------------------------------------------------


def test_meeting_page_groups_attendees_by_organisation_and_lists_apologies(client, meeting):
    involve = OrganisationFactory(name="Involve")
    office = OrganisationFactory(name="Cabinet Office")
    for name, organisation in [("Tim Hughes", involve), ("Thom Townsend", office)]:
        person = PersonFactory(name=name)
        AttendanceFactory(meeting=meeting, person=person, organisation=organisation)
    AttendanceFactory(
        meeting=meeting,
        person=PersonFactory(name="Kaela Scott"),
        organisation=involve,
        role=AttendanceRole.CHAIR,
    )
    AttendanceFactory(meeting=meeting, person=PersonFactory(name="Gavin Freeguard"))
    AttendanceFactory(
        meeting=meeting,
        person=PersonFactory(name="Ben Gummer"),
        organisation=office,
        sent_apologies=True,
    )
    response = client.get(meeting.get_absolute_url())
    groups = response.context["attendee_groups"]
    assert [(o.name if o else None, [a.person.name for a in people]) for o, people in groups] == [
        ("Involve", ["Tim Hughes", "Kaela Scott"]),
        ("Cabinet Office", ["Thom Townsend"]),
        (None, ["Gavin Freeguard"]),
    ]
    page = response.text
    assert "(chair)" in page
    assert "Apologies" in page and "Ben Gummer" in page
    assert [a.person.name for a in response.context["apologies"]] == ["Ben Gummer"]


def test_meeting_page_shows_minutes_decisions_and_actions(client, meeting, commitment):
    section = MinutesSectionFactory(
        meeting=meeting,
        heading="Update on NAP3 commitments",
        text="**Broadly** things are on track. <script>alert(1)</script>",
        commitments=[commitment],
    )
    services.record_decision(
        by=SYSTEM, meeting=meeting, text="OGN to crowdsource ideas", section=section
    )
    ActionItemFactory(
        meeting=meeting,
        text="OGN to write to MCO",
        owner_text="OGN",
        due_on=dt.date(2016, 11, 28),
    )
    ActionItemFactory(meeting=meeting, text="Arrange a meeting", due_phrase="in the New Year")
    page = client.get(meeting.get_absolute_url()).text
    assert "<strong>Broadly</strong>" in page and "<script>alert(1)</script>" not in page
    assert commitment.get_absolute_url() in page
    assert "OGN to crowdsource ideas" in page
    assert "OGN to write to MCO" in page and "28 November 2016" in page
    assert "in the New Year" in page
    assert "Overdue" in page  # 28 November 2016 has passed and the action is open


def test_new_meeting_of_a_series_lists_open_actions_and_their_reviews(client, meeting, series):
    ActionItemFactory(meeting=meeting, text="OGN to write to MCO", owner_text="OGN")
    ActionItemFactory(
        meeting=meeting,
        text="Already done",
        status=ActionStatus.DONE,
        done_on=dt.date(2016, 11, 20),
    )
    later = services.create_meeting(
        by=SYSTEM, title="New Year meeting", series=series, starts_at=held_on(dt.date(2017, 1, 12))
    )
    page = client.get(later.get_absolute_url()).text
    assert "Actions from previous meetings" in page
    assert page.count("OGN to write to MCO") >= 2  # in the agenda, and in the reviews table
    assert "Already done" not in page


def test_meeting_page_hides_commitments_of_unpublished_plans(client, meeting):
    draft = CommitmentFactory(plan=ActionPlanFactory(published_at=None), title="Secret draft")
    MinutesSectionFactory(meeting=meeting, commitments=[draft])
    assert "Secret draft" not in client.get(meeting.get_absolute_url()).text


def test_action_page_shows_where_it_came_from_and_its_reviews(client, meeting, series):
    item = ActionItemFactory(meeting=meeting, text="OGN to write to MCO")
    later = MeetingFactory(
        title="December meeting", series=series, starts_at=held_on(dt.date(2016, 12, 8))
    )
    ActionItemReview.objects.create(
        action_item=item, meeting=later, status=ActionStatus.OPEN, note="Letter drafted"
    )
    hidden = MeetingFactory(
        title="Closed follow-up",
        series=series,
        is_public=False,
        starts_at=held_on(dt.date(2016, 12, 9)),
    )
    ActionItemReview.objects.create(action_item=item, meeting=hidden, status=ActionStatus.OPEN)
    page = client.get(item.get_absolute_url()).text
    assert meeting.get_absolute_url() in page and series.get_absolute_url() in page
    assert "December meeting" in page and "Letter drafted" in page
    assert "Closed follow-up" not in page


# The action register --------------------------------------------------------------------------


@pytest.fixture
def register_items(meeting, lead_organisation, civil_society_organisation):
    today = timezone.localdate()
    return {
        "late": ActionItemFactory(
            meeting=meeting,
            text="Late action",
            owner_organisation=lead_organisation,
            due_on=today - dt.timedelta(days=3),
        ),
        "future": ActionItemFactory(
            meeting=meeting,
            text="Future action",
            owner_organisation=civil_society_organisation,
            due_on=today + dt.timedelta(days=30),
        ),
        "done": ActionItemFactory(
            meeting=meeting,
            text="Finished action",
            owner_organisation=lead_organisation,
            due_on=today - dt.timedelta(days=30),
            status=ActionStatus.DONE,
            done_on=today - dt.timedelta(days=31),
        ),
    }


def texts_in(response) -> list[str]:
    return [item.text for item in response.context["page_obj"].object_list]


def test_register_lists_open_actions_first_and_marks_overdue_ones(client, register_items):
    response = client.get(reverse(REGISTER))
    assert texts_in(response) == ["Late action", "Future action", "Finished action"]
    assert response.text.count("Overdue</strong>") == 1


def test_register_filters_by_owner_status_and_overdue(client, register_items):
    url = reverse(REGISTER)
    assert texts_in(client.get(url, {"owner": "cabinet-office"})) == [
        "Late action",
        "Finished action",
    ]
    assert texts_in(client.get(url, {"status": "done"})) == ["Finished action"]
    assert texts_in(client.get(url, {"overdue": "yes"})) == ["Late action"]
    both = client.get(url, {"owner": "involve", "status": "open"})
    assert texts_in(both) == ["Future action"]


def test_register_ignores_unknown_filter_values(client, register_items):
    response = client.get(
        reverse(REGISTER),
        {"status": "'; DROP TABLE", "overdue": "maybe", "series": "nope", "page": "x"},
    )
    assert response.status_code == 200
    assert len(texts_in(response)) == 3
    only_status = client.get(reverse(REGISTER), {"series": "nope", "status": "done"})
    assert texts_in(only_status) == ["Finished action"]


def test_register_finds_owners_by_part_of_their_name(client, register_items, meeting):
    ActionItemFactory(meeting=meeting, text="Free-text owner", owner_text="The OGN secretariat")
    url = reverse(REGISTER)
    # Case, accents and punctuation do not matter; a name matching nobody lists nothing.
    assert texts_in(client.get(url, {"owner": "cabinet OFFICE"})) == [
        "Late action",
        "Finished action",
    ]
    assert texts_in(client.get(url, {"owner": "ogn secretariat"})) == ["Free-text owner"]
    nobody = client.get(url, {"owner": "nobody at all"})
    assert texts_in(nobody) == [] and "No actions match these filters." in nobody.text
    # A link from an organisation's page names it by slug; the box shows its name.
    by_slug = client.get(url, {"owner": "cabinet-office"})
    assert 'value="Cabinet Office"' in by_slug.text


# Commitment and organisation pages --------------------------------------------------------------


def test_commitment_page_lists_meetings_that_discussed_it(
    client, commitment, meeting, private_meeting
):
    MinutesSectionFactory(meeting=meeting, commitments=[commitment])
    MinutesSectionFactory(meeting=private_meeting, commitments=[commitment])
    page = client.get(commitment.get_absolute_url()).text
    assert "Meetings that discussed it" in page
    assert meeting.get_absolute_url() in page
    assert private_meeting.get_absolute_url() not in page


def test_commitment_page_links_an_update_to_the_meeting_it_was_reported_at(
    client, commitment, meeting, private_meeting
):
    ProgressUpdateFactory(commitment=commitment, meeting=meeting, text="Reported in the room")
    ProgressUpdateFactory(commitment=commitment, meeting=private_meeting, text="Closed report")
    page = client.get(commitment.get_absolute_url()).text
    assert "Reported at Where we&#x27;ve got to; the OGP Summit (10 November 2016)" in page
    assert private_meeting.get_absolute_url() not in page
    assert "Closed report" in page  # the update is public even if its meeting is not


def test_organisation_page_lists_its_actions_and_meetings(
    client, lead_organisation, register_items, meeting, private_meeting
):
    AttendanceFactory(meeting=meeting, organisation=lead_organisation)
    AttendanceFactory(meeting=private_meeting, organisation=lead_organisation)
    response = client.get(lead_organisation.get_absolute_url())
    assert [i.text for i in response.context["actions"]] == ["Late action", "Finished action"]
    page = response.text
    assert "Actions it owns" in page and "Overdue" in page
    assert f"{reverse(REGISTER)}?owner=cabinet-office" in page
    assert meeting.get_absolute_url() in page
    assert private_meeting.get_absolute_url() not in page


# Query counts ---------------------------------------------------------------------------------


def grow_meetings(series, n: int) -> None:
    for _ in range(n):
        meeting = MeetingFactory(series=series, place="70 Whitehall")
        ActionItemFactory(
            meeting=meeting, owner_organisation=OrganisationFactory(), owner_person=PersonFactory()
        )


@pytest.mark.parametrize("name", ["meeting-list", "series-detail"])
def test_meeting_list_and_series_query_counts_are_constant(client, series, name):
    url = series.get_absolute_url() if name == "series-detail" else reverse("meetings:meeting-list")
    grow_meetings(series, 3)
    small = count_queries(client, url)
    grow_meetings(series, 30)
    assert count_queries(client, url) == small


def grow_meeting(meeting, commitment, n: int) -> None:
    for _ in range(n):
        organisation = OrganisationFactory()
        AttendanceFactory(meeting=meeting, organisation=organisation)
        AttendanceFactory(meeting=meeting, organisation=organisation, sent_apologies=True)
        MinutesSectionFactory(meeting=meeting, commitments=[commitment])
        services.record_decision(by=SYSTEM, meeting=meeting, text="Agreed")
        ActionItemFactory(
            meeting=meeting, owner_organisation=organisation, owner_person=PersonFactory()
        )
        earlier = ActionItemFactory(
            meeting=MeetingFactory(starts_at=held_on(dt.date(2016, 1, 1))),
            owner_organisation=organisation,
        )
        ActionItemReview.objects.create(action_item=earlier, meeting=meeting, status="open")
        ProgressUpdateFactory(commitment=commitment, meeting=meeting)


@pytest.mark.parametrize("role", ["anonymous", "secretariat"])
def test_meeting_page_query_count_is_constant(client, meeting, commitment, user_for_role, role):
    if role != "anonymous":
        client.force_login(user_for_role(role))
    grow_meeting(meeting, commitment, 3)
    small = count_queries(client, meeting.get_absolute_url())
    grow_meeting(meeting, commitment, 30)
    assert count_queries(client, meeting.get_absolute_url()) == small


def grow_register(meeting, n: int) -> None:
    for i in range(n):
        ActionItemFactory(
            meeting=meeting,
            owner_organisation=OrganisationFactory(),
            owner_person=PersonFactory(),
            due_on=dt.date(2016, 11, 1) + dt.timedelta(days=i),
        )


@pytest.mark.parametrize("role", ["anonymous", "lead"])
def test_action_register_query_count_is_constant(client, meeting, user_for_role, role):
    if role != "anonymous":
        client.force_login(user_for_role(role))
    grow_register(meeting, 3)
    small = count_queries(client, reverse(REGISTER))
    filtered = count_queries(client, reverse(REGISTER), status="open", overdue="yes")
    grow_register(meeting, 30)
    assert count_queries(client, reverse(REGISTER)) == small
    assert count_queries(client, reverse(REGISTER), status="open", overdue="yes") == filtered


def grow_organisation(organisation, n: int) -> None:
    for _ in range(n):
        meeting = MeetingFactory()
        AttendanceFactory(meeting=meeting, organisation=organisation)
        ActionItemFactory(
            meeting=meeting,
            owner_organisation=organisation,
            owner_person=PersonFactory(),
            due_on=dt.date(2016, 11, 28),
        )


def test_organisation_page_with_actions_query_count_is_constant(client, lead_organisation):
    grow_organisation(lead_organisation, 3)
    small = count_queries(client, lead_organisation.get_absolute_url())
    grow_organisation(lead_organisation, 30)
    assert count_queries(client, lead_organisation.get_absolute_url()) == small


def grow_commitment(commitment, n: int) -> None:
    for _ in range(n):
        meeting = MeetingFactory()
        MinutesSectionFactory(meeting=meeting, commitments=[commitment])
        ProgressUpdateFactory(commitment=commitment, meeting=meeting)


def test_commitment_page_with_meetings_query_count_is_constant(client, commitment):
    grow_commitment(commitment, 3)
    small = count_queries(client, commitment.get_absolute_url())
    grow_commitment(commitment, 30)
    assert count_queries(client, commitment.get_absolute_url()) == small
