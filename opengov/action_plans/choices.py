"""The vocabularies of action plans, with OGP's and the IRM's own values and stable keys.

Every IRM scale also holds OGP's explicit "no data" codes: ND (no data), NR (not reviewed) and
NA (not applicable). An empty value means nobody has entered one yet."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFTING = "drafting", _("Drafting")
    CONSULTATION = "consultation", _("Consultation")
    IMPLEMENTING = "implementing", _("Implementing")
    ENDED = "ended", _("Ended")


class MemberKind(models.TextChoices):
    NATIONAL = "national", _("National")
    LOCAL = "local", _("Local")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    POSTPONED = "postponed", _("Postponed")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DuePrecision(models.TextChoices):
    """How precisely a due date was given: "October 2016" is due by the end of that month."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class UpdateSource(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class AssessmentKind(models.TextChoices):
    GOVERNMENT = "government", _("Government self-assessment")
    CIVIL_SOCIETY = "civil_society", _("Civil-society assessment")


NO_DATA = [
    ("no_data", _("No data (ND)")),
    ("not_reviewed", _("Not reviewed (NR)")),
    ("not_applicable", _("Not applicable (NA)")),
]


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NO_DATA = "no_data", _("No data (ND)")
    NOT_REVIEWED = "not_reviewed", _("Not reviewed (NR)")
    NOT_APPLICABLE = "not_applicable", _("Not applicable (NA)")


class Specificity(models.TextChoices):
    NONE = "none", _("None")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    NO_DATA = "no_data", _("No data (ND)")
    NOT_REVIEWED = "not_reviewed", _("Not reviewed (NR)")
    NOT_APPLICABLE = "not_applicable", _("Not applicable (NA)")


class PotentialImpact(models.TextChoices):
    NONE = "none", _("None")
    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    TRANSFORMATIVE = "transformative", _("Transformative")
    NO_DATA = "no_data", _("No data (ND)")
    NOT_REVIEWED = "not_reviewed", _("Not reviewed (NR)")
    NOT_APPLICABLE = "not_applicable", _("Not applicable (NA)")


class Completion(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNCLEAR = "unclear", _("Unclear")
    NO_DATA = "no_data", _("No data (ND)")
    NOT_REVIEWED = "not_reviewed", _("Not reviewed (NR)")
    NOT_APPLICABLE = "not_applicable", _("Not applicable (NA)")


class DidItOpenGovernment(models.TextChoices):
    WORSENED = "worsened", _("Worsened")
    DID_NOT_CHANGE = "did_not_change", _("Did not change")
    MARGINAL = "marginal", _("Marginal")
    MAJOR = "major", _("Major")
    OUTSTANDING = "outstanding", _("Outstanding")
    NO_EARLY_RESULTS = "no_early_results", _("No early results to report yet")
    NO_DATA = "no_data", _("No data (ND)")
    NOT_REVIEWED = "not_reviewed", _("Not reviewed (NR)")
    NOT_APPLICABLE = "not_applicable", _("Not applicable (NA)")


OGP_VALUES = [
    ("access_to_information", _("Access to information")),
    ("civic_participation", _("Civic participation")),
    ("public_accountability", _("Public accountability")),
    ("technology", _("Technology and innovation for transparency and accountability")),
]
