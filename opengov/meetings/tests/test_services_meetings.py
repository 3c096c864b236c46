"""Services for meetings: series, scheduling (and carrying forward a series' open actions),
editing, publishing minutes, attendance, minutes sections and decisions."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from opengov.core.actors import SYSTEM
from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.meetings.choices import ActionStatus, AttendanceRole, MeetingStatus
from opengov.meetings.models import (
    ActionItem,
    ActionItemReview,
    Attendance,
    Decision,
    Meeting,
    MeetingSeries,
    MinutesSection,
)
from opengov.meetings.services.actions import add_action_item, set_action_item_status
from opengov.meetings.services.meetings import (
    AGENDA_HEADING,
    add_minutes_section,
    create_meeting,
    create_series,
    publish_minutes,
    record_attendance,
    record_decision,
    remove_attendance,
    update_meeting,
    update_minutes_section,
)
from opengov.organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# Who runs meetings (the secretariat and administrators), and who does not.
RUNNERS = ["secretariat", "administrator"]
NOT_RUNNERS = [
    "anonymous",
    "participant",
    "civil_society_member",
    "forum_member",
    "other_lead",
    "lead",
    "government_contact",
]
MEETING_ROWS = (Meeting, MeetingSeries, MinutesSection, ActionItemReview)
JANUARY, FEBRUARY, MARCH, MAY = (
    dt.date(2017, m, d) for m, d in ((1, 16), (2, 13), (3, 13), (5, 15))
)


def at(day: dt.date) -> dt.datetime:
    """Noon (UTC) on `day`: the same calendar day in UTC and in London."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


@contextmanager
def nothing_written(*models):
    """Assert that the block adds or removes no rows, audit events included."""
    tracked = (*models, AuditEvent)
    before = {model: model.objects.count() for model in tracked}
    yield
    assert {model: model.objects.count() for model in tracked} == before


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()


def make_meeting(*, title: str = "Forum meeting", day: dt.date = MARCH, **fields) -> Meeting:
    return create_meeting(by=SYSTEM, title=title, starts_at=at(day), **fields)


def make_action(meeting: Meeting, text: str = "Publish the data", **fields) -> ActionItem:
    return add_action_item(by=SYSTEM, meeting=meeting, text=text, **fields)


@pytest.fixture
def series(db):
    return create_series(by=SYSTEM, name="OGN and Cabinet Office")


@pytest.fixture
def meeting(db):
    return make_meeting(status=MeetingStatus.HELD)


@pytest.fixture
def private_meeting(db):
    return make_meeting(title="Private session", status=MeetingStatus.HELD, is_public=False)


@pytest.fixture
def person(db):
    return PersonFactory(name="Tim Hughes")


# create_series


@pytest.mark.parametrize("role", RUNNERS)
def test_create_series_names_it_gives_it_a_slug_and_audits(role, user_for_role, lead_organisation):
    series = create_series(
        by=user_for_role(role),
        name="  OGN and   Cabinet Office ",
        description="Quarterly",
        organiser=lead_organisation,
    )

    series.refresh_from_db()
    assert (series.name, series.slug) == ("OGN and Cabinet Office", "ogn-and-cabinet-office")
    assert (series.description, series.organiser) == ("Quarterly", lead_organisation)
    event = last_event()
    assert event.verb == "meetings.meetingseries.created"
    assert event.object_key == f"meetings.meetingseries:{series.pk}"
    assert event.changes == {
        "name": [None, "OGN and Cabinet Office"],
        "organiser": [None, lead_organisation.pk],
    }


@pytest.mark.parametrize("role", NOT_RUNNERS)
def test_role_cannot_create_series(role, user_for_role):
    with nothing_written(MeetingSeries), pytest.raises(PermissionDeniedError):
        create_series(by=user_for_role(role), name="OGN and Home Office")


@pytest.mark.parametrize("name", ["", "  \t\n "])
def test_create_series_refuses_blank_name(secretariat, name):
    with nothing_written(MeetingSeries), pytest.raises(DomainError) as error:
        create_series(by=secretariat, name=name)
    assert error.value.field == "name"


def test_create_series_refuses_a_name_already_taken_in_any_case(secretariat, series):
    with nothing_written(MeetingSeries), pytest.raises(DomainError) as error:
        create_series(by=secretariat, name="ogn AND cabinet office")
    assert error.value.field == "name"


