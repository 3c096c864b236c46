"""Reads of action plans: who sees an unpublished plan and everything in it, and which milestones
are overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from opengov.action_plans.choices import AssessmentKind, MilestoneStatus, PlanStatus
from opengov.action_plans.models import (
    ActionPlan,
    Assessment,
    Commitment,
    Milestone,
    ProgressUpdate,
)
from opengov.action_plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
)
from opengov.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CANNOT_SEE_UNPUBLISHED = [
    "anonymous",
    "participant",
    "civil_society_member",
    "forum_member",
    "other_lead",
    "lead",
]
CAN_SEE_UNPUBLISHED = ["government_contact", "secretariat", "administrator"]
TODAY = dt.date(2017, 6, 15)


def plan_with_contents(*, published: bool, lead_organisation) -> dict[str, object]:
    """A plan with a commitment, a milestone, a progress update and an assessment."""
    plan = ActionPlanFactory(status=PlanStatus.IMPLEMENTING)
    if not published:
        ActionPlan.objects.filter(pk=plan.pk).update(published_at=None)
    commitment = CommitmentFactory(plan=plan, lead_organisations=[lead_organisation])
    return {
        ActionPlan: plan,
        Commitment: commitment,
        Milestone: MilestoneFactory(commitment=commitment),
        ProgressUpdate: ProgressUpdateFactory(commitment=commitment),
        Assessment: Assessment.objects.create(
            commitment=commitment,
            kind=AssessmentKind.GOVERNMENT,
            organisation=lead_organisation,
            period_start=dt.date(2016, 7, 1),
            period_end=dt.date(2017, 6, 30),
            status="on_track",
            text="Self-assessment",
        ),
    }


@pytest.fixture
def published(lead_organisation):
    return plan_with_contents(published=True, lead_organisation=lead_organisation)


@pytest.fixture
def unpublished(lead_organisation):
    return plan_with_contents(published=False, lead_organisation=lead_organisation)


MODELS = [ActionPlan, Commitment, Milestone, ProgressUpdate, Assessment]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", CANNOT_SEE_UNPUBLISHED)
def test_role_cannot_see_unpublished_plan_or_its_contents(
    role, model, user_for_role, published, unpublished
):
    visible = set(model.objects.visible_to(user_for_role(role)))
    assert visible == {published[model]}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", CAN_SEE_UNPUBLISHED)
def test_role_can_see_unpublished_plan_and_its_contents(
    role, model, user_for_role, published, unpublished
):
    visible = set(model.objects.visible_to(user_for_role(role)))
    assert visible == {published[model], unpublished[model]}


def test_published_plans_exclude_unpublished(published, unpublished):
    assert list(ActionPlan.objects.published()) == [published[ActionPlan]]
    assert list(Commitment.objects.published()) == [published[Commitment]]


def test_visible_to_is_chainable_with_overdue(anonymous, published, unpublished):
    overdue = Milestone.objects.visible_to(anonymous).overdue(today=TODAY)
    assert list(overdue) == [published[Milestone]]


@pytest.fixture
def milestones(commitment):
    yesterday, tomorrow = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)

    def make(due_on, status=MilestoneStatus.NOT_STARTED, completed_on=None):
        return MilestoneFactory(
            commitment=commitment, due_on=due_on, status=status, completed_on=completed_on
        )

    return {
        "late, not started": make(yesterday),
        "late, in progress": make(yesterday, MilestoneStatus.IN_PROGRESS),
        "late, complete": make(yesterday, MilestoneStatus.COMPLETE, completed_on=TODAY),
        "late, withdrawn": make(yesterday, MilestoneStatus.WITHDRAWN),
        "undated": make(None),
        "due today": make(TODAY),
        "due tomorrow": make(tomorrow),
    }


def test_overdue_excludes_complete_withdrawn_undated_and_not_yet_due(milestones):
    overdue = set(Milestone.objects.overdue(today=TODAY))
    assert overdue == {milestones["late, not started"], milestones["late, in progress"]}


def test_milestone_is_overdue_agrees_with_the_queryset(milestones):
    overdue = set(Milestone.objects.overdue(today=TODAY))
    for name, milestone in milestones.items():
        assert milestone.is_overdue(TODAY) == (milestone in overdue), name


def test_open_excludes_complete_and_withdrawn(milestones):
    assert set(Milestone.objects.open()) == {
        m for name, m in milestones.items() if "complete" not in name and "withdrawn" not in name
    }


def test_for_table_loads_commitments_in_a_fixed_number_of_queries(
    django_assert_num_queries, lead_organisation
):
    plan = ActionPlanFactory()
    government = OrganisationFactory()
    for _ in range(3):
        CommitmentFactory(plan=plan, government=government, lead_organisations=[lead_organisation])

    with django_assert_num_queries(3):
        rows = [
            (c.plan.member.name, c.government.name, c.lead_organisation_ids())
            for c in Commitment.objects.for_table()
        ]
    assert rows == [("United Kingdom", government.name, {lead_organisation.pk})] * 3
