"""The statuses of a collective action and the kinds of signatory."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionStatus(models.TextChoices):
    GATHERING = "gathering", _("Gathering sign-ups")
    CONSIDERED = "considered", _("Considered")
    ADOPTED = "adopted", _("Adopted into a plan")


class SignatoryKind(models.TextChoices):
    NATIONAL_GOVERNMENT = "national_government", _("National government")
    SUBNATIONAL_GOVERNMENT = "subnational_government", _("Sub-national government")
    EXPERT = "expert", _("Expert")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
