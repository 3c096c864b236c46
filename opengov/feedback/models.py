"""Feedback on the open government process, a commitment or this site, and its public answer.

The sender's contact address is private: it is stored only to tell them of the answer, shown on
no page (not even a manager's), never in the API, the open data or the audit trail, and erased
as soon as it has served (when the feedback is answered, or hidden: no answer will come)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.accounts.models import contributor_label
from opengov.core.models import VersionedModel

from .choices import FeedbackStatus, FeedbackSubject, Moderation
from .querysets import FeedbackQuerySet


class Feedback(VersionedModel):
    subject = models.CharField(_("about"), max_length=20, choices=FeedbackSubject.choices)
    commitment = models.ForeignKey(
        "action_plans.Commitment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("commitment"),
    )
    text = models.TextField(_("feedback"))
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("Shown with the feedback; empty means anonymous."),
    )
    contact_email = models.EmailField(
        _("contact e-mail address"),
        blank=True,
        help_text=_("Private: used once, to send the answer, then erased."),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_sent",
        verbose_name=_("sent by account"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.RECEIVED,
    )
    moderation = models.CharField(
        _("moderation"), max_length=20, choices=Moderation.choices, default=Moderation.PENDING
    )
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [
            models.Index(
                fields=["moderation", "-submitted_at", "-id"], name="feedback_moderation_sent"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject="commitment", commitment__isnull=False)
                | (~models.Q(subject="commitment") & models.Q(commitment__isnull=True)),
                name="feedback_commitment_iff_subject",
            )
        ]

    def __str__(self) -> str:
        # No text, name or address: this is what the public history shows of any feedback.
        return str(_("Feedback %(number)s")) % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("feedback:feedback-detail", kwargs={"pk": self.pk})

    @property
    def is_hidden(self) -> bool:
        return self.moderation == Moderation.HIDDEN

    @property
    def is_pending(self) -> bool:
        return self.moderation == Moderation.PENDING

    @property
    def is_answered(self) -> bool:
        return self.status == FeedbackStatus.ANSWERED

    @property
    def public_name(self) -> str:
        return self.name or str(_("Anonymous"))


class Answer(models.Model):
    """The public answer to one feedback, given for an organisation."""

    feedback = models.OneToOneField(
        Feedback, on_delete=models.CASCADE, related_name="answer", verbose_name=_("feedback")
    )
    text = models.TextField(_("answer"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="feedback_answers",
        verbose_name=_("answered for"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_answers",
        verbose_name=_("answered by"),
    )
    answered_by_name = models.CharField(_("answered by (name)"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("answer to feedback")
        verbose_name_plural = _("answers to feedback")

    def __str__(self) -> str:
        return str(_("Answer to feedback %(number)s")) % {"number": self.feedback_id}

    def get_absolute_url(self) -> str:
        return self.feedback.get_absolute_url()

    @property
    def answered_by_label(self) -> str:
        """Who answered, as shown: "former participant" once they deleted their account."""
        return contributor_label(self.answered_by_name, self.answered_by_id)
