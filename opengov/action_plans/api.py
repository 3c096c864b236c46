"""Action plans over the API: members, plans, commitments, milestones and progress updates to read,
and the writes a commitment lead makes (post an update, complete a milestone, move a due date).

Every object is loaded through `visible_to(user)` (404 otherwise); writes need a personal API token
and call the same services as the pages, which check the permission (403) and the version (409)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from opengov.api.auth import token_auth, viewer
from opengov.api.pagination import Page, PageIn, paginate
from opengov.core.errors import DomainError
from opengov.core.submissions import idempotency_key

from . import services
from .choices import ProgressStatus
from .models import (
    ActionPlan,
    Assessment,
    Commitment,
    DueDateRevision,
    Member,
    Milestone,
    ProgressUpdate,
)
from .schemas import (
    CommitmentDetailOut,
    CommitmentOut,
    CompleteIn,
    MemberOut,
    MilestoneDetailOut,
    MilestoneOut,
    PlanOut,
    RevisionIn,
    RevisionOut,
    UpdateIn,
    UpdateOut,
)

router = Router(tags=["action plans"])
MEMBER_WIDE = "member-wide"
LATEST_UPDATES = 5


class CommitmentFilters(Schema):
    plan: int | None = Field(None, description="The plan's id.")
    status: ProgressStatus | None = None
    lead: str | None = Field(None, description="The slug of a lead organisation.")
    government: str | None = Field(
        None, description=f'A government\'s slug, or "{MEMBER_WIDE}" for the member as a whole.'
    )
    policy_area: str | None = Field(None, description="A policy area's slug.")


class MilestoneFilters(Schema):
    commitment: int | None = Field(None, description="The commitment's id.")
    overdue: bool | None = Field(None, description="true: only open milestones past due.")


class UpdateFilters(Schema):
    commitment: int | None = Field(None, description="The commitment's id.")


def writer(request: HttpRequest) -> Any:
    """The user whose API token authenticated this write."""
    return request.auth  # type: ignore[attr-defined]


def _members(user: Any) -> QuerySet[Member]:
    plans = ActionPlan.objects.visible_to(user).order_by("-number")
    return Member.objects.prefetch_related(Prefetch("plans", plans, to_attr="visible_plans"))


def _plans(user: Any) -> QuerySet[ActionPlan]:
    plans = ActionPlan.objects.visible_to(user).select_related("member")
    return plans.annotate(commitment_count=Count("commitments"))


def _commitments(user: Any) -> QuerySet[Commitment]:
    return (
        Commitment.objects.visible_to(user).for_table().prefetch_related("supporting_organisations")
    )


def _updates(user: Any) -> QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.visible_to(user).select_related("organisation")


@router.get("/members", response=Page[MemberOut])
def list_members(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """OGP members (national or local governments) and their action plans."""
    members = _members(viewer(request))
    return paginate(members, ordering=["name", "pk"], cursor=page.cursor, limit=page.limit)


@router.get("/members/{slug}", response=MemberOut)
def get_member(request: HttpRequest, slug: str) -> Member:
    return get_object_or_404(_members(viewer(request)), slug=slug)


@router.get("/plans", response=Page[PlanOut])
def list_plans(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Action plans, by member, newest first. Drafts only with a token whose user may see them."""
    ordering = ["member_id", "-number", "pk"]
    return paginate(
        _plans(viewer(request)), ordering=ordering, cursor=page.cursor, limit=page.limit
    )


@router.get("/plans/{plan_id}", response=PlanOut)
def get_plan(request: HttpRequest, plan_id: int) -> ActionPlan:
    return get_object_or_404(_plans(viewer(request)), pk=plan_id)


