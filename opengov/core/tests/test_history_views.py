"""The history pages: public events only, filters that accept known values only, keyset pages
and constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.action_plans import services
from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.tests.factories import ActionPlanFactory
from opengov.core.actors import SYSTEM
from opengov.core.audit import compute_hash, object_key
from opengov.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def add_milestones(commitment, n: int) -> None:
    for i in range(n):
        services.add_milestone(by=SYSTEM, commitment=commitment, text=f"Step {i}")


def test_history_lists_public_events_newest_first(client, commitment):
    add_milestones(commitment, 2)
    page = client.get(reverse("core:history")).text
    assert page.index("Step 1") < page.index("Step 0")


def test_history_hides_events_of_unpublished_plans_but_administrators_see_them(
    client, administrator
):
    draft = ActionPlanFactory(published_at=None, status=PlanStatus.DRAFTING)
    services.update_plan(by=SYSTEM, plan=draft, expected_version=None, title="Hidden draft title")
    event = AuditEvent.objects.get(verb="action_plans.actionplan.changed")
    assert "Hidden draft title" not in client.get(reverse("core:history")).text
    assert client.get(reverse("core:event-detail", args=[event.sequence])).status_code == 404
    client.force_login(administrator)
    assert "Hidden draft title" in client.get(reverse("core:history")).text
    assert client.get(reverse("core:event-detail", args=[event.sequence])).status_code == 200


def test_history_filters_by_object_and_ignores_malformed_filters(client, commitment):
    add_milestones(commitment, 1)
    other = services.create_commitment(
        by=SYSTEM, plan=commitment.plan, number="99", title="Another commitment"
    )
    only = client.get(reverse("core:history"), {"object": object_key(commitment)}).text
    assert "Step 0" in only and "Another commitment" not in only
    junk = client.get(
        reverse("core:history"),
        {"object": "x'; DROP TABLE core_auditevent;--", "app": "nope", "since": "yesterday"},
    )
    assert junk.status_code == 200 and "Another commitment" in junk.text
    assert other.pk


def test_history_filters_by_date(client, commitment):
    add_milestones(commitment, 1)
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert "Step 0" not in client.get(reverse("core:history"), {"since": tomorrow}).text


def test_history_pages_by_sequence_with_constant_queries(client, commitment, settings):
    settings.OPENGOV_LIST_PAGE_SIZE = 5
    add_milestones(commitment, 3)

    def count(params: dict) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("core:history"), params).status_code == 200
        return len(ctx.captured_queries)

    small = count({})
    add_milestones(commitment, 30)
    assert count({}) == small
    first = client.get(reverse("core:history")).context["events"]
    second = client.get(reverse("core:history"), {"before": first[-1].sequence}).context["events"]
    assert [e.sequence for e in second] == [first[-1].sequence - i for i in range(1, 6)]


def test_event_page_shows_the_hash_and_what_it_covers(client, commitment):
    add_milestones(commitment, 1)
    event = AuditEvent.objects.order_by("-sequence").first()
    page = client.get(reverse("core:event-detail", args=[event.sequence])).text
    assert event.hash in page and event.prev_hash in page
    assert compute_hash(event) == event.hash
    assert "&quot;verb&quot;:&quot;action_plans.milestone.created&quot;" in page
