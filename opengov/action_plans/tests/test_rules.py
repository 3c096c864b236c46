"""Who may do what to an action plan, by role and by the plan's state: every permission in
opengov/action_plans/rules.py, written out as one table a reviewer can read.

Objects: a plan in the given state, a commitment in it led by the Cabinet Office (so `lead`
leads it and `other_lead`, at the Home Office, does not), and a milestone of that commitment.
States: drafting (unpublished), consultation (published: the draft is out for comment),
implementing (published), implementing but not yet published, ended (published).
"""

from __future__ import annotations

import pytest
import rules
from django.utils import timezone
from rules.permissions import permissions as registered_permissions

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import UserFactory
from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
)
from opengov.core.actors import SYSTEM

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

# state name: (plan status, published?)
STATES = {
    "drafting": (PlanStatus.DRAFTING, False),
    "consultation": (PlanStatus.CONSULTATION, True),
    "implementing": (PlanStatus.IMPLEMENTING, True),
    "implementing_unpublished": (PlanStatus.IMPLEMENTING, False),
    "ended": (PlanStatus.ENDED, True),
}

# What each permission is checked against (as the services and views do); None = no object.
TARGETS = {
    "action_plans.view_actionplan": "plan",
    "action_plans.view_draft_actionplan": "plan",
    "action_plans.add_actionplan": None,
    "action_plans.change_actionplan": "plan",
    "action_plans.publish_actionplan": "plan",
    "action_plans.add_commitment": "plan",
    "action_plans.change_commitment": "commitment",
    "action_plans.add_milestone": "commitment",
    "action_plans.change_milestone": "milestone",
    "action_plans.revise_milestone": "milestone",
    "action_plans.complete_milestone": "milestone",
    "action_plans.post_progressupdate": "commitment",
    "action_plans.add_government_assessment": "commitment",
    "action_plans.add_civil_society_assessment": "commitment",
}

# Y = allowed, . = refused. One column per role, in the order of ROLES:
#   anon = anonymous, part = participant, cso = civil_society_member, forum = forum_member,
#   other = other_lead, lead = lead, gov = government_contact, sec = secretariat,
#   admin = administrator.
# fmt: off
MATRIX = {
    #                                   anon part cso forum other lead gov sec admin
    "action_plans.view_actionplan": {
        "drafting":                     ".    .    .    .    .    .    Y   Y   Y",
        "consultation":                 "Y    Y    Y    Y    Y    Y    Y   Y   Y",
        "implementing":                 "Y    Y    Y    Y    Y    Y    Y   Y   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   Y   Y",
        "ended":                        "Y    Y    Y    Y    Y    Y    Y   Y   Y",
    },
    "action_plans.view_draft_actionplan": {
        "drafting":                     ".    .    .    .    .    .    Y   Y   Y",
        "consultation":                 ".    .    .    .    .    .    Y   Y   Y",
        "implementing":                 ".    .    .    .    .    .    Y   Y   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   Y   Y",
        "ended":                        ".    .    .    .    .    .    Y   Y   Y",
    },
    "action_plans.add_actionplan": {
        "drafting":                     ".    .    .    .    .    .    Y   .   Y",
        "consultation":                 ".    .    .    .    .    .    Y   .   Y",
        "implementing":                 ".    .    .    .    .    .    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    .    Y   .   Y",
    },
    "action_plans.change_actionplan": {
        "drafting":                     ".    .    .    .    .    .    Y   .   Y",
        "consultation":                 ".    .    .    .    .    .    Y   .   Y",
        "implementing":                 ".    .    .    .    .    .    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    .    Y   .   Y",
    },
    "action_plans.publish_actionplan": {
        "drafting":                     ".    .    .    .    .    .    Y   .   Y",
        "consultation":                 ".    .    .    .    .    .    Y   .   Y",
        "implementing":                 ".    .    .    .    .    .    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    .    Y   .   Y",
    },
    "action_plans.add_commitment": {
        "drafting":                     ".    .    .    .    .    .    Y   .   Y",
        "consultation":                 ".    .    .    .    .    .    Y   .   Y",
        "implementing":                 ".    .    .    .    .    .    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    .    .   .   .",
    },
    "action_plans.change_commitment": {
        "drafting":                     ".    .    .    .    .    .    Y   .   Y",
        "consultation":                 ".    .    .    .    .    .    Y   .   Y",
        "implementing":                 ".    .    .    .    .    .    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    .    Y   .   Y",
    },
    "action_plans.add_milestone": {
        "drafting":                     ".    .    .    .    .    .    Y   .   Y",
        "consultation":                 ".    .    .    .    .    Y    Y   .   Y",
        "implementing":                 ".    .    .    .    .    Y    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    .    .   .   .",
    },
    "action_plans.change_milestone": {
        "drafting":                     ".    .    .    .    .    .    Y   .   Y",
        "consultation":                 ".    .    .    .    .    Y    Y   .   Y",
        "implementing":                 ".    .    .    .    .    Y    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    .    .   .   .",
    },
    "action_plans.revise_milestone": {
        "drafting":                     ".    .    .    .    .    .    .   .   .",
        "consultation":                 ".    .    .    .    .    .    .   .   .",
        "implementing":                 ".    .    .    .    .    Y    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    .    .   .   .",
    },
    "action_plans.complete_milestone": {
        "drafting":                     ".    .    .    .    .    .    .   .   .",
        "consultation":                 ".    .    .    .    .    .    .   .   .",
        "implementing":                 ".    .    .    .    .    Y    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    Y    Y   .   Y",
    },
    "action_plans.post_progressupdate": {
        "drafting":                     ".    .    .    .    .    .    .   .   .",
        "consultation":                 ".    .    .    .    .    .    .   .   .",
        "implementing":                 ".    .    .    .    .    Y    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    Y    Y   .   Y",
    },
    "action_plans.add_government_assessment": {
        "drafting":                     ".    .    .    .    .    .    .   .   .",
        "consultation":                 ".    .    .    .    .    .    .   .   .",
        "implementing":                 ".    .    .    .    .    Y    Y   .   Y",
        "implementing_unpublished":     ".    .    .    .    .    .    Y   .   Y",
        "ended":                        ".    .    .    .    .    Y    Y   .   Y",
    },
    "action_plans.add_civil_society_assessment": {
        "drafting":                     ".    .    .    .    .    .    .   .   .",
        "consultation":                 ".    .    .    .    .    .    .   .   .",
        "implementing":                 ".    .    Y    .    .    .    .   .   .",
        "implementing_unpublished":     ".    .    .    .    .    .    .   .   .",
        "ended":                        ".    .    Y    .    .    .    .   .   .",
    },
}
# fmt: on


