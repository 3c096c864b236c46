"""Members, their action plans, commitments and milestones, and what is reported about them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengov.accounts.models import contributor_label
from opengov.core.models import TimeStampedModel, VersionedModel

from .choices import (
    AssessmentKind,
    Completion,
    DidItOpenGovernment,
    DuePrecision,
    MemberKind,
    MilestoneStatus,
    PlanStatus,
    PotentialImpact,
    ProgressStatus,
    Specificity,
    UpdateSource,
    YesNo,
)
from .querysets import (
    ActionPlanQuerySet,
    AssessmentQuerySet,
    CommitmentQuerySet,
    MilestoneQuerySet,
    ProgressUpdateQuerySet,
)


class PolicyArea(models.Model):
    """A theme a commitment addresses: OGP's policy areas, or one a deployment adds."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    group = models.CharField(_("group"), max_length=120, blank=True)
    ogp_column = models.CharField(_("OGP export column"), max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("policy area")

    def __str__(self) -> str:
        return self.name


class Member(VersionedModel):
    """An OGP member: a national government or a local one."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=MemberKind.choices)
    code = models.CharField(_("OGP code"), max_length=12, blank=True, db_index=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    ogp_kind = models.CharField(_("OGP national-or-local value"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("member")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("action_plans:member-detail", kwargs={"slug": self.slug})


class ActionPlan(VersionedModel):
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="plans")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    submitted_year = models.PositiveSmallIntegerField(
        _("year of submission"), null=True, blank=True
    )
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFTING
    )
    ogp_id = models.CharField(_("OGP action plan id"), max_length=40, blank=True, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "-number"]
        verbose_name = _("action plan")
        constraints = [
            models.UniqueConstraint(fields=["member", "number"], name="action_plans_plan_number"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="action_plans_plan_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("action_plans:plan-detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Commitment(VersionedModel):
    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="commitments")
    number = models.CharField(_("number"), max_length=40)
    position = models.PositiveIntegerField(_("position"), default=0, db_index=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    short_title = models.CharField(_("short title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    government = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_commitments",
        verbose_name=_("government"),
        help_text=_("Empty when the commitment belongs to the member as a whole."),
    )
    lead_organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="led_commitments",
        verbose_name=_("lead organisations"),
    )
    supporting_organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="supported_commitments",
        verbose_name=_("supporting organisations"),
    )
    lead_text = models.TextField(_("lead institution, as written"), blank=True)
    supporting_text = models.TextField(_("supporting institutions, as written"), blank=True)
    ogp_id = models.CharField(_("OGP commitment id"), max_length=40, blank=True)
    ogp_url = models.URLField(_("OGP page"), max_length=500, blank=True)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    policy_areas = models.ManyToManyField(
        PolicyArea, blank=True, related_name="commitments", verbose_name=_("policy areas")
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    # Maintained by the services that change milestones and progress, never per request.
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    milestones_total = models.PositiveIntegerField(_("milestones"), default=0)
    milestones_complete = models.PositiveIntegerField(_("milestones complete"), default=0)
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    last_update_on = models.DateField(_("last update"), null=True, blank=True)

    # The IRM's assessment, with OGP's values.
    verifiable = models.CharField(_("verifiable"), max_length=16, choices=YesNo.choices, blank=True)
    specificity = models.CharField(
        _("specificity"), max_length=16, choices=Specificity.choices, blank=True
    )
    relevance_access_to_information = models.CharField(
        _("relevant to access to information"), max_length=16, choices=YesNo.choices, blank=True
    )
    relevance_civic_participation = models.CharField(
        _("relevant to civic participation"), max_length=16, choices=YesNo.choices, blank=True
    )
    relevance_public_accountability = models.CharField(
        _("relevant to public accountability"), max_length=16, choices=YesNo.choices, blank=True
    )
    relevance_technology = models.CharField(
        _("relevant to technology and innovation"), max_length=16, choices=YesNo.choices, blank=True
    )
    potential_impact = models.CharField(
        _("potential impact"), max_length=16, choices=PotentialImpact.choices, blank=True
    )
    completion_midterm = models.CharField(
        _("completion (progress report)"), max_length=16, choices=Completion.choices, blank=True
    )
    completion_end_of_term = models.CharField(
        _("completion (end of term)"), max_length=16, choices=Completion.choices, blank=True
    )
    did_it_open_government = models.CharField(
        _("did it open government?"), max_length=16, choices=DidItOpenGovernment.choices, blank=True
    )
    starred = models.CharField(_("starred"), max_length=16, choices=YesNo.choices, blank=True)

    # The columns of the OGP export that opengov does not model, kept verbatim so export
    # reproduces them (see action_plans/ogp/).
    ogp_source = models.JSONField(_("other OGP export values"), default=dict, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "position", "number"]
        verbose_name = _("commitment")
        constraints = [
            models.UniqueConstraint(
                fields=["ogp_id"],
                condition=~models.Q(ogp_id=""),
                name="action_plans_commitment_ogp_id",
            ),
        ]
        indexes = [models.Index(fields=["plan", "status"], name="action_plans_c_plan_status")]

    def __str__(self) -> str:
        return f"{self.number}. {self.display_title}"

    @property
    def display_title(self) -> str:
        return self.title or self.short_title or str(_("Title not known"))

    def get_absolute_url(self) -> str:
        return reverse("action_plans:commitment-detail", kwargs={"pk": self.pk})

    def lead_organisation_ids(self) -> set[int]:
        cached: set[int] | None = getattr(self, "_lead_org_ids", None)
        if cached is None:
            if "lead_organisations" in getattr(self, "_prefetched_objects_cache", {}):
                cached = {o.pk for o in self.lead_organisations.all()}
            else:
                cached = set(self.lead_organisations.values_list("pk", flat=True))
            self._lead_org_ids = cached
        return cached


class Milestone(VersionedModel):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("milestone"))
    original_due_on = models.DateField(_("original due date"), null=True, blank=True)
    original_due_precision = models.CharField(
        max_length=8, choices=DuePrecision.choices, default=DuePrecision.DAY
    )
    due_on = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    due_precision = models.CharField(
        _("due date precision"),
        max_length=8,
        choices=DuePrecision.choices,
        default=DuePrecision.DAY,
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.NOT_STARTED,
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "position", "pk"]
        verbose_name = _("milestone")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="complete", completed_on__isnull=False)
                | (~models.Q(status="complete") & models.Q(completed_on__isnull=True)),
                name="action_plans_milestone_completed_on_iff_complete",
            )
        ]

    def __str__(self) -> str:
        return self.text[:120]

    def get_absolute_url(self) -> str:
        return reverse("action_plans:milestone-detail", kwargs={"pk": self.pk})

    def is_overdue(self, today: dt.date) -> bool:
        return (
            self.due_on is not None
            and self.due_on < today
            and self.status not in (MilestoneStatus.COMPLETE, MilestoneStatus.WITHDRAWN)
        )

    @property
    def is_moved(self) -> bool:
        return (
            self.original_due_on != self.due_on or self.original_due_precision != self.due_precision
        )


class DueDateRevision(models.Model):
    """A due date moved, and why: the plan is a living document and its history shows."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="revisions")
    old_due_on = models.DateField(_("old due date"), null=True, blank=True)
    old_due_precision = models.CharField(max_length=8, choices=DuePrecision.choices)
    new_due_on = models.DateField(_("new due date"))
    new_due_precision = models.CharField(max_length=8, choices=DuePrecision.choices)
    reason = models.TextField(_("reason"))
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revised_by_name = models.CharField(_("revised by"), max_length=200)
    revised_at = models.DateTimeField(_("revised at"), auto_now_add=True)

    class Meta:
        ordering = ["milestone", "revised_at", "pk"]
        verbose_name = _("due-date revision")

    def __str__(self) -> str:
        return f"{self.milestone}: {self.old_due_on} → {self.new_due_on}"

    @property
    def revised_by_label(self) -> str:
        """Who moved it, as every page, the API and the downloads show it."""
        return contributor_label(self.revised_by_name, self.revised_by_id)


class ProgressUpdate(TimeStampedModel):
    """What a lead (or civil society) reported about a commitment on a date, with evidence."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, blank=True, related_name="updates"
    )
    status = models.CharField(_("status"), max_length=16, choices=ProgressStatus.choices)
    text = models.TextField(_("update"))
    evidence = models.JSONField(_("evidence links"), default=list, blank=True)
    reported_on = models.DateField(_("reported on"), db_index=True)
    source = models.CharField(
        _("reported by"),
        max_length=16,
        choices=UpdateSource.choices,
        default=UpdateSource.GOVERNMENT,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
        verbose_name=_("organisation"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
        verbose_name=_("reported at the meeting"),
    )
    import_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # The form's submission token: the same form sent twice posts one update (core.submissions).
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("progress update")

    def __str__(self) -> str:
        return f"{self.commitment.number}: {self.get_status_display()} ({self.reported_on})"

    @property
    def author_label(self) -> str:
        """Who reported it, as every page, the API and the downloads show it."""
        return contributor_label(self.author_name, self.author_id)

    def get_absolute_url(self) -> str:
        return reverse("action_plans:update-detail", kwargs={"pk": self.pk})


class Assessment(TimeStampedModel):
    """Government's self-assessment or a civil-society assessment of a commitment for a period.
    A civil-society assessment that `contests` an update disputes its reported status."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(_("kind"), max_length=16, choices=AssessmentKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("organisation"),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    status = models.CharField(_("status"), max_length=16, choices=ProgressStatus.choices)
    completion = models.CharField(
        _("completion"), max_length=16, choices=Completion.choices, blank=True
    )
    text = models.TextField(_("assessment"))
    evidence = models.JSONField(_("evidence links"), default=list, blank=True)
    contests = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contested_by",
        verbose_name=_("contests the update"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "kind", "-pk"]
        verbose_name = _("assessment")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="action_plans_assessment_period_order",
            )
        ]

    def __str__(self) -> str:
        period = f"{self.period_start}–{self.period_end}"
        return f"{self.get_kind_display()}: {self.commitment.number} ({period})"

    @property
    def author_label(self) -> str:
        """Who recorded it, as every page, the API and the downloads show it."""
        return contributor_label(self.author_name, self.author_id)


def evidence_links(value: Any) -> list[dict[str, str]]:
    """Evidence as stored: a list of {"url", "title"}."""
    return [dict(item) for item in value or []]
