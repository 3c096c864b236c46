"""Figures computed from tracked data: a plan's progress over time and its status counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils.formats import date_format

from .choices import MilestoneStatus, ProgressStatus
from .dates import end_of_period
from .models import ActionPlan, Commitment, Milestone


@dataclass(frozen=True)
class ProgressPoint:
    month_end: dt.date
    complete: int
    total: int

    @property
    def label(self) -> str:
        return date_format(self.month_end, "M Y")

    @property
    def percent(self) -> float:
        return round(100 * self.complete / self.total, 1) if self.total else 0.0


def progress_over_time(plan: ActionPlan, *, today: dt.date) -> list[ProgressPoint]:
    """For each month from the plan's start to its end (or today, if sooner): how many of its
    milestones (withdrawn ones aside) were complete by the end of that month. One query."""
    rows = list(
        Milestone.objects.filter(commitment__plan=plan)
        .exclude(status=MilestoneStatus.WITHDRAWN)
        .values_list("completed_on", flat=True)
    )
    if not rows:
        return []
    completed = sorted(d for d in rows if d is not None)
    start = plan.starts_on or (completed[0] if completed else today)
    stop = min(plan.ends_on or today, today)
    if stop < start:
        stop = start
    points: list[ProgressPoint] = []
    year, month = start.year, start.month
    while (year, month) <= (stop.year, stop.month):
        month_end = end_of_period(year, month)
        done = sum(1 for d in completed if d <= month_end)
        points.append(ProgressPoint(month_end, done, len(rows)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return points


def status_counts(plan: ActionPlan) -> list[tuple[str, str, int]]:
    """(status key, label, number of commitments) for every status, in a fixed order."""
    counts = dict(
        Commitment.objects.filter(plan=plan)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(s.value, str(s.label), counts.get(s.value, 0)) for s in ProgressStatus]