# create_meeting


@pytest.mark.parametrize("role", RUNNERS)
def test_create_meeting_stores_it_and_audits(role, user_for_role, series, lead_organisation):
    meeting = create_meeting(
        by=user_for_role(role),
        title="  OGN and   Cabinet Office ",
        starts_at=at(MARCH),
        ends_at=at(MARCH) + dt.timedelta(hours=2),
        series=series,
        place="  70 Whitehall ",
        online_url=" https://meet.example.org/ogn ",
        organiser=lead_organisation,
        status=MeetingStatus.HELD,
        summary="Progress on the plan",
        source_url="https://www.opengovernment.org.uk/notes ",
    )

    meeting.refresh_from_db()
    assert meeting.title == "OGN and Cabinet Office"
    assert (meeting.series, meeting.organiser) == (series, lead_organisation)
    assert meeting.starts_at == at(MARCH)
    assert meeting.ends_at == at(MARCH) + dt.timedelta(hours=2)
    assert meeting.place == "70 Whitehall"
    assert meeting.online_url == "https://meet.example.org/ogn"
    assert meeting.source_url == "https://www.opengovernment.org.uk/notes"
    assert (meeting.status, meeting.is_public, meeting.version) == ("held", True, 1)
    assert meeting.minutes_published_at is None
    assert not meeting.sections.exists()
    event = last_event()
    assert event.verb == "meetings.meeting.created"
    assert event.object_key == f"meetings.meeting:{meeting.pk}"
    assert event.scope_key == ""
    assert event.is_public is True
    assert event.changes["title"] == [None, "OGN and Cabinet Office"]
    assert event.changes["series"] == [None, series.pk]
    assert event.changes["starts_at"] == [None, "2017-03-13T12:00:00+00:00"]
    assert event.changes["status"] == [None, "held"]
    assert event.changes["is_public"] == [None, True]
    assert "actions_carried_forward" not in event.changes


def test_create_meeting_event_is_private_for_a_private_meeting(secretariat):
    meeting = create_meeting(
        by=secretariat, title="Private session", starts_at=at(MARCH), is_public=False
    )
    event = last_event()
    assert event.object_key == f"meetings.meeting:{meeting.pk}"
    assert event.is_public is False


def test_create_meeting_with_minutes_published_stamps_when(secretariat):
    meeting = create_meeting(
        by=secretariat,
        title="Imported meeting",
        starts_at=at(MARCH),
        status=MeetingStatus.MINUTES_PUBLISHED,
    )
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None


@pytest.mark.parametrize("role", NOT_RUNNERS)
def test_role_cannot_create_meeting(role, user_for_role, series):
    with nothing_written(*MEETING_ROWS), pytest.raises(PermissionDeniedError):
        create_meeting(by=user_for_role(role), title="Not mine", starts_at=at(MARCH), series=series)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": " \t\n "}, "title"),
        ({"status": "cancelled"}, "status"),
        ({"starts_at": None}, "starts_at"),
        ({"ends_at": at(MARCH) - dt.timedelta(minutes=1)}, "ends_at"),
    ],
    ids=["empty-title", "whitespace-title", "unknown-status", "no-start", "ends-before-start"],
)
def test_create_meeting_refuses_invalid_input(secretariat, kwargs, field):
    arguments = {"title": "Forum meeting", "starts_at": at(MARCH), **kwargs}
    with nothing_written(*MEETING_ROWS), pytest.raises(DomainError) as error:
        create_meeting(by=secretariat, **arguments)
    assert error.value.field == field


BAD_URLS = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.org/notes.pdf",
    "www.gov.uk/notes",
    "https://",
]


@pytest.mark.parametrize("field", ["online_url", "source_url"])
@pytest.mark.parametrize("url", BAD_URLS)
def test_create_meeting_refuses_a_link_that_is_not_a_web_address(secretariat, series, field, url):
    with nothing_written(*MEETING_ROWS), pytest.raises(DomainError) as error:
        create_meeting(
            by=secretariat,
            title="Forum meeting",
            starts_at=at(MARCH),
            series=series,
            **{field: url},
        )
    assert error.value.field == field


