"""Public pages of meetings: the list (upcoming, then past), a series, a meeting, the action
register and an action. Everything loads through `visible_to(request.user)` (404 otherwise) and
each page runs a fixed number of queries, however many rows it shows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.core.paginator import Page
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.views.generic import DetailView, TemplateView

from opengov.action_plans.models import Commitment, ProgressUpdate
from opengov.action_plans.views.public import recent_history
from opengov.core import paging
from opengov.core.audit import object_key
from opengov.organisations.posts import posts_held

from ..filters import (
    ActionFilterForm,
    MeetingFilterForm,
    UpcomingThenPast,
    open_first,
    upcoming_then_past,
)
from ..models import (
    ActionItem,
    ActionItemReview,
    Attendance,
    Decision,
    Meeting,
    MeetingSeries,
    MinutesSection,
)
from ..querysets import sees_private_meetings


def page_of(request: HttpRequest, rows: QuerySet[Any] | UpcomingThenPast) -> Page:
    """A page of rows; a missing or malformed ?page= gives the first (or last) page, not a 404."""
    # UpcomingThenPast has what Paginator uses (count() and slices), not the protocol's int index.
    return paging.page_of(request, cast(QuerySet[Any], rows))


def by_organisation(attendances: Iterable[Attendance]) -> list[tuple[Any, list[Attendance]]]:
    """Attendees under their organisation, organisations in the order the note lists them, people
    who came for no organisation last."""
    groups: dict[int | None, list[Attendance]] = {}
    for attendance in attendances:
        groups.setdefault(attendance.organisation_id, []).append(attendance)
    ordered = sorted(groups.items(), key=lambda kv: kv[0] is None)
    return [(rows[0].organisation, rows) for _key, rows in ordered]


def meeting_page_queryset(user: Any) -> QuerySet[Meeting]:
    """A meeting with everything its page shows, the commitments, earlier actions and progress
    updates in it limited to what the user may see."""
    reviews = ActionItemReview.objects.all()
    if not sees_private_meetings(user):
        # A join, not `action_item__in=<visible items>`: that subquery reads every action item.
        reviews = reviews.filter(action_item__meeting__is_public=True)
    owners = ("owner_organisation", "owner_person")
    return (
        Meeting.objects.visible_to(user)
        .select_related("series", "organiser")
        .prefetch_related(
            Prefetch("attendances", Attendance.objects.select_related("person", "organisation")),
            Prefetch(
                "sections",
                MinutesSection.objects.prefetch_related(
                    Prefetch("commitments", Commitment.objects.visible_to(user).order_by("pk"))
                ),
            ),
            Prefetch("decisions", Decision.objects.select_related("section")),
            Prefetch("action_items", ActionItem.objects.select_related(*owners)),
            Prefetch(
                "action_reviews",
                reviews.select_related(
                    "action_item__meeting", *(f"action_item__{o}" for o in owners)
                ),
            ),
            Prefetch(
                "progress_updates",
                ProgressUpdate.objects.visible_to(user).select_related("commitment"),
            ),
        )
    )


class MeetingListView(TemplateView):
    template_name = "meetings/meeting_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filters = MeetingFilterForm(self.request.GET or None)
        meetings = filters.apply(Meeting.objects.visible_to(self.request.user))
        rows = upcoming_then_past(meetings.select_related("series"), now=timezone.now())
        page = page_of(self.request, rows)
        return {**super().get_context_data(**kwargs), "filters": filters, "page_obj": page}


class SeriesDetailView(DetailView):
    template_name = "meetings/series_detail.html"
    context_object_name = "series"
    slug_field = "slug"
    queryset = MeetingSeries.objects.select_related("organiser")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, series = self.request.user, self.object
        meetings = Meeting.objects.visible_to(user).filter(series=series)
        actions = ActionItem.objects.visible_to(user).open().filter(meeting__series=series)
        context.update(
            page_obj=page_of(self.request, upcoming_then_past(meetings, now=timezone.now())),
            open_actions=list(
                open_first(actions.select_related("meeting", "owner_organisation", "owner_person"))[
                    : settings.OPENGOV_LIST_PAGE_SIZE
                ]
            ),
            open_action_count=actions.count(),
            today=timezone.localdate(),
        )
        return context


class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self) -> QuerySet[Meeting]:
        return meeting_page_queryset(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        meeting = self.object
        attendances = list(meeting.attendances.all())
        # The post each person held on the meeting's date, for all of them in one query.
        day = timezone.localdate(meeting.starts_at)
        held = posts_held((a.person_id, day) for a in attendances)
        for attendance in attendances:
            attendance.posts_held = held[(attendance.person_id, day)]
        context.update(
            attendee_groups=by_organisation(a for a in attendances if not a.sent_apologies),
            apologies=[a for a in attendances if a.sent_apologies],
            sections=list(meeting.sections.all()),
            decisions=list(meeting.decisions.all()),
            actions=list(meeting.action_items.all()),
            reviews=list(meeting.action_reviews.all()),
            updates=list(meeting.progress_updates.all()),
            today=timezone.localdate(),
            history=recent_history(meeting),
            history_key=object_key(meeting),
        )
        return context


class ActionRegisterView(TemplateView):
    template_name = "meetings/action_register.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        visible = ActionItem.objects.visible_to(self.request.user)
        filters = ActionFilterForm(self.request.GET or None)
        today = timezone.localdate()
        items = filters.apply(visible, today=today).select_related(
            "meeting", "owner_organisation", "owner_person"
        )
        page = page_of(self.request, open_first(items))
        context = super().get_context_data(**kwargs)
        return {**context, "filters": filters, "page_obj": page, "today": today}


class ActionDetailView(DetailView):
    template_name = "meetings/action_detail.html"
    context_object_name = "action"

    def get_queryset(self) -> QuerySet[ActionItem]:
        user = self.request.user
        reviews = ActionItemReview.objects.visible_to(user)
        return (
            ActionItem.objects.visible_to(user)
            .select_related("meeting__series", "owner_organisation", "owner_person")
            .prefetch_related(
                Prefetch("reviews", reviews.select_related("meeting")),
                Prefetch("commitment", Commitment.objects.visible_to(user), "visible_commitment"),
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            reviews=list(self.object.reviews.all()),
            today=timezone.localdate(),
            history=recent_history(self.object),
            history_key=object_key(self.object),
        )
        return context
