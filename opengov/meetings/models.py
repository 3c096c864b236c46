"""Meetings of a multi-stakeholder forum: who came, what was minuted and decided, and the action
items that carry forward from one meeting to the next until they are done."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.core.models import TimeStampedModel, VersionedModel

from .choices import ActionStatus, AttendanceRole, MeetingStatus
from .querysets import ActionItemQuerySet, ActionItemReviewQuerySet, MeetingQuerySet


class MeetingSeries(VersionedModel):
    """Meetings that follow one another, such as "OGN and Cabinet Office"."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_series",
        verbose_name=_("organiser"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:series-detail", kwargs={"slug": self.slug})


class Meeting(VersionedModel):
    title = models.CharField(_("title"), max_length=300)
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_meetings",
        verbose_name=_("organiser"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    summary = models.TextField(_("summary"), blank=True)
    source_url = models.URLField(_("published note"), max_length=500, blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published at"), null=True, blank=True)
    is_public = models.BooleanField(
        _("is public"),
        default=True,
        help_text=_("A meeting that is not public is seen only by the secretariat."),
    )
    import_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("meeting")
        # The meetings list reads upcoming and past meetings in order from it (UpcomingThenPast).
        indexes = [models.Index(fields=["starts_at"], name="meetings_meeting_starts")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="meetings_meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", kwargs={"pk": self.pk})

    @property
    def held_on(self) -> dt.date:
        """The date of the meeting where it was held (the site's time zone), not in UTC."""
        return timezone.localtime(self.starts_at).date()


class Attendance(models.Model):
    """A person at a meeting (or sending apologies), with the organisation they came for."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        "organisations.Person", on_delete=models.PROTECT, related_name="attendances"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("organisation at the time"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=AttendanceRole.choices, default=AttendanceRole.ATTENDEE
    )
    sent_apologies = models.BooleanField(_("sent apologies"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "sent_apologies", "position", "pk"]
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="meetings_attendance_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}"


class MinutesSection(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("minutes"), blank=True)
    commitments = models.ManyToManyField(
        "action_plans.Commitment",
        blank=True,
        related_name="minutes_sections",
        verbose_name=_("commitments discussed"),
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("minutes section")

    def __str__(self) -> str:
        return self.heading or f"{self.meeting} §{self.position}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    section = models.ForeignKey(
        MinutesSection, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("decision"))
    # The form's submission token: the same form sent twice records one decision.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("decision")

    def __str__(self) -> str:
        return self.text[:120]


class ActionItem(VersionedModel):
    """Something someone agreed to do. It belongs to the meeting it came from and is reviewed at
    later meetings of the series until it is done or dropped."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("agreed at")
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("action"))
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner (organisation)"),
    )
    owner_person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner (person)"),
    )
    owner_text = models.CharField(_("owner, as written"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    due_phrase = models.CharField(
        _("due, as written"),
        max_length=200,
        blank=True,
        help_text=_('When the note names no date, its words ("in the New Year") are kept.'),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    status_note = models.TextField(_("note on the status"), blank=True)
    # The token of the form that last changed the status: sent twice, it changes it once.
    status_submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    reviewed_at: models.ManyToManyField[Meeting, ActionItemReview] = models.ManyToManyField(
        Meeting,
        through="ActionItemReview",
        related_name="reviewed_action_items",
        verbose_name=_("reviewed at"),
    )
    commitment = models.ForeignKey(
        "action_plans.Commitment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("commitment"),
    )
    # The action register's order, computed by the database from status and due date: open
    # actions with a due date (0), open undated (1), closed with a date (2), closed undated (3).
    # A plain column, so the register's index serves its order (an expression index cannot be
    # matched by a query whose constants are bound parameters).
    register_rank = models.GeneratedField(
        expression=Case(
            When(status=ActionStatus.OPEN, due_on__isnull=False, then=Value(0)),
            When(status=ActionStatus.OPEN, then=Value(1)),
            When(due_on__isnull=False, then=Value(2)),
            default=Value(3),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("action item")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="done", done_on__isnull=False)
                | (~models.Q(status="done") & models.Q(done_on__isnull=True)),
                name="meetings_actionitem_done_on_iff_done",
            )
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="meetings_action_status_due"),
            # The action register's order (filters.open_first), read from this index.
            models.Index(fields=["register_rank", "due_on"], name="meetings_action_register"),
        ]

    def __str__(self) -> str:
        return self.text[:120]

    def get_absolute_url(self) -> str:
        return reverse("meetings:action-detail", kwargs={"pk": self.pk})

    @property
    def owner_label(self) -> str:
        return str(self.owner_person or self.owner_organisation or self.owner_text or "")

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on is not None and self.due_on < today


class ActionItemReview(TimeStampedModel):
    """An action item looked at in a later meeting: where it stood then, and what was said."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="reviews")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_reviews")
    status = models.CharField(_("status then"), max_length=10, choices=ActionStatus.choices)
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ActionItemReviewQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__starts_at", "pk"]
        verbose_name = _("action item review")
        constraints = [
            models.UniqueConstraint(
                fields=["action_item", "meeting"], name="meetings_review_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action_item} at {self.meeting}"


class NoteImport(TimeStampedModel):
    """A meeting note uploaded for import: what the importer extracted, as corrected by the
    person confirming it, and the meeting it became."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    filename = models.CharField(_("file name"), max_length=255)
    content_hash = models.CharField(max_length=64, db_index=True)
    source_text = models.TextField(_("text as read"))
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    series_name = models.CharField(_("series"), max_length=200, blank=True)
    extraction = models.JSONField(_("extraction"), default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("note import")

    def __str__(self) -> str:
        return self.filename