def test_create_meeting_allows_it_to_end_as_it_starts(secretariat):
    meeting = create_meeting(
        by=secretariat, title="Stand-up", starts_at=at(MARCH), ends_at=at(MARCH)
    )
    assert meeting.ends_at == meeting.starts_at


# create_meeting: carrying forward a series' open actions


def test_create_meeting_in_series_carries_forward_open_actions_of_earlier_meetings(
    secretariat, series, lead_organisation
):
    january = make_meeting(series=series, day=JANUARY)
    february = make_meeting(series=series, day=FEBRUARY)
    may = make_meeting(series=series, day=MAY)
    elsewhere = make_meeting(
        series=create_series(by=SYSTEM, name="OGN and Home Office"), day=JANUARY
    )
    one_off = make_meeting(day=JANUARY)
    first = make_action(
        january,
        "Publish the data",
        owner_organisation=lead_organisation,
        due_on=dt.date(2017, 3, 31),
    )
    done = make_action(january, "Draft the terms of reference")
    set_action_item_status(
        by=SYSTEM,
        action_item=done,
        status=ActionStatus.DONE,
        expected_version=1,
        done_on=dt.date(2017, 2, 1),
    )
    dropped = make_action(january, "Book a venue")
    set_action_item_status(
        by=SYSTEM,
        action_item=dropped,
        status=ActionStatus.DROPPED,
        expected_version=1,
        note="Meeting online",
    )
    second = make_action(
        february, "Consult users", owner_text="Secretariat", due_phrase="in the New Year"
    )
    make_action(may, "Agreed later")
    make_action(elsewhere, "Another series' action")
    make_action(one_off, "A one-off meeting's action")

    march = create_meeting(
        by=secretariat, title="March meeting", series=series, starts_at=at(MARCH)
    )

    section = march.sections.get()
    assert (section.heading, section.position) == (AGENDA_HEADING, 0)
    assert section.text.splitlines() == [
        "- Publish the data (Cabinet Office; 2017-03-31; from 16 January 2017)",
        "- Consult users (Secretariat; in the New Year; from 13 February 2017)",
    ]
    reviews = ActionItemReview.objects.filter(meeting=march)
    assert sorted((r.action_item_id, r.status, r.reviewed_by) for r in reviews) == [
        (first.pk, "open", secretariat),
        (second.pk, "open", secretariat),
    ]
    assert ActionItemReview.objects.count() == 2
    event = last_event()
    assert event.verb == "meetings.meeting.created"
    assert event.object_key == f"meetings.meeting:{march.pk}"
    assert event.changes["actions_carried_forward"] == [None, 2]


def test_create_meeting_by_the_system_carries_forward_without_a_reviewer(series):
    january = make_meeting(series=series, day=JANUARY)
    action = make_action(january)

    february = make_meeting(series=series, day=FEBRUARY)

    review = ActionItemReview.objects.get(meeting=february)
    assert (review.action_item, review.reviewed_by) == (action, None)


def test_create_meeting_in_series_without_open_actions_adds_no_agenda(secretariat, series):
    january = make_meeting(series=series, day=JANUARY)
    action = make_action(january)
    set_action_item_status(
        by=SYSTEM, action_item=action, status=ActionStatus.DONE, expected_version=1
    )

    february = create_meeting(
        by=secretariat, title="February", series=series, starts_at=at(FEBRUARY)
    )

    assert not february.sections.exists()
    assert not ActionItemReview.objects.exists()
    assert "actions_carried_forward" not in last_event().changes


def test_create_meeting_outside_a_series_carries_nothing_forward(secretariat, series):
    make_action(make_meeting(series=series, day=JANUARY))

    one_off = create_meeting(by=secretariat, title="One-off", starts_at=at(FEBRUARY))

    assert not one_off.sections.exists()
    assert not ActionItemReview.objects.exists()


def test_public_meeting_does_not_carry_forward_actions_of_a_private_meeting(series):
    private = make_meeting(series=series, day=JANUARY, is_public=False)
    make_action(private, "Brief the minister on the leak")

    public = make_meeting(series=series, day=FEBRUARY)

    assert not public.sections.exists()
    assert not ActionItemReview.objects.filter(meeting=public).exists()


# update_meeting


