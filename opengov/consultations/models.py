"""A consultation opens a draft document (Markdown) for comments paragraph by paragraph until a
deadline; the owner organisation then answers per comment or per paragraph, and publishes revised
versions whose differences from the previous one can be read."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.core.models import TimeStampedModel, VersionedModel

from .choices import ConsultationStatus
from .querysets import (
    ConsultationAnswerQuerySet,
    ConsultationQuerySet,
    DocumentVersionQuerySet,
    ParagraphCommentQuerySet,
    ParagraphQuerySet,
)


class Consultation(VersionedModel):
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("owner organisation"),
    )
    plan = models.ForeignKey(
        "action_plans.ActionPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("action plan"),
    )
    closes_at = models.DateTimeField(_("comments close at"), db_index=True)
    published_at = models.DateTimeField(_("opened at"), null=True, blank=True, db_index=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_at", "-pk"]
        verbose_name = _("consultation")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:consultation-detail", kwargs={"pk": self.pk})

    def status_at(self, now: dt.datetime) -> ConsultationStatus:
        if self.published_at is None:
            return ConsultationStatus.DRAFT
        if self.concluded_at is not None:
            return ConsultationStatus.CONCLUDED
        return ConsultationStatus.OPEN if now < self.closes_at else ConsultationStatus.CLOSED

    @property
    def status(self) -> ConsultationStatus:
        return self.status_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.status == ConsultationStatus.OPEN

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class DocumentVersion(TimeStampedModel):
    """One version of the document. Version 1 is edited in place while the consultation is a
    draft; every later version is published as it is created and never changes."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))
    change_note = models.TextField(_("what changed"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["consultation", "number"]
        verbose_name = _("document version")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultations_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation} – version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "consultations:version-detail",
            kwargs={"pk": self.consultation_id, "number": self.number},
        )


class Paragraph(models.Model):
    """A block of the version's Markdown (paragraph, heading, list or quote). `key` is stable
    across versions: a paragraph kept unchanged or changed a little keeps the key of the one it
    replaces (services.paragraphs.match_keys), so its comments and answers follow it."""

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="paragraphs"
    )
    position = models.PositiveIntegerField(_("position"))
    key = models.CharField(_("key"), max_length=32)
    text = models.TextField(_("text"))

    objects = ParagraphQuerySet.as_manager()

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("paragraph")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="consultations_paragraph_position"
            ),
            models.UniqueConstraint(fields=["version", "key"], name="consultations_paragraph_key"),
        ]

    def __str__(self) -> str:
        return f"¶{self.position}"

    @property
    def anchor(self) -> str:
        return f"p-{self.key}"


class Comment(models.Model):
    """A comment on a paragraph, made on the version that was current, or a reply to one
    (`parent`; one level deep: a reply to a reply joins its parent's thread; a reply belongs to
    its parent's paragraph). A moderator (the secretariat, administrators) may hide it with a
    public reason: its text is then seen by moderators alone."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    paragraph_key = models.CharField(_("paragraph key"), max_length=32, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultation_comments",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("made at"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ParagraphCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        indexes = [
            models.Index(fields=["consultation", "created_at"], name="consultations_comment_when")
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.consultation}"

    def get_absolute_url(self) -> str:
        return f"{self.consultation.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None

    def thread_url(self) -> str:
        """The comment in its thread on its paragraph's comments (the page that shows the
        thread: threads are paginated oldest first). One query."""
        root = self.parent if self.parent_id is not None else self
        assert root is not None
        before = Comment.objects.filter(
            consultation_id=root.consultation_id,
            paragraph_key=root.paragraph_key,
            parent__isnull=True,
        ).filter(
            models.Q(created_at__lt=root.created_at)
            | models.Q(created_at=root.created_at, pk__lt=root.pk)
        )
        page = before.count() // settings.OPENGOV_LIST_PAGE_SIZE + 1
        url = reverse("consultations:paragraph-comments", kwargs={"pk": self.paragraph_id})
        return f"{url}?page={page}#comment-{self.pk}"


class CommentReport(models.Model):
    """Someone asking the moderators to look at a comment; once per person and comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment report")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="consultations_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"Report on comment {self.comment_id}"


class Answer(models.Model):
    """The owner's answer to one comment (at most one each) or to a paragraph as a whole."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="answers")
    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="answer"
    )
    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="answers")
    paragraph_key = models.CharField(_("paragraph key"), max_length=32, db_index=True)
    text = models.TextField(_("answer"))
    # Empty when the platform itself answered (an import, the demo): the organisation answers.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation_answers",
        verbose_name=_("answered by"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="consultation_answers",
        verbose_name=_("answering organisation"),
    )
    created_at = models.DateTimeField(_("answered at"), default=timezone.now)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ConsultationAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("answer")

    def __str__(self) -> str:
        return f"Answer {self.pk} in {self.consultation}"

    def get_absolute_url(self) -> str:
        return f"{self.consultation.get_absolute_url()}#answer-{self.pk}"
