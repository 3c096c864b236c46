"""Milestones: adding and editing them, moving a due date with a reason, completing them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.actors import as_user
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require

from ..choices import DuePrecision, MilestoneStatus
from ..models import Commitment, DueDateRevision, Milestone
from .commitments import refresh_progress

MILESTONE_FIELDS = ["text", "due_on", "due_precision", "status", "completed_on"]
MAX_REASON = 2000


def _check_precision(precision: str, field: str) -> None:
    if precision not in DuePrecision.values:
        raise DomainError(_("Choose how precise the due date is."), field=field)


def _check_source_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if url and (parts.scheme not in ("http", "https") or not parts.netloc):
        raise DomainError(
            _("The source must be a web address starting with http:// or https://."),
            field="source_url",
        )
    return url


def add_milestone(
    *,
    by: Any,
    commitment: Commitment,
    text: str,
    due_on: dt.date | None = None,
    due_precision: str = DuePrecision.DAY,
    source_url: str = "",
) -> Milestone:
    """Add a milestone; its first due date is also its original one."""
    require("action_plans.add_milestone", by, commitment)
    text = text.strip()
    if not text:
        raise DomainError(_("Enter the milestone."), field="text")
    _check_precision(due_precision, "due_precision")
    source_url = _check_source_url(source_url)
    with transaction.atomic():
        # Lock the commitment so two milestones added at once get different positions.
        Commitment.objects.select_for_update().filter(pk=commitment.pk).exists()
        last = commitment.milestones.order_by("-position").values_list("position", flat=True)
        milestone = Milestone.objects.create(
            commitment=commitment,
            position=(last.first() or 0) + 1,
            text=text,
            original_due_on=due_on,
            original_due_precision=due_precision,
            due_on=due_on,
            due_precision=due_precision,
            source_url=source_url,
        )
        changes = audit.created(milestone, ["text", "due_on", "due_precision"])
        changes.update({f"commitment.{k}": v for k, v in refresh_progress(commitment).items()})
        audit.record(
            actor=by,
            verb="action_plans.milestone.created",
            obj=milestone,
            changes=changes,
            scope=commitment,
            is_public=commitment.plan.is_published,
        )
    return milestone


def update_milestone(
    *, by: Any, milestone: Milestone, expected_version: int | None, text: str
) -> Milestone:
    """Reword a milestone. Its due date moves only through `revise_milestone_due_date`."""
    require("action_plans.change_milestone", by, milestone)
    text = text.strip()
    if not text:
        raise DomainError(_("Enter the milestone."), field="text")
    with transaction.atomic():
        locked = lock_for_edit(Milestone, pk=milestone.pk, expected_version=expected_version)
        if locked.text == text:
            return locked
        changes = {"text": [locked.text, text]}
        locked.text = text
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="action_plans.milestone.changed",
            obj=locked,
            changes=changes,
            scope=locked.commitment,
            is_public=locked.commitment.plan.is_published,
        )
    return locked


def revise_milestone_due_date(
    *,
    by: Any,
    milestone: Milestone,
    new_due_on: dt.date,
    reason: str,
    expected_version: int | None,
    new_due_precision: str = DuePrecision.DAY,
) -> DueDateRevision:
    """Move a milestone's due date. A reason is required; the original due date is kept and the
    revision is public. Not possible once the milestone is complete or the plan has ended."""
    require("action_plans.revise_milestone", by, milestone)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Enter the reason the due date is moving."), field="reason")
    if len(reason) > MAX_REASON:
        raise DomainError(
            _("The reason must be %(max)s characters or fewer.") % {"max": MAX_REASON}, "reason"
        )
    if new_due_on is None:
        raise DomainError(_("Enter the new due date."), field="new_due_on")
    _check_precision(new_due_precision, "new_due_precision")
    with transaction.atomic():
        locked = lock_for_edit(Milestone, pk=milestone.pk, expected_version=expected_version)
        if locked.status == MilestoneStatus.COMPLETE:
            raise DomainError(_("This milestone is complete: its due date can no longer move."))
        if locked.due_on == new_due_on and locked.due_precision == new_due_precision:
            raise DomainError(
                _("The new due date is the same as the current one."), field="new_due_on"
            )
        revision = DueDateRevision.objects.create(
            milestone=locked,
            old_due_on=locked.due_on,
            old_due_precision=locked.due_precision,
            new_due_on=new_due_on,
            new_due_precision=new_due_precision,
            reason=reason,
            revised_by=as_user(by),
            revised_by_name=audit.actor_label_for(by)[:200],
        )
        changes = {
            "due_on": [audit.to_json_value(locked.due_on), new_due_on.isoformat()],
            "reason": [None, reason],
        }
        if locked.due_precision != new_due_precision:
            changes["due_precision"] = [locked.due_precision, new_due_precision]
        locked.due_on = new_due_on
        locked.due_precision = new_due_precision
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="action_plans.milestone.due_date_revised",
            obj=locked,
            changes=changes,
            scope=locked.commitment,
            is_public=locked.commitment.plan.is_published,
        )
    return revision


def complete_milestone(
    *,
    by: Any,
    milestone: Milestone,
    expected_version: int | None,
    completed_on: dt.date | None = None,
) -> Milestone:
    """Mark a milestone complete on a date (today by default; never in the future). The
    commitment's progress is recounted, and it becomes complete with its last milestone."""
    require("action_plans.complete_milestone", by, milestone)
    today = timezone.localdate()
    completed_on = completed_on or today
    if completed_on > today:
        raise DomainError(_("The completion date cannot be in the future."), field="completed_on")
    with transaction.atomic():
        locked = lock_for_edit(Milestone, pk=milestone.pk, expected_version=expected_version)
        if locked.status == MilestoneStatus.COMPLETE:
            raise DomainError(_("This milestone is already complete."))
        if locked.status == MilestoneStatus.WITHDRAWN:
            raise DomainError(_("This milestone was withdrawn and cannot be completed."))
        changes: dict[str, Any] = {
            "status": [locked.status, MilestoneStatus.COMPLETE],
            "completed_on": [None, completed_on.isoformat()],
        }
        locked.status = MilestoneStatus.COMPLETE
        locked.completed_on = completed_on
        bump_version(locked)
        locked.save()
        changes.update(
            {f"commitment.{k}": v for k, v in refresh_progress(locked.commitment).items()}
        )
        audit.record(
            actor=by,
            verb="action_plans.milestone.completed",
            obj=locked,
            changes=changes,
            scope=locked.commitment,
            is_public=locked.commitment.plan.is_published,
        )
    return locked