@pytest.mark.parametrize("role", RUNNERS)
def test_update_meeting_changes_fields_bumps_version_and_audits_the_diff(
    role, user_for_role, meeting
):
    updated = update_meeting(
        by=user_for_role(role),
        meeting=meeting,
        expected_version=1,
        title="  Renamed   meeting ",
        place="Online",
        summary="",
    )

    updated.refresh_from_db()
    assert (updated.title, updated.place, updated.version) == ("Renamed meeting", "Online", 2)
    event = last_event()
    assert event.verb == "meetings.meeting.changed"
    assert event.object_key == f"meetings.meeting:{meeting.pk}"
    assert event.changes == {
        "title": ["Forum meeting", "Renamed meeting"],
        "place": ["", "Online"],
    }
    assert event.is_public is True


def test_update_meeting_event_is_private_for_a_private_meeting(secretariat, private_meeting):
    update_meeting(by=secretariat, meeting=private_meeting, expected_version=1, place="Room 2")
    assert last_event().is_public is False


def test_update_meeting_making_it_private_records_a_private_event(secretariat, meeting):
    update_meeting(by=secretariat, meeting=meeting, expected_version=1, is_public=False)
    event = last_event()
    assert event.changes == {"is_public": [True, False]}
    assert event.is_public is False


def test_update_meeting_to_minutes_published_stamps_when(secretariat, meeting):
    update_meeting(
        by=secretariat,
        meeting=meeting,
        expected_version=1,
        status=MeetingStatus.MINUTES_PUBLISHED,
    )
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None


def test_update_meeting_without_changes_writes_nothing(secretariat, meeting):
    with nothing_written(*MEETING_ROWS):
        update_meeting(
            by=secretariat, meeting=meeting, expected_version=1, title=f"  {meeting.title} "
        )
    meeting.refresh_from_db()
    assert meeting.version == 1


@pytest.mark.parametrize("role", NOT_RUNNERS)
@pytest.mark.parametrize("public", [True, False], ids=["public", "private"])
def test_role_cannot_update_meeting(role, public, user_for_role):
    meeting = make_meeting(is_public=public)
    with nothing_written(*MEETING_ROWS), pytest.raises(PermissionDeniedError):
        update_meeting(
            by=user_for_role(role), meeting=meeting, expected_version=1, title="Hijacked"
        )
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("Forum meeting", 1)


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"title": "   "}, "title"),
        ({"status": "cancelled"}, "status"),
        ({"ends_at": at(MARCH) - dt.timedelta(hours=1)}, "ends_at"),
        ({"starts_at": at(MARCH) + dt.timedelta(days=1), "ends_at": at(MARCH)}, "ends_at"),
        ({"starts_at": None}, "starts_at"),
        *(({"online_url": url}, "online_url") for url in BAD_URLS),
        *(({"source_url": url}, "source_url") for url in BAD_URLS),
    ],
)
def test_update_meeting_refuses_invalid_input(secretariat, meeting, fields, error_field):
    with nothing_written(*MEETING_ROWS), pytest.raises(DomainError) as error:
        update_meeting(by=secretariat, meeting=meeting, expected_version=1, **fields)
    assert error.value.field == error_field
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ends_at, meeting.version) == (at(MARCH), None, 1)


def test_update_meeting_refuses_unknown_field(secretariat, meeting):
    with nothing_written(*MEETING_ROWS), pytest.raises(TypeError):
        update_meeting(by=secretariat, meeting=meeting, expected_version=1, minutes="Hacked")


def test_update_meeting_refuses_stale_save_and_keeps_first_change(
    secretariat, administrator, meeting
):
    first_copy = Meeting.objects.get(pk=meeting.pk)
    second_copy = Meeting.objects.get(pk=meeting.pk)

    update_meeting(by=secretariat, meeting=first_copy, expected_version=1, title="First editor")
    with nothing_written(*MEETING_ROWS), pytest.raises(ConflictError) as error:
        update_meeting(
            by=administrator, meeting=second_copy, expected_version=1, title="Second editor"
        )

    assert "Someone else changed this record" in error.value.message
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("First editor", 2)


# publish_minutes


