"""Members and action plans: creating, editing and publishing them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.slugs import unique_slug

from ..choices import MemberKind, PlanStatus
from ..models import ActionPlan, Member

PLAN_FIELDS = ["number", "title", "description", "starts_on", "ends_on", "status", "ogp_id"]


def _check_status(status: str) -> None:
    if status not in PlanStatus.values:
        raise DomainError(_("Choose the plan's status."), field="status")


def _check_number(number: int) -> None:
    if number < 1:
        raise DomainError(_("The plan number must be 1 or more."), field="number")


def _check_period(starts_on: dt.date | None, ends_on: dt.date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(_("The end date must be on or after the start date."), field="ends_on")


def create_member(
    *, by: Any, name: str, kind: str = MemberKind.NATIONAL, code: str = "", region: str = ""
) -> Member:
    """Add an OGP member. Only administrators and government contacts may."""
    require("action_plans.add_actionplan", by)
    name = name.strip()
    if not name:
        raise DomainError(_("Enter the member's name."), field="name")
    if kind not in MemberKind.values:
        raise DomainError(_("Choose whether the member is national or local."), field="kind")
    if Member.objects.filter(name__iexact=name).exists():
        raise DomainError(_("A member called %(name)s already exists.") % {"name": name}, "name")
    with transaction.atomic():
        member = Member.objects.create(
            name=name, slug=unique_slug(Member, name), kind=kind, code=code, region=region
        )
        audit.record(
            actor=by,
            verb="action_plans.member.created",
            obj=member,
            changes=audit.created(member, ["name", "kind", "code", "region"]),
        )
    return member


def create_plan(
    *,
    by: Any,
    member: Member,
    number: int,
    title: str,
    description: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    status: str = PlanStatus.DRAFTING,
    ogp_id: str = "",
) -> ActionPlan:
    """Create an unpublished plan for `member`. Its number must be unique for the member."""
    require("action_plans.add_actionplan", by)
    title = title.strip()
    if not title:
        raise DomainError(_("Enter the plan's title."), field="title")
    _check_number(number)
    _check_status(status)
    _check_period(starts_on, ends_on)
    with transaction.atomic():
        if ActionPlan.objects.filter(member=member, number=number).exists():
            raise DomainError(
                _("%(member)s already has an action plan numbered %(number)s.")
                % {"member": member, "number": number},
                field="number",
            )
        plan = ActionPlan.objects.create(
            member=member,
            number=number,
            title=title,
            description=description,
            starts_on=starts_on,
            ends_on=ends_on,
            status=status,
            ogp_id=ogp_id,
            submitted_year=starts_on.year if starts_on else None,
            end_year=ends_on.year if ends_on else None,
        )
        audit.record(
            actor=by,
            verb="action_plans.actionplan.created",
            obj=plan,
            changes=audit.created(plan, PLAN_FIELDS),
            is_public=False,
        )
    return plan


def update_plan(
    *, by: Any, plan: ActionPlan, expected_version: int | None, **fields: Any
) -> ActionPlan:
    """Edit a plan's details. A save from a stale version is refused (ConflictError)."""
    require("action_plans.change_actionplan", by, plan)
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"unknown plan fields: {sorted(unknown)}")
    if "title" in fields:
        fields["title"] = str(fields["title"]).strip()
        if not fields["title"]:
            raise DomainError(_("Enter the plan's title."), field="title")
    if "number" in fields:
        _check_number(fields["number"])
    if "status" in fields:
        _check_status(fields["status"])
    with transaction.atomic():
        locked = lock_for_edit(ActionPlan, pk=plan.pk, expected_version=expected_version)
        before = audit.snapshot(locked, PLAN_FIELDS)
        for name, value in fields.items():
            setattr(locked, name, value)
        _check_period(locked.starts_on, locked.ends_on)
        if (
            "number" in fields
            and ActionPlan.objects.filter(member_id=locked.member_id, number=locked.number)
            .exclude(pk=locked.pk)
            .exists()
        ):
            raise DomainError(
                _("This member already has an action plan with that number."), field="number"
            )
        changes = audit.diff(before, audit.snapshot(locked, PLAN_FIELDS))
        if not changes:
            return locked
        if locked.starts_on:
            locked.submitted_year = locked.submitted_year or locked.starts_on.year
        if locked.ends_on:
            locked.end_year = locked.ends_on.year
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="action_plans.actionplan.changed",
            obj=locked,
            changes=changes,
            is_public=locked.is_published,
        )
    return locked


def publish_plan(*, by: Any, plan: ActionPlan) -> ActionPlan:
    """Make a plan and everything in it public. Publishing twice is refused."""
    require("action_plans.publish_actionplan", by, plan)
    with transaction.atomic():
        locked = lock_for_edit(ActionPlan, pk=plan.pk, expected_version=None)
        if locked.published_at is not None:
            raise DomainError(_("This plan is already published."))
        locked.published_at = timezone.now()
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="action_plans.actionplan.published",
            obj=locked,
            changes={"published_at": [None, audit.to_json_value(locked.published_at)]},
        )
    return locked
