"""Vocabularies of nomination rounds, with stable keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CountingMethod(models.TextChoices):
    PLURALITY = "plurality", _("Plurality (the most votes win)")
    STV = "stv", _("Single Transferable Vote (Scottish rules)")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ANNOUNCED = "announced", _("Announced")
    NOMINATIONS_OPEN = "nominations_open", _("Nominations open")
    NOMINATIONS_CLOSED = "nominations_closed", _("Nominations closed")
    VOTING_OPEN = "voting_open", _("Voting open")
    COUNTING = "counting", _("Voting closed, counting")
    RESULTS_PUBLISHED = "results_published", _("Results published")


class Acceptance(models.TextChoices):
    PENDING = "pending", _("Awaiting the nominee's answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