@pytest.mark.parametrize("role", RUNNERS)
def test_publish_minutes_publishes_a_held_meeting(role, user_for_role, meeting):
    published = publish_minutes(by=user_for_role(role), meeting=meeting)

    published.refresh_from_db()
    assert published.status == MeetingStatus.MINUTES_PUBLISHED
    assert published.minutes_published_at is not None
    assert published.version == 2
    event = last_event()
    assert event.verb == "meetings.meeting.minutes_published"
    assert event.object_key == f"meetings.meeting:{meeting.pk}"
    assert event.changes == {"status": ["held", "minutes_published"]}
    assert event.is_public is True


def test_publish_minutes_of_a_private_meeting_is_a_private_event(secretariat, private_meeting):
    publish_minutes(by=secretariat, meeting=private_meeting)
    assert last_event().is_public is False


def test_publish_minutes_refuses_a_future_meeting(secretariat):
    future = create_meeting(
        by=SYSTEM, title="Next quarter", starts_at=timezone.now() + dt.timedelta(days=7)
    )
    with nothing_written(*MEETING_ROWS), pytest.raises(DomainError) as error:
        publish_minutes(by=secretariat, meeting=future)
    assert "held" in error.value.message
    future.refresh_from_db()
    assert (future.status, future.minutes_published_at, future.version) == ("planned", None, 1)


def test_publish_minutes_refuses_to_publish_twice(secretariat, meeting):
    publish_minutes(by=secretariat, meeting=meeting)
    meeting.refresh_from_db()
    first_published_at = meeting.minutes_published_at

    with nothing_written(*MEETING_ROWS), pytest.raises(DomainError) as error:
        publish_minutes(by=secretariat, meeting=meeting)

    assert "already published" in error.value.message
    meeting.refresh_from_db()
    assert (meeting.minutes_published_at, meeting.version) == (first_published_at, 2)


