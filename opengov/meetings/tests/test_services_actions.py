"""Services for action items: agreeing them, changing their status (by the secretariat, or by
the people of the organisation that owns them), and reviewing them at later meetings."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import UserFactory
from opengov.core.actors import SYSTEM
from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.meetings.choices import ActionStatus
from opengov.meetings.models import ActionItem, ActionItemReview, Meeting
from opengov.meetings.services.actions import (
    MAX_PHRASE,
    add_action_item,
    review_action_item,
    set_action_item_status,
)
from opengov.meetings.services.meetings import create_meeting
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
# Who may not change an action owned by the Cabinet Office (the `lead` fixture speaks for it).
NOT_OWNER_NOR_RUNNER = [role for role in NOT_RUNNERS if role != "lead"]
ACTION_ROWS = (ActionItem, ActionItemReview)
JANUARY, MARCH, MAY = dt.date(2017, 1, 16), dt.date(2017, 3, 13), dt.date(2017, 5, 15)
DONE_ON = dt.date(2017, 4, 3)
TWO_DAYS = dt.timedelta(days=2)


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


def make_meeting(*, day: dt.date = MARCH, is_public: bool = True) -> Meeting:
    return create_meeting(
        by=SYSTEM, title=f"Forum meeting, {day:%B}", starts_at=at(day), is_public=is_public
    )


def make_action(meeting: Meeting, text: str = "Publish the data", **fields) -> ActionItem:
    return add_action_item(by=SYSTEM, meeting=meeting, text=text, **fields)


def set_status(by, action: ActionItem, status: str, **kwargs) -> ActionItem:
    """Change the status from the version the caller last saw."""
    return set_action_item_status(
        by=by, action_item=action, status=status, expected_version=action.version, **kwargs
    )


def assert_unchanged(action: ActionItem) -> None:
    action.refresh_from_db()
    assert (action.status, action.done_on, action.status_note, action.version) == (
        ActionStatus.OPEN,
        None,
        "",
        1,
    )


@pytest.fixture
def meeting(db):
    return make_meeting()


@pytest.fixture
def private_meeting(db):
    return make_meeting(is_public=False)


@pytest.fixture
def action(meeting, lead_organisation):
    """An action owned by the Cabinet Office, agreed at a public meeting."""
    return make_action(meeting, owner_organisation=lead_organisation)


@pytest.fixture
def private_action(private_meeting, lead_organisation):
    """An action owned by the Cabinet Office, agreed at a private meeting."""
    return make_action(private_meeting, owner_organisation=lead_organisation)


# add_action_item


@pytest.mark.parametrize("role", RUNNERS)
def test_add_action_item_records_it_and_audits(
    role, user_for_role, meeting, lead_organisation, commitment
):
    user = user_for_role(role)
    owner = PersonFactory(name="Jane Doe")
    first = add_action_item(by=user, meeting=meeting, text="  Circulate the notes ")
    second = add_action_item(
        by=user,
        meeting=meeting,
        text="Publish the data",
        owner_organisation=lead_organisation,
        owner_person=owner,
        owner_text="  Jane (CO) ",
        due_on=dt.date(2017, 3, 31),
        commitment=commitment,
    )

    second.refresh_from_db()
    assert (first.text, first.position, second.position) == ("Circulate the notes", 1, 2)
    assert (second.owner_organisation, second.owner_person) == (lead_organisation, owner)
    assert (second.owner_text, second.commitment) == ("Jane (CO)", commitment)
    assert (second.due_on, second.due_phrase) == (dt.date(2017, 3, 31), "")
    assert (second.status, second.done_on, second.version) == (ActionStatus.OPEN, None, 1)
    event = last_event()
    assert event.verb == "meetings.actionitem.agreed"
    assert event.object_key == f"meetings.actionitem:{second.pk}"
    assert event.scope_key == f"meetings.meeting:{meeting.pk}"
    assert event.changes == {
        "text": [None, "Publish the data"],
        "owner_organisation": [None, lead_organisation.pk],
        "owner_person": [None, owner.pk],
        "owner_text": [None, "Jane (CO)"],
        "due_on": [None, "2017-03-31"],
        "due_phrase": [None, ""],
    }
    assert event.is_public is True


def test_add_action_item_event_is_private_for_a_private_meeting(secretariat, private_meeting):
    add_action_item(by=secretariat, meeting=private_meeting, text="Brief the minister")
    assert last_event().is_public is False


def test_add_action_item_keeps_the_due_phrase_when_no_date_is_given(secretariat, meeting):
    item = add_action_item(
        by=secretariat, meeting=meeting, text="Consult users", due_phrase="  in the\n New Year "
    )
    item.refresh_from_db()
    assert (item.due_on, item.due_phrase) == (None, "in the New Year")


def test_add_action_item_with_a_date_and_a_phrase_keeps_the_date_and_drops_the_phrase(
    secretariat, meeting
):
    item = add_action_item(
        by=secretariat,
        meeting=meeting,
        text="Consult users",
        due_on=dt.date(2017, 6, 30),
        due_phrase="by the summer",
    )
    item.refresh_from_db()
    assert (item.due_on, item.due_phrase) == (dt.date(2017, 6, 30), "")
    assert last_event().changes["due_phrase"] == [None, ""]


def test_add_action_item_accepts_a_phrase_of_the_longest_length(secretariat, meeting):
    item = add_action_item(by=secretariat, meeting=meeting, text="X", due_phrase="y" * MAX_PHRASE)
    item.refresh_from_db()
    assert len(item.due_phrase) == MAX_PHRASE


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": " \n\t "}, "text"),
        ({"due_phrase": "y" * (MAX_PHRASE + 1)}, "due_phrase"),
    ],
    ids=["empty-text", "whitespace-text", "long-due-phrase"],
)
def test_add_action_item_refuses_invalid_input(secretariat, meeting, kwargs, field):
    arguments = {"text": "Publish the data", **kwargs}
    with nothing_written(*ACTION_ROWS), pytest.raises(DomainError) as error:
        add_action_item(by=secretariat, meeting=meeting, **arguments)
    assert error.value.field == field


@pytest.mark.parametrize("role", NOT_RUNNERS)
@pytest.mark.parametrize("public", [True, False], ids=["public", "private"])
def test_role_cannot_add_action_item(role, public, user_for_role, lead_organisation):
    meeting = make_meeting(is_public=public)
    with nothing_written(*ACTION_ROWS), pytest.raises(PermissionDeniedError):
        add_action_item(
            by=user_for_role(role),
            meeting=meeting,
            text="Ours to do",
            owner_organisation=lead_organisation,
        )


# set_action_item_status


@pytest.mark.parametrize("role", [*RUNNERS, "lead"])
def test_set_status_done_records_the_date_bumps_version_and_audits(
    role, user_for_role, meeting, action
):
    done = set_status(user_for_role(role), action, ActionStatus.DONE, done_on=DONE_ON)

    done.refresh_from_db()
    assert (done.status, done.done_on, done.version) == (ActionStatus.DONE, DONE_ON, 2)
    assert not ActionItemReview.objects.exists()
    event = last_event()
    assert event.verb == "meetings.actionitem.status_changed"
    assert event.object_key == f"meetings.actionitem:{action.pk}"
    assert event.scope_key == f"meetings.meeting:{meeting.pk}"
    assert event.changes == {"status": ["open", "done"], "done_on": [None, "2017-04-03"]}
    assert event.is_public is True


def test_set_status_done_defaults_to_today(secretariat, action):
    set_status(secretariat, action, ActionStatus.DONE)
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()


def test_set_status_dropped_keeps_the_reason(secretariat, action):
    set_status(secretariat, action, ActionStatus.DROPPED, note="  Overtaken by events ")

    action.refresh_from_db()
    assert (action.status, action.done_on) == (ActionStatus.DROPPED, None)
    assert action.status_note == "Overtaken by events"
    assert last_event().changes == {
        "status": ["open", "dropped"],
        "done_on": [None, None],
        "status_note": ["", "Overtaken by events"],
    }


def test_set_status_open_again_clears_the_date(secretariat, action):
    set_status(secretariat, action, ActionStatus.DONE, done_on=DONE_ON)
    action.refresh_from_db()

    set_status(secretariat, action, ActionStatus.OPEN, note="Not finished after all")

    action.refresh_from_db()
    assert (action.status, action.done_on, action.version) == (ActionStatus.OPEN, None, 3)
    assert last_event().changes["done_on"] == ["2017-04-03", None]


def test_set_status_done_again_on_another_day_moves_the_date(secretariat, action):
    set_status(secretariat, action, ActionStatus.DONE, done_on=DONE_ON)
    action.refresh_from_db()

    set_status(secretariat, action, ActionStatus.DONE, done_on=dt.date(2017, 4, 10))

    action.refresh_from_db()
    assert action.done_on == dt.date(2017, 4, 10)
    assert last_event().changes["done_on"] == ["2017-04-03", "2017-04-10"]


def test_set_status_event_is_private_for_a_private_meeting(secretariat, private_action):
    set_status(secretariat, private_action, ActionStatus.DONE)
    assert last_event().is_public is False


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": "postponed"}, "status"),
        ({"status": ActionStatus.DONE, "done_on": timezone.localdate() + TWO_DAYS}, "done_on"),
        ({"status": ActionStatus.DROPPED}, "note"),
        ({"status": ActionStatus.DROPPED, "note": " \n "}, "note"),
        ({"status": ActionStatus.OPEN}, "status"),
    ],
    ids=["unknown-status", "done-in-future", "dropped-no-note", "dropped-blank-note", "same"],
)
def test_set_status_refuses_invalid_input(secretariat, action, kwargs, field):
    with nothing_written(*ACTION_ROWS), pytest.raises(DomainError) as error:
        set_action_item_status(by=secretariat, action_item=action, expected_version=1, **kwargs)
    assert error.value.field == field
    assert_unchanged(action)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": ActionStatus.DONE, "done_on": DONE_ON},
        {"status": ActionStatus.DROPPED, "note": "Overtaken by events"},
    ],
    ids=["done", "dropped"],
)
def test_set_status_refuses_setting_the_same_status_twice(secretariat, action, kwargs):
    set_action_item_status(by=secretariat, action_item=action, expected_version=1, **kwargs)
    with nothing_written(*ACTION_ROWS), pytest.raises(DomainError) as error:
        set_action_item_status(by=secretariat, action_item=action, expected_version=2, **kwargs)
    assert error.value.field == "status"
    action.refresh_from_db()
    assert (action.status, action.version) == (kwargs["status"], 2)


@pytest.mark.parametrize("role", NOT_OWNER_NOR_RUNNER)
def test_role_cannot_set_status(role, user_for_role, action):
    with nothing_written(*ACTION_ROWS), pytest.raises(PermissionDeniedError):
        set_status(user_for_role(role), action, ActionStatus.DONE)
    assert_unchanged(action)


@pytest.mark.parametrize("role", NOT_RUNNERS)
def test_role_cannot_set_status_of_an_action_from_a_private_meeting(
    role, user_for_role, private_action
):
    with nothing_written(*ACTION_ROWS), pytest.raises(PermissionDeniedError):
        set_status(user_for_role(role), private_action, ActionStatus.DONE)
    assert_unchanged(private_action)


def test_owner_organisation_cannot_set_status_of_another_organisations_action(
    lead, meeting, civil_society_organisation
):
    theirs = make_action(meeting, owner_organisation=civil_society_organisation)
    unowned = make_action(meeting, owner_text="Cabinet Office")
    for other in (theirs, unowned):
        with nothing_written(*ACTION_ROWS), pytest.raises(PermissionDeniedError):
            set_status(lead, other, ActionStatus.DONE)
        assert_unchanged(other)


def test_civil_society_owner_may_set_status_of_its_own_action(
    civil_society_member, meeting, civil_society_organisation
):
    ours = make_action(meeting, owner_organisation=civil_society_organisation)
    set_status(civil_society_member, ours, ActionStatus.DROPPED, note="Done by others")
    ours.refresh_from_db()
    assert ours.status == ActionStatus.DROPPED


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.FORUM_MEMBER])
def test_any_role_scoped_to_the_owner_organisation_may_set_status(role, action, lead_organisation):
    user = UserFactory()
    RoleGrant.objects.create(user=user, role=role, organisation=lead_organisation)
    set_status(user, action, ActionStatus.DONE)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_inactive_owner_cannot_set_status(lead, action):
    lead.is_active = False
    with nothing_written(*ACTION_ROWS), pytest.raises(PermissionDeniedError):
        set_status(lead, action, ActionStatus.DONE)


def test_set_status_refuses_stale_save_and_keeps_first_change(secretariat, administrator, action):
    first_copy = ActionItem.objects.get(pk=action.pk)
    second_copy = ActionItem.objects.get(pk=action.pk)

    set_action_item_status(
        by=secretariat,
        action_item=first_copy,
        status=ActionStatus.DONE,
        expected_version=1,
        done_on=DONE_ON,
    )
    with nothing_written(*ACTION_ROWS), pytest.raises(ConflictError) as error:
        set_action_item_status(
            by=administrator,
            action_item=second_copy,
            status=ActionStatus.DROPPED,
            expected_version=1,
            note="Second editor",
        )

    assert "Someone else changed this record" in error.value.message
    action.refresh_from_db()
    assert (action.status, action.done_on, action.status_note, action.version) == (
        ActionStatus.DONE,
        DONE_ON,
        "",
        2,
    )


def test_owner_and_secretariat_editing_at_once_conflict(lead, secretariat, action):
    owners_copy = ActionItem.objects.get(pk=action.pk)
    set_status(secretariat, action, ActionStatus.DONE, done_on=DONE_ON)
    with nothing_written(*ACTION_ROWS), pytest.raises(ConflictError):
        set_action_item_status(
            by=lead,
            action_item=owners_copy,
            status=ActionStatus.DROPPED,
            expected_version=1,
            note="Owner's view",
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


# set_action_item_status at a meeting


def test_set_status_at_a_meeting_records_that_meetings_review(secretariat, action):
    may = make_meeting(day=MAY)

    set_status(secretariat, action, ActionStatus.DONE, at_meeting=may, note=" Published ")

    review = ActionItemReview.objects.get()
    assert (review.action_item, review.meeting) == (action, may)
    assert (review.status, review.note, review.reviewed_by) == ("done", "Published", secretariat)
    event = last_event()
    assert event.verb == "meetings.actionitem.status_changed"
    assert event.scope_key == f"meetings.meeting:{action.meeting_id}"


def test_set_status_at_a_meeting_again_updates_its_review(secretariat, administrator, action):
    may = make_meeting(day=MAY)
    set_status(secretariat, action, ActionStatus.DONE, done_on=DONE_ON, at_meeting=may)
    action.refresh_from_db()

    set_status(administrator, action, ActionStatus.OPEN, at_meeting=may, note="Reopened")

    review = ActionItemReview.objects.get(action_item=action, meeting=may)
    assert (review.status, review.note, review.reviewed_by) == ("open", "Reopened", administrator)
    assert ActionItemReview.objects.count() == 1


def test_set_status_at_a_meeting_updates_the_review_made_when_it_was_scheduled(
    secretariat, lead_organisation
):
    from opengov.meetings.services.meetings import create_series

    series = create_series(by=SYSTEM, name="OGN and Cabinet Office")
    january = create_meeting(by=SYSTEM, title="January", series=series, starts_at=at(JANUARY))
    item = make_action(january, owner_organisation=lead_organisation)
    march = create_meeting(by=SYSTEM, title="March", series=series, starts_at=at(MARCH))
    assert ActionItemReview.objects.get().status == ActionStatus.OPEN

    set_status(secretariat, item, ActionStatus.DONE, at_meeting=march, note="Published")

    review = ActionItemReview.objects.get()
    assert (review.meeting, review.status, review.note) == (march, "done", "Published")


def test_owner_organisation_may_record_status_at_a_public_meeting(lead, action):
    may = make_meeting(day=MAY)
    set_status(lead, action, ActionStatus.DONE, at_meeting=may)
    review = ActionItemReview.objects.get()
    assert (review.meeting, review.status, review.reviewed_by) == (may, "done", lead)


def test_owner_organisation_cannot_record_status_at_a_private_meeting(lead, action):
    private = make_meeting(day=MAY, is_public=False)
    with nothing_written(*ACTION_ROWS), pytest.raises(PermissionDeniedError):
        set_status(lead, action, ActionStatus.DONE, at_meeting=private)
    assert_unchanged(action)


def test_set_status_refuses_a_review_at_an_earlier_meeting(secretariat, action):
    earlier = make_meeting(day=JANUARY)
    with nothing_written(*ACTION_ROWS), pytest.raises(DomainError) as error:
        set_status(secretariat, action, ActionStatus.DONE, at_meeting=earlier)
    assert error.value.field == "at_meeting"
    assert_unchanged(action)


# review_action_item


@pytest.mark.parametrize("role", RUNNERS)
def test_review_action_item_records_where_it_stood_and_audits(role, user_for_role, action):
    user = user_for_role(role)
    may = make_meeting(day=MAY)

    review = review_action_item(by=user, action_item=action, meeting=may, note="  On track ")

    review.refresh_from_db()
    assert (review.action_item, review.meeting) == (action, may)
    assert (review.status, review.note, review.reviewed_by) == ("open", "On track", user)
    event = last_event()
    assert event.verb == "meetings.actionitem.reviewed"
    assert event.object_key == f"meetings.actionitem:{action.pk}"
    assert event.scope_key == f"meetings.meeting:{may.pk}"
    assert event.changes == {"reviewed_at": [None, may.pk], "status": [None, "open"]}
    assert event.is_public is True
    action.refresh_from_db()
    assert (action.status, action.version) == (ActionStatus.OPEN, 1)


def test_review_at_a_private_meeting_is_a_private_event(secretariat, action):
    private = make_meeting(day=MAY, is_public=False)
    review_action_item(by=secretariat, action_item=action, meeting=private)
    assert last_event().is_public is False


def test_review_of_a_private_meetings_action_is_a_private_event(secretariat, private_action):
    public = make_meeting(day=MAY)
    review_action_item(by=secretariat, action_item=private_action, meeting=public)
    assert last_event().is_public is False


def test_review_action_item_again_at_the_same_meeting_updates_the_review(secretariat, action):
    may = make_meeting(day=MAY)
    review_action_item(by=secretariat, action_item=action, meeting=may, note="Slipping")

    review_action_item(by=secretariat, action_item=action, meeting=may, note="Back on track")

    review = ActionItemReview.objects.get()
    assert review.note == "Back on track"


def test_review_action_item_refuses_the_meeting_that_agreed_it(secretariat, action):
    with nothing_written(*ACTION_ROWS), pytest.raises(DomainError) as error:
        review_action_item(by=secretariat, action_item=action, meeting=action.meeting)
    assert error.value.field == "meeting"


def test_review_action_item_refuses_an_earlier_meeting(secretariat, action):
    earlier = make_meeting(day=JANUARY)
    with nothing_written(*ACTION_ROWS), pytest.raises(DomainError) as error:
        review_action_item(by=secretariat, action_item=action, meeting=earlier)
    assert error.value.field == "meeting"


@pytest.mark.parametrize("role", NOT_RUNNERS)
def test_role_cannot_review_action_item(role, user_for_role, action):
    may = make_meeting(day=MAY)
    with nothing_written(*ACTION_ROWS), pytest.raises(PermissionDeniedError):
        review_action_item(by=user_for_role(role), action_item=action, meeting=may)


def test_one_review_per_action_per_meeting_is_enforced_by_the_database(action):
    may = make_meeting(day=MAY)
    ActionItemReview.objects.create(action_item=action, meeting=may, status=ActionStatus.OPEN)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItemReview.objects.create(action_item=action, meeting=may, status=ActionStatus.DONE)
    assert ActionItemReview.objects.filter(action_item=action, meeting=may).count() == 1


def test_done_on_is_required_exactly_when_done_by_the_database(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItem.objects.filter(pk=action.pk).update(status=ActionStatus.DONE)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItem.objects.filter(pk=action.pk).update(done_on=DONE_ON)
    assert_unchanged(action)
