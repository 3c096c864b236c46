"""Role predicates: what a commitment lead's grant covers."""

import pytest

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.predicates import leads_commitment
from opengov.accounts.tests.factories import UserFactory
from opengov.action_plans.tests.factories import CommitmentFactory
from opengov.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def lead_for(**scope):
    user = UserFactory()
    RoleGrant.objects.create(user=user, role=Role.COMMITMENT_LEAD, **scope)
    return user


def test_lead_of_an_organisation_covers_what_its_parts_lead():
    cabinet_office = OrganisationFactory(name="Cabinet Office")
    gds = OrganisationFactory(name="Government Digital Service", parent=cabinet_office)
    team = OrganisationFactory(name="Data team", parent=gds)
    by_gds = CommitmentFactory(lead_organisations=[gds])
    by_team = CommitmentFactory(lead_organisations=[team])
    assert leads_commitment(lead_for(organisation=cabinet_office), by_gds)
    assert leads_commitment(lead_for(organisation=cabinet_office), by_team)


def test_lead_of_a_part_does_not_cover_what_its_parent_leads():
    cabinet_office = OrganisationFactory(name="Cabinet Office")
    gds = OrganisationFactory(name="Government Digital Service", parent=cabinet_office)
    by_cabinet_office = CommitmentFactory(lead_organisations=[cabinet_office])
    assert not leads_commitment(lead_for(organisation=gds), by_cabinet_office)


def test_lead_scoped_to_one_commitment_covers_only_that_one():
    named, other = CommitmentFactory(), CommitmentFactory()
    user = lead_for(commitment=named)
    assert leads_commitment(user, named)
    assert not leads_commitment(user, other)


def test_other_roles_and_anonymous_lead_nothing(anonymous, commitment, participant):
    assert not leads_commitment(anonymous, commitment)
    assert not leads_commitment(participant, commitment)