@pytest.mark.parametrize("role", NOT_RUNNERS)
def test_role_cannot_publish_minutes(role, user_for_role, meeting):
    with nothing_written(*MEETING_ROWS), pytest.raises(PermissionDeniedError):
        publish_minutes(by=user_for_role(role), meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


# record_attendance and remove_attendance


@pytest.mark.parametrize("role", RUNNERS)
def test_record_attendance_adds_the_person_and_audits(
    role, user_for_role, meeting, person, civil_society_organisation
):
    attendance = record_attendance(
        by=user_for_role(role),
        meeting=meeting,
        person=person,
        organisation=civil_society_organisation,
        role=AttendanceRole.CHAIR,
    )
    second = record_attendance(by=SYSTEM, meeting=meeting, person=PersonFactory())

    attendance.refresh_from_db()
    assert (attendance.meeting, attendance.person) == (meeting, person)
    assert attendance.organisation == civil_society_organisation
    assert (attendance.role, attendance.sent_apologies) == ("chair", False)
    assert (attendance.position, second.position) == (1, 2)
    event = AuditEvent.objects.get(verb="meetings.attendance.recorded", object_id=attendance.pk)
    assert event.object_key == f"meetings.attendance:{attendance.pk}"
    assert event.scope_key == f"meetings.meeting:{meeting.pk}"
    assert event.changes == {
        "person": [None, person.pk],
        "organisation": [None, civil_society_organisation.pk],
        "role": [None, "chair"],
        "sent_apologies": [None, False],
    }
    assert event.is_public is True


def test_record_attendance_event_is_private_for_a_private_meeting(
    secretariat, private_meeting, person
):
    record_attendance(by=secretariat, meeting=private_meeting, person=person)
    assert last_event().is_public is False


def test_record_attendance_twice_updates_the_row(secretariat, meeting, person):
    first = record_attendance(by=secretariat, meeting=meeting, person=person)

    second = record_attendance(
        by=secretariat,
        meeting=meeting,
        person=person,
        role=AttendanceRole.NOTE_TAKER,
        sent_apologies=True,
    )

    assert second.pk == first.pk
    assert Attendance.objects.filter(meeting=meeting, person=person).count() == 1
    second.refresh_from_db()
    assert (second.role, second.sent_apologies, second.position) == ("note_taker", True, 1)
    changed = AuditEvent.objects.filter(verb="meetings.attendance.changed")
    assert changed.count() == 1
    event = changed.get()
    assert event.object_key == f"meetings.attendance:{first.pk}"
    assert event.scope_key == f"meetings.meeting:{meeting.pk}"
    assert event.changes == {
        "role": ["attendee", "note_taker"],
        "sent_apologies": [False, True],
    }


def test_record_attendance_again_unchanged_writes_nothing(secretariat, meeting, person):
    record_attendance(by=secretariat, meeting=meeting, person=person, role=AttendanceRole.GUEST)
    with nothing_written(Attendance):
        record_attendance(by=secretariat, meeting=meeting, person=person, role=AttendanceRole.GUEST)
    assert not AuditEvent.objects.filter(verb="meetings.attendance.changed").exists()


def test_record_attendance_refuses_unknown_role(secretariat, meeting, person):
    with nothing_written(Attendance), pytest.raises(DomainError) as error:
        record_attendance(by=secretariat, meeting=meeting, person=person, role="heckler")
    assert error.value.field == "role"


@pytest.mark.parametrize("role", NOT_RUNNERS)
def test_role_cannot_record_attendance(role, user_for_role, meeting, person):
    with nothing_written(Attendance), pytest.raises(PermissionDeniedError):
        record_attendance(by=user_for_role(role), meeting=meeting, person=person)


def test_one_attendance_per_person_per_meeting_is_enforced_by_the_database(meeting, person):
    Attendance.objects.create(meeting=meeting, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, person=person, role=AttendanceRole.GUEST)
    assert Attendance.objects.filter(meeting=meeting, person=person).count() == 1


def test_same_person_may_attend_two_meetings(secretariat, meeting, person):
    other = make_meeting(day=MAY)
    record_attendance(by=secretariat, meeting=meeting, person=person)
    record_attendance(by=secretariat, meeting=other, person=person)
    assert Attendance.objects.filter(person=person).count() == 2


@pytest.mark.parametrize("role", RUNNERS)
def test_remove_attendance_deletes_it_and_audits(role, user_for_role, meeting, person):
    attendance = record_attendance(by=SYSTEM, meeting=meeting, person=person)
    pk = attendance.pk

    remove_attendance(by=user_for_role(role), attendance=attendance)

    assert not Attendance.objects.filter(pk=pk).exists()
    event = last_event()
    assert event.verb == "meetings.attendance.removed"
    assert event.object_key == f"meetings.attendance:{pk}"
    assert event.scope_key == f"meetings.meeting:{meeting.pk}"
    assert event.changes == {"person": ["Tim Hughes", None]}


@pytest.mark.parametrize("role", NOT_RUNNERS)
def test_role_cannot_remove_attendance(role, user_for_role, meeting, person):
    attendance = record_attendance(by=SYSTEM, meeting=meeting, person=person)
    with nothing_written(Attendance), pytest.raises(PermissionDeniedError):
        remove_attendance(by=user_for_role(role), attendance=attendance)


# add_minutes_section and update_minutes_section


@pytest.mark.parametrize("role", RUNNERS)
def test_add_minutes_section_adds_it_linked_to_commitments_and_audits(
    role, user_for_role, meeting, commitment
):
    user = user_for_role(role)
    first = add_minutes_section(by=user, meeting=meeting, heading=" Welcome ", text="")
    second = add_minutes_section(
        by=user,
        meeting=meeting,
        heading="Open data",
        text="  The **data** is late.  ",
        commitments=[commitment],
    )

    second.refresh_from_db()
    assert (first.heading, first.position, second.position) == ("Welcome", 1, 2)
    assert second.text == "The **data** is late."
    assert list(second.commitments.all()) == [commitment]
    event = last_event()
    assert event.verb == "meetings.minutessection.added"
    assert event.object_key == f"meetings.minutessection:{second.pk}"
    assert event.scope_key == f"meetings.meeting:{meeting.pk}"
    assert event.changes == {
        "heading": [None, "Open data"],
        "text": [None, "The **data** is late."],
        "commitments": [None, [commitment.pk]],
    }
    assert event.is_public is True


def test_add_minutes_section_event_is_private_for_a_private_meeting(secretariat, private_meeting):
    add_minutes_section(by=secretariat, meeting=private_meeting, heading="", text="Confidential")
    assert last_event().is_public is False


def test_add_minutes_section_refuses_blank_section(secretariat, meeting):
    with nothing_written(MinutesSection), pytest.raises(DomainError) as error:
        add_minutes_section(by=secretariat, meeting=meeting, heading="  ", text=" \n ")
    assert error.value.field == "text"


@pytest.mark.parametrize("role", NOT_RUNNERS)
def test_role_cannot_add_minutes_section(role, user_for_role, meeting):
    with nothing_written(MinutesSection), pytest.raises(PermissionDeniedError):
        add_minutes_section(by=user_for_role(role), meeting=meeting, heading="Mine", text="")


@pytest.fixture
def section(meeting):
    return add_minutes_section(by=SYSTEM, meeting=meeting, heading="Open data", text="Late.")


@pytest.mark.parametrize("role", RUNNERS)
def test_update_minutes_section_corrects_it_and_audits(
    role, user_for_role, meeting, section, commitment
):
    update_minutes_section(
        by=user_for_role(role),
        section=section,
        heading="Open data",
        text=" On time after all. ",
        commitments=[commitment],
    )

    section.refresh_from_db()
    assert section.text == "On time after all."
    assert list(section.commitments.all()) == [commitment]
    event = last_event()
    assert event.verb == "meetings.minutessection.changed"
    assert event.object_key == f"meetings.minutessection:{section.pk}"
    assert event.scope_key == f"meetings.meeting:{meeting.pk}"
    assert event.changes == {
        "text": ["Late.", "On time after all."],
        "commitments": [[], [commitment.pk]],
    }


def test_update_minutes_section_without_changes_writes_nothing(secretariat, section):
    with nothing_written(MinutesSection):
        update_minutes_section(by=secretariat, section=section, heading="Open data", text="Late.")


def test_update_minutes_section_refuses_blank_section(secretariat, section):
    with nothing_written(MinutesSection), pytest.raises(DomainError) as error:
        update_minutes_section(by=secretariat, section=section, heading="", text="  ")
    assert error.value.field == "text"
    section.refresh_from_db()
    assert (section.heading, section.text) == ("Open data", "Late.")


@pytest.mark.parametrize("role", NOT_RUNNERS)
def test_role_cannot_update_minutes_section(role, user_for_role, section):
    with nothing_written(MinutesSection), pytest.raises(PermissionDeniedError):
        update_minutes_section(by=user_for_role(role), section=section, heading="X", text="Y")
    section.refresh_from_db()
    assert section.text == "Late."


# record_decision


@pytest.mark.parametrize("role", RUNNERS)
def test_record_decision_records_it_and_audits(role, user_for_role, meeting, section):
    user = user_for_role(role)
    first = record_decision(by=user, meeting=meeting, text="  Meet quarterly ")
    second = record_decision(by=user, meeting=meeting, text="Publish the notes", section=section)

    second.refresh_from_db()
    assert (first.text, first.position, first.section) == ("Meet quarterly", 1, None)
    assert (second.position, second.section) == (2, section)
    event = last_event()
    assert event.verb == "meetings.decision.recorded"
    assert event.object_key == f"meetings.decision:{second.pk}"
    assert event.scope_key == f"meetings.meeting:{meeting.pk}"
    assert event.changes == {"text": [None, "Publish the notes"]}
    assert event.is_public is True


def test_record_decision_event_is_private_for_a_private_meeting(secretariat, private_meeting):
    record_decision(by=secretariat, meeting=private_meeting, text="Keep it quiet")
    assert last_event().is_public is False


def test_record_decision_refuses_blank_decision(secretariat, meeting):
    with nothing_written(Decision), pytest.raises(DomainError) as error:
        record_decision(by=secretariat, meeting=meeting, text=" \n\t ")
    assert error.value.field == "text"


def test_record_decision_refuses_a_section_of_another_meeting(secretariat, meeting):
    other = make_meeting(day=MAY)
    elsewhere = add_minutes_section(by=SYSTEM, meeting=other, heading="Elsewhere", text="")
    with nothing_written(Decision), pytest.raises(DomainError) as error:
        record_decision(by=secretariat, meeting=meeting, text="Agreed", section=elsewhere)
    assert error.value.field == "section"


@pytest.mark.parametrize("role", NOT_RUNNERS)
def test_role_cannot_record_decision(role, user_for_role, meeting):
    with nothing_written(Decision), pytest.raises(PermissionDeniedError):
        record_decision(by=user_for_role(role), meeting=meeting, text="Decided by me")
