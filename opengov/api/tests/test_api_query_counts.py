"""Query counts of every API list: the same for ten rows as for a hundred."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.action_plans.tests import factories as plans
from opengov.organisations import models as orgs
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

from .helpers import LISTS, get, record


def build_rows(n: int) -> None:
    plan = plans.ActionPlanFactory()
    for i in range(n):
        organisation = OrganisationFactory(parent=OrganisationFactory())
        member = plans.MemberFactory(
            name=f"Member {organisation.pk}", slug=f"member-{organisation.pk}"
        )
        plans.ActionPlanFactory(member=member)
        network = orgs.Network.objects.create(
            name=f"Network {i}", slug=f"network-{organisation.pk}", coordinator=organisation
        )
        orgs.NetworkMembership.objects.create(network=network, organisation=organisation)
        commitment = plans.CommitmentFactory(plan=plan, lead_organisations=[organisation])
        commitment.supporting_organisations.add(organisation)
        plans.MilestoneFactory(commitment=commitment)
        plans.ProgressUpdateFactory(commitment=commitment, organisation=organisation)
        person = PersonFactory()
        orgs.Membership.objects.create(person=person, organisation=organisation, role="Lead")
        record(commitment, verb=f"test.{i}")


@pytest.mark.parametrize("path", LISTS)
def test_list_query_count_does_not_grow(client, db, path):
    def count(n: int) -> int:
        build_rows(n)
        with CaptureQueriesContext(connection) as queries:
            response = get(client, f"{path}?limit=200")
        assert response.status_code == 200
        return len(queries)

    small = count(10)
    assert count(90) == small
