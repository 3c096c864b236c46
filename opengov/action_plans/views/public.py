"""Public pages of action plans: plans, commitments, milestones and progress updates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.views.generic import DetailView, ListView

from opengov.core.audit import object_key
from opengov.core.charts import line_chart
from opengov.core.history import newest_public_about
from opengov.core.models import AuditEvent
from opengov.core.paging import page_of
from opengov.meetings.models import Meeting

from ..choices import AssessmentKind
from ..filters import CommitmentFilterForm
from ..models import (
    ActionPlan,
    Assessment,
    Commitment,
    DueDateRevision,
    Member,
    Milestone,
    ProgressUpdate,
)
from ..querysets import CommitmentQuerySet
from ..reports import progress_over_time, status_counts

HISTORY_PREVIEW = 10


def recent_history(obj: Any, limit: int = HISTORY_PREVIEW) -> list[AuditEvent]:
    return newest_public_about(object_key(obj), limit)


class PlanListView(ListView):
    template_name = "action_plans/plan_list.html"
    context_object_name = "plans"
    paginate_by = settings.OPENGOV_LIST_PAGE_SIZE

    def get_queryset(self) -> QuerySet[ActionPlan]:
        return (
            ActionPlan.objects.visible_to(self.request.user)
            .select_related("member")
            .order_by("member__name", "-number")
        )


class MemberDetailView(DetailView):
    template_name = "action_plans/member_detail.html"
    context_object_name = "member"
    queryset = Member.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["plans"] = ActionPlan.objects.visible_to(self.request.user).filter(
            member=self.object
        )
        return context


class PlanDetailView(DetailView):
    template_name = "action_plans/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self) -> QuerySet[ActionPlan]:
        return ActionPlan.objects.visible_to(self.request.user).select_related("member")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = self.object
        commitments: CommitmentQuerySet = Commitment.objects.filter(plan=plan)
        filters = CommitmentFilterForm(self.request.GET or None, plan_commitments=commitments)
        page = page_of(
            self.request,
            filters.apply(commitments).for_table().order_by("position", "number", "pk"),
        )
        points = progress_over_time(plan, today=timezone.localdate())
        context.update(
            filters=filters,
            page_obj=page,
            commitments=page.object_list,
            status_counts=status_counts(plan),
            progress_points=points,
            chart=line_chart([(p.label, p.percent) for p in points]) if points else None,
            history=recent_history(plan),
            history_key=object_key(plan),
        )
        return context


class CommitmentDetailView(DetailView):
    template_name = "action_plans/commitment_detail.html"
    context_object_name = "commitment"

    def get_queryset(self) -> QuerySet[Commitment]:
        revisions = DueDateRevision.objects.order_by("revised_at", "pk")
        return (
            Commitment.objects.visible_to(self.request.user)
            .select_related("plan__member", "government")
            .prefetch_related(
                "lead_organisations",
                "supporting_organisations",
                "policy_areas",
                Prefetch(
                    "milestones",
                    queryset=Milestone.objects.prefetch_related(
                        Prefetch("revisions", revisions)  # type: ignore[arg-type]
                    ),
                ),
                Prefetch(
                    "updates",
                    queryset=ProgressUpdate.objects.select_related("organisation", "milestone"),
                ),
                Prefetch(
                    "updates__meeting",
                    Meeting.objects.visible_to(self.request.user),
                    to_attr="visible_meeting",
                ),
                Prefetch(
                    "assessments",
                    queryset=Assessment.objects.select_related("organisation", "contests"),
                ),
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        commitment = self.object
        assessments = list(commitment.assessments.all())
        periods: dict[tuple[Any, Any], dict[str, list[Assessment]]] = {}
        for item in assessments:
            row = periods.setdefault((item.period_start, item.period_end), {"gov": [], "cso": []})
            row["gov" if item.kind == AssessmentKind.GOVERNMENT else "cso"].append(item)
        context.update(
            today=timezone.localdate(),
            milestones=list(commitment.milestones.all()),
            updates=list(commitment.updates.all()),
            discussed_at=list(
                Meeting.objects.visible_to(self.request.user)
                .filter(sections__commitments=commitment)
                .distinct()
                .order_by("-starts_at", "-pk")
            ),
            assessment_periods=sorted(periods.items(), key=lambda kv: kv[0], reverse=True),
            history=recent_history(commitment),
            history_key=object_key(commitment),
        )
        return context


class MilestoneDetailView(DetailView):
    template_name = "action_plans/milestone_detail.html"
    context_object_name = "milestone"

    def get_queryset(self) -> QuerySet[Milestone]:
        return (
            Milestone.objects.visible_to(self.request.user)
            .select_related("commitment__plan__member")
            .prefetch_related("revisions")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            today=timezone.localdate(),
            history=recent_history(self.object),
            history_key=object_key(self.object),
        )
        return context


class UpdateDetailView(DetailView):
    template_name = "action_plans/update_detail.html"
    context_object_name = "update"

    def get_queryset(self) -> QuerySet[ProgressUpdate]:
        return ProgressUpdate.objects.visible_to(self.request.user).select_related(
            "commitment__plan__member", "organisation", "milestone"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["history_key"] = object_key(self.object)
        context["contested_by"] = list(
            self.object.contested_by.select_related("organisation").all()
        )
        return context


def current_plan(member: Member, user: Any) -> ActionPlan | None:
    """The member's plan being implemented now, else its newest visible plan."""
    plans = ActionPlan.objects.visible_to(user).filter(member=member).order_by("-number")
    return plans.filter(status="implementing").first() or plans.first()
