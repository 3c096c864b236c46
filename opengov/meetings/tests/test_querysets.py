"""Reads of meetings and action items: who sees a private meeting and its action items, which
meetings are upcoming or past, and which actions are open or overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from opengov.meetings.choices import ActionStatus
from opengov.meetings.models import ActionItem, ActionItemReview, Meeting

pytestmark = pytest.mark.django_db

CANNOT_SEE_PRIVATE = [
    "anonymous",
    "participant",
    "civil_society_member",
    "forum_member",
    "other_lead",
    "lead",
    "government_contact",
]
CAN_SEE_PRIVATE = ["secretariat", "administrator"]
TODAY = dt.date(2017, 6, 15)
NOW = dt.datetime(2017, 6, 15, 12, tzinfo=dt.UTC)


def make_meeting(*, starts_at: dt.datetime = NOW, is_public: bool = True) -> Meeting:
    return Meeting.objects.create(
        title="Private session" if not is_public else "Forum meeting",
        starts_at=starts_at,
        is_public=is_public,
    )


def make_action(meeting: Meeting, **fields) -> ActionItem:
    return ActionItem.objects.create(meeting=meeting, text="Publish the data", **fields)


def meeting_with_action(*, is_public: bool, owner=None) -> dict[type, object]:
    meeting = make_meeting(is_public=is_public, starts_at=NOW - dt.timedelta(days=30))
    action = make_action(meeting, owner_organisation=owner, due_on=TODAY - dt.timedelta(1))
    review = ActionItemReview.objects.create(
        action_item=action, meeting=meeting, status=ActionStatus.OPEN
    )
    return {Meeting: meeting, ActionItem: action, ActionItemReview: review}


@pytest.fixture
def public(lead_organisation):
    return meeting_with_action(is_public=True, owner=lead_organisation)


@pytest.fixture
def private(lead_organisation):
    """A private meeting whose action the Cabinet Office owns: owning it does not reveal it."""
    return meeting_with_action(is_public=False, owner=lead_organisation)


MODELS = [Meeting, ActionItem, ActionItemReview]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", CANNOT_SEE_PRIVATE)
def test_role_cannot_see_private_meeting_or_its_actions(
    role, model, user_for_role, public, private
):
    visible = set(model.objects.visible_to(user_for_role(role)))
    assert visible == {public[model]}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", CAN_SEE_PRIVATE)
def test_role_can_see_private_meeting_and_its_actions(role, model, user_for_role, public, private):
    visible = set(model.objects.visible_to(user_for_role(role)))
    assert visible == {public[model], private[model]}


def test_inactive_secretariat_cannot_see_private_meetings(secretariat, public, private):
    secretariat.is_active = False
    assert set(Meeting.objects.visible_to(secretariat)) == {public[Meeting]}
    assert set(ActionItem.objects.visible_to(secretariat)) == {public[ActionItem]}


def test_public_excludes_private_meetings(public, private):
    assert list(Meeting.objects.public()) == [public[Meeting]]


def test_visible_to_is_chainable_with_overdue(anonymous, public, private):
    overdue = ActionItem.objects.visible_to(anonymous).overdue(today=TODAY)
    assert list(overdue) == [public[ActionItem]]


def test_visible_to_is_chainable_with_upcoming(anonymous):
    make_meeting(starts_at=NOW + dt.timedelta(days=1), is_public=False)
    later = make_meeting(starts_at=NOW + dt.timedelta(days=2))
    assert list(Meeting.objects.visible_to(anonymous).upcoming(now=NOW)) == [later]


def test_upcoming_and_past_split_at_now_in_date_order():
    long_ago = make_meeting(starts_at=NOW - dt.timedelta(days=60))
    just_gone = make_meeting(starts_at=NOW - dt.timedelta(minutes=1))
    starting = make_meeting(starts_at=NOW)
    next_month = make_meeting(starts_at=NOW + dt.timedelta(days=30))
    tomorrow = make_meeting(starts_at=NOW + dt.timedelta(days=1))

    assert list(Meeting.objects.upcoming(now=NOW)) == [starting, tomorrow, next_month]
    assert list(Meeting.objects.past(now=NOW)) == [just_gone, long_ago]


@pytest.fixture
def actions():
    meeting = make_meeting(starts_at=NOW - dt.timedelta(days=90))
    yesterday, tomorrow = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)
    return {
        "late, open": make_action(meeting, due_on=yesterday),
        "late, done": make_action(
            meeting, due_on=yesterday, status=ActionStatus.DONE, done_on=TODAY
        ),
        "late, dropped": make_action(
            meeting, due_on=yesterday, status=ActionStatus.DROPPED, status_note="Not needed"
        ),
        "undated": make_action(meeting),
        "due in words": make_action(meeting, due_phrase="in the New Year"),
        "due today": make_action(meeting, due_on=TODAY),
        "due tomorrow": make_action(meeting, due_on=tomorrow),
    }


def test_overdue_excludes_done_dropped_undated_and_not_yet_due(actions):
    assert set(ActionItem.objects.overdue(today=TODAY)) == {actions["late, open"]}


def test_action_is_overdue_agrees_with_the_queryset(actions):
    overdue = set(ActionItem.objects.overdue(today=TODAY))
    for name, action in actions.items():
        assert action.is_overdue(TODAY) == (action in overdue), name


def test_open_excludes_done_and_dropped(actions):
    assert set(ActionItem.objects.open()) == {
        a for name, a in actions.items() if "done" not in name and "dropped" not in name
    }
