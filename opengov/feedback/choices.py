"""The vocabularies of feedback: what it is about, where it stands, and its moderation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackSubject(models.TextChoices):
    PROCESS = "process", _("The open government process")
    COMMITMENT = "commitment", _("A commitment")
    SITE = "site", _("This website")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Awaiting an answer")
    ANSWERED = "answered", _("Answered")


class Moderation(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by the moderators")
