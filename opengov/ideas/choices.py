"""The vocabularies of ideas, with stable keys: an idea's status, a reasoned response's decision and
the seventeen Sustainable Development Goals an idea may name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    NOT_TAKEN_FORWARD = "not_taken_forward", _("Not taken forward")
    MERGED = "merged", _("Merged into another idea")
    REFUSED = "refused", _("Not published at moderation")


class RefusalReason(models.TextChoices):
    """Why a moderator did not publish an idea: said to its author and counted, never shown with
    the idea's text to anyone else."""

    OFF_TOPIC = "off_topic", _("Not about what the call asks for")
    ABUSIVE = "abusive", _("Abusive or offensive")
    PERSONAL_DATA = "personal_data", _("Contains someone's personal data")
    DUPLICATE = "duplicate", _("Repeats an idea already sent")
    OTHER = "other", _("Another reason")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    NOT_TAKEN_FORWARD = "not_taken_forward", _("Not taken forward")
    MERGED = "merged", _("Merged into another idea")


# Statuses an idea is answered (closed) in; each has a ReasonedResponse.
CLOSED = frozenset({IdeaStatus.ACCEPTED, IdeaStatus.NOT_TAKEN_FORWARD, IdeaStatus.MERGED})
# Statuses of an idea no one but its sender and the moderators sees.
UNPUBLISHED = frozenset({IdeaStatus.SUBMITTED, IdeaStatus.REFUSED})
# Statuses a moderator may move an open, published idea between.
OPEN_STAGES = (IdeaStatus.PUBLISHED, IdeaStatus.UNDER_CONSIDERATION, IdeaStatus.SHORTLISTED)


class SustainableDevelopmentGoal(models.IntegerChoices):
    NO_POVERTY = 1, _("1. No poverty")
    ZERO_HUNGER = 2, _("2. Zero hunger")
    GOOD_HEALTH = 3, _("3. Good health and well-being")
    QUALITY_EDUCATION = 4, _("4. Quality education")
    GENDER_EQUALITY = 5, _("5. Gender equality")
    CLEAN_WATER = 6, _("6. Clean water and sanitation")
    CLEAN_ENERGY = 7, _("7. Affordable and clean energy")
    DECENT_WORK = 8, _("8. Decent work and economic growth")
    INDUSTRY = 9, _("9. Industry, innovation and infrastructure")
    REDUCED_INEQUALITIES = 10, _("10. Reduced inequalities")
    SUSTAINABLE_CITIES = 11, _("11. Sustainable cities and communities")
    RESPONSIBLE_CONSUMPTION = 12, _("12. Responsible consumption and production")
    CLIMATE_ACTION = 13, _("13. Climate action")
    LIFE_BELOW_WATER = 14, _("14. Life below water")
    LIFE_ON_LAND = 15, _("15. Life on land")
    PEACE_JUSTICE = 16, _("16. Peace, justice and strong institutions")
    PARTNERSHIPS = 17, _("17. Partnerships for the goals")