@router.get("/commitments", response=Page[CommitmentOut])
def list_commitments(
    request: HttpRequest, filters: Query[CommitmentFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Commitments in plan order, with their leads, policy areas and progress."""
    commitments = _commitments(viewer(request))
    if filters.plan is not None:
        commitments = commitments.filter(plan_id=filters.plan)
    if filters.status:
        commitments = commitments.filter(status=filters.status)
    if filters.lead:
        commitments = commitments.filter(lead_organisations__slug=filters.lead)
    if filters.government == MEMBER_WIDE:
        commitments = commitments.filter(government__isnull=True)
    elif filters.government:
        commitments = commitments.filter(government__slug=filters.government)
    if filters.policy_area:
        commitments = commitments.filter(policy_areas__slug=filters.policy_area)
    ordering = ["plan_id", "position", "pk"]
    return paginate(commitments, ordering=ordering, cursor=page.cursor, limit=page.limit)


@router.get("/commitments/{commitment_id}", response=CommitmentDetailOut)
def get_commitment(request: HttpRequest, commitment_id: int) -> Commitment:
    """One commitment: milestones, latest progress updates, assessments and the IRM's fields."""
    user = viewer(request)
    commitment = get_object_or_404(
        _commitments(user).prefetch_related(
            "milestones",
            Prefetch("assessments", Assessment.objects.select_related("organisation")),
        ),
        pk=commitment_id,
    )
    latest = _updates(user).filter(commitment=commitment).order_by("-reported_on", "-pk")
    commitment.latest_updates = list(latest[:LATEST_UPDATES])  # type: ignore[attr-defined]
    return commitment


@router.get("/milestones", response=Page[MilestoneOut])
def list_milestones(
    request: HttpRequest, filters: Query[MilestoneFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Milestones in plan order, with original and current due dates."""
    milestones = Milestone.objects.visible_to(viewer(request))
    if filters.commitment is not None:
        milestones = milestones.filter(commitment_id=filters.commitment)
    if filters.overdue is not None:
        overdue = Milestone.objects.overdue(today=timezone.localdate()).values("pk")
        if filters.overdue:
            milestones = milestones.filter(pk__in=overdue)
        else:
            milestones = milestones.exclude(pk__in=overdue)
    ordering = ["commitment_id", "position", "pk"]
    return paginate(milestones, ordering=ordering, cursor=page.cursor, limit=page.limit)


def _milestone(user: Any, milestone_id: int) -> Milestone:
    milestones = Milestone.objects.visible_to(user).select_related("commitment__plan")
    return get_object_or_404(milestones.prefetch_related("revisions"), pk=milestone_id)


@router.get("/milestones/{milestone_id}", response=MilestoneDetailOut)
def get_milestone(request: HttpRequest, milestone_id: int) -> Milestone:
    """One milestone and every move of its due date: old and new date, reason, who, when."""
    return _milestone(viewer(request), milestone_id)


@router.get("/updates", response=Page[UpdateOut])
def list_updates(
    request: HttpRequest, filters: Query[UpdateFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Progress updates, most recently reported first."""
    updates = _updates(viewer(request))
    if filters.commitment is not None:
        updates = updates.filter(commitment_id=filters.commitment)
    ordering = ["-reported_on", "-pk"]
    return paginate(updates, ordering=ordering, cursor=page.cursor, limit=page.limit)


@router.get("/updates/{update_id}", response=UpdateOut)
def get_update(request: HttpRequest, update_id: int) -> ProgressUpdate:
    return get_object_or_404(_updates(viewer(request)), pk=update_id)


@router.post(
    "/commitments/{commitment_id}/updates",
    response={201: UpdateOut},
    auth=token_auth,
)
def post_update(
    request: HttpRequest, commitment_id: int, payload: UpdateIn
) -> Status[ProgressUpdate]:
    """Report progress on a commitment you lead (or, for government contacts, any commitment)."""
    user = writer(request)
    commitment = get_object_or_404(
        Commitment.objects.visible_to(user).select_related("plan"), pk=commitment_id
    )
    milestone = None
    if payload.milestone_id is not None:
        milestone = Milestone.objects.visible_to(user).filter(pk=payload.milestone_id).first()
        if milestone is None:
            raise DomainError("There is no such milestone.", field="milestone_id")
    update = services.post_progress_update(
        by=user,
        commitment=commitment,
        status=str(payload.status.value),
        text=payload.text,
        reported_on=payload.reported_on,
        evidence=[item.dict() for item in payload.evidence],
        milestone=milestone,
        submission_token=idempotency_key(request.headers),
    )
    return Status(201, update)


@router.post(
    "/milestones/{milestone_id}/complete", response={200: MilestoneDetailOut}, auth=token_auth
)
def complete_milestone(request: HttpRequest, milestone_id: int, payload: CompleteIn) -> Milestone:
    """Mark a milestone complete; send the `version` you read (409 if it has changed since)."""
    user = writer(request)
    services.complete_milestone(
        by=user,
        milestone=_milestone(user, milestone_id),
        expected_version=payload.version,
        completed_on=payload.completed_on,
    )
    return _milestone(user, milestone_id)


@router.post("/milestones/{milestone_id}/revisions", response={201: RevisionOut}, auth=token_auth)
def revise_due_date(
    request: HttpRequest, milestone_id: int, payload: RevisionIn
) -> Status[DueDateRevision]:
    """Move a milestone's due date, with a public reason; the original date is kept."""
    user = writer(request)
    milestone = _milestone(user, milestone_id)
    revision = services.revise_milestone_due_date(
        by=user,
        milestone=milestone,
        new_due_on=payload.new_due_on,
        new_due_precision=str(payload.new_due_precision.value),
        reason=payload.reason,
        expected_version=payload.version,
    )
    return Status(201, revision)
