"""The managing pages of action plans: GOV.UK forms that each call one service.

Every page signs the user in (LoginRequiredMixin), loads its object through `visible_to(user)`
(404 otherwise), checks the named rule (403 otherwise), binds its form and, on POST, calls its one
service. A refusal (DomainError, or ConflictError for a stale version) is shown on the form, which
keeps everything that was typed; success redirects to the public page with a message. That flow is
`opengov.core.manage_views.ManageFormView`, still importable from here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from opengov.core.manage_views import ManageFormView

from .. import services
from ..choices import AssessmentKind
from ..dates import format_due
from ..forms import (
    AssessmentForm,
    CommitmentEditForm,
    CommitmentForm,
    CompleteMilestoneForm,
    MilestoneCreateForm,
    MilestoneEditForm,
    PlanCreateForm,
    PlanEditForm,
    ProgressUpdateForm,
    PublishPlanForm,
    ReviseDueDateForm,
)
from ..models import ActionPlan, Commitment, Milestone

# Plans ----------------------------------------------------------------------------------------


class ManagePlanCreateView(ManageFormView):
    permission = "action_plans.add_actionplan"
    form_class = PlanCreateForm
    template_name = "action_plans/manage/plan_form.html"
    success_message = _("Action plan created. It is not public until you publish it.")

    def perform(self, form: PlanCreateForm, obj: None) -> Model:
        return services.create_plan(by=self.request.user, **form.service_kwargs())


class ManagePlanEditView(ManageFormView):
    model = ActionPlan
    related = ("member",)
    permission = "action_plans.change_actionplan"
    form_class = PlanEditForm
    template_name = "action_plans/manage/plan_form.html"
    success_message = _("Action plan saved")

    def form_kwargs(self, plan: ActionPlan) -> dict[str, Any]:
        fields = ["number", "title", "description", "starts_on", "ends_on", "status", "version"]
        return {"initial": {name: getattr(plan, name) for name in fields}}

    def perform(self, form: PlanEditForm, plan: ActionPlan) -> Model:
        return services.update_plan(by=self.request.user, plan=plan, **form.service_kwargs())

    def context(self, plan: ActionPlan) -> dict[str, Any]:
        return {"object": plan, "plan": plan}


class ManagePlanPublishView(ManageFormView):
    model = ActionPlan
    related = ("member",)
    permission = "action_plans.publish_actionplan"
    form_class = PublishPlanForm
    template_name = "action_plans/manage/plan_publish.html"
    success_message = _("Action plan published")

    def perform(self, form: PublishPlanForm, plan: ActionPlan) -> Model:
        return services.publish_plan(by=self.request.user, plan=plan)

    def context(self, plan: ActionPlan) -> dict[str, Any]:
        return {"object": plan, "plan": plan, "commitment_count": plan.commitments.count()}


# Commitments ----------------------------------------------------------------------------------


class ManageCommitmentCreateView(ManageFormView):
    model = ActionPlan
    related = ("member",)
    permission = "action_plans.add_commitment"
    form_class = CommitmentForm
    template_name = "action_plans/manage/commitment_form.html"
    success_message = _("Commitment added")

    def perform(self, form: CommitmentForm, plan: ActionPlan) -> Model:
        return services.create_commitment(by=self.request.user, plan=plan, **form.service_kwargs())

    def context(self, plan: ActionPlan) -> dict[str, Any]:
        return {"object": plan, "plan": plan}


class ManageCommitmentEditView(ManageFormView):
    model = Commitment
    related = ("plan__member",)
    permission = "action_plans.change_commitment"
    form_class = CommitmentEditForm
    template_name = "action_plans/manage/commitment_form.html"
    success_message = _("Commitment saved")

    def form_kwargs(self, commitment: Commitment) -> dict[str, Any]:
        return {"initial": CommitmentEditForm.initial_for(commitment)}

    def perform(self, form: CommitmentEditForm, commitment: Commitment) -> Model:
        return services.update_commitment(
            by=self.request.user, commitment=commitment, **form.service_kwargs()
        )

    def context(self, commitment: Commitment) -> dict[str, Any]:
        return {"object": commitment, "plan": commitment.plan, "commitment": commitment}


# Milestones -----------------------------------------------------------------------------------


class ManageMilestoneCreateView(ManageFormView):
    model = Commitment
    related = ("plan__member",)
    permission = "action_plans.add_milestone"
    form_class = MilestoneCreateForm
    template_name = "action_plans/manage/milestone_form.html"
    success_message = _("Milestone added")

    def perform(self, form: MilestoneCreateForm, commitment: Commitment) -> Model:
        return services.add_milestone(
            by=self.request.user, commitment=commitment, **form.service_kwargs()
        )

    def context(self, commitment: Commitment) -> dict[str, Any]:
        return {"object": commitment, "plan": commitment.plan, "commitment": commitment}


class MilestoneFormView(ManageFormView):
    """A page about one milestone: its commitment and plan are in the breadcrumbs."""

    model = Milestone
    related = ("commitment__plan__member",)

    def form_kwargs(self, milestone: Milestone) -> dict[str, Any]:
        return {"initial": {"version": milestone.version}}

    def context(self, milestone: Milestone) -> dict[str, Any]:
        return {
            "object": milestone,
            "milestone": milestone,
            "commitment": milestone.commitment,
            "plan": milestone.commitment.plan,
            "current_due": format_due(milestone.due_on, milestone.due_precision),
            "original_due": format_due(milestone.original_due_on, milestone.original_due_precision),
        }


class ManageMilestoneEditView(MilestoneFormView):
    permission = "action_plans.change_milestone"
    form_class = MilestoneEditForm
    template_name = "action_plans/manage/milestone_form.html"
    success_message = _("Milestone saved")

    def form_kwargs(self, milestone: Milestone) -> dict[str, Any]:
        return {"initial": {"text": milestone.text, "version": milestone.version}}

    def perform(self, form: MilestoneEditForm, milestone: Milestone) -> Model:
        return services.update_milestone(
            by=self.request.user, milestone=milestone, **form.service_kwargs()
        )


class ManageMilestoneReviseView(MilestoneFormView):
    permission = "action_plans.revise_milestone"
    form_class = ReviseDueDateForm
    template_name = "action_plans/manage/milestone_revise.html"
    success_message = _("Due date moved. The reason is published with the milestone.")

    def perform(self, form: ReviseDueDateForm, milestone: Milestone) -> Model:
        services.revise_milestone_due_date(
            by=self.request.user, milestone=milestone, **form.service_kwargs()
        )
        return milestone


class ManageMilestoneCompleteView(MilestoneFormView):
    permission = "action_plans.complete_milestone"
    form_class = CompleteMilestoneForm
    template_name = "action_plans/manage/milestone_complete.html"
    success_message = _("Milestone marked as complete")

    def perform(self, form: CompleteMilestoneForm, milestone: Milestone) -> Model:
        return services.complete_milestone(
            by=self.request.user, milestone=milestone, **form.service_kwargs()
        )


# Progress and assessments ---------------------------------------------------------------------


class CommitmentReportView(ManageFormView):
    model = Commitment
    related = ("plan__member",)

    def success_url(self, result: Any) -> str:
        return result.commitment.get_absolute_url()

    def context(self, commitment: Commitment) -> dict[str, Any]:
        return {"object": commitment, "plan": commitment.plan, "commitment": commitment}


class ManageUpdateCreateView(CommitmentReportView):
    permission = "action_plans.post_progressupdate"
    form_class = ProgressUpdateForm
    template_name = "action_plans/manage/update_form.html"
    success_message = _("Progress update published")

    def form_kwargs(self, commitment: Commitment) -> dict[str, Any]:
        return {"commitment": commitment}

    def perform(self, form: ProgressUpdateForm, commitment: Commitment) -> Model:
        return services.post_progress_update(
            by=self.request.user, commitment=commitment, **form.service_kwargs()
        )


class ManageAssessmentCreateView(CommitmentReportView):
    """Government's self-assessment, or civil society's: which one is decided by the rule the user
    passes (government's first, for someone who holds both kinds of role)."""

    form_class = AssessmentForm
    template_name = "action_plans/manage/assessment_form.html"
    success_message = _("Assessment published")
    rules_by_kind = {
        AssessmentKind.GOVERNMENT: "action_plans.add_government_assessment",
        AssessmentKind.CIVIL_SOCIETY: "action_plans.add_civil_society_assessment",
    }

    def check_permission(self, commitment: Commitment) -> None:
        user = self.request.user
        kinds = [k for k, rule in self.rules_by_kind.items() if user.has_perm(rule, commitment)]
        if not kinds:
            raise PermissionDenied
        self.kind = kinds[0]

    def form_kwargs(self, commitment: Commitment) -> dict[str, Any]:
        return {"commitment": commitment, "kind": self.kind, "user": self.request.user}

    def perform(self, form: AssessmentForm, commitment: Commitment) -> Model:
        return services.record_assessment(
            by=self.request.user, commitment=commitment, **form.service_kwargs()
        )

    def context(self, commitment: Commitment) -> dict[str, Any]:
        return {**super().context(commitment), "kind": AssessmentKind(self.kind)}
