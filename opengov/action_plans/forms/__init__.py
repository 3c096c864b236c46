"""The forms of the managing pages. Each form's `service_kwargs()` is what its one service takes;
the service decides every business rule, the form only checks what was typed. base.py holds what
they share; plans.py, milestones.py and progress.py the forms by subject."""

from .base import (
    EVIDENCE_SLOTS,
    MAX_CHECKBOXES,
    MULTIPLE_HINT,
    EvidenceMixin,
    EvidenceURLField,
    ManageForm,
    choice_field,
    organisations_field,
    required,
)
from .milestones import (
    CompleteMilestoneForm,
    MilestoneCreateForm,
    MilestoneEditForm,
    ReviseDueDateForm,
)
from .plans import (
    COMMITMENT_FIELD_ORDER,
    CommitmentEditForm,
    CommitmentForm,
    PlanCreateForm,
    PlanEditForm,
    PublishPlanForm,
    grouped_policy_areas,
)
from .progress import AssessmentForm, ProgressUpdateForm, assessing_organisations

__all__ = [
    "COMMITMENT_FIELD_ORDER",
    "EVIDENCE_SLOTS",
    "MAX_CHECKBOXES",
    "MULTIPLE_HINT",
    "AssessmentForm",
    "CommitmentEditForm",
    "CommitmentForm",
    "CompleteMilestoneForm",
    "EvidenceMixin",
    "EvidenceURLField",
    "ManageForm",
    "MilestoneCreateForm",
    "MilestoneEditForm",
    "PlanCreateForm",
    "PlanEditForm",
    "ProgressUpdateForm",
    "PublishPlanForm",
    "ReviseDueDateForm",
    "assessing_organisations",
    "choice_field",
    "grouped_policy_areas",
    "organisations_field",
    "required",
]
