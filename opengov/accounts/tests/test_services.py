"""create_user and grant_role: administrators only, clear refusals, private audit events."""

import pytest

from opengov.accounts.models import Role, RoleGrant, User
from opengov.accounts.predicates import is_any_commitment_lead, is_secretariat
from opengov.accounts.services import create_user, grant_role
from opengov.core.actors import SYSTEM
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase"
NOT_ADMINISTRATORS = [
    "anonymous",
    "participant",
    "civil_society_member",
    "forum_member",
    "lead",
    "government_contact",
    "secretariat",
]


def test_create_user_records_a_private_event_without_the_email(administrator):
    user = create_user(by=administrator, email="Ada@Example.org", name="Ada", password=PASSWORD)
    assert user.email == "ada@example.org"
    assert user.check_password(PASSWORD)
    assert not user.is_staff and not user.is_superuser
    event = AuditEvent.objects.get(verb="accounts.user.created")
    assert event.object_key == f"accounts.user:{user.pk}"
    assert event.actor_id == administrator.pk
    assert event.is_public is False
    assert event.changes["name"] == [None, "Ada"]
    assert event.changes["has_password"] == [None, True]
    assert "ada@example.org" not in str(event.changes)
    assert PASSWORD not in str(event.changes)


def test_create_user_without_a_password_leaves_it_unusable(administrator):
    user = create_user(by=administrator, email="ada@example.org", name="Ada")
    assert not user.has_usable_password()


def test_the_system_can_create_an_administrator():
    user = create_user(
        by=SYSTEM,
        email="admin@example.org",
        name="Admin",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
    )
    assert user.is_staff and user.is_superuser
    assert AuditEvent.objects.get().actor_label == "opengov (system)"


@pytest.mark.parametrize("role", NOT_ADMINISTRATORS)
def test_non_administrators_cannot_create_users(role, user_for_role):
    by = user_for_role(role)
    users, events = User.objects.count(), AuditEvent.objects.count()
    with pytest.raises(PermissionDeniedError):
        create_user(by=by, email="new@example.org", name="New", password=PASSWORD)
    assert User.objects.count() == users
    assert AuditEvent.objects.count() == events


def test_a_duplicate_email_is_refused_with_a_clear_message(administrator):
    create_user(by=administrator, email="ada@example.org", name="Ada")
    with pytest.raises(DomainError) as error:
        create_user(by=administrator, email="ADA@example.org", name="Another Ada")
    assert error.value.field == "email"
    assert error.value.message == "A user with the e-mail address ada@example.org already exists."
    assert User.objects.filter(email__iexact="ada@example.org").count() == 1
    assert AuditEvent.objects.filter(verb="accounts.user.created").count() == 1


def test_an_invalid_email_is_refused(administrator):
    with pytest.raises(DomainError, match="valid e-mail address") as error:
        create_user(by=administrator, email="not an address", name="Ada")
    assert error.value.field == "email"
    assert not AuditEvent.objects.exists()


def test_a_weak_password_is_refused(administrator):
    with pytest.raises(DomainError) as error:
        create_user(by=administrator, email="ada@example.org", name="Ada", password="password")
    assert error.value.field == "password"
    assert not User.objects.filter(email="ada@example.org").exists()


def test_grant_role_records_a_private_event_and_counts_at_once(administrator, participant):
    assert not is_secretariat(participant)
    grant = grant_role(by=administrator, user=participant, role=Role.SECRETARIAT)
    assert grant.role == Role.SECRETARIAT and grant.organisation is None
    assert is_secretariat(participant)
    event = AuditEvent.objects.get(verb="accounts.role.granted")
    assert event.is_public is False
    assert event.object_key == f"accounts.rolegrant:{grant.pk}"
    assert event.scope_key == f"accounts.user:{participant.pk}"
    assert event.changes["role"] == [None, "secretariat"]


def test_a_commitment_lead_is_granted_for_an_organisation(
    administrator, participant, lead_organisation
):
    grant_role(
        by=administrator,
        user=participant,
        role=Role.COMMITMENT_LEAD,
        organisation=lead_organisation,
    )
    assert is_any_commitment_lead(participant)
    assert RoleGrant.objects.get(user=participant).organisation == lead_organisation


def test_a_commitment_lead_is_granted_for_one_commitment(administrator, participant, commitment):
    grant = grant_role(
        by=administrator, user=participant, role=Role.COMMITMENT_LEAD, commitment=commitment
    )
    assert grant.commitment == commitment


@pytest.mark.parametrize("role", NOT_ADMINISTRATORS)
def test_non_administrators_cannot_grant_roles(role, user_for_role, participant):
    by = user_for_role(role)
    with pytest.raises(PermissionDeniedError):
        grant_role(by=by, user=participant, role=Role.ADMINISTRATOR)
    assert not RoleGrant.objects.filter(user=participant).exists()


def test_the_same_grant_twice_is_refused(administrator, participant):
    grant_role(by=administrator, user=participant, role=Role.FORUM_MEMBER)
    with pytest.raises(DomainError, match="already has this role"):
        grant_role(by=administrator, user=participant, role=Role.FORUM_MEMBER)
    assert RoleGrant.objects.filter(user=participant).count() == 1
    assert AuditEvent.objects.filter(verb="accounts.role.granted").count() == 1


def test_an_unknown_role_is_refused(administrator, participant):
    with pytest.raises(DomainError, match="Choose a role"):
        grant_role(by=administrator, user=participant, role="emperor")


def test_a_commitment_lead_needs_a_scope(administrator, participant):
    with pytest.raises(DomainError) as error:
        grant_role(by=administrator, user=participant, role=Role.COMMITMENT_LEAD)
    assert error.value.field == "organisation"
    assert not RoleGrant.objects.filter(user=participant).exists()


def test_only_a_commitment_lead_can_be_scoped_to_a_commitment(
    administrator, participant, commitment
):
    with pytest.raises(DomainError, match="Only a commitment lead"):
        grant_role(by=administrator, user=participant, role=Role.SECRETARIAT, commitment=commitment)


def test_a_grant_names_an_organisation_or_a_commitment_not_both(
    administrator, participant, commitment, lead_organisation
):
    with pytest.raises(DomainError, match="not both"):
        grant_role(
            by=administrator,
            user=participant,
            role=Role.COMMITMENT_LEAD,
            organisation=lead_organisation,
            commitment=commitment,
        )
