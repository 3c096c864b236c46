"""The vocabularies of consultations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultationStatus(models.TextChoices):
    """Where a consultation stands. Only `draft` and `concluded` are stored decisions; `open` and
    `closed` follow from the clock and the deadline (`Consultation.status`,
    `ConsultationQuerySet.open_at/closed_at`), so no scheduled job has to close anything."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed for comments")
    CONCLUDED = "concluded", _("Concluded")
