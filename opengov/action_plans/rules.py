"""Named permissions for action plans, composed from the role predicates.

Who may do what, by the plan's state:
- administrators and government points of contact create, edit and publish plans, commitments and
  milestones, and report on any commitment;
- a commitment lead reports on, and edits the milestones of, the commitments their grant covers;
- progress is reported only once a plan is being implemented (or has ended, for end-of-term
  reports); due dates can no longer move once a plan has ended;
- civil-society members assess commitments on behalf of their organisation, in any published plan.
"""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.predicates import (
    civil_society_organisation_ids,
    is_administrator,
    is_government_contact,
    is_plan_manager,
    leads_commitment,
)

from .choices import PlanStatus
from .models import ActionPlan, Assessment, Commitment, Milestone, ProgressUpdate

can_manage_plans = is_administrator | is_government_contact


def _plan_of(obj: Any) -> ActionPlan | None:
    if isinstance(obj, ActionPlan):
        return obj
    if isinstance(obj, Commitment):
        return obj.plan
    if isinstance(obj, Milestone | ProgressUpdate | Assessment):
        return obj.commitment.plan
    return None


def _commitment_of(obj: Any) -> Commitment | None:
    if isinstance(obj, Commitment):
        return obj
    if isinstance(obj, Milestone | ProgressUpdate | Assessment):
        return obj.commitment
    return None


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    plan = _plan_of(obj)
    return plan is not None and plan.published_at is not None


@rules.predicate
def leads_it(user: Any, obj: Any) -> bool:
    return leads_commitment(user, _commitment_of(obj))


@rules.predicate
def plan_is_reporting(user: Any, obj: Any) -> bool:
    plan = _plan_of(obj)
    return plan is not None and plan.status in (PlanStatus.IMPLEMENTING, PlanStatus.ENDED)


@rules.predicate
def plan_has_not_ended(user: Any, obj: Any) -> bool:
    plan = _plan_of(obj)
    return plan is not None and plan.status != PlanStatus.ENDED


@rules.predicate
def speaks_for_civil_society(user: Any) -> bool:
    return bool(civil_society_organisation_ids(user))


rules.add_perm("action_plans.view_actionplan", is_published | is_plan_manager)
rules.add_perm("action_plans.view_draft_actionplan", is_plan_manager)
rules.add_perm("action_plans.add_actionplan", can_manage_plans)
rules.add_perm("action_plans.change_actionplan", can_manage_plans)
rules.add_perm("action_plans.publish_actionplan", can_manage_plans)
rules.add_perm("action_plans.add_commitment", can_manage_plans & plan_has_not_ended)
rules.add_perm("action_plans.change_commitment", can_manage_plans)
# A lead acts on a published plan only: unpublished plans are visible to plan managers alone.
manages_or_leads = can_manage_plans | (leads_it & is_published)

rules.add_perm("action_plans.add_milestone", manages_or_leads & plan_has_not_ended)
rules.add_perm("action_plans.change_milestone", manages_or_leads & plan_has_not_ended)
rules.add_perm(
    "action_plans.revise_milestone", manages_or_leads & plan_is_reporting & plan_has_not_ended
)
rules.add_perm("action_plans.complete_milestone", manages_or_leads & plan_is_reporting)
rules.add_perm("action_plans.post_progressupdate", manages_or_leads & plan_is_reporting)
rules.add_perm("action_plans.add_government_assessment", manages_or_leads & plan_is_reporting)
rules.add_perm(
    "action_plans.add_civil_society_assessment",
    speaks_for_civil_society & is_published & plan_is_reporting,
)
