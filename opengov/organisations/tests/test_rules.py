"""Who may change the directory of organisations, people and networks: every permission in
opengov/organisations/rules.py by role, written out as one table. The rules have no state."""

from __future__ import annotations

import pytest
import rules
from rules.permissions import permissions as registered_permissions

from opengov.organisations.models import Network
from opengov.organisations.tests.post_factories import ProjectFactory, TenureFactory

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

# What each permission is checked against (as the services do); None = no object.
TARGETS = {
    "organisations.add_organisation": None,
    "organisations.change_organisation": "organisation",
    "organisations.add_person": None,
    "organisations.change_person": None,
    "organisations.add_membership": None,
    "organisations.add_network": None,
    "organisations.change_network": "network",
    "organisations.add_post": None,
    "organisations.change_post": "post",
    "organisations.add_tenure": "post",
    "organisations.change_tenure": "tenure",
    "organisations.add_project": "network",
    "organisations.change_project": "project",
}

# Y = allowed, . = refused. One column per role, in the order of ROLES:
#   anon = anonymous, part = participant, cso = civil_society_member, forum = forum_member,
#   other = other_lead, lead = lead, gov = government_contact, sec = secretariat,
#   admin = administrator.
# fmt: off
MATRIX = {
    #                                        anon part cso forum other lead gov sec admin
    "organisations.add_organisation":       ".    .    .    .    .    .    Y   Y   Y",
    "organisations.change_organisation":    ".    .    .    .    .    .    Y   Y   Y",
    "organisations.add_person":             ".    .    .    .    .    .    Y   Y   Y",
    "organisations.change_person":          ".    .    .    .    .    .    Y   Y   Y",
    "organisations.add_membership":         ".    .    .    .    .    .    Y   Y   Y",
    "organisations.add_network":            ".    .    .    .    .    .    .   Y   Y",
    "organisations.change_network":         ".    .    .    .    .    .    .   Y   Y",
    "organisations.add_post":               ".    .    .    .    .    .    Y   Y   Y",
    "organisations.change_post":            ".    .    .    .    .    .    Y   Y   Y",
    "organisations.add_tenure":             ".    .    .    .    .    .    Y   Y   Y",
    "organisations.change_tenure":          ".    .    .    .    .    .    Y   Y   Y",
    "organisations.add_project":            ".    .    .    .    .    .    .   Y   Y",
    "organisations.change_project":         ".    .    .    .    .    .    .   Y   Y",
}
# fmt: on


def expected(role: str) -> dict[str, bool]:
    """The column of MATRIX for `role`: {permission: allowed}."""
    column = ROLES.index(role)
    return {permission: row.split()[column] == "Y" for permission, row in MATRIX.items()}


def test_matrix_covers_every_registered_organisations_permission():
    registered = {name for name in registered_permissions if name.startswith("organisations.")}
    assert registered == set(MATRIX), "add a row to MATRIX (and TARGETS) for each new rule"
    assert set(TARGETS) == set(MATRIX)


def test_matrix_has_a_column_per_role():
    for permission, row in MATRIX.items():
        flags = row.split()
        assert len(flags) == len(ROLES), permission
        assert set(flags) <= {"Y", "."}, permission


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_role_holds_exactly_the_permissions_in_the_matrix(role, user_for_role, lead_organisation):
    user = user_for_role(role)
    network = Network.objects.create(name="Open Government Network", slug="ogn")
    tenure = TenureFactory()
    objects = {
        None: None,
        "organisation": lead_organisation,
        "network": network,
        "post": tenure.post,
        "tenure": tenure,
        "project": ProjectFactory(network=network),
    }
    actual = {
        permission: rules.has_perm(permission, user, objects[TARGETS[permission]])
        for permission in MATRIX
    }
    assert actual == expected(role)