def expected(role: str, state: str) -> dict[str, bool]:
    """The column of MATRIX for `role`, in `state`: {permission: allowed}."""
    column = ROLES.index(role)
    return {permission: rows[state].split()[column] == "Y" for permission, rows in MATRIX.items()}


def test_matrix_covers_every_registered_action_plans_permission():
    registered = {name for name in registered_permissions if name.startswith("action_plans.")}
    assert registered == set(MATRIX), "add a row to MATRIX (and TARGETS) for each new rule"
    assert set(TARGETS) == set(MATRIX)


def test_matrix_has_a_row_per_state_and_a_column_per_role():
    for permission, rows in MATRIX.items():
        assert list(rows) == list(STATES), permission
        for state, row in rows.items():
            flags = row.split()
            assert len(flags) == len(ROLES), (permission, state)
            assert set(flags) <= {"Y", "."}, (permission, state)


@pytest.fixture
def objects_in_state(db, lead_organisation):
    def build(state: str) -> dict[str, object]:
        status, published = STATES[state]
        plan = ActionPlanFactory(status=status, published_at=timezone.now() if published else None)
        commitment = CommitmentFactory(plan=plan, lead_organisations=[lead_organisation])
        milestone = MilestoneFactory(commitment=commitment)
        return {"plan": plan, "commitment": commitment, "milestone": milestone, None: None}

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


# Beyond the matrix: how grants are scoped, and users outside the fixtures' roles.


@pytest.mark.django_db
def test_lead_scoped_to_one_commitment_can_report_on_it_only(objects_in_state):
    objects = objects_in_state("implementing")
    commitment = objects["commitment"]
    sibling = CommitmentFactory(plan=commitment.plan)
    user = UserFactory()
    RoleGrant.objects.create(user=user, role=Role.COMMITMENT_LEAD, commitment=commitment)

    assert rules.has_perm("action_plans.post_progressupdate", user, commitment)
    assert rules.has_perm("action_plans.complete_milestone", user, objects["milestone"])
    assert not rules.has_perm("action_plans.post_progressupdate", user, sibling)


@pytest.mark.django_db
def test_inactive_administrator_has_no_permission(administrator, objects_in_state):
    administrator.is_active = False
    objects = objects_in_state("drafting")
    assert not rules.has_perm("action_plans.view_actionplan", administrator, objects["plan"])
    assert not rules.has_perm("action_plans.add_actionplan", administrator, None)


@pytest.mark.django_db
def test_superuser_can_manage_plans(objects_in_state):
    superuser = UserFactory(is_superuser=True)
    objects = objects_in_state("drafting")
    assert rules.has_perm("action_plans.publish_actionplan", superuser, objects["plan"])
    assert rules.has_perm("action_plans.add_milestone", superuser, objects["commitment"])


@pytest.mark.django_db
def test_system_actor_can_manage_plans_but_not_speak_for_civil_society(objects_in_state):
    objects = objects_in_state("implementing")
    assert rules.has_perm("action_plans.add_actionplan", SYSTEM, None)
    assert rules.has_perm("action_plans.post_progressupdate", SYSTEM, objects["commitment"])
    assert not rules.has_perm(
        "action_plans.add_civil_society_assessment", SYSTEM, objects["commitment"]
    )
