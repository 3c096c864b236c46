"""Public pages of action plans: status codes, drafts hidden, filters, and query counts that do
not grow with the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.action_plans import services
from opengov.action_plans.choices import MilestoneStatus, PlanStatus
from opengov.action_plans.models import Commitment
from opengov.action_plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
)
from opengov.core.actors import SYSTEM
from opengov.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def draft_plan():
    return ActionPlanFactory(published_at=None, status=PlanStatus.DRAFTING)


def test_anonymous_can_see_published_plan_pages(client, commitment):
    milestone = MilestoneFactory(commitment=commitment)
    update = ProgressUpdateFactory(commitment=commitment)
    for url in [
        reverse("action_plans:plan-list"),
        commitment.plan.get_absolute_url(),
        commitment.get_absolute_url(),
        milestone.get_absolute_url(),
        update.get_absolute_url(),
        commitment.plan.member.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url


def test_anonymous_cannot_see_unpublished_plan(client, draft_plan):
    commitment = CommitmentFactory(plan=draft_plan)
    milestone = MilestoneFactory(commitment=commitment)
    update = ProgressUpdateFactory(commitment=commitment)
    for url in [
        draft_plan.get_absolute_url(),
        commitment.get_absolute_url(),
        milestone.get_absolute_url(),
        update.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 404, url
    assert draft_plan.title not in client.get(reverse("action_plans:plan-list")).text


@pytest.mark.parametrize("role", ["participant", "lead", "civil_society_member"])
def test_non_managers_cannot_see_unpublished_plan(client, draft_plan, user_for_role, role):
    client.force_login(user_for_role(role))
    assert client.get(draft_plan.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["government_contact", "secretariat", "administrator"])
def test_plan_managers_can_see_unpublished_plan(client, draft_plan, user_for_role, role):
    client.force_login(user_for_role(role))
    response = client.get(draft_plan.get_absolute_url())
    assert response.status_code == 200
    assert "This plan is not published" in response.text


def test_missing_objects_give_404(client, db):
    for name in ["plan-detail", "commitment-detail", "milestone-detail", "update-detail"]:
        assert client.get(reverse(f"action_plans:{name}", args=[999999])).status_code == 404


def test_commitment_page_shows_original_and_revised_due_dates_with_reason(client, commitment):
    milestone = services.add_milestone(
        by=SYSTEM, commitment=commitment, text="Publish the register", due_on=dt.date(2017, 3, 31)
    )
    services.revise_milestone_due_date(
        by=SYSTEM,
        milestone=milestone,
        new_due_on=dt.date(2017, 9, 30),
        reason="Postponed due to the delayed Digital Strategy",
        expected_version=milestone.version,
    )
    page = client.get(commitment.get_absolute_url()).text
    assert "31 March 2017" in page
    assert "30 September 2017" in page
    assert "Postponed due to the delayed Digital Strategy" in page
    assert "moved a milestone&#x27;s due date" in page or "moved a milestone's due date" in page


def test_commitment_page_renders_update_markdown_safely(client, commitment):
    ProgressUpdateFactory(
        commitment=commitment, text="**Done** <script>alert(1)</script>", status="complete"
    )
    page = client.get(commitment.get_absolute_url()).text
    assert "<strong>Done</strong>" in page
    assert "<script>alert(1)</script>" not in page


def test_plan_filters_by_status_lead_and_ignore_unknown_values(client, commitment):
    other = CommitmentFactory(plan=commitment.plan, title="Grants data", status="delayed")
    url = commitment.plan.get_absolute_url()
    delayed = client.get(url, {"status": "delayed"}).text
    assert "Grants data" in delayed and commitment.title not in delayed
    by_lead = client.get(url, {"lead": "cabinet-office"}).text
    assert commitment.title in by_lead and other.title not in by_lead
    unknown = client.get(url, {"status": "'; DROP TABLE", "lead": "nobody", "page": "x"})
    assert unknown.status_code == 200
    assert commitment.title in unknown.text and other.title in unknown.text


def test_plan_page_draws_progress_chart_with_its_table(client, commitment):
    milestone = MilestoneFactory(commitment=commitment)
    milestone.status = MilestoneStatus.COMPLETE
    milestone.completed_on = dt.date(2016, 9, 1)
    milestone.save()
    MilestoneFactory(commitment=commitment)
    page = client.get(commitment.plan.get_absolute_url()).text
    assert "<svg" in page and "og-chart__line" in page
    assert "Sep 2016" in page
    assert "50.0%" in page


def _grow_plan(plan, lead, n: int) -> None:
    for _ in range(n):
        c = CommitmentFactory(plan=plan, lead_organisations=[lead])
        MilestoneFactory(commitment=c)
        ProgressUpdateFactory(commitment=c)


def test_plan_page_query_count_does_not_grow_with_commitments(client, commitment):
    lead = OrganisationFactory()
    _grow_plan(commitment.plan, lead, 5)
    small = count_queries(client, commitment.plan.get_absolute_url())
    _grow_plan(commitment.plan, lead, 45)
    assert Commitment.objects.count() >= 50
    assert count_queries(client, commitment.plan.get_absolute_url()) == small


def test_commitment_page_query_count_does_not_grow_with_milestones(client, commitment):
    for _ in range(3):
        m = MilestoneFactory(commitment=commitment)
        ProgressUpdateFactory(commitment=commitment, milestone=m)
    small = count_queries(client, commitment.get_absolute_url())
    for _ in range(30):
        m = MilestoneFactory(commitment=commitment)
        ProgressUpdateFactory(commitment=commitment, milestone=m)
    assert count_queries(client, commitment.get_absolute_url()) == small


def test_home_page_shows_current_plan_overdue_milestones_and_changes(client, commitment):
    services.add_milestone(
        by=SYSTEM, commitment=commitment, text="An overdue step", due_on=dt.date(2017, 1, 31)
    )
    page = client.get(reverse("pages:home")).text
    assert commitment.plan.title in page
    assert "An overdue step" in page
    assert "added a milestone" in page
