"""Vocabularies of meetings and action items, with stable keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    MINUTES_PUBLISHED = "minutes_published", _("Minutes published")


class AttendanceRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    ATTENDEE = "attendee", _("Attendee")
    GUEST = "guest", _("Guest")
    NOTE_TAKER = "note_taker", _("Note-taker")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")
