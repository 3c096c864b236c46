"""Meetings over the API (read-only): GET /meetings, /meetings/{id} with attendance, minutes,
decisions and actions, and /action-items, /action-items/{id} with their reviews at later meetings.

Meetings and action items load through `visible_to(user)` (404 otherwise): a meeting that is not
public, and everything in it, is seen only with a secretariat's or administrator's token."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from opengov.action_plans.models import Commitment
from opengov.api.auth import viewer
from opengov.api.pagination import Page, PageIn, paginate
from opengov.core.schemas import IsoDate

from .choices import ActionStatus, MeetingStatus
from .models import ActionItem, ActionItemReview, Attendance, Meeting, MinutesSection
from .schemas import ActionItemDetailOut, ActionItemOut, MeetingDetailOut, MeetingOut

router = Router(tags=["meetings"])
NEWEST_FIRST = ["-starts_at", "-pk"]
IN_MEETING_ORDER = ["meeting_id", "position", "pk"]


class MeetingFilters(Schema):
    series: str | None = Field(None, description="The slug of a meeting series.")
    status: MeetingStatus | None = None
    from_: IsoDate | None = Field(
        None, alias="from", description="Only meetings on or after this date."
    )
    to: IsoDate | None = Field(None, description="Only meetings on or before this date.")


class ActionItemFilters(Schema):
    owner: str | None = Field(None, description="The slug of the owning organisation.")
    status: ActionStatus | None = None
    overdue: bool | None = Field(None, description="true: only open actions past their due date.")
    meeting: int | None = Field(None, description="The id of the meeting that agreed them.")
    series: str | None = Field(None, description="The slug of a meeting series.")


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _meetings(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(user).select_related("series", "organiser")


def _action_items(user: Any) -> QuerySet[ActionItem]:
    commitments = Commitment.objects.visible_to(user)
    return (
        ActionItem.objects.visible_to(user)
        .select_related("meeting", "owner_organisation", "owner_person")
        .prefetch_related(Prefetch("commitment", queryset=commitments))
    )


@router.get("/meetings", response=Page[MeetingOut])
def list_meetings(
    request: HttpRequest, filters: Query[MeetingFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Meetings, newest first. Dates are in the site's time zone."""
    meetings = _meetings(viewer(request))
    if filters.series:
        meetings = meetings.filter(series__slug=filters.series)
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.from_:
        meetings = meetings.filter(starts_at__gte=_start_of(filters.from_))
    if filters.to:
        meetings = meetings.filter(starts_at__lt=_start_of(filters.to + dt.timedelta(days=1)))
    return paginate(meetings, ordering=NEWEST_FIRST, cursor=page.cursor, limit=page.limit)


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut)
def get_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    """One meeting: who came and who sent apologies, the minutes section by section with the
    commitments each discusses, the decisions, and the actions agreed."""
    user = viewer(request)
    commitments = Commitment.objects.visible_to(user).order_by("plan_id", "position", "pk")
    sections = MinutesSection.objects.prefetch_related(
        Prefetch("commitments", queryset=commitments, to_attr="visible_commitments")
    )
    meetings = _meetings(user).prefetch_related(
        Prefetch("attendances", Attendance.objects.select_related("person", "organisation")),
        Prefetch("sections", sections),
        "decisions",
        Prefetch("action_items", _action_items(user)),
    )
    return get_object_or_404(meetings, pk=meeting_id)


@router.get("/action-items", response=Page[ActionItemOut])
def list_action_items(
    request: HttpRequest, filters: Query[ActionItemFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Action items with their owner, due date and status, grouped by the meeting that agreed
    them (meetings in the order they were recorded) and in the order agreed."""
    items = _action_items(viewer(request))
    if filters.owner:
        items = items.filter(owner_organisation__slug=filters.owner)
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.overdue is not None:
        overdue = ActionItem.objects.overdue(today=timezone.localdate()).values("pk")
        items = items.filter(pk__in=overdue) if filters.overdue else items.exclude(pk__in=overdue)
    if filters.meeting is not None:
        items = items.filter(meeting_id=filters.meeting)
    if filters.series:
        items = items.filter(meeting__series__slug=filters.series)
    return paginate(items, ordering=IN_MEETING_ORDER, cursor=page.cursor, limit=page.limit)


@router.get("/action-items/{action_item_id}", response=ActionItemDetailOut)
def get_action_item(request: HttpRequest, action_item_id: int) -> ActionItem:
    """One action item and each later meeting that reviewed it: where it stood then, and what was
    said."""
    user = viewer(request)
    reviews = ActionItemReview.objects.visible_to(user).select_related("meeting")
    items = _action_items(user).prefetch_related(Prefetch("reviews", reviews))
    return get_object_or_404(items, pk=action_item_id)
