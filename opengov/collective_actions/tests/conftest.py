"""Fixtures of the collective actions' tests: an action with a quorum of three, and users who
speak for governments and for civil society."""

from __future__ import annotations

import pytest

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import UserFactory
from opengov.organisations.models import OrganisationKind
from opengov.organisations.tests.factories import OrganisationFactory

from .factories import CollectiveActionFactory


@pytest.fixture
def action(db):
    return CollectiveActionFactory()


def speaker_for(name: str, kind: str = OrganisationKind.NATIONAL_GOVERNMENT, parent=None):
    """A user holding a role for a new organisation of that kind (a forum member's role: any
    role scoped to an organisation lets its holder sign for it)."""
    organisation = OrganisationFactory(name=name, kind=kind, parent=parent)
    user = UserFactory(name=f"Contact for {name}")
    role = (
        Role.CIVIL_SOCIETY_MEMBER if kind == OrganisationKind.CIVIL_SOCIETY else Role.FORUM_MEMBER
    )
    RoleGrant.objects.create(user=user, role=role, organisation=organisation)
    return user, organisation


@pytest.fixture
def governments(db):
    """Three users, each speaking for a different national government."""
    return [speaker_for(name) for name in ("France", "United Kingdom", "Mexico")]
