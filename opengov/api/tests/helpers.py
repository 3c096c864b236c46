"""Shared by the API read tests: request helpers, the `world` fixture (published objects of every
kind, and a draft), walking a cursor-paginated list, and recording audit events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from opengov.accounts.tokens import create_api_token
from opengov.action_plans.models import PolicyArea
from opengov.action_plans.services import revise_milestone_due_date
from opengov.action_plans.tests import factories as plans
from opengov.core import audit
from opengov.organisations import models as orgs
from opengov.organisations.tests.factories import PersonFactory

API = "/api/v1"
LISTS = "/members /plans /commitments /milestones /updates /organisations /people /networks"
LISTS = [*LISTS.split(), "/history"]


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(by=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def get(client, path: str, **kwargs):
    return client.get(f"{API}{path}", **kwargs)


@pytest.fixture
def draft_plan(db):
    return plans.ActionPlanFactory(published_at=None, status="drafting")


@pytest.fixture
def world(db, commitment, lead_organisation, lead, participant, draft_plan):
    """A published commitment with milestones, updates, an assessment-free history; a draft."""
    area, _ = PolicyArea.objects.get_or_create(slug="open-data", defaults={"name": "Open data"})
    commitment.policy_areas.add(area)
    milestone = plans.MilestoneFactory(commitment=commitment)
    revise_milestone_due_date(
        by=lead,
        milestone=milestone,
        new_due_on=dt.date(2017, 6, 30),
        new_due_precision="month",
        reason="Postponed due to the delayed Digital Strategy",
        expected_version=None,
    )
    update = plans.ProgressUpdateFactory(
        commitment=commitment, author=participant, author_name="Ana Example"
    )
    draft = plans.CommitmentFactory(plan=draft_plan, title="Secret draft commitment")
    person = PersonFactory(name="Ana Example", user=participant)
    orgs.Membership.objects.create(person=person, organisation=lead_organisation, role="Minister")
    orgs.OrganisationAlias.objects.create(
        organisation=lead_organisation, alias="CO", match_name=orgs.match_key("CO")
    )
    network = orgs.Network.objects.create(name="Open Government Network", slug="ogn")
    orgs.NetworkMembership.objects.create(network=network, organisation=lead_organisation)
    return locals()  # every object made here, by name


def walk(client, path: str, limit: int, key: str = "id") -> list:
    seen, cursor = [], None
    while True:
        query = f"limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        separator = "&" if "?" in path else "?"
        body = get(client, f"{path}{separator}{query}").json()
        assert len(body["items"]) <= limit
        seen += [item[key] for item in body["items"]]
        cursor = body["next"]
        if cursor is None:
            return seen


def ids(client, path: str, key: str = "id") -> list:
    response = get(client, path)
    assert response.status_code == 200, response.content
    return [item[key] for item in response.json()["items"]]


def record(obj, verb="test.changed", *, is_public=True, actor=None, changes=None):
    with transaction.atomic():
        return audit.record(
            actor=actor, verb=verb, obj=obj, changes=changes or {}, is_public=is_public
        )
