"""Shared fixtures: one user per role, and the lead organisation's commitment they act on."""

from __future__ import annotations

import pytest

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.action_plans.tests.factories import CommitmentFactory
from opengov.core.db_triggers import install_audit_triggers, remove_audit_triggers
from opengov.organisations.models import OrganisationKind
from opengov.organisations.tests.factories import OrganisationFactory

ROLE_NAMES = [
    "anonymous",
    "participant",
    "civil_society_member",
    "forum_member",
    "other_lead",
    "lead",
    "government_contact",
    "secretariat",
    "administrator",
]


@pytest.fixture
def transactional_db(transactional_db):
    """Transactional tests end with Django's flush, which on SQLite deletes rows one by one: lift
    the append-only triggers on audit events for it. Tests of the triggers themselves install
    them again with the `audit_triggers` fixture."""
    yield
    from django.db import connection

    if connection.vendor == "sqlite":
        remove_audit_triggers(connection)


@pytest.fixture
def audit_triggers(db):
    """The append-only triggers on audit events, as migrations install them."""
    from django.db import connection

    install_audit_triggers(connection)


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def lead_organisation(db):
    return OrganisationFactory(name="Cabinet Office", slug="cabinet-office")


@pytest.fixture
def civil_society_organisation(db):
    return OrganisationFactory(name="Involve", slug="involve", kind=OrganisationKind.CIVIL_SOCIETY)


@pytest.fixture
def commitment(db, lead_organisation):
    return CommitmentFactory(lead_organisations=[lead_organisation])


def _user_with(role: str, **scope):
    user = UserFactory(email=f"{role}-{UserFactory._meta.model.objects.count()}@example.org")
    RoleGrant.objects.create(user=user, role=role, **scope)
    return user


@pytest.fixture
def participant(db):
    return UserFactory(email="participant@example.org")


@pytest.fixture
def administrator(db):
    return _user_with(Role.ADMINISTRATOR)


@pytest.fixture
def secretariat(db):
    return _user_with(Role.SECRETARIAT)


@pytest.fixture
def government_contact(db):
    return _user_with(Role.GOVERNMENT_CONTACT)


@pytest.fixture
def lead(db, lead_organisation):
    """A commitment lead whose grant covers the Cabinet Office's commitments."""
    return _user_with(Role.COMMITMENT_LEAD, organisation=lead_organisation)


@pytest.fixture
def other_lead(db):
    """A commitment lead for another organisation."""
    return _user_with(Role.COMMITMENT_LEAD, organisation=OrganisationFactory(name="Home Office"))


@pytest.fixture
def forum_member(db):
    return _user_with(Role.FORUM_MEMBER)


@pytest.fixture
def civil_society_member(db, civil_society_organisation):
    return _user_with(Role.CIVIL_SOCIETY_MEMBER, organisation=civil_society_organisation)


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def user_for_role(request):
    """Look up a role fixture by name: user_for_role("lead")."""

    def get(name: str):
        return request.getfixturevalue(name)

    return get
