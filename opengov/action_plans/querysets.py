"""Reads of action plans. Unpublished plans, and everything in them, are visible only to the
people who manage plans; every view and API endpoint loads through `visible_to(user)`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models

from opengov.accounts.predicates import is_plan_manager

from .choices import MilestoneStatus

if TYPE_CHECKING:
    from .models import ActionPlan, Assessment, Commitment, Milestone, ProgressUpdate  # noqa: F401


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def published(self) -> ActionPlanQuerySet:
        return self.filter(published_at__isnull=False)

    def visible_to(self, user: Any) -> ActionPlanQuerySet:
        return self if is_plan_manager(user) else self.published()


class CommitmentQuerySet(models.QuerySet["Commitment"]):
    def published(self) -> CommitmentQuerySet:
        return self.filter(plan__published_at__isnull=False)

    def visible_to(self, user: Any) -> CommitmentQuerySet:
        return self if is_plan_manager(user) else self.published()

    def for_table(self) -> CommitmentQuerySet:
        """What a list of commitments shows, in a fixed number of queries."""
        return self.select_related("plan__member", "government").prefetch_related(
            "lead_organisations", "policy_areas"
        )


class MilestoneQuerySet(models.QuerySet["Milestone"]):
    def visible_to(self, user: Any) -> MilestoneQuerySet:
        if is_plan_manager(user):
            return self
        return self.filter(commitment__plan__published_at__isnull=False)

    def open(self) -> MilestoneQuerySet:
        return self.exclude(status__in=[MilestoneStatus.COMPLETE, MilestoneStatus.WITHDRAWN])

    def overdue(self, *, today: dt.date) -> MilestoneQuerySet:
        return self.open().filter(due_on__lt=today)


class ProgressUpdateQuerySet(models.QuerySet["ProgressUpdate"]):
    def visible_to(self, user: Any) -> ProgressUpdateQuerySet:
        if is_plan_manager(user):
            return self
        return self.filter(commitment__plan__published_at__isnull=False)


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(self, user: Any) -> AssessmentQuerySet:
        if is_plan_manager(user):
            return self
        return self.filter(commitment__plan__published_at__isnull=False)
