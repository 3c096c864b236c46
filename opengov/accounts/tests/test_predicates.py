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


def _chain(depth: int) -> list:
    """Organisations each within the one before: a department, its agency, a unit, a team…"""
    chain = [OrganisationFactory(name="Level 0")]
    for level in range(1, depth):
        chain.append(OrganisationFactory(name=f"Level {level}", parent=chain[-1]))
    return chain


@pytest.mark.parametrize("depth", [1, 2, 3, 4, 5])
def test_a_lead_covers_parts_at_any_depth_and_never_the_parents(depth):
    chain = _chain(depth)
    by_deepest = CommitmentFactory(lead_organisations=[chain[-1]])
    by_top = CommitmentFactory(lead_organisations=[chain[0]])
    for org in chain:
        assert leads_commitment(lead_for(organisation=org), by_deepest)
    for org in chain[1:]:
        assert not leads_commitment(lead_for(organisation=org), by_top)


def test_a_lead_within_three_levels_is_found_in_one_query(django_assert_num_queries):
    chain = _chain(3)
    commitment = CommitmentFactory(lead_organisations=[chain[-1]])
    user = lead_for(organisation=chain[0])
    user.role_grants()  # loaded once per request by the page before any check
    with django_assert_num_queries(1):
        assert leads_commitment(user, commitment)
    unrelated = lead_for(organisation=OrganisationFactory(name="Home Office"))
    unrelated.role_grants()
    other = CommitmentFactory(lead_organisations=[chain[-1]])
    with django_assert_num_queries(1):
        assert not leads_commitment(unrelated, other)
