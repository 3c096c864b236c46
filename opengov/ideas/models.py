"""Calls for ideas for a plan's new commitments; the ideas people send, their supports and
comments; the steering committee's scores; and government's reasoned response to every idea."""

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
    CLOSED,
    UNPUBLISHED,
    Decision,
    IdeaStatus,
    RefusalReason,
    SustainableDevelopmentGoal,
)
from .querysets import CallQuerySet, CommentQuerySet, IdeaQuerySet

DEFAULT_ANSWER_DAYS = 60


class CallForIdeas(VersionedModel):
    """An invitation to propose commitments for a plan, open between two dates. A call not yet
    published is a draft, seen by plan managers only."""

    plan = models.ForeignKey(
        "action_plans.ActionPlan",
        on_delete=models.PROTECT,
        related_name="calls_for_ideas",
        verbose_name=_("the plan it feeds"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    policy_areas = models.ManyToManyField(
        "action_plans.PolicyArea",
        blank=True,
        related_name="calls_for_ideas",
        verbose_name=_("policy areas offered"),
    )
    answer_within_days = models.PositiveSmallIntegerField(
        _("days to answer an idea"), default=DEFAULT_ANSWER_DAYS
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("call for ideas")
        verbose_name_plural = _("calls for ideas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="ideas_call_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:call-detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def is_open_on(self, day: dt.date) -> bool:
        return self.is_published and self.opens_on <= day <= self.closes_on


class ScoringCriterion(models.Model):
    """A criterion the steering committee scores a call's shortlisted ideas on, 0 to `max_score`."""

    call = models.ForeignKey(CallForIdeas, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="ideas_criterion_once_per_call")
        ]

    def __str__(self) -> str:
        return self.name


class Idea(VersionedModel):
    call = models.ForeignKey(CallForIdeas, on_delete=models.PROTECT, related_name="ideas")
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("the idea"))
    policy_area = models.ForeignKey(
        "action_plans.PolicyArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("policy area"),
    )
    goals = models.JSONField(
        _("Sustainable Development Goals"),
        default=list,
        blank=True,
        help_text=_("The numbers (1 to 17) of the goals the idea serves."),
    )
    author_person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("author"),
    )
    author_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("on behalf of"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    status = models.CharField(
        _("status"), max_length=24, choices=IdeaStatus.choices, default=IdeaStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_ideas",
        verbose_name=_("merged into"),
    )
    commitment = models.OneToOneField(
        "action_plans.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="origin_idea",
        verbose_name=_("the commitment it became"),
    )
    # Kept by the services (ADR 5): lists sort and show them without counting per row.
    supports_count = models.PositiveIntegerField(_("supports"), default=0)
    combined_supports_count = models.PositiveIntegerField(
        _("supports, with the ideas merged into it (each person once)"), default=0
    )
    comments_count = models.PositiveIntegerField(_("comments"), default=0)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # A moderator's refusal to publish (status refused): told to the author, counted by reason
    # in the call's reports, never shown with the idea to anyone else.
    refusal_reason = models.CharField(
        _("why it was not published"), max_length=24, choices=RefusalReason.choices, blank=True
    )
    refusal_explanation = models.TextField(_("the moderator's explanation"), blank=True)
    refused_at = models.DateTimeField(_("not published on"), null=True, blank=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("idea")
        indexes = [
            models.Index(fields=["call", "status"], name="ideas_idea_call_status"),
            # A call's ideas in the order they were sent (the API's list): read in order.
            models.Index(fields=["call", "id"], name="ideas_idea_call_order"),
            models.Index(fields=["call", "-combined_supports_count"], name="ideas_idea_supports"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:idea-detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def is_public(self) -> bool:
        """Moderated and published (in a published call: see IdeaQuerySet.public)."""
        return self.status not in UNPUBLISHED

    @property
    def is_refused(self) -> bool:
        return self.status == IdeaStatus.REFUSED

    @property
    def author_label(self) -> str:
        """Who proposed it, as every page shows it."""
        names = [str(self.author_person) if self.author_person else ""]
        if self.author_organisation:
            names.append(self.author_organisation.name)
        return ", ".join(n for n in names if n)

    def goal_labels(self) -> list[str]:
        return [
            str(SustainableDevelopmentGoal(g).label)
            for g in self.goals
            if g in SustainableDevelopmentGoal.values
        ]


class Support(models.Model):
    """One person's support for an idea; once per person per idea (a unique constraint)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    created_at = models.DateTimeField(_("supported at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("support")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="ideas_support_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} supports {self.idea_id}"


class Comment(TimeStampedModel):
    """A comment on an idea, or a reply to one (one level deep). A moderator may hide it with a
    public reason; its text is then shown to moderators only."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea_comments",
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    text = models.TextField(_("comment"))
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reports_count = models.PositiveIntegerField(_("reports"), default=0)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.idea_id}"

    def get_absolute_url(self) -> str:
        return f"{reverse('ideas:idea-detail', kwargs={'pk': self.idea_id})}#comment-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def author_label(self) -> str:
        return contributor_label(self.author_name, self.author_id)


class CommentReport(models.Model):
    """Someone signed in asking the moderators to look at a comment; once per person."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("what is wrong with it"))
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment report")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reported_by"], name="ideas_report_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"Report on comment {self.comment_id}"


class Score(models.Model):
    """One steering-committee member's score of a shortlisted idea on one criterion."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        ordering = ["idea", "criterion", "pk"]
        verbose_name = _("score")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "criterion", "scorer"], name="ideas_score_once_per_scorer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.value} for {self.idea_id} on {self.criterion_id}"


class ResponseTemplate(VersionedModel):
    """A decision and reason a call's answerers can give to many ideas at once; each idea still
    gets its own ReasonedResponse."""

    call = models.ForeignKey(
        CallForIdeas, on_delete=models.CASCADE, related_name="response_templates"
    )
    name = models.CharField(_("name"), max_length=200)
    decision = models.CharField(_("decision"), max_length=24, choices=Decision.choices)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["call", "name", "pk"]
        verbose_name = _("response template")

    def __str__(self) -> str:
        return self.name


class ReasonedResponse(models.Model):
    """Government's public answer to one idea: taken up or not, and why."""

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="response")
    decision = models.CharField(_("decision"), max_length=24, choices=Decision.choices)
    reason = models.TextField(_("reason"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="idea_responses",
        verbose_name=_("responding organisation"),
    )
    responded_on = models.DateField(_("answered on"))
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    template = models.ForeignKey(
        ResponseTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("template used"),
    )

    class Meta:
        verbose_name = _("reasoned response")

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.idea_id}"

    def get_absolute_url(self) -> str:
        return f"{self.idea.get_absolute_url()}#response"

    def days_to_answer(self) -> Any:
        return (self.responded_on - self.idea.submitted_at.date()).days
