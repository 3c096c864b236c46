"""Public pages of organisations, people and networks: content, drafts hidden, constant queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.organisations.models import Membership, NetworkMembership
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_organisation_page_lists_what_it_leads_and_its_people(
    client, commitment, lead_organisation
):
    person = PersonFactory(name="Thom Townsend")
    Membership.objects.create(person=person, organisation=lead_organisation)
    page = client.get(lead_organisation.get_absolute_url()).text
    assert commitment.title in page
    assert "Thom Townsend" in page


def test_organisation_page_hides_commitments_of_unpublished_plans(client, lead_organisation):
    draft = ActionPlanFactory(published_at=None, status=PlanStatus.DRAFTING)
    hidden = CommitmentFactory(
        plan=draft, title="Secret draft", lead_organisations=[lead_organisation]
    )
    assert hidden.title not in client.get(lead_organisation.get_absolute_url()).text


def test_organisation_page_query_count_is_constant(client, lead_organisation):
    def grow(n: int) -> None:
        for _ in range(n):
            CommitmentFactory(lead_organisations=[lead_organisation])
            Membership.objects.create(person=PersonFactory(), organisation=lead_organisation)

    grow(3)
    small = queries(client, lead_organisation.get_absolute_url())
    grow(30)
    assert queries(client, lead_organisation.get_absolute_url()) == small


def test_person_and_network_pages(client, lead_organisation, civil_society_organisation):
    from opengov.organisations.models import Network

    person = PersonFactory(name="Tim Hughes")
    Membership.objects.create(person=person, organisation=civil_society_organisation)
    network = Network.objects.create(
        name="UK Open Government Network", slug="ogn", coordinator=civil_society_organisation
    )
    NetworkMembership.objects.create(network=network, organisation=civil_society_organisation)
    assert "Involve" in client.get(person.get_absolute_url()).text
    page = client.get(network.get_absolute_url()).text
    assert "Involve" in page and "Coordinated by" in page


def test_network_page_query_count_is_constant(client):
    from opengov.organisations.models import Network

    network = Network.objects.create(name="Network", slug="network")
    for _ in range(3):
        NetworkMembership.objects.create(network=network, organisation=OrganisationFactory())
    small = queries(client, network.get_absolute_url())
    for _ in range(30):
        NetworkMembership.objects.create(network=network, organisation=OrganisationFactory())
    assert queries(client, network.get_absolute_url()) == small


def test_organisation_list_is_paginated_with_constant_queries(client):
    for _ in range(5):
        OrganisationFactory(parent=OrganisationFactory())
    small = queries(client, reverse("organisations:organisation-list"))
    for _ in range(60):
        OrganisationFactory(parent=OrganisationFactory())
    assert queries(client, reverse("organisations:organisation-list")) == small
    assert client.get(reverse("organisations:organisation-list"), {"page": 2}).status_code == 200


def test_unknown_slugs_give_404(client, db):
    for name in ["organisation-detail", "person-detail", "network-detail"]:
        assert client.get(reverse(f"organisations:{name}", args=["nobody"])).status_code == 404
