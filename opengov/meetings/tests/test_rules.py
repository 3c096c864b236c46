"""Who may do what to meetings and action items, by role and by the meeting's state: every
permission in opengov/meetings/rules.py, written out as one table a reviewer can read.

Objects: a meeting in the given state and an action item agreed at it. The action is owned by
the Cabinet Office (so `lead`, whose grant is scoped to the Cabinet Office, speaks for it), by
Involve (so `civil_society_member` speaks for it), or by no organisation (only its owner's name
as written in the note).
States: public meeting, private meeting, each with an action owned by the Cabinet Office; a
public and a private meeting with an action owned by Involve; a public meeting with an action
that has no owner organisation.
"""

from __future__ import annotations

import datetime as dt

import pytest
import rules
from rules.permissions import permissions as registered_permissions

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import UserFactory
from opengov.core.actors import SYSTEM
from opengov.meetings.models import ActionItem, Meeting

ROLES = (
    "anonymous",
    "participant",
    "civil_society_member",
    "forum_member",
    "other_lead",
    "lead",
    "government_contact",
    "secretariat",
    "administrator",
)

# state name: (meeting is public?, fixture naming the action's owner organisation or None)
STATES = {
    "public": (True, "lead_organisation"),
    "private": (False, "lead_organisation"),
    "public_owned_by_involve": (True, "civil_society_organisation"),
    "private_owned_by_involve": (False, "civil_society_organisation"),
    "public_unowned": (True, None),
}

# What each permission is checked against (as the services and views do); None = no object.
TARGETS = {
    "meetings.view_meeting": "meeting",
    "meetings.add_meeting": None,
    "meetings.change_meeting": "meeting",
    "meetings.publish_minutes": "meeting",
    "meetings.add_meetingseries": None,
    "meetings.import_note": None,
    "meetings.add_actionitem": "meeting",
    "meetings.change_actionitem": "action",
}

# Y = allowed, . = refused. One column per role, in the order of ROLES:
#   anon = anonymous, part = participant, cso = civil_society_member, forum = forum_member,
#   other = other_lead, lead = lead, gov = government_contact, sec = secretariat,
#   admin = administrator.
# fmt: off
MATRIX = {
    #                                   anon part cso forum other lead gov sec admin
    "meetings.view_meeting": {
        "public":                       "Y    Y    Y    Y    Y    Y    Y   Y   Y",
        "private":                      ".    .    .    .    .    .    .   Y   Y",
        "public_owned_by_involve":      "Y    Y    Y    Y    Y    Y    Y   Y   Y",
        "private_owned_by_involve":     ".    .    .    .    .    .    .   Y   Y",
        "public_unowned":               "Y    Y    Y    Y    Y    Y    Y   Y   Y",
    },
    "meetings.add_meeting": {
        "public":                       ".    .    .    .    .    .    .   Y   Y",
        "private":                      ".    .    .    .    .    .    .   Y   Y",
        "public_owned_by_involve":      ".    .    .    .    .    .    .   Y   Y",
        "private_owned_by_involve":     ".    .    .    .    .    .    .   Y   Y",
        "public_unowned":               ".    .    .    .    .    .    .   Y   Y",
    },
    "meetings.change_meeting": {
        "public":                       ".    .    .    .    .    .    .   Y   Y",
        "private":                      ".    .    .    .    .    .    .   Y   Y",
        "public_owned_by_involve":      ".    .    .    .    .    .    .   Y   Y",
        "private_owned_by_involve":     ".    .    .    .    .    .    .   Y   Y",
        "public_unowned":               ".    .    .    .    .    .    .   Y   Y",
    },
    "meetings.publish_minutes": {
        "public":                       ".    .    .    .    .    .    .   Y   Y",
        "private":                      ".    .    .    .    .    .    .   Y   Y",
        "public_owned_by_involve":      ".    .    .    .    .    .    .   Y   Y",
        "private_owned_by_involve":     ".    .    .    .    .    .    .   Y   Y",
        "public_unowned":               ".    .    .    .    .    .    .   Y   Y",
    },
    "meetings.add_meetingseries": {
        "public":                       ".    .    .    .    .    .    .   Y   Y",
        "private":                      ".    .    .    .    .    .    .   Y   Y",
        "public_owned_by_involve":      ".    .    .    .    .    .    .   Y   Y",
        "private_owned_by_involve":     ".    .    .    .    .    .    .   Y   Y",
        "public_unowned":               ".    .    .    .    .    .    .   Y   Y",
    },
    "meetings.import_note": {
        "public":                       ".    .    .    .    .    .    .   Y   Y",
        "private":                      ".    .    .    .    .    .    .   Y   Y",
        "public_owned_by_involve":      ".    .    .    .    .    .    .   Y   Y",
        "private_owned_by_involve":     ".    .    .    .    .    .    .   Y   Y",
        "public_unowned":               ".    .    .    .    .    .    .   Y   Y",
    },
    "meetings.add_actionitem": {
        "public":                       ".    .    .    .    .    .    .   Y   Y",
        "private":                      ".    .    .    .    .    .    .   Y   Y",
        "public_owned_by_involve":      ".    .    .    .    .    .    .   Y   Y",
        "private_owned_by_involve":     ".    .    .    .    .    .    .   Y   Y",
        "public_unowned":               ".    .    .    .    .    .    .   Y   Y",
    },
    "meetings.change_actionitem": {
        "public":                       ".    .    .    .    .    Y    .   Y   Y",
        "private":                      ".    .    .    .    .    .    .   Y   Y",
        "public_owned_by_involve":      ".    .    Y    .    .    .    .   Y   Y",
        "private_owned_by_involve":     ".    .    .    .    .    .    .   Y   Y",
        "public_unowned":               ".    .    .    .    .    .    .   Y   Y",
    },
}
# fmt: on


def expected(role: str, state: str) -> dict[str, bool]:
    """The column of MATRIX for `role`, in `state`: {permission: allowed}."""
    column = ROLES.index(role)
    return {permission: rows[state].split()[column] == "Y" for permission, rows in MATRIX.items()}


def test_matrix_covers_every_registered_meetings_permission():
    registered = {name for name in registered_permissions if name.startswith("meetings.")}
    assert registered == set(MATRIX), "add a row to MATRIX (and TARGETS) for each new rule"
    assert set(TARGETS) == set(MATRIX)


def test_matrix_has_a_row_per_state_and_a_column_per_role():
    for permission, rows in MATRIX.items():
        assert list(rows) == list(STATES), permission
        for state, row in rows.items():
            flags = row.split()
            assert len(flags) == len(ROLES), (permission, state)
            assert set(flags) <= {"Y", "."}, (permission, state)


def make_objects(is_public: bool, owner) -> dict[str | None, object]:
    meeting = Meeting.objects.create(
        title="Forum meeting",
        starts_at=dt.datetime(2017, 3, 13, 12, tzinfo=dt.UTC),
        is_public=is_public,
    )
    action = ActionItem.objects.create(
        meeting=meeting, text="Publish the data", owner_organisation=owner, owner_text="CO"
    )
    return {"meeting": meeting, "action": action, None: None}


@pytest.fixture
def objects_in_state(db, request):
    def build(state: str) -> dict[str | None, object]:
        is_public, owner_fixture = STATES[state]
        owner = request.getfixturevalue(owner_fixture) if owner_fixture else None
        return make_objects(is_public, owner)

    return build


@pytest.mark.django_db
@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("role", ROLES)
def test_role_holds_exactly_the_permissions_in_the_matrix(
    role, state, user_for_role, objects_in_state
):
    """One test per role and state; a failure lists every permission that differs."""
    user = user_for_role(role)
    objects = objects_in_state(state)
    actual = {
        permission: rules.has_perm(permission, user, objects[TARGETS[permission]])
        for permission in MATRIX
    }
    assert actual == expected(role, state)


# Beyond the matrix: the owner organisation's people, and users outside the fixtures' roles.


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.FORUM_MEMBER, Role.GOVERNMENT_CONTACT])
def test_any_grant_scoped_to_the_owner_organisation_speaks_for_it(role, objects_in_state):
    objects = objects_in_state("public")
    action = objects["action"]
    user = UserFactory()
    RoleGrant.objects.create(user=user, role=role, organisation=action.owner_organisation)

    assert rules.has_perm("meetings.change_actionitem", user, action)
    assert not rules.has_perm("meetings.change_meeting", user, objects["meeting"])
    assert not rules.has_perm("meetings.add_actionitem", user, objects["meeting"])


@pytest.mark.django_db
def test_owner_organisation_speaks_only_for_its_own_actions(lead, objects_in_state):
    ours = objects_in_state("public")["action"]
    theirs = objects_in_state("public_owned_by_involve")["action"]
    private = objects_in_state("private")["action"]

    assert rules.has_perm("meetings.change_actionitem", lead, ours)
    assert not rules.has_perm("meetings.change_actionitem", lead, theirs)
    assert not rules.has_perm("meetings.change_actionitem", lead, private)


@pytest.mark.django_db
def test_owner_rule_does_not_apply_to_a_meeting(lead, objects_in_state):
    meeting = objects_in_state("public")["meeting"]
    assert not rules.has_perm("meetings.change_actionitem", lead, meeting)
    assert not rules.has_perm("meetings.change_actionitem", lead, None)


@pytest.mark.django_db
def test_inactive_owner_cannot_change_the_action(lead, objects_in_state):
    lead.is_active = False
    action = objects_in_state("public")["action"]
    assert not rules.has_perm("meetings.change_actionitem", lead, action)
    assert rules.has_perm("meetings.view_meeting", lead, action.meeting)


@pytest.mark.django_db
def test_inactive_secretariat_cannot_see_private_meetings(secretariat, objects_in_state):
    secretariat.is_active = False
    objects = objects_in_state("private")
    assert not rules.has_perm("meetings.view_meeting", secretariat, objects["meeting"])
    assert not rules.has_perm("meetings.add_meeting", secretariat, None)


@pytest.mark.django_db
def test_superuser_runs_meetings(objects_in_state):
    superuser = UserFactory(is_superuser=True)
    objects = objects_in_state("private")
    assert rules.has_perm("meetings.view_meeting", superuser, objects["meeting"])
    assert rules.has_perm("meetings.publish_minutes", superuser, objects["meeting"])
    assert rules.has_perm("meetings.change_actionitem", superuser, objects["action"])


@pytest.mark.django_db
def test_system_actor_runs_meetings(objects_in_state):
    objects = objects_in_state("private")
    assert rules.has_perm("meetings.add_meeting", SYSTEM, None)
    assert rules.has_perm("meetings.view_meeting", SYSTEM, objects["meeting"])
    assert rules.has_perm("meetings.change_actionitem", SYSTEM, objects["action"])


@pytest.mark.django_db
def test_view_meeting_of_an_action_item_follows_its_meeting(anonymous, objects_in_state):
    public = objects_in_state("public")["action"]
    private = objects_in_state("private")["action"]
    assert rules.has_perm("meetings.view_meeting", anonymous, public)
    assert not rules.has_perm("meetings.view_meeting", anonymous, private)
